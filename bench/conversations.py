"""Synthesise multi-voice conversations with espeak-ng and festival, and where each speaker talks.

Each conversation has one to three voices taking turns of 1 s to ~60 s, mostly with a short
pause between turns and sometimes with the next voice starting before the last one stopped
(crosstalk), over a constant room noise. The turn list is the ground truth the diarization
bench scores against. Everything follows from the seed, so a split is rebuilt identically.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bench.speech import SAMPLE_RATE, SENTENCES, write_wav

Pcm = npt.NDArray[np.int16]


@dataclass(frozen=True)
class Voice:
    """One espeak-ng speaker: a voice with a variant, pitch (0-99) and speed (words a minute)."""

    name: str
    pitch: int
    speed: int

    def synthesize(self, text: str, out: Path) -> None:
        command = ["espeak-ng", "-v", self.name, "-p", str(self.pitch), "-s", str(self.speed), "-w", str(out), text]
        subprocess.run(command, check=True)


@dataclass(frozen=True)
class FestivalVoice:
    """One festival speaker. Unlike espeak-ng's variants, which are one synthesiser with other
    settings, each festival voice is built from a different person's recorded speech."""

    name: str

    def synthesize(self, text: str, out: Path) -> None:
        command = ["text2wave", "-o", str(out), "-eval", f"(voice_{self.name})"]
        subprocess.run(command, input=text, text=True, check=True)


Speaker = Voice | FestivalVoice


# Voices a speaker encoder can tell apart. Screened once on a text of their own (six sentences
# per voice, not the eval conversations): the mean cosine similarity of two voices' windows
# must sit well below each voice's similarity to itself (~0.8). Many espeak-ng variants fail
# that: en-gb+m3, en-gb+m7, en+m4 and en-gb+croak score 0.80-0.82 against each other, i.e.
# they are one voice to the encoder, as are en-us+f3 and en-us+f4 (0.70). Between the five
# kept here the highest is 0.61.
VOICES = (
    Voice("en-us+m1", 25, 140),
    Voice("en-us+f4", 70, 150),
    Voice("en+klatt4", 50, 150),
    Voice("en+f2", 55, 135),
    Voice("en-us+whisperf", 60, 150),
)

# Screened the same way: each festival voice scores 0.82-0.83 against itself; between them, and
# against the espeak-ng voices above, at most 0.66 (kal_diphone and en+klatt4).
FESTIVAL_VOICES = (
    FestivalVoice("kal_diphone"),
    FestivalVoice("ked_diphone"),
    FestivalVoice("cmu_us_slt_arctic_hts"),
)


@dataclass(frozen=True)
class Turn:
    speaker: int
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Conversation:
    wav: Path
    speaker_count: int
    turns: list[Turn]
    duration_s: float


def speak(voice: Speaker, text: str, workdir: Path) -> Pcm:
    raw = workdir / "turn.wav"
    voice.synthesize(text, raw)
    pcm = subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(raw), "-f", "s16le", "-ac", "1", "-ar", "16000", "-"],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(pcm, dtype=np.int16)


def turn_text(rng: random.Random) -> str:
    """From a few words (about a second) to a dozen sentences (about a minute)."""
    if rng.random() < 0.2:
        words = rng.choice(SENTENCES).split()
        return " ".join(words[: rng.randint(2, 4)]).rstrip(",.") + "."
    return " ".join(rng.sample(SENTENCES, rng.choice((1, 2, 3, 4, 6, 9, 12))))


def room_noise(samples: int, rng: np.random.Generator, level: float) -> npt.NDArray[np.float32]:
    """Brown-ish noise (a room's hum and air), not white hiss."""
    white = rng.normal(0, 1, samples).astype(np.float32)
    brown = np.cumsum(white)
    brown -= np.convolve(brown, np.ones(4000) / 4000, mode="same")  # keep it from drifting away
    brown /= max(float(np.abs(brown).max()), 1e-9)
    return ((brown * 0.7 + white / 4 * 0.3) * level).astype(np.float32)


def synthesize_turns(
    script: list[tuple[Speaker, str]], out: Path, *, pause_s: float = 1.0, noise_level: float = 0.01
) -> list[Turn]:
    """A fixed script, voice by voice, with ``pause_s`` between turns over room noise. A turn's
    speaker is the index of its voice's first appearance in the script."""
    order = list(dict.fromkeys(voice for voice, _ in script))
    turns: list[Turn] = []
    pieces: list[Pcm] = [np.zeros(int(0.5 * SAMPLE_RATE), dtype=np.int16)]
    cursor = 0.5
    with tempfile.TemporaryDirectory(prefix="recast-conversation-") as workdir:
        for voice, text in script:
            pcm = speak(voice, text, Path(workdir))
            turns.append(Turn(order.index(voice), round(cursor, 3), round(cursor + len(pcm) / SAMPLE_RATE, 3), text))
            pieces += [pcm, np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.int16)]
            cursor = turns[-1].end + pause_s
    mix = np.concatenate(pieces).astype(np.float32) / 32768
    mix += room_noise(len(mix), np.random.default_rng(0), noise_level)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_wav(out, np.clip(mix * 32767, -32768, 32767))
    return turns


def synthesize_conversation(
    seed: int, out: Path, *, target_s: float = 90.0, pool: Sequence[Speaker] = VOICES
) -> Conversation:
    rng = random.Random(seed)
    speaker_count = rng.choice((1, 2, 2, 3, 3))
    voices = rng.sample(pool, speaker_count)
    cursor = 0.8
    turns: list[Turn] = []
    pieces: list[tuple[int, Pcm]] = []
    with tempfile.TemporaryDirectory(prefix="recast-conversation-") as workdir:
        speaker = 0
        while cursor < target_s:
            text = turn_text(rng)
            pcm = speak(voices[speaker], text, Path(workdir))
            duration = len(pcm) / SAMPLE_RATE
            turns.append(Turn(speaker, round(cursor, 3), round(cursor + duration, 3), text))
            pieces.append((round(cursor * SAMPLE_RATE), pcm))
            # Crosstalk now and then: the next voice starts before this one stops.
            cursor += duration + (rng.uniform(-0.6, -0.2) if rng.random() < 0.15 else rng.uniform(0.3, 1.2))
            if speaker_count > 1:
                speaker = rng.choice([s for s in range(speaker_count) if s != speaker])
    # A voice that the random turn order never (or only once, for a second) gave the floor is still
    # a speaker if it said anything; one that never spoke is not. Number them as they first speak.
    order = list(dict.fromkeys(turn.speaker for turn in turns))
    turns = [Turn(order.index(t.speaker), t.start, t.end, t.text) for t in turns]
    speaker_count = len(order)
    total = max(start + len(pcm) for start, pcm in pieces) + SAMPLE_RATE
    mix = np.zeros(total, dtype=np.float32)
    for start, pcm in pieces:
        mix[start : start + len(pcm)] += pcm.astype(np.float32) / 32768
    noise_rng = np.random.default_rng(seed)
    mix += room_noise(total, noise_rng, level=noise_rng.uniform(0.01, 0.03))
    out.parent.mkdir(parents=True, exist_ok=True)
    write_wav(out, np.clip(mix * 32767, -32768, 32767))
    return Conversation(out, speaker_count, turns, total / SAMPLE_RATE)
