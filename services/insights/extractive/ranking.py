"""How good an idea a claim candidate is, from features a recording's candidates are compared on.

Each feature is scaled within the recording (what counts is the rank among this recording's
candidates). The weights are a logistic regression fitted on the eval corpus's dev split
(``python -m bench.ranker``): which candidates a careful reader marked as key ideas. The report
split never enters the fit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from services.insights.extractive.salience import centroid_closeness, lexrank
from services.insights.numbers import has_measurement
from services.insights.sentences import TimedSentence

FEATURES = (
    "centroid closeness",
    "lexrank",
    "claim margin",
    "lexical salience",
    "length",
    "measured figure",
    "leans on context",
    "position",
    "speaker's share",
)
# Fitted by ``python -m bench.ranker`` on the 17 dev recordings with substance (218 candidates; the
# fit does not depend on the L2 strength between 0.1 and 3), normalised to sum 1 in absolute value.
# Replaces hand-set 0.4 / 0.4 / 0.2 centrality-and-margin weights: fitted on nine dev recordings,
# these ranked the other nine better (docs/evaluation.md). What the speaker keeps coming back to
# (centrality), at length, in the voice that holds the floor and later in the talk, is a key idea.
WEIGHTS = np.array([0.156, 0.156, 0.069, 0.093, 0.201, -0.009, -0.017, 0.129, 0.171])


def scaled(values: NDArray[np.floating] | Sequence[float]) -> NDArray[np.float64]:
    """Min-max within the recording: what counts is the rank among this recording's candidates."""
    values = np.asarray(values, dtype=np.float64)
    spread = float(values.max() - values.min()) if values.size else 0.0
    return (values - values.min()) / spread if spread > 0 else np.ones_like(values)


def candidate_features(
    texts: Sequence[str],
    spans: Sequence[tuple[int, int]],
    lexical: Sequence[float],
    leans_on_context: Sequence[bool],
    vectors: NDArray[np.float32],
    margins: NDArray[np.float64],
    sentences: Sequence[TimedSentence],
) -> NDArray[np.float64]:
    """One row per candidate, one column per name in ``FEATURES``."""
    said_by: dict[str | None, int] = {}
    for sentence in sentences:
        said_by[sentence.speaker] = said_by.get(sentence.speaker, 0) + 1
    total_time = max(sentences[-1].end, 1e-6) if sentences else 1.0
    columns = [
        scaled(centroid_closeness(vectors)),
        scaled(lexrank(vectors)),
        scaled(margins),
        scaled(lexical),
        scaled([np.log1p(len(text.split())) for text in texts]),
        np.array([float(has_measurement(text)) for text in texts]),
        np.array([float(flag) for flag in leans_on_context]),
        np.array([sentences[first].start / total_time for first, _ in spans]),
        scaled([said_by.get(sentences[first].speaker, 0) / len(sentences) for first, _ in spans]),
    ]
    return np.stack(columns, axis=1) if texts else np.zeros((0, len(FEATURES)))


def scores(features: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(features @ WEIGHTS, dtype=np.float64)
