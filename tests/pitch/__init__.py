"""The pitch detector's measured set: spoken pitches and innocent look-alikes, split dev / held-out.

The split is fixed by position: within each file, the 1st, 3rd, 5th... sentence is for
development and the 2nd, 4th, 6th... is held out. Rules were developed against the dev half only.

A line ``# split: <name>`` puts every sentence after it in that split instead. The ``fresh`` split
was written after the rules, in one sitting, and read once: on phrasings nobody had written rules
for, the detector's recall is far below the held-out half's (docs/evaluation.md). Each earlier
fresh batch, once read and used to widen the rules, joined ``dev``. The ``fit`` split is there only to
fit the engine's promotion direction (``python -m bench.pitch --fit``): more ways of phrasing a plug than
any vocabulary, which the rules are not held to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

HERE = Path(__file__).parent
Split = Literal["dev", "held-out", "fresh", "fit"]
_SPLIT_MARK = re.compile(r"#\s*split:\s*(dev|held-out|fresh|fit)\s*$")


@dataclass(frozen=True)
class Labelled:
    text: str
    is_pitch: bool
    split: Split


def measured_set() -> list[Labelled]:
    return [*_read("pitch.txt", is_pitch=True), *_read("innocent.txt", is_pitch=False)]


def _read(name: str, *, is_pitch: bool) -> list[Labelled]:
    labelled = []
    marked: Split | None = None
    position = 0
    for line in (HERE / name).read_text().splitlines():
        line = line.strip()
        if mark := _SPLIT_MARK.fullmatch(line):
            marked = cast(Split, mark.group(1))
        elif line and not line.startswith("#"):
            labelled.append(Labelled(line, is_pitch, marked or ("dev" if position % 2 == 0 else "held-out")))
            position += 1
    return labelled
