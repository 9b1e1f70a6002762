"""What the settings ask of faster-whisper reaches it: the model, its compute type and the search."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from services.transcriber import engines
from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.engines import load_engine
from services.transcriber.settings import TranscriberSettings


class RecordingWhisperModel:
    """Stands in for faster_whisper.WhisperModel and keeps every argument it is given."""

    created: list[tuple[str, dict[str, Any]]] = []
    decoded: list[dict[str, Any]] = []

    def __init__(self, model_dir: str, **options: Any) -> None:
        self.created.append((model_dir, options))
        self.feat_kwargs: dict[str, Any] = {}
        self.model = SimpleNamespace(is_multilingual=False)

    def transcribe(self, audio: Any, **options: Any) -> tuple[list[Any], Any]:
        self.decoded.append(options)
        return [], SimpleNamespace(language="en")


@pytest.fixture
def whisper(monkeypatch: pytest.MonkeyPatch) -> type[RecordingWhisperModel]:
    for name in ("MODEL_NAME", "MODEL_PATH", "BEAM_SIZE", "COMPUTE_TYPE", "CPU_THREADS", "WORD_TIMESTAMPS"):
        monkeypatch.delenv(f"RECAST_{name}", raising=False)
    RecordingWhisperModel.created, RecordingWhisperModel.decoded = [], []
    monkeypatch.setattr(engines, "WhisperModel", RecordingWhisperModel)
    return RecordingWhisperModel


def test_the_default_engine_runs_base_int8_with_beam_5(whisper: type[RecordingWhisperModel], tmp_path: Path) -> None:
    settings = TranscriberSettings(checkpoint_dir=tmp_path)

    load_engine(settings).transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), "en")

    [(model_dir, created)] = whisper.created
    assert model_dir == str(settings.ct2_model_dir)
    assert created["compute_type"] == "int8" and created["cpu_threads"] == 2
    [decoded] = whisper.decoded
    assert decoded["beam_size"] == 5
    assert decoded["word_timestamps"] is True
    assert decoded["condition_on_previous_text"] is False


def test_a_configured_search_reaches_the_engine(
    whisper: type[RecordingWhisperModel], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECAST_MODEL_NAME", "tiny.en")
    monkeypatch.setenv("RECAST_BEAM_SIZE", "2")
    monkeypatch.setenv("RECAST_COMPUTE_TYPE", "float32")

    load_engine(TranscriberSettings()).transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), "en")

    [(_, created)] = whisper.created
    assert created["compute_type"] == "float32"
    [decoded] = whisper.decoded
    assert decoded["beam_size"] == 2


def test_every_transcription_starts_from_the_same_random_seed(
    whisper: type[RecordingWhisperModel], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Whisper's temperature fallback samples; CTranslate2's generator is process-wide, so without a seed per
    # transcription the words would depend on what the process decoded before (a redelivered chunk, a re-run).
    seeds: list[int] = []
    monkeypatch.setattr(engines.ctranslate2, "set_random_seed", seeds.append)
    engine = load_engine(TranscriberSettings(checkpoint_dir=tmp_path))

    for _ in range(2):
        engine.transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), "en")

    assert seeds == [engines.FALLBACK_SEED] * 2
