"""``recast scoreboard --rail RAIL [--by GROUPING] [--json]``: one rail's figures, in that rail's units.

Read from the rail's own prefix in S3 (written by its own scoreboard group). There is no option
to show both rails in one table: their wins are different things and are never added up.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.common import load_settings, object_store
from shared.scoreboards import (
    HEADINGS,
    UNITS,
    ArtifactRecord,
    Grouping,
    Rail,
    Row,
    Tally,
    artifacts_prefix,
    roll_up,
    tallies_prefix,
    tally_key,
)
from shared.storage import ObjectStore

console = Console()

# Roll-ups where one artifact may count under several groups.
OVERLAPPING = (Grouping.insight_type, Grouping.speaker)


def read_scoreboard(store: ObjectStore, rail: Rail) -> list[tuple[ArtifactRecord, Tally | None]]:
    """Every artifact the rail's scoreboard knows, with its tally (None before its first engagement)."""
    tallies = {item["Key"] for item in store.list_keys(tallies_prefix(rail))}
    artifacts: list[tuple[ArtifactRecord, Tally | None]] = []
    for item in store.list_keys(artifacts_prefix(rail)):
        record = ArtifactRecord.model_validate_json(store.get_bytes(store.uri(item["Key"])))
        key = tally_key(rail, record.artifact_id)
        tally = Tally.model_validate_json(store.get_bytes(store.uri(key))) if key in tallies else None
        artifacts.append((record, tally))
    return artifacts


def scoreboard_table(rail: Rail, by: Grouping, rows: list[Row]) -> Table:
    table = Table(title=f"{rail} scoreboard, by {by}")
    per_artifact = by is Grouping.artifact  # one artifact a row: no count of artifacts to show
    table.add_column(str(by), overflow="fold")
    if not per_artifact:
        table.add_column("artifacts", justify="right")
    for unit in UNITS[rail]:
        table.add_column(HEADINGS[unit], justify="right")
    for row in rows:
        figures = [str(row.counts.get(unit, 0)) for unit in UNITS[rail]]
        table.add_row(row.group, *([] if per_artifact else [str(row.artifacts)]), *figures)
    if by in OVERLAPPING:
        table.caption = f"an artifact drawn from several {by}s counts under each: rows overlap"
    return table


def scoreboard(
    rail: Annotated[Rail, typer.Option("--rail", help="lead-magnets (leads, conversions) or framework-articles.")],
    by: Annotated[
        Grouping, typer.Option("--by", help="artifact, recording, insight-type, speaker or framework.")
    ] = Grouping.artifact,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """One rail's scoreboard: leads for lead magnets, influence for framework articles, never mixed."""
    store = object_store(load_settings())
    rows = roll_up(rail, read_scoreboard(store, rail), by)
    if as_json:
        document = {"rail": str(rail), "by": str(by), "rows": [row.as_dict(rail) for row in rows]}
        typer.echo(json.dumps(document, indent=2))
        return
    if not rows:
        console.print(f"[yellow]no {rail} artifact on the scoreboard yet")
        return
    console.print(scoreboard_table(rail, by, rows))
