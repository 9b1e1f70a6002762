"""How every Recast service is assembled: JSON logs, an S3 store in context, metrics, health, one FastStream app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from faststream import ContextRepo, FastStream
from faststream.kafka import KafkaBroker
from faststream.kafka.security import parse_security

from shared.broker import kafka_security
from shared.health import OperationsServer
from shared.keys import readable_prefixes
from shared.logs import configure_logging
from shared.metrics import consumed_topics, install_metrics, watch_lag
from shared.settings import RecastSettings
from shared.storage import ObjectStore, in_thread, make_s3_client
from shared.tracing import configure_tracing

Setup = Callable[[ContextRepo, ObjectStore], Awaitable[None]]


def service_app(service: str, broker: KafkaBroker, settings: RecastSettings, setup: Setup | None = None) -> FastStream:
    """The service's app. Resources are built at start-up, not import: the S3 store goes into the
    context as ``store``, and ``setup`` adds the service's own (a model, a writer) the same way,
    so handlers receive them through ``Context`` and tests can swap them.

    Every service also serves ``/metrics``, ``/health`` and ``/ready`` on ``RECAST_METRICS_PORT``
    (see ``shared.health``) and measures its consumer groups' lag while it runs.
    """
    install_metrics(broker, service)
    log = logging.getLogger(f"recast.{service}")
    started = asyncio.Event()

    @contextlib.asynccontextmanager
    async def lifespan(context: ContextRepo) -> AsyncIterator[None]:
        configure_logging(service, settings.log_level)
        tracer_provider = configure_tracing(service)
        reads = readable_prefixes(service, settings.incoming_prefix)
        store = ObjectStore(make_s3_client(settings), settings.bucket, readable_prefixes=reads)
        context.set_global("store", store)

        async def readiness() -> dict[str, bool]:
            return {
                "broker": await broker.ping(timeout=3),
                "s3": await _bucket_reachable(store),
                "subscribers": started.is_set() and all(sub.running for sub in broker.subscribers),
            }

        operations = OperationsServer(readiness, settings.metrics_host, settings.metrics_port)
        port = await operations.start()
        log.info("operations endpoint listening", extra={"host": settings.metrics_host, "metrics_port": port})
        try:
            if setup is not None:
                await setup(context, store)
            yield
        finally:
            await operations.stop()
            if tracer_provider is not None:
                tracer_provider.shutdown()  # exports what is still batched

    app = FastStream(broker, lifespan=lifespan, logger=log)

    @app.after_startup
    async def start_watching_lag(context: ContextRepo) -> None:
        started.set()
        servers = settings.kafka_bootstrap_servers.split(",")
        security = parse_security(kafka_security(settings))
        lag = asyncio.create_task(
            watch_lag(servers, lambda: consumed_topics(broker), settings.lag_interval_s, **security)
        )
        context.set_global("lag_watcher", lag)

    @app.on_shutdown
    async def stop_watching_lag(context: ContextRepo) -> None:
        started.clear()
        lag: asyncio.Task[None] | None = context.get("lag_watcher")
        if lag is not None:
            lag.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await lag

    return app


async def _bucket_reachable(store: ObjectStore) -> bool:
    try:
        await asyncio.wait_for(in_thread(store.client.head_bucket, Bucket=store.bucket), timeout=5)
    except Exception:
        return False
    return True
