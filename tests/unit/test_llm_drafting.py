"""Both rails' LLM drafting against a scripted server: good drafts used, lies cut, weak drafts replaced.

The extractive artifact is written first, as in the services; the drafter then asks the
scripted model and decides. The transcript comes from a stand-in store (the only fake here).
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from services.framework_article_writer.drafting import FrameworkArticleDrafter
from services.framework_article_writer.settings import FrameworkArticleSettings
from services.framework_article_writer.writer import FrameworkArticle, FrameworkArticleWriter
from services.lead_magnet_writer.drafting import LeadMagnetDrafter
from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.writer import LeadMagnet, LeadMagnetWriter, check_lead_magnet
from shared.drafting import transcript_uri_for
from shared.events import InsightSet, Transcript
from shared.llm import LLMSettings, ResilientChat
from shared.storage import ObjectStore, S3Uri
from tests.scripted_chat import Reply, Stall, draft, scripted_chat
from tests.unit.recorded_insights import recorded_insights
from tests.unit.transcripts import ONBOARDING_WEBINAR, make_transcript

TRANSCRIPT_URI = "s3://recast-test/transcripts/rec-draft/transcript.json"

LEAD_MAGNET_BODY = """## The problem

Nobody has time to read forty pages of call notes before a kickoff, so your customer onboarding loses
everything sales already learned.

## The checklist

- [ ] Have the account executive record a ten minute handoff video for every closed deal.
- [ ] Turn that video into a one page success plan before the kickoff call, not after it.
- [ ] Ask the customer to sign off on the success plan in the first meeting.

## Why it matters

"Forty percent of new accounts never logged in again after the first week." Fix the handoff and the
context stops getting lost."""

LIES = """

## What it is worth

Teams that follow this checklist renew 87% more often. As one leader said, "our onboarding doubled revenue
overnight." It works for every team.

- Book a demo at https://vendor.example.com/demo today."""

ARTICLE_BODY = """Onboarding is not a product problem.
It is a handoff problem, and most teams are fixing the wrong thing.

> "Most people think onboarding is a product problem, but the truth is it's a handoff problem." [00:12]

## The Customer Onboarding 3-Step Framework

1. The account executive records a ten minute handoff video for every closed deal.
2. Customer success turns that video into a one page success plan before the kickoff call.
3. The customer signs off on the success plan in the first meeting.

The cost of skipping it is plain: "Forty percent of new accounts never logged in again after the first week." [00:45]

## The counter-view

Skeptics say onboarding is a product problem. The recording answers with a number: "within two quarters, time
to first value dropped from 30 days to 9 days." [01:58]

What would change if your team treated the handoff as the product?"""


class TranscriptStore(ObjectStore):
    """Serves the one transcript the drafters read; records what they asked for."""

    def __init__(self, transcript: Transcript) -> None:
        super().__init__(client=None, bucket="recast-test")
        self.transcript = transcript
        self.read: list[str] = []

    def get_model(self, uri: S3Uri | str, model: type[Any]) -> Any:
        self.read.append(str(uri))
        return model.model_validate(self.transcript.model_dump())


@pytest.fixture(scope="module")
def transcript() -> Transcript:
    return make_transcript("rec-draft", ONBOARDING_WEBINAR)


@pytest.fixture(scope="module")
def insights(transcript: Transcript) -> InsightSet:
    return recorded_insights(transcript, source_key="incoming/webinars/onboarding.mp4", title="Onboarding talk")


@pytest.fixture(scope="module")
def lead_magnet(insights: InsightSet) -> LeadMagnet:
    return LeadMagnetWriter(LeadMagnetSettings()).write(insights)


@pytest.fixture(scope="module")
def article(insights: InsightSet) -> FrameworkArticle:
    return FrameworkArticleWriter(FrameworkArticleSettings()).write(insights)


def chat(base_url: str) -> ResilientChat:
    return ResilientChat(LLMSettings(base_url=base_url, retry_base_delay_s=0.05, max_retries=2))


# Content-marketing rail ---------------------------------------------------------------------


async def redraft_lead_magnet(
    base_url: str | None, lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript, deadline_s: float = 30
) -> tuple[LeadMagnet, Any]:
    drafter = LeadMagnetDrafter(LeadMagnetSettings(), chat(base_url) if base_url else None, deadline_s)
    return await drafter.redraft(lead_magnet, insights, TranscriptStore(transcript), TRANSCRIPT_URI)


async def test_a_grounded_lead_magnet_draft_is_published_inside_the_rails_own_frame(
    lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript
) -> None:
    with scripted_chat([draft(LEAD_MAGNET_BODY)]) as server:
        drafted, outcome = await redraft_lead_magnet(server.base_url, lead_magnet, insights, transcript)
    assert outcome.writer == "llm" and outcome.notes == []
    head = lead_magnet.markdown.split("\n## ", 1)[0]
    assert drafted.markdown.startswith(head)
    assert "everything sales already learned" in drafted.markdown
    assert drafted.markdown.rstrip().endswith(lead_magnet.markdown.rstrip().rsplit("\n## ", 1)[1])
    assert "everything sales already learned" in drafted.html and lead_magnet.cta_url in drafted.html
    assert check_lead_magnet(drafted) == []
    # The model saw the data fenced, and its instructions name the keyword it must use.
    [request] = server.requests
    system, user = request["messages"][0]["content"], request["messages"][1]["content"]
    assert lead_magnet.target_keyword in system
    assert "<lead-magnet>" in user and insights.insights[0].quote.split()[0] in user


async def test_invented_quotes_numbers_and_links_are_cut_from_a_lead_magnet(
    lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript
) -> None:
    with scripted_chat([draft(LEAD_MAGNET_BODY + LIES)]) as server:
        drafted, outcome = await redraft_lead_magnet(server.base_url, lead_magnet, insights, transcript)
    assert outcome.writer == "llm"
    for invented in ("87%", "doubled revenue", "vendor.example.com"):
        assert invented not in drafted.markdown and invented not in drafted.html
    assert "It works for every team." in drafted.markdown
    notes = " ".join(outcome.notes)
    assert "number 87 not in the evidence" in notes
    assert "quote not in the transcript" in notes and "link not in the evidence" in notes


async def test_a_lead_magnet_draft_without_its_keyword_is_replaced_by_the_extractive_one(
    lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript
) -> None:
    off_topic = LEAD_MAGNET_BODY.replace("customer onboarding", "the first weeks")
    with scripted_chat([draft(off_topic)]) as server:
        drafted, outcome = await redraft_lead_magnet(server.base_url, lead_magnet, insights, transcript)
    assert drafted is lead_magnet and outcome.writer == "extractive"
    assert outcome.notes == [
        f"LLM draft replaced by the extractive draft: no {lead_magnet.target_keyword!r} in the draft"
    ]


async def test_a_busy_then_stalled_model_leaves_the_extractive_lead_magnet(
    lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript
) -> None:
    script: list[Reply | Stall] = [Reply(status=429, headers={"Retry-After": "0"}), Reply(status=502), Stall(120)]
    with scripted_chat(script) as server:
        drafted, outcome = await redraft_lead_magnet(server.base_url, lead_magnet, insights, transcript, 1.0)
    assert drafted is lead_magnet and len(server.requests) == 3
    assert outcome.writer == "extractive" and "deadline of 1.0 s passed after 3 request(s)" in outcome.notes[0]


async def test_without_a_model_the_extractive_lead_magnet_goes_out_untouched(
    lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript
) -> None:
    drafted, outcome = await redraft_lead_magnet(None, lead_magnet, insights, transcript)
    assert drafted is lead_magnet and outcome.writer == "extractive" and outcome.notes == []


# Thought-leadership rail --------------------------------------------------------------------


async def redraft_article(
    base_url: str, article: FrameworkArticle, insights: InsightSet, transcript: Transcript
) -> tuple[FrameworkArticle, Any]:
    drafter = FrameworkArticleDrafter(FrameworkArticleSettings(), chat(base_url), 30)
    store = TranscriptStore(transcript)
    result = await drafter.redraft(article, insights, store, TRANSCRIPT_URI)
    assert store.read == [TRANSCRIPT_URI]
    return result


async def test_a_grounded_article_draft_is_published_under_the_extractive_title(
    article: FrameworkArticle, insights: InsightSet, transcript: Transcript
) -> None:
    with scripted_chat([draft(ARTICLE_BODY)]) as server:
        drafted, outcome = await redraft_article(server.base_url, article, insights, transcript)
    assert outcome.writer == "llm" and outcome.notes == []
    assert drafted.markdown.startswith(f"# {article.title}\n\nOnboarding is not a product problem.")
    assert "## The counter-view" in drafted.markdown
    assert (drafted.thesis, drafted.framework_name, drafted.evidence) == (
        article.thesis,
        article.framework_name,
        article.evidence,
    )
    user = server.requests[0]["messages"][1]["content"]
    assert "<article>" in user and article.evidence[0][0] in user


async def test_a_pitch_in_the_draft_is_repaired_by_the_guard(
    article: FrameworkArticle, insights: InsightSet, transcript: Transcript
) -> None:
    pitched = ARTICLE_BODY.replace(
        "most teams are fixing the wrong thing.",
        "most teams are fixing the wrong thing. Book a demo of Recast to see it.",
    )
    with scripted_chat([draft(pitched)]) as server:
        drafted, outcome = await redraft_article(server.base_url, article, insights, transcript)
    assert outcome.writer == "llm"
    assert "demo" not in drafted.markdown.lower() and "Recast" not in drafted.markdown
    assert any(note.startswith("guard removed call_to_action") for note in outcome.notes)


async def test_a_pitch_the_guard_cannot_repair_leaves_the_extractive_article(
    article: FrameworkArticle, insights: InsightSet, transcript: Transcript
) -> None:
    pitched = ARTICLE_BODY.replace("## The counter-view", "## Why our platform is the easiest way to get this right")
    with scripted_chat([draft(pitched)]) as server:
        drafted, outcome = await redraft_article(server.base_url, article, insights, transcript)
    assert drafted is article and outcome.writer == "extractive"
    assert "promotional tells the guard could not repair" in outcome.notes[-1]


async def test_an_article_whose_evidence_was_invented_is_replaced(
    article: FrameworkArticle, insights: InsightSet, transcript: Transcript
) -> None:
    invented = "\n".join(
        [
            "Onboarding is a handoff problem.",
            "",
            f"## {article.framework_name}",
            "",
            '> "We cut churn in half the week we started recording handoff videos." [00:50]',
            "",
            'Teams that adopt it see "a 3x jump in renewals within a month." [01:10]',
        ]
    )
    with scripted_chat([draft(invented)]) as server:
        drafted, outcome = await redraft_article(server.base_url, article, insights, transcript)
    assert drafted is article and outcome.writer == "extractive"
    assert "0 verbatim quote(s) survived checking, 2 needed" in outcome.notes[-1]
    assert sum("quote not in the transcript" in note for note in outcome.notes) == 2


async def test_an_article_that_drops_the_framework_is_replaced(
    article: FrameworkArticle, insights: InsightSet, transcript: Transcript
) -> None:
    unnamed = ARTICLE_BODY.replace("## The Customer Onboarding 3-Step Framework", "## Three moves")
    with scripted_chat([draft(unnamed)]) as server:
        drafted, outcome = await redraft_article(server.base_url, article, insights, transcript)
    assert drafted is article and "is not named" in outcome.notes[-1]


def test_a_replay_reads_the_transcript_where_the_transcriber_stores_it(transcript: Transcript) -> None:
    store = TranscriptStore(transcript)
    assert transcript_uri_for(store, "rec-9", None) == "s3://recast-test/transcripts/rec-9/transcript.json"
    assert transcript_uri_for(store, "rec-9", TRANSCRIPT_URI) == TRANSCRIPT_URI


class SlowStore(TranscriptStore):
    """A transcript read that takes longer than the whole drafting step may."""

    def get_model(self, uri: S3Uri | str, model: type[Any]) -> Any:
        time.sleep(2)
        return super().get_model(uri, model)


class MissingTranscriptStore(TranscriptStore):
    def get_model(self, uri: S3Uri | str, model: type[Any]) -> Any:
        raise FileNotFoundError(f"no transcript at {uri}")


async def test_the_deadline_covers_reading_the_transcript_too(
    article: FrameworkArticle, insights: InsightSet, transcript: Transcript
) -> None:
    with scripted_chat([draft(ARTICLE_BODY)]) as server:
        drafter = FrameworkArticleDrafter(FrameworkArticleSettings(), chat(server.base_url), 0.3)
        drafted, outcome = await drafter.redraft(article, insights, SlowStore(transcript), TRANSCRIPT_URI)
    assert drafted is article and server.requests == []
    assert outcome.notes == ["LLM draft replaced by the extractive draft: deadline of 0.3 s passed after 0 request(s)"]


async def test_an_unreadable_transcript_never_escapes_the_writer(
    lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript
) -> None:
    with scripted_chat([draft(LEAD_MAGNET_BODY)]) as server:
        drafter = LeadMagnetDrafter(LeadMagnetSettings(), chat(server.base_url), 30)
        store = MissingTranscriptStore(transcript)
        drafted, outcome = await drafter.redraft(lead_magnet, insights, store, TRANSCRIPT_URI)
    assert drafted is lead_magnet and outcome.writer == "extractive"
    assert outcome.notes == [
        f"LLM draft replaced by the extractive draft: FileNotFoundError: no transcript at {TRANSCRIPT_URI}"
    ]


async def test_a_lead_magnet_draft_may_not_quote_a_sentence_heard_too_unclearly(
    lead_magnet: LeadMagnet, insights: InsightSet, transcript: Transcript
) -> None:
    said = "Forty percent of new accounts never logged in again after the first week."
    [unclear_id] = [insight.insight_id for insight in insights.insights if said in insight.quote]
    unclear = insights.model_copy(
        update={
            "insights": [
                insight.model_copy(update={"quote_is_verbatim": insight.insight_id != unclear_id})
                for insight in insights.insights
            ]
        }
    )
    with scripted_chat([draft(LEAD_MAGNET_BODY)]) as server:
        drafted, outcome = await redraft_lead_magnet(server.base_url, lead_magnet, unclear, transcript)
    assert f'"{said}"' not in drafted.markdown
    assert "quote heard too unclearly to print as said" in " ".join(outcome.notes)
    # The model was never handed those words as a quote.
    [request] = server.requests
    data = request["messages"][1]["content"]
    assert f'"quote": "{said}' not in data and said.split(" after")[0] in data  # its point, as the summary
