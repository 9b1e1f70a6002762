"""The second opinion on real speech with real weights: espeak-ng speaks two clear sentences and one with made-up
words; tiny.en transcribes, base decodes every segment again, and only the made-up stretch goes unconfirmed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from services.transcriber.audio import SAMPLE_RATE, read_wav
from services.transcriber.engines import load_engine
from services.transcriber.second_opinion import confirm_segments, load_second_opinion
from services.transcriber.settings import TranscriberSettings

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

CLEAR = "Most teams publish too much and measure too little."
UNCLEAR = "The glorptastic vendramine cut our churn in half."


def speech(text: str, out: Path) -> Path:
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), text], check=True)
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-i", str(raw), "-ar", str(SAMPLE_RATE), "-ac", "1", str(out)],
        check=True,
    )
    return out


def test_clear_words_are_confirmed_and_made_up_ones_are_not(tmp_path: Path) -> None:
    settings = TranscriberSettings(model_name="tiny.en", second_opinion="other-model", second_opinion_below=1.01)
    opinion = load_second_opinion(settings)
    assert opinion is not None and opinion.engine.model == "base"
    audio = read_wav(speech(f"{CLEAR} {UNCLEAR}", tmp_path / "talk.wav").read_bytes())
    heard = load_engine(settings).transcribe(audio, "en")

    segments = confirm_segments(heard.segments, audio, "en", opinion)

    words = [word for segment in segments for word in segment.words]
    assert words and all(word.confirmed is not None for word in words)  # every segment was checked
    clear = [word for word in words if word.end <= segments[0].end]
    assert "measure" in " ".join(word.word for word in clear).lower(), segments[0].text
    assert sum(bool(word.confirmed) for word in clear) >= 0.8 * len(clear), [(w.word, w.confirmed) for w in clear]
    unclear = [word for word in words if word.start >= segments[-1].start]
    assert any(word.confirmed is False for word in unclear), [(w.word, w.confirmed) for w in unclear]
