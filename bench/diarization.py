"""How well the transcriber tells voices apart, on synthetic multi-voice conversations.

Each conversation (``bench.conversations``) goes through the transcriber's own steps minus
Whisper: VAD, chunks cut at silences, speaker windows embedded chunk by chunk, clustered
once. Splits come from disjoint seeds: ``dev`` to choose the clustering's constants (with
``--tune``), ``held-out`` and ``held-out-2`` to report them (``--dev-only`` leaves them unread
while a rule is being chosen), all three voiced by espeak-ng; ``held-out-festival`` and
``held-out-3`` report on conversations whose voices are drawn from espeak-ng's and festival's
together. Scored on 0.1 s frames where exactly one voice speaks:

* speech attributed right — share of frames whose speaker, after the best one-to-one mapping
  of found speakers to true ones, is the true speaker (speech the VAD missed counts as wrong);
* count exact — share of conversations whose number of speakers was found exactly.

    python -m bench.diarization --recordings 30 --dev-recordings 60 --tune
    python -m bench.diarization --overhead --minutes 5

Each conversation's turns and voice windows are cached under ``.run/diarization-cache/`` (keyed by
split, seed and what shapes the windows), so a second run, or a sweep over clustering rules,
re-clusters without synthesising or embedding again. ``--no-cache`` rebuilds.

``--overhead`` instead times, chunk by chunk on one multi-voice recording, what diarization adds
to transcription (and what word timestamps would add), and what clustering 3 hours costs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel
from scipy.optimize import linear_sum_assignment

from bench.conversations import FESTIVAL_VOICES, VOICES, Conversation, Speaker, Turn, synthesize_conversation
from services.transcriber.audio import SAMPLE_RATE, read_wav
from services.transcriber.diarization import (
    EMBEDDING_SIZE,
    MIN_PRINT_S,
    STEP_FRAMES,
    WINDOW_FRAMES,
    SpeakerEncoder,
    VoiceWindows,
    cluster_voices,
    diarize,
)
from services.transcriber.engines import load_engine
from services.transcriber.planning import ChunkTimeline, plan_chunks
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import vad_options
from services.transcriber.vad import chunk_wav, find_speech


@dataclass(frozen=True)
class Split:
    first_seed: int
    pool: tuple[Speaker, ...] = VOICES


SPLITS = {
    "dev": Split(0),
    "held-out": Split(10_000),
    "held-out-2": Split(20_000),
    # espeak-ng's variants are one synthesiser; festival's voices come from other people's speech.
    "held-out-festival": Split(30_000, VOICES + FESTIVAL_VOICES),
    # Built when a lower VAD threshold was tried (docs/benchmarks.md): read once at each threshold.
    "held-out-3": Split(40_000, VOICES + FESTIVAL_VOICES),
}
FRAME_S = 0.1
# Short chunks, so every conversation is clustered across several chunks as in the service.
CHUNK_S = 30.0
CACHE_DIR = Path(".run") / "diarization-cache"
DEFAULT_LENGTH_S = 90.0


@dataclass(frozen=True)
class Measured:
    conversation: Conversation
    windows: list[VoiceWindows]
    embed_s: float


@dataclass(frozen=True)
class Score:
    attributed: float  # frames right, 0..1
    found: int  # speakers found


def measure(conversation: Conversation, encoder: SpeakerEncoder, settings: TranscriberSettings) -> Measured:
    windows, embed_s = embed_recording(conversation.wav, encoder, settings, CHUNK_S)
    return Measured(conversation, windows, embed_s)


def embed_recording(
    wav: Path, encoder: SpeakerEncoder, settings: TranscriberSettings, chunk_s: float
) -> tuple[list[VoiceWindows], float]:
    """The transcriber's own steps short of Whisper: VAD, chunks of at most ``chunk_s``, each chunk's
    speaker windows. Also the seconds spent in the encoder."""
    with tempfile.TemporaryDirectory(prefix="recast-diarization-") as workdir:
        spool = Path(workdir) / "audio.pcm"
        speech = find_speech(wav, spool, vad_options(settings))
        windows = []
        embed_s = 0.0
        for chunk in plan_chunks(speech.spans, chunk_s):
            audio = read_wav(chunk_wav(spool, chunk.spans))
            started = time.monotonic()
            windows.append(encoder.embed_spans(audio, ChunkTimeline(chunk.spans)))
            embed_s += time.monotonic() - started
    return windows, embed_s


@dataclass(frozen=True)
class Rule:
    """The clustering's constants under test."""

    solo_distance: float
    min_print_s: float = MIN_PRINT_S

    def __str__(self) -> str:
        return f"solo distance {self.solo_distance:.3f}, windows of >= {self.min_print_s:g} s shape the speakers"


def score(measured: Measured, rule: Rule) -> Score:
    conversation = measured.conversation
    frames = np.arange(0, conversation.duration_s, FRAME_S) + FRAME_S / 2
    truth = np.full(len(frames), -1)
    talking = np.zeros(len(frames), dtype=int)
    for turn in conversation.turns:
        inside = (frames >= turn.start) & (frames < turn.end)
        truth[inside] = turn.speaker
        talking += inside
    single = talking == 1
    result = diarize(measured.windows, rule.solo_distance, rule.min_print_s)
    if result.timeline is None:
        return Score(0.0, 0)
    timeline = result.timeline
    found = np.array([timeline.speaker_at(t) for t in frames[single]])
    confusion = np.zeros((conversation.speaker_count, timeline.speaker_count))
    np.add.at(confusion, (truth[single], found), 1)
    rows, cols = linear_sum_assignment(-confusion)
    return Score(float(confusion[rows, cols].sum() / max(single.sum(), 1)), timeline.speaker_count)


class CachedConversation(BaseModel):
    """What scoring needs of one measured conversation, without its audio."""

    speaker_count: int
    duration_s: float
    turns: list[tuple[int, float, float]]
    windows: list[VoiceWindows]
    embed_s: float

    @classmethod
    def of(cls, measured: Measured) -> CachedConversation:
        conversation = measured.conversation
        return cls(
            speaker_count=conversation.speaker_count,
            duration_s=conversation.duration_s,
            turns=[(t.speaker, t.start, t.end) for t in conversation.turns],
            windows=measured.windows,
            embed_s=measured.embed_s,
        )

    def measured(self) -> Measured:
        turns = [Turn(speaker, start, end, "") for speaker, start, end in self.turns]
        conversation = Conversation(Path(), self.speaker_count, turns, self.duration_s)
        return Measured(conversation, self.windows, self.embed_s)


def cache_path(name: str, seed: int, target_s: float) -> Path:
    # Whatever changes the windows changes the file name, so a stale cache is never read.
    length = "" if target_s == DEFAULT_LENGTH_S else f"-{target_s:g}s"
    vad = TranscriberSettings().vad_threshold
    speech = "" if vad == TranscriberSettings.model_fields["vad_threshold"].default else f"-vad{vad:g}"
    return CACHE_DIR / f"{name}-{seed}{length}{speech}-chunk{CHUNK_S:g}-win{WINDOW_FRAMES}-step{STEP_FRAMES}.json"


class LazyEncoder:
    """The speaker encoder, loaded and warmed up only when a conversation is not in the cache."""

    def __init__(self) -> None:
        self._encoder: SpeakerEncoder | None = None

    def get(self) -> SpeakerEncoder:
        if self._encoder is None:
            self._encoder = SpeakerEncoder(TranscriberSettings().diarization_threads)
            self._encoder.warm_up()
        return self._encoder


def build_split(
    name: str, count: int, encoder: LazyEncoder, workdir: Path, *, use_cache: bool, target_s: float = DEFAULT_LENGTH_S
) -> list[Measured]:
    settings = TranscriberSettings()
    split = []
    spec = SPLITS[name]
    for seed in range(spec.first_seed, spec.first_seed + count):
        cached = cache_path(name, seed, target_s)
        if use_cache and cached.exists():
            split.append(CachedConversation.model_validate_json(cached.read_text()).measured())
            continue
        conversation = synthesize_conversation(seed, workdir / f"{name}-{seed}.wav", target_s=target_s, pool=spec.pool)
        measured = measure(conversation, encoder.get(), settings)
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(CachedConversation.of(measured).model_dump_json())
        split.append(measured)
    return split


def summary(split: list[Measured], rule: Rule) -> tuple[float, float, float]:
    scores = [score(m, rule) for m in split]
    speech = [m.conversation.duration_s for m in split]
    attributed = float(np.average([s.attributed for s in scores], weights=speech))
    exact = float(np.mean([s.found == m.conversation.speaker_count for s, m in zip(scores, split, strict=True)]))
    embed_rtf = sum(m.embed_s for m in split) / sum(speech)
    return attributed, exact, embed_rtf


def overhead(minutes: float, threshold: float) -> None:
    """CPU seconds of the service's own steps on the same chunks, side by side in one process."""
    settings = TranscriberSettings()
    engine = load_engine(settings)
    worded = load_engine(settings.model_copy(update={"word_timestamps": True}))
    encoder = SpeakerEncoder(settings.diarization_threads)
    encoder.warm_up()
    spent = {"transcribe": 0.0, "transcribe with word timestamps": 0.0, "embed voices": 0.0}
    with tempfile.TemporaryDirectory(prefix="recast-overhead-") as workdir:
        conversation = synthesize_conversation(7, Path(workdir) / "talk.wav", target_s=minutes * 60)
        spool = Path(workdir) / "audio.pcm"
        speech = find_speech(conversation.wav, spool, vad_options(settings))
        chunks = plan_chunks(speech.spans, settings.max_chunk_s)
        windows = []
        for chunk in chunks:
            audio = read_wav(chunk_wav(spool, chunk.spans))
            started = time.process_time()
            engine.transcribe(audio, settings.whisper_language)
            spent["transcribe"] += time.process_time() - started
            started = time.process_time()
            worded.transcribe(audio, settings.whisper_language)
            spent["transcribe with word timestamps"] += time.process_time() - started
            started = time.process_time()
            windows.append(encoder.embed_spans(audio, ChunkTimeline(chunk.spans)))
            spent["embed voices"] += time.process_time() - started
    started = time.process_time()
    diarize(windows, threshold)
    spent["cluster once"] = time.process_time() - started
    speech_s = sum(chunk.speech_s for chunk in chunks)
    print(f"{conversation.speaker_count} voices, {speech_s:.0f} s of speech in {len(chunks)} chunks, CPU seconds:")
    for name, seconds in spent.items():
        print(f"  {name:32} {seconds:7.2f}  ({seconds / spent['transcribe']:.1%} of transcribing)")
    part_bytes = sum(len(w.model_dump_json()) for w in windows)
    print(f"  voice windows stored: {part_bytes / speech_s / 1024:.2f} kB per second of speech")

    hours = 3
    count = int(hours * 3600 * 0.8)  # windows a second, for a recording that is ~80 % speech
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, EMBEDDING_SIZE))
    vectors = (centres[rng.integers(0, 3, count)] + rng.normal(scale=0.05, size=(count, EMBEDDING_SIZE))).astype(
        np.float32
    )
    tracemalloc.start()
    started = time.process_time()
    cluster_voices(vectors, threshold)
    took = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"clustering {count} windows ({hours} h): {took:.2f} CPU s, peak {peak / 2**20:.0f} MB above the windows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recordings", type=int, default=20, help="Conversations in each split.")
    parser.add_argument("--dev-recordings", type=int, default=0, help="Conversations in dev, if not --recordings.")
    parser.add_argument("--tune", action="store_true", help="Choose the clustering constants on the dev split first.")
    parser.add_argument("--threshold", type=float, default=TranscriberSettings().speaker_distance_threshold)
    parser.add_argument("--overhead", action="store_true", help="Time diarization against transcription instead.")
    parser.add_argument("--minutes", type=float, default=5, help="Length of the --overhead recording.")
    parser.add_argument("--min-print", type=float, default=MIN_PRINT_S, help="Shortest window that shapes speakers.")
    parser.add_argument("--no-cache", action="store_true", help="Synthesise and embed again, ignoring the cache.")
    parser.add_argument("--length", type=float, default=DEFAULT_LENGTH_S, help="Seconds of each conversation.")
    parser.add_argument(
        "--dev-only", action="store_true", help="Leave the held-out split unread (while choosing a rule)."
    )
    parser.add_argument("--split", action="append", choices=list(SPLITS), help="Only these splits (repeatable).")
    args = parser.parse_args()
    if args.overhead:
        overhead(args.minutes, args.threshold)
        return
    encoder = LazyEncoder()
    names = ["dev"] if args.dev_only else args.split or list(SPLITS)
    with tempfile.TemporaryDirectory(prefix="recast-diarization-set-") as workdir:
        splits = {
            name: build_split(
                name,
                args.dev_recordings if name == "dev" and args.dev_recordings else args.recordings,
                encoder,
                Path(workdir),
                use_cache=not args.no_cache,
                target_s=args.length,
            )
            for name in names
        }
    rule = Rule(args.threshold, args.min_print)
    if args.tune:
        if "dev" not in splits:
            parser.error("--tune chooses on the dev split: add --split dev")
        rule = tune(splits["dev"])
    print(f"{rule}; 1-3 voices, ~{args.length:g} s each")
    print(
        "split (conversations)  speech attributed right  speaker count exact  embedding RTF  "
        "count misses (seed: true->found)"
    )
    for name, split in splits.items():
        attributed, exact, embed_rtf = summary(split, rule)
        found = [score(m, rule).found for m in split]
        misses = ", ".join(
            f"{SPLITS[name].first_seed + i}: {m.conversation.speaker_count}->{f}"
            for i, (m, f) in enumerate(zip(split, found, strict=True))
            if f != m.conversation.speaker_count
        )
        print(f"{f'{name} ({len(split)})':21}  {attributed:23.1%}  {exact:19.1%}  {embed_rtf:13.4f}  {misses or '-'}")
    counts = [m.conversation.speaker_count for split in splits.values() for m in split]
    print(f"voices per conversation: {dict(sorted({c: counts.count(c) for c in counts}.items()))}")
    print(f"(audio at {SAMPLE_RATE} Hz, scored on {FRAME_S} s frames with one voice)")


def tune(dev: list[Measured]) -> Rule:
    """The constants that score best on dev (attributed + count exact), each solo distance scored
    with its two neighbours in the sweep: a lone peak one step wide is a recording or two on a
    knife edge, and would flip with the next recording. Among distances that still tie, the
    middle one."""
    columns = (0.0, 0.8, 1.0, 1.2)
    print("dev attributed / count exact, by solo distance (rows) and shortest window that shapes speakers (columns)")
    print("distance  " + "".join(f"{f'>= {p:g} s':>16}" for p in columns))
    candidates = [float(c) for c in np.arange(0.20, 0.56, 0.025)]
    totals: dict[float, list[float]] = {c: [] for c in columns}
    for candidate in candidates:
        row = []
        for column in columns:
            attributed, exact, _ = summary(dev, Rule(candidate, column))
            row.append(f"{attributed:7.1%} / {exact:5.1%}")
            totals[column].append(attributed + exact)
        print(f"{candidate:8.3f}  " + " ".join(row))
    smoothed = {c: np.convolve(np.pad(t, 1, mode="edge"), np.ones(3) / 3, mode="valid") for c, t in totals.items()}
    best = max(float(s.max()) for s in smoothed.values())
    column = next(c for c in columns if smoothed[c].max() >= best - 1e-9)
    plateau = [d for d, total in zip(candidates, smoothed[column], strict=True) if total >= best - 1e-9]
    rule = Rule(plateau[len(plateau) // 2], column)
    print(f"chosen on dev: {rule}\n")
    return rule


if __name__ == "__main__":
    main()
