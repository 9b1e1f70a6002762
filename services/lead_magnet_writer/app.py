"""Lead-magnet writer (content-marketing rail): a recording's insights in, a gated lead magnet out."""

from __future__ import annotations

import logging
import time
from typing import Annotated

from faststream import Context, ContextRepo

from services.lead_magnet_writer import metrics
from services.lead_magnet_writer.drafting import LeadMagnetDrafter
from services.lead_magnet_writer.rendering import render_pdf
from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.writer import IncompleteLeadMagnetError, LeadMagnetWriter
from shared.broker import consumer_options, make_broker, partition_key
from shared.drafting import transcript_uri_for
from shared.events import (
    InsightExtracted,
    InsightSet,
    LeadMagnetPublished,
    LeadMagnetRefused,
    RailReplayRequested,
    deterministic_id,
    time_to_write,
)
from shared.llm import ResilientChat, drafting_deadline
from shared.service import service_app
from shared.status import Stage, StageState, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import (
    INSIGHTS_EXTRACTED,
    LEAD_MAGNET_GROUP,
    LEAD_MAGNET_REVIEW,
    LEAD_MAGNETS,
    REPLAY_LEAD_MAGNETS,
)

settings = LeadMagnetSettings()
broker = make_broker(settings, client_id="recast-lead-magnet-writer")
log = logging.getLogger("recast.lead_magnet_writer")

to_lead_magnets = broker.publisher(
    LEAD_MAGNETS,
    title="content.lead-magnets",
    description="A gated lead magnet (Markdown, HTML and PDF in S3) with its target keyword and call to action.",
    schema=LeadMagnetPublished,
)
to_review = broker.publisher(
    LEAD_MAGNET_REVIEW,
    title="review.lead-magnets",
    description="A recording that could not support a lead magnet (no key phrase said twice, too little content), "
    "with the reasons, for a marketer.",
    schema=LeadMagnetRefused,
)
status = StatusReporter(status_publisher(broker), producer="lead_magnet_writer")


async def build_writer(context: ContextRepo, store: ObjectStore) -> None:
    context.set_global("writer", LeadMagnetWriter(settings))
    # WeasyPrint's first document loads pango and the fonts (~1 s): paid at start, not by the first recording.
    await in_thread(render_pdf, WARM_UP_PAGE)
    llm = settings.lead_magnet_llm
    chat = ResilientChat(llm) if llm.enabled else None
    context.set_global("drafter", LeadMagnetDrafter(settings, chat, drafting_deadline(settings, llm)))


app = service_app("lead_magnet_writer", broker, settings, setup=build_writer)


# What a lead magnet's page uses (page.html.j2): its font in regular, bold and italic, a page footer.
WARM_UP_PAGE = (
    "<html><head><style>@page { @bottom-center { content: counter(page); } }"
    ' body { font-family: "DejaVu Sans", sans-serif; }</style></head>'
    "<body><h1>Recast</h1><h2>Warming up</h2><ul><li><strong>bold</strong> <em>italic</em></li></ul>"
    "<blockquote>a quote</blockquote><p><a href='https://example.com'>a link</a></p></body></html>"
)


def lead_magnet_key(recording_id: str, extension: str = "md") -> str:
    return f"content/{recording_id}/lead-magnet.{extension}"


# One consumer for both topics: a second subscriber would be a second group member and another rebalance.
@broker.subscriber(
    INSIGHTS_EXTRACTED,
    REPLAY_LEAD_MAGNETS,
    **consumer_options(LEAD_MAGNET_GROUP, settings),
    title="insights.extracted+replay.lead-magnets/lead-magnet-writer",
    description="Writes one lead magnet per recording once its last insight has arrived, "
    "and again on request from the stored insights (recast replay --rail lead-magnets).",
)
async def on_insight_or_replay(
    event: InsightExtracted | RailReplayRequested,
    store: Annotated[ObjectStore, Context("store")],
    writer: Annotated[LeadMagnetWriter, Context("writer")],
    drafter: Annotated[LeadMagnetDrafter, Context("drafter")],
) -> None:
    if not time_to_write(event, "lead-magnets"):
        return
    if isinstance(event, RailReplayRequested):
        metrics.REPLAYS.inc()
    transcript_uri = event.transcript_uri if isinstance(event, InsightExtracted) else None
    await write_and_publish(
        event.recording_id, event.insights_uri, event.source_key, store, writer, drafter, transcript_uri
    )


async def write_and_publish(
    recording_id: str,
    insights_uri: str,
    source_key: str,
    store: ObjectStore,
    writer: LeadMagnetWriter,
    drafter: LeadMagnetDrafter,
    transcript_uri: str | None,
) -> None:
    async with status.track(recording_id, Stage.lead_magnet, source_key) as run:
        insight_set: InsightSet = await in_thread(store.get_model, insights_uri, InsightSet)
        began = time.perf_counter()
        try:
            lead_magnet = writer.write(insight_set)
        except IncompleteLeadMagnetError as incomplete:
            # The rail check: never published without keyword, call to action and gating fields. A recording that
            # cannot support a lead magnet is refused with its reasons, not failed: nothing broke, and the other
            # rail may still publish.
            await refuse(recording_id, source_key, insight_set, incomplete)
            await run.finish(StageState.refused, str(incomplete))
            return
        # The user's model may redraft the prose; what it cannot back is cut, and it never fails the recording.
        lead_magnet, drafted = await drafter.redraft(
            lead_magnet, insight_set, store, transcript_uri_for(store, recording_id, transcript_uri)
        )
        pdf = await in_thread(render_pdf, lead_magnet.html)
        metrics.WRITE_SECONDS.observe(time.perf_counter() - began)
        stored = await in_thread(store.put_text, lead_magnet_key(recording_id), lead_magnet.markdown)
        html = await in_thread(
            store.put_text, lead_magnet_key(recording_id, "html"), lead_magnet.html, "text/html; charset=utf-8"
        )
        stored_pdf = await in_thread(store.put_bytes, lead_magnet_key(recording_id, "pdf"), pdf, "application/pdf")
        for kind, size in (("markdown", len(lead_magnet.markdown)), ("html", len(lead_magnet.html)), ("pdf", len(pdf))):
            metrics.ARTIFACT_BYTES.labels(kind=kind).observe(size)
        published = LeadMagnetPublished(
            # Derived from the content: a redelivery or a replay that writes the same lead magnet reuses the
            # id (consumers deduplicate it), a replay that writes a different one is a new fact with a new id.
            event_id=deterministic_id(recording_id, LeadMagnetPublished.name, stored.sha256),
            recording_id=recording_id,
            producer="lead_magnet_writer",
            artifact_uri=str(stored.uri),
            artifact_sha256=stored.sha256,
            title=lead_magnet.title,
            insight_ids=list(lead_magnet.insight_ids),
            source_key=source_key,
            format=lead_magnet.format,
            target_keyword=lead_magnet.target_keyword,
            call_to_action=lead_magnet.call_to_action,
            html_uri=str(html.uri),
            pdf_uri=str(stored_pdf.uri),
            writer=drafted.writer,
            writer_notes=drafted.notes,
        )
        await to_lead_magnets.publish(published, key=partition_key(published))
        metrics.PUBLISHED.labels(format=lead_magnet.format).inc()
        run.message = str(stored.uri)
    log.info(
        "lead magnet published",
        extra={
            "recording_id": recording_id,
            "event_id": published.event_id,
            "format": lead_magnet.format,
            "writer": published.writer,
        },
    )


async def refuse(
    recording_id: str, source_key: str, insight_set: InsightSet, incomplete: IncompleteLeadMagnetError
) -> None:
    """Never refuse silently: the reasons go to the rail's review topic."""
    reasons = list(incomplete.problems)
    refused = LeadMagnetRefused.of(insight_set, reasons, source_key=source_key, producer="lead_magnet_writer")
    await to_review.publish(refused, key=partition_key(refused))
    metrics.REFUSED.inc()
    log.warning("lead magnet refused", extra={"recording_id": recording_id, "reasons": reasons})
