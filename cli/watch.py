"""``recast watch --rail lead-magnets|framework-articles``: an output topic, one readable line an event."""

from __future__ import annotations

import asyncio
import contextlib
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from cli.common import load_settings, tail
from shared.topics import FRAMEWORK_ARTICLE_REVIEW, FRAMEWORK_ARTICLES, LEAD_MAGNET_REVIEW, LEAD_MAGNETS

console = Console(highlight=False)


class Rail(StrEnum):
    lead_magnets = "lead-magnets"
    framework_articles = "framework-articles"


# Each rail also has a review topic: a refusal is news on that rail too.
RAIL_TOPICS = {
    Rail.lead_magnets: (LEAD_MAGNETS, LEAD_MAGNET_REVIEW),
    Rail.framework_articles: (FRAMEWORK_ARTICLES, FRAMEWORK_ARTICLE_REVIEW),
}


def watch(
    rail: Annotated[Rail, typer.Option("--rail", "-r", help="lead-magnets or framework-articles.")],
    from_beginning: Annotated[bool, typer.Option(help="Start with what was already published.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after this many events.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Stop after this many seconds.")] = None,
) -> None:
    """Tail one rail's output topic in readable form (Ctrl-C to stop)."""
    settings = load_settings()
    console.print(f"watching {', '.join(RAIL_TOPICS[rail])} on {settings.kafka_bootstrap_servers}", style="dim")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a tail ends
        asyncio.run(_watch(rail, from_beginning, limit, timeout))


async def _watch(rail: Rail, from_beginning: bool, limit: int | None, timeout: float | None) -> None:
    seen = 0
    async for topic, event in tail(
        load_settings(), RAIL_TOPICS[rail], from_beginning=from_beginning, timeout_s=timeout
    ):
        console.print(describe(topic, event))
        seen += 1
        if limit is not None and seen >= limit:
            return


def describe(topic: str, event: dict[str, Any]) -> str:
    """One line a human reads: when, which recording, what was published and where it is."""
    when = str(event.get("occurred_at", ""))[:19].replace("T", " ")
    head = f"{when}  {event.get('recording_id', '?')}  {topic}"
    if topic == LEAD_MAGNETS:
        return (
            f"{head}\n    {event.get('format')}: {event.get('title')!r} "
            f"(keyword {event.get('target_keyword')!r}, CTA {event.get('call_to_action')!r})\n"
            f"    {event.get('artifact_uri')}"
        )
    if topic == FRAMEWORK_ARTICLES:
        return (
            f"{head}\n    {event.get('framework_name')}: {event.get('title')!r}\n"
            f"    thesis: {event.get('thesis')}\n    {event.get('artifact_uri')}"
        )
    if topic in (LEAD_MAGNET_REVIEW, FRAMEWORK_ARTICLE_REVIEW):
        return f"{head}\n    refused: " + "; ".join(map(str, event.get("reasons", [])))
    return f"{head}  {event}"
