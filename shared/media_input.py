"""ffmpeg and ffprobe input options that keep decoding inside the uploaded file.

A media file can point elsewhere: an HLS playlist names segment URLs, a concat script names
other files, a DASH manifest names streams. Renamed ``talk.mp3`` and uploaded, such a file made
ffprobe request every URL it listed, from inside our network (server-side request forgery), and
a ``file:`` entry would have read the service's own disk. So every ffmpeg and ffprobe run that
reads an upload allows only the demuxers of self-contained containers, and only the protocols
needed to read the upload itself: HTTP(S) for a presigned URL, the local file otherwise.
"""

from __future__ import annotations

import re

# Containers that hold their media inside themselves. Demuxers that read other resources (hls,
# dash, concat, image2, tty, sdp, rtsp and the like) are deliberately absent. ffmpeg matches each
# name against every alias of a demuxer, so "mov" covers mp4, m4a and 3gp, "matroska" covers webm.
SELF_CONTAINED_DEMUXERS = (
    "aac",
    "ac3",
    "aiff",
    "amr",
    "asf",
    "au",
    "avi",
    "caf",
    "eac3",
    "flac",
    "flv",
    "matroska",
    "mov",
    "mp3",
    "mpeg",
    "mpegts",
    "ogg",
    "w64",
    "wav",
    "wv",
)

_NOT_ON_WHITELIST = re.compile(r"\[(?P<demuxer>[\w-]+) @ [^\]]+\] Format not on whitelist")


def input_options(location: str) -> list[str]:
    """The options to put before ``-i location``: self-contained demuxers, and the protocols
    reading ``location`` itself needs (a nested resource would need the same ones, which is why
    the demuxer list, not the protocol list, is what stops a playlist)."""
    remote = location.startswith(("http://", "https://"))
    protocols = "http,https,tcp,tls" if remote else "file,pipe"
    return ["-protocol_whitelist", protocols, "-format_whitelist", ",".join(SELF_CONTAINED_DEMUXERS)]


def refused_container(stderr: str) -> str | None:
    """The demuxer ffmpeg recognised but refused (e.g. ``hls``), or None when it refused nothing."""
    match = _NOT_ON_WHITELIST.search(stderr)
    return match.group("demuxer") if match else None


def refusal_reason(demuxer: str) -> str:
    """What the uploader reads when the file is a playlist or another file that refers to others."""
    return (
        f"the file is a {demuxer} playlist or script that refers to other files or URLs, not a self-contained "
        "audio or video file; Recast never follows such references"
    )
