"""Hostile and broken input, next to 20 good recordings: each bad one is refused with a clear reason on
the status topic and the dead-letter topic, no service falls over, and the good ones keep flowing."""

from __future__ import annotations

import asyncio
import json
import os
import random
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app as recast
from infra.local.stack import LocalStack
from shared.keys import recording_id_for
from shared.topics import DEAD_LETTERS, INSIGHTS_EXTRACTED, RECORDINGS_INGESTED, S3_EVENTS, TRANSCRIPTS_READY
from tests.e2e.test_pipeline import minio_notification
from tests.reliability.harness import (
    RECORDINGS_PER_SCENARIO,
    RESULTS,
    Ledger,
    ScenarioResult,
    ffmpeg,
    publish_raw,
    reliability_stack,
    store_of,
    upload_talks,
    wait_for_outputs,
)

pytestmark = [pytest.mark.reliability, pytest.mark.integration, pytest.mark.timeout(900)]


def flac_bomb(path: Path, seconds: int, claimed_seconds: int) -> bytes:
    """FLAC of ``seconds`` of silence whose STREAMINFO claims ``claimed_seconds``: tiny, decodes to hours."""
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", str(seconds), "-c:a", "flac", str(path))
    data = bytearray(path.read_bytes())
    # fLaC, 4-byte block header, then STREAMINFO: total samples are the low 36 bits of bytes 18..25.
    packed = int.from_bytes(data[18:26], "big")
    packed = (packed & ~((1 << 36) - 1)) | (8000 * claimed_seconds)
    data[18:26] = packed.to_bytes(8, "big")
    return bytes(data)


@pytest.fixture(scope="module")
def bad_uploads(tmp_path_factory: pytest.TempPathFactory, talks: list[bytes]) -> dict[str, tuple[bytes, str]]:
    """name -> (body, a phrase the rejection reason must contain)."""
    work = tmp_path_factory.mktemp("bad")
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "3600", "-b:a", "8k", str(work / "hour.mp3"))
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "4200", "-b:a", "8k", str(work / "long.mp3"))
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "2", "-an", str(work / "silent-film.mp4"))
    return {
        "0-byte file": (b"", "empty"),
        # Seeded: unseeded, ffprobe now and then reads random bytes as some stream (once an h263 one) and the refusal
        # names it, which is clear but not the reason this case checks.
        "random bytes named .mp3": (random.Random(0).randbytes(64 * 1024), "not a readable audio"),
        "truncated mp3": (talks[0][: len(talks[0]) * 6 // 10], "truncated"),
        "text file": (b"Meeting notes: nothing to hear here.\n" * 50, "not a readable audio"),
        "video with no audio track": ((work / "silent-film.mp4").read_bytes(), "no audio stream"),
        "an hour of silence": ((work / "hour.mp3").read_bytes(), "silent"),
        "over the size limit": (b"\0" * (6 * 1024 * 1024), "the limit is 5242880"),
        "over the duration limit": ((work / "long.mp3").read_bytes(), "the limit is 3900 s"),
        "decompression bomb": (flac_bomb(work / "bomb.flac", 4200, 5), "decompression bomb"),
    }


HOSTILE_KEYS = {
    "key with ..": ("incoming/podcasts/../../etc/passwd.mp3", "'..'"),
    "absolute key": ("/incoming/podcasts/absolute.mp3", "absolute path"),
    "key with control characters": ("incoming/podcasts/bell\x07\x1b[2J.mp3", "control characters"),
    "huge key": ("incoming/podcasts/" + "a" * 1100 + ".mp3", "longer than 1024 bytes"),
    "S3 event for a missing object": (f"incoming/podcasts/ghost-{uuid.uuid4().hex}.mp3", "does not exist"),
}
FAKE_ID = "0123456789abcdef01234567"
MALFORMED = [
    (topic, value)
    for topic in (S3_EVENTS, RECORDINGS_INGESTED, TRANSCRIPTS_READY, INSIGHTS_EXTRACTED)
    for value in (
        b"{not json",
        b"\xff\xfe\x00\x01 binary junk",
        json.dumps({"recording_id": FAKE_ID, "event_id": "x", "unexpected": True}).encode(),
        b'["a", "list"]',
    )
]
# Which consumer groups read each topic: the writers both read insights.extracted.
READERS = {S3_EVENTS: 1, RECORDINGS_INGESTED: 1, TRANSCRIPTS_READY: 1, INSIGHTS_EXTRACTED: 2}


async def test_bad_input_is_refused_clearly_and_good_input_keeps_flowing(
    tmp_path: Path, talks: list[bytes], bad_uploads: dict[str, tuple[bytes, str]]
) -> None:
    stack = reliability_stack(tmp_path)
    await asyncio.to_thread(stack.up)
    try:
        store = store_of(stack)
        good = upload_talks(store, talks, "good", RECORDINGS_PER_SCENARIO)
        expected: dict[str, tuple[str, str]] = {}  # recording id -> (case, phrase)
        for index, (case, (body, phrase)) in enumerate(bad_uploads.items()):
            key = f"incoming/podcasts/bad/{index:02d}.mp3"
            put = store.client.put_object(Bucket=store.bucket, Key=key, Body=body, ContentType="audio/mpeg")
            expected[recording_id_for(store.bucket, key, str(put["ETag"]))] = (case, phrase)
        for case, (key, phrase) in HOSTILE_KEYS.items():
            etag = uuid.uuid4().hex
            await publish_raw(stack, S3_EVENTS, json.dumps(minio_notification(store.bucket, key, etag, 10)).encode())
            expected[recording_id_for(store.bucket, key[:1024].lstrip(), etag)] = (case, phrase)
        for topic, value in MALFORMED:
            await publish_raw(stack, topic, value, key=FAKE_ID.encode())

        done = await wait_for_outputs(store, good, 420)
        await asyncio.sleep(6)  # the last rejections and dead letters
        ledger = Ledger()
        await ledger.read(stack)
        alive = {name: _running(stack, name) for name in stack.pids if name not in ("broker", "s3")}
        # No secret in any service's log: not the S3 secret key, not a presigned URL's signature.
        secret = stack.env["AWS_SECRET_ACCESS_KEY"]
        leaks = {
            name: [marker for marker in (secret, "X-Amz-Signature", "X-Amz-Credential") if marker in text]
            for name in alive
            if (text := (stack.run_dir / f"{name}.log").read_text(errors="replace"))
        }

        letters = ledger.dead_letters()
        failures = ledger.failures(expected)
        refused = {
            recording_id
            for recording_id, (_case, phrase) in expected.items()
            if any(phrase in message for message in failures.get(recording_id, []))
            and any(letter["recording_id"] == recording_id and phrase in letter["error_message"] for letter in letters)
        }
        malformed_letters = [letter for letter in letters if letter["recording_id"] in (FAKE_ID, "unknown")]
        wanted_letters = sum(READERS[topic] for topic, _ in MALFORMED)
        duplicates, _ = ledger.duplicates(good)
        RESULTS.append(
            ScenarioResult(
                scenario=f"bad input ({len(expected)} bad uploads/keys, {len(MALFORMED)} malformed events) + 20 good",
                recordings_in=len(good) + len(expected),
                completed=len(done),
                lost=len(good) - len(done) + len(expected) - len(refused),
                duplicates=duplicates,
                errors_surfaced=len(refused) + len(malformed_letters),
                notes=f"{len(refused)}/{len(expected)} refused with reason on status + DLQ; "
                f"{len(malformed_letters)}/{wanted_letters} malformed events dead-lettered; services alive: "
                f"{sum(alive.values())}/{len(alive)}",
            )
        )

        # recast dlq list / replay, as an operator would use them.
        runner = CliRunner()
        listed = await asyncio.to_thread(runner.invoke, recast, ["dlq", "list", "--json"], env=stack.env)
        assert listed.exit_code == 0, listed.output
        assert len(listed.output.strip().splitlines()) == len(letters)
        junk = next(
            letter
            for letter in letters
            if letter["original_topic"] == TRANSCRIPTS_READY and letter["payload_encoding"] == "base64"
        )
        replayed = await asyncio.to_thread(
            runner.invoke, recast, ["dlq", "replay", "--id", junk["event_id"]], env=stack.env
        )
        assert replayed.exit_code == 0, replayed.output
        again = Ledger()
        for _ in range(20):
            await asyncio.sleep(0.5)
            again = Ledger()
            await again.read(stack)
            if len(again.dead_letters()) > len(letters):
                break
        new = [letter for letter in again.dead_letters() if letter["event_id"] not in {x["event_id"] for x in letters}]
    finally:
        stack.down()

    assert done == set(good), "good recordings stopped flowing"
    assert duplicates == 0
    assert all(alive.values()), alive
    assert not any(leaks.values()), leaks
    missing = {expected[recording_id][0]: failures.get(recording_id) for recording_id in set(expected) - refused}
    assert not missing, missing
    assert len(malformed_letters) >= wanted_letters, [(x["original_topic"], x["stage"]) for x in malformed_letters]
    assert all(letter["error_kind"] == "permanent" and letter["attempts"] == 1 for letter in malformed_letters)
    assert [(x["original_topic"], x["payload"]) for x in new] == [(TRANSCRIPTS_READY, junk["payload"])]
    assert not any("X-Amz-Signature" in letter["error_message"] for letter in letters)
    assert DEAD_LETTERS not in {letter["original_topic"] for letter in letters}


def _running(stack: LocalStack, name: str) -> bool:
    try:
        os.kill(stack.pids[name], 0)
    except ProcessLookupError:
        return False
    return True
