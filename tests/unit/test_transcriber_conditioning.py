"""The audio filter in front of Whisper: applied to what the engine hears, timing kept, off when empty."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from services.transcriber import engines
from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.conditioning import condition_audio
from services.transcriber.engines import Audio, ConditionedSpeechToText, TranscriptionResult, load_engine
from services.transcriber.settings import TranscriberSettings


class SpyEngine:
    engine = "spy-engine"
    model = "spy-model"
    multilingual = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.heard: list[Audio] = []

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        self.heard.append(audio)
        return TranscriptionResult(language=language or "und", segments=[])

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        self.heard.append(audio)
        return "en", 1.0


def tone(seconds: float = 2.0, amplitude: float = 0.4) -> Audio:
    t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def test_a_filter_changes_the_samples_but_not_their_count_or_type() -> None:
    audio = tone()

    halved = condition_audio(audio, "volume=0.5")

    assert halved.dtype == np.float32
    assert len(halved) == len(audio)
    assert np.allclose(halved, audio * 0.5, atol=1e-3)


def test_the_default_filter_lifts_a_quiet_voice_and_keeps_the_length() -> None:
    # dynaudnorm judges loudness over a window of frames (~4 s here): shorter audio passes through.
    quiet = tone(seconds=10, amplitude=0.02)

    lifted = condition_audio(quiet, TranscriberSettings().audio_filter)

    assert len(lifted) == len(quiet)
    assert np.abs(lifted).max() > 5 * np.abs(quiet).max()


def test_empty_audio_passes_through() -> None:
    assert len(condition_audio(np.zeros(0, dtype=np.float32), "volume=0.5")) == 0


def test_a_broken_filter_is_reported() -> None:
    with pytest.raises(ValueError, match="no-such-filter"):
        condition_audio(tone(0.1), "no-such-filter=1")


def test_a_conditioned_engine_hears_the_filtered_audio_and_keeps_its_names() -> None:
    spy = SpyEngine()
    conditioned = ConditionedSpeechToText(spy, "volume=0.5")
    audio = tone()

    conditioned.transcribe(audio, "en")
    conditioned.detect_language(audio)

    assert (conditioned.engine, conditioned.model, conditioned.multilingual) == ("spy-engine", "spy-model", True)
    assert len(spy.heard) == 2
    for heard in spy.heard:
        assert np.allclose(heard, audio * 0.5, atol=1e-3)


def test_load_engine_puts_the_configured_filter_in_front_of_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "FasterWhisperEngine", SpyEngine)
    monkeypatch.setenv("RECAST_AUDIO_FILTER", "volume=0.25")
    audio = tone()

    engine = load_engine(TranscriberSettings())
    engine.transcribe(audio, "en")

    assert isinstance(engine, ConditionedSpeechToText)
    [heard] = engine._engine.heard  # type: ignore[attr-defined]
    assert np.allclose(heard, audio * 0.25, atol=1e-3)


def test_an_empty_filter_leaves_the_engine_bare(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "FasterWhisperEngine", SpyEngine)
    monkeypatch.setenv("RECAST_AUDIO_FILTER", "")

    engine = load_engine(TranscriberSettings())

    assert isinstance(engine, SpyEngine)
