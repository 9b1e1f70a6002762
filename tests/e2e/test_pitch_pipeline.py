"""A spoken webinar with a sponsor read in the middle, through every service, as a user uploads it.

espeak-ng speaks the talk, the ad read and the speaker's way back; the real transcriber (bundled
Whisper weights) transcribes it, and the insights service must strip the read from what Whisper
heard (its spellings, its cuts mid-sentence), so neither rail's artifact carries any of it.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bench.speech import synthesize
from infra.local.demo import follow, open_followers
from infra.local.stack import LocalStack
from shared.storage import ObjectStore, make_s3_client
from shared.topics import FRAMEWORK_ARTICLE_REVIEW, FRAMEWORK_ARTICLES, LEAD_MAGNETS, RECORDINGS_STATUS
from tests.pitch.transcripts import RESUMES, SPONSOR_READ, sponsored_webinar, words_of_the_read_in

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(420)]

FOLLOWED = (LEAD_MAGNETS, FRAMEWORK_ARTICLES, FRAMEWORK_ARTICLE_REVIEW, RECORDINGS_STATUS)


def paragraphs() -> list[str]:
    """The talk before the read, the read, and the talk after it, each spoken as one paragraph."""
    lines = [text for _, _, text in sponsored_webinar()]
    read_starts, read_ends = lines.index(SPONSOR_READ[0]), lines.index(RESUMES)
    return [" ".join(lines[:read_starts]), " ".join(SPONSOR_READ), " ".join(lines[read_ends:])]


async def test_a_spoken_sponsor_read_reaches_neither_rail(pipeline: LocalStack, tmp_path: Path) -> None:
    speech = synthesize(paragraphs(), tmp_path / "sponsored.wav")
    store = ObjectStore(make_s3_client(pipeline.settings()), pipeline.bucket)
    key = f"incoming/webinars/sponsored {uuid.uuid4().hex[:8]}.wav"
    consumer = await open_followers(pipeline.bootstrap_servers, FOLLOWED)
    try:
        store.client.put_object(Bucket=pipeline.bucket, Key=key, Body=speech.wav.read_bytes(), ContentType="audio/wav")
        seen = await follow(consumer, key, (LEAD_MAGNETS, FRAMEWORK_ARTICLES), timeout_s=360)
        for topic, events in (await follow(consumer, key, (), timeout_s=3)).items():
            seen.setdefault(topic, []).extend(events)
    finally:
        await consumer.stop()

    [lead_magnet] = seen[LEAD_MAGNETS]
    [article] = seen[FRAMEWORK_ARTICLES]
    for uri in (lead_magnet["artifact_uri"], lead_magnet["html_uri"], article["artifact_uri"]):
        assert words_of_the_read_in(store.get_bytes(uri).decode()) == [], uri
    reported = [event["message"] for event in seen.get(RECORDINGS_STATUS, []) if event["stage"] == "insights"]
    assert any("of pitch at" in message for message in reported), reported
