"""Thought-leadership rail metrics: what the guard found and did. Never mixed with the lead-magnet
rail's scoreboard (traffic, leads); this rail is judged by whether it stays free of pitches."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

PUBLISHED = Counter("recast_framework_article_published_total", "Framework articles published.")
REFUSED = Counter(
    "recast_framework_article_refused_total",
    "Framework articles sent to review instead of published, by reason.",
    labelnames=("reason",),
)
TELLS = Counter(
    "recast_framework_article_tells_total",
    "Promotional tells the guard found in speaker quotes or drafts, by kind.",
    labelnames=("kind",),
)
REPAIRED = Counter("recast_framework_article_repaired_total", "Drafts the guard repaired before publication.")
REPLAYS = Counter("recast_framework_article_replays_total", "Framework articles regenerated on request.")
WRITE_SECONDS = Histogram("recast_framework_article_write_seconds", "Time to plan, write and guard one article.")
DRAFTS = Counter(
    "recast_framework_article_drafts_total",
    "Framework articles by whose prose they carry: llm (a model's verified, guarded draft) or extractive.",
    labelnames=("writer",),
)
