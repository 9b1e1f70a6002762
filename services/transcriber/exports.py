"""Subtitle and plain-text renderings of a transcript: SRT, WebVTT and TXT.

A diarized segment carries its speaker the way each format expects: a WebVTT voice tag
(``<v S1>``, which many SRT players also show) in the subtitles, ``S1: `` in front of the line
in the text. A segment without a speaker is written as it was before diarization.
"""

from __future__ import annotations

from shared.events import Transcript, TranscriptSegment


def _clock(seconds: float, decimal_mark: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{decimal_mark}{millis:03d}"


def _voiced(segment: TranscriptSegment) -> str:
    # A voice tag's annotation ends at '>'; a name from upload metadata must not end it early.
    speaker = segment.speaker.replace(">", "").replace("&", "&amp;").replace("<", "")
    return f"<v {speaker}>{segment.text.strip()}" if speaker else segment.text.strip()


def to_srt(transcript: Transcript) -> str:
    cues = [
        f"{number}\n{_clock(s.start, ',')} --> {_clock(s.end, ',')}\n{_voiced(s)}\n"
        for number, s in enumerate(transcript.segments, start=1)
    ]
    return "\n".join(cues)


def to_vtt(transcript: Transcript) -> str:
    cues = [f"{_clock(s.start, '.')} --> {_clock(s.end, '.')}\n{_voiced(s)}\n" for s in transcript.segments]
    return "\n".join(["WEBVTT\n", *cues])


def to_txt(transcript: Transcript) -> str:
    return "".join(
        f"{segment.speaker}: {segment.text.strip()}\n" if segment.speaker else f"{segment.text.strip()}\n"
        for segment in transcript.segments
    )
