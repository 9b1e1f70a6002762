"""A word Whisper ends one segment inside goes back whole to that segment (services/transcriber/words.py)."""

from __future__ import annotations

from services.transcriber.words import mend_split_words, whole_words
from shared.events import TranscriptSegment, TranscriptWord


def word(start: float, end: float, text: str) -> TranscriptWord:
    return TranscriptWord(start=start, end=end, word=text, probability=0.9)


def segment(*words: TranscriptWord) -> TranscriptSegment:
    return TranscriptSegment(
        start=words[0].start, end=words[-1].end, text="".join(w.word for w in words).strip(), words=list(words)
    )


def test_the_rest_of_a_word_rejoins_the_segment_it_was_cut_from() -> None:
    # As the sample webinar came out of Whisper: "40" | "%?! Wow, okay."
    cut = [
        segment(word(42.3, 43.5, " by"), word(43.5, 45.4, " 40")),
        segment(word(45.4, 46.6, "%?!"), word(46.6, 47.1, " Wow,"), word(47.7, 48.2, " okay.")),
    ]
    first, second = mend_split_words(cut)
    assert (first.text, first.end, [w.word for w in first.words]) == ("by 40%?!", 46.6, [" by", " 40", "%?!"])
    assert (second.text, second.start, [w.word for w in second.words]) == ("Wow, okay.", 46.6, [" Wow,", " okay."])


def test_a_segment_that_was_only_the_rest_of_a_word_goes_away() -> None:
    cut = [segment(word(0.0, 1.0, " Forty")), segment(word(1.0, 1.5, "-two."))]
    (only,) = mend_split_words(cut)
    assert only.text == "Forty-two."


def test_segments_that_open_on_a_word_are_left_as_they_are() -> None:
    whole = [segment(word(0.0, 1.0, " Hello.")), segment(word(1.0, 2.0, " Hi"), word(2.0, 2.5, " there."))]
    assert mend_split_words(whole) == whole


def test_words_written_without_spaces_are_each_a_word() -> None:
    # Chinese carries no leading spaces: no piece is the rest of another word.
    chinese = [segment(word(0.0, 0.5, "你好"), word(0.5, 1.0, "世界")), segment(word(1.0, 1.5, "再见"))]
    assert mend_split_words(chinese) == chinese
    assert whole_words(chinese[0].words) == [[chinese[0].words[0]], [chinese[0].words[1]]]
