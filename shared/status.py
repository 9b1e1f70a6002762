"""The ``recordings.status`` topic: every service says where each recording stands.

Keyed by recording id (compacted on Kafka), so a subscriber can follow a recording stage by
stage — started, progress, done or failed — without polling S3.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from faststream.kafka import KafkaBroker
from faststream.kafka.publisher.usecase import DefaultPublisher
from pydantic import Field

from shared.errors import is_transient
from shared.events import Event, deterministic_id
from shared.topics import RECORDINGS_STATUS


class Stage(StrEnum):
    ingest = "ingest"
    transcribe = "transcribe"
    insights = "insights"
    lead_magnet = "lead-magnet"
    framework_article = "framework-article"


class StageState(StrEnum):
    started = "started"
    progress = "progress"
    done = "done"
    retrying = "retrying"  # a transient failure (S3 or the broker down): the message will be tried again
    failed = "failed"
    # Deliberately not done, with the reason in the message: a rail's guard sent its output to review, the
    # insight stage found nothing worth publishing, or the transcriber will not transcribe the language.
    refused = "refused"


# Where a recording is finished: both rails have published (or refused) their output.
FINAL_STAGES = (Stage.lead_magnet, Stage.framework_article)


class RecordingStatusChanged(Event):
    """One step of one recording through one stage."""

    name: ClassVar[str] = "recording.status-changed"

    stage: Stage = Field(description="The pipeline stage this update is about.")
    state: StageState = Field(
        description="started, progress, done, retrying (a transient failure, to be tried again), failed or refused."
    )
    progress: float | None = Field(default=None, ge=0, le=1, description="Share of the stage's work done, 0..1.")
    message: str = Field(default="", description="Human-readable detail: what was done, or why it failed.")
    source_key: str | None = Field(default=None, description="Object key of the original upload, where known.")


def status_publisher(broker: KafkaBroker) -> DefaultPublisher:
    return broker.publisher(
        RECORDINGS_STATUS,
        title="recordings.status",
        description="Where each recording stands: stage, state, progress and errors; keyed by recording id.",
        schema=RecordingStatusChanged,
    )


class StatusReporter:
    """Publishes status updates for one service; ids are stable so a redelivered step maps to one update."""

    def __init__(self, publisher: DefaultPublisher, producer: str) -> None:
        self.publisher = publisher
        self.producer = producer

    async def report(
        self,
        recording_id: str,
        stage: Stage,
        state: StageState,
        *,
        progress: float | None = None,
        message: str = "",
        source_key: str | None = None,
    ) -> RecordingStatusChanged:
        if progress is None and state is StageState.done:
            progress = 1.0
        step = f"{progress:.3f}" if state is StageState.progress and progress is not None else ""
        update = RecordingStatusChanged(
            event_id=deterministic_id(recording_id, RecordingStatusChanged.name, stage, state, step),
            recording_id=recording_id,
            producer=self.producer,
            stage=stage,
            state=state,
            progress=progress,
            message=message,
            source_key=source_key,
        )
        await self.publisher.publish(update, key=recording_id.encode())
        return update

    async def report_error(
        self, recording_id: str, stage: Stage, error: Exception, *, source_key: str | None = None
    ) -> RecordingStatusChanged:
        """``retrying`` for an error another attempt may cure (the broker retries it), ``failed`` for one it
        cannot: a user watching the status is not told a stage failed while it is still being retried."""
        return await self.report(
            recording_id,
            stage,
            StageState.retrying if is_transient(error) else StageState.failed,
            message=f"{type(error).__name__}: {error}",
            source_key=source_key,
        )

    @contextlib.asynccontextmanager
    async def track(self, recording_id: str, stage: Stage, source_key: str | None = None) -> AsyncIterator[StageRun]:
        """Report ``started`` now, then ``done`` when the block ends; when it raises, ``retrying`` for an
        error another attempt may cure and ``failed`` for one it cannot (the error still propagates, so the
        broker's own handling applies: it retries the first kind, and reports ``failed`` if it gives up)."""
        run = StageRun(self, recording_id, stage, source_key)
        await self.report(recording_id, stage, StageState.started, source_key=source_key)
        try:
            yield run
        except Exception as error:
            await self.report_error(recording_id, stage, error, source_key=source_key)
            raise
        if not run.finished:
            await self.report(recording_id, stage, StageState.done, message=run.message, source_key=source_key)


@dataclass
class StageRun:
    """One recording in one stage, as seen from inside the handler."""

    reporter: StatusReporter
    recording_id: str
    stage: Stage
    source_key: str | None
    message: str = ""
    finished: bool = field(default=False)

    async def progress(self, share: float, message: str = "") -> None:
        await self.reporter.report(
            self.recording_id,
            self.stage,
            StageState.progress,
            progress=min(max(share, 0.0), 1.0),
            message=message,
            source_key=self.source_key,
        )

    async def finish(self, state: StageState, message: str) -> None:
        """End the stage with a state other than plain ``done`` (``refused``, or ``failed`` without raising)."""
        self.finished = True
        await self.reporter.report(self.recording_id, self.stage, state, message=message, source_key=self.source_key)
