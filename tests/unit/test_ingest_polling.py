"""Polling remembers where it got to: a restart does not look at every old upload again, memory stays bounded,
and an upload another ingest still holds is looked at again until it is done."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from typing import Any

from services.ingest.polling import PollCursor
from shared.storage import ObjectStore

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LOOKBACK = timedelta(hours=1)


def upload(name: str, minutes: float) -> dict[str, Any]:
    modified = T0 + timedelta(minutes=minutes)
    return {"Key": f"incoming/podcasts/{name}.mp3", "ETag": f'"{name}"', "LastModified": modified}


def look(cursor: PollCursor, listing: list[dict[str, Any]], busy: Collection[str] = ()) -> list[str]:
    """One polling tick: what it hands to ingest; uploads named in ``busy`` stay unfinished."""
    handed, unfinished = [], []
    for item in cursor.to_look_at(listing):
        handed.append(item["Key"].rsplit("/", 1)[1].removesuffix(".mp3"))
        if handed[-1] in busy:
            unfinished.append(item)
        else:
            cursor.mark_handled(item)
    cursor.advance(listing, unfinished)
    return handed


def test_each_upload_version_is_handed_on_once() -> None:
    cursor = PollCursor(LOOKBACK)
    listing = [upload("a", 0), upload("b", 5)]
    assert look(cursor, listing) == ["a", "b"]
    assert look(cursor, listing) == []
    assert look(cursor, [*listing, upload("c", 10)]) == ["c"]


def test_an_upload_another_ingest_holds_is_looked_at_again_and_holds_the_checkpoint() -> None:
    cursor = PollCursor(LOOKBACK)
    listing = [upload("a", 0), upload("b", 5), upload("c", 10)]
    assert look(cursor, listing, busy={"b"}) == ["a", "b", "c"]
    assert cursor.checkpoint == T0 + timedelta(minutes=5)
    assert look(cursor, listing) == ["b"]
    assert cursor.checkpoint == T0 + timedelta(minutes=10)


def test_memory_holds_only_the_look_back_window() -> None:
    cursor = PollCursor(LOOKBACK)
    for hour in range(48):
        look(cursor, [upload(f"u{hour}", hour * 60)])
    assert len(cursor.handled) <= 2
    assert look(cursor, [upload("late-multipart", 47 * 60 - 30)]) == ["late-multipart"]  # within the look-back
    assert look(cursor, [upload("ancient", 0)]) == []


def test_a_restarted_ingest_starts_from_the_saved_checkpoint(store: ObjectStore) -> None:
    old = [upload(f"old{i}", i * 6 - 600) for i in range(50)]  # from ten to five hours ago
    first = PollCursor.load(store, LOOKBACK)
    assert look(first, old) == [f"old{i}" for i in range(50)]
    first.save(store)

    restarted = PollCursor.load(store, LOOKBACK)
    # Only the last hour before the checkpoint is looked at again (ingest finds those claimed), then the new one.
    assert look(restarted, [*old, upload("new", 0)]) == [*(f"old{i}" for i in range(39, 50)), "new"]
