"""Which language a recording is transcribed in, or why it is refused.

A transcript in the wrong language is worse than none: an English-only model turns German
into confident English nonsense, and the insight stage would quote it. So each recording's
language is settled once, when it is planned, from (in order) what the upload declares,
the configured language, or the model's own detection, and a recording the model cannot
serve is refused with a reason a person can act on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from services.transcriber.engines import SpeechToText
from services.transcriber.settings import AUTO_LANGUAGE, WHISPER_LANGUAGES, TranscriberSettings

UNDETERMINED = "und"  # ISO 639-2 for "undetermined": a recording without speech

Detector = Callable[[], tuple[str, float]]


class LanguageRefused(Exception):
    """The recording is in a language this installation will not transcribe; the message says why."""


@dataclass(frozen=True)
class LanguagePolicy:
    """What the configured model can do and what the operator allows."""

    model: str
    multilingual: bool
    configured: str  # a language code, or "auto"
    allowed: Collection[str]  # empty: any language Whisper knows
    min_probability: float

    @classmethod
    def of(cls, settings: TranscriberSettings, engine: SpeechToText) -> LanguagePolicy:
        return cls(
            model=engine.model,
            multilingual=engine.multilingual,
            configured=settings.language,
            allowed=frozenset(settings.languages),
            min_probability=settings.min_language_probability,
        )


@dataclass(frozen=True)
class LanguageChoice:
    language: str
    probability: float | None = None  # set when the model detected the language


def choose_language(policy: LanguagePolicy, declared: str | None, detect: Detector | None) -> LanguageChoice:
    """The language to transcribe in. ``declared`` comes from the upload's metadata; ``detect`` runs
    the model's detection on the recording's first speech, and is None when there is no speech."""
    declared = (declared or "").strip().lower() or None
    if declared is not None and declared not in WHISPER_LANGUAGES:
        raise LanguageRefused(f"the upload declares language {declared!r}, which Whisper does not know")
    if not policy.multilingual:
        if declared not in (None, "en"):
            raise LanguageRefused(
                f"the upload declares language {declared!r}, but the configured model {policy.model!r} "
                "transcribes English only (a multilingual model such as RECAST_MODEL_NAME=base can)"
            )
        return LanguageChoice("en")
    if declared is not None:
        choice = LanguageChoice(declared)
    elif policy.configured != AUTO_LANGUAGE:
        choice = LanguageChoice(policy.configured)
    elif detect is None:
        return LanguageChoice(UNDETERMINED)
    else:
        language, probability = detect()
        if probability < policy.min_probability:
            raise LanguageRefused(
                f"could not tell which language is spoken: the best guess, {language!r}, has a probability "
                f"of {probability:.0%}, below the {policy.min_probability:.0%} required; declare the language "
                "in the upload's metadata (language=xx) to transcribe it anyway"
            )
        choice = LanguageChoice(language, round(probability, 4))
    if policy.allowed and choice.language not in policy.allowed:
        how = "configured"
        if declared:
            how = "declared"
        elif choice.probability is not None:
            how = f"detected at {choice.probability:.0%}"
        raise LanguageRefused(
            f"the recording is in {choice.language!r} ({how}), which is not among the languages accepted "
            f"here ({', '.join(sorted(policy.allowed))})"
        )
    return choice
