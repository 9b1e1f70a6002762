"""Thought-leadership rail: turn a recording's insights into a framework article with no sales pitch.

Insights whose own words pitch the product are set aside before anything is written, so
the article cannot quote the speaker's pitch. The rendered article then passes the guard;
what the guard still finds (say, a call to action added to an overridden template) is
repaired sentence by sentence, and if anything survives the repair the writer refuses
with ``PromotionalArticleError``: an article with tells is never returned.

The title is the speaker's claim, else their shortest quotable line, else the upload's own
title, else the framework's name; never the file name. Each quote carries its timestamp and,
when the transcript knows, who said it: ``> "..." — S2 [12:34]``. An article whose headings
repeat or stand empty is refused with ``MalformedArticleError``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from services.framework_article_writer import metrics
from services.framework_article_writer.guard import (
    PromotionalArticleError,
    Tell,
    find_promotional_tells,
    repair_article,
)
from services.framework_article_writer.plan import (
    ArticlePlan,
    NotEnoughInsightsError,
    UnquotedArticleError,
    first_clause_name,
    headline_case,
    pillar_name,
    plan_article,
    points_back_dropped,
    speaker_of,
)
from services.framework_article_writer.settings import FrameworkArticleSettings
from shared.clauses import CLAUSE_MARK, breaks_off, is_dependent, opens_on_but, points_back
from shared.events import Insight, InsightSet, InsightType
from shared.headings import heading_problems
from shared.passages import first_sentence, statement_start, without_lead_in
from shared.positions import rejected_view, without_own_position_frame
from shared.templates import markdown_templates

DEFAULT_TEMPLATES = Path(__file__).parent / "templates"

logger = logging.getLogger(__name__)

# A title line is a statement of the speaker's, whole: twelve words is as long as a clause the insight stage
# headlines (shared.clauses.MAX_WORDS), and cutting one shorter lost its point ("We Don't Want to Engage").
MIN_TITLE_LINE_WORDS = 3
MAX_TITLE_LINE_WORDS = 12
# A sentence that cannot be cut short is a title whole up to this long: one that grants something to make its point
# ("X is fine, but not for everything"), or one clause with nowhere to cut ("A churned customer will tell you in 10
# minutes what your happy customers will never say").
MAX_WHOLE_SENTENCE_TITLE_WORDS = 16
# "Rethinking the idea that ..." adds four words to the view it reopens: fourteen at most in all.
MAX_REOPENED_VIEW_WORDS = 10


class MalformedArticleError(ValueError):
    """The rendered article reads as a template filled by rote (a heading twice, an empty section)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("framework article not publishable: " + "; ".join(self.problems))


@dataclass(frozen=True)
class FrameworkArticle:
    title: str
    thesis: str
    framework_name: str
    steps: tuple[str, ...]
    evidence: tuple[tuple[str, float, float], ...]
    counter_argument: str
    closing_question: str
    insight_ids: tuple[str, ...]
    markdown: str
    # What the cited insights heard too unclearly to quote said: their points are in the article, their
    # words may not be quoted by whoever redrafts it.
    unclear_quotes: tuple[str, ...] = ()


class FrameworkArticleWriter:
    def __init__(self, settings: FrameworkArticleSettings) -> None:
        self._settings = settings
        self._product_names = tuple(settings.guarded_names)
        self._templates = _template_environment(settings.framework_article_templates_dir)

    def write(self, insights: InsightSet) -> FrameworkArticle:
        """Raises ``PromotionalArticleError`` (route to review), ``NotEnoughInsightsError`` (its
        ``UnquotedArticleError`` when too little was heard clearly enough to quote) or ``MalformedArticleError``."""
        usable, pitch_tells = self._set_aside_pitches(insights.insights)
        for tell in pitch_tells:
            metrics.TELLS.labels(kind=tell.kind.value).inc()
        if pitch_tells:
            logger.info(
                "set aside insights where the speaker pitches",
                extra={"recording_id": insights.recording_id, "tells": [tell.matched for tell in pitch_tells]},
            )
        keywords = [keyword for keyword in insights.keywords if not self._tells(keyword)]
        try:
            plan = plan_article(usable, keywords, max_evidence=self._settings.max_evidence)
        except NotEnoughInsightsError as too_little:
            if pitch_tells:
                # What is left once the pitch is gone cannot carry an article: a person should look at it.
                raise PromotionalArticleError(pitch_tells) from too_little
            raise

        quoted = sum(1 for insight in plan.cited if insight.quote_is_verbatim)
        if quoted < self._settings.article_min_quotes:
            raise UnquotedArticleError(len(plan.cited), quoted, self._settings.article_min_quotes)

        context = self._context(plan, article_title(plan, usable, insights.uploaded_title))
        # The pieces are guarded on their own too: they are published as fields, not only inside the article.
        context["counter_argument"] = (
            self._guarded("skeptics.md.j2", context, insights.recording_id) if plan.has_counter_view else ""
        )
        context["closing_question"] = self._guarded("closing_question.md.j2", context, insights.recording_id)
        markdown = self._guarded("article.md.j2", context, insights.recording_id) + "\n"
        problems = check_article(markdown)
        if problems:
            raise MalformedArticleError(problems)
        return FrameworkArticle(
            title=context["title"],
            thesis=plan.thesis_statement,
            framework_name=plan.framework_name,
            steps=tuple(f"{step.name}: {step.source.summary}" if step.source else step.name for step in plan.steps),
            evidence=tuple(
                (as_quoted(insight.quote), insight.start, insight.end)
                for insight in plan.cited
                if insight.quote_is_verbatim
            ),
            counter_argument=context["counter_argument"],
            closing_question=context["closing_question"],
            insight_ids=tuple(insight.insight_id for insight in plan.cited),
            markdown=markdown,
            unclear_quotes=tuple(insight.quote for insight in plan.cited if not insight.quote_is_verbatim),
        )

    def _set_aside_pitches(self, insights: Sequence[Insight]) -> tuple[list[Insight], list[Tell]]:
        """Drop insights where the speaker pitches the product: their quotes would carry the pitch."""
        usable: list[Insight] = []
        tells: list[Tell] = []
        for insight in insights:
            texts = dict.fromkeys([insight.quote, insight.summary, *insight.steps])
            found = [tell for text in texts for tell in self._tells(text)]
            if found:
                tells.extend(tell for tell in found if tell not in tells)
            else:
                usable.append(insight)
        return usable, tells

    def _guarded(self, template: str, context: dict[str, Any], recording_id: str) -> str:
        """Render, then repair or refuse whatever the guard finds."""
        markdown = self._templates.get_template(template).render(context).strip()
        if not self._tells(markdown):
            return markdown
        repair = repair_article(markdown, self._product_names)
        for tell in repair.removed:
            metrics.TELLS.labels(kind=tell.kind.value).inc()
        if repair.remaining:
            raise PromotionalArticleError(repair.remaining)
        metrics.REPAIRED.inc()
        logger.warning(
            "removed promotional sentences from a framework article",
            extra={"recording_id": recording_id, "tells": [tell.matched for tell in repair.removed]},
        )
        return repair.markdown

    def _tells(self, text: str) -> list[Tell]:
        return find_promotional_tells(text, self._product_names)

    def _context(self, plan: ArticlePlan, title: str) -> dict[str, Any]:
        thesis = plan.thesis
        same_as_title = _comparable(plan.framework_name) == _comparable(title)
        return {
            "title": title,
            # The framework's section is named for it, unless the article already is.
            "framework_heading": f"The {plan.framework_kind}" if same_as_title else plan.framework_name,
            "thesis": thesis,
            "thesis_text": plan.thesis_statement,
            # The statement stands alone unless the quote below says it word for word.
            "thesis_is_verbatim": thesis.quote_is_verbatim and plan.thesis_statement.lower() in thesis.quote.lower(),
            "keyword": plan.keyword,
            "framework_kind": plan.framework_kind,
            "framework_name": plan.framework_name,
            "framework": plan.framework,
            "steps": plan.steps,
            "step_count": len(plan.steps),
            "supporting": plan.supporting,
            "answer": plan.answer,
            "conventional_view": plan.conventional_view,
            "objection": plan.objection,
            "objection_only_asks": plan.objection_only_asks,
        }


def article_title(plan: ArticlePlan, insights: Sequence[Insight], uploaded_title: str) -> str:
    """The position the article defends, in the speaker's words, as a headline: their claim, else their
    best short quotable line (one no pillar is already named after), else the view they reject put as
    the question the article reopens, else a short thesis; only then the upload's own title, then the
    framework's name when it names a topic, and the thesis cut short as the last resort. Never the
    upload's file name, never the rejected view as if it were the article's own position."""
    if plan.claim:
        return headline_case(plan.claim.rstrip(".!?"))
    pillars = {step.source.insight_id for step in plan.steps if step.source is not None}
    # A line may title the article only in words heard clearly: quotable word for word, or its stating clause.
    lines = sorted(
        (
            i
            for i in insights
            if i.type is InsightType.quotable_line
            and i.insight_id not in pillars
            and (i.quote_is_verbatim or i.headline)
        ),
        key=lambda insight: (-insight.score, insight.start),
    )
    for candidate in lines:
        if line := _headline_line(_title_words(candidate)):
            return line
    if plan.conventional_view and len(plan.conventional_view.split()) <= MAX_REOPENED_VIEW_WORDS:
        return headline_case(f"Rethinking the idea that {plan.conventional_view}")
    if line := _headline_line(_title_words(plan.thesis)):
        return line
    if uploaded_title.strip():
        return uploaded_title.strip()
    if plan.keyword:
        return plan.framework_name
    # Without a topic the framework's name is boilerplate ("The 2 Pillars"); the thesis cut at a natural
    # stop ("Customers forget why they bought") still says what the article argues.
    return (
        headline_case(first_clause_name(pillar_name(plan.thesis, alone=True) or _title_words(plan.thesis)))
        or plan.framework_name
    )


def _title_words(insight: Insight) -> str:
    """What a title may be cut from: the clause that states the insight, else its quote."""
    return insight.headline or without_lead_in(insight.quote)


_OPENING_CONJUNCTION = re.compile(r"^(?:but|and|so|yet)\b,?\s+", re.IGNORECASE)


def _headline_line(quote: str) -> str:
    """The quote's first sentence as a headline when it is short, else its first clause, when that is a short
    statement of the speaker's own; else "".

    Not a sentence that only points back ("I think that is wrong."), not the view the speaker
    rejects, not a clause that only sets up another ("If you wait until renewal," gives way to the rest of its
    sentence), not a label ending in a colon ("Step one:", "System prompt:"), not a lead-in reply, and at least a
    subject, a verb and what they act on (three words)."""
    # A headline starts at the point: after a short reply ("I get that a lot.") and its "But".
    text = _OPENING_CONJUNCTION.sub("", without_own_position_frame(without_lead_in(points_back_dropped(quote.strip()))))
    first_clause, *rest = re.split(rf"\s*({CLAUSE_MARK})\s*|(?<=[.!?])\s+", text, maxsplit=1)
    longest = MAX_TITLE_LINE_WORDS
    if rest and rest[0] == ":":
        return ""
    if is_dependent(first_clause):
        # "If you start thinking about renewal late, you're negotiating, you're not renewing": the point is the
        # rest of the sentence, which the opening clause only sets up.
        if not rest or rest[0] != ",":
            return ""
        first_clause = first_sentence(rest[-1])
    elif len((sentence := first_sentence(text)).split()) <= MAX_TITLE_LINE_WORDS:
        # A sentence short enough is a title whole: "Nobody had noticed" alone does not say what the rest of
        # "..., because nobody runs a sample once it's published" does.
        first_clause = sentence
    elif not re.search(CLAUSE_MARK, sentence):
        first_clause, longest = sentence, MAX_WHOLE_SENTENCE_TITLE_WORDS
    elif rest and rest[0] is not None and opens_on_but(rest[-1]):
        # "Contact us is fine for the very top tier, but not for everything": the first clause is what the speaker
        # grants to make the rest; cut there, the title would say the opposite of their point. Whole, or not at all.
        first_clause, longest = sentence, MAX_WHOLE_SENTENCE_TITLE_WORDS
    if first_clause.endswith("?") or not MIN_TITLE_LINE_WORDS <= len(first_clause.split()) <= longest:
        return ""
    line = first_clause.rstrip(".!")
    # Nor a clause cut at the aside that interrupted it: "The menu had" ("the menu had, I counted, 34 dishes").
    if rejected_view(first_clause) or is_dependent(first_clause) or points_back(first_clause) or breaks_off(line):
        return ""
    return headline_case(line)


def check_article(markdown: str) -> list[str]:
    """What keeps the article from reading as finished: headings said twice or standing empty."""
    return heading_problems(markdown)


def said(quote: str) -> str:
    """The speaker's words for printing inside double quotation marks (``as_quoted``): a quotation inside them (a
    debater quoting an opponent: "Gee, I hope it does collapse") takes single marks, so the reader sees where the
    quote ends."""
    return as_quoted(quote).replace('"', "'").replace("\u201c", "\u2018").replace("\u201d", "\u2019")


def as_quoted(quote: str) -> str:
    """The quote from where the speaker's statement starts ("And, honestly, I thought so too" from "I thought"): set
    apart, it cannot carry on from what was said before it. Only where the word it then opens on is capitalised as
    said ("I", a name), so every letter inside the quotation marks stays as the speaker's words were transcribed."""
    quote = quote.strip()
    start = statement_start(quote)
    return quote[start:] if quote[start : start + 1].isupper() else quote


def cite(insight: Insight) -> str:
    """Where a quote was said: "— S2 [12:34]", or "[12:34]" when the transcript does not know who."""
    speaker = speaker_of(insight)
    return f"— {speaker} {format_timestamp(insight.start)}" if speaker else format_timestamp(insight.start)


def unquoted(insight: Insight) -> str:
    """Where a point heard too unclearly to quote was made: a reader can listen there, and nothing presents
    the transcript's doubtful words as what the speaker said. How well the recording was heard is the
    pipeline's business, not the reader's."""
    speaker = speaker_of(insight)
    who = f"{speaker} makes this point" if speaker else "The speaker makes this point"
    return f"_{who} at {format_timestamp(insight.start)}._"


def _comparable(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower()))


def format_timestamp(seconds: float) -> str:
    """[mm:ss], or [h:mm:ss] past the hour; rounded down so a reader who seeks there hears the whole quote."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"[{hours}:{minutes:02d}:{secs:02d}]" if hours else f"[{minutes:02d}:{secs:02d}]"


def _template_environment(override_dir: Path | None) -> Environment:
    environment = markdown_templates(DEFAULT_TEMPLATES, override_dir)
    environment.filters["timestamp"] = format_timestamp
    environment.filters["cite"] = cite
    environment.filters["said"] = said
    environment.filters["unquoted"] = unquoted
    return environment
