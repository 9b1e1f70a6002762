"""Event hop latency on the local broker: publish -> FastStream handler, p50 and p99 over N events.

Starts a Tansu broker (and moto, which the stack brings along) on free ports, subscribes one
FastStream handler built the way every service's is (``make_broker``, ``consumer_options``,
Recast's metrics middlewares), then publishes events one at a time and measures how long each
takes to reach the handler.

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

from infra.local.stack import LocalStack, free_port
from shared.broker import consumer_options, make_broker
from shared.metrics import install_metrics
from shared.settings import RecastSettings

TOPIC = "bench.hops"


async def measure(bootstrap_servers: str, events: int, warmup: int, **subscriber_options: Any) -> list[float]:
    settings = RecastSettings(KAFKA_BOOTSTRAP_SERVERS=bootstrap_servers)
    broker: KafkaBroker = make_broker(settings, client_id="recast-bench")
    install_metrics(broker, "bench")
    arrived: dict[int, float] = {}
    waiters: dict[int, asyncio.Future[None]] = {}

    group = "recast-bench-hops-" + "-".join(f"{k}-{v}" for k, v in subscriber_options.items())

    @broker.subscriber(TOPIC, **consumer_options(group, **subscriber_options))
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
    # The services' consumer options as they are, then with a short fetch wait: with aiokafka's default
    # fetch_max_wait_ms (500 ms) a few events wait ~250 ms behind a fetch already in flight on Tansu.
    variants = {"services' consumer_options": {}, "same, fetch_max_wait_ms=20": {"fetch_max_wait_ms": 20}}
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="recast-bench-hops-") as run_dir:
        stack = LocalStack(Path(run_dir), kafka_port=free_port(), s3_port=free_port(), services=(), partitions=1)
        stack.up()
        try:
            for name, options in variants.items():
                results[name] = asyncio.run(measure(stack.bootstrap_servers, args.events, args.warmup, **options))
        finally:
            stack.down()
    print(f"event hop latency, publish -> handler, {args.events} events one at a time on the local Tansu broker")
    for name, latencies in results.items():
        ms = [value * 1000 for value in latencies]
        p99 = percentile(ms, 0.99)
        print(
            f"  {name:<28} p50 {percentile(ms, 0.50):6.2f} ms   p99 {p99:7.2f} ms   max {max(ms):7.2f} ms"
            f"   mean {statistics.fmean(ms):6.2f} ms   target p99 <= 50 ms: {'met' if p99 <= 50 else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
