"""What the ``recast`` commands share: settings from the environment, S3, reading topics, and
folding the status topic into one picture per recording.

The folding (:func:`fold_status`) is plain Python over decoded events, so it is tested
without a broker; the Kafka helpers only fetch those events.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from aiokafka import AIOKafkaConsumer, TopicPartition
from faststream.kafka.security import parse_security

from shared.broker import kafka_security
from shared.settings import RecastSettings
from shared.status import FINAL_STAGES, RecordingStatusChanged, Stage, StageState
from shared.storage import ObjectStore, make_s3_client

log = logging.getLogger("recast.cli")

STAGES = tuple(Stage)
TERMINAL = (StageState.done, StageState.failed, StageState.refused)


def load_settings() -> RecastSettings:
    return RecastSettings()


def object_store(settings: RecastSettings) -> ObjectStore:
    return ObjectStore(make_s3_client(settings), settings.bucket)


# Folding the status topic ------------------------------------------------------------------
@dataclass
class StageProgress:
    stage: Stage
    state: StageState | None = None
    progress: float | None = None
    message: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return max((self.finished_at - self.started_at).total_seconds(), 0.0)

    @property
    def finished(self) -> bool:
        return self.state in TERMINAL


@dataclass
class RecordingProgress:
    recording_id: str
    source_key: str | None = None
    stages: dict[Stage, StageProgress] = field(default_factory=lambda: {stage: StageProgress(stage) for stage in Stage})
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    def apply(self, update: RecordingStatusChanged) -> None:
        self.source_key = update.source_key or self.source_key
        self.first_seen = min(filter(None, (self.first_seen, update.occurred_at)))
        self.last_seen = max(filter(None, (self.last_seen, update.occurred_at)))
        stage = self.stages[update.stage]
        if stage.finished and update.state is StageState.progress:
            return  # a redelivered progress step after the end changes nothing
        if update.state is StageState.started:
            if stage.started_at is None or stage.finished:
                stage.started_at = update.occurred_at
                stage.finished_at = None
        elif update.state in TERMINAL:
            stage.finished_at = update.occurred_at
            if stage.started_at is None:  # ingest reports only its outcome
                stage.started_at = update.occurred_at
        stage.state = update.state
        stage.progress = update.progress if update.progress is not None else stage.progress
        stage.message = update.message or stage.message

    @property
    def failed(self) -> list[StageProgress]:
        return [stage for stage in self.stages.values() if stage.state is StageState.failed]

    @property
    def refused_upstream(self) -> list[StageProgress]:
        """A stage before the rails refused (nothing worth publishing): neither rail will report."""
        return [
            stage
            for stage in self.stages.values()
            if stage.state is StageState.refused and stage.stage not in FINAL_STAGES
        ]

    @property
    def complete(self) -> bool:
        """Both rails are done (published or refused), or something failed or refused before them."""
        finished = all(self.stages[stage].finished for stage in FINAL_STAGES)
        return finished or bool(self.failed) or bool(self.refused_upstream)

    @property
    def current(self) -> str:
        if self.failed:
            return f"failed at {self.failed[0].stage.value}"
        if self.refused_upstream:
            return f"refused at {self.refused_upstream[0].stage.value}"
        if all(self.stages[stage].finished for stage in FINAL_STAGES):
            # A rail that refused (with its reasons in its message) is finished but published nothing.
            refused = [stage.value for stage in FINAL_STAGES if self.stages[stage].state is StageState.refused]
            return f"done; {' and '.join(refused)} refused" if refused else "done"
        latest = [stage for stage in self.stages.values() if stage.state is not None]
        if not latest:
            return "waiting"
        stage = latest[-1]
        share = f" {stage.progress:.0%}" if stage.state is StageState.progress and stage.progress is not None else ""
        return f"{stage.stage.value} {stage.state.value if stage.state else ''}{share}"

    @property
    def total_seconds(self) -> float | None:
        if self.first_seen is None or self.last_seen is None:
            return None
        return (self.last_seen - self.first_seen).total_seconds()


def fold_status(updates: Iterable[RecordingStatusChanged]) -> dict[str, RecordingProgress]:
    """Every recording's progress from its status updates, in the order they were read."""
    recordings: dict[str, RecordingProgress] = {}
    for update in updates:
        recordings.setdefault(update.recording_id, RecordingProgress(update.recording_id)).apply(update)
    return recordings


def parse_status(value: bytes | None) -> RecordingStatusChanged | None:
    """A status update, or None for anything on the topic that is not one (a tombstone, junk)."""
    if not value:
        return None
    try:
        return RecordingStatusChanged.model_validate_json(value)
    except ValueError:
        return None


def status_from(event: dict[str, Any]) -> RecordingStatusChanged | None:
    try:
        return RecordingStatusChanged.model_validate(event)
    except ValueError:
        return None


# Reading topics ----------------------------------------------------------------------------
async def _assigned_consumer(
    settings: RecastSettings, topics: Iterable[str], start: Literal["earliest", "latest"]
) -> AIOKafkaConsumer:
    """A group-less consumer holding every partition of ``topics`` from their ``start`` (it commits
    nothing, joins no group).

    The start is the consumer's reset policy rather than a seek after ``assign``: assigning starts a
    reset to the policy at once, and when that answer lands after a seek's it wins (aiokafka does not
    check which strategy is still wanted), so a seek to the beginning could end up at the end.
    """
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers.split(","),
        enable_auto_commit=False,
        auto_offset_reset=start,
        **parse_security(kafka_security(settings)),  # SASL/TLS exactly as the services connect
    )
    await consumer.start()
    try:
        partitions: list[TopicPartition] = []
        for topic in topics:
            known = consumer.partitions_for_topic(topic)
            if not known:
                await consumer._client.force_metadata_update()  # the first look-up may find no metadata yet
                known = consumer.partitions_for_topic(topic) or {0}
            partitions += [TopicPartition(topic, partition) for partition in sorted(known)]
        consumer.assign(partitions)
    except BaseException:
        await consumer.stop()
        raise
    return consumer


async def read_all(settings: RecastSettings, topics: Iterable[str], stall_s: float = 10.0) -> list[bytes]:
    """Every record value on ``topics`` now, from the start of each partition to its current end.

    A partition that yields nothing for ``stall_s`` although its end offset says there is more is
    left with a warning rather than waited on for ever: a record a producer wrote across a broker
    restart can count in the end offset and never be served (seen with Tansu on memory storage).
    """
    consumer = await _assigned_consumer(settings, topics, "earliest")
    try:
        partitions = list(consumer.assignment())
        ends = await consumer.end_offsets(partitions)
        values: list[bytes] = []
        pending = {partition for partition in partitions if ends[partition] > await consumer.position(partition)}
        last_progress = time.monotonic()
        while pending:
            batches = await consumer.getmany(*pending, timeout_ms=1000)
            for partition, records in batches.items():
                values += [record.value for record in records if record.value is not None]
                if records:
                    last_progress = time.monotonic()
                if records and records[-1].offset + 1 >= ends[partition]:
                    pending.discard(partition)
            for partition in list(pending):
                if await consumer.position(partition) >= ends[partition]:
                    pending.discard(partition)
            if pending and time.monotonic() - last_progress > stall_s:
                for partition in sorted(pending):
                    position = await consumer.position(partition)
                    log.warning(
                        "%s[%d]: nothing readable from offset %d although the end offset is %d: left unread",
                        partition.topic,
                        partition.partition,
                        position,
                        ends[partition],
                    )
                break
        return values
    finally:
        await consumer.stop()


async def tail(
    settings: RecastSettings, topics: Iterable[str], *, from_beginning: bool = False, timeout_s: float | None = None
) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """(topic, decoded event) for every record on ``topics``: what comes next, or everything with
    ``from_beginning``; ends after ``timeout_s`` (None: never)."""
    consumer = await _assigned_consumer(settings, topics, "earliest" if from_beginning else "latest")
    try:
        for partition in consumer.assignment():
            await consumer.position(partition)  # fix the start now, before anything is published
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while deadline is None or time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for partition, records in batches.items():
                for record in records:
                    try:
                        event = json.loads(record.value) if record.value else None
                    except ValueError:
                        continue
                    if isinstance(event, dict):
                        yield partition.topic, event
    finally:
        await consumer.stop()


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)} min {rest:02.0f} s"
