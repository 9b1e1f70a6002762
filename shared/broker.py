"""Broker helpers: one way to build a Kafka broker and one way to subscribe.

Delivery is at-least-once. A subscriber commits an offset only once its message is dealt
with: handled, or — after retries — parked on the dead-letter topic. Every broker built by
:func:`make_broker` carries :class:`RetryThenDeadLetter`, which retries transient errors (S3
5xx, connection errors, broker hiccups) with exponential backoff and sends poison messages
(malformed JSON, wrong schema, domain errors) and exhausted retries to ``recast.dlq`` with the
original payload, the error and the stage. Only when even the dead-letter publish fails does
the error reach FastStream, which then *nacks* (seeks back), so the message comes again
rather than being skipped. Handlers are idempotent (deterministic ids, artifacts at id-derived
keys), which is what makes redelivery safe.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import re
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from faststream import AckPolicy
from faststream._internal.middlewares import BaseMiddleware
from faststream.kafka import KafkaBroker
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from shared.errors import is_transient
from shared.events import DeadLettered, Event, deterministic_id, ids_of, utc_now
from shared.settings import RecastSettings
from shared.status import RecordingStatusChanged, Stage, StageState
from shared.topics import DEAD_LETTERS, RECORDINGS_STATUS
from shared.tracing import tracing_middlewares

log = logging.getLogger("recast.broker")

# Which pipeline stage a service's failures are reported under on recordings.status.
STAGES = {
    "recast-ingest": Stage.ingest,
    "recast-transcriber": Stage.transcribe,
    "recast-insights": Stage.insights,
    "recast-lead-magnet-writer": Stage.lead_magnet,
    "recast-framework-article-writer": Stage.framework_article,
}


def make_broker(settings: RecastSettings, client_id: str, **options: Any) -> KafkaBroker:
    retry = RetryThenDeadLetter(
        client_id=client_id,
        stage=STAGES.get(client_id),
        policy=RetryPolicy.from_settings(settings),
    )
    broker = KafkaBroker(
        settings.kafka_bootstrap_servers.split(","),
        client_id=client_id,
        # Through the root logger, so FastStream's own lines come out as JSON like ours.
        logger=logging.getLogger(f"recast.{client_id}"),
        max_request_size=settings.max_message_bytes,
        security=kafka_security(settings),
        # Tracing outermost, so a message's span covers its retries and what its handler publishes.
        middlewares=[*tracing_middlewares(), retry],
        **options,
    )
    retry.broker = broker
    return broker


def kafka_security(settings: RecastSettings) -> BaseSecurity | None:
    """SASL and/or TLS from the environment; None for the local PLAINTEXT broker."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    context: ssl.SSLContext | None = None
    if protocol.endswith("SSL"):
        context = ssl.create_default_context(cafile=settings.kafka_ssl_cafile)
        if settings.kafka_ssl_certfile:
            context.load_cert_chain(settings.kafka_ssl_certfile, settings.kafka_ssl_keyfile)
    if not protocol.startswith("SASL"):
        return BaseSecurity(ssl_context=context)
    assert settings.kafka_sasl_username and settings.kafka_sasl_password  # checked by the settings
    sasl = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}
    return sasl[settings.kafka_sasl_mechanism](
        settings.kafka_sasl_username,
        settings.kafka_sasl_password.get_secret_value(),
        ssl_context=context,
        use_ssl=context is not None,
    )


def consumer_options(group_id: str, settings: RecastSettings, **overrides: Any) -> dict[str, Any]:
    """Subscriber keyword arguments every Recast consumer uses.

    ``NACK_ON_ERROR``: an error that :class:`RetryThenDeadLetter` could not park on the
    dead-letter topic seeks the partition back instead of committing past the message.
    """
    options: dict[str, Any] = {
        "group_id": group_id,
        "auto_offset_reset": "earliest",
        "ack_policy": AckPolicy.NACK_ON_ERROR,
        "fetch_max_wait_ms": settings.kafka_fetch_max_wait_ms,
        "max_poll_interval_ms": settings.max_poll_interval_ms,
    }
    options.update(overrides)
    return options


def partition_key(event: Event) -> bytes:
    """Events of one recording share a partition, so they stay in order for one consumer."""
    return event.recording_id.encode()


# Retrying ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    base_delay_s: float = 0.5
    max_delay_s: float = 15.0

    @classmethod
    def from_settings(cls, settings: RecastSettings) -> RetryPolicy:
        return cls(settings.retry_attempts, settings.retry_base_delay_s, settings.retry_max_delay_s)

    def delay(self, attempt: int) -> float:
        """Backoff after the ``attempt``-th failure (1-based): base, 2 base, 4 base, ... capped."""
        return float(min(self.max_delay_s, self.base_delay_s * 2 ** (attempt - 1)))


_SECRETS = re.compile(
    r"(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s'\"]+|"
    r"((?:password|secret|token|sasl_plain_password)[\"']?\s*[:=]\s*[\"']?)[^\s,'\"&]+",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Remove signatures, credentials and passwords from an error message before it is logged or published."""
    return _SECRETS.sub(lambda m: (m.group(1) or m.group(2)) + "REDACTED", text)[:2000]


@dataclass
class RetryThenDeadLetter:
    """Broker middleware factory: retry transient failures, dead-letter the rest, never skip silently."""

    client_id: str  # also every service's consumer group
    stage: Stage | None
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    broker: KafkaBroker | None = None

    def __call__(self, msg: Any, /, *, context: Any) -> _RetryThenDeadLetter:
        return _RetryThenDeadLetter(msg, context=context, config=self)

    @property
    def service(self) -> str:
        return self.client_id.removeprefix("recast-").replace("-", "_")


class _RetryThenDeadLetter(BaseMiddleware):
    def __init__(self, msg: Any, /, *, context: Any, config: RetryThenDeadLetter) -> None:
        super().__init__(msg, context=context)
        self.config = config

    async def consume_scope(self, call_next: Any, msg: Any) -> Any:
        policy = self.config.policy
        first_failed_at: datetime | None = None
        attempt = 0
        while True:
            attempt += 1
            try:
                return await call_next(msg)
            except Exception as error:
                transient = is_transient(error)
                first_failed_at = first_failed_at or utc_now()
                record = self.msg
                where = {
                    "topic": getattr(record, "topic", None),
                    "offset": getattr(record, "offset", None),
                    "recording_id": _recording_id(record),
                    "attempt": attempt,
                    "error": f"{type(error).__name__}: {redact(str(error))}",
                }
                if transient and attempt < policy.attempts:
                    delay = policy.delay(attempt)
                    log.warning("transient failure; retrying in %.1f s", delay, extra=where)
                    await asyncio.sleep(delay)
                    continue
                log.error("giving up on the message; dead-lettering it", extra=where)
                await self._dead_letter(error, transient, attempt, first_failed_at)
                return None

    async def _dead_letter(self, error: Exception, transient: bool, attempts: int, first_failed_at: datetime) -> None:
        broker = self.config.broker
        if broker is None:  # pragma: no cover - make_broker always sets it
            raise error
        record = self.msg
        letter = dead_letter_for(
            record,
            stage=self.config.service,
            consumer_group=self.config.client_id,
            error_type=type(error).__name__,
            error_message=str(error),
            error_kind="transient" if transient else "permanent",
            attempts=attempts,
            first_failed_at=first_failed_at,
        )
        # If even this fails the error escapes and NACK_ON_ERROR seeks back: the message comes again.
        await _publish_with_retries(broker, letter, DEAD_LETTERS, self.config.policy)
        if self.config.stage is not None and letter.recording_id != UNKNOWN_RECORDING:
            status = RecordingStatusChanged(
                event_id=deterministic_id(
                    letter.recording_id, RecordingStatusChanged.name, self.config.stage, "failed"
                ),
                recording_id=letter.recording_id,
                producer=self.config.service,
                stage=self.config.stage,
                state=StageState.failed,
                message=f"dead-lettered after {attempts} attempt(s): {letter.error_type}: {letter.error_message}",
            )
            await _publish_with_retries(broker, status, RECORDINGS_STATUS, self.config.policy)


UNKNOWN_RECORDING = "unknown"


def dead_letter_for(
    record: Any,
    *,
    stage: str,
    consumer_group: str,
    error_type: str,
    error_message: str,
    error_kind: str,
    attempts: int,
    first_failed_at: datetime,
) -> DeadLettered:
    """The dead letter of one consumed record (an aiokafka ``ConsumerRecord``). Its id is derived from the
    stage and the record's place in the log, so a redelivered poison message maps to the same letter."""
    value: bytes = getattr(record, "value", None) or b""
    payload, encoding = _text_or_base64(value)
    key: bytes | None = getattr(record, "key", None)
    topic = str(getattr(record, "topic", ""))
    partition = getattr(record, "partition", None)
    offset = getattr(record, "offset", None)
    headers = {name: _text_or_base64(raw or b"")[0] for name, raw in (getattr(record, "headers", None) or ())}
    recording_id = _recording_id(record)
    return DeadLettered(
        event_id=deterministic_id(
            DeadLettered.name, stage, topic, str(partition), str(offset), deterministic_id(payload)
        ),
        recording_id=recording_id,
        producer=stage,
        stage=stage,
        consumer_group=consumer_group,
        original_topic=topic,
        original_partition=partition,
        original_offset=offset,
        original_key=_text_or_base64(key)[0] if key is not None else None,
        original_headers=headers,
        payload=payload,
        payload_encoding=encoding,
        error_type=error_type,
        error_message=redact(error_message),
        error_kind=error_kind,
        attempts=attempts,
        first_failed_at=first_failed_at,
        last_failed_at=utc_now(),
    )


def _text_or_base64(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return base64.b64encode(raw).decode("ascii"), "base64"


_ID = re.compile(r"^[0-9a-f]{8,64}$")


def _recording_id(record: Any) -> str:
    """The recording a raw record belongs to, where it can be told: its JSON's recording_id, else its key."""
    candidate = ids_of(getattr(record, "value", None)).get("recording_id", "")
    if _ID.match(candidate):
        return candidate
    key = getattr(record, "key", None)
    if isinstance(key, bytes):
        with_text = key.decode("utf-8", errors="replace")
        if _ID.match(with_text):
            return with_text
    return UNKNOWN_RECORDING


async def _publish_with_retries(broker: KafkaBroker, event: Event, topic: str, policy: RetryPolicy) -> None:
    for attempt in range(1, policy.attempts + 1):
        try:
            await broker.publish(event, topic=topic, key=event.recording_id.encode())
            return
        except Exception as error:
            if attempt == policy.attempts or not is_transient(error):
                raise
            await asyncio.sleep(policy.delay(attempt))
