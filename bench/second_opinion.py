"""Misquotes and recall with the second opinion checking segments below each threshold, side by side.

The split's spoken recordings are transcribed once with every segment checked
(``RECAST_SECOND_OPINION_BELOW=1.01``); for a lower threshold the confirmations of segments whose words
all clear it are dropped again, which is what a transcription at that threshold would keep (up to the
second decoder hearing a segment joined with fewer neighbours). ``below 0`` checks nothing: the gate
as it is without a second opinion. Debate excerpts have no audio and are scored as they are.

    RECAST_SECOND_OPINION=other-model RECAST_SECOND_OPINION_BELOW=1.01 python -m bench.second_opinion --split dev
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from bench.eval import SPLITS, Writers, publish, summarise
from services.insights.extractive import ExtractiveEngine
from services.insights.settings import InsightsSettings
from services.transcriber.second_opinion import needs_checking
from services.transcriber.settings import TranscriberSettings
from shared.events import Transcript
from tests.eval.corpus import SpokenRecording, spoken_corpus

CHECK_BELOW = (0.0, 0.3, 0.5, 0.7, 0.9, 1.01)


def checked_below(spoken: SpokenRecording, below: float) -> SpokenRecording:
    transcript: Transcript = spoken.transcript
    segments = [
        segment
        if needs_checking(segment, below)
        else segment.model_copy(update={"words": [w.model_copy(update={"confirmed": None}) for w in segment.words]})
        for segment in transcript.segments
    ]
    return replace(spoken, transcript=transcript.model_copy(update={"segments": segments}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--below", type=float, action="append", default=[], help="check thresholds")
    args = parser.parse_args()
    settings = TranscriberSettings()
    if settings.second_opinion == "off" or settings.second_opinion_below <= 1:
        raise SystemExit("set RECAST_SECOND_OPINION to a decoder and RECAST_SECOND_OPINION_BELOW=1.01")
    corpus = spoken_corpus(args.split)
    writers = Writers.from_settings()
    engine = ExtractiveEngine.from_settings(InsightsSettings())
    print(f"second opinion: {settings.second_opinion}, split {args.split}")
    print("| segments checked below | recall | precision | misquotes | spoken recordings publishing |")
    print("|---|---|---|---|---|")
    for below in args.below or CHECK_BELOW:
        results = [publish(checked_below(spoken, below), engine, writers) for spoken in corpus]
        summary = summarise(engine.name, args.split, results)
        precision = "n/a" if summary.precision is None else f"{summary.precision:.0%}"
        spoken_publishing = sum(1 for r in results if r.published and not r.slug.startswith("debate-"))
        print(
            f"| {below:.2f} | {summary.key_idea_recall:.0%} | {precision} | {summary.misquotes}/{summary.quotes} | "
            f"{spoken_publishing} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
