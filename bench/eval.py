"""The evaluation report: the corpus through the insight engine and both rails, scored against its scripts.

    python -m bench.eval                         # extractive engine, dev and report splits
    python -m bench.eval --split report          # the held-out split only
    RECAST_EVAL_LLM_BASE_URL=http://127.0.0.1:8000/v1 python -m bench.eval   # and the LLM engine too

Every recording of ``tests/eval/corpus`` is spoken, uploaded without a title, ingested and
transcribed by the real code (cached in .run/eval-cache/), or, for the debate excerpts, taken as
real text. The insight engine and both writers then run exactly as the services call them, and
``bench/eval_scoring.py`` scores what was published. Figures, per engine and split (targets in
brackets, asserted on the report split by tests/eval/test_eval.py):

- recall: key ideas that reached a published artifact (>= 80 %); "by main quotes": counting only each published
  point's own quote, not evidence glued to it (a recall that leans on evidence shows as a gap between the two);
  "in insights": among all insights, for diagnosis
- precision: published points that are key ideas (>= 70 %)
- pitch: pitch sentences that reached either rail (0)
- misquotes: quotes with words the script says were not said at that time (0)
- misheard lines: lines outside quotation marks in the speaker's words (titles, headings, pillar names,
  checklist lines) with a word the script says was not said there (a diagnostic beside misquotes)
- no-substance published: recordings with nothing to publish where either rail wrote anything (0)
- keywords: one-word lead-magnet keywords, and keywords the speakers did not say twice (0)
- headings: repeated headings, title repeated as the first section (0); file name as title (0)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from bench.eval_scoring import Artifact, RecordingScore, score
from services.framework_article_writer import (
    FrameworkArticleSettings,
    FrameworkArticleWriter,
    MalformedArticleError,
    NotEnoughInsightsError,
    PromotionalArticleError,
)
from services.insights.engines import InsightEngine, LLMWithFallback
from services.insights.extractive import ExtractiveEngine
from services.insights.llm import LLMOutputError
from services.insights.settings import InsightsSettings
from services.lead_magnet_writer import IncompleteLeadMagnetError, LeadMagnetSettings, LeadMagnetWriter
from shared.events import InsightSet
from shared.pitch import strip_pitch
from tests.eval.corpus import SpokenRecording, spoken_corpus

SPLITS = ("dev", "report")


@dataclass
class Summary:
    engine: str
    split: str
    recordings: int
    key_idea_recall: float
    main_quote_recall: float  # the same, counting only each published point's own quote (not its evidence)
    insight_recall: float  # key ideas among all insights, published or not: the engine alone, for diagnosis
    precision: float | None  # None: nothing was published
    pitch_sentences_published: int
    misquotes: int
    quotes: int
    no_substance_published: int
    one_word_keywords: int
    keywords_not_said_twice: int
    repeated_headings: int
    file_name_titles: int
    misheard_lines: int
    unquoted_articles: int  # a diagnostic: framework articles published without one quote

    def meets_targets(self) -> bool:
        return (
            self.key_idea_recall >= 0.8
            and (self.precision or 0.0) >= 0.7
            and self.pitch_sentences_published == 0
            and self.misquotes == 0
            and self.no_substance_published == 0
            and self.one_word_keywords == 0
            and self.keywords_not_said_twice == 0
            and self.repeated_headings == 0
            and self.file_name_titles == 0
        )


@dataclass(frozen=True)
class Writers:
    lead_magnets: LeadMagnetWriter
    articles: FrameworkArticleWriter

    @classmethod
    def from_settings(cls) -> Writers:
        return cls(LeadMagnetWriter(LeadMagnetSettings()), FrameworkArticleWriter(FrameworkArticleSettings()))


def publish(spoken: SpokenRecording, engine: InsightEngine, writers: Writers) -> RecordingScore:
    """What the services would publish for this recording, scored."""
    recording = spoken.recording
    refusals: list[str] = []
    # As the insights service does: sponsor reads and self-promotion never reach an engine.
    transcript, _ = strip_pitch(spoken.transcript)
    try:
        insight_set = engine.extract(transcript, source_key=recording.upload_key, title=spoken.title)
    except LLMOutputError as failed:  # counted: no insights, so nothing published for this engine
        insight_set = InsightSet(
            recording_id=spoken.transcript.recording_id, source_key="", title=spoken.title, keywords=[], insights=[]
        )
        refusals.append(f"engine gave no valid output: {failed}")
    artifacts: list[Artifact] = []
    if not insight_set.insights:
        # The insights service stops here (stage failed, nothing sent on): the recording was refused.
        refusals.append("insights: none found")
        return score(spoken, engine.name, insight_set, artifacts, refusals)
    try:
        lead_magnet = writers.lead_magnets.write(insight_set)
        keywords = (lead_magnet.target_keyword, *lead_magnet.secondary_keywords)
        artifacts.append(
            Artifact("lead magnet", lead_magnet.title, lead_magnet.markdown, lead_magnet.insight_ids, keywords)
        )
    except IncompleteLeadMagnetError as incomplete:
        refusals.append(f"lead magnet: {incomplete}")
    try:
        article = writers.articles.write(insight_set)
        artifacts.append(Artifact("framework article", article.title, article.markdown, article.insight_ids))
    except (PromotionalArticleError, NotEnoughInsightsError, MalformedArticleError) as refusal:
        refusals.append(f"framework article: {type(refusal).__name__}")
    return score(spoken, engine.name, insight_set, artifacts, refusals)


def summarise(engine: str, split: str, results: Sequence[RecordingScore]) -> Summary:
    points = sum(r.points for r in results)
    return Summary(
        engine=engine,
        split=split,
        recordings=len(results),
        key_idea_recall=sum(r.ideas_published for r in results) / max(1, sum(r.key_ideas for r in results)),
        main_quote_recall=sum(r.ideas_published_by_main_quote for r in results)
        / max(1, sum(r.key_ideas for r in results)),
        insight_recall=sum(r.ideas_found for r in results) / max(1, sum(r.key_ideas for r in results)),
        precision=sum(r.points_on_ideas for r in results) / points if points else None,
        pitch_sentences_published=sum(len(r.pitch_leaks) for r in results),
        misquotes=sum(len(r.misquotes) for r in results),
        quotes=sum(r.quotes for r in results),
        no_substance_published=sum(1 for r in results if r.no_substance and r.published_anything),
        one_word_keywords=sum(len(r.one_word_keywords) for r in results),
        keywords_not_said_twice=sum(len(r.keywords_not_said_twice) for r in results),
        repeated_headings=sum(len(r.repeated_headings) for r in results),
        file_name_titles=sum(len(r.file_name_titles) for r in results),
        misheard_lines=sum(len(r.misheard_lines) for r in results),
        unquoted_articles=sum(r.unquoted_articles for r in results),
    )


def engines() -> list[InsightEngine]:
    found: list[InsightEngine] = [ExtractiveEngine.from_settings(InsightsSettings())]
    base_url = os.environ.get("RECAST_EVAL_LLM_BASE_URL")
    if base_url:
        settings = InsightsSettings(
            insights_engine="llm",
            llm_base_url=base_url,
            llm_model=os.environ.get("RECAST_EVAL_LLM_MODEL", "local"),
            llm_response_format=os.environ.get("RECAST_EVAL_LLM_RESPONSE_FORMAT", "json_object"),
            llm_fallback=False,
            llm_max_tokens=int(os.environ.get("RECAST_EVAL_LLM_MAX_TOKENS", "1024")),
            llm_max_attempts=int(os.environ.get("RECAST_EVAL_LLM_MAX_ATTEMPTS", "2")),
            llm_timeout_s=600,
        )
        found.append(LLMWithFallback(settings))
    return found


def run(splits: Sequence[str] = SPLITS) -> tuple[list[RecordingScore], list[Summary]]:
    writers = Writers.from_settings()
    results: list[RecordingScore] = []
    summaries: list[Summary] = []
    corpus = {split: spoken_corpus(split) for split in splits}
    for engine in engines():
        for split in splits:
            of_split = [publish(spoken, engine, writers) for spoken in corpus[split]]
            results += of_split
            summaries.append(summarise(engine.name, split, of_split))
    return results, summaries


def report(results: Sequence[RecordingScore], summaries: Sequence[Summary]) -> str:
    lines = [
        "| engine | split | recording | insights | published | points on ideas | ideas published | pitch | "
        "misquotes | misheard lines | keyword problems | heading problems | file name as title |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        label = f"{r.slug}{' (no substance)' if r.no_substance else ''}"
        keywords = len(r.one_word_keywords) + len(r.keywords_not_said_twice)
        lines.append(
            f"| {r.engine} | {r.split} | {label} | {r.insights} | {', '.join(r.published) or 'nothing'} | "
            f"{r.points_on_ideas}/{r.points} | {r.ideas_published}/{r.key_ideas} | {len(r.pitch_leaks)} | "
            f"{len(r.misquotes)}/{r.quotes} | {len(r.misheard_lines)} | {keywords} | {len(r.repeated_headings)} | "
            f"{len(r.file_name_titles)} |"
        )
    lines += [
        "",
        "| engine | split | recordings | recall | (by main quotes) | (in insights) | precision | "
        "pitch sentences published | misquotes | misheard lines | articles quoting nothing | "
        "no-substance published | one-word keywords | keywords not said twice | repeated headings | "
        "file name as title |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in summaries:
        precision = "n/a (nothing published)" if s.precision is None else f"{s.precision:.0%}"
        lines.append(
            f"| {s.engine} | {s.split} | {s.recordings} | {s.key_idea_recall:.0%} | {s.main_quote_recall:.0%} | "
            f"{s.insight_recall:.0%} | "
            f"{precision} | "
            f"{s.pitch_sentences_published} | {s.misquotes}/{s.quotes} | {s.misheard_lines} | "
            f"{s.unquoted_articles} | {s.no_substance_published} | "
            f"{s.one_word_keywords} | {s.keywords_not_said_twice} | {s.repeated_headings} | {s.file_name_titles} |"
        )
    lines += ["", "Details:"]
    for r in results:
        problems = [
            *(f"missed idea {idea}" for idea in r.missed),
            *(f"pitch published: {leak}" for leak in r.pitch_leaks),
            *(f"misquote: {wrong}" for wrong in r.misquotes),
            *(f"misheard line: {line}" for line in r.misheard_lines),
            *(["framework article quotes nothing"] if r.unquoted_articles else []),
            *(f"one-word keyword {k!r}" for k in r.one_word_keywords),
            *(f"keyword not said twice {k!r}" for k in r.keywords_not_said_twice),
            *r.repeated_headings,
            *(f"file name as title: {t}" for t in r.file_name_titles),
            *(f"refused: {why}" for why in r.refusals),
        ]
        if problems:
            lines.append(f"- {r.engine}/{r.slug}: " + "; ".join(problems))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=SPLITS, action="append", help="only this split (repeatable)")
    parser.add_argument("--json", type=argparse.FileType("w"), help="also write the summaries as JSON here")
    args = parser.parse_args(argv)
    results, summaries = run(args.split or SPLITS)
    print(report(results, summaries))
    if args.json:
        json.dump([asdict(summary) for summary in summaries], args.json, indent=2)
    held_out = [s for s in summaries if s.split == "report" and s.engine == ExtractiveEngine.name]
    return 0 if all(summary.meets_targets() for summary in held_out) else 1


if __name__ == "__main__":
    sys.exit(main())
