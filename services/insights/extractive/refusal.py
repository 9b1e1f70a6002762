"""Nothing worth publishing, said so plainly: a sound check or small talk must not become an article."""

from __future__ import annotations

from collections.abc import Sequence

from services.insights.sentences import TimedSentence
from services.insights.words import content_words


def refusal_reason(
    sentences: Sequence[TimedSentence], claims_found: int, *, min_content_words: int, substantive: bool = True
) -> str | None:
    """Why nothing from this recording should be published, or None when something should. ``substantive``
    says whether what was said (quotable or not) reads as claims rather than small talk."""
    speech_s = _covered_seconds(sentences)
    heard = f"{speech_s:.0f} s of speech in {len(sentences)} sentences"
    if not sentences:
        return "nothing worth publishing: no speech was transcribed"
    if not substantive:
        return f"nothing worth publishing: {heard}, all small talk, logistics or filler; no claim found"
    if claims_found == 0:
        return (
            f"nothing worth publishing: {heard}; no claim in it was heard clearly enough to quote "
            "the speaker's words verbatim"
        )
    vocabulary = {word for sentence in sentences for word in content_words(sentence.text)}
    if len(vocabulary) < min_content_words:
        return (
            f"nothing worth publishing: {heard}, only {len(vocabulary)} distinct content words "
            f"(at least {min_content_words} needed) - too little said to build on"
        )
    return None


def _covered_seconds(sentences: Sequence[TimedSentence]) -> float:
    """Seconds the sentences span, counting time that two sentences share (one segment) once."""
    covered, reach = 0.0, 0.0
    for sentence in sorted(sentences, key=lambda s: s.start):
        start = max(sentence.start, reach)
        if sentence.end > start:
            covered += sentence.end - start
        reach = max(reach, sentence.end)
    return covered
