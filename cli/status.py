"""``recast status [RECORDING_ID]``: every recording's stage, timings and errors, from the status topic."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.common import RecordingProgress, fold_status, format_seconds, load_settings, parse_status, read_all
from shared.topics import RECORDINGS_STATUS

console = Console()


def status(
    recording_id: Annotated[
        str | None, typer.Argument(help="One recording's id; every recording when left out.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show where each recording stands: stage by stage, with timings and errors."""
    settings = load_settings()
    updates = [
        update for value in asyncio.run(read_all(settings, [RECORDINGS_STATUS])) if (update := parse_status(value))
    ]
    recordings = fold_status(updates)
    if recording_id is not None:
        if recording_id not in recordings:
            console.print(f"[red]no status for recording {recording_id}")
            raise typer.Exit(1)
        recordings = {recording_id: recordings[recording_id]}
    if as_json:
        typer.echo(json.dumps([as_dict(recording) for recording in recordings.values()], indent=2))
    elif recording_id is not None:
        console.print(stage_table(recordings[recording_id]))
    else:
        console.print(overview_table(list(recordings.values())))


def as_dict(recording: RecordingProgress) -> dict[str, object]:
    return {
        "recording_id": recording.recording_id,
        "source_key": recording.source_key,
        "current": recording.current,
        "complete": recording.complete,
        "total_s": recording.total_seconds,
        "stages": {
            stage.stage.value: {
                "state": stage.state.value if stage.state else None,
                "progress": stage.progress,
                "seconds": stage.seconds,
                "message": stage.message,
            }
            for stage in recording.stages.values()
        },
    }


def overview_table(recordings: list[RecordingProgress]) -> Table:
    table = Table(title=f"{len(recordings)} recordings")
    for column in ("recording", "upload", "where", "total", "errors"):
        # An id is copied into `recast get`: the other columns fold first, the id never breaks.
        table.add_column(column, overflow="fold", no_wrap=column == "recording")
    for recording in sorted(recordings, key=lambda r: r.first_seen.timestamp() if r.first_seen else 0.0):
        errors = "; ".join(f"{stage.stage.value}: {stage.message}" for stage in recording.failed)
        table.add_row(
            recording.recording_id,
            recording.source_key or "-",
            recording.current,
            format_seconds(recording.total_seconds),
            errors,
        )
    return table


def stage_table(recording: RecordingProgress) -> Table:
    table = Table(
        title=f"recording {recording.recording_id} ({recording.source_key or 'unknown upload'}): {recording.current}"
    )
    for column in ("stage", "state", "progress", "started", "time", "detail"):
        table.add_column(column, overflow="fold")
    for stage in recording.stages.values():
        table.add_row(
            stage.stage.value,
            stage.state.value if stage.state else "-",
            f"{stage.progress:.0%}" if stage.progress is not None else "-",
            stage.started_at.strftime("%H:%M:%S") if stage.started_at else "-",
            format_seconds(stage.seconds),
            stage.message,
        )
    return table
