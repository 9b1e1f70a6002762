"""Throughput of 2 transcriber replicas vs 1 (one CPU thread each) on the same batch of recordings.

For each replica count a fresh local stack (ingest + transcriber) starts on free ports; the
same synthetic recordings are uploaded under keys spread evenly over the partitions, and the
clock runs from the first upload to the last ``transcripts.ready``. Both figures print side by
side from one run.

    python -m bench.replicas --recordings 8 --minutes 1
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from aiokafka.partitioner import DefaultPartitioner

from bench.speech import synthesize, webinar_paragraphs
from cli.common import recording_id_for, status_from, tail
from infra.local.stack import REPO_ROOT, LocalStack, free_port
from shared import topics
from shared.metrics import metric_value
from shared.status import Stage, StageState
from shared.storage import ObjectStore, make_s3_client
from shared.topics import RECORDINGS_STATUS, TRANSCRIBER_GROUP, TRANSCRIPTS_READY

PARTITIONS = 4


def batch(count: int, minutes: float, cache: Path) -> list[bytes]:
    """``count`` distinct synthetic recordings (cached between runs)."""
    bodies = []
    for index in range(count):
        path = cache / f"replicas-{minutes:g}min-{index}.wav"
        if not path.exists():
            synthesize(webinar_paragraphs(minutes, seed=100 + index), path)
        bodies.append(path.read_bytes())
    return bodies


def balanced_keys(bucket: str, bodies: list[bytes], prefix: str) -> list[str]:
    """A key for each body so the recordings spread evenly over the partitions (the partition key is
    the recording id, known in advance from bucket, key and the body's MD5)."""
    partitions = list(range(PARTITIONS))
    load = dict.fromkeys(partitions, 0)
    keys = []
    for index, body in enumerate(bodies):
        etag = hashlib.md5(body).hexdigest()
        target = min(load, key=lambda p: (load[p], p))
        attempt = 0
        while True:
            key = f"{prefix}-{index}-{attempt}.wav"
            if DefaultPartitioner()(recording_id_for(bucket, key, etag).encode(), partitions, partitions) == target:
                break
            attempt += 1
        load[target] += 1
        keys.append(key)
    return keys


async def wait_for_transcripts(stack: LocalStack, recording_ids: set[str], timeout_s: float) -> float:
    """Wait for every recording's transcripts.ready; returns the transcription span read from
    recordings.status: first ``transcribe started`` to last ``transcribe done`` (ingest excluded)."""
    settings = stack.settings()
    pending = set(recording_ids)
    starts, ends = [], []
    topics_read = [TRANSCRIPTS_READY, RECORDINGS_STATUS]
    async for topic, event in tail(settings, topics_read, from_beginning=True, timeout_s=timeout_s):
        if event.get("recording_id") not in recording_ids:
            continue
        if topic == TRANSCRIPTS_READY:
            pending.discard(str(event["recording_id"]))
        elif (update := status_from(event)) and update.stage is Stage.transcribe:
            if update.state is StageState.started:
                starts.append(update.occurred_at)
            elif update.state is StageState.done:
                ends.append(update.occurred_at)
        if not pending and len(ends) >= len(recording_ids):
            return (max(ends) - min(starts)).total_seconds()
    raise TimeoutError(f"{len(pending)} recordings not transcribed in {timeout_s:.0f} s")


async def wait_until_stable(stack: LocalStack, members: int, timeout_s: float = 60) -> None:
    """Every transcriber group (recordings, and chunks where the service has that group) stable with
    all replicas in it, so no run starts with a rebalance still to come (~5 s each on Tansu)."""
    from aiokafka.admin import AIOKafkaAdminClient

    groups = [group for group in (TRANSCRIBER_GROUP, getattr(topics, "TRANSCRIBER_CHUNK_GROUP", None)) if group]
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.bootstrap_servers)
    await admin.start()
    try:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            descriptions = [(await admin.describe_consumer_groups([group]))[0].groups[0] for group in groups]
            if all(d[2] == "Stable" and len(d[5]) == members for d in descriptions):
                return
            await asyncio.sleep(0.2)
        raise TimeoutError(f"transcriber groups not stable with {members} members")
    finally:
        await admin.close()


@dataclass
class Run:
    seconds: float
    transcribing: float  # first transcription started -> last one done, from recordings.status
    handled: dict[str, float]  # replica -> messages it handled (recordings planned and chunks transcribed)
    load: float  # 1-minute load average at the end: other work competing for the cores


def handled_per_replica(stack: LocalStack, replicas: int) -> dict[str, float]:
    counts = {}
    for name in ["transcriber", *(f"transcriber-{n}" for n in range(2, replicas + 1))]:
        with urllib.request.urlopen(stack.metrics_url(name), timeout=10) as response:
            counts[name] = metric_value(
                response.read().decode(), "recast_received_processed_messages_total", {"app_name": "transcriber"}
            )
    return counts


def run(replicas: int, bodies: list[bytes], timeout_s: float) -> Run:
    with tempfile.TemporaryDirectory(prefix=f"recast-bench-replicas-{replicas}-") as run_dir:
        stack = LocalStack(
            Path(run_dir),
            kafka_port=free_port(),
            s3_port=free_port(),
            services=("ingest", "transcriber"),
            scale={"transcriber": replicas},
            partitions=PARTITIONS,
            extra_env={"RECAST_CPU_THREADS": "1", "RECAST_POLL_INTERVAL_S": "0.5"},
        )
        stack.up(timeout_s=240)
        try:
            asyncio.run(wait_until_stable(stack, replicas))
            store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
            keys = balanced_keys(stack.bucket, bodies, f"incoming/podcasts/bench-{uuid.uuid4().hex[:6]}")
            recording_ids = set()
            started = time.perf_counter()
            for key, body in zip(keys, bodies, strict=True):
                put = store.client.put_object(Bucket=stack.bucket, Key=key, Body=body, ContentType="audio/wav")
                recording_ids.add(recording_id_for(stack.bucket, key, put["ETag"]))
            transcribing = asyncio.run(wait_for_transcripts(stack, recording_ids, timeout_s))
            seconds = time.perf_counter() - started
            return Run(seconds, transcribing, handled_per_replica(stack, replicas), os.getloadavg()[0])
        finally:
            stack.down()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recordings", type=int, default=8)
    parser.add_argument("--minutes", type=float, default=1.0, help="length of each synthetic recording")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args(argv)
    cache = REPO_ROOT / ".run" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    bodies = batch(args.recordings, args.minutes, cache)
    audio_s = args.recordings * args.minutes * 60
    runs = {replicas: run(replicas, bodies, args.timeout) for replicas in (1, 2)}
    print(f"transcriber throughput, {args.recordings} recordings x {args.minutes:g} min, 1 CPU thread per replica")
    for replicas, result in runs.items():
        split = ", ".join(f"{name} {count:.0f}" for name, count in result.handled.items())
        print(
            f"  {replicas} replica(s): {result.seconds:6.1f} s   {audio_s / result.seconds:5.1f} s of audio per second"
            f"   transcribing {result.transcribing:5.1f} s   messages handled: {split}"
            f"   load average {result.load:.1f} on {os.cpu_count()} cores"
        )
    ratio = runs[1].seconds / runs[2].seconds
    print(f"  transcription-span ratio 2 vs 1: {runs[1].transcribing / runs[2].transcribing:.2f}x (ingest excluded)")
    print(f"  throughput ratio 2 vs 1: {ratio:.2f}x   target >= 1.8x: {'met' if ratio >= 1.8 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
