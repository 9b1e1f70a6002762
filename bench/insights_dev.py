"""The extractive insight engine on the eval corpus's dev split: what it publishes, against the key ideas.

Only the dev split: the report split is held out for the eval's own figures. An insight counts as
a key idea when one of its quotes is (fuzzily, since it is a transcript) a script sentence tagged
with an idea and said at that time; pitch likewise. Transcripts come from the corpus cache
(``.run/eval-cache``), so the first run transcribes with Whisper and later runs are quick.

    python -m bench.insights_dev
"""

from __future__ import annotations

import argparse

from rapidfuzz import fuzz

from services.insights.extractive import ExtractiveEngine
from services.insights.settings import InsightsSettings
from tests.eval.corpus import SpokenRecording, spoken_corpus

SAME_SENTENCE = 75


def ideas_and_pitch(spoken: SpokenRecording, quote: str, start: float, end: float) -> tuple[set[str], bool]:
    said = [
        s for s in spoken.said_between(start, end) if fuzz.partial_ratio(s.text.lower(), quote.lower()) >= SAME_SENTENCE
    ]
    return {idea for sentence in said for idea in sentence.ideas}, any(sentence.pitch for sentence in said)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="print every published quote")
    args = parser.parse_args()
    engine = ExtractiveEngine.from_settings(InsightsSettings())
    ideas_total = ideas_found = published = key = pitch = 0
    refusals: list[str] = []
    for spoken in spoken_corpus("dev"):
        ideas = {idea.id for idea in spoken.recording.key_ideas}
        insight_set = engine.extract(spoken.transcript, source_key=spoken.recording.upload_key, title=spoken.title)
        found: set[str] = set()
        for insight in insight_set.insights:
            hits, pitched = set(), False
            for evidence in insight.evidence:
                more, is_pitch = ideas_and_pitch(spoken, evidence.quote, evidence.start, evidence.end)
                hits |= more
                pitched |= is_pitch
            found |= hits
            published += 1
            key += bool(hits)
            pitch += pitched
            if args.verbose:
                print(
                    f"  {'K' if hits else '-'}{'P' if pitched else ' '} {insight.type.value:14s} {insight.quote[:100]}"
                )
        ideas_total += len(ideas)
        ideas_found += len(found & ideas)
        if not ideas:
            refusals.append(f"{spoken.recording.slug}: {'refused' if insight_set.refusal_reason else 'PUBLISHED'}")
        print(f"{spoken.recording.slug}: {len(found & ideas)}/{len(ideas)} ideas, "
              f"{len(insight_set.insights)} insights, keywords {insight_set.keywords[:4]}")  # fmt: skip
    print(f"dev split: key-idea recall {ideas_found}/{ideas_total} = {ideas_found / max(1, ideas_total):.0%}, "
          f"precision {key}/{published} = {key / max(1, published):.0%}, pitch insights {pitch}; "
          f"no-substance recordings: {', '.join(refusals) or 'none'}")  # fmt: skip


if __name__ == "__main__":
    main()
