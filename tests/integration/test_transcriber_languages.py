"""The transcriber on the multilingual base model, detecting each recording's language: an
allowed language is transcribed in it, another is refused with the reason, never dead-lettered."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from infra.local.stack import LocalStack
from shared.storage import ObjectStore, make_s3_client
from shared.topics import RECORDINGS_STATUS, TRANSCRIPTION_CHUNKS, TRANSCRIPTS_READY
from tests.conftest import make_stack
from tests.integration.test_transcriber_service import log_events, transcribe_upload

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

GERMAN = "Die meisten Teams veröffentlichen zu viele Inhalte und messen zu wenig davon. Qualität schlägt Menge."
SPANISH = "La mayoría de los equipos publican demasiado contenido y miden muy poco de lo que publican."


@pytest.fixture(scope="module")
def transcriber(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(
        tmp_path_factory.mktemp("transcriber-languages"),
        services=("transcriber",),
        extra_env={"RECAST_MODEL_NAME": "base", "RECAST_LANGUAGE": "auto", "RECAST_LANGUAGES": "en,de"},
    )
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


def spoken(text: str, voice: str, out: Path) -> Path:
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(out), text], check=True)
    return out


async def test_an_allowed_language_is_detected_and_transcribed_in_it(transcriber: LocalStack, tmp_path: Path) -> None:
    _, seen = await transcribe_upload(transcriber, spoken(GERMAN, "de", tmp_path / "german.wav"))

    [ready] = seen[TRANSCRIPTS_READY]
    assert (ready["model"], ready["language"]) == ("base", "de")
    assert 0.5 <= ready["language_probability"] <= 1
    store = ObjectStore(make_s3_client(transcriber.settings()), transcriber.bucket)
    transcript = json.loads(store.get_bytes(ready["transcript_uri"]))
    assert (transcript["language"], transcript["language_probability"]) == ("de", ready["language_probability"])
    text = " ".join(s["text"] for s in transcript["segments"]).lower()
    assert {"teams", "inhalte", "wenig"} <= set(text.replace(".", " ").replace(",", " ").split()), text
    assert all(s["avg_logprob"] < 0 and 0 <= s["no_speech_prob"] <= 1 for s in transcript["segments"])


async def test_a_detected_language_outside_the_allowed_set_is_refused(transcriber: LocalStack, tmp_path: Path) -> None:
    recording_id, seen = await transcribe_upload(transcriber, spoken(SPANISH, "es", tmp_path / "spanish.wav"))

    assert TRANSCRIPTS_READY not in seen and TRANSCRIPTION_CHUNKS not in seen
    final = seen[RECORDINGS_STATUS][-1]
    assert (final["stage"], final["state"]) == ("transcribe", "refused")
    assert "'es' (detected at" in final["message"] and "accepted here (de, en)" in final["message"]
    assert not log_events(transcriber, "giving up on the message; dead-lettering it", recording_id)
