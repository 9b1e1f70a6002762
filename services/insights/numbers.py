"""Numbers in a text, digits or words: what a summary may not add to its quotes, and what makes a data point."""

from __future__ import annotations

import re

from shared.clauses import tells_what_happened

_NUMBER_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
    r"|million|billion|dozen)"
)
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*)"
NUMBERS = re.compile(rf"\b{_NUMBER}\b|\b\d+(?:\.\d+)?x\b", re.IGNORECASE)
# A quantity a reader can check: a percentage, money, a multiple, or a digit-written figure that is not a year.
MEASURED = re.compile(
    rf"\b{_NUMBER}\s*(?:%|percent\b|per cent\b|x\b|times\b)|[$€£]\s?\d|\b\d+(?:\.\d+)?x\b"
    r"|\b(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> set[str]:
    """Every number in the text, digits or words, lower-cased: what a summary may not add to."""
    return {match.group(0).lower() for match in NUMBERS.finditer(text)}


def has_measurement(text: str) -> bool:
    return bool(MEASURED.search(text))


def reports_what_happened(text: str) -> bool:
    """A measured figure told in the past tense: what the speaker saw happen, not what a buyer is promised. The
    promotion direction reads a sentence's words, not its tense, and "in our own data, cutting the schedule in half
    raised leads by 40%" sounds like a seller's; it is evidence, and the direction may not veto it. (On the pitch
    set's held-out and fresh splits and the eval's scripts, no pitch the direction caught is one.)"""
    return has_measurement(text) and tells_what_happened(text)
