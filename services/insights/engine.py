"""Deterministic insight extraction: a transcript in, a ranked set of quoted insights out.

The pipeline reads top to bottom: split the transcript into timed sentences, find the
processes the speaker laid out, type every other sentence by its spoken cues, widen
quotes that cannot stand alone, score, merge what the speaker said twice, keep the best
(but every type that occurs), and order by time. No model is involved, so the same
transcript always yields the same insights with the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.insights.cues import (
    DATA_CUES,
    PAIN_POINT_CUES,
    POINT_OF_VIEW_CUES,
    STORY_CUES,
    TYPE_THRESHOLD,
    Cue,
    numbers_in,
    strength,
)
from services.insights.frameworks import find_framework_runs
from services.insights.grounding import ground_insights
from services.insights.keywords import extract_keywords
from services.insights.scoring import (
    content_words,
    evidence_strength,
    keyword_density,
    originality,
    score,
    specificity,
)
from services.insights.sentences import TimedSentence, split_into_sentences, transcript_text
from services.insights.summaries import summarise, summarise_steps
from shared.events import Evidence, Insight, InsightSet, InsightType, Transcript, deterministic_id

MAX_INSIGHTS = 12
RECORDING_KEYWORDS = 10
INSIGHT_KEYWORDS = 5
# Two quotes sharing this much of their vocabulary (and the same numbers) make the same point.
NEAR_DUPLICATE_OVERLAP = 0.6
# Quotes shorter than this read as fragments ("Forty percent.") and take the next sentence along.
MIN_STANDALONE_WORDS = 6
# A quotable line fits in a social post and is still one idea.
QUOTABLE_WORDS = range(5, 19)
PUNCHY_WORDS = 12

# When a sentence carries two types equally clearly, the earlier type in this list wins:
# a checkable number or a process is the more specific thing to build content on.
TYPE_PRIORITY = (
    InsightType.framework,
    InsightType.data_point,
    InsightType.point_of_view,
    InsightType.story,
    InsightType.pain_point,
    InsightType.quotable_line,
)
_CUES_BY_TYPE: dict[InsightType, Sequence[Cue]] = {
    InsightType.point_of_view: POINT_OF_VIEW_CUES,
    InsightType.data_point: DATA_CUES,
    InsightType.pain_point: PAIN_POINT_CUES,
    InsightType.story: STORY_CUES,
}
# Pronoun openings point back at the previous sentence ("It fell to twelve percent.").
_POINTS_BACK = re.compile(r"^(?:it|it's|that|that's|this|these|those|they|they're|their|he|she)\b", re.IGNORECASE)
# Neither can a quotable line open on a conjunction: it would quote half a thought.
_LEANS_ON_CONTEXT = re.compile(rf"{_POINTS_BACK.pattern}|^(?:so|and|but)\b", re.IGNORECASE)
# "One idea, said with a contrast" is what makes a short line worth quoting.
_CONTRAST = re.compile(
    r"\b(?:not|isn't|aren't|never|no longer)\b.*\b(?:but|it's|it is|that's|they're)\b|\bstop\b", re.I
)
# Greetings and sign-offs carry no idea, however quotable they sound.
_HOUSEKEEPING = re.compile(
    r"^(?:(?:hi|hello|hey)\b|welcome (?:to|back)\b|thanks?(?: you)?(?: so much)? for (?:joining|coming|listening"
    r"|having|watching|tuning)|thank you\b|that's all (?:for|we)\b|see you next\b)",
    re.IGNORECASE,
)
# A line in the first or second person is an anecdote or an address, not an aphorism.
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|me|my|we|we're|us|our|you|your)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Candidate:
    """Sentences first..last quote the insight; the anchor is the sentence that carried the cue."""

    type: InsightType
    first: int
    last: int
    anchor: int
    cue_strength: float
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Scored:
    candidate: _Candidate
    quote: str
    anchor_text: str
    score: float


def extract_insights(
    transcript: Transcript, *, source_key: str, title: str, max_insights: int = MAX_INSIGHTS
) -> InsightSet:
    sentences = split_into_sentences(transcript.segments)
    # Greetings name the show ("welcome to the growth webinar"), not the subject: no keywords from them.
    spoken = " ".join(sentence.text for sentence in sentences if not _HOUSEKEEPING.match(sentence.text))
    keywords = extract_keywords(spoken or transcript_text(transcript.segments), top=RECORDING_KEYWORDS)

    scored = [_score(candidate, sentences, keywords) for candidate in _find_candidates(sentences, keywords)]
    merged = _merge_near_duplicates(scored)
    kept = _keep_best(list(merged), max_insights)
    insights = [_to_insight(item, merged[item], sentences, keywords, transcript.recording_id) for item in kept]
    # The same gate the LLM engine passes: a quote cut from our own sentences is always found,
    # and this also pins each quote to its transcript segment.
    insights = ground_insights(insights, transcript.segments).kept
    insights.sort(key=lambda insight: (insight.start, TYPE_PRIORITY.index(insight.type), insight.quote))
    return InsightSet(
        recording_id=transcript.recording_id,
        source_key=source_key,
        title=title,
        keywords=keywords,
        insights=insights,
    )


def _find_candidates(sentences: Sequence[TimedSentence], keywords: Sequence[str]) -> list[_Candidate]:
    texts = [sentence.text for sentence in sentences]
    candidates = []
    claimed: set[int] = set()
    for run in find_framework_runs(texts):
        candidates.append(
            _Candidate(InsightType.framework, run.first, run.last, run.first, min(1.0, len(run.steps) / 3), run.steps)
        )
        claimed.update(range(run.first, run.last + 1))

    for index, text in enumerate(texts):
        if index in claimed or _HOUSEKEEPING.match(text):
            continue
        typed = _strongest_type(text, keywords)
        if typed is None:
            continue
        insight_type, cue_strength = typed
        first, last = _standalone_span(index, texts, claimed, insight_type)
        if insight_type in _CUES_BY_TYPE:
            # The borrowed sentence may carry the same signal too ("Most people think X. They're wrong.").
            quote = " ".join(texts[first : last + 1])
            cue_strength = max(cue_strength, strength(quote, _CUES_BY_TYPE[insight_type]))
        candidates.append(_Candidate(insight_type, first, last, index, cue_strength))
    return candidates


def _strongest_type(text: str, keywords: Sequence[str]) -> tuple[InsightType, float] | None:
    """The type the speaker signalled most clearly; a line is only "quotable" when it is nothing else."""
    strengths = {insight_type: strength(text, cues) for insight_type, cues in _CUES_BY_TYPE.items()}
    clear = [(value, -TYPE_PRIORITY.index(kind), kind) for kind, value in strengths.items() if value >= TYPE_THRESHOLD]
    if clear:
        value, _, kind = max(clear)
        return kind, value
    quotable = _quotable_strength(text, keywords)
    return (InsightType.quotable_line, quotable) if quotable >= TYPE_THRESHOLD else None


def _quotable_strength(text: str, keywords: Sequence[str]) -> float:
    """Short, self-contained, general (no "I"/"we"), on-topic, ideally built on a contrast."""
    words = len(text.split())
    if words not in QUOTABLE_WORDS or _LEANS_ON_CONTEXT.match(text) or text.endswith("?"):
        return 0.0
    value = 0.2
    value += 0.2 if words <= PUNCHY_WORDS else 0.0
    value += 0.3 if _CONTRAST.search(text) else 0.0
    value += 0.0 if _PERSONAL.search(text) else 0.2
    value += 0.5 * keyword_density(text, keywords)
    return min(1.0, value)


def _standalone_span(index: int, texts: Sequence[str], claimed: set[int], insight_type: InsightType) -> tuple[int, int]:
    """Widen a quote by one sentence when it cannot be understood on its own."""
    if _POINTS_BACK.match(texts[index]) and index > 0 and index - 1 not in claimed:
        return index - 1, index
    is_fragment = len(texts[index].split()) < MIN_STANDALONE_WORDS
    if is_fragment and insight_type is not InsightType.quotable_line:
        following = index + 1
        if following < len(texts) and following not in claimed:
            return index, following
    return index, index


def _score(candidate: _Candidate, sentences: Sequence[TimedSentence], keywords: Sequence[str]) -> _Scored:
    quote = " ".join(sentence.text for sentence in sentences[candidate.first : candidate.last + 1])
    value = score(
        quote,
        cue_strength=candidate.cue_strength,
        keywords=keywords,
        whole_passage=candidate.type is InsightType.framework,
    )
    anchor_text = quote if candidate.steps else sentences[candidate.anchor].text
    return _Scored(candidate, quote, anchor_text, value)


def _merge_near_duplicates(scored: Sequence[_Scored]) -> dict[_Scored, list[_Scored]]:
    """Keep the better of two quotes that restate the same point; the other becomes further evidence.

    Quotes that overlap in the transcript are the same words, not a restatement: those are dropped.
    """
    kept: dict[_Scored, list[_Scored]] = {}
    for item in sorted(scored, key=_rank):
        same = next((other for other in kept if _same_point(item, other)), None)
        if same is None:
            kept[item] = []
        elif not _overlaps(item.candidate, same.candidate):
            kept[same].append(item)
    return kept


def _overlaps(a: _Candidate, b: _Candidate) -> bool:
    return a.first <= b.last and b.first <= a.last


def _same_point(one: _Scored, other: _Scored) -> bool:
    if _overlaps(one.candidate, other.candidate):
        return True
    # Compare what carried the cue, not the context sentence a fragment borrowed.
    if numbers_in(one.anchor_text) != numbers_in(other.anchor_text):
        return False
    words_one, words_other = set(content_words(one.anchor_text)), set(content_words(other.anchor_text))
    if not words_one or not words_other:
        return False
    return len(words_one & words_other) / min(len(words_one), len(words_other)) >= NEAR_DUPLICATE_OVERLAP


def _keep_best(scored: Sequence[_Scored], limit: int) -> list[_Scored]:
    """The best of each type first, so no kind of insight disappears, then the best of the rest."""
    ranked = sorted(scored, key=_rank)
    kept: list[_Scored] = []
    for insight_type in TYPE_PRIORITY:
        best = next((item for item in ranked if item.candidate.type is insight_type), None)
        if best is not None:
            kept.append(best)
    kept.extend(item for item in ranked if item not in kept)
    return kept[: max(limit, len({item.candidate.type for item in scored}))]


def _rank(item: _Scored) -> tuple[float, int, int, int]:
    """Best score first; on a tie the earlier quote, then the one with more context."""
    candidate = item.candidate
    return -item.score, candidate.first, -candidate.last, TYPE_PRIORITY.index(candidate.type)


def _to_insight(
    item: _Scored,
    restated: Sequence[_Scored],
    sentences: Sequence[TimedSentence],
    keywords: Sequence[str],
    recording_id: str,
) -> Insight:
    candidate = item.candidate
    start = sentences[candidate.first].start
    evidence = [
        Evidence(
            quote=other.quote, start=sentences[other.candidate.first].start, end=sentences[other.candidate.last].end
        )
        for other in sorted([item, *restated], key=lambda scored: scored is not item)
    ]
    quotes = [piece.quote for piece in evidence]
    return Insight(
        insight_id=deterministic_id(recording_id, candidate.type.value, f"{start:.2f}", item.quote),
        type=candidate.type,
        summary=_summary(candidate, item.quote),
        quote=item.quote,
        start=start,
        end=sentences[candidate.last].end,
        steps=list(candidate.steps),
        keywords=_insight_keywords(item.quote, keywords),
        score=item.score,
        evidence=evidence,
        specificity=specificity(item.quote, keywords),
        originality=originality(item.quote),
        evidence_strength=evidence_strength(quotes, candidate.type.value),
    )


def _summary(candidate: _Candidate, quote: str) -> str:
    if candidate.steps:
        summary = summarise_steps(candidate.steps)
    else:
        summary = summarise(quote, _CUES_BY_TYPE.get(candidate.type, ()))
    if not numbers_in(summary) <= numbers_in(quote):
        # Shortening split a spoken number ("twenty | five"); the untrimmed quote is always honest.
        summary = quote
    return summary


def _insight_keywords(quote: str, recording_keywords: Sequence[str]) -> list[str]:
    """The recording's key phrases this quote uses, then the quote's own, most relevant first."""
    lowered = quote.lower()
    keywords = [kw for kw in recording_keywords if re.search(rf"\b{re.escape(kw.lower())}\b", lowered)]
    for keyword in extract_keywords(quote, top=INSIGHT_KEYWORDS, max_words=2):
        if keyword not in keywords:
            keywords.append(keyword)
    return keywords[:INSIGHT_KEYWORDS]
