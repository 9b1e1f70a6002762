"""The evaluation report: every eval recording spoken, transcribed, mined for insights and written on both rails.

    python -m bench.eval                         # extractive engine
    RECAST_EVAL_LLM_BASE_URL=http://127.0.0.1:8000/v1 python -m bench.eval   # and the LLM engine too

Figures (targets in brackets):
- grounding: share of quotes in insights, articles and lead magnets found in the transcript (100 %)
- tells: promotional tells in published framework articles (0), and adversarial recordings caught (all)
- complete: lead magnets with target keyword, call to action and gating fields (100 %)
- recall: key ideas found among the insights (>= 80 % for the extractive engine)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from services.framework_article_writer import (
    FrameworkArticleSettings,
    FrameworkArticleWriter,
    NotEnoughInsightsError,
    PromotionalArticleError,
    find_promotional_tells,
)
from services.insights.engines import InsightEngine, LLMWithFallback
from services.insights.extractive import ExtractiveEngine
from services.insights.grounding import TranscriptIndex
from services.insights.llm import LLMOutputError
from services.insights.settings import InsightsSettings
from services.lead_magnet_writer import (
    IncompleteLeadMagnetError,
    LeadMagnetSettings,
    LeadMagnetWriter,
    check_lead_magnet,
)
from shared.events import InsightSet, Transcript
from tests.eval.recordings import RECORDINGS, EvalRecording

# espeak-ng settings that gave tiny.en its lowest word error rate here.
VOICE, WORDS_PER_MINUTE, WORD_GAP = "en-us", "135", "6"
_ARTICLE_QUOTE = re.compile(r'^> "(?P<quote>.+)" \[[\d:]+\]$', re.MULTILINE)


@dataclass
class RecordingResult:
    slug: str
    engine: str
    insights: int = 0
    quotes: int = 0
    grounded: int = 0
    key_ideas: int = 0
    recalled: int = 0
    missed: list[str] = field(default_factory=list)
    lead_magnet: str = ""  # format, or why it was refused
    lead_magnet_complete: bool = False
    article: str = ""  # "published", or "refused: ..."
    article_tells: int = 0
    adversarial: bool = False
    adversarial_caught: bool = True
    distinct: bool = False


@dataclass
class Summary:
    engine: str
    recordings: int
    grounding_rate: float
    article_tells: int
    adversarial_caught: str
    lead_magnets_complete: float | None  # None: no lead magnet was written at all
    key_idea_recall: float


def synthesise(recording: EvalRecording, out_dir: Path) -> Path:
    text_path = out_dir / f"{recording.slug}.txt"
    text_path.write_text("\n".join(recording.script) + "\n")
    wav = out_dir / f"{recording.slug}.wav"
    subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", WORDS_PER_MINUTE, "-g", WORD_GAP, "-f", str(text_path), "-w", str(wav)],
        check=True,
        capture_output=True,
    )
    return wav


def transcribe(recordings: Sequence[EvalRecording], work_dir: Path) -> dict[str, Transcript]:
    from services.transcriber.audio import decode_audio
    from services.transcriber.engines import load_engine
    from services.transcriber.settings import TranscriberSettings

    settings = TranscriberSettings()
    engine = load_engine(settings)
    transcripts = {}
    for recording in recordings:
        waveform = decode_audio(synthesise(recording, work_dir))
        result = engine.transcribe(waveform, settings.language)
        transcripts[recording.slug] = Transcript(
            recording_id=f"eval-{recording.slug}",
            language=result.language,
            engine=settings.engine,
            model=settings.model_name,
            duration_s=len(waveform) / 16_000,
            segments=result.segments,
        )
    return transcripts


def recalled(recording: EvalRecording, insight_set: InsightSet) -> tuple[int, list[str]]:
    texts = [
        " ".join([insight.summary, *insight.steps, *(piece.quote for piece in insight.evidence), insight.quote]).lower()
        for insight in insight_set.insights
    ]
    missed = [
        idea.name
        for idea in recording.key_ideas
        if not any(all(re.search(term, text) for term in idea.terms) for text in texts)
    ]
    return len(recording.key_ideas) - len(missed), missed


def evaluate(
    recording: EvalRecording,
    transcript: Transcript,
    engine: InsightEngine,
    lead_magnets: LeadMagnetWriter,
    articles: FrameworkArticleWriter,
    product_names: Sequence[str],
) -> RecordingResult:
    result = RecordingResult(slug=recording.slug, engine=engine.name, adversarial=recording.adversarial)
    try:
        insight_set = engine.extract(transcript, source_key=f"eval/{recording.slug}", title=recording.title)
    except LLMOutputError as failed:
        # Counted, not hidden: the recording scores zero recall and no outputs for this engine.
        insight_set = InsightSet(
            recording_id=transcript.recording_id, source_key="", title=recording.title, keywords=[], insights=[]
        )
        result.missed = [f"engine gave no valid output: {failed}"]
    index = TranscriptIndex(transcript.segments)
    quotes = [piece.quote for insight in insight_set.insights for piece in insight.evidence or []]
    quotes += [insight.quote for insight in insight_set.insights]
    result.insights = len(insight_set.insights)
    result.key_ideas = len(recording.key_ideas)
    result.recalled, missed = recalled(recording, insight_set)
    result.missed += missed

    lead_text = article_text = ""
    try:
        lead_magnet = lead_magnets.write(insight_set)
        result.lead_magnet = lead_magnet.format
        result.lead_magnet_complete = not check_lead_magnet(lead_magnet)
        lead_text = lead_magnet.markdown
    except IncompleteLeadMagnetError as incomplete:
        result.lead_magnet = f"refused: {incomplete}"
    try:
        article = articles.write(insight_set)
        article_text = article.markdown
        result.article = "published"
        quotes += [match.group("quote") for match in _ARTICLE_QUOTE.finditer(article.markdown)]
        result.article_tells = len(find_promotional_tells(article.markdown, product_names))
    except (PromotionalArticleError, NotEnoughInsightsError) as refusal:
        result.article = f"refused ({type(refusal).__name__})"
    if recording.adversarial:
        result.adversarial_caught = result.article.startswith("refused") or result.article_tells == 0
    result.quotes = len(quotes)
    result.grounded = sum(1 for quote in quotes if index.locate(quote) is not None)
    # Distinct rails: the lead magnet sells (its CTA URL is there), the article never does and is not a copy.
    cta_url = lead_magnets_cta(lead_magnets)
    result.distinct = bool(lead_text) and cta_url in lead_text and cta_url not in article_text
    return result


def lead_magnets_cta(writer: LeadMagnetWriter) -> str:
    return writer.settings.cta_url


def summarise(results: Sequence[RecordingResult]) -> Summary:
    quotes = sum(r.quotes for r in results)
    adversarial = [r for r in results if r.adversarial]
    written = [r for r in results if r.lead_magnet and not r.lead_magnet.startswith("refused")]
    return Summary(
        engine=results[0].engine,
        recordings=len(results),
        grounding_rate=sum(r.grounded for r in results) / quotes if quotes else 1.0,
        article_tells=sum(r.article_tells for r in results),
        adversarial_caught=f"{sum(r.adversarial_caught for r in adversarial)}/{len(adversarial)}",
        # Of the lead magnets written; one refused by the rail check was never published, which is the point.
        lead_magnets_complete=sum(r.lead_magnet_complete for r in written) / len(written) if written else None,
        key_idea_recall=sum(r.recalled for r in results) / max(1, sum(r.key_ideas for r in results)),
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


def run(work_dir: Path) -> tuple[list[RecordingResult], list[Summary]]:
    transcripts = transcribe(RECORDINGS, work_dir)
    lead_magnets = LeadMagnetWriter(LeadMagnetSettings())
    article_settings = FrameworkArticleSettings()
    articles = FrameworkArticleWriter(article_settings)
    results: list[RecordingResult] = []
    summaries: list[Summary] = []
    for engine in engines():
        of_engine = [
            evaluate(r, transcripts[r.slug], engine, lead_magnets, articles, article_settings.guarded_names)
            for r in RECORDINGS
        ]
        results += of_engine
        summaries.append(summarise(of_engine))
    return results, summaries


def report(results: Sequence[RecordingResult], summaries: Sequence[Summary]) -> str:
    lines = [
        "| engine | recording | insights | grounded quotes | key ideas | lead magnet | complete | article | tells |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.engine} | {r.slug}{' (adversarial)' if r.adversarial else ''} | {r.insights} | "
            f"{r.grounded}/{r.quotes} | {r.recalled}/{r.key_ideas} | {r.lead_magnet} | "
            f"{'yes' if r.lead_magnet_complete else 'NO'} | {r.article} | {r.article_tells} |"
        )
    lines += [
        "",
        "| engine | grounding rate | tells in articles | adversarial caught | lead magnets complete "
        "| key-idea recall |",
        "|---|---|---|---|---|---|",
    ]
    for s in summaries:
        lines.append(
            f"| {s.engine} | {s.grounding_rate:.0%} | {s.article_tells} | {s.adversarial_caught} | "
            f"{_share(s.lead_magnets_complete)} | {s.key_idea_recall:.0%} |"
        )
    missed = [f"- {r.engine}/{r.slug}: {', '.join(r.missed)}" for r in results if r.missed]
    if missed:
        lines += ["", "Key ideas missed:", *missed]
    return "\n".join(lines)


def _share(value: float | None) -> str:
    return "n/a (none written)" if value is None else f"{value:.0%}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="recast-eval-") as work:
        results, summaries = run(Path(work))
    print(report(results, summaries))
    if args.json:
        args.json.write_text(json.dumps({"summaries": [asdict(s) for s in summaries]}, indent=2))
    deterministic = summaries[0]
    met = (
        deterministic.grounding_rate == 1.0
        and all(s.article_tells == 0 for s in summaries)
        and deterministic.lead_magnets_complete == 1.0
        and deterministic.key_idea_recall >= 0.8
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
