"""The recast command's logic that needs no server: ids, folding the status topic, readable lines."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from aiokafka import TopicPartition
from typer.testing import CliRunner

from cli import common
from cli.common import fold_status, format_seconds, parse_status
from cli.main import app
from cli.watch import RAIL_TOPICS, Rail, describe
from shared.keys import recording_id_for
from shared.settings import RecastSettings
from shared.status import RecordingStatusChanged, Stage, StageState
from shared.topics import FRAMEWORK_ARTICLE_REVIEW, LEAD_MAGNET_REVIEW, LEAD_MAGNETS

T0 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def update(
    stage: Stage, state: StageState, at_s: float, recording_id: str = "rec-1", **fields: object
) -> RecordingStatusChanged:
    return RecordingStatusChanged(
        event_id=f"{recording_id}-{stage}-{state}-{at_s}",
        recording_id=recording_id,
        producer="test",
        occurred_at=T0 + timedelta(seconds=at_s),
        stage=stage,
        state=state,
        source_key="incoming/webinars/talk.mp3",
        **fields,
    )


def full_run(recording_id: str = "rec-1") -> list[RecordingStatusChanged]:
    return [
        update(Stage.ingest, StageState.done, 0, recording_id),
        update(Stage.transcribe, StageState.started, 1, recording_id),
        update(Stage.transcribe, StageState.progress, 3, recording_id, progress=0.5),
        update(Stage.transcribe, StageState.done, 6, recording_id, progress=1.0),
        update(Stage.insights, StageState.started, 6.5, recording_id),
        update(Stage.insights, StageState.done, 7, recording_id),
        update(Stage.lead_magnet, StageState.started, 7.2, recording_id),
        update(Stage.framework_article, StageState.started, 7.2, recording_id),
        update(Stage.lead_magnet, StageState.done, 7.5, recording_id),
        update(Stage.framework_article, StageState.refused, 7.6, recording_id, message="promotional"),
    ]


def test_the_cli_computes_the_same_recording_id_as_ingest() -> None:
    # `recast upload` has boto3's quoted ETag; ingest has the bucket notification's bare one.
    etag = '"9b2cf535f27731c974343645a3985328-3"'
    assert recording_id_for("recast", "incoming/podcasts/a.mp3", etag) == recording_id_for(
        "recast", "incoming/podcasts/a.mp3", etag.strip('"')
    )


def test_a_recording_is_complete_when_both_rails_have_finished() -> None:
    recording = fold_status(full_run())["rec-1"]
    assert recording.complete and recording.current == "done; framework-article refused" and not recording.failed
    assert recording.stages[Stage.transcribe].seconds == 5
    assert recording.stages[Stage.framework_article].state is StageState.refused
    assert recording.total_seconds == 7.6
    assert recording.source_key == "incoming/webinars/talk.mp3"


def test_a_recording_both_rails_published_is_done() -> None:
    updates = [*full_run()[:-1], update(Stage.framework_article, StageState.done, 7.6)]
    assert fold_status(updates)["rec-1"].current == "done"


def test_one_rail_done_is_not_complete() -> None:
    recording = fold_status(full_run()[:-1])["rec-1"]
    assert not recording.complete
    assert recording.current == "framework-article started"


def test_progress_is_shown_while_a_stage_runs() -> None:
    recording = fold_status(full_run()[:3])["rec-1"]
    assert recording.current == "transcribe progress 50%"
    assert recording.stages[Stage.transcribe].seconds is None


def test_a_failure_completes_the_recording_with_its_error() -> None:
    updates = [*full_run()[:5], update(Stage.insights, StageState.failed, 8, message="KeyError: boom")]
    recording = fold_status(updates)["rec-1"]
    assert recording.complete and recording.current == "failed at insights"
    assert recording.failed[0].message == "KeyError: boom"


def test_a_recording_with_nothing_worth_publishing_is_complete_when_insights_refuse_it() -> None:
    reason = "nothing worth publishing: 40 s of speech in 12 sentences, all small talk; no claim found"
    updates = [*full_run()[:5], update(Stage.insights, StageState.refused, 8, message=reason)]
    recording = fold_status(updates)["rec-1"]
    assert recording.complete and recording.current == "refused at insights"
    assert not recording.failed
    assert recording.stages[Stage.insights].message == reason


def test_a_recording_the_transcriber_refuses_is_complete_with_the_reason() -> None:
    reason = "the upload declares language 'de', but the configured model 'tiny.en' transcribes English only"
    updates = [*full_run()[:2], update(Stage.transcribe, StageState.refused, 2, message=reason)]
    recording = fold_status(updates)["rec-1"]
    assert recording.complete and recording.current == "refused at transcribe"
    assert recording.refused_upstream[0].message == reason and not recording.failed


def test_a_redelivered_progress_step_after_the_end_changes_nothing() -> None:
    updates = [*full_run(), update(Stage.transcribe, StageState.progress, 9, progress=0.5)]
    recording = fold_status(updates)["rec-1"]
    assert recording.stages[Stage.transcribe].state is StageState.done
    assert recording.stages[Stage.transcribe].progress == 1.0


def test_recordings_are_kept_apart() -> None:
    recordings = fold_status([*full_run("a"), *full_run("b")[:2]])
    assert recordings["a"].complete and not recordings["b"].complete


def test_junk_on_the_status_topic_is_skipped() -> None:
    assert parse_status(None) is None
    assert parse_status(b"not json") is None
    assert parse_status(b'{"recording_id": "x"}') is None
    assert parse_status(full_run()[0].model_dump_json().encode()) == full_run()[0]


def test_rail_events_read_as_one_line_each() -> None:
    lead_magnet = {
        "occurred_at": "2026-11-22T10:00:00Z",
        "recording_id": "rec-1",
        "format": "checklist",
        "title": "The Checklist",
        "target_keyword": "lead magnets",
        "call_to_action": "Get it",
        "artifact_uri": "s3://recast/content/rec-1/lead-magnet.md",
    }
    text = describe(LEAD_MAGNETS, lead_magnet)
    assert "rec-1" in text and "checklist" in text and "s3://recast/content/rec-1/lead-magnet.md" in text
    refused = describe(FRAMEWORK_ARTICLE_REVIEW, {"recording_id": "rec-2", "reasons": ["names the product"]})
    assert "refused: names the product" in refused
    no_keyword = describe(LEAD_MAGNET_REVIEW, {"recording_id": "rec-3", "reasons": ["no target keyword"]})
    assert "rec-3" in no_keyword and "refused: no target keyword" in no_keyword
    assert LEAD_MAGNET_REVIEW in RAIL_TOPICS[Rail.lead_magnets]
    assert LEAD_MAGNET_REVIEW not in RAIL_TOPICS[Rail.framework_articles]


def test_durations_read_naturally() -> None:
    assert format_seconds(None) == "-"
    assert format_seconds(4.25) == "4.2 s"
    assert format_seconds(125) == "2 min 05 s"


def test_every_command_is_registered() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("upload", "status", "watch", "get"):
        assert command in result.output


def test_upload_rejects_an_unknown_kind() -> None:
    result = CliRunner().invoke(app, ["upload", __file__, "--kind", "lecture"])
    assert result.exit_code != 0


class UnservedRecordConsumer:
    """A partition whose end offset counts a record the broker never serves, beside one that reads normally."""

    def __init__(self) -> None:
        self.stuck, self.fine = TopicPartition("content.lead-magnets", 2), TopicPartition("content.lead-magnets", 0)
        self.positions = {self.stuck: 0, self.fine: 0}
        self.stopped = False

    def assignment(self) -> set[TopicPartition]:
        return {self.stuck, self.fine}

    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        return {self.stuck: 1, self.fine: 1}

    async def position(self, partition: TopicPartition) -> int:
        return self.positions[partition]

    async def getmany(self, *partitions: TopicPartition, timeout_ms: int) -> dict[TopicPartition, list[Any]]:
        await asyncio.sleep(0.01)
        if self.fine in partitions and self.positions[self.fine] == 0:
            self.positions[self.fine] = 1
            return {self.fine: [SimpleNamespace(offset=0, value=b"served")]}
        return {}

    async def stop(self) -> None:
        self.stopped = True


async def test_read_all_leaves_a_partition_that_serves_nothing_of_what_its_end_offset_counts(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    consumer = UnservedRecordConsumer()

    async def assigned(*args: object) -> UnservedRecordConsumer:
        return consumer

    monkeypatch.setattr(common, "_assigned_consumer", assigned)
    values = await asyncio.wait_for(common.read_all(RecastSettings(), ["content.lead-magnets"], stall_s=0.2), 5)
    assert values == [b"served"] and consumer.stopped
    assert "content.lead-magnets[2]: nothing readable from offset 0 although the end offset is 1" in caplog.text


def test_the_overview_never_breaks_a_recording_id_however_narrow_the_terminal() -> None:
    from rich.console import Console

    from cli.common import RecordingProgress
    from cli.status import overview_table

    recordings = [
        RecordingProgress("8c3c79e77a6617381283bed5", source_key="incoming/webinars/" + "a-long-upload-name-" * 4),
        RecordingProgress("0123456789abcdef01234567", source_key="incoming/podcasts/x.mp3"),
    ]
    console = Console(width=80, record=True)
    console.print(overview_table(recordings))
    shown = console.export_text()

    assert "8c3c79e77a6617381283bed5" in shown and "0123456789abcdef01234567" in shown
