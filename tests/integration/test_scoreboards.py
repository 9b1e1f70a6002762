"""Both scoreboards on a real broker and a real S3: webhooks in through the receiver, each rail's figures
out in its own units, and no figure ever crossing from one rail to the other.

Only the scoreboard service runs; the test plays the writers (content events on both rails' topics,
the insight set in S3) and the marketers' tools (signed webhooks).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from cli.common import read_all
from cli.scoreboard import read_scoreboard
from infra.local.stack import REPO_ROOT, LocalStack, free_port
from infra.local.webhooks import post_webhook, post_when_known
from shared.events import Event, InsightType
from shared.metrics import metric_value
from shared.scoreboards import Rail, artifact_id
from shared.storage import ObjectStore, make_s3_client
from shared.topics import ENGAGEMENT_FRAMEWORK_ARTICLES, ENGAGEMENT_LEAD_MAGNETS, FRAMEWORK_ARTICLES, LEAD_MAGNETS
from tests.conftest import make_stack
from tests.unit.engagement_samples import framework_article, insight, insight_set, lead_magnet

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

EMAIL = "reader@example.org"


@pytest.fixture(scope="module")
def scoreboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(tmp_path_factory.mktemp("scoreboards"), services=("scoreboard",), webhook_port=free_port())
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


async def publish(stack: LocalStack, topic: str, event: Event) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(topic, event.model_dump_json().encode(), key=event.recording_id.encode())
    finally:
        await producer.stop()


async def published_on(stack: LocalStack, topic: str) -> list[dict[str, Any]]:
    """Everything on ``topic`` so far, read without a group."""
    return [json.loads(value) for value in await read_all(stack.settings(), [topic])]


def counts(store: ObjectStore, rail: Rail, artifact_uri: str) -> dict[str, int]:
    for record, tally in read_scoreboard(store, rail):
        if record.artifact_uri == artifact_uri:
            return tally.counts if tally else {}
    return {}


async def until(check: Any, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.2)


def metrics_of(stack: LocalStack) -> str:
    with urllib.request.urlopen(stack.metrics_url("scoreboard"), timeout=10) as response:
        return str(response.read().decode())


def recast(stack: LocalStack, *args: str) -> Any:
    env = {**os.environ, **stack.env, "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_webhooks_move_only_their_own_rails_scoreboard(scoreboard: LocalStack) -> None:
    stack, secret = scoreboard, scoreboard.env["RECAST_WEBHOOK_SECRET"]
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    recording_id = uuid.uuid4().hex[:24]
    insights = [insight(recording_id, InsightType.framework, "S1"), insight(recording_id, InsightType.story, None)]
    store.put_model(f"insights/{recording_id}/insights.json", insight_set(recording_id, insights))
    magnet = lead_magnet(recording_id, insights, stack.bucket)
    article = framework_article(recording_id, insights, stack.bucket)
    await publish(stack, LEAD_MAGNETS, magnet)
    await publish(stack, FRAMEWORK_ARTICLES, article)
    leads_url, articles_url = stack.webhook_url("lead-magnets"), stack.webhook_url("framework-articles")

    lead: dict[str, Any] = {"id": f"form-{recording_id}", "type": "form_fill", "artifact": magnet.artifact_uri}
    lead["fields"] = {"email": EMAIL}
    assert (await asyncio.to_thread(post_when_known, leads_url, secret, lead, 60))[0] == 202
    citation = {
        "id": f"cite-{recording_id}",
        "type": "citation",
        "artifact": article.event_id,  # named by its content event's id this time
        "cited_by": "A trade newsletter",
        "where": "Issue 12",
        "url": "https://example.org/12",
    }
    assert (await asyncio.to_thread(post_when_known, articles_url, secret, citation, 60))[0] == 202

    # Each rail's figure moved, in its own units, and nothing of it on the other rail.
    await until(lambda: counts(store, Rail.lead_magnets, magnet.artifact_uri) == {"form_fill": 1})
    await until(lambda: counts(store, Rail.framework_articles, article.artifact_uri) == {"citation": 1})

    # The same lead sent again, and refusals of every kind: none may move a figure.
    assert post_webhook(leads_url, secret, lead)[0] == 202
    refused = [
        post_webhook(leads_url, secret, {"id": "x1", "type": "citation", "artifact": magnet.artifact_uri}),
        post_webhook(articles_url, secret, {"id": "x2", "type": "form_fill", "artifact": article.artifact_uri}),
        post_webhook(leads_url, secret, {"id": "x3", "type": "view", "artifact": article.artifact_uri}),
        post_webhook(articles_url, secret, {"id": "x4", "type": "view", "artifact": magnet.artifact_uri}),
        post_webhook(leads_url, "not-the-shared-secret", {"id": "x5", "type": "view", "artifact": magnet.artifact_uri}),
        post_webhook(leads_url, secret, {"id": "x6", "type": "view", "artifact": magnet.artifact_uri}, timestamp=1),
        post_webhook(leads_url, secret, b"{not json"),
    ]
    assert [status for status, _ in refused] == [422, 422, 404, 404, 401, 401, 400]
    assert all(answer["error"] for _, answer in refused)

    await until(lambda: metric_value(metrics_of(stack), "recast_lead_magnet_engagement_duplicates_total") >= 1)
    assert counts(store, Rail.lead_magnets, magnet.artifact_uri) == {"form_fill": 1}
    assert counts(store, Rail.framework_articles, article.artifact_uri) == {"citation": 1}

    # Only the three accepted posts reached the topics, each on its own rail's, keyed by artifact.
    lead_events = [e for e in await published_on(stack, ENGAGEMENT_LEAD_MAGNETS) if e["recording_id"] == recording_id]
    article_events = [
        e for e in await published_on(stack, ENGAGEMENT_FRAMEWORK_ARTICLES) if e["recording_id"] == recording_id
    ]
    assert [e["external_id"] for e in lead_events] == [lead["id"], lead["id"]]
    assert [e["external_id"] for e in article_events] == [citation["id"]]

    # Each rail's Prometheus family counts its own kinds only.
    page = metrics_of(stack)
    assert metric_value(page, "recast_lead_magnet_engagement_total", {"kind": "form_fill"}) == 1
    assert metric_value(page, "recast_framework_article_engagement_total", {"kind": "citation"}) == 1
    assert metric_value(page, "recast_lead_magnet_engagement_total", {"kind": "citation"}) == 0

    # The CLI shows each rail in its own units, rolled up as asked.
    leads_board = json.loads(recast(stack, "scoreboard", "--rail", "lead-magnets", "--by", "speaker", "--json"))
    assert [(row["group"], row["leads"]) for row in leads_board["rows"]] == [("S1", 1), ("unknown", 1)]
    assert "citations" not in leads_board["rows"][0]
    by_framework = ("--by", "framework", "--json")
    articles_board = json.loads(recast(stack, "scoreboard", "--rail", "framework-articles", *by_framework))
    assert [(row["group"], row["citations"]) for row in articles_board["rows"]] == [("First-Week Ladder", 1)]
    assert "leads" not in articles_board["rows"][0]
    table = recast(stack, "scoreboard", "--rail", "framework-articles", "--by", "recording")
    assert recording_id in table and "citations" in table

    # The reader's gating fields reached the topic (the lead is the point) but never a log line or a tally.
    assert lead_events[0]["gating_fields"] == {"email": EMAIL}
    assert EMAIL not in (stack.run_dir / "scoreboard.log").read_text()
    tally = store.get_bytes(store.uri(f"scoreboards/lead-magnets/tallies/{artifact_id(magnet.artifact_uri)}.json"))
    assert EMAIL.encode() not in tally

    # A restarted scoreboard remembers what it counted (the state is in S3, not in its memory).
    stack.stop("scoreboard")
    await asyncio.to_thread(stack.start, "scoreboard")
    assert post_webhook(leads_url, secret, lead)[0] == 202
    await until(lambda: metric_value(metrics_of(stack), "recast_lead_magnet_engagement_duplicates_total") >= 1)
    assert counts(store, Rail.lead_magnets, magnet.artifact_uri) == {"form_fill": 1}
