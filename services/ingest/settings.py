from __future__ import annotations

from pydantic import Field

from shared.settings import RecastSettings


class IngestSettings(RecastSettings):
    incoming_prefix: str = "incoming/"
    poll_interval_s: float = Field(
        default=2.0, ge=0, description="How often to list incoming/ for stores without notifications; 0 turns it off."
    )
    max_upload_bytes: int = Field(default=4 * 1024**3, gt=0, description="Largest upload accepted (4 GiB).")
    max_duration_s: float = Field(default=4 * 3600, gt=0, description="Longest recording accepted (4 hours).")
    min_duration_s: float = Field(default=1.0, ge=0, description="Shorter files are rejected as empty.")
    probe_timeout_s: float = Field(default=60, gt=0)
