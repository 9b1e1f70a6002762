"""Speak a script: espeak-ng sentence by sentence, one voice per speaker, room noise under it all.

Synthesising each sentence on its own is what gives the ground truth its times: the place of
every script sentence in the final audio is known to the sample, so a quote an engine picks
can be checked against what the script says was said at that moment, not against the ASR text.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import subprocess
import wave
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from tests.eval.corpus.script import EvalRecording, ScriptSentence

SAMPLE_RATE = 22_050  # espeak-ng's own rate; ffmpeg resamples on the way to the upload format
# Pauses people leave: short inside a turn, longer when the other person takes over.
SENTENCE_GAP_S = (0.18, 0.45)
TURN_GAP_S = (0.35, 0.9)
# A quiet room with a laptop fan: speech about 20 dB above the noise floor.
SPEECH_TO_NOISE_DB = 20.0
HUM_HZ = 50.0
# Bump when the audio recipe changes, so cached audio made by the old one is not reused.
RECIPE_VERSION = 1


class TimedSentence(ScriptSentence):
    """A script sentence with where it sits in the recording."""

    start: float = Field(ge=0, description="When the sentence starts, seconds from the start of the recording.")
    end: float = Field(ge=0, description="When it ends, seconds from the start of the recording.")


class SpokenScript(BaseModel):
    model_config = ConfigDict(frozen=True)

    duration_s: float
    sentences: list[TimedSentence]


@functools.cache
def synthesis_tools() -> list[str]:
    """The versions of the programs that make the audio: another espeak-ng or ffmpeg build may speak or encode
    the same script differently, and Whisper's words, and the eval's figures with them, move with small
    changes (docs/evaluation.md, ninth round), so audio from other tools is never reused."""
    versions = []
    for command in (["espeak-ng", "--version"], ["ffmpeg", "-version"]):
        printed = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        versions.append(printed.splitlines()[0] if printed else "")
    return versions


def audio_fingerprint(recording: EvalRecording) -> str:
    """Changes whenever the spoken audio would: the script, the voices, the recipe, or the tools."""
    content = {
        "recipe": RECIPE_VERSION,
        "tools": synthesis_tools(),
        "sentences": [[s.speaker, s.text] for s in recording.sentences],
        "speakers": {name: voice.model_dump() for name, voice in recording.speakers.items()},
        "upload_key": recording.upload_key,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


def speak_sentence(sentence: ScriptSentence, recording: EvalRecording) -> np.ndarray:
    voice = recording.speakers[sentence.speaker]
    spoken = subprocess.run(
        ["espeak-ng", "-v", voice.voice, "-p", str(voice.pitch), "-s", str(voice.speed), "--stdout", sentence.text],
        check=True,
        capture_output=True,
    ).stdout
    with wave.open(io.BytesIO(spoken)) as wav:
        if wav.getframerate() != SAMPLE_RATE or wav.getsampwidth() != 2:
            raise RuntimeError(f"espeak-ng gave {wav.getframerate()} Hz, {wav.getsampwidth() * 8}-bit audio")
        frames = wav.readframes(wav.getnframes())
    # espeak-ng's --stdout header may claim more frames than it wrote; numpy reads what is there.
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0


def room_noise(samples: int, rng: np.random.Generator) -> np.ndarray:
    """Pink-ish fan noise plus a faint mains hum, unit RMS."""
    white = rng.standard_normal(samples).astype(np.float32)
    spectrum = np.fft.rfft(white)
    frequencies = np.fft.rfftfreq(samples, 1 / SAMPLE_RATE)
    spectrum[1:] /= np.sqrt(frequencies[1:])  # 1/f power: a fan, not a hiss
    noise = np.fft.irfft(spectrum, n=samples).astype(np.float32)
    noise /= float(np.sqrt(np.mean(noise**2))) or 1.0
    hum = np.sin(2 * np.pi * HUM_HZ * np.arange(samples) / SAMPLE_RATE).astype(np.float32)
    return noise + 0.3 * hum


def speak(recording: EvalRecording, upload_path: Path) -> SpokenScript:
    """Write the recording as ``upload_path`` (format from its suffix) and say where each sentence is."""
    rng = np.random.default_rng(int(audio_fingerprint(recording), 16) % 2**32)
    pieces: list[np.ndarray] = [np.zeros(int(0.6 * SAMPLE_RATE), dtype=np.float32)]
    position = len(pieces[0])
    timed = []
    previous_speaker = None
    for sentence in recording.sentences:
        if previous_speaker is not None:
            low, high = TURN_GAP_S if sentence.speaker != previous_speaker else SENTENCE_GAP_S
            gap = np.zeros(int(rng.uniform(low, high) * SAMPLE_RATE), dtype=np.float32)
            pieces.append(gap)
            position += len(gap)
        audio = speak_sentence(sentence, recording)
        timed.append(
            TimedSentence(
                **sentence.model_dump(),
                start=round(position / SAMPLE_RATE, 3),
                end=round((position + len(audio)) / SAMPLE_RATE, 3),
            )
        )
        pieces.append(audio)
        position += len(audio)
        previous_speaker = sentence.speaker
    pieces.append(np.zeros(int(0.8 * SAMPLE_RATE), dtype=np.float32))
    speech = np.concatenate(pieces)
    speech_rms = float(np.sqrt(np.mean(speech[np.abs(speech) > 1e-4] ** 2)))
    mixed = speech + room_noise(len(speech), rng) * speech_rms * 10 ** (-SPEECH_TO_NOISE_DB / 20)
    mixed *= 0.7 / max(float(np.max(np.abs(mixed))), 1e-6)
    encode(mixed, upload_path)
    return SpokenScript(duration_s=round(len(mixed) / SAMPLE_RATE, 3), sentences=timed)


def encode(audio: np.ndarray, upload_path: Path) -> None:
    """The mix in the container its upload key names (.mp3, .m4a, .mp4, .mov, .wav), as a user would upload it."""
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
    raw_input = ["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", "pipe:0"]
    lossy = [] if upload_path.suffix.lower() == ".wav" else ["-b:a", "96k"]
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", *raw_input, *lossy, str(upload_path)],
        input=pcm,
        check=True,
        capture_output=True,
    )
