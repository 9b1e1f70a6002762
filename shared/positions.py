"""The view a speaker argues against: "Most people believe X.", "Conventional wisdom says X.".

A thought-leadership article argues a position; the surest sign of one in speech is the common view
the speaker names in order to reject it. The insight engine keeps such a statement whatever its rank,
and the article writer builds its thesis and counter-view on it.
"""

from __future__ import annotations

import re

_CONVENTIONAL_VIEWS = (
    re.compile(
        r"\b(?:most (?:people|teams|companies|marketers|founders|leaders)|everyone|everybody)\s+(?:still\s+)?"
        r"(?:think|thinks|believe|believes|say|says|assume|assumes|will tell you|tell you)"
        r"\s+(?:that\s+)?(?P<view>[^.;!?,]+)",
        re.IGNORECASE,
    ),
    re.compile(r"\bconventional wisdom (?:is|says|holds)\s+(?:that\s+)?(?P<view>[^.;!?,]+)", re.IGNORECASE),
)


def rejected_view(quote: str) -> str | None:
    """What "most people think": the position the speaker argues against."""
    for pattern in _CONVENTIONAL_VIEWS:
        match = pattern.search(quote)
        if match:
            return match.group("view").strip()
    return None
