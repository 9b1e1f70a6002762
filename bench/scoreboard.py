"""How fast signed webhooks become scoreboard figures, on the local stack (scoreboard service only).

Registers one artifact per rail, posts ``--webhooks`` signed webhooks per rail from ``--senders``
concurrent senders (every ``--replay-every``-th one a replay of an earlier id), and reports:

* acceptance: webhooks answered 202 per second (signature, validation, artifact lookup in S3, publish);
* settle time: from the first post until both rails' tallies hold every distinct id (counted once).

    python -m bench.scoreboard --webhooks 200
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer

from cli.scoreboard import read_scoreboard
from infra.local.stack import LocalStack, free_port
from infra.local.webhooks import post_webhook, post_when_known
from shared.events import Event, FrameworkArticlePublished, LeadMagnetPublished, deterministic_id
from shared.scoreboards import Rail
from shared.storage import ObjectStore, make_s3_client
from shared.topics import FRAMEWORK_ARTICLES, LEAD_MAGNETS

KINDS = {Rail.lead_magnets: ("view", "download"), Rail.framework_articles: ("view", "share", "mention")}


def artifacts(recording_id: str, bucket: str) -> dict[Rail, LeadMagnetPublished | FrameworkArticlePublished]:
    common: dict[str, Any] = {
        "recording_id": recording_id,
        "producer": "bench",
        "artifact_sha256": "0" * 64,
        "insight_ids": [],
        "source_key": f"incoming/webinars/{recording_id}.mp3",
    }
    magnet_uri = f"s3://{bucket}/content/{recording_id}/lead-magnet.md"
    article_uri = f"s3://{bucket}/content/{recording_id}/framework-article.md"
    return {
        Rail.lead_magnets: LeadMagnetPublished(
            event_id=deterministic_id("bench", magnet_uri),
            artifact_uri=magnet_uri,
            title="Bench lead magnet",
            format="checklist",
            target_keyword="bench",
            call_to_action="Try it",
            **common,
        ),
        Rail.framework_articles: FrameworkArticlePublished(
            event_id=deterministic_id("bench", article_uri),
            artifact_uri=article_uri,
            title="Bench article",
            framework_name="Bench Ladder",
            thesis="Benchmarks settle arguments.",
            **common,
        ),
    }


async def publish(stack: LocalStack, topic: str, event: Event) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(topic, event.model_dump_json().encode(), key=event.recording_id.encode())
    finally:
        await producer.stop()


def bodies(rail: Rail, artifact_uri: str, count: int, replay_every: int) -> list[dict[str, Any]]:
    kinds = KINDS[rail]
    made = [{"id": f"{rail}-{n}", "type": kinds[n % len(kinds)], "artifact": artifact_uri} for n in range(count)]
    # Every replay_every-th post repeats the previous id: it must be accepted and never counted twice.
    return [made[n - 1] if replay_every and n and n % replay_every == 0 else made[n] for n in range(count)]


def run(webhooks: int, senders: int, replay_every: int, partitions: int) -> None:
    with tempfile.TemporaryDirectory() as run_dir:
        stack = LocalStack(
            Path(run_dir),
            kafka_port=free_port(),
            s3_port=free_port(),
            webhook_port=free_port(),
            partitions=partitions,
            services=("scoreboard",),
        )
        stack.up()
        try:
            measure(stack, webhooks, senders, replay_every)
        finally:
            stack.down()


def measure(stack: LocalStack, webhooks: int, senders: int, replay_every: int) -> None:
    secret = stack.env["RECAST_WEBHOOK_SECRET"]
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    published = artifacts(uuid.uuid4().hex[:24], stack.bucket)
    for rail, topic in ((Rail.lead_magnets, LEAD_MAGNETS), (Rail.framework_articles, FRAMEWORK_ARTICLES)):
        asyncio.run(publish(stack, topic, published[rail]))
        warm_up = {"id": f"{rail}-warm-up", "type": "view", "artifact": published[rail].artifact_uri}
        assert post_when_known(stack.webhook_url(rail), secret, warm_up, 60)[0] == 202
    posts = [
        (stack.webhook_url(rail), body)
        for rail in Rail
        for body in bodies(rail, published[rail].artifact_uri, webhooks, replay_every)
    ]
    expected = {rail: len({body["id"] for url, body in posts if url.endswith(str(rail))}) + 1 for rail in Rail}
    began = time.perf_counter()
    with ThreadPoolExecutor(senders) as pool:
        statuses = list(pool.map(lambda post: post_webhook(post[0], secret, post[1])[0], posts))
    accepted_s = time.perf_counter() - began
    assert statuses.count(202) == len(posts), {status: statuses.count(status) for status in set(statuses)}
    while True:
        counted = {rail: sum(sum(t.counts.values()) for _, t in read_scoreboard(store, rail) if t) for rail in Rail}
        if counted == expected:
            break
        assert time.perf_counter() - began < 300, f"not settled: {counted} of {expected}"
        time.sleep(0.1)
    settled_s = time.perf_counter() - began
    print(f"posted {len(posts)} webhooks ({webhooks} per rail, every {replay_every}th a replay) from {senders} senders")
    print(f"accepted: {len(posts) / accepted_s:.0f} webhooks/s ({accepted_s:.2f} s)")
    distinct = f"{expected[Rail.lead_magnets]} and {expected[Rail.framework_articles]} distinct engagements"
    print(f"settled:  {settled_s:.2f} s until both tallies held exactly {distinct}")
    print(f"          ({len(posts) / settled_s:.0f} webhooks/s end to end)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--webhooks", type=int, default=200, help="webhooks per rail")
    parser.add_argument("--senders", type=int, default=4, help="concurrent senders")
    parser.add_argument("--replay-every", type=int, default=10, help="every n-th post repeats the previous id")
    parser.add_argument("--partitions", type=int, default=3)
    args = parser.parse_args()
    run(args.webhooks, args.senders, args.replay_every, args.partitions)


if __name__ == "__main__":
    main()
