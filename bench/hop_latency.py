"""Event hop latency on the local broker: publish -> FastStream handler, p50 and p99 over N events.

Starts a Tansu broker (and moto, which the stack brings along) on free ports, subscribes one
FastStream handler built the way every service's is (``make_broker``, ``consumer_options``,
Recast's metrics middlewares) with the settings the local stack gives its services, then
publishes events one at a time and measures how long each takes to reach the handler. The
same runs again with Kafka's default fetch wait (500 ms), which the local stack shortens
for Tansu (see ``infra/local/stack.py``).

    python -m bench.hop_latency --events 1000
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from faststream.kafka import KafkaBroker

from infra.local.stack import FETCH_WAIT_DEFAULT, LocalStack, free_port
from shared.broker import consumer_options, make_broker
from shared.metrics import install_metrics
from shared.settings import RecastSettings

TOPIC = "bench.hops"


async def measure(settings: RecastSettings, events: int, warmup: int) -> list[float]:
    broker: KafkaBroker = make_broker(settings, client_id="recast-bench")
    install_metrics(broker, "bench")
    arrived: dict[int, float] = {}
    waiters: dict[int, asyncio.Future[None]] = {}

    group = f"recast-bench-hops-{settings.kafka_fetch_max_wait_ms}"

    @broker.subscriber(TOPIC, **consumer_options(group, settings))
    async def on_hop(body: dict[str, Any]) -> None:
        arrived[body["n"]] = time.perf_counter()
        waiter = waiters.get(body["n"])
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    await broker.start()
    try:
        await asyncio.sleep(6)  # let the group settle (Tansu rebalances take ~5 s)
        latencies: list[float] = []
        loop = asyncio.get_running_loop()
        for n in range(warmup + events):
            waiters[n] = loop.create_future()
            sent = time.perf_counter()
            await broker.publish({"n": n, "recording_id": f"bench-{n}", "event_id": f"hop-{n}"}, topic=TOPIC)
            await asyncio.wait_for(waiters[n], timeout=10)
            if n >= warmup:
                latencies.append(arrived[n] - sent)
        return latencies
    finally:
        await broker.stop()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args(argv)
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="recast-bench-hops-") as run_dir:
        stack = LocalStack(Path(run_dir), kafka_port=free_port(), s3_port=free_port(), services=(), partitions=1)
        stack.up()
        try:
            local = stack.settings()
            variants = {
                f"local stack, fetch wait {local.kafka_fetch_max_wait_ms} ms": local,
                f"Kafka's default, {FETCH_WAIT_DEFAULT} ms": local.model_copy(
                    update={"kafka_fetch_max_wait_ms": FETCH_WAIT_DEFAULT}
                ),
            }
            for name, settings in variants.items():
                results[name] = asyncio.run(measure(settings, args.events, args.warmup))
        finally:
            stack.down()
    print(f"event hop latency, publish -> handler, {args.events} events one at a time on the local Tansu broker")
    for name, latencies in results.items():
        ms = [value * 1000 for value in latencies]
        p99 = percentile(ms, 0.99)
        print(
            f"  {name:<32} p50 {percentile(ms, 0.50):6.2f} ms   p99 {p99:7.2f} ms   max {max(ms):7.2f} ms"
            f"   mean {statistics.fmean(ms):6.2f} ms   over 10 ms: {sum(value > 10 for value in ms)}"
            f"   target p99 <= 50 ms: {'met' if p99 <= 50 else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
