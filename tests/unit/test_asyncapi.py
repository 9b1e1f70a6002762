"""The committed AsyncAPI document is what the code generates, and it covers every topic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from shared.topics import ALL_TOPICS, RECORDINGS_STATUS

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "docs" / "asyncapi.yaml"


def test_committed_document_is_current() -> None:
    # A fresh interpreter: the apps read their settings at import, and this must not see the test's.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("RECAST_", "KAFKA_", "S3_"))}
    result = subprocess.run(
        [sys.executable, "docs/asyncapi.py", "--check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr or result.stdout


def test_document_describes_every_topic_a_service_uses() -> None:
    document = yaml.safe_load(DOCUMENT.read_text())
    addresses = {channel["address"] for channel in document["channels"].values()}
    # Replay topics are fed by the CLI, not by a service; every other topic has a producer or a consumer here.
    missing = {topic for topic in ALL_TOPICS if topic not in addresses and not topic.startswith("replay.")}
    assert not missing, f"topics absent from docs/asyncapi.yaml: {sorted(missing)}"


def test_status_events_are_documented_with_their_fields() -> None:
    document = yaml.safe_load(DOCUMENT.read_text())
    schemas = document["components"]["schemas"]
    status = schemas["RecordingStatusChanged"]
    assert {"recording_id", "event_id", "stage", "state", "progress", "message"} <= set(status["properties"])
    assert any(channel["address"] == RECORDINGS_STATUS for channel in document["channels"].values())


def test_each_rails_webhook_is_documented_with_its_own_topic_and_body() -> None:
    document = yaml.safe_load(DOCUMENT.read_text())
    hooks = document["x-webhooks"]
    leads, articles = hooks["POST /webhooks/lead-magnets"], hooks["POST /webhooks/framework-articles"]
    assert leads["publishes_to"] == "engagement.lead-magnets"
    assert articles["publishes_to"] == "engagement.framework-articles"
    lead_kinds = leads["body"]["$defs"]["LeadMagnetEngagementKind"]["enum"]
    article_kinds = articles["body"]["$defs"]["FrameworkArticleEngagementKind"]["enum"]
    assert "form_fill" in lead_kinds and "citation" in article_kinds
    assert set(lead_kinds) & set(article_kinds) == {"view"}  # the one word both rails use, each for its own artifacts
    assert {"X-Recast-Timestamp", "X-Recast-Signature"} == set(leads["headers"]) == set(articles["headers"])
