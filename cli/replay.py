"""``recast replay --rail RAIL RECORDING_ID``: regenerate one rail's output from the stored insights.

Nothing is re-transcribed and the other rail is not woken: the request goes to that rail's
own replay topic, which only that rail's writer group reads. The writer reads the insight
set already in S3 (``insights/<id>/insights.json``) and publishes its output as usual.
"""

from __future__ import annotations

import asyncio
import enum
import uuid
from typing import Annotated

import typer
from aiokafka import AIOKafkaProducer

from cli.common import load_settings, object_store
from shared.events import InsightSet, RailReplayRequested
from shared.keys import insights_key
from shared.settings import RecastSettings
from shared.topics import REPLAY_FRAMEWORK_ARTICLES, REPLAY_LEAD_MAGNETS


class Rail(enum.StrEnum):
    lead_magnets = "lead-magnets"
    framework_articles = "framework-articles"


REPLAY_TOPICS = {Rail.lead_magnets: REPLAY_LEAD_MAGNETS, Rail.framework_articles: REPLAY_FRAMEWORK_ARTICLES}


def replay_request(settings: RecastSettings, rail: Rail, recording_id: str) -> RailReplayRequested:
    """The request for one rail, built from the stored insight set; raises LookupError when there is none."""
    store = object_store(settings)
    key = insights_key(recording_id)
    if store.head(key) is None:
        raise LookupError(f"no stored insights for recording {recording_id} (s3://{settings.bucket}/{key})")
    uri = f"s3://{settings.bucket}/{key}"
    insight_set = store.get_model(uri, InsightSet)
    return RailReplayRequested(
        # Every request is a new fact (the operator asked again); the writer's output id is content-derived.
        event_id=uuid.uuid4().hex,
        recording_id=recording_id,
        producer="cli",
        rail=rail.value,
        insights_uri=uri,
        source_key=insight_set.source_key,
    )


async def publish_request(settings: RecastSettings, request: RailReplayRequested, topic: str) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(topic, request.model_dump_json().encode(), key=request.recording_id.encode())
    finally:
        await producer.stop()


def replay(
    recording_id: Annotated[str, typer.Argument(help="The recording whose output to regenerate.")],
    rail: Annotated[Rail, typer.Option("--rail", help="Which rail to regenerate: lead-magnets or framework-articles.")],
) -> None:
    """Regenerate one rail's output for a recording from its stored insights, without re-transcribing."""
    settings = load_settings()
    try:
        request = replay_request(settings, rail, recording_id)
    except LookupError as missing:
        typer.echo(str(missing), err=True)
        raise typer.Exit(code=1) from missing
    asyncio.run(publish_request(settings, request, REPLAY_TOPICS[rail]))
    typer.echo(f"replay requested: {rail.value} for {recording_id} (on {REPLAY_TOPICS[rail]})")
