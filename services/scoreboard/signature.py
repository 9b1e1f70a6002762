"""Signed webhooks: HMAC-SHA256 over ``<timestamp>.<raw body>``, so neither the body nor its age can be
altered, and a signed body captured once cannot be replayed after ``max_skew_s``.

The sender sends ``X-Recast-Timestamp: <unix seconds>`` and ``X-Recast-Signature: sha256=<hex>``.
"""

from __future__ import annotations

import hashlib
import hmac

TIMESTAMP_HEADER = "x-recast-timestamp"
SIGNATURE_HEADER = "x-recast-signature"


class SignatureError(Exception):
    """The request is not signed with the shared secret, or not recently; the message says which."""


def sign(secret: bytes, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: bytes, headers: dict[str, str], body: bytes, now: float, max_skew_s: int) -> None:
    """Raise :class:`SignatureError` unless ``headers`` carry a fresh, valid signature of ``body``."""
    timestamp = headers.get(TIMESTAMP_HEADER, "")
    signature = headers.get(SIGNATURE_HEADER, "")
    if not timestamp or not signature:
        raise SignatureError(f"missing {TIMESTAMP_HEADER} or {SIGNATURE_HEADER} header")
    if not timestamp.isdigit():
        raise SignatureError(f"{TIMESTAMP_HEADER} must be unix seconds")
    if abs(now - int(timestamp)) > max_skew_s:
        raise SignatureError(f"{TIMESTAMP_HEADER} is more than {max_skew_s} s away from now")
    # Constant-time, so the comparison leaks nothing about how much of a forged signature was right.
    if not hmac.compare_digest(sign(secret, timestamp, body).encode(), signature.strip().encode()):
        raise SignatureError("signature does not match the body")
