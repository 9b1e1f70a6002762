"""Digressions the speakers mark as such: "tangent, but...", "side note", "small aside,", "unrelated, but...".

A speaker who steps off the topic usually says so in its first words, with one of the few phrases English
keeps for it; they are the grammar of a digression, not any recording's wording. What such a sentence says
is no idea of the recording, and neither is the answer another voice gives to a question so marked ("Sorry,
total tangent, but didn't you used to run a bakery?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.insights.sentences import TimedSentence
from shared.questions import is_question

# The marker opens the sentence or one of its clauses, after at most three words, and is set off from what
# follows it ("Oh, and, tangent, but...", "Sorry, total tangent, but...", "Side note, I...", "Hi Dave, if you're
# listening, sorry, tangent, they got me into fly fishing"): "pricing is unrelated to churn" is a claim.
_MARKED = re.compile(
    r"(?:^|[,;:\u2014\u2013]\s*)(?:[\w']+,?\s+){0,3}"
    # "Putting that aside," comes back to the topic.
    r"(?:tangent|side note|unrelated|off[- ]topic|(?<!that )(?<!this )(?<!it )aside)"
    r"(?:\s*[,:;\u2014\u2013-]|\s+but\b)",
    re.IGNORECASE,
)


# ... or closes it: "My uncle ran a warehouse in the nineties and he said the same thing, anyway, that's a tangent."
_MARKED_AFTER = re.compile(
    r"\b(?:that's|that was|this is|i'm on|i went on|i'm going off on) (?:a |another |my )?(?:\w+ )?"
    r"(?:tangent|side note|aside)\s*[.!?]?\s*$",
    re.IGNORECASE,
)


def digressions(sentences: Sequence[TimedSentence]) -> set[int]:
    """The sentences that step off the topic: each marked one, and the turn that answers a marked question."""
    off_topic = set()
    for index, sentence in enumerate(sentences):
        if not (_MARKED.search(sentence.text) or _MARKED_AFTER.search(sentence.text)):
            continue
        off_topic.add(index)
        if sentence.speaker and is_question(sentence.text):
            answer = index + 1
            while answer < len(sentences) and sentences[answer].speaker == sentence.speaker:
                answer += 1
            answerer = sentences[answer].speaker if answer < len(sentences) else None
            while answerer and answer < len(sentences) and sentences[answer].speaker == answerer:
                off_topic.add(answer)
                answer += 1
    return off_topic
