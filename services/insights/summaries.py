"""One-line summaries cut from the quote itself, so they cannot say what the speaker did not.

A summary only ever removes words from its quote (spoken filler, surrounding clauses), it
never adds any; that is what keeps every number in a summary traceable to the recording.
Shortening can still split a spoken number ("twenty | five"), which is why the engine
checks the finished summary against its quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.insights.cues import Cue, strength

MAX_SUMMARY_WORDS = 28
_WORDS_PER_STEP = 10

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_CLAUSE = re.compile(r"(?<=[,;:])\s+")
_SPOKEN_OPENING = re.compile(
    r"^(?:(?:so|and|but|well|look|now|okay|ok|right|honestly|basically|anyway|you know|I mean)\b[,]?\s+)+",
    re.IGNORECASE,
)


def summarise(quote: str, cues: Sequence[Cue] = ()) -> str:
    """The sentence of the quote that carries the cues best, trimmed to the clauses around them."""
    if len(quote.split()) <= MAX_SUMMARY_WORDS:
        return _tidy(quote)
    sentences = _SENTENCE.split(quote)
    best = max(sentences, key=lambda sentence: strength(sentence, cues)) if cues else sentences[0]
    return _tidy(_around_cues(best, cues))


def summarise_steps(steps: Sequence[str]) -> str:
    """ "Record a handoff video → Turn it into a success plan → ...": each step's first clause."""
    return " → ".join(_shorten(_CLAUSE.split(step)[0].rstrip(",;:"), _WORDS_PER_STEP) for step in steps)


def _around_cues(sentence: str, cues: Sequence[Cue]) -> str:
    if len(sentence.split()) <= MAX_SUMMARY_WORDS:
        return sentence
    clauses = _CLAUSE.split(sentence)
    focus = max(range(len(clauses)), key=lambda index: strength(clauses[index], cues)) if cues else 0
    first, last = focus, focus
    while True:
        widened = _widen(clauses, first, last)
        if widened is None:
            break
        first, last = widened
    return _shorten(" ".join(clauses[first : last + 1]), MAX_SUMMARY_WORDS)


def _widen(clauses: list[str], first: int, last: int) -> tuple[int, int] | None:
    """Add the next clause to the right, else to the left, while the summary still fits."""
    for candidate in ((first, last + 1), (first - 1, last)):
        lo, hi = candidate
        if lo >= 0 and hi < len(clauses) and len(" ".join(clauses[lo : hi + 1]).split()) <= MAX_SUMMARY_WORDS:
            return candidate
    return None


def _shorten(text: str, max_words: int) -> str:
    words = text.split()
    if len(words) <= max_words:
        return text
    return " ".join(words[:max_words]).rstrip(",;:") + "…"


def _tidy(text: str) -> str:
    text = _SPOKEN_OPENING.sub("", text).strip()
    return text[:1].upper() + text[1:]
