"""Grounding: every quote must be found in the transcript, every number in its evidence.

Both engines pass through here. A quote is looked up in the transcript after normalising
case, punctuation and spacing (speech-to-text punctuates differently from a model that
copies it); an exact normalised match is taken at once, otherwise the best fuzzy alignment
must reach ``MIN_SIMILARITY``. A located quote is replaced by the transcript's own words
over that span, with the timestamps of the segments it covers, so what is published is
verbatim even when the engine paraphrased a little. An insight whose summary or steps carry
a number that its quotes do not is dropped: that is how an invented statistic looks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from services.insights.numbers import numbers_in
from services.insights.sentences import joined_text, normalise_whitespace
from shared.events import Evidence, Insight, TranscriptSegment

MIN_SIMILARITY = 0.9
# Quotes this short match almost anywhere by chance: they must match exactly.
MIN_FUZZY_CHARS = 24

_KEEP = re.compile(r"[a-z0-9%$€£]")
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class LocatedQuote:
    """Where a quote sits in the transcript, in the transcript's own words."""

    text: str
    start: float
    end: float
    segment_index: int
    similarity: float
    speaker: str | None = None


@dataclass(frozen=True)
class GroundingReport:
    kept: list[Insight]
    dropped: list[tuple[Insight, str]] = field(default_factory=list)


class TranscriptIndex:
    """The transcript normalised once, with a map from every normalised character back to the raw text."""

    def __init__(self, segments: Sequence[TranscriptSegment]) -> None:
        self.segments = [segment for segment in segments if segment.text.strip()]
        pieces = [normalise_whitespace(segment.text) for segment in self.segments]
        # Joined and cased as the sentences the engine quotes are, so a located quote reads as the engine's did.
        self.raw, self._segment_starts = joined_text(pieces)
        self.normalised, self._raw_positions = _normalise_with_positions(self.raw)

    def locate(self, quote: str) -> LocatedQuote | None:
        wanted = normalise(quote)
        if not wanted or not self.normalised:
            return None
        begin = self.normalised.find(wanted)
        if begin >= 0:
            return self._located(begin, begin + len(wanted), 1.0)
        if len(wanted) < MIN_FUZZY_CHARS:
            return None
        alignment = fuzz.partial_ratio_alignment(wanted, self.normalised, score_cutoff=MIN_SIMILARITY * 100)
        if alignment is None:
            return None
        return self._located(alignment.dest_start, alignment.dest_end, alignment.score / 100)

    def _located(self, begin: int, end: int, similarity: float) -> LocatedQuote:
        raw_begin = self._raw_positions[begin]
        raw_end = self._raw_positions[max(begin, end - 1)] + 1
        # Widen to whole words, and keep the sentence's closing punctuation.
        while raw_begin > 0 and not self.raw[raw_begin - 1].isspace():
            raw_begin -= 1
        while raw_end < len(self.raw) and not self.raw[raw_end].isspace():
            raw_end += 1
        first = bisect.bisect_right(self._segment_starts, raw_begin) - 1
        last = bisect.bisect_right(self._segment_starts, raw_end - 1) - 1
        return LocatedQuote(
            text=self.raw[raw_begin:raw_end].strip(),
            start=self.segments[first].start,
            end=self.segments[last].end,
            segment_index=first,
            similarity=round(similarity, 3),
            speaker=self.segments[first].speaker or None,
        )


def normalise(text: str) -> str:
    return _normalise_with_positions(text)[0]


def _normalise_with_positions(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    positions: list[int] = []
    for position, char in enumerate(text.lower().replace("\u2019", "'")):
        if _KEEP.match(char):
            chars.append(char)
            positions.append(position)
        elif char == "'":
            continue  # "it's" and "its" differ only in what a transcriber chose
        elif chars and chars[-1] != " ":
            chars.append(" ")
            positions.append(position)
    while chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    return "".join(chars), positions


def canonical_numbers(text: str) -> set[str]:
    """Numbers as values, so "forty percent" in a quote backs "40%" in a summary."""
    values = set()
    for number in numbers_in(text):
        value = _value(number)
        values.add(value if value is not None else number)
    return values


def _value(number: str) -> str | None:
    cleaned = number.replace(",", "").lower().removesuffix("x")
    try:
        as_float = float(cleaned)
    except ValueError:
        pass
    else:
        return f"{as_float:g}"
    total, current = 0, 0
    for word in re.split(r"[- ]+", cleaned):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return f"{float(total + current):g}"


def unsupported_numbers(claims: Iterable[str], evidence: Iterable[str]) -> set[str]:
    """Numbers the claims state that no piece of evidence contains."""
    backed: set[str] = set()
    for quote in evidence:
        backed |= canonical_numbers(quote)
    stated: set[str] = set()
    for claim in claims:
        stated |= canonical_numbers(claim)
    return stated - backed


def ground_insight(insight: Insight, index: TranscriptIndex) -> tuple[Insight | None, str]:
    """The insight with every quote located in the transcript, or None and why it was dropped."""
    quotes = [item.quote for item in insight.evidence] or [insight.quote]
    located: list[LocatedQuote] = []
    for quote in dict.fromkeys(quotes):
        found = index.locate(quote)
        if found is None:
            if not located and quote == quotes[0]:
                return None, f"quote not found in the transcript: {quote[:80]!r}"
            continue  # a secondary quote that is not there is dropped, the insight stands on the rest
        located.append(found)
    if not located:
        return None, "no quote found in the transcript"
    invented = unsupported_numbers([insight.summary, *insight.steps], [item.text for item in located])
    if invented:
        return None, f"numbers not in the evidence: {sorted(invented)}"
    main = located[0]
    evidence = [
        Evidence(
            quote=item.text, start=item.start, end=item.end, segment_index=item.segment_index, speaker=item.speaker
        )
        for item in located
    ]
    return (
        insight.model_copy(
            update={
                "quote": main.text,
                "start": main.start,
                "end": main.end,
                "segment_index": main.segment_index,
                "speaker": main.speaker,
                "evidence": evidence,
            }
        ),
        "",
    )


def ground_insights(insights: Sequence[Insight], segments: Sequence[TranscriptSegment]) -> GroundingReport:
    index = TranscriptIndex(segments)
    report = GroundingReport(kept=[])
    for insight in insights:
        grounded, reason = ground_insight(insight, index)
        if grounded is None:
            report.dropped.append((insight, reason))
        else:
            report.kept.append(grounded)
    return report
