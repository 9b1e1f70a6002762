"""Key phrases said as noun phrases: the English tagger that ships in a package, and the engine's use of it."""

from __future__ import annotations

import pytest

from services.insights.extractive.engine import ExtractiveEngine, Limits
from services.insights.extractive.headlines import HeardQuote, headlines
from services.insights.grammar import Grammar, Word
from services.insights.keyphrases import key_phrases
from tests.unit.insight_fakes import BagOfWordsEmbedder
from tests.unit.test_insights_extractive import (
    ANY_CLAIM,
    TALK,
    UNSURE_APART,
    _worded_talk,
    heard_unsurely,
    transcript,
)


@pytest.fixture(scope="module")
def english() -> Grammar:
    return Grammar.english()


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
        # A determiner after a participle opens its object, not the phrase; after a preposition it may.
        ("written the day", "A runbook written the day after an incident is a record.", False),
        ("cost of the delay", "The cost of the delay was two customers.", True),
        ("churn reduction", "Nobody here said it.", False),
    ],
)
def test_a_phrase_is_a_noun_phrase_by_how_the_sentence_said_it(
    english: Grammar, phrase: str, sentence: str, noun_phrase: bool
) -> None:
    assert english.is_noun_phrase(phrase, sentence) is noun_phrase


@pytest.mark.parametrize(
    ("clause", "sentence", "stands"),
    [
        # A verb with its subject, an order, a whole noun phrase: each states something.
        ("We moved the test key to the first screen", "So we moved the test key to the first screen, no card.", True),
        ("Delete the thin pages", "Delete the thin pages, then update the old posts.", True),
        ("One question per page", "So, update old posts, one question per page, delete thin pages.", True),
        # A predicate whose subject stayed behind, a noun phrase cut short, no verb or noun at the head.
        ("Said it was a great lie", "The president said it was a great lie about the plan.", False),
        ("The trade deal signed", "The trade deal signed by the last government is the worst deal we made.", False),
        ("Not from a keyword tool", "We pulled the questions from support tickets, not from a keyword tool.", False),
        ("Still in the same role", "We check whether our champion is there, still in the same role.", False),
        # A verb cut off from everything that completes it says nothing; one completed inside may be followed by
        # more that the parser hangs on it.
        ("The advice I keep giving founders is", "The advice I keep giving founders is that the docs ship.", False),
        ("Most teams believe", "Most teams believe that more content means more leads.", False),
        ("We need a Supreme Court", "We need a Supreme Court that in my opinion is going to uphold it.", True),
        # ... and an object that only points back at what was said before says nothing either.
        (
            "I learned that when we built a whole feature",
            "I learned that when we built a whole feature because 20 people said they'd pay for it and then two did.",
            False,
        ),
        ("We fixed the onboarding emails", "We fixed the onboarding emails last spring.", True),
        ("We read them out before anyone talks", "We read them out before anyone talks, every time.", False),
        ("Give it the same week", "Feedback saved for the annual review comes too late, give it the same week.", False),
        # An order said after a comma is an order, though the parser hangs it on the clause before; a bare verb
        # after its subject and "and" is that subject's second verb, not an order.
        ("Write your comments as questions", "And last, write your comments as questions, not orders.", True),
        ("Give feedback the same week", "Saved feedback comes too late, give feedback the same week.", True),
        ("Give feedback the same day", "We review the code and then give feedback the same day.", False),
        # A clause said around a hedge is the clause without it.
        ("We spent six weeks on that cycle", "And we spent, I think, six weeks on that cycle, six weeks.", True),
        # Words the sentence does not say are no clause of it.
        ("We moved the test key", "Nobody said that here.", False),
    ],
)
def test_a_headline_is_a_clause_where_the_sentence_says_it(
    english: Grammar, clause: str, sentence: str, stands: bool
) -> None:
    assert english.is_clause(clause, sentence) is stands


@pytest.mark.parametrize(
    ("clause", "sentence", "states"),
    [
        ("We moved the test key to the first screen", "So we moved the test key to the first screen, no card.", True),
        ("Start with the three questions", "Start with the three questions and buy no software for it.", True),
        # A noun phrase names a topic: under a heading of its own it says nothing about it.
        ("One question per page", "So, update old posts, one question per page, delete thin pages.", False),
        (
            "Our first ten paying customers",
            "Our first ten pilots converted none, and our first ten paying customers, all of them stayed.",
            False,
        ),
        ("Even a small amount", "Charge the first customer something, even a small amount, because it pays.", False),
        ("Said it was a great lie", "The president said it was a great lie about the plan.", False),
        # "Qualified" parses as the one doing the leading; an adjective with no determiner is no subject. A quantifier
        # or a determiner makes one.
        (
            "Qualified leads by 40%",
            "In our own data, cutting the publishing schedule in half-raised, qualified leads by 40%.",
            False,
        ),
        ("Many said no to the plan", "Many said no to the plan.", True),
        ("The rich get richer every year", "The rich get richer every year.", True),
    ],
)
def test_a_clause_states_something_when_a_verb_heads_it(
    english: Grammar, clause: str, sentence: str, states: bool
) -> None:
    assert english.states(clause, sentence) is states


def test_an_idea_whose_only_clause_heard_clearly_is_a_noun_phrase_is_not_stated_by_it(english: Grammar) -> None:
    # Printed alone, as the only words of an idea that may not be quoted, "Even a small amount" tells a reader
    # nothing: such an idea is left out rather than reduced to a topic.
    said = "Charge the first customer something, even a small amount, on the very first day of the pilot."
    talk = _worded_talk([("S1", 0.99, line) for _, line in UNSURE_APART[:2]] + [("S1", 0.99, said)])
    talk = heard_unsurely(talk, -1, ["Charge"], 0.1)
    quote = HeardQuote(said, tuple(w.probability for w in talk.segments[-1].words))
    assert headlines([quote], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2, grammar=english) == [
        "Even a small amount"
    ]
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM, english)
    insights = engine.extract(talk, source_key="k", title="t").insights
    assert insights and not any(insight.start == 12.0 for insight in insights)


@pytest.mark.parametrize(
    ("clause", "sentence", "named"),
    [
        (
            "They attract people who never intend to pay",
            "Free pilots feel safe, but they attract people who never intend to pay.",
            "[Free pilots] attract people who never intend to pay",
        ),
        (
            "He started his campaign on the border",
            "When you look at what Donald has been proposing, he started his campaign on the border.",
            "[Donald] started his campaign on the border",
        ),
        # A contracted pronoun points back as much; its verb is spelt out (a bakery podcast nobody here had written).
        (
            "They'd get it for half",
            "What happened is our regulars figured out that if they waited a day, they'd get it for half.",
            "[Our regulars] would get it for half",
        ),
        (
            "They've stopped asking for discounts",
            "Our best customers got the new price first, and they've stopped asking for discounts.",
            "[Our best customers] have stopped asking for discounts",
        ),
        (
            "They'd already left for a competitor",
            "Our customers were angry, and they'd already left for a competitor.",
            "[Our customers] had already left for a competitor",
        ),
        # A topic set before the clause and said again as its subject pronoun, with what the relative clause says of
        # it (a tailor's podcast nobody here had written: its title was "They Come Back With the Jacket").
        (
            "they come back with the jacket",
            "And the people who take the class, they learn how hard the real stuff is, and they come back with the "
            "jacket, the lined coat, the jobs that pay.",
            "[The people who take the class] come back with the jacket",
        ),
        # Nothing earlier in the sentence to point to, or nothing that agrees: the clause stays as said.
        (
            "They have no reason to make it easy",
            "Two years in, when you want to leave, they have no reason to make it easy.",
            "They have no reason to make it easy",
        ),
        (
            "He never answered a ticket",
            "The vendors we picked were cheap, and he never answered a ticket.",
            "He never answered a ticket",
        ),
        # A person the clause just before spoke of stands nearer than the plural further back, singular as they are (a
        # fencing club webinar nobody here had written, fortieth round: "[The 2 mag strips] fence with their off-hand"
        # titled its article).
        (
            "they fence with their off-hand",
            "So now the two back strips are only for people in their first year, and if a veteran wants to fence a "
            "beginner, they fence with their off-hand.",
            "they fence with their off-hand",
        ),
        # A pronoun that is not the subject, or "it", is left alone.
        (
            "We read them out before anyone talks",
            "Scores come first, and we read them out before anyone talks.",
            "We read them out before anyone talks",
        ),
    ],
)
def test_a_pronoun_opening_a_headline_names_what_the_sentence_said_it_points_to(
    english: Grammar, clause: str, sentence: str, named: str
) -> None:
    assert english.naming_its_subject(clause, sentence) == named


def test_the_engine_headlines_a_clause_and_names_the_subject_it_points_to(english: Grammar) -> None:
    quotes = [
        HeardQuote("Free pilots feel safe, but they attract people who never intend to pay."),
        HeardQuote("We pulled the questions from support tickets, not from a keyword tool."),
    ]
    assert headlines(quotes, BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2, grammar=english) == [
        "[Free pilots] attract people who never intend to pay",
        "We pulled the questions from support tickets",
    ]


def test_a_repeated_verb_and_object_is_no_key_phrase_but_a_repeated_topic_is(english: Grammar) -> None:
    sentences = [
        "We raised prices twice last year.",
        "After we raised prices, the win rate did not move.",
        "The win rate is the number I watch.",
        "Training is how you make police safer.",
        "Nobody can make police safer overnight.",
    ]
    assert sorted(key_phrases(sentences, top=5)) == ["police safer", "raised prices", "win rate"]
    assert key_phrases(sentences, top=5, grammar=english) == ["win rate"]


def test_a_person_talked_about_is_no_key_phrase_but_the_topic_is(english: Grammar) -> None:
    sentences = [
        "Hillary Clinton signed the trade deals everyone hates.",
        "The trade deals cost this state its factories.",
        "And Hillary Clinton wanted the wall too.",
    ]
    assert sorted(key_phrases(sentences, top=5)) == ["hillary clinton", "trade deals"]
    assert key_phrases(sentences, top=5, grammar=english) == ["trade deals"]
    # A product or an organisation is something a reader searches for.
    assert not english.names_a_person("Google Analytics", "We use Google Analytics for every campaign.")


class _OneVerb:
    """A parser that reads every sentence as one verb, neither a noun phrase nor a clause with a subject:
    which transcripts the engine has it read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, text: str) -> list[Word]:
        self.read.append(text)
        return [Word(0, len(text), "VBD", "ROOT", 0)]


@pytest.mark.parametrize(("language", "read"), [("en", True), ("de", False)])
def test_the_engine_reads_the_grammar_of_english_transcripts_only(language: str, read: bool) -> None:
    parser = _OneVerb()
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM, Grammar(parser))
    spoken = transcript(TALK).model_copy(update={"language": language})
    insight_set = engine.extract(spoken, source_key="k", title="t")
    assert bool(parser.read) is read
    assert bool(insight_set.keywords) is not read
    assert any(insight.headline for insight in insight_set.insights) is not read


def test_a_statement_names_an_idea_before_a_noun_phrase_closer_to_its_words(english: Grammar) -> None:
    quote = "Don't ghost anyone, give one concrete reason, one concrete reason per rejected candidate."

    [headline] = headlines(
        [HeardQuote(quote)], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2, grammar=english
    )

    # "One concrete reason per rejected candidate" shares more of the quote's words, but names a topic only.
    assert headline == "Give one concrete reason"


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Charge the first customer something, even a small amount.", True),
        ("Yes, even more so, charge the first customer something.", True),
        ("Don't discount before the buyer asks. It only sets the floor.", True),
        ("You should charge the first customer something.", False),
        ("We charge every customer something from day one.", False),
    ],
)
def test_an_order_is_a_base_verb_with_no_subject(english: Grammar, text: str, order: bool) -> None:
    assert english.is_order(text) is order


def test_an_idea_heard_too_unclearly_to_quote_is_not_named_by_a_noun_phrase(english: Grammar) -> None:
    # Its quote is not printed, so its headline stands alone as a pillar or a list line: "The pronunciation of their
    # name" would name a topic and say nothing of it. Above its quote, the same noun phrase may name it.
    said = "Every speaker does a dry run a week before, slides, clicker, mic, the pronunciation of their name."
    # Said by another voice than the line two before it, so that line is no saying of the same idea to quote instead.
    talk = _worded_talk([("S2", 0.99, line) for _, line in UNSURE_APART[:2]] + [("S1", 0.99, said)])
    talk = heard_unsurely(talk, -1, ["Every", "speaker", "does"], 0.45)
    probabilities = tuple(w.probability for w in talk.segments[-1].words)

    def headline(printed_alone: bool) -> str:
        quote = HeardQuote(said, probabilities, printed_alone=printed_alone)
        [line] = headlines([quote], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2, grammar=english)
        return line

    assert headline(printed_alone=False) == "The pronunciation of their name"
    assert headline(printed_alone=True) == ""
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM, english)
    [unclear] = [i for i in engine.extract(talk, source_key="k", title="t").insights if i.start == 12.0]
    assert not unclear.quote_is_verbatim and unclear.headline == ""


TWO_IDEAS = Limits(
    max_insights=2, min_claim_margin=-1.0, min_recording_substance=-1.0, min_relative_score=0.0, min_content_words=5
)


def test_an_idea_said_twice_is_quoted_by_the_saying_heard_clearly_enough_to_quote_word_for_word(
    english: Grammar,
) -> None:
    # Said twice in a row, the first time with doubt about its words; no clause of the second is short enough to stand
    # alone ("will tell you" waits for what), so it cannot stand in for the first, but the parser reads it as a
    # statement: it is the idea's quote.
    talk = [
        (
            "S2",
            0.85,
            "Your happy customers are the wrong people to interview about lost deals, "
            "churned customers know why deals are lost.",
        ),
        ("S2", 0.99, "A churned customer will tell you in ten minutes what your happy customers will never say."),
    ]
    engine = ExtractiveEngine(BagOfWordsEmbedder(), TWO_IDEAS, english)
    [insight] = engine.extract(_worded_talk(talk), source_key="k", title="t").insights
    assert (insight.quote, insight.quote_is_verbatim) == (talk[1][2], True)
