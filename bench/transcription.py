"""Transcription benchmarks, one run, figures side by side.

``engines``: real-time factor and WER of both engines on the same synthetic speech file,
through the service's own path (VAD, chunks cut at silences, Whisper per chunk).
``words``: what word timestamps (per-word probabilities, which the quote gate reads) cost: the
default engine on the same audio with them off and on, alternating, so load drifts hit both alike.
``second-opinion``: what decoding unsure segments a second time costs (each decoder, at each
``--below``): the default engine on the same audio with and without it, alternating rounds.
``long``: a multi-hour upload through the real transcriber service on the local stack;
its peak RSS (the kernel's VmHWM of the service process), time to the first progress event
and to ``transcripts.ready``, and whether the timestamps stay inside the recording.

    python -m bench.transcription engines --minutes 10
    python -m bench.transcription words --minutes 5 --rounds 3
    python -m bench.transcription second-opinion --audio some-talk.mp3 --rounds 2
    python -m bench.transcription long --hours 3
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import itertools
import json
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.speech import Speech, synthesize, webinar_paragraphs
from services.transcriber.audio import read_wav
from services.transcriber.engines import load_engine
from services.transcriber.planning import ChunkTimeline, plan_chunks
from services.transcriber.second_opinion import SecondDecoder, confirm_segments, load_second_opinion
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import to_recording_time, vad_options
from services.transcriber.vad import chunk_wav, find_speech
from shared.events import TranscriptSegment

OUT = Path(".run/bench/transcription")


def word_error_rate(reference: str, hypothesis: str) -> float:
    import jiwer
    from whisper.normalizers import EnglishTextNormalizer

    normalise = EnglishTextNormalizer()
    return float(jiwer.wer(normalise(reference), normalise(hypothesis)))


def transcribe_file(path: Path, settings: TranscriberSettings) -> dict[str, Any]:
    engine = load_engine(settings)
    opinion = load_second_opinion(settings)
    started, cpu_started = time.monotonic(), time.process_time()
    segments: list[TranscriptSegment] = []
    with tempfile.TemporaryDirectory() as workdir:
        spool = Path(workdir) / "audio.pcm"
        speech = find_speech(path, spool, vad_options(settings), settings.audio_filter)
        for chunk in plan_chunks(speech.spans, settings.max_chunk_s):
            audio = read_wav(chunk_wav(spool, chunk.spans))
            result = engine.transcribe(audio, settings.whisper_language)
            heard = result.segments
            if opinion is not None:
                heard = confirm_segments(heard, audio, result.language, opinion)
            timeline = ChunkTimeline(chunk.spans)
            segments += [to_recording_time(segment, timeline) for segment in heard]
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    return {
        "engine": engine.engine,
        "elapsed_s": elapsed,
        "cpu_s": cpu,
        "duration_s": speech.duration_s,
        "segments": segments,
    }


def bench_engines(minutes: float, checkpoint_dir: Path, beams: tuple[int, ...]) -> list[dict[str, Any]]:
    wav = OUT / f"speech-{minutes:g}min.wav"
    speech = synthesize(webinar_paragraphs(minutes), wav)
    rows = []
    for engine in ("faster-whisper", "openai-whisper"):
        for beam_size in beams:
            settings = TranscriberSettings(engine=engine, beam_size=beam_size, checkpoint_dir=checkpoint_dir)
            run = transcribe_file(wav, settings)
            text = " ".join(segment.text for segment in run["segments"])
            row = {
                "engine": engine,
                "beam": beam_size,
                "audio_min": round(run["duration_s"] / 60, 2),
                "rtf": round(run["elapsed_s"] / run["duration_s"], 3),
                "wer_pct": round(100 * word_error_rate(speech.text, text), 1),
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    return rows


def bench_word_timestamps(minutes: float, rounds: int, checkpoint_dir: Path) -> list[dict[str, Any]]:
    wav = OUT / f"speech-{minutes:g}min.wav"
    synthesize(webinar_paragraphs(minutes), wav)
    rows = []
    for round_number in range(1, rounds + 1):
        for word_timestamps in (False, True):
            settings = TranscriberSettings(word_timestamps=word_timestamps, checkpoint_dir=checkpoint_dir)
            run = transcribe_file(wav, settings)
            row = {
                "round": round_number,
                "engine": run["engine"],
                "word_timestamps": word_timestamps,
                "audio_min": round(run["duration_s"] / 60, 2),
                "elapsed_s": round(run["elapsed_s"], 2),
                "cpu_s": round(run["cpu_s"], 2),
                "rtf": round(run["elapsed_s"] / run["duration_s"], 4),
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    # CPU seconds move less than wall time when other work shares the cores.
    for measure in ("elapsed_s", "cpu_s"):
        off = sum(row[measure] for row in rows if not row["word_timestamps"])
        on = sum(row[measure] for row in rows if row["word_timestamps"])
        print(json.dumps({f"{measure}_with_words_over_without": round(on / off, 3)}), flush=True)
    return rows


def bench_second_opinion(
    audio: Path | None, minutes: float, rounds: int, below: tuple[float, ...], checkpoint_dir: Path
) -> list[dict[str, Any]]:
    if audio is None:
        audio = OUT / f"speech-{minutes:g}min.wav"
        synthesize(webinar_paragraphs(minutes), audio)
    variants: list[tuple[SecondDecoder, float]] = [("off", 1.0)]
    variants += [(decoder, level) for decoder in ("other-model", "wider-beam") for level in below]
    rows = []
    for round_number in range(1, rounds + 1):
        for decoder, level in variants:
            settings = TranscriberSettings(
                second_opinion=decoder, second_opinion_below=level, checkpoint_dir=checkpoint_dir
            )
            run = transcribe_file(audio, settings)
            words = [word for segment in run["segments"] for word in segment.words]
            checked = sum(word.confirmed is not None for word in words)
            row = {
                "round": round_number,
                "second_opinion": decoder,
                "below": level if decoder != "off" else None,
                "audio_min": round(run["duration_s"] / 60, 2),
                "elapsed_s": round(run["elapsed_s"], 2),
                "cpu_s": round(run["cpu_s"], 2),
                "words_checked_pct": round(100 * checked / max(len(words), 1), 1),
                "checked_unconfirmed_pct": round(100 * sum(w.confirmed is False for w in words) / max(checked, 1), 1),
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    off = [row for row in rows if row["second_opinion"] == "off"]
    for decoder, level in variants[1:]:
        on = [row for row in rows if row["second_opinion"] == decoder and row["below"] == level]
        ratios = {
            f"{measure}_ratio": round(sum(r[measure] for r in on) / sum(r[measure] for r in off), 3)
            for measure in ("elapsed_s", "cpu_s")
        }
        print(json.dumps({"second_opinion": decoder, "below": level} | ratios), flush=True)
    return rows


def placement_check(segments: list[dict[str, Any]], speech: Speech, hours: float) -> float:
    """Share of paragraph starts (every paragraph of every loop of the 10-minute file) that some
    segment starts within 2 s of: timestamps stay right across chunks and hours."""
    starts = sorted(segment["start"] for segment in segments)
    loops = round(hours * 3600 / speech.duration_s)
    expected = [loop * speech.duration_s + start for loop in range(loops) for start, _, _ in speech.paragraphs]
    found = 0
    for when in expected:
        i = bisect.bisect_left(starts, when - 2)
        found += i < len(starts) and starts[i] <= when + 2
    return found / len(expected)


def make_long_input(hours: float) -> Path:
    """The 10-minute speech looped to ``hours``, as 44.1 kHz stereo mp3 (what a webinar export looks like)."""
    ten_minutes = OUT / "speech-10min.wav"
    synthesize(webinar_paragraphs(10), ten_minutes)
    target = OUT / f"webinar-{hours:g}h.mp3"
    if not target.exists():
        loops = str(max(int(hours * 6) - 1, 0))
        subprocess.run(
            ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-stream_loop", loops, "-i", str(ten_minutes),
             "-ac", "2", "-ar", "44100", "-b:a", "64k", str(target)],
            check=True,
        )  # fmt: skip
    return target


def peak_rss_mb(pid: int) -> float:
    """The kernel's high-water mark of the process's resident memory (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def bench_long(hours: float) -> dict[str, Any]:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    from infra.local.stack import LocalStack, free_port
    from shared.events import RecordingIngested, RecordingKind, deterministic_id
    from shared.storage import ObjectStore, make_s3_client
    from shared.topics import RECORDINGS_INGESTED, RECORDINGS_STATUS, TRANSCRIPTS_READY

    source = make_long_input(hours)
    ten_minutes = synthesize(webinar_paragraphs(10), OUT / "speech-10min.wav")  # where its paragraphs sit
    stack = LocalStack(
        OUT / "stack", kafka_port=free_port(), s3_port=free_port(), bucket="recast-bench", services=("transcriber",)
    )
    await asyncio.to_thread(stack.up)  # it runs its own event loop
    try:
        store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
        key = f"incoming/webinars/{source.stem}-{uuid.uuid4().hex[:6]}.mp3"
        store.client.upload_file(str(source), stack.bucket, key)
        recording_id = deterministic_id("bench", key)
        event = RecordingIngested(
            event_id=deterministic_id(recording_id, "ingested"),
            recording_id=recording_id,
            producer="bench",
            source_uri=str(store.uri(key)),
            source_key=key,
            source_etag="bench",
            kind=RecordingKind.webinar,
            title=source.stem,
            size_bytes=source.stat().st_size,
            duration_s=hours * 3600,
            container="mp3",
            audio_codec="mp3",
        )
        consumer = AIOKafkaConsumer(RECORDINGS_STATUS, TRANSCRIPTS_READY, bootstrap_servers=stack.bootstrap_servers)
        await consumer.start()
        producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
        await producer.start()
        await consumer.getmany(timeout_ms=500)
        started = time.monotonic()
        await producer.send_and_wait(RECORDINGS_INGESTED, event.model_dump_json().encode(), key=recording_id.encode())
        first_progress_s = ready_s = None
        ready: dict[str, Any] = {}
        while ready_s is None:
            for partition, records in (await consumer.getmany(timeout_ms=1000)).items():
                for record in records:
                    update = json.loads(record.value)
                    if update.get("recording_id") != recording_id:
                        continue
                    if partition.topic == RECORDINGS_STATUS and update["state"] == "failed":
                        raise RuntimeError(update["message"])
                    if partition.topic == RECORDINGS_STATUS and update["state"] == "progress" and not first_progress_s:
                        first_progress_s = time.monotonic() - started
                        print(f"first progress after {first_progress_s:.1f} s: {update['message']}", flush=True)
                    if partition.topic == TRANSCRIPTS_READY:
                        ready_s, ready = time.monotonic() - started, update
        await producer.stop()
        await consumer.stop()
        transcript = json.loads(store.get_bytes(ready["transcript_uri"]))
        segments = transcript["segments"]
        loops = round(hours * 3600 / ten_minutes.duration_s)
        heard = " ".join(segment["text"] for segment in segments)
        return {
            "input": f"{hours:g} h mp3, 44.1 kHz stereo",
            "audio_s": transcript["duration_s"],
            "peak_rss_mb": round(peak_rss_mb(stack.pids["transcriber"]), 1),
            "first_progress_s": round(first_progress_s or 0, 1),
            "ready_s": round(ready_s, 1),
            "rtf": round(ready_s / transcript["duration_s"], 3),
            "chunks": transcript["chunk_count"],
            "segments": len(segments),
            "last_segment_end_s": segments[-1]["end"] if segments else None,
            "wer_pct": round(100 * word_error_rate(" ".join([ten_minutes.text] * loops), heard), 1),
            "paragraph_starts_found_pct": round(100 * placement_check(segments, ten_minutes, hours), 1),
            "timestamps_ordered_and_inside": all(
                0 <= a["start"] <= b["start"] <= b["end"] <= transcript["duration_s"]
                for a, b in itertools.pairwise(segments)
            ),
        }
    finally:
        await asyncio.to_thread(stack.down)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="which", required=True)
    engines = sub.add_parser("engines")
    engines.add_argument("--minutes", type=float, default=10)
    engines.add_argument("--checkpoint-dir", type=Path, default=Path(".models"))
    engines.add_argument("--beam", type=int, action="append", default=[], help="beam sizes (default: 1)")
    words = sub.add_parser("words")
    words.add_argument("--minutes", type=float, default=5)
    words.add_argument("--rounds", type=int, default=3)
    words.add_argument("--checkpoint-dir", type=Path, default=Path(".models"))
    second = sub.add_parser("second-opinion")
    second.add_argument("--audio", type=Path, help="a recording to transcribe (default: synthesized speech)")
    second.add_argument("--minutes", type=float, default=3)
    second.add_argument("--rounds", type=int, default=2)
    second.add_argument("--below", type=float, action="append", default=[], help="check thresholds (default: 1.01)")
    second.add_argument("--checkpoint-dir", type=Path, default=Path(".models"))
    long = sub.add_parser("long")
    long.add_argument("--hours", type=float, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.which == "engines":
        rows = bench_engines(args.minutes, args.checkpoint_dir, tuple(args.beam) or (1,))
        (OUT / "engines.json").write_text(json.dumps(rows, indent=2))
    elif args.which == "words":
        rows = bench_word_timestamps(args.minutes, args.rounds, args.checkpoint_dir)
        (OUT / "words.json").write_text(json.dumps(rows, indent=2))
    elif args.which == "second-opinion":
        rows = bench_second_opinion(
            args.audio, args.minutes, args.rounds, tuple(args.below) or (1.01,), args.checkpoint_dir
        )
        (OUT / "second-opinion.json").write_text(json.dumps(rows, indent=2))
    else:
        result = asyncio.run(bench_long(args.hours))
        print(json.dumps(result, indent=2))
        (OUT / f"long-{args.hours:g}h.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
