"""Nothing worth publishing, said so plainly: a sound check or small talk must not become an article."""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.insights.sentences import TimedSentence
from services.insights.words import content_words

# The session calling itself off: "Okay, so we postpone", "let's just push it to next Tuesday", "I'll send a new
# link", the guest not coming. ("We had to reschedule the install" tells of work, and a recording that says it is
# held to the usual bar.)
_CALLS_ITSELF_OFF = re.compile(
    r"(?:^|[,.;!?]\s*)(?:(?:okay|ok|so|alright|all right|yeah|then|well|um|uh),?\s+)*"
    r"(?:we|let's|let us|we'll|we will|we're going to|we're gonna|we have to|we'll have to|we need to)\s+"
    r"(?:just\s+)?(?:,?\s*(?:um|uh),?\s+)?"
    r"(?:postpone|reschedule|call (?:it|this) off|cancel (?:it|this|today|tonight))\b"
    r"|\bsend (?:out )?(?:the|a) new (?:link|invite|date)\b"
    # ... or "we'll send an email round with a new date", "can we move this to next month?" (a well driller's talk
    # from a rig site with no signal).
    r"|\b(?:email|invite|message|note) (?:round |out )?with (?:a|the) new (?:date|time|link)\b"
    r"|\b(?:move|push) (?:it|this|the (?:session|episode|recording|webinar|talk|interview|call|show)) to "
    r"(?:next |another |a different )?(?:\w+day|week|month|time|date|tomorrow)\b"
    # ... "Let's just push it, what's your week look like?", "do we do it next week then?"
    r"|\blet's (?:just )?push (?:it|this)(?=\s*(?:[,.;!?]|$))|\bdo (?:it|this) next week\b"
    # ... "do you want to just push it?" (a hotel laundry talk whose guest was called to the front desk; "next Thursday,
    # same time" is also how a regular session signs off).
    r"|\b(?:want to|wanna) (?:just )?push (?:it|this)\s*\?"
    # ... "Would it be awful if we did this next week instead?", and the hosts deleting it: "Delete this one, Ray" (a
    # vending operators' podcast whose guest had a pallet to check in).
    r"|\bif we did (?:this|it) next (?:week|month|\w+day)\b"
    r"|\bdelete this (?:one|recording|episode|take)\b"
    # ... "I think your connection is going to keep dropping, and I'd rather do this properly", "Tuesday, Megan, I'll
    # send you a calendar thing" (a driving range's podcast, its guest called to the shop counter).
    r"|\bi(?:'d| would) rather do (?:this|it) properly(?=\s*(?:[,.;!?]|$))"
    r"|\bsend (?:you|everyone|everybody|you all) a (?:new )?calendar (?:thing|invite|invitation|link)\b"
    # ... and the guest who will not be there: "He's not coming", "our speaker isn't going to make it today".
    r"|^(?:(?:no|so|okay|ok|yeah),?\s+)*(?:he|she|they|(?-i:[A-Z][a-z]+))(?:'s|'re| is| are) not coming\b(?!\s+back\b)"
    # ... or will not make it, and the talk is off: "so he's not going to make it, he said he's really sorry. So, sorry
    # everyone, the two o'clock talk is cancelled" (a reptile expo stage, its speaker stuck on the A1).
    r"|\b(?:he|she|they)(?:'s|'re| is| are) not going to make it\b(?=[^.?!]{0,40}\b(?:sorry|today|tonight|in time)\b)"
    r"|\bthe (?:[\w']+ ){0,2}(?:talk|session|webinar|meeting|episode|panel|workshop|demo)(?:'s| is| has been) "
    r"(?:cancell?ed|called off)\b"
    # ... ("Okay, so, Greg's not coming", "so he can't join us"), and the new date told as the old one's: "the 25th,
    # same link, same time".
    r"|\b(?:he|she|they|(?:our|the) (?:guest|speaker|presenter))(?: just)? (?:can't|cannot|won't be able to) "
    r"(?:join us|be with us)\b"
    r"|\bsame link,? same time\b"
    # ... "so there's no demo tonight", "we'd just sort out a new night" (a bonsai club's call, its demonstrator
    # snowed in; "there's no demo account" is something else).
    r"|\bthere(?:'s| is) no (?:demo|talk|session|meeting|episode|show|webinar|recording|interview|panel) "
    r"(?:tonight|today|this (?:evening|morning|afternoon|week))\b"
    r"|\b(?:sort out|find|pick|agree on|fix) a new (?:night|date|day|time|slot)\b"
    # ... "so let's call it, and I'll move it to the February call, same time" (a coach operators' call, its speaker
    # on a train with no signal; "let's call it the three Rs" names a method).
    # ... or "Right, I think I'm going to call it. ... We'll move the session to the same time in two weeks" (a
    # hydrotherapy meetup, its speaker on a train).
    # ... or "Oh, for Alan, right, well, I think we'd better call it, it doesn't seem fair to keep you all sitting
    # there" (a village halls' clinic, its presenter's broadband down).
    r"|\b(?:let's|i'm going to|i'm gonna|we're going to|we're gonna|i'll|we'll|we should|we'd better|we had better"
    r"|we might as well|we(?:'ll| will) have to) (?:just )?call it"
    r"(?:\s+(?:a day|a night|there|for (?:today|tonight)))?(?=\s*(?:[,.;!?]|$|and\b))"
    r"|\b(?:move|push) (?:it|this|the \w+|\w+ session) to the same time\b"
    r"|\b(?:move|push) (?:it |this |us |everything )?(?:to|into|onto|over to) (?:the )?(?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december|next) (?:call|session|meeting|one)\b"
    r"|\b(?:speaker|guest|presenter)(?:'s not| is not| isn't) (?:coming|going to make it)\b"
    # ... or "there's no point sitting here looking at Bruno for an hour" (a snooker hall's stream, its guest stuck at
    # a ferry port; Whisper heard its "we're going to call it" as "claw it").
    r"|\bno point (?:us |me |everyone |everybody )?(?:sitting|waiting) (?:here|around here)\b"
    # ... and the hosts deciding there is nothing to keep: "I don't think this is an episode", "Are we even keeping
    # this recording?" ("This isn't an episode about pricing" goes on to say what it is about).
    r"|\b(?:i )?(?:don't|do not) think (?:this|that|it)(?:'s| is) (?:an?|the|our|a real) "
    r"(?:episode|show|session|webinar|interview)(?=\s*[,.;!?]|\s*$)"
    r"|\b(?:this|that|it)(?: isn't| is not|'s not) (?:an?|the|our|a real) (?:episode|show|session|webinar|interview)"
    r"(?=\s*[,.;!?]|\s*$)"
    r"|\b(?:are we|we're|we are) (?:even |not |never )?(?:keeping|using|publishing|airing|posting|putting out) this "
    r"(?:recording|episode)\b"
    # ... "Fine, stop the recording. We're not using any of this." (a karaoke bar's podcast, its guest on a stalled
    # train; "we're not using any of this data yet" goes on to say what).
    r"|\b(?:we're|we are|we won't be|we will not be) (?:not )?(?:using|keeping|publishing|airing|posting) any of "
    r"(?:this|that|it)(?=\s*[,.;!?]|\s*$)",
    re.IGNORECASE,
)


def called_off(sentences: Sequence[TimedSentence]) -> str | None:
    """The first words that call the session off, if any sentence says them."""
    return next(
        (found.group(0).strip(" ,.;!?") for line in sentences if (found := _CALLS_ITSELF_OFF.search(line.text))), None
    )


def refusal_reason(
    sentences: Sequence[TimedSentence],
    claims_found: int,
    *,
    min_content_words: int,
    substantive: bool = True,
    calls_off: str | None = None,
) -> str | None:
    """Why nothing from this recording should be published, or None when something should. ``substantive``
    says whether what was said (quotable or not) reads as claims rather than small talk; ``calls_off`` quotes
    the words that called the session off, when some did."""
    speech_s = _covered_seconds(sentences)
    heard = f"{speech_s:.0f} s of speech in {len(sentences)} sentences"
    if not sentences:
        return "nothing worth publishing: no speech was transcribed"
    if not substantive and calls_off:
        return (
            f'nothing worth publishing: {heard}; the session was called off ("{calls_off}") and nothing said '
            "reads as a claim that stands on its own"
        )
    if not substantive:
        return f"nothing worth publishing: {heard}, all small talk, logistics or filler; no claim found"
    if claims_found == 0:
        return (
            f"nothing worth publishing: {heard}; no claim in it was heard clearly enough to quote "
            "the speaker's words verbatim"
        )
    vocabulary = {word for sentence in sentences for word in content_words(sentence.text)}
    if len(vocabulary) < min_content_words:
        return (
            f"nothing worth publishing: {heard}, only {len(vocabulary)} distinct content words "
            f"(at least {min_content_words} needed) - too little said to build on"
        )
    return None


def _covered_seconds(sentences: Sequence[TimedSentence]) -> float:
    """Seconds the sentences span, counting time that two sentences share (one segment) once."""
    covered, reach = 0.0, 0.0
    for sentence in sorted(sentences, key=lambda s: s.start):
        start = max(sentence.start, reach)
        if sentence.end > start:
            covered += sentence.end - start
        reach = max(reach, sentence.end)
    return covered
