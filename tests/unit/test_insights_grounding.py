"""Grounding: quotes must be in the transcript (normalised, fuzzy >= 0.9), numbers must be in the evidence."""

from __future__ import annotations

from services.insights import extract_insights
from services.insights.grounding import TranscriptIndex, ground_insights, unsupported_numbers
from shared.events import Insight, InsightType
from tests.unit.transcripts import ONBOARDING_WEBINAR, make_transcript

TRANSCRIPT = make_transcript("rec-g", ONBOARDING_WEBINAR)


def insight(quote: str, summary: str | None = None, steps: list[str] | None = None) -> Insight:
    return Insight(
        insight_id="i",
        type=InsightType.data_point,
        summary=summary or quote,
        quote=quote,
        start=0,
        end=0,
        steps=steps or [],
        score=0.5,
    )


def test_exact_and_normalised_quotes_are_found_with_their_segment_times() -> None:
    index = TranscriptIndex(TRANSCRIPT.segments)
    found = index.locate("FORTY percent of new accounts never logged in again -- after the first week")
    assert found is not None and found.similarity == 1.0
    assert found.text == "Forty percent of new accounts never logged in again after the first week."
    assert (found.start, found.end, found.segment_index) == (45.0, 53.6, 7)


def test_a_quote_spanning_two_segments_takes_both_bounds() -> None:
    found = TranscriptIndex(TRANSCRIPT.segments).locate(
        "turns that video into a one page success plan before the kickoff call"
    )
    assert found is not None and (found.start, found.end) == (96.5, 110.2)


def test_fuzzy_threshold_keeps_small_transcription_differences_and_drops_inventions() -> None:
    index = TranscriptIndex(TRANSCRIPT.segments)
    assert index.locate("Our customer success manager struggles with this every single week") is not None
    assert index.locate("Our account managers love this process every single month") is None
    assert index.locate("forty pages") is not None
    assert index.locate("fifty pages") is None  # short quotes must match exactly


def test_numbers_must_appear_in_the_evidence() -> None:
    assert unsupported_numbers(["40% never came back"], ["Forty percent of new accounts never logged in"]) == set()
    assert unsupported_numbers(["30 days became 9"], ["dropped from 30 days to 9 days"]) == set()
    assert unsupported_numbers(["75% never came back"], ["Forty percent of new accounts"]) == {"75"}
    report = ground_insights(
        [
            insight("Forty percent of new accounts never logged in again after the first week."),
            insight(
                "Forty percent of new accounts never logged in again after the first week.",
                summary="Sixty percent churned.",
            ),
            insight("Half of our customers doubled revenue in a month."),
        ],
        TRANSCRIPT.segments,
    )
    assert len(report.kept) == 1
    reasons = [reason for _, reason in report.dropped]
    assert reasons[0].startswith("numbers not in the evidence") and reasons[1].startswith("quote not found")


def test_extracted_insights_are_all_grounded_with_scores() -> None:
    insights = extract_insights(TRANSCRIPT, source_key="k", title="t").insights
    text = " ".join(segment.text for segment in TRANSCRIPT.segments)
    assert insights
    for item in insights:
        assert item.evidence and item.evidence[0].quote == item.quote
        assert all(piece.quote in text for piece in item.evidence)
        assert item.segment_index is not None
        assert 0 <= item.specificity <= 1 and 0 <= item.originality <= 1 and 0 <= item.evidence_strength <= 1
