from __future__ import annotations

import dataclasses
import re
from pathlib import Path, PurePosixPath

import pytest
from pydantic import ValidationError

from services.lead_magnet_writer import (
    IncompleteLeadMagnetError,
    LeadMagnet,
    LeadMagnetSettings,
    LeadMagnetWriter,
    check_lead_magnet,
    choose_format,
)
from services.lead_magnet_writer.writer import choose_target_keyword, standalone, to_do
from shared.events import InsightSet, InsightType
from shared.headings import heading_problems
from tests.unit.insight_sets import CHURN_SOURCE_KEY, CHURN_WEBINAR, ONE_WORD_KEYWORDS, SMALL_TALK, insight, without
from tests.unit.recorded_insights import recorded_insights
from tests.unit.transcripts import ONBOARDING_WEBINAR, PITCHED_WEBINAR, make_transcript


@pytest.fixture(scope="module")
def insight_set() -> InsightSet:
    transcript = make_transcript("rec-onboarding", ONBOARDING_WEBINAR)
    return recorded_insights(transcript, source_key="incoming/webinars/onboarding.mp4", title="Onboarding Handoffs")


@pytest.fixture
def settings() -> LeadMagnetSettings:
    return LeadMagnetSettings()


@pytest.fixture
def lead_magnet(settings: LeadMagnetSettings, insight_set: InsightSet) -> LeadMagnet:
    return LeadMagnetWriter(settings).write(insight_set)


def only(insight_set: InsightSet, *types: InsightType) -> InsightSet:
    kept = [insight for insight in insight_set.insights if insight.type in types]
    return insight_set.model_copy(update={"insights": kept})


def test_framework_becomes_a_checklist_of_its_steps(lead_magnet: LeadMagnet, insight_set: InsightSet) -> None:
    [framework] = [insight for insight in insight_set.insights if insight.type is InsightType.framework]
    items = [line.removeprefix("- [ ] ") for line in lead_magnet.markdown.splitlines() if line.startswith("- [ ] ")]

    assert lead_magnet.format == "checklist"
    assert items == framework.steps
    assert lead_magnet.title == "The Customer Onboarding Checklist"


def test_a_process_the_speakers_team_follows_becomes_items_the_reader_ticks_off() -> None:
    steps = (
        "We record one expert conversation every week",
        "We always pull out the strongest opinion",
        "We don't publish anything without a named source",
    )
    framework = insight(
        "process",
        InsightType.framework,
        "First, we record one expert conversation every week. Second, we always pull out the strongest opinion. "
        "Third, we don't publish anything without a named source.",
        30.0,
        "S1",
        steps=steps,
    )
    with_process = CHURN_WEBINAR.model_copy(update={"insights": [*CHURN_WEBINAR.insights[:1], framework]})

    checklist = LeadMagnetWriter(LeadMagnetSettings()).write(with_process)
    items = [line.removeprefix("- [ ] ") for line in checklist.markdown.splitlines() if line.startswith("- [ ] ")]

    assert checklist.format == "checklist"
    assert items == [
        "Record one expert conversation every week",
        "Always pull out the strongest opinion",
        "Don't publish anything without a named source",
    ]


@pytest.mark.parametrize(
    ("step", "item"),
    [
        ("We pull out the strongest opinion", "Pull out the strongest opinion"),
        ("You book two interviews before you plan anything", "Book two interviews before you plan anything"),
        ("I write the rubric before the first call", "Write the rubric before the first call"),
        ("We discuss every open deal", "Discuss every open deal"),
        # Told as done, or not something to do: the speaker's words as said.
        ("We recorded a few handoffs with permission", "We recorded a few handoffs with permission"),
        ("We kept the old form for a month", "We kept the old form for a month"),
        ("We are a small team", "We are a small team"),
        ("I think the first call matters most", "I think the first call matters most"),
        ("We need one owner per metric", "We need one owner per metric"),
        ("The account executive records a handoff video", "The account executive records a handoff video"),
        ("Clean your list", "Clean your list"),
    ],
)
def test_a_step_becomes_an_order_only_when_it_says_what_someone_does(step: str, item: str) -> None:
    assert to_do(step) == item


def test_markdown_carries_keyword_cta_and_gating_fields(lead_magnet: LeadMagnet) -> None:
    markdown = lead_magnet.markdown
    header = markdown.split("---")[1]

    assert lead_magnet.target_keyword == "customer onboarding"
    assert 'target_keyword: "customer onboarding"' in header
    assert 'gating_fields: ["email", "first_name", "company"]' in header
    assert "secondary_keywords:" in header
    assert "## Get the complete checklist" in markdown
    assert "[Get the full template](https://example.com/get-started)" in markdown
    assert "email, first name and company" in markdown
    assert lead_magnet.landing_blurb in markdown
    assert check_lead_magnet(lead_magnet) == []


def test_lead_magnet_may_mention_the_product(lead_magnet: LeadMagnet) -> None:
    assert "Recast" in lead_magnet.markdown


def test_buyer_problem_is_the_speakers_pain_in_their_words(lead_magnet: LeadMagnet, insight_set: InsightSet) -> None:
    pains = {insight.summary for insight in insight_set.insights if insight.type is InsightType.pain_point}

    assert lead_magnet.buyer_problem in pains
    assert lead_magnet.buyer_problem == "Nobody has time to read forty pages of call notes before a kickoff."


def test_insight_ids_name_what_the_body_shows(lead_magnet: LeadMagnet, insight_set: InsightSet) -> None:
    by_id = {insight.insight_id: insight for insight in insight_set.insights}

    assert lead_magnet.insight_ids
    for insight_id in lead_magnet.insight_ids:
        insight = by_id[insight_id]
        shown = insight.steps[0] if insight.steps else insight.summary
        assert shown in lead_magnet.markdown


def test_writing_is_deterministic(settings: LeadMagnetSettings, insight_set: InsightSet) -> None:
    assert LeadMagnetWriter(settings).write(insight_set) == LeadMagnetWriter(settings).write(insight_set)


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        ((InsightType.framework, InsightType.data_point), "checklist"),
        ((InsightType.data_point, InsightType.pain_point), "cheat-sheet"),
        ((InsightType.pain_point, InsightType.story), "worksheet"),
        ((InsightType.point_of_view, InsightType.story), "mini-guide"),
    ],
)
def test_format_follows_the_insight_types(
    types: tuple[InsightType, ...], expected: str, settings: LeadMagnetSettings, insight_set: InsightSet
) -> None:
    subset = only(insight_set, *types)

    lead_magnet = LeadMagnetWriter(settings).write(subset)

    assert choose_format(subset.insights) == expected
    assert lead_magnet.format == expected
    assert check_lead_magnet(lead_magnet) == []


def test_worksheet_prompts_each_pain(settings: LeadMagnetSettings, insight_set: InsightSet) -> None:
    lead_magnet = LeadMagnetWriter(settings).write(only(insight_set, InsightType.pain_point))

    assert "### 1. Our customer success managers struggle with this every single week." in lead_magnet.markdown
    assert "### 2. Nobody has time to read forty pages of call notes before a kickoff." in lead_magnet.markdown


def test_a_pain_too_long_for_a_heading_is_headed_by_the_clause_that_states_it(settings: LeadMagnetSettings) -> None:
    long_pain = (
        "When we looked at the tickets, the ones answered with an untouched macro scored about fifteen points lower "
        "than the ones where the agent rewrote even the first line, every quarter we checked."
    )
    pains = InsightSet(
        recording_id="rec-pains", source_key="incoming/panel.mp3", title="", keywords=["first line"],
        insights=[
            insight("macros", InsightType.pain_point, long_pain, 30.0, "S2",
                    headline="Untouched macros scored fifteen points lower"),
            insight("unheaded", InsightType.pain_point,
                    "Agents who had to scroll through sixty tags to find the right one picked whatever sat on top "
                    "of the list, so the product team read noise about the first line every month.", 60.0, "S3"),
            insight("short", InsightType.pain_point, "Nobody rewrote the first line of a reply.", 90.0, "S2"),
        ],
    )  # fmt: skip

    markdown = LeadMagnetWriter(settings).write(pains).markdown

    assert "### 1. Untouched macros scored fifteen points lower\n\n" + long_pain + "\n" in markdown
    # Without a headline, the first clause of the line that stands alone names it; the line follows whole.
    assert "### 2. Agents who had to scroll through sixty tags\n\nAgents who had to scroll" in markdown
    assert "### 3. Nobody rewrote the first line of a reply.\n\n- [ ]" in markdown
    assert all(len(line.split()) <= 14 for line in markdown.splitlines() if line.startswith("#"))


def test_the_format_is_the_one_that_carries_most_of_the_recording(settings: LeadMagnetSettings) -> None:
    # One problem and one tip fill a worksheet, but a mini-guide carries the tip and both stories too.
    talk = InsightSet(
        recording_id="rec-stories", source_key="incoming/webinar.mp4", title="", keywords=["customer interviews"],
        insights=[
            insight("decks", InsightType.pain_point,
                    "Summary decks of customer interviews hide what the customer actually said.", 30.0, "S2"),
            insight("polite", InsightType.point_of_view,
                    "Customers are polite in customer interviews, so ask what they did, not what they would do.",
                    60.0, "S2"),
            insight("churned", InsightType.story,
                    "A churned customer told us in ten minutes what happy customers never said.", 90.0, "S2"),
            insight("pairs", InsightType.story,
                    "We ran customer interviews in pairs, and the note taker caught what the asker missed.", 120.0,
                    "S2"),
        ],
    )  # fmt: skip

    lead_magnet = LeadMagnetWriter(settings).write(talk)

    assert choose_format(talk.insights) == "mini-guide"
    assert set(lead_magnet.insight_ids) >= {"polite", "churned", "pairs"}


def test_refuses_to_publish_without_a_keyword(settings: LeadMagnetSettings, insight_set: InsightSet) -> None:
    with pytest.raises(IncompleteLeadMagnetError, match="no target keyword") as refused:
        LeadMagnetWriter(settings).write(insight_set.model_copy(update={"keywords": []}))

    assert refused.value.problems == (
        "no target keyword: no phrase of two or more words was said twice in the recording",
    )


def test_refuses_a_recording_without_insights(settings: LeadMagnetSettings, insight_set: InsightSet) -> None:
    with pytest.raises(IncompleteLeadMagnetError, match="no content from the recording"):
        LeadMagnetWriter(settings).write(insight_set.model_copy(update={"insights": []}))


def test_check_reports_what_is_missing(lead_magnet: LeadMagnet) -> None:
    without_cta = lead_magnet.markdown.replace("Get the full template", "").replace(
        "https://example.com/get-started", ""
    )
    stripped = dataclasses.replace(lead_magnet, markdown=without_cta, gating_fields=(), target_keyword=" ")

    problems = check_lead_magnet(stripped)

    assert "no target keyword" in problems
    assert "the call to action does not appear in the markdown" in problems
    assert "the call-to-action URL does not appear in the markdown" in problems
    assert "no gating fields" in problems


def test_check_reports_a_gating_field_the_markdown_forgot(lead_magnet: LeadMagnet) -> None:
    extra_field = dataclasses.replace(lead_magnet, gating_fields=(*lead_magnet.gating_fields, "phone"))

    assert check_lead_magnet(extra_field) == [
        "gating field 'phone' does not appear in the markdown",
        "gating field 'phone' does not appear in the HTML",
    ]


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, insight_set: InsightSet) -> None:
    monkeypatch.setenv("RECAST_PRODUCT_NAME", "Handoff HQ")
    monkeypatch.setenv("RECAST_CTA_TEXT", "Download the checklist")
    monkeypatch.setenv("RECAST_CTA_URL", "https://handoff.example.org/checklist")
    monkeypatch.setenv("RECAST_GATING_FIELDS", '["email", "job_title"]')

    lead_magnet = LeadMagnetWriter(LeadMagnetSettings()).write(insight_set)

    assert "Handoff HQ" in lead_magnet.markdown
    assert "[Download the checklist](https://handoff.example.org/checklist)" in lead_magnet.markdown
    assert lead_magnet.gating_fields == ("email", "job_title")
    assert "email and job title" in lead_magnet.markdown


@pytest.mark.parametrize(
    "overrides",
    [{"cta_url": "example.com/no-scheme"}, {"gating_fields": []}, {"gating_fields": ["E-mail"]}, {"cta_text": ""}],
)
def test_settings_fail_fast_on_bad_values(overrides: dict) -> None:
    with pytest.raises(ValidationError):
        LeadMagnetSettings(**overrides)


def test_templates_can_be_overridden_file_by_file(tmp_path: Path, insight_set: InsightSet) -> None:
    (tmp_path / "checklist.md.j2").write_text(
        '{% extends "layout.md.j2" %}\n{% block body %}\n## Our own checklist\n\n'
        "{% for step in steps %}\n- [ ] {{ step }}\n{% endfor %}\n{% endblock %}\n"
    )

    lead_magnet = LeadMagnetWriter(LeadMagnetSettings(lead_magnet_templates_dir=tmp_path)).write(insight_set)

    assert "## Our own checklist" in lead_magnet.markdown
    assert "## Get the complete checklist" in lead_magnet.markdown
    assert check_lead_magnet(lead_magnet) == []


def test_an_override_that_drops_the_cta_is_refused(tmp_path: Path, insight_set: InsightSet) -> None:
    (tmp_path / "layout.md.j2").write_text("# {{ title }}\n\n{% block body %}{% endblock %}\n")

    with pytest.raises(IncompleteLeadMagnetError, match="call to action"):
        LeadMagnetWriter(LeadMagnetSettings(lead_magnet_templates_dir=tmp_path)).write(insight_set)


def test_html_page_and_pdf_carry_keyword_cta_and_gating_fields(lead_magnet: LeadMagnet) -> None:
    from services.lead_magnet_writer.rendering import render_pdf

    html = lead_magnet.html
    assert html.startswith("<!DOCTYPE html>") and f"<title>{lead_magnet.title}</title>" in html
    assert f'href="{lead_magnet.cta_url}"' in html and lead_magnet.call_to_action in html
    assert all(f'data-gating-field="{name}"' in html for name in lead_magnet.gating_fields)
    assert lead_magnet.target_keyword in html
    assert "target_keyword:" not in html, "the front matter is for the CMS, not the page"
    assert "<li>" in html and "<h2>" in html
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


def test_html_template_can_be_overridden(tmp_path: Path, insight_set: InsightSet) -> None:
    (tmp_path / "page.html.j2").write_text(
        "<html><body>{{ body_html | safe }}<a href='{{ cta_url }}'>{{ cta_text }}</a>"
        '{% for name in gating_fields %}<i data-gating-field="{{ name }}"></i>{% endfor %}</body></html>'
    )
    lead_magnet = LeadMagnetWriter(LeadMagnetSettings(lead_magnet_templates_dir=tmp_path)).write(insight_set)
    assert lead_magnet.html.startswith("<html><body>")
    assert check_lead_magnet(lead_magnet) == []


def test_target_keyword_is_the_subject_not_the_show(settings: LeadMagnetSettings, insight_set: InsightSet) -> None:
    assert choose_target_keyword(insight_set) == "customer onboarding"
    titled = insight_set.model_copy(update={"title": "Customer Onboarding webinar"})
    assert choose_target_keyword(titled) != "customer onboarding"


def test_items_stand_alone_and_say_where_they_were_said(lead_magnet: LeadMagnet) -> None:
    assert standalone("I think that is wrong. Depth beats volume.") == "Depth beats volume."
    assert standalone("That is the point.") == "That is the point."
    assert "## Keep in mind" in lead_magnet.markdown
    assert "**Question the default:**" in lead_magnet.markdown
    assert "_(00:" in lead_magnet.markdown


class TestRealisticUploadWithoutTitle:
    """A diarized two-voice webinar uploaded with no title: what a marketer would check first."""

    @pytest.fixture
    def churn(self, settings: LeadMagnetSettings) -> LeadMagnet:
        return LeadMagnetWriter(settings).write(CHURN_WEBINAR)

    def test_the_file_name_is_never_the_title(self, churn: LeadMagnet) -> None:
        file_stem = PurePosixPath(CHURN_SOURCE_KEY).stem

        assert file_stem not in churn.title and file_stem not in churn.markdown and file_stem not in churn.html
        assert "source_recording" not in churn.markdown, "no title was uploaded, so none is claimed"
        assert churn.title == f"The {churn.target_keyword.title()} Checklist"

    def test_keyword_is_a_phrase_the_speaker_said(self, churn: LeadMagnet) -> None:
        quotes = " ".join(piece.quote for insight in CHURN_WEBINAR.insights for piece in insight.evidence).lower()

        assert len(churn.target_keyword.split()) >= 2
        assert churn.target_keyword in CHURN_WEBINAR.keywords
        assert churn.target_keyword.lower() in quotes
        assert all(len(keyword.split()) >= 2 for keyword in churn.secondary_keywords)

    def test_secondary_keywords_are_phrases_of_its_ideas_not_of_a_tangent(self, settings: LeadMagnetSettings) -> None:
        # Thanked for at the start and offered again at the end: said twice, and no idea of the talk says it.
        with_tangent = CHURN_WEBINAR.model_copy(update={"keywords": [*CHURN_WEBINAR.keywords, "pineapple pizza"]})

        churn = LeadMagnetWriter(settings).write(with_tangent)

        assert churn.secondary_keywords
        assert "pineapple pizza" not in churn.secondary_keywords
        assert "pineapple pizza" not in churn.markdown
        quotes = " ".join(piece.quote for insight in CHURN_WEBINAR.insights for piece in insight.evidence).lower()
        assert all(keyword.lower() in quotes for keyword in churn.secondary_keywords)

    def test_no_heading_twice_and_every_section_holds_items_from_the_recording(self, churn: LeadMagnet) -> None:
        said = [text for insight in CHURN_WEBINAR.insights for text in (insight.summary, *insight.steps)]
        items = [line for line in churn.markdown.splitlines() if line.startswith(("- [ ] ", "- **", "- "))]
        body = churn.markdown.split("## Get the complete")[0]

        assert heading_problems(churn.markdown) == []
        assert check_lead_magnet(churn) == []
        for line in (line for line in items if line in body):
            text = re.sub(r"^- (?:\[ \] |\*\*[^*]+:\*\* )?", "", line).split(" _(")[0]
            assert any(text in sentence for sentence in said), text

    def test_a_question_put_to_the_speaker_is_not_an_item(self, churn: LeadMagnet) -> None:
        assert "isn't that just more work" not in churn.markdown

    def test_cta_and_gating_come_from_settings_not_the_speaker(self, churn: LeadMagnet) -> None:
        custom = LeadMagnetSettings(cta_text="Download the churn kit", cta_url="https://kit.example.org/churn")
        kit = LeadMagnetWriter(custom).write(CHURN_WEBINAR)

        assert (kit.call_to_action, kit.cta_url) == ("Download the churn kit", "https://kit.example.org/churn")
        assert churn.gating_fields == ("email", "first_name", "company")

    def test_an_uploaded_title_is_still_named_as_the_source(self, settings: LeadMagnetSettings) -> None:
        titled = LeadMagnetWriter(settings).write(CHURN_WEBINAR.model_copy(update={"title": "Churn Clinic"}))

        assert 'source_recording: "Churn Clinic"' in titled.markdown
        assert 'come straight from "Churn Clinic"' in titled.markdown

    def test_without_its_process_the_numbers_make_a_cheat_sheet_without_empty_sections(
        self, settings: LeadMagnetSettings
    ) -> None:
        sheet = LeadMagnetWriter(settings).write(without(CHURN_WEBINAR, "routine"))

        assert sheet.format == "cheat-sheet"
        assert "## The checklist" not in sheet.markdown
        assert heading_problems(sheet.markdown) == []


def test_small_talk_is_refused_with_a_readable_reason(settings: LeadMagnetSettings) -> None:
    with pytest.raises(IncompleteLeadMagnetError) as refused:
        LeadMagnetWriter(settings).write(SMALL_TALK)

    assert refused.value.problems == ("too little in the recording for a lead magnet: 1 usable item(s), 2 needed",)


def test_one_word_keywords_are_refused_rather_than_published(settings: LeadMagnetSettings) -> None:
    with pytest.raises(IncompleteLeadMagnetError) as refused:
        LeadMagnetWriter(settings).write(ONE_WORD_KEYWORDS)

    [reason] = refused.value.problems
    assert reason.startswith("no target keyword: the recording's key phrases are single words")
    assert "'thought'" in reason


def test_a_phrase_the_quotes_never_say_is_not_a_keyword(settings: LeadMagnetSettings) -> None:
    invented = CHURN_WEBINAR.model_copy(update={"keywords": ["growth marketing", "churn"]})

    with pytest.raises(IncompleteLeadMagnetError, match="is said in its quoted evidence"):
        LeadMagnetWriter(settings).write(invented)


def test_check_refuses_a_repeated_heading(lead_magnet: LeadMagnet) -> None:
    repeated = lead_magnet.markdown.replace("## The checklist", f"## {lead_magnet.title}")

    assert f"the heading {lead_magnet.title!r} appears twice" in check_lead_magnet(
        dataclasses.replace(lead_magnet, markdown=repeated)
    )


def test_a_file_name_stored_as_the_title_by_an_older_ingest_is_not_published(settings: LeadMagnetSettings) -> None:
    stored_before = CHURN_WEBINAR.model_copy(update={"title": PurePosixPath(CHURN_SOURCE_KEY).stem})

    lead_magnet = LeadMagnetWriter(settings).write(stored_before)

    assert stored_before.uploaded_title == ""
    assert PurePosixPath(CHURN_SOURCE_KEY).stem not in lead_magnet.markdown


def test_the_keyword_comes_from_the_speakers_position_not_the_view_they_reject() -> None:
    insight_set = recorded_insights(
        make_transcript("rec-pitched", PITCHED_WEBINAR), source_key="incoming/webinars/x.mp4", title=""
    )

    assert "lead generation tool" in insight_set.keywords and "research tool" in insight_set.keywords
    assert choose_target_keyword(insight_set) == "research tool"


def test_the_keyword_is_never_what_the_speaker_rules_out() -> None:
    # A pricing panel: "demo requests" is said in both guests' points, each time as the metric not to use.
    panel = InsightSet(
        recording_id="rec-pricing-panel",
        source_key="incoming/webinars/pricing-panel.mp4",
        title="",
        keywords=["demo requests", "free trial", "annual plans"],
        insights=[
            insight(
                "i1",
                InsightType.point_of_view,
                "Measure trials, not demo requests, because a free trial shows who actually uses the product.",
                12.0,
                "S2",
                keywords=("free trial", "demo requests"),
            ),
            insight(
                "i2",
                InsightType.framework,
                "Stop counting demo requests and look at who finishes the free trial with three seats or more.",
                80.0,
                "S3",
                keywords=("demo requests", "free trial"),
            ),
            insight(
                "i3",
                InsightType.story,
                "We moved every annual plans customer to a quarterly review instead of demo requests.",
                150.0,
                "S2",
                keywords=("annual plans",),
            ),
        ],
    )

    assert choose_target_keyword(panel) == "free trial"


def test_the_buyer_problem_never_opens_on_a_sentence_that_points_back(settings: LeadMagnetSettings) -> None:
    pointing = CHURN_WEBINAR.insights[0].model_copy(
        update={"summary": "I think that is wrong. Churn starts in the first week."}
    )
    insight_set = without(CHURN_WEBINAR, "thesis", "late-signal", "host-pushback")
    insight_set = insight_set.model_copy(update={"insights": [pointing, *insight_set.insights]})

    from services.lead_magnet_writer.writer import _buyer_problem

    assert _buyer_problem(insight_set.insights) == "Churn starts in the first week."
    # Here the same line is also one of the items: the reader meets it once, as an item, not twice in a row.
    lead_magnet = LeadMagnetWriter(settings).write(insight_set)
    assert lead_magnet.markdown.count("Churn starts in the first week.") == 1
    assert "## The problem" not in lead_magnet.markdown


def test_a_problem_heard_unclearly_is_stated_by_its_clause_heard_clearly_or_not_at_all() -> None:
    from services.lead_magnet_writer.writer import _buyer_problem

    pain = CHURN_WEBINAR.insights[0].model_copy(
        update={
            "type": InsightType.pain_point,
            "summary": "Our reps never sea the churn coming, and it costs us a third of new revenue.",
            "quote_is_verbatim": False,
            "headline": "It costs us a third of new revenue",
        }
    )
    assert _buyer_problem([pain]) == "It costs us a third of new revenue."
    assert _buyer_problem([pain.model_copy(update={"headline": ""})]) == ""


def test_without_a_pain_or_a_position_the_problem_section_is_left_out(settings: LeadMagnetSettings) -> None:
    # What is left is a process, numbers, a story and a one-liner: none of them is the reader's problem.
    insight_set = without(CHURN_WEBINAR, "thesis", "late-signal", "host-pushback")

    lead_magnet = LeadMagnetWriter(settings).write(insight_set)

    assert lead_magnet.buyer_problem == ""
    assert "## The problem" not in lead_magnet.markdown
    assert not lead_magnet.landing_blurb.startswith(" ")


def test_a_talk_told_in_stories_with_one_number_makes_a_mini_guide(settings: LeadMagnetSettings) -> None:
    # A cheat sheet would hold the one number; the stories are what the recording has to give.
    said = [
        (InsightType.story, "We rebuilt the account review around the renewal risk score last spring."),
        (InsightType.story, "Our support leads started reading every renewal ticket for a change in tone."),
        (InsightType.data_point, "Renewal rates rose nine points within two quarters of the change."),
        (InsightType.story, "The renewal review now starts with the support ticket history of each account."),
    ]
    insights = [
        insight(f"i{n}", kind, quote, 10.0 * n, "S1", keywords=("renewal review",))
        for n, (kind, quote) in enumerate(said)
    ]
    stories = InsightSet(
        recording_id="rec-stories",
        source_key="incoming/x.mp3",
        title="",
        keywords=["renewal review"],
        insights=insights,
    )

    lead_magnet = LeadMagnetWriter(settings).write(stories)

    assert choose_format(insights) == "mini-guide"
    assert lead_magnet.format == "mini-guide"
    assert len(lead_magnet.insight_ids) >= 3
    assert check_lead_magnet(lead_magnet) == []


def test_an_item_heard_too_unclearly_to_quote_carries_no_time_it_was_said(settings: LeadMagnetSettings) -> None:
    # A time after a line presents it as said then, word for word; a line from unclear audio makes no such claim.
    unclear = {
        "quote_is_verbatim": False,
        "headline": "Exit interviews are too late; churn interviews start on day one",
    }
    insights = [
        insight.model_copy(update=unclear) if insight.insight_id == "one-liner" else insight
        for insight in without(CHURN_WEBINAR, "routine").insights
    ]
    markdown = LeadMagnetWriter(settings).write(CHURN_WEBINAR.model_copy(update={"insights": insights})).markdown

    assert "**Takeaway:** Exit interviews are too late; churn interviews start on day one.\n" in markdown
    assert "churn starts in the first week. _(00:42)_\n" in markdown


def test_an_item_heard_unclearly_with_no_clause_heard_clearly_is_not_listed(settings: LeadMagnetSettings) -> None:
    # The engine found no clause of it heard clearly enough to print: every word of it may be misheard.
    insights = [
        insight.model_copy(update={"quote_is_verbatim": False, "headline": ""})
        if insight.insight_id == "one-liner"
        else insight
        for insight in without(CHURN_WEBINAR, "routine").insights
    ]
    markdown = LeadMagnetWriter(settings).write(CHURN_WEBINAR.model_copy(update={"insights": insights})).markdown

    assert "Exit interviews are too late" not in markdown
    assert "churn starts in the first week. _(00:42)_\n" in markdown


def with_a_number_heard_unclearly(settings: LeadMagnetSettings, quote: str, headline: str) -> LeadMagnet:
    """The churn webinar's lead magnet with one more data point, too unclear to quote; its headline is the
    clause that was heard clearly."""
    unclear = insight("unclear", InsightType.data_point, quote, 154.0, "S2").model_copy(
        update={"quote_is_verbatim": False, "headline": headline}
    )
    insights = [*without(CHURN_WEBINAR, "routine").insights, unclear]
    return LeadMagnetWriter(settings).write(CHURN_WEBINAR.model_copy(update={"insights": insights}))


def test_an_item_heard_unclearly_prints_only_the_clause_heard_clearly(settings: LeadMagnetSettings) -> None:
    # As in the sample webinar: Whisper wrote "I get a lot" for "I get that a lot"; the clause that states the
    # point was heard clearly and is the insight's headline. The misheard opener is not printed.
    markdown = with_a_number_heard_unclearly(
        settings,
        "I get a lot, but one expert conversation a week is 50 articles a year, and every one of them says something.",
        "One expert conversation a week is 50 articles a year",
    ).markdown

    assert "One expert conversation a week is 50 articles a year." in markdown
    assert "I get a lot" not in markdown


def test_a_clause_heard_clearly_that_points_back_is_not_printed(settings: LeadMagnetSettings) -> None:
    # A locksmith's fireside chat nobody here had written listed "She was losing her mind." under "What they point
    # at": who she is was in the words heard unclearly.
    markdown = with_a_number_heard_unclearly(
        settings,
        "And the manager, Linda, she was losing her mind, because sometimes it took five days to rekey a door.",
        "She was losing her mind",
    ).markdown

    assert "losing her mind" not in markdown


def test_a_number_heard_unclearly_is_not_listed_among_the_numbers(settings: LeadMagnetSettings) -> None:
    # The figure was in the clause heard unclearly; the line printed is the clause heard clearly, which holds
    # no number ("three" was heard as "free"). Under "The numbers" it would be a heading its line does not bear out.
    lead_magnet = with_a_number_heard_unclearly(
        settings,
        "We replaced the annual renew with a monthly check-in, 20 minutes, same free questions every time.",
        "Same free questions every time",
    )
    numbers = lead_magnet.markdown.split("## The numbers", 1)[-1].split("\n## ", 1)[0]

    assert "Same free questions every time." in lead_magnet.markdown
    assert "Same free questions every time." not in numbers
    assert "**Benchmark:** Same free questions" not in lead_magnet.markdown


def test_the_landing_page_counts_one_item_in_the_singular(settings: LeadMagnetSettings) -> None:
    worksheet = InsightSet(
        recording_id="rec-one-pain", source_key="incoming/panel.mp3", title="", keywords=["monthly check-in"],
        insights=[
            insight("reviews", InsightType.pain_point,
                    "Managers spend six weeks a year on reviews nobody trusts, instead of a monthly check-in.", 30.0,
                    "S2"),
            insight("fresh", InsightType.point_of_view,
                    "A monthly check-in happens while the work is still fresh, so both people remember it.", 90.0,
                    "S2"),
        ],
    )  # fmt: skip

    lead_magnet = LeadMagnetWriter(settings).write(worksheet)

    assert lead_magnet.format == "worksheet"
    assert "into 1 problem to work through." in lead_magnet.landing_blurb


def spoken_points(keyword: str, *points: tuple[str, InsightType, str]) -> InsightSet:
    """One speaker's points, a minute apart, in a recording without a title."""
    return InsightSet(
        recording_id=f"rec-{points[0][0]}",
        source_key="incoming/talk.mp3",
        title="",
        keywords=[keyword],
        insights=[insight(name, kind, quote, 30.0 + 60.0 * at, "S2") for at, (name, kind, quote) in enumerate(points)],
    )


def test_only_a_view_that_denies_something_is_labelled_a_default_to_question(settings: LeadMagnetSettings) -> None:
    # "Question the default" says the speaker argues against common practice: a view that only asserts is a takeaway.
    views = spoken_points(
        "front desk",
        ("polite", InsightType.point_of_view,
         "Pet owners at the front desk are almost always polite when the wait is explained."),
        ("no-deposit", InsightType.point_of_view,
         "Never take a deposit over the phone for an emergency visit at the front desk."),
        ("wait", InsightType.pain_point, "The front desk loses an hour a day to owners asking about the wait."),
    )  # fmt: skip

    markdown = LeadMagnetWriter(settings).write(views).markdown

    assert "**Takeaway:** Pet owners at the front desk are almost always polite" in markdown
    assert "**Question the default:** Never take a deposit over the phone" in markdown


def test_a_label_every_item_would_share_is_left_off(settings: LeadMagnetSettings) -> None:
    # Three positions and nothing else: "Question the default" three times over would say nothing about any.
    positions = spoken_points(
        "community policing",
        ("safer", InsightType.point_of_view,
         "Community policing is how you make neighbourhoods and officers safer at once."),
        ("trust", InsightType.point_of_view,
         "Community policing works because officers know the people on their beat by name."),
        ("models", InsightType.point_of_view,
         "An aggressive, militarised model undoes community policing within a single summer."),
    )  # fmt: skip

    markdown = LeadMagnetWriter(settings).write(positions).markdown

    assert "Question the default" not in markdown
    assert "\n2. Community policing works because officers know the people on their beat by name." in markdown
    # And the landing page does not turn "the ideas from the recording into 3 ideas".
    assert "into 3 takeaways." in markdown


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        # A list item cannot carry on from its neighbour: the conjunction that tied it to the sentence before goes.
        (
            "But one expert conversation a week is 50 articles a year, and every one of them says something.",
            "One expert conversation a week is 50 articles a year, and every one of them says something.",
        ),
        ("So, we cut the publishing schedule in half.", "We cut the publishing schedule in half."),
        # Nor on the fillers the speaker opened with; a word that also opens a statement stays without its comma.
        (
            "And, um, most of that wasn't hard work, it was waiting, and panicking.",
            "Most of that wasn't hard work, it was waiting, and panicking.",
        ),
        (
            "Yeah, so most people believe more posts bring more customers.",
            "Most people believe more posts bring more customers.",
        ),
        # ... with or without the comma Whisper usually sets.
        (
            "Yeah so, um, the way I do it, I start with the ugly number.",
            "The way I do it, I start with the ugly number.",
        ),
        ("Okay so we moved the test key to the first screen.", "We moved the test key to the first screen."),
        # ... and the answer words a reply opens on.
        (
            "Pretty much, yes, we haven't built an annual budget in six years.",
            "We haven't built an annual budget in six years.",
        ),
        (
            "No, if anything it's easier, twelve people means twelve check-ins.",
            "If anything it's easier, twelve people means twelve check-ins.",
        ),
        (
            "No kid ever cared about chapter four of the textbook.",
            "No kid ever cared about chapter four of the textbook.",
        ),
        # ... and "like" as a filler before its comma (a chess coaching interview nobody here had written).
        (
            "Like, honestly, at that age, most games are decided at the end, not the beginning.",
            "At that age, most games are decided at the end, not the beginning.",
        ),
        ("Like most coaches, I started with openings.", "Like most coaches, I started with openings."),
        ("Look at the close calendar before anything else.", "Look at the close calendar before anything else."),
        ("You know the drill by now, we ship on Fridays.", "You know the drill by now, we ship on Fridays."),
        # Too little after it to stand as a statement: kept as said.
        ("And then?", "And then?"),
        # A word that only begins like a conjunction stays.
        ("Sorting the backlog matters more than we think.", "Sorting the backlog matters more than we think."),
    ],
)
def test_an_item_does_not_open_on_the_conjunction_that_tied_it_to_what_came_before(summary: str, line: str) -> None:
    assert standalone(summary) == line


def test_what_a_team_does_ending_on_the_question_it_asks_is_an_item(settings: LeadMagnetSettings) -> None:
    # Whisper's question mark belongs to the question the speaker reports; the line says what the team does.
    points = spoken_points(
        "exit calls",
        ("call", InsightType.story,
         "We run exit calls with every customer who cancels, and I ask one question, what did you switch to?"),
        ("notes", InsightType.story, "Our exit calls go into one shared page the product team reads every Monday."),
    )  # fmt: skip

    markdown = LeadMagnetWriter(settings).write(points).markdown

    assert "We run exit calls with every customer who cancels" in markdown


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (
            "We, we contract some of it, and all in it's, it's somewhere around 200 a mile.",
            "We contract some of it, and all in it's somewhere around 200 a mile.",
        ),
        ("I didn't count the vet, the time, the, the risk.", "I didn't count the vet, the time, the risk."),
        # Said twice on purpose, or English's own double.
        ("It was a very, very small share of the list.", "It was a very, very small share of the list."),
        ("It's comments like that that worry the buyers.", "It's comments like that that worry the buyers."),
    ],
)
def test_an_item_reads_as_written_without_the_speakers_restarts(summary: str, line: str) -> None:
    assert standalone(summary) == line
