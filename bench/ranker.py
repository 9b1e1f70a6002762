"""Fit the extractive engine's ranking weights on the eval corpus's dev split, and say how well they rank.

Every claim candidate of a dev recording (the engine's own candidates, features and pitch removal,
as the insights service runs it) is labelled by the script: a key idea when its span covers an
annotated key-idea sentence. A logistic regression on the features gives the weights. How well a
set of weights ranks is measured leave-one-recording-out: fitted on the other recordings, the
share of each recording's top four publishable candidates that are key ideas, and the share of its
key ideas some top-four candidate covers. The report split is never read.

    python -m bench.ranker                 # fit on dev, compare with the weights in the code
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression

from bench.eval_scoring import covers
from services.insights.extractive import ExtractiveEngine
from services.insights.extractive.ranking import FEATURES, WEIGHTS
from services.insights.settings import InsightsSettings
from shared.pitch import strip_pitch
from tests.eval.corpus import spoken_corpus

TOP = 4


@dataclass
class Recording:
    slug: str
    features: NDArray[np.float64]
    ideas: list[set[str]]  # per candidate, the key ideas its span covers
    eligible: NDArray[np.bool_]  # publishable single claims above the claim floor: what the ranking chooses among
    key_ideas: int


def labelled_dev() -> list[Recording]:
    settings = InsightsSettings()
    engine = ExtractiveEngine.from_settings(settings)
    recordings = []
    for spoken in spoken_corpus("dev"):
        if spoken.recording.no_substance:
            continue
        transcript, _ = strip_pitch(spoken.transcript)
        scored = engine.scored_candidates(transcript)
        if not scored:
            continue
        ideas = [
            {idea for sentence in spoken.sentences if covers(c.start, c.end, sentence) for idea in sentence.ideas}
            for c in scored
        ]
        eligible = np.array([c.publishable and not c.process and c.margin >= settings.min_claim_margin for c in scored])
        recordings.append(
            Recording(
                spoken.recording.slug,
                np.stack([c.features for c in scored]),
                ideas,
                eligible,
                len(spoken.recording.key_ideas),
            )
        )
    return recordings


def fit(recordings: list[Recording], strength: float) -> NDArray[np.float64]:
    features = np.concatenate([r.features for r in recordings])
    labels = np.concatenate([[bool(ideas) for ideas in r.ideas] for r in recordings])
    model = LogisticRegression(C=strength, class_weight="balanced", max_iter=1000)
    model.fit(features, labels)
    weights = np.asarray(model.coef_[0], dtype=np.float64)
    return weights / np.abs(weights).sum()


def top_quality(recording: Recording, weights: NDArray[np.float64]) -> tuple[int, int, int]:
    """(top candidates on a key idea, top candidates, key ideas covered) for one recording."""
    scores = recording.features @ weights
    order = [i for i in np.argsort(-scores) if recording.eligible[i]][:TOP]
    covered = set().union(*(recording.ideas[i] for i in order)) if order else set()
    return sum(bool(recording.ideas[i]) for i in order), len(order), len(covered)


def tally(recordings: list[Recording], weights_for: Callable[[Recording], NDArray[np.float64]]) -> tuple[float, float]:
    """Top-four precision and key ideas covered over the recordings, each ranked with ``weights_for`` it."""
    hits = shown = covered = ideas = 0
    for recording in recordings:
        h, s, c = top_quality(recording, weights_for(recording))
        hits, shown, covered, ideas = hits + h, shown + s, covered + c, ideas + recording.key_ideas
    return hits / max(shown, 1), covered / max(ideas, 1)


def leave_one_out(recordings: list[Recording], strength: float) -> tuple[float, float]:
    return tally(recordings, lambda held: fit([r for r in recordings if r is not held], strength))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strength", type=float, nargs="+", default=[0.1, 0.3, 1.0, 3.0], help="Inverse L2 penalty.")
    args = parser.parse_args()
    recordings = labelled_dev()
    print(f"dev: {len(recordings)} recordings, {sum(len(r.ideas) for r in recordings)} candidates")
    precision, recall = tally(recordings, lambda _: WEIGHTS)
    print(f"weights in the code: top-{TOP} precision {precision:.0%}, key ideas covered {recall:.0%}")
    left_out = {strength: leave_one_out(recordings, strength) for strength in args.strength}
    for strength, (precision, recall) in left_out.items():
        print(f"fitted, C={strength}: top-{TOP} precision {precision:.0%}, covered {recall:.0%}")
    weights = fit(recordings, max(left_out, key=lambda strength: sum(left_out[strength])))
    print("weights fitted on all of dev (best C):")
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f"  {name:>18}: {weight:+.3f}")
    print("  as code: np.array([" + ", ".join(f"{w:.3f}" for w in weights) + "])")


if __name__ == "__main__":
    main()
