"""Both models run once when the service starts, not on the first recording a replica takes."""

from __future__ import annotations

import numpy as np
from faster_whisper.vad import get_vad_model

from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.engines import Audio, TranscriptionResult, warm_up_engine
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import vad_options
from services.transcriber.vad import warm_up


class RecordingEngine:
    engine = "spy"
    model = "spy"
    multilingual = False

    def __init__(self) -> None:
        self.calls: list[tuple[Audio, str | None]] = []

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        self.calls.append((audio, language))
        return TranscriptionResult(language=language or "und", segments=[])

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        raise AssertionError("warming up never detects a language")


def test_warm_up_loads_the_vad_model() -> None:
    get_vad_model.cache_clear()

    warm_up(vad_options(TranscriberSettings()))

    assert get_vad_model.cache_info().currsize == 1


def test_engine_warm_up_transcribes_a_second_of_silence_in_the_configured_language() -> None:
    engine = RecordingEngine()

    warm_up_engine(engine, TranscriberSettings(language="en").whisper_language)

    [(audio, language)] = engine.calls
    assert language == "en"
    assert audio.dtype == np.float32
    assert len(audio) == SAMPLE_RATE
    assert not audio.any()
