"""The audio filter (RECAST_AUDIO_FILTER): applied where the upload is decoded, so the VAD, the
chunks Whisper hears and the speaker encoder all read the filtered signal; off when empty."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from services.transcriber.audio import stream_pcm
from services.transcriber.engines import Audio, TranscriptionResult
from services.transcriber.planning import TranscriptionPlan
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import plan_recording
from shared.events import RecordingIngested, RecordingKind
from shared.storage import ObjectStore, StoredObject

SAMPLE = Path(__file__).parents[2] / "samples" / "sample-webinar.mp3"
KEY = "incoming/webinars/sample-webinar.mp3"


class FolderStore(ObjectStore):
    """Serves the sample as the upload and keeps what planning writes, in memory."""

    def __init__(self) -> None:
        super().__init__(client=None, bucket="recast-test")
        self.written: dict[str, bytes] = {}

    def head(self, key: str) -> dict[str, Any] | None:
        return {"ContentLength": len(self.written[key])} if key in self.written else None

    def download(self, key: str, path: Path) -> None:
        assert key == KEY
        shutil.copyfile(SAMPLE, path)

    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject:
        self.written[key] = data
        return StoredObject(self.uri(key), "0" * 64, len(data))

    def put_model(self, key: str, model: BaseModel) -> StoredObject:
        return self.put_bytes(key, model.model_dump_json().encode(), "application/json")


class UnusedEngine:
    engine = "unused"
    model = "unused"
    multilingual = False

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        raise AssertionError("planning never transcribes")

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        raise AssertionError("the language is configured, not detected")


def ingested() -> RecordingIngested:
    return RecordingIngested(
        event_id="event-1",
        recording_id="rec-filter",
        producer="ingest",
        source_uri=f"s3://recast-test/{KEY}",
        source_key=KEY,
        source_etag="etag",
        kind=RecordingKind.webinar,
        title="sample",
        size_bytes=SAMPLE.stat().st_size,
        duration_s=80,
        container="mp3",
        audio_codec="mp3",
    )


def plan_with(audio_filter: str) -> tuple[TranscriptionPlan, FolderStore]:
    store = FolderStore()
    settings = TranscriberSettings(language="en", audio_filter=audio_filter)
    return plan_recording(ingested(), store, settings, UnusedEngine()), store


@pytest.fixture(scope="module")
def unfiltered() -> tuple[TranscriptionPlan, FolderStore]:
    return plan_with("")


def test_no_filter_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECAST_AUDIO_FILTER", raising=False)

    assert TranscriberSettings().audio_filter == ""


def test_a_filter_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAST_AUDIO_FILTER", "dynaudnorm=f=250:g=15")

    assert TranscriberSettings().audio_filter == "dynaudnorm=f=250:g=15"


def test_decoding_through_a_filter_changes_the_samples_not_their_count() -> None:
    plain = np.concatenate(list(stream_pcm(SAMPLE))).astype(np.float64)
    halved = np.concatenate(list(stream_pcm(SAMPLE, audio_filter="volume=0.5"))).astype(np.float64)

    assert len(halved) == len(plain)
    assert np.sqrt(np.mean(halved**2)) == pytest.approx(0.5 * np.sqrt(np.mean(plain**2)), rel=0.01)


def test_the_level_filter_lifts_quiet_speech() -> None:
    quiet = np.concatenate(list(stream_pcm(SAMPLE, audio_filter="volume=0.05"))).astype(np.float64)
    lifted = np.concatenate(list(stream_pcm(SAMPLE, audio_filter="volume=0.05,dynaudnorm=f=250:g=15")))

    assert len(lifted) == len(quiet)
    assert np.abs(lifted).max() > 4 * np.abs(quiet).max()


def test_planning_decodes_the_upload_through_the_configured_filter(
    unfiltered: tuple[TranscriptionPlan, FolderStore],
) -> None:
    heard, _ = unfiltered
    muted, _ = plan_with("volume=0")

    assert heard.chunks and heard.speech_s > 30
    assert muted.chunks == []  # the VAD read the muted signal: nothing left to transcribe


def test_the_chunks_whisper_hears_are_the_filtered_audio(unfiltered: tuple[TranscriptionPlan, FolderStore]) -> None:
    # A filter that keeps speech detectable but changes every sample: the stored chunk must carry it.
    plain, plain_store = unfiltered
    inverted, inverted_store = plan_with("volume=-1")

    [plain_chunk, *_] = plain.chunks
    [inverted_chunk, *_] = inverted.chunks
    original = np.frombuffer(plain_store.written[plain_chunk.audio_key][44:], dtype="<i2").astype(np.int32)
    flipped = np.frombuffer(inverted_store.written[inverted_chunk.audio_key][44:], dtype="<i2").astype(np.int32)
    assert len(original) == len(flipped)
    assert np.abs(original + flipped).max() <= 1
    assert np.abs(original).max() > 1000
