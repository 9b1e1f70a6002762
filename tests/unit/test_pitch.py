"""shared.pitch: what counts as a pitch, how an ad read becomes one block, and the measured set."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from services.framework_article_writer.guard import find_promotional_tells
from services.framework_article_writer.settings import FrameworkArticleSettings
from services.framework_article_writer.writer import FrameworkArticleWriter
from services.insights import extract_insights
from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.writer import LeadMagnetWriter
from shared.events import Transcript, TranscriptSegment, TranscriptWord
from shared.pitch import PitchKind, describe_promotion, detect_pitch, find_pitch_cues, pitch_spans, strip_pitch
from tests.pitch import Labelled, measured_set
from tests.pitch.transcripts import sponsored_webinar, words_of_the_read_in
from tests.unit.transcripts import make_transcript

TALK_BEFORE = [
    "Most teams think churn starts at renewal.",
    "It starts in the first two weeks, when nobody owns the handoff.",
]
AD_READ = [
    "This episode is brought to you by Ledgerly.",
    "Ledgerly keeps your books tidy while you sleep.",
    "Freelancers I know swear it changed their year.",
    "Go to ledgerly dot com slash trial and use the code webinar 20 for 30% off your first year.",
]
TALK_AFTER = [
    "Anyway, back to the handoff.",
    "Write down who owns the customer on day one, and check it on day ten.",
]


def flagged(texts: Sequence[str]) -> set[int]:
    """The indices of the texts the detector sets aside as pitch, with a cue of their own or inside a read."""
    return {finding.index for finding in detect_pitch(texts)}


def rates(items: list[Labelled]) -> tuple[float, float]:
    pitches = [item for item in items if item.is_pitch]
    innocent = [item for item in items if not item.is_pitch]
    recall = sum(bool(find_pitch_cues(item.text)) for item in pitches) / len(pitches)
    false_refusals = sum(bool(find_pitch_cues(item.text)) for item in innocent) / len(innocent)
    return recall, false_refusals


def test_the_measured_set_is_big_enough_and_split_in_halves() -> None:
    items = measured_set()
    for split in ("dev", "held-out"):
        part = [item for item in items if item.split == split]
        assert sum(item.is_pitch for item in part) >= 30
        assert sum(not item.is_pitch for item in part) >= 30


def test_held_out_recall_and_false_refusals() -> None:
    recall, false_refusals = rates([item for item in measured_set() if item.split == "held-out"])

    assert recall >= 0.95
    assert false_refusals <= 0.05


def test_every_sentence_the_rules_were_written_against_is_read_right() -> None:
    # Mentions of what a seller offers are no offer ("We killed the free trial and conversions went up", "Our
    # customers book a demo only after...": said about someone, not to the listener), and the plugs that rules
    # were widened for (a paid workshop, a hiring plug, a donation ask) stay caught.
    wrong = [
        item.text
        for item in measured_set()
        if item.split == "dev" and bool(find_pitch_cues(item.text)) != item.is_pitch
    ]

    assert wrong == []


def test_on_phrasings_nobody_wrote_rules_for_nothing_innocent_is_refused() -> None:
    # The fresh split measures how far the rules carry beyond what they were written against. Its recall is low
    # (each batch so far: 2 of 20, 15 of 30, 16 of 50; the batch of 6 December 28 of 60 when read, 31 after the
    # rules were widened against the batches before it, 32 after the thirty-eighth round's plugs: soft
    # self-promotion is phrased too many ways for a
    # vocabulary, docs/evaluation.md; the engines' promotion direction is the second opinion); the floor only
    # records it, so that a change narrowing the rules shows. False refusals hold at the target.
    recall, false_refusals = rates([item for item in measured_set() if item.split == "fresh"])

    assert recall >= 0.3
    assert false_refusals <= 0.05


def test_the_guard_reads_the_same_vocabulary_on_the_held_out_half() -> None:
    held_out = [item for item in measured_set() if item.split != "dev"]
    for item in held_out:
        assert bool(find_promotional_tells(item.text)) == bool(find_pitch_cues(item.text)), item.text


@pytest.mark.parametrize(
    ("text", "kind", "matched"),
    [
        ("Thanks to our sponsor, Cobalt Cloud.", PitchKind.sponsor_read, "our sponsor"),
        # What the speaker has just finished for the listeners who asked (a furniture maker's podcast nobody here had
        # written, as Whisper heard it).
        (
            "And yes, I finally finished the price in class.",
            PitchKind.product_promotion,
            "I finally finished the price in class",
        ),
        # A plug announced, and where its details are (a webinar nobody here had written, as Whisper heard it).
        ("Just a wee plug, if I may, I run an antenna day twice a year.", PitchKind.call_to_action, "wee plug"),
        ("And, uh, shamelessly, I write a little weekly newsletter.", PitchKind.call_to_action, "shamelessly"),
        ("All the details are on my blog, Hamish on the Hill.", PitchKind.call_to_action, "details are on my blog"),
        # What the speaker made, up on their site or priced there, and a membership's first year at half price (a
        # webinar and a panel nobody here had written, thirty-ninth round).
        (
            "Eyes on the Water has our drill sheets, and it's up on my website.",
            PitchKind.call_to_action,
            "it's up on my website",
        ),
        (
            "It's 12 pounds on our website, and every penny goes to the phone bill.",
            PitchKind.call_to_action,
            "It's 12 pounds on our website",
        ),
        (
            "Joining gets you the group rate, and the first year is half price.",
            PitchKind.offer,
            "first year is half price",
        ),
        # An ad read by the show's name, its offer said as a name to mention, and the gift the host discloses (a
        # litter-picking podcast nobody here had written, thirty-ninth round, as Whisper heard it).
        ("So the shows kept alive by Big Well,", PitchKind.sponsor_read, "shows kept alive by"),
        (
            "If you run a group, they'll do a bulk price on 10 or more, just mention curbside when you email them.",
            PitchKind.promo_code,
            "just mention curbside when you email",
        ),
        ("And, full disclosure, they sent me one.", PitchKind.sponsor_read, "full disclosure, they sent me"),
        # A book the speaker wrote it up in, a sponsor credited with the room's coffee, its offer at a table by the
        # door, and a speaker's course offered to whoever wants what it teaches (webinars and a panel nobody here had
        # written, fortieth round).
        (
            "I'm written all on this up in a little book called Running the Band, it's about the price of two pints.",
            PitchKind.product_promotion,
            "I'm written all on this up in a little book called",
        ),
        (
            "The coffee you're all holding came courtesy on Moldheim, the shredding folks.",
            PitchKind.sponsor_read,
            "came courtesy on",
        ),
        (
            "They told me anyone who stops by today gets their first onsite shred day 3, so go say hi.",
            PitchKind.offer,
            "anyone who stops by today gets their first",
        ),
        (
            "If anyone wants the full field checklist we use, I run a two day hand on course every spring.",
            PitchKind.offer,
            "If anyone wants the full field checklist we use, I run a two day hand on course",
        ),
        # ... and an amount off for the listener (a mushroom growers' panel nobody here had written, read at the end of
        # the fortieth round: the sponsor's lead-in was caught, its offer was not, and stayed out of both rails only
        # because it ranked low).
        (
            "And they said, if you mention tonight's speed up at the counter, you get 10 pounds off any order over 50.",
            PitchKind.offer,
            "you get 10 pounds off",
        ),
        # ... and a course told with its next date or its cap (a plant room panel and an upholstery webinar nobody here
        # had written, measured on this round's code midway: both reached an article).
        (
            "I run a two day plant room operator course, hands on, and the next one's in Leeds on the 14th of May.",
            PitchKind.offer,
            "I run a two day plant room operator course, hands on, and the next one's in",
        ),
        (
            "I run a two-day beginners' class in my workroom in Leeds, six people max, and you go home with a seat.",
            PitchKind.offer,
            "I run a two-day beginners' class in my workroom in Leeds, six people max",
        ),
        # Scarcity said of the offer.
        ("Grab your seat for the next cohort before it sells out.", PitchKind.offer, "before it sells out"),
        ("Workshop seats always sell out, so book now.", PitchKind.offer, "seats always sell out"),
        ("Honestly, it'll sell out, it did last year.", PitchKind.offer, "it'll sell out"),
        # Found on transcripts written by helpers after the rules (docs/evaluation.md, thirty-fourth round).
        (
            "Before the Q and A I have to do my little bit for the folks who pay for this series, so bear with me.",
            PitchKind.sponsor_read,
            "folks who pay for this series",
        ),
        (
            "So this week's episode is possible because of the folks at fieldledger.",
            PitchKind.sponsor_read,
            "episode is possible because of",
        ),
        (
            "We put both up, it's free, back hallway dot vet slash schedule.",
            PitchKind.web_address,
            "hallway dot vet slash schedule",
        ),
        (
            "If that sounds like your town, my firm's Hollowbrook, and I'm not hard to find.",
            PitchKind.call_to_action,
            "I'm not hard to find",
        ),
        ("Find us at acme dot io slash start.", PitchKind.web_address, "acme dot io slash start"),
        ("Read more at https://example.com/more.", PitchKind.web_address, "https://example.com/more"),
        ("Use the code podcast 15 at the end.", PitchKind.promo_code, "Use the code podcast 15"),
        ("You save forty percent this week only.", PitchKind.offer, "save forty percent"),
        ("Book a call, the first session's on the house.", PitchKind.offer, "first session's on the house"),
        ("There's a code on this slide, and the first 20 people get the early price.", PitchKind.offer, "early price"),
        ("The first twenty listeners to sign up get a seat.", PitchKind.offer, "first twenty listeners to sign up get"),
        ("So, um, go ahead and book a demo with us.", PitchKind.call_to_action, "book a demo"),
        ("It's nine dollars a month for the whole team.", PitchKind.offer, "nine dollars"),
        ("Enrolment closes Friday.", PitchKind.offer, "Enrolment closes Friday"),
        (
            "Members get the early rate through the end of this month with the code BidSmart.",
            PitchKind.promo_code,
            "with the code BidSmart",
        ),
        ("And the link's going in the chat right now.", PitchKind.call_to_action, "link's going in the chat"),
        ("I write a newsletter called Bell Work.", PitchKind.product_promotion, "I write a newsletter called"),
        (
            "And I'm running a half-day workshop next month on turning webinars into courses.",
            PitchKind.offer,
            "I'm running a half-day workshop",
        ),
        ("Then there's a QR code on this slide.", PitchKind.call_to_action, "QR code"),
        ("Our team can configure all of it for you.", PitchKind.product_promotion, "Our team can configure"),
        # ... and named by the business it works at.
        (
            "My team at Keel and Kindred can set this up for you, usually in six weeks.",
            PitchKind.product_promotion,
            "My team at Keel and Kindred can set this up for you",
        ),
        ("We are the leading vendor in this space.", PitchKind.vendor_positioning, "We are the leading"),
        (
            "The templates are built into the software we make on the side, it's called Scopeline.",
            PitchKind.product_promotion,
            "software we make on the side, it's called",
        ),
        (
            "So my studio is Brightline, and we run a two-week brand sprint for exactly this.",
            PitchKind.product_promotion,
            "my studio is Brightline",
        ),
        (
            "Booking the room is a pain, which is the whole reason we started building Roomly, it's free to start.",
            PitchKind.product_promotion,
            "which is the whole reason we started building",
        ),
        # A panelist's course whose link is on her website (a museum collections panel nobody here had written: no
        # cue in it was read, though neither rail printed it).
        (
            "I run a paid six week course on planning, it's forty-nine dollars, and the link is on my website.",
            PitchKind.call_to_action,
            "link is on my website",
        ),
        # Eight batches nobody here had written (forty-second round), as Whisper heard them: cues no rule knew.
        ("So this episode's backed by Tailgate Insurance, who I use.", PitchKind.sponsor_read, "episode's backed by"),
        (
            "A big thank you to Dalesman Baits, who are paying for the hall and the tea tonight.",
            PitchKind.sponsor_read,
            "Baits, who are paying for the",
        ),
        (
            "You just tell them you're northwest chapter when you ring.",
            PitchKind.promo_code,
            "tell them you're northwest chapter when you ring",
        ),
        ("And anyone in the chapter gets 10% of hammer shanks.", PitchKind.offer, "anyone in the chapter gets 10%"),
        (
            "Remember, the wristband gets you that fifteen percent at their stand until Thursday.",
            PitchKind.offer,
            "gets you that fifteen percent at their",
        ),
        ("And they are doing a free draw for a complete cedar hive.", PitchKind.offer, "they are doing a free draw"),
        (
            "They're giving anyone who signs up at the show three months for nothing.",
            PitchKind.offer,
            "giving anyone who signs up at the show three months for nothing",
        ),
        ("And if your badge is scanned at their stand, you go into a draw.", PitchKind.offer, "you go into a draw"),
        ("Which, um, is my little sales moment, sorry.", PitchKind.call_to_action, "my little sales moment"),
        ("It normally costs 95 pounds, but not tonight.", PitchKind.offer, "It normally costs 95 pounds"),
        (
            "They told me to tell you that if you pop by the stand today, your first sample album is on them.",
            PitchKind.offer,
            "if you pop by the stand",
        ),
        ("It's £149, and then there's a group call every month.", PitchKind.offer, "It's £149"),
        ("It's a hundred and forty nine quid, and you can stop whenever.", PitchKind.offer, "forty nine quid"),
        (
            "I run training days at my yard in Leeds, it's one full day, a hundred and twenty five quid, I do lunch.",
            PitchKind.offer,
            "I run training days",
        ),
        ("For people who want to keep going, that's thirty quid a month.", PitchKind.offer, "thirty quid"),
        (
            "Which is partly why I built Palim Link, it's an app where growers put in their acreage.",
            PitchKind.product_promotion,
            "I built Palim Link, it's an app",
        ),
        (
            "And we sell the yarn, and the felting fiber on there too.",
            PitchKind.product_promotion,
            "we sell the yarn, and the felting fiber on there",
        ),
        (
            "I'm putting everything into an online course, it's called Callback Free, six hours of videos.",
            PitchKind.product_promotion,
            "putting everything into an online course",
        ),
    ],
)
def test_each_cue_says_what_and_why(text: str, kind: PitchKind, matched: str) -> None:
    cues = find_pitch_cues(text)

    assert any(cue.kind is kind and matched in cue.matched for cue in cues), cues
    assert all(cue.reason and text[cue.start : cue.end] == cue.matched for cue in cues)


@pytest.mark.parametrize(
    "text",
    [
        # A vendor speaking candidly about its own product is telling a story, not selling.
        "Our app crashed every time you opened it on a train.",
        "Our platform was slow and you could see it in the churn numbers.",
        "Our new feature flopped and we learned why.",
        "We're the best at hiding our own mistakes.",
        # What a webinar host says between ideas.
        "Let's get started.",
        "Thanks everyone for joining today's webinar.",
        "Feel free to drop your questions in the chat.",
        "Our friends at the hospital told us the forms were the problem.",
        "Start a trial run of the new process with one team.",
        "We shipped it with the code review process we already had.",
        "We put QR codes on every box so the warehouse can track it.",
        "I write a newsletter for the whole team every Friday, and nobody reads past the first line.",
        "We ran a workshop with the sales team and it changed how they qualify.",
        "I'd encourage you to read the transcript of your last call.",
        "Get your team in a room and map the journey.",
        "The first 20 customers got a kickoff call from the founder.",
        "We shipped the early version to five teams.",
        # A method or an in-house tool the speaker named is not for sale.
        "We built a checklist for every bid, it's called the three-question test.",
        "The app we built in-house for the warehouse, it's called Picker, and nobody outside uses it.",
        "My company is growing fast and nobody knows who owns onboarding.",
        "Our firm is Dutch, so we learned to localize early.",
        "The whole reason I built the spreadsheet was that nobody trusted the old numbers.",
        "Losing the Friday dispatcher was the reason we built a second shift, not software.",
        # Something given away that is not the speaker's offer.
        "The drinks were on the house after the offsite, and the team still talks about it.",
        # A price told as what happened is a fact of the story.
        "We added a chase fee of fifty dollars a month, and receipts started arriving on time.",
        "We moved from 29 dollars a month to 49 dollars a month and churn did not move.",
        # Finishing work is not selling it.
        "We finally finished the kitchen, and the client cried.",
        "I just finished a course on bookkeeping and it changed how I price.",
        # A shop that sells out of what it made tells how its day goes (a bakery podcast nobody here had written).
        "So now we close at two, we sell out instead of throwing out, and my payroll dropped.",
        "The croissants always sell out by nine on a Saturday.",
        # A link on a website spoken of, not pointed at.
        "The link on our website was broken for a month, and nobody called to tell us.",
        # A trade's plug, an instruction that says what to send, and details that are on no page of the speaker's.
        "You tap a small plug of wood into the hole and nobody ever sees the screw.",
        "If the dehumidifier trips the breaker, just email us the photo and we'll tell the tenant what to do.",
        "The details are on page four of the lease, and nobody ever reads page four.",
        "We let families pay what they can for the bus pass, and nobody has ever abused it.",
        "Our opening hours are on the website, but people still ring the landline at six in the morning.",
        "The first year was half price for us too, because the landlord wanted the unit let before winter.",
        "Full disclosure, I was terrible at this for my first two years, and the volunteers knew it.",
        "Mention the allergy when you book, and the kitchen plans the whole table around it.",
        # Prices the speaker pays or charged, and offers that were the business's own practice (forty-second round).
        "It costs us about a hundred and twenty pounds a session, and she fixed the bowings in ninety minutes.",
        "And we kept fees at thirty-two pounds a month when the club down the road went up to forty-five.",
        "A trained person with a clipboard gets you ninety percent of the way there.",
        "We built Picker for the warehouse, and nobody outside uses it.",
        "We sell the seconds through the shop on Saturdays, and nothing goes in the skip.",
    ],
)
def test_talk_that_only_sounds_commercial_is_not_a_pitch(text: str) -> None:
    assert find_pitch_cues(text) == []


def test_an_ad_read_is_one_block_from_its_lead_in_until_the_talk_resumes() -> None:
    texts = [*TALK_BEFORE, *AD_READ, *TALK_AFTER]

    findings = detect_pitch(texts)

    first, last = len(TALK_BEFORE), len(TALK_BEFORE) + len(AD_READ) - 1
    assert {finding.index for finding in findings} == set(range(first, last + 1))
    # The sentence with no cue of its own is there because it sits inside the read.
    assert [f.kind for f in findings if f.index == first + 2] == [PitchKind.ad_block]
    assert [f.kind for f in findings if f.index == first + 1] == [PitchKind.ad_block]


def test_what_the_listener_gets_right_after_being_sent_somewhere_is_part_of_the_pitch() -> None:
    texts = [
        "Head over to our website, that's quarterly dot io.",
        "You'll find every template we talked about there, free for a month.",
        "You can argue with the numbers, but the pattern held in every quarter we looked at.",
    ]

    # The line after the address says what the listener gets there; the one after that is talk again.
    assert flagged(texts) == {0, 1}
    # Without an ask before it, a sentence to "you" is talk.
    assert detect_pitch(texts[1:2] + texts[2:]) == []


def test_what_the_listener_would_want_it_for_right_before_being_sent_somewhere_is_part_of_the_pitch() -> None:
    texts = [
        "Okay, interesting, thank you.",
        "And again, if you want the templates for all this, they're in the course.",
        "Link's in the chat.",
        "Thank you, that was really useful.",
    ]

    assert flagged(texts) == {1, 2}
    # A condition told as advice, with no one sent anywhere after it, is talk.
    advice = ["If you want customers to stay, call them in the first week.", *texts[3:]]
    assert detect_pitch(advice) == []


def test_the_business_an_ask_on_so_follows_from_is_part_of_the_pitch() -> None:
    # A sampling talk nobody here had written; Whisper split the plug in two and misheard its first half.
    texts = [
        "Oh, and I left the utility about a year ago.",
        "I knew this from my own firm how, with field field services.",
        "So if your utility wants help setting up a sampling plan, come find me after, I've got cards.",
        "Thank you, we have time for one more question.",
    ]

    assert flagged(texts) == {1, 2}
    # A story about one's own firm with no ask after it is talk, and so is an ask that does not follow from it.
    assert detect_pitch(texts[:2]) == []
    unrelated = [texts[1], "If you want the checklist, come find me after.", texts[3]]
    assert flagged(unrelated) == {1}


def test_the_course_a_price_and_address_are_for_and_the_hurry_after_them_are_part_of_the_pitch() -> None:
    # A grant-writing webinar nobody here had written: Whisper misheard the code and "capped" ("kept"), so only the
    # address was a cue, and "The next group starts April 2nd" named a pillar of the article.
    texts = [
        "Yeah, so, just quickly, if this was useful.",
        "I run a six week course called Grant Ready, where we write a real proposal together, start to finish.",
        "It's $349, and if you use the code where in R50 you get $50 off, that's at grantready.org.",
        "The next group starts April 2nd, and it's kept at 20 people, so um, don't wait too long.",
        "Wonderful, thank you so much, the recording will go out by email tomorrow.",
    ]

    assert flagged(texts) == {1, 2, 3}
    # A program the speaker runs, with nobody sent anywhere after it, is their story; so is a class that starts.
    story = [
        "We run a six week onboarding program called First Steps for every new caseworker.",
        "The next group starts in April, and honestly the first group taught us more than we taught them.",
    ]
    assert detect_pitch(story) == []


def test_a_self_promotion_at_the_end_of_a_talk_is_one_block_however_it_is_phrased() -> None:
    # Three webinars nobody here had written (thirty-eighth round), as Whisper heard them: each plug's last sentence
    # reached the framework article, since only one of its sentences had a cue.
    guide = [
        "So, you know, humility comes early in this job.",
        "Before we go, really quickly, we're running our five day coastal leader course out and turning in May.",
        "There are, I think, six spots left and Ben's plugging the link in the chat right now.",
        "And if you already guide for another outfit, just email me, we do a reduced rate for working guides.",
        "I don't want money to leave a reason you don't come.",
        "And one more plug from me if you're out of member of the network yet, it's forty dollars a year.",
    ]
    workbook = [
        "Practice in the car.",
        "And, uh, if you want more at least, I put together a little workbook, it's called the first 90 days.",
        "It's on our website, pay what you can, suggested 12 bucks, and every cent goes to the furniture fund.",
        "Next one in two weeks, it's on a school enrollment, so bring your questions.",
    ]
    antenna_day = [
        "So, you know, check your own house before you write to the neighbors.",
        "Just a wee plug, if I may, I run an antenna day twice a year out at the club hut.",
        "Next one's the 14th of June, and that includes the wire and a bacon roll.",
        "All the details are on my blog, and you can sign up there, there's about 12 spaces left last I checked.",
        "Thanks for having me, and um, see some of you on Tuesday.",
    ]

    assert flagged(guide) == {1, 2, 3, 4, 5}
    assert flagged(workbook) == {1, 2}
    assert flagged(antenna_day) == {1, 2, 3}
    # A swim school's webinar and a bike tour podcast (same round): the course the speaker put their setup into, and
    # the sponsor's offer to whoever says the show sent them.
    swim_course = [
        "Our front desk stopped losing two weeks on every term.",
        "I've put the whole make-up credit setup, the parent emails, into a short online course called the Playbook.",
        "And anyone who stuck around gets the first two modules free, Lauren's dropping the link in the chat.",
    ]
    assert flagged(swim_course) == {1, 2}
    assert any(
        cue.matched == "tell them Jen from Off the Back sent you"
        for cue in find_pitch_cues("If you want to try it, just tell them Jen from Off the Back sent you, no charge.")
    )
    # ... even when Whisper heard the name and not the "sent you": what the sponsor does for the listener, for nothing.
    misheard = (
        "If you run trips and want to try it, just tell M Gen from off the Macs and you, and they'll set up your "
    )
    assert find_pitch_cues(misheard + "first season of departures for you, no charge.")
    assert not find_pitch_cues("We redid the whole wall without charging, and that farmer sent us four more jobs.")


def test_the_speaker_s_own_offer_is_one_block_from_where_it_is_named_to_its_price_and_address() -> None:
    # A driving instructors' webinar and a family cargo bike workshop nobody here had written (forty-second round), as
    # Whisper heard them: the membership and the course reached the lead magnet and the article, because the
    # sentences that named them came a sentence before the price, or a long line sat between the price and the
    # address.
    membership = [
        "Go for it.",
        "So a few years ago I started a little membership for instructors called the passenger seat club.",
        "It's mostly new ADIs, and it's got my mock test marking sheets, and a live call with me once a month.",
        "It's 14 pounds a month, and for anyone on tonight, your first month is free, it's on passengerseatclub.co.uk.",
        "Tracey, thank you, that was brilliant, and good luck with the snow.",
    ]
    course = [
        "Yes, thank you, I'll be quick.",
        "So all of tonight is basically the first part of what I teach in my confident cargo course, small groups.",
        "It's £120 per family for the four weeks, and the sandbags are included.",
        "And if you haven't bought a bike yet, I've got two loan bikes, so you can borrow one for a fortnight after "
        "the course and see if it actually works for your school run before you spend five grand.",
        "The next group starts on the 8th of February, and you can book on my website, niamrides.co.uk.",
        "Thank you so much, this has been brilliant.",
    ]

    assert flagged(membership) == {1, 2, 3}
    assert flagged(course) == {1, 2, 3, 4}
    # The second wave, measured after the first wave's fixes: a dog walker's course put together "into an online
    # course for people starting out", a fleet adviser's visit ("What I do is a one day visit"), each priced in a
    # sentence that does not open on the price, then pointed at.
    walkers = [
        "This is me being a saleswoman for a minute, which I'm terrible at.",
        "So I put everything I've talked about tonight, and a lot more, into an online course for people starting "
        "out as walkers, it's called Walk This Way, six short modules.",
        "It's got my actual client letter for the price rise and the standing order form, you can just copy them.",
        "It normally costs 95 pounds, but for anyone who's here tonight, the link in the chat takes 20 off.",
        "Right, that's us, Jo, thank you.",
    ]
    assert flagged(walkers) == {1, 2, 3}
    fleet = [
        "Yeah, so since I left the trust last year, I've been doing this for other schools.",
        "What I do is a one day visit, I go through your licences, your defect books and your mileage, and you get a "
        "written report with the list of what to fix first.",
        "For schools in this network it's 450 pounds for the day, and that includes the spreadsheet templates.",
        "My email's on the last slide, fleetsense.co.uk, just drop me a line and mention this session.",
        "Lovely, thank you, and the recording will be in your inbox by Friday.",
    ]
    assert flagged(fleet) == {1, 2, 3}
    # A held-out indie game QA panel, as this round's machine heard it ("building Firstlook" as "wielding first"):
    # CI's report guarantee failed on it, since neither sentence before the stickers carried a cue.
    tester = [
        "So my rule is no one plays more than twice, they're basically on the team.",
        "And, um, finding a constant supply I have no stranger in my pain, which is the whole reason I started "
        "wielding first.",
        "Look, it matches you with players, who have never seen your game and records the session, and it's free if "
        "you're under 5 people.",
        "So, you know, come find me after, I got stickers.",
        "Stickers, okay, let's take a question from the room.",
    ]
    assert flagged(tester) == {1, 2, 3}
    # Dev recordings as this round's machine heard them (each published a pitch sentence on it): a free training log
    # two sentences before its address, a guide priced "15 bucks on my website", a course with places still open.
    recall_log = [
        "Let me stop sharing.",
        "And before you go, I made a free recall training log.",
        "It's a one-page PDF where you tick off your reps each day.",
        "You can download it at jotrains.com slash recall.",
    ]
    assert flagged(recall_log) == {1, 2, 3}
    guide = [
        "Okay, we're out of the hour. Oh, one quick thing.",
        "Sorry, I put the timing sheet and my turf calendar into a little guide.",
        "It's called Putt Math, 15 bucks on my website, and I answer every email about it.",
        "Next month is all about birthday parties.",
    ]
    assert flagged(guide) == {1, 2}
    assert find_pitch_cues("It's in June, up in the hills, and there are still a few places, come and find me.")
    assert find_pitch_cues("Use the code back room 15 for 15% of your first year.")
    # An orchard pollination panel's app, named with a cue of its own, then priced, then given its address.
    app = [
        "Which is partly why I built Palim Link, it's an app where growers put in their acreage and bloom dates.",
        "It costs the keepers nothing, growers pay a small fee per booking, and the standard contract has the six "
        "frame clause built in, with their blessing.",
        "If anyone wants to see it, I'm around until 5, or it's pollenlink.co.uk.",
        "Very smoothly done, Tom.",
    ]
    assert flagged(app) == {0, 1, 2}
    # Without a price or an address after it, a membership the speaker started is their story.
    assert detect_pitch(membership[1:3]) == []
    # A practice the speaker started a few sentences before an address is not what the address sells.
    practice = [
        "Since we started doing all three, first ninety day quits went from about half to under one in five.",
        "Okay, that's the meat of it. Before questions, one quick thing.",
        "The templates are at carefirst.org.",
    ]
    assert flagged(practice) == {2}


def test_a_course_read_runs_from_its_name_through_its_bonus_and_workshop_to_its_address() -> None:
    # A piercing studio webinar and a pottery teacher's pricing talk nobody here had written (forty-third round), as
    # Whisper heard them: the price was heard as "pre-intifile", so the course named three lines before the address
    # had no cue of its own, and a weekend workshop with "12 seats" reached the framework article.
    piercing = [
        "Hannah, I know you've got something you wanted to mention.",
        "Yes, thank you.",
        "So I built a course called McWiret Studio, it's a short module mine, and it's not the actual templates.",
        "The stock list, the cycle log, the consult form we use.",
        "It's pre-intifile, and the first 50 people who sign up also get a one hour call with me to go through their "
        "own setup.",
        "Which, I'll be honest, is the part people like most.",
        "And for anyone local, or anyone who wants an excuse to come free in Minnesota, I'm running on in person we "
        "can't workshop here at the studio in April, there's 12 seats.",
        "Everything that castropearsing.com slash quiet, and then I think we send people here get a little something "
        "off.",
        "Okay, one last quick question from the queue, do you use a different time for each year?",
    ]
    assert flagged(piercing) == {2, 3, 4, 5, 6, 7}
    # The course named with four words between it and "called", and, earlier, promised for the end of the talk; the
    # line that announces it now, "let me tell you about the course I mentioned", is read back with it (a script line
    # marked pitch, left out until the introduction could run over two sentences).
    pottery = [
        "Okay, we're at about 5 minutes left, so let me just let me tell you about the course I mentioned.",
        "So I run a six week online course for two developers called two developers, it's small groups, about 12 "
        "people, and we go through your own class pricing, your clay and firing costs, all of it.",
        "The next group starts March 4th, it's 600 dollars, and if you were here today you can join for 500, I'll put "
        "the link in the chat.",
        "Okay, I think that's it.",
    ]
    assert flagged(pottery) == {0, 1, 2}
    assert find_pitch_cues(
        "One of the things we build together, which is the course I run, I'll talk about it more at the end."
    )
    assert find_pitch_cues("I'm running a one-day session at the Headingley shop on the twentieth of July.")
    # A bonus for the first to sign up is an offer; the first customers of a story are not.
    assert not find_pitch_cues("The first 50 people who signed up churned within a month.")
    assert not find_pitch_cues("Our first ten paying customers, every one of them is still with us.")
    assert not find_pitch_cues("We're running a weekly session for new volunteers and it fills up.")


def test_a_plug_the_host_allowed_runs_to_its_price_and_the_course_mentioned_before_is_named_again() -> None:
    # The same round's second wave, measured after the fixes above: a theatre panel's scenery hire ("Gillian said I
    # could mention this") and a scenic painter's course and kits ("So in the course I mentioned, it's called ...")
    # reached the framework article, each with no cue until its price or address.
    barn = [
        "Canvas does not survive a youth production.",
        "And, um, Gillian said I could mention this, if you don't fancy building your own, that's what the man's for.",
        "We hire out standard flats and roster to other societies.",
        "It's hard scenic higher, we're on Facebook, or just ring the barn, the numbers on the yellow leaflet on your "
        "chairs.",
        "It's 8 pounds of flat for the week, and if you're in the network I'll knock a bit off, I'm not a monster.",
    ]
    assert flagged(barn) == {1, 2, 3, 4}
    painter = [
        "Ah, okay, we got a couple of minutes left, anything else before we wrap?",
        "So in the course I mentioned, it's called Paint for the Map Row, it's six short videos you can watch "
        "whenever, and it's 45 pounds for the whole thing.",
        "I'm also started putting together sample board kits, a few pre-primed boards, a set on proper brushes, and a "
        "little card on mixing recipes, and no not 28 pounds plus postage.",
        "Both are on my website, scenicnotco.uk, and I think you said you'd pop the link in the chat for me.",
        "Yep, it's in there now, and anyone, who was here tonight can email her and she'll throw a free sample board "
        "in.",
    ]
    assert flagged(painter) == {1, 2, 3, 4}
    # ... and a vet practice panelist's side business, begged pardon for ("cheeky one") and offered to the room.
    front_desk = [
        "Priya, count your calls for one week, just put a sheet by the phone, you will be horrified.",
        "And, sorry, cheeky one, this is actually what I do on my name off now, I started a little I'd been a spoiled "
        "front desk fix where I go into practices and sought out their phones and rotors.",
        "I got cards on the table here and for anyone in this room the first half may visit won't cost you anything, "
        "just come and grab me at the break.",
        "Very smooth.",
    ]
    assert flagged(front_desk) == {1, 2}
    assert not find_pitch_cues("That was a cheeky one, and the whole room laughed at the second slide.")
    # ... and a language school owner's group, "I'm running" it, with the doubt answered after its link.
    group = [
        "You asked me about it last time.",
        "I'm running a small online group for school owners called the retention room, it's six weeks, one call a "
        "week, and together we actually set up these three things in your own school.",
        "There are 12 places, it starts on the third on February, it's 300 and 90 euros, and I'll drop the link in "
        "the chat and in the follow up email.",
        "And if you're not sure it's for you, just reply to my email and tell me about your school, and I'll tell you "
        "honestly if it's not a good fit.",
        "Okay, thank you so much, everyone.",
    ]
    assert flagged(group) == {1, 2, 3}
    # ... and a food truck panelist's generator hire, named as the business a sideline "turned into" (published once
    # the panel's occasion lines stopped outranking it).
    generators = [
        "Derek is on the payroll.",
        "Since we're all talking about generators, me and my brother-in-law started renting out quiet inverter "
        "generators to other trucks, because we have a couple sitting in the yard, and that's turned into a business "
        "called Humphrey Power.",
        "We deliver them all around Puget Sound, and if anyone here books one for a weekend event, come find me after, "
        "I'll knock the delivery charge off for you.",
        "Very subtle, Tom, okay, we have a few minutes for questions.",
    ]
    assert flagged(generators) == {1, 2}
    # ... and two dev recordings as this machine heard them, measured for the first time this round: a plug whose price
    # and site were misheard ("$20 on my side") but which the speaker closed ("Okay, plug over."), and a day course
    # whose places and booking site came after a "shameless" heard as "shameless learn".
    jury = [
        "Great, we nearly had time, then, anything else you want to say?",
        "Uh, yeah, a small plug, if that's okay.",
        "I put together a little toolkit with me before, and after some, the text wording, and the stand-by script, "
        "it's $20 on my side, you're already not all.",
        "And I also run a half-day workshop for jewelry offices, the next ones in May, it's on the same side.",
        "Okay, plug over.",
    ]
    assert flagged(jury) == {1, 2, 3, 4}
    flowers = [
        "Oh, um, yes. Actually, shameless learn.",
        "I'm running a day course at the farm on the 12th of May.",
        "All them out setting up are some description, the pricing, the sewing calendar, the lot.",
        "As them out six places left, you can book on the little fellow flowers website.",
        "I can vouch for the cake.",
    ]
    assert flagged(flowers) == {1, 2, 3}
    # Who was there, told as what happened, is no offer.
    assert not find_pitch_cues("Everyone who was here last spring can tell you the roof leaked on the second night.")


def test_the_forty_fourth_rounds_plugs_from_the_floor_are_caught_from_their_opening_line() -> None:
    # A pharmacy panel, a scaffolding forum, a cheesemaking workshop and a dance studio panel nobody here had written
    # (forty-fourth round), as Whisper heard them; the framework article carried a line of each.
    pharmacy = [
        "And, uh, I'll just say, because Rachel made me promise not to be shy, I actually help other stores set that "
        "whole thing up now, it's aside business, kill inventory partners.",
        "I do that one day with it, I go through your shelves with you and build a report, and I got cards up here, "
        "if anybody wants to grab me after.",
        "Okay, last question from me, one sentence each, what would you tell somebody who just bought their first "
        "store?",
    ]
    assert flagged(pharmacy) == {0, 1}
    yard = [
        "If the lot leaves, I phone the charge a hand and ask them why.",
        "And, uh, while I got the microphone, we actually opened our own We train and yard out and come an old, so if "
        "any of you want your apprentices through their part one with us, come and grab me after.",
        "We still got places on the January antique, and we'll do a review straight for any money from this forum, "
        "I'll leave a pile of cards on the table there.",
    ]
    assert flagged(yard) == {1, 2}
    # The host's invitation to say how folks can hire the speaker (Whisper: "how they can and work with you"), the
    # answer's long first line, a price, copies for sale and where to write, closed as "my sales bit".
    make_room = [
        "Okay, we got him out 10 minutes left. Carol, do you want to tell folks how they can and work with you?",
        "Sure, so if any of this made you a bit nervous, that's kind of my whole job now, I come out and do a "
        "half-day walk through your make room and your ageing room.",
        "For farms in discounted it's a flat 450 dollars plus mileage, and you get a written swamp map and a cleaning "
        "plan you can hand to whoever's working for you.",
        "I'm also put all my own templates into a mind, a swamp rotation sheet, the cleaning logs, The letter you "
        "send with your land samples, and I got a few copies here at $60 if you want to take one phone today.",
        "And my email is on the handout on past around, so just write to me, I answer everything, usually late at "
        "night.",
        "Okay, that's my sales bit, none.",
    ]
    assert flagged(make_room) == {0, 1, 2, 3, 4, 5}
    # A retreat run every July, said a line before its price.
    retreat = [
        "Walt, you look like you can last words!",
        "Well, since you asked, I run a tap, teachers retreat every July, four days in parking hills.",
        "We do technique in the morning, and business stuff in the afternoon, and there's a pontoon boat.",
        "It's about $1200 with the cabin, there's still something like 10 parts, and if you find me after this I'll "
        "knock a hundred off for anybody, who was in this room.",
    ]
    assert flagged(retreat) == {1, 2, 3}
    # A sponsor's read goes on with what "they are doing" for the listener, and the sponsor's free look comes with no
    # obligation.
    fittings = [
        "Before we start, this afternoon is sponsored by Drac and Ridge fittings, who you'll have seen on the stand.",
        "They are doing free delivery on any tube, and fittings are replaced this week, if you tell Then you were at "
        "the forum, and Martin on the stand will prize you up there, and then.",
        "Right, panelists.",
    ]
    assert flagged(fittings) == {0, 1}
    assert find_pitch_cues(
        "They told me anyone, who stops by today can get a free look at their returns program, and a quote on "
        "switching, no obligation."
    )
    assert find_pitch_cues("Just tell them you were at the forum when you ring.")
    # A roofing podcast's read, its "by" heard as "my": the show's being brought to you is the lead-in.
    measure = [
        "So this episode's brought to you my skyline measure, and I'm not just reading this.",
        "I'm actually used M for like 2 years out for my own bids.",
        "You put in an address, and usually within a couple hours you get the whole roof measured from a real photos, "
        "bitches, ridges, rallies, all of it.",
        "And I stopped climbing just to measure.",
        "If you go to skylinemeasure.com slash ridge and tell them you heard about it on the show, your first five "
        "reports are on the house.",
        "Ok, back to dawn. Sorry, you were saying, first date.",
    ]
    assert flagged(measure) == {0, 1, 2, 3, 4}
    # A roofers' meetup thanks who fed the room (the sentence cut at the name) and tells what "they're knocking" off.
    brisket = [
        "Before we start, a big thank you to plain roofing supply.",
        "Who paid for the biscuit you all just ate.",
        "So go say hi to the guy at their table on your way out, and they asked me to tell you they're knocking ten "
        "percent of synthetic underlayment, and rigged meant through the end of April.",
        "You just tell the counter you were at the spring meetup.",
        "Okay, so, our panel, we were supposed to ten four, we have three.",
    ]
    assert flagged(brisket) == {1, 2, 3}
    # An author's course offered to whoever wants help reads on to its address, four lines later.
    course = [
        "If you want to actually go and do all of this, with some help, I run a course.",
        "It's a six week thing called newsletter loans, it's small, about 30 people around, and we build your welcome "
        "emails, your Mac matter bonus, and your reader team form together.",
        "I personally go through everybody's welcome sequence, and take it apart, kindly, and as a live call every "
        "week, where you can bring your numbers.",
        "The next round starts on the 6th of May, it's $240, since most of you are American, and the pages got a "
        "price book.com slash loans.",
        "Oh, ok, thank you, Cara, that was great.",
    ]
    assert flagged(course) == {0, 1, 2, 3}
    assert not find_pitch_cues("Who paid for the lunch? We did, out of the club's float.")
    assert not find_pitch_cues("My brother, who paid for the pizza, is still cross about it.")
    # Look-alikes: cards that are the audience's questions, a side business told of someone else's, a colleague
    # who works with you, a retreat told as what the team did, an obligation that is no offer.
    assert not find_pitch_cues("Okay, let's go to the room, we've got some cards here.")
    assert not find_pitch_cues("How do the nurses work with you on handover?")
    assert not find_pitch_cues("We ran a staff retreat every July until the money ran out.")
    assert not find_pitch_cues("You're under no obligation to tip, and most people still do.")
    assert not find_pitch_cues("My email is on fire every Monday morning.")


def test_the_forty_fourth_rounds_second_wave_reads_are_caught_from_lead_in_to_address() -> None:
    # A kitchen fitters' forum, an opticians' panel, a mobile mechanics' panel and workshop and a falconer's business
    # workshop nobody here had written (the forty-fourth round's second wave), as Whisper heard them; each published
    # a line of a read, measured on the code after the first wave's fixes.
    fitters = [
        "Neuron's Tand Forty to just past the cafe, and Nate Old me and him on it, who goes over this morning, and "
        "mentions the panel gets their templating visit free on the first order.",
        "A few on you have asked me about this, so I run hands on training days at my unit in Sheffield for new "
        "fitters and small firms, worked up joints, scribing all that.",
        "There's a sheet on the heart and stand with the fades, it's 120 quid for the day with lunch, and if you work "
        "before Christmas I'll knock 20 off.",
        "Shameless pain, absolutely shameless.",
        "Right, final thought from each of you, one sentence, go.",
    ]
    assert flagged(fitters) == {0, 1, 2}
    opticians = [
        "Before we start, I have to, uh, do the thing, where I thank the people who bought the coffee.",
        "This session is brought to you my keystone up, tickle them out of brand rapids.",
        "They got a table right outside the door with the god pastries, and if you open an account this month, "
        "they'll cover your first hundred drums shipping, so go say hi to Brenda.",
        "Okay, let's go down the line.",
    ]
    assert flagged(opticians) == {0, 1, 2}
    frames = [
        "The owner usually knows their top 20 frames by heart, and has no idea what the bottom 500 are doing.",
        "And since Rachel said I could, I do a free frame board review for any independent here.",
        "You send me your turn report, and I'll send Mark a kill list in a week.",
        "It's Kessler Practice Partners, I've got cards right here, or just find me at the keystone table later.",
    ]
    assert flagged(frames) == {1, 2, 3}
    mechanics = [
        "Before we start, I do have to do my little bit for the folks, who are paying for the coffee.",
        "This panel is sponsored by Torcline, they make the invoicing and scheduling app a lot of you have been "
        "poking at over at move 42.",
        "If you don't mind the move today they are doing a free 90 day trial instead of the usual 30.",
        "And they got, I'm told, actual coffee, not the hotel stuff, so swing by.",
        "Okay, so we have, we're supposed to have four panelists and we got three.",
    ]
    assert flagged(mechanics) == {0, 1, 2, 3}
    spreadsheet = [
        "So honestly, mine is pricing.",
        "And I'll keep it short, because I'm, I'm slightly shameless about this one.",
        "I used to price off the top of my head, and I was under charge and on basically everything.",
        "So I built a price and print sheet for myself, and I sell it out, it's on my website, renameomile.co.uk",
    ]
    assert flagged(spreadsheet) == {1, 2, 3}
    # A course promised for later ("I said I'd tell you about my thing"), its bare price ("it's 297") and when its
    # next group starts, read on to the address.
    van = [
        "Okay, so I said I'd tell you about my thing, here's my thing, a lot on you can ask to be over the last year "
        "to put all this in one place, so I built a course, it's called right away ready.",
        "It's six modules, man's head up, safety, pricing, working, dealing with customers, and one on the money side "
        "that my accountant held me with, and it's 297.",
        "The next group starts September 9, and we do a live call every week, so it's not just videos, you actually "
        "get to ask me stuff and I look at your quotes.",
        "And if you're already running and you just want some of it and look at your men before you spend the money, "
        "I do well how a man lay out calls to, no more 100 and 50.",
        "Both of them are on call remanches.com and now it's gonna drop the link in the chat right now, right, babe.",
    ]
    assert flagged(van) == {0, 1, 2, 3, 4}
    # A course the speaker "put together", a line before its price.
    falconry = [
        "So a few of you have asked me over the years, if I'd write all this down properly, and I finally have.",
        "I've put together an online course, it's six short modules, pricing, contracts, insurance, working forms, "
        "and it's not the actual contract wording we use, including the winner bit, that you can just copy.",
        "It's £195, and the next group starts on the 14th of October, and then a little private group.",
    ]
    assert flagged(falconry) == {1, 2}
    # Look-alikes: advice that says not to wait, a knock that is no discount, a mention that is no code, a promise
    # kept in a story.
    closing = [
        "Rachel made me promise not to be shy, so I've got cards up here if anybody wants to grab me after.",
        "He does, he's very good.",
        "Okay, last question from me, one sentence each, what would you tell somebody who just bought their first "
        "store?",
        "Get a complete check and pay them more than you think you can afford.",
        "Don't wait for someone to tell you what you're reading.",
    ]
    assert flagged(closing) == {0}
    # The host vouching for the plug just made is part of it (the first wave's pharmacy panel, still published after
    # its plug was caught); the same words with no plug before them are a story of a hire.
    vouched = [
        "And, uh, I'll just say, because Rachel made me promise not to be shy, I actually help other stores set that "
        "whole thing up now.",
        "I do that one day with it, I go through your shelves with you and build a report, and I got cards up here.",
        "He does, he's very good, he came and yelled at my shelves last spring and I'd hire him again.",
        "Okay, last question from me, one sentence each, what would you tell somebody who just bought their first "
        "store?",
    ]
    assert flagged(vouched) == {0, 1, 2}
    assert flagged(vouched[2:]) == set()
    assert not find_pitch_cues("Honestly, if he does that again I will knock it off the wall.")
    # What the speaker paid at someone else's shop is no price of theirs: a kitchen fitter's job box ("they're about
    # 8 quid each from the big shed down the road"), cut to a pillar, had the article refused as a pitch.
    assert not find_pitch_cues("They're about 8 quid each from the big shed down the road.")
    assert find_pitch_cues("It's 12 pounds at the door, and kids get in free.")
    assert not find_pitch_cues("As promised, I'll tell you about my worst hire, and it was my own brother.")
    assert not find_pitch_cues("My brother, who paid for the pizza, is still cross about it.")


def test_the_held_out_third_waves_plugs_are_caught_from_their_lead_in() -> None:
    # An asbestos contractors' panel, a hotel laundry consultant's webinar and a vineyard's email workshop nobody here
    # had written (held out in the forty-fourth round, read in the forty-fifth), as Whisper heard them; each published
    # a line of a plug.
    asbestos = [
        "And a state inspector showed up once, scrolled through the folder on the Supervisor's phone, and was done in "
        "like 40 minutes, which never happens.",
        "And I'll be shameless for one second, we teach that whole photo routine in the Supervisor refresher at our "
        "carriage-raining centre.",
        "It's a one day class, and there's flyers on the table in the back.",
        "Anybody who signs up from this conference before the end on the month, bring your former along on the same "
        "ticket, no charge.",
        "So, yeah, that's my commercial.",
        "Thank you, Tomas, Norse point will be sending you a mail for competing airtime.",
    ]
    assert flagged(asbestos) == {1, 2, 3, 4}
    # The service told as "the main thing I do", its fee and its refund, a line before the course it is sold with.
    laundry = [
        "Okay, we've got about five minutes, so let me wrap up.",
        "The main thing I do is a contract in you, you send me your laundry contract, and three months of invoices, "
        "and I go through it line by line, and tell you where the money's leaking, flat fee on $1,500.",
        "Most hotels get met back in the first month, and if you don't find at least that much, I'll refund it, which "
        "I've had to do exactly once, for a very well-run little in inflagged stuff.",
        "I'm also running a small group course in May, six weeks, one call at week, I'm keeping it to 12 people.",
    ]
    assert flagged(laundry) == {1, 2, 3}
    # The course promised for the end of the talk is a plug where it is first named.
    assert find_pitch_cues(
        "I got a sought-on skeleton for those letters, which is one of the templates in my course, but I'll come back "
        "to that at the end, I promise I won't hang on about it."
    )
    # Look-alikes: what the speaker does on the job, a course someone else ran, shame and commercials told of.
    assert flagged(["The main thing I do is count the towels myself, every Monday.", "Then we talk."]) == set()
    assert not find_pitch_cues("In my first course at college we never talked about it, but I'll come back to that.")
    assert not find_pitch_cues("They'll be shameless about it, the big plants always are.")
    assert not find_pitch_cues("That's the commercial reality of a six-week contract.")


def test_the_forty_fifth_rounds_reads_are_caught_from_lead_in_to_the_hosts_last_word() -> None:
    # A Christmas tree grower's webinar, a skip hire forum and workshop, a cellar workshop and panel and a taxidermy
    # class nobody here had written (the forty-fifth round), as Whisper heard them; each published a line of a read.
    packet = [
        "And take the pictures.",
        "And, um, if anybody wants the actual paperwork, I put together the order form we use.",
        "The deposit terms.",
        "The grade photo sheet.",
        "The full packet.",
        "And it's for sale on our farm website for 100 and for the dollars.",
        "Bearcats got the link to the packet, I think, she can drop it in the chat.",
        "I got it, it's in the chat now, and Tom's letting everybody who came today have the packet for a hundred "
        "dollars through the end of the month.",
        "Tom, thank you, this was great.",
    ]
    assert flagged(packet) == set(range(1, 8))
    drivers = [
        "What I mostly see is firms that treat drivers as the cost to squeeze, and then they bring me every six weeks "
        "for another one, which, to be fair, keeps my light on, so I shouldn't long too much.",
        "But, cheeky bit, if you're short right now, we've got eleven drivers finishing their class two with us this "
        "month, and every one of them has done a full week on a skip longer, not just a rigid.",
        "Come and grab me at the break, or it's curbside academy.co.uk, and for foreign members we weigh the placement "
        "fee, if a driver walks in the first three months.",
        "Thank you, Mark, subtle remember, I was told I had 30 seconds, I took 20.",
    ]
    assert flagged(drivers) == {1, 2}
    reviews = [
        "Okay, so, um, before I hand back, Jonathan said I could mention what I do now, so I'll keep it short.",
        "Since we sorted our own site out I've been doing site reviews for other small transfer stations, I come and "
        "spend a day on your yard, I walk the tipping floor, I go through your tickets with you, and you get a return "
        "plan a week later.",
        "It's a flat 1200 pounds plus my travel, I've got dates from July onwards, and anyone on this call, who books "
        "before the end of June gets the ticket and Alice is thrown in without paying extra.",
        "My email man for that price wasted my snotco.uk, I think Jonathan's putting it in the chat out.",
        "It's in the chat, and I'll put it in the follow up email with the recording as well.",
        "And for that, thank you, this was really, really practical, and thank the cat for her contribution.",
    ]
    assert flagged(reviews) == {0, 1, 2, 3, 4}
    settler = [
        "I need to know more about the ferret, but we are nearly at time.",
        "Can I just say one thing about what I'm doing now, prior, before we finish?",
        "Of course, go for it.",
        "So, since I left the brewery I put all of this, and a lot more, into an online course I call Settler School, "
        "it's a short video you can do on your phone, and your staff get a certificate at the end.",
        "It's 8.9 pounds per person, and for network members I knocked at down to 69, prears going to stick the link "
        "in the follow-up email.",
        "And if you rather I just came to you, I do half-base on site, I'll go through your Settler with your team, "
        "and you get Marmalade's regards, but not Marmalade.",
        "I'll put all of that in the email tomorrow, with the member price on it.",
        "Thank you so much, Linda, this was brilliant, and thank you to the number class for only freezing us ones.",
    ]
    assert flagged(settler) == set(range(1, 7))
    assert find_pitch_cues(
        "And since you've asked, and just said I'm allowed one, when you sign up with us for a year the first visit "
        "is a full cell check, temperatures, gas, every line, and we don't charge for it."
    )
    mice = [
        "Ha, okay, Miles, we've got about five minutes.",
        "Is there anything you wanted to mention before we wrap?",
        "Yes, if that's alright.",
        "So for anyone who can't get to Bristol, I'm filmed the whole beginner mouse class and a video course.",
        "It's about three hours, broken into short bits.",
        "And I'll post you my marks with everything in it, three feet of my sondry eyes, the tools I just listed, the "
        "wire, all of it, so you're not hunting around for bits, and the whole lot is 75 pounds with postage in the "
        "UK.",
        "It's on my website, ascumes2do.co.uk, and the in-person date's force ring are up there too.",
        "And miles very kindly send anyone on tonight's call get a 10 pounds off of the course, I'll put the details "
        "in the follow up email.",
    ]
    assert flagged(mice) == set(range(1, 8))
    # Sponsors named by what they pay for, however the host hedges.
    for lead_in in (
        "Quick thing before we get going, this episode's being paid for, well, partly paid for, by Kerbwise.",
        "Okay, let's take a quick breather, because I have to tell you about the folks who pay for my microphone.",
        "Alright, let me jump in real quick here and thank the folks who keep the lights on around here.",
    ):
        assert [cue.kind for cue in find_pitch_cues(lead_in)] == [PitchKind.sponsor_read]
    # Look-alikes: the speaker's own figures published on their site, a club's shared problem, a host's manners.
    assert not find_pitch_cues(
        "So now we work it out from the tickets on the first working day on every month, and it goes on our website, "
        "good month, or bad month, and that's the figure we give anyone who asks."
    )
    assert not find_pitch_cues("Everyone in the club has the same problem, and nobody gets it for free.")
    assert not find_pitch_cues("If you'd rather I did the talking, just nod.")
    assert not find_pitch_cues("The parts came to about forty pounds, and the paint was extra.")


def test_the_forty_fifth_rounds_second_wave_reads_are_caught_from_lead_in_to_address() -> None:
    # A scrap yard safety webinar, a bridal boutique webinar and panel, a driving range webinar and panel and a
    # vending route workshop nobody here had written (the forty-fifth round's second wave), as Whisper heard them;
    # each published a line of a read, measured on the code after the first wave's fixes.
    safety = [
        "Anyway, that's my 3, sorry, I got to be quick at the end, the garage shut early on at Wednesday.",
        "If any of this was useful, this is what I do for a living now.",
        "I come out to your yard for a day, walk the toll site with whoever's running it, and you get a written "
        "report with the fixes in order on what'll kill somebody first.",
        "It's a flat fee, £950 plus my mileage, and association members get a hundred off at, Harriet can tell you "
        "how.",
        "And I'm also printed up a pack And I'll pop-o in email and the link to the card in the chat and how, and in "
        "the follow-up email with the recording.",
        "Oh, and, thank you so much, and good luck with the MOT.",
    ]
    assert flagged(safety) == {1, 2, 3, 4}
    floor_plan = [
        "Okay, I think that's about it for my slides.",
        "So I finally turned it into an online course, it's called floor plan, it's eight weeks, and it's basically "
        "everything I just talked about plus the actual spreadsheet we used for my examples.",
        "The next group starts February 3rd, it's 590 dollars, and Harriet's letting me take a hundred off for "
        "everybody here through the end of the month.",
        "It's at the white floor, right or not, comes slash floor plan, and if you've got questions, Just reply to "
        "the collective email, and it comes straight to me.",
        "Okay, Max, Max, my sales part, I'm blushing, I'm done.",
        "Colleen, thank you so much, this one's brilliant.",
    ]
    assert flagged(floor_plan) == {1, 2, 3, 4}
    trunk_show = [
        "Most shops sort of assume the rep knows their customer, and the rep is doing 12 shops at months.",
        "And, um, sorry, shameless moment, but this is literally half of what I do now when I already, I come in "
        "before your trunk show, and build a full plan with you.",
        "I've got a few spots left for the autumn, and the first call is free for anyone from this meetup.",
        "Okay, I'm done, René's giving me a look.",
    ]
    assert flagged(trunk_show) == {1, 2}
    audits = [
        "Okay, um, I'll wrap up.",
        "And Sophie said it was okay, if I mentioned what I do now on the side.",
        "So for the last couple years I've been doing booking audits for other ranges, you send me three months of "
        "booking data out of your system, and I send back where you're losing money and what I'd change first.",
        "It's a flat fee, fourteen hundred dollars, and I'd done it for about thirty ranges out, mostly Texas.",
        "And for anyone on today, I'll do a free thirty minute call first, just look at your booking page together, "
        "just reply to Sophie's follow-up email and she'll pass it on.",
        "Marcus, thank you, that was brilliant, and go get your daughter.",
    ]
    assert flagged(audits) == {1, 2, 3, 4}
    cages = [
        "They're all green, man, that's half the problem.",
        "Okay, since I've got everybody, my shop.",
        "Kessler Bicker works out of Bidoria, we do the clear polycarbonate cage retrofits, so your driver can "
        "actually see, and nobody takes a ball through the side panel.",
        "I've got one set up on a table out in the hallway, and then everybody, who tells me they came from this "
        "panel, I'll knock 200 bucks off the install.",
        "Right, very quick last word from each of you, one sentence.",
    ]
    assert flagged(cages) == {1, 2, 3}
    route = [
        "Yeah, um, real quick, if that's alright.",
        "A lot of what I showed today comes out of a six week program I run called out atite, where a small group of "
        "operators builds their own zones and power sheets alongside me.",
        "We meet Thursday evenings, it's capped at 12 people, and everybody leaves with this same ugly green "
        "spreadsheet set up for their own machines.",
        "The next group starts the first week on March, it's 349 dollars, and you can sign up on Weismands.com.",
    ]
    assert flagged(route) == {1, 2, 3}
    # Look-alikes: a session's own housekeeping, a phrase about shame, a fee told as a fact of the trade.
    assert not find_pitch_cues("I'll drop the slides in the chat after.")
    assert not find_pitch_cues("Since I've got the numbers here, let me read them out.")
    assert not find_pitch_cues("A flat fee is what most hauliers charge now, and nobody argues with it.")


def test_the_held_out_fourth_waves_plugs_are_caught_from_their_lead_in_to_their_price() -> None:
    # A delivery drivers workshop, a parts sourcing webinar and a hall cleaning workshop nobody here had written (the
    # fourth held-out wave), as Whisper heard them; each published a line of a plug on the forty-fifth round's code.
    assert find_pitch_cues(
        "The checklist my drivers use for the walk around is in the pack I sell on my site, but honestly, just write "
        "your own, it strikes, blade, blouse, hoses, and the hour meter."
    )
    parts = [
        "Just, um, one thing I'll mention, because a few people have emailed me asking.",
        "I turned my part's notes into a cross reference, which part humbers, from which brands are really the same "
        "part, which donors carry what, and I keep it updated online as a little membership.",
        "It's $19 a month, you can cancel whenever, and it's at mentionotes.net, at mentionotes, and Helen said it "
        "was okay, so anyone who's on this call, I'll give you the first month for free.",
        "You did fine, thank you, I'm going to do that this weekend, my husband will be delighted.",
    ]
    assert flagged(parts) == {1, 2}
    book = [
        "You've got about five minutes, Carl, so no rush at all.",
        "Well, man, if you'll forgive me a bit on shameless self-interest, I wrote all of this up, and a lot more "
        "besides, in a little book called Map and Millets.",
        "It's not the checklist with the phone, only the wording from the deposit on the working form, and the letter "
        "we sent out amount of the £1.50 and it is £12.99 or £10 if you buy it straight from me rather than from the "
        "big online shop.",
        "And I'm also started running a little online course, six Tuesday evenings from January for all committees, "
        "it's £65 for the whole committee, not per person, so you can all sit round one laptop with a cup of tea.",
        "Oh, it's very kindly You can't feel put in the link in the chat and in the follow-up email.",
        "Carol, thank you so much, that was really, really practical.",
    ]
    assert flagged(book) == {1, 2, 3, 4}
    # Look-alikes: what a shop sells told as its trade, a club's fees, a record kept, a purchase told as done.
    assert not find_pitch_cues("Half of what we sell on our site goes to people who bought from us before.")
    assert not find_pitch_cues("We run the hall as a charity, and the committee meets once a month.")
    assert not find_pitch_cues("I wrote it all up, every single job, in a little notebook in the van.")
    assert not find_pitch_cues("If you buy it from the big online shop, it comes in a week.")


def test_the_forty_sixth_rounds_plugs_are_caught_from_what_the_speaker_does_now_to_the_cards() -> None:
    # A charity shop panel and a marquee yard workshop nobody here had written (the forty-sixth round), as Whisper heard
    # them; each published a line of a plug, measured once on the round's first code.
    shop = [
        "The ones that struggle, the back room is full to the ceiling and the rails never change.",
        "Which is, well, that's more or less what I do for a living hour, I set up a little outfit called Second Look "
        "Retail, and I'll come and spend a day in your shop and leave you with a plan.",
        "I left some leaflets on the table out there, and if you're a small charity with just the one shop, come and "
        "grab me afterwards, because I do a lower day rate for you lot.",
        "Okay, let's take one from the floor.",
    ]
    assert flagged(shop) == {1, 2}
    yard = [
        "Good, go and count them.",
        "Take the dog, and, um, just so you know, this is actually what I do in the winter now, I come out to your "
        "yard for a day and go through the lot, drying, storage, damage, the log, and you get a written report after.",
        "It's £450 for the day, and there's a few dates left between November and February.",
    ]
    assert flagged(yard) == {1, 2}
    # ... and a village halls panel held out last round, whose sponsor ("concert by", Whisper's "sponsored by") and
    # panelist each left their leaflets or cards by the door, the panelist after her usual price and its discount.
    sponsor = [
        "They very kindly paid for the room and the biscuits, and any committee here tonight can have its first "
        "annual boiler service at cost price, if you ring them, and say you were at the forum.",
        "Now leaflets are on the table by the door, next to the, uh, the sign-up sheet, and I can win from Seven "
        "Valley is the chap in the blue fleece at the back, give us a way, I can win.",
        "Thank you, can win.",
    ]
    assert flagged(sponsor) == {0, 1}
    visits = [
        "Almost every hall I visit has something set wrong that no one knows about.",
        "And, well, since Richard's handed me the microphone, that's what my little business does, I come out and "
        "spend half a day going through the boiler settings, the wheels and the meters, and I write it up.",
        "It's normally £120 for a visit anywhere in the county, but for anyone who works me before Christmas I'll do "
        "it for £95.",
        "My cards are on the table next to Gavin's leaflets, it's too hearty energy, and I'm in a website.",
        "Thank you, Sue, subtle as ever.",
    ]
    assert flagged(visits) == {1, 2, 3}
    # Look-alikes: a job described, marketing told as done, a rate told as the trade's, an idiom.
    assert not find_pitch_cues("All the cards are on the table now, so the committee can decide.")
    assert not find_pitch_cues("Fixing boilers in the winter, that's what we did for years before the shop.")
    assert not find_pitch_cues("I put flyers through every door on the estate, and three people rang.")
    assert not find_pitch_cues("Most yards do a lower rate in January, and nobody books anyway.")


def test_the_forty_sixth_rounds_second_wave_services_are_caught_from_how_they_work_to_their_price() -> None:
    # A crazy golf pricing webinar and a laser tag equipment webinar nobody here had written (the forty-sixth round's
    # second wave), as Whisper heard them, each measured once before the change: a line of each plug was published.
    review = [
        "Yes, thank you, I'll be brief, I promise.",
        "So for the last couple of years I've been doing a pricing review for other course owners, you send me your "
        "prices, and a year of your footfall numbers, and I go through it, and we do an hour on a video call about "
        "what I'd change.",
        "It's £140, and everyone on this call today, Kate is going to send you a link.",
    ]
    assert flagged(review) == {1, 2}
    visits = [
        "So, most of my work is going out to Arena for a day, I go through every mess and face a, fix what I can on "
        "the spot, and set up the battery log and the spare rotation with your staff.",
        "I do not anywhere on the west coast, and further, if you come on the flight, and you can book",
        "And if you rather have your own people do it, there's an online course on the same side, about 3 hours on "
        "videos, it's a hundred and ninety dollars, and it covers everything I said today, and a lot more.",
        "Anyone who was on this call, just drop me an email, and I'll take 40 bucks off the course.",
        "Thank you, Hank, this one's really useful.",
    ]
    assert flagged(visits) == {0, 1, 2, 3}
    # An introduction Whisper cut in two is read back whole, from its first sentence (a delivery drivers workshop).
    depot = [
        "Right, that's the three things.",
        "So this is what I do now.",
        "I come to your depot for a day, I sit with your drivers and your transport office, and we set all this up.",
        "It's a flat fee for up to eight drivers, the details are on fenwick transport training dot co dot uk.",
    ]
    assert flagged(depot) == {1, 2, 3}
    # ... and a livefood supplier's last thirty seconds on a reptile show panel, from its stand to its offer.
    stand = [
        "Raj, you wanted 30 seconds at the end, I believe.",
        "Yeah, just quickly, if any shop owners in the room want to try us, we're quick at Harlow, we're on stand for "
        "the two, right at the back of the toilets, sadly.",
        "We'll do your first two deliveries with no carriage charge, and you get a sample box today if you leave us a "
        "business card.",
        "On that note, thank you Dawn, Calum, Raj, and the cricket, where ever he's gone.",
    ]
    assert flagged(stand) == {1, 2}
    # Look-alikes: a course recommended with no price, a day told as done, a customer's data asked for in advice.
    assert not find_pitch_cues("We did our first two deliveries without a van, on a cargo bike, and it worked.")
    assert not find_pitch_cues("There's a course at the county council on first aid, and every marshal should do it.")
    assert not find_pitch_cues("We went out to the arena for a day last spring and counted every vest by hand.")
    assert not flagged(["Ask them to send you the booking export first.", "Then go through it line by line."])


def test_a_sponsor_read_goes_on_while_the_sponsor_is_still_doing_things_for_the_listener() -> None:
    # A trout farm podcast nobody here had written: the read's last line reached the framework article.
    texts = [
        "This episode is supported by Drakenridge Outdoor, who make the breathable waders I've been wearing.",
        "If you go to drakenridge.co.uk and type TROUT at checkout, it's 20% off.",
        "And they'll repair any seam that goes in the first two years for nothing.",
        "Right, that's my bit done.",
        "And they'll tell you the same thing at every hatchery: feed by hand.",
    ]

    assert flagged(texts) == {0, 1, 2}


def test_talk_between_two_distant_pitches_is_kept() -> None:
    texts = ["Book a demo with our team.", *TALK_BEFORE, *TALK_AFTER, "Link in the description."]

    assert flagged(texts) == {0, len(texts) - 1}


def test_an_ad_read_ends_where_the_show_turns_to_its_listeners_questions() -> None:
    texts = [
        *AD_READ,
        "Alright, a listener question.",
        "Priya asks, what if the client refuses to send receipts?",
        "Honestly, you fire that client, or you charge them for the chase.",
        "My close checklist course opens next week, link in the show notes.",
    ]

    # The question and its answer are the show again, though a plug follows a few sentences later.
    assert flagged(texts) == {0, 1, 2, 3, len(texts) - 1}


def transcript(texts: list[str], words_for: int | None = None) -> Transcript:
    segments = []
    for index, text in enumerate(texts):
        words = []
        if index == words_for:
            words = [
                TranscriptWord(start=index * 10 + n * 0.4, end=index * 10 + n * 0.4 + 0.3, word=f" {word}")
                for n, word in enumerate(text.split())
            ]
        segments.append(TranscriptSegment(start=index * 10.0, end=index * 10.0 + 9, text=text, words=words))
    return Transcript(
        recording_id="ab" * 12, language="en", engine="test", model="hand-written", duration_s=90, segments=segments
    )


def test_strip_pitch_removes_the_read_across_segments_and_reports_where_it_was() -> None:
    # The read's lead-in ends a segment of talk, and its last cue starts a segment that goes on talking.
    texts = [
        TALK_BEFORE[0],
        f"{TALK_BEFORE[1]} {AD_READ[0]}",
        f"{AD_READ[1]} {AD_READ[2]}",
        f"{AD_READ[3]} {TALK_AFTER[0]}",
        TALK_AFTER[1],
    ]

    stripped, findings = strip_pitch(transcript(texts, words_for=1))

    # Emptied, not removed: segment indices still point into the stored transcript.
    assert [segment.text for segment in stripped.segments] == [
        TALK_BEFORE[0],
        TALK_BEFORE[1],
        "",
        TALK_AFTER[0],
        TALK_AFTER[1],
    ]
    kept = stripped.segments[1]
    assert [word.word.strip() for word in kept.words] == TALK_BEFORE[1].split()
    assert kept.end == kept.words[-1].end < 19
    assert {finding.index for finding in findings} == {1, 2, 3}
    assert {index for finding in findings for index in finding.segments} == {1, 2, 3}
    assert pitch_spans(findings) == [(10.0, 39.0)]
    assert not any(find_pitch_cues(segment.text) for segment in stripped.segments)


def test_talk_after_a_read_is_timed_by_its_own_words_though_the_engine_split_one_of_the_read() -> None:
    # Whisper times "30%" as "30" and "%": one word more than the text has, so counting words would misplace them.
    said = f"{AD_READ[3]} {TALK_AFTER[0]}"
    tokens = [piece for token in said.split() for piece in (["30", "%"] if token == "30%" else [token])]
    words = [
        TranscriptWord(start=50 + n * 0.4, end=50 + n * 0.4 + 0.3, word=f" {token}") for n, token in enumerate(tokens)
    ]
    before = transcript([*TALK_BEFORE, *AD_READ[:3]])
    last = TranscriptSegment(start=50.0, end=59.0, text=said, words=words)
    stripped, _ = strip_pitch(before.model_copy(update={"segments": [*before.segments, last]}))

    kept = stripped.segments[-1]
    assert kept.text == TALK_AFTER[0]
    assert [word.word.strip() for word in kept.words] == TALK_AFTER[0].split()
    # The quote's time points at the talk, not at the read it shared a segment with.
    assert kept.start == words[-len(TALK_AFTER[0].split())].start > 50


def test_a_transcript_without_a_pitch_comes_back_unchanged() -> None:
    clean = transcript([*TALK_BEFORE, *TALK_AFTER])

    assert strip_pitch(clean) == (clean, [])


def test_neither_rail_carries_a_sponsor_read_once_the_insight_stage_strips_it() -> None:
    def artifacts(transcript: Transcript) -> str:
        insights = extract_insights(transcript, source_key="incoming/webinars/x.mp3", title="Onboarding")
        lead_magnet = LeadMagnetWriter(LeadMagnetSettings()).write(insights)
        article = FrameworkArticleWriter(FrameworkArticleSettings()).write(insights)
        return "\n".join([lead_magnet.markdown, lead_magnet.html, article.markdown])

    webinar = make_transcript("ef" * 12, sponsored_webinar())
    assert words_of_the_read_in(webinar.text), "the fixture carries the read: the check below has teeth"

    stripped, findings = strip_pitch(webinar)

    assert words_of_the_read_in(artifacts(stripped)) == []
    assert PitchKind.ad_block in {finding.kind for finding in findings}


def test_self_promotion_is_caught_even_when_the_product_name_is_misheard() -> None:
    # From the eval's dev split: Whisper heard the product's name wrong, the shape of the pitch stays.
    spoken = (
        "And, look, if you want all this track for you automatically, that's literally what we built at Renouli, "
        "our platform flags champion changes, and tickets sentiment out of the box."
    )
    kinds = {cue.kind for cue in find_pitch_cues(spoken)}
    assert kinds == {PitchKind.product_promotion}


def test_what_an_engine_kept_out_as_promotion_is_told_with_where_it_was_said() -> None:
    assert describe_promotion([(65.2, 71.9), (130.0, 134.5)]) == (
        "kept out 2 passage(s) read as promotion at 01:05-01:11, 02:10-02:14"
    )


def test_the_answer_to_where_people_can_find_the_guest_is_part_of_the_plug() -> None:
    texts = [
        "The gap between the two numbers tells you more about the team than the forecast.",
        "That's great, where can people find you?",
        "I write a newsletter every other week, it's free, and most of what we said today is in there.",
        "And what's the one thing you'd tell a new sales leader?",
        "Stop reviewing forty deals and go deep on three.",
    ]

    findings = detect_pitch(texts)

    # The reply carries no cue of its own; the invitation before it makes it the guest's plug. The next question
    # and its answer are talk again.
    assert {finding.index for finding in findings} == {1, 2}
    assert [f.kind for f in findings if f.index == 1] == [PitchKind.plug_invitation]
    assert [f.kind for f in findings if f.index == 2] == [PitchKind.ad_block]


def test_a_long_first_line_of_the_answer_is_still_the_plug_up_to_the_address_after_it() -> None:
    # "Tell people where to find you" invites the plug as "where can people find you?" does; the answer's first
    # line names the business (its "is" misheard "in") and runs past the few words a reply is given, and the
    # address comes a line later: all of it is the plug.
    texts = [
        "Before we wrap, tell people where to find you.",
        "So my studio in Brightline, and we do a two week brand sprint, where we look at your product and tell "
        "you which three pages to fix first, before you spend anything on a redesign.",
        "You can book a free call at brightline dot studio and mention the show for ten percent off.",
        "Thanks so much for coming on.",
    ]

    findings = detect_pitch(texts)

    assert {finding.index for finding in findings} == {0, 1, 2}
    assert [f.kind for f in findings if f.index == 0] == [PitchKind.plug_invitation]
    assert [f.kind for f in findings if f.index == 1] == [PitchKind.ad_block]
    # Without the address, the long first line is still the answer.
    assert flagged([*texts[:2], texts[3]]) == {0, 1}


def test_a_long_answer_to_the_invitation_is_cut_after_a_few_lines() -> None:
    reply = "I'm mostly in the newsletter these days, and the archive is open to anyone."
    idea = "Honestly the thing I keep coming back to is that a forecast is only as good as the next step behind it."
    texts = ["Where can listeners follow your work?", reply, idea, idea]

    assert flagged(texts) == {0, 1}


def test_a_team_named_by_where_it_works_sells_only_when_it_offers_the_work() -> None:
    assert find_pitch_cues("My team at Acme can set the whole thing up for you in a week.")
    assert not find_pitch_cues("Our team at the hospital can cover for you on nights.")
    assert not find_pitch_cues("My team at Acme rebuilt the onboarding flow in a week.")


def test_a_course_the_speaker_promises_to_come_to_at_the_end_is_a_plug() -> None:
    # A cattery workshop nobody here had written (the forty-sixth round's held-out wave), as Whisper heard it: the
    # teaser published on both rails.
    assert find_pitch_cues(
        "I go through the full spreadsheet for that in the course I'll mention at the end, but you honestly don't "
        "need it, a calculator and a cup of tea will do."
    )
    assert find_pitch_cues("It's all in the little book I'm going to tell you about before we finish.")
    # A point the speaker will come back to, or a course the staff took, is no teaser.
    assert not find_pitch_cues("There's one more rule about deposits I'll mention at the end.")
    assert not find_pitch_cues("The first aid course we'll talk about later was paid for by the council.")


def test_a_free_service_for_whoever_is_in_the_room_and_a_card_left_at_the_stand_are_offers() -> None:
    # A snooker halls panel and a surf schools panel nobody here had written (forty-seventh round), as Whisper heard
    # them: a panelist's free visit, and the sponsor's trade price for a card left at its stand.
    assert find_pitch_cues(
        "Mine's a bit of a cheeky one, sorry, but I'm running a free table health check for any club in the room over "
        "the next couple of months."
    )
    assert find_pitch_cues(
        "They told me anyone who runs a school and drops a business card at the stand to they get straight prices on "
        "the new winter 5.4s."
    )
    # How a café works, and where the cards go, are no offer.
    assert not find_pitch_cues(
        "We're doing a free hot chocolate for every kid who turns up in a costume, and footfall went up a fifth."
    )
    assert not find_pitch_cues("Drop your business cards at the front desk on the way in, so the coaches know.")


def test_an_online_course_the_speaker_runs_is_what_the_price_and_address_after_it_are_for() -> None:
    # A farm shop webinar nobody here had written (forty-seventh round): Whisper heard "called" as "coiled", so the
    # course had no name; its price and next group were published.
    texts = [
        "Oh, yes, thanks, I'll be quick, I'm not very good at listening.",
        "So I run a little online course coiled shop fit, it's six weeks, an evening at week on zoom, and we go "
        "through your range, your pricing, and your layout with your own shop.",
        "The next group starts in May, it's 250 pounds, and there's only about 12 places.",
        "All the details are on garethpriceretail.co.uk, Helen's going to pop the link in the chat.",
    ]

    assert flagged(texts) == {1, 2, 3}
    # Without the address after it, a course run for the speaker's own staff is only talk.
    assert not flagged(["I run a little online course for our own staff, and nobody finishes module three."])


def test_the_forty_seventh_rounds_held_out_audit_is_caught_from_the_visit_it_describes() -> None:
    # A coffee van workshop nobody here had written (the forty-seventh round's held-out wave), as Whisper heard it:
    # its audit was told by how it works, the speaker coming to the listener's events, and was published.
    audits = [
        "Just, um, a quick bit about what I do now, if not all right, Jess.",
        "So for the last year or so I've been doing queue audits, where I come to one of your events with a stopwatch "
        "and a clicker, watch the whole day and then send you a written report on where you're losing people.",
        "It's 250 pounds for the May, plus travel if you're outside South Wales, and I've done about 30 on them now.",
    ]
    assert 1 in flagged(audits)
    assert 2 in flagged(audits)
    # Look-alikes, each before a figure: audits done inside the speaker's own business, a manager's visits.
    for told in (
        "I've been doing hygiene audits where I go round every van on a Monday morning and check the fridges.",
        "We've been running spot checks, where the manager comes to the site unannounced with a clipboard.",
    ):
        assert not flagged([told, "It took about forty minutes a van, and the complaints halved within a season."])


def test_a_course_named_in_the_sentence_after_it_introduces_the_price_that_follows() -> None:
    # A narrowboat workshop nobody here had written (forty-eighth round), as Whisper heard it: the course was named a
    # sentence after it was introduced, so nothing tied its price to it and its introduction was published.
    course = [
        "Ah, okay, we're at about 45 minutes, so Ruth, is there anything you want to tell people about before we wrap?",
        "Yes, sorry, I'm always a bit awkward about this part, so I run a one-day course on my own boat.",
        "It's called luck, while we meet at Longston and do an outdated luck together, and you leave having done "
        "every job yourself, steering, pedals, gates, the lot.",
        "It's a hundred and forty pounds a person, up to four people on the boat.",
    ]
    assert flagged(course) == {1, 2, 3}
    # A course told as the listeners' own, named a sentence later, before a cost that is no price.
    told = [
        "Every new hirer does a one-day course on the boat before they leave the yard.",
        "It's called the handover, and it takes most of the morning.",
        "It costs us about forty pounds a boat in staff time, and the damage claims halved.",
    ]
    assert 0 not in flagged(told)


def test_a_price_for_the_whole_season_prices_what_the_speaker_sells() -> None:
    # A pick-your-own pricing webinar nobody here had written (forty-eighth round): the price of the speaker's winter
    # mentoring group, said at the end of its sentence, was published on both rails.
    assert find_pitch_cues(
        "I go through your actual numbers with you, your prices, your layout, your staffing, and it's 450 pounds for "
        "the whole winter."
    )
    # What the farm pays for a season is no price of the speaker's.
    assert not find_pitch_cues(
        "The gas for the barn heaters is the killer, it's about six hundred pounds for the whole winter, and we only "
        "open in October."
    )


def test_a_charge_knocked_off_for_the_listener_is_an_offer() -> None:
    # A darts league panel nobody here had written (forty-eighth round), as Whisper heard it: the panelist's offer to
    # the league secretaries in the room was published, and so was the service before it.
    plug = [
        "Yours was the one with the radiator, which, shameless moment, is exactly what I do.",
        "I'll come out, measure it all up, do you a properly to surround, and a fit to dodge, and I've got a package "
        "for league pubs that's about 300 quid all in.",
        "And for anyone in this room, who's a league secretary, if you come, and find me at the break I'll give you a "
        "card, and mention to days for them, and I'll knock the fitting charge off for every pub in your league.",
        "The website is heskathnot.co.uk, it's not the big chance on the before, and after some of them are quite "
        "frightening.",
    ]
    assert flagged(plug) == {0, 1, 2, 3}
    # A charge taken off told as what was done, or as the listener's own deal with a customer.
    assert not find_pitch_cues("We knocked the fitting charge off for the first three pubs, and two of them left.")
    assert not find_pitch_cues("If a landlord asks, you knock the fitting charge off and keep the board price.")


def test_a_mentoring_group_its_free_first_call_and_the_link_in_the_follow_up_email_are_a_plug() -> None:
    # A pick-your-own pricing webinar nobody here had written (forty-eighth round), as Whisper heard it: the speaker's
    # winter mentoring group, its price, and the host's free first call with him and the link in the follow-up email.
    group = [
        "Yeah, just quickly, if that's alright.",
        "Over the winter I run a small mentoring group for farms at our starting pumpkin or trying to fix him, six "
        "farms at a time, and we meet every fortnight on Zoom from November to March.",
        "I go through your actual numbers with you, your prices, your layout, your staffing, and it's 450 pounds for "
        "the whole winter.",
        "There's a page about it on PentherLiganFarm.co.uk, and there are two places left in the January group.",
        "And from very kindly said anyone, who was on to make and have a first call with him for free before "
        "deciding, so I'll pop that link in the follow-up email.",
        "Thank you so much, Rob, that was brilliant.",
    ]
    assert flagged(group) == {1, 2, 3, 4}
    # Look-alikes: a free first lesson as advice or as the speaker's own practice, a visit told as done, the session's
    # recording sent on.
    assert not find_pitch_cues("Give the first lesson for free, and half of them book a block.")
    assert not find_pitch_cues("Parents can book a first lesson with us for free, and most of them stay the term.")
    assert not find_pitch_cues("We did a first visit with them for free and never saw a penny.")
    assert not find_pitch_cues("We run a small peer group for the other farms round here, and it costs nothing.")


def test_a_free_trial_someone_will_get_the_listener_is_an_offer() -> None:
    # A Christmas tree farm panel nobody here had written (forty-fifth round): once its booking page's "$79 for the
    # whole season" was caught, the line after it took a pillar's place in the dev dump.
    assert find_pitch_cues(
        "He's got a card table by the registration desk all afternoon, tall kid with a beard, go Seek him, and he'll "
        "get you a free trial going for this December."
    )
    assert find_pitch_cues("They'll give you a free trial if you mention the show.")
    # A trial told as a practice, not given to the listener.
    assert not find_pitch_cues("We give every new picker a trial shift before we put them on the tills.")


def test_thirty_seconds_of_shamelessness_announces_a_plug() -> None:
    # A junior archery panel nobody here had written (forty-eighth round), as Whisper heard it: once an audience
    # member's introduction stopped titling its article, the panelist's book took a pillar's place.
    book = [
        "Can I do my 30 seconds of shamelessness?",
        "Pray or say that I could.",
        "I said you could, if it was actually 30 seconds.",
        "So, I return all the junior stuff we do at Falkirk and to Weebrook called closer first.",
        "Session plans.",
        "The distance ladder.",
        "It's 12 pounds.",
    ]
    assert flagged(book) == {0, 1, 2, 3, 4, 5, 6}
    assert not find_pitch_cues("We give the juniors thirty seconds of quiet before every end.")
