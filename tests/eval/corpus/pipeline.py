"""Upload a spoken recording and run it through ingest and the transcriber's own code path.

Nothing is simulated: the audio goes into S3 (moto on 127.0.0.1) with no title metadata, as a
user's upload does; ``Ingestor.ingest`` probes it and decides its title; the transcriber's
``plan_recording`` finds the speech with its VAD and cuts the chunks, ``transcribe_chunk`` runs
the configured engine on each, and ``assemble_transcript`` joins them. So VAD cuts, ASR errors
and whatever the transcriber adds to segments (speakers, confidence) are the real ones.

Audio and transcripts are cached under ``.run/eval-cache/`` (or ``$RECAST_EVAL_CACHE_DIR``),
keyed by the script's fingerprint and, for transcripts, the transcriber's settings and code; ingest runs
every time, as it is cheap and the title must be what today's code gives.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import subprocess
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from moto.server import ThreadedMotoServer

from infra.local.stack import free_port
from services.ingest.notifications import UploadedObject
from services.ingest.recordings import Ingestor
from services.ingest.settings import IngestSettings
from services.transcriber.diarization import SpeakerEncoder
from services.transcriber.engines import SpeechToText, load_engine
from services.transcriber.second_opinion import SecondOpinion, load_second_opinion
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import assemble_transcript, plan_recording, transcribe_chunk
from shared.events import RecordingIngested, Transcript
from shared.settings import RecastSettings
from shared.storage import ObjectStore, make_s3_client
from tests.eval.corpus.debates import excerpt_transcript, timed_sentences
from tests.eval.corpus.script import EvalRecording
from tests.eval.corpus.speech import SpokenScript, TimedSentence, audio_fingerprint, speak

REPO_ROOT = Path(__file__).resolve().parents[3]
# Entries are keyed by content, so a cache kept elsewhere (a CI cache) is safe to point at.
CACHE_DIR_VARIABLE = "RECAST_EVAL_CACHE_DIR"
BUCKET = "recast-eval"


@dataclass(frozen=True)
class SpokenRecording:
    """A recording as the pipeline saw it: the title ingest gave, the transcript, and the truth."""

    recording: EvalRecording
    title: str
    transcript: Transcript
    sentences: list[TimedSentence]

    def said_between(self, start: float, end: float) -> list[TimedSentence]:
        """The script sentences that overlap [start, end] in the recording."""
        return [s for s in self.sentences if s.start < end and s.end > start]


class CorpusTranscriber(AbstractContextManager["CorpusTranscriber"]):
    """One local S3 and one speech-to-text engine for a whole run; use as a context manager."""

    def __init__(self, cache_dir: Path | None = None, settings: TranscriberSettings | None = None) -> None:
        self.cache_dir = cache_dir or Path(os.environ.get(CACHE_DIR_VARIABLE) or REPO_ROOT / ".run" / "eval-cache")
        self.settings = settings or TranscriberSettings()
        self._engine: SpeechToText | None = None
        self._encoder: SpeakerEncoder | None = None
        self._second_opinion: SecondOpinion | None = None
        self._server: ThreadedMotoServer | None = None
        self._store: ObjectStore | None = None
        self._ingested: dict[str, RecordingIngested] = {}

    def __enter__(self) -> Self:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request at INFO
        port = free_port()
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        self._server.start()
        local = {
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "AWS_ACCESS_KEY_ID": "eval",
            "AWS_SECRET_ACCESS_KEY": "eval",
        }
        client = make_s3_client(RecastSettings.model_validate(local))
        self._store = ObjectStore(client, BUCKET)
        self._store.ensure_bucket()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.stop()
        self._server = self._store = None

    @property
    def store(self) -> ObjectStore:
        if self._store is None:
            raise RuntimeError("CorpusTranscriber is used outside its `with` block")
        return self._store

    @property
    def engine(self) -> SpeechToText:
        if self._engine is None:  # loaded only when some transcript is not cached yet
            self._engine = load_engine(self.settings)
        return self._engine

    @property
    def encoder(self) -> SpeakerEncoder | None:
        """The speaker encoder when the transcriber diarizes, as the service loads it."""
        if self._encoder is None and self.settings.diarization:
            self._encoder = SpeakerEncoder(self.settings.diarization_threads)
        return self._encoder

    @property
    def second_opinion(self) -> SecondOpinion | None:
        """The second decoder of unsure segments when the settings turn it on, as the service loads it."""
        if self._second_opinion is None:
            self._second_opinion = load_second_opinion(self.settings)
        return self._second_opinion

    def spoken(self, recording: EvalRecording) -> SpokenRecording:
        if recording.source == "debate":
            return self.debate(recording)
        folder = self.cache_dir / recording.slug / audio_fingerprint(recording)
        upload = folder / f"upload{Path(recording.upload_key).suffix.lower()}"
        script_file = folder / "script.json"
        if not (upload.exists() and script_file.exists()):
            folder.mkdir(parents=True, exist_ok=True)
            _write_atomically(script_file, speak(recording, upload).model_dump_json())
        script = SpokenScript.model_validate_json(script_file.read_text())
        event = self.ingest(recording, upload)
        transcript_file = folder / f"transcript-{self._transcriber_fingerprint()}.json"
        if transcript_file.exists():
            transcript = Transcript.model_validate_json(transcript_file.read_text())
        else:
            transcript = self.transcribe(event)
            _write_atomically(transcript_file, transcript.model_dump_json())
        return SpokenRecording(recording, event.title, transcript, script.sentences)

    def debate(self, recording: EvalRecording) -> SpokenRecording:
        """A debate excerpt is real text, not audio; only its title goes through ingest, with a tone as the upload."""
        upload = self.cache_dir / "stand-in" / f"tone{Path(recording.upload_key).suffix.lower()}"
        if not upload.exists():
            upload.parent.mkdir(parents=True, exist_ok=True)
            tone_upload(upload)
        title = self.ingest(recording, upload).title
        return SpokenRecording(recording, title, excerpt_transcript(recording), timed_sentences(recording))

    def ingest(self, recording: EvalRecording, upload: Path) -> RecordingIngested:
        """Upload without metadata, as the CLI does for a file with no title, and let ingest decide."""
        if recording.slug in self._ingested:  # ingest decides once per upload; a second look says nothing new
            return self._ingested[recording.slug]
        key = recording.upload_key
        store = self.store
        store.client.upload_file(str(upload), store.bucket, key)
        etag = str(store.head(key)["ETag"]).strip('"')  # type: ignore[index]
        outcome = Ingestor(store, IngestSettings()).ingest(UploadedObject(store.bucket, key, etag))
        if not isinstance(outcome, RecordingIngested):
            raise RuntimeError(f"ingest did not accept {recording.slug}: {outcome}")
        self._ingested[recording.slug] = outcome
        return outcome

    def transcribe(self, event: RecordingIngested) -> Transcript:
        language = self.settings.whisper_language
        plan = plan_recording(event, self.store, self.settings, self.engine)
        for chunk in plan.chunks:
            transcribe_chunk(plan, chunk, self.store, self.engine, language, self.encoder, self.second_opinion)
        speaker_distance = self.settings.speaker_distance_threshold if self.settings.diarization else None
        return assemble_transcript(plan, self.store, self.engine, language, speaker_distance).transcript

    def _transcriber_fingerprint(self) -> str:
        """Changes with the settings that shape a transcript and with the transcriber's code, so work on the
        transcriber (speaker labels, confidence fields) is never hidden behind a cached transcript."""
        settings = self.settings.model_dump(mode="json", include=set(TranscriberSettings.model_fields) - _NOT_OUTPUT)
        digest = hashlib.sha256(json.dumps([settings, _matrix_backend()], sort_keys=True).encode())
        digest.update(_TRANSCRIPT_CODE)
        return digest.hexdigest()[:16]


@functools.cache
def _matrix_backend() -> list[str]:
    """What decides CTranslate2's int8 arithmetic: it multiplies with Intel's MKL on Intel CPUs and with another
    library elsewhere unless CT2_USE_MKL says otherwise, and the two decode the same audio into different
    words (docs/evaluation.md, ninth round). A transcript made on another kind of CPU is not reused."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    vendor = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("vendor_id")), "")
    return [vendor, os.environ.get("CT2_USE_MKL", "")]


def _transcript_code() -> list[Path]:
    """The code a transcript comes from: the transcriber (with any sub-package) and the event schemas."""
    return [*sorted((REPO_ROOT / "services" / "transcriber").rglob("*.py")), REPO_ROOT / "shared" / "events.py"]


# Read when this module is imported, together with the transcriber it runs: code edited while a long run is
# going on is not the code that run transcribes with, and must not name the transcripts it caches.
_TRANSCRIPT_CODE = hashlib.sha256(b"".join(path.read_bytes() for path in _transcript_code())).digest()

# Settings that change how fast, not what, the transcriber writes; connection settings are not its own.
_NOT_OUTPUT = {"cpu_threads", "max_poll_interval_ms", "checkpoint_dir"} | set(RecastSettings.model_fields)


def tone_upload(path: Path) -> None:
    partial = path.with_name("partial-" + path.name)
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", str(partial)],
        check=True,
        capture_output=True,
    )
    partial.replace(path)


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(text)
    partial.replace(path)
