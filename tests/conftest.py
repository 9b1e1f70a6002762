"""Fixtures that start real processes: the local stack on free ports, or external servers.

Set ``KAFKA_BOOTSTRAP_SERVERS`` and/or ``S3_ENDPOINT_URL`` to run the same tests against
servers you already have; the stack then starts only what is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from infra.local.stack import LocalStack, free_port


def make_stack(run_dir: Path, **options: object) -> LocalStack:
    options.setdefault("bucket", os.environ.get("RECAST_BUCKET", "recast-test"))
    return LocalStack.from_environment(run_dir, kafka_port=free_port(), s3_port=free_port(), **options)


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    """Broker, S3 and all five services, shared by the end-to-end tests."""
    stack = make_stack(tmp_path_factory.mktemp("pipeline"))
    stack.up()
    try:
        yield stack
    finally:
        stack.down()
