"""A 60-minute synthetic recording through the whole local stack, timed stage by stage.

Synthesises the recording once (espeak-ng paragraphs with pauses, cached as mp3 under
.run/bench/), starts every service on free ports, uploads it the way ``recast upload`` does
(multipart), then reads each stage's start and end from ``recordings.status``. Reports the time
per stage, the whole pipeline against the audio's duration, and everything after transcription.

    python -m bench.pipeline --minutes 60
    python -m bench.pipeline --minutes 30 --scale transcriber=1 --partitions 3

The stack is the embedded default (``make demo``): a transcriber per core, each on one Whisper
thread, sharing the recording's chunks through twice as many partitions. The second form times the
earlier default, one transcriber on two threads.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.speech import synthesize, webinar_paragraphs
from cli.common import RecordingProgress, status_from, tail
from cli.upload import Kind, put_recording
from infra.local.stack import (
    REPO_ROOT,
    LocalStack,
    default_partitions,
    embedded_scale,
    free_port,
)
from shared.status import FINAL_STAGES, Stage
from shared.topics import RECORDINGS_STATUS


def recording(minutes: float, cache: Path) -> Path:
    mp3 = cache / f"pipeline-{minutes:g}min.mp3"
    if not mp3.exists():
        wav = cache / f"pipeline-{minutes:g}min.wav"
        synthesize(webinar_paragraphs(minutes, seed=60), wav)
        command = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav), "-ac", "1", "-b:a", "48k"]
        subprocess.run([*command, str(mp3)], check=True)
        wav.unlink()
    return mp3


def audio_seconds(path: Path) -> float:
    probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", str(path)]
    return float(subprocess.run(probe, check=True, capture_output=True, text=True).stdout)


async def follow(stack: LocalStack, recording_id: str, timeout_s: float) -> RecordingProgress:
    progress = RecordingProgress(recording_id)
    async for _, event in tail(stack.settings(), [RECORDINGS_STATUS], from_beginning=True, timeout_s=timeout_s):
        if event.get("recording_id") == recording_id and (update := status_from(event)):
            progress.apply(update)
            if progress.complete:
                break
    return progress


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--scale", action="append", default=[], metavar="SERVICE=N", help="replicas of one service")
    parser.add_argument("--partitions", type=int, default=default_partitions(), help="partitions of every topic")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="a setting for every service")
    args = parser.parse_args(argv)
    cache = REPO_ROOT / ".run" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    source = recording(args.minutes, cache)
    duration = audio_seconds(source)

    with tempfile.TemporaryDirectory(prefix="recast-bench-pipeline-") as run_dir:
        stack = LocalStack(
            Path(run_dir),
            kafka_port=free_port(),
            s3_port=free_port(),
            partitions=args.partitions,
            scale=embedded_scale(args.scale),
            extra_env=dict(item.split("=", 1) for item in args.env),
        )
        stack.up(timeout_s=240)
        try:
            settings = stack.settings()
            upload_started = time.perf_counter()
            recording_id = put_recording(settings, source, f"incoming/webinars/{source.name}", Kind.webinar, "Bench")
            uploaded_at = datetime.now(UTC)
            upload_s = time.perf_counter() - upload_started
            result = asyncio.run(follow(stack, recording_id, args.timeout))
        finally:
            stack.down()

    if not result.complete or result.failed:
        print(f"the recording did not finish: {result.current}")
        return 1
    stages = result.stages
    ingested_at, transcribed_at = stages[Stage.ingest].finished_at, stages[Stage.transcribe].finished_at
    rails_done = [stages[stage].finished_at for stage in FINAL_STAGES]
    assert ingested_at and transcribed_at and all(rails_done), "a complete recording has every stage's end"
    finished = max(at for at in rails_done if at is not None)
    ingest_s = (ingested_at - uploaded_at).total_seconds()
    total_s = (finished - uploaded_at).total_seconds()
    after_transcription_s = (finished - transcribed_at).total_seconds()
    size_mib = source.stat().st_size / 2**20
    print(f"whole pipeline, one {duration / 60:.1f}-minute synthetic recording ({size_mib:.1f} MiB mp3)")
    print(f"  run as: python -m bench.pipeline {' '.join(sys.argv[1:] if argv is None else argv)}")
    print(f"  upload (multipart, not counted below)   {upload_s:7.1f} s")
    print(f"  ingest (upload noticed -> ingested)     {ingest_s:7.1f} s")
    for stage in (Stage.transcribe, Stage.insights, Stage.lead_magnet, Stage.framework_article):
        print(f"  {stage.value:<39} {stages[stage].seconds or 0:7.1f} s   ({stages[stage].state})")
    print(f"  total, uploaded -> both rails done      {total_s:7.1f} s   = {total_s / duration:.3f} x audio duration")
    print(f"  every stage after transcription         {after_transcription_s:7.2f} s")
    verdict_total = "met" if total_s / duration <= 0.07 else "MISSED"
    verdict_after = "met" if after_transcription_s <= 3 else "MISSED"
    print(f"  targets: total <= 0.07x {verdict_total}; after transcription <= 3 s {verdict_after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
