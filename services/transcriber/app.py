"""Transcriber service: ``recordings.ingested`` in, transcript JSON (+ SRT, VTT, TXT) in S3 and
``transcripts.ready`` out.

A recording is planned (speech found and cut into chunks at silences), then each chunk is
its own event on ``transcription.chunks``. Every handler call is short whatever the
recording's length, so the consumer never outlives ``max_poll_interval_ms`` (which would
make it leave its group and get the same recording back forever), and a long recording
spreads over every replica. Whichever chunk finishes last assembles the transcript.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Annotated

from faststream import Context, ContextRepo

from services.transcriber.allocator import in_worker, limit_arenas
from services.transcriber.chunk_partitions import chunk_key, spread_chunks
from services.transcriber.diarization import SpeakerEncoder
from services.transcriber.engines import SpeechToText, load_engine, warm_up_engine
from services.transcriber.language import LanguageRefused
from services.transcriber.planning import TranscriptionPlan
from services.transcriber.second_opinion import SecondOpinion, load_second_opinion
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import (
    StoredTranscript,
    assemble_transcript,
    chunks_done,
    claim_assembly,
    delete_chunk_audio,
    plan_key,
    plan_recording,
    record_refusal,
    speech_share_done,
    transcribe_chunk,
    vad_options,
)
from services.transcriber.vad import warm_up
from shared.broker import consumer_options, make_broker, partition_key
from shared.events import RecordingIngested, TranscriptionChunkPlanned, TranscriptReady, deterministic_id
from shared.service import service_app
from shared.status import Stage, StageState, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import (
    RECORDINGS_INGESTED,
    TRANSCRIBER_CHUNK_GROUP,
    TRANSCRIBER_GROUP,
    TRANSCRIPTION_CHUNKS,
    TRANSCRIPTS_READY,
)

settings = TranscriberSettings()
broker = make_broker(settings, client_id="recast-transcriber", partitioner=spread_chunks)
log = logging.getLogger("recast.transcriber")

to_transcripts = broker.publisher(
    TRANSCRIPTS_READY,
    title="transcripts.ready",
    description="A recording was transcribed: s3:// URIs of the transcript JSON (segments with start, end, text) "
    "and of its SRT, VTT and TXT exports.",
    schema=TranscriptReady,
)
to_chunks = broker.publisher(
    TRANSCRIPTION_CHUNKS,
    title="transcription.chunks",
    description="The transcriber's own work queue: one event per chunk of a recording's speech.",
    schema=TranscriptionChunkPlanned,
)
status = StatusReporter(status_publisher(broker), producer="transcriber")


async def load_speech_to_text(context: ContextRepo, store: ObjectStore) -> None:
    started = time.monotonic()
    limit_arenas()  # before the worker threads below make arenas of their own
    engine = await asyncio.to_thread(load_engine, settings)
    # Both models run once now, so a fresh replica's first recording is not the one that waits.
    await asyncio.to_thread(warm_up, vad_options(settings))
    await asyncio.to_thread(warm_up_engine, engine, settings.whisper_language)
    encoder = await asyncio.to_thread(load_speaker_encoder) if settings.diarization else None
    second_opinion = await asyncio.to_thread(load_second_opinion, settings)
    loaded = {"engine": engine.engine, "model": engine.model, "load_s": round(time.monotonic() - started, 2)}
    log.info("speech-to-text engine loaded", extra=loaded | {"diarization": settings.diarization})
    context.set_global("engine", engine)
    context.set_global("encoder", encoder)
    context.set_global("second_opinion", second_opinion)


def load_speaker_encoder() -> SpeakerEncoder:
    encoder = SpeakerEncoder(settings.diarization_threads)
    encoder.warm_up()  # torch's first-call set-up, paid here rather than by the first chunk
    return encoder


app = service_app("transcriber", broker, settings, setup=load_speech_to_text)


def chunk_event_id(recording_id: str, index: int) -> str:
    return deterministic_id(recording_id, TranscriptionChunkPlanned.name, str(index))


@broker.subscriber(
    RECORDINGS_INGESTED,
    **consumer_options(TRANSCRIBER_GROUP, settings, max_poll_interval_ms=settings.max_poll_interval_ms),
    title="recordings.ingested/transcriber",
    description="Finds the speech in each ingested recording and cuts it into chunks at silences, one "
    "transcription.chunks event each; a recording without speech gets an empty transcript at once.",
)
async def on_recording_ingested(
    event: RecordingIngested,
    store: Annotated[ObjectStore, Context("store")],
    engine: Annotated[SpeechToText, Context("engine")],
) -> None:
    context = {"recording_id": event.recording_id, "event_id": event.event_id}
    await status.report(event.recording_id, Stage.transcribe, StageState.started, source_key=event.source_key)
    try:
        plan = await in_worker(plan_recording, event, store, settings, engine)
    except LanguageRefused as refusal:
        # A fact about the recording, not a fault: retrying or dead-lettering cannot change it.
        log.warning("recording refused: %s", refusal, extra=context)
        await in_thread(record_refusal, store, event.recording_id, str(refusal))
        await status.report(
            event.recording_id, Stage.transcribe, StageState.refused, message=str(refusal), source_key=event.source_key
        )
        return
    except Exception as error:
        await status.report_error(event.recording_id, Stage.transcribe, error, source_key=event.source_key)
        raise
    log.info(
        "transcription planned",
        extra=context
        | {"duration_s": plan.duration_s, "speech_s": round(plan.speech_s, 1), "chunks": len(plan.chunks)},
    )
    if not plan.chunks:
        if await in_thread(claim_assembly, store, event.recording_id, event.event_id):
            await _finish(plan, store, engine, "no speech detected: empty transcript")
        return
    await status.report(
        event.recording_id,
        Stage.transcribe,
        StageState.progress,
        progress=0.0,
        message=f"{len(plan.chunks)} chunks, {plan.speech_s / 60:.1f} min of speech in {plan.duration_s / 60:.1f} min",
        source_key=event.source_key,
    )
    plan_uri = str(store.uri(plan_key(event.recording_id)))
    for chunk in plan.chunks:
        planned = TranscriptionChunkPlanned(
            event_id=chunk_event_id(event.recording_id, chunk.index),
            recording_id=event.recording_id,
            producer="transcriber",
            chunk_index=chunk.index,
            chunk_count=len(plan.chunks),
            plan_uri=plan_uri,
            chunk_uri=str(store.uri(chunk.audio_key)),
            source_key=event.source_key,
        )
        # Keyed by chunk, not recording: one recording's chunks spread over partitions and replicas.
        await to_chunks.publish(planned, key=chunk_key(event.recording_id, chunk.index))


@broker.subscriber(
    TRANSCRIPTION_CHUNKS,
    **consumer_options(TRANSCRIBER_CHUNK_GROUP, settings, max_poll_interval_ms=settings.max_poll_interval_ms),
    title="transcription.chunks/transcriber",
    description="Transcribes one chunk of a recording; the last chunk done assembles the transcript and "
    "publishes transcripts.ready.",
)
async def on_transcription_chunk_planned(
    event: TranscriptionChunkPlanned,
    store: Annotated[ObjectStore, Context("store")],
    engine: Annotated[SpeechToText, Context("engine")],
    encoder: Annotated[SpeakerEncoder | None, Context("encoder", default=None)],
    second_opinion: Annotated[SecondOpinion | None, Context("second_opinion", default=None)],
) -> None:
    context = {"recording_id": event.recording_id, "event_id": event.event_id, "chunk": event.chunk_index}
    try:
        plan = await in_thread(store.get_model, event.plan_uri, TranscriptionPlan)
        chunk = plan.chunks[event.chunk_index]
        part, new = await in_worker(
            transcribe_chunk, plan, chunk, store, engine, settings.whisper_language, encoder, second_opinion
        )
        done = await in_thread(chunks_done, store, event.recording_id)
    except Exception as error:
        await status.report_error(event.recording_id, Stage.transcribe, error, source_key=event.source_key)
        raise
    if new:
        log.info(
            "chunk transcribed",
            extra=context
            | {
                "speech_s": part.speech_s,
                "transcribe_s": part.transcribe_s,
                "diarize_s": part.diarize_s,
                "rtf": round(part.transcribe_s / max(part.speech_s, 1e-6), 3),
                "segments": len(part.segments),
            },
        )
    if len(done) < len(plan.chunks):
        await status.report(
            event.recording_id,
            Stage.transcribe,
            StageState.progress,
            progress=speech_share_done(plan, done),
            message=f"{len(done)} of {len(plan.chunks)} chunks transcribed",
            source_key=event.source_key,
        )
    # The last chunk reports no progress of its own: "done" (progress 1) follows the assembly, and a
    # late 100 % after it would leave the compacted status topic saying "progress" for good.
    elif await in_thread(claim_assembly, store, event.recording_id, event.event_id):
        await _finish(plan, store, engine, f"{len(plan.chunks)} chunks")


async def _finish(plan: TranscriptionPlan, store: ObjectStore, engine: SpeechToText, detail: str) -> None:
    """Assemble, store and announce the transcript, then mark the stage done."""
    try:
        speaker_distance = settings.speaker_distance_threshold if settings.diarization else None
        stored: StoredTranscript = await in_worker(
            assemble_transcript, plan, store, engine, settings.whisper_language, speaker_distance
        )
    except Exception as error:
        await status.report_error(plan.recording_id, Stage.transcribe, error, source_key=plan.source_key)
        raise
    transcript = stored.transcript
    ready = TranscriptReady(
        event_id=deterministic_id(plan.recording_id, TranscriptReady.name),
        recording_id=plan.recording_id,
        producer="transcriber",
        transcript_uri=str(stored.json.uri),
        transcript_sha256=stored.json.sha256,
        srt_uri=str(stored.srt.uri),
        vtt_uri=str(stored.vtt.uri),
        txt_uri=str(stored.txt.uri),
        source_key=plan.source_key,
        title=plan.title,
        language=transcript.language,
        language_probability=transcript.language_probability,
        engine=transcript.engine,
        model=transcript.model,
        duration_s=transcript.duration_s,
        segment_count=len(transcript.segments),
    )
    await to_transcripts.publish(ready, key=partition_key(ready))
    await in_thread(delete_chunk_audio, store, plan)
    message = (
        f"{len(transcript.segments)} segments by {transcript.engine} {transcript.model} ({detail}); "
        f"{stored.speakers_note}"
    )
    await status.report(
        plan.recording_id, Stage.transcribe, StageState.done, message=message, source_key=plan.source_key
    )
    log.info(
        "transcript ready",
        extra={
            "recording_id": plan.recording_id,
            "segments": len(transcript.segments),
            "duration_s": transcript.duration_s,
            "speech_s": transcript.speech_s,
            "transcribe_s": transcript.transcribe_s,
        },
    )
