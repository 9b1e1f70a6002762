"""Each service's operations endpoint: ``/metrics``, ``/health`` and ``/ready`` on its own port.

A small asyncio HTTP server inside the service's event loop, so readiness is answered by the
very loop that consumes: a wedged loop stops answering, which is what a probe should see.

* ``/health``: the process is alive (always 200 while the loop runs).
* ``/ready``: 200 once the broker answers, the S3 bucket is reachable and every subscriber
  runs; 503 with the failing checks otherwise. Both answer JSON.
* ``/metrics``: Prometheus text format, from prometheus_client's default registry.

``python -m shared.health [health|ready]`` probes the endpoint of the service in this container
(``RECAST_METRICS_PORT``) and exits 0 or 1: what docker-compose and Kubernetes probes run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from shared.streams import StreamServer

log = logging.getLogger("recast.health")

Readiness = Callable[[], Awaitable[dict[str, bool]]]

_REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}


class OperationsServer(StreamServer):
    """Serves the three endpoints on ``host:port`` (port 0 picks a free one; see :attr:`port`)."""

    def __init__(self, readiness: Readiness, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.readiness = readiness

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readline(), timeout=5)
            while (await asyncio.wait_for(reader.readline(), timeout=5)).strip():
                pass  # headers: nothing here depends on them
            method, _, rest = request.decode("latin-1").partition(" ")
            path = rest.split(" ", 1)[0].split("?", 1)[0]
            status, content_type, body = await self._respond(method, path)
            head = (
                f"HTTP/1.1 {status} {_REASONS.get(status, '')}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode() + (body if method != "HEAD" else b""))
            await writer.drain()
        except (TimeoutError, ConnectionError, UnicodeDecodeError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _respond(self, method: str, path: str) -> tuple[int, str, bytes]:
        if method not in ("GET", "HEAD"):
            return 405, "text/plain", b"GET only\n"
        if path == "/metrics":
            return 200, CONTENT_TYPE_LATEST, generate_latest(REGISTRY)
        if path in ("/health", "/healthz", "/live"):
            return 200, "application/json", b'{"alive": true}\n'
        if path in ("/ready", "/readyz"):
            try:
                checks = await asyncio.wait_for(self.readiness(), timeout=10)
            except Exception as error:  # a check that raised is a failed check, not a crashed endpoint
                checks = {"error": False}
                log.warning("readiness check failed: %s", error)
            ready = bool(checks) and all(checks.values())
            body = json.dumps({"ready": ready, "checks": checks}).encode() + b"\n"
            return (200 if ready else 503), "application/json", body
        return 404, "text/plain", b"try /metrics, /health or /ready\n"


def probe(endpoint: str = "ready", port: int | None = None, host: str = "127.0.0.1", timeout_s: float = 5) -> bool:
    """True when the service's ``/<endpoint>`` answers 200."""
    port = port if port is not None else int(os.environ.get("RECAST_METRICS_PORT", "8000"))
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/{endpoint}", timeout=timeout_s) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    endpoint = args[0] if args else "ready"
    if endpoint not in ("health", "ready"):
        sys.stderr.write("usage: python -m shared.health [health|ready]\n")
        return 2
    return 0 if probe(endpoint) else 1


if __name__ == "__main__":
    raise SystemExit(main())
