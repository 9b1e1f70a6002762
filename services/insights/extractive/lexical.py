"""TF-IDF vectors of sentences over their content words: cheap enough for every sentence of an hour."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]


def tfidf_vectors(sentence_words: Sequence[Sequence[str]]) -> Matrix:
    """One L2-normalised row per sentence; a sentence with no content word is a zero row."""
    document_frequency: Counter[str] = Counter()
    for words in sentence_words:
        document_frequency.update(set(words))
    vocabulary = {word: column for column, word in enumerate(sorted(document_frequency))}
    count = len(sentence_words)
    matrix = np.zeros((count, max(1, len(vocabulary))))
    for row, words in enumerate(sentence_words):
        for word, frequency in Counter(words).items():
            idf = math.log((1 + count) / (1 + document_frequency[word])) + 1
            matrix[row, vocabulary[word]] = (1 + math.log(frequency)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
