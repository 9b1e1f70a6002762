"""Settings of the insights service: which engine finds the insights, and how to reach a model if one does."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from shared.settings import RecastSettings


class InsightsSettings(RecastSettings):
    insights_engine: Literal["extractive", "llm"] = Field(
        default="extractive",
        description="extractive (sentence embeddings shipped offline) or llm (an OpenAI-compatible server).",
    )
    max_insights: int = Field(default=5, ge=1, le=50, description="Most insights kept per recording.")
    embed_threads: int = Field(default=2, ge=1, le=64, description="CPU threads of the sentence-embedding model.")
    embed_candidates: int = Field(
        default=24,
        ge=1,
        le=2000,
        description="Most sentences embedded per recording (the lexically most salient); bounds the stage's time.",
    )
    min_claim_margin: float = Field(
        default=-0.03,
        ge=-1,
        le=1,
        description="Least margin (closeness to a claim category less closeness to a chit-chat one) of a published "
        "sentence; e5's cosines are compressed, so margins are small numbers.",
    )
    max_promotion: float = Field(
        default=0.9,
        gt=0,
        le=1,
        description="Least probability of promotion (the engines' second opinion beside the pitch rules) at which a "
        "sentence is no idea of the recording; 1 turns the second opinion off.",
    )
    # Chosen on the eval's dev split, halfway between its most substantive-sounding no-substance recording
    # (-0.031) and its least substantive recording with key ideas (-0.009; 41 recordings, 2026-12-04), judged
    # over every claim-shaped sentence, quotable or not: a threshold at the edge of a sample does not carry to
    # unseen recordings.
    min_recording_substance: float = Field(
        default=-0.02,
        ge=-1,
        le=1,
        description="Least mean claim margin of a recording's three most claim-like sentences (quotable or not); "
        "below it the recording is refused as small talk.",
    )
    min_relative_score: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Least score of a published insight, as a share of the recording's best (scores are ranks).",
    )
    min_content_words: int = Field(
        default=25,
        ge=0,
        description="Distinct content words a recording needs before anything in it is worth publishing.",
    )
    quote_min_avg_logprob: float = Field(
        default=-0.6, le=0, description="Lowest Whisper average log-probability of a segment that may be quoted."
    )
    quote_max_no_speech_prob: float = Field(
        default=0.5, ge=0, le=1, description="Highest Whisper no-speech probability of a segment that may be quoted."
    )
    quote_max_compression_ratio: float = Field(
        default=2.4, gt=0, description="Highest compression ratio of a quoted segment (higher means looped text)."
    )
    # Chosen on the eval's dev split (python -m bench.quote_gate, docs/evaluation.md): higher floors cut
    # misquotes but leave too few quotable claims on Whisper base's hearing of synthetic voices.
    quote_min_word_probability: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Lowest probability of any word in a quoted sentence, when words are timed.",
    )
    # Chosen on the eval's dev split (docs/evaluation.md, "Fewer misquotes"): past it, a sentence's point is
    # still published, but not inside quotation marks.
    quote_max_expected_misheard_words: float = Field(
        default=1.0,
        ge=0,
        description="Most misheard words Whisper itself expects in a sentence printed as a verbatim quote (the sum "
        "of one minus each word's probability), when words are timed.",
    )
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
        default=True, description="Use the extractive engine when the model never returns valid output."
    )
