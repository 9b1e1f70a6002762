"""Transcripts written for the unit tests: a real-sounding webinar and sales pitches dressed as one."""

from __future__ import annotations

from shared.events import Transcript, TranscriptSegment


def make_transcript(recording_id: str, lines: list[tuple[float, float, str]]) -> Transcript:
    return Transcript(
        recording_id=recording_id,
        language="en",
        engine="test",
        model="hand-written",
        duration_s=lines[-1][1],
        segments=[TranscriptSegment(start=start, end=end, text=text) for start, end, text in lines],
    )


# A customer-onboarding webinar: a contrarian point of view, a pain point, a 40 percent
# figure (said twice), a story, a three-step process, a result and a quotable line.
# Some segments hold two sentences, one sentence spans two segments.
ONBOARDING_WEBINAR = [
    (0.0, 6.4, "Thanks for joining, everyone. Today I want to talk about customer onboarding,"),
    (6.4, 12.8, "and why I think most teams are fixing the wrong thing."),
    (12.8, 21.5, "Most people think onboarding is a product problem, but the truth is it's a handoff problem."),
    (21.5, 29.0, "The customer already told sales what they need, and then we make them repeat it all to a stranger."),
    (29.0, 33.1, "Our customer success managers struggle with this every single week."),
    (33.1, 37.2, "Nobody has time to read forty pages of call notes before a kickoff."),
    (37.2, 45.0, "So the context gets lost, and the customer feels it on day one."),
    (
        45.0,
        53.6,
        "Here is what the data told us. Forty percent of new accounts never logged in again after the first week.",
    ),
    (53.6, 60.1, "Forty percent. That's not a product bug, that's a broken promise."),
    (60.1, 68.4, "Last year one customer, a logistics company in Rotterdam, almost churned in their first month."),
    (68.4, 76.0, "I remember the call. Their COO said, you sold us a plan and then handed us a form."),
    (76.0, 82.5, "That sentence changed how we run customer onboarding."),
    (82.5, 88.0, "So we rebuilt the handoff in three steps."),
    (88.0, 96.5, "First, the account executive records a ten minute handoff video for every closed deal."),
    (96.5, 104.0, "Second, customer success turns that video into a one page success plan"),
    (104.0, 110.2, "before the kickoff call, not after it."),
    (
        110.2,
        118.7,
        "Third, the customer signs off on the success plan in the first meeting, "
        "so everyone agrees what done looks like.",
    ),
    (118.7, 126.0, "Within two quarters, time to first value dropped from 30 days to 9 days."),
    (126.0, 133.5, "And the forty percent who went dark? It fell to twelve percent."),
    (133.5, 140.0, "Stop treating customer onboarding as a welcome email sequence."),
    (140.0, 147.5, "Customer onboarding starts before the contract is signed."),
    (
        147.5,
        155.0,
        "If you remember one thing, remember that forty percent of new accounts went dark after the first week.",
    ),
    (155.0, 161.0, "Thanks again, and I'm happy to take questions."),
]

# The same kind of talk, but the speaker keeps pitching the vendor's product.
PITCHED_WEBINAR = [
    (0.0, 7.5, "Most people think webinars are a lead generation tool. They're wrong, webinars are a research tool."),
    (7.5, 14.0, "Your audience tells you exactly where they are stuck, and most teams never listen back."),
    (14.0, 21.0, "Marketing teams struggle to turn a one hour recording into anything useful."),
    (21.0, 28.5, "Sixty percent of the questions we got last quarter were about pricing objections."),
    (28.5, 33.0, "Here is the process we use."),
    (33.0, 39.0, "First, tag every audience question by buying stage."),
    (39.0, 45.0, "Second, cluster the questions into themes."),
    (45.0, 51.0, "Third, answer the biggest theme in public, in your own words."),
    (51.0, 58.0, "Honestly, the easiest way to do all of this is to book a demo of Recast."),
    (58.0, 64.0, "Our platform's features do the tagging and the clustering for you."),
    (64.0, 70.0, "We are the leading solution for webinar research."),
    (70.0, 77.0, "Last month one customer found their top objection in a single webinar."),
    (77.0, 83.0, "And add a link to book a demo in every recap email you send."),
    (83.0, 90.0, "Sign up for a free trial at https://recast.example.com/trial today."),
]

# The framework itself is a pitch: its third step is "book a demo".
PITCH_INSIDE_FRAMEWORK = [
    (0.0, 7.0, "Most people think customer interviews are a research luxury, but the truth is they are a habit."),
    (7.0, 14.0, "Product teams struggle to talk to a single customer every month."),
    (14.0, 21.0, "Seventy percent of the teams we surveyed had not run an interview in a quarter."),
    (21.0, 26.0, "Here is the playbook."),
    (26.0, 32.0, "First, book two interviews every week before you plan anything."),
    (32.0, 38.0, "Second, write down the exact words the customer used."),
    (38.0, 45.0, "Third, book a demo of Recast so our platform does the rest."),
    (45.0, 52.0, "Last year one customer found their pricing problem in the fourth interview."),
]

# Nothing but a pitch.
PURE_PITCH = [
    (0.0, 6.0, "Our platform is the leading solution for webinar teams."),
    (6.0, 12.0, "Book a demo of Recast today to see our features in action."),
    (12.0, 18.0, "Sign up for a free trial and contact sales for pricing."),
]
