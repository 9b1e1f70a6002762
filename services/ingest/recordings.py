"""Turning an uploaded object into a recorded recording, exactly once.

The recording id is derived from bucket, key and ETag, so the notification path and the
polling path (and any number of ingest replicas) agree on it; a conditional S3 write of
the claim record lets exactly one of them go on to publish.

What ingest decided is kept next to the claim, so S3 stays the durable record of it:
``recordings/<id>/ingested.json`` (the ``RecordingIngested`` event, written before it is
published, so ``recast reconcile`` can publish it again) or ``recordings/<id>/rejected.json``.
Once the event is on the broker the claim says ``published``. A claim that does not is work in
progress, renewed by its holder while it checks the upload (``services.ingest.lease``) — or the
trace of an ingest that died: once it has gone ``claim_lease_s`` without a renewal the next look
takes it over, publishing the stored event if there is one.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError

from services.ingest.lease import ClaimRenewal
from services.ingest.media import RejectedUpload, decode_audio_stream, probe_media
from services.ingest.notifications import UploadedObject
from services.ingest.settings import IngestSettings
from shared.errors import TransientError
from shared.events import DeadLettered, RecordingIngested, RecordingKind, deterministic_id
from shared.keys import claim_key, ingested_key, recording_id_for, rejected_key
from shared.notifications import object_created
from shared.storage import ObjectStore
from shared.topics import S3_EVENTS

log = logging.getLogger("recast.ingest")

KIND_PREFIXES = {"webinars/": RecordingKind.webinar, "podcasts/": RecordingKind.podcast}
MAX_KEY_BYTES = 1024  # S3's own limit; a notification may claim anything


@dataclass(frozen=True)
class Rejection:
    """An upload that will not become a recording, and why (told to the uploader on the status topic)."""

    recording_id: str
    key: str
    reason: str
    etag: str = ""


@dataclass(frozen=True)
class Pending:
    """Another ingest holds a fresh claim on this upload: look again later."""

    recording_id: str


Outcome = RecordingIngested | Rejection | Pending | None


def unsafe_key_reason(key: str) -> str | None:
    """Why an object key is refused before anything is fetched, or None. Artifact keys never come from
    it (they are derived from ids), but it reaches logs, titles and ffmpeg, so hostile keys stop here."""
    if len(key.encode("utf-8", errors="replace")) > MAX_KEY_BYTES:
        return f"the object key is longer than {MAX_KEY_BYTES} bytes"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in key):
        return "the object key contains control characters"
    if key.startswith("/") or "//" in key or "\\" in key:
        return "the object key is an absolute path or has empty segments"
    if any(part in {"..", "."} for part in key.split("/")):
        return "the object key contains '..' or '.' path segments"
    return None


class Ingestor:
    def __init__(self, store: ObjectStore, settings: IngestSettings, producer: str = "ingest") -> None:
        self.store = store
        self.settings = settings
        self.producer = producer

    def is_candidate(self, upload: UploadedObject) -> bool:
        return upload.bucket == self.store.bucket and upload.key.lstrip("/").startswith(self.settings.incoming_prefix)

    def ingest(self, upload: UploadedObject) -> Outcome:
        """The event to publish for a new, valid upload; the rejection of a new invalid one; ``Pending``
        while another ingest works on it; None for anything decided before or not under incoming/."""
        if not self.is_candidate(upload) or upload.key.endswith("/"):
            return None
        if reason := unsafe_key_reason(upload.key):
            shown = upload.key[:200].encode("unicode_escape").decode("ascii")
            log.error("upload rejected: %s", reason, extra={"key": shown})
            return Rejection(recording_id_for(upload.bucket, upload.key[:MAX_KEY_BYTES], upload.etag), shown, reason)
        head = self.store.head(upload.key)
        if head is None:
            recording_id = recording_id_for(upload.bucket, upload.key, upload.etag)
            log.error("notified object does not exist", extra={"recording_id": recording_id, "key": upload.key})
            return Rejection(recording_id, upload.key, "the object does not exist (deleted, or a forged notification)")
        etag = str(head["ETag"]).strip('"')
        recording_id = recording_id_for(upload.bucket, upload.key, etag)
        claim = {"key": upload.key, "etag": etag, "claimed_at": datetime.now(UTC).isoformat(), "state": "claimed"}
        if not self.store.claim(claim_key(recording_id), claim):
            held = self._held_claim(recording_id)
            if held is None:
                return Pending(recording_id)  # released meanwhile: the next look claims it afresh
            state, age_s = held
            if state == "published":
                return None
            if (rejected := self._recorded_rejection(recording_id)) is not None:
                # Told to the uploader once the status and dead letter are out; until then (the broker was
                # down when it was decided) every look announces it again, with the same ids.
                if rejected.get("announced"):
                    return None
                return Rejection(recording_id, upload.key, str(rejected.get("reason", "")), etag)
            if age_s <= self.settings.claim_lease_s:
                return Pending(recording_id)
            # The ingest that held it died. If it got as far as recording its decision, publish that
            # (same event id: harmless if it had been published after all); otherwise start over.
            log.warning("taking over a stale claim", extra={"recording_id": recording_id, "key": upload.key})
            if self.store.head(ingested_key(recording_id)) is not None:
                return self.store.get_model(self.store.uri(ingested_key(recording_id)), RecordingIngested)
            self.store.put_bytes(claim_key(recording_id), json.dumps(claim).encode(), "application/json")
        try:
            with ClaimRenewal(self.store, claim_key(recording_id), claim, self.settings.claim_lease_s):
                event = self._validated_event(recording_id, upload, etag, head)
        except RejectedUpload as rejection:
            log.error("upload rejected: %s", rejection, extra={"recording_id": recording_id, "key": upload.key})
            self.store.put_bytes(
                rejected_key(recording_id),
                json.dumps({**claim, "state": "rejected", "reason": str(rejection)}).encode(),
                "application/json",
            )
            return Rejection(recording_id, upload.key, str(rejection), etag)
        except TransientError:
            self.release(recording_id)  # S3 failed, not the file: the next look tries again
            raise
        # Written before it is published: if the publish never happens, reconcile finds it here.
        self.store.put_model(ingested_key(recording_id), event)
        return event

    def release(self, recording_id: str) -> None:
        """Forget a claim whose event could not be published, so the next notice retries it."""
        self.store.delete(ingested_key(recording_id))
        self.store.delete(claim_key(recording_id))

    def mark_published(self, event: RecordingIngested) -> None:
        """The claim's last word: the event is on the broker, so later looks leave it alone."""
        claim = {"key": event.source_key, "etag": event.source_etag, "state": "published", "event_id": event.event_id}
        self.store.put_bytes(claim_key(event.recording_id), json.dumps(claim).encode(), "application/json")

    def mark_rejection_announced(self, rejection: Rejection) -> None:
        """The rejection's status and dead letter are on the broker: later looks leave the upload alone."""
        if (rejected := self._recorded_rejection(rejection.recording_id)) is not None:
            record = json.dumps({**rejected, "announced": True}).encode()
            self.store.put_bytes(rejected_key(rejection.recording_id), record, "application/json")

    def _recorded_rejection(self, recording_id: str) -> dict[str, Any] | None:
        if self.store.head(rejected_key(recording_id)) is None:
            return None
        return dict(json.loads(self.store.get_bytes(self.store.uri(rejected_key(recording_id)))))

    def _held_claim(self, recording_id: str) -> tuple[str, float] | None:
        """The state of an existing claim and the seconds since it was last written (claimed or renewed);
        None if it is gone."""
        head = self.store.head(claim_key(recording_id))
        if head is None:
            return None
        try:
            state = str(json.loads(self.store.get_bytes(self.store.uri(claim_key(recording_id)))).get("state"))
        except ClientError:
            return None
        return state, (datetime.now(UTC) - head["LastModified"]).total_seconds()

    def _validated_event(
        self, recording_id: str, upload: UploadedObject, etag: str, head: dict[str, Any]
    ) -> RecordingIngested:
        key = upload.key
        # Limits come from the HEAD, before a byte of the body is read.
        size = int(head.get("ContentLength", 0))
        if size == 0:
            raise RejectedUpload("the file is empty")
        if size > self.settings.max_upload_bytes:
            raise RejectedUpload(f"the file is {size} bytes; the limit is {self.settings.max_upload_bytes}")
        metadata = {k.lower(): v for k, v in (head.get("Metadata") or {}).items()}
        kind = self._kind(key, metadata)
        location = self._readable_location(key)
        media = probe_media(location, self.settings.probe_timeout_s)
        limit = self.settings.max_duration_s
        if media.duration_s > limit:
            raise RejectedUpload(f"the recording lasts {media.duration_s:.0f} s; the limit is {limit:.0f} s")
        decoded = decode_audio_stream(location, limit, self.settings.decode_timeout_s)
        if decoded.hit_limit:
            raise RejectedUpload(
                f"the audio decodes to more than the {limit:.0f} s limit although its header claims "
                f"{media.duration_s:.0f} s (a decompression bomb?)"
            )
        if decoded.duration_s < media.duration_s * 0.95 - 0.25:
            raise RejectedUpload(
                f"the file is truncated or corrupt: its header says {media.duration_s:.1f} s "
                f"but only {decoded.duration_s:.1f} s decode"
            )
        if decoded.duration_s < self.settings.min_duration_s:
            raise RejectedUpload(f"the recording lasts only {decoded.duration_s:.1f} s")
        if decoded.peak_db is not None and decoded.peak_db < self.settings.silence_threshold_db:
            raise RejectedUpload(
                f"the recording is silent: its loudest moment is {decoded.peak_db:.0f} dBFS "
                f"over {decoded.duration_s:.0f} s"
            )
        return RecordingIngested(
            event_id=deterministic_id(recording_id, RecordingIngested.name),
            recording_id=recording_id,
            producer=self.producer,
            source_uri=str(self.store.uri(key)),
            source_key=key,
            source_etag=etag,
            kind=kind,
            # No title stays no title: a file name ("webinar_final_v2") is not something to publish.
            title=metadata.get("title", "").strip()[:300],
            size_bytes=size,
            duration_s=round(decoded.duration_s, 3),
            container=media.container,
            audio_codec=media.audio_codec,
            language=(metadata.get("language") or "").strip().lower()[:16] or None,
            speakers=speaker_names(metadata.get("speakers", "")),
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
        # ffprobe and ffmpeg read over HTTP, so a large video is not downloaded to disk to be checked.
        return str(
            self.store.client.generate_presigned_url(
                "get_object", Params={"Bucket": self.store.bucket, "Key": key}, ExpiresIn=3600
            )
        )


def rejection_letter(rejection: Rejection, upload: UploadedObject) -> DeadLettered:
    """A rejected upload on the dead-letter topic, as the S3 notification that would ingest it again."""
    notification = object_created(upload.bucket, upload.key, upload.etag)
    now = datetime.now(UTC)
    return DeadLettered(
        event_id=deterministic_id(DeadLettered.name, "ingest", rejection.recording_id),
        recording_id=rejection.recording_id,
        producer="ingest",
        stage="ingest",
        consumer_group="recast-ingest",
        original_topic=S3_EVENTS,
        payload=json.dumps(notification),
        payload_encoding="utf-8",
        error_type="RejectedUpload",
        error_message=rejection.reason,
        error_kind="rejected",
        attempts=1,
        first_failed_at=now,
        last_failed_at=now,
    )


def speaker_names(listed: str) -> list[str]:
    """The upload's comma-separated ``speakers`` metadata as names, in order of first appearance.
    Names reach subtitles and articles, so they are trimmed, kept short and never more than 20."""
    return [name.strip()[:80] for name in listed.split(",") if name.strip()][:20]
