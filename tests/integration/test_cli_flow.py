"""What a new user does, on the whole local stack: ``recast upload`` follows the sample to both
rails, ``recast status`` shows it done, ``recast watch`` tails a rail and ``recast get`` downloads
the artifacts. The operator's view of the same run: every service ready, counting messages in
and out, and logging each line with the recording and event it concerns."""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from infra.local.demo import SAMPLE
from infra.local.stack import SERVICES, LocalStack
from shared.metrics import metric_value

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(420)]


@pytest.fixture(scope="module")
def uploaded(pipeline: LocalStack, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The sample uploaded once with the CLI, followed to the end: (recording id, CLI output)."""
    recording = tmp_path_factory.mktemp("cli") / f"cli-{uuid.uuid4().hex[:8]}.mp3"
    shutil.copy(SAMPLE, recording)
    with pytest.MonkeyPatch.context() as env:
        for name, value in pipeline.env.items():
            env.setenv(name, value)
        result = CliRunner().invoke(
            app, ["upload", str(recording), "--kind", "webinar", "--title", "Depth beats volume", "--timeout", "300"]
        )
    assert result.exit_code == 0, result.output
    match = re.search(r"recording id (\w+)", result.output)
    assert match, result.output
    return match.group(1), result.output


@pytest.fixture
def recast(pipeline: LocalStack, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name, value in pipeline.env.items():
        monkeypatch.setenv(name, value)
    return CliRunner()


def test_upload_follows_the_recording_through_every_stage(uploaded: tuple[str, str]) -> None:
    recording_id, output = uploaded
    for stage in ("ingest", "transcribe", "insights", "lead-magnet", "framework-article"):
        assert re.search(rf"{stage}\s.*\bdone\b", output), f"{stage} not shown done:\n{output}"
    assert f"recast get {recording_id}" in output


def test_status_shows_the_recording_done_with_timings(recast: CliRunner, uploaded: tuple[str, str]) -> None:
    recording_id, _ = uploaded
    result = recast.invoke(app, ["status", recording_id, "--json"])
    assert result.exit_code == 0, result.output
    (recording,) = json.loads(result.output)
    assert recording["complete"] and recording["current"] == "done"
    assert recording["source_key"].startswith("incoming/webinars/cli-")
    for stage in ("transcribe", "insights", "lead-magnet", "framework-article"):
        assert recording["stages"][stage]["state"] == "done", recording
        assert recording["stages"][stage]["seconds"] is not None

    overview = recast.invoke(app, ["status"], terminal_width=300)
    assert overview.exit_code == 0, overview.output
    assert recording_id in overview.output and "done" in overview.output


def test_get_downloads_both_rails_artifacts(recast: CliRunner, uploaded: tuple[str, str], tmp_path: Path) -> None:
    recording_id, _ = uploaded
    result = recast.invoke(app, ["get", recording_id, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for artifact in ("lead-magnet.md", "framework-article.md"):
        assert "\n# " in "\n" + (tmp_path / artifact).read_text(), f"{artifact} has no Markdown title"
    transcript = json.loads((tmp_path / "transcripts" / "transcript.json").read_text())
    assert transcript["recording_id"] == recording_id and transcript["segments"]


def test_get_of_an_unknown_recording_fails(recast: CliRunner, tmp_path: Path) -> None:
    result = recast.invoke(app, ["get", "no-such-recording", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "nothing stored" in result.output


@pytest.mark.parametrize("rail", ["lead-magnets", "framework-articles"])
def test_watch_prints_the_rails_events_readably(recast: CliRunner, uploaded: tuple[str, str], rail: str) -> None:
    recording_id, _ = uploaded
    result = recast.invoke(app, ["watch", "--rail", rail, "--from-beginning", "--timeout", "5"], terminal_width=300)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if recording_id in line]
    assert lines, result.output
    assert f"content.{rail}" in lines[0]
    assert "s3://" in result.output


def _json_lines(path: Path) -> list[dict[str, Any]]:
    lines = []
    for text in path.read_text().splitlines():
        try:
            line = json.loads(text)
        except ValueError:
            continue  # the faststream CLI's own banner, before logging is configured
        if isinstance(line, dict):
            lines.append(line)
    return lines


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_ready_and_counts_messages(
    pipeline: LocalStack, uploaded: tuple[str, str], service: str
) -> None:
    assert _get(pipeline.metrics_url(service, "/health"))[0] == 200
    status, body = _get(pipeline.metrics_url(service, "/ready"))
    assert status == 200, body
    assert json.loads(body)["checks"] == {"broker": True, "s3": True, "subscribers": True}

    _, metrics = _get(pipeline.metrics_url(service))
    assert metric_value(metrics, "recast_published_messages_total", {"app_name": service, "status": "success"}) > 0
    if service != "ingest":  # without bucket notifications (moto), ingest finds uploads by polling, not messages
        assert metric_value(metrics, "recast_received_messages_total", {"app_name": service}) > 0
        assert metric_value(metrics, "recast_received_processed_messages_duration_seconds_count", {"app_name": service})
    assert "recast_consumer_lag{" in metrics


def test_the_transcriber_reports_its_work_in_metrics(pipeline: LocalStack, uploaded: tuple[str, str]) -> None:
    _, metrics = _get(pipeline.metrics_url("transcriber"))
    assert metric_value(metrics, "recast_published_messages_total", {"destination": "transcripts.ready"}) > 0
    assert metric_value(metrics, "recast_published_messages_total", {"destination": "recordings.status"}) > 0


def test_every_log_line_about_the_recording_carries_its_ids(pipeline: LocalStack, uploaded: tuple[str, str]) -> None:
    recording_id, _ = uploaded
    for service in ("transcriber", "insights", "lead_magnet_writer", "framework_article_writer"):
        lines = _json_lines(pipeline.run_dir / f"{service}.log")
        about = [line for line in lines if line.get("recording_id") == recording_id]
        assert about, f"{service} logged nothing about {recording_id}"
        assert all(line.get("event_id") for line in about), [line for line in about if not line.get("event_id")]
        received = [line for line in about if line["message"] in ("Received", "Processed")]
        assert received, f"{service}: FastStream's own lines do not carry the recording id"


def test_each_rail_reports_its_own_metrics_apart(pipeline: LocalStack, uploaded: tuple[str, str]) -> None:
    _, lead_magnets = _get(pipeline.metrics_url("lead_magnet_writer"))
    _, articles = _get(pipeline.metrics_url("framework_article_writer"))
    assert metric_value(lead_magnets, "recast_lead_magnet_published_total") > 0
    assert metric_value(articles, "recast_framework_article_published_total") > 0
    assert "recast_framework_article_" not in lead_magnets
    assert "recast_lead_magnet_" not in articles
