"""Self-promotion the pitch rules were not written for, read from the embeddings the engine already has.

The rules (``shared/pitch.py``) know the phrasings they were written around: an ad read, a promo code, "book a
demo". Soft self-promotion is phrased too many ways for a vocabulary ("that's kind of what we do all day, so
come find us"), and on batches written after the rules they caught a fraction of it (docs/evaluation.md). This
is a second opinion: a logistic regression on the e5 vectors of each claim candidate, fitted on the pitch set's
dev split and the eval's dev scripts, with real debate speech as more innocent talk (``python -m bench.pitch
--fit`` writes ``promotion.json``). A candidate it reads as promotion is no idea of the recording, on either rail.
Its bar is high, because a look-alike it refuses ("we stopped discounting at quarter end") is a key idea lost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from services.insights.extractive.embedder import Embedder, Vectors
from services.insights.numbers import reports_what_happened

FITTED = Path(__file__).with_name("promotion.json")


@dataclass(frozen=True)
class PromotionDirection:
    weights: NDArray[np.float64]
    bias: float

    @classmethod
    def fitted(cls, path: Path = FITTED) -> PromotionDirection:
        saved = json.loads(path.read_text())
        return cls(np.asarray(saved["weights"], dtype=np.float64), float(saved["bias"]))

    def save(self, path: Path = FITTED, *, fitted_on: str) -> None:
        path.write_text(
            json.dumps(
                {"fitted_on": fitted_on, "bias": round(self.bias, 6), "weights": np.round(self.weights, 6).tolist()}
            )
            + "\n"
        )

    def probability(self, vectors: Vectors) -> NDArray[np.float64]:
        """For each L2-normalised row, the probability that it promotes something to the listener."""
        if vectors.shape[0] == 0:
            return np.zeros(0)
        return np.asarray(1 / (1 + np.exp(-(vectors.astype(np.float64) @ self.weights + self.bias))), dtype=np.float64)

    def promoting(self, vectors: Vectors, bar: float) -> NDArray[np.bool_]:
        """Which rows read as promotion at ``bar`` or above; a bar of 1 reads none (a saturated probability is 1.0)."""
        if bar >= 1:
            return np.zeros(vectors.shape[0], dtype=bool)
        return self.probability(vectors) >= bar

    def vetoes(self, texts: Sequence[str], vectors: Vectors, bar: float) -> NDArray[np.bool_]:
        """Which texts (embedded as ``vectors``) the direction keeps out as promotion: those it reads as promotion,
        except a figure the speaker saw happen, which every engine keeps as evidence."""
        return self.promoting(vectors, bar) & ~np.array([reports_what_happened(text) for text in texts], dtype=bool)


@dataclass(frozen=True)
class PromotionScreen:
    """The direction with the embedder it was fitted for and its bar, for ideas the engine did not embed itself
    (an LLM's): which texts read as promotion."""

    embedder: Embedder
    direction: PromotionDirection
    bar: float

    def __call__(self, texts: Sequence[str]) -> list[bool]:
        return [bool(vetoed) for vetoed in self.direction.vetoes(texts, self.embedder.embed(texts), self.bar)]


def fit_promotion(vectors: Vectors, is_promotion: NDArray[np.bool_], *, penalty: float = 0.003) -> PromotionDirection:
    """Class-weighted, L2-penalised logistic regression by Newton's method: the same data gives the same direction.

    (Gradient descent oscillates here: e5 vectors share a large common component, so the loss is steep along it.)
    """
    # Scaled up so that the small penalty leaves room for a sharp boundary between unit vectors; a column of ones
    # carries the bias, which is not penalised.
    features = np.hstack([vectors.astype(np.float64) * 10, np.ones((vectors.shape[0], 1))])
    labels = is_promotion.astype(np.float64)
    weights = np.where(is_promotion, (~is_promotion).sum() / max(int(is_promotion.sum()), 1), 1.0) / len(labels)
    ridge = np.diag([penalty] * vectors.shape[1] + [0.0])
    theta = np.zeros(features.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(features @ theta)))
        gradient = features.T @ ((p - labels) * weights) + ridge @ theta
        hessian = (features * (weights * p * (1 - p))[:, None]).T @ features + ridge
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return PromotionDirection(theta[:-1] * 10, float(theta[-1]))
