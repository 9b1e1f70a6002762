"""Which quote gate keeps misheard words out of quotes: dev split only.

For every complete sentence of the dev split's spoken recordings whose segments pass the
per-segment confidence gate, the least probability among its words (word timestamps) is set
beside whether the sentence holds a word the script says was not said there (the eval's
misquote test). Per threshold: clean sentences still quotable, and misheard ones still quotable.
A second table does the same for the misheard words Whisper itself expects in the sentence (the sum of
one minus each word's probability), among sentences that clear the configured word floor: the bound
on what may be printed in quotation marks.

With a second opinion on (``RECAST_SECOND_OPINION=other-model`` or ``wider-beam``, and
``RECAST_SECOND_OPINION_BELOW=1.01`` so every segment is checked), a second table adds the agreement
gate at the configured word floor: a sentence stays quotable only when no word of it went unconfirmed,
where only segments with a word below ``below`` count as checked (the others keep every word).
The report split is never read here.

    python -m bench.quote_gate
    RECAST_SECOND_OPINION=other-model RECAST_SECOND_OPINION_BELOW=1.01 python -m bench.quote_gate
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.eval_scoring import WINDOW_SLACK_S, unsaid_words
from services.insights.extractive.engine import Limits
from services.insights.extractive.quoting import expected_misheard_words, segment_is_reliable
from services.insights.sentences import split_into_sentences
from services.insights.settings import InsightsSettings
from services.transcriber.second_opinion import needs_checking
from services.transcriber.settings import TranscriberSettings
from shared.events import TranscriptSegment
from tests.eval.corpus import spoken_corpus

THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
EXPECTED_MISHEARD = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
CHECK_BELOW = (0.3, 0.5, 0.7, 0.9, 0.99, 1.01)


@dataclass(frozen=True)
class Row:
    least_probability: float
    expected_misheard: float
    unconfirmed_below: dict[float, bool]  # per check threshold: a checked word the second decoding did not hear
    words: int
    misheard: bool


def main() -> None:
    floor = Limits.from_settings(InsightsSettings()).floor
    rows: list[Row] = []
    for spoken in spoken_corpus("dev", source="spoken"):
        segments = spoken.transcript.segments
        reliable = [segment_is_reliable(segment, floor) for segment in segments]
        unconfirmed = {below: _unconfirmed_sentences(segments, below) for below in CHECK_BELOW}
        for position, sentence in enumerate(split_into_sentences(segments)):
            if not sentence.is_complete or not all(reliable[sentence.first_segment : sentence.last_segment + 1]):
                continue
            if not sentence.word_probabilities or len(sentence.text.split()) < 4:
                continue
            said = spoken.said_between(sentence.start - WINDOW_SLACK_S, sentence.end + WINDOW_SLACK_S)
            misheard = bool(unsaid_words(sentence.text, " ".join(s.text for s in said)))
            flags = {below: unconfirmed[below][position] for below in CHECK_BELOW}
            rows.append(
                Row(
                    min(sentence.word_probabilities),
                    expected_misheard_words(sentence),
                    flags,
                    len(sentence.word_probabilities),
                    misheard,
                )
            )
    clean = sum(not row.misheard for row in rows)
    wrong = len(rows) - clean
    print(f"dev sentences passing the segment gate: {len(rows)} ({clean} clean, {wrong} with a misheard word)")
    print("| least word probability >= | clean still quotable | misheard still quotable |")
    print("|---|---|---|")
    for threshold in THRESHOLDS:
        kept_clean = sum(1 for row in rows if row.least_probability >= threshold and not row.misheard)
        kept_wrong = sum(1 for row in rows if row.least_probability >= threshold and row.misheard)
        print(f"| {threshold:.1f} | {kept_clean}/{clean} | {kept_wrong}/{wrong} |")
    floored = [row for row in rows if row.least_probability >= floor.min_word_probability]
    print(f"\nword floor {floor.min_word_probability}, then the expected number of misheard words")
    print("| expected misheard words <= | clean still quotable | misheard still quotable | ... of 8 words or more |")
    print("|---|---|---|---|")
    for bound in EXPECTED_MISHEARD:
        kept = [row for row in floored if row.expected_misheard <= bound]
        kept_clean = sum(not row.misheard for row in kept)
        long_clean = sum(not row.misheard and row.words >= 8 for row in kept)
        long_wrong = sum(row.misheard and row.words >= 8 for row in kept)
        print(
            f"| {bound:.2f} | {kept_clean}/{clean} | {len(kept) - kept_clean}/{wrong} | "
            f"{long_clean} clean, {long_wrong} misheard |"
        )
    decoder = TranscriberSettings().second_opinion
    if decoder == "off":
        return
    print(f"\nsecond opinion: {decoder}; word floor {floor.min_word_probability} and every checked word confirmed")
    print("| segments checked when a word is below | clean still quotable | misheard still quotable |")
    print("|---|---|---|")
    for below in CHECK_BELOW:
        kept = [r for r in rows if r.least_probability >= floor.min_word_probability and not r.unconfirmed_below[below]]
        kept_clean = sum(not row.misheard for row in kept)
        print(f"| {below:.2f} | {kept_clean}/{clean} | {len(kept) - kept_clean}/{wrong} |")


def _unconfirmed_sentences(segments: Sequence[TranscriptSegment], below: float) -> list[bool]:
    """Per sentence: does it hold a word the second decoding did not hear, counting only segments that
    a check at ``below`` would have decoded again (the transcript was made with every segment checked)."""
    as_if = [
        segment
        if needs_checking(segment, below)
        else segment.model_copy(update={"words": [w.model_copy(update={"confirmed": None}) for w in segment.words]})
        for segment in segments
    ]
    return [False in sentence.word_confirmations for sentence in split_into_sentences(as_if)]


if __name__ == "__main__":
    main()
