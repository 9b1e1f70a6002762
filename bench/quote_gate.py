"""Which quote gate keeps misheard words out of quotes: dev split only.

For every complete sentence of the dev split's spoken recordings whose segments pass the
per-segment confidence gate, the least probability among its words (word timestamps) is set
beside whether the sentence holds a word the script says was not said there (the eval's
misquote test). Per threshold: clean sentences still quotable, and misheard ones still quotable.
The report split is never read here.

    python -m bench.quote_gate
"""

from __future__ import annotations

from bench.eval_scoring import WINDOW_SLACK_S, unsaid_words
from services.insights.extractive.engine import Limits
from services.insights.extractive.quoting import segment_is_reliable
from services.insights.sentences import split_into_sentences
from services.insights.settings import InsightsSettings
from tests.eval.corpus import spoken_corpus

THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> None:
    floor = Limits.from_settings(InsightsSettings()).floor
    rows: list[tuple[float, bool]] = []
    for spoken in spoken_corpus("dev", source="spoken"):
        segments = spoken.transcript.segments
        reliable = [segment_is_reliable(segment, floor) for segment in segments]
        for sentence in split_into_sentences(segments):
            if not sentence.is_complete or not all(reliable[sentence.first_segment : sentence.last_segment + 1]):
                continue
            if not sentence.word_probabilities or len(sentence.text.split()) < 4:
                continue
            said = spoken.said_between(sentence.start - WINDOW_SLACK_S, sentence.end + WINDOW_SLACK_S)
            misheard = bool(unsaid_words(sentence.text, " ".join(s.text for s in said)))
            rows.append((min(sentence.word_probabilities), misheard))
    clean = sum(not misheard for _, misheard in rows)
    wrong = len(rows) - clean
    print(f"dev sentences passing the segment gate: {len(rows)} ({clean} clean, {wrong} with a misheard word)")
    print("| least word probability >= | clean still quotable | misheard still quotable |")
    print("|---|---|---|")
    for threshold in THRESHOLDS:
        kept_clean = sum(1 for least, misheard in rows if least >= threshold and not misheard)
        kept_wrong = sum(1 for least, misheard in rows if least >= threshold and misheard)
        print(f"| {threshold:.1f} | {kept_clean}/{clean} | {kept_wrong}/{wrong} |")


if __name__ == "__main__":
    main()
