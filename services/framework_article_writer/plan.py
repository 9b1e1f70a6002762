"""Decide what a framework article argues and cites, before a word of it is rendered.

The thesis is the speaker's strongest point of view; the framework is the process they laid
out, or, when they laid none out, their other ideas arranged as pillars; the skeptic's
objection is the conventional view the speaker pushed against; the answer is the best
number or story that has not been cited yet. Every piece is an insight, so everything the
article asserts traces to a quote and a timestamp.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from shared.events import Insight, InsightType

MIN_PILLARS = 2
MAX_PILLARS = 4
MAX_CLAIM_WORDS = 12

# Without a point of view, the most arguable remaining idea carries the thesis.
_THESIS_PREFERENCE = (
    InsightType.point_of_view,
    InsightType.quotable_line,
    InsightType.pain_point,
    InsightType.data_point,
    InsightType.story,
    InsightType.framework,
)
# Evidence that answers a skeptic best: a number, then something that happened, then a cost.
_ANSWER_PREFERENCE = (InsightType.data_point, InsightType.story, InsightType.pain_point)
# A pillar is named for the move it asks of the reader; each kind of insight makes one move.
_PILLAR_NAMES = {
    InsightType.pain_point: "Name the Cost",
    InsightType.data_point: "Measure It",
    InsightType.story: "Learn From the Field",
    InsightType.point_of_view: "Challenge the Default",
    InsightType.quotable_line: "Hold the Principle",
}
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs"})

_CONVENTIONAL_VIEWS = (
    re.compile(
        r"\b(?:most (?:people|teams|companies|marketers|founders|leaders)|everyone|everybody)\s+(?:still\s+)?"
        r"(?:think|thinks|believe|believes|say|says|assume|assumes|will tell you|tell you)"
        r"\s+(?:that\s+)?(?P<view>[^.;!?,]+)",
        re.IGNORECASE,
    ),
    re.compile(r"\bconventional wisdom (?:is|says|holds)\s+(?:that\s+)?(?P<view>[^.;!?,]+)", re.IGNORECASE),
)
_TURN = re.compile(
    r"\b(?:the truth is|the reality is|in reality|actually|instead|I believe|I'd argue|(?:they're|you're|that's) wrong)"
    r"\b[,:]?\s*(?:that\s+)?(?P<claim>[^.;!?]+)",
    re.IGNORECASE,
)
_LEADING_PRONOUN = re.compile(r"^(?:it's|it is|they're|they are)\s+", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?P<subject>.+?)\s+(?P<verb>is|are)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class FrameworkStep:
    """One step or pillar. A pillar carries its own quote; steps share the framework's."""

    name: str
    detail: str = ""
    source: Insight | None = None


@dataclass(frozen=True)
class ArticlePlan:
    keyword: str
    thesis: Insight
    thesis_statement: str
    claim: str | None
    conventional_view: str | None
    framework_kind: Literal["steps", "pillars"]
    framework_name: str
    steps: tuple[FrameworkStep, ...]
    framework: Insight | None
    answer: Insight | None
    supporting: tuple[Insight, ...]

    @property
    def cited(self) -> list[Insight]:
        """Every insight the article quotes, each once, in the order the article quotes them."""
        pillars = [step.source for step in self.steps if step.source is not None]
        ordered = [self.thesis, *([self.framework] if self.framework else []), *pillars]
        ordered += [*([self.answer] if self.answer else []), *self.supporting]
        unique: dict[str, Insight] = {}
        for insight in ordered:
            unique.setdefault(insight.insight_id, insight)
        return list(unique.values())


class NotEnoughInsightsError(ValueError):
    """Too little in the recording to build a framework from without inventing one."""


def plan_article(insights: Sequence[Insight], keywords: Sequence[str], *, max_evidence: int) -> ArticlePlan:
    if not insights:
        raise NotEnoughInsightsError("no insights to write a framework article from")
    best_first = sorted(insights, key=lambda insight: (-insight.score, insight.start, insight.insight_id))
    thesis = _thesis(best_first)
    conventional_view = _conventional_view(thesis.quote)
    claim = _claim(thesis.quote, conventional_view)
    if conventional_view is None:
        # "Most people believe X." and "I think that is wrong." are often two sentences, two insights.
        conventional_view = next(
            (
                view
                for insight in best_first
                if insight.type is InsightType.point_of_view and insight is not thesis
                for view in [_conventional_view(insight.quote)]
                if view
            ),
            None,
        )
    keyword = _topic_keyword(keywords, insights, _subject(conventional_view or claim))
    framework = next((i for i in best_first if i.type is InsightType.framework and len(i.steps) >= 2), None)
    if framework is not None and framework is not thesis:
        kind: Literal["steps", "pillars"] = "steps"
        steps = tuple(FrameworkStep(name=step) for step in framework.steps)
        name = (
            f"The {_headline_case(keyword)} {len(steps)}-Step Framework"
            if keyword
            else f"A {len(steps)}-Step Framework"
        )
    else:
        framework, kind = None, "pillars"
        steps = _pillars([i for i in best_first if i is not thesis])
        name = f"The {len(steps)} Pillars of {_headline_case(keyword)}" if keyword else f"{len(steps)} Pillars"

    used = {
        thesis.insight_id,
        *(i.insight_id for i in [framework] if i),
        *(s.source.insight_id for s in steps if s.source),
    }
    unused = [insight for insight in best_first if insight.insight_id not in used]
    answer = next((i for wanted in _ANSWER_PREFERENCE for i in unused if i.type is wanted), None)
    room = max(0, max_evidence - len(used) - (1 if answer else 0))
    supporting = _mixed_evidence([i for i in unused if i is not answer], room)
    return ArticlePlan(
        keyword=keyword,
        thesis=thesis,
        thesis_statement=thesis_statement(thesis, claim, conventional_view),
        claim=claim,
        conventional_view=conventional_view,
        framework_kind=kind,
        framework_name=name,
        steps=steps,
        framework=framework,
        answer=answer,
        supporting=tuple(sorted(supporting, key=lambda insight: insight.start)),
    )


def _thesis(best_first: Sequence[Insight]) -> Insight:
    """The most arguable idea: of the preferred type, the one that departs furthest from consensus."""
    for wanted in _THESIS_PREFERENCE:
        of_type = [insight for insight in best_first if insight.type is wanted]
        if of_type:
            return max(of_type, key=lambda insight: (insight.originality + insight.score, -insight.start))
    return best_first[0]


def thesis_statement(thesis: Insight, claim: str | None, conventional_view: str | None) -> str:
    """The thesis said outright, in one sentence, from the speaker's own words only.

    A quote is evidence; a thesis is the position the article defends. It is assembled from
    the speaker's claim and the view they reject, never from words they did not say.
    """
    if claim and conventional_view:
        return f"{_sentence(claim)} The common view, that {conventional_view}, gets it wrong."
    if conventional_view:
        return f"The common view, that {conventional_view}, does not hold up."
    if claim:
        return _sentence(claim)
    return _sentence(thesis.summary)


def _sentence(text: str) -> str:
    text = text.strip().rstrip(",;:")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _mixed_evidence(best_first: Sequence[Insight], room: int) -> list[Insight]:
    """Take the best number, story and cost in turn, so one kind of evidence does not crowd out the rest."""
    queues = [[i for i in best_first if i.type is wanted] for wanted in _ANSWER_PREFERENCE]
    chosen: list[Insight] = []
    while len(chosen) < room and any(queues):
        for queue in queues:
            if queue and len(chosen) < room:
                chosen.append(queue.pop(0))
    return chosen


def _topic_keyword(keywords: Sequence[str], insights: Sequence[Insight], subject: str | None) -> str:
    """What the framework is about: the subject of the thesis, as the recording's own key phrase if it has one.

    Naming it after the thesis subject keeps the name off the position the speaker rejects
    (no "lead generation framework" from a talk arguing webinars are not for lead generation).
    Without a subject, the best key phrase the quotes contain.
    """
    if subject:
        wanted = {_singular(word) for word in subject.lower().split()}
        for keyword in keywords:
            if wanted <= {_singular(word) for word in keyword.lower().split()}:
                return keyword
        if len(subject.split()) <= 3:
            return subject.lower()
    quotes = " ".join(insight.quote for insight in insights).lower()
    for keyword in keywords:
        if re.search(rf"\b{re.escape(keyword.lower())}\b", quotes):
            return keyword
    return ""


def _subject(statement: str | None) -> str | None:
    """ "onboarding" from "onboarding is a product problem"."""
    match = _SUBJECT.match(statement) if statement else None
    return match.group("subject") if match else None


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _pillars(candidates: Sequence[Insight]) -> tuple[FrameworkStep, ...]:
    """The best insight of each kind, in the order the speaker said them, one pillar each."""
    best_of_kind: dict[InsightType, Insight] = {}
    for insight in candidates:
        if insight.type in _PILLAR_NAMES:
            best_of_kind.setdefault(insight.type, insight)
    chosen = list(best_of_kind.values())[:MAX_PILLARS]
    # One kind said several ways (a talk made of numbers) still makes pillars, each named for its subject.
    extra = [i for i in candidates if i.type in _PILLAR_NAMES and i not in chosen and i.keywords]
    while len(chosen) < MIN_PILLARS and extra:
        chosen.append(extra.pop(0))
    chosen.sort(key=lambda insight: insight.start)
    if len(chosen) < MIN_PILLARS:
        raise NotEnoughInsightsError(f"need {MIN_PILLARS} kinds of insight besides the thesis to build pillars")
    repeated = {kind for kind in _PILLAR_NAMES if sum(1 for i in chosen if i.type is kind) > 1}
    return tuple(
        FrameworkStep(
            name=_pillar_name(insight, insight.type in repeated),
            detail="" if insight.summary.lower() in insight.quote.lower() else insight.summary,
            source=insight,
        )
        for insight in chosen
    )


def _pillar_name(insight: Insight, repeated: bool) -> str:
    name = _PILLAR_NAMES[insight.type]
    return f"{name}: {_headline_case(insight.keywords[0])}" if repeated and insight.keywords else name


def _conventional_view(quote: str) -> str | None:
    """What "most people think": the position the speaker argues against."""
    for pattern in _CONVENTIONAL_VIEWS:
        match = pattern.search(quote)
        if match:
            return match.group("view").strip()
    return None


def _claim(quote: str, conventional_view: str | None) -> str | None:
    """The speaker's own position, after the turn ("...but the truth is X"), with "it" resolved."""
    match = _TURN.search(quote)
    if match is None:
        return None
    claim = match.group("claim").strip()
    subject = _SUBJECT.match(conventional_view) if conventional_view else None
    if subject and _LEADING_PRONOUN.match(claim):
        claim = _LEADING_PRONOUN.sub(f"{subject.group('subject')} {subject.group('verb')} ", claim)
    if not claim or len(claim.split()) > MAX_CLAIM_WORDS or _LEADING_PRONOUN.match(claim):
        return None
    return claim[:1].upper() + claim[1:]


def _headline_case(phrase: str) -> str:
    return " ".join(
        word if word.isupper() or (index and word in _SMALL_WORDS) else word[:1].upper() + word[1:]
        for index, word in enumerate(phrase.split())
    )
