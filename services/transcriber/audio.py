"""Decode any audio or video file to the 16 kHz mono float32 waveform Whisper consumes.

ffmpeg does the decoding and resampling, and Python only ever sees its 16 kHz mono
output: a 3-hour 44.1 kHz stereo upload would be ~1.9 GB as 16-bit PCM, the 16 kHz
mono stream of the same file is ~350 MB.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 16_000
_READ_CHUNK_BYTES = 1 << 20
_STDERR_TAIL_CHARS = 2_000


class AudioDecodeError(Exception):
    """The file could not be decoded to audio: corrupt, not media at all, or without an audio stream."""


def decode_audio(path: Path) -> npt.NDArray[np.float32]:
    """Decode the first audio stream of ``path`` to 16 kHz mono float32 samples in [-1, 1]."""
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
        "-i", str(path),
        "-map", "0:a:0",
        "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE),
        "-",
    ]  # fmt: skip
    # stderr goes to a file, not a pipe: a chatty ffmpeg could fill a pipe nobody drains while
    # we block reading stdout, and both processes would wait on each other forever.
    with tempfile.TemporaryFile() as stderr, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr) as ffmpeg:
        assert ffmpeg.stdout is not None
        pcm = bytearray()
        while chunk := ffmpeg.stdout.read(_READ_CHUNK_BYTES):
            pcm += chunk
        if ffmpeg.wait() != 0:
            stderr.seek(0)
            raise AudioDecodeError(_explain_failure(path, ffmpeg.returncode, stderr.read()))
    if not pcm:
        raise AudioDecodeError(f"{path} has an audio stream but it holds no samples")
    samples = np.frombuffer(pcm, dtype=np.int16, count=len(pcm) // 2).astype(np.float32)
    samples /= 32768.0
    return samples


def _explain_failure(path: Path, returncode: int, stderr: bytes) -> str:
    details = stderr.decode(errors="replace").strip()[-_STDERR_TAIL_CHARS:] or "(ffmpeg printed nothing)"
    if "matches no streams" in details:
        return f"{path} has no audio stream (ffmpeg: {details})"
    return f"ffmpeg could not decode {path} (exit code {returncode}): {details}"
