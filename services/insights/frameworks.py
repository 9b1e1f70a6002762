"""Find the ordered processes a speaker lays out ("First, ... Second, ... Finally, ...").

A run starts at a sentence marked as step one and continues while each following sentence
is marked as the next step, tolerating one unmarked sentence of elaboration in between. A
sentence announcing the process just before it ("we rebuilt it in three steps") joins the
run so the quote states what the steps are for. A process spoken in a single sentence, or
announced as a list after a colon, is split into its steps too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MIN_STEPS = 2
# Elaboration the speaker may add between two steps without breaking the run.
MAX_UNMARKED_BETWEEN_STEPS = 1

NEXT = 0  # "then", "next": whatever step follows the previous one
FINAL = -1  # "finally", "lastly": the step that closes the run

_RANKS = {
    "first": 1,
    "one": 1,
    "second": 2,
    "two": 2,
    "third": 3,
    "three": 3,
    "fourth": 4,
    "four": 4,
    "fifth": 5,
    "five": 5,
    "sixth": 6,
    "six": 6,
    "seventh": 7,
    "seven": 7,
    "then": NEXT,
    "next": NEXT,
    "after that": NEXT,
    "finally": FINAL,
    "lastly": FINAL,
    "last": FINAL,
    "final": FINAL,
}
_ORDINAL = r"first|second|third|fourth|fifth|sixth|seventh"
_FILLER = r"(?:(?:so|and|okay|ok|now|well|right)[,]?\s+)*"
_STEP_MARKERS = [
    re.compile(rf"^{_FILLER}(?P<rank>{_ORDINAL})(?:ly)?(?: of all)?(?:\s*[,:]\s*|\s+(?=(?:you|we|I|let's)\b))", re.I),
    re.compile(
        rf"^{_FILLER}(?:the\s+)?(?P<rank>{_ORDINAL}|next|final|last)\s+"
        r"(?:step|thing|one|move|stage|phase|part|piece|pillar|rule)(?:\s*[,:]\s*|\s+(?:is|was)\s+(?:to\s+)?|\s+)",
        re.I,
    ),
    re.compile(
        rf"^{_FILLER}(?:step|number|phase|stage)\s+(?P<rank>one|two|three|four|five|six|seven|\d)\b[,:.]?\s*", re.I
    ),
    re.compile(rf"^{_FILLER}(?P<rank>then|next|after that|finally|lastly)\b[,:]?\s+", re.I),
    # "Last year..." opens a story, so a bare "last" only marks a step when a comma follows it.
    re.compile(rf"^{_FILLER}(?P<rank>last)\s*[,:]\s*", re.I),
    re.compile(r"^(?P<rank>\d)[.)]\s+"),
]
_INLINE_STEP = re.compile(
    r"[,;]\s+(?:and\s+)?(?:then|next|after that|finally|lastly|second(?:ly)?|third(?:ly)?)\b,?\s*", re.IGNORECASE
)
_COUNT = r"(?P<count>two|three|four|five|six|seven|\d)"
_PROCESS_NOUN = r"(?:steps|things|stages|phases|pillars|parts|rules|principles|moves|questions|habits|levers)"
_ANNOUNCEMENT = re.compile(
    rf"\b{_COUNT}\s+(?:\w+\s+)?{_PROCESS_NOUN}\b|\bhere(?:'s| is) (?:how|the process|what we do)\b"
    r"|\b(?:our|my|the) (?:process|framework|playbook)\b",
    re.IGNORECASE,
)
_ANNOUNCED_LIST = re.compile(rf"\b{_COUNT}\s+(?:\w+\s+)?{_PROCESS_NOUN}\b[^:]*:\s*(?P<items>.+)$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+")
# "First, you record..." reads as a checklist item once the speaker's subject is dropped.
_SPOKEN_SUBJECT = re.compile(
    r"^(?:you|we)\s+(?:(?:really\s+)?(?:need|have|want|got)\s+to\s+|should\s+|must\s+|can\s+)?", re.IGNORECASE
)


@dataclass(frozen=True)
class FrameworkRun:
    """Sentences first..last (inclusive) of the transcript state the steps, in order."""

    first: int
    last: int
    steps: tuple[str, ...]


@dataclass(frozen=True)
class _StepMarker:
    rank: int
    rest: str


def find_framework_runs(sentences: Sequence[str]) -> list[FrameworkRun]:
    runs = []
    index = 0
    while index < len(sentences):
        run = _run_starting_at(sentences, index) or _announced_list_at(sentences, index)
        if run is None:
            index += 1
            continue
        runs.append(run)
        index = run.last + 1
    return runs


def _run_starting_at(sentences: Sequence[str], index: int) -> FrameworkRun | None:
    opening = _step_marker(sentences[index])
    if opening is None or opening.rank != 1:
        return None
    rests = [opening.rest]
    last_rank, last_index, unmarked = 1, index, 0
    for position in range(index + 1, len(sentences)):
        marker = _step_marker(sentences[position])
        if marker is not None and marker.rank in (last_rank + 1, NEXT, FINAL):
            rests.append(marker.rest)
            last_rank, last_index, unmarked = last_rank + 1, position, 0
            if marker.rank == FINAL:
                break
        elif marker is None and unmarked < MAX_UNMARKED_BETWEEN_STEPS:
            unmarked += 1
        else:
            break

    if len(rests) == 1:
        # The whole process may have been spoken as one sentence: "First X, then Y, and finally Z."
        rests = _INLINE_STEP.split(rests[0])
    steps = tuple(step for step in (_as_step(rest) for rest in rests) if step)
    if len(steps) < MIN_STEPS:
        return None
    first = index - 1 if index > 0 and _ANNOUNCEMENT.search(sentences[index - 1]) else index
    return FrameworkRun(first=first, last=last_index, steps=steps)


def _announced_list_at(sentences: Sequence[str], index: int) -> FrameworkRun | None:
    """ "There are three steps: audit, cut and automate." counts only if the list has that many items."""
    match = _ANNOUNCED_LIST.search(sentences[index])
    if match is None:
        return None
    items = [_as_step(item) for item in _LIST_SEPARATOR.split(match.group("items"))]
    steps = tuple(item for item in items if item)
    count = match.group("count").lower()
    expected = int(count) if count.isdigit() else _RANKS[count]
    if len(steps) != expected or len(steps) < MIN_STEPS:
        return None
    return FrameworkRun(first=index, last=index, steps=steps)


def _step_marker(sentence: str) -> _StepMarker | None:
    for pattern in _STEP_MARKERS:
        match = pattern.match(sentence)
        if match:
            rank = match.group("rank").lower()
            return _StepMarker(rank=int(rank) if rank.isdigit() else _RANKS[rank], rest=sentence[match.end() :])
    return None


def _as_step(fragment: str) -> str:
    step = _SPOKEN_SUBJECT.sub("", fragment.strip()).strip(" .,;:!?")
    return step[:1].upper() + step[1:]
