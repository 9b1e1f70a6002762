"""Uploads that refer to other resources (playlists, concat scripts) are refused before ffmpeg follows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.ingest.media import RejectedUpload, probe_media
from services.transcriber.audio import AudioDecodeError, stream_pcm
from shared.media_input import input_options, refused_container
from tests.conftest import RecordingServer

SAMPLE = Path(__file__).parents[2] / "samples" / "sample-webinar.mp3"


def hls_playlist(segment_url: str) -> bytes:
    return f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{segment_url}\n#EXT-X-ENDLIST\n".encode()


def test_a_presigned_url_reads_only_over_http_and_a_local_file_only_from_disk() -> None:
    remote, local = input_options("https://bucket/key?X-Amz-Signature=x"), input_options("/tmp/upload")
    assert remote[remote.index("-protocol_whitelist") + 1] == "http,https,tcp,tls"
    assert local[local.index("-protocol_whitelist") + 1] == "file,pipe"
    demuxers = remote[remote.index("-format_whitelist") + 1].split(",")
    assert "mp3" in demuxers and "mov" in demuxers
    assert not {"hls", "concat", "dash", "image2", "sdp", "rtsp"} & set(demuxers)


def test_an_hls_playlist_named_mp3_is_rejected_at_probe_and_its_segment_never_requested(
    http_server: RecordingServer,
) -> None:
    http_server.bodies["/talk.mp3"] = hls_playlist(f"{http_server.url}/secret.ts")

    with pytest.raises(RejectedUpload, match="hls playlist or script that refers to other files"):
        probe_media(f"{http_server.url}/talk.mp3", timeout_s=20)

    assert http_server.requests == ["/talk.mp3"]


def test_the_transcriber_refuses_a_playlist_file_without_touching_what_it_names(
    http_server: RecordingServer, tmp_path: Path
) -> None:
    upload = tmp_path / "talk.mp3"
    upload.write_bytes(hls_playlist(f"{http_server.url}/secret.ts"))

    with pytest.raises(AudioDecodeError, match="never follows such references"):
        list(stream_pcm(upload))

    assert http_server.requests == []


def test_a_concat_script_naming_local_files_is_refused(tmp_path: Path) -> None:
    upload = tmp_path / "talk.mp3"
    upload.write_text(f"ffconcat version 1.0\nfile '{SAMPLE}'\n")

    with pytest.raises(AudioDecodeError, match="concat playlist or script"):
        list(stream_pcm(upload))


def test_self_contained_audio_still_decodes() -> None:
    first_block = next(iter(stream_pcm(SAMPLE, block_s=1.0)))
    assert len(first_block) == 16_000


def test_refused_container_reads_ffmpeg_s_complaint() -> None:
    assert refused_container("[hls @ 0x55f4] Format not on whitelist 'mp3,mov'") == "hls"
    assert refused_container("Invalid data found when processing input") is None
