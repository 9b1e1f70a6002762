"""What the transcriber writes: repetition-filtered segments and SRT, VTT and TXT exports."""

from __future__ import annotations

from services.transcriber.exports import to_srt, to_txt, to_vtt
from services.transcriber.guards import collapse_loops, compression_ratio, filter_repetitions
from shared.events import Transcript, TranscriptSegment


def segment(start: float, end: float, text: str) -> TranscriptSegment:
    return TranscriptSegment(start=start, end=end, text=text)


def transcript(*segments: TranscriptSegment) -> Transcript:
    return Transcript(
        recording_id="r1", language="en", engine="faster-whisper", model="tiny.en", duration_s=4000, segments=segments
    )


def test_a_looping_phrase_keeps_one_copy() -> None:
    assert collapse_loops("thank you thank you thank you thank you") == "thank you"
    assert collapse_loops("So. So. So. So. we start") == "So. we start"
    assert collapse_loops("I think I'm going to go, I'm going to go, I'm going to go.") == "I think I'm going to go,"


def test_a_phrase_said_twice_is_how_people_talk() -> None:
    text = "Very, very good. Thank you. Thank you."
    assert collapse_loops(text) == text


def test_segments_repeating_three_times_keep_the_first_two() -> None:
    kept = filter_repetitions(
        [
            segment(0, 2, "Thanks for watching."),
            segment(2, 4, "Thanks for watching!"),
            segment(4, 6, "thanks for watching"),
            segment(6, 8, "Now the real content."),
        ]
    )

    assert [s.text for s in kept] == ["Thanks for watching.", "Thanks for watching!", "Now the real content."]


def test_text_that_compresses_like_a_loop_is_dropped() -> None:
    # A twelve-word cycle: too long for a phrase loop, still text no one speaks.
    loop = " ".join(f"point {i % 3} is the one we need" for i in range(24))
    assert compression_ratio(loop) > 2.4

    kept = filter_repetitions([segment(0, 30, loop), segment(30, 32, "Welcome to the webinar.")])

    assert [s.text for s in kept] == ["Welcome to the webinar."]


def test_ordinary_segments_pass_untouched() -> None:
    segments = [segment(0, 3, "Most teams publish too much content."), segment(3, 6, "Depth beats volume.")]

    assert filter_repetitions(segments) == segments


def test_srt_numbers_cues_with_comma_milliseconds() -> None:
    srt = to_srt(transcript(segment(0.5, 2.25, " Hello there. "), segment(3725.125, 3727, "An hour in.")))

    assert srt == ("1\n00:00:00,500 --> 00:00:02,250\nHello there.\n\n2\n01:02:05,125 --> 01:02:07,000\nAn hour in.\n")


def test_vtt_starts_with_its_header_and_uses_dot_milliseconds() -> None:
    vtt = to_vtt(transcript(segment(0.5, 2.25, "Hello there."), segment(61, 62.5, "A minute in.")))

    assert vtt == (
        "WEBVTT\n\n00:00:00.500 --> 00:00:02.250\nHello there.\n\n00:01:01.000 --> 00:01:02.500\nA minute in.\n"
    )


def test_txt_is_one_segment_a_line() -> None:
    assert to_txt(transcript(segment(0, 1, " One. "), segment(1, 2, "Two."))) == "One.\nTwo.\n"


def test_an_empty_transcript_exports_empty_files() -> None:
    empty = transcript()

    assert to_srt(empty) == "" and to_txt(empty) == "" and to_vtt(empty) == "WEBVTT\n"
