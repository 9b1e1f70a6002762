"""Who spoke when: speaker embeddings per chunk, clustering once per recording.

Chunks are transcribed by different replicas, so each chunk only *measures* voices: every
speech span is cut into short windows and each window gets a GE2E speaker embedding
(resemblyzer's encoder, which ships inside its wheel). The windows travel in the chunk's part
as float16, ~0.7 kB a window. The assembling step then clusters all windows of the recording
at once, so S1 in the first chunk is S1 in the last. No pretrained diarization model ships in
any package we can install, so the clustering is ours: average-linkage agglomerative
clustering on cosine distance, over the windows with enough speech in them to carry a voice.
How many speakers there are is read off the dendrogram: one if even its last merge joins windows
closer than a distance threshold (a solo podcast), otherwise as many as the cut at the largest
step up between successive merge distances leaves. Every window then takes the nearest speaker.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field
from scipy.cluster.hierarchy import fcluster, linkage

from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.planning import ChunkTimeline, SpeechSpan
from services.transcriber.voice_features import mel_spectrogram
from services.transcriber.words import whole_words
from shared.events import TranscriptSegment, TranscriptWord

Audio = npt.NDArray[np.float32]
Embeddings = npt.NDArray[np.float32]

EMBEDDING_SIZE = 256
# resemblyzer's encoder looks at 1.6 s (160 frames of 10 ms) at a time. A window every 1.25 s
# overlaps its neighbours a little, fine enough to place a change of voice; a window every
# second cost 15.5 % of tiny.en's transcription time, above the 15 % budget (docs/benchmarks.md).
FRAME_S = 0.01
WINDOW_FRAMES = 160
WINDOW_SAMPLES = round(WINDOW_FRAMES * FRAME_S * SAMPLE_RATE)
STEP_FRAMES = 125
# Windows per encoder call: the LSTM's working set grows with the batch (a 5-minute chunk in one
# batch added ~130 MB of RSS), and batches of this size cost no more time.
BATCH_WINDOWS = 48
# A stretch of speech shorter than this is too short for a voice print; the words in it take
# the voice of the nearest window.
MIN_SPAN_S = 0.5
# Agglomerative clustering holds n²/2 distances: beyond this many windows it clusters an even
# sample and assigns every window to the nearest cluster centre (3 hours = ~10k windows).
MAX_CLUSTERED_WINDOWS = 2_000
# Fewer windows than this (about 5 s of speech) cannot tell voices apart.
MIN_WINDOWS = 4
# The count is looked for among the dendrogram's last merges: a panel larger than this is
# counted as this many voices.
MAX_SPEAKERS = 8
# A window over a stretch of speech shorter than this is mostly the zero padding that fills it to
# 1.6 s, and its print drifts: on the bench, a whispering voice's sub-second windows made a
# "speaker" of their own. Such windows take the nearest speaker but do not shape the speakers.
# Chosen on the dev split of bench.diarization (docs/benchmarks.md).
MIN_PRINT_S = 1.2


class VoiceWindows(BaseModel):
    """Speaker embeddings of one chunk's speech windows, in recording time, stored in its part."""

    starts: list[float] = Field(default_factory=list, description="Start of each window, seconds in the recording.")
    ends: list[float] = Field(default_factory=list, description="End of each window, seconds in the recording.")
    embeddings: str = Field(
        default="", description="Base64 of the windows' 256-d embeddings as little-endian float16, row after row."
    )

    @classmethod
    def build(cls, starts: Sequence[float], ends: Sequence[float], embeddings: Embeddings) -> VoiceWindows:
        packed = np.asarray(embeddings, dtype="<f2").tobytes()
        return cls(
            starts=[round(s, 3) for s in starts],
            ends=[round(e, 3) for e in ends],
            embeddings=base64.b64encode(packed).decode(),
        )

    def matrix(self) -> Embeddings:
        data = np.frombuffer(base64.b64decode(self.embeddings), dtype="<f2")
        return data.astype(np.float32).reshape(len(self.starts), EMBEDDING_SIZE)


class SpeakerEncoder:
    """resemblyzer's GE2E voice encoder on CPU, fed Mel frames computed without librosa
    (services/transcriber/voice_features.py). :meth:`warm_up` runs it once at start-up."""

    def __init__(self, cpu_threads: int = 1) -> None:
        # Imported here: torch takes seconds to import, and a service with diarization off never needs it.
        from resemblyzer import VoiceEncoder

        self._encoder: Any = VoiceEncoder("cpu", verbose=False)
        self._threads = cpu_threads

    def warm_up(self) -> None:
        noise = np.random.default_rng(0).normal(0, 0.05, 2 * SAMPLE_RATE).astype(np.float32)
        self.embed_spans(noise, ChunkTimeline([SpeechSpan(start=0.0, end=2.0)]))

    def embed_spans(self, audio: Audio, timeline: ChunkTimeline) -> VoiceWindows:
        """Windows of each speech span in a chunk's ``audio``, never across two spans (the silence
        cut out between them may also be a change of speaker). All windows of the chunk go through
        the encoder in a few batches: one call per span cost ten times as much on short spans."""
        import torch
        from resemblyzer.audio import normalize_volume

        starts: list[float] = []
        ends: list[float] = []
        mels: list[npt.NDArray[np.float32]] = []
        for chunk_start, chunk_end in timeline.chunk_spans():
            if chunk_end - chunk_start < MIN_SPAN_S:
                continue
            span = audio[round(chunk_start * SAMPLE_RATE) : round(chunk_end * SAMPLE_RATE)]
            span = normalize_volume(span, -30, increase_only=True)
            frames = mel_spectrogram(np.pad(span, (0, max(0, WINDOW_SAMPLES - len(span)))))
            last = max(len(frames) - WINDOW_FRAMES, 0)
            firsts = list(range(0, last + 1, STEP_FRAMES))
            if last - firsts[-1] > STEP_FRAMES // 2:  # the span's last second gets a window of its own
                firsts.append(last)
            for first in firsts:
                mels.append(frames[first : first + WINDOW_FRAMES].astype(np.float32))
                start = chunk_start + first * FRAME_S
                end = min(chunk_end, start + WINDOW_FRAMES * FRAME_S)
                starts.append(timeline.to_recording_time(start))
                ends.append(max(starts[-1], timeline.to_recording_time(end, is_end=True)))
        if not mels:
            return VoiceWindows()
        # torch's thread count is process-wide and the openai-whisper engine sets its own: borrow it.
        # One thread, because this small LSTM gained nothing from a second one and lost 5x when the
        # cores were busy (measured, docs/benchmarks.md).
        threads = torch.get_num_threads()
        torch.set_num_threads(self._threads)
        try:
            with torch.no_grad():
                vectors = np.concatenate(
                    [
                        self._encoder(torch.from_numpy(np.stack(mels[first : first + BATCH_WINDOWS]))).numpy()
                        for first in range(0, len(mels), BATCH_WINDOWS)
                    ]
                )
        finally:
            torch.set_num_threads(threads)
        return VoiceWindows.build(starts, ends, vectors)


@dataclass(frozen=True)
class SpeakerTimeline:
    """Which speaker each window belongs to, labels in order of first appearance (0 = S1)."""

    centres: npt.NDArray[np.float64]
    labels: npt.NDArray[np.int64]

    @property
    def speaker_count(self) -> int:
        return int(self.labels.max()) + 1 if len(self.labels) else 0

    def speaker_at(self, time_s: float) -> int:
        """The speaker of the window whose centre is nearest ``time_s``."""
        after = int(np.searchsorted(self.centres, time_s))
        before = max(after - 1, 0)
        after = min(after, len(self.centres) - 1)
        nearest = before if time_s - self.centres[before] < self.centres[after] - time_s else after
        return int(self.labels[nearest])


@dataclass(frozen=True)
class Diarization:
    """The outcome for one recording: a timeline, or why there is none."""

    timeline: SpeakerTimeline | None
    reason: str = ""


def diarize(windows: Iterable[VoiceWindows], solo_distance: float, min_print_s: float = MIN_PRINT_S) -> Diarization:
    """Cluster every window of a recording into speakers."""
    parts = [w for w in windows if w.starts]
    if not parts:
        return Diarization(None, "no speech long enough to carry a voice")
    starts = np.concatenate([np.asarray(w.starts) for w in parts])
    ends = np.concatenate([np.asarray(w.ends) for w in parts])
    vectors = np.concatenate([w.matrix() for w in parts])
    if len(starts) < MIN_WINDOWS:
        return Diarization(None, f"too little speech to tell voices apart ({len(starts)} voice windows)")
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    labels = cluster_voices(vectors[order], solo_distance, WindowTimes(starts, ends), min_print_s)
    return Diarization(SpeakerTimeline(centres=(starts + ends) / 2, labels=labels))


@dataclass(frozen=True)
class WindowTimes:
    """Where each window lies in the recording, seconds, time-ordered."""

    starts: npt.NDArray[np.float64]
    ends: npt.NDArray[np.float64]

    def pauses(self) -> npt.NDArray[np.bool_]:
        """Whether a pause lies between each window and the next: windows of one stretch of speech
        overlap, and a gap between two is silence the VAD cut out."""
        return np.asarray(self.starts[1:] > self.ends[:-1])


def cluster_voices(
    vectors: Embeddings, solo_distance: float, times: WindowTimes | None = None, min_print_s: float = MIN_PRINT_S
) -> npt.NDArray[np.int64]:
    """Speaker of each row of ``vectors`` (time-ordered), numbered in order of first appearance.
    Without ``times``, windows are taken as full length and back to back."""
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    # Only windows with enough speech in them shape the speakers; the rest are only assigned to one.
    reliable = np.flatnonzero(
        np.ones(len(unit), dtype=bool) if times is None else times.ends - times.starts >= min_print_s
    )
    if len(reliable) < MIN_WINDOWS:
        reliable = np.arange(len(unit))
    sample = reliable[
        np.unique(np.linspace(0, len(reliable) - 1, min(len(reliable), MAX_CLUSTERED_WINDOWS)).round().astype(int))
    ]
    if len(sample) == 1:
        raw = np.zeros(len(unit), dtype=np.int64)
    else:
        tree = linkage(unit[sample], method="average", metric="cosine")
        count = count_speakers(tree[:, 2], solo_distance)
        sample_labels = fcluster(tree, t=count, criterion="maxclust")
        raw = _assign_to_speakers(unit, unit[sample], sample_labels)
    raw = _smooth(raw, np.zeros(len(raw) - 1, dtype=bool) if times is None else times.pauses())
    first_seen = {label: rank for rank, label in enumerate(dict.fromkeys(raw.tolist()))}
    return np.array([first_seen[label] for label in raw.tolist()], dtype=np.int64)


def count_speakers(merge_distances: npt.NDArray[np.float64], solo_distance: float) -> int:
    """How many voices an average-linkage dendrogram holds, from its merge distances.

    Windows of one voice join each other at small, closely spaced distances; joining two voices
    costs a step up. So the count is the number of clusters left by cutting at the largest step
    among the last ``MAX_SPEAKERS`` merges. The step is a ratio, not a difference: two voices of
    one register join lower than two voices of different ones, and their step counts relative to
    where it starts (on the bench, the difference merged two female voices of a panel). A fixed
    distance cut gets this wrong both ways: a noisy voice spreads wide enough to split in two, and
    a voice heard for one short turn is too few windows to pass any share of the recording, though
    it stands as far from the others as any speaker. Only one speaker has no step to find: that is
    when even the last merge joins windows closer than ``solo_distance``.
    """
    last = np.sort(np.asarray(merge_distances, dtype=np.float64))[::-1][:MAX_SPEAKERS]
    if len(last) == 0 or last[0] < solo_distance:
        return 1
    if len(last) == 1:
        return 2
    # steps[i] is the step below which i + 2 clusters remain.
    steps = np.log(last[:-1] / np.maximum(last[1:], 1e-6))
    return int(np.argmax(steps)) + 2


def _assign_to_speakers(unit: Embeddings, sample: Embeddings, sample_labels: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """Every window to the nearest speaker's centre: a window the sample left out, or one the
    tree joined to a cluster early on and would sit better with another, finds its voice again."""
    clusters = np.unique(sample_labels)
    centres = np.stack([sample[sample_labels == c].mean(axis=0) for c in clusters])
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)
    return np.asarray(np.argmax(unit @ centres.T, axis=1), dtype=np.int64)


def _smooth(labels: npt.NDArray[np.int64], pauses: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """A lone window inside a stretch of speech whose two neighbours agree on another voice is that
    voice: one 1.6 s window of crosstalk or an odd vowel is not a turn. With a pause on either side
    it may be one: a short answer between two pauses is a window of its own."""
    smoothed = labels.copy()
    for i in range(1, len(labels) - 1):
        if labels[i - 1] == labels[i + 1] != labels[i] and not (pauses[i - 1] or pauses[i]):
            smoothed[i] = labels[i - 1]
    return smoothed


# --- putting speakers on the transcript --------------------------------------------------------


def speaker_names(count: int, names: Sequence[str]) -> list[str]:
    """``S1``, ``S2``, ... in order of first appearance; a name from the upload replaces its label."""
    return [names[i] if i < len(names) and names[i] else f"S{i + 1}" for i in range(count)]


def attribute_speakers(
    segments: Sequence[TranscriptSegment], timeline: SpeakerTimeline, names: Sequence[str] = ()
) -> list[TranscriptSegment]:
    """Label every segment with its speaker, splitting a segment where the voice changes. The split
    falls between words (with word timestamps) or between sentences (without), never in a word."""
    labels = speaker_names(timeline.speaker_count, names)
    attributed: list[TranscriptSegment] = []
    for segment in segments:
        pieces = _pieces(segment)
        voices = _steady([timeline.speaker_at((p.start + p.end) / 2) for p in pieces], pieces)
        bounds = _run_bounds(voices)
        if len(bounds) == 1:
            attributed.append(segment.model_copy(update={"speaker": labels[voices[0]]}))
            continue
        for first, last in bounds:
            attributed.append(_segment_of(segment, pieces[first : last + 1], labels[voices[first]]))
    return attributed


@dataclass(frozen=True)
class _Piece:
    start: float
    end: float
    text: str
    words: tuple[TranscriptWord, ...] = ()


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _pieces(segment: TranscriptSegment) -> list[_Piece]:
    """The segment's whole words, or (without word timings) its sentences at times estimated from
    their share of the text."""
    if segment.words:
        return [
            _Piece(word[0].start, word[-1].end, "".join(piece.word for piece in word), tuple(word))
            for word in whole_words(segment.words)
        ]
    sentences = [s for s in _SENTENCE_END.split(segment.text.strip()) if s]
    total = sum(len(s) for s in sentences) or 1
    duration = segment.end - segment.start
    pieces, offset = [], 0
    for sentence in sentences:
        start = segment.start + duration * offset / total
        offset += len(sentence)
        pieces.append(_Piece(round(start, 3), round(segment.start + duration * offset / total, 3), sentence))
    return pieces or [_Piece(segment.start, segment.end, segment.text)]


# A run of words shorter than this is too brief to be a turn of its own (a window's voice print
# spans 1.6 s); it takes the voice around it.
MIN_TURN_S = 0.6
_ENDS_SENTENCE = re.compile(r"[.?!\u2026][\"')\]]*$")


def _steady(voices: list[int], pieces: list[_Piece]) -> list[int]:
    steady = list(voices)
    changed = True
    while changed:
        changed = False
        runs = _run_bounds(steady)
        if len(runs) < 2:
            break
        for first, last in runs:
            if not _brief(pieces[first : last + 1]):
                continue
            # The voice of the words it was said with: across the shorter pause.
            gap_before = pieces[first].start - pieces[first - 1].end if first > 0 else float("inf")
            gap_after = pieces[last + 1].start - pieces[last].end if last + 1 < len(pieces) else float("inf")
            neighbour = steady[first - 1] if gap_before <= gap_after else steady[last + 1]
            for i in range(first, last + 1):
                steady[i] = neighbour
            changed = True
            break
    return steady


def _brief(run: list[_Piece]) -> bool:
    """Too brief to be a turn: shorter than ``MIN_TURN_S``, or a single word that ends no sentence. Whisper
    stretches a word's timing over the pause before it, so "I" opening the next speaker's sentence can last
    0.6 s and keep the previous voice: a turn is made of whole sentences."""
    if run[-1].end - run[0].start < MIN_TURN_S:
        return True
    return len(run) == 1 and bool(run[0].words) and not _ENDS_SENTENCE.search(run[0].text.strip())


def _run_bounds(voices: list[int]) -> list[tuple[int, int]]:
    bounds, first = [], 0
    for i in range(1, len(voices) + 1):
        if i == len(voices) or voices[i] != voices[first]:
            bounds.append((first, i - 1))
            first = i
    return bounds


def _segment_of(segment: TranscriptSegment, run: list[_Piece], speaker: str) -> TranscriptSegment:
    words = [word for p in run for word in p.words]
    joiner = "" if words else " "
    return segment.model_copy(
        update={
            "start": run[0].start,
            "end": max(run[0].start, run[-1].end),
            "text": joiner.join(p.text for p in run).strip(),
            "words": words,
            "speaker": speaker,
        }
    )
