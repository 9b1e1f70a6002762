"""The webhook receiver: a small HTTP/1.1 server in the service's event loop (the stdlib's asyncio; no web
framework is installed and two routes do not need one).

``POST /webhooks/lead-magnets`` and ``POST /webhooks/framework-articles`` take one JSON engagement each.
Bodies need a Content-Length and are capped, headers are capped, and every connection is closed after
one answer, so a slow or oversized sender costs little.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable

from shared.scoreboards import Rail
from shared.streams import StreamServer

log = logging.getLogger("recast.scoreboard.receiver")

# rail, lower-cased headers, raw body -> HTTP status and the JSON answer.
Handler = Callable[[Rail, dict[str, str], bytes], Awaitable[tuple[int, dict[str, object]]]]

ROUTES = {f"/webhooks/{rail}": rail for rail in Rail}
MAX_HEADERS = 64
READ_TIMEOUT_S = 10
_REASONS = {
    202: "Accepted",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Content Too Large",
    422: "Unprocessable Content",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class WebhookReceiver(StreamServer):
    def __init__(self, handler: Handler, host: str, port: int, max_body_bytes: int) -> None:
        super().__init__(host, port)
        self.handler = handler
        self.max_body_bytes = max_body_bytes

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            status, answer = await asyncio.wait_for(self._answer(reader), timeout=READ_TIMEOUT_S)
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            status, answer = 400, {"error": "malformed or incomplete request"}
        except Exception:
            log.exception("webhook handler failed")
            status, answer = 500, {"error": "internal error; nothing was published"}
        body = json.dumps(answer).encode() + b"\n"
        head = (
            f"HTTP/1.1 {status} {_REASONS.get(status, '')}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        with contextlib.suppress(ConnectionError):
            writer.write(head.encode() + body)
            await writer.drain()
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()

    async def _answer(self, reader: asyncio.StreamReader) -> tuple[int, dict[str, object]]:
        request = (await reader.readline()).decode("latin-1").split()
        headers: dict[str, str] = {}
        while (line := (await reader.readline()).decode("latin-1").strip()) != "":
            if len(headers) >= MAX_HEADERS:
                return 431, {"error": "too many headers"}
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if len(request) != 3:
            return 400, {"error": "malformed request line"}
        method, path = request[0], request[1].split("?", 1)[0]
        rail = ROUTES.get(path)
        if rail is None:
            return 404, {"error": f"no such endpoint; post to {' or '.join(sorted(ROUTES))}"}
        if method != "POST":
            return 405, {"error": "POST only"}
        if not headers.get("content-length", "").isdigit():
            return 411, {"error": "a Content-Length header is required"}
        length = int(headers["content-length"])
        if length > self.max_body_bytes:
            return 413, {"error": f"body larger than {self.max_body_bytes} bytes"}
        body = await reader.readexactly(length)
        return await self.handler(rail, headers, body)
