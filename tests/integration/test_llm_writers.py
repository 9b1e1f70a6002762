"""Both writers with a model each, on a real broker and a real S3: a busy model, a stalled one, no harm done.

Each rail has its own scripted model server on 127.0.0.1 (the rails share no setting). The
lead-magnet model answers 429 with Retry-After, then 500, then a grounded draft: the lead
magnet goes out in the model's words. The framework-article model stalls far longer than
the writer's consumer may take (max_poll_interval_ms is 8 s here, so the drafting deadline
is 4 s): the extractive article goes out while the model still holds the request, nothing is
dead-lettered, and the consumer stays in its group — the next recording is handled once, and
the stalled one is never redelivered (a rebalance would have brought it, and its request, back).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from infra.local.demo import open_followers
from infra.local.stack import LocalStack
from shared.events import InsightExtracted, InsightSet, deterministic_id
from shared.keys import insights_key, transcript_key
from shared.storage import ObjectStore, make_s3_client
from shared.topics import DEAD_LETTERS, FRAMEWORK_ARTICLE_REVIEW, FRAMEWORK_ARTICLES, INSIGHTS_EXTRACTED, LEAD_MAGNETS
from tests.conftest import make_stack
from tests.scripted_chat import Reply, ScriptedChatServer, Stall, draft
from tests.unit.recorded_insights import recorded_insights
from tests.unit.test_llm_drafting import ARTICLE_BODY, LEAD_MAGNET_BODY
from tests.unit.transcripts import ONBOARDING_WEBINAR, make_transcript

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

WATCHED = (LEAD_MAGNETS, FRAMEWORK_ARTICLES, FRAMEWORK_ARTICLE_REVIEW, DEAD_LETTERS)
MAX_POLL_INTERVAL_MS = 8_000
# What a consumer that lost its group (or an event that escaped the handler) leaves in the writer's log.
GROUP_TROUBLE = ("Heartbeat session expired", "CommitFailed", "IllegalGeneration", "UnknownMemberId", "dead-letter")


@pytest.fixture(scope="module")
def models() -> Iterator[dict[str, ScriptedChatServer]]:
    servers = {"lead-magnets": ScriptedChatServer([Reply(status=500)]).start()}
    servers["framework-articles"] = ScriptedChatServer([Reply(status=500)]).start()
    try:
        yield servers
    finally:
        for server in servers.values():
            server.close()


@pytest.fixture(scope="module")
def writers(tmp_path_factory: pytest.TempPathFactory, models: dict[str, ScriptedChatServer]) -> Iterator[LocalStack]:
    stack = make_stack(
        tmp_path_factory.mktemp("llm-writers"),
        services=("lead_magnet_writer", "framework_article_writer"),
        partitions=1,
        extra_env={
            "RECAST_MAX_POLL_INTERVAL_MS": str(MAX_POLL_INTERVAL_MS),
            "RECAST_LEAD_MAGNET_LLM_BASE_URL": models["lead-magnets"].base_url,
            "RECAST_LEAD_MAGNET_LLM_RETRY_BASE_DELAY_S": "0.2",
            "RECAST_FRAMEWORK_ARTICLE_LLM_BASE_URL": models["framework-articles"].base_url,
            # Far longer than the consumer may wait: only the deadline derived from the poll interval helps.
            "RECAST_FRAMEWORK_ARTICLE_LLM_TIMEOUT_S": "120",
        },
    )
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


def store_recording(stack: LocalStack) -> tuple[InsightSet, str, str]:
    """A recording's transcript and insights in S3, as the transcriber and insights service leave them."""
    recording_id = uuid.uuid4().hex[:24]
    transcript = make_transcript(recording_id, ONBOARDING_WEBINAR)
    # The writers' input as an insight engine left it (recorded once), so this tests the writers, not the engine.
    insight_set = recorded_insights(transcript, source_key=f"incoming/webinars/{recording_id}.mp4", title="Onboarding")
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    transcript_uri = str(store.put_model(transcript_key(recording_id), transcript).uri)
    insights_uri = str(store.put_model(insights_key(recording_id), insight_set).uri)
    return insight_set, insights_uri, transcript_uri


async def publish_insights(stack: LocalStack, insight_set: InsightSet, insights_uri: str, transcript_uri: str) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        count = len(insight_set.insights)
        for index, insight in enumerate(insight_set.insights):
            event = InsightExtracted(
                event_id=deterministic_id(insight_set.recording_id, "test", insight.insight_id),
                recording_id=insight_set.recording_id,
                producer="test",
                insight=insight,
                insight_index=index,
                insight_count=count,
                insights_uri=insights_uri,
                transcript_uri=transcript_uri,
                source_key=insight_set.source_key,
            )
            await producer.send_and_wait(
                INSIGHTS_EXTRACTED, event.model_dump_json().encode(), key=insight_set.recording_id.encode()
            )
    finally:
        await producer.stop()


async def collect(
    consumer: AIOKafkaConsumer, recording_id: str, until: tuple[str, ...], timeout_s: float
) -> dict[str, list[dict[str, Any]]]:
    """Events of one recording on the watched topics, until each topic in ``until`` has one (or the time is up)."""
    seen: dict[str, list[dict[str, Any]]] = {}
    ends = time.monotonic() + timeout_s
    while time.monotonic() < ends and not (until and all(seen.get(topic) for topic in until)):
        for partition, records in (await consumer.getmany(timeout_ms=500)).items():
            for record in records:
                event = json.loads(record.value)
                if event.get("recording_id") == recording_id:
                    seen.setdefault(partition.topic, []).append(event)
    return seen


async def test_a_busy_model_is_waited_for_and_a_stalled_one_is_left_behind(
    writers: LocalStack, models: dict[str, ScriptedChatServer]
) -> None:
    lead_model, article_model = models["lead-magnets"], models["framework-articles"]
    lead_model.play([Reply(status=429, headers={"Retry-After": "1"}), Reply(status=500), draft(LEAD_MAGNET_BODY)])
    article_model.play([Stall(600)])
    stalled, insights_uri, transcript_uri = await asyncio.to_thread(store_recording, writers)
    consumer = await open_followers(writers.bootstrap_servers, WATCHED)
    try:
        await publish_insights(writers, stalled, insights_uri, transcript_uri)
        seen = await collect(consumer, stalled.recording_id, (LEAD_MAGNETS, FRAMEWORK_ARTICLES), timeout_s=120)

        [lead_magnet] = seen[LEAD_MAGNETS]
        assert lead_magnet["writer"] == "llm" and lead_magnet["writer_notes"] == []
        store = ObjectStore(make_s3_client(writers.settings()), writers.bucket)
        markdown = store.get_bytes(lead_magnet["artifact_uri"]).decode()
        assert "everything sales already learned" in markdown and lead_magnet["call_to_action"] in markdown
        assert "everything sales already learned" in store.get_bytes(lead_magnet["html_uri"]).decode()
        assert len(lead_model.requests) == 3  # 429, 500, then the draft

        [article] = seen[FRAMEWORK_ARTICLES]
        # Published while the model still holds the request: the writer stopped waiting at its deadline.
        assert article_model.open_stalls == 1
        assert article["writer"] == "extractive"
        assert article["writer_notes"] == [
            "LLM draft replaced by the extractive draft: deadline of 4.0 s passed after 1 request(s)"
        ]

        # The consumer is still in its group: the next recording is drafted by the (now answering) model ...
        article_model.play([draft(ARTICLE_BODY)])
        following, insights_uri, transcript_uri = await asyncio.to_thread(store_recording, writers)
        await publish_insights(writers, following, insights_uri, transcript_uri)
        later = await collect(consumer, following.recording_id, (FRAMEWORK_ARTICLES,), timeout_s=120)
        [next_article] = later[FRAMEWORK_ARTICLES]
        assert next_article["writer"] == "llm"
        # ... and the stalled recording never came back, as it would after a rebalance.
        again = await collect(consumer, stalled.recording_id, (), timeout_s=3)
    finally:
        await consumer.stop()
    assert not again and not seen.get(DEAD_LETTERS) and not later.get(DEAD_LETTERS)
    assert len(article_model.requests) == 2, "the stalled recording was drafted again"
    log = (writers.run_dir / "framework_article_writer.log").read_text()
    assert not [trouble for trouble in GROUP_TROUBLE if trouble in log], log[-3000:]
    assert log.count("assigned to partitions") == 1, "the writer's consumer was reassigned (a rebalance)"
