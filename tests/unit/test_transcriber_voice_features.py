"""The speaker encoder's Mel spectrogram, computed without librosa, is resemblyzer's own."""

from __future__ import annotations

import numpy as np
import pytest
from resemblyzer.audio import wav_to_mel_spectrogram

from services.transcriber.voice_features import BLOCK_FRAMES, HOP, SAMPLE_RATE, mel_spectrogram


@pytest.mark.filterwarnings("ignore:n_fft=400 is too large")  # librosa's note on the shortest input
@pytest.mark.parametrize(
    "samples",
    [
        10,  # shorter than one FFT window
        2 * SAMPLE_RATE,  # the warm-up's noise
        BLOCK_FRAMES * HOP,  # one block exactly
        61 * SAMPLE_RATE + 77,  # several blocks and a ragged end
    ],
)
def test_mel_spectrogram_equals_resemblyzers(samples: int) -> None:
    rng = np.random.default_rng(samples)
    wav = (rng.normal(0, 0.1, samples) * np.linspace(0.05, 1.0, samples)).astype(np.float32)

    expected = wav_to_mel_spectrogram(wav)  # librosa underneath
    found = mel_spectrogram(wav)

    assert found.shape == expected.shape
    assert found.dtype == np.float32
    np.testing.assert_allclose(found, expected, rtol=1e-5, atol=1e-9)


def test_silence_has_no_energy() -> None:
    assert not mel_spectrogram(np.zeros(SAMPLE_RATE, dtype=np.float32)).any()
