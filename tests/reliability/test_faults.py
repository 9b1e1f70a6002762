"""Crashes, broker restarts and S3 errors with 20 recordings in flight: nothing lost, nothing doubled."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from cli.reconcile import reconcile_bucket
from infra.local.stack import SERVICES
from tests.reliability.harness import (
    RECORDINGS_PER_SCENARIO,
    Ledger,
    S3FaultProxy,
    count_with,
    reliability_stack,
    settle_and_account,
    store_of,
    upload_talks,
    wait_until,
)

pytestmark = [pytest.mark.reliability, pytest.mark.integration, pytest.mark.timeout(900)]

# Kill each service once the stage before it has delivered some, but not all, of its work.
KILL_WHEN = {
    "ingest": ("recordings/", "ingested.json", 1),
    "transcriber": ("transcripts/", "transcript.json", 2),
    "insights": ("insights/", "insights.json", 4),
    # The framework-article writer is the quicker of the two (no PDF to render): it goes first.
    "framework_article_writer": ("content/", "framework-article.md", 5),
    "lead_magnet_writer": ("content/", "lead-magnet.md", 5),
}


async def test_kill_9_each_service_in_turn(tmp_path: Path, talks: list[bytes]) -> None:
    stack = reliability_stack(tmp_path)
    await asyncio.to_thread(stack.up)
    try:
        store = store_of(stack)
        uploads = upload_talks(store, talks, "kill9", RECORDINGS_PER_SCENARIO)
        mid_work = []
        assert set(KILL_WHEN) == set(SERVICES)
        for service, (prefix, name, at_least) in KILL_WHEN.items():
            await wait_until(lambda p=prefix, n=name, k=at_least: count_with(store, p, n, uploads) >= k, 180, 0.2)
            done = count_with(store, prefix, name, uploads)
            mid_work.append(f"{service}@{done}/{len(uploads)}")
            stack.stop(service, kill=True)
            await asyncio.sleep(1)
            # Back at once, as a supervisor would restart it; the next kill does not wait for it to rejoin.
            stack.start(service, wait=False)
        result, ledger = await settle_and_account(
            stack, "kill -9 each service in turn, restart", uploads, 420, notes="killed " + ", ".join(mid_work)
        )
    finally:
        stack.down()
    assert ledger.completed(uploads) == set(uploads), ledger.failures(uploads)
    assert (result.lost, result.duplicates) == (0, 0), result


async def test_broker_restart_on_s3_storage(tmp_path: Path, talks: list[bytes]) -> None:
    stack = reliability_stack(tmp_path, broker_storage="s3")
    await asyncio.to_thread(stack.up)
    try:
        store = store_of(stack)
        uploads = upload_talks(store, talks, "broker-s3", RECORDINGS_PER_SCENARIO)
        await wait_until(lambda: count_with(store, "transcripts/", "transcript.json", uploads) >= 4, 240, 0.2)
        done = count_with(store, "transcripts/", "transcript.json", uploads)
        stack.stop("broker", kill=True)
        await asyncio.sleep(2)
        await asyncio.to_thread(stack.start, "broker")
        result, ledger = await settle_and_account(
            stack,
            "broker kill -9 + restart (Tansu on S3 storage)",
            uploads,
            420,
            notes=f"restarted with {done}/{len(uploads)} transcribed; no reconcile",
        )
    finally:
        stack.down()
    assert (result.lost, result.duplicates) == (0, 0), (result, ledger.failures(uploads))


async def test_broker_restart_on_memory_storage_then_reconcile(tmp_path: Path, talks: list[bytes]) -> None:
    stack = reliability_stack(tmp_path)
    await asyncio.to_thread(stack.up)
    try:
        store = store_of(stack)
        uploads = upload_talks(store, talks, "broker-memory", RECORDINGS_PER_SCENARIO)
        await wait_until(lambda: count_with(store, "transcripts/", "transcript.json", uploads) >= 4, 240, 0.2)
        done = count_with(store, "transcripts/", "transcript.json", uploads)
        before = Ledger()
        await before.read(stack)  # what the broker is about to forget
        stack.stop("broker", kill=True)
        await asyncio.sleep(2)
        await asyncio.to_thread(stack.start, "broker")
        # The procedure after a broker lost its memory (docs/reliability.md): restart the services, whose
        # in-memory positions point past the end of the new, empty logs, then reconcile from S3.
        for service in SERVICES:
            stack.stop(service, kill=True)
            stack.start(service, wait=False)
        await asyncio.to_thread(stack.wait_until_subscribed)
        plans = await reconcile_bucket(stack.settings(), stale_after_s=10, partitions=stack.partitions)
        redriven = sum(plan.needed for plan in plans)
        after = Ledger()
        result, ledger = await settle_and_account(
            stack,
            "broker kill -9 + restart (memory storage), services restarted, recast reconcile",
            uploads,
            420,
            notes=f"restarted with {done}/{len(uploads)} transcribed; reconcile re-drove {redriven}",
            ledger=after,
        )
        # Events from before the restart count too when looking for duplicates.
        for topic, events in before.events.items():
            after.events[topic] = events + after.events[topic]
        result.duplicates, _ = after.duplicates(uploads)
        result.completed = len(after.completed(uploads))
        result.lost = len(uploads) - result.completed
    finally:
        stack.down()
    assert (result.lost, result.duplicates) == (0, 0), (result, ledger.failures(uploads))


async def test_s3_errors_for_a_while(tmp_path: Path, talks: list[bytes]) -> None:
    stack = reliability_stack(tmp_path)
    proxy = S3FaultProxy(stack.s3_port).start()
    stack.extra_env["S3_ENDPOINT_URL"] = proxy.url  # services see S3 through the proxy; the test does not
    await asyncio.to_thread(stack.up)
    try:
        store = store_of(stack)
        uploads = upload_talks(store, talks, "s3-errors", RECORDINGS_PER_SCENARIO)
        windows = ((1.0, 6), (0.5, 10), (1.0, 5))  # bounded: three windows, 21 s in all
        for window, (fail_ratio, seconds) in enumerate(windows):
            await wait_until(
                lambda w=window: count_with(store, "transcripts/", "transcript.json", uploads) >= 3 + 4 * w, 240, 0.2
            )
            proxy.fail_ratio = fail_ratio
            await asyncio.sleep(seconds)
            proxy.fail_ratio = 0.0
        result, ledger = await settle_and_account(
            stack,
            "S3 503s: 6 s all, 10 s half, 5 s all",
            uploads,
            420,
            notes=f"{proxy.injected} requests answered 503",
        )
    finally:
        stack.down()
        proxy.stop()
    assert proxy.injected > 0
    assert (result.lost, result.duplicates) == (0, 0), (result, ledger.failures(uploads), ledger.dead_letters())
