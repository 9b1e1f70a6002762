"""A sentence that only continues the one before it is quoted with it, never alone; an opening reply heard
unclearly is left out of the quote."""

from __future__ import annotations

import dataclasses

import numpy as np

from services.insights.extractive.engine import _passage_candidate
from services.insights.extractive.passages import Passage, continues_previous, passages
from services.insights.sentences import TimedSentence, split_into_sentences
from shared.events import Transcript, TranscriptSegment
from shared.pitch import strip_pitch


def said(*lines: str, speaker: str = "S1") -> list[TimedSentence]:
    return [TimedSentence(text=line, start=float(i), end=float(i) + 1, speaker=speaker) for i, line in enumerate(lines)]


def test_a_verdict_joins_the_belief_it_judges() -> None:
    sentences = said("Most people believe that more blog posts bring more customers.", "I think that's just wrong.")

    assert passages(sentences) == [Passage(0, 1)]


def test_a_verdict_that_goes_on_to_say_what_holds_joins_too() -> None:
    sentences = said(
        "Most teams think customer onboarding is a product problem.",
        "I think that is wrong, it is a handoff problem.",
    )

    assert passages(sentences) == [Passage(0, 1)]


def test_a_sentence_opening_on_but_carries_its_start() -> None:
    sentences = said("I get that a lot.", "But one expert conversation a week is fifty articles a year.")

    assert passages(sentences) == [Passage(0, 1)]


def test_a_short_tail_on_and_is_the_end_of_the_sentence_before() -> None:
    sentences = said(
        "One expert conversation a week is fifty articles a year.", "And every one of them says something."
    )

    assert passages(sentences) == [Passage(0, 1)]


def test_the_announcement_of_the_next_point_is_no_tail_of_the_one_before() -> None:
    # "this" points ahead, at the point to come; glued to the sentence before, the announcement made that sentence
    # the neighbour of the next point and its stand-in (a bakery podcast nobody here had written).
    sentences = said(
        "People told me we'd lose the after-work crowd, and we did, I'm not going to pretend we didn't.",
        "Last one and this one short.",  # as Whisper heard "Last one, and this one's short."
        "We used to sell yesterday's bread half price in a basket by the door.",
    )

    assert passages(sentences) == [Passage(0, 0), Passage(1, 1), Passage(2, 2)]


def test_a_long_sentence_on_and_or_so_is_a_thought_of_its_own() -> None:
    sentences = said(
        "We moved to a rule where someone replies within the hour.",
        "And how did you sell that to your boss, because I assume your lead number dropped off a cliff.",
        "So the next quarter we doubled the team that answers inbound requests.",
    )

    assert passages(sentences) == [Passage(0, 0), Passage(1, 1), Passage(2, 2)]


def test_another_voice_or_an_answer_to_a_question_starts_a_new_passage() -> None:
    host = said("Isn't one conversation a week too slow?", speaker="S1")
    guest = said("But it is fifty articles a year.", speaker="S2")
    guest_after_own_question = said("Is that slow?", "But it is fifty articles a year.", speaker="S2")

    assert not continues_previous(guest[0], host[0])
    assert passages(guest_after_own_question) == [Passage(0, 0), Passage(1, 1)]


def test_sentences_set_aside_stay_out_and_passages_stay_quotable_in_length() -> None:
    sentences = said("First, record one call a week.", "But keep it short.", "Which nobody does.", "But it works.")

    assert passages(sentences, outside={0}) == [Passage(1, 3)]
    assert passages(sentences) == [Passage(0, 2), Passage(3, 3)]


def test_an_opening_reply_heard_unclearly_is_left_out_of_the_quote() -> None:
    # Whisper heard "I get that a lot." as "I get a lot.", unsure of "a": the point is quotable without it.
    reply = TimedSentence(
        text="I get a lot.", start=0.0, end=1.0, speaker="S1", word_probabilities=(0.9, 0.8, 0.35, 0.9)
    )
    point = TimedSentence(
        text="But one expert conversation a week is fifty articles a year.",
        start=1.2,
        end=4.0,
        speaker="S1",
        word_probabilities=(0.9,) * 11,
    )
    salience = np.array([0.1, 0.5])

    candidate = _passage_candidate(Passage(0, 1), [reply, point], salience, [True, True])

    assert candidate is not None
    assert (candidate.first, candidate.last, candidate.text) == (1, 1, point.text)
    # Heard clearly, the reply stays: it is what the point answers.
    clear = dataclasses.replace(reply, text="I get that a lot.", word_probabilities=(0.9,) * 5)
    candidate = _passage_candidate(Passage(0, 1), [clear, point], salience, [True, True])
    assert candidate is not None
    assert (candidate.first, candidate.text) == (0, f"I get that a lot. {point.text}")


def test_a_question_after_a_statement_is_no_tail_of_it() -> None:
    # "Who is it for, ..." is short and opens on a word that may point back, like a verdict; joined to the
    # statement before it, the question would keep that statement from ever being a claim.
    sentences = said(
        "We run every feature through three questions, we call it the proof test.",
        "Who is it for by name, what changed in their week?",
    )

    assert passages(sentences) == [Passage(0, 0), Passage(1, 1)]


def test_a_sentence_after_a_pitch_set_aside_does_not_join_the_one_before_it() -> None:
    # The guest's last point, the host's plug invitation and the guest's plug (set aside, so their segments are
    # empty), then the guest again: "But ..." would carry on the point, had nothing been said between.
    lines = [
        "A free user tells you it's great, and never logs in again.",
        "Love it, and where can people find you?",
        "I run a cohort course on pricing, and listeners get fifteen percent off.",
        "But honestly, just go charge your first customer.",
    ]
    segments = [
        TranscriptSegment(start=10.0 * n, end=10.0 * n + 9, text=text, speaker="S1" if n == 1 else "S2")
        for n, text in enumerate(lines)
    ]
    talk = Transcript(
        recording_id="ab" * 12, language="en", engine="test", model="hand-written", duration_s=40, segments=segments
    )

    kept, _ = strip_pitch(talk)
    sentences = split_into_sentences(kept.segments)

    assert [sentence.text for sentence in sentences] == [lines[0], lines[3]]
    assert passages(sentences) == [Passage(0, 0), Passage(1, 1)]
    # Said back to back, the same two sentences are one thought.
    assert passages(split_into_sentences([segments[0], segments[3]])) == [Passage(0, 1)]
