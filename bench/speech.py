"""Synthesise English test speech with espeak-ng: paragraphs separated by real pauses.

The reference text comes back with the audio, so word error rates can be computed against
it. Pauses between paragraphs give voice activity detection real silences to cut at.

    python -m bench.speech --minutes 10 --out .run/bench/speech-10min.wav
"""

from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000
# espeak-ng's settings that gave the bundled tiny.en its lowest WER (see samples/make_sample.sh).
VOICE, WORDS_PER_MINUTE, WORD_GAP = "en-us", "135", "6"

SENTENCES = (
    "Most teams publish too much content and measure too little of it.",
    "A webinar is the raw material for a month of articles.",
    "Start with the problem your buyer has this week, not the product you sell.",
    "Our pipeline cut review time by forty percent in the first quarter.",
    "Every recording becomes a checklist, a cheat sheet and a framework article.",
    "The best lead magnets answer one question completely.",
    "Write the thesis first, then look for evidence in the transcript.",
    "Customers remember stories far longer than they remember features.",
    "A framework needs a name, a sequence of steps and a reason to exist.",
    "Search traffic follows the questions people ask out loud.",
    "Quote the speaker exactly and link to the moment they said it.",
    "Depth beats volume when the audience is made of experts.",
    "The sales team wants leads, the editors want credibility, and both can win.",
    "We tested three formats and the worksheet converted best.",
    "Nobody reads a long guide that does not promise a clear result.",
    "Interview your own engineers before you interview anyone else.",
    "Good transcripts make good citations, and good citations build trust.",
    "Plan the counter argument before a reader raises it for you.",
    "Keep the call to action out of the thought leadership article.",
    "Each insight should survive being read without its context.",
    "Short paragraphs and plain words carry an idea further.",
    "The podcast audience listens on the train and reads at the desk.",
    "Measure what readers do after they finish, not how many arrived.",
    "A checklist turns advice into something a reader can finish today.",
    "The editor's job is to cut, and the writer's job is to let them.",
    "Repurposing is not copying; every format needs its own shape.",
    "Ask what the speaker believes that most of the industry does not.",
    "Data points need a source, a date and a sentence of interpretation.",
    "The first minute of a webinar is usually the least useful.",
    "Publish fewer pieces and make each of them the best answer available.",
)


@dataclass(frozen=True)
class Speech:
    wav: Path
    text: str
    duration_s: float
    # (start_s, end_s, text) of every paragraph, where it sits in the audio.
    paragraphs: list[tuple[float, float, str]]


def espeak(text: str, workdir: Path) -> np.ndarray:
    """``text`` spoken by espeak-ng, as 16 kHz mono int16 samples."""
    raw = workdir / "paragraph.wav"
    subprocess.run(["espeak-ng", "-v", VOICE, "-s", WORDS_PER_MINUTE, "-g", WORD_GAP, "-w", str(raw), text], check=True)
    pcm = subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(raw), "-f", "s16le", "-ac", "1", "-ar", "16000", "-"],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(pcm, dtype=np.int16)


def write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.astype(np.int16).tobytes())


def synthesize(paragraphs: list[str], out: Path, *, pause_s: float = 1.5, lead_in_s: float = 0.5) -> Speech:
    """Speak each paragraph and join them with ``pause_s`` of silence; returns where each one sits."""
    pieces: list[np.ndarray] = [np.zeros(int(lead_in_s * SAMPLE_RATE), dtype=np.int16)]
    placed: list[tuple[float, float, str]] = []
    cursor = lead_in_s
    with tempfile.TemporaryDirectory(prefix="recast-speech-") as workdir:
        for text in paragraphs:
            spoken = espeak(text, Path(workdir))
            duration = len(spoken) / SAMPLE_RATE
            placed.append((cursor, cursor + duration, text))
            pieces += [spoken, np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.int16)]
            cursor += duration + pause_s
    out.parent.mkdir(parents=True, exist_ok=True)
    write_wav(out, np.concatenate(pieces))
    return Speech(out, " ".join(paragraphs), cursor, placed)


def webinar_paragraphs(minutes: float, seed: int = 7) -> list[str]:
    """Paragraphs of three to five sentences, about ``minutes`` long when spoken."""
    rng = random.Random(seed)
    words_wanted = minutes * int(WORDS_PER_MINUTE) * 0.76  # pauses take the rest of the time
    paragraphs: list[str] = []
    words = 0
    while words < words_wanted:
        paragraph = " ".join(rng.sample(SENTENCES, rng.randint(3, 5)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--out", type=Path, default=Path(".run/bench/speech-10min.wav"))
    args = parser.parse_args()
    speech = synthesize(webinar_paragraphs(args.minutes), args.out)
    args.out.with_suffix(".txt").write_text(speech.text + "\n")
    print(f"{args.out}: {speech.duration_s / 60:.1f} min, {len(speech.text.split())} words")


if __name__ == "__main__":
    main()
