"""Where the transcriber's memory goes on a long recording, in one process and without a broker.

Loads the engine, the VAD and the speaker encoder as the service's start-up does, finds the speech of
the 10-minute synthetic file (the planning step's VAD), then transcribes and embeds ``--chunks``
successive chunks of at most ``max_chunk_s`` (the file's chunks over and over, each stored as a part
of its own) and assembles them, every step in a worker thread as the service runs it. It prints
VmRSS and VmHWM after each step: a flat line after the first chunk means no growth, a jump at the
end is the assembly.

    nice -n 10 python -m bench.memory --chunks 6                     # what the service does
    nice -n 10 python -m bench.memory --chunks 6 --glibc-defaults    # no arena cap, no trimming
    nice -n 10 python -m bench.memory --chunks 6 --library-features  # faster-whisper's own features

Figures and what they showed: docs/benchmarks.md, "Memory for long recordings".
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from faster_whisper.feature_extractor import FeatureExtractor

from bench.speech import synthesize, webinar_paragraphs
from services.transcriber.allocator import in_worker, limit_arenas
from services.transcriber.app import load_speaker_encoder
from services.transcriber.engines import FasterWhisperEngine, load_engine, warm_up_engine
from services.transcriber.planning import ChunkPlan, SpeechSpan, TranscriptionPlan, plan_chunks
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import (
    assemble_transcript,
    chunk_audio_key,
    transcribe_chunk,
    vad_options,
)
from services.transcriber.vad import chunk_wav, find_speech, warm_up
from shared.storage import ObjectStore, S3Uri


class MemoryStore(ObjectStore):
    """The object store in a dict, with each chunk's audio cut from the spooled PCM when it is read:
    what the service keeps in S3 counts against its RSS only while it is read or written, as with S3."""

    def __init__(self, spool: Path) -> None:
        super().__init__(client=None, bucket="bench")
        self.objects: dict[str, bytes] = {}
        self.chunk_audio: dict[str, list[SpeechSpan]] = {}
        self.spool = spool

    def put_bytes(self, key: str, data: bytes, content_type: str) -> Any:
        self.objects[key] = data
        return None

    def get_bytes(self, uri: S3Uri | str) -> bytes:
        key = (S3Uri.parse(uri) if isinstance(uri, str) else uri).key
        return chunk_wav(self.spool, self.chunk_audio[key]) if key in self.chunk_audio else self.objects[key]

    def head(self, key: str) -> dict[str, Any] | None:
        return {} if key in self.objects or key in self.chunk_audio else None


def memory_mb() -> dict[str, float]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return fields


def report(step: str, **extra: Any) -> dict[str, Any]:
    row = {"step": step, **memory_mb(), **extra}
    print(json.dumps(row), flush=True)
    return row


async def run(chunk_count: int, library_features: bool, glibc_defaults: bool) -> list[dict[str, Any]]:
    settings = TranscriberSettings()
    rows = [report("start")]
    # What the service does: fewer arenas from the start, freed memory handed back after each step.
    step = asyncio.to_thread if glibc_defaults else in_worker
    if not glibc_defaults:
        limit_arenas()
    engine = await asyncio.to_thread(load_engine, settings)
    if library_features and isinstance(engine, FasterWhisperEngine):  # the "before" of a side-by-side run
        engine._model.feature_extractor = FeatureExtractor(**engine._model.feat_kwargs)
    await asyncio.to_thread(warm_up, vad_options(settings))
    await asyncio.to_thread(warm_up_engine, engine, settings.whisper_language)
    rows.append(report("engine and VAD loaded", model=engine.model))
    encoder = await asyncio.to_thread(load_speaker_encoder) if settings.diarization else None
    rows.append(report("speaker encoder loaded"))
    with tempfile.TemporaryDirectory(prefix="recast-memory-") as workdir:
        # Synthesised afresh in this run's own folder, so runs side by side never read each other's half-written file.
        source = synthesize(webinar_paragraphs(10), Path(workdir) / "speech-10min.wav")
        spool = Path(workdir) / "audio.pcm"
        store = MemoryStore(spool)
        speech = await step(find_speech, source.wav, spool, vad_options(settings))
        file_chunks = plan_chunks(speech.spans, settings.max_chunk_s)
        chunks = []
        for index in range(chunk_count):
            # The file's chunks again and again, each loop later in the recording, as a looped file would be.
            loop, original = divmod(index, len(file_chunks))
            spans = file_chunks[original].spans
            store.chunk_audio[chunk_audio_key("bench", index)] = spans
            shifted = [
                span.model_copy(
                    update={"start": span.start + loop * speech.duration_s, "end": span.end + loop * speech.duration_s}
                )
                for span in spans
            ]
            chunks.append(ChunkPlan(index=index, spans=shifted, audio_key=chunk_audio_key("bench", index)))
        rows.append(report("planned", chunks=len(chunks)))
        plan = TranscriptionPlan(
            recording_id="bench",
            source_key="bench",
            title="bench",
            duration_s=speech.duration_s * -(-chunk_count // len(file_chunks)),
            chunks=chunks,
        )
        for chunk in chunks:
            started = time.monotonic()
            await step(transcribe_chunk, plan, chunk, store, engine, settings.whisper_language, encoder)
            took_s = round(time.monotonic() - started, 1)
            rows.append(report(f"chunk {chunk.index}", speech_s=round(chunk.speech_s), took_s=took_s))
        distance = settings.speaker_distance_threshold if settings.diarization else None
        stored = await step(assemble_transcript, plan, store, engine, settings.whisper_language, distance)
        text = " ".join(segment.text for segment in stored.transcript.segments)
        rows.append(
            report(
                "assembled",
                segments=len(stored.transcript.segments),
                speakers=stored.speakers_note,
                text_sha256=hashlib.sha256(text.encode()).hexdigest()[:16],
            )
        )
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, default=6, help="chunks to transcribe and embed before assembling")
    parser.add_argument(
        "--library-features", action="store_true", help="faster-whisper's own feature extractor, for comparison"
    )
    parser.add_argument("--glibc-defaults", action="store_true", help="glibc's arenas and no trimming, for comparison")
    args = parser.parse_args()
    asyncio.run(run(args.chunks, args.library_features, args.glibc_defaults))


if __name__ == "__main__":
    main()
