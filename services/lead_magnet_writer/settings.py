"""Settings of the lead-magnet writer: who the lead magnet sells for and what the reader gives to get it."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from shared.llm import LLMSettings
from shared.settings import RecastSettings

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class LeadMagnetLLMSettings(LLMSettings):
    """The content-marketing rail's own model (``RECAST_LEAD_MAGNET_LLM_*``); no base URL, no drafting."""

    model_config = SettingsConfigDict(env_prefix="RECAST_LEAD_MAGNET_LLM_", extra="ignore")


class LeadMagnetSettings(RecastSettings):
    product_name: str = Field(default="Recast", min_length=1, description="The product the lead magnet leads to.")
    product_pitch: str = Field(
        default="turns the webinars and podcasts you already record into lead magnets and articles, "
        "without anyone re-watching them",
        min_length=1,
        description="What the product solves, as a clause that follows the product name.",
    )
    cta_text: str = Field(default="Get the full template", min_length=1, description="The call to action.")
    cta_url: str = Field(
        default="https://example.com/get-started", description="Where the call to action leads (placeholder)."
    )
    gating_fields: list[str] = Field(
        default_factory=lambda: ["email", "first_name", "company"],
        min_length=1,
        description="What the reader gives to get the lead magnet; form field names.",
    )
    lead_magnet_templates_dir: Path | None = Field(
        default=None, description="A folder whose templates override the built-in ones, file by file."
    )
    lead_magnet_llm: LeadMagnetLLMSettings = Field(
        default_factory=LeadMagnetLLMSettings,
        description="An OpenAI-compatible model that may redraft the lead magnet's prose (off by default).",
    )

    @field_validator("cta_url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"cta_url must be an absolute http(s) URL, got {value!r}")
        return value

    @field_validator("gating_fields")
    @classmethod
    def _form_field_names(cls, value: list[str]) -> list[str]:
        bad = [name for name in value if not _FIELD_NAME.match(name)]
        if bad:
            raise ValueError(f"gating fields must be snake_case form field names, got {bad}")
        return value

    @field_validator("lead_magnet_templates_dir")
    @classmethod
    def _existing_folder(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"lead_magnet_templates_dir is not a folder: {value}")
        return value
