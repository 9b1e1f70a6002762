"""Scoreboard metrics, one family per rail: a lead magnet's leads and an article's citations never share a
metric name, so no query can add them up by accident."""

from __future__ import annotations

from prometheus_client import Counter

LEAD_MAGNET_ENGAGEMENT = Counter(
    "recast_lead_magnet_engagement_total",
    "Lead-magnet engagements counted (duplicates excluded), by kind: view, download, form_fill (a lead), conversion.",
    labelnames=("kind",),
)
FRAMEWORK_ARTICLE_ENGAGEMENT = Counter(
    "recast_framework_article_engagement_total",
    "Framework-article engagements counted (duplicates excluded), by kind: view, share, mention, citation, "
    "speaking_invitation, partnership_request.",
    labelnames=("kind",),
)
LEAD_MAGNET_DUPLICATES = Counter(
    "recast_lead_magnet_engagement_duplicates_total", "Lead-magnet engagements seen before and not counted again."
)
FRAMEWORK_ARTICLE_DUPLICATES = Counter(
    "recast_framework_article_engagement_duplicates_total",
    "Framework-article engagements seen before and not counted again.",
)
WEBHOOKS = Counter(
    "recast_webhook_requests_total",
    "Webhook requests answered, by endpoint rail and HTTP status.",
    labelnames=("endpoint", "status"),
)
