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


@pytest.mark.parametrize(
    ("error", "reported"),
    [(S3_UNAVAILABLE, StageState.retrying), (PermanentError("bad event"), StageState.failed)],
    ids=["s3-503", "permanent"],
)
async def test_an_error_reported_outside_a_tracked_block_says_whether_it_will_be_retried(
    error: Exception, reported: StageState
) -> None:
    # The transcriber reports its own errors (it says "started" before it knows the recording's chunks): an S3 503
    # there used to read "transcribe failed" while the broker retried it and the recording went on to finish.
    captured = Captured()
    status = StatusReporter(captured, producer="transcriber")  # type: ignore[arg-type]

    update = await status.report_error("rec-1", Stage.transcribe, error, source_key="incoming/talk.mp3")

    assert captured.states == [reported] and update.message.startswith(type(error).__name__)
