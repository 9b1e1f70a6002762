"""The thought-leadership rail's guard: find the tells of a sales pitch dressed as an article.

Four tells, after the domain brief: a call to action (demo, trial, sign-up, sales, links,
codes, offers), promotion of the product or its features, the vendor positioning itself
("we are the leading..."), and a consensus listicle ("5 tips...") in place of a point of
view. The first three are read with ``shared.pitch``, the same vocabulary the insight stage
strips transcripts with; the listicle is about the article's shape and stays here. The guard
errs towards flagging: a false alarm sends an article to human review, a miss publishes a
pitch under the rail's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from shared.pitch import PitchKind, find_pitch_cues


class TellKind(StrEnum):
    call_to_action = "call_to_action"
    product_promotion = "product_promotion"
    vendor_positioning = "vendor_positioning"
    consensus_listicle = "consensus_listicle"


@dataclass(frozen=True)
class Tell:
    kind: TellKind
    matched: str
    reason: str


class PromotionalArticleError(Exception):
    """The article still reads as a sales pitch; it goes to review, never to publication."""

    def __init__(self, tells: Sequence[Tell]) -> None:
        self.tells = tuple(tells)
        found = ", ".join(f"{tell.kind.value}: {tell.matched!r}" for tell in self.tells)
        super().__init__(f"framework article carries promotional tells ({found})")


@dataclass(frozen=True)
class Repair:
    """The article with offending sentences removed, what was removed, and what could not be."""

    markdown: str
    removed: tuple[Tell, ...]
    remaining: tuple[Tell, ...]


@dataclass(frozen=True)
class _Rule:
    kind: TellKind
    pattern: re.Pattern[str]
    reason: str


def _rule(kind: TellKind, pattern: str, reason: str) -> _Rule:
    return _Rule(kind, re.compile(pattern, re.IGNORECASE), reason)


# Calls to action, product promotion and vendor positioning are the speaker's pitch vocabulary,
# shared with the insight stage (shared.pitch); only the article-shape tell is the guard's own.
_TELL_OF_PITCH: dict[PitchKind, TellKind] = {
    PitchKind.sponsor_read: TellKind.call_to_action,
    PitchKind.web_address: TellKind.call_to_action,
    PitchKind.promo_code: TellKind.call_to_action,
    PitchKind.offer: TellKind.call_to_action,
    PitchKind.call_to_action: TellKind.call_to_action,
    PitchKind.ad_block: TellKind.call_to_action,
    PitchKind.plug_invitation: TellKind.call_to_action,
    PitchKind.product_promotion: TellKind.product_promotion,
    PitchKind.vendor_positioning: TellKind.vendor_positioning,
}
_NUMBER = r"(?:\d+|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|a hundred)"
_LISTICLE_RULES = (
    _rule(
        TellKind.consensus_listicle,
        rf"\b{_NUMBER}\s+(?:simple |easy |quick |proven |essential |best |top )?"
        r"(?:tips|tricks|hacks|secrets|ways to|things you need|mistakes to avoid)\b",
        "a numbered listicle restates consensus instead of taking a position",
    ),
    _rule(
        TellKind.consensus_listicle,
        r"\bultimate guide\b|\b(?:complete|definitive) guide\b|\beverything you need to know\b|\bbest practices\b",
        "a consensus round-up, not a point of view",
    ),
)

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# Quotes, list items and table rows are kept or dropped whole: half a quote is no longer verbatim.
_WHOLE_LINE = re.compile(r"^\s*(?:>|[-*+]\s|\d+[.)]\s|\|)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")
_RUNS_OF_BLANK_LINES = re.compile(r"\n{3,}")


def find_promotional_tells(markdown: str, product_names: Sequence[str] = ()) -> list[Tell]:
    """Every tell in the text, in reading order; overlapping hits of the same kind count once.

    Each heading and each paragraph is read on its own. Read across the break, a heading ran into the line under
    it: "### 1. Three things I changed about my newsletter" and "_S2 makes this point at [00:50]._" read as a
    product and what it makes, a tell in no sentence of the article and one no repair could remove."""
    hits: list[tuple[int, int, Tell]] = []
    rules = (*_LISTICLE_RULES, *_product_name_rules(product_names))
    for offset, block in _blocks(markdown):
        hits.extend(
            (offset + cue.start, offset + cue.end, Tell(_TELL_OF_PITCH[cue.kind], cue.matched, cue.reason))
            for cue in find_pitch_cues(block)
        )
        for rule in rules:
            for match in rule.pattern.finditer(block):
                hits.append(
                    (offset + match.start(), offset + match.end(), Tell(rule.kind, match.group(0), rule.reason))
                )
    hits.sort(key=lambda hit: (hit[0], -hit[1], hit[2].kind.value))
    tells: list[Tell] = []
    covered: dict[TellKind, int] = {}
    for start, end, tell in hits:
        if start < covered.get(tell.kind, -1):
            continue
        covered[tell.kind] = end
        tells.append(tell)
    return tells


def _blocks(markdown: str) -> list[tuple[int, str]]:
    """The headings and paragraphs of the text, each with where it starts; a paragraph's wrapped lines stay one
    block (a line break inside a paragraph is no sentence end), with the break kept so positions still match."""
    blocks: list[tuple[int, str]] = []
    offset, in_paragraph = 0, False
    for line in markdown.split("\n"):
        is_prose = bool(line.strip()) and not _HEADING.match(line)
        if is_prose and in_paragraph:
            start, text = blocks[-1]
            blocks[-1] = (start, f"{text}\n{line}")
        elif line.strip():
            blocks.append((offset, line))
        in_paragraph = is_prose
        offset += len(line) + 1
    return blocks


def repair_article(markdown: str, product_names: Sequence[str] = ()) -> Repair:
    """Drop the sentences (or whole quotes and list items) that carry tells; headings cannot be dropped."""
    kept_lines: list[str] = []
    removed: list[Tell] = []
    for line in markdown.split("\n"):
        tells = find_promotional_tells(line, product_names)
        if not tells or _HEADING.match(line):
            kept_lines.append(line)
        elif _WHOLE_LINE.match(line):
            removed.extend(tells)
        else:
            kept, dropped = _without_promotional_sentences(line, product_names)
            removed.extend(dropped)
            if kept:
                kept_lines.append(kept)
    repaired = _RUNS_OF_BLANK_LINES.sub("\n\n", "\n".join(kept_lines))
    return Repair(repaired, tuple(removed), tuple(find_promotional_tells(repaired, product_names)))


def _without_promotional_sentences(line: str, product_names: Sequence[str]) -> tuple[str, list[Tell]]:
    kept, dropped = [], []
    for sentence in _SENTENCE_BREAK.split(line):
        tells = find_promotional_tells(sentence, product_names)
        if tells:
            dropped.extend(tells)
        else:
            kept.append(sentence)
    return " ".join(kept), dropped


def _product_name_rules(product_names: Sequence[str]) -> list[_Rule]:
    return [
        _rule(TellKind.product_promotion, rf"(?<!\w){re.escape(name.strip())}(?!\w)", "names the product")
        for name in product_names
        if name.strip()
    ]
