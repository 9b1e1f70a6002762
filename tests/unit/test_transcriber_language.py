"""Which language a recording is transcribed in, and the reasons a recording is refused."""

from __future__ import annotations

import pytest

from services.transcriber.language import (
    UNDETERMINED,
    Detector,
    LanguageChoice,
    LanguagePolicy,
    LanguageRefused,
    choose_language,
)

ENGLISH_ONLY = LanguagePolicy(model="tiny.en", multilingual=False, configured="en", allowed=(), min_probability=0.5)
DETECTING = LanguagePolicy(model="base", multilingual=True, configured="auto", allowed=(), min_probability=0.5)
ENGLISH_OR_GERMAN = LanguagePolicy(
    model="base", multilingual=True, configured="auto", allowed={"en", "de"}, min_probability=0.5
)


def detector(language: str, probability: float) -> tuple[list[int], Detector]:
    calls: list[int] = []

    def detect() -> tuple[str, float]:
        calls.append(1)
        return language, probability

    return calls, detect


def test_english_only_model_transcribes_undeclared_recordings_in_english_without_detecting() -> None:
    calls, detect = detector("de", 0.99)

    assert choose_language(ENGLISH_ONLY, None, detect) == LanguageChoice("en")
    assert choose_language(ENGLISH_ONLY, "EN ", detect) == LanguageChoice("en")
    assert not calls


def test_english_only_model_refuses_a_recording_declared_in_another_language() -> None:
    with pytest.raises(LanguageRefused, match=r"declares language 'de'.*'tiny\.en' transcribes English only"):
        choose_language(ENGLISH_ONLY, "de", None)


def test_a_declared_language_whisper_does_not_know_is_refused() -> None:
    with pytest.raises(LanguageRefused, match="'klingon', which Whisper does not know"):
        choose_language(DETECTING, "klingon", None)


def test_multilingual_model_detects_when_nothing_is_declared() -> None:
    calls, detect = detector("de", 0.93)

    assert choose_language(DETECTING, None, detect) == LanguageChoice("de", 0.93)
    assert calls == [1]


def test_a_declared_language_wins_over_detection() -> None:
    calls, detect = detector("en", 0.99)

    assert choose_language(DETECTING, "fr", detect) == LanguageChoice("fr")
    assert not calls


def test_a_configured_language_is_used_without_detecting() -> None:
    calls, detect = detector("en", 0.99)
    policy = LanguagePolicy(model="base", multilingual=True, configured="es", allowed=(), min_probability=0.5)

    assert choose_language(policy, None, detect) == LanguageChoice("es")
    assert not calls


def test_an_unsure_detection_is_refused_with_the_guess_and_the_way_out() -> None:
    _, detect = detector("cy", 0.31)

    with pytest.raises(LanguageRefused, match=r"best guess, 'cy', has a probability of 31%, below the 50%.*language="):
        choose_language(DETECTING, None, detect)


@pytest.mark.parametrize(
    ("declared", "detected", "reason"),
    [
        (None, ("es", 0.9), r"'es' \(detected at 90%\), which is not among the languages accepted here \(de, en\)"),
        ("fr", ("en", 0.9), r"'fr' \(declared\), which is not among"),
    ],
)
def test_a_language_outside_the_allowed_set_is_refused(
    declared: str | None, detected: tuple[str, float], reason: str
) -> None:
    policy = ENGLISH_OR_GERMAN
    _, detect = detector(*detected)

    with pytest.raises(LanguageRefused, match=reason):
        choose_language(policy, declared, detect)


def test_an_allowed_detected_language_passes() -> None:
    policy = ENGLISH_OR_GERMAN
    _, detect = detector("de", 0.8)

    assert choose_language(policy, None, detect).language == "de"


def test_a_recording_without_speech_has_an_undetermined_language() -> None:
    assert choose_language(DETECTING, None, None) == LanguageChoice(UNDETERMINED)
