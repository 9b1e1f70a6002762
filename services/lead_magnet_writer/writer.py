"""Content-marketing rail: turn a recording's insights into one gated lead magnet.

The shape follows what the speaker gave us: a process becomes a checklist, numbers a cheat
sheet, pains a worksheet, anything else a mini-guide. Every item in the body is an
insight's own summary (cut from a verbatim quote), so the asset says nothing the recording
did not, and a section with nothing from the recording to hold is left out. The target
keyword is a phrase of two or more words the speaker said; the title is built on it, never
on the upload's file name. The product, the call to action and the gating fields come from
settings. A lead magnet missing any of these, or with a heading said twice or left empty,
is refused with its reasons, never published.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment

from services.lead_magnet_writer.rendering import html_templates, render_html
from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.speaker_pitch import speaker_pitch_problems, without_speaker_pitch
from shared.clauses import denies, is_signpost, points_back, standalone_clauses, told_in_the_past
from shared.draft_check import numbers_in
from shared.events import Insight, InsightSet, InsightType
from shared.headings import heading_problems
from shared.passages import is_a_step, untied, without_lead_in
from shared.positions import rejected_view, ruled_out, without_rejected_view
from shared.questions import asks
from shared.templates import markdown_templates

LeadMagnetFormat = Literal["checklist", "cheat-sheet", "worksheet", "mini-guide"]

DEFAULT_TEMPLATES = Path(__file__).parent / "templates"
SECONDARY_KEYWORDS = 5
MAX_ITEMS_PER_SECTION = 6
# One idea is a quote, not an asset: below this many items from the recording there is no lead magnet.
MIN_ITEMS = 2
MIN_KEYWORD_WORDS = 2
# A heading longer than a headline's longest (shared.clauses.MAX_WORDS, a few words of slack) is a paragraph.
MAX_HEADING_WORDS = 14

_FORMAT_LABELS: dict[str, str] = {
    "checklist": "Checklist",
    "cheat-sheet": "Cheat Sheet",
    "worksheet": "Worksheet",
    "mini-guide": "Mini-Guide",
}
_FORMAT_SECTIONS: dict[str, tuple[str, ...]] = {
    "checklist": ("steps", "numbers", "tips"),
    "cheat-sheet": ("numbers", "pains", "tips"),
    "worksheet": ("pains", "tips"),
    "mini-guide": ("tips", "stories"),
}
# What the landing page says the asset holds: one of it, or several.
_ITEM_NOUNS: dict[str, tuple[str, str]] = {
    "checklist": ("step", "steps"),
    "cheat-sheet": ("number or takeaway", "numbers and takeaways"),
    "worksheet": ("problem to work through", "problems to work through"),
    "mini-guide": ("takeaway", "takeaways"),
}
_ITEM_LABELS: dict[InsightType, str] = {
    InsightType.point_of_view: "Question the default",
    InsightType.quotable_line: "Takeaway",
    InsightType.story: "From the field",
    InsightType.data_point: "Benchmark",
    InsightType.pain_point: "Watch for",
    InsightType.framework: "Process",
}
# A view that denies or replaces something ("never discount at quarter end", "a call instead of a form") questions
# a default; one that only asserts ("customers are very polite") is a takeaway, and labelling it a default to
# question tells the reader something the speaker did not say.
_REJECTS_OR_REPLACES = re.compile(r"\b(?:nobody|stop|stopped|instead|rather than|wrong)\b", re.IGNORECASE)
_QUANTITY = re.compile(r"\d|\b(?:percent|per cent|doubled|tripled|halved|million|thousand)\b", re.IGNORECASE)
_SHOW_WORDS = frozenset({"webinar", "webinars", "podcast", "podcasts", "episode", "show", "talk", "session"})
_POINTS_BACK = re.compile(r"^(?:I think |I'd say )?(?:that|this|it)(?:'s| is| was)\b", re.IGNORECASE)
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs"})
# A buyer problem is shown on its own; one that says "this" or "it" leans on a sentence we do not show.
_LEANING_WORDS = frozenset({"this", "that", "it", "these", "those", "they"})


@dataclass(frozen=True)
class LeadMagnet:
    title: str
    format: LeadMagnetFormat
    target_keyword: str
    secondary_keywords: tuple[str, ...]
    buyer_problem: str
    call_to_action: str
    cta_url: str
    gating_fields: tuple[str, ...]
    landing_blurb: str
    insight_ids: tuple[str, ...]
    markdown: str
    html: str = ""


class IncompleteLeadMagnetError(ValueError):
    """The lead magnet lacks what the content-marketing rail needs to capture a lead."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("lead magnet not publishable: " + "; ".join(self.problems))


@dataclass
class _Body:
    """What the templates lay out, each list in the speaker's words, and the insights it came from."""

    steps: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    pains: list[str] = field(default_factory=list)
    # A short name to head each pain by, "" when the pain's line is short enough to head itself.
    pain_names: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    sources: list[Insight] = field(default_factory=list)
    # The tips again, each with what to do with it ("" when the label would say nothing) and where it was
    # said: {label, text, at}.
    labelled: list[dict[str, str]] = field(default_factory=list)


class LeadMagnetWriter:
    def __init__(self, settings: LeadMagnetSettings) -> None:
        self._settings = settings
        self._templates = _template_environment(settings.lead_magnet_templates_dir)
        self._html = html_templates(DEFAULT_TEMPLATES, settings.lead_magnet_templates_dir)

    @property
    def settings(self) -> LeadMagnetSettings:
        return self._settings

    def write(self, insights: InsightSet) -> LeadMagnet:
        """Raises ``IncompleteLeadMagnetError`` rather than return a lead magnet that cannot capture leads."""
        settings = self._settings
        # A question (often the host's or the audience's) asks; it is not an item a reader can act on.
        # Insights whose shown words pitch (a spoken URL, a promo code) never become items.
        spoken = insights.insights
        usable = [
            insight
            for insight in without_speaker_pitch(spoken)
            if not is_signpost(insight.summary) and not asks(insight.summary) and _printable(insight)
        ]
        lead_format = choose_format(usable)
        body = _collect_body(lead_format, usable)
        if (total := _item_total(body)) < MIN_ITEMS:
            raise IncompleteLeadMagnetError(
                [
                    f"too little in the recording for a lead magnet: {total} usable item(s), {MIN_ITEMS} needed"
                    if total
                    else "no content from the recording"
                ]
            )
        target_keyword = choose_target_keyword(insights, shown=body.sources)
        if not target_keyword:
            raise IncompleteLeadMagnetError([_no_keyword_reason(insights)])
        # The asset's other search phrases obey the target's rule: "pineapple pizza", thanked for at the start of a
        # talk and offered again at its end, was said twice, but no idea of the talk says it.
        secondary = [keyword for keyword in searchable_keywords(insights) if keyword != target_keyword][
            :SECONDARY_KEYWORDS
        ]
        context: dict[str, Any] = {
            "title": f"The {_headline_case(target_keyword)} {_FORMAT_LABELS[lead_format]}",
            "format": lead_format,
            "format_label": _FORMAT_LABELS[lead_format],
            "target_keyword": target_keyword,
            "secondary_keywords": secondary,
            "gating_fields": settings.gating_fields,
            "gating_labels": [name.replace("_", " ") for name in settings.gating_fields],
            "buyer_problem": _buyer_problem(insights.insights, shown=body.sources),
            "recording_title": insights.uploaded_title,
            "product_name": settings.product_name,
            "product_pitch": settings.product_pitch.rstrip("."),
            "cta_text": settings.cta_text,
            "cta_url": settings.cta_url,
            "item_count": (item_count := _item_count(lead_format, body)),
            "item_noun": _ITEM_NOUNS[lead_format][item_count != 1],
            "steps": body.steps,
            "numbers": body.numbers,
            "pains": body.pains,
            "pain_names": body.pain_names,
            "tips": body.tips,
            "stories": body.stories,
            "labelled": body.labelled,
        }
        context["landing_blurb"] = self._render("landing_blurb.md.j2", context).strip()
        lead_magnet = LeadMagnet(
            title=context["title"],
            format=lead_format,
            target_keyword=target_keyword,
            secondary_keywords=tuple(context["secondary_keywords"]),
            buyer_problem=context["buyer_problem"],
            call_to_action=settings.cta_text,
            cta_url=settings.cta_url,
            gating_fields=tuple(settings.gating_fields),
            landing_blurb=context["landing_blurb"],
            insight_ids=tuple(insight.insight_id for insight in body.sources),
            markdown=self._render(f"{lead_format}.md.j2", context),
        )
        lead_magnet = dataclasses.replace(lead_magnet, html=render_html(self._html, lead_magnet, context))
        problems = check_lead_magnet(lead_magnet) + speaker_pitch_problems(lead_magnet.markdown, spoken)
        if problems:
            raise IncompleteLeadMagnetError(problems)
        return lead_magnet

    def _render(self, template: str, context: dict[str, Any]) -> str:
        return self._templates.get_template(template).render(context)


def choose_format(insights: Sequence[Insight]) -> LeadMagnetFormat:
    """Of the formats whose main section the insights can fill and whose sections hold enough items, the one that
    holds the most, the first of them on a tie: a checklist needs a process of at least two steps, a cheat sheet
    a number, a worksheet a pain; a mini-guide takes points of view and stories. A talk told in stories with one
    number makes a mini-guide of its stories, not a cheat sheet of one number."""
    types = {_listed_as(insight) for insight in insights}
    fitting: list[LeadMagnetFormat] = []
    if any(insight.type is InsightType.framework and len(insight.steps) >= 2 for insight in insights):
        fitting.append("checklist")
    if InsightType.data_point in types:
        fitting.append("cheat-sheet")
    if InsightType.pain_point in types:
        fitting.append("worksheet")
    fitting.append("mini-guide")
    # Of the formats that hold enough, the one that carries most of what the recording said: a worksheet of one
    # problem and one tip leaves out the two stories a mini-guide would have told.
    totals = {option: _item_total(_collect_body(option, insights)) for option in fitting}
    holding = [option for option in fitting if totals[option] >= MIN_ITEMS]
    # max() keeps the first of equals: the order above breaks ties.
    return max(holding, key=totals.__getitem__) if holding else fitting[0]


def check_lead_magnet(lead_magnet: LeadMagnet) -> list[str]:
    """What keeps this lead magnet from capturing a lead; an empty list means it may be published."""
    problems = []
    markdown = lead_magnet.markdown
    if not lead_magnet.target_keyword.strip():
        problems.append("no target keyword")
    elif len(lead_magnet.target_keyword.split()) < MIN_KEYWORD_WORDS:
        problems.append(
            f"target keyword {lead_magnet.target_keyword!r} is a single word, not a phrase a buyer searches"
        )
    elif lead_magnet.target_keyword.lower() not in markdown.lower():
        problems.append(f"target keyword {lead_magnet.target_keyword!r} does not appear in the markdown")
    if not lead_magnet.call_to_action.strip():
        problems.append("no call to action")
    elif lead_magnet.call_to_action not in markdown:
        problems.append("the call to action does not appear in the markdown")
    if not lead_magnet.cta_url.startswith(("https://", "http://")):
        problems.append(f"call-to-action URL {lead_magnet.cta_url!r} is not an http(s) URL")
    elif lead_magnet.cta_url not in markdown:
        problems.append("the call-to-action URL does not appear in the markdown")
    if not lead_magnet.gating_fields:
        problems.append("no gating fields")
    problems.extend(
        f"gating field {name!r} does not appear in the markdown"
        for name in lead_magnet.gating_fields
        if name not in markdown
    )
    if not lead_magnet.insight_ids:
        problems.append("no content from the recording")
    problems.extend(heading_problems(markdown))
    if lead_magnet.html:
        # The page and the PDF printed from it gate the download too: the same three things must be there.
        html = lead_magnet.html
        if lead_magnet.cta_url not in html:
            problems.append("the call-to-action URL does not appear in the HTML")
        problems.extend(
            f"gating field {name!r} does not appear in the HTML"
            for name in lead_magnet.gating_fields
            if f'data-gating-field="{name}"' not in html
        )
        if lead_magnet.target_keyword and lead_magnet.target_keyword.lower() not in html.lower():
            problems.append("the target keyword does not appear in the HTML")
    return problems


def _template_environment(override_dir: Path | None) -> Environment:
    environment = markdown_templates(DEFAULT_TEMPLATES, override_dir)
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    environment.filters["human_list"] = _human_list
    return environment


def _human_list(items: Sequence[str]) -> str:
    """ "email, first name and company" """
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def _collect_body(lead_format: LeadMagnetFormat, insights: Sequence[Insight]) -> _Body:
    """Only the sections this format shows are filled, so ``insight_ids`` names exactly what was used."""
    best_first = sorted(insights, key=lambda insight: (-insight.score, insight.start, insight.insight_id))
    in_order = sorted(insights, key=lambda insight: (insight.start, insight.insight_id))
    shown = _FORMAT_SECTIONS[lead_format]

    def section(name: str, ordered: Sequence[Insight], *types: InsightType) -> list[Insight]:
        if name not in shown:
            return []
        return [insight for insight in ordered if _listed_as(insight) in types][:MAX_ITEMS_PER_SECTION]

    frameworks = section("steps", best_first, InsightType.framework)[:1]
    numbers = section("numbers", in_order, InsightType.data_point)
    pains = section("pains", in_order, InsightType.pain_point)
    tips = section("tips", best_first, InsightType.point_of_view, InsightType.quotable_line)
    stories = section("stories", in_order, InsightType.story)
    labels = [_item_label(insight) for insight in tips]
    # A label several items share says nothing about any of them ("Question the default" four times over):
    # the items carry labels only when each has its own.
    if len(set(labels)) < len(labels):
        labels = [""] * len(labels)
    return _Body(
        steps=[to_do(step) for step in frameworks[0].steps] if frameworks else [],
        numbers=[_line(insight) for insight in numbers],
        pains=[_line(insight) for insight in pains],
        pain_names=[_heading_name(insight) for insight in pains],
        tips=[_line(insight) for insight in tips],
        stories=[_line(insight) for insight in stories],
        sources=[*frameworks, *numbers, *pains, *tips, *stories],
        labelled=[
            {
                "label": label,
                "text": _line(insight),
                # A time presents the line as said then, word for word: not for words heard unclearly.
                "at": _timestamp(insight.start) if insight.quote_is_verbatim else "",
            }
            for insight, label in zip(tips, labels, strict=True)
        ],
    )


# "We record one expert conversation every week": a speaker tells what their team does; on a checklist the reader
# is the one to do it. Only a verb in the present, so what the speaker tells as done stays their story.
_WHAT_WE_DO = re.compile(
    r"^(?:we|I|you)\s+(?P<order>(?:(?:always|just|then|now|also|only|never|still)\s+)?(?P<verb>[a-z]+(?:n't)?)\b.*)",
    re.IGNORECASE | re.DOTALL,
)
# Verbs that say how things are or what someone thinks or may do, not what they do ("We are...", "I think..."), and
# past forms the shared past-tense test does not know ("We kept...").
_NOT_DOING = frozenset(
    {"am", "are", "be", "have", "do", "can", "could", "should", "shall", "will", "would", "must", "might", "may",
     "need", "want", "think", "know", "feel", "believe", "guess", "mean", "hope", "kind", "sort", "all", "both",
     "kept", "held", "brought", "caught", "taught", "stood", "sat", "chose", "drove", "spoke", "broke", "grew",
     "drew", "threw", "fell", "felt", "led", "meant", "won", "wore", "woke", "rode", "rose", "shook", "forgot",
     "understood", "hung", "dealt", "heard", "hid", "fed", "slept", "sang", "swam", "stuck", "struck"}
)  # fmt: skip


def to_do(step: str) -> str:
    """A step of the speaker's process as a checklist item: "We record one expert conversation every week" becomes
    "Record one expert conversation every week", "We don't send on Fridays" "Don't send on Fridays". A step told in
    the past ("We recorded...") or not about doing ("We are...", "I think...") stays as said."""
    said = _WHAT_WE_DO.match(step.strip())
    if said is None:
        return step
    verb = said.group("verb").lower()
    if verb != "don't" and (verb in _NOT_DOING or told_in_the_past(verb)):
        return step
    order = said.group("order")
    return order[:1].upper() + order[1:]


def _printable(insight: Insight) -> bool:
    """Whether the lead magnet has words of the insight to print: words heard too unclearly to quote are printed
    only as far as the engine heard them clearly (its headline), a process by its steps. A headline that leans on
    what was said before it ("She was losing her mind") says nothing in a list that shows no context."""
    return (
        insight.quote_is_verbatim or bool(insight.headline and not points_back(insight.headline)) or bool(insight.steps)
    )


def _line(insight: Insight) -> str:
    """The insight as a list line: its summary, or for words heard unclearly only the clause that states it
    and was heard clearly (its headline), so a misheard opener ("I get a lot, but...") is not printed."""
    if not insight.quote_is_verbatim and insight.headline:
        return standalone(insight.headline.rstrip(".!?") + ".")
    return standalone(insight.summary)


def _heading_name(insight: Insight) -> str:
    """A name for an item printed as a heading when its line is too long to be one: the clause that states it
    (the engine's headline, else the line's first clause that stands alone); "" when the line is short enough,
    or when no clause of it stands alone."""
    line = _line(insight)
    if len(line.split()) <= MAX_HEADING_WORDS:
        return ""
    named = insight.headline or next(iter(standalone_clauses(line)), "")
    return named.rstrip(".!?")


def _listed_as(insight: Insight) -> InsightType:
    """The section an insight is listed in: a data point whose printed line lost its figure (only the clause
    heard clearly is printed, and the number was not in it) is a takeaway, not a number."""
    if insight.type is InsightType.data_point and not numbers_in(_line(insight)):
        return InsightType.point_of_view
    return insight.type


def _item_label(insight: Insight) -> str:
    # "Most teams think X" is the view the speaker argues against: never present it as advice.
    if rejected_view(insight.summary):
        return "The assumption to question"
    line = _line(insight)
    if _QUANTITY.search(line):
        return _ITEM_LABELS[InsightType.data_point]
    # A step of the speaker's process standing alone is part of a method, not a default to question.
    if is_a_step(insight.quote):
        return _ITEM_LABELS[InsightType.framework]
    listed = _listed_as(insight)
    if listed is InsightType.point_of_view and not (denies(line) or _REJECTS_OR_REPLACES.search(line)):
        return _ITEM_LABELS[InsightType.quotable_line]
    return _ITEM_LABELS[listed]


def choose_target_keyword(insights: InsightSet, shown: Sequence[Insight] = ()) -> str:
    """The key phrase a buyer would search for, or "" when the recording has none.

    Only a phrase of two or more words that the speaker's quotes contain qualifies (a single word
    such as "thought" is not something a buyer searches), about the subject rather than the show
    (never just the recording's title words). Words stating the view the speaker rejects ("most
    people believe more blog posts...") do not count: a lead magnet is not built on the position
    its source argues against. A phrase the asset's own items (``shown``) say comes first, since
    that is what the reader gets; then one in the speaker's own points of view (what the talk is
    about); then the most used, two words (what people type) before three.
    """
    quotes = [_quoted(insight).lower() for insight in insights.insights]
    endorsed = [without_rejected_view(quote) for quote in quotes]
    delivered = [without_rejected_view(_quoted(insight).lower()) for insight in shown]
    positions = [
        without_rejected_view(_quoted(insight).lower())
        for insight in insights.insights
        if insight.type is InsightType.point_of_view
    ]
    candidates = list(enumerate(searchable_keywords(insights)))
    if not candidates:
        return ""
    _, best = min(
        candidates,
        key=lambda item: (
            -min(_usage(item[1], delivered), 1),
            -min(_usage(item[1], positions), 1),
            -min(_usage(item[1], endorsed), 3),
            -min(_usage(item[1], quotes), 3),
            len(item[1].split()) != 2,
            item[0],
        ),
    )
    return best


def searchable_keywords(insights: InsightSet) -> list[str]:
    """The recording's key phrases a buyer could search for, in the recording's order: two or more words, about the
    subject rather than the show (never only the title's words), and said in the quotes of one of its ideas."""
    title_words = {word.lower() for word in re.findall(r"[\w']+", insights.title)} | _SHOW_WORDS
    quotes = [_quoted(insight).lower() for insight in insights.insights]
    return [
        keyword.strip()
        for keyword in insights.keywords
        if len(keyword.split()) >= MIN_KEYWORD_WORDS
        and not set(keyword.lower().split()) <= title_words
        and _usage(keyword, quotes) > 0
    ]


def _usage(keyword: str, among: Sequence[str]) -> int:
    """In how many of the texts the phrase is said, as whole words, other than as what the text rules out: "measure
    trials, not demo requests" says "demo requests" only to name what the asset must not be about."""
    pattern = re.compile(rf"\b{re.escape(keyword.lower())}\b")
    return sum(1 for text in among if pattern.search(text) and not ruled_out(keyword, text))


def _quoted(insight: Insight) -> str:
    return " ".join(piece.quote for piece in insight.evidence) or insight.quote


def _no_keyword_reason(insights: InsightSet) -> str:
    phrases = [keyword for keyword in insights.keywords if len(keyword.split()) >= MIN_KEYWORD_WORDS]
    if not insights.keywords:
        return "no target keyword: no phrase of two or more words was said twice in the recording"
    if not phrases:
        shown = ", ".join(repr(keyword) for keyword in insights.keywords[:5])
        return (
            f"no target keyword: the recording's key phrases are single words ({shown}), not phrases a buyer searches"
        )
    shown = ", ".join(repr(keyword) for keyword in phrases[:5])
    return f"no target keyword: none of the recording's key phrases ({shown}) is said in its quoted evidence"


def standalone(summary: str) -> str:
    """The summary as a line that stands alone: without an opening sentence that only points back at something
    not shown ("I think that is wrong."), and without the conjunction that tied it to what was said before ("But
    one conversation a week is..."): the line is not quoted, and a list item cannot carry on from its neighbour."""
    sentences = re.split(r"(?<=[.!?])\s+", summary.strip())
    while len(sentences) > 1 and _POINTS_BACK.search(sentences[0]) and len(sentences[0].split()) <= 8:
        sentences = sentences[1:]
    return untied(_RESTARTED_WORD.sub(r"\g<word>", " ".join(sentences)))


# A grammar word said twice as the speaker starts again ("We, we contract some of it", "the, the risk"): a list line is
# not in quotation marks, so it reads as written. Words said twice on purpose ("very, very") are no grammar words, and
# "that that" is English ("comments like that that worry people").
_RESTARTED_WORD = re.compile(
    r"\b(?P<word>i|we|you|they|he|she|it|the|a|an|to|of|in|on|at|for|and|but|this|was|it's|i'm|we're)"
    r",?\s+(?P=word)\b",
    re.IGNORECASE,
)


def _timestamp(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _buyer_problem(insights: Sequence[Insight], shown: Collection[Insight] = ()) -> str:
    """The clearest pain the speaker named, in their words; else their point of view; else nothing, and
    the section is left out: a process or one of its steps, a number or a story is not the reader's problem,
    and neither is a line the items below already show (the reader would meet it twice in a row) or one heard
    too unclearly to print (it opens the landing page too)."""
    best_first = sorted(insights, key=lambda insight: (-insight.score, insight.start, insight.insight_id))
    shown_ids = {insight.insight_id for insight in shown}
    for wanted in (InsightType.pain_point, InsightType.point_of_view):
        of_type = [
            insight
            for insight in best_first
            if insight.type is wanted
            and not asks(insight.quote)
            and not is_signpost(insight.summary)
            and not is_a_step(insight.quote)
            and _printable(insight)
        ]
        alone = [insight for insight in of_type if not _LEANING_WORDS & set(_line(insight).lower().split())]
        fresh = [insight for insight in alone or of_type if insight.insight_id not in shown_ids]
        if fresh:
            # "I think that is wrong. X" shown on its own points at nothing: X is the problem.
            return standalone(without_lead_in(_line(fresh[0])))
    return ""


def _item_total(body: _Body) -> int:
    return len(body.steps) + len(body.numbers) + len(body.pains) + len(body.tips) + len(body.stories)


def _item_count(lead_format: LeadMagnetFormat, body: _Body) -> int:
    return {
        "checklist": len(body.steps),
        "cheat-sheet": len(body.numbers) + len(body.pains) + len(body.tips),
        "worksheet": len(body.pains),
        "mini-guide": len(body.tips) + len(body.stories),
    }[lead_format]


def _headline_case(phrase: str) -> str:
    words = phrase.split()
    return " ".join(
        word if word.isupper() or (index and word in _SMALL_WORDS) else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )
