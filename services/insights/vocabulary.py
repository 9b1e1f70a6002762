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

A known word can still be one the language does not allow where it stands. English says "ever" only where
something licenses it: a negation, a question, a condition, a comparison or a superlative ("if it ever moves",
"the best we ever had", "hardly ever"). "We have one patch window, and it ever moves" is Whisper dropping the
first sound of "never", confidently; such an "ever" is doubted like an unknown word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from wordfreq import available_languages, zipf_frequency

from services.insights.words import PUNCTUATION
from shared.events import TranscriptSegment
from shared.questions import is_question

# Letters with the apostrophes and hyphens inside a word ("check-in", "rep's").
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*'?")
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
# An English word rarer than about one use in thirty million ("lumper", 1.2 on wordfreq's Zipf scale) is, in a
# business recording, a sound Whisper placed on the nearest spelling it had ("I lumper big number" for "I love the
# big number"), confidently where it heard the same sound before. Below this, on the eval's dev transcripts, were
# mishearings and names but one real word ("unmuted", 1.4); technical words people say sit above it ("handoffs" 1.7,
# "playbooks" 1.9, "onboarding" 2.3). Other languages' lists count inflected forms apart, so there only absence counts.
RAREST_ENGLISH_ZIPF = 1.5
_POSSESSIVE = re.compile(r"['\u2019]s$")
# Japanese, Korean and Chinese are written without spaces between words: wordfreq reads them only through a
# segmenter (MeCab, jieba) the service does not ship, and Whisper's words there are not the list's words.
_UNSEGMENTED = frozenset({"ja", "ko", "zh"})


# What licenses "ever" earlier in its sentence, and the words that make "ever" part of a phrase after it.
_LICENSES_EVER = re.compile(
    r"\b(?:not|never|no|nobody|nothing|none|nowhere|hardly|barely|scarcely|rarely|seldom|if|whether|when|than|as|"
    r"only|any|anyone|anybody|anything|first|last|before|without|most|least|worst)\b|n't\b|\b\w+est\b",
    re.IGNORECASE,
)
_EVER_PHRASES = frozenset({"since", "so", "more", "after", "again"})
# "Every lesson I ever taught", "all we ever did": these license it only in the noun phrase just before it.
_LICENSES_EVER_NEARBY = frozenset({"every", "all"})
NEARBY_WORDS = 3
_SENTENCE_END = (".", "!", "?")


def doubt_unknown_words(segments: Sequence[TranscriptSegment], language: str) -> list[TranscriptSegment]:
    """The segments with every timed word the language does not know, or (in English) does not allow where it
    stands, marked as not confirmed. Unchanged for a language without a word list."""
    if language not in _languages():
        return list(segments)
    words = [word.word for segment in segments for word in segment.words]
    unlicensed = iter(_unlicensed_ever(words) if language == "en" else [False] * len(words))
    return [_doubted(segment, language, [next(unlicensed) for _ in segment.words]) for segment in segments]


def _unlicensed_ever(words: Sequence[str]) -> list[bool]:
    """Per word of a transcript (Whisper's words, punctuation attached; a sentence may run over segments): an
    "ever" that nothing earlier in its sentence licenses and that no question or following word makes idiomatic."""
    doubted = []
    sentence: list[str] = []
    for at, word in enumerate(words):
        if _plain(word) == "ever":
            following = _plain(words[at + 1]) if at + 1 < len(words) else ""
            ends = next((later.strip() for later in words[at:] if later.strip().endswith(_SENTENCE_END)), "")
            said = " ".join([*sentence, word]).strip()  # only at an "ever": rare
            nearby = [_plain(before) for before in sentence[-NEARBY_WORDS:]]
            doubted.append(
                not _LICENSES_EVER.search(said)
                and not _LICENSES_EVER_NEARBY.intersection(nearby)
                and following not in _EVER_PHRASES
                and not ends.endswith("?")
                and not is_question(said)
            )
        else:
            doubted.append(False)
        if word.strip().endswith(_SENTENCE_END):
            sentence.clear()
        else:
            sentence.append(word)
    return doubted


def _plain(word: str) -> str:
    return word.strip().strip(PUNCTUATION).lower()


def _doubted(segment: TranscriptSegment, language: str, unlicensed: Sequence[bool]) -> TranscriptSegment:
    unknown = [
        not all(_known(piece, language) for piece in _WORD.findall(word.word)) or wrong_here
        for word, wrong_here in zip(segment.words, unlicensed, strict=True)
    ]
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
    least = RAREST_ENGLISH_ZIPF if language == "en" else 0.0
    # "the recording's length": the possessive is looked up as its noun.
    word = _POSSESSIVE.sub("", word)
    return all(zipf_frequency(part, language) > least for part in word.split("-") if part)


@cache
def _languages() -> frozenset[str]:
    return frozenset(available_languages()) - _UNSEGMENTED
