"""The VAD model is loaded when the service starts, not by the first recording it plans."""

from __future__ import annotations

from faster_whisper.vad import get_vad_model

from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import vad_options
from services.transcriber.vad import warm_up


def test_warm_up_loads_the_vad_model() -> None:
    get_vad_model.cache_clear()

    warm_up(vad_options(TranscriberSettings()))

    assert get_vad_model.cache_info().currsize == 1
