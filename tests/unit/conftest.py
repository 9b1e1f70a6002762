"""Fixtures for the unit tests: an in-process S3 (moto), no server."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from shared.storage import ObjectStore


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[ObjectStore]:
    """The bucket ``recast`` on an in-process S3, unscoped (reads anywhere, as the CLI does)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="recast")
        yield ObjectStore(client, "recast")
