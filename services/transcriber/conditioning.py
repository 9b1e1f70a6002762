"""Audio conditioning in front of Whisper: an ffmpeg filter over what the model hears, nothing else.

Only the engine's input changes: voice activity detection and the speaker encoder keep reading
the audio as recorded, so chunk cut points and voice embeddings stay what they were. The filter
runs per chunk in one ffmpeg process over float samples, ~0.1 s for a 5-minute chunk.
"""

from __future__ import annotations

import subprocess

import numpy as np

from services.transcriber.audio import SAMPLE_RATE, Waveform


def condition_audio(audio: Waveform, ffmpeg_filter: str) -> Waveform:
    """``audio`` (16 kHz mono float32) after the ffmpeg audio filter chain ``ffmpeg_filter``, same
    length and rate: a filter that changes either would move every timestamp."""
    if not len(audio):
        return audio
    raw = ["-f", "f32le", "-ac", "1", "-ar", str(SAMPLE_RATE)]
    command = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", *raw, "-i", "-"]
    command += ["-af", ffmpeg_filter, *raw, "-"]
    done = subprocess.run(command, input=np.ascontiguousarray(audio, dtype="<f4").tobytes(), capture_output=True)
    if done.returncode != 0:
        raise ValueError(f"ffmpeg filter {ffmpeg_filter!r} failed: {done.stderr.decode(errors='replace').strip()}")
    filtered = np.frombuffer(done.stdout, dtype="<f4").astype(np.float32)
    # Some filters (dynaudnorm among them) hold back or pad a few samples at the edges.
    if len(filtered) >= len(audio):
        return filtered[: len(audio)]
    return np.pad(filtered, (0, len(audio) - len(filtered)))
