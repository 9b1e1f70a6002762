"""Retry with backoff, then the dead-letter topic: on FastStream's in-memory test broker."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from faststream.kafka import TestKafkaBroker

from shared.broker import RetryPolicy, consumer_options, kafka_security, make_broker, redact
from shared.errors import PermanentError, TransientError, is_transient
from shared.events import TranscriptReady
from shared.settings import RecastSettings
from shared.topics import DEAD_LETTERS, RECORDINGS_STATUS, TRANSCRIPTS_READY

RECORDING = "abcdef0123456789abcdef01"


def s3_error(status: int, code: str) -> ClientError:
    return ClientError({"Error": {"Code": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, "GetObject")


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (s3_error(503, "SlowDown"), True),
        (s3_error(500, "InternalError"), True),
        (s3_error(404, "NoSuchKey"), False),
        (s3_error(403, "AccessDenied"), False),
        (EndpointConnectionError(endpoint_url="http://127.0.0.1:1"), True),
        (ConnectionResetError(), True),
        (TimeoutError(), True),
        (TransientError("down"), True),
        (PermanentError("bad"), False),
        (json.JSONDecodeError("x", "", 0), False),
        (ValueError("domain"), False),
        (FileNotFoundError("gone"), False),
    ],
)
def test_errors_are_classified(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def test_kafka_errors_that_are_retriable_are_transient() -> None:
    from aiokafka.errors import (
        KafkaConnectionError,
        MessageSizeTooLargeError,
        UnknownError,
        UnknownTopicOrPartitionError,
    )

    assert is_transient(KafkaConnectionError())
    assert is_transient(UnknownTopicOrPartitionError())
    assert is_transient(UnknownError())  # what a restarting Tansu answers for a while
    assert not is_transient(MessageSizeTooLargeError())


def test_backoff_doubles_and_is_capped() -> None:
    policy = RetryPolicy(attempts=6, base_delay_s=0.5, max_delay_s=3)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1, 2, 3, 3]


def test_redact_removes_signatures_and_passwords() -> None:
    text = "GET http://s3/x?X-Amz-Credential=AKIA123&X-Amz-Signature=deadbeef failed; password=hunter2"
    cleaned = redact(text)
    assert "deadbeef" not in cleaned and "AKIA123" not in cleaned and "hunter2" not in cleaned


def test_sasl_and_ssl_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert kafka_security(RecastSettings()) is None
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("KAFKA_SASL_USERNAME", "recast")
    monkeypatch.setenv("KAFKA_SASL_PASSWORD", "s3cret-value")
    settings = RecastSettings()
    security = kafka_security(settings)
    assert type(security).__name__ == "SASLScram512" and security.use_ssl  # type: ignore[union-attr]
    assert "s3cret-value" not in repr(settings) and "s3cret-value" not in str(settings.model_dump())


def test_sasl_without_credentials_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
    with pytest.raises(ValueError, match="KAFKA_SASL_USERNAME"):
        RecastSettings()


def ready_event() -> dict[str, Any]:
    return TranscriptReady(
        event_id="e1",
        recording_id=RECORDING,
        producer="test",
        transcript_uri="s3://b/transcripts/x/transcript.json",
        transcript_sha256="0" * 64,
        source_key="incoming/podcasts/x.mp3",
        title="x",
        language="en",
        engine="t",
        model="t",
        duration_s=1,
        segment_count=1,
    ).model_dump(mode="json")


def broker_failing_with(errors: list[Exception], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Any], list[Any]]:
    monkeypatch.setenv("RECAST_RETRY_BASE_DELAY_S", "0.01")
    monkeypatch.setenv("RECAST_RETRY_ATTEMPTS", "3")
    settings = RecastSettings()
    broker = make_broker(settings, "recast-insights")
    handled: list[Any] = []
    collected: list[Any] = []

    @broker.subscriber(TRANSCRIPTS_READY, **consumer_options("recast-insights", settings))
    async def on_transcript_ready(event: TranscriptReady) -> None:
        if errors:
            raise errors.pop(0)
        handled.append(event)

    @broker.subscriber(DEAD_LETTERS)
    async def on_letter(body: dict[str, Any]) -> None:
        collected.append(("dlq", body))

    @broker.subscriber(RECORDINGS_STATUS)
    async def on_status(body: dict[str, Any]) -> None:
        collected.append(("status", body))

    return broker, handled, collected


async def test_transient_errors_are_retried_until_they_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    broker, handled, collected = broker_failing_with([s3_error(503, "SlowDown"), ConnectionResetError()], monkeypatch)
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(ready_event(), topic=TRANSCRIPTS_READY)
    assert len(handled) == 1 and not collected


async def test_retries_that_run_out_end_on_the_dead_letter_topic(monkeypatch: pytest.MonkeyPatch) -> None:
    broker, handled, collected = broker_failing_with([s3_error(503, "SlowDown")] * 5, monkeypatch)
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(ready_event(), topic=TRANSCRIPTS_READY, key=RECORDING.encode())
    letters = [body for kind, body in collected if kind == "dlq"]
    assert not handled and len(letters) == 1
    letter = letters[0]
    assert (letter["stage"], letter["error_kind"], letter["attempts"]) == ("insights", "transient", 3)
    assert letter["original_topic"] == TRANSCRIPTS_READY and letter["recording_id"] == RECORDING
    assert json.loads(letter["payload"])["event_id"] == "e1"
    statuses = [body for kind, body in collected if kind == "status"]
    assert [(s["stage"], s["state"]) for s in statuses] == [("insights", "failed")]
    assert "dead-lettered after 3 attempt(s)" in statuses[0]["message"]


async def test_poison_goes_to_the_dead_letter_topic_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    broker, handled, collected = broker_failing_with([], monkeypatch)
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(b"{not json", topic=TRANSCRIPTS_READY)
        await test_broker.publish(b"\xff\xfe binary", topic=TRANSCRIPTS_READY)
        await test_broker.publish({"recording_id": RECORDING, "event_id": "x"}, topic=TRANSCRIPTS_READY)
    letters = [body for kind, body in collected if kind == "dlq"]
    assert not handled
    assert [(x["payload_encoding"], x["error_kind"], x["attempts"]) for x in letters] == [
        ("utf-8", "permanent", 1),
        ("base64", "permanent", 1),
        ("utf-8", "permanent", 1),
    ]
    assert [x["recording_id"] for x in letters] == ["unknown", "unknown", RECORDING]


async def test_a_dead_letter_that_cannot_be_written_is_not_acknowledged(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the DLQ publish fails, the error escapes to FastStream (NACK_ON_ERROR: the message comes again)."""
    broker, _handled, _collected = broker_failing_with([PermanentError("bad")], monkeypatch)

    async def broken_publish(*args: Any, **kwargs: Any) -> None:
        raise PermanentError("the broker refused the dead letter")

    async with TestKafkaBroker(broker) as test_broker:
        monkeypatch.setattr(broker, "publish", broken_publish)
        with pytest.raises(PermanentError, match="refused the dead letter"):
            await test_broker.publish(ready_event(), topic=TRANSCRIPTS_READY)
