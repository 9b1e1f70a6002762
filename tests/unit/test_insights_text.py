"""The engine's text parts without a model: sentences, key phrases, quoting, topic segments, salience, steps."""

from __future__ import annotations

import numpy as np
import pytest

from services.insights.extractive.claims import could_be_claim
from services.insights.extractive.engine import recording_keywords
from services.insights.extractive.lexical import tfidf_vectors
from services.insights.extractive.quoting import (
    ConfidenceFloor,
    expected_misheard_words,
    heard_verbatim,
    quotable,
    segment_is_reliable,
)
from services.insights.extractive.salience import centroid_closeness, lexrank
from services.insights.extractive.segmentation import topic_segments
from services.insights.extractive.steps import find_step_runs, opens_next_point, step_name
from services.insights.keyphrases import key_phrases, phrases_of
from services.insights.sentences import (
    OPENING_GRAMMAR_WORD_PROBABILITY,
    clearly_heard_pieces,
    split_into_sentences,
)
from services.insights.words import content_words
from shared.events import TranscriptSegment, TranscriptWord

FLOOR = ConfidenceFloor(
    min_avg_logprob=-0.6, max_no_speech_prob=0.5, max_compression_ratio=2.4, min_word_probability=0.5
)


def segment(start: float, text: str, **fields: object) -> TranscriptSegment:
    return TranscriptSegment(start=start, end=start + 4, text=text, **fields)


def test_a_change_of_speaker_closes_the_sentence_and_each_sentence_keeps_its_segments() -> None:
    segments = [
        segment(0, "Pricing pages hide the one number buyers", speaker="S1"),
        segment(4, "want to see. So we moved it up.", speaker="S1"),
        segment(8, "and honestly that was the right call", speaker="S2"),
    ]
    sentences = split_into_sentences(segments)
    assert [s.text for s in sentences] == [
        "Pricing pages hide the one number buyers want to see.",
        "So we moved it up.",
        "and honestly that was the right call",
    ]
    assert (sentences[0].first_segment, sentences[0].last_segment, sentences[0].start, sentences[0].end) == (0, 1, 0, 8)
    assert [s.speaker for s in sentences] == ["S1", "S1", "S2"]
    assert [s.is_complete for s in sentences] == [True, True, False]


def test_a_segment_emptied_of_an_ad_read_closes_the_sentence_around_it() -> None:
    # strip_pitch empties the ad's segments; Whisper went on in lower case after it, so only the gap ends the
    # sentence, and without it "take a quick break ... we're back" is one sentence quoted across the ad.
    segments = [
        segment(0, "Ah, ok, let's take a quick break.", speaker="S1"),
        segment(4, "", speaker="S1"),
        segment(8, "ok, and we're back. so, you wanted to talk about estimates.", speaker="S1"),
    ]
    sentences = split_into_sentences(segments)
    assert [s.text for s in sentences] == [
        "Ah, ok, let's take a quick break.",
        "ok, and we're back. so, you wanted to talk about estimates.",
    ]
    assert [(s.first_segment, s.last_segment) for s in sentences] == [(0, 0), (2, 2)]


def test_a_segment_that_carries_on_a_sentence_loses_the_capital_the_engine_gave_its_grammar_word_only() -> None:
    segments = [
        worded(0, "If you start thinking about renewal 90 days out,", {}),
        worded(4, "You're negotiating, you're not renewing. We asked", {}),
        worded(8, "Salesforce first. It worked.", {}),
    ]
    sentences = split_into_sentences(segments)
    assert [s.text for s in sentences] == [
        "If you start thinking about renewal 90 days out, you're negotiating, you're not renewing.",
        "We asked Salesforce first.",  # not a grammar word: it may be a name
        "It worked.",
    ]
    # The words keep their probabilities: they are found in the segment's own text, capital and all.
    assert len(sentences[0].word_probabilities) == 14


def test_broken_off_sentences_are_not_complete() -> None:
    sentences = split_into_sentences([segment(0, "If the board wants more growth, that's... Well.")])
    assert not sentences[0].is_complete


def test_key_phrases_are_repeated_multi_word_phrases_never_filler_single_words_or_figures() -> None:
    sentences = [
        "You know, churn reduction starts before the contract is signed.",
        "You know what I mean, churn reduction is a sales problem.",
        "Forty percent of accounts leave, and forty percent is a lot.",
        "Thought leadership matters. Thought matters. Chicago is cold.",
        "Good thought leadership takes a position.",
        # A stretch of the calendar said twice is when, not a topic (a ferment stall's lead magnet nobody here had
        # written was "The January to March Mini-Guide").
        "From January to March the market is shut. January to March, we sell to chefs.",
        # ... and a part of one (a polling station podcast's, fortieth round: "The Rest of the Day Worksheet").
        "For the rest of the day the second clerk deals with the post. The rest of the day is quiet.",
        # ... and a phrase about the talk itself (a tutoring podcast's, forty-third round: "The Short Version
        # Mini-Guide").
        "Give us the short version. The short version is we stopped chasing.",
        "Those are fair points. Two fair points about the rota.",
    ]
    phrases = key_phrases(sentences, top=10)
    assert phrases == ["churn reduction", "thought leadership"]
    assert all(len(phrase.split()) >= 2 for phrase in phrases)
    assert phrases_of("We measured churn reduction twice.", phrases, top=5) == ["churn reduction"]


def test_a_plural_counts_with_its_singular_and_the_phrase_is_given_as_said_most() -> None:
    sentences = ["Support tickets change tone.", "Read the support tickets.", "One support ticket said it."]
    assert key_phrases(sentences, top=3) == ["support tickets"]
    assert phrases_of("That support ticket was sharp.", ["support tickets"], top=1) == ["support tickets"]
    # Said once each way, neither form was said twice as it would be printed.
    assert key_phrases(["A churned customer tells you more.", "Churned customers, then."], top=3) == []


def test_a_line_said_again_at_once_is_said_once() -> None:
    # A catchphrase echoed for weight is one use of its words; said again later in the talk, it is two.
    assert key_phrases(["The night shift.", "The night shift.", "Then the rota went up."], top=3) == []
    echoed_then_used = ["The night shift.", "The night shift.", "We staffed the night shift with two cooks."]
    assert key_phrases(echoed_then_used, top=3) == ["night shift"]


def test_a_topic_said_after_a_preposition_is_the_key_phrase_not_the_part_of_it_named_before() -> None:
    sentences = [
        "We have to end the scourge of gun violence.",
        "The scourge of gun violence is in every city.",
        "Measure speed to lead generation every week.",
        "Our speed to lead generation doubled.",
    ]
    # "speed to lead generation" names one measure whole: the phrase after "to" is no topic of its own.
    assert sorted(key_phrases(sentences, top=3)) == ["gun violence", "speed to lead generation"]
    # Said apart from it as well, the longer phrase still gives way to its topic.
    assert key_phrases([*sentences, "Gun violence again."], top=1) == ["gun violence"]


def test_key_phrases_rank_by_the_salience_of_the_sentences_they_occur_in() -> None:
    sentences = ["Revenue operations first.", "Field marketing.", "Revenue operations again.", "Field marketing."]
    assert key_phrases(sentences, [0.1, 0.9, 0.1, 0.9], top=2) == ["field marketing", "revenue operations"]


def test_a_sentence_touching_an_unsure_segment_is_never_quotable_and_unknown_confidence_does_not_block() -> None:
    segments = [
        segment(0, "Sometimes contour iron directions, think of death guarding.", avg_logprob=-1.1),
        segment(4, "Buyers trust peers more than vendors.", avg_logprob=-0.2, no_speech_prob=0.01),
        segment(8, "Nobody reads the second page of a report."),
        segment(12, "Hello hello.", no_speech_prob=0.9),
        segment(16, "The loop the loop the loop.", compression_ratio=3.1),
        segment(20, "Mumbled words here.", words=[TranscriptWord(start=20, end=21, word=" Mumbled", probability=0.2)]),
    ]
    sentences = split_into_sentences(segments)
    assert quotable(sentences, segments, FLOOR) == [False, True, True, False, False, False]
    assert segment_is_reliable(segments[2], FLOOR)
    # Whisper's own rule: confident text in a window it half thought silent (fast synthetic speech) is speech.
    fast = segment(24, "Cutting our posts in half raised qualified leads.", avg_logprob=-0.34, no_speech_prob=0.52)
    assert segment_is_reliable(fast, FLOOR)
    assert not segment_is_reliable(fast.model_copy(update={"avg_logprob": -0.7}), FLOOR)


def worded(start: float, text: str, probabilities: dict[str, float], probability: float = 0.95) -> TranscriptSegment:
    """A segment whose words are timed, each with ``probability`` unless ``probabilities`` says otherwise."""
    words = [
        TranscriptWord(start=start, end=start + 0.2, word=f" {word}", probability=probabilities.get(word, probability))
        for word in text.split()
    ]
    return segment(start, text, words=words, avg_logprob=-0.2)


def test_each_sentence_carries_the_probabilities_of_its_own_words_even_across_segments() -> None:
    segments = [
        worded(0, "We post on a publishing channel. Every week, without", {"channel.": 0.21}),
        worded(4, "fail, buyers read it.", {"fail,": 0.6}),
    ]
    first, second = split_into_sentences(segments)
    assert first.word_probabilities == (0.95, 0.95, 0.95, 0.95, 0.95, 0.21)
    assert second.word_probabilities == (0.95, 0.95, 0.95, 0.6, 0.95, 0.95, 0.95)


def test_a_grammar_word_opening_a_segment_is_read_at_even_odds_at_least() -> None:
    # Whisper splits a segment's first word between its spellings with and without a capital: "Every" at 0.02 was
    # said. A word that carries meaning, a negation, or a grammar word inside the segment keeps its score.
    segments = [
        worded(0, "Every engineer answers tickets once a month.", {"Every": 0.02, "a": 0.1}),
        worded(4, "Engineers answer tickets.", {"Engineers": 0.1}),
        worded(8, "Never ship on Friday.", {"Never": 0.1}),
    ]
    every, engineers, never = split_into_sentences(segments)
    assert every.word_probabilities == (OPENING_GRAMMAR_WORD_PROBABILITY, 0.95, 0.95, 0.95, 0.95, 0.1, 0.95)
    assert engineers.word_probabilities[0] == 0.1
    assert never.word_probabilities[0] == 0.1


def test_a_sentence_is_cut_at_each_word_heard_unsurely_and_kept_whole_when_words_are_untimed() -> None:
    [sentence] = split_into_sentences([worded(0, "Is a detected story, a real one.", {"detected": 0.33})])
    assert clearly_heard_pieces(sentence, 0.5) == ["Is a ", " story, a real one."]
    assert clearly_heard_pieces(sentence, 0.3) == ["Is a detected story, a real one."]
    [untimed] = split_into_sentences([segment(0, "Is a detected story, a real one.")])
    assert clearly_heard_pieces(untimed, 0.5) == ["Is a detected story, a real one."]


def test_a_key_phrase_counts_only_where_every_word_of_it_was_heard_clearly() -> None:
    # A mishearing said twice ("detected story" for "detective story") is heard unsurely at least once.
    segments = [
        worded(0, "A difference from last month is a detected story.", {"detected": 0.33}),
        worded(4, "A detected story, yes, and a month end close is slow.", {}),
        worded(8, "The month end close gets faster every day.", {}),
    ]
    sentences = split_into_sentences(segments)
    assert recording_keywords(sentences, np.ones(len(sentences))) == ["month end close"]


def claim(text: str) -> bool:
    """Whether a line could be a claim, by its structure and the occasion remarks alone (no embeddings)."""
    return could_be_claim(text, min_words=4, max_words=60, min_content_words=2)


def test_a_host_turning_the_session_to_the_chat_is_no_claim() -> None:
    assert not claim("Alright, quick word before we go to the chat.")
    assert not claim("Okay, before we turn to the questions, one more thing about pricing.")
    # The chat as the subject of a point is no turn of the session.
    assert claim("Most of the best questions come from the chat, not from the panel.")
    assert claim("We wrote one quick word on every card before the review.")


def test_a_goodbye_or_thanks_for_coming_on_is_no_claim_but_stopping_short_can_be() -> None:
    assert not claim("Good, that's a good place to, erm, to leave it, thanks for coming on.")
    assert not claim("Great, let's stop there, that was really useful.")
    assert not claim("Thanks so much for having me, this was a fun conversation.")
    assert not claim("Before I start, thank you to whoever ordered the pineapple pizza tonight.")
    assert claim("Thanks to the new rota, turnover fell by a third in one year.")
    # A hot sauce panel nobody here had written titled a pillar "A quick thank you" (thirty-ninth round).
    assert not claim("Alright, before you all run to the tasting tables, a quick thank you.")
    assert not claim("And one last thanks, to the volunteers who stacked every chair in this hall.")
    assert claim("A quick thank you card goes out after every job, and half our referrals come from it.")
    assert not claim("I run sales operations consulting in the field. And today is territory planning.")
    assert claim("The market for field sales today is harder than it was five years ago.")
    assert claim("Most teams stop there, and that is where the pipeline leaks.")
    assert claim("The problem with gated content does not end there.")


def test_a_speaker_introducing_themselves_is_no_claim_but_years_of_work_that_found_something_are() -> None:
    assert not claim("So I've been running field sales teams for about fifteen years now, and I want to start here.")
    assert not claim("Yeah, I've been doing payroll for small firms for over a decade.")
    assert not claim("I coached high school football for six years, and now I lead sales enablement at a bank.")
    assert not claim("Well, I've spent the last decade in payroll, and now I run a small consultancy.")
    assert not claim("I've worked in field service for about eight years.")
    # ... without a "now" before what they are about to do (a grant-writing webinar nobody here had written).
    assert not claim(
        "So, I've been writing grants for small nonprofits for about 12 years, and I want to start with the phone."
    )
    assert claim("I've been tracking churn for three years, and it never came from price.")
    assert claim("I've spent ten years building dashboards, and most of them nobody ever opens.")
    assert claim("Buyers have been ignoring cold email for years now, and the reply rates show it.")
    assert claim("We ran the pilot for two years, and now we charge for it.")


def test_a_moderator_announcing_a_panelists_view_makes_no_claim() -> None:
    # A car wash panel nobody here had written (forty-eighth round): its moderator's handover named a pillar.
    assert not claim("We're on cruise and pay, and I know you've got a slightly controversial one about the rain.")
    assert not claim("I know you have a strong view on deposits for the long details, so go on.")
    assert claim("I know you've got to pay people on rain days, or the good ones leave by July.")


def test_a_panelist_introducing_themselves_by_name_is_no_claim() -> None:
    assert not claim("And I'm Luis, I do pricing for a payroll startup with about forty customers.")
    assert not claim("Hi, my name is Dana Reyes and I run growth at a developer tools company.")
    # ... or by the job and where they do it, and who is with them (a collision repair webinar nobody here had
    # written: "I run the paint sign at Hollister Collision" was its first pillar).
    assert not claim("I run the paint sign at Hollister Collision, and with me is Sam, who does our estimates.")
    assert not claim("So we own the two framing shops at Riverside Market, and every frame gets priced the same way.")
    # ... whatever small word Whisper heard inside the place's name (a driving range panel nobody here had written,
    # forty-fifth round: its self-introduction was a pillar).
    assert not claim("Hey Meshcare, I manage the range and the shop at Lockhart or Golf Center, just outside Bairth.")
    assert claim("I manage the range at night or at weekends, and the takings double when the floodlights are on.")
    # ... or by the business and what it supplies (a festival stewarding panel nobody here had written, held out in the
    # forty-fifth round: "I run a radio hire company" titled its article).
    assert not claim("Marker spell, I run a radio hire company, we supply handsets to about 40 events a summer.")
    assert not claim("And we own a small marquee business.")
    assert claim("I run a radio hire company, and half our radios come back from a festival broken.")
    # ... or by the group they help run and where (an archery panel nobody here had written, forty-eighth round: an
    # audience member's introduction before her question titled its article).
    assert not claim("I help run a scout group near Milton, so not a club actually.")
    assert not claim("We run a small archery club in Market Harborough.")
    assert claim("I help run a scout group, and the kids who shoot once a month never come back for a second term.")
    assert not claim("Our guest list is short, and with us today are two sweeps who clean four hundred flues a year.")
    assert claim("I run the numbers at the end of every month, and the blended jobs always make more money.")
    assert claim("The problem with us is that we never followed up on a quote, so half of them went to a rival.")
    assert claim("We ran the pilot for two years at three shops, and the comebacks fell by half in the second year.")
    assert claim("I'm sure that a pricing page without a number loses most of its buyers.")
    assert claim("I'm not convinced that a public calculator helps a payroll company sell.")


def test_one_unsure_word_keeps_its_sentence_out_of_quotes_but_not_its_neighbours() -> None:
    segments = [worded(0, "We post on a publishing channel. Buyers read every single post.", {"channel.": 0.21})]
    sentences = split_into_sentences(segments)
    assert quotable(sentences, segments, FLOOR) == [False, True]
    # Untimed words are unknown, not unsure: the segment's own signals decide.
    untimed = [segment(0, "We post on a publishing channel.")]
    assert quotable(split_into_sentences(untimed), untimed, FLOOR) == [True]


def test_doubts_add_up_over_a_sentence_so_a_long_one_of_fairly_sure_words_is_not_quoted_verbatim() -> None:
    # Every word at 0.9: no single word is unsure, but twelve of them leave more than one misheard word to
    # expect, where four leave less than half of one.
    long_turn = "Every customer we lost had filed a support ticket about onboarding first."
    segments = [worded(0, f"Buyers read every post. {long_turn}", {}, probability=0.9)]
    sentences = split_into_sentences(segments)
    assert [s.text for s in sentences] == ["Buyers read every post.", long_turn]
    assert [round(expected_misheard_words(s), 2) for s in sentences] == [0.4, 1.2]
    assert quotable(sentences, segments, FLOOR) == [True, True]
    assert heard_verbatim(sentences, 1.0) == [True, False]
    # Untimed words: nothing to doubt.
    assert heard_verbatim(split_into_sentences([segment(0, long_turn)]), 1.0) == [True]


def test_a_confident_word_the_second_decoding_did_not_hear_keeps_its_sentence_out_of_quotation_marks() -> None:
    heard = worded(0, "We post on a publishing channel. Buyers read every single post.", {})
    flags = {" channel.": False}
    checked = heard.model_copy(
        update={"words": [w.model_copy(update={"confirmed": flags.get(w.word, True)}) for w in heard.words]}
    )
    sentences = split_into_sentences([checked])
    assert sentences[0].word_confirmations == (True, True, True, True, True, False)
    # Its point may still be published (in the writer's words), but not as the speaker's verbatim words.
    assert quotable(sentences, [checked], FLOOR) == [True, True]
    assert heard_verbatim(sentences, 1.0) == [False, True]
    # Words never checked (None) are as today: their probabilities alone decide.
    assert heard_verbatim(split_into_sentences([heard]), 1.0) == [True, True]


def test_topic_segments_cut_where_the_vocabulary_changes() -> None:
    pricing = [f"Pricing tiers and discount levels confuse buyers in round {n}." for n in range(8)]
    hiring = [f"Hiring engineers needs interview loops and onboarding plans, case {n}." for n in range(8)]
    labels = topic_segments(tfidf_vectors([content_words(text) for text in pricing + hiring]))
    assert labels == [0] * 8 + [1] * 8


def test_lexrank_puts_the_sentence_that_links_the_others_first() -> None:
    texts = [
        "Pricing tiers confuse buyers.",
        "Discount levels confuse buyers.",
        "Pricing tiers and discount levels both confuse buyers.",
        "The weather was sunny.",
    ]
    vectors = tfidf_vectors([content_words(text) for text in texts])
    rank = lexrank(vectors)
    assert int(np.argmax(rank)) == 2
    assert rank[3] < rank[0]
    assert centroid_closeness(vectors)[3] < centroid_closeness(vectors)[2]


def test_steps_need_three_ordinals_in_order_by_one_speaker_and_are_named_in_the_speakers_words() -> None:
    segments = [
        segment(0, "Here is how we run it.", speaker="S1"),
        segment(4, "First, write down the single question the buyer asks.", speaker="S1"),
        segment(8, "It matters more than anything.", speaker="S1"),
        segment(12, "Second, record a short answer for every deal.", speaker="S1"),
        segment(16, "Third, publish the answer where sales can find it.", speaker="S1"),
        segment(20, "First of all, thanks for coming.", speaker="S2"),
    ]
    runs = find_step_runs(split_into_sentences(segments))
    assert len(runs) == 1
    assert (runs[0].first, runs[0].last) == (1, 4)
    assert runs[0].steps == (
        "Write down the single question the buyer asks",
        "Record a short answer for every deal",
        "Publish the answer where sales can find it",
    )


def test_a_step_may_be_followed_by_three_sentences_that_elaborate_it_but_not_four() -> None:
    def talk(between: int) -> list[TranscriptSegment]:
        lines = ["The first thing is, clean your list.", *["We removed a third of it last year."] * between]
        lines += ["Second, one email, one ask.", "And last, send when you have something to say."]
        return [segment(4 * at, line, speaker="S1") for at, line in enumerate(lines)]

    (run,) = find_step_runs(split_into_sentences(talk(3)))
    assert (run.first, run.last) == (0, 5)
    assert run.steps == ("Clean your list", "One email", "Send when you have something to say")
    assert find_step_runs(split_into_sentences(talk(4))) == []


def test_a_list_the_speaker_names_and_then_takes_up_item_by_item_is_a_framework() -> None:
    lines = [
        "So the standard advice is to deflect tickets.",
        "We measure something else, which we call the three Rs: reach, resolve, return.",
        "Reach means a customer finds the right article in under a minute.",
        "Resolve means the article actually fixes the problem.",
        "We ask one question at the bottom of every article.",
        "And return means they don't come back with the same problem within thirty days.",
    ]
    segments = [segment(4 * at, line, speaker="S2") for at, line in enumerate(lines)]

    (run,) = find_step_runs(split_into_sentences(segments))

    assert (run.first, run.last) == (1, 5)
    assert run.step_sentences == (2, 3, 5)
    assert run.steps == (
        "Reach means a customer finds the right article",
        "Resolve means the article actually fixes the problem",
        "Return means they don't come back with the same problem",
    )


def test_a_list_after_a_colon_that_the_talk_does_not_take_up_in_order_is_no_framework() -> None:
    def talk(*lines: str) -> list[TranscriptSegment]:
        return [segment(4 * at, line, speaker="S1") for at, line in enumerate(lines)]

    opening = "We looked at three things: price, speed, support."
    # Only two of the three are taken up, or not in the order announced, or by another voice.
    assert find_step_runs(split_into_sentences(talk(opening, "Price was fine.", "Speed was not."))) == []
    assert find_step_runs(split_into_sentences(talk(opening, "Speed first.", "Price was fine.", "Support too."))) == []
    other_voice = [*talk(opening, "Price was fine."), segment(8, "Speed was not.", speaker="S2")]
    assert find_step_runs(split_into_sentences([*other_voice, segment(12, "Support too.", speaker="S2")])) == []


def test_a_lone_first_of_all_is_no_framework() -> None:
    segments = [segment(0, "First of all, welcome."), segment(4, "Second, the agenda."), segment(8, "Then we go.")]
    assert find_step_runs(split_into_sentences(segments)) == []


def test_the_voice_that_asks_far_more_than_the_recording_does_is_the_asker() -> None:
    from services.insights.extractive.voices import askers

    interview = [
        ("S1", "Welcome back, my guest runs marketing at a software company."),
        ("S1", "So what changed when you cut the schedule?"),
        ("S2", "Most teams publish far too much, and nobody reads it."),
        ("S2", "We halved the schedule and qualified leads went up."),
        ("S1", "Was that hard to sell to your boss?"),
        ("S2", "Honestly, the numbers sold it for us."),
        ("S2", "Every article now starts from one expert conversation."),
        ("S2", "Depth beats volume in expert markets."),
        ("S2", "Generic guides are what nobody remembers."),
        ("S3", "Did you ever wonder whether we could do the same?"),
    ]
    said = split_into_sentences([segment(4.0 * n, text, speaker=who) for n, (who, text) in enumerate(interview)])
    assert askers(said) == {"S1", "S3"}
    # A debater who asks the odd rhetorical question is not an asker; one voice alone never is.
    debate = [("S1", "Why would anyone believe that?"), *[("S1", f"Taxes went up in year {n}.") for n in range(9)]]
    debate += [("S2", f"Jobs came back in year {n}.") for n in range(10)] + [("S3", "What is your plan?")]
    assert askers(split_into_sentences([segment(4.0 * n, t, speaker=w) for n, (w, t) in enumerate(debate)])) == {"S3"}
    assert askers(split_into_sentences([segment(0, "Why? Because it works.", speaker="S1")])) == set()


def test_a_question_from_the_audience_does_not_hide_the_host() -> None:
    from services.insights.extractive.voices import askers

    # The host asks three questions in nine lines; the guests one (rhetorical) in eighteen. Counted with the
    # audience member's one question in two lines, the recording's own rate (5 in 29) would hide the host (3 in 9).
    panel = [("S1", "Welcome, I have two support leaders with me today."), ("S1", "Do you ban canned replies?")]
    panel += [("S2", f"We rewrote the first line in ticket batch {n}.") for n in range(9)]
    panel += [("S2", "Why would anyone read a form letter?")]
    panel += [("S1", "What about the product team?"), ("S1", "How do you get them to listen?")]
    panel += [("S3", f"We tagged every ticket in month {n}.") for n in range(8)]
    panel += [("S4", "Hi, quick question from me."), ("S4", "How do you get agents to tag consistently?")]
    panel += [("S1", line) for line in ("Great.", "Let's wrap up.", "Thanks both.", "Thanks everyone.", "Bye.")]
    said = split_into_sentences([segment(4.0 * n, text, speaker=who) for n, (who, text) in enumerate(panel)])
    assert askers(said) == {"S1", "S4"}


def test_the_voice_that_opens_and_closes_a_conversation_and_says_less_is_its_host() -> None:
    from services.insights.extractive.voices import askers

    # Whisper ran the host's welcome into the topic's framing, and the host asks nothing with a question mark:
    # the framing is the recording's best-sounding line about its topic, not a claim of it.
    panel = [
        ("S1", "Okay, hi everyone, I want to start with phishing tests, because I know you two disagree."),
        ("S2", "Shaming people for clicking teaches them to hide the real click."),
        ("S2", "So we thank anyone who reports a suspicious email by name."),
        ("S3", "Cutting admin accounts from two hundred to fourteen did more than any tool we bought."),
        ("S3", "It cost nothing but a spreadsheet and some awkward conversations."),
        ("S3", "A fixed weekly patch window beats heroics at midnight, because people show up rested."),
        ("S1", "Love that, okay, we're at time, thank you both."),
    ]
    said = split_into_sentences([segment(4.0 * n, text, speaker=who) for n, (who, text) in enumerate(panel)])
    assert askers(said) == {"S1"}
    # The voice that says the most is the one the recording is about, wherever it speaks.
    talk = [panel[0], ("S2", "Yes."), ("S1", "Most teams measure clicks and learn nothing from them."), panel[-1]]
    said = split_into_sentences([segment(4.0 * n, text, speaker=who) for n, (who, text) in enumerate(talk)])
    assert askers(said) == set()
    # Two co-hosts who share the talk both argue, whoever opens and closes the show.
    cohosts = [panel[0], *[("S2", line) for _, line in panel[1:5]], ("S1", panel[3][1]), panel[-1]]
    said = split_into_sentences([segment(4.0 * n, text, speaker=who) for n, (who, text) in enumerate(cohosts)])
    assert askers(said) == set()
    # Nor is a voice a host when another one closes the recording.
    said = split_into_sentences([segment(4.0 * n, text, speaker=who) for n, (who, text) in enumerate(panel[:-1])])
    assert askers(said) == set()


def test_a_list_moves_on_at_its_next_sequence_word_and_ends_at_last() -> None:
    assert opens_next_point("Second, one email, one ask.")
    assert opens_next_point("And last, stop sending on a schedule.")
    assert not opens_next_point("Last year we cleaned the list.")
    assert not opens_next_point("First, clean your list.")


@pytest.mark.parametrize(
    ("said", "moves_on"),
    [
        # A point after one already made, named but not numbered: said right after the last one, it is another idea.
        ("The other rule is that every cost line has exactly one owner.", True),
        ("And another thing I'd change is the scorecard.", True),
        ("One more tip, pay them for the task.", True),
        # "the other day", "another customer": the words of a story, not of a list.
        ("The other day I was at one of our stores.", False),
        ("Another customer was angry about the invoice.", False),
        ("The other teams were slower to notice.", False),
        # The last point announced on its own, before the speaker says it (a bakery podcast nobody here had written).
        ("Last one, and this one's short.", True),
        ("Okay, last thing.", True),
        ("The last rule is simple: nobody skips the count.", True),
        # "The last thing you want" is a verdict, not an announcement.
        ("The last thing you want is a second tool to log into.", False),
        ("My last job was in retail.", False),
        # An ordinal point named before a comma; an ordinal time is a story's.
        ("The second thing, we run an executive check-in at day sixty.", True),
        ("The last time, we tried it with two teams.", False),
    ],
)
def test_a_list_moves_on_at_another_point_named_as_one(said: str, moves_on: bool) -> None:
    assert opens_next_point(said) is moves_on


def test_a_step_name_cut_short_ends_where_a_phrase_joins_not_inside_it() -> None:
    said = "First, every temp shadows one of our pickers for a full shift before they touch a scanner."
    assert step_name(said) == "Every temp shadows one of our pickers"
    # Cut where a phrase joins, the name keeps its last word, whatever kind of word it is.
    said = "Context means we send them a one page brief on the buyer before the call, so they're not walking in blind."
    assert step_name(said) == "Context means we send them a one page brief"


def test_a_step_name_keeps_a_figure_whole() -> None:
    assert step_name("Second, cut every draft to 1,500 words, then send it.") == "Cut every draft to 1,500 words"
    assert step_name("Third, the review starts at 10:30 on Fridays.") == "The review starts at 10:30 on Fridays"
