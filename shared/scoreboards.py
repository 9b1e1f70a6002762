"""The two rails' scoreboards as stored in S3, and how they roll up: what the scoreboard service writes
and ``recast scoreboard`` reads.

Each rail has its own prefix, its own units and its own roll-ups; no function here takes both
rails' figures at once, so a blended score cannot be computed from this module.

Layout, per rail (``lead-magnets`` or ``framework-articles``):

* ``scoreboards/<rail>/artifacts/<artifact_id>.json`` — an :class:`ArtifactRecord`: what was published
  and what it was made from (recording, insight types, speakers, framework). Written from the rail's
  ``content.*`` topic.
* ``scoreboards/<rail>/by-event/<event_id>.json`` — which artifact a content event published, so a
  webhook may name an artifact by that event's id.
* ``scoreboards/<rail>/tallies/<artifact_id>.json`` — a :class:`Tally`: the counts and the ids already
  counted (which is what makes a redelivered or replayed engagement count once, across restarts).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from shared.events import FrameworkArticleEngagementKind, LeadMagnetEngagementKind, deterministic_id

UNKNOWN_SPEAKER = "unknown"
NO_FRAMEWORK = "(none)"


class Rail(enum.StrEnum):
    lead_magnets = "lead-magnets"
    framework_articles = "framework-articles"


class Grouping(enum.StrEnum):
    artifact = "artifact"
    recording = "recording"
    insight_type = "insight-type"
    speaker = "speaker"
    framework = "framework"


# Each rail's units, headline first: a lead magnet is judged by leads and conversions, an article by
# citations, mentions and invitations. Views are kept on both but never lead either table.
UNITS: dict[Rail, tuple[str, ...]] = {
    Rail.lead_magnets: (
        LeadMagnetEngagementKind.form_fill,
        LeadMagnetEngagementKind.conversion,
        LeadMagnetEngagementKind.download,
        LeadMagnetEngagementKind.view,
    ),
    Rail.framework_articles: (
        FrameworkArticleEngagementKind.citation,
        FrameworkArticleEngagementKind.mention,
        FrameworkArticleEngagementKind.speaking_invitation,
        FrameworkArticleEngagementKind.partnership_request,
        FrameworkArticleEngagementKind.share,
        FrameworkArticleEngagementKind.view,
    ),
}
# Column headings in the rail's own words.
HEADINGS = {
    "form_fill": "leads",
    "conversion": "conversions",
    "download": "downloads",
    "view": "views",
    "citation": "citations",
    "mention": "mentions",
    "speaking_invitation": "invitations",  # to speak
    "partnership_request": "partnerships",  # requests for one
    "share": "shares",
}


def artifact_id(artifact_uri: str) -> str:
    """An artifact's id in the scoreboards: stable for as long as the rail writes to the same key."""
    return deterministic_id("artifact", artifact_uri)


def artifact_key(rail: Rail, artifact: str) -> str:
    return f"scoreboards/{rail}/artifacts/{artifact}.json"


def artifacts_prefix(rail: Rail) -> str:
    return f"scoreboards/{rail}/artifacts/"


def published_event_key(rail: Rail, event_id: str) -> str:
    return f"scoreboards/{rail}/by-event/{event_id}.json"


def tallies_prefix(rail: Rail) -> str:
    return f"scoreboards/{rail}/tallies/"


def tally_key(rail: Rail, artifact: str) -> str:
    return f"scoreboards/{rail}/tallies/{artifact}.json"


class ArtifactRecord(BaseModel):
    """One published artifact of one rail, with what its figures roll up by."""

    model_config = ConfigDict(extra="ignore")

    rail: Rail = Field(description="The rail that published it.")
    artifact_id: str = Field(description="Id of the artifact in the scoreboards (from its URI).")
    artifact_uri: str = Field(description="s3:// URI of the artifact.")
    recording_id: str = Field(description="The recording it was written from.")
    title: str = Field(description="Title of the artifact.")
    content_event_id: str = Field(description="event_id of the latest content event that published it.")
    insight_types: list[str] = Field(default_factory=list, description="Types of the insights it was written from.")
    speakers: list[str] = Field(default_factory=list, description="Who said those insights ('unknown' if not known).")
    framework_name: str = Field(default=NO_FRAMEWORK, description="The framework it introduces (articles).")


class PublishedEvent(BaseModel):
    """Points a content event's id at the artifact it published."""

    artifact_id: str


class Tally(BaseModel):
    """One artifact's counts on its own rail, and every engagement event id already counted."""

    model_config = ConfigDict(extra="ignore")

    rail: Rail
    artifact_id: str
    counts: dict[str, int] = Field(default_factory=dict)
    counted: list[str] = Field(default_factory=list)

    def count(self, event_id: str, kind: str) -> bool:
        """Add one ``kind``; False (and nothing changes) when ``event_id`` was counted before."""
        if event_id in self.counted:
            return False
        self.counts[kind] = self.counts.get(kind, 0) + 1
        self.counted.append(event_id)
        return True


@dataclass
class Row:
    """One line of a scoreboard: a group (an artifact, a recording, a speaker...) and its figures."""

    group: str
    artifacts: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self, rail: Rail) -> dict[str, object]:
        return {"group": self.group, "artifacts": self.artifacts} | {
            HEADINGS[unit]: self.counts.get(unit, 0) for unit in UNITS[rail]
        }


def groups_of(record: ArtifactRecord, by: Grouping) -> list[str]:
    """The groups an artifact's figures count under. An artifact drawn from several insight types or
    speakers counts under each, so those roll-ups are overlapping views, not shares of a total."""
    if by is Grouping.artifact:
        return [f"{record.title} ({record.artifact_id[:8]})"]
    if by is Grouping.recording:
        return [record.recording_id]
    if by is Grouping.insight_type:
        return sorted(set(record.insight_types)) or ["(none)"]
    if by is Grouping.speaker:
        return sorted({speaker or UNKNOWN_SPEAKER for speaker in record.speakers}) or [UNKNOWN_SPEAKER]
    return [record.framework_name or NO_FRAMEWORK]


def roll_up(rail: Rail, artifacts: Iterable[tuple[ArtifactRecord, Tally | None]], by: Grouping) -> list[Row]:
    """One rail's scoreboard grouped ``by``, best first (by the rail's headline unit, then the next).

    Every record must belong to ``rail``: a stray record of the other rail is an error, not a row.
    """
    rows: dict[str, Row] = {}
    for record, tally in artifacts:
        if record.rail is not rail or (tally is not None and tally.rail is not rail):
            raise ValueError(f"{record.artifact_uri} is not on the {rail} rail")
        for group in groups_of(record, by):
            row = rows.setdefault(group, Row(group))
            row.artifacts += 1
            for unit in UNITS[rail]:
                row.counts[unit] = row.counts.get(unit, 0) + (tally.counts.get(unit, 0) if tally else 0)
    ranking = UNITS[rail]
    return sorted(rows.values(), key=lambda row: ([-row.counts.get(unit, 0) for unit in ranking], row.group))
