"""Processes the speaker laid out in order: consecutive sentences opened by ordinals.

Ordinals ("first", "second", "step three", "finally") are the grammar of enumeration in
English, not a recording's wording; a run needs three of them, in order, by one speaker, so a
stray "first of all" is no framework. Each step is named with the speaker's own words: the
clause after the ordinal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.insights.sentences import TimedSentence
from services.insights.words import is_content_word
from shared.clauses import CLAUSE_MARK, last_joint
from shared.passages import POINT_NOUNS, STEP_OPENING

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")
_CARDINALS = ("one", "two", "three", "four", "five", "six", "seven")
MIN_STEPS = 3
STEP_WORDS = 10
# The fewest words a step name cut at a joint keeps ("Clean your list").
MIN_STEP_WORDS = 3
# A step sentence may be followed by this many sentences that elaborate it before the next step.
MAX_GAP = 3


@dataclass(frozen=True)
class StepRun:
    first: int
    last: int
    step_sentences: tuple[int, ...]
    steps: tuple[str, ...]


def find_step_runs(sentences: Sequence[TimedSentence]) -> list[StepRun]:
    """The processes laid out by ordinals, and the named lists the speaker then goes through item by item."""
    runs = _numbered_runs(sentences)
    taken = {index for run in runs for index in range(run.first, run.last + 1)}
    for run in _announced_runs(sentences):
        if not taken & set(range(run.first, run.last + 1)):
            runs.append(run)
    return sorted(runs, key=lambda run: run.first)


def _numbered_runs(sentences: Sequence[TimedSentence]) -> list[StepRun]:
    runs: list[StepRun] = []
    current: list[tuple[int, int]] = []  # (sentence index, position in the enumeration)
    for index, sentence in enumerate(sentences):
        position = _position(sentence.text)
        if position is None:
            continue
        fits = (
            current
            and index - current[-1][0] - 1 <= MAX_GAP
            and sentences[current[-1][0]].speaker == sentence.speaker
            and (position == current[-1][1] + 1 or position == _LAST)
        )
        if not fits:
            _close(current, sentences, runs)
            current = [(index, position)] if position == 1 else []
            continue
        current.append((index, position))
        if position == _LAST:
            _close(current, sentences, runs)
            current = []
    _close(current, sentences, runs)
    return runs


_LAST = 99
# "..., which we call the three Rs: reach, resolve, return.": a list of short items announced after a colon.
_ANNOUNCED_LIST = re.compile(
    r":\s*(?P<items>[\w'-]+(?:\s+[\w'-]+)?(?:\s*,\s*(?:and\s+|or\s+)?[\w'-]+(?:\s+[\w'-]+)?){2,6})\s*[.!]?\s*$"
)
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?")
_LEADING_JOINER = re.compile(r"^(?:(?:and|so|then|now|finally|lastly)\b,?\s*)+", re.IGNORECASE)


def _announced_runs(sentences: Sequence[TimedSentence]) -> list[StepRun]:
    """A list the speaker announces ("...the three Rs: reach, resolve, return.") and then takes up item by item, in
    order, each in a sentence of its own that opens on it ("Reach means...", "Resolve means..."), with at most
    ``MAX_GAP`` sentences between two: a framework the speaker named, though no ordinal numbers it."""
    runs: list[StepRun] = []
    for index, sentence in enumerate(sentences):
        announced = _ANNOUNCED_LIST.search(sentence.text)
        if announced is None:
            continue
        items = [item.lower() for item in _ITEM_SEPARATOR.split(announced.group("items")) if item]
        found: list[int] = []
        for item in items:
            previous = found[-1] if found else index
            following = range(previous + 1, min(previous + 2 + MAX_GAP, len(sentences)))
            at = next((i for i in following if _opens_on(sentences[i].text, item)), None)
            if at is None or sentences[at].speaker != sentence.speaker:
                break
            found.append(at)
        if len(found) == len(items) >= MIN_STEPS:
            steps = tuple(step_name(_unjoined(sentences[at].text)) for at in found)
            if _named_apart(steps):
                runs.append(StepRun(index, found[-1], tuple(found), steps))
    return runs


def _unjoined(text: str) -> str:
    """The sentence from its first word after the joiners that tie it to the one before ("And return means...")."""
    return _LEADING_JOINER.sub("", text.strip())


def _opens_on(text: str, item: str) -> bool:
    said = _unjoined(text).lower()
    return said.startswith(item) and not said[len(item) : len(item) + 1].isalnum()


def opens_next_point(text: str) -> bool:
    """Whether the sentence announces a point after the first of a list ("Second thing, ...", "Third, ...",
    "Finally, ...", "The other rule is ..."): the speaker moves on, whatever was said just before."""
    position = _position(text)
    return (position is not None and position > 1) or bool(_ANOTHER_POINT.match(text) or _LAST_POINT.match(text))


# "The other rule is that...", "Another thing I'd change is...": a point after one already made, though not numbered.
# The nouns are those English names a point of a talk with, not any topic ("the other day", "another customer").
_ANOTHER_POINT = re.compile(
    r"^(?:(?:and|so|also|then|now|okay)\s*,?\s+)*(?:the other|another|one more)\s+(?:big\s+)?"
    r"(?:thing|point|rule|lesson|habit|mistake|piece|change|tip|idea|trick|part|reason|principle|practice|one)s?\b"
    r"(?:\s+[\w']+){0,3}?(?:\s+(?:is|was)\b|\s*[,:])",
    re.IGNORECASE,
)


# "Last one, and this one's short.", "And the last thing:": the last point announced. Nothing may come between the noun
# and what follows it: "The last thing you want is a second tool" is no announcement but a verdict, and "The last one
# was worse" tells of something past.
_LAST_POINT = re.compile(
    r"^(?:(?:and|so|also|then|now|okay|ok|alright|all right)\s*,?\s+)*(?:the\s+|one\s+|my\s+)?last\s+(?:big\s+)?"
    rf"(?:{POINT_NOUNS}|trick|practice)\b"
    r"(?:\s*[,.:;!\u2014]|\s+-|\s+and\b|\s+is\b|\s*$)",
    re.IGNORECASE,
)


def _position(text: str) -> int | None:
    match = STEP_OPENING.match(text)
    if match is None or not any(match.group(place) for place in ("ordinal", "cardinal", "last", "nth")):
        return None
    if match.group("ordinal"):
        return _ORDINALS.index(match.group("ordinal").lower()) + 1
    if match.group("cardinal"):
        cardinal = match.group("cardinal").lower()
        return int(cardinal) if cardinal.isdigit() else _CARDINALS.index(cardinal) + 1
    nth = (match.group("nth") or "last").lower()
    return _LAST if nth == "last" else _ORDINALS.index(nth) + 1


def _close(current: list[tuple[int, int]], sentences: Sequence[TimedSentence], runs: list[StepRun]) -> None:
    if len(current) < MIN_STEPS:
        return
    indices = tuple(index for index, _ in current)
    steps = tuple(step_name(sentences[index].text) for index in indices)
    if _named_apart(steps):
        runs.append(StepRun(indices[0], indices[-1], indices, steps))


def _named_apart(steps: Sequence[str]) -> bool:
    """Whether every step has a name, and no two the same: a run whose steps cannot be told apart is no process."""
    return len({step.lower() for step in steps}) == len(steps) and all(steps)


def step_name(text: str) -> str:
    """The clause after the ordinal, in the speaker's words, capped to a heading's length."""
    match = STEP_OPENING.match(text)
    rest = text[match.end() :] if match else text
    clause = re.split(rf"{CLAUSE_MARK}|[.!?](?!\d)", rest, maxsplit=1)[0].strip()
    words = clause.split()
    if len(words) > STEP_WORDS:
        # A heading cut short ends where a phrase joins ("Every temp shadows one of our pickers | for a full shift"),
        # not inside one ("... for a full"); with no joint in reach, on its last content word, never on "for" or "the".
        joint = last_joint(words, shortest=MIN_STEP_WORDS, longest=STEP_WORDS)
        words = words[: joint or STEP_WORDS]
        while not joint and len(words) > 1 and not is_content_word(words[-1].lower().strip("'\"")):
            words.pop()
    if not words:
        return ""
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])
