"""Content-marketing rail metrics. Named apart from the thought-leadership rail's on purpose: a
dashboard that mixes the two scoreboards turns thought leadership back into content marketing."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

PUBLISHED = Counter("recast_lead_magnet_published_total", "Lead magnets published, by format.", labelnames=("format",))
REFUSED = Counter(
    "recast_lead_magnet_refused_total",
    "Lead magnets refused by the rail check (no keyword, content, call to action or gating fields).",
)
REPLAYS = Counter("recast_lead_magnet_replays_total", "Lead magnets regenerated on request (recast replay).")
ARTIFACT_BYTES = Histogram(
    "recast_lead_magnet_artifact_bytes",
    "Size of the rendered lead magnet artifacts, by kind.",
    labelnames=("kind",),
    buckets=(1_000, 5_000, 20_000, 100_000, 500_000, 2_000_000),
)
WRITE_SECONDS = Histogram("recast_lead_magnet_write_seconds", "Time to write and render one lead magnet.")
DRAFTS = Counter(
    "recast_lead_magnet_drafts_total",
    "Lead magnets by whose prose they carry: llm (a model's verified draft) or extractive.",
    labelnames=("writer",),
)
