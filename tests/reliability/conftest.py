"""The fault-injection suite (``make reliability``): fixtures, and the table it ends with.

Every scenario appends a row to ``harness.RESULTS``, which travels to the session in the test's report (the
scenarios run on two pytest-xdist workers, each with its own stack); at the end of the session the table is
printed and, when ``RECAST_RELIABILITY_REPORT`` names a file, written there as Markdown (the Makefile writes
docs/reliability.md).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.harness import RESULTS, ScenarioResult, synthesize_talks

COLUMNS = (
    "scenario",
    "recordings in",
    "completed",
    "lost",
    "duplicates",
    "in flight when killed",
    "errors surfaced",
    "notes",
)


@pytest.fixture(scope="session")
def talks(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    return synthesize_talks(tmp_path_factory.mktemp("talks"))


# The rows the session has received, by where their test is written, so the table reads in the same order
# however the workers finished.
_ROWS: list[tuple[tuple[str, int], ScenarioResult]] = []
_ROWS_PROPERTY = "reliability_rows"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    """The rows a test added leave with its teardown report: on an xdist worker, that is how they reach the session."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when == "teardown" and RESULTS:
        report.user_properties.append((_ROWS_PROPERTY, [asdict(row) for row in RESULTS]))
        RESULTS.clear()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for name, rows in report.user_properties:
        if name == _ROWS_PROPERTY and isinstance(rows, list):
            place = (report.location[0], report.location[1] or 0)
            _ROWS.extend((place, ScenarioResult(**row)) for row in rows)


def results_table() -> str:
    rows = [
        (r.scenario, r.recordings_in, r.completed, r.lost, r.duplicates, r.in_flight, r.errors_surfaced, r.notes)
        for _, r in sorted(_ROWS, key=lambda placed: placed[0])
    ]
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _ROWS or hasattr(terminalreporter.config, "workerinput"):
        return
    table = results_table()
    terminalreporter.write_sep("=", "reliability")
    terminalreporter.write_line(table)
    report = os.environ.get("RECAST_RELIABILITY_REPORT")
    if report:
        path = Path(report)
        text = path.read_text() if path.exists() else ""
        start, end = "<!-- reliability-table:start -->", "<!-- reliability-table:end -->"
        stamped = f"{start}\n_Last run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC (`make reliability`)._\n\n{table}\n{end}"
        if start in text and end in text:
            text = text[: text.index(start)] + stamped + text[text.index(end) + len(end) :]
        else:
            text = text.rstrip() + "\n\n" + stamped + "\n"
        path.write_text(text)
        terminalreporter.write_line(f"table written to {path}")
