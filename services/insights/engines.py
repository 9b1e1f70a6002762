"""Choose the insight engine from settings: extractive (offline) by default, an LLM when configured."""

from __future__ import annotations

import logging
from typing import Protocol

from services.insights.extractive import E5Embedder, ExtractiveEngine
from services.insights.extractive.promotion import PromotionDirection, PromotionScreen
from services.insights.grammar import Grammar
from services.insights.llm import LLMInsightEngine, LLMOutputError
from services.insights.settings import InsightsSettings
from shared.events import InsightSet, Transcript

log = logging.getLogger("recast.insights")


class InsightEngine(Protocol):
    name: str

    def extract(self, transcript: Transcript, *, source_key: str, title: str) -> InsightSet: ...


class LLMWithFallback:
    """The LLM engine; when it never answers validly (and fallback is on), the extractive one."""

    name = "llm"

    def __init__(self, settings: InsightsSettings, llm: LLMInsightEngine | None = None) -> None:
        grammar = Grammar.english()  # the LLM engine counts key phrases with it too
        screens = settings.max_promotion < 1
        # One embedding model for the second opinion and the fallback; none when neither is on.
        embedder = E5Embedder(threads=settings.embed_threads) if screens or settings.llm_fallback else None
        promoting = (
            PromotionScreen(embedder, PromotionDirection.fitted(), settings.max_promotion)
            if embedder and screens
            else None
        )
        self.llm = llm or LLMInsightEngine(settings, grammar=grammar, promoting=promoting)
        self.fallback = ExtractiveEngine.from_settings(settings, grammar, embedder) if settings.llm_fallback else None

    def extract(self, transcript: Transcript, *, source_key: str, title: str) -> InsightSet:
        try:
            return self.llm.extract(transcript, source_key=source_key, title=title)
        except LLMOutputError as error:
            if self.fallback is None:
                raise
            log.warning(
                "llm engine gave no valid output; using the extractive engine",
                extra={"recording_id": transcript.recording_id, "error": str(error)},
            )
            return self.fallback.extract(transcript, source_key=source_key, title=title)


def build_engine(settings: InsightsSettings) -> InsightEngine:
    if settings.insights_engine == "llm":
        return LLMWithFallback(settings)
    return ExtractiveEngine.from_settings(settings)
