"""Insight sets for the writers' tests, recorded once from the transcripts in ``transcripts.py``.

A writer's test checks the writer: it should not change meaning whenever the insight engine does
(services never import each other, and neither do their tests). Each file was written by the
insight engine that preceded the extractive one, which typed every sentence by its cue phrases:
on these scripted transcripts that gives the writers every insight type to work with.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from shared.events import InsightSet, Transcript

RECORDED = Path(__file__).parent / "insight_sets"


def fingerprint(transcript: Transcript) -> str:
    spoken = [[segment.start, segment.end, segment.text] for segment in transcript.segments]
    return hashlib.sha256(json.dumps(spoken).encode()).hexdigest()[:12]


def recorded_insights(transcript: Transcript, *, source_key: str, title: str) -> InsightSet:
    path = RECORDED / f"{fingerprint(transcript)}.json"
    recorded = InsightSet.model_validate_json(path.read_text())
    return recorded.model_copy(
        update={"recording_id": transcript.recording_id, "source_key": source_key, "title": title}
    )
