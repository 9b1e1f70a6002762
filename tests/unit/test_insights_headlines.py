from services.insights.extractive.headlines import headlines
from tests.unit.insight_fakes import BagOfWordsEmbedder


def test_the_headline_is_the_clause_closest_to_the_whole_quote() -> None:
    quote = (
        "I mean, pricing pages rarely matter much, onboarding emails decide every renewal, "
        "because onboarding shapes renewal."
    )

    [headline] = headlines([quote], BagOfWordsEmbedder())

    # Both statements stand alone; the one sharing the most of the quote's words carries it.
    assert headline == "Onboarding emails decide every renewal"


def test_a_quote_with_no_clause_that_stands_alone_has_no_headline() -> None:
    embedder = BagOfWordsEmbedder()

    assert headlines(["Which meant that, you know, if it was, um.", "Okay."], embedder) == ["", ""]
    assert embedder.calls == []
