"""Every handler is measured and every log line carries its message's ids, without a real broker."""

from __future__ import annotations

import asyncio
import json
import logging
import urllib.request

import pytest
from faststream.kafka import KafkaBroker, TestKafkaBroker
from prometheus_client import REGISTRY

from shared.events import ids_of
from shared.health import OperationsServer, main, probe
from shared.logs import JsonFormatter, message_context
from shared.metrics import (
    CONSUMER_LAG,
    DEAD_LETTERS,
    install_metrics,
    is_dead_letter_topic,
    metric_value,
    record_lag,
)


def _sample(name: str, labels: dict[str, str]) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_messages_in_out_and_log_ids_are_recorded(caplog: pytest.LogCaptureFixture) -> None:
    broker = KafkaBroker()
    install_metrics(broker, "unit-service")
    publisher = broker.publisher("unit.out")
    seen: list[dict[str, str]] = []

    @broker.subscriber("unit.in", group_id="unit-group")
    async def on_unit_in(body: dict[str, str]) -> None:
        seen.append(dict(message_context.get()))
        logging.getLogger("recast.unit").info("handling")
        await publisher.publish({"recording_id": body["recording_id"], "event_id": "out-1"})

    before_in = _sample(
        "recast_received_messages_total", {"app_name": "unit-service", "broker": "kafka", "handler": "unit.in"}
    )
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish({"recording_id": "rec-9", "event_id": "evt-9"}, topic="unit.in")

    assert seen == [{"recording_id": "rec-9", "event_id": "evt-9"}]
    after_in = _sample(
        "recast_received_messages_total", {"app_name": "unit-service", "broker": "kafka", "handler": "unit.in"}
    )
    assert after_in == before_in + 1
    published = _sample(
        "recast_published_messages_total",
        {"app_name": "unit-service", "broker": "kafka", "destination": "unit.out", "status": "success"},
    )
    assert published >= 1


async def test_dead_letters_are_counted_per_topic() -> None:
    broker = KafkaBroker()
    install_metrics(broker, "unit-dlq")
    publisher = broker.publisher("recast.dlq")
    async with TestKafkaBroker(broker):
        await publisher.publish({"recording_id": "rec-1"})
        await broker.publish({"recording_id": "rec-2"}, topic="recast.dlq")  # the way shared.broker parks one
    assert DEAD_LETTERS.labels("unit-dlq", "recast.dlq")._value.get() == 2


@pytest.mark.parametrize(
    ("topic", "dead"),
    [("recast.dlq", True), ("transcripts.ready.dlq", True), ("dlq.insights", True), ("recordings.status", False)],
)
def test_dead_letter_topics_are_recognised(topic: str, dead: bool) -> None:
    assert is_dead_letter_topic(topic) is dead


def test_ids_come_from_recast_events_only() -> None:
    assert ids_of(b'{"recording_id": "r", "event_id": "e", "x": 1}') == {"recording_id": "r", "event_id": "e"}
    assert ids_of(b'{"Records": []}') == {}
    assert ids_of(b"\xff not json") == {}
    assert ids_of(None) == {}


def test_json_log_lines_carry_the_message_context() -> None:
    token = message_context.set({"recording_id": "rec-3", "event_id": "evt-3"})
    try:
        record = logging.LogRecord("faststream", logging.INFO, __file__, 1, "Received", (), None)
        line = json.loads(JsonFormatter("unit").format(record))
    finally:
        message_context.reset(token)
    assert line["recording_id"] == "rec-3" and line["event_id"] == "evt-3" and line["message"] == "Received"


def test_lag_is_exposed_per_partition_and_per_topic() -> None:
    record_lag({("g-unit", "t-unit", 0): 3, ("g-unit", "t-unit", 1): 4})
    assert CONSUMER_LAG.labels("g-unit", "t-unit", "1")._value.get() == 4
    assert _sample("recast_consumer_group_lag", {"group": "g-unit", "topic": "t-unit"}) == 7


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


async def test_operations_endpoint_answers_health_ready_and_metrics() -> None:
    checks = {"broker": True, "s3": False}

    async def readiness() -> dict[str, bool]:
        return dict(checks)

    server = OperationsServer(readiness)
    port = await server.start()
    try:
        base = f"http://127.0.0.1:{port}"
        assert (await asyncio.to_thread(_fetch, f"{base}/health"))[0] == 200
        status, body = await asyncio.to_thread(_fetch, f"{base}/ready")
        assert status == 503 and json.loads(body) == {"ready": False, "checks": checks}
        checks["s3"] = True
        assert (await asyncio.to_thread(_fetch, f"{base}/ready"))[0] == 200
        status, metrics = await asyncio.to_thread(_fetch, f"{base}/metrics")
        assert status == 200 and metric_value(metrics.decode(), "process_cpu_seconds_total") >= 0
        assert (await asyncio.to_thread(_fetch, f"{base}/nope"))[0] == 404
        # What the compose healthcheck runs: `python -m shared.health ready`.
        assert await asyncio.to_thread(probe, "ready", port)
        checks["broker"] = False
        assert not await asyncio.to_thread(probe, "ready", port)
        assert await asyncio.to_thread(probe, "health", port)
    finally:
        await server.stop()


def test_probe_fails_when_nothing_listens_and_rejects_unknown_endpoints() -> None:
    from infra.local.stack import free_port

    assert not probe("health", free_port())
    assert main(["metrics"]) == 2
