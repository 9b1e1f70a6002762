"""Thought-leadership rail: turn a recording's insights into a framework article with no sales pitch.

Insights whose own words pitch the product are set aside before anything is written, so
the article cannot quote the speaker's pitch. The rendered article then passes the guard;
what the guard still finds (say, a call to action added to an overridden template) is
repaired sentence by sentence, and if anything survives the repair the writer refuses
with ``PromotionalArticleError``: an article with tells is never returned.
"""

from __future__ import annotations

import logging
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
from services.framework_article_writer.plan import ArticlePlan, NotEnoughInsightsError, plan_article
from services.framework_article_writer.settings import FrameworkArticleSettings
from shared.events import Insight, InsightSet
from shared.templates import markdown_templates

DEFAULT_TEMPLATES = Path(__file__).parent / "templates"

logger = logging.getLogger(__name__)


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


class FrameworkArticleWriter:
    def __init__(self, settings: FrameworkArticleSettings) -> None:
        self._settings = settings
        self._product_names = tuple(settings.guarded_names)
        self._templates = _template_environment(settings.framework_article_templates_dir)

    def write(self, insights: InsightSet) -> FrameworkArticle:
        """Raises ``PromotionalArticleError`` (route to review) or ``NotEnoughInsightsError``."""
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

        context = self._context(plan)
        # The pieces are guarded on their own too: they are published as fields, not only inside the article.
        context["counter_argument"] = self._guarded("skeptics.md.j2", context, insights.recording_id)
        context["closing_question"] = self._guarded("closing_question.md.j2", context, insights.recording_id)
        markdown = self._guarded("article.md.j2", context, insights.recording_id) + "\n"
        return FrameworkArticle(
            title=context["title"],
            thesis=plan.thesis_statement,
            framework_name=plan.framework_name,
            steps=tuple(f"{step.name}: {step.source.summary}" if step.source else step.name for step in plan.steps),
            evidence=tuple((insight.quote, insight.start, insight.end) for insight in plan.cited),
            counter_argument=context["counter_argument"],
            closing_question=context["closing_question"],
            insight_ids=tuple(insight.insight_id for insight in plan.cited),
            markdown=markdown,
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

    def _context(self, plan: ArticlePlan) -> dict[str, Any]:
        thesis = plan.thesis
        return {
            "title": f"{plan.claim}: {plan.framework_name}" if plan.claim else plan.framework_name,
            "thesis": thesis,
            "thesis_text": plan.thesis_statement,
            "thesis_is_verbatim": plan.thesis_statement.lower() in thesis.quote.lower(),
            "keyword": plan.keyword,
            "framework_kind": plan.framework_kind,
            "framework_name": plan.framework_name,
            "framework": plan.framework,
            "steps": plan.steps,
            "step_count": len(plan.steps),
            "supporting": plan.supporting,
            "answer": plan.answer,
            "conventional_view": plan.conventional_view,
        }


def format_timestamp(seconds: float) -> str:
    """[mm:ss], or [h:mm:ss] past the hour; rounded down so a reader who seeks there hears the whole quote."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"[{hours}:{minutes:02d}:{secs:02d}]" if hours else f"[{minutes:02d}:{secs:02d}]"


def _template_environment(override_dir: Path | None) -> Environment:
    environment = markdown_templates(DEFAULT_TEMPLATES, override_dir)
    environment.filters["timestamp"] = format_timestamp
    return environment
