"""Topic segments: TextTiling on lexical vectors, cutting where adjacent windows share the least vocabulary.

Lexical (TF-IDF) vectors rather than embeddings: every sentence of an hour-long transcript takes
part here, and embedding them all would cost far more than the three seconds the stage has.
"""

from __future__ import annotations

import numpy as np

from services.insights.extractive.lexical import Matrix

# Sentences each side of a gap that are compared; a topic shorter than this is not found.
WINDOW = 6
MIN_SEGMENT = 6


def topic_segments(vectors: Matrix) -> list[int]:
    """The topic segment of each sentence (0, 0, 1, 1, 1, 2, ...)."""
    count = vectors.shape[0]
    if count < 2 * MIN_SEGMENT:
        return [0] * count
    gaps = np.arange(1, count)
    similarity = np.array([_window_similarity(vectors, int(gap)) for gap in gaps])
    depth = _depth_scores(similarity)
    # TextTiling's cut-off: valleys deeper than the mean less half a standard deviation.
    cutoff = depth.mean() + 0.5 * depth.std()
    boundaries: list[int] = []
    for gap_index in np.argsort(-depth):
        gap = int(gaps[gap_index])
        if depth[gap_index] <= cutoff:
            break
        edges = [0, *sorted(boundaries), count]
        if all(abs(gap - edge) >= MIN_SEGMENT for edge in edges):
            boundaries.append(gap)
    labels = np.zeros(count, dtype=int)
    for gap in boundaries:
        labels[gap:] += 1
    return [int(label) for label in labels]


def _window_similarity(vectors: Matrix, gap: int) -> float:
    before = vectors[max(0, gap - WINDOW) : gap].sum(axis=0)
    after = vectors[gap : gap + WINDOW].sum(axis=0)
    norm = float(np.linalg.norm(before) * np.linalg.norm(after))
    return float(before @ after) / norm if norm else 0.0


def _depth_scores(similarity: np.ndarray) -> np.ndarray:
    """How far each gap sits below the nearest peaks on its left and right."""
    depth = np.zeros_like(similarity)
    for index, value in enumerate(similarity):
        # Climb only while similarity rises, as TextTiling does, not to the global maximum.
        left = _climb(similarity, index, -1)
        right = _climb(similarity, index, 1)
        depth[index] = (left - value) + (right - value)
    return depth


def _climb(similarity: np.ndarray, index: int, step: int) -> float:
    peak = similarity[index]
    position = index + step
    while 0 <= position < len(similarity) and similarity[position] >= peak:
        peak = similarity[position]
        position += step
    return float(peak)
