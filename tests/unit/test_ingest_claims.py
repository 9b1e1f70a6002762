"""Ingest's claim states on an in-process S3 (moto): what a second look at an upload does."""

from __future__ import annotations

import json
import time

import pytest

from services.ingest.lease import ClaimRenewal
from services.ingest.media import RejectedUpload
from services.ingest.notifications import UploadedObject
from services.ingest.recordings import Ingestor, Pending, Rejection
from services.ingest.settings import IngestSettings
from shared.events import RecordingIngested, RecordingKind, deterministic_id
from shared.keys import claim_key, ingested_key, recording_id_for, rejected_key
from shared.storage import ObjectStore

KEY = "incoming/podcasts/talk.mp3"


def upload(store: ObjectStore) -> tuple[UploadedObject, str]:
    etag = str(store.client.put_object(Bucket="recast", Key=KEY, Body=b"audio", ContentType="audio/mpeg")["ETag"])
    return UploadedObject("recast", KEY, etag.strip('"')), recording_id_for("recast", KEY, etag)


def stored_event(recording_id: str, etag: str) -> RecordingIngested:
    return RecordingIngested(
        event_id=deterministic_id(recording_id, RecordingIngested.name),
        recording_id=recording_id,
        producer="ingest",
        source_uri=f"s3://recast/{KEY}",
        source_key=KEY,
        source_etag=etag,
        kind=RecordingKind.podcast,
        title="talk",
        size_bytes=5,
        duration_s=20,
        container="mp3",
        audio_codec="mp3",
    )


def claim(store: ObjectStore, recording_id: str, state: str) -> None:
    record = {"key": KEY, "etag": "e", "state": state}
    store.put_bytes(claim_key(recording_id), json.dumps(record).encode(), "application/json")


def test_a_fresh_claim_of_another_ingest_is_left_to_it(store: ObjectStore) -> None:
    notice, recording_id = upload(store)
    claim(store, recording_id, "claimed")
    assert Ingestor(store, IngestSettings(claim_lease_s=600)).ingest(notice) == Pending(recording_id)


def test_a_published_claim_is_done(store: ObjectStore) -> None:
    notice, recording_id = upload(store)
    claim(store, recording_id, "published")
    assert Ingestor(store, IngestSettings(claim_lease_s=0.001)).ingest(notice) is None


def test_a_stale_claim_with_a_recorded_decision_publishes_that_decision(store: ObjectStore) -> None:
    """ingest died between writing ingested.json and publishing: the next look publishes the same event."""
    notice, recording_id = upload(store)
    claim(store, recording_id, "claimed")
    event = stored_event(recording_id, notice.etag)
    store.put_model(ingested_key(recording_id), event)
    assert Ingestor(store, IngestSettings(claim_lease_s=0.001)).ingest(notice) == event


def test_marking_published_keeps_what_reconcile_needs(store: ObjectStore) -> None:
    notice, recording_id = upload(store)
    ingestor = Ingestor(store, IngestSettings())
    ingestor.mark_published(stored_event(recording_id, notice.etag))
    record = json.loads(store.get_bytes(store.uri(claim_key(recording_id))))
    assert (record["state"], record["key"], record["etag"]) == ("published", KEY, notice.etag)


def test_a_rejection_is_announced_again_until_it_is_marked_announced(
    store: ObjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The broker was down when the rejection was decided: the next look must announce it, not drop it."""
    notice, recording_id = upload(store)
    ingestor = Ingestor(store, IngestSettings())

    def not_audio(*args: object) -> RecordingIngested:
        raise RejectedUpload("not a readable audio or video file")

    monkeypatch.setattr(ingestor, "_validated_event", not_audio)
    first = ingestor.ingest(notice)
    assert isinstance(first, Rejection) and "not a readable" in first.reason

    again = ingestor.ingest(notice)  # the status/dead-letter publish failed: a redelivery or the next poll
    assert again == first

    ingestor.mark_rejection_announced(first)
    assert ingestor.ingest(notice) is None
    assert json.loads(store.get_bytes(store.uri(rejected_key(recording_id))))["announced"] is True


def test_a_claim_is_renewed_while_its_upload_is_checked_and_never_after(store: ObjectStore) -> None:
    claim(store, "r1", "claimed")
    with ClaimRenewal(store, claim_key("r1"), {"key": KEY, "state": "claimed"}, lease_s=0.2) as renewal:
        time.sleep(0.3)
    assert renewal.renewals >= 2
    assert "renewed_at" in json.loads(store.get_bytes(store.uri(claim_key("r1"))))
    claim(store, "r1", "published")  # what mark_published writes next
    time.sleep(0.2)
    assert json.loads(store.get_bytes(store.uri(claim_key("r1"))))["state"] == "published"


def test_a_slow_check_outlasting_the_lease_keeps_its_claim(store: ObjectStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check longer than the lease is not mistaken for a dead ingest: its renewals keep the claim fresh."""
    notice, recording_id = upload(store)
    settings = IngestSettings(claim_lease_s=2)
    holder, other = Ingestor(store, settings), Ingestor(store, settings)
    looks = []

    def slow_check(*args: object) -> RecordingIngested:
        time.sleep(2.6)  # past the lease: without renewals the claim's age would exceed it
        looks.append(other.ingest(notice))
        return stored_event(recording_id, notice.etag)

    monkeypatch.setattr(holder, "_validated_event", slow_check)
    outcome = holder.ingest(notice)
    assert isinstance(outcome, RecordingIngested) and outcome.recording_id == recording_id
    assert looks == [Pending(recording_id)]
