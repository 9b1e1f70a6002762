"""A service reads only below the prefixes its stage owns, in its own bucket; bad documents never leak into errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws
from pydantic import BaseModel

from shared.errors import is_transient
from shared.keys import readable_prefixes
from shared.storage import ForeignObjectError, InvalidObjectError, ObjectStore


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        for bucket in ("recast", "someone-elses"):
            client.create_bucket(Bucket=bucket)
            for key in ("transcripts/r1/transcript.json", "insights/r1/insights.json", "incoming/talk.mp3"):
                client.put_object(Bucket=bucket, Key=key, Body=b'{"secret_field": "customer list: a, b, c"}')
        yield client


def insights_store(client: object) -> ObjectStore:
    return ObjectStore(client, "recast", readable_prefixes=readable_prefixes("insights", "incoming/"))


def test_a_service_reads_what_its_stage_owns(client: object) -> None:
    assert insights_store(client).get_bytes("s3://recast/transcripts/r1/transcript.json").startswith(b"{")


@pytest.mark.parametrize(
    "uri",
    [
        "s3://someone-elses/transcripts/r1/transcript.json",  # another bucket
        "s3://recast/incoming/talk.mp3",  # an upload: the transcriber's to read, not the insight stage's
        "s3://recast/transcripts/../incoming/talk.mp3",  # a path that climbs out of its prefix
    ],
)
def test_anything_else_is_refused_for_good(client: object, uri: str) -> None:
    with pytest.raises(ForeignObjectError, match="this service") as refused:
        insights_store(client).get_bytes(uri)
    assert not is_transient(refused.value)  # dead-lettered at once, with the reason


def test_downloads_are_scoped_too(client: object, tmp_path: Path) -> None:
    transcriber = ObjectStore(client, "recast", readable_prefixes=readable_prefixes("transcriber", "incoming/"))
    transcriber.download("incoming/talk.mp3", tmp_path / "ok")
    with pytest.raises(ForeignObjectError):
        transcriber.download("insights/r1/insights.json", tmp_path / "no")


def test_an_unscoped_store_reads_anywhere(client: object) -> None:
    assert ObjectStore(client, "recast").get_bytes("s3://someone-elses/incoming/talk.mp3")


class Expected(BaseModel):
    recording_id: str


def test_an_invalid_document_is_described_without_its_contents(client: object) -> None:
    with pytest.raises(InvalidObjectError) as invalid:
        insights_store(client).get_model("s3://recast/transcripts/r1/transcript.json", Expected)
    message = str(invalid.value)
    assert "recording_id: missing" in message
    assert "customer list" not in message and "secret_field" not in message
    assert not is_transient(invalid.value)
