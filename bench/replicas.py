"""Throughput of 2 transcriber replicas vs 1 (one thread each) on the same batch of recordings.

For each replica count a fresh local stack (broker, S3, the transcriber replicas) starts on
free ports and waits until every replica is in both transcriber groups. Before the clock
starts, the batch is uploaded and put through the ingest service's own checks (in this
process, the code the service runs), so what the clock measures is the transcriber alone:
from publishing the batch's ``recordings.ingested`` events to the last ``transcripts.ready``.
The recordings' keys spread them evenly over the partitions.

"One thread each": ``RECAST_CPU_THREADS=1`` for Whisper, and each replica is pinned to a core
of its own (every thread, and the ffmpeg it starts), as a one-CPU container would be; without
that, one replica would plan the next recording on the second core while it transcribes, and
the baseline would not be one replica's worth of CPU. ``--no-pin`` measures that too. Both
figures print side by side from one run, with each process's CPU seconds; the pinned pair
runs ``--repeat`` times (the spread between runs on this machine is a few percent) and the
median ratio is the result.

The replicas run with the services' own Kafka fetch wait (500 ms, Kafka's default), not the
50 ms the local stack sets for Tansu. Tansu answers a fetch by polling its storage, so at 50 ms
every idle consumer keeps the broker busy (two idle replicas: ~0.05 core of broker and ~0.02
of each replica's own); Kafka's long poll costs nothing while it waits. On two cores that
polling comes out of the replicas' cores only when both are busy, so it is charged to the
two-replica run alone. A throughput batch does not need the short wait, as queued work is
fetched at once; its price is the first records of a run landing during a poll, up to ~250 ms
late on Tansu, in both runs. ``--local-fetch-wait`` measures a pair with 50 ms, printed beside.

After each pair, ``bench.core_scaling`` measures what the two cores give Whisper alone, with
no broker, S3 or pipeline: on a virtual machine two busy vCPUs can each run slower than one
alone, and that ceiling moves with the host's load. The replicas' ratio is printed as a share
of it, so a low figure says whether Recast or the machine lost the difference.

    python -m bench.replicas --recordings 8 --minutes 3 --repeat 3 --no-pin --local-fetch-wait
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import os
import statistics
import tempfile
import time
import urllib.request
import uuid
import wave
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.partitioner import DefaultPartitioner

from bench import core_scaling
from bench.speech import synthesize, webinar_paragraphs
from cli.common import tail
from infra.local.stack import FETCH_WAIT_DEFAULT, REPO_ROOT, TANSU_ENV, LocalStack, free_port
from services.ingest.notifications import UploadedObject
from services.ingest.recordings import Ingestor
from services.ingest.settings import IngestSettings
from shared.broker import partition_key
from shared.events import RecordingIngested
from shared.keys import recording_id_for
from shared.metrics import metric_value
from shared.storage import ObjectStore, make_s3_client
from shared.topics import RECORDINGS_INGESTED, TRANSCRIBER_CHUNK_GROUP, TRANSCRIBER_GROUP, TRANSCRIPTS_READY

PARTITIONS = 4
# The bench's own consumer of transcripts.ready, whatever the replicas use: on Tansu it sees the
# last event within ~25 ms, so the clock stops when the batch is done, not a poll later.
OBSERVER_FETCH_WAIT_MS = 50
LOCAL_STACK_FETCH_WAIT_MS = int(TANSU_ENV["RECAST_KAFKA_FETCH_MAX_WAIT_MS"])


def batch(count: int, minutes: float, cache: Path) -> list[Path]:
    """``count`` distinct synthetic recordings (cached between runs)."""
    paths = []
    for index in range(count):
        path = cache / f"replicas-{minutes:g}min-{index}.wav"
        if not path.exists():
            synthesize(webinar_paragraphs(minutes, seed=100 + index), path)
        paths.append(path)
    return paths


def audio_seconds(wav: bytes) -> float:
    """Duration of a PCM WAV, from its header."""
    with wave.open(io.BytesIO(wav)) as audio:
        return audio.getnframes() / audio.getframerate()


def balanced_keys(bucket: str, bodies: list[bytes], prefix: str) -> list[str]:
    """A key for each body so every partition gets the same amount of audio: longest recording
    first onto the partition with least so far. The partition key is the recording id, known in
    advance from bucket, key and the body's MD5. Hashed keys would leave one partition, so one
    replica, with a few percent more audio than the other by chance, and the batch would wait
    for it."""
    partitions = list(range(PARTITIONS))
    load = dict.fromkeys(partitions, 0.0)
    seconds = [audio_seconds(body) for body in bodies]
    keys = [""] * len(bodies)
    for index in sorted(range(len(bodies)), key=lambda i: -seconds[i]):
        etag = hashlib.md5(bodies[index]).hexdigest()
        target = min(load, key=lambda p: (load[p], p))
        attempt = 0
        while True:
            key = f"{prefix}-{index}-{attempt}.wav"
            if DefaultPartitioner()(recording_id_for(bucket, key, etag).encode(), partitions, partitions) == target:
                break
            attempt += 1
        load[target] += seconds[index]
        keys[index] = key
    return keys


def ingest_batch(stack: LocalStack, bodies: list[bytes]) -> list[RecordingIngested]:
    """Upload the batch and turn each upload into its ``recordings.ingested`` event with the ingest
    service's own code (probe, bounded decode, claim), outside the measured window."""
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    ingestor = Ingestor(store, IngestSettings.model_validate(stack.env))
    keys = balanced_keys(stack.bucket, bodies, f"incoming/podcasts/bench-{uuid.uuid4().hex[:6]}")
    events = []
    for key, body in zip(keys, bodies, strict=True):
        put = store.client.put_object(Bucket=stack.bucket, Key=key, Body=body, ContentType="audio/wav")
        event = ingestor.ingest(UploadedObject(stack.bucket, key, put["ETag"].strip('"'), len(body)))
        if not isinstance(event, RecordingIngested):
            raise RuntimeError(f"ingest did not accept {key}: {event}")
        events.append(event)
    return events


async def transcribe_batch(stack: LocalStack, events: list[RecordingIngested], timeout_s: float) -> float:
    """Publish the batch to the transcriber; seconds until the last recording's transcripts.ready."""
    pending = {event.recording_id for event in events}
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        started = time.perf_counter()
        for event in events:
            await producer.send(RECORDINGS_INGESTED, event.model_dump_json().encode(), key=partition_key(event))
        await producer.flush()
    finally:
        await producer.stop()
    observer = stack.settings().model_copy(update={"kafka_fetch_max_wait_ms": OBSERVER_FETCH_WAIT_MS})
    async for _topic, ready in tail(observer, [TRANSCRIPTS_READY], from_beginning=True, timeout_s=timeout_s):
        pending.discard(str(ready.get("recording_id")))
        if not pending:
            return time.perf_counter() - started
    raise TimeoutError(f"{len(pending)} recordings not transcribed in {timeout_s:.0f} s")


async def wait_until_stable(stack: LocalStack, members: int, timeout_s: float = 60) -> None:
    """Both transcriber groups (recordings and chunks) stable with every replica in them, so no run
    starts with a rebalance still to come (~5 s each on Tansu)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.bootstrap_servers)
    await admin.start()
    try:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            groups = [TRANSCRIBER_GROUP, TRANSCRIBER_CHUNK_GROUP]
            descriptions = [(await admin.describe_consumer_groups([group]))[0].groups[0] for group in groups]
            if all(d[2] == "Stable" and len(d[5]) == members for d in descriptions):
                return
            await asyncio.sleep(0.2)
        raise TimeoutError(f"transcriber groups not stable with {members} members")
    finally:
        await admin.close()


def replica_names(replicas: int) -> list[str]:
    return ["transcriber", *(f"transcriber-{n}" for n in range(2, replicas + 1))]


def pin_to_core(pid: int, core: int) -> None:
    """Every thread of the process onto one core; threads and processes it starts later inherit it."""
    for thread in Path(f"/proc/{pid}/task").iterdir():
        os.sched_setaffinity(int(thread.name), {core})


def cpu_seconds(pid: int) -> float:
    """User + system time of the process and of the children it has waited for (ffmpeg)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    seconds: float  # batch published -> last transcripts.ready
    handled: dict[str, float]  # replica -> messages it handled (recordings planned and chunks transcribed)
    cpu: dict[str, float]  # process -> CPU seconds spent during the batch
    load: float  # 1-minute load average at the end: other work competing for the cores


def handled_per_replica(stack: LocalStack, replicas: int) -> dict[str, float]:
    """Messages each replica has processed, once the counts hold still: the last chunk's handler
    publishes transcripts.ready before it returns, so its own count can lag the clock's stop."""
    counts: dict[str, float] = {}
    while True:
        previous, counts = counts, {}
        for name in replica_names(replicas):
            with urllib.request.urlopen(stack.metrics_url(name), timeout=10) as response:
                counts[name] = metric_value(
                    response.read().decode(), "recast_received_processed_messages_total", {"app_name": "transcriber"}
                )
        if counts == previous:
            return counts
        time.sleep(0.5)


def run(replicas: int, bodies: list[bytes], timeout_s: float, pin: bool, fetch_wait_ms: int) -> Run:
    with tempfile.TemporaryDirectory(prefix=f"recast-bench-replicas-{replicas}-") as run_dir:
        stack = LocalStack(
            Path(run_dir),
            kafka_port=free_port(),
            s3_port=free_port(),
            services=("transcriber",),
            scale={"transcriber": replicas},
            partitions=PARTITIONS,
            extra_env={"RECAST_CPU_THREADS": "1", "RECAST_KAFKA_FETCH_MAX_WAIT_MS": str(fetch_wait_ms)},
        )
        stack.up(timeout_s=240)
        try:
            asyncio.run(wait_until_stable(stack, replicas))
            cores = sorted(os.sched_getaffinity(0))
            for index, name in enumerate(replica_names(replicas)):
                if pin:
                    pin_to_core(stack.pids[name], cores[index % len(cores)])
            events = ingest_batch(stack, bodies)
            before = {name: cpu_seconds(pid) for name, pid in stack.pids.items()}
            seconds = asyncio.run(transcribe_batch(stack, events, timeout_s))
            cpu = {name: cpu_seconds(pid) - before[name] for name, pid in stack.pids.items()}
            return Run(seconds, handled_per_replica(stack, replicas), cpu, os.getloadavg()[0])
        finally:
            stack.down()


def report(title: str, runs: dict[int, Run], audio_s: float) -> float:
    print(title)
    for replicas, result in runs.items():
        split = " + ".join(f"{count:.0f}" for count in result.handled.values())
        cpu = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.cpu.items())
        print(
            f"  {replicas} replica(s): {result.seconds:6.1f} s  {audio_s / result.seconds:5.1f} s of audio per second"
            f"  messages per replica {split}  CPU s: {cpu}  load average {result.load:.1f}"
        )
    ratio = runs[1].seconds / runs[2].seconds
    print(f"  throughput ratio 2 vs 1: {ratio:.2f}x")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recordings", type=int, default=8)
    parser.add_argument("--minutes", type=float, default=3.0, help="length of each synthetic recording")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of runs (1 replica, then 2); the median counts")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--no-pin", action="store_true", help="also measure one pair with replicas not pinned")
    parser.add_argument(
        "--fetch-wait-ms",
        type=int,
        default=FETCH_WAIT_DEFAULT,
        help="the replicas' Kafka fetch wait (default: the services' own default)",
    )
    parser.add_argument(
        "--local-fetch-wait",
        action="store_true",
        help=f"also measure one pinned pair with the local stack's {LOCAL_STACK_FETCH_WAIT_MS} ms fetch wait",
    )
    args = parser.parse_args(argv)
    cache = REPO_ROOT / ".run" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    paths = batch(args.recordings, args.minutes, cache)
    bodies = [path.read_bytes() for path in paths]
    audio_s = sum(audio_seconds(body) for body in bodies)
    heading = f"transcriber throughput, {args.recordings} recordings x {args.minutes:g} min, 1 CPU thread per replica"
    ratios, ceilings = [], []
    for pair in range(args.repeat):
        ratios.append(
            report(
                f"{heading}, each replica pinned to one core, fetch wait {args.fetch_wait_ms} ms "
                f"(pair {pair + 1} of {args.repeat})",
                {
                    replicas: run(replicas, bodies, args.timeout, pin=True, fetch_wait_ms=args.fetch_wait_ms)
                    for replicas in (1, 2)
                },
                audio_s,
            )
        )
        scaling = core_scaling.measure(paths[0])
        ceilings.append(scaling.ratio)
        print(
            f"  the machine's ceiling right after: Whisper alone {scaling.alone_s:.2f} s, two side by side "
            f"{scaling.side_by_side_s:.2f} s each = {scaling.ratio:.2f}x; "
            f"replicas reach {ratios[-1] / scaling.ratio:.0%} of it"
        )
    if args.no_pin:
        report(
            f"{heading}, replicas not pinned, fetch wait {args.fetch_wait_ms} ms",
            {
                replicas: run(replicas, bodies, args.timeout, pin=False, fetch_wait_ms=args.fetch_wait_ms)
                for replicas in (1, 2)
            },
            audio_s,
        )
    if args.local_fetch_wait:
        report(
            f"{heading}, each replica pinned to one core, the local stack's fetch wait {LOCAL_STACK_FETCH_WAIT_MS} ms",
            {
                replicas: run(replicas, bodies, args.timeout, pin=True, fetch_wait_ms=LOCAL_STACK_FETCH_WAIT_MS)
                for replicas in (1, 2)
            },
            audio_s,
        )
    median, ceiling = statistics.median(ratios), statistics.median(ceilings)
    print(
        f"2 vs 1 replicas, pinned: median {median:.2f}x over {len(ratios)} pairs "
        f"({', '.join(f'{ratio:.2f}x' for ratio in ratios)}); target >= 1.8x: {'met' if median >= 1.8 else 'MISSED'}"
    )
    print(
        f"Whisper alone on two cores, no pipeline: median {ceiling:.2f}x "
        f"({', '.join(f'{c:.2f}x' for c in ceilings)}); the replicas reach {median / ceiling:.0%} of it"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
