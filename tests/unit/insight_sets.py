"""Insight sets written by hand for the writers' tests, shaped like what the insight stage hands over:
a diarized two-voice webinar uploaded without a title, and recordings too thin to write from."""

from __future__ import annotations

from shared.events import Evidence, Insight, InsightSet, InsightType


def insight(
    insight_id: str,
    kind: InsightType,
    quote: str,
    start: float,
    speaker: str | None,
    *,
    summary: str | None = None,
    steps: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    score: float = 0.6,
    originality: float = 0.2,
    headline: str = "",
) -> Insight:
    end = start + len(quote.split()) * 0.4
    return Insight(
        insight_id=insight_id,
        type=kind,
        summary=summary or quote,
        quote=quote,
        start=start,
        end=end,
        steps=list(steps),
        keywords=list(keywords),
        score=score,
        originality=originality,
        headline=headline,
        speaker=speaker,
        evidence=[Evidence(quote=quote, start=start, end=end, speaker=speaker)],
    )


# A host (S1) interviews a guest (S2) about churn. The host pushes back once; the guest answers.
# The upload had no title and a file name nobody should publish.
CHURN_SOURCE_KEY = "incoming/webinars/churn_call_FINAL_v2.mp4"
CHURN_WEBINAR = InsightSet(
    recording_id="rec-churn",
    source_key=CHURN_SOURCE_KEY,
    title="",
    keywords=["churn", "exit interviews", "first week", "product team", "setup"],
    insights=[
        insight(
            "thesis",
            InsightType.point_of_view,
            "Everyone says churn is a pricing problem, but the truth is churn starts in the first week.",
            42.0,
            "S2",
            keywords=("churn", "first week"),
            score=0.8,
            originality=0.7,
        ),
        insight(
            "exit-data",
            InsightType.data_point,
            "We ran forty exit interviews last year and thirty one of those accounts never finished setup.",
            95.0,
            "S2",
            keywords=("exit interviews", "setup"),
            score=0.7,
        ),
        insight(
            "late-signal",
            InsightType.pain_point,
            "Customer success teams only hear about churn when the renewal is already lost.",
            130.0,
            "S2",
            keywords=("churn",),
        ),
        insight(
            "retailer",
            InsightType.story,
            "One retailer told us they cancelled because nobody showed them the reporting screen.",
            170.0,
            "S2",
            keywords=("reporting screen",),
        ),
        insight(
            "routine",
            InsightType.framework,
            "Here is the routine. First, call every account that has not finished setup by day seven. "
            "Second, ask what they expected to do in their first week. "
            "Third, share what you hear with the product team every Friday.",
            210.0,
            "S2",
            summary="Call every account that has not finished setup by day seven → Ask what they expected to do "
            "in their first week → Share what you hear with the product team every Friday",
            steps=(
                "Call every account that has not finished setup by day seven",
                "Ask what they expected to do in their first week",
                "Share what you hear with the product team every Friday",
            ),
            keywords=("first week", "product team"),
        ),
        insight(
            "host-pushback",
            InsightType.point_of_view,
            "But isn't that just more work for a team that is already stretched?",
            262.0,
            "S1",
            score=0.4,
        ),
        insight(
            "reply",
            InsightType.data_point,
            "The calls take ten minutes each, and they cut our first quarter churn from nine percent to five percent.",
            268.0,
            "S2",
            keywords=("churn",),
            score=0.65,
        ),
        insight(
            "one-liner",
            InsightType.quotable_line,
            "Exit interviews are too late; churn interviews start on day one.",
            300.0,
            "S2",
            keywords=("exit interviews",),
            score=0.55,
        ),
    ],
)


def without(insight_set: InsightSet, *insight_ids: str) -> InsightSet:
    kept = [insight for insight in insight_set.insights if insight.insight_id not in insight_ids]
    return insight_set.model_copy(update={"insights": kept})


# Thirty seconds of small talk before a talk that never started.
SMALL_TALK = InsightSet(
    recording_id="rec-small-talk",
    source_key="incoming/podcasts/chicago.mp3",
    title="",
    keywords=["chicago", "weather"],
    insights=[
        insight(
            "weather",
            InsightType.story,
            "We just flew in from Chicago and the weather was lovely for once.",
            3.0,
            "S1",
            keywords=("chicago", "weather"),
        )
    ],
)

# Enough ideas, but no key phrase longer than a word: nothing a buyer would type into a search box.
ONE_WORD_KEYWORDS = InsightSet(
    recording_id="rec-one-word",
    source_key="incoming/podcasts/thoughts.mp3",
    title="",
    keywords=["thought", "ideas"],
    insights=[
        insight("a", InsightType.point_of_view, "Every thought deserves a second draft before it ships.", 10.0, None),
        insight("b", InsightType.quotable_line, "Good ideas survive a week in a drawer.", 40.0, None),
        insight("c", InsightType.story, "I once deleted a whole essay and rewrote it from memory.", 70.0, None),
    ],
)
