"""The content-marketing rail's call to action comes from settings, never from the speaker.

A lead magnet may sell the product, but only the way the settings say: the speaker's own web
address, promo code or "DM me" would send the reader somewhere nobody chose. Insights whose
shown words pitch are set aside before writing (a framework keeps its other steps), and any
body line that still carries the speaker's pitch makes the lead magnet unpublishable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shared.events import Insight
from shared.pitch import find_pitch_cues, is_pitch

# Five words in a row shared with what the speaker said mark a line's words as the speaker's.
SPOKEN_RUN = 5
_WORD = re.compile(r"[\w'%$-]+")


def without_speaker_pitch(insights: Sequence[Insight]) -> list[Insight]:
    """The insights a lead magnet may show: a framework without its pitching steps (it shows its steps),
    any other insight only if its summary (what it shows) does not pitch."""
    kept: list[Insight] = []
    for insight in insights:
        if not insight.steps:
            if not is_pitch(insight.summary):
                kept.append(insight)
            continue
        steps = [step for step in insight.steps if not is_pitch(step)]
        if steps:
            kept.append(insight if steps == insight.steps else insight.model_copy(update={"steps": steps}))
    return kept


def speaker_pitch_problems(markdown: str, insights: Sequence[Insight]) -> list[str]:
    """Each body line where a pitch cue falls on the speaker's words; the settings' own CTA is not theirs."""
    spoken = _runs(" ".join(text for insight in insights for text in (insight.quote, insight.summary, *insight.steps)))
    problems = []
    for line in markdown.split("\n"):
        spans = _spoken_spans(line, spoken)
        for cue in find_pitch_cues(line):
            if any(start < cue.end and cue.start < end for start, end in spans):
                problems.append(f"the body carries the speaker's pitch ({cue.kind.value}: {cue.matched!r})")
    return problems


def _runs(text: str) -> set[tuple[str, ...]]:
    words = [word.lower() for word in _WORD.findall(text)]
    return {tuple(words[i : i + SPOKEN_RUN]) for i in range(len(words) - SPOKEN_RUN + 1)}


def _spoken_spans(line: str, spoken: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    words = list(_WORD.finditer(line))
    spans = []
    for i in range(len(words) - SPOKEN_RUN + 1):
        run = words[i : i + SPOKEN_RUN]
        if tuple(word.group(0).lower() for word in run) in spoken:
            spans.append((run[0].start(), run[-1].end()))
    return spans
