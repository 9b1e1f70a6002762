"""The held-out report split through the real pipeline, scored as its reader would.

Every report recording is spoken, uploaded without a title, ingested and transcribed by the real
code (or taken as real debate text), mined by the insight engine and written on both rails as the
services do; ``bench/eval_scoring.py`` defines each figure. Engines are tuned on the dev split only.

Two kinds of assertion. What the pipeline guarantees by construction holds at its target: no pitch
sentence on either rail, no one-word keyword or one the speakers did not say twice, no file name as a
title, no repeated heading. The quality figures are held at the floor the extractive engine reaches
today, so a change that makes them worse fails: they are NOT the issue's targets (recall >= 80 %,
precision >= 70 %, no misquote, nothing published from a no-substance recording). On this split the engine
now meets all but recall (66 %), on one machine's transcripts; docs/evaluation.md gives both and `make eval`
prints them.
"""

from __future__ import annotations

import pytest

from bench.eval import report, run

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

# Measured on the report split on 2026-12-05 (docs/evaluation.md, "Now", twenty-fifth round), when seven recordings no
# one here had heard replaced the six read most: recall 66 % (by main quotes 60 %), precision 73 %, no misquote in 17
# quotes, 11 misheard lines, on an AVX2 machine's transcripts. The spoken figures move with the arithmetic that decodes
# them (another CPU moved dev recall by five points), so the floors sit below the reading, not at it; the
# no-substance ceiling stays at 1 because the phone small talk passes the insight stage and is held back only by the
# writers' minimums (a one-insight change would publish it).
RECALL_FLOOR = 0.55
MAIN_QUOTE_RECALL_FLOOR = 0.45
PRECISION_FLOOR = 0.6
MISQUOTE_SHARE_CEILING = 0.1
# Lines outside quotation marks in words no one said (mostly pillar names Whisper heard confidently wrong): a
# diagnostic, held near today's reading so a writer that starts printing more of the transcript's doubtful words, or
# cutting figures apart, fails. The split's longer recordings publish more lines than the old one's (10 on both, here,
# then 11 on this one).
MISHEARD_LINES_CEILING = 12
NO_SUBSTANCE_PUBLISHED_CEILING = 1


def test_the_report_split_holds_every_guarantee_and_today_s_quality_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECAST_EVAL_LLM_BASE_URL", raising=False)
    results, [summary] = run(["report"])
    table = report(results, [summary])

    assert summary.recordings >= 6, table
    # Guarantees, at their targets.
    assert summary.pitch_sentences_published == 0, table
    assert summary.one_word_keywords == 0, table
    assert summary.keywords_not_said_twice == 0, table
    assert summary.file_name_titles == 0, table
    assert summary.repeated_headings == 0, table
    # Quality, at today's floor (not the targets).
    assert summary.key_idea_recall >= RECALL_FLOOR, table
    # Recall that leans on evidence glued to a point, not on what the point itself quotes, is not recall.
    assert summary.main_quote_recall >= MAIN_QUOTE_RECALL_FLOOR, table
    assert summary.precision is not None and summary.precision >= PRECISION_FLOOR, table
    assert summary.misquotes <= MISQUOTE_SHARE_CEILING * max(1, summary.quotes), table
    assert summary.no_substance_published <= NO_SUBSTANCE_PUBLISHED_CEILING, table
    assert summary.misheard_lines <= MISHEARD_LINES_CEILING, table
