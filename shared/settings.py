"""Settings every service shares, read from the environment at start-up.

The three connection settings keep their conventional names (``KAFKA_BOOTSTRAP_SERVERS``,
``S3_ENDPOINT_URL``, ``RECAST_BUCKET``) so the same environment serves Recast, Kafka
tools and boto3; everything else is ``RECAST_<NAME>``.
"""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class RecastSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RECAST_", extra="ignore")

    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092",
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "RECAST_KAFKA_BOOTSTRAP_SERVERS"),
    )
    s3_endpoint_url: str | None = Field(
        default="http://127.0.0.1:9000",
        validation_alias=AliasChoices("S3_ENDPOINT_URL", "RECAST_S3_ENDPOINT_URL"),
        description="Empty means AWS S3 itself.",
    )
    bucket: str = Field(default="recast", validation_alias=AliasChoices("RECAST_BUCKET"))
    aws_region: str = Field(
        default="us-east-1", validation_alias=AliasChoices("AWS_DEFAULT_REGION", "AWS_REGION", "RECAST_AWS_REGION")
    )
    aws_access_key_id: str | None = Field(
        default=None,
        validation_alias=AliasChoices("AWS_ACCESS_KEY_ID", "RECAST_AWS_ACCESS_KEY_ID"),
        description="Unset means boto3's usual credential chain (profile, instance role, ...).",
    )
    aws_secret_access_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("AWS_SECRET_ACCESS_KEY", "RECAST_AWS_SECRET_ACCESS_KEY")
    )
    log_level: str = "INFO"
    max_message_bytes: int = Field(default=1_048_576, ge=1024)

    @field_validator("s3_endpoint_url")
    @classmethod
    def _empty_means_aws(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("bucket")
    @classmethod
    def _valid_bucket(cls, value: str) -> str:
        if (
            not (3 <= len(value) <= 63)
            or not value.replace("-", "").replace(".", "").isalnum()
            or value != value.lower()
        ):
            raise ValueError(f"not a valid S3 bucket name: {value!r}")
        return value
