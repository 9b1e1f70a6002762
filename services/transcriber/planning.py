"""Cutting a recording into chunks at silences, and mapping chunk time back to recording time.

Voice activity detection gives the stretches of speech. A chunk is a run of consecutive
stretches whose speech adds up to at most ``max_chunk_s``, so every cut falls in a silence.
The chunk's audio is its stretches laid end to end: silence and music between them never
reach Whisper (which invents text for them), and :func:`to_recording_time` puts each
timestamp Whisper reports in the chunk back where it was said in the recording.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field


class SpeechSpan(BaseModel):
    """A stretch of speech, in seconds from the start of the recording."""

    model_config = ConfigDict(frozen=True)

    start: float = Field(ge=0)
    end: float = Field(ge=0)

    @property
    def duration(self) -> float:
        return self.end - self.start


class ChunkPlan(BaseModel):
    """One chunk: which stretches of the recording it holds, and where its audio is."""

    index: int = Field(ge=0)
    spans: list[SpeechSpan]
    audio_key: str = ""

    @property
    def speech_s(self) -> float:
        return sum(span.duration for span in self.spans)

    @property
    def start(self) -> float:
        return self.spans[0].start

    @property
    def end(self) -> float:
        return self.spans[-1].end


class TranscriptionPlan(BaseModel):
    """How one recording is transcribed: stored as ``plan.json`` beside its chunks."""

    recording_id: str
    source_key: str
    title: str
    duration_s: float
    chunks: list[ChunkPlan]
    language: str = ""  # settled at planning, so every chunk is transcribed in the same language
    language_probability: float | None = None
    speakers: list[str] = []  # names from the upload, in order of first appearance

    @property
    def speech_s(self) -> float:
        return sum(chunk.speech_s for chunk in self.chunks)


def merge_spans(spans: Iterable[SpeechSpan], min_gap_s: float = 0.0) -> list[SpeechSpan]:
    """Sort and join spans that overlap or are closer than ``min_gap_s`` (VAD padding makes
    neighbours overlap, and spans cut at a decoding block boundary touch)."""
    merged: list[SpeechSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start - merged[-1].end <= min_gap_s:
            merged[-1] = SpeechSpan(start=merged[-1].start, end=max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def split_long_spans(spans: Iterable[SpeechSpan], max_s: float) -> list[SpeechSpan]:
    """Speech that runs on longer than a chunk without a pause is cut at ``max_s`` — the only
    cut that is not in a silence, and rare: the VAD already splits at short pauses first."""
    pieces: list[SpeechSpan] = []
    for span in spans:
        start = span.start
        while span.end - start > max_s:
            pieces.append(SpeechSpan(start=start, end=start + max_s))
            start += max_s
        pieces.append(SpeechSpan(start=start, end=span.end))
    return pieces


def plan_chunks(spans: Iterable[SpeechSpan], max_chunk_s: float) -> list[ChunkPlan]:
    """Pack consecutive speech spans into as few chunks of at most ``max_chunk_s`` seconds of
    speech as fit, each about as long as the others: 330 s of speech becomes two chunks of
    ~165 s, not 300 s and 30 s, so two replicas finish it in half the time rather than 10/11."""
    pieces = split_long_spans(merge_spans(spans), max_chunk_s)
    speech_s = sum(span.duration for span in pieces)
    target_s = speech_s / math.ceil(speech_s / max_chunk_s) if speech_s else max_chunk_s
    chunks: list[ChunkPlan] = []
    current: list[SpeechSpan] = []
    current_s = 0.0
    for span in pieces:
        # Close the chunk before a span that would take it past the maximum, or that lies
        # mostly beyond the target length.
        if current and (current_s + span.duration > max_chunk_s or current_s + span.duration / 2 > target_s):
            chunks.append(ChunkPlan(index=len(chunks), spans=current))
            current, current_s = [], 0.0
        current.append(span)
        current_s += span.duration
    if current:
        chunks.append(ChunkPlan(index=len(chunks), spans=current))
    return chunks


class ChunkTimeline:
    """Maps a time in a chunk's audio (its spans laid end to end) to a time in the recording."""

    def __init__(self, spans: list[SpeechSpan]) -> None:
        self._spans = spans
        # Where each span ends inside the chunk's audio.
        self._ends = list(itertools.accumulate(span.duration for span in spans))

    @property
    def duration(self) -> float:
        return self._ends[-1] if self._ends else 0.0

    def chunk_spans(self) -> list[tuple[float, float]]:
        """Where each span sits inside the chunk's audio, (start, end) in chunk seconds."""
        return [(end - span.duration, end) for span, end in zip(self._spans, self._ends, strict=True)]

    def to_recording_time(self, chunk_time: float, *, is_end: bool = False) -> float:
        """A start on a span boundary belongs to the next span, an end to the previous one."""
        chunk_time = min(max(chunk_time, 0.0), self.duration)
        find = bisect.bisect_left if is_end else bisect.bisect_right
        index = min(find(self._ends, chunk_time), len(self._spans) - 1)
        span_start_in_chunk = self._ends[index] - self._spans[index].duration
        return round(self._spans[index].start + (chunk_time - span_start_in_chunk), 3)
