"""A recording's id and where its artifacts live in the bucket: what one program writes and
another reads — the services, and the CLI (``recast upload`` knows the id ingest will give its
upload; ``recast replay`` / ``recast reconcile`` pick up from what is stored).
"""

from __future__ import annotations

from shared.events import deterministic_id


def recording_id_for(bucket: str, key: str, etag: str) -> str:
    """The id ingest gives the upload ``bucket/key`` at ``etag``. boto3 reports the ETag in quotes,
    bucket notifications without; both give the same id."""
    return deterministic_id(bucket, key, etag.strip('"'))


def claim_key(recording_id: str) -> str:
    """Ingest's claim on an upload: written first, conditionally, so one ingest goes on."""
    return f"recordings/{recording_id}/ingest.json"


def ingested_key(recording_id: str) -> str:
    """The ``RecordingIngested`` event, stored before it is published."""
    return f"recordings/{recording_id}/ingested.json"


def rejected_key(recording_id: str) -> str:
    return f"recordings/{recording_id}/rejected.json"


def transcript_refused_key(recording_id: str) -> str:
    """Why the transcriber refused the recording (a language its model cannot serve)."""
    return f"transcripts/{recording_id}/refused.json"


def transcript_key(recording_id: str, extension: str = "json") -> str:
    """The transcript (``json``) and its ``srt``, ``vtt`` and ``txt`` exports."""
    return f"transcripts/{recording_id}/transcript.{extension}"


def insights_key(recording_id: str) -> str:
    """The recording's ``InsightSet``, which both writers and ``recast replay`` read."""
    return f"insights/{recording_id}/insights.json"


def readable_prefixes(service: str, incoming_prefix: str) -> tuple[str, ...]:
    """Where in the bucket each service may read: uploads and what the stage before it wrote, plus its own
    work in progress. An event naming anything else is refused (least privilege); the MinIO policies in
    infra/minio/ grant the same and no more."""
    return {
        "ingest": (incoming_prefix, "recordings/"),
        "transcriber": (incoming_prefix, "transcripts/"),
        "insights": ("transcripts/",),
        "lead_magnet_writer": ("insights/", "transcripts/"),
        "framework_article_writer": ("insights/", "transcripts/"),
        "scoreboard": ("insights/", "scoreboards/"),
    }[service]


def writable_patterns(service: str) -> tuple[str, ...]:
    """Which keys each service writes (S3 wildcard patterns): what its MinIO policy lets it put."""
    return {
        "ingest": ("recordings/*",),
        "transcriber": ("transcripts/*",),
        "insights": ("insights/*",),
        "lead_magnet_writer": ("content/*/lead-magnet.*",),
        "framework_article_writer": ("content/*/framework-article.*",),
        "scoreboard": ("scoreboards/*",),
    }[service]
