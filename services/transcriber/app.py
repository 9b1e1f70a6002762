"""Transcriber service: ``recordings.ingested`` in, transcript JSON in S3 and ``transcripts.ready`` out."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from pathlib import Path
from typing import Annotated

from faststream import Context, ContextRepo

from services.transcriber.audio import SAMPLE_RATE, decode_audio
from services.transcriber.engines import SpeechToText, load_engine
from services.transcriber.settings import TranscriberSettings
from shared.broker import consumer_options, make_broker, partition_key
from shared.events import RecordingIngested, Transcript, TranscriptReady, deterministic_id
from shared.service import service_app
from shared.status import Stage, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import RECORDINGS_INGESTED, TRANSCRIBER_GROUP, TRANSCRIPTS_READY

settings = TranscriberSettings()
broker = make_broker(settings, client_id="recast-transcriber")
log = logging.getLogger("recast.transcriber")

to_transcripts = broker.publisher(
    TRANSCRIPTS_READY,
    title="transcripts.ready",
    description="A recording was transcribed: s3:// URI of the transcript JSON (segments with start, end, text).",
    schema=TranscriptReady,
)
status = StatusReporter(status_publisher(broker), producer="transcriber")


async def load_speech_to_text(context: ContextRepo, store: ObjectStore) -> None:
    started = time.monotonic()
    engine = await asyncio.to_thread(load_engine, settings)
    loaded = {"engine": engine.engine, "model": engine.model, "load_s": round(time.monotonic() - started, 2)}
    log.info("speech-to-text engine loaded", extra=loaded)
    context.set_global("engine", engine)


app = service_app("transcriber", broker, settings, setup=load_speech_to_text)


def transcript_key(recording_id: str) -> str:
    return f"transcripts/{recording_id}/transcript.json"


def transcribe_recording(event: RecordingIngested, store: ObjectStore, engine: SpeechToText) -> Transcript:
    """Download, decode to 16 kHz mono and transcribe; blocking, so it runs in a worker thread."""
    with tempfile.TemporaryDirectory(prefix="recast-transcribe-") as workdir:
        source = Path(workdir) / "source"
        store.download(event.source_key, source)
        audio = decode_audio(source)
    result = engine.transcribe(audio, settings.language)
    return Transcript(
        recording_id=event.recording_id,
        language=result.language,
        engine=engine.engine,
        model=engine.model,
        duration_s=round(len(audio) / SAMPLE_RATE, 3),
        segments=result.segments,
    )


@broker.subscriber(
    RECORDINGS_INGESTED,
    **consumer_options(TRANSCRIBER_GROUP, max_poll_interval_ms=settings.max_poll_interval_ms),
    title="recordings.ingested/transcriber",
    description="Transcribes each ingested recording with Whisper.",
)
async def on_recording_ingested(
    event: RecordingIngested,
    store: Annotated[ObjectStore, Context("store")],
    engine: Annotated[SpeechToText, Context("engine")],
) -> None:
    context = {"recording_id": event.recording_id, "event_id": event.event_id}
    log.info("transcription started", extra=context | {"duration_s": event.duration_s})
    started = time.monotonic()
    async with status.track(event.recording_id, Stage.transcribe, event.source_key) as run:
        transcript = await asyncio.to_thread(transcribe_recording, event, store, engine)
        stored = await in_thread(store.put_model, transcript_key(event.recording_id), transcript)
        run.message = f"{len(transcript.segments)} segments by {engine.engine} {engine.model}"
    ready = TranscriptReady(
        event_id=deterministic_id(event.recording_id, TranscriptReady.name),
        recording_id=event.recording_id,
        producer="transcriber",
        transcript_uri=str(stored.uri),
        transcript_sha256=stored.sha256,
        source_key=event.source_key,
        title=event.title,
        language=transcript.language,
        engine=transcript.engine,
        model=transcript.model,
        duration_s=transcript.duration_s,
        segment_count=len(transcript.segments),
    )
    await to_transcripts.publish(ready, key=partition_key(ready))
    elapsed = time.monotonic() - started
    log.info(
        "transcript ready",
        extra=context
        | {
            "segments": len(transcript.segments),
            "elapsed_s": round(elapsed, 2),
            "rtf": round(elapsed / max(transcript.duration_s, 1e-6), 3),
        },
    )
