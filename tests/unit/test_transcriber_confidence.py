"""Whisper's confidence per segment reaches the stored transcript: through the engines' common
result, chunk time to recording time, repetition filtering and assembly."""

from __future__ import annotations

import io
import json
import wave
from typing import Any

import numpy as np
from botocore.exceptions import ClientError

from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.engines import Audio, Span, TranscriptionResult, _result
from services.transcriber.planning import ChunkPlan, SpeechSpan, TranscriptionPlan
from services.transcriber.transcription import assemble_transcript, transcribe_chunk
from shared.events import TranscriptSegment
from shared.storage import ObjectStore

ONE_SECOND = np.zeros(SAMPLE_RATE, dtype=np.float32)


def test_the_engines_common_result_keeps_whispers_confidence() -> None:
    spans = [
        Span(0.0, 0.6, " Depth beats volume.", [(0.0, 0.6, " Depth", 0.91)], -0.31234567, 0.0612, 1.2708),
        Span(0.6, 0.9, "   ", [], -0.2, 0.1, 1.0),  # no text: dropped
    ]

    [segment] = _result("en", spans, ONE_SECOND).segments

    assert (segment.avg_logprob, segment.no_speech_prob, segment.compression_ratio) == (-0.3123, 0.0612, 1.2708)
    assert segment.words[0].probability == 0.91


def test_probabilities_a_library_reports_a_hair_outside_0_and_1_are_clamped() -> None:
    spans = [Span(0.0, 0.5, "Yes.", [(0.0, 0.5, " Yes.", 1.0000001)], -0.1, 1.0000002, 0.8)]

    [segment] = _result("en", spans, ONE_SECOND).segments

    assert segment.no_speech_prob == 1.0
    assert segment.words[0].probability == 1.0


class MemoryS3:
    """The four calls of boto3's S3 client the transcriber's steps make, kept in a dict."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def put_object(self, *, Key: str, Body: bytes, **_: Any) -> dict[str, Any]:
        self.objects[Key] = Body
        return {}

    def get_object(self, *, Key: str, **_: Any) -> dict[str, Any]:
        return {"Body": io.BytesIO(self.objects[Key])}

    def head_object(self, *, Key: str, **_: Any) -> dict[str, Any]:
        if Key not in self.objects:
            raise ClientError({"Error": {"Code": "404"}}, "HeadObject")
        return {"ContentLength": len(self.objects[Key])}


class ScriptedEngine:
    """Says the same segments, in chunk time, for any audio."""

    engine = "scripted"
    model = "scripted"
    multilingual = True

    def __init__(self, segments: list[TranscriptSegment]) -> None:
        self.segments = segments
        self.languages: list[str | None] = []

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        self.languages.append(language)
        return TranscriptionResult(language=language or "en", segments=self.segments)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        raise AssertionError("the plan already settled the language")


def wav_bytes(seconds: float) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(b"\0\0" * int(seconds * SAMPLE_RATE))
    return out.getvalue()


def test_confidence_survives_chunk_time_shifting_repetition_filtering_and_assembly() -> None:
    store = ObjectStore(MemoryS3(), "bucket")
    store.put_bytes("chunks/0.wav", wav_bytes(4), "audio/wav")
    # The chunk's audio is two stretches of the recording laid end to end: 100-102 s and 200-202 s.
    chunk = ChunkPlan(
        index=0, spans=[SpeechSpan(start=100, end=102), SpeechSpan(start=200, end=202)], audio_key="chunks/0.wav"
    )
    plan = TranscriptionPlan(
        recording_id="r1",
        source_key="incoming/r1.mp3",
        title="r1",
        duration_s=300,
        chunks=[chunk],
        language="de",
        language_probability=0.93,
    )
    loop = "Danke. Danke. Danke. Danke."
    engine = ScriptedEngine(
        [
            TranscriptSegment(
                start=0.2,
                end=1.8,
                text="Tiefe schlägt Menge.",
                avg_logprob=-0.25,
                no_speech_prob=0.02,
                compression_ratio=1.1,
            ),
            TranscriptSegment(
                start=2.2, end=3.5, text=loop, avg_logprob=-0.9, no_speech_prob=0.3, compression_ratio=2.1
            ),
        ]
    )

    transcribe_chunk(plan, chunk, store, engine, "en")
    stored = assemble_transcript(plan, store, engine, "en")

    assert engine.languages == ["de"], "every chunk is transcribed in the language settled at planning"
    document = json.loads(store.get_bytes(stored.json.uri))
    assert (document["language"], document["language_probability"]) == ("de", 0.93)
    first, second = document["segments"]
    assert (first["start"], first["end"]) == (100.2, 101.8)
    assert (first["avg_logprob"], first["no_speech_prob"], first["compression_ratio"]) == (-0.25, 0.02, 1.1)
    assert second["text"] == "Danke." and 200 <= second["start"] < second["end"] <= 202
    assert (second["avg_logprob"], second["no_speech_prob"], second["compression_ratio"]) == (-0.9, 0.3, 2.1)
