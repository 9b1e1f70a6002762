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


def test_a_marked_digression_runs_on_until_its_speaker_says_they_are_back() -> None:
    # A bakery podcast nobody here had written: the story of a birthday cake went on for three more sentences.
    sentences = _said(
        ("S1", "Okay, speaking of letters, a little personal thing, my son turned seven on Saturday."),
        ("S1", "He wanted a birthday cake shaped like a garbage truck."),
        ("S1", "And this garbage truck was the hardest thing I made all year, the arm kept snapping off."),
        ("S1", "Anyway, quick break, and then the one that really got me yelled at."),
        ("S1", "We used to be open seven to six, because that's what a bakery does."),
        # Whisper split the marked sentence: its second half is the digression too.
        ("S2", "Tiny tangent, but we had a bid last year where the owner called us."),
        ("S2", "We just never opened your email, he said."),
        ("S2", "Anyway, where was I?"),
    )

    assert digressions(sentences) == {0, 1, 2, 5, 6}


def test_a_digression_that_never_comes_back_is_only_its_marked_sentence() -> None:
    sentences = _said(
        ("S1", "Side note, I finally bought a decent chair this week."),
        ("S1", "Write the rubric before you meet anyone."),
        ("S1", "Score every candidate against it the same day."),
        ("S2", "Anyway, that's what we do too."),
        # The talk's next point ends a digression too, though "anyway" comes after it.
        ("S1", "Quick tangent, I once spent a quarter building a health score nobody looked at."),
        ("S1", "The second thing, we run an executive check-in at day sixty."),
        ("S1", "Anyway, back to the point, churn went from eighteen to nine percent."),
    )

    assert digressions(sentences) == {0, 4}


def test_a_marker_said_as_a_sentence_of_its_own_opens_the_story_after_it() -> None:
    # A beekeeping podcast nobody here had written: the grandfather's story became a pillar ("He cried when she went").
    sentences = _said(
        ("S2", "It is, yeah."),
        ("S2", "My grandfather, sorry, tangent."),
        ("S2", "My grandfather kept bees in Ohio and he named every single queen."),
        ("S2", "He cried when she went."),
        ("S2", "Anyway, where was I?"),
        ("S1", "Spring, I think."),
        # Words that only set something aside are no digression.
        ("S2", "Set the honey money aside."),
        ("S2", "Our second year went off on a tangent."),
    )

    assert digressions(sentences) == {1, 2, 3}


def test_a_story_opened_by_speaking_of_or_funny_story_is_a_digression_only_when_the_speaker_comes_back() -> None:
    # A driving-school podcast nobody here had written: the host's "A ghost?" came inside the story, and the story
    # ended on "but I digress"; a pillar was "He just stands at the second exit".
    sentences = _said(
        (
            "S2",
            "We teach on the real routes, and speaking of test routes, funny story, there's a goose near the centre.",
        ),
        ("S1", "A goose?"),
        ("S2", "One goose, he just stands at the second exit, and he has failed more people than the examiners."),
        ("S2", "We called him Gerald, it's a whole thing, but I digress."),
        ("S2", "Real roads at real times, that's the point."),
        # The same words going on with the talk, nobody saying they are back: no digression.
        ("S2", "Speaking of real roads, we book every lesson at the hour the test would be."),
        ("S2", "The pass rate went from forty eight to seventy one percent in a year."),
        ("S1", "That's a big jump for one change, honestly, I did not expect it to be that large."),
    )

    assert digressions(sentences) == {0, 1, 2, 3}


def test_another_voice_saying_more_than_a_reaction_takes_the_talk_back() -> None:
    sentences = _said(
        ("S2", "Sorry, side note, my dog climbed into the heat pack drawer on Sunday."),
        ("S1", "Which is exactly why we stopped using heat packs, because patients never did their exercises at home."),
        ("S2", "Okay, back to it."),
    )

    assert digressions(sentences) == {0}


def test_a_sentence_that_says_it_has_nothing_to_do_with_the_talk_opens_a_digression() -> None:
    # An astronomy podcast nobody here had written: the car at the mechanic gave the lead magnet its keyword ("wrong
    # part") and the article a pillar ("They ordered the wrong part").
    sentences = _said(
        ("S1", "Oh, sorry, speaking on the email, a quick thing that has nothing to do with anything."),
        ("S1", "My car has been at the mechanic for three weeks, because they ordered the wrong part, twice."),
        ("S1", "So if anyone knows the fuel pump on a 2014 hatchback, please, I'm begging you."),
        ("S1", "Right."),
        ("S1", "Anyway."),
        ("S1", "Your eyes need about twenty minutes in proper darkness before they adapt."),
        # Something else having nothing to do with a cause is a claim.
        ("S1", "Seeing more stars has nothing to do with the price of the telescope you bought."),
    )

    assert digressions(sentences) == {0, 1, 2, 3}


def test_which_reminds_me_opens_a_story_the_speaker_comes_back_from() -> None:
    # A blood drive talk nobody here had written: "Which reminds me, my daughter gave blood for the first time last
    # spring" named a pillar; the speaker closed the story with "Anyway".
    sentences = _said(
        ("S1", "Which reminds me, my daughter gave blood for the first time last spring, she's 17."),
        ("S1", "She was so proud she wore the sticker for four days."),
        ("S1", "Anyway."),
        ("S1", "A thank-you call in the first week brought back half of the first-time donors."),
    )

    assert digressions(sentences) == {0, 1}
