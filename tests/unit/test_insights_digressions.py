from services.insights.extractive.digressions import digressions
from services.insights.sentences import TimedSentence


def _said(*lines: tuple[str, str]) -> list[TimedSentence]:
    return [
        TimedSentence(text=text, start=4.0 * n, end=4.0 * n + 3, speaker=speaker)
        for n, (speaker, text) in enumerate(lines)
    ]


def test_a_marked_sentence_and_the_turn_answering_a_marked_question_step_off_the_topic() -> None:
    sentences = _said(
        ("S1", "Sorry, total tangent, but didn't you used to run a bakery?"),
        ("S1", "I remember the croissants."),
        ("S2", "I did, for three years, and it taught me more about margins than business school."),
        ("S2", "Flour prices doubled in one winter."),
        ("S1", "Okay, back to hiring."),
        ("S2", "Side note, I finally bought a decent chair this week."),
        ("S2", "Write the rubric before you meet anyone."),
        # The marker may open a later clause, after a greeting the speaker starts with.
        ("S2", "Hi Dave, if you're listening, sorry, tangent, my kids got me into fly fishing."),
        ("S2", "Okay, small aside, my cat once walked across my keyboard and published a page."),
        # ... or the speaker says so once it is said.
        ("S2", "My uncle ran a warehouse in the nineties and he said the same thing, anyway, that's a tangent."),
    )

    assert digressions(sentences) == {0, 2, 3, 5, 7, 8, 9}


def test_the_word_alone_is_no_marker_where_it_does_not_open_the_sentence() -> None:
    sentences = _said(
        ("S1", "Our growth went off on a tangent after the launch and never came back."),
        ("S1", "Pricing is unrelated to churn in every cohort we measured."),
        ("S1", "We tried it twice, and the results were unrelated to the price, as far as we can tell."),
        # Setting something aside returns to the topic.
        ("S1", "Putting that aside, the renewal is where the money is."),
        ("S1", "The feature nobody asked for turned out to be a tangent that cost us a quarter."),
    )

    assert digressions(sentences) == set()
