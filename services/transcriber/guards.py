"""Guards against Whisper's known failure modes that survive decoding.

Whisper can loop ("thank you thank you thank you ...") or repeat one segment for a whole
window. Decoding-time guards (no-speech and compression-ratio thresholds, no conditioning
on previous text) live in the engines; these act on the text that comes out.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from shared.events import TranscriptSegment

# Whisper's own threshold: text that compresses better than this is almost always a loop.
MAX_COMPRESSION_RATIO = 2.4
# Below this length a compression ratio says nothing.
_MIN_CHARS_FOR_RATIO = 60
_MAX_PHRASE_WORDS = 10
# A phrase said this many times in a row is a loop; twice is how people talk.
_LOOP_REPEATS = 3


def compression_ratio(text: str) -> float:
    data = text.encode()
    return len(data) / len(zlib.compress(data)) if data else 0.0


def collapse_loops(text: str) -> str:
    """Keep one copy of any phrase (1 to 10 words) repeated three or more times in a row."""
    words = text.split()
    for size in range(1, _MAX_PHRASE_WORDS + 1):
        kept: list[str] = []
        i = 0
        while i < len(words):
            phrase = words[i : i + size]
            repeats = 1
            while _normalised(words[i + repeats * size : i + (repeats + 1) * size]) == _normalised(phrase):
                repeats += 1
            if len(phrase) == size and repeats >= _LOOP_REPEATS:
                kept += phrase
                i += repeats * size
            else:
                kept.append(words[i])
                i += 1
        words = kept
    return " ".join(words)


def filter_repetitions(segments: Iterable[TranscriptSegment]) -> list[TranscriptSegment]:
    """Collapse loops inside segments, then drop segments that still read as a loop and
    segments that repeat the one before them word for word three or more times."""
    kept: list[TranscriptSegment] = []
    run_text, run_length = "", 0
    for segment in segments:
        text = collapse_loops(segment.text)
        if not text or (len(text) >= _MIN_CHARS_FOR_RATIO and compression_ratio(text) > MAX_COMPRESSION_RATIO):
            continue
        key = " ".join(_normalised(text.split()))
        run_length = run_length + 1 if key == run_text else 1
        run_text = key
        if run_length >= _LOOP_REPEATS:
            continue
        kept.append(segment.model_copy(update={"text": text}) if text != segment.text else segment)
    return kept


def _normalised(words: list[str]) -> list[str]:
    return [word.strip(".,!?;:\"'").lower() for word in words]
