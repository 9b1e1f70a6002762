"""``recast upload FILE --kind webinar|podcast``: put a recording in the bucket, then follow it to both rails."""

from __future__ import annotations

import asyncio
import mimetypes
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from boto3.s3.transfer import TransferConfig
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from cli.common import (
    STAGES,
    RecordingProgress,
    format_seconds,
    load_settings,
    object_store,
    status_from,
    tail,
)
from shared.keys import recording_id_for
from shared.settings import RecastSettings
from shared.status import StageState
from shared.topics import RECORDINGS_STATUS

console = Console()
MULTIPART_THRESHOLD = 16 * 1024 * 1024  # above this, the upload goes in parts (and resumes part by part)
MULTIPART_CHUNK = 16 * 1024 * 1024


class Kind(StrEnum):
    webinar = "webinar"
    podcast = "podcast"


def upload(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="Audio or video file.")],
    kind: Annotated[Kind, typer.Option("--kind", "-k", help="webinar or podcast.")],
    title: Annotated[
        str | None,
        typer.Option("--title", "-t", help="Title; when left out the writers title each artifact from what was said."),
    ] = None,
    key: Annotated[str | None, typer.Option(help="Object key; incoming/<kind>s/<file name> by default.")] = None,
    speakers: Annotated[
        str | None,
        typer.Option(help="Speakers' names in order of first appearance, comma-separated (ASCII: S3 metadata)."),
    ] = None,
    follow: Annotated[bool, typer.Option(help="Follow the recording stage by stage until both rails are done.")] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to follow before giving up.")] = 1800,
) -> None:
    """Upload a recording (multipart when large) and follow it through every stage."""
    settings = load_settings()
    key = key or f"incoming/{kind.value}s/{file.name}"
    recording_id = put_recording(settings, file, key, kind, title or "", speakers)
    console.print(f"uploaded [bold]{file.name}[/] to s3://{settings.bucket}/{key}")
    console.print(f"recording id [bold cyan]{recording_id}[/]")
    if not follow:
        return
    recording = asyncio.run(follow_recording(settings, recording_id, timeout))
    print_summary(recording)
    if recording.refused_upstream:
        # Refused with a reason (a language the model cannot serve, nothing worth publishing): no content.
        console.print(f"[yellow]nothing published: {recording.refused_upstream[0].message}")
        raise typer.Exit(1)
    if recording.failed:
        raise typer.Exit(1)
    if not recording.complete:
        console.print(f"[yellow]not finished after {timeout:.0f} s; `recast status {recording_id}` shows where it is")
        raise typer.Exit(2)
    console.print(f"fetch the artifacts with: [bold]recast get {recording_id}[/]")


def put_recording(
    settings: RecastSettings, file: Path, key: str, kind: Kind, title: str, speakers: str | None = None
) -> str:
    """Upload with a progress bar and return the id ingest will give this exact object version."""
    store = object_store(settings)
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    size = file.stat().st_size
    # No title means none: the writers title the artifacts from what was said, never from the file name.
    metadata = {"kind": kind.value} | ({"title": title} if title else {}) | ({"speakers": speakers} if speakers else {})
    transfer = TransferConfig(multipart_threshold=MULTIPART_THRESHOLD, multipart_chunksize=MULTIPART_CHUNK)
    with Progress(
        TextColumn("uploading"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("upload", total=size)
        store.client.upload_file(
            str(file),
            settings.bucket,
            key,
            ExtraArgs={"ContentType": content_type, "Metadata": metadata},
            Config=transfer,
            Callback=lambda sent: progress.advance(task, sent),
        )
    etag = store.client.head_object(Bucket=settings.bucket, Key=key)["ETag"]
    return recording_id_for(settings.bucket, key, etag)


async def follow_recording(settings: RecastSettings, recording_id: str, timeout_s: float) -> RecordingProgress:
    """Read the status topic from its start (a recording seen before is shown at once) and draw one
    bar per stage until both rails are done, a stage failed, or ``timeout_s`` ran out."""
    recording = RecordingProgress(recording_id)
    with Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[state]}"),
        console=console,
    ) as progress:
        bars: dict[str, TaskID] = {
            stage.value: progress.add_task(stage.value, total=1.0, state="waiting", start=False) for stage in STAGES
        }
        async for _, event in tail(settings, [RECORDINGS_STATUS], from_beginning=True, timeout_s=timeout_s):
            if event.get("recording_id") != recording_id:
                continue
            update = status_from(event)
            if update is None:
                continue
            recording.apply(update)
            stage = recording.stages[update.stage]
            bar = bars[update.stage.value]
            progress.start_task(bar)
            detail = stage.state.value if stage.state else ""
            if stage.state in (StageState.failed, StageState.refused) and stage.message:
                detail += f": {stage.message[:80]}"
            completed = 1.0 if stage.finished else (stage.progress or 0.0)
            progress.update(bar, completed=completed, state=detail)
            if stage.finished:
                progress.stop_task(bar)
            if recording.complete:
                break
    return recording


def print_summary(recording: RecordingProgress) -> None:
    table = Table(title=f"recording {recording.recording_id}")
    for column in ("stage", "state", "time", "detail"):
        table.add_column(column)
    for stage in recording.stages.values():
        table.add_row(
            stage.stage.value,
            stage.state.value if stage.state else "-",
            format_seconds(stage.seconds),
            stage.message,
        )
    console.print(table)
    console.print(f"total {format_seconds(recording.total_seconds)} — {recording.current}")
