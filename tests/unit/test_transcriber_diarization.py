"""Diarization's own logic on made-up voice prints: clustering into speakers, labels in order of
first appearance, segments split between words at a change of voice, and the exports' tags.
Real voices through the real encoder are in tests/integration/test_transcriber_service.py."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage

from cli.get import who_spoke
from services.ingest.recordings import speaker_names as names_from_metadata
from services.transcriber.diarization import (
    EMBEDDING_SIZE,
    MIN_WINDOWS,
    SpeakerTimeline,
    VoiceWindows,
    WindowTimes,
    attribute_speakers,
    cluster_voices,
    count_speakers,
    diarize,
)
from services.transcriber.exports import to_srt, to_txt, to_vtt
from shared.events import Transcript, TranscriptSegment, TranscriptWord

THRESHOLD = 0.35


def voices(pattern: list[int], seed: int = 0, spread: float = 0.08) -> np.ndarray:
    """One noisy print a window around a fixed centre per speaker id in ``pattern``."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(pattern) + 1, EMBEDDING_SIZE))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    noisy = centres[pattern] + rng.normal(scale=spread / np.sqrt(EMBEDDING_SIZE), size=(len(pattern), EMBEDDING_SIZE))
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


def windows(pattern: list[int], start: float = 0.0, seed: int = 0) -> VoiceWindows:
    starts = [start + i for i in range(len(pattern))]
    return VoiceWindows.build(starts, [s + 1.6 for s in starts], voices(pattern, seed))


def test_each_voice_becomes_one_speaker_numbered_by_first_appearance() -> None:
    pattern = [2] * 10 + [0] * 8 + [1] * 6 + [2] * 5 + [0] * 4
    assert cluster_voices(voices(pattern), THRESHOLD).tolist() == [0] * 10 + [1] * 8 + [2] * 6 + [0] * 5 + [1] * 4


def test_a_solo_talk_is_one_speaker() -> None:
    assert set(cluster_voices(voices([0] * 40), THRESHOLD).tolist()) == {0}


def test_one_odd_window_inside_a_turn_is_not_a_turn() -> None:
    pattern = [0] * 10 + [1] + [0] * 10 + [1] * 10
    labels = cluster_voices(voices(pattern), THRESHOLD).tolist()
    assert labels == [0] * 21 + [1] * 10


def voices_around(centres: np.ndarray, pattern: list[int], seed: int = 0, spread: float = 0.05) -> np.ndarray:
    """Like :func:`voices`, around centres given as rows of ``centres``."""
    rng = np.random.default_rng(seed)
    unit = centres / np.linalg.norm(centres, axis=1, keepdims=True)
    noisy = unit[pattern] + rng.normal(scale=spread / np.sqrt(EMBEDDING_SIZE), size=(len(pattern), EMBEDDING_SIZE))
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


def test_one_voice_has_no_step_to_find() -> None:
    assert count_speakers(np.array([0.05, 0.1, 0.12, 0.2, 0.3]), THRESHOLD) == 1
    # Past the solo distance, the count is where the merge distances step up most.
    assert count_speakers(np.array([0.05, 0.1, 0.12, 0.2, 0.6]), THRESHOLD) == 2
    assert count_speakers(np.array([0.05, 0.1, 0.12, 0.5, 0.6]), THRESHOLD) == 3


def test_a_step_is_a_ratio_so_two_voices_of_one_register_stay_apart() -> None:
    # 0.30 -> 0.42 is a bigger step up than 0.42 -> 0.55, though a smaller difference.
    assert count_speakers(np.array([0.2, 0.22, 0.3, 0.42, 0.55]), THRESHOLD) == 3


def times_of(pattern: list[int], pauses_after: list[int], short: tuple[int, ...] = ()) -> WindowTimes:
    """Windows every 1.25 s, a second of silence after each index in ``pauses_after``, and the
    windows in ``short`` over only half a second of speech."""
    starts, cursor = [], 0.0
    for i in range(len(pattern)):
        starts.append(cursor)
        cursor += 1.25 + (1.0 if i in pauses_after else 0.0)
    ends = [s + (0.5 if i in short else 1.6) for i, s in enumerate(starts)]
    return WindowTimes(np.array(starts), np.array(ends))


def test_a_voice_heard_for_one_short_answer_is_a_speaker() -> None:
    # Two windows in a hundred: below any share of the recording, as far from the others as a voice.
    pattern = [0] * 50 + [2] * 2 + [1] * 48
    labels = cluster_voices(voices(pattern), THRESHOLD, times_of(pattern, [49, 51])).tolist()
    assert labels == [0] * 50 + [1] * 2 + [2] * 48


def test_a_one_window_answer_between_pauses_stays_while_one_inside_speech_is_smoothed() -> None:
    pattern = [0] * 20 + [1] + [0] * 20 + [2] + [0] * 20
    # Only the first odd window has silence either side.
    labels = cluster_voices(voices(pattern), THRESHOLD, times_of(pattern, [19, 20])).tolist()
    assert labels == [0] * 20 + [1] + [0] * 41


def test_windows_over_a_scrap_of_speech_join_a_speaker_but_do_not_make_one() -> None:
    rng = np.random.default_rng(5)
    host, guest = rng.normal(size=(2, EMBEDDING_SIZE))
    # The guest's sub-second windows drift towards a print of their own, as far from the guest's
    # full windows as the host is.
    scrap = guest + rng.normal(size=EMBEDDING_SIZE) * 0.9
    pattern = [0] * 20 + [1] * 15 + [2] * 5 + [0] * 10
    vectors = voices_around(np.stack([host, guest, scrap]), pattern)
    short = tuple(range(35, 40))
    times = times_of(pattern, [34, 35, 36, 37, 38, 39], short)
    assert set(cluster_voices(vectors, THRESHOLD, times).tolist()) == {0, 1}
    assert cluster_voices(vectors, THRESHOLD, times).tolist()[35:40] == [1] * 5
    # Let every window shape the speakers and the scraps become a third.
    assert set(cluster_voices(vectors, THRESHOLD, times, min_print_s=0.0).tolist()) == {0, 1, 2}


def test_a_voice_spread_wide_by_noise_stays_one_speaker() -> None:
    rng = np.random.default_rng(3)
    host, guest = rng.normal(size=(2, EMBEDDING_SIZE))
    # The guest's windows fall in two groups that a fixed cut at 0.375 would call two voices,
    # yet close beside how far the host is from either.
    drift = rng.normal(size=EMBEDDING_SIZE)
    drift -= drift @ guest / (guest @ guest) * guest
    drift *= np.linalg.norm(guest) / np.linalg.norm(drift)
    centres = np.stack([host, guest + 0.4 * drift, guest - 0.4 * drift])
    pattern = [0] * 20 + [1] * 10 + [0] * 10 + [2] * 10
    vectors = voices_around(centres, pattern, spread=0.5)
    merges = linkage(vectors, method="average", metric="cosine")[::-1, 2]
    assert merges[1] > 0.375 and merges[0] > 0.9
    labels = cluster_voices(vectors, THRESHOLD).tolist()
    assert labels == [0] * 20 + [1] * 10 + [0] * 10 + [1] * 10


def test_a_voice_change_across_a_pause_is_kept_inside_diarize() -> None:
    pattern = [0] * 12 + [1] + [0] * 12
    starts = [float(i) * 1.25 for i in range(12)] + [20.0] + [25.0 + i * 1.25 for i in range(12)]
    result = diarize([VoiceWindows.build(starts, [s + 1.6 for s in starts], voices(pattern))], THRESHOLD)
    assert result.timeline is not None
    assert result.timeline.labels.tolist() == [0] * 12 + [1] + [0] * 12
    assert result.timeline.speaker_at(20.8) == 1


def test_windows_survive_storage_as_float16() -> None:
    stored = windows([0, 1, 0])
    restored = VoiceWindows.model_validate_json(stored.model_dump_json())
    np.testing.assert_allclose(restored.matrix(), voices([0, 1, 0]), atol=2e-3)
    assert len(restored.embeddings) < 3 * EMBEDDING_SIZE * 2 * 1.4  # float16 in base64


def test_chunks_cluster_together_so_a_voice_keeps_its_label_across_chunks() -> None:
    first, second = voices([0] * 6 + [1] * 6), voices([1] * 6 + [0] * 6)
    chunk_a = VoiceWindows.build(list(range(12)), [t + 1.6 for t in range(12)], first)
    chunk_b = VoiceWindows.build(list(range(100, 112)), [t + 1.6 for t in range(100, 112)], second)
    # The second chunk's part can arrive first: assembly orders windows by time.
    result = diarize([chunk_b, chunk_a], THRESHOLD)
    assert result.timeline is not None
    assert result.timeline.labels.tolist() == [0] * 6 + [1] * 6 + [1] * 6 + [0] * 6


def test_too_little_speech_gives_a_reason_not_speakers() -> None:
    short = diarize([windows([0] * (MIN_WINDOWS - 1))], THRESHOLD)
    assert short.timeline is None and "too little speech" in short.reason
    none = diarize([VoiceWindows()], THRESHOLD)
    assert none.timeline is None and none.reason


def word(start: float, end: float, text: str) -> TranscriptWord:
    return TranscriptWord(start=start, end=end, word=text)


# S1 talks for the first 5 s, S2 from 5 s on.
TIMELINE = SpeakerTimeline(centres=np.arange(0.5, 10, 1.0), labels=np.array([0] * 5 + [1] * 5))


def test_a_segment_spanning_two_voices_splits_between_words() -> None:
    words = [word(3.0, 3.5, " So"), word(3.5, 4.4, " that's"), word(4.4, 4.9, " it."), word(5.2, 5.8, " Right,")]
    words += [word(5.8, 6.5, " thanks.")]
    segment = TranscriptSegment(start=3.0, end=6.5, text="So that's it. Right, thanks.", words=words, avg_logprob=-0.2)
    first, second = attribute_speakers([segment], TIMELINE)
    assert (first.speaker, first.text, first.start, first.end) == ("S1", "So that's it.", 3.0, 4.9)
    assert (second.speaker, second.text, second.start, second.end) == ("S2", "Right, thanks.", 5.2, 6.5)
    assert [w.word for w in first.words + second.words] == [w.word for w in words]
    assert second.avg_logprob == -0.2


def test_a_word_in_pieces_is_never_split_between_voices() -> None:
    # Whisper writes "40%?!" as " 40" and "%?!": the voice changes at 5 s, inside the word.
    words = [word(2.0, 3.0, " By"), word(3.0, 4.0, " 40"), word(4.0, 6.0, "%?!"), word(6.0, 7.0, " Wow.")]
    segment = TranscriptSegment(start=2.0, end=7.0, text="By 40%?! Wow.", words=words)
    turns = attribute_speakers([segment], TIMELINE)
    assert "40%?!" in [token for turn in turns for token in turn.text.split()]
    assert [w.word for turn in turns for w in turn.words] == [w.word for w in words]


def test_one_word_opening_a_sentence_goes_with_the_words_said_after_it() -> None:
    # Whisper stretched "I" over the pause before the host's sentence, so its window still heard the guest.
    words = [word(4.2, 5.0, " I"), word(5.0, 5.6, " want"), word(5.6, 5.8, " to"), word(5.8, 6.4, " ask.")]
    segment = TranscriptSegment(start=4.2, end=6.4, text="I want to ask.", words=words)
    (only,) = attribute_speakers([segment], TIMELINE)
    assert (only.speaker, only.text) == ("S2", "I want to ask.")


def test_a_one_word_sentence_is_a_turn_of_its_own() -> None:
    words = [word(4.0, 4.8, " Yes."), word(5.2, 5.5, " We"), word(5.5, 6.0, " did.")]
    segment = TranscriptSegment(start=4.0, end=6.0, text="Yes. We did.", words=words)
    assert [(turn.speaker, turn.text) for turn in attribute_speakers([segment], TIMELINE)] == [
        ("S1", "Yes."),
        ("S2", "We did."),
    ]


def test_without_word_timings_a_segment_splits_between_sentences() -> None:
    segment = TranscriptSegment(start=1.0, end=9.0, text="We cut output in half. And leads went up by a lot, right?")
    first, second = attribute_speakers([segment], TIMELINE)
    assert (first.speaker, first.text) == ("S1", "We cut output in half.")
    assert (second.speaker, second.text) == ("S2", "And leads went up by a lot, right?")


def test_a_word_or_two_in_another_voice_stays_with_its_turn() -> None:
    words = [word(0.0 + i * 0.4, 0.4 + i * 0.4, f" w{i}") for i in range(12)]  # 0-4.8 s, then 4.8-5.2 s
    words.append(word(5.0, 5.3, " yes"))
    segment = TranscriptSegment(start=0.0, end=5.3, text=" ".join(w.word for w in words), words=words)
    (only,) = attribute_speakers([segment], TIMELINE)
    assert only.speaker == "S1" and only.words == words


def test_names_from_the_upload_replace_labels_in_order_of_first_appearance() -> None:
    segments = [TranscriptSegment(start=0.0, end=2.0, text="Hi."), TranscriptSegment(start=6.0, end=8.0, text="Hey.")]
    assert [s.speaker for s in attribute_speakers(segments, TIMELINE, ["Host"])] == ["Host", "S2"]
    assert names_from_metadata(" Host , Guest,, ") == ["Host", "Guest"]


@pytest.fixture
def diarized() -> Transcript:
    segments = [
        TranscriptSegment(start=0.0, end=3.0, text="Welcome.", speaker="S1"),
        TranscriptSegment(start=3.0, end=4.0, text="Thanks.", speaker="S2"),
    ]
    return Transcript(recording_id="r", language="en", engine="e", model="m", duration_s=4, segments=segments)


def test_exports_carry_the_speaker(diarized: Transcript) -> None:
    assert to_txt(diarized) == "S1: Welcome.\nS2: Thanks.\n"
    assert "00:00:00.000 --> 00:00:03.000\n<v S1>Welcome.\n" in to_vtt(diarized)
    assert "2\n00:00:03,000 --> 00:00:04,000\n<v S2>Thanks.\n" in to_srt(diarized)


def test_a_name_cannot_break_out_of_its_voice_tag(diarized: Transcript) -> None:
    odd = diarized.model_copy(update={"segments": [diarized.segments[0].model_copy(update={"speaker": "A<b>&C"})]})
    assert "<v Ab&amp;C>Welcome." in to_vtt(odd)


def test_recast_get_says_who_spoke_and_how_much(diarized: Transcript) -> None:
    assert who_spoke(diarized) == "speakers: S1 75%, S2 25%"
    silent = diarized.model_copy(update={"segments": [s.model_copy(update={"speaker": ""}) for s in diarized.segments]})
    assert "not identified" in who_spoke(silent)
