"""Passages: a sentence that only continues the one before it is quoted together with it.

Whisper ends a sentence wherever the speaker pauses, so one thought often arrives as two: "Most people
believe X. I think that's just wrong." or "One conversation a week is fifty articles a year. And every
one of them says something." Ranked alone, the verdict is too short to count as a claim and the
continuation is a fragment whose quote lacks its start. So a sentence that opens on a conjunction
that cannot start a thought ("but", "which"), or a short tail or verdict that points back at what was just
said, joins the sentence before it,
when the same speaker said both and neither asks a question. This is grammar, not a
recording's wording: the conjunctions and pronouns are closed word classes of English.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from services.insights.extractive.steps import opens_next_point
from services.insights.sentences import TimedSentence
from services.insights.words import tokens
from shared.questions import is_question

# Conjunctions that cannot open a new thought: the sentence is the second half of the one before.
_CONTINUES = re.compile(r"^(?:but|yet|nor|because|which|though|although|whereas)\b", re.IGNORECASE)
# "And" or "so" open new thoughts in speech as often as they continue one; only a tail too short to
# stand alone ("And every one of them says something.") is taken as a continuation.
_MAY_CONTINUE = re.compile(r"^(?:and|so|or)\b", re.IGNORECASE)
# A tail or a verdict is a few words; a verdict's subject or object is what was just said ("I think
# that's wrong"), and it may go on to say what holds instead ("I think that is wrong, it is X").
SHORT_WORDS = 7
_POINTS_BACK = re.compile(r"\b(?:that|this|it|that's|it's)\b", re.IGNORECASE)
# A passage stays short enough to quote; past these it is left as separate sentences.
MAX_PASSAGE_WORDS = 50
MAX_PASSAGE_SENTENCES = 3


@dataclass(frozen=True)
class Passage:
    """Sentences first..last of the transcript, said by one speaker as one thought."""

    first: int
    last: int


def said_right_after(sentence: TimedSentence, previous: TimedSentence) -> bool:
    """Whether the same speaker said ``sentence`` right after ``previous``, with nothing set aside between them. (When
    segments between them were emptied, a pitch stood there: what follows it answers the plug, not ``previous``, and
    one quote across the gap would print as said in one breath words a plug stood between.)"""
    return sentence.speaker == previous.speaker and sentence.first_segment <= previous.last_segment + 1


def continues_previous(sentence: TimedSentence, previous: TimedSentence) -> bool:
    """Whether ``sentence`` only carries on from ``previous`` (same speaker, not an answer to a question)."""
    # A question is no tail of a statement: joined to one, it would keep the statement from being a claim.
    if not said_right_after(sentence, previous) or is_question(previous.text) or is_question(sentence.text):
        return False
    # "Last one, and this one's short.": the speaker moves on, though the announcement points at "this".
    if opens_next_point(sentence.text):
        return False
    if _CONTINUES.match(sentence.text):
        return True
    if len(tokens(sentence.text)) <= SHORT_WORDS and _MAY_CONTINUE.match(sentence.text):
        return True
    verdict = tokens(re.split(r"[,;:]", sentence.text, maxsplit=1)[0])
    return len(verdict) <= SHORT_WORDS and bool(_POINTS_BACK.search(" ".join(verdict[:4])))


def passages(sentences: Sequence[TimedSentence], outside: Collection[int] = ()) -> list[Passage]:
    """Every sentence not in ``outside``, in order, grouped into the passages it belongs to."""
    grouped: list[Passage] = []
    words = 0
    for index, sentence in enumerate(sentences):
        if index in outside:
            continue
        length = len(tokens(sentence.text))
        last = grouped[-1] if grouped else None
        if (
            last is not None
            and last.last == index - 1
            and last.last - last.first + 1 < MAX_PASSAGE_SENTENCES
            and words + length <= MAX_PASSAGE_WORDS
            and continues_previous(sentence, sentences[index - 1])
        ):
            grouped[-1] = Passage(last.first, index)
            words += length
        else:
            grouped.append(Passage(index, index))
            words = length
    return grouped
