"""The scoreboards without a broker: signatures, webhook validation, rail separation, counting once, roll-ups."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import pytest

from services.scoreboard.intake import Rejected, accept
from services.scoreboard.ledger import Ledger
from services.scoreboard.receiver import WebhookReceiver
from services.scoreboard.records import record_for
from services.scoreboard.settings import WebhookSettings
from services.scoreboard.signature import SIGNATURE_HEADER, TIMESTAMP_HEADER, SignatureError, sign, verify
from shared.events import FrameworkArticleEngaged, InsightType, LeadMagnetEngaged
from shared.logs import JsonFormatter
from shared.scoreboards import ArtifactRecord, Grouping, Rail, Tally, artifact_id, roll_up
from shared.storage import ObjectStore
from tests.unit.engagement_samples import SECRET, framework_article, insight, insight_set, lead_magnet, signed

Body = dict[str, Any] | bytes
RECORDING = "a1" * 12
INSIGHTS = [insight(RECORDING, InsightType.framework, "S1"), insight(RECORDING, InsightType.pain_point, None)]
LEAD_MAGNET = lead_magnet(RECORDING, INSIGHTS)
ARTICLE = framework_article(RECORDING, INSIGHTS[:1])
RECORDS = {
    Rail.lead_magnets: record_for(LEAD_MAGNET, insight_set(RECORDING, INSIGHTS)),
    Rail.framework_articles: record_for(ARTICLE, insight_set(RECORDING, INSIGHTS)),
}


def resolve_on(rail: Rail) -> Callable[[str], ArtifactRecord | None]:
    """Looks artifacts up the way the ledger does: by URI or content event id, on one rail only."""
    record = RECORDS[rail]

    def resolve(artifact: str) -> ArtifactRecord | None:
        return record if artifact in (record.artifact_uri, record.content_event_id) else None

    return resolve


def intake(rail: Rail, body: Body, **signing: object) -> LeadMagnetEngaged | FrameworkArticleEngaged:
    headers, raw = signed(body, **signing)  # type: ignore[arg-type]
    return accept(rail, headers, raw, secret=SECRET, now=time.time(), max_skew_s=300, resolve=resolve_on(rail))


def rejection(rail: Rail, body: Body, **signing: object) -> Rejected:
    with pytest.raises(Rejected) as caught:
        intake(rail, body, **signing)
    return caught.value


# Signatures ---------------------------------------------------------------------------------
def test_a_signature_verifies_only_with_its_secret_body_and_time() -> None:
    now = time.time()
    headers = {TIMESTAMP_HEADER: str(int(now)), SIGNATURE_HEADER: sign(SECRET, str(int(now)), b"{}")}
    verify(SECRET, headers, b"{}", now, 300)
    for secret, body, at in ((b"another-secret-value", b"{}", now), (SECRET, b"{ }", now), (SECRET, b"{}", now + 301)):
        with pytest.raises(SignatureError):
            verify(secret, headers, body, at, 300)
    with pytest.raises(SignatureError, match="missing"):
        verify(SECRET, {}, b"{}", now, 300)


def test_the_receiver_refuses_to_start_without_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECAST_WEBHOOK_SECRET", raising=False)
    with pytest.raises(ValueError, match="webhook_secret"):
        WebhookSettings()
    monkeypatch.setenv("RECAST_WEBHOOK_SECRET", "short")
    with pytest.raises(ValueError, match="webhook_secret"):
        WebhookSettings()


# Validation and rail separation ----------------------------------------------------------------
def test_a_lead_becomes_a_lead_magnet_event_keyed_to_its_artifact() -> None:
    body = {"id": "form-1", "type": "form_fill", "artifact": LEAD_MAGNET.artifact_uri, "fields": {"email": "r@x.org"}}
    event = intake(Rail.lead_magnets, body)
    assert isinstance(event, LeadMagnetEngaged)
    assert (event.kind, event.recording_id, event.gating_fields) == ("form_fill", RECORDING, {"email": "r@x.org"})
    assert event.event_id == intake(Rail.lead_magnets, body).event_id, "a replay keeps its id"


def test_an_artifact_may_be_named_by_its_content_event_id() -> None:
    event = intake(Rail.framework_articles, {"id": "m-1", "type": "mention", "artifact": ARTICLE.event_id})
    assert isinstance(event, FrameworkArticleEngaged)
    assert event.artifact_uri == ARTICLE.artifact_uri


def test_a_citation_needs_who_where_and_a_link() -> None:
    body = {"id": "c-1", "type": "citation", "artifact": ARTICLE.artifact_uri, "cited_by": "An analyst"}
    assert rejection(Rail.framework_articles, body).reason == "citation needs where, url"
    body |= {"where": "A trade newsletter", "url": "https://example.org/issue-12"}
    assert intake(Rail.framework_articles, body).kind == "citation"


@pytest.mark.parametrize(
    ("rail", "body", "status", "reason"),
    [
        # The other rail's vocabulary is refused by name, in both directions.
        (Rail.lead_magnets, {"id": "1", "type": "citation", "artifact": "x"}, 422, "framework-articles event"),
        (Rail.framework_articles, {"id": "1", "type": "form_fill", "artifact": "x"}, 422, "lead-magnets event"),
        # An artifact of the other rail is unknown on this one.
        (Rail.lead_magnets, {"id": "1", "type": "view", "artifact": ARTICLE.artifact_uri}, 404, "unknown artifact"),
        (Rail.framework_articles, {"id": "1", "type": "view", "artifact": LEAD_MAGNET.artifact_uri}, 404, "unknown"),
        (Rail.lead_magnets, b"not json", 400, "not JSON"),
        (Rail.lead_magnets, {"id": "1", "type": "view"}, 422, "artifact: Field required"),
        (Rail.lead_magnets, {"id": "1", "type": "form_fill", "artifact": LEAD_MAGNET.artifact_uri}, 422, "gating"),
        (Rail.lead_magnets, {"id": "1", "type": "conversion", "artifact": LEAD_MAGNET.artifact_uri}, 422, "conversion"),
        (Rail.lead_magnets, {"id": "1", "type": "view", "artifact": "x", "extra": 1}, 422, "extra: Extra inputs"),
    ],
)
def test_bad_webhooks_are_refused_with_a_reason(rail: Rail, body: Body, status: int, reason: str) -> None:
    refused = rejection(rail, body)
    assert (refused.status, reason in refused.reason) == (status, True), refused


def test_a_bad_or_stale_signature_is_401() -> None:
    body = {"id": "1", "type": "view", "artifact": LEAD_MAGNET.artifact_uri}
    assert rejection(Rail.lead_magnets, body, secret=b"not-the-shared-secret").status == 401
    assert rejection(Rail.lead_magnets, body, at=time.time() - 3600).status == 401


def test_validation_errors_never_echo_the_gating_fields() -> None:
    body = {"id": "1", "type": "form_fill", "artifact": LEAD_MAGNET.artifact_uri, "fields": {"email": ["r@x.org"]}}
    refused = rejection(Rail.lead_magnets, body)
    assert refused.status == 422 and "r@x.org" not in refused.reason


# Counting once, on one rail ------------------------------------------------------------------
def test_a_replayed_engagement_counts_once_even_after_a_restart(store: ObjectStore) -> None:
    Ledger(store, Rail.lead_magnets).register(RECORDS[Rail.lead_magnets])
    assert Ledger(store, Rail.lead_magnets).count(LEAD_MAGNET.artifact_uri, "e1", "form_fill")
    # A new Ledger is what a restarted consumer has: only S3 remembers.
    assert not Ledger(store, Rail.lead_magnets).count(LEAD_MAGNET.artifact_uri, "e1", "form_fill")
    assert Ledger(store, Rail.lead_magnets).count(LEAD_MAGNET.artifact_uri, "e2", "conversion")
    tally = Ledger(store, Rail.lead_magnets).tally(artifact_id(LEAD_MAGNET.artifact_uri))
    assert tally is not None and tally.counts == {"form_fill": 1, "conversion": 1}


def test_a_rails_ledger_knows_only_its_own_artifacts(store: ObjectStore) -> None:
    leads, articles = Ledger(store, Rail.lead_magnets), Ledger(store, Rail.framework_articles)
    leads.register(RECORDS[Rail.lead_magnets])
    articles.register(RECORDS[Rail.framework_articles])
    assert leads.resolve(LEAD_MAGNET.artifact_uri) == RECORDS[Rail.lead_magnets]
    assert leads.resolve(LEAD_MAGNET.event_id) == RECORDS[Rail.lead_magnets]
    assert leads.resolve(ARTICLE.artifact_uri) is None and leads.resolve(ARTICLE.event_id) is None
    assert articles.resolve(LEAD_MAGNET.artifact_uri) is None
    with pytest.raises(ValueError, match="belongs to"):
        leads.register(RECORDS[Rail.framework_articles])


def test_a_tally_changed_under_a_writer_is_retried_not_overwritten(store: ObjectStore) -> None:
    from shared.errors import TransientError

    ledger = Ledger(store, Rail.framework_articles)
    ledger.count(ARTICLE.artifact_uri, "e1", "citation")
    read = ledger._read  # the tally as a second consumer read it, before the first wrote again
    stale = read(f"scoreboards/framework-articles/tallies/{artifact_id(ARTICLE.artifact_uri)}.json")
    ledger.count(ARTICLE.artifact_uri, "e2", "mention")
    ledger._read = lambda key: stale  # type: ignore[method-assign]
    with pytest.raises(TransientError):
        ledger.count(ARTICLE.artifact_uri, "e3", "share")


# Roll-ups ------------------------------------------------------------------------------------
def test_records_carry_what_the_rollups_need() -> None:
    leads = RECORDS[Rail.lead_magnets]
    assert (leads.insight_types, leads.speakers, leads.framework_name) == (
        ["framework", "pain_point"],
        ["S1", "unknown"],
        "(none)",
    )
    assert RECORDS[Rail.framework_articles].framework_name == "First-Week Ladder"
    assert record_for(ARTICLE, None).speakers == ["unknown"]


def test_rollups_stay_in_the_rails_units() -> None:
    leads = Tally(rail=Rail.lead_magnets, artifact_id="a", counts={"form_fill": 2, "conversion": 1})
    rows = roll_up(Rail.lead_magnets, [(RECORDS[Rail.lead_magnets], leads)], Grouping.speaker)
    assert [row.as_dict(Rail.lead_magnets) for row in rows] == [
        {"group": "S1", "artifacts": 1, "leads": 2, "conversions": 1, "downloads": 0, "views": 0},
        {"group": "unknown", "artifacts": 1, "leads": 2, "conversions": 1, "downloads": 0, "views": 0},
    ]
    articles = Tally(rail=Rail.framework_articles, artifact_id="b", counts={"citation": 3})
    (row,) = roll_up(Rail.framework_articles, [(RECORDS[Rail.framework_articles], articles)], Grouping.framework)
    assert row.group == "First-Week Ladder"
    assert set(row.as_dict(Rail.framework_articles)) == {
        "group", "artifacts", "citations", "mentions", "invitations", "partnerships", "shares", "views"
    }  # fmt: skip


def test_a_rollup_refuses_the_other_rails_figures() -> None:
    with pytest.raises(ValueError, match="not on the lead-magnets rail"):
        roll_up(Rail.lead_magnets, [(RECORDS[Rail.framework_articles], None)], Grouping.recording)


# The HTTP receiver ---------------------------------------------------------------------------
async def _post(port: int, path: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    writer.write(head.encode() + body)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    status = int(answer.split(b" ", 2)[1])
    return status, json.loads(answer.split(b"\r\n\r\n", 1)[1])


async def test_the_receiver_routes_by_rail_and_caps_bodies() -> None:
    seen: list[tuple[Rail, bytes, str]] = []

    async def handler(rail: Rail, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, object]]:
        seen.append((rail, body, headers.get(SIGNATURE_HEADER, "")))
        return 202, {"ok": True}

    receiver = WebhookReceiver(handler, "127.0.0.1", 0, max_body_bytes=2048)
    port = await receiver.start()
    try:
        assert (await _post(port, "/webhooks/lead-magnets", b"{}", {"X-Recast-Signature": "s"}))[0] == 202
        assert (await _post(port, "/webhooks/framework-articles", b"[]"))[0] == 202
        assert (await _post(port, "/webhooks/other", b"{}"))[0] == 404
        assert (await _post(port, "/webhooks/lead-magnets", b"x" * 4096))[0] == 413
    finally:
        await receiver.stop()
    assert seen == [(Rail.lead_magnets, b"{}", "s"), (Rail.framework_articles, b"[]", "")]


def test_gating_fields_never_reach_the_logs(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """The line logged for an accepted lead names the lead magnet, never the reader."""
    from services.scoreboard import app

    published: list[object] = []

    async def capture(event: object, key: bytes) -> None:
        published.append(event)

    body = {"id": "f-9", "type": "form_fill", "artifact": LEAD_MAGNET.artifact_uri, "fields": {"email": "r@x.org"}}
    event = intake(Rail.lead_magnets, body)
    monkeypatch.setattr(app.to_lead_magnet_engagement, "publish", capture)
    with caplog.at_level(logging.DEBUG):
        asyncio.run(app.publish_engagement(event))
    assert published == [event]
    # Formatted as the service writes them, extra fields and all.
    lines = "\n".join(JsonFormatter("scoreboard").format(record) for record in caplog.records)
    assert "engagement accepted" in lines and LEAD_MAGNET.artifact_uri in lines
    assert "r@x.org" not in lines and "email" not in lines


def test_the_cli_prints_one_rail_at_a_time(store: ObjectStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console
    from typer.testing import CliRunner

    from cli import scoreboard
    from cli.main import app

    leads, articles = Ledger(store, Rail.lead_magnets), Ledger(store, Rail.framework_articles)
    leads.register(RECORDS[Rail.lead_magnets])
    articles.register(RECORDS[Rail.framework_articles])
    leads.count(LEAD_MAGNET.artifact_uri, "e1", "form_fill")
    articles.count(ARTICLE.artifact_uri, "e2", "citation")
    monkeypatch.setattr(scoreboard, "object_store", lambda settings: store)
    monkeypatch.setattr(scoreboard, "console", Console(width=200))  # wide enough for every column

    result = CliRunner().invoke(app, ["scoreboard", "--rail", "lead-magnets", "--by", "recording", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == [
        {"group": RECORDING, "artifacts": 1, "leads": 1, "conversions": 0, "downloads": 0, "views": 0}
    ]
    table = CliRunner().invoke(app, ["scoreboard", "--rail", "framework-articles", "--by", "framework"])
    assert table.exit_code == 0, table.output
    assert "First-Week Ladder" in table.output and "citations" in table.output and "leads" not in table.output


async def test_the_receiver_needs_post_and_a_length() -> None:
    async def handler(rail: Rail, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, object]]:
        raise AssertionError("never reached")

    receiver = WebhookReceiver(handler, "127.0.0.1", 0, max_body_bytes=2048)
    port = await receiver.start()
    try:
        for request, status in (
            (b"GET /webhooks/lead-magnets HTTP/1.1\r\nContent-Length: 0\r\n\r\n", b"405"),
            (b"POST /webhooks/lead-magnets HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", b"411"),
            (b"nonsense\r\n\r\n", b"400"),
        ):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            await writer.drain()
            answer = await reader.read()
            writer.close()
            assert answer.split(b" ", 2)[1] == status, answer
    finally:
        await receiver.stop()
