from __future__ import annotations

from typing import Any

import pytest

from services.ingest.notifications import NotANotification, UploadedObject, uploads_in_notification


def record(event_name: str, key: str, bucket: str = "recast") -> dict[str, object]:
    return {
        "eventName": event_name,
        "s3": {"bucket": {"name": bucket}, "object": {"key": key, "eTag": '"e1"', "size": 5}},
    }


def test_reads_aws_and_minio_created_events_with_encoded_keys() -> None:
    aws = {"Records": [record("ObjectCreated:Put", "incoming/podcasts/my+first%28talk%29.mp3")]}
    minio = {
        "EventName": "s3:ObjectCreated:Put",
        "Records": [record("s3:ObjectCreated:CompleteMultipartUpload", "incoming/webinars/a.mp4")],
    }
    assert uploads_in_notification(aws) == [UploadedObject("recast", "incoming/podcasts/my first(talk).mp3", "e1", 5)]
    assert uploads_in_notification(minio) == [UploadedObject("recast", "incoming/webinars/a.mp4", "e1", 5)]


def test_ignores_deletes_test_events_and_malformed_records() -> None:
    assert uploads_in_notification({"Records": [record("ObjectRemoved:Delete", "incoming/a.mp3")]}) == []
    assert uploads_in_notification({"Service": "Amazon S3", "Event": "s3:TestEvent"}) == []
    assert uploads_in_notification({"Records": [{"eventName": "ObjectCreated:Put", "s3": {}}]}) == []


@pytest.mark.parametrize(
    "payload", [{"Records": None}, {"recording_id": "x"}, {"Records": "not a list"}, {"Records": [1, 2]}]
)
def test_anything_else_is_not_a_notification(payload: dict[str, Any]) -> None:
    with pytest.raises(NotANotification):
        uploads_in_notification(payload)
