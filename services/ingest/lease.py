"""Keeping an ingest claim alive while the upload behind it is checked.

A claim's age (its S3 ``LastModified``) is how other ingests tell a holder at work from one that
died. Checking a long upload takes minutes (a bounded decode of up to four hours of audio), so
rather than a lease long enough for the slowest check — which is also how long a crashed ingest
leaves its upload waiting — the holder rewrites its claim every quarter of the lease and a claim
that has not been rewritten for a whole lease is taken over.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from shared.storage import ObjectStore

log = logging.getLogger("recast.ingest")

RENEWALS_PER_LEASE = 4


class ClaimRenewal:
    """Rewrite the claim at ``key`` every ``lease_s / 4`` seconds until the block ends."""

    def __init__(self, store: ObjectStore, key: str, record: dict[str, Any], lease_s: float) -> None:
        self.store = store
        self.key = key
        self.record = record
        self.every_s = lease_s / RENEWALS_PER_LEASE
        self.renewals = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._renew_until_stopped, name=f"renew {key}", daemon=True)

    def __enter__(self) -> ClaimRenewal:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        # Joined before the caller writes the outcome, so a late renewal never overwrites "published".
        self._stopped.set()
        self._thread.join()

    def _renew_until_stopped(self) -> None:
        while not self._stopped.wait(self.every_s):
            record = {**self.record, "renewed_at": datetime.now(UTC).isoformat()}
            try:
                self.store.put_bytes(self.key, json.dumps(record).encode(), "application/json")
                self.renewals += 1
            except Exception:
                # S3 trouble: the next renewal tries again; a whole lease of failures lets another ingest
                # take over, which repeats the same checks and reaches the same event id.
                log.warning("could not renew the claim %s", self.key, exc_info=True)
