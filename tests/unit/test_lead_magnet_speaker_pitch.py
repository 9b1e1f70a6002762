"""The lead magnet's call to action is the settings', never the speaker's pitch."""

from __future__ import annotations

import re

import pytest

from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.speaker_pitch import speaker_pitch_problems, without_speaker_pitch
from services.lead_magnet_writer.writer import IncompleteLeadMagnetError, LeadMagnetWriter
from shared.events import Insight, InsightSet, InsightType
from shared.pitch import find_pitch_cues
from tests.unit.recorded_insights import recorded_insights
from tests.unit.transcripts import PITCH_INSIDE_FRAMEWORK, PITCHED_WEBINAR, PURE_PITCH, make_transcript


def insights_of(lines: list[tuple[float, float, str]]) -> InsightSet:
    # Recorded from an insight engine that kept the pitch in, so the writer's own check is what is tested.
    return recorded_insights(make_transcript("cd" * 12, lines), source_key="incoming/webinars/x.mp3", title="x")


def speaker_lines(markdown: str, settings: LeadMagnetSettings) -> list[str]:
    # The settings' own call to action and pitch are the rail's, not the speaker's, and so is the landing page's
    # gate ("Leave your email ... and we will send it over."), which follows the speaker's problem on its line.
    ours = (settings.cta_text, settings.cta_url, settings.product_pitch.rstrip("."))
    lines = [line for line in markdown.split("\n") if not any(text in line for text in ours)]
    return [re.sub(r"Leave your [^.]* and we will send it over\.", "", line) for line in lines]


@pytest.mark.parametrize("lines", [PITCHED_WEBINAR, PITCH_INSIDE_FRAMEWORK], ids=["pitched", "pitch-in-framework"])
def test_the_speakers_pitch_never_reaches_the_lead_magnet(lines: list[tuple[float, float, str]]) -> None:
    settings = LeadMagnetSettings()
    insights = insights_of(lines)
    assert any(find_pitch_cues(insight.summary) for insight in insights.insights) or any(
        find_pitch_cues(step) for insight in insights.insights for step in insight.steps
    ), "the fixture should hand the writer a pitch"

    lead_magnet = LeadMagnetWriter(settings).write(insights)

    assert lead_magnet.call_to_action == settings.cta_text and lead_magnet.cta_url == settings.cta_url
    assert [line for line in speaker_lines(lead_magnet.markdown, settings) if find_pitch_cues(line)] == []


def test_a_framework_keeps_its_steps_that_do_not_pitch() -> None:
    [framework] = [insight for insight in insights_of(PITCH_INSIDE_FRAMEWORK).insights if insight.steps]

    [kept] = without_speaker_pitch([framework])

    assert len(kept.steps) == len(framework.steps) - 1
    assert not any(find_pitch_cues(step) for step in kept.steps)


def test_nothing_but_a_pitch_is_refused() -> None:
    with pytest.raises(IncompleteLeadMagnetError):
        LeadMagnetWriter(LeadMagnetSettings()).write(insights_of(PURE_PITCH))


def test_a_body_line_with_the_speakers_promo_code_is_a_problem_but_the_settings_cta_is_not() -> None:
    spoken = "Use the code webinar 20 when you check out and you save a lot of money on the first year."
    insight = Insight(
        insight_id="i1", type=InsightType.quotable_line, summary=spoken, quote=spoken, start=1, end=5, score=0.5
    )
    markdown = f"- {spoken}\n\n**[Book a demo](https://example.com/demo)**. Start your free trial today.\n"

    problems = speaker_pitch_problems(markdown, [insight])

    assert problems == ["the body carries the speaker's pitch (promo_code: 'Use the code webinar 20')"]
