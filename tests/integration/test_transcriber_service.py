"""The transcriber as a running service on a real broker and S3: chunked at silences, timestamps
right across chunks, no text invented for silence and noise, and no rebalance loop when a
recording takes longer than the consumer's ``max_poll_interval_ms``."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from bench.conversations import FESTIVAL_VOICES, VOICES, Speaker, synthesize_turns
from bench.speech import Speech, synthesize
from infra.local.stack import LocalStack
from shared.events import RecordingIngested, RecordingKind, deterministic_id
from shared.storage import ObjectStore, make_s3_client
from shared.topics import RECORDINGS_INGESTED, RECORDINGS_STATUS, TRANSCRIPTION_CHUNKS, TRANSCRIPTS_READY
from tests.conftest import make_stack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

# Far shorter than the whole recording takes to transcribe, longer than one 8 s chunk does.
MAX_POLL_INTERVAL_MS = 4_000
MAX_CHUNK_S = 8
PARAGRAPHS = [
    "Most teams publish too much content and measure too little of it.",
    "Write the thesis first, then look for evidence in the transcript.",
    "Customers remember stories far longer than they remember features.",
    "Every recording becomes a checklist, a cheat sheet and a framework article.",
    "Search traffic follows the questions people ask out loud.",
    "Depth beats volume when the audience is made of experts.",
    "Publish fewer pieces and make each of them the best answer available.",
    "A framework needs a name, a sequence of steps and a reason to exist.",
]
# One word per paragraph that tiny.en hears reliably and that no other paragraph says.
MARKERS = ["teams", "evidence", "customers", "checklist", "search", "experts", "pieces", "steps"]
FOLLOWED = (TRANSCRIPTION_CHUNKS, TRANSCRIPTS_READY, RECORDINGS_STATUS)


@pytest.fixture(scope="module")
def transcriber(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    stack = make_stack(
        tmp_path_factory.mktemp("transcriber"),
        services=("transcriber",),
        extra_env={
            "RECAST_MAX_POLL_INTERVAL_MS": str(MAX_POLL_INTERVAL_MS),
            "RECAST_MAX_CHUNK_S": str(MAX_CHUNK_S),
            # The fastest model transcribes an 8 s chunk well inside the 4 s poll interval; it is English-only.
            "RECAST_MODEL_NAME": "tiny.en",
        },
    )
    stack.up()
    try:
        yield stack
    finally:
        stack.down()


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Speech:
    # A paragraph a chunk or so, with 2.5 s pauses between them for the VAD to cut at.
    return synthesize(PARAGRAPHS, tmp_path_factory.mktemp("speech") / "talk.wav", pause_s=2.5, lead_in_s=3.0)


def encode(source: Path, target: Path) -> Path:
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(source), str(target)], check=True)
    return target


async def transcribe_upload(
    stack: LocalStack, path: Path, language: str | None = None, speakers: tuple[str, ...] = ()
) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """Upload ``path`` (declared to be in ``language``, spoken by ``speakers``), announce it as ingested, and
    collect what the transcriber publishes about it until its transcript is ready or it is refused, then
    for a few seconds more (to catch anything published twice)."""
    store = ObjectStore(make_s3_client(stack.settings()), stack.bucket)
    key = f"incoming/webinars/{uuid.uuid4().hex[:8]}{path.suffix}"
    store.client.upload_file(str(path), stack.bucket, key)
    recording_id = deterministic_id("test", key)
    ingested = RecordingIngested(
        event_id=deterministic_id(recording_id, RecordingIngested.name),
        recording_id=recording_id,
        producer="test",
        source_uri=str(store.uri(key)),
        source_key=key,
        source_etag="test",
        kind=RecordingKind.webinar,
        title=path.stem,
        size_bytes=path.stat().st_size,
        duration_s=0,
        container=path.suffix.lstrip("."),
        audio_codec="unknown",
        language=language,
        speakers=list(speakers),
    )
    consumer = AIOKafkaConsumer(*FOLLOWED, bootstrap_servers=stack.bootstrap_servers, auto_offset_reset="latest")
    await consumer.start()
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        await consumer.getmany(timeout_ms=500)  # joins at the end of every partition before we publish
        await producer.send_and_wait(
            RECORDINGS_INGESTED, ingested.model_dump_json().encode(), key=recording_id.encode()
        )
        seen: dict[str, list[dict[str, Any]]] = {}
        deadline, linger_until = time.monotonic() + 240, float("inf")
        while time.monotonic() < min(deadline, linger_until):
            for partition, records in (await consumer.getmany(timeout_ms=500)).items():
                for record in records:
                    event = json.loads(record.value)
                    if event.get("recording_id") == recording_id:
                        seen.setdefault(partition.topic, []).append(event)
            refused = any(u["state"] == "refused" for u in seen.get(RECORDINGS_STATUS, []))
            if (seen.get(TRANSCRIPTS_READY) or refused) and linger_until == float("inf"):
                linger_until = time.monotonic() + 2 * MAX_POLL_INTERVAL_MS / 1000 + 5
    finally:
        await producer.stop()
        await consumer.stop()
    return recording_id, seen


def log_events(stack: LocalStack, message: str, recording_id: str) -> list[dict[str, Any]]:
    lines = (stack.run_dir / "transcriber.log").read_text().splitlines()
    events = [json.loads(line) for line in lines if line.startswith("{")]
    return [e for e in events if e.get("message") == message and e.get("recording_id") == recording_id]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


async def test_long_speech_is_chunked_once_each_with_recording_timestamps(
    transcriber: LocalStack, speech: Speech, tmp_path: Path
) -> None:
    recording_id, seen = await transcribe_upload(transcriber, encode(speech.wav, tmp_path / "talk.m4a"))
    store = ObjectStore(make_s3_client(transcriber.settings()), transcriber.bucket)

    # Exactly one transcript, from several chunks each transcribed exactly once, although the whole
    # recording took longer than max_poll_interval_ms: no rebalance made anything come back.
    assert len(seen.get(TRANSCRIPTS_READY, [])) == 1, seen.get(TRANSCRIPTS_READY)
    chunk_count = seen[TRANSCRIPTION_CHUNKS][0]["chunk_count"]
    assert chunk_count >= 3
    assert sorted(e["chunk_index"] for e in seen[TRANSCRIPTION_CHUNKS]) == list(range(chunk_count))
    transcribed = sorted(e["chunk"] for e in log_events(transcriber, "chunk transcribed", recording_id))
    assert transcribed == list(range(chunk_count))

    ready = seen[TRANSCRIPTS_READY][0]
    transcript = json.loads(store.get_bytes(ready["transcript_uri"]))
    assert transcript["chunk_count"] == chunk_count
    assert not store.list_keys(f"transcripts/{recording_id}/chunks/"), "chunk audio left behind"
    assert abs(transcript["duration_s"] - speech.duration_s) < 0.5
    segments = transcript["segments"]
    assert all(a["start"] <= b["start"] and a["end"] <= b["start"] + 0.5 for a, b in itertools.pairwise(segments))
    assert all(0 <= s["start"] <= s["end"] <= transcript["duration_s"] for s in segments)

    # Each paragraph's marker word is heard where that paragraph was spoken, in whichever chunk it fell.
    for (start, end, _), marker in zip(speech.paragraphs, MARKERS, strict=True):
        heard_at = [s for s in segments if marker in words(s["text"])]
        assert heard_at, f"{marker!r} not transcribed: {[s['text'] for s in segments]}"
        assert any(start - 1.5 <= s["start"] and s["end"] <= end + 1.5 for s in heard_at), (marker, start, heard_at)

    # Whisper's confidence per segment, as a later stage reads it: clear espeak-ng speech is decoded
    # with confidence, in a window the model is sure holds speech, and nothing reads as a loop.
    for segment in segments:
        assert -1.0 < segment["avg_logprob"] < 0, segment
        assert 0 <= segment["no_speech_prob"] < 0.5, segment
        assert 0.5 < segment["compression_ratio"] < 2.4, segment
    assert (ready["language"], ready["language_probability"]) == ("en", None)

    # One voice: diarization finds one speaker, and every line says so.
    text = store.get_bytes(ready["txt_uri"]).decode()
    assert {s["speaker"] for s in segments} == {"S1"}
    assert text.splitlines() == [f"S1: {s['text']}" for s in segments]
    assert store.get_bytes(ready["vtt_uri"]).decode().startswith("WEBVTT")
    assert store.get_bytes(ready["srt_uri"]).decode().startswith("1\n00:00:0")

    updates = [(u["state"], u["progress"]) for u in seen[RECORDINGS_STATUS]]
    assert updates[0][0] == "started" and updates[-1] == ("done", 1.0)
    progress = [share for state, share in updates if state == "progress"]
    # 0 once planned, then after every chunk but the last (whose news is "done").
    assert len(progress) == chunk_count and progress[0] == 0 and 0 < progress[-1] < 1
    assert progress == sorted(progress)


async def test_silence_and_noise_produce_no_text(transcriber: LocalStack, tmp_path: Path) -> None:
    # 20 s of silence, 20 s of white noise, 15 s of a hum and 20 s of brown noise: nothing said.
    nothing_said = tmp_path / "nothing-said.mp3"
    sources = [
        "anullsrc=r=44100:cl=stereo:d=20",
        "anoisesrc=d=20:c=white:a=0.3:r=44100",
        "sine=f=120:d=15:r=44100",
        "anoisesrc=d=20:c=brown:a=0.5:r=44100",
    ]
    inputs = [arg for source in sources for arg in ("-f", "lavfi", "-i", source)]
    joined = "".join(f"[{i}:a]aformat=channel_layouts=stereo[a{i}];" for i in range(len(sources)))
    joined += "".join(f"[a{i}]" for i in range(len(sources))) + f"concat=n={len(sources)}:v=0:a=1"
    command = ["ffmpeg", "-nostdin", "-loglevel", "error", *inputs, "-filter_complex", joined, str(nothing_said)]
    subprocess.run(command, check=True)

    _, seen = await transcribe_upload(transcriber, nothing_said)

    assert len(seen.get(TRANSCRIPTS_READY, [])) == 1
    store = ObjectStore(make_s3_client(transcriber.settings()), transcriber.bucket)
    transcript = json.loads(store.get_bytes(seen[TRANSCRIPTS_READY][0]["transcript_uri"]))
    assert transcript["segments"] == [], f"text invented for silence and noise: {transcript['segments']}"
    assert 70 < transcript["duration_s"] < 80
    assert store.get_bytes(seen[TRANSCRIPTS_READY][0]["txt_uri"]) == b""
    final = seen[RECORDINGS_STATUS][-1]
    assert final["state"] == "done" and "0 segments" in final["message"]
    assert "no speakers" in final["message"], final["message"]


async def test_a_recording_declared_in_a_language_the_model_cannot_transcribe_is_refused(
    transcriber: LocalStack, tmp_path: Path
) -> None:
    german = tmp_path / "german.wav"
    spoken = "Die meisten Teams veröffentlichen zu viele Inhalte und messen zu wenig davon."
    subprocess.run(["espeak-ng", "-v", "de", "-w", str(german), spoken], check=True)

    recording_id, seen = await transcribe_upload(transcriber, german, language="de")

    assert TRANSCRIPTS_READY not in seen and TRANSCRIPTION_CHUNKS not in seen
    final = seen[RECORDINGS_STATUS][-1]
    assert (final["stage"], final["state"]) == ("transcribe", "refused")
    assert "declares language 'de'" in final["message"] and "English only" in final["message"]
    store = ObjectStore(make_s3_client(transcriber.settings()), transcriber.bucket)
    # Only the refusal is kept (so reconcile leaves the recording alone): no plan, no chunk audio.
    assert [item["Key"] for item in store.list_keys(f"transcripts/{recording_id}/")] == [
        f"transcripts/{recording_id}/refused.json"
    ]
    assert json.loads(store.get_bytes(f"s3://{store.bucket}/transcripts/{recording_id}/refused.json")) == {
        "reason": final["message"]
    }
    assert not log_events(transcriber, "giving up on the message; dead-lettering it", recording_id)
    assert "failed" not in [u["state"] for u in seen[RECORDINGS_STATUS]]


# Three voices that a speaker encoder tells apart, taking turns across several 8 s chunks: two of
# espeak-ng's and, as the caller, festival's voice built from a recorded woman's speech.
HOST, GUEST, CALLER = VOICES[0], VOICES[1], FESTIVAL_VOICES[2]
SCRIPT: list[tuple[Speaker, str]] = [
    (HOST, "Welcome back. Today we ask why most teams publish too much content."),
    (GUEST, "Because volume feels like progress. We cut our output in half and leads went up."),
    (HOST, "Half? How did you choose what to cut?"),
    (CALLER, "I have a question about that. Did the sales team agree with the cut?"),
    (GUEST, "Not at first. We showed them the numbers every week until they did."),
    (HOST, "Thank you both. That is all the time we have today."),
]


async def test_several_voices_across_chunks_get_one_label_each(transcriber: LocalStack, tmp_path: Path) -> None:
    turns = synthesize_turns(SCRIPT, tmp_path / "panel.wav", pause_s=1.2)
    # Names for the first two voices from the upload's metadata; the third keeps its label.
    upload = encode(tmp_path / "panel.wav", tmp_path / "panel.mp3")
    recording_id, seen = await transcribe_upload(transcriber, upload, speakers=("Host", "Guest"))
    store = ObjectStore(make_s3_client(transcriber.settings()), transcriber.bucket)
    assert seen[TRANSCRIPTION_CHUNKS][0]["chunk_count"] >= 2
    ready = seen[TRANSCRIPTS_READY][0]
    segments = json.loads(store.get_bytes(ready["transcript_uri"]))["segments"]

    # Each turn's words carry one speaker, the same one for every turn of the same voice.
    said_by: dict[int, set[str]] = {}
    for turn in turns:
        inside = [s for s in segments if turn.start - 0.3 <= (s["start"] + s["end"]) / 2 <= turn.end + 0.3]
        assert inside, f"nothing transcribed in {turn}"
        said_by.setdefault(turn.speaker, set()).update(s["speaker"] for s in inside)
    assert said_by == {0: {"Host"}, 1: {"Guest"}, 2: {"S3"}}, said_by

    assert store.get_bytes(ready["txt_uri"]).decode().startswith("Host: ")
    assert "<v Guest>" in store.get_bytes(ready["vtt_uri"]).decode()
    final = seen[RECORDINGS_STATUS][-1]
    assert final["state"] == "done" and "3 speakers: Host, Guest, S3" in final["message"], final["message"]
    assert all(e["diarize_s"] > 0 for e in log_events(transcriber, "chunk transcribed", recording_id))


async def test_music_and_a_single_word_get_a_transcript_without_speakers(
    transcriber: LocalStack, tmp_path: Path
) -> None:
    # 20 s of a changing chord (music to the VAD at most), then one short spoken phrase: too little
    # speech for a voice print, so no speaker, and the status says why instead of failing.
    spoken = synthesize_turns([(HOST, "Thanks.")], tmp_path / "word.wav", pause_s=0.5)
    assert spoken[0].end - spoken[0].start < 1.5
    notes = [("220", "277"), ("247", "311"), ("196", "262"), ("233", "294")]
    music = [f"sine=f={a}:d=5:r=16000[n{i}a];sine=f={b}:d=5:r=16000[n{i}b]" for i, (a, b) in enumerate(notes)]
    graph = ";".join(music) + ";" + "".join(f"[n{i}a][n{i}b]amix=2[m{i}];" for i in range(len(notes)))
    graph += "".join(f"[m{i}]" for i in range(len(notes))) + "[0:a]concat=n=5:v=0:a=1"
    upload = tmp_path / "music.mp3"
    command = ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(tmp_path / "word.wav"), "-filter_complex"]
    subprocess.run([*command, graph, "-ar", "16000", str(upload)], check=True)

    _, seen = await transcribe_upload(transcriber, upload)

    store = ObjectStore(make_s3_client(transcriber.settings()), transcriber.bucket)
    transcript = json.loads(store.get_bytes(seen[TRANSCRIPTS_READY][0]["transcript_uri"]))
    assert all(segment["speaker"] == "" for segment in transcript["segments"]), transcript["segments"]
    final = seen[RECORDINGS_STATUS][-1]
    assert final["state"] == "done" and "no speakers" in final["message"], final["message"]
