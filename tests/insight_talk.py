"""Unscripted-sounding talk written for the insight engine's tests: fillers, restarts, no cue phrases.

DEV is what the engine's constants were chosen on; HELD_OUT was written at the same time and
only run once the constants were fixed, to show whether they generalise.
"""

from __future__ import annotations

from shared.events import Transcript, TranscriptReady, TranscriptSegment, deterministic_id
from shared.keys import transcript_key
from shared.storage import ObjectStore


def transcript_ready(
    store: ObjectStore, transcript: Transcript, *, source_key: str = "", title: str = ""
) -> TranscriptReady:
    """Stores the transcript as the transcriber would and returns its ``transcripts.ready`` event (by default a
    podcast upload titled by its recording id)."""
    stored = store.put_model(transcript_key(transcript.recording_id), transcript)
    return TranscriptReady(
        event_id=deterministic_id(transcript.recording_id, TranscriptReady.name),
        recording_id=transcript.recording_id,
        producer="test",
        transcript_uri=str(stored.uri),
        transcript_sha256=stored.sha256,
        source_key=source_key or f"incoming/podcasts/{transcript.recording_id}.mp3",
        title=title or transcript.recording_id,
        language=transcript.language,
        engine=transcript.engine,
        model=transcript.model,
        duration_s=transcript.duration_s,
        segment_count=len(transcript.segments),
    )


def spoken(recording_id: str, turns: list[tuple[str, str]], seconds_per_word: float = 0.4) -> Transcript:
    segments, clock = [], 0.0
    for speaker, text in turns:
        length = max(1.0, len(text.split()) * seconds_per_word)
        segments.append(TranscriptSegment(start=clock, end=clock + length, text=text, speaker=speaker))
        clock += length + 0.3
    return Transcript(
        recording_id=recording_id, language="en", engine="test", model="written", duration_s=clock, segments=segments
    )


DEV_SMALL_TALK = [
    ("S1", "Hello? Hi, can you hear me okay?"),
    ("S2", "Yeah, yeah, I can hear you. Sorry, my camera is being weird today."),
    ("S1", "No worries at all. Where are you calling from, by the way?"),
    ("S2", "I'm in Denver right now, but I'm originally from Chicago, so the snow doesn't bother me much."),
    ("S1", "Oh nice, I was in Chicago last spring for a wedding, we had a great time, the food was amazing."),
    ("S2", "Ha, yeah, it's a fun city. Did you try the deep dish pizza while you were there?"),
    ("S1", "We did, twice actually. Okay, should we wait another minute or two for the others to join?"),
    ("S2", "Sure, let's give them a couple of minutes. I think Sam said he might be running a little late."),
    ("S1", "Sounds good. I'll grab a coffee and be right back, give me one second."),
]

DEV_SUBSTANCE = [
    ("S1", "So, um, how did you end up rethinking the way your team does pricing?"),
    (
        "S2",
        "Yeah, so, honestly, the thing nobody tells you is that discounting trains your buyers to wait. "
        "Every quarter end we'd cut the price, and the buyers just learned to sit on their hands until the last week.",
    ),
    (
        "S2",
        "And I think a lot of founders treat price as a number when it's really a statement "
        "about who the product is for. "
        "If you price for everyone, you end up with a product that's built for nobody.",
    ),
    ("S1", "Right, right. And what did you actually change?"),
    (
        "S2",
        "We stopped doing quarter end discounts completely. Sales hated it for about two months. "
        "Then deal cycles got shorter, because there was no reason left to wait.",
    ),
    (
        "S2",
        "The other thing, and this is kind of uncomfortable, is that a lot of churn is really a pricing problem "
        "in disguise. Customers who bought on a discount leave first, "
        "because they never valued the product at full price.",
    ),
    ("S1", "Huh. Yeah, I can see that. Okay, one more before we wrap up."),
    (
        "S2",
        "Sure. I'd say, look, the price page is a positioning document. "
        "If the price page reads like a feature list, buyers will compare you on features, "
        "and you will lose to someone cheaper.",
    ),
    ("S1", "Love that. Thanks so much for coming on, this was great."),
    ("S2", "Thanks for having me, it was fun."),
]

HELD_OUT_SOUND_CHECK = [
    ("S1", "Testing, testing, one two three. Is this thing on? Can the people in the back hear me?"),
    ("S2", "A little louder maybe. Yeah, that's better, the green light is on now."),
    (
        "S1",
        "Okay great. So we'll get started in about five minutes, we're just waiting for a few more folks to dial in.",
    ),
    ("S1", "If you just joined, the session is being recorded and the slides will be emailed out afterwards."),
    ("S2", "And please drop your questions in the chat, we'll get to as many as we can at the end."),
    ("S1", "Also, the bathrooms are down the hall to the left, and there's coffee at the back of the room."),
    ("S2", "Oh and the wifi password is on the card on your table, in case anyone is asking."),
    ("S1", "Alright, looks like most people are here. Let's give it one more minute and then we'll kick off."),
]

HELD_OUT_SUBSTANCE = [
    ("S1", "Welcome back to the show. So, you've hired, what, forty engineers in the last year?"),
    ("S2", "Something like that, yeah. Around forty, give or take."),
    (
        "S2",
        "And the main thing I learned is that the interview loop tells candidates what the job really is. "
        "If your loop is all puzzles, you attract people who like puzzles, not people who like shipping.",
    ),
    ("S1", "Mm-hm. So what did you replace the puzzles with?"),
    (
        "S2",
        "We give people a small, real bug from our own backlog, and we pair with them on it for an hour. "
        "You learn more from how someone reads unfamiliar code than from any whiteboard exercise.",
    ),
    (
        "S2",
        "Um, the other piece is speed. Good candidates have three offers by the second week, "
        "so a slow hiring process quietly filters out exactly the people you wanted.",
    ),
    ("S1", "Yeah. Yeah, that rings true. Anything you'd do differently?"),
    (
        "S2",
        "Honestly, I'd write down what a great first ninety days looks like before we open the role. "
        "Most bad hires I've seen were really bad job descriptions that nobody noticed "
        "until the person was already in the seat.",
    ),
    ("S1", "Great. Thanks so much, this was really useful."),
]
