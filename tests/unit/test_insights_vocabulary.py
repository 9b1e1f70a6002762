"""A word the language does not know is a second opinion against the speech-to-text engine's word."""

from __future__ import annotations

from services.insights.vocabulary import doubt_unknown_words
from shared.events import TranscriptSegment
from tests.unit.test_insights_text import worded as worded_at


def worded(start: float, text: str) -> TranscriptSegment:
    """A segment whose every word the engine heard with confidence and nothing checked."""
    return worded_at(start, text, {}, probability=0.97)


def confirmations(segment: TranscriptSegment) -> dict[str, bool | None]:
    return {word.word.strip(): word.confirmed for word in segment.words}


def test_a_confident_word_no_english_word_list_holds_is_not_confirmed() -> None:
    # Whisper's spelling of "the signup form asked": every piece likely, the word itself nobody's.
    [checked] = doubt_unknown_words([worded(0, "The signup foremasked for a credit card.")], "en")
    assert confirmations(checked) == {
        "The": None, "signup": None, "foremasked": False, "for": None, "a": None, "credit": None, "card.": None,
    }  # fmt: skip
    # Its probability stays the engine's: the word list is an opinion beside it, not a correction of it.
    assert {word.probability for word in checked.words} == {0.97}


def test_a_word_said_twice_is_doubted_as_much_as_one_said_once() -> None:
    # The engine spells a sound it cannot place the same way each time ("pull requests" both times).
    talk = [worded(0, "Keep every PolicWest small."), worded(4, "A big PolicWest gets skimmed.")]
    assert [
        [word.word.strip() for word in segment.words if word.confirmed is False]
        for segment in doubt_unknown_words(talk, "en")
    ] == [["PolicWest"], ["PolicWest"]]


def test_acronyms_hyphenated_words_and_possessives_of_known_words_are_known() -> None:
    talk = [worded(0, "Our OKRs need a check-in with the rep's manager, 2x a quarter.")]
    assert doubt_unknown_words(talk, "en") == talk


def test_an_english_word_rarer_than_a_business_talk_uses_is_doubted_but_its_jargon_is_not() -> None:
    # "I love the big number", heard as the rare "lumper"; "crackup" for "crack up". Words teams say stay known.
    assert doubted("They love the big number, I lumper big number, no crackup at all.") == ["lumper", "crackup"]
    assert doubted("Our handoffs, playbooks and the wireframe got a lot of yeses from the recording's viewers.") == []
    # Other languages count inflected forms and compounds apart, so there a rare word is still a word.
    [german] = doubt_unknown_words([worded(0, "Jeder Erstspender bekommt einen Anruf.")], "de")
    assert all(word.confirmed is None for word in german.words)


def test_a_language_without_a_word_list_is_left_as_heard() -> None:
    talk = [worded(0, "The signup foremasked for a credit card.")]
    assert doubt_unknown_words(talk, "haw") == talk
    # Nor is a language written without spaces, whose list needs a word segmenter the service does not ship.
    japanese = [worded(0, "日本語 foremasked")]
    assert doubt_unknown_words(japanese, "ja") == japanese
    # The word lists are per language: an English word is unknown to German, a German one known.
    [german] = doubt_unknown_words([worded(0, "Der Kunde hat die Rechnung foremasked.")], "de")
    assert [word.word.strip() for word in german.words if word.confirmed is False] == ["foremasked."]


def doubted(text: str) -> list[str]:
    [checked] = doubt_unknown_words([worded(0, text)], "en")
    return [word.word.strip(" ,.?") for word in checked.words if word.confirmed is False]


def test_an_ever_nothing_licenses_is_doubted_as_a_never_misheard() -> None:
    # "and it never slips" with the first sound lost: English does not say "ever" there.
    assert doubted("The release train leaves on Thursdays, and it ever slips, which is the point.") == ["ever"]
    assert doubted("Our support queue ever empties before lunch.") == ["ever"]
    assert doubted("We deploy every Monday at noon, and it ever slips.") == ["ever"]
    # Licensed by a negation, a condition, a comparison, a superlative, a question, or a phrase after it.
    for licensed in (
        "If the train ever slips, the whole quarter slips with it.",
        "Nobody on the team ever reads the release notes.",
        "It was the best launch we ever had, by a mile.",
        "We ship more often than ever, and break less.",
        "Did the train ever slip in the first year.",
        "Has anyone here ever run a release train?",
        "We have shipped on Thursdays ever since the outage.",
        "It didn't ever slip, not once.",
        "Every release we ever shipped on a Friday came back on Monday.",
    ):
        assert doubted(licensed) == [], licensed


def test_what_licenses_an_ever_may_lie_in_the_segment_before_it() -> None:
    # Whisper cuts segments mid-sentence: "the most useful page we" | "ever wrote."
    talk = [worded(0, "Honestly it is the most useful page we"), worded(3, "ever wrote. And it ever changes.")]
    assert [
        [word.word.strip(" .") for word in segment.words if word.confirmed is False]
        for segment in doubt_unknown_words(talk, "en")
    ] == [[], ["ever"]]
