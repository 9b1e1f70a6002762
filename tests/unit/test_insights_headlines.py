import dataclasses

from services.insights.extractive.engine import _Candidate, _heard
from services.insights.extractive.headlines import HeardQuote, headlines
from services.insights.sentences import TimedSentence
from tests.unit.insight_fakes import BagOfWordsEmbedder

QUOTE = (
    "I mean, pricing pages rarely matter much, onboarding emails decide every renewal, "
    "because onboarding shapes renewal."
)


def test_the_headline_is_the_clause_closest_to_the_whole_quote() -> None:
    [headline] = headlines([HeardQuote(QUOTE)], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2)

    # Both statements stand alone; the one sharing the most of the quote's words carries it.
    assert headline == "Onboarding emails decide every renewal"


def test_a_passage_is_headlined_by_its_point_not_by_what_continues_it() -> None:
    point = "Second, one email with one ask, two links get fewer clicks on both."
    # The aside shares more of the passage's words than the point does, and would win on closeness alone.
    aside = "I tested two links and one link in one email for two months, and one link won."
    [headline] = headlines(
        [HeardQuote(f"{point} {aside}")], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2
    )
    assert headline == "Two links get fewer clicks on both"
    # A next sentence that turns against the first ("But ...") is the point: every clause competes.
    [headline] = headlines(
        [
            HeardQuote(
                "We grew our email list every single month. "
                "But longer email lists got fewer clicks on every email we sent."
            )
        ],
        BagOfWordsEmbedder(),
        max_doubt=1.0,
        min_word_probability=0.2,
    )
    assert headline == "Longer email lists got fewer clicks on every email we sent"


def test_a_clause_heard_unclearly_is_no_headline() -> None:
    # Every word heard surely except "emails", which Whisper doubted: that clause may not name the idea.
    probabilities = tuple(0.3 if word.startswith("emails") else 0.99 for word in QUOTE.split())

    [headline] = headlines(
        [HeardQuote(QUOTE, probabilities)], BagOfWordsEmbedder(), max_doubt=0.5, min_word_probability=0.2
    )

    assert headline == "Pricing pages rarely matter much"


def test_a_quote_with_no_clause_that_stands_alone_has_no_headline() -> None:
    embedder = BagOfWordsEmbedder()

    assert headlines(
        [HeardQuote("Which meant that, you know, if it was, um."), HeardQuote("Okay.")],
        embedder,
        max_doubt=1.0,
        min_word_probability=0.2,
    ) == ["", ""]
    assert embedder.calls == []


def test_a_clause_that_leaves_out_a_hedge_is_judged_on_its_own_words() -> None:
    quote = "We lost, I think, two accounts out of a couple hundred."
    # Whisper doubted only the hedge, which the headline leaves out.
    probabilities = tuple(0.2 if word.strip(",").lower() in {"i", "think"} else 0.99 for word in quote.split())

    [headline] = headlines(
        [HeardQuote(quote, probabilities)], BagOfWordsEmbedder(), max_doubt=0.5, min_word_probability=0.2
    )

    assert headline == "We lost two accounts out of a couple hundred"


def test_a_clause_with_one_word_under_the_floor_is_no_headline_however_sure_the_rest() -> None:
    # "emails" at 0.15 leaves the clause's expected misheard words under one, but a quote with such a word may not
    # be printed at all: neither may a heading.
    probabilities = tuple(0.15 if word.startswith("emails") else 0.999 for word in QUOTE.split())

    [headline] = headlines(
        [HeardQuote(QUOTE, probabilities)], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2
    )

    assert headline == "Pricing pages rarely matter much"


def test_a_word_whisper_timed_in_pieces_keeps_its_own_probability() -> None:
    # Whisper times "check-in" as "check" and "-in": its words no longer line up one for one with the text's, and
    # each clause used to be judged by the sentence's mean, so a doubted word in it went unseen.
    text = "The monthly check-in is forgetting better for every manager."
    pieces = [" The", " monthly", " check", "-in", " is", " forgetting", " better", " for", " every", " manager."]
    words, cursor = [], 0
    for piece in pieces:
        start = text.index(piece.strip(), cursor)
        cursor = start + len(piece.strip())
        words.append(((start, cursor), 0.1 if piece == " forgetting" else 0.95))
    sentence = TimedSentence(
        text=text,
        start=0.0,
        end=5.0,
        word_probabilities=tuple(probability for _, probability in words),
        word_spans=tuple(span for span, _ in words),
    )

    by_word = sentence.probabilities_by_word

    assert by_word == (0.95, 0.95, 0.95, 0.95, 0.1, 0.95, 0.95, 0.95, 0.95)
    assert headlines([HeardQuote(text, by_word)], BagOfWordsEmbedder(), max_doubt=1.5, min_word_probability=0.2) == [""]


def test_a_sentence_the_speaker_answers_with_but_is_no_headline() -> None:
    granted = "Which sounds kind, you protect the developers from every noisy alert."

    [alone] = headlines([HeardQuote(granted)], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2)
    [answered] = headlines(
        [HeardQuote(granted, granted=granted)], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2
    )

    # Answered next by "But the people writing the code never felt the pain", it says the opposite of the point.
    assert alone == "You protect the developers from every noisy alert"
    assert answered == ""


def test_the_engine_marks_a_quote_its_speaker_answers_next_with_but() -> None:
    lines = [
        ("S1", "A central team carried every pager, which sounds kind."),
        ("S1", "But the developers never felt the pain of their own alerts."),
        ("S2", "But what about the weekends?"),
    ]
    sentences = [TimedSentence(text, 5.0 * n, 5.0 * n + 4, n, n, speaker) for n, (speaker, text) in enumerate(lines)]

    def heard(first: int, last: int) -> HeardQuote:
        text = " ".join(sentence.text for sentence in sentences[first : last + 1])
        return _heard(_Candidate(first, last, text, lexical=0.0, publishable=True), sentences, [True] * len(lines))

    assert heard(0, 0).granted == lines[0][1]
    # The answer itself, and a sentence another voice answers, are not granted.
    assert heard(0, 1).granted == ""
    assert heard(1, 1).granted == ""
    # Nor one whose "but" came after a pitch set aside between them (its segment emptied): that answers the plug.
    sentences[1] = dataclasses.replace(sentences[1], first_segment=2, last_segment=2)
    assert heard(0, 0).granted == ""


def test_a_noun_phrase_listed_after_or_names_one_item_not_the_idea() -> None:
    from services.insights.grammar import Grammar

    # The clause that states the rule was heard too unclearly; the list's last item is no name for it.
    quote = "The rule I teach is never give a concession, ask for a three year term, or a logo on your site."
    probabilities = tuple(0.1 if word in {"rule", "teach", "never", "give", "ask"} else 0.99 for word in quote.split())
    heard = HeardQuote(quote, probabilities)

    [line] = headlines(
        [heard], BagOfWordsEmbedder(), max_doubt=1.0, min_word_probability=0.2, grammar=Grammar.english()
    )

    assert line == ""
