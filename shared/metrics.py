"""Operational telemetry every service shares: Prometheus metrics, consumer lag, log correlation.

Everything lives in prometheus_client's default registry, so metrics a service defines for
itself (the writers' ``recast_lead_magnet_*`` / ``recast_framework_article_*``) come out of
the same ``/metrics`` endpoint as FastStream's message counters and the consumer lag.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from faststream import BaseMiddleware
from faststream.kafka import KafkaBroker
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge

from shared.events import ids_of
from shared.logs import message_context

if TYPE_CHECKING:
    from faststream._internal.basic_types import AsyncFuncAny
    from faststream.response import PublishCommand

log = logging.getLogger("recast.metrics")

METRICS_PREFIX = "recast"

# The broker helpers name dead-letter topics with a ``dlq`` (or ``dead-letter``) part, e.g.
# ``recordings.ingested.dlq``; anything published there is a message the service gave up on.
_DEAD_LETTER_TOPIC = re.compile(r"(^|[.\-_])(dlq|dead-?letters?)([.\-_]|$)", re.I)

DEAD_LETTERS = Counter(
    f"{METRICS_PREFIX}_dead_letters_total",
    "Messages a service gave up on and published to a dead-letter topic.",
    ["app_name", "topic"],
)
CONSUMER_LAG = Gauge(
    f"{METRICS_PREFIX}_consumer_lag",
    "Messages not yet committed by the consumer group: end offset minus committed offset, per partition.",
    ["group", "topic", "partition"],
)
CONSUMER_LAG_TOTAL = Gauge(
    f"{METRICS_PREFIX}_consumer_group_lag",
    "Messages not yet committed by the consumer group, over every partition of the topic.",
    ["group", "topic"],
)


def is_dead_letter_topic(topic: str) -> bool:
    return bool(_DEAD_LETTER_TOPIC.search(topic))


class MessageContextMiddleware(BaseMiddleware):
    """Puts the ``recording_id`` and ``event_id`` of the message being handled into the log context.

    It runs on receipt, before FastStream logs "Received", so that line, every line the handler
    writes and the closing "Processed" all carry both ids.
    """

    async def on_receive(self) -> None:
        message_context.set(ids_of(getattr(self.msg, "value", None)))


class DeadLetterMiddleware(BaseMiddleware):
    """Counts what is published to a dead-letter topic, whichever code path published it."""

    def __init__(self, msg: Any, /, *, context: Any, app_name: str) -> None:
        super().__init__(msg, context=context)
        self.app_name = app_name

    async def publish_scope(self, call_next: AsyncFuncAny, cmd: PublishCommand) -> Any:
        result = await call_next(cmd)
        if is_dead_letter_topic(cmd.destination):
            DEAD_LETTERS.labels(self.app_name, cmd.destination).inc(len(cmd.batch_bodies))
        return result


def install_metrics(broker: KafkaBroker, service: str, registry: CollectorRegistry = REGISTRY) -> None:
    """Message metrics (in, out, processing time, errors, dead letters) and log ids on every handler.

    FastStream's Prometheus middleware yields ``recast_received_messages_total``,
    ``recast_received_processed_messages_duration_seconds``,
    ``recast_received_processed_messages_exceptions_total``, ``recast_published_messages_total``
    and friends, labelled with ``app_name`` (the service) and the topic.
    """
    broker.add_middleware(MessageContextMiddleware)
    broker.add_middleware(KafkaPrometheusMiddleware(registry=registry, app_name=service, metrics_prefix=METRICS_PREFIX))

    def dead_letters(msg: Any, /, *, context: Any) -> DeadLetterMiddleware:
        return DeadLetterMiddleware(msg, context=context, app_name=service)

    broker.add_middleware(dead_letters)


def consumed_topics(broker: KafkaBroker) -> dict[str, set[str]]:
    """Consumer group -> the topics its subscribers read, for every subscriber of the broker."""
    groups: dict[str, set[str]] = {}
    for subscriber in broker.subscribers:
        group = getattr(subscriber, "group_id", None)
        if group:
            groups.setdefault(group, set()).update(getattr(subscriber, "topic_names_for_subscribe", []))
    return groups


class LagProbe:
    """Measures consumer-group lag over one admin client and one group-less consumer, kept open
    between rounds (opened on first use, reopened after a failed round)."""

    def __init__(self, bootstrap_servers: str | list[str], **client_options: Any) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.client_options = client_options  # security_protocol, sasl_*, ssl_context, as the broker has them
        self._admin: Any = None
        self._consumer: Any = None

    async def _open(self) -> None:
        from aiokafka import AIOKafkaConsumer
        from aiokafka.admin import AIOKafkaAdminClient

        if self._consumer is None:
            self._admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers, **self.client_options)
            self._consumer = AIOKafkaConsumer(
                bootstrap_servers=self.bootstrap_servers, enable_auto_commit=False, **self.client_options
            )
            await self._admin.start()
            await self._consumer.start()

    async def close(self) -> None:
        consumer, admin, self._consumer, self._admin = self._consumer, self._admin, None, None
        if consumer is not None:
            await consumer.stop()
        if admin is not None:
            await admin.close()

    async def measure(self, groups: dict[str, set[str]]) -> dict[tuple[str, str, int], int]:
        """(group, topic, partition) -> end offset minus the group's committed offset.

        A partition the group has never committed counts from the start of the log, since a new
        group reads from the earliest offset.
        """
        from aiokafka import TopicPartition

        await self._open()
        consumer, admin = self._consumer, self._admin
        lag: dict[tuple[str, str, int], int] = {}
        for group, topics in groups.items():
            if any(not consumer.partitions_for_topic(topic) for topic in topics):
                await consumer._client.force_metadata_update()  # a topic this client has not looked up yet
            partitions = [
                TopicPartition(topic, partition)
                for topic in sorted(topics)
                for partition in sorted(consumer.partitions_for_topic(topic) or ())
            ]
            if not partitions:
                continue
            ends = await consumer.end_offsets(partitions)
            beginnings = await consumer.beginning_offsets(partitions)
            committed = await admin.list_consumer_group_offsets(group, partitions=partitions)
            for partition in partitions:
                meta = committed.get(partition)
                position = meta.offset if meta is not None and meta.offset >= 0 else beginnings[partition]
                lag[(group, partition.topic, partition.partition)] = max(ends[partition] - position, 0)
        return lag


def record_lag(lag: dict[tuple[str, str, int], int]) -> None:
    totals: dict[tuple[str, str], int] = {}
    for (group, topic, partition), behind in lag.items():
        CONSUMER_LAG.labels(group, topic, str(partition)).set(behind)
        totals[(group, topic)] = totals.get((group, topic), 0) + behind
    for (group, topic), behind in totals.items():
        CONSUMER_LAG_TOTAL.labels(group, topic).set(behind)


async def watch_lag(
    bootstrap_servers: str | list[str],
    groups: Callable[[], dict[str, set[str]]],
    interval_s: float,
    **client_options: Any,
) -> None:
    """Refresh the lag gauges every ``interval_s`` until cancelled; a failed round is logged and retried."""
    probe = LagProbe(bootstrap_servers, **client_options)
    try:
        while True:
            try:
                record_lag(await probe.measure(groups()))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("measuring consumer lag failed; retrying", exc_info=True)
                await probe.close()
            await asyncio.sleep(interval_s)
    finally:
        await probe.close()


def metric_value(text: str, name: str, labels: dict[str, str] | None = None) -> float:
    """Sum of the samples called ``name`` whose labels include ``labels``, in a /metrics page."""
    from prometheus_client.parser import text_string_to_metric_families

    total = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in (labels or {}).items()):
                total += sample.value
    return total
