"""The Mel spectrogram resemblyzer's voice encoder reads, computed with numpy alone.

resemblyzer computes it with librosa, whose first call loads numba and llvmlite and compiles: ~180
MB of RSS for the life of the process (measured), more than the encoder and its torch runtime add
on top of Whisper. The spectrogram itself is a short-time Fourier transform and a fixed filter bank,
so this module computes the same numbers (librosa's defaults as resemblyzer calls them: 25 ms Hann
windows every 10 ms, centred with zero padding, power spectrum, 40 Slaney-normalised Mel bands).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 16_000
FFT_SIZE = 400  # 25 ms
HOP = 160  # 10 ms
MEL_BANDS = 40
# A block of frames at a time, so a long span's windowed frames never exist all at once.
BLOCK_FRAMES = 2_000

# The Slaney Mel scale: linear below 1 kHz, logarithmic above.
_LINEAR_HZ_PER_MEL = 200.0 / 3
_LOG_START_HZ = 1000.0
_LOG_START_MEL = _LOG_START_HZ / _LINEAR_HZ_PER_MEL
_LOG_STEP = np.log(6.4) / 27.0


def _hz_to_mel(hz: float) -> float:
    if hz < _LOG_START_HZ:
        return hz / _LINEAR_HZ_PER_MEL
    return float(_LOG_START_MEL + np.log(hz / _LOG_START_HZ) / _LOG_STEP)


def _mel_to_hz(mels: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    hz = _LINEAR_HZ_PER_MEL * mels
    log_part = mels >= _LOG_START_MEL
    hz[log_part] = _LOG_START_HZ * np.exp(_LOG_STEP * (mels[log_part] - _LOG_START_MEL))
    return hz


@cache
def mel_filters() -> npt.NDArray[np.float32]:
    """Triangular filters over the FFT bins, each scaled to unit area (Slaney), as float32."""
    edges = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(SAMPLE_RATE / 2), MEL_BANDS + 2))
    bins = np.fft.rfftfreq(FFT_SIZE, 1.0 / SAMPLE_RATE)
    widths = np.diff(edges)
    ramps = np.subtract.outer(edges, bins)
    filters = np.zeros((MEL_BANDS, len(bins)), dtype=np.float32)
    for band in range(MEL_BANDS):
        rising = -ramps[band] / widths[band]
        falling = ramps[band + 2] / widths[band + 1]
        filters[band] = np.maximum(0, np.minimum(rising, falling))
    filters *= (2.0 / (edges[2 : MEL_BANDS + 2] - edges[:MEL_BANDS]))[:, np.newaxis]
    filters.setflags(write=False)
    return filters


@cache
def _window() -> npt.NDArray[np.float64]:
    # Periodic Hann, as librosa takes it for spectra.
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(FFT_SIZE) / FFT_SIZE)


def mel_spectrogram(wav: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """(frames, 40) float32 power Mel spectrogram of 16 kHz ``wav``: what resemblyzer's
    ``wav_to_mel_spectrogram`` returns, one frame every 10 ms."""
    padded = np.pad(np.asarray(wav, dtype=np.float32), FFT_SIZE // 2)
    frame_count = 1 + (len(padded) - FFT_SIZE) // HOP
    frames = np.lib.stride_tricks.sliding_window_view(padded, FFT_SIZE)[::HOP][:frame_count]
    out = np.empty((frame_count, MEL_BANDS), dtype=np.float32)
    for first in range(0, frame_count, BLOCK_FRAMES):
        block = frames[first : first + BLOCK_FRAMES]
        spectrum = np.fft.rfft(block * _window(), axis=-1).astype(np.complex64)
        out[first : first + len(block)] = (np.abs(spectrum) ** 2) @ mel_filters().T
    return out
