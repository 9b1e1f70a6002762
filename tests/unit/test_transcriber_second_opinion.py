"""The second opinion without a model: word alignment, which segments are checked, and how words are flagged."""

from __future__ import annotations

import json

import numpy as np
import pytest

from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.engines import Audio, TranscriptionResult
from services.transcriber.planning import ChunkPlan, SpeechSpan, TranscriptionPlan
from services.transcriber.second_opinion import (
    GAP_S,
    PAD_S,
    SecondOpinion,
    agreement,
    confirm_segments,
    second_opinion_settings,
)
from services.transcriber.settings import TranscriberSettings
from services.transcriber.transcription import assemble_transcript, transcribe_chunk
from shared.events import TranscriptSegment, TranscriptWord
from shared.storage import ObjectStore
from tests.unit.test_transcriber_confidence import MemoryS3, ScriptedEngine, wav_bytes


def test_a_word_counts_as_heard_only_where_both_sequences_align_on_it() -> None:
    first = [" We", " post", " on", " a", " publishing", " channel."]
    second = [" we", " post", " on", " our", " publishing", " schedule", " weekly"]
    assert agreement(first, second) == [True, True, True, False, True, False]


def test_case_punctuation_and_stray_marks_are_no_disagreement() -> None:
    assert agreement([" Hello,", " world!", " -"], [" hello", " World"]) == [True, True, True]
    assert agreement([" Hello"], []) == [False]


def segment_of(start: float, words: list[tuple[str, float]]) -> TranscriptSegment:
    timed = [
        TranscriptWord(start=start + 0.3 * n, end=start + 0.3 * n + 0.25, word=f" {word}", probability=probability)
        for n, (word, probability) in enumerate(words)
    ]
    return TranscriptSegment(start=start, end=start + 0.3 * len(words), text=" ".join(w for w, _ in words), words=timed)


class FakeSecondDecoder:
    """Hears, in each piece of the joined audio it is given, the words it was told for that piece."""

    engine = "fake"
    model = "fake"
    multilingual = False

    def __init__(self, pieces: list[list[str]], piece_lengths: list[float]) -> None:
        self.pieces = pieces
        self.piece_lengths = piece_lengths
        self.heard_seconds: list[float] = []

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        self.heard_seconds.append(len(audio) / SAMPLE_RATE)
        segments = []
        start = 0.0
        for words, length in zip(self.pieces, self.piece_lengths, strict=True):
            timed = [
                TranscriptWord(start=start + 0.1 * n, end=start + 0.1 * n + 0.05, word=f" {word}")
                for n, word in enumerate(words)
            ]
            segments.append(TranscriptSegment(start=start, end=start + length, text=" ".join(words), words=timed))
            start += length + GAP_S
        return TranscriptionResult(language="en", segments=segments)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        return "en", 1.0


def test_only_unsure_segments_are_decoded_again_and_their_words_are_flagged() -> None:
    sure = segment_of(1.0, [("Buyers", 0.99), ("read", 0.98), ("it.", 0.97)])
    unsure = segment_of(4.0, [("We", 0.95), ("post", 0.9), ("on", 0.99), ("a", 0.4), ("channel.", 0.93)])
    also_unsure = segment_of(8.0, [("Every", 0.5), ("week.", 0.9)])
    audio = np.zeros(12 * SAMPLE_RATE, dtype=np.float32)
    lengths = [unsure.end - unsure.start + 2 * PAD_S, also_unsure.end - also_unsure.start + 2 * PAD_S]
    decoder = FakeSecondDecoder([["we", "post", "on", "a", "schedule"], ["every", "week"]], lengths)
    checked = confirm_segments([sure, unsure, also_unsure], audio, "en", SecondOpinion(decoder, below=0.6))
    assert [w.confirmed for w in checked[0].words] == [None, None, None]
    assert [w.confirmed for w in checked[1].words] == [True, True, True, True, False]
    assert [w.confirmed for w in checked[2].words] == [True, True]
    assert len(decoder.heard_seconds) == 1  # both pieces in one pass
    assert decoder.heard_seconds[0] == pytest.approx(sum(lengths) + GAP_S, abs=1e-3)


def test_nothing_is_decoded_again_when_every_word_is_sure() -> None:
    decoder = FakeSecondDecoder([], [])
    sure = [segment_of(0.0, [("Fine.", 0.99)])]
    audio = np.zeros(SAMPLE_RATE, dtype=np.float32)
    assert confirm_segments(sure, audio, "en", SecondOpinion(decoder, below=0.6)) == sure
    assert decoder.heard_seconds == []


def test_the_second_decoder_is_the_other_bundled_model_or_a_wider_beam() -> None:
    base = TranscriberSettings(model_name="base", beam_size=1)
    assert second_opinion_settings(base, "other-model").model_name == "tiny.en"
    assert second_opinion_settings(TranscriberSettings(model_name="tiny.en"), "other-model").model_name == "base"
    wider = second_opinion_settings(base, "wider-beam")
    assert (wider.model_name, wider.beam_size, wider.word_timestamps) == ("base", 5, True)
    assert second_opinion_settings(TranscriberSettings(beam_size=5), "wider-beam").beam_size == 6


def test_confirmations_reach_the_stored_transcript_in_recording_time() -> None:
    store = ObjectStore(MemoryS3(), "bucket")
    store.put_bytes("chunks/0.wav", wav_bytes(4), "audio/wav")
    chunk = ChunkPlan(index=0, spans=[SpeechSpan(start=100, end=104)], audio_key="chunks/0.wav")
    plan = TranscriptionPlan(
        recording_id="r1", source_key="incoming/r1.mp3", title="r1", duration_s=300, chunks=[chunk], language="en"
    )
    unsure = segment_of(1.0, [("We", 0.9), ("post", 0.9), ("weekly.", 0.3)])
    lengths = [unsure.end - unsure.start + 2 * PAD_S]
    second = SecondOpinion(FakeSecondDecoder([["we", "post", "monthly"]], lengths), below=0.5)

    transcribe_chunk(plan, chunk, store, ScriptedEngine([unsure]), "en", second_opinion=second)
    stored = assemble_transcript(plan, store, ScriptedEngine([]), "en")

    [segment] = json.loads(store.get_bytes(stored.json.uri))["segments"]
    assert [(w["word"], w["start"], w["confirmed"]) for w in segment["words"]] == [
        (" We", 101.0, True),
        (" post", 101.3, True),
        (" weekly.", 101.6, False),
    ]
