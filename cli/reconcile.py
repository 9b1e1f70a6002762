"""``recast reconcile``: S3 is the durable record; re-drive every recording whose stages did not finish.

Each stage leaves its artifact at a key derived from the recording id, so the furthest stage a
recording reached can be read off the bucket alone:

=========================================  =====================================================
in S3                                      what reconcile publishes
=========================================  =====================================================
claim only, older than ``--stale-after``   the claim is released and an S3 notification sent
``recordings/<id>/ingested.json``          that ``RecordingIngested`` again (transcriber)
``transcripts/<id>/transcript.json``       its ``TranscriptReady`` (insights)
``insights/<id>/insights.json``            the last ``InsightExtracted`` (both writers)
both ``content/<id>/…`` artifacts          nothing: complete (with both output events on their
                                           topics, or the article refused on review)
``recordings/<id>/rejected.json``          nothing: rejected
``transcripts/<id>/refused.json``          nothing: refused (a language the model cannot serve)
``insights/<id>/insights.json``, refused   nothing: refused (nothing worth publishing)
=========================================  =====================================================

Re-driven events carry the ids the services themselves give them (``deterministic_id``), and
every stage writes its artifact at the same key, so re-driving a recording that was only slow
produces no second output. A broker that lost its memory (Tansu on ``memory://``) loses its
topics too: reconcile creates any that are missing first.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from aiokafka import AIOKafkaProducer
from rich.console import Console
from rich.table import Table

from cli.common import load_settings, object_store, read_all
from shared.broker import RetryPolicy
from shared.errors import is_transient
from shared.events import (
    Event,
    InsightExtracted,
    InsightSet,
    RecordingIngested,
    Transcript,
    TranscriptReady,
    deterministic_id,
)
from shared.keys import claim_key, ingested_key, insights_key, transcript_key
from shared.notifications import object_created
from shared.settings import RecastSettings
from shared.storage import ObjectStore
from shared.topics import (
    ALL_TOPICS,
    FRAMEWORK_ARTICLE_REVIEW,
    FRAMEWORK_ARTICLES,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNET_REVIEW,
    LEAD_MAGNETS,
    RECORDINGS_INGESTED,
    S3_EVENTS,
    TOPIC_CONFIGS,
    TRANSCRIPTS_READY,
)

console = Console()

LEAD_MAGNET = "lead-magnet.md"
FRAMEWORK_ARTICLE = "framework-article.md"


@dataclass(frozen=True)
class Redrive:
    """One recording's furthest stage in S3 and what to publish to take it on from there."""

    recording_id: str
    reached: str  # claimed, ingested, refused, transcribed, insights, complete, rejected
    topic: str | None = None
    payload: bytes | None = None
    release_claim: bool = False

    @property
    def needed(self) -> bool:
        return self.topic is not None


def recordings_in(store: ObjectStore) -> dict[str, set[str]]:
    """Every recording id in the bucket with the artifact names it has, from four listings."""
    found: dict[str, set[str]] = {}
    for prefix in ("recordings/", "transcripts/", "insights/", "content/"):
        for item in store.list_keys(prefix):
            parts = str(item["Key"]).split("/")
            if len(parts) == 3:
                found.setdefault(parts[1], set()).add(f"{parts[0]}/{parts[2]}")
    return {recording_id: names for recording_id, names in found.items() if "recordings/ingest.json" in names}


@dataclass(frozen=True)
class Published:
    """Recordings whose output events the rails' topics hold; None where the topics were not read."""

    lead_magnets: set[str]  # published or refused (review.lead-magnets)
    framework_articles: set[str]  # published or refused (review.framework-articles)


def plan_redrive(
    store: ObjectStore, recording_id: str, names: set[str], stale_after_s: float, published: Published | None = None
) -> Redrive:
    """What recording ``recording_id`` (having the artifacts ``names``) needs next. With ``published``, a
    rail counts as done only when its output event is on its topic too (a broker that lost its memory
    may have lost the event after the artifact was written)."""
    if "recordings/rejected.json" in names:
        return Redrive(recording_id, "rejected")
    lead_done = f"content/{LEAD_MAGNET}" in names
    article_done = f"content/{FRAMEWORK_ARTICLE}" in names
    if published is not None:
        # A rail's outcome is its event, published or refused: a refusal writes no artifact.
        lead_done = recording_id in published.lead_magnets
        article_done = recording_id in published.framework_articles
    if lead_done and article_done:
        return Redrive(recording_id, "complete")
    if "recordings/ingested.json" not in names:
        return _stale_claim(store, recording_id, stale_after_s)
    ingested = store.get_model(store.uri(ingested_key(recording_id)), RecordingIngested)
    if "transcripts/transcript.json" not in names:
        if "transcripts/refused.json" in names:
            return Redrive(recording_id, "refused")
        return Redrive(recording_id, "ingested", RECORDINGS_INGESTED, _json(ingested))
    transcript_uri = store.uri(transcript_key(recording_id))
    if "insights/insights.json" not in names:
        raw = store.get_bytes(transcript_uri)
        transcript = Transcript.model_validate_json(raw)
        ready = TranscriptReady(
            event_id=deterministic_id(recording_id, TranscriptReady.name),
            recording_id=recording_id,
            producer="reconcile",
            transcript_uri=str(transcript_uri),
            transcript_sha256=hashlib.sha256(raw).hexdigest(),
            source_key=ingested.source_key,
            title=ingested.title,
            language=transcript.language,
            engine=transcript.engine,
            model=transcript.model,
            duration_s=transcript.duration_s,
            segment_count=len(transcript.segments),
            # The exports the transcriber stored beside the transcript, as its own event names them.
            **{
                f"{extension}_uri": str(store.uri(transcript_key(recording_id, extension)))
                for extension in ("srt", "vtt", "txt")
                if f"transcripts/transcript.{extension}" in names
            },
        )
        return Redrive(recording_id, "transcribed", TRANSCRIPTS_READY, _json(ready))
    insights_uri = store.uri(insights_key(recording_id))
    insight_set = store.get_model(insights_uri, InsightSet)
    if insight_set.refusal_reason or not insight_set.insights:
        return Redrive(recording_id, "refused")  # nothing worth publishing: the insight stage said why
    # The writers act on a recording's last insight, which tells them the set is complete.
    last = insight_set.insights[-1]
    extracted = InsightExtracted(
        event_id=deterministic_id(recording_id, InsightExtracted.name, last.insight_id),
        recording_id=recording_id,
        producer="reconcile",
        insight=last,
        insight_index=len(insight_set.insights) - 1,
        insight_count=len(insight_set.insights),
        insights_uri=str(insights_uri),
        transcript_uri=str(transcript_uri),
        source_key=ingested.source_key,
    )
    return Redrive(recording_id, "insights", INSIGHTS_EXTRACTED, _json(extracted))


def _stale_claim(store: ObjectStore, recording_id: str, stale_after_s: float) -> Redrive:
    """A claim with no outcome: an ingest at work, or one that died. Only an old one is re-driven."""
    key = claim_key(recording_id)
    head = store.head(key)
    if head is None:
        return Redrive(recording_id, "claimed")
    age = (datetime.now(UTC) - head["LastModified"]).total_seconds()
    if age < stale_after_s:
        return Redrive(recording_id, "claimed")
    claim = json.loads(store.get_bytes(store.uri(key)))
    notification = object_created(store.bucket, claim["key"], claim["etag"])
    return Redrive(recording_id, "claimed", S3_EVENTS, json.dumps(notification).encode(), release_claim=True)


def _json(event: Event) -> bytes:
    return event.model_dump_json().encode()


def plan_all(store: ObjectStore, stale_after_s: float, published: Published | None = None) -> list[Redrive]:
    return [
        plan_redrive(store, recording_id, names, stale_after_s, published)
        for recording_id, names in sorted(recordings_in(store).items())
    ]


async def published_outputs(settings: RecastSettings) -> Published:
    """Which recordings each rail's topics hold an output event for."""

    async def recordings_on(*topics: str) -> set[str]:
        found = set()
        for value in await read_all(settings, topics):
            with contextlib.suppress(ValueError, AttributeError):
                found.add(str(json.loads(value).get("recording_id")))
        return found

    return Published(
        lead_magnets=await recordings_on(LEAD_MAGNETS, LEAD_MAGNET_REVIEW),
        framework_articles=await recordings_on(FRAMEWORK_ARTICLES, FRAMEWORK_ARTICLE_REVIEW),
    )


async def ensure_topics(settings: RecastSettings, partitions: int) -> list[str]:
    """Create whichever Recast topics the broker does not have (it may have lost them all)."""
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic
    from aiokafka.errors import TopicAlreadyExistsError

    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers.split(","))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [topic for topic in ALL_TOPICS if topic not in existing]
        for topic in missing:  # one by one: the broker may auto-create some meanwhile
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics([NewTopic(topic, partitions, 1, topic_configs=TOPIC_CONFIGS.get(topic, {}))])
        return missing
    finally:
        await admin.close()


async def redrive(settings: RecastSettings, store: ObjectStore, plans: Iterable[Redrive]) -> int:
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers.split(","), acks="all", client_id="recast-cli-reconcile"
    )
    await producer.start()
    count = 0
    try:
        for plan in plans:
            if not plan.needed:
                continue
            assert plan.topic is not None
            if plan.release_claim:
                store.delete(claim_key(plan.recording_id))
            key = None if plan.topic == S3_EVENTS else plan.recording_id.encode()
            await _send(producer, plan.topic, plan.payload, key)
            count += 1
    finally:
        await producer.stop()
    return count


async def _send(producer: AIOKafkaProducer, topic: str, value: bytes | None, key: bytes | None) -> None:
    """One publish, retried with backoff: a broker that has just restarted refuses some at first."""
    policy = RetryPolicy(attempts=10, base_delay_s=0.5, max_delay_s=5)
    for attempt in range(1, policy.attempts + 1):
        try:
            await producer.send_and_wait(topic, value, key=key)
            return
        except Exception as error:
            if attempt == policy.attempts or not is_transient(error):
                raise
            await asyncio.sleep(policy.delay(attempt))


async def reconcile_bucket(
    settings: RecastSettings,
    *,
    stale_after_s: float = 1800,
    partitions: int = 3,
    dry_run: bool = False,
    check_topics: bool = True,
) -> list[Redrive]:
    """Plan (and unless ``dry_run``, publish) the re-drive of every unfinished recording."""
    store = object_store(settings)
    published = None
    if check_topics:
        await ensure_topics(settings, partitions)
        published = await published_outputs(settings)
    plans = await asyncio.to_thread(plan_all, store, stale_after_s, published)
    if not dry_run and any(plan.needed for plan in plans):
        await ensure_topics(settings, partitions)
        await redrive(settings, store, plans)
    return plans


def reconcile(
    stale_after: Annotated[
        float, typer.Option(help="Seconds after which a claim with no outcome counts as abandoned.")
    ] = 1800,
    partitions: Annotated[int, typer.Option(help="Partitions for topics that have to be created again.")] = 3,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show what would be re-driven.")] = False,
    check_topics: Annotated[
        bool,
        typer.Option(
            help="Also re-drive recordings whose artifacts exist but whose output event is missing from the rail's "
            "topic (reads both output topics from the start)."
        ),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Find recordings whose stages did not finish (from S3 alone) and publish the next stage's input again."""
    plans = asyncio.run(
        reconcile_bucket(
            load_settings(),
            stale_after_s=stale_after,
            partitions=partitions,
            dry_run=dry_run,
            check_topics=check_topics,
        )
    )
    summary: dict[str, Any] = {"recordings": len(plans), "redriven": sum(plan.needed for plan in plans)}
    if as_json:
        rows = [{"recording_id": p.recording_id, "reached": p.reached, "redrive": p.topic} for p in plans]
        typer.echo(json.dumps(summary | {"dry_run": dry_run, "plans": rows}, indent=2))
        return
    table = Table(title=f"{summary['redriven']} of {summary['recordings']} recording(s) re-driven")
    for column in ("recording", "reached", "published to"):
        table.add_column(column)
    for plan in plans:
        table.add_row(plan.recording_id, plan.reached, (plan.topic or "-") + (" (dry run)" if dry_run else ""))
    console.print(table)
