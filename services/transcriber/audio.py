"""Decode any audio or video file to the 16 kHz mono waveform Whisper consumes, in blocks.

ffmpeg does the decoding and resampling, and Python only ever sees its 16 kHz mono
output, a block at a time: a 3-hour 44.1 kHz stereo upload would be ~1.9 GB as 16-bit
PCM, and even its 16 kHz mono stream is ~350 MB, so neither is ever held whole.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

from shared.media_input import input_options, refusal_reason, refused_container

SAMPLE_RATE = 16_000
SAMPLE_BYTES = 2  # signed 16-bit
_STDERR_TAIL_CHARS = 2_000

Pcm = npt.NDArray[np.int16]
Waveform = npt.NDArray[np.float32]


class AudioDecodeError(Exception):
    """The file could not be decoded to audio: corrupt, not media at all, or without an audio stream."""


def stream_pcm(path: Path, block_s: float = 300.0, audio_filter: str = "") -> Iterator[Pcm]:
    """Yield the first audio stream of ``path`` as 16 kHz mono int16 blocks of ``block_s`` seconds
    (the last one shorter), through the ffmpeg audio filter chain ``audio_filter`` if one is given.
    Raises :class:`AudioDecodeError` once ffmpeg fails or finds no samples."""
    # Downmix and resample first, so a filter always works on the 16 kHz mono signal Whisper gets.
    filtering = ["-af", f"aresample={SAMPLE_RATE},aformat=channel_layouts=mono,{audio_filter}"] if audio_filter else []
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
        *input_options(str(path)),
        "-i", str(path),
        "-map", "0:a:0",
        *filtering,
        "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE),
        "-",
    ]  # fmt: skip
    block_bytes = int(block_s * SAMPLE_RATE) * SAMPLE_BYTES
    # stderr goes to a file, not a pipe: a chatty ffmpeg could fill a pipe nobody drains while
    # we block reading stdout, and both processes would wait on each other forever.
    with tempfile.TemporaryFile() as stderr, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr) as ffmpeg:
        assert ffmpeg.stdout is not None
        samples = 0
        while block := ffmpeg.stdout.read(block_bytes):
            usable = len(block) - len(block) % SAMPLE_BYTES
            samples += usable // SAMPLE_BYTES
            yield np.frombuffer(block[:usable], dtype=np.int16)
        if ffmpeg.wait() != 0:
            stderr.seek(0)
            raise AudioDecodeError(_explain_failure(path, ffmpeg.returncode, stderr.read()))
    if not samples:
        raise AudioDecodeError(f"{path} has an audio stream but it holds no samples")


def to_waveform(pcm: Pcm) -> Waveform:
    """int16 samples to the float32 in [-1, 1] Whisper and the VAD take."""
    waveform = pcm.astype(np.float32)
    waveform /= 32768.0
    return waveform


def decode_audio(path: Path) -> Waveform:
    """The whole of ``path`` as one 16 kHz mono float32 array: for short clips only."""
    return to_waveform(np.concatenate(list(stream_pcm(path))))


def wav_bytes(pcm: Pcm) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_BYTES)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.astype("<i2").tobytes())
    return buffer.getvalue()


def read_wav(data: bytes) -> Waveform:
    """A 16 kHz mono 16-bit WAV (what :func:`wav_bytes` writes) as a float32 waveform."""
    with wave.open(io.BytesIO(data), "rb") as source:
        if (source.getnchannels(), source.getsampwidth(), source.getframerate()) != (1, 2, SAMPLE_RATE):
            raise AudioDecodeError("chunk audio must be 16 kHz mono 16-bit WAV")
        return to_waveform(np.frombuffer(source.readframes(source.getnframes()), dtype="<i2"))


def _explain_failure(path: Path, returncode: int, stderr: bytes) -> str:
    details = stderr.decode(errors="replace").strip()[-_STDERR_TAIL_CHARS:] or "(ffmpeg printed nothing)"
    if demuxer := refused_container(details):
        return f"{path}: {refusal_reason(demuxer)}"
    if "matches no streams" in details:
        return f"{path} has no audio stream (ffmpeg: {details})"
    return f"ffmpeg could not decode {path} (exit code {returncode}): {details}"
