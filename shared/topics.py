"""Topic names and consumer groups. The two rails never share a topic or a group."""

S3_EVENTS = "s3.events"
RECORDINGS_INGESTED = "recordings.ingested"
TRANSCRIPTS_READY = "transcripts.ready"
INSIGHTS_EXTRACTED = "insights.extracted"
LEAD_MAGNETS = "content.lead-magnets"
FRAMEWORK_ARTICLES = "content.framework-articles"
# Framework articles the promotional-tell guard refused wait here for a human editor.
FRAMEWORK_ARTICLE_REVIEW = "review.framework-articles"
# Every service's progress reports, keyed (and compacted) by recording id.
RECORDINGS_STATUS = "recordings.status"

ALL_TOPICS = (
    S3_EVENTS,
    RECORDINGS_INGESTED,
    TRANSCRIPTS_READY,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNETS,
    FRAMEWORK_ARTICLES,
    FRAMEWORK_ARTICLE_REVIEW,
    RECORDINGS_STATUS,
)

# Per-topic broker settings at creation: the status topic keeps only the latest update per recording.
TOPIC_CONFIGS = {RECORDINGS_STATUS: {"cleanup.policy": "compact"}}

INGEST_GROUP = "recast-ingest"
TRANSCRIBER_GROUP = "recast-transcriber"
INSIGHTS_GROUP = "recast-insights"
LEAD_MAGNET_GROUP = "recast-lead-magnet-writer"
FRAMEWORK_ARTICLE_GROUP = "recast-framework-article-writer"

SERVICE_GROUPS = {
    "ingest": INGEST_GROUP,
    "transcriber": TRANSCRIBER_GROUP,
    "insights": INSIGHTS_GROUP,
    "lead_magnet_writer": LEAD_MAGNET_GROUP,
    "framework_article_writer": FRAMEWORK_ARTICLE_GROUP,
}
