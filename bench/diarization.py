"""How well the transcriber tells voices apart, on synthetic multi-voice conversations.

Each conversation (``bench.conversations``) goes through the transcriber's own steps minus
Whisper: VAD, chunks cut at silences, speaker windows embedded chunk by chunk, clustered
once. Two splits come from disjoint seeds: ``dev`` to choose the distance threshold (with
``--tune``), ``held-out`` to report it. Scored on 0.1 s frames where exactly one voice speaks:

* speech attributed right — share of frames whose speaker, after the best one-to-one mapping
  of found speakers to true ones, is the true speaker (speech the VAD missed counts as wrong);
* count exact — share of conversations whose number of speakers was found exactly.

    python -m bench.diarization --recordings 20 --tune
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from bench.conversations import Conversation, synthesize_conversation
from services.transcriber.audio import SAMPLE_RATE, read_wav
from services.transcriber.diarization import SpeakerEncoder, VoiceWindows, diarize
from services.transcriber.planning import ChunkTimeline, plan_chunks
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import vad_options
from services.transcriber.vad import chunk_wav, find_speech

SPLITS = {"dev": 0, "held-out": 10_000}
FRAME_S = 0.1
# Short chunks, so every conversation is clustered across several chunks as in the service.
CHUNK_S = 30.0


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
    with tempfile.TemporaryDirectory(prefix="recast-diarization-") as workdir:
        spool = Path(workdir) / "audio.pcm"
        speech = find_speech(conversation.wav, spool, vad_options(settings))
        windows = []
        embed_s = 0.0
        for chunk in plan_chunks(speech.spans, CHUNK_S):
            audio = read_wav(chunk_wav(spool, chunk.spans))
            started = time.monotonic()
            windows.append(encoder.embed_spans(audio, ChunkTimeline(chunk.spans)))
            embed_s += time.monotonic() - started
    return Measured(conversation, windows, embed_s)


def score(measured: Measured, threshold: float) -> Score:
    conversation = measured.conversation
    frames = np.arange(0, conversation.duration_s, FRAME_S) + FRAME_S / 2
    truth = np.full(len(frames), -1)
    talking = np.zeros(len(frames), dtype=int)
    for turn in conversation.turns:
        inside = (frames >= turn.start) & (frames < turn.end)
        truth[inside] = turn.speaker
        talking += inside
    single = talking == 1
    result = diarize(measured.windows, threshold)
    if result.timeline is None:
        return Score(0.0, 0)
    timeline = result.timeline
    found = np.array([timeline.speaker_at(t) for t in frames[single]])
    confusion = np.zeros((conversation.speaker_count, timeline.speaker_count))
    np.add.at(confusion, (truth[single], found), 1)
    rows, cols = linear_sum_assignment(-confusion)
    return Score(float(confusion[rows, cols].sum() / max(single.sum(), 1)), timeline.speaker_count)


def build_split(name: str, count: int, encoder: SpeakerEncoder, workdir: Path) -> list[Measured]:
    settings = TranscriberSettings()
    seeds = range(SPLITS[name], SPLITS[name] + count)
    return [measure(synthesize_conversation(seed, workdir / f"{name}-{seed}.wav"), encoder, settings) for seed in seeds]


def summary(split: list[Measured], threshold: float) -> tuple[float, float, float]:
    scores = [score(m, threshold) for m in split]
    speech = [m.conversation.duration_s for m in split]
    attributed = float(np.average([s.attributed for s in scores], weights=speech))
    exact = float(np.mean([s.found == m.conversation.speaker_count for s, m in zip(scores, split, strict=True)]))
    embed_rtf = sum(m.embed_s for m in split) / sum(speech)
    return attributed, exact, embed_rtf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recordings", type=int, default=20, help="Conversations in each split.")
    parser.add_argument("--tune", action="store_true", help="Sweep the threshold on the dev split first.")
    parser.add_argument("--threshold", type=float, default=TranscriberSettings().speaker_distance_threshold)
    args = parser.parse_args()
    encoder = SpeakerEncoder(TranscriberSettings().diarization_threads)
    encoder.warm_up()
    with tempfile.TemporaryDirectory(prefix="recast-diarization-set-") as workdir:
        splits = {name: build_split(name, args.recordings, encoder, Path(workdir)) for name in SPLITS}
    threshold = args.threshold
    if args.tune:
        print("threshold  dev attributed  dev count exact")
        best = (-1.0, threshold)
        for candidate in np.arange(0.20, 0.56, 0.025):
            attributed, exact, _ = summary(splits["dev"], float(candidate))
            print(f"{candidate:9.3f}  {attributed:14.1%}  {exact:15.1%}")
            best = max(best, (attributed + exact, float(candidate)))
        threshold = best[1]
        print(f"chosen on dev: {threshold:.3f}\n")
    print(f"threshold {threshold:.3f}, {args.recordings} conversations a split, 1-3 voices, ~90 s each")
    print("split      speech attributed right  speaker count exact  embedding RTF")
    for name, split in splits.items():
        attributed, exact, embed_rtf = summary(split, threshold)
        print(f"{name:9}  {attributed:23.1%}  {exact:19.1%}  {embed_rtf:13.4f}")
    counts = [m.conversation.speaker_count for split in splits.values() for m in split]
    print(f"voices per conversation: {dict(sorted({c: counts.count(c) for c in counts}.items()))}")
    print(f"(audio at {SAMPLE_RATE} Hz, scored on {FRAME_S} s frames with one voice)")


if __name__ == "__main__":
    main()
