"""Insights service: ``transcripts.ready`` in, one ``insights.extracted`` event per insight out."""

from __future__ import annotations

import logging
from typing import Annotated

from faststream import Context, ContextRepo

from services.insights.engines import InsightEngine, build_engine
from services.insights.settings import InsightsSettings
from shared.broker import consumer_options, make_broker, partition_key
from shared.events import InsightExtracted, Transcript, TranscriptReady, deterministic_id
from shared.keys import insights_key
from shared.pitch import describe_promotion, describe_removed, pitch_spans, strip_pitch
from shared.service import service_app
from shared.status import Stage, StageRun, StageState, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import INSIGHTS_EXTRACTED, INSIGHTS_GROUP, TRANSCRIPTS_READY

settings = InsightsSettings()
broker = make_broker(settings, client_id="recast-insights")
log = logging.getLogger("recast.insights")

to_insights = broker.publisher(
    INSIGHTS_EXTRACTED,
    title="insights.extracted",
    description="One typed insight with its verbatim quote and timestamps; a recording's insights share a key.",
    schema=InsightExtracted,
)
status = StatusReporter(status_publisher(broker), producer="insights")


async def build_insight_engine(context: ContextRepo, store: ObjectStore) -> None:
    context.set_global("engine", build_engine(settings))


app = service_app("insights", broker, settings, setup=build_insight_engine)


@broker.subscriber(
    TRANSCRIPTS_READY,
    **consumer_options(INSIGHTS_GROUP, settings),
    title="transcripts.ready/insights",
    description="Extracts typed, grounded insights from each transcript.",
)
async def on_transcript_ready(
    event: TranscriptReady,
    store: Annotated[ObjectStore, Context("store")],
    engine: Annotated[InsightEngine, Context("engine")],
) -> None:
    context = {"recording_id": event.recording_id, "event_id": event.event_id}
    async with status.track(event.recording_id, Stage.insights, event.source_key) as run:
        await extract_and_publish(event, store, engine, run)
    log.info("insights extracted", extra=context | {"detail": run.message})


async def extract_and_publish(event: TranscriptReady, store: ObjectStore, engine: InsightEngine, run: StageRun) -> None:
    transcript: Transcript = await in_thread(store.get_model, event.transcript_uri, Transcript)
    # Ad reads and self-promotion never reach an engine, so neither rail can quote them.
    transcript, pitch = strip_pitch(transcript)
    if pitch:
        log.info(
            "set aside the speaker's pitch before extraction",
            extra={
                "recording_id": event.recording_id,
                "pitch_segments": len({finding.index for finding in pitch}),
                "pitch_spans": pitch_spans(pitch),
                "pitch_cues": [f"{finding.kind.value}: {finding.matched}" for finding in pitch],
            },
        )
    # A model call blocks for seconds: off the event loop, so the consumer keeps its heartbeat.
    insight_set = await in_thread(engine.extract, transcript, source_key=event.source_key, title=event.title)
    stored = await in_thread(store.put_model, insights_key(event.recording_id), insight_set)
    # What was kept out of both rails as promotion, for the person reading the stage's status.
    set_aside = [describe_removed(pitch)] if pitch else []
    if insight_set.promotion_set_aside:
        set_aside.append(describe_promotion([(said.start, said.end) for said in insight_set.promotion_set_aside]))
    if insight_set.refusal_reason or not insight_set.insights:
        # Nothing worth publishing: neither rail gets an event, and a person reads why.
        reason = insight_set.refusal_reason or "nothing worth publishing: no insight survived grounding"
        await run.finish(StageState.refused, "; ".join([reason, *set_aside]))
        return
    count = len(insight_set.insights)
    for index, insight in enumerate(insight_set.insights):
        extracted = InsightExtracted(
            event_id=deterministic_id(event.recording_id, InsightExtracted.name, insight.insight_id),
            recording_id=event.recording_id,
            producer="insights",
            insight=insight,
            insight_index=index,
            insight_count=count,
            insights_uri=str(stored.uri),
            transcript_uri=event.transcript_uri,
            source_key=event.source_key,
        )
        await to_insights.publish(extracted, key=partition_key(extracted))
    run.message = "; ".join(
        [
            f"{count} insights: " + ", ".join(sorted({insight.type.value for insight in insight_set.insights})),
            *set_aside,
        ]
    )
