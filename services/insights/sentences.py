"""Turn timestamped transcript segments into timestamped sentences.

A sentence takes the start of the segment it begins in and the end of the segment it
finishes in. We deliberately do not interpolate times by character position inside a
segment: the speech-to-text engine only measured segment boundaries, speaking rate is
uneven (pauses, fast asides), and an interpolated start that lands a second late cuts
off the beginning of the quote when a reader seeks to it. Segment bounds are coarser
but always contain the whole quote, and every timestamp we print is one the engine
actually produced, so it traces back to a transcript segment.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from shared.events import TranscriptSegment

# Transcripts without punctuation would otherwise become one endless "sentence"; past this
# length we close the sentence at the next segment boundary instead.
MAX_SENTENCE_WORDS = 60

# A full stop followed by a lower-case word is an abbreviation or a number, not an ending.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[^\sa-z])")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "vs", "e.g", "i.e", "inc", "ltd", "jr", "sr", "u.s"})


@dataclass(frozen=True)
class TimedSentence:
    text: str
    start: float
    end: float


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def transcript_text(segments: Sequence[TranscriptSegment]) -> str:
    """The text every quote is a verbatim substring of: segments joined by single spaces."""
    return " ".join(text for text in (normalise_whitespace(s.text) for s in segments) if text)


def split_into_sentences(segments: Sequence[TranscriptSegment]) -> list[TimedSentence]:
    spoken = [(segment, normalise_whitespace(segment.text)) for segment in segments]
    spoken = [(segment, text) for segment, text in spoken if text]
    if not spoken:
        return []

    text = " ".join(piece for _, piece in spoken)
    segment_starts: list[int] = []
    offset = 0
    for _, piece in spoken:
        segment_starts.append(offset)
        offset += len(piece) + 1

    def segment_at(position: int) -> TranscriptSegment:
        return spoken[bisect.bisect_right(segment_starts, position) - 1][0]

    sentences = []
    for begin, finish in _sentence_spans(text, segment_starts):
        sentences.append(
            TimedSentence(text=text[begin:finish], start=segment_at(begin).start, end=segment_at(finish - 1).end)
        )
    return sentences


def _sentence_spans(text: str, segment_starts: list[int]) -> list[tuple[int, int]]:
    ends = [match.end() for match in _SENTENCE_END.finditer(text) if not _ends_with_abbreviation(text, match.start())]
    spans = []
    begin = 0
    for finish in [*ends, len(text)]:
        if finish > begin:
            spans.extend(_cap_length(text, begin, finish, segment_starts))
        begin = finish + 1
    return [(b, f) for b, f in spans if text[b:f].strip()]


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    word = text[:dot].rsplit(" ", 1)[-1].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _cap_length(text: str, begin: int, finish: int, segment_starts: list[int]) -> list[tuple[int, int]]:
    """Split an over-long span at segment boundaries (which sit one space after a segment's text)."""
    if len(text[begin:finish].split()) <= MAX_SENTENCE_WORDS:
        return [(begin, finish)]
    spans = []
    for boundary in segment_starts:
        if begin < boundary < finish and len(text[begin : boundary - 1].split()) >= MAX_SENTENCE_WORDS:
            spans.append((begin, boundary - 1))
            begin = boundary
    spans.append((begin, finish))
    return spans
