"""``recast dlq list|replay``: the messages no consumer could process, and sending them round again.

Every dead letter (see ``shared.broker``) carries the original payload, key and headers, the
topic it came from, the stage that gave up and why. ``replay`` publishes the original payload
to the original topic unchanged; consumers are idempotent, so replaying a letter whose
recording has meanwhile been completed (by ``recast reconcile``, say) makes no second output.
"""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Annotated

import typer
from aiokafka import AIOKafkaProducer
from rich.console import Console
from rich.table import Table

from cli.common import load_settings, read_all
from shared.events import DeadLettered
from shared.settings import RecastSettings
from shared.topics import DEAD_LETTERS

console = Console()
app = typer.Typer(help="Dead letters: messages a stage gave up on, and rejected uploads.", no_args_is_help=True)


def parse_letters(values: list[bytes]) -> list[DeadLettered]:
    """Dead letters in the order they were written, each once (a redelivered failure repeats its id)."""
    letters: dict[str, DeadLettered] = {}
    for value in values:
        try:
            letter = DeadLettered.model_validate_json(value)
        except ValueError:
            continue
        letters.setdefault(letter.event_id, letter)
    return list(letters.values())


async def dead_letters(settings: RecastSettings) -> list[DeadLettered]:
    return parse_letters(await read_all(settings, [DEAD_LETTERS]))


def original_payload(letter: DeadLettered) -> bytes:
    if letter.payload_encoding == "base64":
        return base64.b64decode(letter.payload)
    return letter.payload.encode()


async def replay_letters(settings: RecastSettings, letters: list[DeadLettered]) -> int:
    """Publish each letter's original payload, key and headers to its original topic."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers.split(","), acks="all", client_id="recast-cli-dlq"
    )
    await producer.start()
    try:
        for letter in letters:
            headers = [(name, value.encode()) for name, value in letter.original_headers.items() if value]
            await producer.send_and_wait(
                letter.original_topic,
                original_payload(letter),
                key=letter.original_key.encode() if letter.original_key else None,
                headers=headers,
            )
    finally:
        await producer.stop()
    return len(letters)


def _select(
    letters: list[DeadLettered], ids: list[str] | None, stage: str | None, topic: str | None
) -> list[DeadLettered]:
    return [
        letter
        for letter in letters
        if (not ids or letter.event_id in ids or letter.recording_id in ids)
        and (stage is None or letter.stage == stage)
        and (topic is None or letter.original_topic == topic)
    ]


@app.command("list")
def list_letters(
    stage: Annotated[str | None, typer.Option(help="Only letters from this stage (service), e.g. transcriber.")] = None,
    topic: Annotated[str | None, typer.Option(help="Only letters from this original topic.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """Show every dead letter: when, which stage, from which topic, for which recording, and why."""
    letters = _select(asyncio.run(dead_letters(load_settings())), None, stage, topic)
    if as_json:
        for letter in letters:
            typer.echo(letter.model_dump_json())
        return
    table = Table(title=f"{len(letters)} dead letter(s) on {DEAD_LETTERS}")
    for column in ("id", "failed at", "stage", "from topic", "recording", "kind", "tries", "error"):
        table.add_column(column, overflow="fold")
    for letter in letters:
        table.add_row(
            letter.event_id,
            letter.last_failed_at.strftime("%Y-%m-%d %H:%M:%S"),
            letter.stage,
            letter.original_topic,
            letter.recording_id,
            letter.error_kind,
            str(letter.attempts),
            f"{letter.error_type}: {letter.error_message}"[:200],
        )
    console.print(table)


@app.command("replay")
def replay(
    ids: Annotated[
        list[str] | None, typer.Option("--id", help="A letter id or recording id; repeat for several.")
    ] = None,
    replay_all: Annotated[bool, typer.Option("--all", help="Replay every letter (after the filters).")] = False,
    stage: Annotated[str | None, typer.Option(help="Only letters from this stage.")] = None,
    topic: Annotated[str | None, typer.Option(help="Only letters from this original topic.")] = None,
) -> None:
    """Publish dead letters' original payloads to their original topics, for the stages to try again."""
    if not ids and not replay_all:
        console.print("[red]name letters with --id, or pass --all")
        raise typer.Exit(2)
    settings = load_settings()
    chosen = _select(asyncio.run(dead_letters(settings)), ids, stage, topic)
    if not chosen:
        console.print("nothing to replay")
        raise typer.Exit(1)
    count = asyncio.run(replay_letters(settings, chosen))
    for letter in chosen:
        console.print(f"replayed {letter.event_id} → {letter.original_topic} ({letter.stage}, {letter.recording_id})")
    typer.echo(json.dumps({"replayed": count}))
