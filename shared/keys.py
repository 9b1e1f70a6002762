"""Where a recording's artifacts live in the bucket, for the keys one program writes and another
reads: the services, and ``recast replay`` / ``recast reconcile``, which pick up from what is stored.
"""

from __future__ import annotations


def claim_key(recording_id: str) -> str:
    """Ingest's claim on an upload: written first, conditionally, so one ingest goes on."""
    return f"recordings/{recording_id}/ingest.json"


def ingested_key(recording_id: str) -> str:
    """The ``RecordingIngested`` event, stored before it is published."""
    return f"recordings/{recording_id}/ingested.json"


def rejected_key(recording_id: str) -> str:
    return f"recordings/{recording_id}/rejected.json"


def transcript_key(recording_id: str, extension: str = "json") -> str:
    """The transcript (``json``) and its ``srt``, ``vtt`` and ``txt`` exports."""
    return f"transcripts/{recording_id}/transcript.{extension}"


def insights_key(recording_id: str) -> str:
    """The recording's ``InsightSet``, which both writers and ``recast replay`` read."""
    return f"insights/{recording_id}/insights.json"
