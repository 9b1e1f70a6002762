"""An insight's headline: the clause of its quote that states the idea on its own, verbatim.

Speech runs on: "I mean, it was under 2% if I remember right, so what we ended up doing, ...".
A writer naming a pillar or titling an article from the first words of such a sentence prints
"I mean". The headline is chosen among the quote's clauses that a reader can take alone
(``shared.clauses``) as the one whose meaning is closest to the whole quote's, measured with the
engine's sentence embeddings.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from services.insights.extractive.embedder import Embedder
from shared.clauses import standalone_clauses


def headlines(quotes: Sequence[str], embedder: Embedder) -> list[str]:
    """Each quote's headline: its standalone clause closest in meaning to the whole quote; "" when none."""
    options = [standalone_clauses(quote) for quote in quotes]
    texts = [text for quote, clauses in zip(quotes, options, strict=True) if clauses for text in (quote, *clauses)]
    vectors = iter(embedder.embed(texts)) if texts else iter(())
    chosen = []
    for clauses in options:
        if not clauses:
            chosen.append("")
            continue
        whole = next(vectors)
        closeness = [float(np.dot(whole, next(vectors))) for _ in clauses]
        chosen.append(clauses[int(np.argmax(closeness))])
    return chosen
