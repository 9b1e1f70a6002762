"""Ingest service: S3 notifications (and a polling safety net) in, ``recordings.ingested`` out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Annotated, Any

from faststream import Context, ContextRepo

from services.ingest.notifications import UploadedObject, uploads_in_notification
from services.ingest.polling import PollCursor
from services.ingest.recordings import Ingestor, Pending, Rejection, rejection_letter
from services.ingest.settings import IngestSettings
from shared.broker import consumer_options, make_broker, partition_key
from shared.events import DeadLettered, RecordingIngested
from shared.service import service_app
from shared.status import Stage, StageState, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import DEAD_LETTERS, INGEST_GROUP, RECORDINGS_INGESTED, S3_EVENTS

settings = IngestSettings()
broker = make_broker(settings, client_id="recast-ingest")
log = logging.getLogger("recast.ingest")

to_recordings = broker.publisher(
    RECORDINGS_INGESTED,
    title="recordings.ingested",
    description="A validated upload became a recording: its s3:// source, kind, title and duration.",
    schema=RecordingIngested,
)
to_dead_letters = broker.publisher(
    DEAD_LETTERS,
    title="recast.dlq",
    description="Rejected uploads (and messages no consumer could process): original payload, error and stage.",
    schema=DeadLettered,
)
status = StatusReporter(status_publisher(broker), producer="ingest")


async def build_ingestor(context: ContextRepo, store: ObjectStore) -> None:
    context.set_global("ingestor", Ingestor(store, settings))


app = service_app("ingest", broker, settings, setup=build_ingestor)


async def ingest_and_publish(ingestor: Ingestor, upload: UploadedObject) -> bool:
    """Record and announce one upload; False only while another ingest holds a fresh claim on it.
    A failed publish releases the claim, so the next look retries it."""
    outcome = await in_thread(ingestor.ingest, upload)
    if outcome is None:
        return True
    if isinstance(outcome, Pending):
        return False
    if isinstance(outcome, Rejection):
        await status.report(
            outcome.recording_id, Stage.ingest, StageState.failed, message=outcome.reason, source_key=outcome.key
        )
        await to_dead_letters.publish(rejection_letter(outcome, upload), key=outcome.recording_id.encode())
        await in_thread(ingestor.mark_rejection_announced, outcome)
        return True
    try:
        await to_recordings.publish(outcome, key=partition_key(outcome))
    except Exception:
        await in_thread(ingestor.release, outcome.recording_id)
        raise
    await in_thread(ingestor.mark_published, outcome)
    await status.report(
        outcome.recording_id,
        Stage.ingest,
        StageState.done,
        message=f"{outcome.kind} {repr(outcome.title) if outcome.title else '(untitled)'}, "
        f"{outcome.duration_s:.0f} s of audio",
        source_key=outcome.source_key,
    )
    log.info(
        "recording ingested",
        extra={"recording_id": outcome.recording_id, "event_id": outcome.event_id, "key": outcome.source_key},
    )
    return True


@broker.subscriber(
    S3_EVENTS,
    **consumer_options(INGEST_GROUP, settings),
    title="s3.events",
    description="S3/MinIO bucket notifications (the 'Records' JSON shape); created objects under incoming/.",
)
async def on_s3_notification(body: dict[str, Any], ingestor: Annotated[Ingestor, Context("ingestor")]) -> None:
    for upload in uploads_in_notification(body):
        await ingest_and_publish(ingestor, upload)


async def poll_incoming(ingestor: Ingestor, interval_s: float) -> None:
    """List incoming/ on a timer, for stores that send no notifications (or lost one)."""
    cursor = await in_thread(PollCursor.load, ingestor.store, timedelta(seconds=settings.poll_lookback_s))
    while True:
        try:
            listing = await in_thread(ingestor.store.list_keys, settings.incoming_prefix)
            unfinished = []
            for item in cursor.to_look_at(listing):
                upload = UploadedObject(ingestor.store.bucket, item["Key"], str(item["ETag"]).strip('"'))
                if await ingest_and_publish(ingestor, upload):
                    cursor.mark_handled(item)
                else:
                    unfinished.append(item)
            if cursor.advance(listing, unfinished):
                await in_thread(cursor.save, ingestor.store)
        except Exception:
            log.exception("polling incoming/ failed; retrying on the next tick")
        await asyncio.sleep(interval_s)


@app.after_startup
async def start_polling(context: ContextRepo) -> None:
    if settings.poll_interval_s > 0:
        context.set_global(
            "poller", asyncio.create_task(poll_incoming(context.get("ingestor"), settings.poll_interval_s))
        )


@app.on_shutdown
async def stop_polling(context: ContextRepo) -> None:
    poller: asyncio.Task[None] | None = context.get("poller")
    if poller is not None:
        poller.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await poller
