"""Find where people speak, streaming: Silero VAD (the ONNX model bundled with faster-whisper)
over 16 kHz blocks, while the same samples are spooled to a raw PCM file on disk to cut
chunks from afterwards. Memory holds one block, whatever the recording's length."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from faster_whisper.vad import VadOptions, get_speech_timestamps

from services.transcriber.audio import SAMPLE_BYTES, SAMPLE_RATE, Pcm, stream_pcm, to_waveform, wav_bytes
from services.transcriber.planning import SpeechSpan, merge_spans

# One minute: measured on a 3-hour file, the VAD's working set is ~110 MB with 60 s blocks and
# ~375 MB with 600 s ones (and no faster). A span cut by a block boundary ends exactly where the
# next block's begins, and merge_spans joins the two again.
VAD_BLOCK_S = 60.0


@dataclass(frozen=True)
class SpeechMap:
    duration_s: float
    spans: list[SpeechSpan]


def find_speech(source: Path, spool: Path, options: VadOptions, audio_filter: str = "") -> SpeechMap:
    """Decode ``source`` (through the ffmpeg filter ``audio_filter``, if any), write its 16 kHz mono
    PCM to ``spool`` and return where the speech is."""
    spans: list[SpeechSpan] = []
    offset_samples = 0
    with spool.open("wb") as out:
        for block in stream_pcm(source, VAD_BLOCK_S, audio_filter):
            out.write(block.astype("<i2").tobytes())
            for found in get_speech_timestamps(to_waveform(block), options, sampling_rate=SAMPLE_RATE):
                start = (offset_samples + found["start"]) / SAMPLE_RATE
                end = (offset_samples + found["end"]) / SAMPLE_RATE
                spans.append(SpeechSpan(start=round(start, 3), end=round(end, 3)))
            offset_samples += len(block)
    return SpeechMap(duration_s=offset_samples / SAMPLE_RATE, spans=merge_spans(spans))


def warm_up(options: VadOptions) -> None:
    """Load the VAD model and run it once, so a fresh replica's first recording is not also the
    one that pays for loading it (~0.4 s measured on a 3-minute recording)."""
    get_speech_timestamps(np.zeros(SAMPLE_RATE, dtype=np.float32), options, sampling_rate=SAMPLE_RATE)


def chunk_wav(spool: Path, spans: list[SpeechSpan]) -> bytes:
    """The chunk's audio: its spans read from the spooled PCM and laid end to end, as WAV."""
    with spool.open("rb") as pcm:
        pieces = [_read_span(pcm, span) for span in spans]
    return wav_bytes(np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16))


def _read_span(pcm: BinaryIO, span: SpeechSpan) -> Pcm:
    first = round(span.start * SAMPLE_RATE)
    count = round(span.end * SAMPLE_RATE) - first
    pcm.seek(first * SAMPLE_BYTES)
    return np.frombuffer(pcm.read(count * SAMPLE_BYTES), dtype="<i2")
