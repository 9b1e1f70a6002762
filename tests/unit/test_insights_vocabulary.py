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


def test_a_language_without_a_word_list_is_left_as_heard() -> None:
    talk = [worded(0, "The signup foremasked for a credit card.")]
    assert doubt_unknown_words(talk, "haw") == talk
    # Nor is a language written without spaces, whose list needs a word segmenter the service does not ship.
    japanese = [worded(0, "日本語 foremasked")]
    assert doubt_unknown_words(japanese, "ja") == japanese
    # The word lists are per language: an English word is unknown to German, a German one known.
    [german] = doubt_unknown_words([worded(0, "Der Kunde hat die Rechnung foremasked.")], "de")
    assert [word.word.strip() for word in german.words if word.confirmed is False] == ["foremasked."]
