"""The view a speaker argues against, read one way by the insight engine and both writers."""

from __future__ import annotations

import pytest

from shared.positions import rejected_view, states_received_advice, without_rejected_view


@pytest.mark.parametrize(
    ("quote", "view"),
    [
        ("Most people believe that more blog posts bring more customers.", "more blog posts bring more customers"),
        ("Most B2B teams I talk to still think onboarding is a training problem.", "onboarding is a training problem"),
        ("Everyone will tell you to gate every asset, but nobody reads them.", "to gate every asset"),
        ("Most teams treat churn as a support problem.", "churn as a support problem"),
        ("Conventional wisdom says discounts close deals.", "discounts close deals"),
        # Any group named in the plural holds a common view.
        ("Most owners think a slow close is a bookkeeping problem.", "a slow close is a bookkeeping problem"),
        ("Most sales reps I coach believe discounts close deals.", "discounts close deals"),
        # The audience told what it believes.
        ("Most of you think churn happens at renewal, and I think that's backwards.", "churn happens at renewal"),
        # The mistake everyone makes, named as a belief (a transit webinar nobody here had written).
        (
            "The thing everyone gets wrong is thinking it's the fare that keeps people off the bus.",
            "it's the fare that keeps people off the bus",
        ),
        ("The biggest mistake people make is assuming that buyers read the whole page.", "buyers read the whole page"),
        # The received advice, as what to do.
        ("The standard advice is to roll out at 1% and wait a day.", "you should roll out at 1% and wait a day"),
    ],
)
def test_the_common_view_is_read_as_the_one_the_speaker_rejects(quote: str, view: str) -> None:
    assert rejected_view(quote) == view


@pytest.mark.parametrize(
    "quote",
    [
        "Most of our customers renewed after the second call.",
        "I think the monthly check-in works because the work is still fresh.",
        "Everyone on the call got the recording the same day.",
        "Most of you have seen the dashboard already.",
        # A mistake named as a deed is advice against it.
        "The mistake everyone makes is hiring too fast in the first year.",
        # A stretch of time, or a superlative, is no group holding a view.
        "Most days I think about churn before anything else.",
        "The most successful founders say no to most feature requests.",
    ],
)
def test_a_claim_of_the_speakers_own_names_no_common_view(quote: str) -> None:
    assert rejected_view(quote) is None
    assert without_rejected_view(quote) == quote


def test_what_is_left_without_the_common_view_is_the_speakers_answer() -> None:
    quote = "Most people think more content wins, but the truth is depth wins."
    assert without_rejected_view(quote) == " the truth is depth wins."


def test_the_received_advice_is_named_however_it_goes_on() -> None:
    # Whisper wrote "rollout" for "roll out": no view to print, but still the advice the speaker departs from.
    quote = "So the standard advice is rollout at 1%, wait a day, look at crashes."
    assert states_received_advice(quote)
    assert rejected_view(quote) is None
    assert not states_received_advice("Our advice is to ship on Tuesdays.")
