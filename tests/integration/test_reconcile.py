"""`recast reconcile` on a real S3 and broker (no services): from artifacts alone, the right event for the
next stage, with the id the service itself would have given it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from typer.testing import CliRunner

from cli.common import read_all
from cli.main import app as recast
from cli.reconcile import plan_all, published_outputs
from infra.local.stack import LocalStack
from shared.events import (
    Event,
    FrameworkArticleRefused,
    Insight,
    InsightSet,
    InsightType,
    LeadMagnetRefused,
    RecordingIngested,
    RecordingKind,
    Transcript,
    TranscriptReady,
    TranscriptSegment,
    deterministic_id,
)
from shared.storage import ObjectStore, make_s3_client
from shared.topics import (
    FRAMEWORK_ARTICLE_REVIEW,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNET_REVIEW,
    RECORDINGS_INGESTED,
    S3_EVENTS,
    TRANSCRIPTS_READY,
)
from tests.conftest import make_stack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(tmp_path_factory.mktemp("reconcile"), services=())
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


def ingested(recording_id: str) -> RecordingIngested:
    return RecordingIngested(
        event_id=deterministic_id(recording_id, RecordingIngested.name),
        recording_id=recording_id,
        producer="ingest",
        source_uri=f"s3://recast-test/incoming/podcasts/{recording_id}.mp3",
        source_key=f"incoming/podcasts/{recording_id}.mp3",
        source_etag="etag",
        kind=RecordingKind.podcast,
        title="t",
        size_bytes=10,
        duration_s=5,
        container="mp3",
        audio_codec="mp3",
    )


def seed(store: ObjectStore, recording_id: str, stages: int) -> None:
    """A recording that got through ``stages`` stages: 0 claimed, 1 ingested, 2 transcribed, 3 insights,
    4 both articles; -1 rejected; -2 refused by the transcriber."""
    claim = {"key": f"incoming/podcasts/{recording_id}.mp3", "etag": "etag", "state": "claimed"}
    store.put_bytes(f"recordings/{recording_id}/ingest.json", json.dumps(claim).encode(), "application/json")
    if stages == -1:
        store.put_bytes(f"recordings/{recording_id}/rejected.json", b"{}", "application/json")
        return
    if stages >= 1 or stages == -2:
        store.put_model(f"recordings/{recording_id}/ingested.json", ingested(recording_id))
    if stages == -2:
        store.put_bytes(f"transcripts/{recording_id}/refused.json", b'{"reason": "r"}', "application/json")
    if stages >= 2:
        transcript = Transcript(
            recording_id=recording_id,
            language="en",
            engine="e",
            model="m",
            duration_s=5,
            segments=[TranscriptSegment(start=0, end=5, text="Depth beats volume.")],
        )
        store.put_model(f"transcripts/{recording_id}/transcript.json", transcript)
        store.put_text(f"transcripts/{recording_id}/transcript.srt", "1\n00:00:00,000 --> 00:00:05,000\nDepth\n")
    if stages >= 3:
        insight = Insight(
            insight_id=f"{recording_id}-i",
            type=InsightType.quotable_line,
            summary="s",
            quote="q",
            start=0,
            end=1,
            score=1,
        )
        insight_set = InsightSet(recording_id=recording_id, source_key="k", title="t", keywords=[], insights=[insight])
        store.put_model(f"insights/{recording_id}/insights.json", insight_set)
    if stages >= 4:
        store.put_text(f"content/{recording_id}/lead-magnet.md", "# lead magnet")
        store.put_text(f"content/{recording_id}/framework-article.md", "# article")


async def test_reconcile_redrives_each_recording_from_its_furthest_stage(servers: LocalStack) -> None:
    store = ObjectStore(make_s3_client(servers.settings()), servers.bucket)
    ids = {stages: f"{stages + 2:02d}" + "ab" * 11 for stages in (-2, -1, 0, 1, 2, 3, 4)}
    for stages, recording_id in ids.items():
        seed(store, recording_id, stages)

    plans = {plan.recording_id: plan for plan in plan_all(store, stale_after_s=0)}
    assert {recording_id: plans[recording_id].reached for recording_id in ids.values()} == {
        ids[-2]: "refused",
        ids[-1]: "rejected",
        ids[0]: "claimed",
        ids[1]: "ingested",
        ids[2]: "transcribed",
        ids[3]: "insights",
        ids[4]: "complete",
    }

    result = await asyncio.to_thread(
        CliRunner().invoke, recast, ["reconcile", "--stale-after", "0", "--json"], env=servers.env
    )
    assert result.exit_code == 0, result.output
    # The complete one too: its artifacts are there but no output event is on the rails' topics.
    assert json.loads(result.output)["redriven"] == 5

    published = {
        topic: [json.loads(value) for value in await read_all(servers.settings(), [topic])]
        for topic in (S3_EVENTS, RECORDINGS_INGESTED, TRANSCRIPTS_READY, INSIGHTS_EXTRACTED)
    }
    [notification] = published[S3_EVENTS]
    assert notification["Records"][0]["s3"]["object"]["key"] == f"incoming%2Fpodcasts%2F{ids[0]}.mp3"
    assert store.head(f"recordings/{ids[0]}/ingest.json") is None  # released, so ingest claims it afresh
    [again] = published[RECORDINGS_INGESTED]
    assert again["event_id"] == ingested(ids[1]).event_id
    [ready] = published[TRANSCRIPTS_READY]
    assert ready["event_id"] == deterministic_id(ids[2], TranscriptReady.name)
    assert ready["transcript_uri"].endswith(f"transcripts/{ids[2]}/transcript.json")
    # The exports that exist are named like the transcriber names them; the missing ones stay empty.
    assert ready["srt_uri"].endswith(f"transcripts/{ids[2]}/transcript.srt")
    assert (ready["vtt_uri"], ready["txt_uri"]) == ("", "")
    extracted = {event["recording_id"]: event for event in published[INSIGHTS_EXTRACTED]}
    assert set(extracted) == {ids[3], ids[4]}
    assert all(event["insight_index"] == event["insight_count"] - 1 for event in extracted.values())

    # Refused at the insight stage (nothing worth publishing): ended, not stalled.
    refused = "ee" * 12
    seed(store, refused, 2)
    said_why = InsightSet(
        recording_id=refused, source_key="k", title="", keywords=[], insights=[], refusal_reason="small talk"
    )
    store.put_model(f"insights/{refused}/insights.json", said_why)
    [plan] = [plan for plan in plan_all(store, stale_after_s=0) if plan.recording_id == refused]
    assert (plan.reached, plan.needed) == ("refused", False)

    # Each rail refused it and said why on its own review topic: ended, though neither wrote an artifact.
    both_refused = "dd" * 12
    seed(store, both_refused, 3)
    refusals: list[tuple[str, Event]] = [
        (LEAD_MAGNET_REVIEW, LeadMagnetRefused(**refusal_of(both_refused, "lead_magnet_writer"))),
        (FRAMEWORK_ARTICLE_REVIEW, FrameworkArticleRefused(**refusal_of(both_refused, "framework_article_writer"))),
    ]
    producer = AIOKafkaProducer(bootstrap_servers=servers.bootstrap_servers)
    await producer.start()
    try:
        for topic, event in refusals:
            await producer.send_and_wait(topic, event.model_dump_json().encode(), key=both_refused.encode())
    finally:
        await producer.stop()
    outputs = await published_outputs(servers.settings())
    [plan] = [plan for plan in plan_all(store, 0, outputs) if plan.recording_id == both_refused]
    assert (plan.reached, plan.needed) == ("complete", False)

    # A fresh claim (ingest at work) is left alone.
    seed(store, "ff" * 12, 0)
    fresh = {plan.recording_id: plan for plan in plan_all(store, stale_after_s=600)}
    assert not fresh["ff" * 12].needed


def refusal_of(recording_id: str, producer: str) -> dict[str, object]:
    return {
        "event_id": deterministic_id(recording_id, producer, "refused"),
        "recording_id": recording_id,
        "producer": producer,
        "reasons": ["too little in the recording"],
        "insight_ids": [f"{recording_id}-i"],
        "source_key": "k",
    }


async def test_read_all_reads_each_partition_from_its_start_however_soon_it_is_called(servers: LocalStack) -> None:
    # aiokafka resets a fresh assignment to the consumer's policy at once; a seek to the beginning
    # made meanwhile could lose to that answer and read nothing of what is there.
    topic, empty = "recast.test.read-all", "recast.test.read-all-empty"
    admin = AIOKafkaAdminClient(bootstrap_servers=servers.bootstrap_servers)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 3, 1), NewTopic(empty, 3, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=servers.bootstrap_servers)
    await producer.start()
    try:
        written = {f"record {n}".encode() for n in range(6)}
        for n, value in enumerate(sorted(written)):
            await producer.send_and_wait(topic, value, partition=n % 3)
    finally:
        await producer.stop()
    reads = [set(await read_all(servers.settings(), [topic, empty])) for _ in range(30)]
    assert all(read == written for read in reads), [len(read) for read in reads]
