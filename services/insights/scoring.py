"""How publishable an insight is: specific (numbers, named things, on-topic) and well evidenced.

Weights sum to 1. Every insight starts with the base weight because it rests on a verbatim,
timestamped quote; the rest rewards what makes a quote worth building content on: a clear
signal from the speaker (cue strength), a checkable number, named companies or places,
and vocabulary that is central to the recording (its YAKE keywords). Very short and very
long quotes lose a little, since neither stands on its own in an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.insights.cues import DATA_CUES, POINT_OF_VIEW_CUES, STORY_CUES, strength
from services.insights.numbers import numbers_in

BASE = 0.15
CUE_WEIGHT = 0.25
NUMBER_WEIGHT = 0.2
NAMED_WEIGHT = 0.15
KEYWORD_WEIGHT = 0.25
LENGTH_PENALTY = 0.1

SHORT_QUOTE_WORDS = 6
LONG_QUOTE_WORDS = 60

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*")
# A capitalised word that does not open a sentence names something (a company, a city, a role).
_NAMED = re.compile(r"(?<=[^.!?\s] )[A-Z][\w'\u2019-]*")
_NOT_NAMES = frozenset({"I", "I'm", "I've", "I'd", "I'll", "You", "We", "OK", "Okay"})
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "with", "from", "by",
        "as", "is", "are", "was", "were", "be", "been", "it", "its", "it's", "this", "that", "these", "those",
        "they", "them", "their", "we", "our", "us", "you", "your", "i", "my", "me", "he", "she", "his", "her",
        "not", "no", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should",
        "just", "very", "then", "than", "there", "here", "what", "which", "who", "when", "how", "all", "any",
        "some",
    }
)  # fmt: skip


def score(quote: str, *, cue_strength: float, keywords: Sequence[str], whole_passage: bool = False) -> float:
    """0..1, rounded so that equal inputs always compare equal."""
    words = len(quote.split())
    total = (
        BASE
        + CUE_WEIGHT * cue_strength
        + NUMBER_WEIGHT * number_specificity(quote)
        + NAMED_WEIGHT * min(1.0, len(named_things(quote)) / 2)
        + KEYWORD_WEIGHT * min(1.0, 2 * keyword_density(quote, keywords))
    )
    if words < SHORT_QUOTE_WORDS or (words > LONG_QUOTE_WORDS and not whole_passage):
        total -= LENGTH_PENALTY
    return round(min(1.0, max(0.0, total)), 3)


def number_specificity(text: str) -> float:
    """Quantities a reader can check (percent, money, counts), and how many distinct numbers back them."""
    return (strength(text, DATA_CUES) + min(1.0, len(numbers_in(text)) / 2)) / 2


def named_things(text: str) -> set[str]:
    return {name for name in _NAMED.findall(text) if name not in _NOT_NAMES}


def content_words(text: str) -> list[str]:
    return [word for word in (w.lower() for w in _WORD.findall(text)) if word not in _FUNCTION_WORDS]


def keyword_density(text: str, keywords: Sequence[str]) -> float:
    """Share of the text's content words that belong to one of the recording's key phrases."""
    words = content_words(text)
    if not words:
        return 0.0
    lowered = f" {' '.join(words)} "
    covered: set[str] = set()
    for keyword in keywords:
        phrase = content_words(keyword)
        if phrase and f" {' '.join(phrase)} " in lowered:
            covered.update(phrase)
    return sum(1 for word in words if word in covered) / len(words)


# Phrases that restate what everyone already says: the opposite of a point of view.
_CONSENSUS = re.compile(
    r"\b(?:best practices?|(?:tips|tricks|hacks) (?:for|to)|it'?s important to|make sure (?:to|you)"
    r"|at the end of the day|content is king|game[- ]changer|as we all know|everyone knows)\b",
    re.IGNORECASE,
)


def specificity(quote: str, keywords: Sequence[str]) -> float:
    """Concrete detail: checkable numbers, named things and the recording's own vocabulary, 0..1."""
    value = (
        0.5 * number_specificity(quote)
        + 0.25 * min(1.0, len(named_things(quote)) / 2)
        + 0.25 * min(1.0, 2 * keyword_density(quote, keywords))
    )
    return round(min(1.0, value), 3)


def originality(quote: str) -> float:
    """How far the quote departs from consensus: contrarian cues up, stock phrases down, 0..1."""
    value = 0.2 + 0.8 * strength(quote, POINT_OF_VIEW_CUES) - (0.4 if _CONSENSUS.search(quote) else 0.0)
    return round(min(1.0, max(0.0, value)), 3)


def evidence_strength(quotes: Sequence[str], insight_type: str) -> float:
    """How well the quotes back the idea: numbers, something that happened, a process, saying it twice."""
    joined = " ".join(quotes)
    value = (
        0.3
        + 0.3 * max(strength(joined, DATA_CUES), strength(joined, STORY_CUES))
        + (0.2 if insight_type == "framework" else 0.0)
        + 0.2 * min(1.0, (len(quotes) - 1) / 2)
    )
    return round(min(1.0, value), 3)
