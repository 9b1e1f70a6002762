"""What a published artifact's figures roll up by, read from its content event and its insight set."""

from __future__ import annotations

from shared.events import FrameworkArticlePublished, InsightSet, LeadMagnetPublished
from shared.scoreboards import NO_FRAMEWORK, UNKNOWN_SPEAKER, ArtifactRecord, Rail, artifact_id


def record_for(
    event: LeadMagnetPublished | FrameworkArticlePublished, insight_set: InsightSet | None
) -> ArtifactRecord:
    """The artifact's record. Its insights' types and speakers come from the stored insight set; without
    one (deleted, or never stored) they stay empty and the speaker is unknown, rather than guessed."""
    used = set(event.insight_ids)
    insights = [insight for insight in (insight_set.insights if insight_set else []) if insight.insight_id in used]
    rail = Rail.lead_magnets if isinstance(event, LeadMagnetPublished) else Rail.framework_articles
    return ArtifactRecord(
        rail=rail,
        artifact_id=artifact_id(event.artifact_uri),
        artifact_uri=event.artifact_uri,
        recording_id=event.recording_id,
        title=event.title,
        content_event_id=event.event_id,
        insight_types=sorted({insight.type.value for insight in insights}),
        # Diarization may not have named anyone yet: such insights are the unknown speaker's.
        speakers=sorted({insight.speaker or UNKNOWN_SPEAKER for insight in insights}) or [UNKNOWN_SPEAKER],
        framework_name=event.framework_name if isinstance(event, FrameworkArticlePublished) else NO_FRAMEWORK,
    )
