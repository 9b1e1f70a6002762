"""A stage that hits a transient failure says it is retrying; only a failure no retry can cure says failed."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from shared.errors import PermanentError
from shared.status import Stage, StageState, StatusReporter


class Captured:
    def __init__(self) -> None:
        self.states: list[StageState] = []

    async def publish(self, update: Any, key: bytes) -> None:
        self.states.append(update.state)


S3_UNAVAILABLE = ClientError(
    {"Error": {"Code": "ServiceUnavailable"}, "ResponseMetadata": {"HTTPStatusCode": 503}}, "GetObject"
)


@pytest.mark.parametrize(
    ("error", "reported"),
    [(S3_UNAVAILABLE, StageState.retrying), (PermanentError("bad event"), StageState.failed)],
    ids=["s3-503", "permanent"],
)
async def test_a_failing_stage_reports_whether_it_will_be_retried(error: Exception, reported: StageState) -> None:
    captured = Captured()
    status = StatusReporter(captured, producer="insights")  # type: ignore[arg-type]

    with pytest.raises(type(error)):
        async with status.track("rec-1", Stage.insights):
            raise error

    assert captured.states == [StageState.started, reported]
