"""Fixtures that start real processes: the local stack on free ports, or external servers.

Set ``KAFKA_BOOTSTRAP_SERVERS`` and/or ``S3_ENDPOINT_URL`` to run the same tests against
servers you already have; the stack then starts only what is missing.
"""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra.local.stack import LocalStack, free_port


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``pytest -n`` (``make test``), keep a module's tests on one worker, so a stack a module starts
    once starts once, and keep every user of the shared ``pipeline`` stack together for the same reason. Tests
    that each start a stack of their own (``own_stack``) go wherever a worker is free."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("own_stack"):
            continue
        group = "pipeline" if "pipeline" in getattr(item, "fixturenames", ()) else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


def make_stack(run_dir: Path, **options: object) -> LocalStack:
    options.setdefault("bucket", os.environ.get("RECAST_BUCKET", "recast-test"))
    return LocalStack.from_environment(run_dir, kafka_port=free_port(), s3_port=free_port(), **options)


@pytest.fixture(scope="session")
def trace_collector() -> Iterator[TraceCollector]:
    """An OTLP/HTTP endpoint on 127.0.0.1 that keeps every span the services export."""
    collector = TraceCollector()
    thread = threading.Thread(target=collector.serve_forever, daemon=True)
    thread.start()
    try:
        yield collector
    finally:
        collector.shutdown()
        collector.server_close()


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory: pytest.TempPathFactory, trace_collector: TraceCollector) -> Iterator[LocalStack]:
    """Broker, S3 and all five services, shared by the end-to-end tests; they export their traces to
    ``trace_collector`` as they would to an OpenTelemetry collector."""
    tracing = {
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": f"{trace_collector.url}/v1/traces",
        "OTEL_BSP_SCHEDULE_DELAY": "200",
    }
    stack = make_stack(tmp_path_factory.mktemp("pipeline"), extra_env=tracing)
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    """Answers every GET with the body it was given for that path (404 otherwise), and remembers the path."""

    def do_GET(self) -> None:
        server: RecordingServer = self.server  # type: ignore[assignment]
        server.requests.append(self.path)
        body = server.bodies.get(self.path.split("?")[0])
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


class RecordingServer(http.server.ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.requests: list[str] = []
        self.bodies: dict[str, bytes] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def http_server() -> Iterator[RecordingServer]:
    """A local HTTP server that records every request it receives: proof of what was (not) fetched."""
    server = RecordingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class ExportedSpan:
    service: str
    trace_id: str
    name: str
    attributes: dict[str, str]


class OtlpHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

        request = ExportTraceServiceRequest()
        request.ParseFromString(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        collector: TraceCollector = self.server  # type: ignore[assignment]
        for resource_spans in request.resource_spans:
            resource = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    attributes = {a.key: a.value.string_value for a in span.attributes}
                    collector.spans.append(
                        ExportedSpan(resource.get("service.name", ""), span.trace_id.hex(), span.name, attributes)
                    )
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class TraceCollector(http.server.ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), OtlpHandler)
        self.spans: list[ExportedSpan] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"
