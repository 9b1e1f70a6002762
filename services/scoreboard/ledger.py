"""One rail's scoreboard state in S3: the artifacts it knows and their tallies (see shared/scoreboards.py).

Tallies are written with conditional puts (If-Match on the ETag read, If-None-Match for a new one), so
two consumers that briefly both hold a partition during a rebalance cannot overwrite each other's
count: the loser gets a precondition failure, which the broker's retry policy retries.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from shared.errors import TransientError
from shared.scoreboards import (
    ArtifactRecord,
    PublishedEvent,
    Rail,
    Tally,
    artifact_id,
    artifact_key,
    published_event_key,
    tally_key,
)
from shared.storage import ObjectStore

_CONFLICT = {"PreconditionFailed", "ConditionalRequestConflict"}
_MISSING = {"NoSuchKey", "404", "NotFound"}


class Ledger:
    """Reads and writes one rail's scoreboard; it has no way to reach the other rail's keys."""

    def __init__(self, store: ObjectStore, rail: Rail) -> None:
        self.store = store
        self.rail = rail

    def register(self, record: ArtifactRecord) -> None:
        if record.rail is not self.rail:
            raise ValueError(f"{record.artifact_uri} belongs to {record.rail}, not {self.rail}")
        self.store.put_model(artifact_key(self.rail, record.artifact_id), record)
        alias = PublishedEvent(artifact_id=record.artifact_id)
        self.store.put_model(published_event_key(self.rail, record.content_event_id), alias)

    def resolve(self, artifact: str) -> ArtifactRecord | None:
        """The artifact a webhook names — by its ``s3://`` URI or its content event's id — if this rail has it."""
        if artifact.startswith("s3://"):
            known = artifact_id(artifact)
        else:
            alias = self._read(published_event_key(self.rail, artifact))
            if alias is None:
                return None
            known = PublishedEvent.model_validate_json(alias[0]).artifact_id
        found = self._read(artifact_key(self.rail, known))
        return ArtifactRecord.model_validate_json(found[0]) if found else None

    def tally(self, artifact: str) -> Tally | None:
        found = self._read(tally_key(self.rail, artifact))
        return Tally.model_validate_json(found[0]) if found else None

    def count(self, artifact_uri: str, event_id: str, kind: str) -> bool:
        """Count one engagement once: False when ``event_id`` was already counted."""
        artifact = artifact_id(artifact_uri)
        key = tally_key(self.rail, artifact)
        found = self._read(key)
        tally = Tally.model_validate_json(found[0]) if found else Tally(rail=self.rail, artifact_id=artifact)
        if not tally.count(event_id, kind):
            return False
        condition: dict[str, Any] = {"IfMatch": found[1]} if found else {"IfNoneMatch": "*"}
        try:
            self.store.client.put_object(
                Bucket=self.store.bucket,
                Key=key,
                Body=tally.model_dump_json().encode(),
                ContentType="application/json",
                **condition,
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _CONFLICT:
                raise TransientError(f"tally {key} changed while counting; counting again") from error
            raise
        return True

    def _read(self, key: str) -> tuple[bytes, str] | None:
        try:
            response = self.store.client.get_object(Bucket=self.store.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _MISSING:
                return None
            raise
        return bytes(response["Body"].read()), str(response["ETag"])
