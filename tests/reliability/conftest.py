"""The fault-injection suite (``make reliability``): fixtures, and the table it ends with.

Every scenario appends a row to ``harness.RESULTS``; at the end of the session the table is
printed and, when ``RECAST_RELIABILITY_REPORT`` names a file, written there as Markdown (the
Makefile writes docs/reliability.md).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.reliability.harness import RESULTS, synthesize_talks

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


def results_table() -> str:
    rows = [
        (r.scenario, r.recordings_in, r.completed, r.lost, r.duplicates, r.in_flight, r.errors_surfaced, r.notes)
        for r in RESULTS
    ]
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not RESULTS:
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
