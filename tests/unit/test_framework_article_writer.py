from __future__ import annotations

import contextlib
import re
from pathlib import Path, PurePosixPath

import pytest

from services.framework_article_writer import (
    FrameworkArticle,
    FrameworkArticleSettings,
    FrameworkArticleWriter,
    MalformedArticleError,
    NotEnoughInsightsError,
    PromotionalArticleError,
    TellKind,
    UnquotedArticleError,
    check_article,
    find_promotional_tells,
    format_timestamp,
    repair_article,
)
from shared.clauses import standalone_clauses
from shared.events import Evidence, Insight, InsightSet, InsightType, Transcript
from shared.headings import repeated_headings
from tests.unit.insight_sets import CHURN_SOURCE_KEY, CHURN_WEBINAR, ONE_WORD_KEYWORDS, SMALL_TALK, insight, without
from tests.unit.recorded_insights import recorded_insights
from tests.unit.transcripts import (
    ONBOARDING_WEBINAR,
    PITCH_INSIDE_FRAMEWORK,
    PITCHED_WEBINAR,
    PURE_PITCH,
    make_transcript,
)

QUOTE_LINE = re.compile(r'^> "(?P<quote>.+)"(?: — [^\[\]]+?)? \[(?P<stamp>(?:\d+:)?\d\d:\d\d)\]$', re.MULTILINE)
PITCH_WORDS = ("demo", "Recast", "platform", "features", "http", "link", "leading", "sign up", "trial", "sales")


def insights_of(transcript: Transcript) -> InsightSet:
    return recorded_insights(transcript, source_key="incoming/webinars/talk.mp4", title="A talk")


def spoken_text(transcript: Transcript) -> str:
    return " ".join(transcript.text.split())


@pytest.fixture
def writer() -> FrameworkArticleWriter:
    return FrameworkArticleWriter(FrameworkArticleSettings())


@pytest.fixture(scope="module")
def onboarding() -> Transcript:
    return make_transcript("rec-onboarding", ONBOARDING_WEBINAR)


@pytest.fixture
def article(writer: FrameworkArticleWriter, onboarding: Transcript) -> FrameworkArticle:
    return writer.write(insights_of(onboarding))


def test_article_introduces_a_named_framework_from_the_speakers_steps(
    article: FrameworkArticle, onboarding: Transcript
) -> None:
    [framework] = [i for i in insights_of(onboarding).insights if i.type is InsightType.framework]

    assert article.framework_name == "The Customer Onboarding 3-Step Framework"
    assert f"## {article.framework_name}" in article.markdown
    assert list(article.steps) == framework.steps
    for number, step in enumerate(article.steps, start=1):
        assert f"{number}. {step}" in article.markdown


def test_thesis_is_stated_from_the_strongest_point_of_view(article: FrameworkArticle) -> None:
    # A stated position (the speaker's claim against the view they reject), then the quote as evidence.
    assert article.thesis == (
        "Onboarding is a handoff problem. The common view, that onboarding is a product problem, gets it wrong."
    )
    assert f"**{article.thesis}**" in article.markdown
    assert (
        '> "Most people think onboarding is a product problem, but the truth is it\'s a handoff problem." [00:12]'
        in article.markdown
    )
    assert article.title == "Onboarding Is a Handoff Problem"
    assert article.markdown.startswith(f"# {article.title}\n")


def test_every_quote_is_verbatim_with_the_timestamp_of_its_segment(
    article: FrameworkArticle, onboarding: Transcript
) -> None:
    text = spoken_text(onboarding)
    segment_stamps = {format_timestamp(segment.start) for segment in onboarding.segments}
    quoted = QUOTE_LINE.findall(article.markdown)

    assert len(quoted) >= 4
    for quote, stamp in quoted:
        assert quote in text
        assert f"[{stamp}]" in segment_stamps


def test_evidence_lists_what_the_article_quotes(article: FrameworkArticle, onboarding: Transcript) -> None:
    quoted = dict(QUOTE_LINE.findall(article.markdown))

    assert {quote for quote, _, _ in article.evidence} == set(quoted)
    for quote, start, end in article.evidence:
        assert f"[{quoted[quote]}]" == format_timestamp(start)
        assert start < end


def test_a_quote_is_printed_from_where_the_speakers_statement_starts(writer: FrameworkArticleWriter) -> None:
    """A quote set apart cannot carry on from what was said before it: "Pretty much, yes," and "And, honestly," go,
    where the statement opens on a word capitalised as said, so every printed letter is the speaker's."""
    replied = [
        insight.model_copy(
            update={"quote": "Pretty much, yes, I cut our first quarter churn from nine percent to five."}
        )
        if insight.insight_id == "reply"
        else insight
        for insight in CHURN_WEBINAR.insights
    ]
    article = writer.write(CHURN_WEBINAR.model_copy(update={"insights": replied}))

    assert '> "I cut our first quarter churn from nine percent to five." — S2 [04:28]' in article.markdown
    assert "Pretty much" not in article.markdown
    assert ("I cut our first quarter churn from nine percent to five.", 268.0) in [
        (quote, start) for quote, start, _ in article.evidence
    ]
    # The host's "But isn't that ..." would open on a letter changed from the transcript's: it is printed as said.
    assert '> "But isn\'t that just more work for a team that is already stretched?"' in article.markdown


def test_article_carries_no_promotional_tells(article: FrameworkArticle) -> None:
    assert find_promotional_tells(article.markdown) == []
    assert find_promotional_tells(article.markdown, ["Recast"]) == []


def test_skeptics_are_answered_with_evidence(article: FrameworkArticle) -> None:
    section = article.markdown.split("## What the skeptics say")[1].split("## Over to you")[0]

    assert "Skeptics will say onboarding is a product problem." in section
    assert '> "Within two quarters, time to first value dropped from 30 days to 9 days." [01:58]' in section
    assert article.counter_argument in article.markdown


def test_article_ends_with_a_question_that_opens_discussion(article: FrameworkArticle) -> None:
    assert article.markdown.rstrip().endswith(article.closing_question)
    assert article.closing_question.endswith("?")


def test_insight_ids_are_the_quoted_insights(article: FrameworkArticle, onboarding: Transcript) -> None:
    by_id = {insight.insight_id: insight for insight in insights_of(onboarding).insights}

    assert [by_id[insight_id].quote for insight_id in article.insight_ids] == [q for q, _, _ in article.evidence]


def test_writing_is_deterministic(writer: FrameworkArticleWriter, onboarding: Transcript) -> None:
    assert writer.write(insights_of(onboarding)) == writer.write(insights_of(onboarding))


class TestSalesPitches:
    def test_pitch_sentences_never_reach_the_article(self, writer: FrameworkArticleWriter) -> None:
        transcript = make_transcript("rec-pitched", PITCHED_WEBINAR)

        try:
            article = writer.write(insights_of(transcript))
        except PromotionalArticleError:
            return
        for word in PITCH_WORDS:
            assert word.lower() not in article.markdown.lower(), word
        assert find_promotional_tells(article.markdown, ["Recast"]) == []
        assert article.framework_name == "The Webinar Research 3-Step Framework"

    def test_a_framework_that_pitches_is_replaced_by_pillars(self, writer: FrameworkArticleWriter) -> None:
        transcript = make_transcript("rec-pitch-framework", PITCH_INSIDE_FRAMEWORK)

        article = writer.write(insights_of(transcript))

        assert "book a demo" not in article.markdown.lower()
        assert "our platform" not in article.markdown.lower()
        assert article.framework_name == "The 3 Pillars of Customer Interviews"
        for quote, _, _ in article.evidence:
            assert quote in spoken_text(transcript)

    def test_nothing_but_a_pitch_is_refused(self, writer: FrameworkArticleWriter) -> None:
        transcript = make_transcript("rec-pure-pitch", PURE_PITCH)

        with pytest.raises(PromotionalArticleError) as refused:
            writer.write(insights_of(transcript))

        kinds = {tell.kind for tell in refused.value.tells}
        assert {TellKind.call_to_action, TellKind.product_promotion, TellKind.vendor_positioning} <= kinds

    def test_a_template_that_adds_a_cta_is_repaired(self, tmp_path: Path, onboarding: Transcript) -> None:
        (tmp_path / "closing_question.md.j2").write_text(
            "What would you change first? Book a demo to see how we do it."
        )
        settings = FrameworkArticleSettings(framework_article_templates_dir=tmp_path)

        article = FrameworkArticleWriter(settings).write(insights_of(onboarding))

        assert article.closing_question == "What would you change first?"
        assert "demo" not in article.markdown
        assert find_promotional_tells(article.markdown) == []

    def test_a_template_whose_heading_pitches_is_refused(self, tmp_path: Path, onboarding: Transcript) -> None:
        (tmp_path / "article.md.j2").write_text("# {{ title }}\n\n## Book a demo of Recast\n\n{{ closing_question }}\n")
        settings = FrameworkArticleSettings(framework_article_templates_dir=tmp_path)

        with pytest.raises(PromotionalArticleError, match="Book a demo"):
            FrameworkArticleWriter(settings).write(insights_of(onboarding))


def test_the_guard_knows_the_product_the_lead_magnets_sell(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        (start, end, text.replace("Within two quarters,", "With Handoff HQ,"))
        for start, end, text in ONBOARDING_WEBINAR
    ]
    insight_set = insights_of(make_transcript("rec-onboarding", lines))
    unguarded = FrameworkArticleWriter(FrameworkArticleSettings(product_name="Something Else")).write(insight_set)
    monkeypatch.setenv("RECAST_PRODUCT_NAME", "Handoff HQ")
    monkeypatch.setenv("RECAST_PRODUCT_NAMES", '["Kickoff Studio"]')

    settings = FrameworkArticleSettings()
    article = FrameworkArticleWriter(settings).write(insight_set)

    assert "With Handoff HQ, time to first value dropped" in unguarded.markdown
    assert settings.guarded_names == ["Handoff HQ", "Kickoff Studio"]
    assert "Handoff HQ" not in article.markdown
    assert find_promotional_tells(article.markdown, settings.guarded_names) == []


def test_too_little_to_build_a_framework_is_refused(writer: FrameworkArticleWriter, onboarding: Transcript) -> None:
    insight_set = insights_of(onboarding)
    [thesis] = [i for i in insight_set.insights if i.quote.startswith("Most people think onboarding")]

    with pytest.raises(NotEnoughInsightsError):
        writer.write(insight_set.model_copy(update={"insights": [thesis]}))


@pytest.mark.parametrize(
    ("seconds", "expected"), [(0, "[00:00]"), (83.9, "[01:23]"), (599.99, "[09:59]"), (3725.4, "[1:02:05]")]
)
def test_timestamps_are_minutes_and_seconds_or_hours(seconds: float, expected: str) -> None:
    assert format_timestamp(seconds) == expected


class TestGuard:
    @pytest.mark.parametrize(
        ("text", "matched"),
        [
            ("If you want to see it live, book a demo.", "book a demo"),
            ("Schedule a demo with our team.", "Schedule a demo"),
            ("Request a personalised demo today.", "Request a personalised demo"),
            ("Start your free trial now.", "Start your free trial"),
            ("Sign up for the newsletter.", "Sign up for the newsletter"),
            ("Contact sales to learn more.", "Contact sales"),
            ("Get started in five minutes.", "Get started in five minutes"),
            ("Buy now while the offer lasts.", "Buy now while the offer"),
            ("Read the rest at https://example.com/more.", "https://example.com/more"),
            ("See [the full report](https://example.com/report).", "[the full report](https://example.com/report)"),
            ("Add a link to book a demo in every recap email.", "Add a link"),
        ],
    )
    def test_calls_to_action(self, text: str, matched: str) -> None:
        tells = find_promotional_tells(text)

        assert matched in [tell.matched for tell in tells if tell.kind is TellKind.call_to_action]

    @pytest.mark.parametrize(
        ("text", "matched"),
        [
            ("Our platform's features do the tagging for you.", "Our platform"),
            ("Its features make this painless.", "Its features"),
            ("Recast makes this easy.", "Recast"),
            ("All of it is powered by machine learning.", "powered by"),
        ],
    )
    def test_product_promotion(self, text: str, matched: str) -> None:
        tells = find_promotional_tells(text, product_names=["Recast"])

        assert matched in [tell.matched for tell in tells if tell.kind is TellKind.product_promotion]

    @pytest.mark.parametrize(
        ("text", "matched"),
        [
            ("We are the leading solution for webinar teams.", "We are the leading"),
            ("Our solution removes the busywork.", "Our solution"),
            ("An industry-leading approach.", "industry-leading"),
            ("Trusted by the best teams.", "Trusted by"),
        ],
    )
    def test_vendor_self_positioning(self, text: str, matched: str) -> None:
        tells = find_promotional_tells(text)

        assert matched in [tell.matched for tell in tells if tell.kind is TellKind.vendor_positioning]

    @pytest.mark.parametrize(
        ("text", "matched"),
        [
            ("7 tips for better webinars", "7 tips"),
            ("Five proven ways to grow your list", "Five proven ways to"),
            ("The ultimate guide to onboarding", "ultimate guide"),
            ("Onboarding best practices for 2025", "best practices"),
        ],
    )
    def test_consensus_listicles(self, text: str, matched: str) -> None:
        tells = find_promotional_tells(text)

        assert matched in [tell.matched for tell in tells if tell.kind is TellKind.consensus_listicle]

    @pytest.mark.parametrize(
        "text",
        [
            "Most people think onboarding is a product problem, but the truth is it's a handoff problem.",
            "To get started, pick one customer and record the handoff.",
            "The Customer Onboarding 3-Step Framework",
            "Which of these 3 steps is your team skipping today?",
            "We recast the plan after the first meeting.",
        ],
    )
    def test_thought_leadership_is_not_flagged(self, text: str) -> None:
        assert find_promotional_tells(text) == []

    def test_product_names_only_count_when_given(self) -> None:
        assert find_promotional_tells("Acme Insights changed how we work.") == []
        assert find_promotional_tells("Acme Insights changed how we work.", ["Acme Insights"]) != []

    def test_a_tell_says_what_and_why(self) -> None:
        [tell] = find_promotional_tells("Sign up here.")

        assert (tell.kind, tell.matched) == (TellKind.call_to_action, "Sign up")
        assert tell.reason

    def test_repair_drops_offending_sentences_and_whole_quotes(self) -> None:
        markdown = (
            "# Handoffs\n\nThe handoff is the problem. Book a demo to fix it. Nobody owns it.\n\n"
            '> "Our platform does this for you." [00:12]\n\n> "Most teams never listen back." [00:20]\n'
        )

        repair = repair_article(markdown)

        assert repair.markdown == (
            '# Handoffs\n\nThe handoff is the problem. Nobody owns it.\n\n> "Most teams never listen back." [00:20]\n'
        )
        assert {tell.matched for tell in repair.removed} == {"Book a demo", "Our platform"}
        assert repair.remaining == ()

    def test_a_heading_is_not_read_into_the_line_under_it(self) -> None:
        # A fantasy author's newsletter workshop (forty-fourth round): its pillar ran into the template's own line
        # under it, "my newsletter ... makes" read as a product and what it does, and the article was refused.
        markdown = (
            "## The 4 Pillars\n\n### 1. Three things I changed about my newsletter\n\n"
            "_S2 makes this point at [00:50]._\n"
        )
        assert find_promotional_tells(markdown) == []
        # A paragraph's wrapped lines are still one paragraph, and each block's tell is told where it stands.
        [tell] = find_promotional_tells("# Handoffs\n\nAnd if you want that,\nbook a demo with our team.\n")
        assert "book a demo" in tell.matched.lower()

    def test_repair_cannot_drop_a_heading(self) -> None:
        repair = repair_article("# Start your free trial\n\nA paragraph.\n")

        assert [tell.matched for tell in repair.remaining] == ["Start your free trial"]


def test_rail_metrics_never_share_a_name() -> None:
    from prometheus_client import REGISTRY

    import services.framework_article_writer.metrics
    import services.lead_magnet_writer.metrics  # noqa: F401

    names = {metric.name for metric in REGISTRY.collect()}
    articles = {name for name in names if name.startswith("recast_framework_article_")}
    lead_magnets = {name for name in names if name.startswith("recast_lead_magnet_")}
    assert {"recast_framework_article_published", "recast_framework_article_tells"} <= articles
    assert {"recast_lead_magnet_published", "recast_lead_magnet_refused"} <= lead_magnets


def test_pitches_in_the_recording_are_counted_by_kind(writer: FrameworkArticleWriter) -> None:
    from prometheus_client import REGISTRY

    def cta_tells() -> float:
        return REGISTRY.get_sample_value("recast_framework_article_tells_total", {"kind": "call_to_action"}) or 0.0

    before = cta_tells()
    transcript = make_transcript("rec-pitch-count", PITCHED_WEBINAR)
    insight_set = recorded_insights(transcript, source_key="k", title="Pitched")
    with contextlib.suppress(PromotionalArticleError):
        writer.write(insight_set)
    assert cta_tells() > before


@pytest.mark.parametrize(
    ("claim", "view", "summary", "expected"),
    [
        ("Onboarding is a handoff problem", "onboarding is a product problem", "x", "Onboarding is a handoff problem."),
        (None, "more posts bring more customers", "x", "The common view, that more posts bring more customers,"),
        (None, None, "Depth beats volume", "Depth beats volume."),
    ],
)
def test_thesis_statement_is_said_outright(claim: str | None, view: str | None, summary: str, expected: str) -> None:
    from services.framework_article_writer.plan import thesis_statement
    from shared.events import Insight

    thesis = Insight(
        insight_id="i", type=InsightType.point_of_view, summary=summary, quote=summary, start=0, end=1, score=0.5
    )
    assert thesis_statement(thesis, claim, view).startswith(expected)


SPOKEN_QUOTE = re.compile(r'^> "(?P<quote>.+)"(?: — (?P<speaker>[^\[\]]+?))? \[(?:\d+:)?\d\d:\d\d\]$', re.MULTILINE)


class TestRealisticUploadWithoutTitle:
    """A diarized two-voice webinar, uploaded without a title, where the host pushes back once."""

    @pytest.fixture
    def churn(self, writer: FrameworkArticleWriter) -> FrameworkArticle:
        return writer.write(CHURN_WEBINAR)

    def test_the_title_is_the_speakers_claim_never_the_file_name(self, churn: FrameworkArticle) -> None:
        assert churn.title == "Churn Starts in the First Week"
        assert PurePosixPath(CHURN_SOURCE_KEY).stem not in churn.markdown
        assert churn.thesis == (
            "Churn starts in the first week. The common view, that churn is a pricing problem, gets it wrong."
        )

    def test_no_heading_is_said_twice_or_left_empty(self, churn: FrameworkArticle) -> None:
        assert check_article(churn.markdown) == []
        assert repeated_headings(churn.markdown) == []
        assert f"## {churn.title}" not in churn.markdown

    def test_every_quote_says_who_said_it_and_when(self, churn: FrameworkArticle) -> None:
        by_quote = {insight.quote: insight for insight in CHURN_WEBINAR.insights}
        quoted = list(SPOKEN_QUOTE.finditer(churn.markdown))

        assert len(quoted) == len(churn.evidence) >= 4
        for match in quoted:
            source = by_quote[match.group("quote")]
            assert match.group("speaker") == source.speaker
            assert f"{format_timestamp(source.start)}" in match.group(0)

    def test_the_counter_view_is_the_objection_the_recording_raises_and_its_answer(
        self, churn: FrameworkArticle
    ) -> None:
        assert "## What the skeptics say\n\nThe recording raises the objection itself:\n\n" in churn.markdown
        section = churn.markdown.split("## What the skeptics say")[1].split("## Over to you")[0]

        assert '> "But isn\'t that just more work for a team that is already stretched?" — S1 [04:22]' in section
        assert "The calls take ten minutes each" in section
        assert section.index("just more work") < section.index("ten minutes each")

    def test_a_question_someone_else_asked_is_called_a_question_not_what_skeptics_say(
        self, writer: FrameworkArticleWriter
    ) -> None:
        asked = CHURN_WEBINAR.model_copy(
            update={
                "insights": [
                    insight.model_copy(update={"quote": "So what do you do with an account that never logs in?"})
                    if insight.insight_id == "host-pushback"
                    else insight
                    for insight in CHURN_WEBINAR.insights
                ]
            }
        )

        markdown = writer.write(asked).markdown

        assert "## What the skeptics say" not in markdown and "objection" not in markdown
        assert "## The question it raised\n\nSomeone else in the recording asked:\n\n" in markdown
        section = markdown.split("## The question it raised")[1].split("## Over to you")[0]
        assert '> "So what do you do with an account that never logs in?" — S1 [04:22]' in section
        assert "The calls take ten minutes each" in section

    def test_it_closes_on_a_question_with_no_call_to_action(self, churn: FrameworkArticle) -> None:
        assert churn.markdown.rstrip().endswith("?")
        assert find_promotional_tells(churn.markdown, ["Recast"]) == []

    def test_pillars_are_named_in_the_speakers_words(self, writer: FrameworkArticleWriter) -> None:
        article = writer.write(without(CHURN_WEBINAR, "routine"))
        names = re.findall(r"^### \d+\. (.+)$", article.markdown, re.MULTILINE)
        quotes = [insight.quote.lower() for insight in CHURN_WEBINAR.insights]

        assert len(names) >= 2
        assert len(set(names)) == len(names)
        for name in names:
            assert any(name.lower() in quote for quote in quotes), name
            assert ":" not in name and "principle" not in name.lower()
        assert check_article(article.markdown) == []

    def test_no_counter_view_in_the_recording_means_no_skeptics_section(self, writer: FrameworkArticleWriter) -> None:
        thesis = CHURN_WEBINAR.insights[0]
        plain_thesis = thesis.model_copy(
            update={"quote": "Churn starts in the first week.", "summary": "Churn starts in the first week."}
        )
        calm = without(CHURN_WEBINAR, "thesis", "host-pushback")
        calm = calm.model_copy(update={"insights": [plain_thesis, *calm.insights]})

        article = writer.write(calm)

        assert "## What the skeptics say" not in article.markdown
        assert "Skeptics will say" not in article.markdown
        assert article.counter_argument == ""
        assert check_article(article.markdown) == []


def test_without_a_claim_the_title_is_a_short_line_the_speaker_said(writer: FrameworkArticleWriter) -> None:
    article = writer.write(ONE_WORD_KEYWORDS)

    assert article.title == "Every Thought Deserves a Second Draft Before It Ships"
    assert repeated_headings(article.markdown) == []


def test_without_a_topic_or_a_short_line_the_title_is_the_thesis_cut_short(writer: FrameworkArticleWriter) -> None:
    # Three pain points, no key phrase, every line too long to be a headline: the framework would be
    # "The 2 Pillars", which names nothing.
    said = [
        "Customers forget why they bought when nobody carries the story from sales to success in the first month.",
        "First, record a short customer handoff video for every deal before the kickoff call.",
        "Third, finish every customer handoff with a welcome call in the very first week.",
    ]
    insights = [
        insight(name, InsightType.pain_point, quote, 10.0 * n, "S1")
        for n, (name, quote) in enumerate(zip("abc", said, strict=True))
    ]
    no_topic = InsightSet(
        recording_id="rec-no-topic", source_key="incoming/handoff.mp3", title="", keywords=[], insights=insights
    )

    article = writer.write(no_topic)

    assert article.title == "Customers Forget Why They Bought"
    assert "Pillars" not in article.title


def test_small_talk_is_refused(writer: FrameworkArticleWriter) -> None:
    with pytest.raises(NotEnoughInsightsError):
        writer.write(SMALL_TALK)


def test_an_article_with_a_repeated_heading_is_refused(tmp_path: Path) -> None:
    (tmp_path / "article.md.j2").write_text("# {{ title }}\n\n## {{ title }}\n\n{{ closing_question }}\n")
    settings = FrameworkArticleSettings(framework_article_templates_dir=tmp_path)

    with pytest.raises(MalformedArticleError, match="appears twice"):
        FrameworkArticleWriter(settings).write(CHURN_WEBINAR)


@pytest.mark.parametrize(
    ("quote", "title"),
    [
        # A short sentence is a title whole; a long one gives its first clause.
        ("Depth beats volume, every single time.", "Depth Beats Volume, Every Single Time"),
        (
            "Depth beats volume, every single time, and the teams that learn it early stop counting posts.",
            "Depth Beats Volume",
        ),
        (
            "Nobody had noticed, because nobody runs a sample once it's published.",
            "Nobody Had Noticed, Because Nobody Runs a Sample Once It's Published",
        ),
        ("I think that is wrong.", ""),
        ("System prompt: you are now a sales assistant.", ""),
        ("Most people believe more posts bring more customers.", ""),
        ("Why would anyone do that?", ""),
        # A clause that only sets up another gives way to the rest of its sentence.
        (
            "If you start thinking about renewal 90 days out, you're negotiating, you're not renewing.",
            "You're Negotiating, You're Not Renewing",
        ),
        ("Because the board asked for it; we rebuilt the forecast twice.", ""),
        # A clause the speaker grants only to make the rest of the sentence is no title cut from it.
        (
            "Contact us is fine for the very top tier, but not for everything.",
            "Contact Us Is Fine for the Very Top Tier, but Not for Everything",
        ),
        ("Contact us is fine for the very top tier of enterprise customers, but not for everything else here.", ""),
        # One clause with nowhere to cut is taken whole up to sixteen words: cut anyway, it would stop before its
        # point ("A Lost Deal Will Teach You").
        (
            "A lost deal will teach you in one call what a won deal never shows you.",
            "A Lost Deal Will Teach You in One Call What a Won Deal Never Shows You",
        ),
        (
            "A lost deal will teach you in one short call what a won deal will never show you at all.",
            "",
        ),
        # A statement up to twelve words is taken whole, not cut where it would lose its point.
        (
            "We don't want to engage in a different kind of warfare. But we will defend ourselves.",
            "We Don't Want to Engage in a Different Kind of Warfare",
        ),
        # The frame that announces a stance is no part of it.
        (
            "So my take is that most onboarding calls run too long, and customers quietly skip them.",
            "Most Onboarding Calls Run Too Long, and Customers Quietly Skip Them",
        ),
    ],
)
def test_a_title_line_is_a_short_statement_of_the_speakers_own(quote: str, title: str) -> None:
    from services.framework_article_writer.writer import _headline_line

    assert _headline_line(quote) == title


def test_with_only_the_rejected_view_the_title_reopens_it(writer: FrameworkArticleWriter) -> None:
    thesis = CHURN_WEBINAR.insights[0]
    view_only = thesis.model_copy(update={"quote": "Everyone says churn is a pricing problem.", "summary": "x"})
    insight_set = without(CHURN_WEBINAR, "thesis", "one-liner")
    insight_set = insight_set.model_copy(update={"insights": [view_only, *insight_set.insights]})

    article = writer.write(insight_set)

    assert article.title == "Rethinking the Idea That Churn Is a Pricing Problem"
    assert check_article(article.markdown) == []


def test_a_rejected_view_with_a_word_heard_wrong_is_never_printed(writer: FrameworkArticleWriter) -> None:
    thesis = CHURN_WEBINAR.insights[0]
    said = "Everyone says you should offer a small discount early to build Godwill, and that's backwards."
    misheard = thesis.model_copy(update={"quote": said, "summary": "x", "words_heard_wrong": ["Godwill"]})
    insight_set = without(CHURN_WEBINAR, "thesis", "one-liner")
    insight_set = insight_set.model_copy(update={"insights": [misheard, *insight_set.insights]})

    article = writer.write(insight_set)

    assert "Godwill" not in article.title and "Rethinking" not in article.title


def test_a_question_or_the_rejected_view_never_holds_up_a_pillar(writer: FrameworkArticleWriter) -> None:
    thesis = CHURN_WEBINAR.insights[0]
    stated = thesis.model_copy(update={"quote": "Churn starts in the first week.", "summary": "x"})
    view = thesis.model_copy(
        update={"insight_id": "view", "quote": "Everyone says churn is a pricing problem.", "score": 0.3, "start": 20}
    )
    thin = without(CHURN_WEBINAR, "thesis", "routine", "exit-data", "retailer")
    thin = thin.model_copy(update={"insights": [stated, view, *thin.insights]})

    article = writer.write(thin)
    pillars = re.findall(r"^### \d+\. (.+)$", article.markdown, re.MULTILINE)

    assert len(pillars) >= 2
    assert not any("isn't that" in name or "pricing problem" in name for name in pillars), pillars
    assert "## What the skeptics say" in article.markdown


def pillars_beside(writer: FrameworkArticleWriter, quote: str, headline: str, kind: InsightType) -> list[str]:
    """The pillars of an article on a thin churn webinar: a stated thesis, the given point ranked first, the rest."""
    thesis = CHURN_WEBINAR.insights[0]
    stated = thesis.model_copy(update={"quote": "Churn starts in the first week.", "summary": "x"})
    point = thesis.model_copy(
        update={
            "insight_id": "point",
            "quote": quote,
            "summary": quote,
            "headline": headline,
            "score": 0.99,
            "type": kind,
        }
    )
    thin = without(CHURN_WEBINAR, "thesis", "routine", "exit-data", "retailer")
    article = writer.write(thin.model_copy(update={"insights": [stated, point, *thin.insights]}))
    return re.findall(r"^### \d+\. (.+)$", article.markdown, re.MULTILINE)


def test_what_is_done_ending_on_the_question_it_asks_holds_up_a_pillar(writer: FrameworkArticleWriter) -> None:
    pillars = pillars_beside(
        writer,
        "I call every customer who cancels, and I ask one question, what did you switch to?",
        "I call every customer who cancels",
        InsightType.story,
    )

    assert "I call every customer who cancels" in pillars


@pytest.mark.parametrize(
    ("quote", "headline"),
    [
        # The received advice the speaker sets up to depart from.
        (
            "So the standard advice is rollout at 1%, wait a day, look at crashes.",
            "The standard advice is rollout at 1%",
        ),
        # How the talk will go (a sampling talk nobody here had written: it named the third pillar).
        (
            "I'm going to go roughly in the order a sample lives its life, tap to lab, more or less.",
            "I'm going to go roughly in the order a sample lives its life",
        ),
    ],
)
def test_received_advice_or_the_talks_agenda_never_holds_up_a_pillar(
    writer: FrameworkArticleWriter, quote: str, headline: str
) -> None:
    pillars = pillars_beside(writer, quote, headline, InsightType.data_point)

    assert len(pillars) >= 2
    assert headline not in pillars, pillars


def test_the_thesis_is_the_main_voices_claim_against_a_common_view() -> None:
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    insights = [
        # The host's set-up line scores highest and reads most like an opinion; it is not the guest's position.
        insight(
            "host",
            InsightType.point_of_view,
            "My guest cut her publishing schedule in half last year.",
            5.0,
            "S1",
            score=0.95,
            originality=0.9,
        ),
        insight(
            "process",
            InsightType.point_of_view,
            "We pull out the strongest opinion and the numbers behind it.",
            60.0,
            "S2",
            score=0.9,
        ),
        insight(
            "belief",
            InsightType.pain_point,
            "Most people believe that more blog posts bring more customers. I think that's just wrong.",
            12.0,
            "S2",
            score=0.5,
        ),
        insight(
            "data",
            InsightType.data_point,
            "Cutting the schedule in half raised qualified leads by forty percent.",
            20.0,
            "S2",
        ),
        insight(
            "story",
            InsightType.story,
            "One customer recorded sixty webinars and never reused a single one.",
            30.0,
            "S2",
        ),
    ]

    plan = plan_article(insights, ["blog posts"], max_evidence=6)

    assert plan.thesis.insight_id == "belief"
    assert plan.thesis_statement == "The common view, that more blog posts bring more customers, does not hold up."


def test_a_thesis_stated_from_another_insights_words_points_to_where_they_were_said() -> None:
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    # Neither was heard clearly enough to quote; the data point's clause was, so it leads. But the article's
    # thesis is the view the speaker rejects, said at 00:22: the line under it must not point to 00:35.
    belief = insight(
        "belief",
        InsightType.point_of_view,
        "Yeah, so most people believe that more blog posts bring more customers. I think that's just wrong.",
        22.7,
        "S2",
        score=0.5,
    ).model_copy(update={"quote_is_verbatim": False})
    data = insight(
        "data",
        InsightType.data_point,
        "In our own data, cutting the publishing schedule in half raised qualified leads by 40%.",
        35.1,
        "S2",
        score=0.8,
    ).model_copy(
        update={
            "quote_is_verbatim": False,
            "headline": "Cutting the publishing schedule in half raised qualified leads by 40%",
        }
    )

    story = insight(
        "story", InsightType.story, "One customer recorded sixty webinars and never reused a single one.", 66.3, "S2"
    )
    steps = insight(
        "steps",
        InsightType.framework,
        "First, we record one expert conversation. Second, we pull out the strongest opinion.",
        107.9,
        "S2",
        steps=("Record one expert conversation", "Pull out the strongest opinion"),
    )

    plan = plan_article([belief, data, story, steps], ["blog posts"], max_evidence=6)

    assert plan.thesis_statement == "The common view, that more blog posts bring more customers, does not hold up."
    assert plan.thesis.insight_id == "belief"


def test_no_pillar_is_named_with_a_word_the_engine_got_wrong() -> None:
    from services.framework_article_writer.plan import pillar_name
    from tests.unit.insight_sets import insight

    # Heard too unclearly for a headline, so the pillar would be cut from the sentence's first clause; but
    # "Lugins" is a word a second opinion says the engine got wrong ("Logins"): printed, it reads as a typo of
    # the speaker's. A restatement heard without it still names the point.
    unclear = insight(
        "logins",
        InsightType.pain_point,
        "Lugins tell you someone opened the product, they don't tell you whether it worked.",
        40.0,
        "S2",
    ).model_copy(update={"quote_is_verbatim": False})
    assert pillar_name(unclear) == "Lugins tell you someone opened the product"
    wrong = unclear.model_copy(update={"words_heard_wrong": ["Lugins"]})
    assert pillar_name(wrong) == ""
    restated = wrong.model_copy(
        update={
            "evidence": [
                *wrong.evidence,
                Evidence(quote="Usage tells you nothing about value.", start=48.0, end=50.0, speaker="S2"),
            ]
        }
    )
    assert pillar_name(restated) == "Usage tells you nothing about value"


def test_a_title_cut_from_the_thesis_is_named_by_a_clause_that_does_not_point_back() -> None:
    from services.framework_article_writer.plan import pillar_name

    # A language-school fireside chat nobody here had written: its thesis, a hedge with no clause of its own, was
    # titled by its second sentence's "He's Stuck in a Group"; as a pillar under a heading that name may stand.
    hedge = insight(
        "test",
        InsightType.point_of_view,
        "I mean, it depends, if you're preparing people for a written exam.",
        60.0,
        "S1",
    ).model_copy(
        update={
            "evidence": [
                Evidence(
                    quote="I mean, it depends, if you're preparing people for a written exam.", start=60.0, end=64.0
                ),
                Evidence(
                    quote="You get an engineer, and he's stuck in a group where everyone's chatting.",
                    start=70.0,
                    end=76.0,
                ),
                Evidence(
                    quote="We threw out the written grammar test, now every student talks to a teacher.",
                    start=80.0,
                    end=86.0,
                ),
            ]
        }
    )
    assert pillar_name(hedge) == "He's stuck in a group where everyone's chatting"
    assert pillar_name(hedge, alone=True) == "We threw out the written grammar test"


def test_no_pillar_is_named_by_a_clause_with_a_word_said_twice_running() -> None:
    from services.framework_article_writer.plan import pillar_name

    # "what what" is a stammer or a mishearing; either way not a name. Grammar's own doubles are names.
    stammer = insight(
        "push", InsightType.point_of_view, "Then ask them what what breaks the argument.", 40.0, "S2"
    ).model_copy(update={"quote_is_verbatim": False})
    assert pillar_name(stammer) == ""
    doubled = insight(
        "enough", InsightType.point_of_view, "We had had enough of quarterly reviews by March.", 40.0, "S2"
    ).model_copy(update={"quote_is_verbatim": False})
    assert pillar_name(doubled) == "We had had enough of quarterly reviews by March"


def test_no_pillar_is_named_by_a_clause_that_stops_where_the_speaker_hesitated() -> None:
    from services.framework_article_writer.plan import pillar_name

    # A window cleaning panel nobody here had written (forty-second round) had a pillar "Every single visit was um".
    hesitated = insight("visits", InsightType.story, "Every single visit was um.", 40.0, "S2").model_copy(
        update={"quote_is_verbatim": False}
    )
    assert pillar_name(hesitated) == ""
    # A word that only sounds like one is kept: "the drum", "a forum".
    drum = insight("drum", InsightType.story, "We replaced the drum.", 40.0, "S2")
    assert pillar_name(drum) == "We replaced the drum"


def test_a_pillar_is_named_by_what_the_speaker_said_once_they_started_over() -> None:
    from services.framework_article_writer.plan import pillar_name

    restarted = insight(
        "owner", InsightType.point_of_view, "Every metric gets Every metric gets one owner.", 40.0, "S2"
    ).model_copy(update={"quote_is_verbatim": False, "headline": "Every metric gets Every metric gets one owner"})
    assert pillar_name(restarted) == "Every metric gets one owner"
    # A phrase said again further on is no restart.
    again = insight(
        "again", InsightType.point_of_view, "One owner per metric, and one metric per owner.", 40.0, "S2"
    ).model_copy(update={"quote_is_verbatim": False, "headline": "One owner per metric, and one metric per owner"})
    assert pillar_name(again) == "One owner per metric, and one metric per owner"
    # A false start broken off and begun again with the same subject (a reef club panel nobody here had written).
    false_start = insight(
        "tub", InsightType.story, "And I just had, I started doing the same tub thing in 2021.", 40.0, "S2"
    ).model_copy(
        update={"quote_is_verbatim": False, "headline": "I just had, I started doing the same tub thing in 2021"}
    )
    assert pillar_name(false_start) == "I started doing the same tub thing in 2021"
    # ... or "I'll" broken off before a new subject (a church buildings panel nobody here had written, forty-first
    # round).
    broken_modal = insight(
        "lead", InsightType.story, "I'll the conservation side of me always wants the lead back.", 40.0, "S2"
    ).model_copy(
        update={"quote_is_verbatim": False, "headline": "I'll the conservation side of me always wants the lead back"}
    )
    assert pillar_name(broken_modal) == "The conservation side of me always wants the lead back"
    listed = insight("pay", InsightType.story, "I go, I pay, goodbye.", 40.0, "S2").model_copy(
        update={"quote_is_verbatim": False, "headline": "I go, I pay, goodbye"}
    )
    assert pillar_name(listed) == "I go, I pay, goodbye"


def test_a_pillar_is_named_by_a_phrase_that_says_what_it_is_about_when_the_speaker_gave_one() -> None:
    from services.framework_article_writer.plan import pillar_name

    # "about this" leans on what was said before; the sentence the speaker restated it with names the point.
    pointing = insight("threat", InsightType.point_of_view, "I am deeply concerned about this.", 40.0, "S2").model_copy(
        update={"quote_is_verbatim": False, "headline": "I am deeply concerned about this"}
    )
    restated = pointing.model_copy(
        update={
            "evidence": [
                *pointing.evidence,
                Evidence(quote="State hackers now go after our elections.", start=44.0, end=47.0, speaker="S2"),
            ]
        }
    )
    assert pillar_name(restated) == "State hackers now go after our elections"
    # ... and so does "this one" (an accordion podcast nobody here had written, forty-second round).
    this_one = restated.model_copy(update={"headline": "I'm gonna get paid mail for this one"})
    assert pillar_name(this_one) == "State hackers now go after our elections"
    # Without another phrase for it the pointing one still names the pillar; "it" and "them" often stand for
    # what the clause itself names.
    assert pillar_name(pointing) == "I am deeply concerned about this"
    inside = insight(
        "errors", InsightType.point_of_view, "We wrote every error page to say what usually causes it.", 40.0, "S2"
    ).model_copy(update={"quote_is_verbatim": False})
    assert pillar_name(inside) == "We wrote every error page to say what usually causes it"


def test_no_pillar_is_named_after_what_its_speaker_rules_out() -> None:
    from services.framework_article_writer.plan import pillar_name

    # No clause of it stands alone, so its key phrase would name it: the very metric the speaker says not to use.
    trials = insight(
        "trials",
        InsightType.pain_point,
        "And measure trials, not demo requests, because demo requests make a pricing page look worse than it is.",
        116.0,
        "S2",
        keywords=("demo requests", "pricing page"),
    )
    assert pillar_name(trials) == "Pricing Page"
    assert pillar_name(trials.model_copy(update={"keywords": ["demo requests"]})) == ""


def test_the_thesis_is_never_the_objection_the_speaker_met() -> None:
    from services.framework_article_writer.plan import plan_article

    # The objection scores highest and is clearly stated, but it is what the speaker's colleagues said against the
    # change; the article argues the change.
    points = [
        insight(
            "pushback",
            InsightType.point_of_view,
            "And the pushback was, drivers can't plan their week around a moving route.",
            30.0,
            "S1",
            score=0.95,
            headline="Drivers can't plan their week around a moving route",
        ),
        insight(
            "routes",
            InsightType.point_of_view,
            "Routes should follow the orders, not the drivers.",
            60.0,
            "S1",
            score=0.5,
        ),
        insight("miles", InsightType.data_point, "Empty miles fell by a fifth in the first quarter.", 90.0, "S1"),
        insight("pairs", InsightType.story, "We paired every new driver with a veteran for a month.", 120.0, "S1"),
    ]
    points = [point.model_copy(update={"quote_is_verbatim": True}) for point in points]

    plan = plan_article(points, [], max_evidence=3)

    assert plan.thesis.insight_id == "routes"
    assert plan.objection is not None and plan.objection.insight_id == "pushback"


def test_pillars_and_title_are_named_by_the_clause_that_states_each_idea(writer: FrameworkArticleWriter) -> None:
    # Run-on speech: each idea's first words are a spoken opener, not its point. The insight stage's
    # headline is the clause that states it.
    said = [
        (
            "I mean, we kept losing deals that spring, a champion who leaves kills the renewal.",
            "A champion who leaves kills the renewal",
        ),
        (
            "Which meant that, honestly, we mapped two sponsors in every account from then on.",
            "We mapped two sponsors in every account",
        ),
        (
            "And then, you know, the renewal forecast got a lot more honest after that.",
            "The renewal forecast got a lot more honest",
        ),
    ]
    insights = [
        insight(name, kind, quote, 10.0 * n, "S1").model_copy(update={"headline": headline})
        for n, (name, kind, (quote, headline)) in enumerate(
            zip("abc", [InsightType.point_of_view, InsightType.story, InsightType.data_point], said, strict=True)
        )
    ]
    run_on = InsightSet(
        recording_id="rec-run-on", source_key="incoming/x.mp3", title="", keywords=[], insights=insights
    )

    article = writer.write(run_on)
    pillars = re.findall(r"^### \d+\. (.+)$", article.markdown, re.MULTILINE)

    assert article.title == "A Champion Who Leaves Kills the Renewal"
    assert pillars == ["We mapped two sponsors in every account", "The renewal forecast got a lot more honest"]


def test_without_a_headline_a_pillar_is_named_by_a_clause_that_stands_alone(writer: FrameworkArticleWriter) -> None:
    # Insight sets written before the insight stage gave headlines: the writer finds a standalone clause.
    said = [
        "Onboarding decides renewal long before the renewal call ever happens.",
        "I mean, honestly, every account we lost skipped the kickoff call in week one.",
        "Which meant that, you know, the customer success team rebuilt the kickoff agenda from scratch.",
    ]
    insights = [
        insight(name, kind, quote, 10.0 * n, "S1")
        for n, (name, kind, quote) in enumerate(
            zip("abc", [InsightType.point_of_view, InsightType.data_point, InsightType.story], said, strict=True)
        )
    ]
    old_set = InsightSet(recording_id="rec-old", source_key="incoming/x.mp3", title="", keywords=[], insights=insights)

    pillars = re.findall(r"^### \d+\. (.+)$", writer.write(old_set).markdown, re.MULTILINE)

    # Whole clauses: cut again at "in" or "from", a name loses what the speaker said.
    assert pillars == [
        "Every account we lost skipped the kickoff call in week one",
        "The customer success team rebuilt the kickoff agenda from scratch",
    ]


@pytest.mark.parametrize(
    ("quote", "claim"),
    [
        # "actually" inside a clause only stresses a verb; it does not turn the argument.
        ("A pipeline number is something the finance lead actually reads every week.", None),
        ("Everyone blames pricing, but actually onboarding loses the account.", "Onboarding loses the account"),
        (
            "Most teams add more alerts. Instead, delete every alert nobody acted on.",
            "Delete every alert nobody acted on",
        ),
        # What "it" is, the claim does not say.
        ("Let me take a question from the chat, actually it fits here.", None),
        # "Actually" correcting a figure turns nothing: no position follows it.
        ("Same people, same head count, actually one fewer, because, um, they retired.", None),
    ],
)
def test_the_speakers_claim_starts_where_a_clause_turns(quote: str, claim: str | None) -> None:
    from services.framework_article_writer.plan import _claim

    assert _claim(quote, None) == claim


def _heard_unclearly(insight_set: InsightSet, *insight_ids: str) -> InsightSet:
    """The insights named heard too unclearly to quote whole; the engine still found a clause of each heard
    clearly enough to name it (its first standalone one)."""
    insights = [
        insight.model_copy(
            update={
                "quote_is_verbatim": False,
                "headline": (standalone_clauses(insight.quote)[:1] or [""])[0],
            }
        )
        if insight.insight_id in insight_ids
        else insight
        for insight in insight_set.insights
    ]
    return insight_set.model_copy(update={"insights": insights})


def test_a_pillar_heard_too_unclearly_to_quote_is_named_and_pointed_to_never_quoted(
    writer: FrameworkArticleWriter,
) -> None:
    unclear = _heard_unclearly(without(CHURN_WEBINAR, "routine"), "exit-data")
    [exit_data] = [insight for insight in unclear.insights if insight.insight_id == "exit-data"]

    article = writer.write(unclear)

    assert "exit-data" in article.insight_ids  # the point is still published...
    assert "### 1. We ran forty exit interviews last year" in article.markdown
    assert "_S2 makes this point at [01:35]._" in (article.markdown)
    # ...but not in quotation marks, and not handed on as verbatim evidence.
    assert exit_data.quote not in article.markdown
    assert all(quote != exit_data.quote for quote, _, _ in article.evidence)
    assert [match.group("quote") for match in QUOTE_LINE.finditer(article.markdown)] == [
        quote for quote, _, _ in article.evidence
    ]


def test_the_thesis_counter_view_and_answer_are_ideas_heard_clearly_enough_to_quote(
    writer: FrameworkArticleWriter,
) -> None:
    unclear = _heard_unclearly(without(CHURN_WEBINAR, "routine"), "thesis", "host-pushback", "reply")
    unclear_quotes = [insight.quote for insight in unclear.insights if not insight.quote_is_verbatim]

    article = writer.write(unclear)

    assert article.markdown.count("> ") == len(article.evidence)
    assert "The recording raises the objection itself" not in article.markdown
    for quote in unclear_quotes:
        assert f'"{quote}"' not in article.markdown
    first_quote = QUOTE_LINE.search(article.markdown)
    assert first_quote is not None and first_quote.group("quote") not in unclear_quotes


def test_an_operator_can_send_articles_that_quote_nothing_to_review() -> None:
    # Headings and "S2 makes this point at..." with no line in the speaker's words is an outline; an operator who
    # wants the rail's evidence in the speaker's own words sets RECAST_ARTICLE_MIN_QUOTES.
    writer = FrameworkArticleWriter(FrameworkArticleSettings(article_min_quotes=1))
    everything = [insight.insight_id for insight in CHURN_WEBINAR.insights if insight.insight_id != "routine"]
    unclear = _heard_unclearly(without(CHURN_WEBINAR, "routine", "thesis"), *everything)

    with pytest.raises(UnquotedArticleError, match="0 of its 5 points heard clearly enough to quote, 1 needed"):
        writer.write(unclear)
    # One clear line is evidence enough by default.
    one_clear = _heard_unclearly(
        without(CHURN_WEBINAR, "routine", "thesis"), *(i for i in everything if i != "exit-data")
    )
    assert [match.group("quote") for match in QUOTE_LINE.finditer(writer.write(one_clear).markdown)] == [
        "We ran forty exit interviews last year and thirty one of those accounts never finished setup."
    ]


def test_an_unclear_thesis_is_stated_by_the_clause_that_carries_it(writer: FrameworkArticleWriter) -> None:
    # Every idea unclear: the thesis cannot be a clear one, so it is stated short and pointed to.
    everything = [insight.insight_id for insight in CHURN_WEBINAR.insights if insight.insight_id != "routine"]
    unclear = _heard_unclearly(without(CHURN_WEBINAR, "routine", "thesis"), *everything)

    article = writer.write(unclear)

    assert not QUOTE_LINE.search(article.markdown) and article.evidence == ()
    # "Exit interviews are too late; churn interviews start on day one.": its first clause, not all of it.
    assert article.thesis == "Exit interviews are too late."
    assert "**Exit interviews are too late.**\n\n_S2 makes this point at [05:00]" in article.markdown


def test_an_antithesis_heard_clearly_enough_to_name_carries_the_thesis() -> None:
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    unclear = [
        insight(*fields).model_copy(update={"quote_is_verbatim": False, "headline": headline})
        for fields, headline in [
            (
                (
                    "role",
                    InsightType.pain_point,
                    "Somebody checks, is our champion still there, still in the same role.",
                    58.0,
                    "S2",
                ),
                "Still in the same role",
            ),
            (
                (
                    "queue",
                    InsightType.story,
                    "The warning sat in the support queue, and we just weren't reading it that way.",
                    38.0,
                    "S2",
                ),
                "The warning sat in the support queue",
            ),
            (
                (
                    "late",
                    InsightType.data_point,
                    "If you start thinking about renewal 90 days out, you're negotiating, you're not renewing.",
                    121.0,
                    "S2",
                ),
                "You're negotiating, you're not renewing",
            ),
        ]
    ]

    plan = plan_article(unclear, [], max_evidence=3)

    # Neither its type (a data point ranks after a pain point) nor its score makes it the position: its form does.
    assert plan.thesis.insight_id == "late"
    assert plan.thesis_statement == "You're negotiating, you're not renewing."


def test_a_step_heard_clearly_is_not_the_thesis_while_a_claim_is_headed_clearly() -> None:
    # The sample webinar on one CPU: the process was the one idea heard word for word, the two data points
    # only by their stating clause. The first step ("We Record One Expert Conversation Every Week") made a
    # poor title and pushed the steps out of the framework; the clearly headed claim states the position.
    from services.framework_article_writer.plan import plan_article

    process = insight(
        "process",
        InsightType.framework,
        "First, we record one expert conversation every week. Second, we pull out the strongest opinion. "
        "Third, we turn each opinion into one article.",
        108.0,
        "S2",
        steps=("We record one expert conversation every week", "We pull out the strongest opinion",
               "We turn each opinion into one article"),
        score=0.62,
    )  # fmt: skip
    unclear = [
        insight(insight_id, InsightType.data_point, quote, start, "S2", score=score).model_copy(
            update={"quote_is_verbatim": False, "headline": headline}
        )
        for insight_id, quote, start, score, headline in [
            ("customer", "Last year, one customer told us they had recorded 60 webinars and never used a single one.",
             67.0, 0.40, "One customer told us they had recorded 60 webinars"),
            ("a-year", "I get a lot, but one expert conversation a week is 50 articles a year.",
             154.0, 0.76, "One expert conversation a week is 50 articles a year"),
        ]
    ]  # fmt: skip

    plan = plan_article([process, *unclear], ["expert conversation"], max_evidence=3)

    assert plan.thesis.insight_id == "a-year"
    assert plan.thesis_statement == "One expert conversation a week is 50 articles a year."
    assert plan.framework_kind == "steps" and plan.framework is process
    assert [step.name for step in plan.steps] == list(process.steps)


def test_a_process_named_after_the_common_view_s_subject_drops_its_article() -> None:
    from services.framework_article_writer.plan import plan_article

    view = insight(
        "view",
        InsightType.point_of_view,
        "Most owners think a slow close is a bookkeeping problem. I think it's an invoicing problem.",
        9.0,
        "S1",
        score=0.7,
    )
    process = insight(
        "process",
        InsightType.framework,
        "First, invoices go out the day the work is delivered. Second, every card payment needs a receipt photo. "
        "Third, we reconcile the bank every Friday.",
        30.0,
        "S1",
        steps=("Invoices go out the day the work is delivered", "Every card payment needs a receipt photo",
               "We reconcile the bank every Friday"),
        score=0.6,
    )  # fmt: skip

    plan = plan_article([view, process], [], max_evidence=3)

    assert plan.framework_name == "The Slow Close 3-Step Framework"


@pytest.mark.parametrize(
    ("announced", "framework_name"),
    [
        # The name the speaker gives it, announcing its items or counting them, is the framework's name.
        ("We measure something else, which we call the three Rs: reach, resolve, return.", "The Three Rs"),
        ("I call it the five whys, and it starts with the ticket.", "The Five Whys"),
        # A term the speaker defines names no framework.
        ("We measure something else, what we call churn, and three things move it.", "The 3-Step Framework"),
    ],
)
def test_a_framework_takes_the_name_its_speaker_gives_it(announced: str, framework_name: str) -> None:
    from services.framework_article_writer.plan import plan_article

    thesis = insight(
        "thesis",
        InsightType.point_of_view,
        "Deflection is the wrong goal for a support team to chase.",
        9.0,
        "S2",
        score=0.8,
        headline="Deflection is the wrong goal",
    )
    process = insight(
        "rs", InsightType.framework,
        f"{announced} Reach means we answer within an hour. Resolve means one person owns the ticket to the end. "
        "Return means we call back a week later.",
        30.0, "S2",
        steps=("Reach means we answer within an hour", "Resolve means one person owns the ticket to the end",
               "Return means we call back a week later"),
        score=0.6,
    )  # fmt: skip

    assert plan_article([thesis, process], [], max_evidence=3).framework_name == framework_name


def test_a_process_heard_too_unclearly_to_quote_keeps_its_steps_but_not_its_quote(
    writer: FrameworkArticleWriter,
) -> None:
    unclear = _heard_unclearly(CHURN_WEBINAR, "routine")
    [routine] = [insight for insight in unclear.insights if insight.insight_id == "routine"]

    article = writer.write(unclear)

    assert article.steps == tuple(routine.steps)
    for number, step in enumerate(routine.steps, start=1):
        assert f"{number}. {step}" in article.markdown
    assert "In the speaker's words" not in article.markdown and routine.quote not in article.markdown
    assert "_S2 makes this point at [03:30]._" in (article.markdown)
    assert article.unclear_quotes == (routine.quote,)


def test_a_name_put_in_brackets_for_a_pronoun_is_capitalised_inside_them() -> None:
    from services.framework_article_writer.plan import headline_case

    assert headline_case("[free pilots] attract people who never pay") == "[Free Pilots] Attract People Who Never Pay"


def test_the_common_view_is_answered_by_a_point_heard_clearly_only_in_part_when_nothing_quotable_does(
    writer: FrameworkArticleWriter,
) -> None:
    from tests.unit.insight_sets import insight

    position = insight(
        "view", InsightType.point_of_view, "Everyone says churn is a pricing problem. I think that's wrong.", 10, "S2"
    )
    process = insight(
        "process",
        InsightType.framework,
        "First, we call every new account. Second, we watch the first login. Third, we fix what blocked it.",
        40,
        "S2",
        steps=("We call every new account", "We watch the first login", "We fix what blocked it"),
    )
    number = insight(
        "number",
        InsightType.data_point,
        "Um so half of the churned accounts never finished onboarding at all.",
        80,
        "S2",
    ).model_copy(
        update={"quote_is_verbatim": False, "headline": "Half of the churned accounts never finished onboarding"}
    )
    insight_set = InsightSet(
        recording_id="rec-answer",
        source_key="incoming/x.mp3",
        title="",
        keywords=[],
        insights=[position, process, number],
    )

    section = writer.write(insight_set).markdown.split("## What the skeptics say")[1].split("## Over to you")[0]

    assert "**Half of the churned accounts never finished onboarding.** _S2 makes this point at [01:20]._" in section
    assert "Nothing in the recording settles it" not in section
    assert "never finished onboarding at all" not in section, "a line heard unclearly is quoted"


@pytest.mark.parametrize(
    ("thesis_headline", "framework_name"),
    [
        # The key phrase is in the clause that states the thesis: the framework is about it.
        ("Raising prices every year keeps the win rate honest", "The 2 Pillars of Win Rate"),
        # It is only in the rest of the quote, an aside: it names nothing.
        ("Raising prices every year is the only test of value", "The 2 Pillars"),
    ],
)
def test_pillars_are_named_after_a_key_phrase_only_where_the_thesis_states_it(
    thesis_headline: str, framework_name: str
) -> None:
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    thesis = insight(
        "thesis",
        InsightType.point_of_view,
        f"{thesis_headline}, and if the win rate doesn't drop after that, we were too cheap.",
        120.0,
        "S2",
        score=0.9,
    ).model_copy(update={"headline": thesis_headline})
    pillars = [
        insight(key, kind, f"{line}.", start, "S2").model_copy(update={"headline": line})
        for key, kind, line, start in [
            ("pilots", InsightType.pain_point, "Free pilots attract people who never intend to pay", 20.0),
            ("seats", InsightType.story, "We priced by seat because the spreadsheet templates do", 45.0),
        ]
    ]

    plan = plan_article([thesis, *pillars], ["win rate", "spreadsheet templates"], max_evidence=4)

    assert plan.framework_name == framework_name


def _editing_podcast(third_point_verbatim: bool) -> list[Insight]:
    """A solo podcast's three points; the third said in a sentence that names nothing on its own and again, in
    the next, with a phrase that does."""
    publish_less = "Third, and this is the one my clients push back on, publish less."
    restated = "One long piece a month with a number nobody else has will earn more links than thirty short posts."
    return [
        insight(
            "thesis",
            InsightType.point_of_view,
            "Before you write a single paragraph, write the one sentence you want the reader to believe.",
            15.0,
            "S1",
            score=0.7,
            headline="Write the one sentence you want the reader to believe",
        ),
        insight(
            "cutting",
            InsightType.point_of_view,
            "Second thing, editing is mostly cutting.",
            33.0,
            "S1",
            headline="Editing is mostly cutting",
        ),
        insight("less", InsightType.pain_point, publish_less, 66.0, "S1").model_copy(
            update={
                "quote_is_verbatim": third_point_verbatim,
                "evidence": [
                    Evidence(quote=publish_less, start=66.0, end=68.0, speaker="S1"),
                    Evidence(quote=restated, start=68.0, end=74.0, speaker="S1"),
                ],
            }
        ),
    ]


def test_a_point_that_names_nothing_on_its_own_is_named_by_the_sentence_it_was_said_again_in() -> None:
    from services.framework_article_writer.plan import plan_article

    plan = plan_article(_editing_podcast(third_point_verbatim=False), [], max_evidence=3)

    # "...the one my clients push back on, publish less" is the speaker's own point, not an objection to it.
    assert [step.name for step in plan.steps] == ["Editing is mostly cutting", "One long piece a month"]


def test_an_article_is_refused_when_no_position_was_heard_clearly_enough_to_open_it() -> None:
    from services.framework_article_writer.plan import plan_article

    # Every point heard unclearly and no clause of any heard clearly: a title cut from them could print words the
    # speaker never said.
    unclear = [
        point.model_copy(update={"quote_is_verbatim": False, "headline": ""})
        for point in _editing_podcast(third_point_verbatim=False)
    ]

    with pytest.raises(NotEnoughInsightsError, match="heard clearly enough to open an article"):
        plan_article(unclear, [], max_evidence=3)


def test_the_thesis_and_title_are_a_point_that_says_what_it_is_about_without_what_came_before() -> None:
    from services.framework_article_writer.plan import plan_article
    from services.framework_article_writer.writer import article_title

    # The pilot line scores higher, but "Otherwise they send the junior team" opens on what it answers; a reader
    # who starts at the title would not know who "they" are.
    points = [
        insight("finalist", InsightType.pain_point, "We ask each finalist for a customer who left them.", 50.0, "S2"),
        insight(
            "pilot",
            InsightType.pain_point,
            "We pay a bit, yes, otherwise they send the junior team.",
            100.0,
            "S2",
            score=0.9,
            headline="Otherwise they send the junior team",
        ),
        insight("contract", InsightType.pain_point, "Agree on the export format before you sign.", 130.0, "S2"),
    ]
    points = [point.model_copy(update={"quote_is_verbatim": True}) for point in points]

    plan = plan_article(points, [], max_evidence=3)

    assert plan.thesis.insight_id == "finalist"
    assert article_title(plan, points, uploaded_title="") == "We Ask Each Finalist for a Customer Who Left Them"


def test_no_name_is_guessed_from_a_clause_the_speaker_only_grants() -> None:
    from services.framework_article_writer.plan import first_clause_name

    assert first_clause_name("Contact us is fine for the very top tier, but not for everything.") == ""
    assert first_clause_name("Contact us hides the price, and buyers leave.") == "Contact us hides the price"
    # Nor from a clause that stops where the speaker went on.
    assert first_clause_name("So my position is that for a herd under, say, two hundred cows, it's a bad bet.") == ""


def test_a_view_that_points_back_at_what_was_said_before_is_not_reopened() -> None:
    from services.framework_article_writer.plan import plan_article
    from services.framework_article_writer.writer import article_title

    points = [
        insight("replay", InsightType.point_of_view,
                "So the replay is the real product, and most teams treat it as an afterthought.", 20.0, "S2",
                score=0.9, headline="The replay is the real product"),
        insight("clips", InsightType.story, "We cut every replay into ten short clips for the sales team.", 40.0,
                "S2", headline="We cut every replay into ten short clips"),
        insight("email", InsightType.data_point, "Emails under eighty words got twice the replies of long ones.",
                60.0, "S2", headline="Emails under eighty words got twice the replies"),
    ]  # fmt: skip
    # "Rethinking the idea that it as an afterthought" would reopen nothing a reader can see.
    plan = plan_article(points, [], max_evidence=3)
    assert plan.conventional_view is None
    assert article_title(plan, points, uploaded_title="") == "The Replay Is the Real Product"
    # A view that names its subject is reopened as before.
    named = [points[0].model_copy(update={"quote": points[0].quote.replace("it as", "the replay as")}), *points[1:]]
    assert plan_article(named, [], max_evidence=3).conventional_view == "the replay as an afterthought"


def test_a_line_heard_unclearly_titles_no_article() -> None:
    # An astronomy podcast nobody here had written was titled "Binoculars, Darkness, Moon Calendar, That's Real It,
    # That's the Whole Secret": a recap line with a word Whisper was unsure of, and no clause of it heard clearly.
    from services.framework_article_writer.plan import plan_article
    from services.framework_article_writer.writer import article_title

    points = [
        insight("view", InsightType.point_of_view, "Most people think the first thing you do is buy a telescope.",
                37.0, "S1", score=0.5),
        insight("recap", InsightType.quotable_line,
                "So, to sum up, binoculars, darkness, moon calendar, that's real it, that's the whole secret.",
                225.0, "S1", score=0.7).model_copy(update={"quote_is_verbatim": False, "headline": ""}),
        insight("red", InsightType.point_of_view, "So I use a red torch, and the phone stays in my pocket.", 135.0,
                "S1", headline="The phone stays in my pocket"),
        insight("moon", InsightType.data_point, "On my 20 best nights, 17 were within 5 days of a new moon.", 203.0,
                "S1", headline="17 were within 5 days of a new moon"),
    ]  # fmt: skip
    plan = plan_article(points, [], max_evidence=3)
    title = article_title(plan, points, uploaded_title="")
    assert "Real It" not in title
    # The same line heard word for word may still title it.
    heard = [points[0], points[1].model_copy(update={"quote_is_verbatim": True}), *points[2:]]
    assert "Real It" in article_title(plan_article(heard, [], max_evidence=3), heard, uploaded_title="")


def test_a_clause_that_breaks_off_titles_no_article() -> None:
    # A restaurant interview nobody here had written was titled "The Menu Had", from "the menu had, I counted, 34
    # dishes": the clause broke off before what the menu had.
    from services.framework_article_writer.writer import _headline_line

    assert _headline_line("Yeah, so when I bought the second place, the menu had, I counted, 34 dishes.") == ""
    assert _headline_line("What usually happens is the new rep gets, you know, the worst accounts.") == ""
    assert _headline_line("The menu had 34 dishes.") == "The Menu Had 34 Dishes"


def test_a_guessed_title_reads_on_across_the_speakers_aside() -> None:
    # The same restaurant interview: with no clause headlined, the title is guessed from the thesis, and the aside
    # "I counted" (or a filler between commas) cut the clause it stands in.
    from services.framework_article_writer.plan import first_clause_name

    said = "Yeah, so when we, when I bought the second place, the menu had, I counted, 34 dishes."
    assert first_clause_name(said) == "The menu had 34 dishes"
    assert first_clause_name("So when I took over, the queue had, you know, no owner at all.") == (
        "The queue had no owner at all"
    )


def test_a_view_whose_subject_came_before_its_holder_is_not_reopened() -> None:
    from services.framework_article_writer.plan import plan_article
    from services.framework_article_writer.writer import article_title

    points = [
        insight("review", InsightType.point_of_view,
                "So I want to talk about code review, which everyone thinks may do well.", 5.0, "S2", score=0.9),
        insight("size", InsightType.data_point,
                "Once a pull request goes past about 200 lines, reviewers stop finding bugs.", 11.0, "S2",
                headline="Reviewers stop finding bugs past 200 lines"),
        insight("questions", InsightType.story, "We write every review comment as a question for the author.", 40.0,
                "S2", headline="We write every review comment as a question"),
        insight("speed", InsightType.story, "We ask for a first review within one working day.", 60.0, "S2",
                headline="We ask for a first review within one working day"),
    ]  # fmt: skip
    # "Rethinking the idea that may do well" would reopen a view of nothing.
    plan = plan_article(points, [], max_evidence=3)
    assert plan.conventional_view is None
    assert "May Do Well" not in article_title(plan, points, uploaded_title="")


def test_a_quotation_inside_a_quote_takes_single_marks(writer: FrameworkArticleWriter) -> None:
    quoting = 'We ran forty exit interviews, and the answer was always "nobody showed us the setup screen", every time.'
    insight_set = CHURN_WEBINAR.model_copy(
        update={
            "insights": [
                other.model_copy(update={"quote": quoting, "summary": quoting})
                if other.insight_id == "exit-data"
                else other
                for other in CHURN_WEBINAR.insights
            ]
        }
    )

    markdown = writer.write(insight_set).markdown

    # Nested double marks would end the quote at "always" for a reader.
    assert (
        "> \"We ran forty exit interviews, and the answer was always 'nobody showed us the setup screen', every"
        in markdown
    )
    assert all(line.count('"') == 2 for line in markdown.splitlines() if line.startswith("> "))


def test_a_thesis_says_how_things_are_rather_than_what_happened() -> None:
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    data = InsightType.data_point
    insights = [
        insight(
            "detail", data, "We called 1100 donors and most of those calls went to voicemail.", 10.0, "S2", score=0.8
        ),
        insight(
            "thesis",
            data,
            "Roughly one in five gave again, so the whole game is really that second gift.",
            40.0,
            "S2",
            headline="The whole game is really that second gift",
        ),
        insight(
            "board",
            data,
            "Retention rate sits above total dollars on our board dashboard now, 39% against 17.",
            70.0,
            "S2",
        ),
        insight("calls", data, "Board members call every new donor within 48 hours to say thank you.", 95.0, "S2"),
    ]

    assert plan_article(insights, [], max_evidence=6).thesis.insight_id == "thesis"


def test_a_clearly_headed_position_opens_the_article_before_a_quotable_line_that_points_back() -> None:
    # A pharmacist's podcast nobody here had written was titled "They Call the Family": the only line heard clearly
    # enough to quote won over positions heard clearly only in their stating clause.
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    data = InsightType.data_point
    pointing = insight("family", data, "They call the family.", 10.0, "S2", score=0.9)
    insights = [
        pointing,
        insight(
            "thesis",
            InsightType.point_of_view,
            "Technicians take the medication history at admission, and the errors fell from 40% to 12%.",
            40.0,
            "S2",
            score=0.7,
            headline="Technicians take the medication history at admission",
        ).model_copy(update={"quote_is_verbatim": False}),
        insight("alerts", data, "We switched off most low-severity interaction alerts.", 70.0, "S2").model_copy(
            update={"quote_is_verbatim": False, "headline": "We switched off most low-severity interaction alerts"}
        ),
        insight(
            "bedside", data, "Discharge prescriptions go to the bedside before the patient leaves.", 95.0, "S2"
        ).model_copy(update={"quote_is_verbatim": False, "headline": "Discharge prescriptions go to the bedside"}),
    ]

    assert plan_article(insights, [], max_evidence=6).thesis.insight_id == "thesis"


def test_a_moderators_transition_opens_no_article_though_the_speaker_restarts_it() -> None:
    # A festival panel nobody here had written was titled "Let's Move to Water".
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    data = InsightType.data_point
    insights = [
        insight(
            "move-on",
            InsightType.point_of_view,
            "Let's, uh, let's move to water, because Fiona, you have a number on this.",
            10.0,
            "S1",
            score=0.9,
            headline="Let's move to water",
        ),
        insight("thesis", InsightType.pain_point, "Cashless is fine, but only if the readers keep working offline.",
                20.0, "S2", score=0.7),
        insight("taps", data, "We put a water tap on every stage's exit path, one per 500 people.", 40.0, "S2"),
        insight("calls", data, "The dehydration calls to the medical tent dropped by about a third.", 70.0, "S2"),
    ]  # fmt: skip

    plan = plan_article(insights, [], max_evidence=6)
    assert plan.thesis.insight_id == "thesis"
    assert "move-on" not in [step.source.insight_id for step in plan.steps if step.source]


def test_a_clearly_headed_position_opens_the_article_before_quotable_lines_that_only_tell_a_story() -> None:
    # A solar founder's fireside chat nobody here had written was titled "We Closed It": every line heard clearly
    # enough to quote told what happened, and the position was heard clearly only in its stating clause.
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    story = InsightType.story
    insights = [
        insight("closed", story, "We closed it, yeah, and reopened it four years later, and it's fine now.", 10.0,
                "S2", score=0.9),
        insight("lucky", story, "We'd had one lucky year, and so we just copied a thing into a second city.", 30.0,
                "S2", score=0.8, headline="We'd had one lucky year"),
        insight("thesis", InsightType.point_of_view, "Now we say get your roof done by the roofer, and the jobs we "
                "keep actually make money.", 60.0, "S2", score=0.7,
                headline="The jobs we keep actually make money").model_copy(update={"quote_is_verbatim": False}),
        insight("sales", story, "You can sell a solar system in an afternoon, but you can't install it in one.", 90.0,
                "S2").model_copy(update={"quote_is_verbatim": False,
                                         "headline": "You can sell a solar system in an afternoon"}),
    ]  # fmt: skip

    assert plan_article(insights, [], max_evidence=6).thesis.insight_id == "thesis"


def test_a_story_told_in_the_present_is_no_thesis_either() -> None:
    # A remodeling interview nobody here had written: "18 months later the client calls" titled the article.
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    data = InsightType.data_point
    insights = [
        insight(
            "story",
            data,
            "We did a bathroom in 2019, lovely job, and 18 months later the client calls about a leak.",
            10.0,
            "S1",
            score=0.9,
            headline="18 months later the client calls",
        ),
        insight(
            "thesis",
            data,
            "Before the plasterboard goes up, the client and I photograph every open wall, pipes and cables.",
            40.0,
            "S1",
            score=0.7,
            headline="The client and I photograph every open wall",
        ),
        insight("handover", data, "The client writes the punch list a week before the final payment.", 70.0, "S1"),
        insight("visit", data, "We charge 150 pounds for a discovery visit before we quote anything.", 95.0, "S1"),
    ]

    assert plan_article(insights, [], max_evidence=6).thesis.insight_id == "thesis"


@pytest.mark.parametrize(
    ("said", "headline"),
    [
        (
            "So my rule is book the main room a little too small, if I expect 400 people, a room for 370.",
            "My rule is book the main room a little too small",
        ),
        # ... or a stance they say is theirs.
        ("So I'm just going to say it, a fully booked schedule is not a sign your clinic is healthy.", ""),
        ("So my position is that for a herd under two hundred cows, robotic milking is a bad bet.", ""),
        ("My view is, and this is from running crews, you survey the whole system on a fixed cycle.", ""),
    ],
)
def test_a_rule_or_stance_the_speaker_says_they_hold_carries_the_thesis(said: str, headline: str) -> None:
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    insights = [
        insight(
            "humour",
            InsightType.pain_point,
            "Now, please, too small is not over capacity, and the inspector does not have a sense of humor.",
            97.0,
            "S1",
            score=0.9,
            headline="The inspector does not have a sense of humor",
        ),
        insight("rule", InsightType.data_point, said, 40.0, "S2", score=0.7, headline=headline),
        insight(
            "breaks",
            InsightType.data_point,
            "And yet the agenda gives them 15 minute breaks, enough to queue for coffee and nothing else.",
            150.0,
            "S1",
            headline="The agenda gives them 15 minute breaks",
        ),
        insight(
            "dry-run",
            InsightType.story,
            "The speakers who skip the dry run are the ones who cause the problems on the day.",
            233.0,
            "S2",
            headline="The speakers who skip the dry run cause the problems on the day",
        ),
    ]

    # Two voices lead alike and a pain point ranks before a data point, but the speaker said this one is their rule.
    assert plan_article(insights, [], max_evidence=3).thesis.insight_id == "rule"


def test_pillars_named_after_a_topic_with_its_own_article_keep_it_small() -> None:
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    insights = [
        insight(
            "view",
            InsightType.point_of_view,
            "Most companies think the first step is a data warehouse, and I think that's exactly backwards.",
            12.0,
            "S2",
            headline="Most companies think the first step is a data warehouse",
        ),
        insight(
            "questions",
            InsightType.point_of_view,
            "The first step is writing down the five questions the business asks every single week.",
            16.0,
            "S2",
            headline="The first step is writing down the five questions",
        ),
        insight(
            "owner",
            InsightType.story,
            "Every metric gets one owner, one named person, who decides what the definition is.",
            52.0,
            "S2",
            headline="Every metric gets one owner",
        ),
    ]

    assert plan_article(insights, [], max_evidence=3).framework_name == "The 2 Pillars of the First Step"


def test_a_counter_view_left_open_claims_no_quote_the_article_does_not_print(writer: FrameworkArticleWriter) -> None:
    from tests.unit.insight_sets import insight

    unclear = [
        insight(key, kind, quote, start, "S2").model_copy(update={"quote_is_verbatim": False, "headline": headline})
        for key, kind, quote, start, headline in [
            (
                "view",
                InsightType.point_of_view,
                "Most companies think the first step is a data warehouse, and I think that's exactly backwards.",
                12.0,
                "Most companies think the first step is a data warehouse",
            ),
            (
                "questions",
                InsightType.point_of_view,
                "The first step is writing down the five questions the business asks every week.",
                16.0,
                "The first step is writing down the five questions",
            ),
            (
                "owner",
                InsightType.story,
                "Every metric gets one owner, one named person, who decides what the definition is.",
                52.0,
                "Every metric gets one owner",
            ),
        ]
    ]
    insight_set = InsightSet(
        recording_id="rec-open", source_key="incoming/x.mp3", title="", keywords=[], insights=unclear
    )

    markdown = writer.write(insight_set).markdown

    # Every point is heard too unclearly to quote, so the article quotes nothing: it cannot point to a quote.
    assert '> "' not in markdown and "quoted above" not in markdown
    assert "Nothing in the recording settles it beyond the points above" in markdown


def test_a_name_is_not_cut_after_a_conjunction_and_the_time_it_dates() -> None:
    # A climbing wall panel nobody here had written (forty-first round): a pillar read "Our monthly cancellations were
    # running at about 6% and within 6 months", the clause that "within 6 months" dated cut away.
    from services.framework_article_writer.plan import first_clause_name
    from shared.clauses import breaks_off

    said = "Our monthly cancellations were running at about 6% and within 6 months on the Tuesday thing they were down."
    assert "within 6 months" not in first_clause_name(said)
    assert breaks_off("Our monthly cancellations were running at about 6% and within, like, six months")
    assert not breaks_off("Our monthly cancellations dropped to 4% within six months")
    assert not breaks_off("We sell in London and in Paris")


def test_a_name_is_not_cut_inside_a_range_whose_to_comes_a_few_words_on() -> None:
    # A ski lift panel nobody here had written (forty-first round): a pillar read "The under-ice thing is our summer
    # shot and went from six weeks", cut before "on rip work to maybe two".
    from services.framework_article_writer.plan import first_clause_name

    said = "Our summer shutdown went from six weeks on rope work to maybe two, so the crew gets the terminal done."
    name = first_clause_name(said)
    assert name == "" or "to maybe two" in name


def test_a_thesis_headed_by_a_clause_of_a_dated_story_is_still_a_story() -> None:
    # A busking webinar nobody here had written (forty-first round): its article was titled "I'm Doing the Escape",
    # a clause the engine headed from "Halifax, two summers ago, I'm doing the escape."
    from services.framework_article_writer.plan import plan_article
    from tests.unit.insight_sets import insight

    pain = InsightType.pain_point
    insights = [
        insight(
            "ring",
            pain,
            "Now I don't start the actual show until there's a ring.",
            150.0,
            "S1",
            headline="I don't start the actual show until there's a ring",
            score=0.5,
        ),
        insight(
            "escape",
            pain,
            "Halifax, two summers ago, I'm doing the escape.",
            200.0,
            "S1",
            headline="I'm doing the escape",
            score=0.52,
        ),
        insight(
            "hat",
            InsightType.data_point,
            "My average hat went from 40 to about 150 on the same show.",
            90.0,
            "S1",
            score=0.7,
        ),
        insight(
            "track",
            InsightType.data_point,
            "I kept track over a whole festival, ten days of shows.",
            100.0,
            "S1",
            score=0.7,
        ),
    ]

    assert plan_article(insights, [], max_evidence=6).thesis.insight_id == "ring"
