"""S3 access shared by every service: URIs, typed reads and writes, and claims.

boto3 is synchronous; the async wrappers run each call in a worker thread so a slow
S3 never stalls the broker's event loop (and with it the consumer's heartbeats).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from pydantic import BaseModel, ValidationError

from shared.errors import PermanentError
from shared.settings import RecastSettings

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class S3Uri:
    bucket: str
    key: str

    @classmethod
    def parse(cls, uri: str) -> S3Uri:
        if not uri.startswith("s3://"):
            raise ValueError(f"not an s3:// URI: {uri!r}")
        bucket, _, key = uri[len("s3://") :].partition("/")
        if not bucket or not key:
            raise ValueError(f"an s3:// URI needs a bucket and a key: {uri!r}")
        return cls(bucket, key)

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.key}"


@dataclass(frozen=True)
class StoredObject:
    uri: S3Uri
    sha256: str
    size_bytes: int


def make_s3_client(settings: RecastSettings) -> Any:
    """A boto3 S3 client for the configured endpoint (MinIO, moto or AWS when unset)."""
    secret = settings.aws_secret_access_key
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint_url,
        region_name=settings.aws_region,
        aws_access_key_id=settings.aws_access_key_id,
        aws_secret_access_key=secret.get_secret_value() if secret else None,
        config=Config(retries={"max_attempts": 5, "mode": "standard"}, s3={"addressing_style": "path"}),
    )


class ForeignObjectError(PermanentError):
    """An event named an object this service may not read: another bucket, or a prefix its stage does not own."""


class InvalidObjectError(PermanentError):
    """A stored object is not the document it should be. The message names the fields, never their values,
    so a dead letter cannot echo what the object holds."""


class ObjectStore:
    """The bucket Recast works in: uploads under ``incoming/``, artifacts under ids.

    A service's store reads only below ``readable_prefixes`` in its own bucket (None: anywhere, for the CLI
    and tests): an event is data from the network, and the URIs it carries are checked, not trusted.
    """

    def __init__(self, client: Any, bucket: str, readable_prefixes: tuple[str, ...] | None = None) -> None:
        self.client = client
        self.bucket = bucket
        self.readable_prefixes = readable_prefixes

    def uri(self, key: str) -> S3Uri:
        return S3Uri(self.bucket, key)

    # Writes -------------------------------------------------------------------------
    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject:
        sha256 = hashlib.sha256(data).hexdigest()
        self.client.put_object(
            Bucket=self.bucket, Key=key, Body=data, ContentType=content_type, Metadata={"sha256": sha256}
        )
        return StoredObject(self.uri(key), sha256, len(data))

    def put_model(self, key: str, model: BaseModel) -> StoredObject:
        return self.put_bytes(key, model.model_dump_json(indent=2).encode(), "application/json")

    def put_text(self, key: str, text: str, content_type: str = "text/markdown; charset=utf-8") -> StoredObject:
        return self.put_bytes(key, text.encode(), content_type)

    def claim(self, key: str, record: dict[str, Any]) -> bool:
        """Create ``key`` only if it does not exist yet: True for the one caller that wins.

        S3 conditional writes (If-None-Match: *) make this safe across replicas.
        """
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=json.dumps(record).encode(),
                ContentType="application/json",
                IfNoneMatch="*",
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"PreconditionFailed", "ConditionalRequestConflict"}:
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    # Reads --------------------------------------------------------------------------
    def get_bytes(self, uri: S3Uri | str) -> bytes:
        location = self._readable(S3Uri.parse(uri) if isinstance(uri, str) else uri)
        response = self.client.get_object(Bucket=location.bucket, Key=location.key)
        return bytes(response["Body"].read())

    def get_model(self, uri: S3Uri | str, model: type[ModelT]) -> ModelT:
        try:
            return model.model_validate_json(self.get_bytes(uri))
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(part) for part in problem['loc']) or '(document)'}: {problem['type']}"
                for problem in error.errors(include_url=False, include_input=False, include_context=False)[:5]
            )
            raise InvalidObjectError(f"{uri} is not a valid {model.__name__} ({problems})") from None

    def download(self, key: str, path: Path) -> None:
        location = self._readable(self.uri(key))
        self.client.download_file(location.bucket, location.key, str(path))

    def _readable(self, location: S3Uri) -> S3Uri:
        if self.readable_prefixes is None:
            return location
        if location.bucket != self.bucket:
            raise ForeignObjectError(f"{location} is outside the bucket {self.bucket!r} this service works in")
        if ".." in location.key.split("/") or not location.key.startswith(self.readable_prefixes):
            raise ForeignObjectError(
                f"{location} is not under {', '.join(self.readable_prefixes)}, where this service may read"
            )
        return location

    def head(self, key: str) -> dict[str, Any] | None:
        try:
            return dict(self.client.head_object(Bucket=self.bucket, Key=key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return None
            raise

    def list_keys(self, prefix: str) -> list[dict[str, Any]]:
        """Every object under ``prefix`` (key, ETag, Size), across pages."""
        paginator = self.client.get_paginator("list_objects_v2")
        return [
            item for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix) for item in page.get("Contents", [])
        ]

    def ensure_bucket(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError:
            self.client.create_bucket(Bucket=self.bucket)


async def in_thread(function: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking S3 call off the event loop."""
    return await asyncio.to_thread(function, *args, **kwargs)
