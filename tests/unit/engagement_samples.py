"""Published artifacts of both rails and signed webhooks about them, for the scoreboard tests."""

from __future__ import annotations

import json
import time
from typing import Any

from services.scoreboard.signature import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from shared.events import (
    FrameworkArticlePublished,
    Insight,
    InsightSet,
    InsightType,
    LeadMagnetPublished,
    deterministic_id,
)

SECRET = b"a-test-secret-of-some-length"


def insight(recording_id: str, kind: InsightType, speaker: str | None) -> Insight:
    return Insight(
        insight_id=deterministic_id(recording_id, kind.value, speaker or ""),
        type=kind,
        summary=f"A {kind.value} from the talk.",
        quote="What we measured changed how we onboard.",
        start=1.0,
        end=4.0,
        score=0.7,
        speaker=speaker,
    )


def insight_set(recording_id: str, insights: list[Insight]) -> InsightSet:
    return InsightSet(
        recording_id=recording_id,
        source_key=f"incoming/webinars/{recording_id}.mp3",
        title="Sample talk",
        keywords=["onboarding"],
        insights=insights,
    )


def lead_magnet(recording_id: str, insights: list[Insight], bucket: str = "recast") -> LeadMagnetPublished:
    uri = f"s3://{bucket}/content/{recording_id}/lead-magnet.md"
    return LeadMagnetPublished(
        event_id=deterministic_id(recording_id, "lead-magnet", uri),
        recording_id=recording_id,
        producer="test",
        artifact_uri=uri,
        artifact_sha256="0" * 64,
        title="Onboarding checklist",
        insight_ids=[item.insight_id for item in insights],
        source_key=f"incoming/webinars/{recording_id}.mp3",
        format="checklist",
        target_keyword="customer onboarding",
        call_to_action="Book a walkthrough",
    )


def framework_article(recording_id: str, insights: list[Insight], bucket: str = "recast") -> FrameworkArticlePublished:
    uri = f"s3://{bucket}/content/{recording_id}/framework-article.md"
    return FrameworkArticlePublished(
        event_id=deterministic_id(recording_id, "framework-article", uri),
        recording_id=recording_id,
        producer="test",
        artifact_uri=uri,
        artifact_sha256="1" * 64,
        title="The first-week ladder",
        insight_ids=[item.insight_id for item in insights],
        source_key=f"incoming/webinars/{recording_id}.mp3",
        framework_name="First-Week Ladder",
        thesis="Onboarding fails in week one, not at sign-up.",
    )


def signed(
    body: dict[str, Any] | bytes, secret: bytes = SECRET, at: float | None = None
) -> tuple[dict[str, str], bytes]:
    """Headers (lower-cased, as the receiver hands them over) and raw body of a signed webhook."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    timestamp = str(int(time.time() if at is None else at))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: sign(secret, timestamp, raw)}, raw
