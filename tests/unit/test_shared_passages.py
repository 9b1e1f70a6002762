"""How both writers read a quoted passage: where its point starts, and whether it is one step of a process."""

from __future__ import annotations

from services.framework_article_writer.plan import pillar_name, plan_article
from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.writer import LeadMagnetWriter, _item_label
from shared.events import Insight, InsightSet, InsightType
from shared.passages import is_a_step, without_lead_in
from tests.unit.insight_sets import insight

CONTINUED = "I get that a lot. But one expert conversation a week is fifty articles a year."


def test_a_short_reply_opening_a_passage_is_not_its_point() -> None:
    assert without_lead_in(CONTINUED) == "But one expert conversation a week is fifty articles a year."
    assert without_lead_in("Depth beats volume, every single time.") == "Depth beats volume, every single time."


def test_steps_are_known_by_their_sequence_word() -> None:
    assert is_a_step("Second, we pull out the strongest opinion and the numbers behind it.")
    assert is_a_step("And finally, we measure the article by citations.")
    assert is_a_step("And last, send only when you have something worth reading.")
    assert not is_a_step("Last year we sent an email every Tuesday.")
    assert not is_a_step("Secondary research is where most teams stop.")
    assert not is_a_step("Most people believe that more blog posts bring more customers.")
    # The insight stage reads a list by the same words: what makes a step there makes one for the writers.
    assert is_a_step("The second thing is speed, a review that waits three days costs more than the review.")
    assert is_a_step("Step two: write the brief before the call.")
    assert is_a_step("Number three, nobody reads the appendix.")
    assert not is_a_step("The second thing that surprised us was how few teams measure anything.")


def sample_like_insights() -> list[Insight]:
    return [
        insight("step-2", InsightType.point_of_view, "Second, we pull out the strongest opinion and the numbers.",
                120.0, "S2", score=0.9, originality=0.8),
        insight("step-3", InsightType.point_of_view, "Third, we turn each opinion into one article and one checklist.",
                128.0, "S2", score=0.8),
        insight("reply", InsightType.data_point, CONTINUED, 154.0, "S2", score=0.7),
    ]  # fmt: skip


def test_a_step_is_neither_the_thesis_nor_the_buyer_problem_and_a_reply_names_no_pillar() -> None:
    insights = sample_like_insights()
    plan = plan_article(insights, ["expert conversation"], max_evidence=5)
    assert plan.thesis.insight_id == "reply"
    assert plan.thesis_statement == "But one expert conversation a week is fifty articles a year."
    assert not pillar_name(insights[2]).startswith("I get")

    insight_set = InsightSet(
        recording_id="rec", source_key="incoming/webinars/x.mp3", title="", keywords=["expert conversation"],
        insights=insights,
    )  # fmt: skip
    lead_magnet = LeadMagnetWriter(LeadMagnetSettings()).write(insight_set)
    assert "Second, we pull" not in lead_magnet.buyer_problem and "Third, we turn" not in lead_magnet.buyer_problem


def test_the_article_title_starts_at_the_point_not_at_the_reply() -> None:
    from services.framework_article_writer import FrameworkArticleSettings, FrameworkArticleWriter

    insight_set = InsightSet(
        recording_id="rec", source_key="incoming/webinars/x.mp3", title="", keywords=["expert conversation"],
        insights=sample_like_insights(),
    )  # fmt: skip
    article = FrameworkArticleWriter(FrameworkArticleSettings()).write(insight_set)

    assert article.title == "One Expert Conversation a Week Is Fifty Articles a Year"


def test_a_step_standing_alone_is_shown_as_part_of_a_process() -> None:
    insight_set = InsightSet(
        recording_id="rec", source_key="incoming/webinars/x.mp3", title="", keywords=["expert conversation"],
        insights=sample_like_insights(),
    )  # fmt: skip
    markdown = LeadMagnetWriter(LeadMagnetSettings()).write(insight_set).markdown

    steps = [insight for insight in insight_set.insights if insight.quote.startswith(("Second,", "Third,"))]
    assert [_item_label(insight) for insight in steps] == ["Process", "Process"]
    # Both items are steps, so one label would say nothing about either: neither is labelled, least of all
    # as a default to question.
    assert "- Second, we pull" in markdown
    assert "Question the default" not in markdown
