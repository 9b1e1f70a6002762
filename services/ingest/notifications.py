"""Reading S3 bucket notifications: the ``Records`` shape AWS S3 and MinIO both emit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus


class NotANotification(ValueError):
    """A message on the notifications topic that is not one: dead-lettered, never guessed at."""


@dataclass(frozen=True)
class UploadedObject:
    bucket: str
    key: str
    etag: str
    size_bytes: int | None = None


def uploads_in_notification(payload: dict[str, Any]) -> list[UploadedObject]:
    """The created objects a notification reports; other events (deletes, tests) yield nothing,
    and anything without a ``Records`` list raises :class:`NotANotification`.

    Keys arrive URL-encoded (``incoming/podcasts/my+talk.mp3``), so they are decoded here.
    """
    records = payload.get("Records")
    if records is None and "s3:TestEvent" in (payload.get("Event"), payload.get("EventName")):
        return []  # what S3 sends when a notification target is configured
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise NotANotification("not an S3 bucket notification: no 'Records' list of objects")
    uploads = []
    for record in records:
        if not str(record.get("eventName", "")).startswith(("ObjectCreated:", "s3:ObjectCreated:")):
            continue
        s3 = record.get("s3") or {}
        bucket = (s3.get("bucket") or {}).get("name")
        obj = s3.get("object") or {}
        if not bucket or not obj.get("key"):
            continue
        uploads.append(
            UploadedObject(
                bucket=bucket,
                key=unquote_plus(obj["key"]),
                etag=str(obj.get("eTag") or obj.get("etag") or "").strip('"'),
                size_bytes=obj.get("size"),
            )
        )
    return uploads
