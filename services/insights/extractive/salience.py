"""How central a sentence is: LexRank over the similarity graph, and closeness to the centres of
the whole recording and of its topic segment. Works on any row-normalised vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

# LexRank's usual settings: edges below this similarity are noise; the random surfer jumps 15 % of the time.
EDGE_THRESHOLD = 0.1
DAMPING = 0.85
ITERATIONS = 60


def lexrank(vectors: NDArray[np.floating]) -> NDArray[np.float64]:
    """Stationary PageRank of the thresholded cosine graph, scaled so the most central sentence is 1."""
    count = vectors.shape[0]
    if count == 0:
        return np.zeros(0)
    similarity = np.asarray(vectors @ vectors.T, dtype=np.float64)
    np.fill_diagonal(similarity, 0.0)
    graph = np.where(similarity >= EDGE_THRESHOLD, similarity, 0.0)
    out_weight = graph.sum(axis=1, keepdims=True)
    transition = np.divide(graph, out_weight, out=np.full_like(graph, 1.0 / count), where=out_weight > 0)
    rank = np.full(count, 1.0 / count)
    for _ in range(ITERATIONS):
        rank = (1 - DAMPING) / count + DAMPING * (transition.T @ rank)
    return rank / rank.max()


def centroid_closeness(vectors: NDArray[np.floating], groups: Sequence[int] | None = None) -> NDArray[np.float64]:
    """Cosine of each row to the mean of its group (all rows when no groups), clipped at 0."""
    count = vectors.shape[0]
    labels = np.zeros(count, dtype=int) if groups is None else np.asarray(groups)
    closeness = np.zeros(count)
    for label in np.unique(labels):
        members = labels == label
        centre = vectors[members].mean(axis=0)
        norm = float(np.linalg.norm(centre))
        if norm:
            closeness[members] = np.clip(vectors[members] @ (centre / norm), 0.0, 1.0)
    return closeness
