from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from shared.events import (
    SCHEMA_VERSION,
    Event,
    FrameworkArticlePublished,
    Insight,
    InsightExtracted,
    InsightType,
    LeadMagnetPublished,
    RecordingIngested,
    deterministic_id,
)
from shared.storage import S3Uri


def ingested(**overrides: object) -> RecordingIngested:
    fields: dict[str, object] = {
        "event_id": "e1",
        "recording_id": "r1",
        "producer": "ingest",
        "source_uri": "s3://recast/incoming/podcasts/a.mp3",
        "source_key": "incoming/podcasts/a.mp3",
        "source_etag": "abc",
        "kind": "podcast",
        "title": "a",
        "size_bytes": 10,
        "duration_s": 1.5,
        "container": "mp3",
        "audio_codec": "mp3",
    }
    return RecordingIngested.model_validate(fields | overrides)


def test_every_event_carries_the_envelope() -> None:
    event = ingested()
    document = json.loads(event.model_dump_json())
    assert {"event_id", "schema_version", "occurred_at", "recording_id", "producer"} <= set(document)
    assert document["schema_version"] == SCHEMA_VERSION


def test_readers_ignore_fields_they_do_not_know() -> None:
    document = json.loads(ingested().model_dump_json()) | {"added_in_a_later_version": 1}
    assert RecordingIngested.model_validate(document) == RecordingIngested.model_validate(
        {k: v for k, v in document.items() if k != "added_in_a_later_version"}
    )


def test_producers_emit_only_declared_fields() -> None:
    with pytest.raises(ValidationError):
        ingested(kind="radio-show")
    assert "added" not in ingested(added=1).model_dump()


def test_every_field_is_described_for_the_asyncapi_document() -> None:
    for model in (Event, RecordingIngested, InsightExtracted, LeadMagnetPublished, FrameworkArticlePublished):
        undocumented = [name for name, field in model.model_fields.items() if not field.description]
        assert not undocumented, f"{model.__name__}: {undocumented}"


def test_deterministic_ids_are_stable_and_distinct() -> None:
    assert deterministic_id("r1", "transcript") == deterministic_id("r1", "transcript")
    assert deterministic_id("r1", "transcript") != deterministic_id("r1", "insight")
    assert deterministic_id("a", "bc") != deterministic_id("ab", "c")


def test_the_last_insight_of_a_recording_is_marked() -> None:
    insight = Insight(insight_id="i", type=InsightType.data_point, summary="s", quote="q", start=0, end=1, score=0.5)
    common = {
        "event_id": "e",
        "recording_id": "r",
        "producer": "insights",
        "insight": insight,
        "insights_uri": "s3://b/k",
        "transcript_uri": "s3://b/t",
        "source_key": "incoming/x.mp3",
    }
    assert InsightExtracted(**common, insight_index=2, insight_count=3).is_last
    assert not InsightExtracted(**common, insight_index=1, insight_count=3).is_last


def test_s3_uris_round_trip_and_reject_nonsense() -> None:
    uri = S3Uri.parse("s3://recast/content/r1/lead magnet.md")
    assert (uri.bucket, uri.key) == ("recast", "content/r1/lead magnet.md")
    assert str(uri) == "s3://recast/content/r1/lead magnet.md"
    for bad in ("http://recast/x", "s3://recast", "s3:///key"):
        with pytest.raises(ValueError):
            S3Uri.parse(bad)


def test_a_writer_writes_on_the_last_insight_or_a_replay_of_its_own_rail() -> None:
    from shared.events import RailReplayRequested, time_to_write

    insight = Insight(insight_id="i", type=InsightType.story, summary="s", quote="q", start=0, end=1, score=0.5)
    common = {
        "event_id": "e",
        "recording_id": "r",
        "producer": "insights",
        "insight": insight,
        "insights_uri": "s3://b/k",
        "transcript_uri": "s3://b/t",
        "source_key": "incoming/x.mp3",
    }
    replay = RailReplayRequested(
        event_id="e",
        recording_id="r",
        producer="cli",
        rail="lead-magnets",
        insights_uri="s3://b/k",
        source_key="incoming/x.mp3",
    )
    assert time_to_write(InsightExtracted(**common, insight_index=1, insight_count=2), "lead-magnets")
    assert not time_to_write(InsightExtracted(**common, insight_index=0, insight_count=2), "lead-magnets")
    assert time_to_write(replay, "lead-magnets")
    assert not time_to_write(replay, "framework-articles")
