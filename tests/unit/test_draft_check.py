"""Verification of a model's draft: invented quotes, numbers, links and timestamps are cut, the rest kept."""

from __future__ import annotations

from shared.draft_check import Grounding, numbers_in, split_sentences, verify_draft
from tests.unit.transcripts import ONBOARDING_WEBINAR, make_transcript

TRANSCRIPT = make_transcript("rec-check", ONBOARDING_WEBINAR)
EVIDENCE = [
    "Forty percent of new accounts never logged in again after the first week.",
    "Within two quarters, time to first value dropped from 30 days to 9 days.",
]


def grounding(**options: object) -> Grounding:
    return Grounding(
        transcript=TRANSCRIPT.text,
        evidence=EVIDENCE,
        speech_spans=[(segment.start, segment.end) for segment in TRANSCRIPT.segments],
        **options,  # type: ignore[arg-type]
    )


def test_a_verbatim_quote_survives_case_punctuation_and_curly_apostrophes() -> None:
    line = (
        "As the speaker put it, \u201cmost people think onboarding is a product problem \u2014 "
        "but the truth is it\u2019s a handoff problem\u201d."
    )
    check = verify_draft(line, grounding())
    assert not check.removed
    assert check.evidence == (
        "most people think onboarding is a product problem \u2014 but the truth is it\u2019s a handoff problem",
    )


def test_an_invented_quote_takes_its_sentence_and_only_its_sentence() -> None:
    line = 'Onboarding fails at the handoff. The speaker said "we doubled revenue in one quarter" on stage. Fix it.'
    check = verify_draft(line, grounding())
    assert check.markdown == "Onboarding fails at the handoff. Fix it.\n"
    [removal] = check.removed
    assert "quote not in the transcript" in removal.reasons[0]


def test_an_invented_number_is_cut_in_digits_and_in_words() -> None:
    draft = "\n".join(
        [
            "Forty percent of new accounts went dark. Teams that fix it see 73% more renewals.",
            "- Time to value fell from thirty days to nine days.",
            "- It fell by fifty-five percent.",
        ]
    )
    check = verify_draft(draft, grounding())
    assert (
        check.markdown
        == "Forty percent of new accounts went dark.\n- Time to value fell from thirty days to nine days.\n"
    )
    assert sorted(reason for removal in check.removed for reason in removal.reasons) == [
        "number 55 not in the evidence",
        "number 73 not in the evidence",
    ]


def test_a_paraphrase_in_a_blockquote_is_not_a_quote() -> None:
    draft = (
        "> Most teams think onboarding is about the product. [00:12]\n\n"
        "> Stop treating customer onboarding as a welcome email sequence. [02:13]"
    )
    check = verify_draft(draft, grounding())
    assert check.markdown == "> Stop treating customer onboarding as a welcome email sequence. [02:13]\n"
    assert check.removed[0].text.startswith("> Most teams think")


def test_links_and_timestamps_must_come_from_the_recording_or_the_caller() -> None:
    draft = "\n\n".join(
        [
            "Read more at https://evil.example.com/offer today. Then [get the template](https://example.com/get-started).",
            '> "Forty percent of new accounts never logged in again after the first week." [45:00]',
        ]
    )
    check = verify_draft(draft, grounding(allowed_urls=["https://example.com/get-started"]))
    assert check.markdown == "Then [get the template](https://example.com/get-started).\n"
    reasons = [reason for removal in check.removed for reason in removal.reasons]
    assert any("link not in the evidence" in reason for reason in reasons)
    assert any("timestamp [45:00] points at no speech" in reason for reason in reasons)


def test_names_the_caller_coined_may_be_quoted_and_carry_their_numbers() -> None:
    line = 'We call it "The Customer Onboarding 3-Step Framework", and it has 3 steps.'
    check = verify_draft(line, grounding(allowed_phrases=["The Customer Onboarding 3-Step Framework"]))
    assert not check.removed and check.evidence == ()


def test_numbers_are_read_as_values() -> None:
    text = "forty-two people, 1,200 teams, 3.5x, a hundred and five, the one thing, the 2nd step, B2B, 40%, [01:22]"
    assert numbers_in(text) == {42.0, 1200.0, 3.5, 105.0, 40.0}


def test_sentences_are_never_split_inside_a_quote() -> None:
    line = 'He said "It works. Then it breaks." Next, "it holds." Done.'
    assert split_sentences(line) == ['He said "It works. Then it breaks."', 'Next, "it holds."', "Done."]


def test_a_quote_wrapped_over_two_lines_is_still_one_quote() -> None:
    draft = (
        'Onboarding matters. As one leader said, "we doubled revenue\novernight with this." It works.\n\n'
        '> "Stop treating\n> customer onboarding as a welcome email sequence."'
    )
    check = verify_draft(draft, grounding())
    assert (
        check.markdown
        == 'Onboarding matters. It works.\n\n> "Stop treating customer onboarding as a welcome email sequence."\n'
    )
    assert check.removed[0].reasons == ("quote not in the transcript: 'we doubled revenue overnight with this.'",)


def test_an_unclosed_quotation_is_cut() -> None:
    check = verify_draft('The speaker said "we never lost a customer. Then we did.', grounding())
    assert check.markdown == "Then we did.\n"


def test_a_number_inside_a_verbatim_quote_is_its_own_evidence() -> None:
    line = 'The speaker put it plainly: "Within two quarters, time to first value dropped from 30 days to 9 days."'
    check = verify_draft(line, Grounding(transcript=TRANSCRIPT.text, evidence=[]))
    assert not check.removed
    invented = verify_draft("Time to first value dropped from 30 days to 9 days.", Grounding(TRANSCRIPT.text, []))
    assert [removal.reasons for removal in invented.removed] == [
        ("number 9 not in the evidence", "number 30 not in the evidence")
    ]


def test_a_sentence_heard_too_unclearly_to_quote_may_not_be_quoted_even_in_part() -> None:
    unclear = "Forty percent of new accounts never logged in again after the first week."
    transcript = f"{TRANSCRIPT.text} {unclear}"
    checked = Grounding(transcript=transcript, evidence=EVIDENCE, unclear=[unclear])
    draft = (
        f'They said "{unclear.rstrip(".")}" and meant it.\n'
        'As one put it, "never logged in again" after signing up.\n'
        "Most new accounts never came back after the first week.\n"
    )
    check = verify_draft(draft, checked)
    assert check.markdown == "Most new accounts never came back after the first week.\n"
    assert all("too unclearly" in removal.reasons[0] for removal in check.removed)
    # The same words are quotable when nothing marks them unclear.
    assert not verify_draft(draft, Grounding(transcript=transcript, evidence=EVIDENCE)).removed
