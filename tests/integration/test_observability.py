"""Consumer lag measured against a real broker: what is published and not yet committed by a group."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from infra.local.stack import LocalStack
from shared.metrics import LagProbe
from tests.conftest import make_stack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

TOPIC = "recordings.ingested"
GROUP = "recast-lag-test"


@pytest.fixture(scope="module")
def broker_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(tmp_path_factory.mktemp("lag"), services=(), partitions=2)
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


async def test_lag_counts_what_the_group_has_not_committed(broker_only: LocalStack) -> None:
    servers = broker_only.bootstrap_servers
    producer = AIOKafkaProducer(bootstrap_servers=servers)
    await producer.start()
    try:
        for n in range(5):
            await producer.send_and_wait(TOPIC, b"{}", partition=n % 2)
    finally:
        await producer.stop()

    probe = LagProbe(servers)
    try:
        before = await probe.measure({GROUP: {TOPIC}})
        assert before == {(GROUP, TOPIC, 0): 3, (GROUP, TOPIC, 1): 2}

        consumer = AIOKafkaConsumer(bootstrap_servers=servers, group_id=GROUP, enable_auto_commit=False)
        await consumer.start()
        try:
            consumer.assign([TopicPartition(TOPIC, 0), TopicPartition(TOPIC, 1)])
            await consumer.commit({TopicPartition(TOPIC, 0): 3, TopicPartition(TOPIC, 1): 1})
        finally:
            await consumer.stop()
        after = await probe.measure({GROUP: {TOPIC}})
        assert after == {(GROUP, TOPIC, 0): 0, (GROUP, TOPIC, 1): 1}
    finally:
        await probe.close()
