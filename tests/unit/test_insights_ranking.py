import numpy as np

from services.insights.extractive.ranking import FEATURES, candidate_features, scores
from services.insights.sentences import TimedSentence


def test_the_guests_central_point_outranks_a_passing_remark() -> None:
    sentences = [
        TimedSentence("Thanks for having me on.", 0.0, 2.0, speaker="S2"),
        TimedSentence(
            "Renewal is decided in the first two weeks of onboarding, not at the renewal call.", 2.0, 8.0, speaker="S1"
        ),
        TimedSentence("Every account we lost had skipped the onboarding kickoff entirely.", 8.0, 12.0, speaker="S1"),
        TimedSentence("We moved the kickoff into the sales handoff and renewals followed.", 12.0, 16.0, speaker="S1"),
    ]
    texts = [sentence.text for sentence in sentences]
    # Three sentences about one subject, the thanks about nothing: the centroid is theirs.
    vectors = np.array([[0.0, 1.0], [1.0, 0.1], [0.95, 0.2], [0.9, 0.15]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    features = candidate_features(
        texts,
        [(index, index) for index in range(len(sentences))],
        lexical=[0.1, 0.9, 0.7, 0.6],
        leans_on_context=[False] * 4,
        vectors=vectors,
        margins=np.array([-0.05, 0.03, 0.02, 0.01]),
        sentences=sentences,
    )

    assert features.shape == (4, len(FEATURES))
    assert features.min() >= 0.0 and features.max() <= 1.0
    ranked = np.argsort(-scores(features))
    assert ranked[-1] == 0
    assert ranked[0] == 1
