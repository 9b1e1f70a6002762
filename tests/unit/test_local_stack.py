"""What the local stack tells its services: Tansu gets a short fetch wait, an external broker does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infra.local import stack
from infra.local.stack import FETCH_WAIT_DEFAULT, LocalStack, StackError
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


def _transcriber_env(stack: LocalStack, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    started: dict[str, str] = {}
    monkeypatch.setattr(stack, "_spawn", lambda name, command, env=None: started.update(env or {}))
    stack._start_service("transcriber", 0)
    return started


@pytest.mark.parametrize(("replicas", "threads"), [(1, None), (2, "1"), (4, "1")])
def test_transcribers_share_the_cores_one_whisper_thread_each_when_scaled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replicas: int, threads: str | None
) -> None:
    monkeypatch.delenv("RECAST_CPU_THREADS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)

    env = _transcriber_env(LocalStack(tmp_path, scale={"transcriber": replicas}), monkeypatch)

    assert env.get("RECAST_CPU_THREADS") == threads  # None: one replica keeps the service's own default


def test_an_operator_can_still_choose_the_transcriber_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECAST_CPU_THREADS", raising=False)
    stack = LocalStack(tmp_path, scale={"transcriber": 2}, extra_env={"RECAST_CPU_THREADS": "2"})

    assert _transcriber_env(stack, monkeypatch)["RECAST_CPU_THREADS"] == "2"


def test_the_embedded_default_runs_a_transcriber_per_core_on_twice_as_many_partitions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from infra.local.stack import default_partitions, default_transcribers

    monkeypatch.setattr("os.cpu_count", lambda: 2)

    assert default_transcribers() == 2
    assert default_partitions() == 4


def test_a_port_another_process_just_chose_is_not_chosen_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two test workers' stacks once chose the same metrics port before either service had bound it."""
    chooser = subprocess.Popen(
        [sys.executable, "-c", "from infra.local.stack import free_port; print(free_port(), flush=True); input()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert chooser.stdout is not None
        taken = int(chooser.stdout.readline())
        candidates = iter([taken, taken + 1])
        monkeypatch.setattr(stack.random, "randint", lambda low, high: next(candidates))
        assert stack.free_port() == taken + 1
    finally:
        chooser.communicate("\n", timeout=10)


def test_a_service_that_dies_at_start_up_says_why(tmp_path: Path) -> None:
    local = LocalStack(tmp_path, services=("insights",))
    local.pids["insights"] = 2**22 + 1  # above any pid the kernel hands out: not alive
    (tmp_path / "insights.log").write_text("starting\nOSError: [Errno 98] address already in use\n")
    with pytest.raises(StackError, match=r"insights exited during start-up \(OSError: .* address already in use\)"):
        local._check_services_alive()
