"""One upload, one trace: a handler's publishes continue the trace of the message it handles, and each
message's span names the recording. Handler-level check on FastStream's in-memory broker with the SDK's
in-memory exporter; tests/e2e/test_pipeline.py shows the same across the five real services over OTLP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from faststream.kafka import TestKafkaBroker
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from shared.broker import make_broker
from shared.events import RecordingIngested
from shared.settings import RecastSettings
from shared.tracing import RECORDING_ID, configure_tracing

EXPORTED = InMemorySpanExporter()


@pytest.fixture(scope="module")
def spans() -> Iterator[InMemorySpanExporter]:
    # The SDK takes one tracer provider per process, as each service has.
    provider = configure_tracing("unit-test", SimpleSpanProcessor(EXPORTED))
    assert provider is not None
    yield EXPORTED
    provider.shutdown()


async def test_what_a_handler_publishes_continues_the_trace_of_what_it_handles(spans: InMemorySpanExporter) -> None:
    broker = make_broker(RecastSettings(), client_id="recast-test")
    received: list[str] = []

    @broker.subscriber("recordings.ingested", group_id="transcriber")
    async def on_ingested(event: RecordingIngested) -> None:
        ready = {"event_id": "e2", "recording_id": event.recording_id, "producer": "test"}
        await broker.publish(ready, "transcripts.ready", key=event.recording_id.encode())

    @broker.subscriber("transcripts.ready", group_id="insights")
    async def on_ready(event: dict[str, str]) -> None:
        received.append(event["recording_id"])

    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(INGESTED, "recordings.ingested")
    assert received == ["rec-1"]

    finished = spans.get_finished_spans()
    processed = {span.name.split(" ")[0]: span for span in finished if span.name.endswith(" process")}
    assert set(processed) == {"recordings.ingested", "transcripts.ready"}, [span.name for span in finished]
    first, second = processed["recordings.ingested"], processed["transcripts.ready"]
    assert first.context.trace_id == second.context.trace_id
    for span in (first, second):
        assert span.attributes is not None and span.attributes[RECORDING_ID] == "rec-1"


INGESTED = {
    "event_id": "e1",
    "recording_id": "rec-1",
    "producer": "test",
    "source_uri": "s3://recast/incoming/a.mp3",
    "source_key": "incoming/a.mp3",
    "source_etag": "x",
    "kind": "podcast",
    "title": "A talk",
    "size_bytes": 1,
    "duration_s": 1,
    "container": "mp3",
    "audio_codec": "mp3",
}
