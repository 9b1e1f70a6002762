"""Polling ``incoming/`` with a checkpoint: the safety net for stores that send no notifications.

Each look lists the prefix, but hands on only uploads at or after the checkpoint less a look-back,
and never the same upload version twice. The checkpoint moves to the oldest upload still unfinished
(another ingest holds its claim, or the look failed), else to the newest one listed, and is kept in
the bucket, so a restarted ingest does not re-check every upload it ever saw; what it remembers is
bounded by the look-back window. The look-back covers S3 dating a multipart upload by when it began,
not when it completed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from shared.storage import ObjectStore

CHECKPOINT_KEY = "recordings/poll-checkpoint.json"

Marker = tuple[str, str]  # (key, ETag): one version of one upload


@dataclass
class PollCursor:
    lookback: timedelta
    checkpoint: datetime | None = None
    handled: dict[Marker, datetime] = field(default_factory=dict)

    @classmethod
    def load(cls, store: ObjectStore, lookback: timedelta) -> PollCursor:
        if store.head(CHECKPOINT_KEY) is None:
            return cls(lookback)
        saved = json.loads(store.get_bytes(store.uri(CHECKPOINT_KEY)))
        return cls(lookback, datetime.fromisoformat(saved["checkpoint"]))

    def save(self, store: ObjectStore) -> None:
        if self.checkpoint is not None:
            record = {"checkpoint": self.checkpoint.isoformat()}
            store.put_bytes(CHECKPOINT_KEY, json.dumps(record).encode(), "application/json")

    def to_look_at(self, listing: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The listed uploads not handled yet, from the look-back window on."""
        floor = self._floor()
        return [
            item
            for item in listing
            if (floor is None or item["LastModified"] >= floor) and _marker(item) not in self.handled
        ]

    def mark_handled(self, item: dict[str, Any]) -> None:
        self.handled[_marker(item)] = item["LastModified"]

    def advance(self, listing: list[dict[str, Any]], unfinished: list[dict[str, Any]]) -> bool:
        """Move the checkpoint after a look; True when it moved (and so is worth saving)."""
        if unfinished:
            moved_to = min(item["LastModified"] for item in unfinished)
        elif listing:
            moved_to = max(item["LastModified"] for item in listing)
        else:
            return False
        if self.checkpoint is not None and moved_to <= self.checkpoint:
            return False
        self.checkpoint = moved_to
        floor = self._floor()
        self.handled = {marker: at for marker, at in self.handled.items() if floor is None or at >= floor}
        return True

    def _floor(self) -> datetime | None:
        return None if self.checkpoint is None else self.checkpoint - self.lookback


def _marker(item: dict[str, Any]) -> Marker:
    return str(item["Key"]), str(item["ETag"])
