"""Which sentences may carry an insight, and which may be printed inside quotation marks.

A sentence may carry an insight when it is complete, over segments the speech-to-text engine was sure
of, without a single word it was unsure of (with one, only a clause of it without such a word may state its
point); it may be quoted verbatim when, on top of that, the engine expects no misheard word in it and no word
of it was heard differently by a second decoding.

A misheard line quoted verbatim ("contour iron directions" for "contrarian directions") is worse
than no quote, so every segment a quote touches must pass Whisper's own confidence signals. Those are
per 30 s window, so they cannot see one misheard word ("publishing channel" for "publishing schedule");
the word's own probability can, which is why every word of a quoted sentence must clear a floor. Whisper's
most confident mistakes are ordinary words, though: those the floor cannot see add up over a long sentence
(the expected number of misheard words), and a word a second decoding of the same audio heard differently
(``confirmed`` False) is evidence of one, and so is a word the language's word list does not hold
(``services.insights.vocabulary``). Either keeps a sentence out of quotation marks, not its point
out of the article. A signal the transcript does not carry (None, no word timings, words not checked) is
unknown, not bad, and does not block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.insights.sentences import TimedSentence
from shared.events import TranscriptSegment


@dataclass(frozen=True)
class ConfidenceFloor:
    min_avg_logprob: float
    max_no_speech_prob: float
    max_compression_ratio: float
    min_word_probability: float


def segment_is_reliable(segment: TranscriptSegment, floor: ConfidenceFloor) -> bool:
    if segment.avg_logprob is not None and segment.avg_logprob < floor.min_avg_logprob:
        return False
    # Whisper's own rule: a window is silence only when it also decoded weakly, and weak decoding is
    # refused above. A high no-speech probability beside confident text (fast or synthetic speech often
    # scores ~0.5) is speech; it decides alone only when the text's confidence is unknown.
    if segment.avg_logprob is None and (segment.no_speech_prob or 0.0) > floor.max_no_speech_prob:
        return False
    looped = segment.compression_ratio is not None and segment.compression_ratio > floor.max_compression_ratio
    return not looped


def words_are_sure(sentence: TimedSentence, floor: ConfidenceFloor) -> bool:
    """Every word of the sentence heard with at least the floor's probability (true when words were not timed)."""
    return all(probability >= floor.min_word_probability for probability in sentence.word_probabilities)


def expected_misheard_words(sentence: TimedSentence) -> float:
    """How many of the sentence's words the engine itself expects it misheard: the sum of one minus each
    word's probability (0 when words were not timed)."""
    return sum(1.0 - probability for probability in sentence.word_probabilities)


def heard_verbatim(sentences: Sequence[TimedSentence], max_expected_misheard_words: float) -> list[bool]:
    """Per sentence: whether it may go inside quotation marks as the speaker's own words, on top of being
    quotable. The least word probability is a weak signal (Whisper's confident mistakes are ordinary
    words), but mistakes add up over a sentence: a long run-on turn whose every word is fairly likely is
    still likely to hold one wrong word, which the sum of the words' doubts measures and the least
    probability cannot. A word a second decoding did not hear is a mistake found outright (none checked:
    no evidence either way)."""
    return [
        expected_misheard_words(sentence) <= max_expected_misheard_words and False not in sentence.word_confirmations
        for sentence in sentences
    ]


def quotable(
    sentences: Sequence[TimedSentence], segments: Sequence[TranscriptSegment], floor: ConfidenceFloor
) -> list[bool]:
    return [
        heard and words_are_sure(sentence, floor)
        for sentence, heard in zip(sentences, decoded_reliably(sentences, segments, floor), strict=True)
    ]


def decoded_reliably(
    sentences: Sequence[TimedSentence], segments: Sequence[TranscriptSegment], floor: ConfidenceFloor
) -> list[bool]:
    """Per sentence: complete, over segments the engine decoded with confidence. Such a sentence with a word it
    was unsure of may not be quoted, but a clause of it heard clearly may still state its point."""
    reliable = [segment_is_reliable(segment, floor) for segment in segments]
    return [
        sentence.is_complete and all(reliable[sentence.first_segment : sentence.last_segment + 1])
        for sentence in sentences
    ]
