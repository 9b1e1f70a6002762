"""What kind of insight a sentence is, from signals that do not depend on a recording's wording:
a measured figure makes a data point; closeness to described categories (an anecdote, a
problem, a position) decides between story, pain point and point of view, where a story must
also be told in the past tense; a short general line with no "I" or "you" is a quotable line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.insights.extractive.embedder import Embedder, Vectors
from services.insights.numbers import has_measurement
from shared.clauses import told_in_the_past
from shared.events import InsightType

_DESCRIBED = (
    (InsightType.story, "A personal anecdote: something that happened to the speaker or a customer, told in the past."),
    (InsightType.story, "An account of what one company or person did at a particular time, and how it turned out."),
    (InsightType.pain_point, "A problem, a frustration or a failure that customers or teams keep running into."),
    (InsightType.pain_point, "What goes wrong for people today and what it costs them."),
    (InsightType.point_of_view, "A position on how things should be done, argued with a reason."),
    (InsightType.point_of_view, "A claim that common practice or most people get something wrong."),
    (InsightType.point_of_view, "A general statement about how something works and why it matters."),
)
QUOTABLE_MAX_WORDS = 18
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|you|your|you're|we|we're|our|us)\b", re.IGNORECASE)


@dataclass(frozen=True)
class KindPrototypes:
    kinds: tuple[InsightType, ...]
    vectors: Vectors

    @classmethod
    def embedded_by(cls, embedder: Embedder) -> KindPrototypes:
        return cls(tuple(kind for kind, _ in _DESCRIBED), embedder.embed([text for _, text in _DESCRIBED]))


def insight_kind(text: str, vector: Vectors, prototypes: KindPrototypes) -> InsightType:
    if has_measurement(text):
        return InsightType.data_point
    similarity = prototypes.vectors @ vector
    best: dict[InsightType, float] = {}
    for kind, value in zip(prototypes.kinds, similarity, strict=True):
        best[kind] = max(best.get(kind, -1.0), float(value))
    if not told_in_the_past(text):
        best.pop(InsightType.story, None)
    nearest = max(best, key=lambda kind: best[kind])
    if nearest is InsightType.point_of_view and is_quotable_line(text):
        return InsightType.quotable_line
    return nearest


def is_quotable_line(text: str) -> bool:
    """Fits in a social post and speaks generally, not of "me" or to "you"."""
    return len(text.split()) <= QUOTABLE_MAX_WORDS and not _PERSONAL.search(text)
