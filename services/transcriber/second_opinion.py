"""A second, independent hearing of the segments the first decoding was unsure of.

Whisper's most confident mistakes are ordinary words ("publishing channel" for "publishing
schedule"), so no floor on one model's word probability separates them from correct words. Two
decoders that differ (another model, or a wider beam) rarely make the same mistake on the same
audio, so a word counts as sure only when both heard it. The second decoding runs only on
segments holding a word below a probability (``second_opinion_below``): the rest keep
``confirmed=None``, unchecked.

The audio of every segment to check, slightly padded, is joined with short silences between the
pieces and decoded in one call, so a chunk pays one extra pass over its unsure stretches rather
than one 30 s Whisper window per segment. Each word the second decoder heard is given back to the
piece its middle falls in, and the two word sequences are aligned piece by piece.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.engines import Audio, SpeechToText, load_engine
from services.transcriber.models import BASE, TINY_EN
from services.transcriber.settings import TranscriberSettings
from shared.events import TranscriptSegment, TranscriptWord

SecondDecoder = Literal["off", "other-model", "wider-beam"]

# Audio kept either side of a segment: Whisper's segment bounds can clip a word's first or last phoneme.
PAD_S = 0.2
# Silence between joined pieces: long enough that no word bridges two of them.
GAP_S = 0.8
# The beam of the "wider-beam" decoder (the service decodes greedily by default).
WIDER_BEAM = 5

_NOT_SPELLING = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class SecondOpinion:
    engine: SpeechToText
    below: float  # a segment with any word under this probability is decoded a second time


def second_opinion_settings(settings: TranscriberSettings, decoder: SecondDecoder) -> TranscriberSettings:
    """The settings of the second decoder: the other bundled model, or the same one with a wider beam."""
    update: dict[str, object] = {"word_timestamps": True}
    if decoder == "other-model":
        update["model_name"] = TINY_EN if settings.model_name == BASE else BASE
        update["model_path"] = None
    else:
        update["beam_size"] = max(WIDER_BEAM, settings.beam_size + 1)
    return settings.model_copy(update=update)


def load_second_opinion(settings: TranscriberSettings) -> SecondOpinion | None:
    """The second decoder the settings ask for, or None when it is off. Slow (model load): call once."""
    if settings.second_opinion == "off":
        return None
    engine = load_engine(second_opinion_settings(settings, settings.second_opinion))
    return SecondOpinion(engine=engine, below=settings.second_opinion_below)


def spelling(word: str) -> str:
    """A word reduced to what two decoders can agree on: lower case, letters and digits only."""
    return _NOT_SPELLING.sub("", word.lower())


def agreement(first: Sequence[str], second: Sequence[str]) -> list[bool]:
    """For each word of ``first``, whether the alignment of both sequences pairs it with the same word in
    ``second``. Words that reduce to nothing (stray punctuation) are neither evidence for nor against."""
    a = [spelling(word) for word in first]
    b = [spelling(word) for word in second]
    agreed = [not spelled for spelled in a]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            agreed[block.a + offset] = True
    return agreed


def needs_checking(segment: TranscriptSegment, below: float) -> bool:
    return any(word.probability < below for word in segment.words)


def confirm_segments(
    segments: Sequence[TranscriptSegment], audio: Audio, language: str | None, opinion: SecondOpinion
) -> list[TranscriptSegment]:
    """``segments`` (times inside ``audio``) with ``confirmed`` set on the words of every segment checked."""
    checked = [index for index, segment in enumerate(segments) if needs_checking(segment, opinion.below)]
    if not checked:
        return list(segments)
    pieces = [_padded(audio, segments[index]) for index in checked]
    joined, piece_starts = _join(pieces)
    heard = opinion.engine.transcribe(joined, language)
    second_words: list[list[str]] = [[] for _ in checked]
    for segment in heard.segments:
        for word in segment.words:
            second_words[_piece_of((word.start + word.end) / 2, piece_starts)].append(word.word)
    confirmed = list(segments)
    for index, words in zip(checked, second_words, strict=True):
        segment = segments[index]
        flags = agreement([word.word for word in segment.words], words)
        confirmed[index] = segment.model_copy(update={"words": _flagged(segment.words, flags)})
    return confirmed


def _flagged(words: Sequence[TranscriptWord], flags: Sequence[bool]) -> list[TranscriptWord]:
    return [word.model_copy(update={"confirmed": flag}) for word, flag in zip(words, flags, strict=True)]


def _padded(audio: Audio, segment: TranscriptSegment) -> Audio:
    start = max(int((segment.start - PAD_S) * SAMPLE_RATE), 0)
    end = min(int((segment.end + PAD_S) * SAMPLE_RATE), len(audio))
    return audio[start:end]


def _join(pieces: Sequence[Audio]) -> tuple[Audio, list[float]]:
    """The pieces one after another with silence between; and where each piece starts, in seconds."""
    gap = np.zeros(int(GAP_S * SAMPLE_RATE), dtype=np.float32)
    parts: list[Audio] = []
    starts: list[float] = []
    samples = 0
    for piece in pieces:
        if parts:
            parts.append(gap)
            samples += len(gap)
        starts.append(samples / SAMPLE_RATE)
        parts.append(piece.astype(np.float32, copy=False))
        samples += len(piece)
    return np.concatenate(parts), starts


def _piece_of(time: float, piece_starts: Sequence[float]) -> int:
    """The piece a moment of the joined audio belongs to; a moment in a gap goes to the nearer piece."""
    index = 0
    for candidate, start in enumerate(piece_starts):
        if time >= start - GAP_S / 2:
            index = candidate
    return index
