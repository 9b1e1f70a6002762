"""Key phrases said as noun phrases: the English tagger that ships in a package, and the engine's use of it."""

from __future__ import annotations

import pytest

from services.insights.extractive.engine import ExtractiveEngine
from services.insights.grammar import PhraseGrammar
from services.insights.keyphrases import key_phrases
from tests.unit.insight_fakes import BagOfWordsEmbedder
from tests.unit.test_insights_extractive import ANY_CLAIM, TALK, transcript


@pytest.fixture(scope="module")
def english() -> PhraseGrammar:
    return PhraseGrammar.english()


@pytest.mark.parametrize(
    ("phrase", "sentence", "noun_phrase"),
    [
        ("win rate", "If the win rate holds after the change, we were too cheap.", True),
        ("raised prices", "Nothing happened after we raised prices in March.", False),
        ("police safer", "Training is how you make police safer in a small town.", False),
        ("monthly check-in", "We replaced it with a monthly check-in, twenty minutes.", True),
        ("war on coal", "They promised more of the same war on coal.", True),
        ("bring back", "We want to bring back the jobs.", False),
        ("written score", "Everyone submits a written score before the debrief.", True),
        ("churn reduction", "Nobody here said it.", False),
    ],
)
def test_a_phrase_is_a_noun_phrase_by_how_the_sentence_said_it(
    english: PhraseGrammar, phrase: str, sentence: str, noun_phrase: bool
) -> None:
    assert english.is_noun_phrase(phrase, sentence) is noun_phrase


def test_a_repeated_verb_and_object_is_no_key_phrase_but_a_repeated_topic_is(english: PhraseGrammar) -> None:
    sentences = [
        "We raised prices twice last year.",
        "After we raised prices, the win rate did not move.",
        "The win rate is the number I watch.",
        "Training is how you make police safer.",
        "Nobody can make police safer overnight.",
    ]
    assert sorted(key_phrases(sentences, top=5)) == ["police safer", "raised prices", "win rate"]
    assert key_phrases(sentences, top=5, grammar=english) == ["win rate"]


class _EveryWordAVerb:
    """A tagger under which nothing is a noun phrase: which transcripts the engine has it read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        self.read.append(text)
        return [(0, len(text), "VB")]


@pytest.mark.parametrize(("language", "read"), [("en", True), ("de", False)])
def test_the_engine_reads_the_grammar_of_english_transcripts_only(language: str, read: bool) -> None:
    tagger = _EveryWordAVerb()
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM, PhraseGrammar(tagger))
    spoken = transcript(TALK).model_copy(update={"language": language})
    keywords = engine.extract(spoken, source_key="k", title="t").keywords
    assert bool(tagger.read) is read
    assert bool(keywords) is not read
