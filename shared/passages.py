"""Reading a quoted passage as a writer needs it: where its point starts, and whether it is a step.

The insight stage quotes a sentence together with the short one it continues ("I get that a lot. But
one conversation a week is fifty articles a year."), and a process the speaker laid out is only a
process when all of it could be quoted; otherwise its steps arrive one by one ("Second, we pull out the
strongest opinion."). Both writers name, headline and frame with these passages, so both read them the
same way.
"""

from __future__ import annotations

import re

# An opening sentence this short ("I get that a lot.", "Right.") is a reply or a filler, not the point.
LEAD_IN_MAX_WORDS = 5
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
# The nouns a speaker counts the points of a talk with ("the second thing", "the last lesson", "last one").
POINT_NOUNS = r"thing|point|rule|lesson|tip|idea|piece|part|one|reason|habit|mistake|change|principle"
# Sequence words open a step of a process ("Second, we...", "Step two:", "The third thing is..."): a step on
# its own is neither a position nor a problem. The named groups say where in the list it stands ("next" does not).
STEP_OPENING = re.compile(
    r"^(?:(?:and|so|then)\s*,?\s+)?"
    r"(?:(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh)(?:ly)?\b"
    r"|(?:step|stage|phase|pillar|number)\s+(?P<cardinal>one|two|three|four|five|six|seven|\d)\b"
    # "Last," with its comma closes a list; "last year" does not.
    r"|(?P<last>finally|lastly|last(?=\s*,))\b"
    r"|the\s+(?P<nth>first|second|third|fourth|fifth|last)\s+(?:\w+\s+(?:is|was)\b"
    # "The second thing, we ...": a point of a talk, not "the last time, we ..." of a story.
    rf"|(?:step|{POINT_NOUNS})s?\s*[,:])"
    r"|next\b)"
    r"[\s,:\-\u2013\u2014]*",
    re.IGNORECASE,
)
# What ties a line to what was said before it: a coordinating conjunction ("But one conversation a week..."), the
# fillers a speaker opens on ("And, um, most of that...", "Yeah so, um, ...", "Like, honestly, ..."), an answer word
# ("Pretty much, yes, ...", "No, if anything ..."). A word that also opens a statement ("Look at...", "Well-run
# teams", "No kid ever cared", "Now is the time", "Like most coaches") counts only before a comma.
_TIED_ON = re.compile(
    r"^(?:(?:and|but|so|or|um+|uh+|erm?|yeah|okay|ok|oh)\b,?\s+|(?:well|look|yes|no|now|sure|exactly|pretty much|"
    r"honestly|you know|i mean|right|like)\s*,\s+)+",
    re.IGNORECASE,
)
# What must follow for the rest to be a statement ("But why?" stays as said).
MIN_UNTIED_WORDS = 4


def without_lead_in(passage: str) -> str:
    """The passage from its first sentence that carries a point: short opening replies are dropped."""
    sentences = _SENTENCE_BREAK.split(passage.strip())
    while len(sentences) > 1 and is_lead_in(sentences[0]):
        sentences = sentences[1:]
    return " ".join(sentences)


def is_lead_in(sentence: str) -> bool:
    """Whether the sentence is short enough to be a reply or a filler rather than a point."""
    return len(sentence.split()) <= LEAD_IN_MAX_WORDS


def first_sentence(text: str) -> str:
    return _SENTENCE_BREAK.split(text.strip(), maxsplit=1)[0]


def sentences(text: str) -> list[str]:
    return _SENTENCE_BREAK.split(text.strip())


def is_a_step(passage: str) -> bool:
    """Whether the passage opens as one step of a sequence ("Second, we...", "Finally, ...")."""
    return bool(STEP_OPENING.match(passage.strip()))


def statement_start(text: str) -> int:
    """Where the text's statement starts, after what ties it to what was said before it; 0 when nothing does, or
    when too little would be left to state something."""
    tied = _TIED_ON.match(text)
    return tied.end() if tied and len(text[tied.end() :].split()) >= MIN_UNTIED_WORDS else 0


def untied(text: str) -> str:
    """The text from where its statement starts, its first letter a capital: a list line cannot carry on from its
    neighbour."""
    text = text[statement_start(text) :]
    return text[:1].upper() + text[1:]
