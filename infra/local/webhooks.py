"""Posting signed engagement webhooks to a running scoreboard, as a marketer's tool would: the demo and
the tests use it, and it is what the README's ``curl`` does by hand."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any

from services.scoreboard.signature import sign


def post_webhook(url: str, secret: str, body: dict[str, Any] | bytes, timestamp: int | None = None) -> tuple[int, Any]:
    """POST ``body`` signed with ``secret``; the HTTP status and the receiver's JSON answer."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    request = urllib.request.Request(
        url,
        data=raw,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Recast-Timestamp": stamp,
            "X-Recast-Signature": sign(secret.encode(), stamp, raw),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def post_when_known(url: str, secret: str, body: dict[str, Any], timeout_s: float) -> tuple[int, Any]:
    """Post until the artifact is known: the scoreboard learns it from the content topic a moment after
    the writer publishes, and answers 404 until then."""
    deadline = time.monotonic() + timeout_s
    while True:
        status, answer = post_webhook(url, secret, body)
        if status != 404 or time.monotonic() > deadline:
            return status, answer
        time.sleep(0.3)
