"""What both writers' LLM drafting shares: the answer's shape, fenced data, the transcript, the outcome.

The rails differ in what they ask the model and what a draft must carry; they share how the
model sees the data (as a fenced JSON document it must not obey), how the transcript a
draft is checked against is found, and how the result is reported on the artifact.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from shared.events import Transcript
from shared.keys import transcript_key
from shared.llm import LLMUnavailableError, ResilientChat
from shared.storage import ObjectStore, S3Uri, in_thread

WriterName = Literal["extractive", "llm"]
ArtifactT = TypeVar("ArtifactT")

_FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\s*\n", re.DOTALL)
_TITLE_LINE = re.compile(r"^\s{0,3}#\s.*$\n?", re.MULTILINE)


class DraftAnswer(BaseModel):
    """What a model returns: the draft's Markdown body (no title, no front matter)."""

    model_config = ConfigDict(extra="ignore")

    body: str = Field(min_length=1, max_length=40_000, description="The draft, in Markdown.")


@dataclass
class DraftOutcome:
    """Which writer's prose an artifact carries, and what happened to the model's draft on the way."""

    writer: WriterName = "extractive"
    notes: list[str] = field(default_factory=list)

    @classmethod
    def replaced(cls, reason: str, notes: list[str] | None = None) -> DraftOutcome:
        return cls("extractive", [*(notes or []), f"LLM draft replaced by the extractive draft: {reason}"])


class UnusableDraftError(Exception):
    """The model's draft (or the artifact it would go into) cannot be used; the message says why."""


async def draft_or_keep(
    step: Callable[[], Awaitable[tuple[ArtifactT, DraftOutcome]]],
    extractive: ArtifactT,
    *,
    chat: ResilientChat,
    deadline_s: float,
    recording_id: str,
    log: logging.Logger,
) -> tuple[ArtifactT, DraftOutcome]:
    """Run one rail's drafting step under the deadline; on any failure keep the extractive artifact.

    Never raises (but for cancellation): an error that escaped a handler would be retried and then
    dead-lettered by the broker middleware, and a model must never cost a recording its artifact.
    The deadline covers the whole step, reading the transcript included."""
    try:
        async with asyncio.timeout(deadline_s):
            return await step()
    except TimeoutError:
        requests = chat.last_run.requests
        return extractive, DraftOutcome.replaced(f"deadline of {deadline_s:.1f} s passed after {requests} request(s)")
    except (LLMUnavailableError, UnusableDraftError) as unusable:
        return extractive, DraftOutcome.replaced(str(unusable))
    except Exception as error:  # a bug or an unreadable transcript: logged whole, never raised
        log.exception("drafting failed", extra={"recording_id": recording_id})
        return extractive, DraftOutcome.replaced(f"{type(error).__name__}: {error}"[:300])


def fenced(label: str, data: dict[str, Any]) -> str:
    """Data for the model, fenced so it can tell where data ends; a fence inside the data cannot close it."""
    body = json.dumps(data, ensure_ascii=False, indent=1).replace(f"</{label}>", f"</ {label}>")
    return f"<{label}>\n{body}\n</{label}>"


def draft_body(markdown: str) -> str:
    """The model's body without a front-matter block or a title line it was told not to write."""
    return _TITLE_LINE.sub("", _FRONT_MATTER.sub("", markdown)).strip()


def timestamp(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def transcript_uri_for(store: ObjectStore, recording_id: str, transcript_uri: str | None) -> str:
    """The event's transcript, or (for a replay, whose event carries none) where the transcriber stores it."""
    return transcript_uri or str(S3Uri(store.bucket, transcript_key(recording_id)))


async def load_transcript(store: ObjectStore, uri: str) -> Transcript:
    transcript: Transcript = await in_thread(store.get_model, uri, Transcript)
    return transcript
