"""What the fault-injection scenarios share: speech clips, a stack per scenario, a faulty S3 proxy,
and the ledger that counts recordings in, completed, lost and duplicated.

"Duplicate output" is defined on what a subscriber sees: for one fact (a recording's ingest, one
of its chunks, its transcript, one of its insights, each rail's artifact or refusal), more than one
*distinct* ``event_id`` on its topic, or more than one distinct artifact checksum. The same event
delivered twice (same ``event_id``, a redelivery) is at-least-once delivery, which consumers drop
by ``event_id``; it is counted separately as ``redelivered`` and not a duplicate.

"In flight when killed" is read from the killed process's own log: FastStream logs ``Received``
when a handler takes a message and ``Processed`` when it is done, so a message received and not
processed by the time of the kill -9 was inside a handler.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import shutil
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer

from cli.common import read_all, tail
from infra.local.stack import LocalStack, free_port
from shared.keys import recording_id_for
from shared.notifications import object_created
from shared.storage import ObjectStore, make_s3_client
from shared.topics import (
    DEAD_LETTERS,
    FRAMEWORK_ARTICLE_REVIEW,
    FRAMEWORK_ARTICLES,
    INSIGHTS_EXTRACTED,
    LEAD_MAGNET_REVIEW,
    LEAD_MAGNETS,
    RECORDINGS_INGESTED,
    RECORDINGS_STATUS,
    S3_EVENTS,
    TRANSCRIPTION_CHUNKS,
    TRANSCRIPTS_READY,
)
from tests.conftest import make_stack

# Short talks that both rails publish from (about 45 s of espeak-ng speech each): a point of view, a
# number, a three-step process, a closing claim, and a key phrase the speaker says more than once (the lead
# magnet's keyword). The insight engine only quotes what the model heard with confidence, and tiny.en
# mishears espeak-ng's default voice at 165 words a minute, so each talk carries more ideas than a framework
# article needs (a thesis and two pillars) and is spoken by the en-us voice at 150; every talk was checked
# through ingest, tiny.en, the engine and both writers.
TALKS = [
    "Most marketing teams believe that more blog posts bring more customers. I think that belief is wrong, "
    "because volume buries the few ideas that matter. Last year we cut our blog posts in half, and qualified "
    "leads went up by forty percent. Readers remember one strong opinion far longer than ten polite summaries. "
    "Here is the process we use for every expert conversation. First, record one expert conversation every week. "
    "Second, pull out the strongest opinion and the numbers behind it. "
    "Third, turn each opinion into one article and one checklist. "
    "A small library of sharp articles will outsell a large library of bland ones.",
    "Most teams think customer onboarding is a product problem. I think that is wrong, it is a handoff problem. "
    "Customers forget why they bought when nobody carries the story from sales to success. "
    "Last quarter, forty percent of our new accounts never logged in after the first week of onboarding. "
    "Here is the process we use for every customer handoff. "
    "First, record a short customer handoff video for every deal. "
    "Second, share the sales notes with the success manager before the kickoff. "
    "Third, finish every customer handoff with a welcome call in the first week. "
    "The customer handoff is where the reasons for buying either survive or disappear.",
    "Most founders believe that cold email still works for new business. I think that is wrong for small teams. "
    "Buyers delete messages from strangers before they finish the first line. "
    "Last year, warm introductions closed three times more deals than cold email for our sales team. "
    "Here is the process we use for warm introductions. First, list the customers who love your product. "
    "Second, ask each happy customer for a single introduction to a colleague. "
    "Third, follow up within one day while the introduction is still warm. "
    "A referral from a trusted customer carries more weight than any clever subject line.",
    "Most managers believe that more meetings mean more alignment across the team. I think that is wrong. "
    "A calendar full of status updates leaves engineers no quiet time to build anything. "
    "When we cut our weekly meetings in half, the team shipped thirty percent more features. "
    "Here is the process we use for every weekly meeting. First, write the decision down before the meeting starts. "
    "Second, invite to the weekly meeting only the people who actually decide. "
    "Third, close every weekly meeting with one clear owner for each decision. "
    "A written decision travels further than any conversation in a crowded room.",
]
RECORDINGS_PER_SCENARIO = 20
# How slow a stage's S3 gets while the suite waits to kill it inside a message.
SLOW_S3_DELAY_S = 0.4
# Every reliability stack runs with the production defaults (polling, claim lease, retries) except
# bad-input limits that a test can reach with small files (5 MB, 65 minutes) and the model.
RELIABILITY_ENV = {
    "RECAST_MAX_UPLOAD_BYTES": str(5 * 1024 * 1024),
    "RECAST_MAX_DURATION_S": "3900",
    # These scenarios break the plumbing, not the speech; the fastest model and search keep the suite's
    # time (the default model is exercised end to end by tests/e2e and tests/eval).
    "RECAST_MODEL_NAME": "tiny.en",
    "RECAST_BEAM_SIZE": "1",
}
# One fact per key on each topic a stage publishes once per fact: a second event_id for the same key
# is a duplicate. The status topic (many updates per recording by design) and dead letters are not.
FACTS: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {
    RECORDINGS_INGESTED: lambda event: (event["recording_id"],),
    TRANSCRIPTION_CHUNKS: lambda event: (event["recording_id"], event.get("chunk_index")),
    TRANSCRIPTS_READY: lambda event: (event["recording_id"],),
    INSIGHTS_EXTRACTED: lambda event: (event["recording_id"], event.get("insight_index")),
    LEAD_MAGNETS: lambda event: (event["recording_id"],),
    FRAMEWORK_ARTICLES: lambda event: (event["recording_id"],),
    LEAD_MAGNET_REVIEW: lambda event: (event["recording_id"],),
    FRAMEWORK_ARTICLE_REVIEW: lambda event: (event["recording_id"],),
}


def synthesize_talks(directory: Path) -> list[bytes]:
    """One mp3 per talk, spoken by espeak-ng (made once per session)."""
    clips = []
    for index, text in enumerate(TALKS):
        wav, mp3 = directory / f"talk-{index}.wav", directory / f"talk-{index}.mp3"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-ac", "1", "-b:a", "48k", str(mp3)], check=True)
        clips.append(mp3.read_bytes())
    return clips


@dataclass
class ScenarioResult:
    scenario: str
    recordings_in: int
    completed: int
    lost: int
    duplicates: int
    errors_surfaced: int
    notes: str = ""
    in_flight: str = "—"  # messages inside a handler when a process was killed (kill scenarios only)


RESULTS: list[ScenarioResult] = []


def reliability_stack(run_dir: Path, **options: Any) -> LocalStack:
    extra = RELIABILITY_ENV | dict(options.pop("extra_env", {}))
    return make_stack(run_dir, extra_env=extra, **options)


def store_of(stack: LocalStack) -> ObjectStore:
    return ObjectStore(make_s3_client(stack.settings()), stack.bucket)


def upload_talks(store: ObjectStore, clips: list[bytes], scenario: str, count: int) -> dict[str, str]:
    """``count`` uploads (recording id → key) under incoming/podcasts/<scenario>/."""
    uploads = {}
    for index in range(count):
        key = f"incoming/podcasts/{scenario}/talk-{index:02d}.mp3"
        put = store.client.put_object(
            Bucket=store.bucket, Key=key, Body=clips[index % len(clips)], ContentType="audio/mpeg"
        )
        uploads[recording_id_for(store.bucket, key, str(put["ETag"]))] = key
    return uploads


async def notify_uploads(stack: LocalStack, store: ObjectStore, uploads: dict[str, str]) -> None:
    """Announce each upload on s3.events as MinIO's bucket notifications would (moto sends none), so
    ingest works from notifications, its primary path, with polling as the safety net."""
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        for key in uploads.values():
            etag = str(store.head(key)["ETag"]).strip('"')  # type: ignore[index]
            notification = object_created(store.bucket, key, etag)
            await producer.send_and_wait(S3_EVENTS, json.dumps(notification).encode(), key=key.encode())
    finally:
        await producer.stop()


def artifacts_done(store: ObjectStore, recording_ids: Iterable[str]) -> set[str]:
    """Recordings both of whose rail artifacts are in S3."""
    names: dict[str, set[str]] = defaultdict(set)
    for item in store.list_keys("content/"):
        parts = str(item["Key"]).split("/")
        if len(parts) == 3:
            names[parts[1]].add(parts[2])
    wanted = {"lead-magnet.md", "framework-article.md"}
    return {recording_id for recording_id in recording_ids if wanted <= names.get(recording_id, set())}


def count_with(store: ObjectStore, prefix: str, name: str, recording_ids: Iterable[str]) -> int:
    ids = set(recording_ids)
    return sum(
        1
        for item in store.list_keys(prefix)
        if str(item["Key"]).endswith("/" + name) and str(item["Key"]).split("/")[1] in ids
    )


async def wait_until(predicate: Any, timeout_s: float, interval_s: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await asyncio.to_thread(predicate):
            return True
        await asyncio.sleep(interval_s)
    return bool(await asyncio.to_thread(predicate))


async def wait_for_outputs(store: ObjectStore, recording_ids: Iterable[str], timeout_s: float) -> set[str]:
    ids = set(recording_ids)
    await wait_until(lambda: artifacts_done(store, ids) == ids, timeout_s)
    return artifacts_done(store, ids)


@dataclass
class Ledger:
    """Every event on the pipeline's topics, by topic and recording."""

    events: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    async def read(self, stack: LocalStack) -> None:
        for topic in (*FACTS, RECORDINGS_STATUS, DEAD_LETTERS):
            for value in await read_all(stack.settings(), [topic]):
                with contextlib.suppress(ValueError):
                    event = json.loads(value)
                    if isinstance(event, dict):
                        self.events[topic].append(event)

    def by_recording(self, topic: str, recording_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        ids = set(recording_ids)
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event in self.events.get(topic, []):
            if event.get("recording_id") in ids:
                grouped[event["recording_id"]].append(event)
        return grouped

    def completed(self, recording_ids: Iterable[str]) -> set[str]:
        ids = set(recording_ids)
        lead = self.by_recording(LEAD_MAGNETS, ids)
        articles = self.by_recording(FRAMEWORK_ARTICLES, ids)
        return {recording_id for recording_id in ids if lead.get(recording_id) and articles.get(recording_id)}

    def duplicates(self, recording_ids: Iterable[str]) -> tuple[int, int]:
        """(duplicate outputs, redeliveries): see the module docstring."""
        duplicates = redelivered = 0
        for topic, fact_of in FACTS.items():
            facts: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
            for recording_events in self.by_recording(topic, recording_ids).values():
                for event in recording_events:
                    facts[fact_of(event)].append(event)
            for events in facts.values():
                ids = {event["event_id"] for event in events}
                checksums = {event.get("artifact_sha256") for event in events}
                duplicates += max(len(ids), len(checksums)) - 1
                redelivered += len(events) - len(ids)
        return duplicates, redelivered

    def failures(self, recording_ids: Iterable[str]) -> dict[str, list[str]]:
        """Failed status updates per recording (what a user of the status topic was told)."""
        failed: dict[str, list[str]] = defaultdict(list)
        for recording_id, updates in self.by_recording(RECORDINGS_STATUS, recording_ids).items():
            failed[recording_id] += [f"{u['stage']}: {u['message']}" for u in updates if u.get("state") == "failed"]
        return dict(failed)

    def dead_letters(self) -> list[dict[str, Any]]:
        return list({letter["event_id"]: letter for letter in self.events.get(DEAD_LETTERS, [])}.values())


async def settle_and_account(
    stack: LocalStack,
    scenario: str,
    uploads: dict[str, str],
    timeout_s: float,
    notes: str = "",
    ledger: Ledger | None = None,
    in_flight: str = "—",
) -> tuple[ScenarioResult, Ledger]:
    """Wait for both rails of every upload, let redeliveries land, then count from the topics."""
    store = store_of(stack)
    await wait_for_outputs(store, uploads, timeout_s)
    await asyncio.sleep(4)  # stragglers: a redelivered message finishing after the last artifact
    ledger = ledger or Ledger()
    await ledger.read(stack)
    completed = ledger.completed(uploads)
    duplicates, redelivered = ledger.duplicates(uploads)
    errors = sum(len(messages) for messages in ledger.failures(uploads).values())
    result = ScenarioResult(
        scenario=scenario,
        recordings_in=len(uploads),
        completed=len(completed),
        lost=len(uploads) - len(completed),
        duplicates=duplicates,
        errors_surfaced=errors + len(ledger.dead_letters()),
        notes=(notes + f"; {redelivered} redelivered event(s) with a repeated id").lstrip("; "),
        in_flight=in_flight,
    )
    RESULTS.append(result)
    return result, ledger


@dataclass
class ServiceLog:
    """One service process's JSON log (``<run_dir>/<name>.log``, appended to across restarts)."""

    path: Path
    start: int = 0  # where the current process's lines begin

    def restarted(self) -> None:
        self.start = self.path.stat().st_size if self.path.exists() else 0

    def open_messages(self) -> list[dict[str, Any]]:
        """The ``Received`` lines of the current process with no ``Processed`` after them."""
        received: dict[tuple[str, str, str], dict[str, Any]] = {}
        for record in self._records():
            if record.get("message") == "Received":
                received[message_of(record)] = record
            elif record.get("message") == "Processed":
                received.pop(message_of(record), None)
        return list(received.values())

    def received(self) -> set[tuple[str, str, str]]:
        """Every message the current process has taken."""
        return {message_of(record) for record in self._records() if record.get("message") == "Received"}

    def _records(self) -> Iterable[dict[str, Any]]:
        if not self.path.exists():
            return
        with self.path.open("rb") as log:
            log.seek(self.start)
            for line in log:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue  # a line cut short by the kill
                if isinstance(record, dict):
                    yield record

    def busy_for(self, seconds: float) -> list[dict[str, Any]]:
        """Messages the current process has been inside for at least ``seconds``."""
        now = datetime.now(UTC)
        return [
            record
            for record in self.open_messages()
            if (now - datetime.fromisoformat(record["ts"])).total_seconds() >= seconds
        ]


def message_of(record: dict[str, Any]) -> tuple[str, str, str]:
    """A consumed message as its log lines name it: topic, FastStream's message id (offset and
    timestamp, the same on a redelivery) and the event id."""
    return str(record.get("topic")), str(record.get("message_id")), str(record.get("event_id"))


class StatusTail:
    """The latest state of every (recording, stage) on recordings.status, read as it happens."""

    def __init__(self, stack: LocalStack) -> None:
        self.stack = stack
        self.latest: dict[tuple[str, str], str] = {}
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> StatusTail:
        self._task = asyncio.create_task(self._follow())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _follow(self) -> None:
        async for _, update in tail(self.stack.settings(), [RECORDINGS_STATUS], from_beginning=True):
            with contextlib.suppress(KeyError, TypeError):
                self.latest[(update["recording_id"], update["stage"])] = update["state"]


async def kill_inside_a_message(
    stack: LocalStack,
    name: str,
    log: ServiceLog,
    inside: Callable[[dict[str, Any]], bool] = lambda record: True,
    slow: S3FaultProxy | None = None,
    timeout_s: float = 240,
) -> list[dict[str, Any]]:
    """SIGKILL ``name`` while its handler is inside a message ``inside`` accepts (with ``slow``'s S3
    made slow meanwhile, so a short stage stays inside long enough), restart it at once as a
    supervisor would, and return the messages it was inside."""
    if slow is not None:
        slow.delay_s = SLOW_S3_DELAY_S
    try:
        # Inside for a moment already: the handler is at work, not about to log "Processed".
        settle = 0.0 if slow is None else SLOW_S3_DELAY_S / 2
        found = await wait_until(lambda: any(inside(r) for r in log.busy_for(settle)), timeout_s, 0.05)
        assert found, f"{name} was never seen inside a message"
        stack.stop(name, kill=True)
    finally:
        if slow is not None:
            slow.delay_s = 0.0
    in_flight = log.open_messages()
    log.restarted()
    stack.start(name, wait=False)
    return in_flight


async def publish_raw(stack: LocalStack, topic: str, value: bytes, key: bytes | None = None) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


class S3FaultProxy:
    """An HTTP proxy on 127.0.0.1 in front of moto that answers 503 SlowDown, or is slow, while a fault is on.

    moto has no switch for 5xx, so the faults are made in front of it: every request is sent
    upstream with ``Connection: close`` (one request per connection), which lets the proxy
    decide per request. ``fail_ratio`` of the requests that arrive while faulting get a 503
    (S3's own throttling answer, which boto3 and ffmpeg both see as retryable); with ``delay_s``
    every request waits that long before it is passed on.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self.fail_ratio = 0.0
        self.delay_s = 0.0
        self.injected = 0
        self._random = random.Random(6)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()
        self._server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> S3FaultProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def serve() -> None:
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
            self._ready.set()

        self._loop.run_until_complete(serve())
        self._loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        if self.fail_ratio and self._random.random() < self.fail_ratio:
            self.injected += 1
            body = b'<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>injected fault</Message></Error>'
            writer.write(
                b"HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nConnection: close\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + (b"" if head.startswith(b"HEAD ") else body)
            )
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            writer.close()
            return
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        lines = [line for line in head.split(b"\r\n") if line and not line.lower().startswith(b"connection:")]
        head = b"\r\n".join([*lines, b"Connection: close", b"", b""])
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            writer.close()
            return
        up_writer.write(head)

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError, asyncio.CancelledError):
                while chunk := await source.read(65536):
                    sink.write(chunk)
                    await sink.drain()
            with contextlib.suppress(Exception):
                sink.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True)


def have_tools() -> bool:
    return all(shutil.which(tool) for tool in ("ffmpeg", "ffprobe", "espeak-ng"))
