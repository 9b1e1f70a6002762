"""Turning an uploaded object into a recorded recording, exactly once.

The recording id is derived from bucket, key and ETag, so the notification path and the
polling path (and any number of ingest replicas) agree on it; a conditional S3 write of
the claim record lets exactly one of them go on to publish.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from services.ingest.media import RejectedUpload, probe_media
from services.ingest.notifications import UploadedObject
from services.ingest.settings import IngestSettings
from shared.events import RecordingIngested, RecordingKind, deterministic_id
from shared.storage import ObjectStore

log = logging.getLogger("recast.ingest")

KIND_PREFIXES = {"webinars/": RecordingKind.webinar, "podcasts/": RecordingKind.podcast}
MAX_KEY_LENGTH = 1024


@dataclass(frozen=True)
class Rejection:
    """An upload that will not become a recording, and why (told to the uploader on the status topic)."""

    recording_id: str
    key: str
    reason: str


def claim_key(recording_id: str) -> str:
    return f"recordings/{recording_id}/ingest.json"


def recording_id_for(bucket: str, key: str, etag: str) -> str:
    return deterministic_id(bucket, key, etag.strip('"'))


class Ingestor:
    def __init__(self, store: ObjectStore, settings: IngestSettings, producer: str = "ingest") -> None:
        self.store = store
        self.settings = settings
        self.producer = producer

    def is_candidate(self, upload: UploadedObject) -> bool:
        return upload.bucket == self.store.bucket and upload.key.startswith(self.settings.incoming_prefix)

    def ingest(self, upload: UploadedObject) -> RecordingIngested | Rejection | None:
        """The event to publish for a new, valid upload, the rejection of a new invalid one,
        or None for anything seen before or not under incoming/."""
        if not self.is_candidate(upload) or upload.key.endswith("/"):
            return None
        head = self.store.head(upload.key)
        if head is None:
            log.warning("notified object does not exist", extra={"key": upload.key})
            return None
        etag = str(head["ETag"]).strip('"')
        recording_id = recording_id_for(upload.bucket, upload.key, etag)
        claim = {"key": upload.key, "etag": etag, "claimed_at": datetime.now(UTC).isoformat(), "state": "claimed"}
        if not self.store.claim(claim_key(recording_id), claim):
            log.debug("already ingested", extra={"recording_id": recording_id, "key": upload.key})
            return None
        try:
            return self._validated_event(recording_id, upload, etag, head)
        except RejectedUpload as rejection:
            log.error("upload rejected: %s", rejection, extra={"recording_id": recording_id, "key": upload.key})
            self.store.put_bytes(
                f"recordings/{recording_id}/rejected.json",
                json.dumps({**claim, "state": "rejected", "reason": str(rejection)}).encode(),
                "application/json",
            )
            return Rejection(recording_id, upload.key, str(rejection))

    def release(self, recording_id: str) -> None:
        """Forget a claim whose event could not be published, so the next notice retries it."""
        self.store.delete(claim_key(recording_id))

    def _validated_event(
        self, recording_id: str, upload: UploadedObject, etag: str, head: dict[str, Any]
    ) -> RecordingIngested:
        key = upload.key
        if len(key) > MAX_KEY_LENGTH or any(ord(ch) < 32 or ord(ch) == 127 for ch in key):
            raise RejectedUpload("the object key is too long or contains control characters")
        size = int(head.get("ContentLength", 0))
        if size == 0:
            raise RejectedUpload("the file is empty")
        if size > self.settings.max_upload_bytes:
            raise RejectedUpload(f"the file is {size} bytes; the limit is {self.settings.max_upload_bytes}")
        metadata = {k.lower(): v for k, v in (head.get("Metadata") or {}).items()}
        kind = self._kind(key, metadata)
        media = probe_media(self._readable_location(key), self.settings.probe_timeout_s)
        if media.duration_s > self.settings.max_duration_s:
            raise RejectedUpload(
                f"the recording lasts {media.duration_s:.0f} s; the limit is {self.settings.max_duration_s:.0f} s"
            )
        if media.duration_s < self.settings.min_duration_s:
            raise RejectedUpload(f"the recording lasts only {media.duration_s:.1f} s")
        return RecordingIngested(
            event_id=deterministic_id(recording_id, RecordingIngested.name),
            recording_id=recording_id,
            producer=self.producer,
            source_uri=str(self.store.uri(key)),
            source_key=key,
            source_etag=etag,
            kind=kind,
            title=metadata.get("title") or PurePosixPath(key).stem,
            size_bytes=size,
            duration_s=media.duration_s,
            container=media.container,
            audio_codec=media.audio_codec,
        )

    def _kind(self, key: str, metadata: dict[str, str]) -> RecordingKind:
        below_incoming = key[len(self.settings.incoming_prefix) :]
        for prefix, kind in KIND_PREFIXES.items():
            if below_incoming.startswith(prefix):
                return kind
        try:
            return RecordingKind(metadata.get("kind", "").strip().lower())
        except ValueError:
            raise RejectedUpload(
                "cannot tell webinar from podcast: upload under incoming/webinars/ or incoming/podcasts/, "
                "or set object metadata kind=webinar|podcast"
            ) from None

    def _readable_location(self, key: str) -> str:
        # ffprobe reads only the headers it needs over HTTP, so a large video is not downloaded to be probed.
        return str(
            self.store.client.generate_presigned_url(
                "get_object", Params={"Bucket": self.store.bucket, "Key": key}, ExpiresIn=600
            )
        )
