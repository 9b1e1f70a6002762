"""The transcriber's three steps, each short and safe to repeat:

1. :func:`plan_recording` — decode the upload in blocks, find the speech, cut it into chunks
   at silences and store each chunk's audio and the plan (``recordings.ingested``);
2. :func:`transcribe_chunk` — transcribe one chunk and store its segments in recording time
   (``transcription.chunks``, one event per chunk);
3. :func:`assemble_transcript` — once every chunk is done, join them, filter repetitions and
   store the transcript JSON with SRT, VTT and TXT exports.

Every step writes under ``transcripts/<recording_id>/`` with deterministic keys, and skips
work whose result is already there, so a redelivered event costs one S3 lookup.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from faster_whisper.vad import VadOptions
from pydantic import BaseModel

from services.transcriber.audio import SAMPLE_RATE, read_wav
from services.transcriber.diarization import (
    SpeakerEncoder,
    VoiceWindows,
    attribute_speakers,
    diarize,
    speaker_names,
)
from services.transcriber.engines import SpeechToText
from services.transcriber.exports import to_srt, to_txt, to_vtt
from services.transcriber.guards import filter_repetitions
from services.transcriber.language import LanguageChoice, LanguagePolicy, choose_language
from services.transcriber.planning import ChunkPlan, ChunkTimeline, TranscriptionPlan, plan_chunks
from services.transcriber.second_opinion import SecondOpinion, confirm_segments
from services.transcriber.settings import TranscriberSettings
from services.transcriber.vad import chunk_wav, find_speech
from shared.events import RecordingIngested, Transcript, TranscriptSegment, TranscriptWord
from shared.keys import transcript_key, transcript_refused_key
from shared.storage import ObjectStore, StoredObject


def plan_key(recording_id: str) -> str:
    return f"transcripts/{recording_id}/plan.json"


def chunk_audio_key(recording_id: str, index: int) -> str:
    return f"transcripts/{recording_id}/chunks/{index:04d}.wav"


def parts_prefix(recording_id: str) -> str:
    return f"transcripts/{recording_id}/parts/"


def part_key(recording_id: str, index: int) -> str:
    return f"{parts_prefix(recording_id)}{index:04d}.json"


def assembly_claim_key(recording_id: str) -> str:
    return f"transcripts/{recording_id}/assembly.claim"


class ChunkTranscript(BaseModel):
    """One chunk's segments, already in recording time: ``parts/NNNN.json``."""

    index: int
    language: str
    engine: str
    model: str
    speech_s: float
    transcribe_s: float
    segments: list[TranscriptSegment]
    voices: VoiceWindows | None = None  # speaker windows, when diarization is on
    diarize_s: float = 0.0


@dataclass(frozen=True)
class StoredTranscript:
    transcript: Transcript
    json: StoredObject
    srt: StoredObject
    vtt: StoredObject
    txt: StoredObject
    speakers_note: str  # who was found, or why no one was: for the status message


# --- 1. planning ----------------------------------------------------------------------------


def vad_options(settings: TranscriberSettings) -> VadOptions:
    return VadOptions(
        threshold=settings.vad_threshold,
        min_silence_duration_ms=settings.min_silence_ms,
        speech_pad_ms=settings.speech_pad_ms,
        # Silero then splits speech longer than a chunk at its last short pause.
        max_speech_duration_s=settings.max_chunk_s,
    )


def plan_recording(
    event: RecordingIngested, store: ObjectStore, settings: TranscriberSettings, engine: SpeechToText
) -> TranscriptionPlan:
    """Cut the recording's speech into chunks, settle its language and store them; blocking, so it
    runs in a worker thread. Raises ``LanguageRefused`` (storing nothing) for a language not served."""
    key = plan_key(event.recording_id)
    if store.head(key) is not None:  # planned before: a redelivery re-announces the same chunks
        return store.get_model(store.uri(key), TranscriptionPlan)
    with tempfile.TemporaryDirectory(prefix="recast-plan-") as workdir:
        source, spool = Path(workdir) / "source", Path(workdir) / "audio.pcm"
        store.download(event.source_key, source)
        speech = find_speech(source, spool, vad_options(settings), settings.audio_filter)
        planned = plan_chunks(speech.spans, settings.max_chunk_s)
        language = _settle_language(event, planned, spool, settings, engine)
        chunks = []
        for chunk in planned:
            audio_key = chunk_audio_key(event.recording_id, chunk.index)
            store.put_bytes(audio_key, chunk_wav(spool, chunk.spans), "audio/wav")
            chunks.append(chunk.model_copy(update={"audio_key": audio_key}))
    plan = TranscriptionPlan(
        recording_id=event.recording_id,
        source_key=event.source_key,
        title=event.title,
        duration_s=round(speech.duration_s, 3),
        chunks=chunks,
        language=language.language,
        language_probability=language.probability,
        speakers=event.speakers,
    )
    store.put_model(key, plan)
    return plan


# Whisper detects a language from one 30 s window.
_DETECTION_WINDOW_S = 30


def _settle_language(
    event: RecordingIngested, chunks: list[ChunkPlan], spool: Path, settings: TranscriberSettings, engine: SpeechToText
) -> LanguageChoice:
    def detect() -> tuple[str, float]:
        audio = read_wav(chunk_wav(spool, chunks[0].spans))  # the first speech, silences cut out
        return engine.detect_language(audio[: _DETECTION_WINDOW_S * SAMPLE_RATE])

    return choose_language(LanguagePolicy.of(settings, engine), event.language, detect if chunks else None)


def record_refusal(store: ObjectStore, recording_id: str, reason: str) -> None:
    """Keep the refusal in S3 beside where the transcript would be, so ``recast reconcile`` knows the
    recording ended here rather than stalled (a redelivery decides afresh, on the settings of the day)."""
    store.put_bytes(transcript_refused_key(recording_id), json.dumps({"reason": reason}).encode(), "application/json")


# --- 2. one chunk ---------------------------------------------------------------------------


def transcribe_chunk(
    plan: TranscriptionPlan,
    chunk: ChunkPlan,
    store: ObjectStore,
    engine: SpeechToText,
    language: str | None,
    encoder: SpeakerEncoder | None = None,
    second_opinion: SecondOpinion | None = None,
) -> tuple[ChunkTranscript, bool]:
    """Transcribe one chunk (and embed its voices, given an ``encoder``) and store its part;
    returns the part and whether it was new work."""
    key = part_key(plan.recording_id, chunk.index)
    if store.head(key) is not None:
        return store.get_model(store.uri(key), ChunkTranscript), False
    audio = read_wav(store.get_bytes(store.uri(chunk.audio_key)))
    started = time.monotonic()
    result = engine.transcribe(audio, plan.language or language)
    segments = result.segments
    if second_opinion is not None:
        segments = confirm_segments(segments, audio, result.language, second_opinion)
    transcribe_s = time.monotonic() - started
    timeline = ChunkTimeline(chunk.spans)
    started = time.monotonic()
    voices = encoder.embed_spans(audio, timeline) if encoder is not None else None
    part = ChunkTranscript(
        index=chunk.index,
        language=result.language,
        engine=engine.engine,
        model=engine.model,
        speech_s=round(chunk.speech_s, 3),
        transcribe_s=round(transcribe_s, 3),
        segments=[to_recording_time(segment, timeline) for segment in segments],
        voices=voices,
        diarize_s=round(time.monotonic() - started, 3) if voices is not None else 0.0,
    )
    store.put_model(key, part)
    return part, True


def to_recording_time(segment: TranscriptSegment, timeline: ChunkTimeline) -> TranscriptSegment:
    def word(w: TranscriptWord) -> TranscriptWord:
        start = timeline.to_recording_time(w.start)
        end = max(start, timeline.to_recording_time(w.end, is_end=True))
        return w.model_copy(update={"start": start, "end": end})

    start = timeline.to_recording_time(segment.start)
    end = max(start, timeline.to_recording_time(segment.end, is_end=True))
    return segment.model_copy(update={"start": start, "end": end, "words": [word(w) for w in segment.words]})


def chunks_done(store: ObjectStore, recording_id: str) -> set[int]:
    prefix = parts_prefix(recording_id)
    return {int(item["Key"][len(prefix) :].removesuffix(".json")) for item in store.list_keys(prefix)}


def speech_share_done(plan: TranscriptionPlan, done: set[int]) -> float:
    """How much of the recording's speech is transcribed, 0..1 (what progress reports)."""
    total = plan.speech_s
    return sum(chunk.speech_s for chunk in plan.chunks if chunk.index in done) / total if total else 1.0


def claim_assembly(store: ObjectStore, recording_id: str, claimant_event_id: str) -> bool:
    """True for the one event that assembles the transcript, and for that event's redeliveries
    (so a claimant that crashed half-way finishes the job when its event comes back)."""
    key = assembly_claim_key(recording_id)
    if store.claim(key, {"event_id": claimant_event_id}):
        return True
    record = store.get_model(store.uri(key), _AssemblyClaim)
    return record.event_id == claimant_event_id


class _AssemblyClaim(BaseModel):
    event_id: str


# --- 3. the whole transcript -------------------------------------------------------------------


def delete_chunk_audio(store: ObjectStore, plan: TranscriptionPlan) -> None:
    """The chunks' audio is only needed until every part exists (a redelivered chunk event then
    finds its part and never reads the audio); 3 hours of it is ~330 MB of WAV."""
    for chunk in plan.chunks:
        store.delete(chunk.audio_key)


def assemble_transcript(
    plan: TranscriptionPlan,
    store: ObjectStore,
    engine: SpeechToText,
    language: str | None,
    speaker_distance: float | None = None,
) -> StoredTranscript:
    """Join every chunk's part into the transcript and store it with its exports. A recording
    without speech gets an empty transcript labelled with the configured ``language``
    ("und", undetermined, when it was to be detected). With a ``speaker_distance`` threshold,
    the voices of all chunks are clustered together and every segment names its speaker."""
    parts = [
        store.get_model(store.uri(part_key(plan.recording_id, chunk.index)), ChunkTranscript) for chunk in plan.chunks
    ]
    segments = filter_repetitions(segment for part in parts for segment in part.segments)
    segments, speakers_note = _with_speakers(segments, parts, plan.speakers, speaker_distance)
    transcript = Transcript(
        recording_id=plan.recording_id,
        language=plan.language or (parts[0].language if parts else language or "und"),
        language_probability=plan.language_probability,
        engine=parts[0].engine if parts else engine.engine,
        model=parts[0].model if parts else engine.model,
        duration_s=plan.duration_s,
        segments=segments,
        speech_s=round(plan.speech_s, 3),
        chunk_count=len(plan.chunks),
        transcribe_s=round(sum(part.transcribe_s for part in parts), 3),
    )
    recording_id = plan.recording_id
    return StoredTranscript(
        transcript=transcript,
        json=store.put_model(transcript_key(recording_id), transcript),
        srt=store.put_text(transcript_key(recording_id, "srt"), to_srt(transcript), "application/x-subrip"),
        vtt=store.put_text(transcript_key(recording_id, "vtt"), to_vtt(transcript), "text/vtt; charset=utf-8"),
        txt=store.put_text(transcript_key(recording_id, "txt"), to_txt(transcript), "text/plain; charset=utf-8"),
        speakers_note=speakers_note,
    )


def _with_speakers(
    segments: list[TranscriptSegment], parts: list[ChunkTranscript], names: list[str], speaker_distance: float | None
) -> tuple[list[TranscriptSegment], str]:
    if speaker_distance is None:
        return segments, "diarization off"
    if not segments:
        return segments, "no speakers: nothing was said"
    voices = [part.voices for part in parts if part.voices is not None]
    if len(voices) < len(parts):
        # Parts stored while diarization was off: labelling half a recording would mislead.
        return segments, "no speakers: some chunks were transcribed with diarization off"
    result = diarize(voices, speaker_distance)
    if result.timeline is None:
        return segments, f"no speakers: {result.reason}"
    count = result.timeline.speaker_count
    found = f"{count} speaker{'s' if count > 1 else ''}: {', '.join(speaker_names(count, names))}"
    return attribute_speakers(segments, result.timeline, names), found
