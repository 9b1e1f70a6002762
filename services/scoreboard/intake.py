"""From a signed webhook to one rail's engagement event, or a 4xx with the reason and nothing published.

Plain Python: the receiver hands in the rail (from the URL), the headers, the raw body, the time and a
way to look artifacts up, and publishes what comes back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from services.scoreboard.signature import SignatureError, verify
from shared.events import (
    FrameworkArticleEngaged,
    FrameworkArticleEngagementKind,
    FrameworkArticleWebhook,
    LeadMagnetConversion,
    LeadMagnetEngaged,
    LeadMagnetEngagementKind,
    LeadMagnetWebhook,
    deterministic_id,
    utc_now,
)
from shared.scoreboards import ArtifactRecord, Rail

Engaged = LeadMagnetEngaged | FrameworkArticleEngaged
KINDS = {
    Rail.lead_magnets: {kind.value for kind in LeadMagnetEngagementKind},
    Rail.framework_articles: {kind.value for kind in FrameworkArticleEngagementKind},
}


@dataclass(frozen=True)
class Rejected(Exception):
    """A request the receiver refuses: ``status`` is the 4xx it answers, ``reason`` what it says why."""

    status: int
    reason: str


def accept(
    rail: Rail,
    headers: dict[str, str],
    body: bytes,
    *,
    secret: bytes,
    now: float,
    max_skew_s: int,
    resolve: Callable[[str], ArtifactRecord | None],
) -> Engaged:
    """The engagement event a webhook stands for; raises :class:`Rejected` for anything else."""
    try:
        verify(secret, headers, body, now, max_skew_s)
    except SignatureError as error:
        raise Rejected(401, str(error)) from None
    webhook = _parse(rail, body)
    record = resolve(webhook.artifact)
    if record is None or record.rail is not rail:
        raise Rejected(404, f"unknown artifact on the {rail} rail: {webhook.artifact!r}")
    envelope = {
        # From the sender's id, so the same fact sent twice is one event the scoreboard counts once.
        "event_id": deterministic_id(str(rail), "engagement", webhook.id),
        "occurred_at": webhook.occurred_at or utc_now(),
        "recording_id": record.recording_id,
        "producer": "scoreboard",
        "artifact_uri": record.artifact_uri,
        "external_id": webhook.id,
        "source": webhook.source,
    }
    if isinstance(webhook, LeadMagnetWebhook):
        return LeadMagnetEngaged(
            **envelope, kind=webhook.type, gating_fields=webhook.fields, conversion=webhook.conversion
        )
    return FrameworkArticleEngaged(
        **envelope, kind=webhook.type, cited_by=webhook.cited_by, where=webhook.where, url=webhook.url
    )


def _parse(rail: Rail, body: bytes) -> LeadMagnetWebhook | FrameworkArticleWebhook:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Rejected(400, "body is not JSON") from None
    if not isinstance(document, dict):
        raise Rejected(400, "body must be a JSON object")
    kind = document.get("type")
    other = Rail.framework_articles if rail is Rail.lead_magnets else Rail.lead_magnets
    if kind not in KINDS[rail] and kind in KINDS[other]:
        raise Rejected(422, f"{kind!r} is a {other} event; this is the {rail} webhook")
    model = LeadMagnetWebhook if rail is Rail.lead_magnets else FrameworkArticleWebhook
    try:
        webhook = model.model_validate(document)
    except ValidationError as error:
        # Field names and messages only: the values may be a lead's gating fields.
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or 'body'}: {problem['msg']}"
            for problem in error.errors(include_input=False, include_url=False)
        )
        raise Rejected(422, problems) from None
    _check_details(webhook)
    return webhook


def _check_details(webhook: LeadMagnetWebhook | FrameworkArticleWebhook) -> None:
    """What one kind of engagement needs and the others must not carry."""
    if isinstance(webhook, LeadMagnetWebhook):
        if webhook.type is LeadMagnetEngagementKind.form_fill and not webhook.fields:
            raise Rejected(422, "form_fill needs the gating fields in 'fields'")
        if webhook.type is not LeadMagnetEngagementKind.form_fill and webhook.fields:
            raise Rejected(422, "only form_fill carries 'fields'")
        converted = isinstance(webhook.conversion, LeadMagnetConversion)
        if (webhook.type is LeadMagnetEngagementKind.conversion) != converted:
            raise Rejected(422, "conversion (and only conversion) needs 'conversion': meeting_booked or opportunity")
        return
    if webhook.type is FrameworkArticleEngagementKind.citation:
        missing = [name for name in ("cited_by", "where", "url") if not getattr(webhook, name)]
        if missing:
            raise Rejected(422, f"citation needs {', '.join(missing)}")
    if webhook.url and not webhook.url.startswith(("https://", "http://")):
        raise Rejected(422, "url must be an http(s) link")
