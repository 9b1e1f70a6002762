"""Whisper's log-Mel features of a whole chunk, computed a block of frames at a time.

faster-whisper computes the features of everything it is given in one go: for a 300 s chunk the
windowed frames, their spectrum (complex128 first, then a complex64 copy) and its power are each
tens of MB, ~250 MB of RSS at the peak for a result of 9.6 MB. Every frame's spectrum depends only
on its own 400 samples, so computing the spectrum block by block and filling one output array gives
the same features; only the final normalisation needs the whole (its maximum), and it runs on the
small Mel array.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from faster_whisper.feature_extractor import FeatureExtractor

# 30 s of frames per block: each block's intermediates stay under ~10 MB.
BLOCK_FRAMES = 3_000


class BlockwiseFeatureExtractor(FeatureExtractor):
    """faster-whisper's ``FeatureExtractor`` with the same output and a working set of one block."""

    def __call__(
        self, waveform: npt.NDArray[Any], padding: int = 160, chunk_length: int | None = None
    ) -> npt.NDArray[np.float32]:
        if chunk_length is not None:  # as the parent does: the window length the model decodes in
            self.n_samples = chunk_length * self.sampling_rate
            self.nb_max_frames = self.n_samples // self.hop_length
        samples = np.asarray(waveform, dtype=np.float32)
        if padding:
            samples = np.pad(samples, (0, padding))
        # The parent's STFT centres each frame: reflect-pad half a window either side, once.
        half = self.n_fft // 2
        samples = np.pad(samples, (half, half), mode="reflect")
        frame_count = 1 + (len(samples) - self.n_fft) // self.hop_length
        window = np.hanning(self.n_fft + 1)[:-1].astype("float32")
        # The parent drops the last frame; so does this.
        kept = frame_count - 1
        mel = np.empty((self.mel_filters.shape[0], max(kept, 0)), dtype=np.float32)
        for first in range(0, kept, BLOCK_FRAMES):
            last = min(first + BLOCK_FRAMES, kept)
            block = samples[first * self.hop_length : (last - 1) * self.hop_length + self.n_fft]
            spectrum = self.stft(
                block, self.n_fft, self.hop_length, window=window, center=False, return_complex=True
            ).astype("complex64")
            mel[:, first:last] = self.mel_filters @ (np.abs(spectrum) ** 2)
        log_spec = np.log10(np.clip(mel, a_min=1e-10, a_max=None, out=mel), out=mel)
        np.maximum(log_spec, log_spec.max(initial=-np.inf) - 8.0, out=log_spec)
        log_spec += 4.0
        log_spec /= 4.0
        return log_spec
