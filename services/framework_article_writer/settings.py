"""Settings of the framework-article writer: which names the promotional-tell guard must never let through."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from shared.llm import LLMSettings
from shared.settings import RecastSettings


class FrameworkArticleLLMSettings(LLMSettings):
    """The thought-leadership rail's own model (``RECAST_FRAMEWORK_ARTICLE_LLM_*``); no base URL, no drafting."""

    model_config = SettingsConfigDict(env_prefix="RECAST_FRAMEWORK_ARTICLE_LLM_", extra="ignore")


class FrameworkArticleSettings(RecastSettings):
    # Same variable the lead-magnet writer sells under (RECAST_PRODUCT_NAME), so renaming the
    # product for one rail can never leave the other rail's guard blind to the new name.
    product_name: str = Field(default="Recast", min_length=1, description="The product; never named in an article.")
    product_names: list[str] = Field(
        default_factory=list,
        description="Further product, feature or company names an article must not mention.",
    )
    max_evidence: int = Field(default=5, ge=2, le=12, description="Most quotes an article cites.")
    # Off by default: on speech Whisper hears unsurely most points cannot be quoted, and an article that names
    # them and points to where they were said still publishes the recording's ideas (docs/evaluation.md).
    article_min_quotes: int = Field(
        default=0,
        ge=0,
        le=12,
        description="Fewest lines an article must quote in the speaker's words (heard clearly enough to quote); "
        "with fewer it goes to review instead of being published. 0 also publishes articles of unquoted points.",
    )
    framework_article_templates_dir: Path | None = Field(
        default=None, description="A folder whose templates override the built-in ones, file by file."
    )
    framework_article_llm: FrameworkArticleLLMSettings = Field(
        default_factory=FrameworkArticleLLMSettings,
        description="An OpenAI-compatible model that may redraft the article's prose (off by default).",
    )

    @property
    def guarded_names(self) -> list[str]:
        return list(dict.fromkeys([self.product_name, *self.product_names]))

    @field_validator("framework_article_templates_dir")
    @classmethod
    def _existing_folder(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"framework_article_templates_dir is not a folder: {value}")
        return value
