"""Where Whisper's words begin and end.

Whisper writes each word with its leading space, and a piece without one continues the word before
it ("40" then "%?!"). Now and then a segment ends inside such a word, and a speaker turn placed
between the two pieces would print half a word as another person's line. Languages written without
spaces (Chinese, Japanese) have no such marker, so the rule applies only where words are spaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.events import TranscriptSegment, TranscriptWord


def opens_word(word: TranscriptWord) -> bool:
    return word.word[:1].isspace()


def written_with_spaces(words: Sequence[TranscriptWord]) -> bool:
    """Whether at least half the words carry a leading space, so a piece without one is the rest of a word."""
    return sum(opens_word(word) for word in words) * 2 >= len(words) > 0


def whole_words(words: Sequence[TranscriptWord]) -> list[list[TranscriptWord]]:
    """The words grouped so that a piece continuing a word stays with it."""
    if not written_with_spaces(words):
        return [[word] for word in words]
    grouped: list[list[TranscriptWord]] = []
    for word in words:
        if grouped and not opens_word(word):
            grouped[-1].append(word)
        else:
            grouped.append([word])
    return grouped


def mend_split_words(segments: Sequence[TranscriptSegment]) -> list[TranscriptSegment]:
    """Give a segment's opening piece back to the segment before it when it continues that segment's last
    word; a segment left with no words is dropped."""
    if not written_with_spaces([word for segment in segments for word in segment.words]):
        return list(segments)
    mended: list[TranscriptSegment] = []
    for segment in segments:
        head = _rest_of_a_word(segment, mended[-1]) if mended else None
        if head is None:
            mended.append(segment)
            continue
        piece, before = head.word.strip(), mended[-1]
        mended[-1] = before.model_copy(
            update={"text": before.text + piece, "end": max(before.end, head.end), "words": [*before.words, head]}
        )
        if rest := segment.words[1:]:
            mended.append(
                segment.model_copy(
                    update={"text": segment.text[len(piece) :].strip(), "start": rest[0].start, "words": rest}
                )
            )
    return mended


def _rest_of_a_word(segment: TranscriptSegment, before: TranscriptSegment) -> TranscriptWord | None:
    """The segment's opening piece, when it carries no leading space after a segment that ends on a word."""
    head = segment.words[0] if segment.words else None
    if head is None or opens_word(head) or not before.words or not segment.text.startswith(head.word.strip()):
        return None
    return head
