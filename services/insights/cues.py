"""Spoken cues the LLM engine's rescoring reads (originality, evidence): not how the offline engine finds ideas.

Each cue carries a weight: a strong cue ("most people think", "last year") is enough on
its own, a weak one ("actually", "lost") only counts together with another. A type's
strength is the summed weight scaled into 0..1, so the engine can compare types for the
same sentence and keep the one the speaker signalled most clearly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

STRONG = 1.0
WEAK = 0.5
# One strong cue or two weak ones make a sentence count as that type.
TYPE_THRESHOLD = 0.6
_FULL_STRENGTH = 1.5

_NUMBER_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
    r"|million|billion|dozen)"
)
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*)"
_COUNTED = (
    r"(?:hours?|minutes?|days?|weeks?|months?|quarters?|years?|customers?|clients?|people|accounts?|users?|teams?"
    r"|companies|deals?|leads?|calls?|meetings?|webinars?|episodes?|employees?|reps?|signups?|trials?|downloads?)"
)


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: float


def _cues(weight: float, *patterns: str) -> list[Cue]:
    return [Cue(re.compile(pattern, re.IGNORECASE), weight) for pattern in patterns]


POINT_OF_VIEW_CUES = [
    *_cues(
        STRONG,
        r"\bmost (?:people|teams|companies|marketers|founders|leaders)\b",
        r"\b(?:everyone|everybody) (?:thinks|believes|says|assumes|tells you)\b",
        r"\bconventional wisdom\b",
        r"\bmyths?\b",
        r"\bwrong\b",
        r"\bthe (?:truth|reality) is\b",
        r"\bI (?:really |strongly |genuinely )?believe\b",
        r"\bI'd argue\b",
        r"\bunpopular opinion\b",
        r"\boverrated\b",
        r"^(?:(?:so|and|but|please)[, ]+)?stop\b",
        r"\b(?:need|have|has|should|got) to stop\b",
        r"\bshould(?: not|n't)\b",
        r"\bnobody talks about\b",
        r"\bis dead\b",
        r"\bthe real (?:problem|issue|question) is\b",
    ),
    *_cues(
        WEAK,
        r"\binstead\b",
        r"\bactually\b",
        r"\bI think\b",
        r"\bin my (?:view|opinion|experience)\b",
        r"\brather than\b",
        r"\bdoes(?: not|n't) work\b",
        r"\bis(?: not|n't) about\b",
        r"\bnot (?:a|an) \w+ problem\b",
    ),
]

PAIN_POINT_CUES = [
    *_cues(
        STRONG,
        r"\bstruggl\w*",
        r"\bwast\w*",
        r"\bfrustrat\w*",
        r"\bhard to\b",
        r"\bnobody has (?:the )?time\b",
        r"\bno one has (?:the )?time\b",
        r"\bno time\b",
        r"\bpain(?:ful)?\b",
        r"\bbottlenecks?\b",
        r"\bburn(?:ed|t)? ?out\b",
        r"\boverwhelm\w*",
        r"\bdrowning\b",
        r"\bheadaches?\b",
        r"\bcan't keep up\b",
        r"\bfalls? through the cracks\b",
        r"\bstuck\b",
    ),
    *_cues(
        WEAK,
        r"\bproblems?\b",
        r"\bdifficult\b",
        r"\bmanual(?:ly)?\b",
        r"\btedious\b",
        r"\b(?:lose|loses|losing|lost)\b",
        r"\bchurn\w*",
        r"\bexpensive\b",
        r"\bcostly\b",
        r"\bfail\w*",
        r"\bmiss(?:es|ed|ing)?\b",
    ),
]

STORY_CUES = [
    *_cues(
        STRONG,
        r"\blast (?:year|month|week|quarter|spring|summer|fall|autumn|winter)\b",
        r"\bwhen we\b",
        r"\bone (?:customer|client|team|company|founder)\b",
        r"\bone of (?:our|my) (?:customers|clients)\b",
        r"\bI (?:still )?remember\b",
        r"\ba (?:few|couple of) (?:years|months|weeks) ago\b",
        r"\b(?:years|months) ago\b",
        r"\bback in\b",
        r"\bone time\b",
        r"\bthe other day\b",
        r"\bwe had a (?:customer|client)\b",
        r"\bat my (?:last|previous|first) (?:company|job)\b",
        r"\bI once\b",
    ),
    *_cues(
        WEAK,
        r"\bwe (?:tried|started|learned|realised|realized|decided)\b",
        r"\b(?:told|asked|called) (?:me|us)\b",
        r"\b(?:said|says), ",
    ),
]

# Quantities a reader can check: percentages, money, multiples, ratios, counted things.
DATA_CUES = [
    *_cues(
        STRONG,
        rf"\b{_NUMBER}\s*(?:%|percent\b|per cent\b)",
        r"[$€£]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|billion|thousand)\b)?",
        rf"\b{_NUMBER}\s+(?:dollars|euros|pounds|bucks)\b",
        rf"\b(?:\d+(?:\.\d+)?x|{_NUMBER})\s+times\b",
        r"\b(?:doubled|tripled|quadrupled|halved|twice as)\b",
        rf"\b{_NUMBER} out of {_NUMBER}\b",
        r"\b\d[\d,.]*\s+(?:thousand|million|billion|hundred)\b",
        rf"\b\d[\d,]*(?:\.\d+)?\s+{_COUNTED}\b",
    ),
    *_cues(
        WEAK,
        rf"\b{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*\s+{_COUNTED}\b",
        r"\b(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?\b",
    ),
]


def strength(text: str, cues: Iterable[Cue]) -> float:
    """How clearly the text carries a type: summed weights of the distinct cues it matches, in 0..1."""
    total = sum(cue.weight for cue in cues if cue.pattern.search(text))
    return min(1.0, total / _FULL_STRENGTH)
