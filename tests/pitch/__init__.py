"""The pitch detector's measured set: spoken pitches and innocent look-alikes, split dev / held-out.

The split is fixed by position: within each file, the 1st, 3rd, 5th... sentence is for
development and the 2nd, 4th, 6th... is held out. Rules were developed against the dev half only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

HERE = Path(__file__).parent
Split = Literal["dev", "held-out"]


@dataclass(frozen=True)
class Labelled:
    text: str
    is_pitch: bool
    split: Split


def measured_set() -> list[Labelled]:
    return [*_read("pitch.txt", is_pitch=True), *_read("innocent.txt", is_pitch=False)]


def _read(name: str, *, is_pitch: bool) -> list[Labelled]:
    lines = [line.strip() for line in (HERE / name).read_text().splitlines()]
    sentences = [line for line in lines if line and not line.startswith("#")]
    return [
        Labelled(text, is_pitch, "dev" if position % 2 == 0 else "held-out") for position, text in enumerate(sentences)
    ]
