"""OpenTelemetry tracing: one upload is one trace, from ingest to both rails.

Every broker carries FastStream's Kafka telemetry middleware (``make_broker``): a consumed message
continues the trace whose context its Kafka headers carry (W3C ``traceparent``), and everything the
handler publishes carries it on. Each service configures the SDK once at start-up from the standard
``OTEL_*`` variables: spans are always made (so the context flows through services that export
nothing), and exported over OTLP/HTTP when ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or the traces-only
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``) is set, or to stdout with ``OTEL_TRACES_EXPORTER=console``.
``OTEL_SDK_DISABLED=true`` turns it all off; ``OTEL_SERVICE_NAME`` and ``OTEL_RESOURCE_ATTRIBUTES``
name the service as usual (default ``recast-<service>``).
"""

from __future__ import annotations

import os
from typing import Any

from faststream import BaseMiddleware
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

from shared.events import ids_of

RECORDING_ID = "recast.recording_id"
EVENT_ID = "recast.event_id"


def tracing_middlewares() -> list[Any]:
    """The broker middlewares, outermost first: FastStream's Kafka telemetry (a span per message, its
    context carried in the headers), then one that labels that span with the recording it is about, so an
    operator finds an upload's trace by its recording id."""
    return [KafkaTelemetryMiddleware(), _LabelSpanWithIds]


class _LabelSpanWithIds(BaseMiddleware):
    async def consume_scope(self, call_next: Any, msg: Any) -> Any:
        span = trace.get_current_span()
        for attribute, value in zip((RECORDING_ID, EVENT_ID), _ids(msg), strict=True):
            if value:
                span.set_attribute(attribute, value)
        return await call_next(msg)


def _ids(msg: Any) -> tuple[str, str]:
    ids = ids_of(getattr(getattr(msg, "raw_message", None), "value", None))
    return ids.get("recording_id", ""), ids.get("event_id", "")


def configure_tracing(service: str, processor: SpanProcessor | None = None) -> TracerProvider | None:
    """Install the process's tracer provider for ``service`` (once per process: the services are one each).

    ``processor`` replaces the environment's exporter (tests pass one with an in-memory exporter).
    Returns the provider, to be shut down (and so flushed) when the service stops; None when disabled.
    """
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return None
    resource = Resource.create({SERVICE_NAME: os.environ.get("OTEL_SERVICE_NAME") or f"recast-{service}"})
    provider = TracerProvider(resource=resource)
    if processor is None and (exporter := _exporter_from_environment()) is not None:
        processor = BatchSpanProcessor(exporter)
    if processor is not None:
        provider.add_span_processor(processor)
    trace.set_tracer_provider(provider)
    return provider


def _exporter_from_environment() -> SpanExporter | None:
    chosen = os.environ.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if chosen == "none":
        return None
    if chosen == "console":
        return ConsoleSpanExporter()
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    if chosen == "otlp" or endpoint:
        # Imported only when used: the exporter reads the rest of its OTEL_EXPORTER_OTLP_* settings itself.
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    return None
