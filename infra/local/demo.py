"""``make demo``: the bundled sample recording through the whole local pipeline.

Starts the local stack unless one is already running, uploads the sample under
``incoming/webinars/``, follows the recording through every topic and prints both rails'
artifacts (a rail that refused the recording prints its reasons instead, and the demo exits 1).
The stack keeps running afterwards (``make down`` stops it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from cli.scoreboard import read_scoreboard, scoreboard_table
from infra.local.stack import (
    ALL_SERVICES,
    REPO_ROOT,
    LocalStack,
    StackError,
    default_partitions,
    embedded_scale,
)
from infra.local.webhooks import post_when_known
from shared.scoreboards import Grouping, Rail, roll_up
from shared.storage import ObjectStore, S3Uri, make_s3_client
from shared.topics import (
    FRAMEWORK_ARTICLE_REVIEW,
    FRAMEWORK_ARTICLES,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNET_REVIEW,
    LEAD_MAGNETS,
    RECORDINGS_INGESTED,
    RECORDINGS_STATUS,
    TRANSCRIPTS_READY,
)

SAMPLE = REPO_ROOT / "samples" / "sample-webinar.mp3"
FOLLOWED = (
    RECORDINGS_INGESTED,
    TRANSCRIPTS_READY,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNETS,
    LEAD_MAGNET_REVIEW,
    FRAMEWORK_ARTICLES,
    FRAMEWORK_ARTICLE_REVIEW,
)
# Each rail ends a recording one of two ways: its artifact published, or refused with the reasons.
OUTCOMES = {LEAD_MAGNETS: LEAD_MAGNET_REVIEW, FRAMEWORK_ARTICLES: FRAMEWORK_ARTICLE_REVIEW}


async def open_followers(bootstrap_servers: str, topics: tuple[str, ...]) -> AIOKafkaConsumer:
    """A group-less consumer placed at the end of every partition, so it sees only what comes next."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    partitions = [
        TopicPartition(topic, partition)
        for topic in topics
        for partition in sorted(consumer.partitions_for_topic(topic) or await _partitions(consumer, topic))
    ]
    consumer.assign(partitions)
    await consumer.seek_to_end(*partitions)
    for partition in partitions:
        await consumer.position(partition)
    return consumer


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> set[int]:
    await consumer._client.force_metadata_update()  # the first lookup of a topic may find no metadata yet
    return consumer.partitions_for_topic(topic) or {0}


async def follow(
    consumer: AIOKafkaConsumer, source_key: str, until: Sequence[str | tuple[str, ...]], timeout_s: float
) -> dict[str, list[dict[str, Any]]]:
    """Events about the upload at ``source_key``, per topic, until every entry of ``until`` has one: a topic, or
    a tuple of topics any one of which will do (a rail's output or its refusal).

    With nothing in ``until`` it listens for the whole ``timeout_s``.
    """
    seen: dict[str, list[dict[str, Any]]] = {}
    wanted = [(entry,) if isinstance(entry, str) else entry for entry in until]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not (wanted and all(any(map(seen.get, topics)) for topics in wanted)):
        batches = await consumer.getmany(timeout_ms=500)
        for partition, records in batches.items():
            for record in records:
                event = json.loads(record.value)
                if event.get("source_key") == source_key:
                    seen.setdefault(partition.topic, []).append(event)
                    _report(partition.topic, event)
    return seen


def _report(topic: str, event: dict[str, Any]) -> None:
    detail = {
        RECORDINGS_INGESTED: lambda: f"{event['kind']} '{event['title']}', {event['duration_s']:.0f} s",
        TRANSCRIPTS_READY: lambda: f"{event['segment_count']} segments by {event['engine']} {event['model']}",
        INSIGHTS_EXTRACTED: lambda: f"{event['insight']['type']}: {event['insight']['summary'][:70]}",
        LEAD_MAGNETS: lambda: event["artifact_uri"],
        FRAMEWORK_ARTICLES: lambda: event["artifact_uri"],
        LEAD_MAGNET_REVIEW: lambda: "refused: " + "; ".join(event["reasons"]),
        FRAMEWORK_ARTICLE_REVIEW: lambda: "refused: " + "; ".join(event["reasons"]),
        RECORDINGS_STATUS: lambda: f"{event['stage']} {event['state']} {event['message']}".rstrip(),
    }[topic]()
    print(f"  {topic:<28} {detail}")


async def run_demo(stack: LocalStack, sample: Path, timeout_s: float) -> int:
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    key = f"incoming/webinars/{sample.stem}-{uuid.uuid4().hex[:8]}{sample.suffix}"
    consumer = await open_followers(stack.bootstrap_servers, FOLLOWED)
    try:
        store.client.upload_file(
            str(sample),
            stack.bucket,
            key,
            ExtraArgs={"ContentType": "audio/mpeg", "Metadata": {"title": "Depth beats volume"}},
        )
        print(f"uploaded {sample.name} to s3://{stack.bucket}/{key}; following it through the pipeline:")
        seen = await follow(consumer, key, list(OUTCOMES.items()), timeout_s)
    finally:
        await consumer.stop()
    missing = [topic for topic, review in OUTCOMES.items() if not seen.get(topic) and not seen.get(review)]
    if missing:
        print(
            f"no output on {', '.join(missing)} within {timeout_s:.0f} s; logs are in {stack.run_dir}/", file=sys.stderr
        )
        return 1
    for topic in OUTCOMES:
        if seen.get(topic):
            uri = seen[topic][0]["artifact_uri"]
            print(f"\n===== {topic}: {uri} =====\n")
            print(store.get_bytes(S3Uri.parse(uri)).decode())
    refused = [review for topic, review in OUTCOMES.items() if not seen.get(topic)]
    for review in refused:
        print(f"\n===== {review}: " + "; ".join(seen[review][0]["reasons"]), file=sys.stderr)
    if refused:
        return 1
    if "scoreboard" in stack.webhook_ports:
        return await show_scoreboards(stack, store, seen)
    return 0


# One sample engagement per rail, in that rail's own terms.
SAMPLE_ENGAGEMENT: dict[Rail, dict[str, Any]] = {
    Rail.lead_magnets: {"type": "form_fill", "source": "demo-form", "fields": {"email": "reader@example.org"}},
    Rail.framework_articles: {
        "type": "citation",
        "source": "demo-listening",
        "cited_by": "An industry newsletter",
        "where": "Weekly issue",
        "url": "https://example.org/issue",
    },
}


async def show_scoreboards(stack: LocalStack, store: ObjectStore, seen: dict[str, list[dict[str, Any]]]) -> int:
    """Post one signed webhook per rail and print each rail's scoreboard once it has counted it."""
    from rich.console import Console

    secret = stack.env["RECAST_WEBHOOK_SECRET"]
    for rail, topic in ((Rail.lead_magnets, LEAD_MAGNETS), (Rail.framework_articles, FRAMEWORK_ARTICLES)):
        body: dict[str, Any] = {"id": f"demo-{uuid.uuid4().hex[:8]}", "artifact": seen[topic][0]["artifact_uri"]}
        url = stack.webhook_url(rail)
        status, answer = await asyncio.to_thread(post_when_known, url, secret, body | SAMPLE_ENGAGEMENT[rail], 30)
        print(f"\nPOST {url} -> {status} {answer}")
        if status != 202:
            return 1
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            rows = roll_up(rail, read_scoreboard(store, rail), Grouping.artifact)
            if any(any(row.counts.values()) for row in rows):
                Console().print(scoreboard_table(rail, Grouping.artifact, rows))
                break
            await asyncio.sleep(0.3)
        else:
            print(f"the {rail} scoreboard did not count the webhook in 30 s", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local.demo", description=__doc__)
    parser.add_argument("--run-dir", type=Path, default=REPO_ROOT / ".run")
    parser.add_argument("--partitions", type=int, default=default_partitions())
    parser.add_argument(
        "--scale",
        action="append",
        default=[],
        metavar="SERVICE=N",
        help="replicas of one service (default: a transcriber per core)",
    )
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)

    stack = LocalStack.load(args.run_dir)
    if stack is None:
        stack = LocalStack.from_environment(
            args.run_dir,
            partitions=args.partitions,
            scale=embedded_scale(args.scale),
            services=ALL_SERVICES,
        )
        print("starting the local stack (broker, S3, five services and the scoreboards)...")
        try:
            stack.up()
        except StackError as error:
            print(f"the local stack did not come up: {error}", file=sys.stderr)
            return 1
    print(f"stack ready: Kafka {stack.bootstrap_servers}, S3 {stack.s3_endpoint_url}")
    status = asyncio.run(run_demo(stack, args.sample, args.timeout))
    print(f"\nthe stack is still running (logs in {args.run_dir}/); stop it with `make down`")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
