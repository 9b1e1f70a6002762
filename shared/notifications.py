"""The S3 bucket notification Recast itself writes, in the ``Records`` shape AWS S3 and MinIO emit.

Ingest reads such notifications (services/ingest/notifications.py); a rejected upload's dead
letter carries one, so replaying the letter re-ingests the upload, and ``recast reconcile``
publishes one to re-drive an upload whose ingest died.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus


def object_created(bucket: str, key: str, etag: str) -> dict[str, Any]:
    """A notification that ``key`` (URL-encoded, as S3 sends it) was created in ``bucket``."""
    record = {
        "eventName": "ObjectCreated:Put",
        "s3": {"bucket": {"name": bucket}, "object": {"key": quote_plus(key), "eTag": etag}},
    }
    return {"Records": [record]}
