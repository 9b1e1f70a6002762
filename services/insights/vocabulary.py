"""Words the language does not know, and why a quote may not hold one.

Whisper spells out what it cannot place: a sound it did not recognise comes out as a word no reader has
seen ("foremasked" for "form asked", "Lugins" for "Logins"), often with a confident probability, since
each subword piece was likely on its own. The language's word-frequency list (wordfreq's, built from many
corpora down to about one use in a billion words) is then a second opinion on the engine's word, as a second
decoding of the audio is: a word it does not hold is marked as not confirmed, which keeps its sentence out of
quotation marks and the word out of headlines, while the sentence's point may still be published.

Names and coined terms are missing from the list too, and are doubted with the rest: the engine spells a sound
it cannot place the same way each time the speaker says it ("PolicWest" twice for "pull requests", "Nashorns"
twice for "dashboards"), so a word said twice is no more likely to be right. Their sentences' points are still
published, in words that were heard clearly. An acronym ("OKRs") or a word with a digit in it is not looked up:
the list does not hold those either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from wordfreq import available_languages, zipf_frequency

from shared.events import TranscriptSegment

# Letters with the apostrophes and hyphens inside a word ("check-in", "rep's").
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*'?")
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
# Japanese, Korean and Chinese are written without spaces between words: wordfreq reads them only through a
# segmenter (MeCab, jieba) the service does not ship, and Whisper's words there are not the list's words.
_UNSEGMENTED = frozenset({"ja", "ko", "zh"})


def doubt_unknown_words(segments: Sequence[TranscriptSegment], language: str) -> list[TranscriptSegment]:
    """The segments with every timed word the language does not know marked as not confirmed. Unchanged for a
    language without a word list."""
    if language not in _languages():
        return list(segments)
    return [_doubted(segment, language) for segment in segments]


def _doubted(segment: TranscriptSegment, language: str) -> TranscriptSegment:
    unknown = [not all(_known(piece, language) for piece in _WORD.findall(word.word)) for word in segment.words]
    if not any(unknown):
        return segment
    words = [
        word.model_copy(update={"confirmed": False}) if doubted else word
        for word, doubted in zip(segment.words, unknown, strict=True)
    ]
    return segment.model_copy(update={"words": words})


def _known(word: str, language: str) -> bool:
    if _ACRONYM.fullmatch(word):
        return True
    return all(zipf_frequency(part, language) > 0 for part in word.split("-") if part)


@cache
def _languages() -> frozenset[str]:
    return frozenset(available_languages()) - _UNSEGMENTED
