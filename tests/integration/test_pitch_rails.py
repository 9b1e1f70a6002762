"""A sponsor read in the middle of a talk, through the real insights service and both writers.

The test plays the transcriber (a transcript in S3, ``transcripts.ready`` on the topic); the
insights service strips the read before its engine runs, and neither rail's artifact may carry
a run of four words from it. The insights stage's status says what it set aside, and what its engine's
second opinion kept out as promotion.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from infra.local.demo import follow, open_followers
from infra.local.stack import LocalStack
from shared.events import InsightSet
from shared.keys import insights_key
from shared.pitch import find_pitch_cues
from shared.storage import ObjectStore, make_s3_client
from shared.topics import (
    FRAMEWORK_ARTICLE_REVIEW,
    FRAMEWORK_ARTICLES,
    LEAD_MAGNETS,
    RECORDINGS_STATUS,
    TRANSCRIPTS_READY,
)
from tests.conftest import make_stack
from tests.insight_talk import DEV_SUBSTANCE, spoken, transcript_ready
from tests.pitch.transcripts import sponsored_webinar, words_of_the_read_in
from tests.unit.transcripts import make_transcript

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(
        tmp_path_factory.mktemp("pitch"),
        services=("insights", "lead_magnet_writer", "framework_article_writer"),
        partitions=1,
    )
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


async def test_a_mid_talk_sponsor_read_reaches_neither_rail(stack: LocalStack) -> None:
    recording_id = uuid.uuid4().hex[:24]
    source_key = f"incoming/webinars/{recording_id}.mp3"
    transcript = make_transcript(recording_id, sponsored_webinar())
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    ready = transcript_ready(store, transcript, source_key=source_key, title="Customer onboarding")
    outputs = (LEAD_MAGNETS, FRAMEWORK_ARTICLES, FRAMEWORK_ARTICLE_REVIEW, RECORDINGS_STATUS)
    consumer = await open_followers(stack.bootstrap_servers, outputs)
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(TRANSCRIPTS_READY, ready.model_dump_json().encode(), key=recording_id.encode())
        seen = await follow(consumer, source_key, (LEAD_MAGNETS, FRAMEWORK_ARTICLES), timeout_s=150)
        # A refusal or a second artifact would come after the first ones: listen a little longer.
        for topic, events in (await follow(consumer, source_key, (), timeout_s=3)).items():
            seen.setdefault(topic, []).extend(events)
    finally:
        await producer.stop()
        await consumer.stop()

    assert not seen.get(FRAMEWORK_ARTICLE_REVIEW), "the clean talk left after the read is an article, not a refusal"
    [lead_magnet] = seen[LEAD_MAGNETS]
    [article] = seen[FRAMEWORK_ARTICLES]
    for uri in (lead_magnet["artifact_uri"], lead_magnet["html_uri"], article["artifact_uri"]):
        assert words_of_the_read_in(store.get_bytes(uri).decode()) == [], uri
    insights = store.get_model(f"s3://{stack.bucket}/{insights_key(recording_id)}", InsightSet)
    assert words_of_the_read_in(" ".join(insight.quote for insight in insights.insights)) == []
    reported = [event["message"] for event in seen.get(RECORDINGS_STATUS, []) if event["stage"] == "insights"]
    assert any("set aside 4 segment(s) of pitch at 01:16-01:44" in message for message in reported), reported


async def test_self_promotion_the_rules_miss_is_kept_out_and_the_status_says_so(stack: LocalStack) -> None:
    # The rules see nothing in the plug; the engine's second opinion keeps it out of the insights.
    plug = (
        "Our consulting team rolls this pricing model out for clients in about two weeks, and we still have room "
        "this quarter."
    )
    assert not find_pitch_cues(plug)
    recording_id = uuid.uuid4().hex[:24]
    source_key = f"incoming/podcasts/{recording_id}.mp3"
    transcript = spoken(recording_id, [*DEV_SUBSTANCE[:3], ("S2", plug), *DEV_SUBSTANCE[3:]])
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    consumer = await open_followers(stack.bootstrap_servers, (RECORDINGS_STATUS,))
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    finished: list[dict[str, Any]] = []
    try:
        ready = transcript_ready(store, transcript, source_key=source_key, title="Customer onboarding")
        await producer.send_and_wait(TRANSCRIPTS_READY, ready.model_dump_json().encode(), key=recording_id.encode())
        deadline = time.monotonic() + 150
        while not finished and time.monotonic() < deadline:
            seen = await follow(consumer, source_key, (RECORDINGS_STATUS,), timeout_s=5)
            finished += [
                event
                for event in seen.get(RECORDINGS_STATUS, [])
                if event["stage"] == "insights" and event["state"] in ("done", "refused")
            ]
    finally:
        await producer.stop()
        await consumer.stop()

    [status] = finished
    assert "kept out 1 passage(s) read as promotion at " in status["message"], status
    insights = store.get_model(f"s3://{stack.bucket}/{insights_key(recording_id)}", InsightSet)
    assert plug not in " ".join(insight.quote for insight in insights.insights)
    assert [passage.quote for passage in insights.promotion_set_aside] == [plug]
