"""Transcriber settings: which speech-to-text engine runs, on which model, and how hard it searches."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Self

from faster_whisper.tokenizer import _LANGUAGE_CODES
from pydantic import Field, field_validator, model_validator
from pydantic_settings import NoDecode

from services.transcriber.models import BUNDLED_MODELS, bundled_model_dir
from shared.settings import RecastSettings

EngineName = Literal["faster-whisper", "openai-whisper"]
AUTO_LANGUAGE = "auto"
# Every language a multilingual Whisper model can transcribe (ISO 639-1, plus "haw" and "yue").
WHISPER_LANGUAGES = frozenset(_LANGUAGE_CODES)


class TranscriberSettings(RecastSettings):
    engine: EngineName = Field(default="faster-whisper", description="Speech-to-text engine.")
    model_path: Path | None = Field(
        default=None,
        description="CTranslate2 Whisper model directory; empty means the bundled model named by model_name.",
    )
    # base, greedy: the lowest word error rate of the bundled models and searches on the report set and
    # the eval corpus. Measured idle it takes the pipeline to 0.085x the audio's duration, over the 0.07x
    # budget; the cheaper tiny.en beam 5 that fits it lost 2.5 WER points and the eval floors
    # (docs/benchmarks.md, "Choosing the default model").
    model_name: str = Field(
        default="base",
        description="Bundled model to run, tiny.en (English only) or base (multilingual); with model_path set, "
        "the name recorded in every transcript.",
    )
    language: str = Field(
        default="en", description="Language spoken in the recordings (ISO 639-1), or 'auto' to detect it."
    )
    languages: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated languages a recording may be in (ISO 639-1); empty means any Whisper language.",
    )
    # Whisper's own detection threshold (faster-whisper's language_detection_threshold): below it the
    # model is guessing, and a transcript in the wrong language is worse than none.
    min_language_probability: float = Field(
        default=0.5, ge=0, le=1, description="Refuse a recording whose detected language is less likely than this."
    )
    # Beam 5: fewer errors than greedy on every recording measured, and with one transcriber per core
    # the pipeline still takes under 0.07x the audio's duration (docs/benchmarks.md).
    beam_size: int = Field(default=5, ge=1, le=20, description="Beam width; 1 decodes greedily.")
    cpu_threads: int = Field(default=2, ge=1)
    compute_type: str = Field(default="int8", description="CTranslate2 compute type (faster-whisper only).")
    checkpoint_dir: Path = Field(
        default=Path(".models"),
        description="Cache of model files built on first use: the joined base model, converted openai-whisper "
        "checkpoints.",
    )
    # Hallucination guards at decoding time: a window that compresses too well (a loop), or that
    # the model itself thinks is silence and decodes with low confidence, yields no text.
    compression_ratio_threshold: float = Field(default=2.4, gt=1)
    log_prob_threshold: float = Field(default=-1.0, le=0)
    no_speech_threshold: float = Field(default=0.6, gt=0, le=1)
    # On by default: the quote gate reads per-word probabilities to keep a misheard word out of a quote
    # (cost measured with `python -m bench.transcription words`, docs/evaluation.md).
    word_timestamps: bool = Field(default=True, description="Word timings and probabilities in the transcript.")
    # A second decoder re-hears unsure segments; a sentence with a word it did not confirm is published
    # unquoted (services/transcriber/second_opinion.py). Off by default: since the insight stage bounds
    # the misheard words Whisper itself expects in a quote, it adds nothing on dev at 1.56x the
    # transcription CPU (docs/evaluation.md, "Third round").
    second_opinion: Literal["off", "other-model", "wider-beam"] = Field(
        default="off",
        description="Second decoding of unsure segments: the other bundled model, the same model with beam 5, or off.",
    )
    # 0.5 chosen on dev when a confirmed word was the only way to keep a misheard one out of a quote.
    second_opinion_below: float = Field(
        default=0.5,
        ge=0,
        le=1.01,
        description="A segment with any word below this probability is decoded a second time (above 1: every segment).",
    )

    # Applied where the upload is decoded, so the VAD, Whisper and the speaker encoder all read the
    # filtered audio. Off by default: ffmpeg's dynaudnorm there lowered base's WER on every dev
    # recording of bench.stt_dev but raised it on the report set (docs/benchmarks.md).
    audio_filter: str = Field(
        default="",
        description="ffmpeg audio filter chain applied while decoding the upload; empty for none.",
    )

    # Diarization: on its budget (measured in docs/benchmarks.md) it stays on by default.
    diarization: bool = Field(default=True, description="Label each segment with its speaker (S1, S2, ...).")
    diarization_threads: int = Field(
        default=1, ge=1, description="CPU threads of the speaker encoder (a small LSTM gains little from more)."
    )
    speaker_distance_threshold: float = Field(
        default=0.325,
        gt=0,
        lt=2,
        description="Cosine distance below which even the farthest groups of voice windows are one speaker "
        "(a solo talk); above it the count is where the clustering's merge distances step up most "
        "(chosen on the dev split of bench.diarization).",
    )

    # Chunking: speech is cut at silences into chunks of at most this much audio, each one a
    # short job of its own (5 min is ~15 s of work at RTF 0.05), so no poll waits on a long recording.
    max_chunk_s: float = Field(default=300.0, ge=5, le=1800)
    vad_threshold: float = Field(default=0.5, gt=0, lt=1, description="Silero VAD speech probability threshold.")
    min_silence_ms: int = Field(default=500, ge=100, description="A pause at least this long may end a span.")
    speech_pad_ms: int = Field(default=200, ge=0, description="Audio kept either side of each speech span.")
    # Every handler call (planning a recording, transcribing one chunk) must finish well inside
    # this, or aiokafka leaves the group and the message comes back. Small values are for tests.
    max_poll_interval_ms: int = Field(default=600_000, ge=1_000, description="Kafka consumer max_poll_interval_ms.")

    @field_validator("model_path", mode="before")
    @classmethod
    def _empty_means_bundled(cls, value: object) -> object:
        return value or None

    @field_validator("language")
    @classmethod
    def _normalise_language(cls, value: str) -> str:
        language = value.strip().lower()
        if language not in WHISPER_LANGUAGES | {AUTO_LANGUAGE}:
            raise ValueError(f"language {language!r} is neither 'auto' nor a language Whisper knows")
        return language

    @field_validator("languages", mode="before")
    @classmethod
    def _split_languages(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            languages = [str(item).strip().lower() for item in value if str(item).strip()]
            unknown = sorted(set(languages) - WHISPER_LANGUAGES)
            if unknown:
                raise ValueError(f"languages Whisper does not know: {unknown}")
            return languages
        return value

    @model_validator(mode="after")
    def _english_only_model_speaks_english(self) -> Self:
        if self.model_name.endswith(".en") and self.language not in ("en", AUTO_LANGUAGE):
            raise ValueError(
                f"model {self.model_name!r} is English-only but language is {self.language!r}; "
                "set RECAST_LANGUAGE=en or choose a multilingual model"
            )
        if self.model_name.endswith(".en") and self.languages and self.languages != ["en"]:
            raise ValueError(f"model {self.model_name!r} is English-only but languages are {self.languages}")
        return self

    @model_validator(mode="after")
    def _bundled_model_is_named_truthfully(self) -> Self:
        # The name is written into every transcript; it must describe the weights actually used.
        if self.model_path is None and self.model_name not in BUNDLED_MODELS:
            raise ValueError(
                f"model_name is {self.model_name!r} but no model_path is set and no bundled model has that name "
                f"(bundled: {', '.join(BUNDLED_MODELS)}); set RECAST_MODEL_PATH to the {self.model_name!r} model"
            )
        return self

    @property
    def whisper_language(self) -> str | None:
        """The language to ask the engine for; None lets a multilingual model detect it."""
        return None if self.language == AUTO_LANGUAGE else self.language

    @property
    def ct2_model_dir(self) -> Path:
        """The CTranslate2 model directory both engines start from (a bundled model that comes
        in parts is joined into ``checkpoint_dir`` the first time it is asked for)."""
        if self.model_path is not None:
            return self.model_path
        return bundled_model_dir(self.model_name, self.checkpoint_dir)
