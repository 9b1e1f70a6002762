from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.insights import extract_insights
from services.insights.cues import numbers_in
from services.insights.frameworks import find_framework_runs
from services.insights.sentences import MAX_SENTENCE_WORDS, split_into_sentences, transcript_text
from shared.events import InsightSet, InsightType, Transcript, TranscriptSegment, deterministic_id
from tests.unit.transcripts import ONBOARDING_WEBINAR, PITCH_INSIDE_FRAMEWORK, PITCHED_WEBINAR, make_transcript

REPO = Path(__file__).resolve().parents[2]


def extract(transcript: Transcript, **kwargs: int) -> InsightSet:
    return extract_insights(transcript, source_key="incoming/webinars/onboarding.mp4", title="Onboarding", **kwargs)


@pytest.fixture
def onboarding_transcript() -> Transcript:
    return make_transcript("rec-onboarding", ONBOARDING_WEBINAR)


@pytest.fixture
def insight_set(onboarding_transcript: Transcript) -> InsightSet:
    return extract(onboarding_transcript)


def of_type(insight_set: InsightSet, insight_type: InsightType) -> list:
    return [insight for insight in insight_set.insights if insight.type is insight_type]


@pytest.mark.parametrize("lines", [ONBOARDING_WEBINAR, PITCHED_WEBINAR, PITCH_INSIDE_FRAMEWORK])
def test_every_quote_is_verbatim_transcript_text(lines: list[tuple[float, float, str]]) -> None:
    transcript = make_transcript("rec-verbatim", lines)
    text = " ".join(transcript.text.split())

    insight_set = extract(transcript)

    assert insight_set.insights
    for insight in insight_set.insights:
        assert insight.quote in text


def test_finds_every_kind_of_insight_the_webinar_holds(insight_set: InsightSet) -> None:
    assert {insight.type for insight in insight_set.insights} == set(InsightType)


def test_point_of_view_is_the_contrarian_claim(insight_set: InsightSet) -> None:
    best = max(of_type(insight_set, InsightType.point_of_view), key=lambda insight: insight.score)

    assert best.quote.startswith("Most people think onboarding is a product problem")


def test_framework_collects_the_three_steps_in_order(insight_set: InsightSet) -> None:
    [framework] = of_type(insight_set, InsightType.framework)

    assert framework.steps == [
        "The account executive records a ten minute handoff video for every closed deal",
        "Customer success turns that video into a one page success plan before the kickoff call, not after it",
        "The customer signs off on the success plan in the first meeting, so everyone agrees what done looks like",
    ]
    assert framework.quote.startswith("So we rebuilt the handoff in three steps. First,")
    assert (framework.start, framework.end) == (82.5, 118.7)


def test_forty_percent_is_a_data_point_said_once_despite_the_recap(insight_set: InsightSet) -> None:
    data_quotes = [insight.quote for insight in of_type(insight_set, InsightType.data_point)]

    assert "Forty percent of new accounts never logged in again after the first week." in data_quotes
    assert not any("If you remember one thing" in insight.quote for insight in insight_set.insights)
    assert not any(insight.quote.startswith("Forty percent. That's") for insight in insight_set.insights)


def test_pain_point_and_story_are_found(insight_set: InsightSet) -> None:
    pains = [insight.quote for insight in of_type(insight_set, InsightType.pain_point)]
    stories = [insight.quote for insight in of_type(insight_set, InsightType.story)]

    assert "Nobody has time to read forty pages of call notes before a kickoff." in pains
    assert any(quote.startswith("Last year one customer, a logistics company in Rotterdam") for quote in stories)


def test_quote_leaning_on_the_previous_sentence_takes_it_along(insight_set: InsightSet) -> None:
    quotes = [insight.quote for insight in insight_set.insights]

    assert "And the forty percent who went dark? It fell to twelve percent." in quotes


def test_ids_are_derived_from_recording_type_start_and_quote(insight_set: InsightSet) -> None:
    for insight in insight_set.insights:
        expected = deterministic_id("rec-onboarding", insight.type.value, f"{insight.start:.2f}", insight.quote)
        assert insight.insight_id == expected
    assert len({insight.insight_id for insight in insight_set.insights}) == len(insight_set.insights)


def test_same_transcript_gives_identical_output(onboarding_transcript: Transcript, insight_set: InsightSet) -> None:
    assert extract(onboarding_transcript).model_dump() == insight_set.model_dump()


def test_output_does_not_depend_on_the_hash_seed(insight_set: InsightSet) -> None:
    script = (
        "import json; from services.insights import extract_insights; "
        "from tests.unit.transcripts import ONBOARDING_WEBINAR, make_transcript; "
        "t = make_transcript('rec-onboarding', ONBOARDING_WEBINAR); "
        "print(extract_insights(t, source_key='incoming/webinars/onboarding.mp4', title='Onboarding')"
        ".model_dump_json())"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=environment, capture_output=True, text=True, check=True
    )

    assert json.loads(completed.stdout) == json.loads(insight_set.model_dump_json())


def test_summaries_are_one_line_and_add_no_numbers(insight_set: InsightSet) -> None:
    for insight in insight_set.insights:
        assert insight.summary
        assert "\n" not in insight.summary
        assert numbers_in(insight.summary) <= numbers_in(insight.quote), insight


def test_scores_are_in_range_and_insights_ordered_by_start(insight_set: InsightSet) -> None:
    starts = [insight.start for insight in insight_set.insights]

    assert starts == sorted(starts)
    assert all(0 <= insight.score <= 1 for insight in insight_set.insights)
    assert all(insight.start <= insight.end for insight in insight_set.insights)


def test_cap_keeps_the_best_but_one_of_every_type(onboarding_transcript: Transcript, insight_set: InsightSet) -> None:
    capped = extract(onboarding_transcript, max_insights=7)

    assert len(capped.insights) == 7
    assert {insight.type for insight in capped.insights} == set(InsightType)
    assert {insight.insight_id for insight in capped.insights} <= {
        insight.insight_id for insight in insight_set.insights
    }


def test_keywords_are_yake_phrases_without_bare_numbers(insight_set: InsightSet) -> None:
    assert insight_set.keywords[0] == "customer onboarding"
    assert "forty percent" not in insight_set.keywords
    for insight in insight_set.insights:
        assert insight.keywords
        assert all(keyword.lower() in insight.quote.lower() for keyword in insight.keywords)


def test_insight_set_carries_the_recording_reference(insight_set: InsightSet) -> None:
    assert insight_set.recording_id == "rec-onboarding"
    assert insight_set.source_key == "incoming/webinars/onboarding.mp4"
    assert insight_set.title == "Onboarding"


def test_empty_transcript_gives_no_insights() -> None:
    transcript = make_transcript("rec-empty", [(0.0, 1.0, "   ")])

    assert extract(transcript).insights == []


class TestSentences:
    def test_sentence_spanning_segments_takes_first_start_and_last_end(self, onboarding_transcript: Transcript) -> None:
        sentences = split_into_sentences(onboarding_transcript.segments)
        [second_step] = [sentence for sentence in sentences if sentence.text.startswith("Second,")]

        assert second_step.text.endswith("before the kickoff call, not after it.")
        assert (second_step.start, second_step.end) == (96.5, 110.2)

    def test_sentences_sharing_a_segment_keep_its_bounds(self, onboarding_transcript: Transcript) -> None:
        sentences = split_into_sentences(onboarding_transcript.segments)
        in_segment = [sentence for sentence in sentences if sentence.start == 68.4]

        assert [sentence.text for sentence in in_segment] == [
            "I remember the call.",
            "Their COO said, you sold us a plan and then handed us a form.",
        ]
        assert {sentence.end for sentence in in_segment} == {76.0}

    def test_sentences_rebuild_the_transcript_text(self, onboarding_transcript: Transcript) -> None:
        sentences = split_into_sentences(onboarding_transcript.segments)

        assert " ".join(sentence.text for sentence in sentences) == transcript_text(onboarding_transcript.segments)

    def test_abbreviations_and_decimals_do_not_end_a_sentence(self) -> None:
        segments = [TranscriptSegment(start=0, end=5, text="Dr. Smith grew revenue 2.5 times. Then she left.")]

        texts = [sentence.text for sentence in split_into_sentences(segments)]

        assert texts == ["Dr. Smith grew revenue 2.5 times.", "Then she left."]

    def test_unpunctuated_speech_is_cut_at_segment_boundaries(self) -> None:
        words = " ".join(["word"] * 25)
        segments = [TranscriptSegment(start=i * 5.0, end=i * 5.0 + 5, text=words) for i in range(6)]

        sentences = split_into_sentences(segments)

        assert len(sentences) > 1
        assert all(len(sentence.text.split()) <= MAX_SENTENCE_WORDS + 25 for sentence in sentences)
        assert sentences[1].start in {segment.start for segment in segments}


class TestFrameworks:
    def test_process_spoken_in_one_sentence(self) -> None:
        sentences = ["First, you audit the backlog, then you cut the weak pieces, and finally you automate the rest."]

        [run] = find_framework_runs(sentences)

        assert run.steps == ("Audit the backlog", "Cut the weak pieces", "Automate the rest")

    def test_process_announced_as_a_list(self) -> None:
        [run] = find_framework_runs(["There are three steps: audit, cut and automate."])

        assert run.steps == ("Audit", "Cut", "Automate")

    def test_list_with_the_wrong_count_is_not_a_framework(self) -> None:
        assert find_framework_runs(["There are three steps: audit and cut."]) == []

    def test_the_first_step_is_phrasing(self) -> None:
        sentences = [
            "The first step is to map every promise sales made.",
            "The next step is to share that map with the customer.",
            "The final step is to review it after thirty days.",
        ]

        [run] = find_framework_runs(sentences)

        assert run.steps == (
            "Map every promise sales made",
            "Share that map with the customer",
            "Review it after thirty days",
        )

    def test_a_story_starting_last_year_does_not_extend_a_run(self) -> None:
        sentences = ["First, record the call.", "Then, write the plan.", "Last year we tried something else."]

        [run] = find_framework_runs(sentences)

        assert run.last == 1
