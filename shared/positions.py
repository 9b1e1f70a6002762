"""The view a speaker argues against: "Most people believe X.", "Conventional wisdom says X.".

A thought-leadership article argues a position; the surest sign of one in speech is the common view
the speaker names in order to reject it, or a stance they say is their own ("my position is that...").
The insight engine keeps such a statement whatever its rank, and the article writer builds its thesis
and counter-view on it.
"""

from __future__ import annotations

import re

_CONVENTIONAL_VIEWS = (
    # "Most people believe X", "most B2B teams I talk to still think that X", "everyone will tell you X", and the
    # audience told what it believes: "most of you think X".
    re.compile(
        # Who holds it is any group named in the plural ("most owners", "most sales reps"), never a stretch of time
        # ("most days I think about churn") nor a superlative ("the most successful founders say no").
        r"\b(?:(?<!the )most (?:\w+ )?(?!(?:days|weeks|months|years|times|mornings|nights|evenings|weekends)\b)[a-z]+s"
        r"|(?<!the )most (?:\w+ )?(?:people|staff|folk)|most of (?:you|us)|everyone|everybody)\b"
        r"(?:[^.;!?]{0,20}?)\s+(?:still\s+)?"
        r"(?:think|thinks|believe|believes|say|says|assume|assumes|treat|treats|will tell you|tell you)"
        r"\s+(?:that\s+)?(?P<view>[^.;!?,]+)",
        re.IGNORECASE,
    ),
    re.compile(r"\bconventional wisdom (?:is|says|holds)\s+(?:that\s+)?(?P<view>[^.;!?,]+)", re.IGNORECASE),
    # The mistake everyone makes, named as a belief: "the thing everyone gets wrong is thinking it's the fare",
    # "the biggest mistake people make is assuming that...". (A mistake named as a deed, "the mistake everyone makes
    # is hiring too fast", is advice against it, not a view.)
    re.compile(
        r"\bthe (?:one |big |biggest |main |most common |common )?(?:thing|mistake|part) (?:that )?"
        r"(?:everyone|everybody|most people|people|most of you|most of us|we all)\s+"
        r"(?:gets? wrong|got wrong|makes?|made)\s+(?:is|was)\s+(?:thinking|believing|assuming)\s+(?:that\s+)?"
        r"(?P<view>[^.;!?,]+)",
        re.IGNORECASE,
    ),
)
# The received advice by name ("the standard advice is to roll out at 1%", "the usual playbook says..."): the
# speaker sets it up to depart from it, so it never holds up their position.
_RECEIVED_ADVICE = re.compile(
    r"\b(?:standard|usual|conventional|common|textbook|default|received|typical) "
    r"(?:advice|playbook|wisdom|thinking|rule of thumb|best practice)\s+(?:is|says|goes|holds)\b"
    r"(?:\s+to\s+(?P<act>[^.;!?,]+))?",
    re.IGNORECASE,
)


# The speaker's own rule or stance, said as one ("My rule is book the main room a little too small", "the rule I teach
# is that you never give a concession", "so my position is that...", "I'm just going to say it, a fully booked schedule
# is not a sign your clinic is healthy"): a position they hold and argue, whatever kind of idea it was found as.
# What a speaker calls their stance ("my honest view is"): a position in a quote, a frame a title leaves out.
_STANCE_WORDS = r"(?:(?:honest|whole|actual) )?(?:position|view|stance|take|thesis)"
_OWN_POSITION = re.compile(
    r"\b(?:my|our) (?:(?:one|golden|first|simple) )?(?:rule|advice|principle)(?:'s| is)\b"
    r"|\bthe (?:rule|advice|principle) (?:i|we) (?:teach|give|follow|live by|use)\b"
    rf"|\b(?:my|our) (?:{_STANCE_WORDS}|(?:(?:honest|whole|actual) )?hot take)(?:'s| is)\b"
    r"|\bhere's my (?:hot )?take\b|\bunpopular opinion\b"
    r"|\bi(?:'m| am) (?:just )?(?:going to|gonna) say it\b|\bi(?:'ll| will) (?:just )?say it\b",
    re.IGNORECASE,
)


def states_own_position(text: str) -> bool:
    """Whether the speaker says the text is their own rule or stance ("my position is that...")."""
    return _OWN_POSITION.search(text) is not None


# The frame a stance is announced with, which a title or a name leaves out: "So my position is that X" says X.
_OWN_POSITION_FRAME = re.compile(
    rf"^(?:(?:so|and|well|okay|um|uh)\W+)*(?:my|our) {_STANCE_WORDS}(?:'s| is)(?:\s+that)?\W+",
    re.IGNORECASE,
)


def without_own_position_frame(text: str) -> str:
    """The text without the frame that announces it as the speaker's stance ("my position is that")."""
    rest = _OWN_POSITION_FRAME.sub("", text.strip(), count=1)
    return rest[:1].upper() + rest[1:]


def rejected_view(quote: str) -> str | None:
    """What "most people think": the position the speaker argues against. Advice given as what to do ("the
    standard advice is to X") is the view that you should X."""
    stated = _stated_view(quote)
    if stated is not None:
        return stated.group("view").strip()
    advice = _RECEIVED_ADVICE.search(quote)
    return f"you should {advice.group('act').strip()}" if advice and advice.group("act") else None


def states_received_advice(quote: str) -> bool:
    """Whether the quote names the received advice ("the standard advice is rollout at 1%"), however it goes on."""
    return _RECEIVED_ADVICE.search(quote) is not None


def without_rejected_view(quote: str) -> str:
    """The quote without the clause that states the view the speaker argues against: "Most people think
    X, but the truth is Y." keeps "the truth is Y."."""
    stated = _stated_view(quote)
    if stated is None:
        return quote
    rest = quote[stated.end() :]
    turn = re.search(r"[.;!?]|,\s*but\b|\bbut\b", rest)
    return quote[: stated.start()] + (rest[turn.end() :] if turn else "")


def _stated_view(quote: str) -> re.Match[str] | None:
    return next((match for pattern in _CONVENTIONAL_VIEWS if (match := pattern.search(quote))), None)


def ruled_out(phrase: str, text: str) -> bool:
    """Whether the text says the phrase as what it rules out ("measure trials, not demo requests", "instead of a
    kickoff call"): named for the point, it would name the very thing the speaker argues against."""
    denied = rf"\b(?:not|no|never|instead of|rather than)\s+(?:[\w'-]+\s+){{0,2}}?{re.escape(phrase)}\b"
    return re.search(denied, text, re.IGNORECASE) is not None
