"""Ingest's checks on keys and media, on local files (ffmpeg, no servers)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from services.ingest.media import RejectedUpload, decode_audio_stream, probe_media
from services.ingest.recordings import unsafe_key_reason
from shared.errors import TransientError


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("incoming/podcasts/../../etc/passwd.mp3", "'..'"),
        ("incoming/podcasts/./x.mp3", "'..'"),
        ("/incoming/podcasts/x.mp3", "absolute"),
        ("incoming//etc/x.mp3", "empty segments"),
        ("incoming/podcasts/a\\b.mp3", "absolute"),
        ("incoming/podcasts/bell\x07.mp3", "control characters"),
        ("incoming/podcasts/new\nline.mp3", "control characters"),
        ("incoming/podcasts/" + "é" * 600 + ".mp3", "longer than 1024 bytes"),
    ],
)
def test_hostile_keys_are_refused(key: str, reason: str) -> None:
    assert reason in (unsafe_key_reason(key) or "")


@pytest.mark.parametrize("key", ["incoming/podcasts/My talk (final) v2.mp3", "incoming/webinars/2026/q3/ünïcode.m4a"])
def test_ordinary_keys_pass(key: str) -> None:
    assert unsafe_key_reason(key) is None


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("media")
    ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000", "-t", "6", "-b:a", "32k", str(work / "tone.mp3")
    )
    whole = (work / "tone.mp3").read_bytes()
    (work / "truncated.mp3").write_bytes(whole[: len(whole) // 2])
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "120", "-b:a", "8k", str(work / "silence.mp3"))
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "600", "-c:a", "flac", str(work / "bomb.flac"))
    bomb = bytearray((work / "bomb.flac").read_bytes())
    packed = int.from_bytes(bomb[18:26], "big")
    bomb[18:26] = ((packed & ~((1 << 36) - 1)) | (8000 * 5)).to_bytes(8, "big")  # claims 5 s
    (work / "bomb.flac").write_bytes(bytes(bomb))
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-t", "1", "-an", str(work / "no-audio.mp4"))
    (work / "random.mp3").write_bytes(bytes(range(256)) * 200)
    return work


def test_a_real_recording_decodes_to_what_its_header_says(media: Path) -> None:
    info = probe_media(str(media / "tone.mp3"), 30)
    decoded = decode_audio_stream(str(media / "tone.mp3"), 60, 30)
    assert abs(decoded.duration_s - info.duration_s) < 0.2 and not decoded.hit_limit
    assert decoded.peak_db is not None and decoded.peak_db > -20


def test_a_truncated_mp3_decodes_to_less_than_its_header_claims(media: Path) -> None:
    info = probe_media(str(media / "truncated.mp3"), 30)
    decoded = decode_audio_stream(str(media / "truncated.mp3"), 60, 30)
    assert decoded.duration_s < info.duration_s * 0.95 - 0.25


def test_a_decompression_bomb_is_caught_by_decoding_not_by_its_header(media: Path) -> None:
    info = probe_media(str(media / "bomb.flac"), 30)
    decoded = decode_audio_stream(str(media / "bomb.flac"), 60, 30)
    assert info.duration_s == pytest.approx(5, abs=0.1)
    assert decoded.hit_limit and decoded.duration_s == pytest.approx(60, abs=0.5)


def test_silence_has_no_peak(media: Path) -> None:
    decoded = decode_audio_stream(str(media / "silence.mp3"), 600, 30)
    assert decoded.peak_db is not None and decoded.peak_db < -60


@pytest.mark.parametrize(("name", "reason"), [("no-audio.mp4", "no audio stream"), ("random.mp3", "not a readable")])
def test_files_without_audio_are_rejected(media: Path, name: str, reason: str) -> None:
    with pytest.raises(RejectedUpload, match=reason):
        probe_media(str(media / name), 30)


def test_an_s3_outage_during_the_probe_is_transient_not_a_rejection() -> None:
    import http.server
    import threading

    class Unavailable(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Unavailable)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/x.mp3?X-Amz-Signature=secret"
        with pytest.raises(TransientError) as caught:
            probe_media(url, 30)
    finally:
        server.shutdown()
    assert "secret" not in str(caught.value)
