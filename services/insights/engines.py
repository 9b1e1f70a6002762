"""Choose the insight engine from settings: deterministic by default, an LLM when configured."""

from __future__ import annotations

import logging
from typing import Protocol

from services.insights.engine import extract_insights
from services.insights.llm import LLMInsightEngine, LLMOutputError
from services.insights.settings import InsightsSettings
from shared.events import InsightSet, Transcript

log = logging.getLogger("recast.insights")


class InsightEngine(Protocol):
    name: str

    def extract(self, transcript: Transcript, *, source_key: str, title: str) -> InsightSet: ...


class DeterministicEngine:
    name = "deterministic"

    def __init__(self, max_insights: int) -> None:
        self.max_insights = max_insights

    def extract(self, transcript: Transcript, *, source_key: str, title: str) -> InsightSet:
        return extract_insights(transcript, source_key=source_key, title=title, max_insights=self.max_insights)


class LLMWithFallback:
    """The LLM engine; when it never answers validly (and fallback is on), the deterministic one."""

    name = "llm"

    def __init__(self, settings: InsightsSettings, llm: LLMInsightEngine | None = None) -> None:
        self.llm = llm or LLMInsightEngine(settings)
        self.fallback = DeterministicEngine(settings.max_insights) if settings.llm_fallback else None

    def extract(self, transcript: Transcript, *, source_key: str, title: str) -> InsightSet:
        try:
            return self.llm.extract(transcript, source_key=source_key, title=title)
        except LLMOutputError as error:
            if self.fallback is None:
                raise
            log.warning(
                "llm engine gave no valid output; using the deterministic engine",
                extra={"recording_id": transcript.recording_id, "error": str(error)},
            )
            return self.fallback.extract(transcript, source_key=source_key, title=title)


def build_engine(settings: InsightsSettings) -> InsightEngine:
    if settings.insights_engine == "llm":
        return LLMWithFallback(settings)
    return DeterministicEngine(settings.max_insights)
