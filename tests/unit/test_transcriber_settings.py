from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from services.transcriber.settings import TranscriberSettings


@pytest.fixture(autouse=True)
def _no_transcriber_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "ENGINE", "MODEL_PATH", "MODEL_NAME", "LANGUAGE", "BEAM_SIZE", "CPU_THREADS", "CHECKPOINT_DIR",
        "MAX_CHUNK_S", "MAX_POLL_INTERVAL_MS", "WORD_TIMESTAMPS", "NO_SPEECH_THRESHOLD", "LANGUAGES",
        "MIN_LANGUAGE_PROBABILITY",
    ):  # fmt: skip
        monkeypatch.delenv(f"RECAST_{name}", raising=False)


def test_defaults_run_the_bundled_multilingual_base_model_greedily_in_english(tmp_path: Path) -> None:
    settings = TranscriberSettings(checkpoint_dir=tmp_path)

    assert settings.engine == "faster-whisper"
    assert settings.model_name == "base"
    assert settings.language == "en"
    assert settings.beam_size == 5
    assert settings.compute_type == "int8"
    assert (settings.ct2_model_dir / "model.bin").is_file()
    assert (settings.ct2_model_dir / "config.json").is_file()


def test_english_only_model_refuses_another_language() -> None:
    with pytest.raises(ValidationError, match=r"'tiny\.en' is English-only but language is 'de'"):
        TranscriberSettings(model_name="tiny.en", language="de")


def test_multilingual_model_accepts_any_language(tmp_path: Path) -> None:
    settings = TranscriberSettings(model_path=tmp_path, model_name="small", language="de")

    assert settings.language == "de"
    assert settings.ct2_model_dir == tmp_path


def test_language_is_normalised() -> None:
    assert TranscriberSettings(language=" EN ").language == "en"


def test_a_model_name_without_its_model_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"no model_path is set and no bundled model has that name"):
        TranscriberSettings(model_name="base.en")


def test_the_bundled_base_model_detects_languages_and_is_joined_into_the_cache(tmp_path: Path) -> None:
    settings = TranscriberSettings(model_name="base", language="auto", checkpoint_dir=tmp_path)

    assert settings.whisper_language is None
    assert settings.ct2_model_dir.parent == tmp_path
    assert (settings.ct2_model_dir / "model.bin").stat().st_size == 145_217_607


def test_allowed_languages_read_comma_separated_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAST_LANGUAGES", " EN, de ,")

    assert TranscriberSettings(model_name="base", language="auto").languages == ["en", "de"]


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"language": "english"}, "neither 'auto' nor a language Whisper knows"),
        ({"model_name": "base", "languages": ["en", "xx"]}, r"languages Whisper does not know: \['xx'\]"),
        ({"model_name": "tiny.en", "languages": ["en", "de"]}, "English-only but languages are"),
        ({"min_language_probability": 1.5}, "min_language_probability"),
    ],
)
def test_impossible_language_settings_fail_at_start_up(options: dict[str, object], reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        TranscriberSettings(**options)  # type: ignore[arg-type]


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValidationError, match="engine"):
        TranscriberSettings(engine="whisper-cpp")


def test_counts_must_be_positive() -> None:
    with pytest.raises(ValidationError, match="beam_size"):
        TranscriberSettings(beam_size=0)
    with pytest.raises(ValidationError, match="cpu_threads"):
        TranscriberSettings(cpu_threads=0)


def test_read_from_recast_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RECAST_ENGINE", "openai-whisper")
    monkeypatch.setenv("RECAST_BEAM_SIZE", "5")
    monkeypatch.setenv("RECAST_CHECKPOINT_DIR", str(tmp_path))

    settings = TranscriberSettings()

    assert settings.engine == "openai-whisper"
    assert settings.beam_size == 5
    assert settings.checkpoint_dir == tmp_path


def test_empty_model_path_means_the_bundled_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAST_MODEL_PATH", "")

    assert TranscriberSettings().model_path is None


def test_english_only_check_also_applies_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAST_MODEL_NAME", "tiny.en")
    monkeypatch.setenv("RECAST_LANGUAGE", "fr")

    with pytest.raises(ValidationError, match="English-only"):
        TranscriberSettings()


def test_chunking_and_guard_defaults() -> None:
    settings = TranscriberSettings()

    assert settings.max_chunk_s == 300
    assert settings.no_speech_threshold == 0.6
    assert settings.compression_ratio_threshold == 2.4
    assert settings.word_timestamps is True


def test_a_short_poll_interval_is_allowed_for_tests_but_not_a_silly_one() -> None:
    assert TranscriberSettings(max_poll_interval_ms=3_000).max_poll_interval_ms == 3_000
    with pytest.raises(ValidationError, match="max_poll_interval_ms"):
        TranscriberSettings(max_poll_interval_ms=10)


def test_chunks_are_bounded_both_ways() -> None:
    with pytest.raises(ValidationError, match="max_chunk_s"):
        TranscriberSettings(max_chunk_s=1)
    with pytest.raises(ValidationError, match="max_chunk_s"):
        TranscriberSettings(max_chunk_s=7200)


def test_auto_language_lets_the_model_detect_it() -> None:
    assert TranscriberSettings(language="auto").whisper_language is None
    assert TranscriberSettings().whisper_language == "en"
