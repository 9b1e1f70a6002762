"""Turn timestamped transcript segments into timestamped sentences, each traced to its segment.

A sentence takes the start of the segment it begins in and the end of the segment it
finishes in. We deliberately do not interpolate times by character position inside a
segment: the speech-to-text engine only measured segment boundaries, speaking rate is
uneven (pauses, fast asides), and an interpolated start that lands a second late cuts
off the beginning of the quote when a reader seeks to it. Segment bounds are coarser
but always contain the whole quote, and every timestamp we print is one the engine
actually produced, so it traces back to a transcript segment.

A sentence never spans two speakers: a change of speaker closes it, whatever the punctuation. Nor does it span
what was set aside: an emptied segment (a stripped ad read) closes it too.

When the engine timed words, each sentence also carries the probabilities of its own words (located by
position in the segment's text, not by time), so one misheard word can keep that sentence, and only
that sentence, out of quotation marks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.insights.words import PUNCTUATION, is_content_word
from shared.events import TranscriptSegment, TranscriptWord

# Transcripts without punctuation would otherwise become one endless "sentence"; past this
# length we close the sentence at the next segment boundary instead.
MAX_SENTENCE_WORDS = 60

# What a grammar word opening a segment is read as at least (``_heard``).
OPENING_GRAMMAR_WORD_PROBABILITY = 0.5
# A negation turns a quote around: it is read as scored, wherever it stands.
_NEGATIONS = frozenset(
    {
        "no", "not", "never", "nobody", "nothing", "none", "nowhere", "neither", "nor", "don't", "doesn't", "didn't",
        "isn't", "aren't", "wasn't", "weren't", "can't", "cannot", "won't", "wouldn't", "shouldn't", "couldn't",
        "haven't", "hasn't", "hadn't",
    }
)  # fmt: skip

# A full stop followed by a lower-case word is an abbreviation or a number, not an ending.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[^\sa-z])")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "vs", "e.g", "i.e", "inc", "ltd", "jr", "sr", "u.s"})
_COMPLETE = re.compile(r"^[\"'(]?[A-Z0-9].*[^.][.!?][\"')\]]*$", re.DOTALL)
# A trailing "..." or "--" is a sentence the speaker broke off.

# A segment's first word when the engine capitalised it.
_FIRST_WORD = re.compile(r"[A-Z][\w']*")
# Closed-class words (pronouns but "I", articles, conjunctions, common auxiliaries): capitalised only to open a
# sentence, never as a name.
_NEVER_A_NAME = frozenset(
    {
        "you", "you're", "you've", "you'll", "you'd", "we", "we're", "we've", "we'll", "we'd", "they", "they're",
        "they've", "they'll", "it", "it's", "he", "she", "that", "that's", "this", "these", "those", "there",
        "there's", "the", "a", "an", "and", "but", "or", "so", "because", "which", "who", "when", "if", "then",
        "is", "was", "are", "were", "not", "to", "of", "in", "on", "for", "with", "what", "how", "why",
    }
)  # fmt: skip


@dataclass(frozen=True)
class TimedSentence:
    text: str
    start: float
    end: float
    # Transcript segments the sentence covers, first..last (indices into the transcript's segments).
    first_segment: int = 0
    last_segment: int = 0
    speaker: str | None = None
    # The engine's probability for each word of the sentence; empty when words were not timed.
    word_probabilities: tuple[float, ...] = ()
    # For each of those words, whether a second opinion backs it: a second decoding that heard it too, the
    # language's word list (``vocabulary``). None: not checked.
    word_confirmations: tuple[bool | None, ...] = ()
    # For each of those words, where it starts and ends in ``text``.
    word_spans: tuple[tuple[int, int], ...] = ()

    @property
    def probabilities_by_word(self) -> tuple[float, ...]:
        """One probability per whitespace-separated word of ``text``: the lowest of the engine's words that make it
        up, 0 for a word a second opinion found wrong. Whisper times "check-in" as "check" and "-in", and "2%" as
        "2" and "%", so its words do not line up with the text's; a word of the text no timed word covers gets the
        sentence's mean. Empty when words were not timed."""
        if not self.word_probabilities:
            return ()
        mean = sum(self.word_probabilities) / len(self.word_probabilities)
        confirmations = self.word_confirmations or (None,) * len(self.word_probabilities)
        by_word = []
        for token in re.finditer(r"\S+", self.text):
            covering = [
                0.0 if confirmed is False else probability
                for (start, end), probability, confirmed in zip(
                    self.word_spans, self.word_probabilities, confirmations, strict=True
                )
                if start < token.end() and end > token.start()
            ]
            by_word.append(min(covering, default=mean))
        return tuple(by_word)

    @property
    def is_complete(self) -> bool:
        """Opens with a capital and closes with end punctuation: not a fragment cut at a length cap."""
        return bool(_COMPLETE.match(self.text)) and not self.text.rstrip().endswith(("...", "--", "\u2026"))


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def split_into_sentences(segments: Sequence[TranscriptSegment]) -> list[TimedSentence]:
    sentences: list[TimedSentence] = []
    run: list[tuple[int, str]] = []
    for index, segment in enumerate(segments):
        text = normalise_whitespace(segment.text)
        # An empty segment is one emptied of a sponsor read or a plug: "let's take a quick break" and "and we're
        # back, so, estimates" were never one sentence, and as one they would be quoted across the ad.
        if run and (not text or segments[run[-1][0]].speaker != segment.speaker):
            sentences.extend(_split_run(segments, run))
            run = []
        if text:
            run.append((index, text))
    if run:
        sentences.extend(_split_run(segments, run))
    return sentences


def _split_run(segments: Sequence[TranscriptSegment], run: list[tuple[int, str]]) -> list[TimedSentence]:
    """Sentences of consecutive segments by one speaker."""
    text, segment_starts = joined_text([piece for _, piece in run])

    def segment_at(position: int) -> int:
        return run[bisect.bisect_right(segment_starts, position) - 1][0]

    worded = [
        (segment_start + offset, word, at == 0)
        for (index, piece), segment_start in zip(run, segment_starts, strict=True)
        for at, (offset, word) in enumerate(_word_offsets(piece, segments[index]))
    ]
    positions = [position for position, _, _ in worded]  # ascending: segments and their words are in order
    sentences = []
    for begin, finish in _sentence_spans(text, segment_starts):
        first, last = segment_at(begin), segment_at(finish - 1)
        # Bisected, not scanned: a solo hour is one run of thousands of words and hundreds of sentences.
        inside = worded[bisect.bisect_left(positions, begin) : bisect.bisect_left(positions, finish)]
        words = [word for _, word, _ in inside]
        sentences.append(
            TimedSentence(
                text=text[begin:finish],
                start=segments[first].start,
                end=segments[last].end,
                first_segment=first,
                last_segment=last,
                speaker=segments[first].speaker or None,
                word_probabilities=tuple(_heard(word, opens) for _, word, opens in inside),
                word_confirmations=tuple(word.confirmed for word in words),
                word_spans=tuple(
                    (position - begin, min(position - begin + len(word.word.strip()), finish - begin))
                    for position, word, _ in inside
                ),
            )
        )
    return sentences


def _heard(word: TranscriptWord, opens_segment: bool) -> float:
    """How likely the word was said. Whisper splits the probability of a segment's first word between its spellings
    with and without a capital, so a grammar word opening a segment ("Every", "So", "And") scores far lower than the
    same word anywhere else, and is far more often right than its score says: on the eval corpus's dev split, 71 %
    of such words under 0.1 were said, against 42 % of grammar words under 0.1 elsewhere. Such a word is read as
    at least even odds. A word that carries meaning, or a negation, is read as scored."""
    spelled = word.word.strip().strip(PUNCTUATION).lower()
    if not opens_segment or is_content_word(spelled) or spelled in _NEGATIONS:
        return word.probability
    return max(word.probability, OPENING_GRAMMAR_WORD_PROBABILITY)


def clearly_heard_pieces(sentence: TimedSentence, min_probability: float) -> list[str]:
    """The sentence's text cut at every word the engine heard with less than ``min_probability``: the
    stretches it is fairly sure the speaker said. The whole text when words were not timed."""
    pieces, begin = [], 0
    for (start, end), probability in zip(sentence.word_spans, sentence.word_probabilities, strict=True):
        if probability < min_probability:
            pieces.append(sentence.text[begin:start])
            begin = end
    pieces.append(sentence.text[begin:])
    return [piece for piece in pieces if piece.strip()]


def _word_offsets(piece: str, segment: TranscriptSegment) -> list[tuple[int, TranscriptWord]]:
    """Where each timed word of the segment starts in its text. Words are found in order; one the text
    does not hold (the engine's word list and text disagree) is skipped."""
    found = []
    cursor = 0
    for word in segment.words:
        spelled = word.word.strip()
        position = piece.find(spelled, cursor) if spelled else -1
        if position < 0:
            continue
        found.append((position, word))
        cursor = position + len(spelled)
    return found


def joined_text(pieces: Sequence[str]) -> tuple[str, list[int]]:
    """Segment texts joined by single spaces as the text quotes are taken from, and where each piece starts in it."""
    starts: list[int] = []
    offset = 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece) + 1
    return _continued_in_lower_case(" ".join(pieces), starts), starts


def _continued_in_lower_case(text: str, segment_starts: list[int]) -> str:
    """The speech-to-text engine capitalises every segment's first word, also where the sentence carries on
    ("...renewal 90 days out, You're negotiating"). A grammar word that continues a sentence goes back to
    lower case; any other word may be a name, and keeps its capital. Only letters change, so every offset holds."""
    letters = list(text)
    for start in segment_starts[1:]:
        continues = text[: start - 1].rstrip()[-1:] not in {".", "!", "?", '"', "'", ")", "]", ""}
        word = _FIRST_WORD.match(text, start)
        if continues and word and word.group().lower() in _NEVER_A_NAME:
            letters[start] = letters[start].lower()
    return "".join(letters)


def _sentence_spans(text: str, segment_starts: list[int]) -> list[tuple[int, int]]:
    ends = [match.end() for match in _SENTENCE_END.finditer(text) if not _ends_with_abbreviation(text, match.start())]
    spans = []
    begin = 0
    for finish in [*ends, len(text)]:
        if finish > begin:
            spans.extend(_cap_length(text, begin, finish, segment_starts))
        begin = finish + 1
    return [(b, f) for b, f in spans if text[b:f].strip()]


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    word = text[:dot].rsplit(" ", 1)[-1].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _cap_length(text: str, begin: int, finish: int, segment_starts: list[int]) -> list[tuple[int, int]]:
    """Split an over-long span at segment boundaries (which sit one space after a segment's text)."""
    if len(text[begin:finish].split()) <= MAX_SENTENCE_WORDS:
        return [(begin, finish)]
    spans = []
    for boundary in segment_starts:
        if begin < boundary < finish and len(text[begin : boundary - 1].split()) >= MAX_SENTENCE_WORDS:
            spans.append((begin, boundary - 1))
            begin = boundary
    spans.append((begin, finish))
    return spans
