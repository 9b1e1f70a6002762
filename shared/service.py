"""How every Recast service is assembled: JSON logs, an S3 store in context, one FastStream app."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from faststream import ContextRepo, FastStream
from faststream.kafka import KafkaBroker

from shared.logs import configure_logging
from shared.settings import RecastSettings
from shared.storage import ObjectStore, make_s3_client

Setup = Callable[[ContextRepo, ObjectStore], Awaitable[None]]


def service_app(service: str, broker: KafkaBroker, settings: RecastSettings, setup: Setup | None = None) -> FastStream:
    """The service's app. Resources are built at start-up, not import: the S3 store goes into the
    context as ``store``, and ``setup`` adds the service's own (a model, a writer) the same way,
    so handlers receive them through ``Context`` and tests can swap them.
    """

    @contextlib.asynccontextmanager
    async def lifespan(context: ContextRepo) -> AsyncIterator[None]:
        configure_logging(service, settings.log_level)
        store = ObjectStore(make_s3_client(settings), settings.bucket)
        context.set_global("store", store)
        if setup is not None:
            await setup(context, store)
        yield

    return FastStream(broker, lifespan=lifespan, logger=logging.getLogger(f"recast.{service}"))
