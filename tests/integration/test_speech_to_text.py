"""Both speech-to-text engines, offline, on speech synthesised with espeak-ng."""

from __future__ import annotations

import difflib
import itertools
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from services.transcriber.audio import SAMPLE_RATE, AudioDecodeError, decode_audio
from services.transcriber.engines import SpeechToText, TranscriptionResult, load_engine
from services.transcriber.settings import TranscriberSettings

pytestmark = pytest.mark.integration

SPOKEN = (
    "Most teams publish too much content. Our pipeline cut review time by forty percent. "
    "Each recording becomes a checklist, a cheat sheet and a framework article."
)
# Words tiny.en hears reliably in espeak-ng's voice; "forty percent" comes back as "40%".
DISTINCTIVE_WORDS = ("teams", "publish", "content", "pipeline", "review", "checklist", "framework", "article")


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed: run scripts/install-system-packages.sh (part of `make setup`)")
    wav = tmp_path_factory.mktemp("speech") / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), SPOKEN], check=True)
    return decode_audio(wav)


@pytest.fixture(scope="module")
def checkpoint_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("checkpoints")


@pytest.fixture(scope="module", params=["faster-whisper", "openai-whisper"])
def engine(request: pytest.FixtureRequest, checkpoint_dir: Path) -> SpeechToText:
    return load_engine(TranscriberSettings(engine=request.param, model_name="tiny.en", checkpoint_dir=checkpoint_dir))


@pytest.fixture(scope="module")
def transcription(engine: SpeechToText, speech: np.ndarray) -> TranscriptionResult:
    return engine.transcribe(speech, "en")


def test_decoded_speech_is_16khz_mono_float(speech: np.ndarray) -> None:
    assert speech.dtype == np.float32
    assert speech.ndim == 1
    assert 7 < len(speech) / SAMPLE_RATE < 15
    assert 0.05 < np.abs(speech).max() <= 1.0


def test_engine_names_itself(engine: SpeechToText) -> None:
    assert engine.engine in ("faster-whisper", "openai-whisper")
    assert engine.model == "tiny.en"


def test_spoken_words_are_transcribed(transcription: TranscriptionResult) -> None:
    text = " ".join(segment.text for segment in transcription.segments).lower()

    assert transcription.language == "en"
    missing = [word for word in DISTINCTIVE_WORDS if word not in text]
    assert not missing, f"{missing} not in {text!r}"


def test_segments_carry_whispers_confidence(transcription: TranscriptionResult) -> None:
    # Clear synthetic speech: decoded with confidence (Whisper retries a window below -1), in windows
    # the model is sure hold speech, and no text compresses like a loop (Whisper's limit is 2.4).
    for segment in transcription.segments:
        assert segment.avg_logprob is not None and -1.0 < segment.avg_logprob < 0, segment
        assert segment.no_speech_prob is not None and 0 <= segment.no_speech_prob < 0.5, segment
        assert segment.compression_ratio is not None and 0.5 < segment.compression_ratio < 2.4, segment


def test_segments_are_ordered_and_inside_the_audio(transcription: TranscriptionResult, speech: np.ndarray) -> None:
    duration = len(speech) / SAMPLE_RATE
    segments = transcription.segments

    assert len(segments) >= 2
    assert all(0 <= s.start <= s.end <= duration for s in segments)
    for earlier, later in itertools.pairwise(segments):
        assert earlier.start < later.start
        assert earlier.end <= later.start + 1e-6, "segments do not overlap"
    assert all(s.text == s.text.strip() and s.text for s in segments)


@pytest.mark.parametrize("engine_name", ["faster-whisper", "openai-whisper"])
def test_word_timestamps_fall_inside_their_segments(engine_name: str, speech: np.ndarray, checkpoint_dir: Path) -> None:
    settings = TranscriberSettings(
        engine=engine_name, model_name="tiny.en", checkpoint_dir=checkpoint_dir, word_timestamps=True
    )

    segments = load_engine(settings).transcribe(speech, "en").segments

    words = [word for segment in segments for word in segment.words]
    assert len(words) >= len(SPOKEN.split()) * 0.8
    for segment in segments:
        assert segment.words, segment
        assert all(segment.start - 0.05 <= w.start <= w.end <= segment.end + 0.05 for w in segment.words)
    assert "".join(w.word for w in segments[0].words).strip() == segments[0].text


@pytest.mark.parametrize("engine_name", ["faster-whisper", "openai-whisper"])
def test_the_same_audio_gives_the_same_words_even_when_whisper_samples(
    engine_name: str, speech: np.ndarray, checkpoint_dir: Path
) -> None:
    # No window's average log-probability reaches 0, so every window is decoded again at each higher temperature,
    # which samples: the path a real recording takes on its unsure windows.
    settings = TranscriberSettings(
        engine=engine_name, model_name="tiny.en", checkpoint_dir=checkpoint_dir, log_prob_threshold=0.0
    )
    engine = load_engine(settings)

    first, second = (engine.transcribe(speech, "en").segments for _ in range(2))

    assert first and first == second


# Distinct sentences for ~35 s: the same clip said three times reads as a decoding loop to Whisper's
# compression-ratio guard, whose fallback then samples at random and can drop a whole window.
LONGER_SPOKEN = (
    SPOKEN + " Sales teams ask for the numbers behind every claim, so we print them next to the quote. "
    "A good checklist fits on one page and names a single owner for every step. "
    "We measure articles by citations and checklists by the leads they bring in each month. "
    "Nobody on the team has to watch the recording again to find the best moments. "
    "The writers keep the speaker's own words and add the timestamp after each quote."
)


@pytest.fixture(scope="module")
def long_speech(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    wav = tmp_path_factory.mktemp("long-speech") / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), LONGER_SPOKEN], check=True)
    return decode_audio(wav)


def test_features_computed_a_block_at_a_time_change_no_word(long_speech: np.ndarray) -> None:
    """The engine's memory-saving feature extractor against faster-whisper's own, on speech long
    enough for two of its blocks: the same features to the last bit or so, and the same words. The
    features differ in the last bit of a few values (a matrix product summed in another order). On
    AVX-512 machines that only tipped Whisper's choice between two neighbouring 20 ms timestamps; on
    an AVX2-only EPYC it also tips a few of tiny.en's words ("40%" or "40 percent"), so the words are
    held to nearly all, and the features, which are what this extractor computes, exactly."""
    from faster_whisper.feature_extractor import FeatureExtractor

    from services.transcriber.engines import FasterWhisperEngine
    from services.transcriber.features import BlockwiseFeatureExtractor

    assert len(long_speech) / SAMPLE_RATE > 31  # past the first 30 s block of frames
    engine = load_engine(TranscriberSettings(model_name="tiny.en"))
    assert isinstance(engine, FasterWhisperEngine)
    assert isinstance(engine._model.feature_extractor, BlockwiseFeatureExtractor)

    library_extractor = FeatureExtractor(**engine._model.feat_kwargs)
    ours, theirs = engine._model.feature_extractor(long_speech), library_extractor(long_speech)
    assert ours.shape == theirs.shape
    assert float(np.abs(ours - theirs).max()) <= 1e-5

    blockwise = engine.transcribe(long_speech, "en").segments
    engine._model.feature_extractor = library_extractor
    library = engine.transcribe(long_speech, "en").segments

    assert len(blockwise) >= 3
    ours_said, theirs_said = (" ".join(s.text for s in segments).split() for segments in (blockwise, library))
    assert difflib.SequenceMatcher(None, ours_said, theirs_said).ratio() >= 0.9, (ours_said, theirs_said)


def test_english_only_model_refuses_another_language(engine: SpeechToText, speech: np.ndarray) -> None:
    with pytest.raises(ValueError, match="English-only"):
        engine.transcribe(speech[:SAMPLE_RATE], "de")


def test_converted_checkpoint_matches_ctranslate2(speech: np.ndarray, checkpoint_dir: Path) -> None:
    """The openai-whisper encoder on converted weights computes what CTranslate2 computes."""
    import ctranslate2
    import torch
    import whisper

    from services.transcriber.convert import ensure_openai_checkpoint

    model_dir = TranscriberSettings(model_name="tiny.en").ct2_model_dir
    converted = whisper.load_model(str(ensure_openai_checkpoint(model_dir, checkpoint_dir)), device="cpu")
    mel = whisper.log_mel_spectrogram(torch.from_numpy(whisper.pad_or_trim(speech)))[None]
    with torch.no_grad():
        ours = converted.encoder(mel).numpy()
    reference = ctranslate2.models.Whisper(str(model_dir), device="cpu", compute_type="float32")
    theirs = np.array(reference.encode(ctranslate2.StorageView.from_array(np.ascontiguousarray(mel.numpy()))))

    assert ours.shape == theirs.shape == (1, 1500, 384)
    np.testing.assert_allclose(ours, theirs, atol=1e-3)


def test_a_text_file_is_not_audio(tmp_path: Path) -> None:
    notes = tmp_path / "notes.mp3"
    notes.write_text("This is not audio, whatever its name says.\n" * 20)

    with pytest.raises(AudioDecodeError, match="could not decode"):
        decode_audio(notes)


def test_a_video_without_sound_has_no_audio_stream(tmp_path: Path) -> None:
    silent_video = tmp_path / "silent.mp4"
    picture_only = ["-f", "lavfi", "-i", "testsrc=duration=1:size=64x64:rate=5"]
    subprocess.run(["ffmpeg", "-loglevel", "error", *picture_only, str(silent_video)], check=True)

    with pytest.raises(AudioDecodeError, match="no audio stream"):
        decode_audio(silent_video)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(AudioDecodeError, match="No such file"):
        decode_audio(tmp_path / "missing.wav")


GERMAN = "Die meisten Teams veröffentlichen zu viele Inhalte und messen zu wenig davon."


@pytest.fixture(scope="module")
def german_speech(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    wav = tmp_path_factory.mktemp("german") / "german.wav"
    subprocess.run(["espeak-ng", "-v", "de", "-w", str(wav), GERMAN], check=True)
    return decode_audio(wav)


@pytest.fixture(scope="module", params=["faster-whisper", "openai-whisper"])
def base_engine(request: pytest.FixtureRequest, checkpoint_dir: Path) -> SpeechToText:
    """The multilingual base model, joined from its two packages and (for openai-whisper) converted."""
    return load_engine(
        TranscriberSettings(engine=request.param, model_name="base", language="auto", checkpoint_dir=checkpoint_dir)
    )


def test_base_model_is_multilingual_and_detects_the_language_spoken(
    base_engine: SpeechToText, speech: np.ndarray, german_speech: np.ndarray
) -> None:
    assert (base_engine.model, base_engine.multilingual) == ("base", True)
    german, german_probability = base_engine.detect_language(german_speech)
    english, english_probability = base_engine.detect_language(speech)

    assert german == "de" and german_probability > 0.8
    assert english == "en" and english_probability > 0.8


def test_base_model_transcribes_german_in_german(base_engine: SpeechToText, german_speech: np.ndarray) -> None:
    result = base_engine.transcribe(german_speech, "de")

    text = " ".join(segment.text for segment in result.segments).lower()
    assert result.language == "de"
    assert {"teams", "inhalte", "wenig"} <= set(text.replace(".", " ").split()), text
    assert all(s.avg_logprob is not None and s.avg_logprob < 0 for s in result.segments)


def test_english_only_model_cannot_detect_a_language(engine: SpeechToText, speech: np.ndarray) -> None:
    with pytest.raises(ValueError, match="English-only: it cannot detect"):
        engine.detect_language(speech)
