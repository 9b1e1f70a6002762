"""Crashes, broker restarts and S3 errors with 20 recordings in flight: nothing lost, nothing doubled."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cli.reconcile import reconcile_bucket
from infra.local.stack import SERVICES, LocalStack
from shared.topics import TRANSCRIPTION_CHUNKS
from tests.reliability.harness import (
    RECORDINGS_PER_SCENARIO,
    Ledger,
    S3FaultProxy,
    ServiceLog,
    StatusTail,
    count_with,
    kill_inside_a_message,
    message_of,
    notify_uploads,
    reliability_stack,
    settle_and_account,
    store_of,
    upload_talks,
    wait_for_outputs,
    wait_until,
)

# Upstream first, so each stage still has work queued when its turn comes; the framework-article
# writer (no PDF to render) is the quicker of the two writers.
KILL_ORDER = ("ingest", "transcriber", "insights", "framework_article_writer", "lead_magnet_writer")

pytestmark = [pytest.mark.reliability, pytest.mark.integration, pytest.mark.own_stack, pytest.mark.timeout(900)]


def chunk_mid_transcription(status: StatusTail) -> Callable[[dict[str, Any]], bool]:
    """A chunk message whose recording the transcriber reports in progress: it is mid-chunk."""

    def inside(record: dict[str, Any]) -> bool:
        progress = status.latest.get((str(record.get("recording_id")), "transcribe")) == "progress"
        return record.get("topic") == TRANSCRIPTION_CHUNKS and progress

    return inside


async def test_kill_9_each_service_inside_a_message(tmp_path: Path, talks: list[bytes]) -> None:
    """Each service is SIGKILLed while a handler is inside a message (seen in its own log), with the
    production claim lease, polling and retries; every one of those messages must be done again."""
    stack = reliability_stack(tmp_path)
    # Ingest, insights and the writers are quick on 20-second talks: their S3 is made slow while the
    # suite waits to kill them, through a proxy of their own. The transcriber needs no help.
    slowed = {service: S3FaultProxy(stack.s3_port).start() for service in SERVICES if service != "transcriber"}
    stack.service_env = {service: {"S3_ENDPOINT_URL": proxy.url} for service, proxy in slowed.items()}
    await asyncio.to_thread(stack.up)
    assert set(KILL_ORDER) == set(SERVICES)
    logs = {service: ServiceLog(tmp_path / f"{service}.log") for service in SERVICES}
    in_flight: dict[str, list[dict[str, Any]]] = {}
    try:
        store = store_of(stack)
        uploads = upload_talks(store, talks, "kill9", RECORDINGS_PER_SCENARIO)
        async with StatusTail(stack) as status:
            await notify_uploads(stack, store, uploads)
            for service in KILL_ORDER:
                inside = chunk_mid_transcription(status) if service == "transcriber" else (lambda record: True)
                in_flight[service] = await kill_inside_a_message(
                    stack, service, logs[service], inside, slow=slowed.get(service)
                )
        await wait_for_outputs(store, uploads, 420)
        # At-least-once: each message a killed handler was inside is taken again by its restarted process.
        again = {s: sum(message_of(m) in logs[s].received() for m in messages) for s, messages in in_flight.items()}
        killed = ", ".join(
            f"{service} inside {describe(messages)}, {again[service]} taken again after the restart"
            for service, messages in in_flight.items()
        )
        result, ledger = await settle_and_account(
            stack,
            "kill -9 each service inside a message, restart",
            uploads,
            420,
            notes=f"killed {killed}",
            in_flight=" · ".join(f"{service} {len(messages)}" for service, messages in in_flight.items()),
        )
    finally:
        stack.down()
        for proxy in slowed.values():
            proxy.stop()
    assert {service: len(messages) >= 1 for service, messages in in_flight.items()} == dict.fromkeys(KILL_ORDER, True)
    assert again == {service: len(messages) for service, messages in in_flight.items()}
    assert ledger.completed(uploads) == set(uploads), ledger.failures(uploads)
    assert (result.lost, result.duplicates) == (0, 0), result


def describe(messages: list[dict[str, Any]]) -> str:
    topics = sorted({str(message.get("topic")) for message in messages})
    return f"{len(messages)} ({', '.join(topics)})"


async def kill_broker_inside_work(stack: LocalStack) -> list[dict[str, Any]]:
    """SIGKILL the broker while some service is inside a message; the messages services were inside."""
    logs = [ServiceLog(stack.run_dir / f"{service}.log") for service in SERVICES]
    inside: list[dict[str, Any]] = []

    def someone_at_work() -> bool:
        # What is open is kept from the very read that sees it, and the kill follows at once: read again
        # after the kill, a quick handler (insights, a writer) may have finished its message meanwhile.
        inside[:] = [message for log in logs for message in log.open_messages()]
        return bool(inside)

    assert await wait_until(someone_at_work, 240, 0.05), "no service at work"
    stack.stop("broker", kill=True)
    return inside


async def test_broker_restart_on_s3_storage(tmp_path: Path, talks: list[bytes]) -> None:
    stack = reliability_stack(tmp_path, broker_storage="s3")
    await asyncio.to_thread(stack.up)
    try:
        store = store_of(stack)
        uploads = upload_talks(store, talks, "broker-s3", RECORDINGS_PER_SCENARIO)
        await wait_until(lambda: count_with(store, "transcripts/", "transcript.json", uploads) >= 4, 240, 0.2)
        done = count_with(store, "transcripts/", "transcript.json", uploads)
        in_flight = await kill_broker_inside_work(stack)
        await asyncio.sleep(2)
        await asyncio.to_thread(stack.start, "broker")
        result, ledger = await settle_and_account(
            stack,
            "broker kill -9 + restart (Tansu on S3 storage)",
            uploads,
            420,
            notes=f"killed with {done}/{len(uploads)} transcribed, services inside {describe(in_flight)}; no reconcile",
            in_flight=str(len(in_flight)),
        )
    finally:
        stack.down()
    assert in_flight, "the broker was killed between messages"
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
        in_flight = await kill_broker_inside_work(stack)
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
            notes=f"killed with {done}/{len(uploads)} transcribed, services inside {describe(in_flight)}; "
            f"reconcile re-drove {redriven}",
            ledger=after,
            in_flight=str(len(in_flight)),
        )
        # Events from before the restart count too when looking for duplicates.
        for topic, events in before.events.items():
            after.events[topic] = events + after.events[topic]
        result.duplicates, _ = after.duplicates(uploads)
        result.completed = len(after.completed(uploads))
        result.lost = len(uploads) - result.completed
    finally:
        stack.down()
    assert in_flight, "the broker was killed between messages"
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
    # Every 503 was retried away: no stage told the status topic it had failed (it says "retrying").
    assert result.errors_surfaced == 0, (ledger.failures(uploads), ledger.dead_letters())
