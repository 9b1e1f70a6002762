"""Every event Recast publishes, declared once.

Events carry references (``s3://bucket/key`` plus a SHA-256 of the object), never audio
or long text. Every event shares one envelope; readers ignore fields they do not know
(so an older consumer survives a newer producer) while producers emit exactly what the
model declares. Bump ``SCHEMA_VERSION`` on any change a reader has to know about.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import PurePosixPath
from typing import ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


def deterministic_id(*parts: str) -> str:
    """A stable id derived from its inputs, so a redelivered event maps to the same id."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def ids_of(body: bytes | None) -> dict[str, str]:
    """The correlation ids a Recast event carries, or none for anything else (S3 notifications)."""
    if not body:
        return {}
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(event, dict):
        return {}
    return {name: str(event[name]) for name in ("recording_id", "event_id") if event.get(name)}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """The envelope every Recast event carries."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    name: ClassVar[str] = "event"

    event_id: str = Field(description="Unique id of this event; stable across redeliveries of the same fact.")
    schema_version: int = Field(default=SCHEMA_VERSION, description="Version of the event schema.")
    occurred_at: datetime = Field(default_factory=utc_now, description="When the fact happened (UTC).")
    recording_id: str = Field(description="Correlation id: the recording this event belongs to.")
    producer: str = Field(description="The service that published the event.")


class RecordingKind(StrEnum):
    webinar = "webinar"
    podcast = "podcast"


class RecordingIngested(Event):
    """A new recording was found under ``incoming/``, validated and recorded."""

    name: ClassVar[str] = "recording.ingested"

    source_uri: str = Field(description="s3:// URI of the uploaded object.")
    source_key: str = Field(description="Object key of the upload, e.g. incoming/podcasts/episode-12.mp3.")
    source_etag: str = Field(description="ETag of the uploaded object version that was ingested.")
    kind: RecordingKind = Field(description="webinar or podcast.")
    title: str = Field(
        default="",
        description="The upload's own title (object metadata 'title'); empty when it had none, never the file "
        "name: each writer then builds a title from what the speaker said.",
    )
    size_bytes: int = Field(ge=0, description="Size of the uploaded object in bytes.")
    duration_s: float = Field(ge=0, description="Duration of the audio stream in seconds.")
    container: str = Field(description="Container format reported by ffprobe, e.g. mp3, mov,mp4,m4a.")
    audio_codec: str = Field(description="Codec of the first audio stream, e.g. mp3, aac, opus.")
    language: str | None = Field(
        default=None,
        max_length=16,
        description="Language the uploader declared (object metadata 'language', ISO 639-1, e.g. de); "
        "None when not declared.",
    )
    speakers: list[str] = Field(
        default_factory=list,
        description="Speakers' names in order of first appearance, from the upload's 'speakers' metadata "
        "(comma-separated); the transcript uses them instead of S1, S2, ...",
    )


class TranscriptWord(BaseModel):
    """One word with its own timing, where the engine produced word timestamps."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    start: float = Field(ge=0, description="Start of the word, seconds from the start of the recording.")
    end: float = Field(ge=0, description="End of the word, seconds from the start of the recording.")
    word: str = Field(description="The word as transcribed, with its leading space or punctuation.")
    probability: float = Field(default=1.0, ge=0, le=1, description="The engine's confidence in the word.")
    confirmed: bool | None = Field(
        default=None,
        description="Whether a second, independent decoding of the same audio heard this word too; "
        "None when the word was not checked (its segment was sure enough, or the second opinion is off).",
    )


class TranscriptSegment(BaseModel):
    """One timestamped stretch of speech. Also the shape of segments in the transcript JSON."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    start: float = Field(ge=0, description="Start of the segment, seconds from the start of the recording.")
    end: float = Field(ge=0, description="End of the segment, seconds from the start of the recording.")
    text: str = Field(description="What was said, as transcribed.")
    words: list[TranscriptWord] = Field(
        default_factory=list, description="The segment's words with timings; empty when word timestamps are off."
    )
    speaker: str = Field(
        default="",
        description="Who spoke: S1, S2, ... in order of first appearance (or a name from the upload's metadata); "
        "empty when the recording was not diarized.",
    )
    avg_logprob: float | None = Field(
        default=None, description="Whisper's average log-probability of the segment's tokens (closer to 0 is surer)."
    )
    no_speech_prob: float | None = Field(
        default=None, ge=0, le=1, description="Whisper's probability that the segment's window held no speech."
    )
    compression_ratio: float | None = Field(
        default=None, ge=0, description="gzip compression ratio of the text; high values mean repeated text (a loop)."
    )


class Transcript(BaseModel):
    """The transcript document stored in S3 (JSON) and referenced by ``TranscriptReady``."""

    model_config = ConfigDict(extra="ignore")

    recording_id: str
    language: str
    engine: str
    model: str
    duration_s: float
    segments: list[TranscriptSegment]
    speech_s: float = Field(default=0.0, ge=0, description="Seconds of speech found by voice activity detection.")
    chunk_count: int = Field(default=0, ge=0, description="How many chunks the recording was transcribed in.")
    transcribe_s: float = Field(default=0.0, ge=0, description="Engine time spent on all chunks, seconds.")
    language_probability: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="The model's probability for the language it detected; None when "
        "the language was declared or configured rather than detected.",
    )

    @property
    def text(self) -> str:
        return " ".join(segment.text.strip() for segment in self.segments).strip()


class TranscriptReady(Event):
    """A recording has been transcribed; the transcript JSON is in S3."""

    name: ClassVar[str] = "transcript.ready"

    transcript_uri: str = Field(description="s3:// URI of the transcript JSON (segments with start, end, text).")
    transcript_sha256: str = Field(description="SHA-256 of the transcript JSON object.")
    source_key: str = Field(description="Object key of the original upload.")
    title: str = Field(default="", description="The upload's own title, as ingested; empty when the upload had none.")
    language: str = Field(description="Language of the transcript (ISO 639-1).")
    language_probability: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="The model's probability for the language it detected; None when "
        "the language was declared or configured rather than detected.",
    )
    engine: str = Field(description="Speech-to-text engine that produced it.")
    model: str = Field(description="Model name used by the engine.")
    duration_s: float = Field(ge=0, description="Audio duration in seconds.")
    segment_count: int = Field(ge=0, description="Number of segments in the transcript.")
    srt_uri: str = Field(default="", description="s3:// URI of the transcript as SubRip subtitles (.srt).")
    vtt_uri: str = Field(default="", description="s3:// URI of the transcript as WebVTT subtitles (.vtt).")
    txt_uri: str = Field(default="", description="s3:// URI of the transcript as plain text, one segment a line.")


class TranscriptionChunkPlanned(Event):
    """One chunk of a recording's speech is ready to transcribe. The transcriber publishes these to
    itself, so a long recording is many short jobs spread over partitions and replicas."""

    name: ClassVar[str] = "transcription-chunk.planned"

    chunk_index: int = Field(ge=0, description="Position of the chunk in the recording.")
    chunk_count: int = Field(ge=1, description="How many chunks the recording was cut into.")
    plan_uri: str = Field(description="s3:// URI of the transcription plan (every chunk's speech spans).")
    chunk_uri: str = Field(description="s3:// URI of the chunk's audio (16 kHz mono WAV of its speech spans).")
    source_key: str = Field(description="Object key of the original upload.")


class InsightType(StrEnum):
    point_of_view = "point_of_view"
    framework = "framework"
    data_point = "data_point"
    pain_point = "pain_point"
    story = "story"
    quotable_line = "quotable_line"


class Evidence(BaseModel):
    """One verbatim quote an insight rests on, traced to where it was said."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    quote: str = Field(description="Verbatim quote from the transcript.")
    start: float = Field(ge=0, description="Start of the quote in the recording, seconds.")
    end: float = Field(ge=0, description="End of the quote in the recording, seconds.")
    segment_index: int | None = Field(
        default=None, ge=0, description="Index of the transcript segment (speaker turn) the quote starts in."
    )
    speaker: str | None = Field(default=None, description="Who said it, where the transcript knows.")


class Insight(BaseModel):
    """One idea found in a recording, with the verbatim evidence it rests on."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    insight_id: str = Field(description="Stable id of the insight (derived from recording, type and evidence).")
    type: InsightType = Field(description="What kind of idea this is.")
    summary: str = Field(description="One-line statement of the idea, in the speaker's own words where possible.")
    quote: str = Field(description="Verbatim quote from the transcript that supports the idea.")
    headline: str = Field(
        default="",
        description="The clause of the quote that states the idea on its own, verbatim and short enough to name "
        "it (a pillar, a title); empty when no clause of it stands alone.",
    )
    start: float = Field(ge=0, description="Start of the quote in the recording, seconds.")
    end: float = Field(ge=0, description="End of the quote in the recording, seconds.")
    steps: list[str] = Field(default_factory=list, description="Ordered steps, for framework insights.")
    keywords: list[str] = Field(default_factory=list, description="Key phrases of the idea, most relevant first.")
    score: float = Field(ge=0, le=1, description="How publishable the idea is (specificity and evidence), 0..1.")
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Every quote the idea rests on, the main one first (near-duplicates merged into one insight).",
    )
    speaker: str | None = Field(default=None, description="Who said the main quote, where the transcript knows.")
    segment_index: int | None = Field(
        default=None, ge=0, description="Transcript segment (speaker turn) the main quote starts in."
    )
    specificity: float = Field(default=0, ge=0, le=1, description="Numbers, named things, concrete detail, 0..1.")
    originality: float = Field(
        default=0, ge=0, le=1, description="How far the idea departs from consensus (contrarian cues), 0..1."
    )
    evidence_strength: float = Field(
        default=0, ge=0, le=1, description="How well the quotes back the idea (data, stories, repetition), 0..1."
    )
    engine: str = Field(default="extractive", description="The insight engine that found it.")
    quote_is_verbatim: bool = Field(
        default=True,
        description="Whether the main quote was heard clearly enough to print inside quotation marks as the "
        "speaker's own words; False: writers publish its point without quotation marks or a time it was said.",
    )
    words_heard_wrong: list[str] = Field(
        default_factory=list,
        description="Words of the insight's quotes that a second opinion says the speech-to-text engine got wrong "
        "(a second decoding heard another word, or the language has no such word): writers print no name or line "
        "that holds one.",
    )


class InsightSet(BaseModel):
    """All insights of one recording: the document stored in S3 and read by the writers."""

    model_config = ConfigDict(extra="ignore")

    recording_id: str
    source_key: str
    title: str = Field(default="", description="The upload's own title; empty when the upload had none.")
    keywords: list[str]
    insights: list[Insight]
    refusal_reason: str | None = Field(
        default=None,
        description="Why nothing from the recording is worth publishing (then insights is empty); None otherwise.",
    )
    promotion_set_aside: list[Evidence] = Field(
        default_factory=list,
        description="What the engine's second opinion read as self-promotion the pitch rules missed, and kept out "
        "of the insights: each passage with where it was said.",
    )

    @property
    def uploaded_title(self) -> str:
        """The upload's own title, or "": sets stored before ingest stopped standing in the file name for a
        missing title carry that name, and a replay of them must not publish it."""
        title = self.title.strip()
        return "" if title == PurePosixPath(self.source_key).stem else title


class InsightExtracted(Event):
    """One insight of a recording. A recording's insights arrive in order on one partition."""

    name: ClassVar[str] = "insight.extracted"

    insight: Insight = Field(description="The insight itself (a short quote, never the transcript).")
    insight_index: int = Field(ge=0, description="Position of this insight among the recording's insights.")
    insight_count: int = Field(ge=1, description="How many insights the recording has in all.")
    insights_uri: str = Field(description="s3:// URI of the recording's whole insight set (JSON).")
    transcript_uri: str = Field(description="s3:// URI of the transcript the insight was drawn from.")
    source_key: str = Field(description="Object key of the original upload.")

    @property
    def is_last(self) -> bool:
        return self.insight_index == self.insight_count - 1


class ArtifactPublished(Event):
    """Fields both rails' output events share: where the Markdown artifact is and what fed it."""

    artifact_uri: str = Field(description="s3:// URI of the Markdown artifact.")
    artifact_sha256: str = Field(description="SHA-256 of the Markdown artifact.")
    title: str = Field(description="Title of the artifact.")
    insight_ids: list[str] = Field(description="Ids of the insights the artifact was written from.")
    source_key: str = Field(description="Object key of the original upload.")
    writer: Literal["extractive", "llm"] = Field(
        default="extractive",
        description="Whose prose the artifact carries: extractive (templates over the speaker's verbatim words) "
        "or llm (the rail's model's draft, after verification and the rail's own check).",
    )
    writer_notes: list[str] = Field(
        default_factory=list,
        description="What verification cut from the model's draft, and why a draft was replaced by the extractive "
        "one; empty when no model is configured.",
    )


class LeadMagnetPublished(ArtifactPublished):
    """Content-marketing rail: a gated lead magnet was written."""

    name: ClassVar[str] = "lead-magnet.published"

    rail: Literal["lead-magnets"] = Field(default="lead-magnets", description="The rail that produced it.")
    format: str = Field(description="checklist, cheat-sheet, worksheet or mini-guide.")
    target_keyword: str = Field(description="The search keyword the lead magnet targets.")
    call_to_action: str = Field(description="The call to action the lead magnet ends with.")
    html_uri: str | None = Field(default=None, description="s3:// URI of the lead magnet rendered as HTML.")
    pdf_uri: str | None = Field(default=None, description="s3:// URI of the downloadable PDF lead magnet.")


class FrameworkArticlePublished(ArtifactPublished):
    """Thought-leadership rail: a framework article was written and passed the promotional-tell guard."""

    name: ClassVar[str] = "framework-article.published"

    rail: Literal["framework-articles"] = Field(default="framework-articles", description="The rail that produced it.")
    framework_name: str = Field(description="Name of the framework the article introduces.")
    thesis: str = Field(description="The article's thesis in one sentence.")


class ArtifactRefused(Event):
    """Fields both rails' refusals share: why nothing was published, and what it would have been written from."""

    reasons: list[str] = Field(description="Why nothing was published, one readable reason each.")
    insight_ids: list[str] = Field(description="Ids of the insights the artifact would have been written from.")
    source_key: str = Field(description="Object key of the original upload.")

    @classmethod
    def of(cls, insight_set: InsightSet, reasons: Sequence[str], *, source_key: str, producer: str) -> Self:
        """The refusal of this recording for these reasons: the same reasons again (a redelivery, a replay) give
        the same event id."""
        return cls(
            event_id=deterministic_id(insight_set.recording_id, cls.name, *reasons),
            recording_id=insight_set.recording_id,
            producer=producer,
            reasons=list(reasons),
            insight_ids=[insight.insight_id for insight in insight_set.insights],
            source_key=source_key,
        )


class LeadMagnetRefused(ArtifactRefused):
    """Content-marketing rail: no lead magnet was published, because the recording could not support one (no
    key phrase said twice to target, too little content, no call to action configured); a marketer decides what
    happens next."""

    name: ClassVar[str] = "lead-magnet.refused"

    rail: Literal["lead-magnets"] = Field(default="lead-magnets", description="The rail that refused it.")


class FrameworkArticleRefused(ArtifactRefused):
    """Thought-leadership rail: no article was published (promotional tells it could not repair, or too
    little to argue from); a human editor decides what happens next."""

    name: ClassVar[str] = "framework-article.refused"

    rail: Literal["framework-articles"] = Field(default="framework-articles", description="The rail that refused it.")


class RailReplayRequested(Event):
    """Regenerate one rail's output for a recording from its stored insights (no re-transcription).

    Each rail has its own replay topic, so a replay of one rail never wakes the other."""

    name: ClassVar[str] = "rail.replay-requested"

    rail: Literal["lead-magnets", "framework-articles"] = Field(description="The rail to regenerate.")
    insights_uri: str = Field(description="s3:// URI of the recording's stored insight set (JSON).")
    source_key: str = Field(description="Object key of the original upload.")


def time_to_write(event: InsightExtracted | RailReplayRequested, rail: str) -> bool:
    """Whether a writer on ``rail`` writes now: on a recording's last insight (they arrive in order
    on one partition, so the set is complete), or on a replay request for its own rail."""
    if isinstance(event, RailReplayRequested):
        return event.rail == rail
    return event.is_last


class DeadLettered(Event):
    """A message a consumer gave up on, or an upload ingest rejected: kept whole so it can be replayed."""

    name: ClassVar[str] = "message.dead-lettered"

    stage: str = Field(description="The service (consumer) that failed, e.g. transcriber.")
    consumer_group: str = Field(description="Consumer group of the failing subscriber.")
    original_topic: str = Field(description="Topic the message came from; `recast dlq replay` publishes it there.")
    original_partition: int | None = Field(default=None, description="Partition of the original message.")
    original_offset: int | None = Field(default=None, description="Offset of the original message.")
    original_key: str | None = Field(default=None, description="Key of the original message (UTF-8 or base64).")
    original_headers: dict[str, str] = Field(default_factory=dict, description="Headers of the original message.")
    payload: str = Field(description="The original message body, as text or base64 (see payload_encoding).")
    payload_encoding: Literal["utf-8", "base64"] = Field(description="How ``payload`` encodes the body.")
    error_type: str = Field(description="Class of the last error, e.g. ValidationError.")
    error_message: str = Field(description="The last error's message, with secrets and signed URLs removed.")
    error_kind: Literal["transient", "permanent", "rejected"] = Field(
        description="transient: retries ran out; permanent: retrying cannot help; rejected: a bad upload."
    )
    attempts: int = Field(ge=1, description="How many times the message was tried.")
    first_failed_at: datetime = Field(description="When the first attempt failed (UTC).")
    last_failed_at: datetime = Field(description="When the last attempt failed (UTC).")


# Engagement: how each rail's artifacts fare once published. Two rails, two vocabularies, two topics;
# nothing here is shared between them, so no figure of one rail can be added to the other's.


class LeadMagnetEngagementKind(StrEnum):
    """What a reader did with a lead magnet (content-marketing rail: traffic, leads, conversion)."""

    view = "view"
    download = "download"
    form_fill = "form_fill"  # a lead: the reader filled in the gating form
    conversion = "conversion"  # a meeting booked or an opportunity opened


class FrameworkArticleEngagementKind(StrEnum):
    """How a framework article travelled (thought-leadership rail: influence, not leads)."""

    view = "view"
    share = "share"
    mention = "mention"
    citation = "citation"  # someone cited the framework, somewhere, with a link
    speaking_invitation = "speaking_invitation"
    partnership_request = "partnership_request"


class LeadMagnetConversion(StrEnum):
    meeting_booked = "meeting_booked"
    opportunity = "opportunity"


class LeadMagnetWebhook(BaseModel):
    """Body of ``POST /webhooks/lead-magnets``: one engagement with one lead magnet, as a form tool or
    CRM reports it. Signed with HMAC-SHA256 (headers ``X-Recast-Timestamp``, ``X-Recast-Signature``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        min_length=1, max_length=200, description="The sender's own id for this fact; a replay with it counts once."
    )
    type: LeadMagnetEngagementKind = Field(description="view, download, form_fill or conversion.")
    artifact: str = Field(
        min_length=1,
        max_length=1000,
        description="The lead magnet: its artifact_uri (s3://...) or the event_id of its content.lead-magnets event.",
    )
    occurred_at: datetime | None = Field(default=None, description="When it happened (UTC); now when absent.")
    source: str = Field(default="webhook", max_length=100, description="The tool that reported it, e.g. a form tool.")
    fields: dict[str, str] = Field(
        default_factory=dict,
        max_length=50,
        description="form_fill only: the gating fields' values (the lead). Never logged, never stored in a scoreboard.",
    )
    conversion: LeadMagnetConversion | None = Field(
        default=None, description="conversion only: meeting_booked or opportunity."
    )


class FrameworkArticleWebhook(BaseModel):
    """Body of ``POST /webhooks/framework-articles``: one sign of influence of one framework article, as a
    social listening tool reports it. Signed like the lead-magnet webhook, with the same headers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        min_length=1, max_length=200, description="The sender's own id for this fact; a replay with it counts once."
    )
    type: FrameworkArticleEngagementKind = Field(
        description="view, share, mention, citation, speaking_invitation or partnership_request."
    )
    artifact: str = Field(
        min_length=1,
        max_length=1000,
        description="The article: its artifact_uri (s3://...) or the event_id of its content.framework-articles event.",
    )
    occurred_at: datetime | None = Field(default=None, description="When it happened (UTC); now when absent.")
    source: str = Field(default="webhook", max_length=100, description="The tool that reported it.")
    cited_by: str = Field(default="", max_length=300, description="citation: who cited the framework.")
    where: str = Field(default="", max_length=300, description="citation, mention: the publication or venue.")
    url: str = Field(default="", max_length=2000, description="citation (required), mention, share: the link.")


class LeadMagnetEngaged(Event):
    """Content-marketing rail: a reader engaged with a lead magnet. Keyed by the artifact's URI."""

    name: ClassVar[str] = "lead-magnet.engaged"

    rail: Literal["lead-magnets"] = Field(default="lead-magnets", description="The rail the artifact belongs to.")
    kind: LeadMagnetEngagementKind = Field(description="view, download, form_fill or conversion.")
    artifact_uri: str = Field(description="s3:// URI of the lead magnet the engagement is about.")
    external_id: str = Field(description="The sender's own id for the fact (event_id is derived from it).")
    source: str = Field(description="The tool that reported it.")
    gating_fields: dict[str, str] = Field(
        default_factory=dict, description="form_fill: the gating fields' values (the lead); kept out of logs."
    )
    conversion: LeadMagnetConversion | None = Field(default=None, description="conversion: what kind.")


class FrameworkArticleEngaged(Event):
    """Thought-leadership rail: a framework article was viewed, shared, mentioned, cited, or earned an
    invitation. Keyed by the artifact's URI."""

    name: ClassVar[str] = "framework-article.engaged"

    rail: Literal["framework-articles"] = Field(
        default="framework-articles", description="The rail the artifact belongs to."
    )
    kind: FrameworkArticleEngagementKind = Field(
        description="view, share, mention, citation, speaking_invitation or partnership_request."
    )
    artifact_uri: str = Field(description="s3:// URI of the framework article the engagement is about.")
    external_id: str = Field(description="The sender's own id for the fact (event_id is derived from it).")
    source: str = Field(description="The tool that reported it.")
    cited_by: str = Field(default="", description="citation: who cited the framework.")
    where: str = Field(default="", description="citation, mention: the publication or venue.")
    url: str = Field(default="", description="citation, mention, share: the link.")
