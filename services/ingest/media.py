"""What an upload really holds: ffprobe reads its headers, then ffmpeg decodes it (bounded) to check them.

Headers can lie. A truncated mp3 keeps the duration of the whole file in its Xing header; a
few hundred kilobytes of FLAC can declare five seconds and decode to hours (a decompression
bomb). So ingest decodes the audio once, stopping at the duration limit, and compares what it
got with what the header claimed; the same pass measures the peak level, to turn away silence.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass

from shared.errors import TransientError
from shared.media_input import input_options, refusal_reason, refused_container

# ffmpeg's words for "the server or the network failed", as opposed to "the file is bad".
_TRANSIENT = re.compile(
    r"Server returned 5(?:\d\d|XX)|5\d\d (?:Service Unavailable|Internal Server Error|Bad Gateway)|Connection refused|"
    r"Connection reset|Connection timed out|timed out|Network is unreachable|End of file while reading",
    re.IGNORECASE,
)


class RejectedUpload(Exception):
    """The upload cannot become a recording; the message says why, for the uploader."""


@dataclass(frozen=True)
class MediaInfo:
    container: str
    audio_codec: str
    duration_s: float


@dataclass(frozen=True)
class DecodedAudio:
    duration_s: float
    peak_db: float | None
    hit_limit: bool


def probe_media(location: str, timeout_s: float) -> MediaInfo:
    """Probe a file path or URL without decoding it; reject anything without an audio stream."""
    command = [
        "ffprobe", "-v", "error", *input_options(location),
        "-print_format", "json", "-show_format", "-show_streams", location,
    ]  # fmt: skip
    result = _run(command, location, timeout_s, "probing")
    if result.returncode != 0:
        raise RejectedUpload(f"not a readable audio or video file: {_last_line(result.stderr, location)}")
    report = json.loads(result.stdout or b"{}")
    if not report.get("format"):
        raise RejectedUpload("not a readable audio or video file: no known container format")
    audio = [s for s in report.get("streams", []) if s.get("codec_type") == "audio"]
    if not audio:
        raise RejectedUpload("the file has no audio stream")
    fmt = report.get("format", {})
    duration = _first_number(fmt.get("duration"), audio[0].get("duration"))
    if duration is None:
        raise RejectedUpload("the audio stream has no known duration")
    return MediaInfo(
        container=str(fmt.get("format_name", "unknown")),
        audio_codec=str(audio[0].get("codec_name", "unknown")),
        duration_s=duration,
    )


def decode_audio_stream(location: str, limit_s: float, timeout_s: float) -> DecodedAudio:
    """Decode the first audio stream to nowhere, at most ``limit_s`` seconds of it: how long it
    really is (``hit_limit`` when it goes on past the limit) and its peak level in dBFS."""
    command = [
        "ffmpeg",
        "-nostdin",
        "-hide_banner",
        "-nostats",
        "-v",
        "info",
        "-t",
        f"{limit_s:.3f}",
        *input_options(location),
        "-i",
        location,
        "-map",
        "0:a:0",
        "-af",
        "volumedetect",
        "-f",
        "null",
        "-",
        "-progress",
        "pipe:1",
    ]
    result = _run(command, location, timeout_s, "decoding")
    stdout = result.stdout.decode(errors="replace")
    stderr = result.stderr.decode(errors="replace")
    times = [int(value) for value in re.findall(r"^out_time_us=(\d+)$", stdout, re.MULTILINE)]
    if result.returncode != 0 or not times:
        raise RejectedUpload(f"the audio does not decode: {_last_line(result.stderr, location)}")
    peak = re.findall(r"max_volume:\s*(-?[\d.]+|-inf) dB", stderr)
    peak_db = None if not peak else (-200.0 if peak[-1] == "-inf" else float(peak[-1]))
    duration = times[-1] / 1e6
    return DecodedAudio(duration_s=duration, peak_db=peak_db, hit_limit=duration >= limit_s - 0.05)


def _run(command: list[str], location: str, timeout_s: float, doing: str) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as error:
        raise RejectedUpload(f"{doing} the file took longer than {timeout_s:.0f} s") from error
    if result.returncode != 0 and (demuxer := refused_container(result.stderr.decode(errors="replace"))):
        raise RejectedUpload(refusal_reason(demuxer))
    if result.returncode != 0 and _TRANSIENT.search(result.stderr.decode(errors="replace")):
        # S3 (or the network to it) failed, not the file: try again later rather than reject it.
        raise TransientError(f"{doing} the upload failed on the way: {_last_line(result.stderr, location)}")
    return result


def _last_line(stderr: bytes, location: str) -> str:
    """ffmpeg's last complaint, without the presigned URL (and its signature) it names the input by."""
    lines = stderr.decode(errors="replace").replace(location, "<upload>").strip().splitlines()
    line = lines[-1] if lines else "unknown error"
    return re.sub(r"https?://\S+", "<url>", line)[:300]


def _first_number(*candidates: object) -> float | None:
    for candidate in candidates:
        try:
            return float(candidate)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return None
