"""A Chat Completions server on 127.0.0.1 that plays a script: errors, Retry-After, stalls, canned drafts.

Each request to ``/v1/chat/completions`` takes the next step of the script (the last step
repeats once the script runs out) and is recorded, so a test sees exactly what a client sent
and how often. A stall holds the request open until its time is up or the server closes.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """Answer at once: a completion whose message is ``content`` (status 200), or an error status."""

    content: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Stall:
    """Hold the request open, answering nothing, for ``seconds``."""

    seconds: float


def draft(body: str) -> Reply:
    """A completion carrying a draft as the writers ask for it: JSON with a ``body``."""
    return Reply(json.dumps({"body": body}))


class ScriptedChatServer:
    def __init__(self, script: Sequence[Reply | Stall]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        self.open_stalls = 0  # requests held open right now
        self._lock = threading.Lock()
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                step = server._next(body)
                if isinstance(step, Stall):
                    server._stalling(+1)
                    server._closing.wait(step.seconds)
                    server._stalling(-1)
                    step = Reply(status=504)
                # The client may have given up on a stall: that is what a stall is for.
                with contextlib.suppress(OSError):
                    self._answer(step, body)

            def _answer(self, step: Reply, body: dict[str, Any]) -> None:
                if step.status == 200:
                    payload: dict[str, Any] = {
                        "id": "chatcmpl-scripted",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "scripted"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": step.content},
                            }
                        ],
                    }
                else:
                    payload = {"error": {"message": f"scripted {step.status}", "type": "scripted", "code": None}}
                data = json.dumps(payload).encode()
                self.send_response(step.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in step.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def _next(self, body: dict[str, Any]) -> Reply | Stall:
        with self._lock:
            self.requests.append(body)
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def _stalling(self, change: int) -> None:
        with self._lock:
            self.open_stalls += change

    def play(self, script: Sequence[Reply | Stall]) -> None:
        """Answer the next requests from a new script."""
        with self._lock:
            self.script = list(script)

    def start(self) -> ScriptedChatServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def scripted_chat(script: Sequence[Reply | Stall]) -> Iterator[ScriptedChatServer]:
    server = ScriptedChatServer(script).start()
    try:
        yield server
    finally:
        server.close()
