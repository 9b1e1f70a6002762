"""Broker helpers: one way to build a Kafka broker and one way to subscribe.

Every subscriber acknowledges only after its handler finished (at-least-once) and a
new consumer group starts from the earliest offset, so events published before a
service first joined are not skipped. Handlers are idempotent to make redelivery safe.
"""

from __future__ import annotations

import logging
from typing import Any

from faststream import AckPolicy
from faststream.kafka import KafkaBroker

from shared.events import Event
from shared.settings import RecastSettings


def make_broker(settings: RecastSettings, client_id: str, **options: Any) -> KafkaBroker:
    return KafkaBroker(
        settings.kafka_bootstrap_servers.split(","),
        client_id=client_id,
        # Through the root logger, so FastStream's own lines come out as JSON like ours.
        logger=logging.getLogger(f"recast.{client_id}"),
        max_request_size=settings.max_message_bytes,
        **options,
    )


def consumer_options(group_id: str, **overrides: Any) -> dict[str, Any]:
    """Subscriber keyword arguments every Recast consumer uses."""
    options: dict[str, Any] = {
        "group_id": group_id,
        "auto_offset_reset": "earliest",
        "ack_policy": AckPolicy.ACK,
    }
    options.update(overrides)
    return options


def partition_key(event: Event) -> bytes:
    """Events of one recording share a partition, so they stay in order for one consumer."""
    return event.recording_id.encode()
