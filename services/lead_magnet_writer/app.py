"""Lead-magnet writer (content-marketing rail): a recording's insights in, a gated lead magnet out."""

from __future__ import annotations

import logging
from typing import Annotated

from faststream import Context, ContextRepo

from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.writer import LeadMagnetWriter
from shared.broker import consumer_options, make_broker, partition_key
from shared.events import InsightExtracted, InsightSet, LeadMagnetPublished, deterministic_id
from shared.service import service_app
from shared.status import Stage, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import INSIGHTS_EXTRACTED, LEAD_MAGNET_GROUP, LEAD_MAGNETS

settings = LeadMagnetSettings()
broker = make_broker(settings, client_id="recast-lead-magnet-writer")
log = logging.getLogger("recast.lead_magnet_writer")

to_lead_magnets = broker.publisher(
    LEAD_MAGNETS,
    title="content.lead-magnets",
    description="A gated lead magnet (Markdown in S3) with its target keyword and call to action.",
    schema=LeadMagnetPublished,
)
status = StatusReporter(status_publisher(broker), producer="lead_magnet_writer")


async def build_writer(context: ContextRepo, store: ObjectStore) -> None:
    context.set_global("writer", LeadMagnetWriter(settings))


app = service_app("lead_magnet_writer", broker, settings, setup=build_writer)


def lead_magnet_key(recording_id: str) -> str:
    return f"content/{recording_id}/lead-magnet.md"


@broker.subscriber(
    INSIGHTS_EXTRACTED,
    **consumer_options(LEAD_MAGNET_GROUP),
    title="insights.extracted/lead-magnet-writer",
    description="Writes one lead magnet per recording once its last insight has arrived.",
)
async def on_insight_extracted(
    event: InsightExtracted,
    store: Annotated[ObjectStore, Context("store")],
    writer: Annotated[LeadMagnetWriter, Context("writer")],
) -> None:
    # A recording's insights arrive in order on one partition; the last one means the set is complete.
    if not event.is_last:
        return
    async with status.track(event.recording_id, Stage.lead_magnet, event.source_key) as run:
        insight_set: InsightSet = await in_thread(store.get_model, event.insights_uri, InsightSet)
        lead_magnet = writer.write(insight_set)
        stored = await in_thread(store.put_text, lead_magnet_key(event.recording_id), lead_magnet.markdown)
        published = LeadMagnetPublished(
            event_id=deterministic_id(event.recording_id, LeadMagnetPublished.name),
            recording_id=event.recording_id,
            producer="lead_magnet_writer",
            artifact_uri=str(stored.uri),
            artifact_sha256=stored.sha256,
            title=lead_magnet.title,
            insight_ids=list(lead_magnet.insight_ids),
            source_key=event.source_key,
            format=lead_magnet.format,
            target_keyword=lead_magnet.target_keyword,
            call_to_action=lead_magnet.call_to_action,
        )
        await to_lead_magnets.publish(published, key=partition_key(published))
        run.message = str(stored.uri)
    log.info(
        "lead magnet published",
        extra={"recording_id": event.recording_id, "event_id": published.event_id, "format": lead_magnet.format},
    )
