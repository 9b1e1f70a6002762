"""The insights service on a real broker and S3, with the real embedding model: a recording with
nothing worth publishing ends ``refused`` with a readable reason and no ``insights.extracted`` event,
while an interview beside it is published as usual."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from infra.local.stack import LocalStack
from shared.events import InsightSet, deterministic_id
from shared.keys import insights_key
from shared.storage import ObjectStore, make_s3_client
from shared.topics import INSIGHTS_EXTRACTED, RECORDINGS_STATUS, TRANSCRIPTS_READY
from tests.conftest import make_stack
from tests.insight_talk import DEV_SUBSTANCE, HELD_OUT_SOUND_CHECK, spoken, transcript_ready

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def insights(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(tmp_path_factory.mktemp("insights"), services=("insights",), partitions=1)
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


async def test_small_talk_is_refused_and_nothing_reaches_the_rails(insights: LocalStack) -> None:
    store = ObjectStore(make_s3_client(insights.settings()), insights.bucket)
    chat = spoken(deterministic_id("test", "sound-check", str(time.time())), HELD_OUT_SOUND_CHECK)
    interview = spoken(deterministic_id("test", "interview", str(time.time())), DEV_SUBSTANCE)
    consumer = AIOKafkaConsumer(
        INSIGHTS_EXTRACTED, RECORDINGS_STATUS, bootstrap_servers=insights.bootstrap_servers, auto_offset_reset="latest"
    )
    await consumer.start()
    producer = AIOKafkaProducer(bootstrap_servers=insights.bootstrap_servers)
    await producer.start()
    seen: dict[str, list[dict[str, Any]]] = {chat.recording_id: [], interview.recording_id: []}
    try:
        await consumer.getmany(timeout_ms=500)  # joins at the end of every partition before we publish
        for transcript in (chat, interview):
            event = transcript_ready(store, transcript)
            await producer.send_and_wait(
                TRANSCRIPTS_READY, event.model_dump_json().encode(), key=event.recording_id.encode()
            )

        def ended(recording_id: str) -> bool:
            return any(
                e.get("stage") == "insights" and e.get("state") not in ("started", "progress")
                for e in seen[recording_id]
            )

        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not all(ended(r) for r in seen):
            for records in (await consumer.getmany(timeout_ms=500)).values():
                for record in records:
                    event = json.loads(record.value)
                    if event.get("recording_id") in seen:
                        seen[event["recording_id"]].append(event | {"topic": record.topic})
        # The interview's events are published before its status says done; wait a moment for stragglers.
        for records in (await consumer.getmany(timeout_ms=2000)).values():
            for record in records:
                event = json.loads(record.value)
                if event.get("recording_id") in seen:
                    seen[event["recording_id"]].append(event | {"topic": record.topic})
    finally:
        await producer.stop()
        await consumer.stop()

    chat_states = [(e["state"], e["message"]) for e in seen[chat.recording_id] if e["topic"] == RECORDINGS_STATUS]
    assert chat_states[-1][0] == "refused", chat_states
    assert chat_states[-1][1].startswith("nothing worth publishing:") and "no claim found" in chat_states[-1][1]
    assert not [e for e in seen[chat.recording_id] if e["topic"] == INSIGHTS_EXTRACTED]
    stored = store.get_model(str(store.uri(insights_key(chat.recording_id))), InsightSet)
    assert stored.insights == [] and stored.refusal_reason == chat_states[-1][1]

    interview_states = [e["state"] for e in seen[interview.recording_id] if e["topic"] == RECORDINGS_STATUS]
    assert interview_states[-1] == "done", interview_states
    assert [e for e in seen[interview.recording_id] if e["topic"] == INSIGHTS_EXTRACTED]
