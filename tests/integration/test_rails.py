"""The two rails on a real broker and a real S3: separate groups, separate topics, separate fates.

Only the two writers run; the test plays the insights service itself (insight set in S3,
InsightExtracted events on the topic), so what is measured is the rails, not transcription.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from cli.replay import REPLAY_TOPICS, Rail, publish_request, replay_request
from infra.local.demo import follow, open_followers
from infra.local.stack import LocalStack
from shared.events import InsightExtracted, InsightSet, deterministic_id
from shared.storage import ObjectStore, make_s3_client
from shared.topics import (
    FRAMEWORK_ARTICLE_REVIEW,
    FRAMEWORK_ARTICLES,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNET_REVIEW,
    LEAD_MAGNETS,
    RECORDINGS_STATUS,
)
from tests.conftest import make_stack
from tests.unit.recorded_insights import recorded_insights
from tests.unit.transcripts import ONBOARDING_WEBINAR, PITCHED_WEBINAR, make_transcript

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

OUTPUTS = (LEAD_MAGNETS, FRAMEWORK_ARTICLES, LEAD_MAGNET_REVIEW, FRAMEWORK_ARTICLE_REVIEW)


@pytest.fixture(scope="module")
def writers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(
        tmp_path_factory.mktemp("rails"), services=("lead_magnet_writer", "framework_article_writer"), partitions=1
    )
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


def store_insights(
    stack: LocalStack, lines: list[tuple[float, float, str]], *, key_phrases: bool = True
) -> tuple[InsightSet, str, str]:
    """The recording's insight set in S3; without ``key_phrases``, as from a talk that said no phrase twice."""
    recording_id = uuid.uuid4().hex[:24]
    source_key = f"incoming/webinars/{recording_id}.mp3"
    insight_set = recorded_insights(make_transcript(recording_id, lines), source_key=source_key, title="Rails test")
    if not key_phrases:
        insights = [insight.model_copy(update={"keywords": []}) for insight in insight_set.insights]
        insight_set = insight_set.model_copy(update={"keywords": [], "insights": insights})
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    stored = store.put_model(f"insights/{recording_id}/insights.json", insight_set)
    return insight_set, str(stored.uri), source_key


async def publish_insights(stack: LocalStack, insight_set: InsightSet, insights_uri: str) -> None:
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
                transcript_uri=f"s3://unused/{insight_set.recording_id}",
                source_key=insight_set.source_key,
            )
            await producer.send_and_wait(
                INSIGHTS_EXTRACTED, event.model_dump_json().encode(), key=insight_set.recording_id.encode()
            )
    finally:
        await producer.stop()


async def drain(consumer: AIOKafkaConsumer, source_key: str, seconds: float) -> dict[str, list[dict[str, Any]]]:
    return await follow(consumer, source_key, (), timeout_s=seconds)


async def test_stopping_one_writer_does_not_hold_back_the_other_and_replay_wakes_one_rail(
    writers: LocalStack,
) -> None:
    insight_set, insights_uri, source_key = store_insights(writers, ONBOARDING_WEBINAR)
    consumer = await open_followers(writers.bootstrap_servers, OUTPUTS)
    try:
        await asyncio.to_thread(writers.stop, "lead_magnet_writer")
        await publish_insights(writers, insight_set, insights_uri)

        # The thought-leadership rail publishes while the content-marketing rail is down.
        seen = await follow(consumer, source_key, (FRAMEWORK_ARTICLES,), timeout_s=90)
        assert len(seen.get(FRAMEWORK_ARTICLES, [])) == 1, seen
        assert not seen.get(LEAD_MAGNETS), "a lead magnet appeared while its writer was stopped"
        article = seen[FRAMEWORK_ARTICLES][0]

        # Back up, the lead-magnet writer resumes from its group's committed offset and catches up.
        await asyncio.to_thread(writers.start, "lead_magnet_writer")
        later = await follow(consumer, source_key, (LEAD_MAGNETS,), timeout_s=90)
        assert len(later.get(LEAD_MAGNETS, [])) == 1, later
        assert not later.get(FRAMEWORK_ARTICLES), "the framework article was written twice"
        lead_magnet = later[LEAD_MAGNETS][0]

        store = ObjectStore(make_s3_client(writers.settings()), writers.bucket)
        assert lead_magnet["target_keyword"] and lead_magnet["html_uri"].endswith("/lead-magnet.html")
        assert store.get_bytes(lead_magnet["pdf_uri"]).startswith(b"%PDF")
        html = store.get_bytes(lead_magnet["html_uri"]).decode()
        assert lead_magnet["call_to_action"] in html and 'data-gating-field="email"' in html

        # Replay one rail from the stored insights: only that rail answers, with the same (content-derived) id.
        request = replay_request(writers.settings(), Rail.framework_articles, insight_set.recording_id)
        await publish_request(writers.settings(), request, REPLAY_TOPICS[Rail.framework_articles])
        replayed = await follow(consumer, source_key, (FRAMEWORK_ARTICLES,), timeout_s=60)
        assert len(replayed[FRAMEWORK_ARTICLES]) == 1
        assert replayed[FRAMEWORK_ARTICLES][0]["event_id"] == article["event_id"]
        assert replayed[FRAMEWORK_ARTICLES][0]["artifact_sha256"] == article["artifact_sha256"]
        quiet = await drain(consumer, source_key, 3)
        assert not quiet.get(LEAD_MAGNETS) and not replayed.get(LEAD_MAGNETS), "a replay woke the other rail"
    finally:
        await consumer.stop()


async def test_a_pitch_goes_to_review_on_one_rail_and_is_a_lead_magnet_on_the_other(writers: LocalStack) -> None:
    insight_set, insights_uri, source_key = store_insights(writers, PITCHED_WEBINAR)
    consumer = await open_followers(writers.bootstrap_servers, OUTPUTS)
    try:
        await publish_insights(writers, insight_set, insights_uri)
        seen = await follow(consumer, source_key, (LEAD_MAGNETS,), timeout_s=90)
        seen_more = await follow(consumer, source_key, (), timeout_s=3)
    finally:
        await consumer.stop()
    events = {topic: seen.get(topic, []) + seen_more.get(topic, []) for topic in OUTPUTS}
    assert len(events[LEAD_MAGNETS]) == 1
    store = ObjectStore(make_s3_client(writers.settings()), writers.bucket)
    if events[FRAMEWORK_ARTICLES]:
        # Published only after the pitch was set aside: nothing promotional reached the article.
        article = store.get_bytes(events[FRAMEWORK_ARTICLES][0]["artifact_uri"]).decode().lower()
        assert "demo" not in article and "free trial" not in article
    else:
        [refused] = events[FRAMEWORK_ARTICLE_REVIEW]
        assert refused["reasons"]


def test_the_replay_command_names_a_missing_recording(writers: LocalStack, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from cli.main import app

    settings = writers.settings()
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", writers.bootstrap_servers)
    monkeypatch.setenv("S3_ENDPOINT_URL", settings.s3_endpoint_url or "")
    monkeypatch.setenv("RECAST_BUCKET", writers.bucket)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        if writers.env.get(name):
            monkeypatch.setenv(name, writers.env[name])
    result = CliRunner().invoke(app, ["replay", "--rail", "lead-magnets", "does-not-exist"])
    assert result.exit_code == 1
    assert "no stored insights for recording does-not-exist" in result.output
    refused = CliRunner().invoke(app, ["replay", "--rail", "podcasts", "does-not-exist"])
    assert refused.exit_code != 0


async def test_a_lead_magnet_the_talk_cannot_support_is_refused_with_reasons_and_the_article_still_publishes(
    writers: LocalStack,
) -> None:
    # A short talk that says no phrase twice has nothing for a buyer to search: no lead magnet, and nothing broke.
    insight_set, insights_uri, source_key = store_insights(writers, ONBOARDING_WEBINAR, key_phrases=False)
    consumer = await open_followers(writers.bootstrap_servers, (*OUTPUTS, RECORDINGS_STATUS))
    try:
        await publish_insights(writers, insight_set, insights_uri)
        seen = await follow(consumer, source_key, (LEAD_MAGNET_REVIEW, FRAMEWORK_ARTICLES), timeout_s=90)
        for topic, events in (await follow(consumer, source_key, (), timeout_s=3)).items():
            seen.setdefault(topic, []).extend(events)
    finally:
        await consumer.stop()
    assert not seen.get(LEAD_MAGNETS)
    [refused] = seen[LEAD_MAGNET_REVIEW]
    assert refused["rail"] == "lead-magnets" and refused["recording_id"] == insight_set.recording_id
    assert any("no target keyword" in reason for reason in refused["reasons"]), refused["reasons"]
    assert len(seen[FRAMEWORK_ARTICLES]) == 1, "the other rail publishes whatever this one refuses"
    finished = {
        event["stage"]: event
        for event in seen.get(RECORDINGS_STATUS, [])
        if event["state"] in ("done", "failed", "refused")
    }
    assert finished["lead-magnet"]["state"] == "refused", finished["lead-magnet"]
    assert "no target keyword" in finished["lead-magnet"]["message"]
    assert finished["framework-article"]["state"] == "done"
