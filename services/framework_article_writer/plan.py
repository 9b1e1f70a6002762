"""Decide what a framework article argues and cites, before a word of it is rendered.

The thesis is the speaker's strongest point of view; the framework is the process they laid
out, or, when they laid none out, their other ideas arranged as pillars, each named with a
short phrase of its own sentence; the counter-view is one the recording raises itself (an
objection or audience question, or the conventional view the speaker pushed against), and
there is none when the recording raises none; the answer is the reply to it, or the best
number or story not cited yet. Every piece is an insight, so everything the article asserts
traces to a quote and a timestamp.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from shared.clauses import (
    CLAUSE_MARK,
    OPENS_ON_POINTER,
    breaks_off,
    is_antithesis,
    is_signpost,
    opens_on_but,
    opens_on_when_it_happened,
    points_back,
    splits_a_range,
    standalone_clauses,
    tells_what_happened,
    without_asides,
)
from shared.events import Insight, InsightType
from shared.passages import first_sentence, is_a_step, sentences, without_lead_in
from shared.positions import rejected_view, ruled_out, states_own_position, states_received_advice
from shared.questions import asks

MIN_PILLARS = 2
MAX_PILLARS = 4
MAX_CLAIM_WORDS = 12
MIN_CLAIM_OPENING_WORDS = 3
# A clause up to SHORT_NAME_WORDS names a pillar whole; a longer one is cut at its first phrase break
# after MIN_NAME_WORDS, and one that runs past MAX_NAME_WORDS without a break gives no name.
SHORT_NAME_WORDS = 8
MIN_NAME_WORDS = 5
MAX_NAME_WORDS = 12

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
# The kinds of idea that can stand as a pillar; a framework insight is a process, not a pillar.
_PILLAR_TYPES = frozenset(
    {
        InsightType.pain_point,
        InsightType.data_point,
        InsightType.story,
        InsightType.point_of_view,
        InsightType.quotable_line,
    }
)
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs"})
# A name cut from a sentence must not stop on a word that promises more ("...posts that nobody").
_DANGLING = _SMALL_WORDS | frozenset(
    {
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "with",
        "from",
        "into",
        "but",
        "so",
        "because",
        "than",
        "our",
        "their",
        "your",
        "my",
        "his",
        "her",
        "its",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "nobody",
        "not",
        # "My position is that for a herd under", "at a milk price that's".
        "under",
        "between",
        "that's",
        "it's",
        "there's",
    }
)
# Where a long clause may be cut and still read as a phrase: before a preposition or a subordinate clause.
_PHRASE_BREAK = frozenset(
    {
        "that",
        "who",
        "which",
        "when",
        "because",
        "so",
        "before",
        "after",
        "if",
        "where",
        "while",
        "until",
        "since",
        "unless",
        "and",
        "but",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "into",
        "every",
        "without",
    }
)
# Openings that carry no content of their own: the name starts after them.
_FILLER = re.compile(
    r"^(?:(?:so|and|but|now|well|honestly|look|okay|ok)\b,?\s*|(?:i think|i believe|i'd argue|the truth is|"
    r"the reality is|the problem is|the point is|here is|here's)\b(?:\s+that)?,?\s*)+",
    re.IGNORECASE,
)
# A clause that only sets the scene ("In our own data", "Last year") is not what the sentence says.
_SCENE_SETTING = re.compile(
    r"^(?:in|on|at|for|within|after|before|during|over|last|this|next|when|once|if|as|according)\b", re.IGNORECASE
)
_POINTS_BACK = re.compile(
    r"^(?:I think |I'd say )?(?:that|this|it)(?:'s| is| was)\b[^.!?]{0,40}[.!?](?:\s+|$)", re.IGNORECASE
)
# An objection the recording raises itself: a named counter-view, or a challenge put to the speaker.
_OBJECTION = re.compile(
    r"\b(?:what about|isn't (?:that|this|it)|doesn't (?:that|this|it)|but (?:what|how|surely|doesn't|isn't|don't)|"
    r"(?:the|an|one) (?:objection|pushback|counter-?argument)|(?:skeptics|critics|sceptics) (?:say|will say|argue)|"
    r"devil's advocate|"
    # "I'd push back on that" objects; "the one my clients push back on, publish less" names the speaker's own
    # point by the resistance it meets (the preposition stranded at the end of a relative clause).
    r"push(?:ing)? back(?!\s+on(?:\s*[,.;:!?\u2014]|\s+(?:is|was|are)\b)))\b",
    re.IGNORECASE,
)
# The turn opens a clause ("..., but actually X", "Instead, X"): "the leader actually cares about X" is no turn.
_TURN = re.compile(
    r"(?:^|[,;:.!?\u2014\u2013]\s*|\bbut\s+)"
    r"(?:the truth is|the reality is|in reality|actually|instead|I believe|I'd argue|"
    r"(?:(?:they're|you're|that's)|(?:they|you|that|this|it) (?:are|is)) wrong(?:,?\s+because)?)"
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
    objection: Insight | None = None

    @property
    def has_counter_view(self) -> bool:
        """Whether the recording itself raises a view against the thesis; the article invents none."""
        return self.objection is not None or self.conventional_view is not None

    @property
    def objection_only_asks(self) -> bool:
        """Whether the counter-view is a question someone else put ("what do you do with a temp who is fast but
        sloppy?") rather than an objection in words: the article then calls it a question, not what skeptics say."""
        return self.objection is not None and _OBJECTION.search(self.objection.quote) is None

    @property
    def cited(self) -> list[Insight]:
        """Every insight the article quotes, each once, in the order the article quotes them."""
        pillars = [step.source for step in self.steps if step.source is not None]
        ordered = [self.thesis, *([self.framework] if self.framework else []), *pillars]
        ordered += [*self.supporting, *([self.objection] if self.objection else [])]
        ordered += [*([self.answer] if self.answer else [])]
        unique: dict[str, Insight] = {}
        for insight in ordered:
            unique.setdefault(insight.insight_id, insight)
        return list(unique.values())


class NotEnoughInsightsError(ValueError):
    """Too little in the recording to build a framework from without inventing one."""


class UnquotedArticleError(NotEnoughInsightsError):
    """The article's points were heard too unclearly to quote: without the speaker's words as evidence it is an
    outline of headings, not a thought-leadership article, and goes to a person to check against the audio."""

    def __init__(self, points: int, quoted: int, needed: int) -> None:
        super().__init__(
            f"framework article not publishable: {quoted} of its {points} points heard clearly enough to quote, "
            f"{needed} needed for evidence in the speaker's own words"
        )


def plan_article(insights: Sequence[Insight], keywords: Sequence[str], *, max_evidence: int) -> ArticlePlan:
    if not insights:
        raise NotEnoughInsightsError("no insights to write a framework article from")
    best_first = sorted(insights, key=lambda insight: (-insight.score, insight.start, insight.insight_id))
    thesis = _thesis(best_first)
    conventional_view = _printable_view(thesis)
    claim = _claim(thesis.quote, conventional_view)
    if conventional_view is None:
        # "Most people believe X." and "I think that is wrong." are often two sentences, two insights.
        source, conventional_view = next(
            (
                (insight, view)
                for insight in best_first
                if insight.type is InsightType.point_of_view and insight is not thesis
                for view in [_printable_view(insight)]
                if view
            ),
            (thesis, None),
        )
        if claim is None:
            # The thesis is then stated from that insight's words alone, so the article points to where they
            # were said, and by whom.
            thesis = source
    framework = next((i for i in best_first if i.type is InsightType.framework and len(i.steps) >= 2), None)
    about = [i for i in (framework, thesis) if i is not None]
    keyword = _topic_keyword(keywords, about, _subject(conventional_view or claim))
    if framework is not None and framework is not thesis:
        kind: Literal["steps", "pillars"] = "steps"
        steps = tuple(FrameworkStep(name=step) for step in framework.steps)
        # "The Slow Close 3-Step Framework": the name opens on its own "The", so the topic's article goes.
        topic = re.sub(r"^(?:a|an|the)\s+", "", keyword, flags=re.IGNORECASE)
        named = f"{headline_case(topic)} " if topic else ""
        name = _speakers_name(framework) or f"The {named}{len(steps)}-Step Framework"
    else:
        framework, kind = None, "pillars"
        steps = _pillars([i for i in best_first if i is not thesis])
        # "The 2 Pillars of the First Step": the topic's own article is a small word inside the name.
        name = headline_case(f"The {len(steps)} Pillars of {keyword}") if keyword else f"The {len(steps)} Pillars"

    used = {
        thesis.insight_id,
        *(i.insight_id for i in [framework] if i),
        *(s.source.insight_id for s in steps if s.source),
    }
    # The counter-view and the further evidence are there to be quoted; a point heard too unclearly to quote
    # can only stand as a pillar, named in the article's own words, or answer the counter-view by the clause
    # of it that was heard clearly (its headline), pointed to rather than quoted, when nothing quotable does.
    unused = [insight for insight in best_first if insight.insight_id not in used and insight.quote_is_verbatim]
    objection = _objection(unused, thesis)
    unused = [insight for insight in unused if insight is not objection]
    answer = None
    if objection is not None or conventional_view is not None:
        headed = [i for i in best_first if i.insight_id not in used and not i.quote_is_verbatim and i.headline]
        answer = _answer(unused, objection, thesis) or _answer(headed, objection, thesis)
    room = max(0, max_evidence - len(used) - (1 if answer else 0) - (1 if objection else 0))
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
        objection=objection,
    )


def _objection(candidates: Sequence[Insight], thesis: Insight) -> Insight | None:
    """A challenge to the thesis that the recording voices: an objection in words, or a question put by
    someone other than the speaker of the thesis (an audience member, a co-host)."""
    for insight in sorted(candidates, key=lambda insight: insight.start):
        other_voice = bool(speaker_of(insight)) and speaker_of(insight) != speaker_of(thesis)
        if _OBJECTION.search(insight.quote) or (other_voice and insight.quote.rstrip().endswith("?")):
            return insight
    return None


def _answer(candidates: Sequence[Insight], objection: Insight | None, thesis: Insight) -> Insight | None:
    """The reply to the objection, else the best number, story or cost among the candidates."""
    return _reply(candidates, objection, thesis) or next(
        (i for wanted in _ANSWER_PREFERENCE for i in candidates if i.type is wanted), None
    )


def _reply(candidates: Sequence[Insight], objection: Insight | None, thesis: Insight) -> Insight | None:
    """What was said next in answer to the objection, by the voice of the thesis where the transcript knows."""
    if objection is None:
        return None
    after = sorted((i for i in candidates if i.start >= objection.end), key=lambda insight: insight.start)
    replies = [i for i in after if not speaker_of(thesis) or speaker_of(i) == speaker_of(thesis)]
    return replies[0] if replies else None


def speaker_of(insight: Insight) -> str:
    """Who said the insight's main quote, or "" when the transcript does not know."""
    if insight.speaker:
        return insight.speaker
    return next((piece.speaker for piece in insight.evidence if piece.speaker), "") or ""


def _thesis(best_first: Sequence[Insight]) -> Insight:
    """The position the recording argues, held by its main voice. A claim the speaker sets against a
    common view ("Most people believe X. I think that's wrong.", "you're negotiating, you're not renewing")
    states that position outright; without one, the most arguable idea of the preferred type, the one that
    departs furthest from consensus.
    An agenda line ("Today I want to talk about...") announces a position; it is not one, and a question,
    a host's set-up line or one step of a process is not the guest's position."""
    # The thesis opens the article in the speaker's own words: an idea heard clearly enough to quote first,
    # else one whose stating clause was heard clearly (a headline); a process step heard clearly is still
    # not a position, so a clearly headed claim comes before it.
    tiers = [
        [insight for insight in best_first if insight.quote_is_verbatim],
        [insight for insight in best_first if insight.headline],
        list(best_first),
    ]
    # A position the writer would have to cut from words heard unclearly, with no clause of them heard clearly,
    # would be the article's title and first line in words the speaker may not have said: no article then.
    heard = [positions for tier in tiers[:2] if (positions := _positions(tier))]
    if not heard:
        raise NotEnoughInsightsError("no position the recording states was heard clearly enough to open an article")
    # ... and one that says how things are: a clearly headed position beats a quotable "They call the family" (it
    # leans on what came before) or "We closed it, yeah, and reopened it four years later" (it tells what happened).
    stated = next(
        (tier for tier in heard if any(_says_how_things_are(insight) for insight in tier)),
        next((tier for tier in heard if not all(_leans_back(insight) for insight in tier)), heard[0]),
    )
    main = main_voice(stated)
    theirs = [insight for insight in stated if not main or speaker_of(insight) == main] or stated
    # The thesis is the article's title and first line: one that leans on what was said before it ("otherwise
    # they send the junior team") says nothing to a reader who starts there.
    theirs = [insight for insight in theirs if not _leans_back(insight)] or theirs
    # "And the pushback was, it'll take forever, we can't talk about stuff in front of them": the objection the
    # speaker met is the view the article answers; as its title it would argue the speaker's opponents' case.
    theirs = [insight for insight in theirs if not _OBJECTION.search(insight.quote)] or theirs
    positioned = [
        insight
        for insight in theirs
        if rejected_view(insight.quote)
        or is_antithesis(insight.headline)
        or states_own_position(f"{insight.headline} {first_sentence(insight.quote)}")
    ]
    if positioned:
        return max(positioned, key=lambda insight: (insight.score, -insight.start))
    for wanted in _THESIS_PREFERENCE:
        of_type = [insight for insight in theirs if insight.type is wanted]
        if of_type:
            # A position says how things are; a line in the past tense tells what happened ("Most of those calls
            # went to voicemail" beside "The whole game is really that second gift").
            return max(
                of_type,
                key=lambda insight: (
                    not _tells_a_story(insight),
                    insight.originality + insight.score,
                    -insight.start,
                ),
            )
    return theirs[0]


def _leans_back(insight: Insight) -> bool:
    """Whether the insight's stating line (its headline, else its quote) leans on what was said before it."""
    return points_back(insight.headline or insight.quote)


def _tells_a_story(insight: Insight) -> bool:
    """Whether the insight's stating line (its headline, else its quote's first sentence) tells what happened, or the
    sentence of the quote it was cut from opens on when: "I'm doing the escape" was cut from "Halifax, two summers
    ago, I'm doing the escape"."""
    stating = insight.headline or first_sentence(insight.quote)
    cut_from = next(
        (sentence for sentence in sentences(insight.quote) if _comparable(stating) in _comparable(sentence)),
        stating,
    )
    return tells_what_happened(stating) or opens_on_when_it_happened(cut_from)


def _says_how_things_are(insight: Insight) -> bool:
    """Whether the insight's stating line stands alone and is no story: it neither leans on what was said before
    it nor tells what happened."""
    return not _leans_back(insight) and not _tells_a_story(insight)


def _positions(insights: Sequence[Insight]) -> list[Insight]:
    """The insights that state something: no agenda line, question or step of a process."""
    return [
        insight
        for insight in insights
        if not _signposts(insight) and not asks(insight.quote) and not is_a_step(insight.quote)
    ]


def _signposts(insight: Insight) -> bool:
    """Whether the insight's quote or its headline only says where the talk goes: "Let's, uh, let's move to water,
    because Fiona, you have a number on this" restarts before its signpost, which its headline says plainly."""
    return is_signpost(insight.quote) or is_signpost(insight.headline)


def main_voice(insights: Sequence[Insight]) -> str:
    """The speaker most of the insights come from (the guest of an interview), or "" when the
    transcript does not say who spoke or two voices share the lead."""
    counts: dict[str, int] = {}
    for insight in insights:
        if speaker_of(insight):
            counts[speaker_of(insight)] = counts.get(speaker_of(insight), 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return ""
    return max(counts, key=lambda speaker: counts[speaker])


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
    if not thesis.quote_is_verbatim and (named := pillar_name(thesis)):
        # Too unclear to quote, so not restated whole either: the clause that carries it is the point, and
        # the fewer of the transcript's doubtful words the article repeats, the better.
        return _sentence(named)
    return _sentence(without_lead_in(thesis.summary))


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
    Without a subject, the first key phrase of two or more words that the framework's steps or the
    thesis's headline contains (a quote stating the view the speaker rejects does not count);
    a phrase from elsewhere in the recording could name the framework after an aside. A single
    word is too vague to name a framework after.
    """
    if subject:
        wanted = {_singular(word) for word in subject.lower().split()}
        for keyword in keywords:
            if wanted <= {_singular(word) for word in keyword.lower().split()}:
                return keyword
        if len(subject.split()) <= 3:
            return subject.lower()
    phrases = [keyword for keyword in keywords if len(keyword.split()) >= 2]
    for insight in insights:
        if rejected_view(insight.quote):
            continue
        # A point's headline is the clause that states it; the rest of its quote may be an aside ("a trillion
        # dollars in tax increases, more regulation, a war on coal" after "You tried to raise taxes").
        stated = insight.quote if insight.type is InsightType.framework else insight.headline or insight.quote
        for keyword in phrases:
            if re.search(rf"\b{re.escape(keyword.lower())}\b", stated.lower()):
                return keyword
    return ""


def _subject(statement: str | None) -> str | None:
    """ "onboarding" from "onboarding is a product problem"."""
    match = _SUBJECT.match(statement) if statement else None
    return match.group("subject") if match else None


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# The name the speaker gives the framework: "We use what we call the three Cs: consent, context, and credit", "I call
# it the five whys". A name that announces its items (a colon) or counts them; "what we call churn" names a term.
_CALLED = re.compile(
    r"\b(?:we|i)\s+call\s+(?:it\s+|this\s+|them\s+|these\s+)?the\s+"
    r"(?P<name>(?P<count>[\w'-]+)(?:\s+[\w'-]+){0,3}?)\s*(?P<end>:|[,.;!?]|$)",
    re.IGNORECASE,
)
_COUNTS = frozenset({"two", "three", "four", "five", "six", "seven", "2", "3", "4", "5", "6", "7"})


def _speakers_name(framework: Insight) -> str:
    """The framework's name in the speaker's words ("The Three Cs"); "" when they gave it none."""
    for called in _CALLED.finditer(framework.quote):
        if called.group("end") == ":" or called.group("count").lower() in _COUNTS:
            return headline_case(f"The {called.group('name')}")
    return ""


def _pillars(candidates: Sequence[Insight]) -> tuple[FrameworkStep, ...]:
    """The best insight of each kind, in the order the speaker said them, one pillar each. A pillar holds up
    the speaker's position: never a question, the talk's agenda, an objection, the view they reject or the received
    advice they set up to depart from."""
    supports = [
        insight
        for insight in candidates
        if insight.type in _PILLAR_TYPES
        and not asks(insight.quote)
        and not _signposts(insight)
        and _OBJECTION.search(insight.quote) is None
        and rejected_view(insight.quote) is None
        and not states_received_advice(insight.quote)
    ]
    named: dict[str, Insight] = {}
    best_of_kind: dict[InsightType, Insight] = {}
    for insight in supports:
        best_of_kind.setdefault(insight.type, insight)
    # The best of each kind first; one kind said several ways (a talk made of numbers) still makes pillars.
    ordered = [*best_of_kind.values(), *supports]
    for insight in ordered:
        if len(named) >= MAX_PILLARS or insight in named.values():
            continue
        name = pillar_name(insight, taken=named.keys())
        if name:
            named[name] = insight
    if len(named) < MIN_PILLARS:
        raise NotEnoughInsightsError(
            f"need {MIN_PILLARS} ideas besides the thesis, each with a phrase of its own to name it, to build pillars"
        )
    return tuple(
        FrameworkStep(
            name=name,
            detail="" if insight.summary.lower() in insight.quote.lower() else insight.summary,
            source=insight,
        )
        for name, insight in sorted(named.items(), key=lambda item: item[1].start)
    )


def pillar_name(insight: Insight, taken: Iterable[str] = (), *, alone: bool = False) -> str:
    """A pillar's name in the speaker's words: the insight's headline (the clause that states it alone, heard
    clearly), else the first clause of its text that stands alone; else its key phrase; "" when none gives a
    name not already taken. ``alone``: a name that does not point back to what was said before it comes first,
    for a title, which has no heading before it to say who "he" or "they" are."""
    taken_keys = {_comparable(name) for name in taken}
    text = without_lead_in(points_back_dropped(insight.summary.strip() or insight.quote.strip()))
    # Both are clauses already cut to a name's length where a phrase joins: cutting again loses what they say
    # ("I used to say no one conversation" from "... one conversation at a time").
    options = [insight.headline] if insight.headline else standalone_clauses(text)[:1]
    options += [
        headline_case(keyword)
        for keyword in insight.keywords
        if len(keyword.split()) >= 2 and keyword.lower() in text.lower() and not ruled_out(keyword, text)
    ]
    # "Third, and this is the one my clients push back on, publish less." names nothing on its own; the sentence
    # the speaker said it again with ("One long piece a month ... will earn more links") does.
    options += [clause for restated in insight.evidence[1:] for clause in standalone_clauses(restated.quote)[:1]]
    # A clause cut from words heard unclearly may still name the point, but not with a word known to be wrong, nor
    # with a word said twice running ("tell me what what breaks"): a stammer or a mishearing, never a name. A run of
    # words said again at once is the speaker starting over ("every metric gets every metric gets one owner"): the
    # name is what they said the second time.
    names = [
        option
        for option in (_restarted_once(option) for option in options)
        if option
        and _comparable(option) not in taken_keys
        and not _has_word_heard_wrong(option, insight)
        and not _stammers(option)
        and not _ENDS_ON_HESITATION.search(option)
    ]
    # "I am deeply concerned about this" names what the speaker had said before it, not a point; another of the
    # speaker's phrases for it does better, when there is one.
    standing = [name for name in names if not _ENDS_ON_POINTER.search(name)]
    if alone:
        standing.sort(key=points_back)
    return next(iter(standing), names[0] if names else "")


# "Donald knows a lot about this": a clause ending on a demonstrative that stands for something named before. Not
# "it" or "them", whose thing is as often in the clause ("say what usually causes it", "a customer who left them").
# ... or on "this one" ("I'm gonna get paid mail for this one", an accordion podcast's pillar).
_ENDS_ON_POINTER = re.compile(
    r"\b(?:this|these|those)(?:\s+ones?)?(?:\s+(?:too|again|either|anymore))?[\s.!?\u2026]*$", re.I
)


# "Every single visit was um": a clause that stops where the speaker hesitated has not said its point yet.
_ENDS_ON_HESITATION = re.compile(r"\b(?:u+m+|u+h+|e+r+m*|h+m+)[\s.,!?\u2026]*$", re.I)


# Words English says twice running on purpose: "comments like that that worry people", "we had had enough", "a
# very, very small share".
_DOUBLED_ON_PURPOSE = frozenset({"that", "had", "very", "really", "much", "far", "many", "so"})


# The runs of words a restart repeats ("every metric gets | every metric gets"); two words said twice are as often
# English's own ("year after year after year").
_MIN_RESTARTED_WORDS = 3
_MAX_RESTARTED_WORDS = 4


def _stammers(name: str) -> bool:
    words = _comparable(name).split()
    return any(a == b and a not in _DOUBLED_ON_PURPOSE for a, b in itertools.pairwise(words))


# A false start broken off and begun again with the same subject: "I just had, I started doing the same tub thing",
# "I just, I start wearing the tote bags" (not "I go, I pay, goodbye": each of those is said).
_FALSE_START = re.compile(
    r"^(?P<subject>i|we|you|they|he|she)\s+(?:\w+\s+)?(?:just|had|was|were|have|has|think|mean|guess),\s+(?=(?P=subject)\b)"
    # ... or a subject and "will" or "would" broken off before a new subject: "I'll the conservation side of me always
    # wants the lead back".
    r"|^(?:i|we|you|they|he|she)'(?:ll|d)\s+(?=(?:the|my|our|your|this|that)\b)",
    re.IGNORECASE,
)


def _restarted_once(name: str) -> str:
    """The name without the first saying of a run of words the speaker said again at once, or without a false start
    the speaker broke off and began again."""
    restarted = _FALSE_START.sub("", name)
    if restarted != name:
        return restarted[:1].upper() + restarted[1:]
    words = name.split()
    said = _comparable(name).split()
    if len(said) != len(words):
        return name
    for size in range(_MAX_RESTARTED_WORDS, _MIN_RESTARTED_WORDS - 1, -1):
        for start in range(len(words) - 2 * size + 1):
            if said[start : start + size] == said[start + size : start + 2 * size]:
                return " ".join(words[:start] + words[start + size :])
    return name


def first_clause_name(text: str) -> str:
    """The first clause of the text that does more than set the scene, cut at a natural stop: a guess at
    what a sentence states, for text no engine headlined."""
    pieces = re.split(rf"\s*{CLAUSE_MARK}\s*|\s+-\s+", without_asides(first_sentence(text)))
    clauses = [
        (_FILLER.sub("", clause).strip(), opens_on_but(following))
        for clause, following in zip(pieces, [*pieces[1:], ""], strict=True)
    ]
    clauses = [(clause, conceded) for clause, conceded in clauses if len(clause.split()) >= 2]
    carrying = [(clause, conceded) for clause, conceded in clauses if not _SCENE_SETTING.match(clause)] or clauses
    if not carrying:
        return ""
    clause, conceded = carrying[0]
    # A clause the speaker grants to make the next one ("X is fine, but not for everything") says the opposite of
    # their point alone, and the next one says nothing alone: no guess. Nor from one that broke off ("the menu had").
    return "" if conceded or breaks_off(clause) else _shortened(clause)


def points_back_dropped(text: str) -> str:
    """The text without an opening sentence that only points back at something said before it."""
    return _POINTS_BACK.sub("", text)


def _shortened(clause: str) -> str:
    """The clause whole when it is short; else its shortest opening that stops where a phrase ends (before
    a preposition or a subordinate clause) on a content word; "" when there is no such opening."""
    words = clause.rstrip(".!?…").split()
    if len(words) > SHORT_NAME_WORDS:
        breaks = [
            end
            for end in range(MIN_NAME_WORDS, min(MAX_NAME_WORDS, len(words) - 1) + 1)
            if words[end].lower() in _PHRASE_BREAK
            and words[end - 1].lower().strip("'\"") not in _DANGLING
            and not breaks_off(" ".join(words[:end]))
            and not splits_a_range(words[:end], words[end:])
        ]
        if not breaks and len(words) > MAX_NAME_WORDS:
            return ""
        words = words[: breaks[0]] if breaks else words
    elif words and words[-1].lower().strip(",;:'\"") in _DANGLING:
        # Short, but stopped where the speaker went on: "My position is that for a herd under, say, ...".
        return ""
    name = " ".join(words).strip("\"'")
    return name[:1].upper() + name[1:]


def _comparable(name: str) -> str:
    return " ".join(re.findall(r"[\w']+", name.lower()))


# A view that opens on a verb has its subject before whoever holds it: "code review, which everyone thinks they do
# well" (heard as "... which everyone thinks may do well"), "the one tool that everybody says is broken".
_OPENS_ON_A_VERB = re.compile(
    r"(?:may|might|can|could|will|would|should|must|is|are|was|were|does|do|did|has|have|had)\b", re.IGNORECASE
)


def _printable_view(insight: Insight) -> str | None:
    """The view the insight's speaker rejects, as the article may print it (its title, thesis and counter-view):
    one that names what it is about. "Most teams treat it as an afterthought" rejects a view of something said
    before; "Rethinking the idea that it as an afterthought" reopens nothing a reader can see."""
    view = rejected_view(insight.quote)
    if view is None or OPENS_ON_POINTER.match(view) or _OPENS_ON_A_VERB.match(view):
        return None
    # Printed in the title and the thesis, the view is in the speaker's words: never with a word known to be wrong
    # ("... to build Godwill", said "goodwill").
    return None if _has_word_heard_wrong(view, insight) else view


def _has_word_heard_wrong(line: str, insight: Insight) -> bool:
    wrong = set(_comparable(" ".join(insight.words_heard_wrong)).split())
    return bool(wrong & set(_comparable(line).split()))


def _claim(quote: str, conventional_view: str | None) -> str | None:
    """The speaker's own position, after the turn ("...but the truth is X"), with "it" resolved."""
    match = _TURN.search(quote)
    if match is None:
        return None
    claim = match.group("claim").strip()
    subject = _SUBJECT.match(conventional_view) if conventional_view else None
    if subject and _LEADING_PRONOUN.match(claim):
        claim = _LEADING_PRONOUN.sub(f"{subject.group('subject')} {subject.group('verb')} ", claim)
    if not claim or len(claim.split()) > MAX_CLAIM_WORDS or OPENS_ON_POINTER.match(claim):
        return None
    # "same head count, actually one fewer, because, um, they retired": a word or two before the next comma
    # corrects a figure; a position says something of its own before it pauses.
    opening = re.split(rf"\s*{CLAUSE_MARK}\s*", claim, maxsplit=1)[0]
    if len(opening.split()) < MIN_CLAIM_OPENING_WORDS and not standalone_clauses(claim):
        return None
    return claim[:1].upper() + claim[1:]


def headline_case(phrase: str) -> str:
    return " ".join(
        word if word.isupper() or (index and word in _SMALL_WORDS) else _capitalised(word)
        for index, word in enumerate(phrase.split())
    )


def _capitalised(word: str) -> str:
    """The word with its first letter upper-cased; a word opening a bracket ("[free pilots]", a name put in for a
    pronoun) is capitalised after it."""
    first = 1 + word.startswith("[")
    return word[:first].upper() + word[first:]
