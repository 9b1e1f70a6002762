from __future__ import annotations

from pydantic import Field

from shared.settings import RecastSettings


class IngestSettings(RecastSettings):
    poll_interval_s: float = Field(
        default=2.0, ge=0, description="How often to list incoming/ for stores without notifications; 0 turns it off."
    )
    poll_lookback_s: float = Field(
        default=86_400,
        gt=0,
        description="Polling re-looks at uploads this much older than its checkpoint (S3 dates a multipart "
        "upload by when it began); older ones are not looked at again, even after a restart.",
    )
    max_upload_bytes: int = Field(default=4 * 1024**3, gt=0, description="Largest upload accepted (4 GiB).")
    max_duration_s: float = Field(default=4 * 3600, gt=0, description="Longest recording accepted (4 hours).")
    min_duration_s: float = Field(default=1.0, ge=0, description="Shorter files are rejected as empty.")
    probe_timeout_s: float = Field(default=60, gt=0)
    decode_timeout_s: float = Field(
        default=900, gt=0, description="Longest the bounded check-decode of one upload may take."
    )
    silence_threshold_db: float = Field(
        default=-60.0, le=0, description="A recording whose peak level stays below this (dBFS) is rejected as silent."
    )
    claim_lease_s: float = Field(
        default=60,
        gt=0,
        description="A claim not renewed for this long (the ingest holding it died) is taken over by the next look; "
        "its holder renews it every quarter of this while it checks the upload.",
    )
