"""Cutting speech into chunks at silences, and putting chunk timestamps back in recording time."""

from __future__ import annotations

import itertools

import pytest

from services.transcriber.planning import ChunkTimeline, SpeechSpan, merge_spans, plan_chunks
from services.transcriber.transcription import to_recording_time
from shared.events import TranscriptSegment, TranscriptWord


def spans(*pairs: tuple[float, float]) -> list[SpeechSpan]:
    return [SpeechSpan(start=start, end=end) for start, end in pairs]


def test_no_speech_means_no_chunks() -> None:
    assert plan_chunks([], max_chunk_s=300) == []


def test_short_recording_is_one_chunk_of_its_speech() -> None:
    chunks = plan_chunks(spans((1, 10), (12, 20)), max_chunk_s=300)

    assert len(chunks) == 1
    assert chunks[0].spans == spans((1, 10), (12, 20))
    assert chunks[0].speech_s == pytest.approx(17)


def test_chunks_are_cut_in_silences_and_never_exceed_the_maximum() -> None:
    speech = spans(*((i * 10.0, i * 10.0 + 8) for i in range(20)))  # 8 s of speech, 2 s of silence, 20 times

    chunks = plan_chunks(speech, max_chunk_s=30)

    assert [chunk.speech_s for chunk in chunks] == [24, 24, 24, 24, 24, 24, 16]
    assert all(chunk.speech_s <= 30 for chunk in chunks)
    # Every cut lies between two spans: the chunk ends where speech ended, the next begins where speech began.
    for earlier, later in itertools.pairwise(chunks):
        assert earlier.end < later.start
        assert any(s.end == earlier.end for s in speech) and any(s.start == later.start for s in speech)
    assert [chunk.index for chunk in chunks] == list(range(len(chunks)))
    assert [span for chunk in chunks for span in chunk.spans] == speech


def test_speech_without_pauses_is_split_at_the_maximum() -> None:
    chunks = plan_chunks(spans((5, 75)), max_chunk_s=30)

    assert [(chunk.start, chunk.end) for chunk in chunks] == [(5, 35), (35, 65), (65, 75)]


def test_overlapping_and_touching_spans_merge() -> None:
    assert merge_spans(spans((3, 5), (0, 2), (1.5, 2.5), (5, 6))) == spans((0, 2.5), (3, 6))


def test_timeline_puts_chunk_time_back_where_it_was_said() -> None:
    # The chunk's audio is 10-14 s of the recording followed by 100-106 s: 10 s in all.
    timeline = ChunkTimeline(spans((10, 14), (100, 106)))

    assert timeline.duration == pytest.approx(10)
    assert timeline.to_recording_time(0) == 10
    assert timeline.to_recording_time(2.5) == 12.5
    assert timeline.to_recording_time(5) == 101
    assert timeline.to_recording_time(10) == 106


def test_a_boundary_starts_the_next_span_and_ends_the_previous() -> None:
    timeline = ChunkTimeline(spans((10, 14), (100, 106)))

    assert timeline.to_recording_time(4) == 100
    assert timeline.to_recording_time(4, is_end=True) == 14


def test_times_outside_the_chunk_are_clamped() -> None:
    timeline = ChunkTimeline(spans((10, 14)))

    assert timeline.to_recording_time(-1) == 10
    assert timeline.to_recording_time(99, is_end=True) == 14


def test_segments_and_their_words_move_to_recording_time() -> None:
    timeline = ChunkTimeline(spans((60, 62), (90, 95)))
    said = TranscriptSegment(
        start=1.0,
        end=4.0,
        text="before the pause after",
        words=[TranscriptWord(start=1.0, end=1.8, word=" before"), TranscriptWord(start=2.2, end=4.0, word=" after")],
    )

    moved = to_recording_time(said, timeline)

    assert (moved.start, moved.end) == (61, 92)
    assert [(w.start, w.end) for w in moved.words] == [(61, 61.8), (90.2, 92)]


def test_chunks_of_one_recording_come_out_about_equally_long() -> None:
    speech = spans(*((i * 12.0, i * 12.0 + 10) for i in range(33)))  # 330 s of speech in 10 s spans

    chunks = plan_chunks(speech, max_chunk_s=300)

    # Two chunks either way; equal halves let two replicas finish together instead of 300 s + 30 s.
    assert [chunk.speech_s for chunk in chunks] == [170, 160]
    assert [span for chunk in chunks for span in chunk.spans] == speech
