"""Settings of the scoreboard service and of its webhook receiver."""

from __future__ import annotations

from pydantic import Field, SecretStr

from shared.settings import RecastSettings


class ScoreboardSettings(RecastSettings):
    """What the two scoreboards' consumers need: nothing beyond the shared settings today."""


class WebhookSettings(ScoreboardSettings):
    """The receiver's settings, built when the service starts: without a secret it refuses to start."""

    webhook_secret: SecretStr = Field(
        min_length=16,
        description="Shared secret the senders sign bodies with (HMAC-SHA256); no default, at least 16 characters.",
    )
    webhook_host: str = Field(default="127.0.0.1", description="Interface the webhook receiver listens on.")
    webhook_port: int = Field(default=8080, ge=0, le=65535, description="Port of the receiver; 0 picks a free one.")
    webhook_max_body_bytes: int = Field(default=65_536, ge=1024, description="Largest body accepted (413 beyond).")
    webhook_max_skew_s: int = Field(
        default=300, ge=1, description="Seconds a signed timestamp may be from now; older signed bodies are refused."
    )
