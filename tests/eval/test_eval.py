"""The evaluation set in the default test run: every recording spoken, transcribed and written on both rails.

The targets of the issue are asserted, for the deterministic engine: every quote grounded,
no promotional tell in any published framework article, every lead magnet complete, every
adversarial recording caught, and at least 80 % of the key ideas recalled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval import report, run

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


def test_both_rails_meet_the_targets_on_every_eval_recording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECAST_EVAL_LLM_BASE_URL", raising=False)
    results, [summary] = run(tmp_path)
    table = report(results, [summary])

    assert summary.grounding_rate == 1.0, table
    assert summary.article_tells == 0, table
    assert summary.lead_magnets_complete == 1.0, table
    assert summary.key_idea_recall >= 0.8, table
    adversarial = [result for result in results if result.adversarial]
    assert adversarial and all(result.adversarial_caught for result in adversarial), table
    for result in results:
        # Both rails wrote something, and they are different things: only the lead magnet sells.
        assert result.lead_magnet and not result.lead_magnet.startswith("refused"), table
        assert result.distinct, table
        if not result.adversarial:
            assert result.article == "published", table
