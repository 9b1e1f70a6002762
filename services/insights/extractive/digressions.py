"""Digressions the speakers mark as such: "tangent, but...", "side note", "small aside,", "unrelated, but...".

A speaker who steps off the topic usually says so in its first words, with one of the few phrases English
keeps for it; they are the grammar of a digression, not any recording's wording. What such a sentence says
is no idea of the recording, and neither is the answer another voice gives to a question so marked ("Sorry,
total tangent, but didn't you used to run a bakery?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.insights.extractive.steps import opens_next_point
from services.insights.sentences import TimedSentence
from shared.questions import is_question

# Where a marker may stand: opening the sentence or one of its clauses, after at most three words.
_CLAUSE_OPENING = r"(?:^|[,;:\u2014\u2013]\s*)(?:[\w']+,?\s+){0,3}"
# The marker opens the sentence or one of its clauses, after at most three words, and is set off from what
# follows it ("Oh, and, tangent, but...", "Sorry, total tangent, but...", "Side note, I...", "Hi Dave, if you're
# listening, sorry, tangent, they got me into fly fishing"): "pricing is unrelated to churn" is a claim.
_MARKED = re.compile(
    _CLAUSE_OPENING
    # "Putting that aside," comes back to the topic.
    + r"(?:tangent|side note|unrelated|off[- ]topic|(?<!that )(?<!this )(?<!it )aside"
    # "a little personal thing, my son turned seven": a personal story announced as a small one steps off the talk
    # ("a personal story about churn" may be its evidence).
    r"|(?:little|quick|small|tiny) personal (?:thing|note|aside|update))"
    r"(?:\s*[,:;\u2014\u2013-]|\s+but\b)",
    re.IGNORECASE,
)
# ... or is the sentence, the story starting in the next one: "My grandfather, sorry, tangent. My grandfather kept
# bees too." Only the words that name nothing but a digression: "Set the money aside." is an instruction.
_MARKED_ALONE = re.compile(
    _CLAUSE_OPENING + r"(?:tangent|side note|off[- ]topic)\s*[.!?\u2026]*\s*$",
    re.IGNORECASE,
)


# ... or closes it: "My uncle ran a warehouse in the nineties and he said the same thing, anyway, that's a tangent."
_MARKED_AFTER = re.compile(
    r"\b(?:that's|that was|this is|i'm on|i went on|i'm going off on) (?:a |another |my )?(?:\w+ )?"
    r"(?:tangent|side note|aside)\s*[.!?]?\s*$",
    re.IGNORECASE,
)

# ... or says of itself that it belongs nowhere in the talk: "a quick thing that has nothing to do with anything",
# "this has nothing to do with today's topic" ("churn has nothing to do with price" is a claim).
_MARKED_UNRELATED = re.compile(
    r"\bnothing (?:at all )?to do with (?:anything|any of this|(?:the|today's|this|our) "
    r"(?:topic|episode|show|talk|webinar|podcast|session|subject))\b",
    re.IGNORECASE,
)


# Words that open a story as often as a digression ("Speaking of test routes, funny story, there's a goose near the test
# centre"; "speaking of onboarding, we cut it to one call" goes on with the talk): they mark one only when the speaker
# says they are back afterwards.
_MAY_STEP_OFF = re.compile(
    _CLAUSE_OPENING + r"(?:speaking of|funny story|true story|(?:that|which|this|it) reminds me)\b",
    re.IGNORECASE,
)
# The speaker comes back: "Anyway, quick break", "Okay, anyway, where was I", "But I digress", "So, back to hiring".
_RETURNS = re.compile(
    r"^(?:(?:okay|ok|so|but|and|um|uh|yeah|right|sorry|alright|all right)\s*,?\s+){0,3}"
    r"(?:anyway|anyways|anyhow|back to\b|back on track\b|where was i\b|where were we\b|(?:but )?i digress\b)",
    re.IGNORECASE,
)
# ... or closes the digression's last sentence with it: "..., it's a whole thing, but I digress."
_RETURNS_AT_END = re.compile(r"[,;]\s*(?:but |anyway,? )?i digress\s*[.!?\u2026]*\s*$", re.IGNORECASE)
# A digression runs on over at most this many sentences before its speaker comes back; one that never says it came
# back is only the sentence marked.
MAX_DIGRESSION_SENTENCES = 8
# Another voice's reaction inside the digression ("A ghost?", "How does a beagle open it at all?") is part of it; a
# longer turn takes the talk back.
MAX_REACTION_WORDS = 12


def digressions(sentences: Sequence[TimedSentence]) -> set[int]:
    """The sentences that step off the topic: each marked one, what is said after it until its speaker says they
    are back ("Anyway, ..."), and the turn that answers a marked question."""
    off_topic = set()
    for index, sentence in enumerate(sentences):
        marked = any(
            marker.search(sentence.text) for marker in (_MARKED, _MARKED_ALONE, _MARKED_AFTER, _MARKED_UNRELATED)
        )
        if not marked and not _MAY_STEP_OFF.search(sentence.text):
            continue
        back = _until_back(sentences, index)
        if not marked and back is None:
            continue
        off_topic.add(index)
        off_topic.update(back or ())
        if sentence.speaker and is_question(sentence.text):
            answer = index + 1
            while answer < len(sentences) and sentences[answer].speaker == sentence.speaker:
                answer += 1
            answerer = sentences[answer].speaker if answer < len(sentences) else None
            while answerer and answer < len(sentences) and sentences[answer].speaker == answerer:
                off_topic.add(answer)
                answer += 1
    return off_topic


def _until_back(sentences: Sequence[TimedSentence], marked: int) -> range | None:
    """What is said after the marked sentence until its speaker says they are back, when they do so within a few
    sentences and neither the talk's next point nor another voice saying more than a reaction comes first; None
    when they never say so."""
    speaker = sentences[marked].speaker
    if _RETURNS_AT_END.search(sentences[marked].text):
        return range(marked + 1, marked + 1)
    for after in range(marked + 1, min(len(sentences), marked + 1 + MAX_DIGRESSION_SENTENCES)):
        said = sentences[after]
        # "The second thing, ..." is the talk again, whether or not an "anyway" follows.
        if opens_next_point(said.text):
            return None
        if said.speaker != speaker:
            if len(said.text.split()) > MAX_REACTION_WORDS:
                return None
            continue
        if _RETURNS.match(said.text):
            return range(marked + 1, after)
        if _RETURNS_AT_END.search(said.text):
            return range(marked + 1, after + 1)
    return None
