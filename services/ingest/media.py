"""What ffprobe says about an upload: is there audio, and how long is it."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass


class RejectedUpload(Exception):
    """The upload cannot become a recording; the message says why, for the uploader."""


@dataclass(frozen=True)
class MediaInfo:
    container: str
    audio_codec: str
    duration_s: float


def probe_media(location: str, timeout_s: float) -> MediaInfo:
    """Probe a file path or URL without decoding it; reject anything without an audio stream."""
    try:
        result = subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_format",
                "-show_streams",
                location,
            ],
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise RejectedUpload(f"probing the file took longer than {timeout_s:.0f} s") from error
    if result.returncode != 0:
        reason = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["unknown error"]
        raise RejectedUpload(f"not a readable audio or video file: {reason[0]}")
    report = json.loads(result.stdout or b"{}")
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


def _first_number(*candidates: object) -> float | None:
    for candidate in candidates:
        try:
            return float(candidate)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return None
