"""Settings every service shares, read from the environment at start-up.

The three connection settings keep their conventional names (``KAFKA_BOOTSTRAP_SERVERS``,
``S3_ENDPOINT_URL``, ``RECAST_BUCKET``) so the same environment serves Recast, Kafka
tools and boto3; everything else is ``RECAST_<NAME>``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
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
    incoming_prefix: str = Field(
        default="incoming/", description="Where users upload recordings; ingest watches it, the transcriber reads it."
    )
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
    # The operations endpoint (/metrics, /health, /ready); port 0 picks a free one and logs it.
    metrics_host: str = Field(default="127.0.0.1", description="Interface of the operations endpoint.")
    metrics_port: int = Field(default=0, ge=0, le=65535, description="Port of the operations endpoint.")
    lag_interval_s: float = Field(default=5.0, gt=0, description="How often consumer lag is measured.")
    max_message_bytes: int = Field(default=1_048_576, ge=1024)
    kafka_fetch_max_wait_ms: int = Field(
        default=500,
        ge=0,
        description="Longest a consumer's fetch waits at the broker for new records (aiokafka's fetch_max_wait_ms).",
    )
    # Handling one message must finish well inside this, or aiokafka leaves the group and the message comes
    # back after a rebalance; slow steps (an LLM draft) take their deadline from it. Small values are for tests.
    max_poll_interval_ms: int = Field(
        default=300_000, ge=1_000, description="Kafka consumer max_poll_interval_ms (aiokafka's default)."
    )

    # Kafka security: PLAINTEXT locally; SASL_SSL (or SSL, SASL_PLAINTEXT) against a managed cluster.
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", validation_alias=AliasChoices("KAFKA_SECURITY_PROTOCOL", "RECAST_KAFKA_SECURITY_PROTOCOL")
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        default="PLAIN", validation_alias=AliasChoices("KAFKA_SASL_MECHANISM", "RECAST_KAFKA_SASL_MECHANISM")
    )
    kafka_sasl_username: str | None = Field(
        default=None, validation_alias=AliasChoices("KAFKA_SASL_USERNAME", "RECAST_KAFKA_SASL_USERNAME")
    )
    kafka_sasl_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("KAFKA_SASL_PASSWORD", "RECAST_KAFKA_SASL_PASSWORD")
    )
    kafka_ssl_cafile: str | None = Field(
        default=None,
        validation_alias=AliasChoices("KAFKA_SSL_CAFILE", "RECAST_KAFKA_SSL_CAFILE"),
        description="CA bundle for the broker's certificate; unset means the system's trust store.",
    )
    kafka_ssl_certfile: str | None = Field(
        default=None, validation_alias=AliasChoices("KAFKA_SSL_CERTFILE", "RECAST_KAFKA_SSL_CERTFILE")
    )
    kafka_ssl_keyfile: str | None = Field(
        default=None, validation_alias=AliasChoices("KAFKA_SSL_KEYFILE", "RECAST_KAFKA_SSL_KEYFILE")
    )

    # Consumer retries: transient errors (S3 5xx, broker hiccups) are retried with exponential backoff,
    # then the message goes to the dead-letter topic; permanent errors go there at once.
    retry_attempts: int = Field(default=6, ge=1, le=50, description="Attempts per message before dead-lettering.")
    retry_base_delay_s: float = Field(default=0.5, gt=0, description="First backoff; doubles on each retry.")
    retry_max_delay_s: float = Field(default=15.0, gt=0, description="Longest single backoff.")

    @model_validator(mode="after")
    def _sasl_needs_credentials(self) -> RecastSettings:
        if self.kafka_security_protocol.startswith("SASL") and not (
            self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError("KAFKA_SECURITY_PROTOCOL=SASL_* needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD")
        return self

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
