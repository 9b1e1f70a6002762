"""Topic names and consumer groups. The two rails never share a topic or a group."""

S3_EVENTS = "s3.events"
RECORDINGS_INGESTED = "recordings.ingested"
TRANSCRIPTS_READY = "transcripts.ready"
# The transcriber's own work queue: one event per chunk of a recording's speech.
TRANSCRIPTION_CHUNKS = "transcription.chunks"
INSIGHTS_EXTRACTED = "insights.extracted"
LEAD_MAGNETS = "content.lead-magnets"
FRAMEWORK_ARTICLES = "content.framework-articles"
# Each rail's refusals, with the reasons, wait on that rail's own review topic for a human editor: an article the
# promotional-tell guard or the plan refused, a lead magnet the recording could not support (no key phrase said
# twice, too little content).
LEAD_MAGNET_REVIEW = "review.lead-magnets"
FRAMEWORK_ARTICLE_REVIEW = "review.framework-articles"
# `recast replay --rail ...`: one topic per rail, read only by that rail's writer group.
REPLAY_LEAD_MAGNETS = "replay.lead-magnets"
REPLAY_FRAMEWORK_ARTICLES = "replay.framework-articles"
# Every service's progress reports, keyed (and compacted) by recording id.
RECORDINGS_STATUS = "recordings.status"
# Messages a consumer could not process (poison, or transient errors that outlasted the retries)
# and uploads ingest rejected: original payload, error and stage. Read and replayed with `recast dlq`.
DEAD_LETTERS = "recast.dlq"
# How each rail's published artifacts fare (webhooks from marketers' tools), keyed by artifact URI.
# One topic per rail, read only by that rail's scoreboard group.
ENGAGEMENT_LEAD_MAGNETS = "engagement.lead-magnets"
ENGAGEMENT_FRAMEWORK_ARTICLES = "engagement.framework-articles"

ALL_TOPICS = (
    S3_EVENTS,
    RECORDINGS_INGESTED,
    TRANSCRIPTION_CHUNKS,
    TRANSCRIPTS_READY,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNETS,
    FRAMEWORK_ARTICLES,
    LEAD_MAGNET_REVIEW,
    FRAMEWORK_ARTICLE_REVIEW,
    REPLAY_LEAD_MAGNETS,
    REPLAY_FRAMEWORK_ARTICLES,
    RECORDINGS_STATUS,
    DEAD_LETTERS,
    ENGAGEMENT_LEAD_MAGNETS,
    ENGAGEMENT_FRAMEWORK_ARTICLES,
)

# Per-topic broker settings at creation: the status topic keeps only the latest update per recording.
TOPIC_CONFIGS = {RECORDINGS_STATUS: {"cleanup.policy": "compact"}}

INGEST_GROUP = "recast-ingest"
TRANSCRIBER_GROUP = "recast-transcriber"
# A group of its own, so planning and chunk work never rebalance each other's consumers.
TRANSCRIBER_CHUNK_GROUP = "recast-transcriber-chunks"
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

# The scoreboards sit beside the pipeline: no recording waits for them, so they are not in SERVICE_GROUPS.
# One group per rail, so the rails' scoreboards never share a consumer, an offset or a rebalance.
LEAD_MAGNET_SCOREBOARD_GROUP = "recast-lead-magnet-scoreboard"
FRAMEWORK_ARTICLE_SCOREBOARD_GROUP = "recast-framework-article-scoreboard"
SIDE_SERVICE_GROUPS = {"scoreboard": (LEAD_MAGNET_SCOREBOARD_GROUP, FRAMEWORK_ARTICLE_SCOREBOARD_GROUP)}
