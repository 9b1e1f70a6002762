"""A stand-in embedder for unit tests: hashed bags of content words, so likeness is word overlap."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from services.insights.extractive.embedder import Vectors
from services.insights.words import content_words

DIM = 384


class BagOfWordsEmbedder:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(len(texts))
        vectors = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_words(text) or ["<empty>"]:
                vectors[row, int(hashlib.sha1(word.encode()).hexdigest(), 16) % DIM] += 1.0
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
