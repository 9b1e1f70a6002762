"""A question asks rather than states, whether or not the speech-to-text engine punctuated it as one.

Whisper often ends a spoken question with a full stop ("And how did you sell that to your boss.").
English marks a question in its word order as well: an auxiliary verb before its subject, after an
optional question word ("how did you", "are you concerned", "do we"). Both word classes are closed,
so this is grammar, not a recording's wording.
"""

from __future__ import annotations

import re

_INVERTED = re.compile(
    r"^(?:(?:and|so|but|okay|ok|well|now|then)\b,?\s+)*"
    r"(?:(?:(?:how|what|why|when|where|who|which)\s+)?"
    r"(?:do|does|did|is|are|was|were|can|could|would|will|should|shall|has|have|had|don't|doesn't|didn't|"
    r"isn't|aren't|wasn't|weren't|can't|won't|wouldn't|shouldn't|haven't|hasn't)\s+"
    # ... or the question word with "is" run into it: "What's the thing you changed that made the difference".
    r"|(?:how|what|why|when|where|who|which)'s\s+)"
    r"(?:you|we|they|he|she|it|i|there|your|our|their|his|her|its|the|this|that|these|those|"
    r"anyone|anybody|a|an|one|any|every|most|all)\b",
    re.IGNORECASE,
)


# Who hands on someone's question, before its words: a host handing on a listener's question ("She asks, what do you
# do with a temp who is fast but sloppy?", "Priya asks: ...", "She says how do you write exclusions without looking")
# asks it, as "Next question, ..." does, and Whisper drops the mark there as often as anywhere.
_ASKER = re.compile(
    r"^(?:(?:and|so|okay|ok|now|alright)\W+)*(?:she|he|they|(?-i:[A-Z][a-z]+))\s+"
    r"(?:asks|asked|says|said|is asking|was asking|wants to know|wanted to know)\s*[,:]?\s+",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """Punctuated as a question, or worded as one (an auxiliary before its subject at the start, or after who
    hands the question on: Whisper drops the mark there as well)."""
    text = text.strip()
    if text.endswith("?") or _INVERTED.match(text):
        return True
    asker = _ASKER.match(text)
    return bool(asker and _INVERTED.match(text[asker.end() :]))


# A statement that ends on a question someone asks in it ("I ask one question, what did you switch to?", "the email
# literally asks, did the new size fit?"): Whisper's question mark belongs to the question it reports. A question
# handed on without anyone asking it in the sentence ("Quick question, how do you...", "Next question, ...") is
# still one. Pronouns and the verb "ask" are closed classes of English.
_REPORTED_QUESTION = re.compile(
    r"\b(?:i|we|you|he|she|they|it|the \w+)\s+(?:\w+\s+)?(?:ask|asks|asked|asking)\b"
    r"(?:\s+(?:them|him|her|you|me|us|one|a|the|this|that|every|each)\b)*(?:\s+question)?\s*[,:]\s*[^?]+\?$",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """Whether the sentence asks something (``is_question``), rather than state something and end on a question it
    reports: "I call every customer who cancels, and I ask one question, what did you switch to?" tells what is done."""
    text = text.strip()
    if not is_question(text):
        return False
    # Opening on an auxiliary before its subject ("Did you ask them one question, what they switched to?"), the
    # sentence asks, whatever it reports.
    return bool(_INVERTED.match(text) or _ASKER.match(text)) or _REPORTED_QUESTION.search(text) is None


# The words a reported question opens on, and what may open the clause that hands a question on.
_QUESTION_WORD = r"(?:how|what|why|whether|if|where|when|who|which)\b"
_HANDING_ON = r"(?:^|[,;]\s*)(?:(?:and|so|okay|ok|now|well|alright|right)\W+)*"


# "People always ask me what's the hardest thing to grow.": the question the room puts to the speaker, said to set up
# the answer that follows. The sentence ends on the question ("So I run a community garden, and people always ask me
# what's the hardest thing to grow."); "I asked my team what slowed them down, and it was the approvals" goes on to the
# answer, and "customers ask for refunds" asks for something, not a question.
_SETS_UP_A_QUESTION = re.compile(
    r"(?:^|[,;]\s*)(?:(?:and|so|okay|ok|now|well|alright|you know)\W+)*"
    r"(?:people|everyone|everybody|folks|customers|clients|someone|somebody|a lot of (?:people|folks)|new \w+)\s+"
    r"(?:(?:always|often|usually|sometimes|still|keep|constantly)\s+)?(?:ask|asks|asked|asking)\s+(?:(?:me|us)\s+)?"
    rf"{_QUESTION_WORD}[^,;:]*[.!?]?$"
    # ... or a moderator handing it on as "the question": "So, for the recording, the question is whether the
    # week-long course works for people with jobs", "The question is how you stop the meeting turning into a grumble".
    rf"|{_HANDING_ON}(?:the|her|his|their|your|next|this|that) (?:\w+ )?question is,?\s+{_QUESTION_WORD}[^.!?]*[.!?]?$"
    # ... or as someone's, to a panelist: "She's asking Dana what happens when a group shows up late".
    rf"|{_HANDING_ON}(?:she|he|they|(?-i:[A-Z])[a-z]+)(?:'s| is| was)? (?:asking|wants to know)\s+"
    rf"(?:(?:me|us|you|(?-i:[A-Z])[a-z]+)\s+)?{_QUESTION_WORD}[^,;:]*[.!?]?$",
    re.IGNORECASE,
)


def sets_up_a_question(sentence: str) -> bool:
    """Whether the sentence only reports the question others put to the speaker, to answer it next."""
    return bool(_SETS_UP_A_QUESTION.search(sentence.strip()))
