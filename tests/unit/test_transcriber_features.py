"""Whisper's features computed a block at a time are the library's features."""

from __future__ import annotations

import numpy as np
import pytest
from faster_whisper.feature_extractor import FeatureExtractor

from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.features import BLOCK_FRAMES, BlockwiseFeatureExtractor

HOP = 160


@pytest.mark.parametrize(
    "samples",
    [
        SAMPLE_RATE,  # the warm-up's one second: a single, partial block
        BLOCK_FRAMES * HOP,  # exactly one block of frames (plus the padding frame)
        2 * BLOCK_FRAMES * HOP + 37,  # blocks and a ragged end
        95 * SAMPLE_RATE + 123,
    ],
)
def test_blockwise_features_equal_the_librarys(samples: int) -> None:
    rng = np.random.default_rng(samples)
    # Speech-like loudness that changes over time, so the normalisation by the maximum matters.
    audio = (rng.normal(0, 0.1, samples) * np.linspace(0.01, 1.0, samples)).astype(np.float32)

    expected = FeatureExtractor()(audio)
    found = BlockwiseFeatureExtractor()(audio)

    assert found.shape == expected.shape
    assert found.dtype == np.float32
    np.testing.assert_allclose(found, expected, rtol=0, atol=1e-6)


def test_chunk_length_is_honoured_as_the_library_does() -> None:
    library, blockwise = FeatureExtractor(), BlockwiseFeatureExtractor()
    audio = np.zeros(2 * SAMPLE_RATE, dtype=np.float32)

    library(audio, chunk_length=20)
    blockwise(audio, chunk_length=20)

    assert (
        (blockwise.n_samples, blockwise.nb_max_frames)
        == (library.n_samples, library.nb_max_frames)
        != (
            FeatureExtractor().n_samples,
            FeatureExtractor().nb_max_frames,
        )
    )


def test_silence_gives_the_librarys_floor() -> None:
    audio = np.zeros(3 * SAMPLE_RATE, dtype=np.float32)
    np.testing.assert_array_equal(BlockwiseFeatureExtractor()(audio), FeatureExtractor()(audio))
