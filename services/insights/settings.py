"""Settings of the insights service: which engine finds the insights, and how to reach a model if one does."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from shared.settings import RecastSettings


class InsightsSettings(RecastSettings):
    insights_engine: Literal["deterministic", "llm"] = Field(
        default="deterministic", description="deterministic (no model) or llm (an OpenAI-compatible server)."
    )
    max_insights: int = Field(default=12, ge=1, le=50, description="Most insights kept per recording.")
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1; unset means OpenAI."
    )
    llm_model: str = Field(default="gpt-4o-mini", min_length=1, description="Model name the server knows.")
    llm_api_key: SecretStr = Field(
        default=SecretStr("not-needed"), description="API key; local servers accept any value."
    )
    llm_response_format: Literal["json_schema", "json_object"] = Field(
        default="json_schema",
        description="json_schema (OpenAI, vLLM) or json_object with the schema attached (llama.cpp's server).",
    )
    llm_max_attempts: int = Field(default=3, ge=1, le=10, description="Tries per chunk when the output is invalid.")
    llm_timeout_s: float = Field(default=120, gt=0, description="Timeout of one completion request.")
    llm_chunk_chars: int = Field(default=12_000, ge=500, description="Transcript characters sent per request.")
    llm_max_tokens: int = Field(default=2048, ge=64, description="Most tokens the model may answer with.")
    llm_fallback: bool = Field(
        default=True, description="Use the deterministic engine when the model never returns valid output."
    )
