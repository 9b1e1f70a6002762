"""The extractive engine with a stand-in embedder: what it quotes, whom it credits, when it refuses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pytest

from services.insights.extractive.engine import ExtractiveEngine, Limits
from services.insights.extractive.promotion import PromotionDirection, PromotionScreen
from services.insights.extractive.quoting import ConfidenceFloor
from services.insights.extractive.refusal import called_off, refusal_reason
from services.insights.sentences import split_into_sentences
from shared.events import Insight, InsightType, Transcript, TranscriptSegment
from tests.unit.insight_fakes import BagOfWordsEmbedder

# Every sentence passes the claim test with the stand-in embedder, and there is room for every idea:
# these tests are about the rest, not the ranking.
ANY_CLAIM = Limits(
    max_insights=8, min_claim_margin=-1.0, min_recording_substance=-1.0, min_relative_score=0.0, min_content_words=10
)

TALK = [
    ("S1", -0.2, "Most revenue teams measure pipeline volume and ignore pipeline quality completely."),
    ("S2", -0.3, "Pipeline quality decides whether the forecast means anything at the board meeting."),
    ("S1", -1.2, "Sometimes contour iron directions, think of death guarding the pipeline quality."),
    ("S2", -0.25, "Revenue teams that review pipeline quality weekly close bigger deals with fewer surprises."),
    ("S1", -0.2, "Most revenue teams measure pipeline volume and ignore pipeline quality almost entirely."),
    ("S2", -0.2, "Discount approvals slow every enterprise deal by two weeks on average."),
]


def transcript(lines: list[tuple[str, float, str]]) -> Transcript:
    segments = [
        TranscriptSegment(start=6.0 * n, end=6.0 * n + 5, text=text, speaker=speaker, avg_logprob=logprob)
        for n, (speaker, logprob, text) in enumerate(lines)
    ]
    return Transcript(
        recording_id="rec", language="en", engine="test", model="test", duration_s=40.0, segments=segments
    )


def test_quotes_are_whole_sentences_from_well_recognised_speech_and_credit_their_speaker() -> None:
    insight_set = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(transcript(TALK), source_key="k", title="t")
    assert insight_set.refusal_reason is None and insight_set.insights
    said = {text: speaker for speaker, _, text in TALK}
    for insight in insight_set.insights:
        assert "contour iron" not in insight.quote
        assert insight.speaker == said[insight.quote]
        assert all(evidence.speaker == said[evidence.quote] for evidence in insight.evidence)
        assert insight.segment_index is not None
        assert all(len(keyword.split()) >= 2 for keyword in insight.keywords)
    assert "pipeline quality" in insight_set.keywords
    assert all(len(keyword.split()) >= 2 for keyword in insight_set.keywords)


def test_a_restated_idea_is_one_insight_with_both_quotes() -> None:
    insight_set = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(transcript(TALK), source_key="k", title="t")
    restated = [insight for insight in insight_set.insights if "pipeline volume" in insight.quote]
    assert len(restated) == 1
    assert len(restated[0].evidence) == 2
    assert restated[0].evidence[0].start != restated[0].evidence[1].start


def test_only_the_configured_number_of_sentences_is_embedded() -> None:
    embedder = BagOfWordsEmbedder()
    engine = ExtractiveEngine(embedder, Limits(embed_candidates=3, min_claim_margin=-1.0, min_recording_substance=-1.0))
    embedder.calls.clear()
    insight_set = engine.extract(transcript(TALK), source_key="k", title="t")
    # The candidates in one call; then the kept insights' quotes and their clauses, to choose headlines.
    assert embedder.calls[0] == 3
    assert len(embedder.calls) <= 2
    assert sum(embedder.calls[1:]) <= len(insight_set.insights) * 8


# A process laid out step by step, and the point its speaker (or another) makes after it.
ONBOARDING_STEPS = [
    ("S1", -0.2, "First, interview five customers who churned in the last quarter."),
    ("S1", -0.2, "Second, write down the exact words they used for the problem."),
    ("S1", -0.2, "Third, rebuild the onboarding checklist around those exact words."),
]
CUSTOMER_WORDS = "Customer words beat internal jargon in every onboarding checklist."


def test_a_numbered_process_becomes_one_framework_insight_with_the_speakers_steps() -> None:
    lines = [*ONBOARDING_STEPS, ("S2", -0.2, CUSTOMER_WORDS)]
    insight_set = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(
        transcript(lines), source_key="k", title="t"
    )
    frameworks = [insight for insight in insight_set.insights if insight.type.value == "framework"]
    assert len(frameworks) == 1
    assert frameworks[0].steps == [
        "Interview five customers who churned in the last quarter",
        "Write down the exact words they used for the problem",
        "Rebuild the onboarding checklist around those exact words",
    ]
    assert frameworks[0].quote.startswith("First, interview") and frameworks[0].quote.endswith("exact words.")


def test_an_aside_heard_unsurely_between_steps_is_left_out_of_the_quotes_not_the_process() -> None:
    aside = ("S1", -1.2, "Just five, um, real customers, not a survey panel of strangers.")
    lines = [ONBOARDING_STEPS[0], aside, *ONBOARDING_STEPS[1:], ("S2", -0.2, CUSTOMER_WORDS)]
    insight_set = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(
        transcript(lines), source_key="k", title="t"
    )
    (framework,) = [insight for insight in insight_set.insights if insight.type.value == "framework"]
    assert len(framework.steps) == 3
    assert [evidence.quote for evidence in framework.evidence] == [
        "First, interview five customers who churned in the last quarter.",
        "Second, write down the exact words they used for the problem. "
        "Third, rebuild the onboarding checklist around those exact words.",
    ]
    assert framework.quote == framework.evidence[0].quote
    assert framework.evidence_strength == 0.4  # one process said once, though quoted in two stretches


def test_too_little_said_is_refused_with_a_reason_a_person_reads() -> None:
    lines = [("S1", -0.2, "Hello? Can you hear me now?"), ("S2", -0.2, "Yes, loud and clear, thanks.")]
    engine = ExtractiveEngine(BagOfWordsEmbedder(), Limits(min_claim_margin=-1.0, min_recording_substance=-1.0))
    insight_set = engine.extract(transcript(lines), source_key="k", title="t")
    assert insight_set.insights == []
    assert insight_set.refusal_reason is not None
    assert insight_set.refusal_reason.startswith("nothing worth publishing: 10 s of speech in 3 sentences")


def test_the_refusal_decision() -> None:
    sentences = split_into_sentences(transcript(TALK).segments)
    assert refusal_reason([], 0, min_content_words=5) == "nothing worth publishing: no speech was transcribed"
    assert refusal_reason(sentences, 2, min_content_words=5) is None
    no_claim = refusal_reason(sentences, 0, min_content_words=5, substantive=False)
    assert no_claim is not None and "no claim found" in no_claim
    unsure = refusal_reason(sentences, 0, min_content_words=5)
    assert unsure is not None and "heard clearly enough to quote" in unsure
    too_little = refusal_reason(sentences, 2, min_content_words=500)
    assert too_little is not None and "distinct content words" in too_little


def test_a_session_called_off_is_named_in_the_refusal() -> None:
    # A cider-pressing webinar nobody here had written was postponed in a storm, and its talk about the barn's power
    # became an article: a session that calls itself off needs a clearer claim than one that was held.
    called = transcript([("S1", -0.2, "Okay, so we postpone, I'll send a new link to everyone this afternoon.")])
    held = transcript([("S1", -0.2, "We had to reschedule the install twice, and the client never noticed.")])
    assert called_off(split_into_sentences(called.segments)) == "Okay, so we postpone"
    assert called_off(split_into_sentences(held.segments)) is None
    sentences = split_into_sentences(transcript(TALK).segments)
    reason = refusal_reason(sentences, 0, min_content_words=5, substantive=False, calls_off="so we postpone")
    assert reason is not None and 'the session was called off ("so we postpone")' in reason


@pytest.mark.parametrize(
    ("said", "words"),
    [
        # Two sound checks nobody here had written, whose guest did not come, published articles from their small talk.
        ("He's not coming.", "He's not coming"),
        ("No, so, he's not coming.", "No, so, he's not coming"),
        ("Let's just push it, what's your week look like?", "Let's just push it"),
        ("Ha, okay, so do we just, do we do it next week then?", "do it next week"),
        ("It's looking like our speaker isn't going to make it today.", "speaker isn't going to make it"),
        # ... and hosts deciding there is nothing to keep (a brass band sound check nobody here had written, fortieth
        # round, whose small talk published an article).
        ("Okay, look, I don't think this is an episode.", "I don't think this is an episode"),
        ("None. Are we even keeping this recording?", "Are we even keeping this recording"),
        # ... and a guest named, or unable to join, and the new date (a leisure centre webinar nobody here had written,
        # measured on this round's code midway, whose sound check published an article).
        ("Okay, so, Greg's not coming.", "Okay, so, Greg's not coming"),
        ("He's had a bit of an emergency at his own building today, so he can't join us.", "he can't join us"),
        ("Okay, so, the 25th, same link, same time, and sorry again, everyone.", "same link, same time"),
        # ... and no demo tonight, and a new night found (a bonsai club's call nobody here had written, the second wave
        # of the forty-first round, whose small talk published an article).
        ("He's snowed in, so there's no demo tonight.", "there's no demo tonight"),
        ("So rather than staring at each other, we'd just sort out a new night.", "sort out a new night"),
        # ... and "let's call it" and the call moved to another month (a coach operators' call nobody here had written,
        # the second wave of the forty-second round, whose small talk published an article).
        (
            "I don't think there's much point the three of us sitting here, so let's call it, and I'll move it into "
            "the February call.",
            "let's call it",
        ),
        ("Fine, I'll move us to the February call, same time.", "move us to the February call"),
        # ... and "I'm going to call it" and the session moved to the same time (a hydrotherapy meetup nobody here had
        # written, forty-third round, whose small talk published an article).
        ("Right, I think I'm going to call it.", "I'm going to call it"),
        ("We'll move class session to the same time in two weeks.", "move class session to the same time"),
        # ... and the talk moved to next month, with a new date to come by email (a well driller's talk from a rig
        # site, forty-fourth round, whose small talk published an article).
        ("Helen, can we, I'm really sorry, can we move this to next month?", "move this to next month"),
        (
            "Ok, so, apologies everyone, we'll send an email round with a new date, probably the second Thursday.",
            "email round with a new date",
        ),
        # ... and the talk pushed (a hotel laundry talk whose guest was called to the front desk, held out in the
        # forty-fourth round and read in the forty-fifth).
        ("No, no, don't apologize, let's go tell live, do you want to just push it?", "want to just push it"),
        # ... and the guest's connection given up on, the new time sent (a driving range podcast nobody here had
        # written, forty-fifth round, whose small talk published an article).
        (
            "Okay, honestly, I think your connection is going to keep dropping, and I'd rather do this properly.",
            "I'd rather do this properly",
        ),
        ("Tuesday, Megan, I'll send you a calendar thing.", "send you a calendar thing"),
        ("I'd rather do it properly than fast, so we fit every club by hand.", None),
        # ... and the episode done next week and deleted (a vending operators' podcast, same round).
        ("Would it be awful if we did this next week instead?", "if we did this next week"),
        ("Thanks, everyone, see you same time next Tuesday.", None),
        ("See you next Thursday, same time, and bring your test prints.", None),
        ("Delete this one, Ray. Actually, no, I'll delete it, you forget.", "Delete this one"),
        ("We delete this report every quarter and start a clean one.", None),
        # ... and "we'd better call it" (a village halls' clinic whose presenter's broadband was down, held out in the
        # forty-fifth round and read in the forty-sixth).
        (
            "Oh, for Alan, right, well, I think we'd better call it, it doesn't seem fair to keep you all waiting.",
            "we'd better call it",
        ),
        ("We'd better call it what it is: a deposit, not a donation.", None),
        # ... and the speaker not going to make it, the talk cancelled (a reptile expo stage nobody here had written,
        # forty-sixth round, whose waiting chatter published an article).
        (
            "There's been an accident, so he's not going to make it, he said he's really sorry.",
            "he's not going to make it",
        ),
        ("So, sorry everyone, the two o'clock talk is cancelled.", "the two o'clock talk is cancelled"),
        # ... and no point sitting there any longer (a snooker hall's stream nobody here had written, forty-seventh
        # round: Whisper heard its "we're going to call it" as "claw it").
        (
            "We're going to claw it. There's no point sitting here looking at Bruno for an hour.",
            "no point sitting here",
        ),
        # ... and the hosts keeping none of it (a karaoke bar's podcast nobody here had written, forty-eighth round,
        # its guest on a stalled train, whose small talk published an article).
        ("Fine, stop the recording. We're not using any of this.", "We're not using any of this"),
        ("We're not using any of this data yet, because the till export is a mess.", None),
        ("There's no point waiting around for the council, so we fixed the drain ourselves.", None),
        ("The vet said she's not going to make it through the winter, so we kept her indoors.", None),
        ("When the meeting was cancelled, the client walked.", None),
        ("We had to move the pump to next month's job because the casing had not arrived.", None),
        ("Do you want to push it harder on the second pass, or leave it?", None),
        ("We see the same spike next week, same time, every single month end.", None),
        ("I'm going to call it a system, because that is what it became.", None),
        ("So let's call it the three Rs, because nobody remembers four.", None),
        ("There's no demo account, so we built one ourselves from the old invoices.", None),
        ("Greg's not coming back to that supplier after the last delivery.", None),
        # ... and what tells of work, or of the talk itself, calls nothing off.
        ("This isn't an episode about pricing, it's about the people who set prices.", None),
        ("I don't think this is an episode you skip if you run a band.", None),
        ("The driver told me he's not coming back to that yard, ever.", None),
        ("Sorry, my neighbour is mowing the lawn, I hope that's not coming through.", None),
        ("Let's just push it harder on the second pass and see what the gauge says.", None),
    ],
)
def test_what_calls_a_session_off(said: str, words: str | None) -> None:
    assert called_off(split_into_sentences(transcript([("S1", -0.2, said)]).segments)) == words


def test_a_recording_that_calls_itself_off_is_held_to_a_higher_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from services.insights.extractive import engine as extractive

    lines = [(speaker, -0.2, text) for speaker, text in BOARD_TALK]
    called_off_lines = [*lines, ("S1", -0.2, "Okay, so we postpone the rest, and I'll send a new link tonight.")]
    limits = Limits(min_claim_margin=-1.0, min_recording_substance=-1.0, min_relative_score=0.0, min_content_words=10)
    monkeypatch.setattr(extractive, "CALLED_OFF_SUBSTANCE", 10.0)

    held = ExtractiveEngine(TopicEmbedder(), limits).extract(transcript(lines), source_key="k", title="t")
    called = ExtractiveEngine(TopicEmbedder(), limits).extract(transcript(called_off_lines), source_key="k", title="t")

    assert held.refusal_reason is None and held.insights
    assert called.insights == []
    assert called.refusal_reason is not None and "the session was called off" in called.refusal_reason


def test_confidence_thresholds_come_from_the_limits() -> None:
    lenient = Limits(
        max_insights=8,
        min_claim_margin=-1.0,
        min_recording_substance=-1.0,
        min_relative_score=0.0,
        min_content_words=10,
        floor=ConfidenceFloor(-2.0, 1.0, 9.0, 0.0),
    )
    insight_set = ExtractiveEngine(BagOfWordsEmbedder(), lenient).extract(transcript(TALK), source_key="k", title="t")
    assert any("contour iron" in evidence.quote for i in insight_set.insights for evidence in i.evidence)


def test_kinds_come_from_structure_first_then_the_nearest_described_category() -> None:
    import numpy as np

    from services.insights.extractive.kinds import KindPrototypes, insight_kind
    from shared.events import InsightType

    # Unit vectors: the sentence sits on the story axis, then on the point-of-view axis.
    prototypes = KindPrototypes(
        (InsightType.story, InsightType.pain_point, InsightType.point_of_view), np.eye(3, dtype=np.float32)
    )
    story, view = np.array([1, 0, 0], np.float32), np.array([0, 0, 1], np.float32)
    assert insight_kind("Churn fell by 12 percent after the change.", story, prototypes) is InsightType.data_point
    assert insight_kind("Last spring our biggest customer walked out.", story, prototypes) is InsightType.story
    # Nothing in the past tense is no story, whatever the embedding says.
    assert insight_kind("Every team I meet tries to fix this with more tools.", story, prototypes) in (
        InsightType.pain_point,
        InsightType.point_of_view,
    )
    assert insight_kind("Depth beats volume in expert markets.", view, prototypes) is InsightType.quotable_line
    assert insight_kind("I think depth beats volume in our market.", view, prototypes) is InsightType.point_of_view


def test_a_recording_is_judged_by_its_three_most_claim_like_sentences() -> None:
    import numpy as np

    from services.insights.extractive.engine import recording_substance

    assert recording_substance(np.array([0.05, -0.02, -0.03, -0.04])) == pytest.approx(0.0)
    assert recording_substance(np.array([0.03, 0.02, 0.01, -0.5])) == pytest.approx(0.02)
    assert recording_substance(np.array([])) == -1.0


class TopicEmbedder:
    """Claims about pipelines sit on the claim categories' axis, everything else on the chit-chat axis."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        from services.insights.extractive.claims import CLAIM_CATEGORIES

        claim_like = [text in CLAIM_CATEGORIES or "pipeline" in text.lower() for text in texts]
        vectors = np.array([[0.8, 0.6, 0.0] if like else [0.6, 0.8, 0.0] for like in claim_like], dtype=np.float32)
        # A little of each text's own direction, so sentences are not all the same point.
        for row, text in enumerate(texts):
            vectors[row, 2] = 0.01 * (len(text) % 7)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_substance_is_judged_on_what_was_said_and_only_sure_sentences_are_quoted() -> None:
    # Three claims, two of them with a misheard word (low confidence): the recording still has substance,
    # and only the claim heard clearly is quoted.
    lines = [
        ("S1", -0.2, "Hello everyone and welcome back to the show, it is lovely to have you here."),
        ("S1", -1.2, "Most revenue teams measure pipeline volume and ignore pipeline quality completely."),
        ("S2", -1.3, "Pipeline quality decides whether the forecast means anything at the board meeting."),
        ("S2", -0.2, "Revenue teams that review pipeline quality weekly close bigger deals with fewer surprises."),
        ("S1", -0.2, "The weather in Chicago was lovely this weekend and the flights were all on time."),
        ("S2", -0.2, "Thanks so much for having me on the show today, it has been a real pleasure."),
    ]
    limits = Limits(min_claim_margin=0.0, min_recording_substance=0.0, min_relative_score=0.0, min_content_words=10)
    insight_set = ExtractiveEngine(TopicEmbedder(), limits).extract(transcript(lines), source_key="k", title="t")
    assert insight_set.refusal_reason is None
    assert [insight.quote for insight in insight_set.insights] == [lines[3][2]]


BOARD_TALK = [
    ("S2", "Pipeline quality and forecast accuracy decide what every board meeting is really about."),
    ("S2", "So we review pipeline quality every Monday, before anyone talks about forecast."),
    ("S1", "Board meeting preparation takes our finance team three days and every forecast changes."),
    ("S1", "Board meeting forecasts change because finance teams rebuild the forecast every quarter."),
]


def heard(*probabilities: float) -> list[tuple[str, float, str]]:
    """The board talk with each sentence's words heard at the given probability."""
    return [(speaker, p, text) for (speaker, text), p in zip(BOARD_TALK, probabilities, strict=True)]


def test_an_idea_with_an_unsure_word_is_quoted_through_its_speaker_s_next_sentence() -> None:
    # One word of the first sentence was heard unsurely: that sentence may not be quoted.
    insight = only_insight(heard(0.1, 0.95, 0.95, 0.95), only_word=3)
    assert insight.quote == BOARD_TALK[1][1]


def _worded_talk(lines: Sequence[tuple[str, float, str]], only_word: int | None = None) -> Transcript:
    """One segment per line, every word of it (or only the word at ``only_word``, the rest at 0.95) heard with
    the line's probability."""
    from shared.events import TranscriptWord

    segments = [
        TranscriptSegment(
            start=6.0 * n,
            end=6.0 * n + 5,
            text=text,
            speaker=speaker,
            avg_logprob=-0.2,
            words=[
                TranscriptWord(
                    start=6.0 * n,
                    end=6.0 * n + 0.3,
                    word=f" {word}",
                    probability=probability if only_word in (None, index) else 0.95,
                )
                for index, word in enumerate(text.split())
            ],
        )
        for n, (speaker, probability, text) in enumerate(lines)
    ]
    return Transcript(recording_id="rec", language="en", engine="t", model="t", duration_s=30.0, segments=segments)


ONE_IDEA = Limits(
    max_insights=1, min_claim_margin=-1.0, min_recording_substance=-1.0, min_relative_score=0.0, min_content_words=5
)


def only_insight(lines: list[tuple[str, float, str]], only_word: int | None = None) -> Insight:
    talk = _worded_talk(lines, only_word)
    [insight] = ExtractiveEngine(BagOfWordsEmbedder(), ONE_IDEA).extract(talk, source_key="k", title="t").insights
    return insight


def test_an_idea_whose_words_add_up_to_too_much_doubt_is_published_but_not_as_a_verbatim_quote() -> None:
    # Thirteen words at 0.85: none under the word floor, but about two misheard words to expect; what its
    # speaker said next is no clearer.
    unsure = only_insight(heard(0.85, 0.85, 0.99, 0.99))
    assert unsure.quote == BOARD_TALK[0][1]
    assert not unsure.quote_is_verbatim
    clear = only_insight(heard(0.99, 0.99, 0.99, 0.99))
    assert clear.quote == BOARD_TALK[0][1] and clear.quote_is_verbatim


def test_an_idea_heard_too_unclearly_to_quote_verbatim_is_quoted_through_its_speaker_s_clear_neighbour() -> None:
    insight = only_insight(heard(0.85, 0.99, 0.99, 0.99))
    assert insight.quote == BOARD_TALK[1][1] and insight.quote_is_verbatim


def test_a_neighbour_that_states_nothing_alone_does_not_stand_in_for_an_idea() -> None:
    # The guest's idea was heard too unsurely to quote; their next line only answers the host's question ("And
    # existing customers, always, ..."): quoted in the idea's place it would carry none of it, so the idea is
    # published as itself, unquoted.
    talk = [
        ("S1", 0.99, "Feature launches to current accounts, how does that work for your team?"),
        ("S2", 0.85, "We give every feature launch to fifty current accounts for two weeks before the press."),
        ("S2", 0.99, "And existing customers, always, before the press, before the market, before anyone else."),
        ("S1", 0.99, "Current accounts see every feature launch first, that makes sense to me."),
    ]
    insights = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(_worded_talk(talk), source_key="k", title="t")
    assert [(insight.quote, insight.quote_is_verbatim) for insight in insights.insights] == [(talk[1][2], False)]


def test_the_next_point_of_a_list_does_not_stand_in_for_the_one_before_it() -> None:
    # The second point was heard too unsurely to quote word for word; the sentence said right after it is clear,
    # but it opens the third point ("And last, ..."): printed in the second's place it would drop the second and
    # repeat the third.
    talk = [
        ("S1", 0.99, "Every email makes exactly one ask, and both links lose clicks when you add a second one."),
        ("S1", 0.85, "Second, one email with one ask gets more clicks than two links with two asks, every time."),
        ("S1", 0.99, "And last, send the email when you have something worth reading, not because it is Tuesday."),
    ]
    insights = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(_worded_talk(talk), source_key="k", title="t")
    assert (talk[1][2], False) in [(insight.quote, insight.quote_is_verbatim) for insight in insights.insights]


def test_a_point_announced_as_the_next_one_is_no_restatement_of_the_one_before_it() -> None:
    # "Last one and this one short." stands between the two: the speaker moved on, so the clear sentence before the
    # announcement neither names nor quotes the next point, which was heard too unsurely to print word for word
    # (a bakery podcast nobody here had written).
    talk = [
        ("S1", 0.99, "People told me we would lose the after work crowd, and we did, we lost some of them for good."),
        ("S1", 0.99, "Last one and this one short."),
        (
            "S1",
            0.85,
            "We used to sell yesterday's bread half price in a basket by the door, and regulars waited a day.",
        ),
    ]
    insights = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(_worded_talk(talk), source_key="k", title="t")
    assert (talk[2][2], False) in [(insight.quote, insight.quote_is_verbatim) for insight in insights.insights]


def test_a_phrase_said_only_in_a_marked_digression_is_no_keyword_of_the_recording() -> None:
    talk = [
        ("S1", 0.99, "We cut the menu to fourteen items and the menu change paid for itself in a month."),
        ("S1", 0.99, "Okay, a little personal thing, my son wanted a garbage truck cake for his birthday."),
        ("S1", 0.99, "The garbage truck had an arm, and the garbage truck arm kept snapping off."),
        ("S1", 0.99, "Anyway, back to the menu change and what it did to our waste."),
        ("S1", 0.99, "Waste went from twelve percent to four percent after the menu change."),
    ]
    keywords = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(_worded_talk(talk), source_key="k", title="t")
    assert "menu change" in keywords.keywords
    assert not any("garbage" in keyword for keyword in keywords.keywords)


UNSURE_APART = [
    ("S1", "Pipeline quality and forecast accuracy decide what every board meeting is really about."),
    ("S2", "Interesting, tell me more about that."),
    ("S1", "Our churn dropped by half, and nobody on the sales team believed the numbers at first."),
]


def heard_unsurely(talk: Transcript, line: int, words: Iterable[str], probability: float) -> Transcript:
    """The talk with the given words of one line (by index) heard at ``probability``."""
    wanted = set(words)
    segment = talk.segments[line]
    heard = [
        w.model_copy(update={"probability": probability}) if w.word.strip() in wanted else w for w in segment.words
    ]
    assert any(w.probability == probability for w in heard), "none of the words is in the line"
    segments = list(talk.segments)
    segments[line] = segment.model_copy(update={"words": heard})
    return talk.model_copy(update={"segments": segments})


def _unsure(*unsure: str) -> Transcript:
    """UNSURE_APART with the given words of its last sentence heard at 0.15 (under the floor), every other at 0.99:
    with one such word the sentence's expected misheard words stay at one, within what a verbatim quote may hold,
    so only the floor keeps it out of quotation marks."""
    talk = heard_unsurely(_worded_talk([(speaker, 0.99, text) for speaker, text in UNSURE_APART]), -1, unsure, 0.15)
    assert sum(w.probability == 0.15 for w in talk.segments[-1].words) == len(unsure)
    return talk


def _said_last(talk: Transcript) -> list[Insight]:
    insights = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(talk, source_key="k", title="t").insights
    return [insight for insight in insights if insight.start == 12.0]


def test_an_idea_with_an_unsure_word_and_no_clear_neighbour_is_stated_by_its_clause_heard_clearly() -> None:
    # One word was heard unsurely, so the sentence may not be quoted, and its speaker said nothing beside it that
    # may: a clause heard clearly still states the idea, as its headline, with nothing quoted.
    [unsure] = _said_last(_unsure("believed"))
    assert unsure.headline == "Our churn dropped by half"
    assert not unsure.quote_is_verbatim
    [unsure] = _said_last(_unsure("dropped"))
    assert unsure.headline == "Nobody on the sales team believed the numbers at first"


def test_a_confident_word_the_language_does_not_know_is_neither_quoted_nor_a_headline() -> None:
    # Every word heard at 0.99, but "nummerbergs" is in no English word list: the engine spelled a sound it could
    # not place. The idea is still published, by the clause without that word, and not in quotation marks.
    said = [(speaker, 0.99, text) for speaker, text in UNSURE_APART]
    [clear] = _said_last(_worded_talk(said))
    assert clear.quote_is_verbatim
    misheard = [*said[:-1], ("S1", 0.99, said[-1][2].replace("the numbers", "the nummerbergs"))]
    [unsure] = _said_last(_worded_talk(misheard))
    assert not unsure.quote_is_verbatim
    assert unsure.headline == "Our churn dropped by half"
    # The writers are told which word, so no name they cut from the sentence prints it.
    assert unsure.words_heard_wrong == ["nummerbergs"] and clear.words_heard_wrong == []


def test_an_idea_stated_by_its_own_clause_heard_clearly_needs_no_neighbour_to_stand_in() -> None:
    # The sentence said next is quotable, but it is the speaker's aside, not the idea: the idea's own words, as far
    # as they were heard clearly, say it better.
    talk = [
        ("S1", "Our churn dropped by half, and nobody on the sales team believed the numbers at first."),
        ("S1", "Funny story, my first manager did my review in a parking lot once."),
        ("S2", "Churn dropped by half because the sales team changed how numbers are reviewed."),
    ]
    transcript = heard_unsurely(_worded_talk([(speaker, 0.99, text) for speaker, text in talk]), 0, ["believed"], 0.1)
    [insight] = ExtractiveEngine(BagOfWordsEmbedder(), ONE_IDEA).extract(transcript, source_key="k", title="t").insights
    assert insight.start == 0.0 and insight.headline == "Our churn dropped by half"
    assert not insight.quote_is_verbatim


def test_an_idea_with_an_unsure_word_in_every_clause_is_left_out() -> None:
    assert _said_last(_unsure("churn", "believed")) == []


def test_a_sentence_that_continues_another_is_quoted_with_its_start() -> None:
    lines = [
        ("S2", -0.2, "Most revenue teams believe that more pipeline reviews bring better forecasts."),
        ("S2", -0.2, "I think that's just wrong."),
        ("S2", -0.2, "Pipeline quality decides whether the forecast means anything at the board meeting."),
        ("S2", -0.2, "But pipeline quality reviews take a revenue team two hours every single week."),
    ]
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM)
    insight_set = engine.extract(transcript(lines), source_key="k", title="t")
    quotes = [piece.quote for insight in insight_set.insights for piece in insight.evidence]
    assert f"{lines[0][2]} {lines[1][2]}" in quotes
    assert f"{lines[2][2]} {lines[3][2]}" in quotes
    # Neither the verdict nor the sentence opening on "But" is ever quoted without what it continues.
    assert not any(quote.startswith(("I think that's", "But ")) for quote in quotes)


@pytest.mark.parametrize(
    "position",
    [
        "Most teams believe that weekly webinars fill the pipeline.",
        # ... or a stance the speaker says is theirs: "my position is that..." states the position outright.
        "So my position is that small herds should not buy milking robots on credit.",
    ],
)
def test_the_common_view_the_speaker_rejects_or_their_stated_stance_is_kept_whatever_its_rank(position: str) -> None:
    # Room for one idea: the ranking alone would give it to a longer, more central sentence, but the statement
    # of a position is what a thought-leadership article argues.
    lines = [
        ("S2", -0.2, position),
        (
            "S2",
            -0.2,
            "Pipeline reviews with finance and sales every Monday keep the forecast honest and the board calm.",
        ),
        ("S2", -0.2, "Pipeline quality decides whether the forecast means anything at the board meeting on Monday."),
    ]
    one = Limits(max_insights=1, min_claim_margin=-1.0, min_recording_substance=-1.0, min_content_words=10)
    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), one).extract(transcript(lines), source_key="k", title="t").insights
    )
    assert [insight.quote for insight in insights] == [position]


def test_a_rejected_view_heard_too_unclearly_to_quote_is_kept_by_its_clause() -> None:
    # Its last word was heard under the floor, so the sentence may not be quoted; the clause that names the view
    # was heard clearly, and the position is still what the article argues.
    lines = [
        ("S2", "Most teams believe that weekly webinars fill the pipeline, and that is just backwards."),
        ("S2", "Pipeline reviews with finance and sales every Monday keep the forecast honest and the board calm."),
        ("S1", "Interesting, tell me more about that."),
        ("S2", "Pipeline quality decides whether the forecast means anything at the board meeting on Monday."),
    ]
    talk = heard_unsurely(_worded_talk([(speaker, 0.99, text) for speaker, text in lines]), 0, ["backwards."], 0.1)
    one = Limits(max_insights=1, min_claim_margin=-1.0, min_recording_substance=-1.0, min_content_words=10)

    [position] = ExtractiveEngine(BagOfWordsEmbedder(), one).extract(talk, source_key="k", title="t").insights

    assert position.start == 0.0 and not position.quote_is_verbatim
    assert position.headline == "Most teams believe that weekly webinars fill the pipeline"


def test_the_answer_to_a_rejected_view_is_an_insight_of_its_own() -> None:
    # Said back to back by one voice, the two would be one idea; but the article sets the answer against the view.
    lines = [
        ("S2", -0.2, "Most teams believe that weekly webinars fill the pipeline."),
        ("S2", -0.2, "The first step is writing down the five questions the board asks every single week."),
        ("S1", -0.2, "Interesting, tell me more about that."),
        ("S2", -0.2, "Discount approvals slow every enterprise deal by two weeks on average."),
    ]
    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(transcript(lines), source_key="k", title="t").insights
    )
    assert [insight.quote for insight in insights] == [lines[0][2], lines[1][2], lines[3][2]]


PIPELINE_TALK = [
    ("S1", -0.2, "Tell me about the forecast and the weekly pipeline reviews."),
    ("S2", -0.2, "It was the pipeline quality reviews with finance on Monday that kept the pipeline forecast honest."),
    ("S2", -0.2, "Weekly reviews of pipeline quality keep the board forecast honest."),
    ("S1", -0.2, "And what about discounts on enterprise deals?"),
    ("S2", -0.2, "Discount approvals slow every enterprise deal by two weeks on average."),
    ("S1", -0.2, "Thanks for joining us."),
]


def test_one_speaker_s_consecutive_sentences_are_one_idea() -> None:
    # The stand-in embedder finds the two pipeline sentences far apart in meaning; that one voice said them
    # back to back makes them one idea with both quotes.
    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM)
        .extract(transcript(PIPELINE_TALK), source_key="k", title="t")
        .insights
    )
    assert len(insights) == 2
    pipeline = next(insight for insight in insights if "pipeline" in insight.quote)
    assert {piece.quote for piece in pipeline.evidence} == {PIPELINE_TALK[1][2], PIPELINE_TALK[2][2]}


def test_sentences_with_another_voice_between_them_stay_apart() -> None:
    lines = [*PIPELINE_TALK[:2], ("S1", -0.2, "Right."), *PIPELINE_TALK[2:]]
    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(transcript(lines), source_key="k", title="t").insights
    )
    quotes = [insight.quote for insight in insights]
    assert PIPELINE_TALK[1][2] in quotes and PIPELINE_TALK[2][2] in quotes


def test_a_sentence_that_announces_the_next_point_starts_an_idea_of_its_own() -> None:
    # "Second, ..." moves on from what the speaker said just before, however close together they said it.
    moving_on = ("S2", -0.2, f"Second, {PIPELINE_TALK[2][2][0].lower()}{PIPELINE_TALK[2][2][1:]}")
    lines = [*PIPELINE_TALK[:2], moving_on, *PIPELINE_TALK[3:]]
    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(transcript(lines), source_key="k", title="t").insights
    )
    quotes = [insight.quote for insight in insights]
    assert PIPELINE_TALK[1][2] in quotes and moving_on[2] in quotes


@pytest.mark.parametrize(
    ("main_probability", "restatement_salience", "named_by_restatement"),
    [
        (0.8, 0.5, True),  # the main quote's words are in doubt: the restatement names the idea and is quoted
        (0.99, 0.5, False),  # the main quote may be printed: it stays, named by the writer
        (0.8, 0.1, False),  # the restatement is a digression, less central than the idea: it names nothing
    ],
)
def test_an_idea_is_named_by_a_restatement_only_in_place_of_words_in_doubt(
    main_probability: float, restatement_salience: float, named_by_restatement: bool
) -> None:
    from services.insights.extractive.engine import _Candidate, _Idea
    from services.insights.extractive.quoting import heard_verbatim

    main, restatement = PIPELINE_TALK[1][2], PIPELINE_TALK[2][2]
    talk = _worded_talk([("S2", main_probability, main), ("S2", 0.99, restatement)])
    sentences = split_into_sentences(talk.segments)
    idea = _Idea(
        _Candidate(0, 0, main, 0.3, True),
        0.8,
        0.0,
        np.zeros(4, dtype=np.float32),
        restatements=[_Candidate(1, 1, restatement, restatement_salience, True)],
    )
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM)
    [(quote, headline)] = engine._headlines([idea], sentences, heard_verbatim(sentences, 1.0), None)
    assert (quote.text == restatement) is named_by_restatement
    assert bool(headline) is named_by_restatement
    if named_by_restatement:
        assert headline in restatement


def test_what_the_speaker_says_right_after_a_process_is_not_one_of_its_steps() -> None:
    lines = [*ONBOARDING_STEPS, ("S1", -0.2, CUSTOMER_WORDS)]
    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(transcript(lines), source_key="k", title="t").insights
    )
    [process] = [insight for insight in insights if insight.type.value == "framework"]
    assert [piece.quote for piece in process.evidence] == [process.quote]
    assert lines[3][2] in [insight.quote for insight in insights]


def test_a_promotion_direction_fitted_on_other_embeddings_is_refused_when_the_engine_is_built() -> None:
    # A direction read against vectors of another space would score noise; the service must not start with it.
    with pytest.raises(ValueError, match=r"bench\.pitch --fit"):
        ExtractiveEngine(TopicEmbedder(), promotion=PromotionDirection.fitted())


def test_a_bar_of_one_turns_the_second_opinion_off_even_where_it_is_certain() -> None:
    direction = PromotionDirection.fitted()
    along = (direction.weights / np.linalg.norm(direction.weights)).astype(np.float32)[None, :]
    assert direction.probability(along)[0] == 1.0  # saturated: "at least 1" would still read it as promotion
    assert direction.promoting(along, 0.9).tolist() == [True]
    assert direction.promoting(along, 1.0).tolist() == [False]


def test_a_figure_the_speaker_saw_happen_is_evidence_even_where_the_second_opinion_reads_promotion() -> None:
    # A direction that reads everything as promotion: what it still lets through is what it may never veto.
    everything = PromotionDirection(np.zeros(384), bias=50.0)
    lines = [
        *PIPELINE_TALK,
        ("S2", -0.2, "In our own data, cutting the forecast meeting in half raised the close rate by 40% last year."),
        ("S2", -0.2, "Our forecasting add-on lifts your close rate by 40% in the first quarter."),
    ]

    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM, promotion=everything)
        .extract(transcript(lines), source_key="k", title="t")
        .insights
    )

    said = " ".join(piece.quote for insight in insights for piece in insight.evidence)
    assert lines[-2][2] in said
    assert "add-on" not in said


def test_an_llm_s_ideas_are_screened_with_the_same_exemption_for_a_figure_the_speaker_saw_happen() -> None:
    # The LLM engine's second opinion is the same direction; it may not veto the evidence the extractive one keeps.
    screen = PromotionScreen(BagOfWordsEmbedder(), PromotionDirection(np.zeros(384), bias=50.0), bar=0.9)
    assert screen(
        [
            "In our own data, cutting the forecast meeting in half raised the close rate by 40% last year.",
            "Our forecasting add-on lifts your close rate by 40% in the first quarter.",
        ]
    ) == [False, True]


def test_a_digression_its_speaker_marks_is_no_idea_nor_is_the_answer_to_a_question_so_marked() -> None:
    lines = [
        *PIPELINE_TALK,
        ("S2", -0.2, "Oh, and, tangent, but our best pipeline analyst can spot a forged forecast from across a room."),
        ("S1", -0.2, "Completely unrelated, but did you ever sort out the parking at the new office?"),
        (
            "S2",
            -0.2,
            "We have eleven parking spaces for forty people, so every morning is a pipeline of angry drivers.",
        ),
        ("S1", -0.2, "Back to the forecast then."),
        ("S2", -0.2, "Forecast reviews with finance every Monday cut our slipped deals by a third last year."),
    ]

    insights = (
        ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(transcript(lines), source_key="k", title="t").insights
    )

    said = " ".join(piece.quote for insight in insights for piece in insight.evidence)
    assert "analyst" not in said and "parking" not in said
    assert lines[-1][2] in said


def test_what_the_speaker_grants_only_to_answer_with_but_is_no_evidence_of_their_point() -> None:
    kept_pager = "Teams that carry the pager for their own service fix their noisy alerts within a few weeks."
    granted = "For years one operations group carried the pager for every service, which sounds kind to developers."
    answer = (
        "But the people writing the code never felt the pain of an alert at three in the morning, so the alerts that "
        "woke the operations group every single night never got fixed by anyone at all."
    )
    talk = transcript([("S1", -0.2, kept_pager), ("S1", -0.2, granted), ("S1", -0.2, answer)])

    insights = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM).extract(talk, source_key="k", title="t").insights

    # Said in one stretch with the speaker's point and its answer, it ranks as their idea (and the answer joins it as
    # a second quote) or joins another as one: either way the view the speaker argues against would be printed as
    # their own. The answer carries the idea instead.
    assert all(granted not in [evidence.quote for evidence in insight.evidence] for insight in insights)
    assert answer in [evidence.quote for insight in insights for evidence in insight.evidence]


def test_a_show_of_hands_is_about_the_room_not_a_claim() -> None:
    from services.insights.extractive.claims import could_be_claim

    asked = "Raise your hand if your onboarding courses are named after the menus in your product."
    said = "Onboarding courses named after the menus in your product never get finished by anyone."
    assert not could_be_claim(asked, min_words=5, max_words=60, min_content_words=4)
    assert could_be_claim(said, min_words=5, max_words=60, min_content_words=4)


def test_a_list_with_no_verb_states_nothing_and_is_no_idea() -> None:
    from services.insights.grammar import Grammar

    talk = [
        ("S1", -0.2, "We moved every code sample into a test that runs against the sandbox each night."),
        ("S2", -0.2, "Honestly the error pages, the tested samples, the sandbox keys, the whole thing."),
        ("S1", -0.2, "Support tickets about setup dropped by a third in the next quarter after that."),
    ]
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM, Grammar.english())

    quotes = [insight.quote for insight in engine.extract(transcript(talk), source_key="k", title="t").insights]

    assert quotes == [talk[0][2], talk[2][2]]


def test_an_order_is_a_point_of_view_however_near_a_problem_its_words_sit() -> None:
    from services.insights.grammar import Grammar

    talk = [
        ("S1", -0.2, "Charge the first customer something, because free pilots attract people who never pay."),
        ("S2", -0.2, "Free pilots attract people who never pay and it costs the team months of support work."),
    ]
    engine = ExtractiveEngine(BagOfWordsEmbedder(), ANY_CLAIM, Grammar.english())

    kinds = {i.quote: i.type for i in engine.extract(transcript(talk), source_key="k", title="t").insights}

    assert kinds[talk[0][2]] is InsightType.point_of_view
