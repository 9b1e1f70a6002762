"""``recast get RECORDING_ID``: download a recording's artifacts (both rails, transcript, insights)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cli.common import load_settings, object_store
from shared.events import Transcript

console = Console()

# Where each service writes its artifact for a recording (see services/*/app.py).
ARTIFACT_PREFIXES = ("content/{id}/", "transcripts/{id}/", "insights/{id}/")


def get(
    recording_id: Annotated[str, typer.Argument(help="The recording's id (recast upload and recast status show it).")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder to write to; ./recast-<id>/ by default.")
    ] = None,
) -> None:
    """Download everything Recast produced for one recording."""
    settings = load_settings()
    store = object_store(settings)
    target = out or Path(f"recast-{recording_id}")
    keys = [item["Key"] for prefix in ARTIFACT_PREFIXES for item in store.list_keys(prefix.format(id=recording_id))]
    if not keys:
        console.print(f"[red]nothing stored for recording {recording_id} in s3://{settings.bucket}/")
        raise typer.Exit(1)
    target.mkdir(parents=True, exist_ok=True)
    for key in keys:
        area, _, rest = key.split("/", 2)
        # Both rails' Markdown at the top; transcript and insights (and anything beside them) in folders.
        path = target / rest if area == "content" else target / area / rest
        path.parent.mkdir(parents=True, exist_ok=True)
        store.download(key, path)
        console.print(f"{path}  [dim]<- s3://{settings.bucket}/{key}[/]")
    transcript = target / "transcripts" / "transcript.json"
    if transcript.exists():
        console.print(who_spoke(Transcript.model_validate_json(transcript.read_text())))
    missing = [name for name in ("lead-magnet.md", "framework-article.md") if not (target / name).exists()]
    if missing:
        console.print(f"[yellow]not (yet) written: {', '.join(missing)}; `recast status {recording_id}` says why")


def who_spoke(transcript: Transcript) -> str:
    """One line on the transcript's speakers: each with their share of the talking, in order of
    first appearance, or why there are none."""
    talk: dict[str, float] = {}
    for segment in transcript.segments:
        if segment.speaker:
            talk[segment.speaker] = talk.get(segment.speaker, 0.0) + segment.end - segment.start
    if not talk:
        return "speakers: not identified (`recast status` says why)"
    total = sum(talk.values()) or 1.0
    return "speakers: " + ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in talk.items())
