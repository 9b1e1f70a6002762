"""Ingest on a real broker and a real S3, with polling off: bucket notifications are the only door."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator

import pytest

from infra.local.demo import SAMPLE, follow, open_followers
from infra.local.stack import LocalStack
from shared.keys import claim_key, recording_id_for
from shared.storage import ObjectStore, make_s3_client
from shared.topics import RECORDINGS_INGESTED, RECORDINGS_STATUS
from tests.conftest import RecordingServer, make_stack
from tests.e2e.test_pipeline import minio_notification, publish_notification

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def ingest_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(
        tmp_path_factory.mktemp("ingest"), services=("ingest",), extra_env={"RECAST_POLL_INTERVAL_S": "0"}
    )
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


def upload(store: ObjectStore, key: str, body: bytes, **metadata: str) -> str:
    put = store.client.put_object(
        Bucket=store.bucket, Key=key, Body=body, ContentType="application/octet-stream", Metadata=metadata
    )
    return str(put["ETag"])


async def notify_and_follow(
    stack: LocalStack, store: ObjectStore, key: str, etag: str, times: int = 1
) -> dict[str, list[dict]]:
    consumer = await open_followers(stack.bootstrap_servers, (RECORDINGS_INGESTED, RECORDINGS_STATUS))
    try:
        for _ in range(times):
            await publish_notification(stack, minio_notification(stack.bucket, key, etag, 1))
        seen = await follow(consumer, key, (), timeout_s=6)
    finally:
        await consumer.stop()
    return seen


async def test_a_notified_upload_is_ingested_once_however_often_it_is_notified(ingest_only: LocalStack) -> None:
    store = ObjectStore(make_s3_client(ingest_only.settings()), ingest_only.bucket)
    key = f"incoming/talks/{uuid.uuid4().hex}.mp3"
    etag = upload(store, key, SAMPLE.read_bytes(), kind="Webinar", title="Depth beats volume", language=" DE ")

    seen = await notify_and_follow(ingest_only, store, key, etag, times=3)
    events = seen.get(RECORDINGS_INGESTED, [])

    assert len(events) == 1, events
    event = events[0]
    assert event["recording_id"] == recording_id_for(store.bucket, key, etag)
    assert (event["kind"], event["title"]) == ("webinar", "Depth beats volume")
    assert event["language"] == "de", "the declared language travels on to the transcriber"
    assert 150 < event["duration_s"] < 200 and event["audio_codec"] == "mp3"
    assert store.head(claim_key(event["recording_id"])) is not None
    assert [(u["stage"], u["state"]) for u in seen[RECORDINGS_STATUS]] == [("ingest", "done")]


async def test_an_upload_without_a_title_stays_untitled_never_named_after_its_file(ingest_only: LocalStack) -> None:
    store = ObjectStore(make_s3_client(ingest_only.settings()), ingest_only.bucket)
    key = f"incoming/webinars/final_v2_{uuid.uuid4().hex}.mp3"
    etag = upload(store, key, SAMPLE.read_bytes())

    seen = await notify_and_follow(ingest_only, store, key, etag)

    [event] = seen.get(RECORDINGS_INGESTED, [])
    assert event["title"] == ""
    [status] = seen[RECORDINGS_STATUS]
    assert "(untitled)" in status["message"] and "final_v2" not in status["message"]


@pytest.mark.parametrize(
    ("body", "metadata", "reason"),
    [
        (b"just some notes, not audio", {"kind": "podcast"}, "not a readable audio or video file"),
        (b"", {"kind": "podcast"}, "empty"),
        (None, {}, "cannot tell webinar from podcast"),
    ],
    ids=["text-file", "empty-file", "no-kind"],
)
async def test_bad_uploads_are_rejected_with_a_reason_and_never_announced(
    ingest_only: LocalStack, body: bytes | None, metadata: dict[str, str], reason: str
) -> None:
    store = ObjectStore(make_s3_client(ingest_only.settings()), ingest_only.bucket)
    key = f"incoming/{uuid.uuid4().hex}.mp3"
    etag = upload(store, key, SAMPLE.read_bytes() if body is None else body, **metadata)

    seen = await notify_and_follow(ingest_only, store, key, etag)

    assert RECORDINGS_INGESTED not in seen
    [update] = seen[RECORDINGS_STATUS]
    assert (update["stage"], update["state"]) == ("ingest", "failed") and reason in update["message"]
    recording_id = recording_id_for(store.bucket, key, etag)
    for _ in range(20):  # the rejection record is written just after the probe; give it a moment
        if store.head(f"recordings/{recording_id}/rejected.json"):
            break
        await asyncio.sleep(0.25)
    rejection = json.loads(store.get_bytes(store.uri(f"recordings/{recording_id}/rejected.json")))
    assert reason in rejection["reason"]


async def test_a_playlist_uploaded_as_mp3_is_rejected_and_the_url_it_names_is_never_requested(
    ingest_only: LocalStack, http_server: RecordingServer
) -> None:
    store = ObjectStore(make_s3_client(ingest_only.settings()), ingest_only.bucket)
    key = f"incoming/podcasts/{uuid.uuid4().hex}/talk.mp3"
    playlist = f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{http_server.url}/internal/secret.ts\n#EXT-X-ENDLIST\n"
    etag = upload(store, key, playlist.encode())

    seen = await notify_and_follow(ingest_only, store, key, etag)

    assert RECORDINGS_INGESTED not in seen
    [update] = seen[RECORDINGS_STATUS]
    assert (update["stage"], update["state"]) == ("ingest", "failed")
    assert "hls playlist or script that refers to other files or URLs" in update["message"]
    assert http_server.requests == []
