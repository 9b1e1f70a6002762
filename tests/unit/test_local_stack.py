"""What the local stack tells its services: Tansu gets a short fetch wait, an external broker does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.local.stack import FETCH_WAIT_DEFAULT, LocalStack
from shared.broker import consumer_options


def test_services_on_the_local_tansu_broker_fetch_with_a_short_wait(tmp_path: Path) -> None:
    stack = LocalStack(tmp_path, kafka_port=19092, s3_port=19000)

    assert stack.env["RECAST_KAFKA_FETCH_MAX_WAIT_MS"] == "50"
    settings = stack.settings()
    assert settings.kafka_fetch_max_wait_ms == 50
    assert consumer_options("recast-insights", settings)["fetch_max_wait_ms"] == 50


def test_an_external_broker_keeps_kafkas_default_fetch_wait(tmp_path: Path) -> None:
    stack = LocalStack(tmp_path, external_kafka="kafka.internal:9092")

    assert "RECAST_KAFKA_FETCH_MAX_WAIT_MS" not in stack.env
    assert stack.settings().kafka_fetch_max_wait_ms == FETCH_WAIT_DEFAULT == 500


def test_an_operator_can_still_choose_the_wait(tmp_path: Path) -> None:
    stack = LocalStack(tmp_path, extra_env={"RECAST_KAFKA_FETCH_MAX_WAIT_MS": "100"})

    assert stack.settings().kafka_fetch_max_wait_ms == 100


def test_make_up_starts_the_scoreboards_with_a_local_webhook_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infra.local.stack import ALL_SERVICES, GROUPS, LOCAL_WEBHOOK_SECRET

    monkeypatch.delenv("RECAST_WEBHOOK_SECRET", raising=False)
    assert "scoreboard" in ALL_SERVICES and len(set(GROUPS["scoreboard"])) == 2  # one group per rail
    assert LocalStack(tmp_path).env["RECAST_WEBHOOK_SECRET"] == LOCAL_WEBHOOK_SECRET
    monkeypatch.setenv("RECAST_WEBHOOK_SECRET", "a-secret-chosen-by-the-developer")
    assert LocalStack(tmp_path).env["RECAST_WEBHOOK_SECRET"] == "a-secret-chosen-by-the-developer"
