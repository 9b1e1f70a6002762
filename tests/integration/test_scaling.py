"""Scaling one service: two transcriber replicas share the partitions, and both take work.

The uploads are chosen so their recording ids (the partition key) land on every partition of
``recordings.ingested``: whatever the group's assignment, each replica owns some of them. The
test looks only at what any operator sees: the status topic, ``transcripts.ready`` and each
replica's own /metrics.
"""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka.partitioner import DefaultPartitioner

from cli.common import load_settings, status_from, tail
from infra.local.stack import LocalStack
from shared.keys import recording_id_for
from shared.metrics import metric_value
from shared.status import Stage, StageState
from shared.storage import ObjectStore, make_s3_client
from shared.topics import RECORDINGS_STATUS, TRANSCRIPTS_READY
from tests.conftest import make_stack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

PARTITIONS = 4
REPLICAS = ("transcriber", "transcriber-2")


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(
        tmp_path_factory.mktemp("scaled"),
        services=("ingest", "transcriber"),
        scale={"transcriber": 2},
        partitions=PARTITIONS,
        extra_env={"RECAST_CPU_THREADS": "1", "RECAST_LAG_INTERVAL_S": "1"},
    )
    stack.up(timeout_s=180)
    try:
        yield stack
    finally:
        stack.down()


def speak(text: str, path: Path) -> bytes:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    return path.read_bytes()


def keys_on_every_partition(bucket: str, body: bytes, prefix: str) -> list[str]:
    """One object key per partition: a single PUT's ETag is the MD5 of its body, so the recording
    id, and the partition the producer's default partitioner gives it, are known in advance."""
    etag = hashlib.md5(body).hexdigest()
    partitions = list(range(PARTITIONS))
    chosen: dict[int, str] = {}
    attempt = 0
    while len(chosen) < PARTITIONS:
        key = f"{prefix}-{attempt}.wav"
        partition = DefaultPartitioner()(recording_id_for(bucket, key, etag).encode(), partitions, partitions)
        chosen.setdefault(partition, key)
        attempt += 1
    return [chosen[partition] for partition in partitions]


async def transcribed(recording_ids: set[str], timeout_s: float) -> dict[str, str]:
    """recording id -> the transcript URI on transcripts.ready, once every recording has one."""
    transcripts: dict[str, str] = {}
    done: set[str] = set()
    settings = load_settings()
    async for topic, event in tail(
        settings, [TRANSCRIPTS_READY, RECORDINGS_STATUS], from_beginning=True, timeout_s=timeout_s
    ):
        recording_id = event.get("recording_id")
        if recording_id not in recording_ids:
            continue
        if topic == TRANSCRIPTS_READY:
            transcripts[recording_id] = event["transcript_uri"]
        elif (update := status_from(event)) and update.stage is Stage.transcribe:
            assert update.state is not StageState.failed, update.message
            if update.state is StageState.done:
                done.add(recording_id)
        if set(transcripts) == recording_ids and done == recording_ids:
            break
    return transcripts


def test_two_transcriber_replicas_both_take_work(
    scaled: LocalStack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in scaled.env.items():
        monkeypatch.setenv(name, value)
    body = speak("Depth beats volume. Publish fewer pieces and make each of them the best answer.", tmp_path / "a.wav")
    keys = keys_on_every_partition(scaled.bucket, body, f"incoming/podcasts/scale-{uuid.uuid4().hex[:8]}")
    store = ObjectStore(make_s3_client(scaled.settings()), scaled.bucket)
    recording_ids = set()
    for key in keys:
        put = store.client.put_object(Bucket=scaled.bucket, Key=key, Body=body, ContentType="audio/wav")
        recording_ids.add(recording_id_for(scaled.bucket, key, put["ETag"]))

    transcripts = asyncio.run(transcribed(recording_ids, timeout_s=180))
    assert set(transcripts) == recording_ids

    for replica in REPLICAS:
        with urllib.request.urlopen(scaled.metrics_url(replica), timeout=10) as response:
            metrics = response.read().decode()
        handled = metric_value(
            metrics, "recast_received_processed_messages_total", {"app_name": "transcriber", "status": "acked"}
        )
        assert handled > 0, f"{replica} handled no message:\n{metrics}"
        published = metric_value(metrics, "recast_published_messages_total", {"app_name": "transcriber"})
        assert published > 0, f"{replica} published nothing"
