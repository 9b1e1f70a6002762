"""Find ad reads and self-promotion in what a speaker said: one vocabulary for every rail.

The insight stage strips what this module flags before any engine reads a transcript, the
framework-article guard reads its calls to action, product promotion and vendor positioning
from here, and the lead-magnet writer refuses a body line the speaker used to pitch. One
module, so the three can never drift apart.

The rules model the *structure* of commercial intent rather than a list of phrases: a verb
aimed at the listener ("book", "grab", "head over to") near a commercial object (a demo, a
trial, our website, the link); a first-person seller offering to do the work "for you"; a
spoken or written web address; a promo code; a price, discount or time-limited offer; a
sponsor lead-in; a vendor ranking itself; an interview's sign-off, from the host's "where can people find
you?" to the end of the guest's answer. Each cue says which rule fired and on what words,
so a reviewer can read why a sentence was set aside.

An ad read spans several sentences, not all of which carry a cue ("They make payroll painless
for small teams."): ``detect_pitch`` marks the whole block, from the sponsor lead-in to the
last cue before the talk resumes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from shared.clauses import tells_what_happened
from shared.events import Transcript, TranscriptSegment, TranscriptWord


class PitchKind(StrEnum):
    sponsor_read = "sponsor_read"
    web_address = "web_address"
    promo_code = "promo_code"
    offer = "offer"
    call_to_action = "call_to_action"
    product_promotion = "product_promotion"
    vendor_positioning = "vendor_positioning"
    # A host's cue for the guest's plug ("Where can people find you?"): the reply that follows is part of it.
    plug_invitation = "plug_invitation"
    # A sentence with no cue of its own, inside an ad read (between its lead-in and its last cue).
    ad_block = "ad_block"


@dataclass(frozen=True)
class PitchCue:
    """One rule that fired on a text: what kind of pitch, on which words (at which characters), and why."""

    kind: PitchKind
    matched: str
    reason: str
    start: int
    end: int
    # Whether it names or prices the speaker's own offer, whose read then runs on like a sponsor's.
    reads_on: bool = False


@dataclass(frozen=True)
class PitchFinding:
    """A cue at a position in a sequence of sentences or segments (``index``). From a transcript,
    ``segments`` are the segments the sentence touched and ``start``/``end`` their seconds."""

    index: int
    kind: PitchKind
    matched: str
    reason: str
    segments: tuple[int, ...] = ()
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class _Rule:
    kind: PitchKind
    pattern: re.Pattern[str]
    reason: str
    # Whether a match the clause before it, or its sentence's first clause, tells as what happened is a fact of the
    # story, not an offer ("We added a chase fee of fifty dollars a month" against "It comes with ... for nine dollars
    # a month"; "So we launched an annual membership, you pay up front, you get a free ticket every month").
    not_when_told_as_done: bool = False
    reads_on: bool = False


def _rule(
    kind: PitchKind,
    pattern: str,
    reason: str,
    *,
    case_sensitive: bool = False,
    not_when_told_as_done: bool = False,
    reads_on: bool = False,
) -> _Rule:
    flags = 0 if case_sensitive else re.IGNORECASE
    return _Rule(kind, re.compile(pattern, flags), reason, not_when_told_as_done, reads_on)


# Spoken numbers as Whisper writes them ("thirty", "forty nine") as well as digits.
_AMOUNT = r"(?:\$\s?\d[\d,.]*|\d[\d,.]*|(?:[a-z]+[- ])?[a-z]+)"
_TOP_LEVEL_DOMAIN = r"(?:com|io|ai|co|net|org|app|dev|fm|tv|ly|me|xyz|so|us|uk|shop|store)"
# Written addresses keep their domain in lower case: "community.So we..." is a missing space, not a site.
_WRITTEN_DOMAIN = rf"(?-i:{_TOP_LEVEL_DOMAIN})"
# A price with its currency, as Whisper writes one: "£149", "$450", "14 pounds", "a hundred and twenty five quid".
_NUMBER_WORD = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|and|few|couple|of)"
)
_PRICE = (
    rf"(?:[£$€]\s?\d[\d,.]*|\b(?:\d[\d,.]*|(?:{_NUMBER_WORD}[- ]){{0,6}}{_NUMBER_WORD}) (?:pounds|quid|dollars|bucks"
    r"|euros)\b)"
)
# What a seller sells or runs, as the speaker names it.
_OFFERING = (
    r"(?:website|site|homepage|page|store|shop|app|product|platform|tool|software|solution|service|services|course|"
    r"program|programme|community|newsletter|masterclass|cohort|accelerator|agency|membership|coaching|"
    r"consultancy|dashboard|widget|plugin|integration|suite|system|workshop|bootcamp|mastermind|add-on|addon)"
)
# What a call to action asks the listener to take: a sales meeting, an offer, a way in.
_COMMERCIAL_OBJECT = (
    r"(?:demo|walkthrough|free trial|trial(?! run| period| and error)|newsletter|mailing list|wait ?list|"
    r"consultation|discovery call|"
    r"strategy call|sales call|intro call|call with (?:me|us|my team|our team)|quote|discount|deal|offer|coupon|"
    r"pricing|subscription|"
    rf"early access|(?:our|my) (?:\w+ )?(?:{_OFFERING}|sales|team)|(?:our|my) (?:new |latest )?book|"
    r"the (?:link|button)|(?:our|my) (?:careers|jobs) page|"
    rf"(?:pro|premium|business|enterprise|growth|starter|annual|paid) (?:plan|tier)|"
    rf"free (?:[\w-]+ )?(?:account|guide|copy|ebook|e-book|checklist|template|download|masterclass|webinar|workshop)|"
    r"(?:the|my|our) (?:companion )?workbook|(?:the|our|my) (?:live|next|upcoming) (?:workshop|webinar|masterclass|"
    r"cohort|bootcamp|class|session)|"
    rf"(?:your|a) (?:seat|spot))"
)
# Where a clause starts, so a verb that follows is said *to* the listener, not about someone:
# "...resonated, book a demo" is aimed at you, "we sign up every customer" is not (nor is "our customers book a
# demo after..."). A Markdown line opens one too: "## Book a demo".
_CLAUSE_START = r"(?:^|(?<=[.;:!?,\u2014\n#>*])\s*|\b(?:and|so|then)\s+)"
_FILLERS = r"(?:(?:so|and|now|but|okay|ok|well|honestly|seriously|really|look|listen|hey|please|um+|uh+|just|"
_FILLERS += r"again|also|then|right|go ahead and|go|come|you know)[,\s]+)*"
_TO_THE_LISTENER = (
    rf"(?:{_CLAUSE_START}{_FILLERS}|\byou(?:'ll|\s+(?:can|could|should|just|might want to|need to|have to))\s+"
    r"(?:absolutely |definitely |really |totally )?|"
    r"\b(?:make sure (?:you |to )|be sure to |don't forget to |(?:i'd |i )?(?:encourage|invite|urge) you to |"
    r"all you (?:have|need) to do is |why not ))"
)
_CTA_VERB = (
    r"(?:sign up|subscribe|register|enrol+|join|download|grab|get|claim|book|schedule|request|try|start|visit|check|"
    r"head (?:over )?to|go to|check out|click|tap|hit|use|apply|call|text|contact|reach out to|talk to|buy|"
    r"order|upgrade|shop|pick)"
)
# ... and the team named by the business it works at ("my team at Keel and Kindred can set this up for you").
_SELLER_TEAM = (
    r"(?:we|i|(?:our|my) (?:\w+ )?team(?: (?:here )?at (?-i:[A-Z])[\w-]+(?:,? (?:and|&) (?-i:[A-Z])[\w-]+)?)?)"
)
# Who a host asks on behalf of, and what they would do to keep up with a guest ("where can folks follow your work?").
# ("Where can I find your docs?" is an attendee's question to a vendor, not the close of an interview.)
_AUDIENCE = r"(?:people|listeners|viewers|readers|folks|everyone|someone|they|our (?:listeners|audience|viewers))"
_FOLLOW_VERB = (
    r"find|follow|reach|connect with|learn more about|keep up with|read|get in touch with|get hold of|"
    r"follow along with|support"
)
_PLATFORM = r"(?:linkedin|twitter|x|instagram|youtube|tiktok|substack|bluesky|threads|mastodon|facebook)"

# Where the listeners a speaker makes an offer to are gathered ("anyone in the chapter", "anybody from the forum").
_GATHERING = (
    r"(?:chapter|club|call|room|meeting|panel|webinar|session|association|group|show|audience|hall|tent|forum"
    r"|conference|event|workshop|class|network)"
)
# What a speaker teaches or wrote and sells: narrower than _OFFERING, which also names sites, tools and services;
# read by the offers of the speaker's own course and by the lead-in to an ask.
_OWN_MATERIAL = (
    r"(?:course|class|workshop|program|programme|bootcamp|cohort|community|membership|masterclass|academy|newsletter"
    r"|workbook|guidebook|e-?book|toolkit)"
)
# The words that may describe it before its name ("a two-day plant room operator course", "a beginners' class").
_WORDS_BEFORE_MATERIAL = r"(?:[\w'-]+ ){0,5}"
_RULES = (
    # Sponsor lead-ins: the start of an ad read.
    _rule(
        PitchKind.sponsor_read,
        r"\bbrought to you by\b|\bsponsored by\b|\b(?:our|today's|this week's|this episode's|this month's) sponsors?\b"
        r"|\b(?:support|funding) for (?:this|the|today's) (?:show|podcast|episode|program|programme|webinar)"
        r" comes from\b"
        r"|\b(?:this|today's|the) (?:episode|show|podcast|segment|webinar|session|video|broadcast|stream|program"
        # ("this episode's brought to you my Skyline Measure": Whisper heard "by" as "my")
        r"|programme)(?:'s| is) (?:\w+ )?(?:brought|sponsored|supported|presented|powered|made possible|underwritten)\b"
        r"|\bpartner(?:ed|ing)? with (?:us|the show)\b"
        r"|\bmak(?:es|ing) (?:this|the|today's) (?:episode|show|podcast|webinar|session|series) possible\b"
        r"|\b(?:the|this) (?:episode|show|podcast|webinar)(?:'s)? sponsors?\b"
        # "This segment comes to you courtesy of a password manager I've used for years."
        r"|\b(?:comes?|brought) to you (?:courtesy of|thanks to)\b"
        # ... and who pays for the show, however named: "my little bit for the folks who pay for this series", "this
        # week's episode is possible because of the folks at ...".
        r"|\b(?:folks|people|company|companies|team|friends|sponsors?) (?:who|that) (?:pay for|fund|support|sponsor|"
        r"underwrite|keep) (?:this|the|these|our) (?:series|show|podcast|webinar|episode|sessions?|newsletter)\b"
        # ... or pay for the host's kit or bills: "the folks who pay for my microphone", "thank the folks who keep the
        # lights on around here".
        r"|\b(?:folks|people|company|companies|friends|sponsors?) (?:who|that) (?:pay for|paid for|buy|bought) "
        r"(?:my|our) (?:microphone|mic|mics|studio|headphones|recording kit)\b"
        r"|\b(?:folks|people|company|companies|friends|sponsors?) (?:who|that) (?:keep|kept) the lights on\b"
        r"|\b(?:episode|show|podcast|webinar|session|series) is (?:only )?possible (?:because of|thanks to)\b"
        # ... "So the show's kept alive by Pickwell" (Whisper: "the shows kept alive by"), and the gift the host
        # discloses: "And, full disclosure, they sent me one".
        r"|\b(?:show|podcast|episode|series|newsletter|channel|season|hour|stream)(?:'s|s| is)?(?: being)? (?:kept "
        r"(?:alive|going|running|afloat|on the air)|paid for|funded|supported|sponsored|underwritten|backed) by\b"
        # ... however the host hedges before the name: "this episode's being paid for, well, partly paid for, by
        # Kerbwise".
        r"|\b(?:show|podcast|episode|series|newsletter|channel|season|stream)(?:'s| is) being (?:partly |partially )?"
        r"(?:paid for|funded|sponsored|underwritten)\b"
        # ... or named and thanked for what they pay for in the room: "a big thank you to Dalesman Baits, who are paying
        # for the hall and the tea tonight", "Kestrel Professional, who are sponsoring this afternoon's stage".
        r"|(?-i:\b[A-Z][\w'&-]*),? who(?:'re| are)(?: kindly)? (?:sponsoring|paying for) "
        r"(?:this|the|tonight|today|our)\b"
        # ... or for what the room has had: "a big thank you to Plains Roofing Supply. Who paid for the brisket you all
        # just ate." (Whisper cut the sentence at the name; "Who paid for the lunch?" asks).
        # ... "where I thank the people who bought the coffee".
        r"|(?:(?-i:\b[A-Z][\w'&-]*),? |^\W*|\b(?:people|folks|lot|company|friends),? )who(?: have|'ve|'re| are)?"
        r"(?: kindly)? (?:paid for|paying for|bought|covered) (?:the|your|our"
        r"|all|everyone's|tonight's|today's) (?:[\w-]+ ){0,2}(?:lunch|breakfast|dinner|food|coffee|drinks|pizza|tea"
        r"|snacks|beer|room|hall|venue|brisket|biscuits?|buffet|refreshments)\b(?![^?]*\?)"
        # ... or helped: "the show gets a bit of help from Thornbury Mutual", "a quick word from the people who help
        # keep this show going", "the folks at Backstage Foam, who've been keeping this show going since episode forty".
        r"|\b(?:show|podcast|episode|series|newsletter|channel) gets (?:a (?:little )?bit o[fn] |some |a lot o[fn] )?"
        r"(?:help|support|backing) from\b"
        r"|\b(?:(?:who|that)(?:'ve| have) been (?:helping (?:to )?)?keeping|(?:people|folks|company|companies|friends"
        r"|sponsors?) (?:who|that) helps? (?:to )?keep) (?:this|the|our) (?:show|podcast|series|channel|newsletter) "
        r"(?:going|alive|running|afloat|on the air)\b"
        r"|\ba (?:quick |short |brief )?word from (?:our|today's|this week's|the) (?:sponsors?\b|(?:people|folks|"
        r"friends) (?:who|that) (?:help|keep|pay|fund|make|support))"
        r"|\b(?:thanks|thank you)\b[^.?!]{0,40}\bfor sponsoring\b"
        # ... the host's own lead-in: "and yes, this is the bit where we get paid".
        r"|\b(?:this is|here's|here comes|now for) the (?:bit|part) where (?:we|i) (?:get paid|pay the bills)\b"
        # ... "this season we're supported by Hagworth Boots" ("we're supported by volunteers" names no sponsor).
        r"|\bwe(?:'re| are) (?:kindly |proudly )?(?:supported|sponsored) by (?-i:[A-Z])"
        r"|\bfull disclosure\b[^.?!]{0,40}\b(?:they|he|she|the company|the brand) (?:sent|gave|gifted) (?:me|us)\b"
        # ... and what the sponsor paid for in the room: "The coffee you're all holding came courtesy of Vaultline"
        # (Whisper: "courtesy on"); "the photos are courtesy of the county archive" credits, and names no sponsor.
        r"|\b(?:came|comes|is|are|was|were) (?:to (?:you|us) )?(?:all )?courtesy (?:of|on) "
        r"(?!(?:the|my|our|your|his|her|their)\b)",
        "introduces a sponsor",
    ),
    # ... the show by its own name: "Ten Pin Talk is supported by Strikeline" (a sentence that opens on a name).
    _rule(
        PitchKind.sponsor_read,
        r"(?:^|[.!?]\s+)(?:(?:So|And|Now|Okay),? )?(?:[A-Z][\w'-]*\s+){1,4}is (?:proudly |kindly )?"
        r"(?:supported|sponsored|underwritten) by [A-Z]",
        "introduces a sponsor",
        case_sensitive=True,
    ),
    # The sign-off of an interview: the host hands the guest the floor to say where to follow them.
    _rule(
        PitchKind.plug_invitation,
        rf"\b(?:where|how) (?:can|should|do|could) {_AUDIENCE}(?: \w+)? (?:{_FOLLOW_VERB}) (?:you|your)\b"
        # ("Where do people go wrong first?" asks about the craft, "Where do they go, Dani?" about the picks.)
        rf"|\bwhere (?:can|should|do|could) {_AUDIENCE} (?:go|head)"
        r"(?:\s*\?|\s+(?:to|for|if|online|next)\b[^.?]{0,40}\?)"
        rf"|\b(?:tell|let) (?:everyone|people|folks|listeners|us|them|the audience) (?:know )?(?:where|how) "
        rf"(?:(?:they|people|folks|we) can|to) (?:{_FOLLOW_VERB}) you\b"
        rf"|\bbest (?:way|place) (?:for (?:people|folks|listeners) )?to (?:{_FOLLOW_VERB}) you\b"
        # ... or to hire them: "Carol, do you want to tell folks how they can work with you?" ("how do the nurses work
        # with you on handover?" asks about the job).
        r"|\b(?:tell|let) (?:everyone|people|folks|listeners|us|them|the audience) (?:know )?how (?:they|people|folks"
        r"|we|someone) (?:can|could) (?:\w+ )?(?:work with|hire|book) you\b"
        r"|\bhow (?:can|could) (?:people|listeners|folks|someone) (?:\w+ )?(?:work with|hire|book) you\b"
        r"|\bwants? to (?:get hold of|reach|find|follow) you\b[^.?]{0,60}\?"
        r"|\b(?:anything|something|what(?: else)?) (?:do )?you(?: want| wanted|'d like| would like)? to (?:plug\b|"
        r"(?:mention|shout out|share)\b[^.?]{0,50}\bbefore (?:we|i) (?:go|wrap|let you go|sign off|finish|close))"
        # ... however short: "Anything to plug?" (a hedge laying panel's moderator).
        r"|\banything (?:else )?to plug\b",
        "invites the guest to say where to follow them",
    ),
    _rule(
        PitchKind.call_to_action,
        rf"\b(?:you can |come )?(?:find|follow|connect with|look) (?:me|us)(?: up)? (?:on|at|over (?:on|at)) "
        rf"(?:{_PLATFORM}\b|my|our)"
        rf"|\bi(?:'m| am) (?:(?:pretty|very|mostly|really) )?(?:active )?(?:on|over on) {_PLATFORM}"
        r"(?=\s*(?:and|as|at|if|where|under|too|mostly|a lot)\b|\s*[,.!?]|\s*$)"
        rf"|\bsay hi (?:on|over on) {_PLATFORM}\b"
        # "All the details are on my blog" ("the details are on page four of the contract" point at no page of theirs).
        r"|\b(?:details|info|information|dates|everything)(?:'s| is| are) (?:all |up )?on (?:my|our) "
        r"(?:blog|website|site|web page|page|channel)\b"
        # ... and what the speaker made, up there or priced there: "I put together a little field guide ..., and it's up
        # on my website", "It's twelve pounds on our website" ("our hours are on the website" has no "my" or "our").
        rf"|\b(?:it's|it is|they're|they are) (?:all |up |available |for sale |{_AMOUNT} "
        r"(?:pounds|dollars|bucks|euros|quid) )?on (?:my|our) (?:website|site|blog|web page|online shop|shop)\b"
        # ... or priced there, wherever the price sits: "It's called Putt Math, fifteen bucks on my website".
        rf"|{_PRICE} on (?:my|our) (?:website|site|web page|online shop|shop|store)\b"
        # ... or for sale on the farm's own site: "it's for sale on our farm website for a hundred and forty dollars".
        r"|\bfor sale on (?:my|our) (?:[\w-]+ )?(?:website|site|web page|online shop|shop|store)\b"
        rf"|\b(?:over )?at my {_PLATFORM}\b|\bmy {_PLATFORM} (?:channel |page |newsletter )?is where\b"
        r"|\bwherever you (?:listen|get your podcasts|get podcasts|buy books)\b|\bwherever books are sold\b"
        r"|\byou can (?:pick|get|grab) (?:it|one|a copy) (?:up )?(?:at|on|from|wherever) (?:any|your|amazon|audible)\b"
        r"|\b(?:we|i) (?:have|'ve got|offer|run) a free (?:\w+ )?(?:course|guide|ebook|e-book|masterclass|workshop"
        r"|template|toolkit|community)\b[^.]{0,40}\b(?:our|my) (?:site|website|page)\b",
        "points the listener to where the speaker posts",
    ),
    # Web addresses, written or spoken ("acme dot io slash trial", "w w w dot ...").
    _rule(
        PitchKind.web_address,
        rf"https?://[^\s)\]]*[^\s.,;:!?)\]]|\bwww\.\S*\w|\bw ?w ?w dot\b|\[[^\]\n]+\]\([^)\n]+\)"
        rf"|\b[a-z0-9-]+\.{_WRITTEN_DOMAIN}\b(?:/[\w/-]*)?"
        rf"|\b(?!(?:the|a|an|this|that|of|in)\b)\w+,? dot {_TOP_LEVEL_DOMAIN}\b(?:(?: forward)? slash \w+)?"
        # ... whatever the domain, once a path follows it ("back hallway dot vet slash schedule").
        r"|\b\w+ dot \w+ (?:forward )?slash \w+"
        # ... or with its "dot" lost: "It's at the white floor, right or not, comes slash floor plan".
        r"|\bcom(?:es)? (?:forward )?slash \w+",
        "gives a web address",
    ),
    _rule(
        PitchKind.call_to_action,
        # "A link in the show notes gets one percent of listeners to click" is about links, not one.
        # "Putting links in the description barely gets clicks" speaks of the practice ("putting", "adding").
        r"(?<!\ba )(?<!ing )\b(?:links?(?:'s)?|linked) (?:is |are |will be )?"
        r"(?:going |coming |dropped |posted |pinned )?"
        r"(?:down )?(?:below|above|in (?:the|my|our) "
        r"(?:description|show notes|bio|comments|chat))\b"
        r"|(?<!\ba )(?<!ing )\blinks?\b[^.]{0,30}\b(?:description|show notes|bio|pinned comment)\b"
        # ... or the host's: "I'll pop Owen's email and the link to the cards in the chat now".
        # ("we'll put the link to the recording in the chat" is the session's own housekeeping.)
        r"|\b(?:i'll|i will|we'll|we will) (?:pop|put|drop|stick|paste|post)\b[^.?!]{0,40}?\blinks?\b"
        r"(?! to (?:the |today's |this |our )?(?:recording|slides?|survey|replay|deck|feedback|agenda|notes|minutes"
        r"|video|form)\b)[^.?!]{0,30}?\bin(?:to)? the (?:chat|follow[- ]?up email)\b"
        # "it's forty-nine dollars, and the link is on my website" ("the link on our website was broken" has no "is").
        r"|\blinks?(?:'s| is| are| will be) (?:up |posted )?on (?:my|our) (?:website|site|web page|page|profile)\b"
        r"|\b(?:through|via|at|click|tap|use|follow|hit|add|put|see) (?:a|the|this|that|my|our) link\b"
        # ... as an order to the listener, not what players or staff do ("They press the button, they get a clue").
        r"|(?:(?:^|[,.;:!?]\s+)(?:(?:so|and|now|then|just|please|simply|okay|go ahead and),?\s+)*|\b(?:you can|you just"
        r"|just|and|then|or) )(?:click|tap|hit|press) (?:the|that|this) (?:\w+ )?(?:button|banner)\b|\bclick here\b",
        "points the listener at a link",
    ),
    # Promo codes: a code the listener types, not the code a team reviews.
    _rule(
        PitchKind.promo_code,
        r"\b(?:promo|discount|coupon|offer|voucher|referral|checkout) code\b"
        # ... or said at the sponsor's stand: "anybody who goes over this morning and mentions the panel gets ...".
        r"|\b(?:who|and|if you|just) mentions? (?:the|this|our|tonight's|today's) (?:panel|talk|session|forum|meetup"
        r"|event|webinar)\b"
        r"|\buse (?:my|our) code\b|\bmention (?:the show|the podcast|this episode|us|me)\b"
        # ... or by its name: "just mention Curbside when you email them and they'll sort you out".
        r"|\bjust mention [\w' ]{1,30}? when you (?:email|call|order|book|sign up|check out|buy|ring|write to)\b"
        # ... or by the show's name: "mention Neck Relief when you order", "set up a trade account with them and
        # mention Bench Notes" ("mention the allergy when you book" is no code).
        r"|\bmention (?-i:[A-Z])[\w']*(?: (?-i:[A-Z])[\w']*){0,3}(?: when you (?:email|call|order|book|sign up"
        r"|check out|buy|ring|write to)\b|,? (?:and )?(?:they|we)(?:'ll| will)\b)"
        r"|\b(?:a|the|our) (?:discount |promo )?code for (?:everybody|everyone|you all|all of you|listeners"
        r"|attendees)\b"
        # ... spelt out for the listener: "it's in the chat now, TINROOF fifty, all one word".
        r"|(?-i:\b[A-Z][A-Z0-9]{3,}\b)[^.?!]{0,20}\ball one word\b"
        # "just tell them Jen from Off the Back sent you": the show's name said at the sponsor's counter is its code.
        r"|\btell (?:them|'em) (?:[\w']+ ){0,5}sent you\b"
        # ... or where the listener heard of the offer: "tell them you heard it on Roof and Rafter", "if you say you
        # saw this talk", "if you tell me you were at this panel".
        r"|\b(?:say|mention|tell (?:them|'em|me|us|the (?:\w+ )?(?:counter|shop|desk|staff)))(?: that)? you "
        # (Whisper: "tell them you heard it on roof, and after")
        r"(?:heard (?:it|about (?:it|them|us|this)) (?:on|through|via)\b"
        r"|(?:saw|heard|came from|were at|found|listened to)(?: (?:it|about (?:it|them|us|this)))?"
        r"(?: (?:on|at|from|through|via|in))? (?:(?:this|the|our|tonight's|today's) (?:\w+ )?(?:talk|panel|show|podcast"
        r"|episode|webinar|session|meetup|stream|video|channel|conference|newsletter|forum|event|expo|fair|meeting"
        r"|workshop)\b|(?-i:[A-Z])))"
        # ... or the group they belong to: "you just tell them you're North West chapter when you ring".
        r"|\btell (?:them|'em)(?: that)? you(?:'re| are| were)\b[^.?!]{0,40}?\bwhen you (?:ring|call|order|book"
        r"|phone|email|check out|pop in|go in|buy)\b"
        r"|\b(?:use|enter|apply|with|type in) (?:the |this )?code,? (?:it's |is )?(?:(?:uh|um),? )*"
        # ... a word and a number ("webinar 20"), or a word no one writes that way but a brand ("BidSmart", "SAVEBIG").
        r"(?:\w+ ?\d+|(?-i:[A-Z][a-z]+[A-Z]\w*|[A-Z]{4,}))\b",
        "gives the listener a promo code",
    ),
    _rule(
        PitchKind.promo_code,
        r"\b(?:[Uu]se|[Ee]nter|[Aa]pply|[Tt]ext|DM|[Mm]essage|[Cc]omment|[Tt]ype|[Pp]ing|[Ee]mail|[Rr]eply|[Ss]end)\b"
        r"[^.]{0,30}?\b[A-Z][A-Z0-9]{3,}\b",
        "gives the listener a code word to send or type",
        case_sensitive=True,
    ),
    # Prices, discounts, trials and time-limited offers.
    _rule(
        PitchKind.offer,
        rf"\b{_AMOUNT} ?(?:%|percent|per cent) off\b|\bsave (?:up to )?{_AMOUNT} ?(?:%|percent|per cent|dollars|bucks)"
        # ("he'll get you a free trial going for this December": a panelist's son at the registration desk.)
        r"|\b(?:offering|offers|doing|with|includes?|comes with|enjoy|claim|get|give|start|your|there's|there is) "
        r"(?:you )?(?:a |an |your )?"
        r"(?:free (?:(?:\d+|[a-z]+)[- ](?:day|week|month)[- ])?trial|(?:\d+|[a-z]+)[- ]day (?:free )?trial)\b"
        r"|\btry (?:it|us|them|\w+) (?:out )?(?:for )?free\b|\bno credit card (?:required|needed)\b"
        r"|\bfree for (?:the )?(?:first|1st) (?:\w+ )?(?:days?|weeks?|months?|years?)\b",
        "offers a discount or a free trial",
    ),
    _rule(
        PitchKind.offer,
        rf"\b(?:just|only) {_AMOUNT} (?:dollars|bucks|euros|pounds)\b|\b(?:just|only) \$\s?\d"
        r"|\b(?:plans?|pricing|prices) starts? at\b|\bpricing plans?\b",
        "quotes a price",
    ),
    _rule(
        PitchKind.offer,
        rf"\b(?:\$\s?\d[\d,.]*|{_AMOUNT} (?:dollars|bucks)) (?:a|per) (?:month|year|seat|user)\b",
        "quotes a price",
        not_when_told_as_done=True,
    ),
    # The price of what the speaker sells, said right after naming it: "It's a hundred and forty nine quid, and then
    # there's a group call every month", "It's £120 per family for the four weeks" (a sentence that opens on a price
    # points back at the offer before it; "It costs us about a hundred and twenty pounds a session" is what the
    # speaker pays) ...
    _rule(
        PitchKind.offer,
        r"(?:^|(?<=[.!?])\s+)\W*(?:(?:and|so|now|but|oh)[,\s]+)?(?:it's|it is|that's|that is|they're|they are) "
        rf"(?:just |only |about |around |roughly |normally |usually |a flat (?:fee|rate),? (?:of )?)?{_PRICE}"
        # (not what anyone pays at someone else's shop: "they're about 8 quid each from the big shed down the road")
        r"(?!\s+(?:each\s+)?(?:from|at) (?:the|a|any) (?!(?:website|site|link|page|door|stand|booth|table)\b))"
        rf"|(?:^|(?<=[.!?])\s+)\W*(?:(?:and|so|now|but|oh)[,\s]+)?it (?:normally |usually |only )?costs {_PRICE}"
        # ... or said for the listener's kind of group: "For schools in this network it's 450 pounds for the day".
        r"|\bfor (?:anyone|everyone|schools|members|listeners|people|charities|groups|clubs|churches|businesses)\b"
        rf"[^.?!,]{{0,30}}?,? (?:it's|it is|that's) (?:just |only )?{_PRICE}"
        # ... or its monthly fee said on, in pounds as in dollars: "and then there's a group call every month, that's
        # thirty quid a month" ("we kept fees at thirty-two pounds a month" tells what the club did).
        rf"|\b(?:that's|it's|that is|it is) (?:just |only )?{_PRICE} (?:a|per) (?:month|year|week)\b"
        # ... or for the season it runs: "I go through your actual numbers with you, ..., and it's 450 pounds for the
        # whole winter".
        rf"|\b(?:that's|it's|that is|it is) (?:just |only )?{_PRICE} for the (?:whole|full|entire) "
        r"(?:winter|summer|season|term|year|course|programme|program|block)\b"
        # ... or in the same breath: "I run training days at my yard in Leeds, it's one full day, ..., a hundred and
        # twenty five quid and I do lunch".
        r"|\b(?:i|we) (?:run|teach|host|offer|do|sell) (?:[\w'-]+ ){0,5}?(?:days?|courses?|class(?:es)?|workshops?"
        rf"|sessions?|training|retreats?|clinics?|kits?|bootcamps?|masterclass(?:es)?)\b[^.?!]{{0,140}}?{_PRICE}"
        # ... or sent to the listener: "and the whole lot is seventy five pounds with postage in the UK".
        rf"|{_PRICE} (?:with|including|inc|plus) (?:postage|p and p|p&p|delivery|shipping)\b"
        # ... or a course and its price in one breath: "there's an online course on the same site, about three hours of
        # videos, it's a hundred and ninety dollars".
        r"|\bthere(?:'s| is) (?:also )?an? (?:[\w-]+ ){0,2}(?:course|class|workshop|membership)\b[^.?!]{0,100}?"
        rf"{_PRICE}",
        "prices what the speaker sells",
        not_when_told_as_done=True,
        reads_on=True,
    ),
    # ... or cheaper from the speaker's own hand, whatever the clause before told: "and the letter we sent out about
    # the one pound fifty, and it's twelve pounds ninety nine, or ten pounds if you buy it straight from me".
    _rule(
        PitchKind.offer,
        r"\bif you (?:buy|order|get) (?:it|them|one|a copy) (?:straight |direct(?:ly)? )?from (?:me|us)\b",
        "prices what the speaker sells",
        reads_on=True,
    ),
    # ... or let in by the host: "Gillian said I could mention this, if you don't fancy building your own, that's what
    # the barn's for" (what follows is the speaker's own offer, read like a priced one up to its price or number).
    _rule(
        PitchKind.call_to_action,
        # ... however it was allowed: "and Jess said I'm allowed one", "Sophie said it was okay if I mentioned what I do
        # now"; or asked for: "Can I just say one thing about what I'm doing now, before we finish?"
        r"\b(?:said|says|told me) (?:(?:i|we) (?:could|can|might) (?:mention|plug|say a (?:quick |little )?word about)"
        r"|(?:i'm|i am|i was|we're|we are) allowed (?:one|a plug|a quick one|a (?:quick )?word)"
        r"|it(?:'s| is| was) (?:ok|okay|fine|alright|all right),? if (?:i|we) (?:mention|mentioned|plug|plugged))\b"
        r"|\b(?:mention|say (?:one thing|a (?:quick )?word|something) about|tell you about) what (?:i|we)(?:'m| am|'re"
        r"| are)? (?:do|doing)(?: now| these days| for a living)\b"
        # ... or asked to, or seized the moment: "because Rachel made me promise not to be shy, I actually help other
        # stores set that whole thing up now", "while I've got the microphone, we've actually opened our own wee
        # training yard".
        r"|\b(?:made me promise|told me) not to be (?:shy|modest)\b"
        # ... or promised it earlier: "Okay, so I said I'd tell you about my thing, here's my thing".
        r"|\b(?:i said|i promised|as promised)\b[^.?!]{0,20}?\b(?:tell you|talk) about my (?:(?:little|wee|own) )?"
        r"(?:thing|course|offer|plug|stuff|business)\b"
        # ... "And since Rachel said I could, I do a free frame board review for any independent here".
        r"|\b(?:since|as|seeing as) (?:\w+ ){1,2}(?:said|says) (?:i|we) (?:could|can)(?=\s*,)"
        # ... "Okay, since I've got everybody, my shop".
        r"|\b(?:while|since) i(?:'ve| have)? got (?:(?:the|this) (?:mic|microphone|floor|stage|room)|everybody|everyone"
        r"|you all|all of you)\b"
        # ... or begged pardon for: "And, sorry, cheeky one, this is actually what I do on my days off now", "Just a wee
        # plug, if I may", "one more plug from me", "And, uh, shamelessly, I write a little newsletter" (not "a small
        # plug of clay" or "pull the plug").
        r"|(?:^|[,.;!?]\s*)(?:(?:and|so|sorry|okay|ok|uh|um|oh),?\s+)*(?:a )?cheeky (?:one|bit),"
        r"|\b(?:quick|shameless) plug\b"
        r"|\bmy (?:(?:wee|little|small|brief|tiny|short|quick|cheeky) )?(?:sales|selling) (?:moment|bit|pitch|part)\b"
        r"|\b(?:wee|little|small|brief|tiny|short|cheeky|one more|another|last|final|bit of a) plug\b"
        r"(?!\s+(?:of|in|into)\b)"
        r"|\bplug,? if i may\b|(?:^|[,.;!?]\s*)(?:(?:and|so|uh|um|okay|ok|now),?\s+)*shameless(?:ly)?,"
        r"|\bshameless self[- ]?(?:promotion|interest)\b|\b(?:it's|this is|that's|bit|a bit|i know it's) shameless\b"
        r"|\bshameless (?:moment|bit|minute|second)\b"
        # ... "Can I do my 30 seconds of shamelessness?" (an archery panelist, before her book).
        r"|\bseconds of (?:shameless(?:ness)?|shameless (?:self[- ]?)?promotion|self[- ]?promotion|plugging)\b"
        # ... "And I'll keep it short, because I'm, I'm slightly shameless about this one."
        r"|\b(?:i'm|i am),? (?:(?:slightly|a bit|a little|totally|completely|utterly|being) )?shameless about\b"
        # ... "And I'll be shameless for one second, we teach that whole photo routine in the supervisor refresher".
        r"|\b(?:i'll|i will|let me|i'm going to|i'm gonna) be (?:a (?:bit|little) |very |totally )?shameless\b"
        # ... and the end of it, said as such: "It's on the same site. Okay. Plug over."
        r"|\bplug over\b|\bend of (?:the |my )?plug\b|\bthat's (?:my|the) plug\b|\bplug done\b"
        r"|\bthat's my (?:little |wee )?commercial\b",
        "announces a course or a day the speaker runs",
        reads_on=True,
    ),
    # ... and the doubt it answers before the listener buys: "And if you're not sure it's for you, just reply to my
    # email and tell me about your school".
    _rule(
        PitchKind.call_to_action,
        r"\bif you're not sure (?:it's|this is|if it's|whether it's) (?:for you|right for you|a (?:good )?fit)\b"
        r"|\bjust reply to (?:my|that|this|the|our|[\w]+'s) (?:[\w-]+ )?(?:email|e-mail|newsletter|message)\b",
        "tells the listener to sign up, buy or get started",
    ),
    # ... and the service offered in its place, or with it: "and if you'd rather I just came to you, I do half days on
    # site", "if you'd rather I just set it all up for you, I do that as well", "when you sign up with us for a year
    # the first visit is a full cellar check"; and its price for members: "with the member price on it".
    _rule(
        PitchKind.offer,
        r"\bif you(?:'d| would)? rather (?:i|we) (?:just )?(?:came|come) (?:to you|out to you|round)\b"
        r"|\bif you(?:'d| would)? rather (?:i|we) (?:just )?(?:set|sort|did|do) "
        r"(?:it|it all|everything|the whole thing)(?: all)?(?: up| out)? for you\b"
        r"|\bwhen you (?:sign up|join|book|register) with (?:us|me)\b"
        r"|\b(?:with|and) the (?:members?'?|member's|listener|early[- ]bird|network) (?:price|rate|discount)\b",
        "makes a time-limited or listener-only offer",
    ),
    # ... and the offer for those in the room: "for anyone in this room the first half day visit won't cost you
    # anything".
    _rule(
        PitchKind.offer,
        r"\bfor (?:anyone|everyone|anybody) (?:in|at) (?:this|the) (?:room|hall|session|meetup|workshop|talk)\b"
        r"[^.?!]{0,60}?(?:\bfree\b|\bwon't cost you\b|\bon the house\b|\b(?:\d+|[a-z]+) ?(?:%|percent) off\b"
        r"|\bdiscount)",
        "makes a time-limited or listener-only offer",
    ),
    # ... and what the listener who was there gets: "anyone who was here tonight can email her and she'll throw a free
    # sample board in".
    _rule(
        PitchKind.offer,
        r"\b(?:anyone|everyone|anybody),? (?:who(?:'s| is| was)|who's been|who has been) (?:here|on (?:the|this) call"
        r"|watching|listening)(?: (?:tonight|today|this evening))?,? (?:can|gets?|will get|'ll get)\b",
        "makes a time-limited or listener-only offer",
    ),
    # ... and the speaker's own course, offered to whoever wants what it teaches: "If anyone wants the full field
    # checklist we use, ..., I run a two-day hands-on course every spring"; what follows it is its read ("If you want
    # to actually go and do all of this, with some help, I run a course. It's a six week thing called ...").
    _rule(
        PitchKind.offer,
        r"\bif (?:anyone|anybody|you|folks|people|someone|somebody)(?:'d| would)? (?:wants?|likes?|needs?)\b"
        r"[^.?!]{0,80}?\b(?:i|we) (?:run|teach|host|offer|sell) (?:a |an |my |our )?"
        rf"{_WORDS_BEFORE_MATERIAL}{_OWN_MATERIAL}(?:e?s)?\b",
        "makes a time-limited or listener-only offer",
        reads_on=True,
    ),
    # ... or announced as coming up: "I'm running an in-person weekend workshop here at the studio in April", "we're
    # running our five day coastal leader course out of Stonington in May", "I'm also hosting a webinar next month"
    # (not "we run a weekly session" told as what the club does).
    _rule(
        PitchKind.offer,
        r"\b(?:i'm|i am|we're|we are|i'll be|we'll be) (?:also )?(?:running|hosting|teaching) "
        r"(?:a|an|my|our|another|the next) (?!weekly|monthly|regular)(?:[\w'-]+ ){0,4}"
        r"(?:course|class|workshop|session|weekend|day|retreat|bootcamp|masterclass|clinic|cohort|webinar|intensive)s?\b",
        "announces a course or a day the speaker runs",
        not_when_told_as_done=True,
        reads_on=True,
    ),
    _rule(
        PitchKind.offer,
        r"\byou(?:'ll| will)? get (?:\w+ ){0,4}(?:for free|free)\b",
        "makes a time-limited or listener-only offer",
        not_when_told_as_done=True,
    ),
    _rule(
        PitchKind.offer,
        r"\b(?:first|1st) (?:(?:\d+|[a-z]+) )?(?:month|year|order|box|week|session)s? (?:is |are |ships )?"
        r"(?:free|on (?:us|me)|for free|half off|half[- ]price)\b"
        r"|\b(?:first|1st) (?:\w+ )?(?:call|session|module|lesson|class|consultation|audit|chapter|workshop)\b"
        r"(?: \w+){0,2}(?: is|'s) (?:free|on us|on the house)\b"
        r"|\bjust (?:re)?opened (?:the |our |my )?(?:waitlist|wait list|applications|enrol+ment|registration|doors)\b"
        r"|\b(?:our|my) (?:calendar|books|diary)\b[^.]{0,25}\bopen(?:ed|s)? up\b"
        r"|\blifetime (?:access|deal|pricing|discount)\b|\blimited[- ]time\b|\bexclusive (?:deal|offer|discount)\b"
        r"|\bmoney[- ]back guarantee\b|\brisk[- ]free\b|\bat no (?:extra |additional )?(?:cost|charge)\b"
        r"|\bprice (?:goes|is going) up\b|\bspots are limited\b"
        # Scarcity is the offer's ("grab a seat before it sells out"); a bakery that sells out instead of throwing
        # bread away describes its day.
        r"|\bbefore (?:it|they|this|these|seats|spots|tickets|places) sells? out\b|\bselling out fast\b"
        r"|\b(?:seats|spots|tickets|places|cohorts?|workshops?|classes|sessions)\b[^.?!]{0,20}?"
        r"\b(?:sells?|selling) out\b"
        r"|\b(?:it|they|this|these)(?:'ll| will|'s going to|'re going to| is going to| are going to) sell out\b"
        r"|\bearly[- ]?bird\b|\bearly (?:price|pricing|rate|discount|registration)\b"
        # ... or a bonus for the first to take it: "the first fifty people who sign up also get a one hour call".
        r"|\bfirst (?:\d+|[a-z]+) (?:people|listeners|viewers|attendees|subscribers|sign-?ups|customers|clients"
        r"|students|members|families|folks|of you) (?:(?:to|who|that) \w+ (?:up )?)?(?:also |will |'ll )?"
        r"(?:get|gets|receive|save)\b"
        r"|\b(?:only )?(?:\d+|[a-z]+) (?:spots?|seats?) (?:left|remaining)\b|\b\d+ spaces (?:left|remaining)\b"
        r"|\b(?:we've got|we have|we still have|there(?:'s| is| are)(?: still)?(?: about| only| just)?)"
        r"(?:,? (?:i think|uh|um),?)? (?:\d+|[a-z]+) places (?:left|remaining)\b"
        # What the seller adds or lets off for the listener: "they'll throw in a free pair of running pliers", "they'll
        # waive the setup fee", "they'll knock the first two months off", "we won't charge you for the glass", "they'll
        # scrap a minimum order for your first three months".
        r"|\b(?:they|we|i)(?:'ll| will) (?:throw|toss|chuck|drop|pop|put) (?:in )?(?:a |an |some |the |your )?(?:free"
        r"|spare|extra|second|bonus|bag|pair|set|box)\b"
        r"|\b(?:they|we|i)(?:'ll| will) (?:scrap|drop|waive|skip) (?:the|a|your) minimum (?:order|spend)\b"
        r"|\b(?:they|we|i)(?:'ll| will) waive (?:the|your)\b"
        # ... or is knocking it off now: "they're knocking ten percent off synthetic underlayment" (Whisper: "of").
        r"|\b(?:they|we)(?:'re| are) knocking (?:[\w-]+ ){1,2}(?:percent|per cent|pounds|dollars|bucks|quid|euros) "
        r"of+\b"
        # ... or a bare sum: "and if you book before Christmas I'll knock twenty off" (not "knock it off").
        r"|\b(?:they|we|i)(?:'ll| will) (?:(?:knock|take) (?:the first )?(?:[\w-]+ ){0,2}?(?:months?|weeks?|percent"
        r"|per cent|pounds|dollars|bucks|quid|euros)|knock (?:a bit|something|a little|\d[\d,.]*"
        rf"|(?:{_NUMBER_WORD}[- ]){{0,3}}{_NUMBER_WORD})) off\b"
        r"|\b(?:we|i|they) (?:won't|will not) charge you\b"
        # ... or a charge of it: "mention today's forum and I'll knock the fitting charge off for every pub in your
        # league".
        r"|\b(?:they|we|i)(?:'ll| will) (?:knock|take) (?:the|your) (?:[\w-]+ ){0,2}(?:charge|fee|cost) off\b"
        # ... or a rate of the speaker's own for the listener's kind: "because I do a lower day rate for you lot".
        r"|\b(?:i|we) do a (?:lower|reduced|cheaper|special|discounted|smaller|cut) (?:day |daily |hourly )?"
        r"(?:rate|price|fee)\b"
        # ... or takes their name for the next course: "grab me by the tea urn after this and I'll put your name down".
        r"|\bi(?:'ll| will) put your name down\b"
        # ... or delivers for nothing: "if you're a member here they'll do free delivery on your first order, just ask
        # for the forum rate when you ring them" (Whisper heard the read's "sponsored by" as "concert by").
        r"|\bfree (?:delivery|shipping|postage|installation|setup|set-up) on your (?:first|next)\b"
        # ... or "anybody who goes over this morning and mentions the panel gets their templating visit free on the
        # first order".
        r"|\bfree on (?:the|your|their) first (?:order|booking|job|visit|install|delivery)\b"
        # ... or "We'll do your first two deliveries with no carriage charge, and you get a sample box today if you
        # leave us a business card" (a livefood supplier on a reptile show panel).
        r"|\b(?:we'll|we will|i'll|i will) do your first (?:[\w-]+ )?(?:deliveries|delivery|orders?|months?|sessions?"
        r"|visits?) (?:with no|without|free of) (?:carriage|delivery|postage|shipping|setup|set-up)\b"
        r"|\bif you leave (?:us|me) (?:a |your )?(?:business )?card\b"
        # ... or to whoever leaves one at the sponsor's stand: "anyone who runs a school and drops a business card at
        # the stand today gets trade prices on the new winter five fours".
        r"|\b(?:drops?|leaves?|hands? in|brings?) (?:a |your |their )?business cards? (?:at|on|to) "
        r"(?:the|our|their|my) (?:stand|table|booth|desk|stall)\b"
        # ... or the speaker's own service, free to whoever is there: "I'm running a free table health check for any
        # club in the room over the next couple of months" ("we're doing a free hot chocolate for every kid in a
        # costume" tells how a café works).
        r"|\b(?:i'm|i am|we're|we are|i'll|we'll|i will|we will) (?:be )?(?:running|doing|offering|giving|run|do|offer"
        r"|give) (?:a |an )?(?:[\w-]+ ){0,2}free\b[^.?!]{0,40}\bfor (?:any|every|anyone|anybody|everyone|everybody)\b"
        r"[^.?!]{0,30}\b(?:in the room|in this room|here (?:today|tonight)|on (?:the|this) call|listening|watching)\b"
        # ... or what the sponsor pays for: "if you open an account this month, they'll cover your first hundred jobs'
        # shipping".
        r"|\b(?:they|we|i)(?:'ll| will) (?:cover|pay for|pick up) (?:your|the) first\b"
        r"|\bask for the (?:[\w-]+ )?(?:rate|discount|deal|price) when you (?:ring|call|order|book|email|phone)\b"
        # "pay what you can, suggested twelve bucks": the price of the speaker's own offer, set by the listener.
        r"|\bpay what you (?:can|want|like)\b"
        # ... and what the sponsor does for the listener for nothing: "they'll set up your first season for you, no
        # charge" ("we redid the farmer's wall, no charge" tells of a job).
        r"|\bfor you,? (?:at |for )?no (?:extra )?charge\b|\bno charge to you\b"
        # ... or an amount off: "if you mention tonight's meetup at the counter this month, you get ten pounds off any
        # order over fifty" ("we knocked ten pounds off the price for regulars" tells what was done).
        rf"|\byou(?:'ll| will)? get {_AMOUNT} (?:pounds|dollars|bucks|euros|quid) off\b"
        r"|\b(?:our |my )?(?:listeners|viewers|attendees|subscribers) (?:can )?(?:get|receive|save|enjoy)\b"
        r"|\b(?:send|give) you (?:a |an )?(?:\w+ )?(?:discount|coupon|voucher)\b"
        r"|\b(?:is|are) (?:now )?on sale\b|\btickets (?:are )?(?:on sale|available)\b"
        # ("goes on one trolley by the tills at half price, every Friday" tells how the shop works)
        r"|\bat half (?:the )?price\b(?!,? every\b)|\b(?:get|gets|getting) (?:it |them |one )?half off\b"
        r"|\b(?:anyone|everyone|whoever) (?:who )?(?:signs? up|joins?|registers?|subscribes?)\b[^.]{0,30}\bgets?\b"
        # ... or an amount off for whoever is in the room: "anyone in the chapter gets ten percent off hammer shanks"
        # (Whisper: "10% of"), "anyone who shows a club card tonight gets ten percent knocked off", "the wristband gets
        # you that fifteen percent at their stand" ("a trained person with a clipboard gets you ninety percent of the
        # way there" offers nothing).
        rf"|\b(?:anyone|everyone|anybody|whoever)(?: who(?:'s| is))? (?:here|(?:in|on|at|from) (?:the|this|tonight's"
        rf"|today's|our) (?:[\w-]+ )?{_GATHERING})\b[^.?!]{{0,40}}?\bgets? (?:a |an )?{_AMOUNT} ?(?:%|percent|per cent)"
        # ... or something else free or cheaper for whoever came: "anyone on tonight's call gets ten pounds off the
        # course", "anybody from the forum gets the fitting done for nothing", "anyone on this call who books before
        # the end of June gets the ticket analysis thrown in", "letting everybody who came today have the packet for
        # a hundred dollars".
        r"|\b(?:anyone|everyone|anybody|everybody|whoever)(?:,? who (?:came|joined|attended|turned up|showed up)"
        r"(?: (?:today|tonight|this (?:morning|afternoon|evening)))?|(?: who(?:'s| is))? (?:in|on|at|from) "
        rf"(?:the|this|tonight's|today's|our) (?:[\w-]+ )?{_GATHERING})\b,?[^.?!,]{{0,50}}?"
        r"\b(?:gets?|(?:can )?have)\b[^.?!,]{0,40}?(?:\bfor nothing\b|\bfree\b|\bthrown in\b|\bwithout "
        rf"(?:paying|charging)\b|\bno charge\b|\b{_AMOUNT} (?:pounds|dollars|bucks|quid|euros) off\b|\bfor {_PRICE})"
        rf"|\b(?:anyone|everyone|anybody|whoever)\b[^.?!]{{0,40}}?\b(?:tonight|today)\b[^.?!]{{0,30}}?\bgets? "
        rf"(?:a |an )?{_AMOUNT} ?(?:%|percent|per cent)"
        rf"|\bgets? you (?:that |a |an )?{_AMOUNT} ?(?:%|percent|per cent) (?:off|discount|at (?:their|the|our|my))\b"
        # ... or a gift for whoever calls at the sponsor's stand: "if you pop by the stand today and scan the little
        # card on your seat, your first sample album is on them".
        r"|\bif you (?:pop|stop|swing|drop|come|head|go|wander) (?:by|over to|past|round to) (?:the|their|our|my) "
        r"(?:stand|stall|table|booth)\b"
        r"|\byour first (?:[\w-]+ ){1,3}(?:is|are|'s) (?:free|on (?:them|us|me|the house))\b"
        # ... or what they give whoever signs up: "They're giving anyone who signs up at the show three months for
        # nothing, and if you get your badge scanned at their stand you go into a draw for a tablet".
        r"|\b(?:giving|give|gives|offering) (?:anyone|everyone|everybody|you|listeners|members)\b[^.?!]{0,40}?"
        r"\b(?:for nothing|for free|free of charge|on the house)\b"
        r"|\b(?:you|you'll|you will) (?:go|get put|be put) into (?:a|the) (?:prize )?draw\b"
        # ... or a free tier by the size of the listener's team: "and it's free if you're under five people".
        r"|\b(?:it's|it is)(?: totally| completely)? free (?:if you(?:'re| are) under|for (?:teams of |up to |under )?)"
        r"(?:\d+|[a-z]+) (?:people|users|seats|members|staff)\b"
        # ... or a share off the listener's first year, however Whisper heard the "off": "use the code back room 15 for
        # 15% of your first year"; and places still open: "it's in June, and there are still a few places".
        rf"|\b{_AMOUNT} ?(?:%|percent|per cent) (?:off|of) (?:your|the) first "
        r"(?:year|month|order|box|booking|session)\b"
        r"|\b(?:there are|there's|we've got|we have|i've got|i have) still (?:a few|a couple of|some|\d+|[a-z]+) "
        r"(?:places|spaces|spots|seats)\b"
        # ... or "we've still got places on the January intake, and we'll do a reduced rate for anybody from this
        # forum".
        r"|\b(?:got|have|has) (?:still )?(?:a few |some )?places (?:left )?on (?:the|our|my) (?:[\w-]+ )?"
        r"(?:intake|course|cohort|class|workshop)\b"
        r"|\b(?:reduced|special|discounted|mates'?|friends'?) (?:rate|price)s? for (?:anyone|anybody|everyone|everybody"
        r"|you|listeners|members)\b"
        # ... or something for them first: "And for anyone on today, I'll do a free thirty minute call first".
        r"|\bfor (?:anyone|everyone|anybody|everybody) (?:on|here|in the room|on the call)(?: today| tonight)?,? "
        r"(?:i'll|i will|we'll|we will) (?:do|give|throw in|include)\b"
        # ... or an amount taken off for them: "Harriet's letting me take a hundred off for everybody here".
        rf"|\b(?:take|knock|taking|knocking) (?:a |an )?{_AMOUNT}(?: (?:pounds|dollars|bucks|quid|euros|percent))? off "
        r"(?:for|to) (?:everybody|everyone|anyone|anybody|you all|all of you|listeners|members)\b"
        # ... or copies to take home at a price: "I've got a few copies here at sixty dollars if you want one".
        rf"|\b(?:copies|a few|some) (?:here|with me|on the table|at the back|at the front) (?:at|for) {_PRICE}"
        # ... a draw to enter: "they're doing a free draw for a complete cedar hive".
        r"|\b(?:they're|they are|we're|we are|i'm|i am) (?:also )?(?:doing|running|having|holding) a (?:free |prize )?"
        r"(?:draw|raffle|giveaway)\b"
        # ... or drops by the sponsor's table: "anyone who stops by today gets their first on-site shred day free"
        # ("anyone who stops by the office gets the same answer" is no offer).
        r"|\b(?:anyone|everyone|whoever) (?:who )?(?:stops?|drops?|comes?|swings?) by\b[^.]{0,30}\b"
        # ... or "can get a free look at their returns program, and a quote on switching, no obligation".
        r"(?:gets?|can get|will get|'ll get) (?:their|your|a|an) (?:first|free)\b"
        r"|\b(?:free|quote|look|trial|consultation|chat|call|visit)\b[^.?!]{0,40}?,? no obligation\b"
        # ... or told with its next date, its cap, or what the listener takes home: "I run a two-day plant room operator
        # course, ..., and the next one's in Leeds on the fourteenth of May", "I run a two-day beginners' class in my
        # workroom, six people max, and you go home with a drop-in seat" ("we run a beginners' course every spring,
        # and most of us started there" tells how the club grows).
        rf"|\b(?:i|we) (?:run|teach|host|offer) (?:a|an|my|our) {_WORDS_BEFORE_MATERIAL}{_OWN_MATERIAL}\b"
        r"[^.?!]{0,100}?\b(?:the next one(?:'s| is) (?:in|on|at|this|next)\b"
        r"|you(?:'ll| will)? (?:go home|leave|walk away) with"
        r"|(?:\d+|[a-z]+) people max|max(?:imum)? (?:of )?(?:\d+|[a-z]+) people)"
        r"|\b(?:available (?:for|to) )?pre-?order\b|\b(?:premium|paid|pro) (?:subscription|membership|edition)\b"
        r"|\bfor the price of\b|\bwhile (?:they|stocks|supplies) last\b|\bit's yours (?:when|if|free|for)\b"
        # "There's a bundle deal on the whole series right now, it ends at midnight."
        r"|\bbundle (?:deal|price|pricing|offer|discount)\b"
        r"|\b(?:it|the (?:deal|offer|sale|discount)) ends (?:at midnight|tonight|tomorrow|"
        r"(?:on |this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
        r"|\b(?:seats|spots|places|numbers|tickets) are (?:capped|limited)\b"
        # A giveaway, and what every listener or member gets: "We're giving away three seats at the summit",
        # "every listener gets a complimentary strategy session", "members of the community get the slides".
        r"|\bgiv(?:e|es|ing) away (?:[\w-]+ ){0,2}(?:seats?|tickets?|licen[cs]es?|copies|spots?|subscriptions?|passes|"
        r"memberships?|places)\b|\bcomment below\b"
        r"|\b(?:every|each) (?:listener|viewer|attendee|subscriber|reader|member) (?:gets|receives|can (?:get|claim))\b"
        r"|\bmembers (?:of (?:the|our|my) (?:community|club|membership|group) )?get (?:the|a|an|our|my|early|free)\b"
        r"|\bworth joining\b|\bcomplimentary (?:[\w-]+ )?(?:session|call|consultation|audit|review|seat|ticket|pass|"
        r"copy|month|trial)\b"
        r"|\brefer (?:a|your) (?:friend|colleague|buddy|peer)\b|\byou both get\b"
        r"|\b(?:premium|paid|pro|annual|business|enterprise|top) (?:tier|plan|version|membership) (?:unlocks|includes|"
        r"gets you|gives you)\b"
        r"|\bthere's a free (?:version|plan|tier|edition) of\b|\bno reason not to (?:try|give|grab|get|join)\b"
        r"|\b(?:doors|seats|spots|places|enrol+ment|registration|applications|cohort|program|programme|course)"
        r"(?: \w+){0,3} (?:open|opens|close|closes)(?: \w+)? (?:on|in|at|this|next|tomorrow|tonight|soon|today|midnight"
        r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
        rf"|{_TO_THE_LISTENER}(?:join|sign up|register|subscribe|download|get|try|start)(?: \w+){{0,3}} for free\b"
        # ... or a first call with the speaker, free: "anyone who was on today can have a first call with him for free
        # before deciding" ("give the first lesson for free" is advice).
        r"|\b(?:anyone|everyone|everybody|you|listeners)\b[^.?!]{0,40}?\b(?:have|get|book|grab) (?:a|their|your) first "
        r"(?:call|consultation|session|chat|lesson|visit|meeting) with "
        r"(?:him|her|me|us|them) "
        r"(?:for free|free of charge|on the house)\b",
        "makes a time-limited or listener-only offer",
    ),
    # Calls to action: a verb aimed at the listener, near something to buy or sign up for.
    _rule(
        PitchKind.call_to_action,
        rf"{_TO_THE_LISTENER}{_CTA_VERB}\b(?:\W+\w+){{0,6}}?\W+{_COMMERCIAL_OBJECT}\b",
        "asks the listener to take up an offer",
    ),
    _rule(
        PitchKind.call_to_action,
        rf"(?:{_TO_THE_LISTENER}|\b(?:for|want) you to )(?:book|schedule|request|get|grab|watch|see|take|claim|start) "
        r"(?:a |an |your |the )?"
        r"(?:free |quick |live |personali[sz]ed |custom |\w+ )?(?:demo|walkthrough|trial|consultation)\b"
        r"(?!\s+(?:run|period|and error)\b)",
        "asks for a demo or a trial",
    ),
    _rule(
        PitchKind.call_to_action,
        rf"{_TO_THE_LISTENER}(?:sign up|subscribe|register|enrol+|buy|upgrade)"
        r"(?=\s+(?:now|today|here|there|at|on|if you haven't)\b|\s*[,.!?]|\s*$)"
        r"|\b(?:register|sign up|subscribe|enrol+|buy|order|apply) (?:now|today)\b"
        r"|(?<!\bto )(?<!let's )(?<!let us )\bget started (?:today|now|for free|in \w+ minutes)\b|^get started\b"
        r"|\b(?:hit|smash) (?:the bell|the like button|subscribe|reply|follow)\b|\blike and subscribe\b"
        rf"|{_TO_THE_LISTENER}(?:download|install) (?:the|our|my) (?:\w+ )?app\b"
        rf"|{_TO_THE_LISTENER}(?:(?:subscribe|follow(?: us)?|rate (?:us|the show))(?:,| and) )?"
        r"(?:leave|give|write|drop) (?:us|me) a (?:\w+[- ])?(?:review|rating)\b"
        r"|\b(?:check|try) (?:us|them) out\b(?!\s+(?:on|with|against|in)\b)"
        rf"|{_TO_THE_LISTENER}(?:(?:rate|review|follow|share) (?:the|this|our|my) (?:show|podcast|channel|newsletter)"
        r"|(?:leave|drop|put|share) (?:your|an) (?:email|e-mail|details|number)"
        r"|(?:book|grab|schedule|find) (?:some |a )?(?:time|slot|call) with (?:me|us|my team|our team)"
        r"|get in touch|drop (?:me|us) a line)\b"
        r"|\b(?:calendar|booking|sign-?up) link\b|\bupgrade if you\b"
        # ... and where the listener books it: "you can book on the Little Fallow Flowers website".
        r"|\byou can (?:book|sign up|register|buy|order)\b[^.?!]{0,20}\b(?:on|at|through|via) (?:my|our|the|their)\b"
        r"[^.?!]{0,30}\b(?:website|site)\b"
        # ... and where the listener signs up in the room: "the sign-up sheet is at our table right by the coffee".
        r"|\b(?:there(?:'s| is) a sign[- ]?up sheet|sign[- ]?up sheet(?:'s| is)) (?:(?:just|right) )?(?:by|at|on|near) "
        r"(?:the|our|my) (?:\w+ )?(?:door|table|desk|entrance|stand|booth|stall)\b"
        # A code on the slide is there to be scanned ("we put QR codes on every box" tracks boxes).
        r"|\b(?:scan|there's|there is|here's|here is) (?:the |a |this |that |my |our )?qr code\b"
        r"|\bqr code on (?:this|the|my|our) (?:slide|screen)\b",
        "tells the listener to sign up, buy or get started",
    ),
    _rule(
        PitchKind.call_to_action,
        r"\b(?:contact|call|talk to|speak (?:to|with)|reach out to|get in touch with) (?:our|my) sales\b"
        rf"|{_TO_THE_LISTENER}(?:contact|call|talk to|speak (?:to|with)|reach out to|get in touch with) "
        r"(?:the )?sales\b"
        r"|\bdm (?:me|us)\b|\bsend (?:me|us) a (?:dm|direct message)\b"
        # "just email me, we do a reduced rate" (not "just email us the photo": an instruction that says what to send).
        rf"|{_TO_THE_LISTENER}(?:email|e-mail|message|text|ping|write to) (?:me|us)"
        r"(?=\s*[,.;!?]|\s*$|\s+(?:if|and|about|at|directly|any ?time)\b)"
        r"|\b(?:shoot|send|drop|flick) (?:me|us) (?:an? )?(?:email|e-mail|message|line|note|dm|direct message)\b"
        r"|\bcome (?:and )?(?:find|grab|collar|talk to|hang out with|say hi to) (?:us|me)\b"
        # ... or hands out their cards: "I've got cards up here if anybody wants to grab me after", "I'll leave a pile
        # of cards on the table there" ("we've got some cards here" are the audience's questions); or leaflets, where
        # the audience sits: "I left some leaflets on the table out there" ("I put flyers through every door on the
        # estate" tells of marketing done).
        r"|\bi(?:'ve| have)? got (?:some |my |business )?cards\b"
        r"|\bi(?:'ll| will|'ve| have)? (?:leave|left|put) (?:a (?:pile|stack) of |some |my |a few )?"
        r"(?:(?:business )?cards\b|(?:leaflets|flyers|brochures)\b(?=[^.?!]{0,20}\b(?:on the tables?|at the back"
        r"|by the door|out there|on (?:the|your) chairs|at the front)\b))"
        # ... or says where theirs or the sponsor's are: "Their leaflets are on the table by the door" (Whisper: "Now
        # leaflets"), "My cards are on the table next to Gavin's leaflets" (not "all the cards are on the table").
        r"|\b(?:(?:my|our|their|his|her) (?:business )?cards|(?:my|our|their|his|her|now|the) (?:leaflets|flyers"
        r"|brochures))(?:'re| are) (?:all )?(?:on|at|by|next to) the (?:tables?|back|door|front|stand)\b"
        # ... or where their address is: "my email is on the handout Tom passed around, so just write to me".
        r"|\bmy (?:email|e-mail|number|phone number|details|contact details)(?: address)?(?:'s| is| are) (?:on|in) the "
        r"(?:handout|slide|last slide|screen|chat|sheet|card|flyer|leaflet)\b"
        r"|\bgive (?:us|me) a (?:call|ring|shout)\b"
        # Said to a listener who fits ("if you run a practice, we should talk"), not about a colleague.
        r"|\bif you\b[^.]{0,120}\bwe should (?:probably |definitely |really )?(?:talk|chat)(?=\s*(?:[.!]|$))"
        r"|\b(?:conversation|chat) (?:i'd|i would|we'd|we would) love to have with you\b"
        # "If an account goes quiet, reach out" is advice; "if that sounds like you, reach out" is an offer.
        r"|\bif (?:that|this|it|any of (?:this|that))(?: \w+){0,2} (?:sounds like you|resonates|is you|rings a bell"
        r"|speaks to you)\b[^.]{0,30}\b(?:reach out|get in touch|talk to (?:me|us))\b"
        r"|\blet's talk\b\W*$|\b(?:and )?i(?:'ll| will) send you (?:the|a|my) (?:\w+ )?"
        r"(?:template|guide|link|playbook|checklist|deck|script|swipe file)\b"
        # ... or puts the listener's way in where they are: "we actually have a private Slack for folks like you",
        # "reply in the chat and I'll send it over", "I'll drop the signup form in the chat".
        # ("I'll send you an invite" is as often a calendar's.)
        r"|\b(?:we|i) (?:actually )?(?:have|run|host) a (?:private|paid|members-only) (?:slack|discord|community|group|"
        r"forum|circle)\b"
        r"|\b(?:reply|comment|type|say so) (?:in|into) the chat\b[^.]{0,30}\b(?:i|we)(?:'ll| will) send\b"
        r"|\b(?:(?:i|we)(?:'ll| will)|let me) (?:drop|put|post|paste|pop) (?:the|a|our|my) (?:[\w-]+ )?"
        r"(?:form|sign-?up|registration|booking|checkout)(?: form| page)? (?:in|into) the chat\b"
        r"|\byou know where to find (?:me|us)\b|\b(?:i'm|we're|i am|we are) (?:not|never) (?:hard|difficult) to find\b"
        r"|\bif (?:that|this|it) sounds (?:useful|interesting|helpful|good|like something)\b[^.]{0,40}\b(?:website|"
        r"site|page|link|wait ?list|sign up|join)\b"
        # "If you want a second pair of eyes on your pricing page, that's my day job, happy to take a look."
        r"|\bthat's (?:my|our) (?:day job|bread and butter)\b|\b(?:i'm|we're|i'd be|we'd be) happy to take a look\b"
        r"|\b(?:i|we)'d love to do the same for (?:you|yours|your)\b"
        r"|\bput (?:us|me) on your (?:short ?list|list|radar)\b|\bwe(?:'ll| will) beat any (?:quote|price|offer)\b",
        "asks the listener to contact the seller",
    ),
    # A first-person seller offering the product or the service.
    _rule(
        PitchKind.product_promotion,
        rf"\bthat(?:'s| is) (?:\w+ly )?(?:why|what) (?:we|i)(?:'ve)? (?:built|made|created|designed|launched|started)\b"
        # ... however the reason is put: "which is the whole reason I started building Firstlook".
        r"|\b(?:that(?:'s| is)|which is|and that's) (?:\w+ly )?"
        r"(?:the|exactly the|the whole|the real|the main|kind of the) reason (?:why |that )?(?:we|i)(?:'ve)? "
        r"(?:(?:started|began|ended up) (?:building|making|creating)|built|made|created|founded|launched)\b"
        rf"|\b(?:we|i) (?:built|made|created) (?:a|an|our|this) (?:\w+ )?{_OFFERING} (?:that|to|which|so)\b"
        rf"|\b(?:we've|we have|we) (?:just )?(?:launched|released|rolled out) our\b"
        r"|\bi run an? (?:\w+ )?(?:agency|consultancy|program|programme|course|studio|firm|business) that\b"
        # ... and saved for later: "which is the course I run, I'll talk about it more at the end", "one of the
        # templates in my course, but I'll come back to that at the end".
        rf"|\b{_OWN_MATERIAL}\b[^.?!]{{0,60}}\bi'll "
        r"(?:(?:talk|tell you) (?:more )?about|come back to|get (?:back )?to) "
        r"(?:it|that|this|them) (?:more )?(?:at the end|later on|later)\b"
        # ... what the speaker publishes or teaches under a name of its own ("I write a newsletter called Bell Work").
        r"|\b(?:i|we) (?:write|run|host|publish|send out|put out|started|have) (?:a|an|my|our) (?:\w+[- ])?"
        r"(?:newsletter|podcast|substack|course|workshop|masterclass|bootcamp|cohort|community) (?:called|named)\b"
        # ... and the book they wrote it up in: "I've written all of this up in a little book called Running the Band"
        # (Whisper: "I'm written all on this up"; "I wrote every repair in a book called the fault log" kept a record),
        # an aside or not: "I wrote all of this up, and a lot more besides, in a little book called Mop and Minutes".
        r"|\b(?:i|i've|i have|i'm|we've|we have) (?:written|wrote|put)\b[^.?!]{0,30}?\bup(?:,[^.?!,]{0,30},)? "
        r"in(?:to)? (?:a|an|my|our) "
        r"(?:little |short |new |small |free )?(?:book|guide|handbook|e-?book|workbook|field guide|booklet),? "
        r"(?:it's |it is )?called\b"
        # ... or only says it put it all in one ("we've put everything we learned into a wee handbook. ... It's 12
        # pounds on our website"; "we put everything into a handbook every volunteer reads" told what was done).
        # ... or is putting it in one now ("I'm putting everything into an online course, it's called ...").
        r"|\b(?:i|we)(?:'ve| have|'m| am|'re| are) (?:put|putting) (?:everything|it all|all of (?:it|this|that))\b"
        r"[^.?!]{0,30}\binto (?:a|an|my|our) (?:wee |little |short |small |new |online )?(?:book|handbook|guide"
        r"|workbook|e-?book|booklet|toolkit"
        r"|course)\b"
        rf"|\b(?:my|our|the) paid {_OFFERING}\b"
        # ... and the one they have just finished for the listeners who asked ("And yes, I finally finished the
        # pricing course, it's called ..."; "I just finished a course" took one).
        r"|\b(?:i|we)(?:'ve| have)? (?:finally|just) (?:finished|launched|released|published|opened)"
        r" (?:my|our|the) (?:[\w-]+ ){0,2}?"
        r"(?:course|class|book|workshop|masterclass|bootcamp|program|programme|template pack|toolkit|guide)\b"
        r"|\bwe(?:'re| are) hiring\b(?=\s*[,.!?]|\s*$|\s+(?:by the way|right now|now)\b)"
        r"|\bwe(?:'re| are) (?:also )?hiring\b[^.]{0,50}\bright now\b|\b(?:way to|you can|please) support us\b"
        r"|\bpatreon\b|\bbuy (?:me|us) a coffee\b|\bsupport (?:the|this|our|my) (?:show|podcast|channel|newsletter)\b"
        # ... and names it: "built into the takeoff software we make on the side, it's called Scopeline". A
        # method the speaker named ("we built a checklist, it's called the three-question test") is no product.
        rf"|\b(?:{_OFFERING}|book|company|startup|business) (?:that |which )?(?:we|i) "
        r"(?:make|sell|run|wrote|launched)\b[^.?!]{0,40}?\b(?:it's|it is|which is|that's|it was) called\b"
        # ... or introduces their own business by its name and what it does ("so my agency is Lingofold, and we do
        # an audit"); "my company is growing" and "our firm is Dutch, so..." name nothing for sale.
        r"|\b(?:my|our) (?:agency|consultancy|company|studio|firm|startup|business|practice|shop)"
        r"(?:'s| is) (?:(?:called|named) (?-i:[A-Z])[\w-]+|(?-i:[A-Z])[\w-]+(?=,? and (?:we|i)\b))"
        # ... or the app they built, by its name: "which is partly why I built Pollen Link, it's an app where growers
        # put in their acreage".
        r"|\b(?:i|we) (?:built|made|launched|started|created|developed) (?-i:[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3}),? "
        r"(?:it's|it is|which is|that's) an? (?:[\w-]+ ){0,2}(?:app|platform|tool|website|service|marketplace"
        r"|plugin)\b"
        # ... or what else the guest sells where they just pointed: "and we sell the yarn and the felting fibre on there
        # too".
        r"|\b(?:we|i) (?:also )?sell (?:[\w'-]+,? ){1,8}?on (?:there|the (?:web)?site|(?:our|my) (?:web)?site)\b",
        "the speaker presents what they sell",
    ),
    _rule(
        PitchKind.product_promotion,
        rf"\b(?:{_SELLER_TEAM}|our (?:consultants|experts|coaches|specialists))(?:'ll|'d|\s+(?:can|could|will|would))"
        r"\s+(?:\w+\W+){0,6}?"
        r"(?:for (?:you|your (?:team|company|business))\b|get you (?:set up|started|onboarded)|set you up)"
        rf"|\b(?:my|our) (?:\w+ )?(?:{_OFFERING}|team|agency) (?:offers|builds|sells|runs) (?:[\w-]+ ){{0,5}}?for "
        r"(?:startups|clients|teams|companies|founders|you|exactly this)\b"
        r"|\b(?:as|offer|sell|run) (?:a |an |our |my )?done[- ]for[- ]you\b"
        r"|\b(?:client|coaching|consulting) (?:slots|spots)\b"
        r"|\b(?:i|we) (?:take on|do|offer) (?:a (?:few|handful of|couple of|limited number of) |some )?"
        r"(?:consulting|coaching|mentoring|advisory) (?:calls?|clients|sessions?)\b"
        # ... or to come and teach it: "if your depot fancies it, I'll come out in the autumn and run a calibration
        # morning with your drivers".
        r"|\bif your (?:\w+ ){1,2}(?:fancies|wants|would like|'d like)\b[^.?!]{0,15}\b(?:i|we)"
        r"(?:'ll| will| can| could) (?:happily |gladly )?come (?:out|over|down|in|to you)\b"
        r"|\b(?:automated|built|available) (?:in|into|with) (?:our|my) (?:app|product|platform|tool|software)\b"
        r"|\buse (?:our|my) (?:template library|templates|toolkit|framework kit)\b"
        r"|\bwhat (?:our|my) (?:product|platform|tool|software|app|service) (?:was )?(?:built|made|designed) "
        r"(?:to|for)\b"
        r"|\bthe problem (?:our|my) (?:product|platform|tool|software|app|service) was (?:built|made|designed) to\b"
        r"|\bwe(?:'ll| will) (?:do|handle|take care of) (?:the heavy lifting|everything|it all|all of (?:it|this|that)"
        r"|the rest|the work)\b"
        # "If your company wants this training in-house, we run it for groups of up to twenty."
        r"|\bif (?:you|your)\b[^.]{0,60}\b(?:we|i) (?:run|do|deliver|teach|offer|host) (?:it|this|that|them) "
        r"(?:for|in-house|on-site)\b"
        r"|\bthat's (?:exactly |precisely )?(?:the|what) (?:kind|sort|type) of (?:\w+ )?"
        r"(?:project|work|thing|engagement)s? "
        r"(?:we|i) (?:take on|do|help (?:\w+ )?with|speciali[sz]e in)\b"
        r"|\bproblem (?:that )?(?:we|i) built (?:\w+ )?(?:to|for)\b|\bgive (?:it|us|them|\w+) a (?:spin|whirl)\b"
        r"|\bthat's (?:literally |exactly |precisely )?what it's (?:for|built for|made for)\b"
        r"|\blet (?-i:[A-Z])[\w-]+ (?:do|handle|take care of|run)\b[^.?]{0,40}\bfor you\b",
        "the seller offers to do the work for the listener",
    ),
    # ... what it does, as a verb of its own ("our website ... helps"), not one of the speaker's ("it goes on our
    # website, good month or bad month, and that's the figure we give anyone who asks").
    _rule(
        PitchKind.product_promotion,
        rf"\b(?:our|my|its|their) (?:new |latest )?(?:{_OFFERING}|features?)\b(?!\s+team\b)"
        r"(?=[^.]{0,60}\b(?<!\bwe )(?<!\bi )(?<!\bthey )"
        r"(?:for you|you can now|you.ll get|helps?|lets?|allows?|enables?|automates?|handles?|"
        r"boosts?|saves?|plugs?|integrates?|takes care|does|makes?|gives?|automatically|out of the box"
        r"|is (?:the|a|an|built|designed|made|perfect"
        r"|for)|in action)\b)"
        rf"|\b(?:with|using|through|via) (?:our|my) (?:\w+ )?{_OFFERING}\b",
        "promotes the seller's product",
    ),
    _rule(
        PitchKind.product_promotion,
        r"\b(?:new |latest )?(?:dashboard|feature|integration|app|tool|platform|product|software|widget|plugin)s? "
        r"(?:lets|allows|helps|enables) you\b|\b(?:it|each|every \w+|the \w+ plan) (?:also )?(?:comes|ships) with\b"
        r"|\bpacked with\b|\bincluded in\b|\bpart of the (?:annual|monthly|pro|premium|paid) plan\b"
        rf"|\b(?:our|my) (?:\w+ )?{_OFFERING} is the (?:easiest|fastest|simplest|best|quickest) way\b"
        r"|\bbuilt-in\b|\bone-click\b|\bin one click\b|\bai-powered\b|\bpowered by\b"
        # A launch told to the listener: "it's live for every customer today", "the beta is open".
        r"|\b(?:it's|it is|now|is|are) (?:now )?live (?:for|to) (?:every|all)\b"
        r"|\bthe (?:beta|early access|preview|pilot program) is (?:now )?open\b"
        r"|\b(?:it's|it is|they're|they are|available) (?:on|in|at) (?:my|our) (?:store|shop)\b"
        r"|\b(?:it's|it is|they're|they are|that's) (?:all )?in (?:my|our) (?:newsletter|course|membership|paid \w+)\b"
        # ... or in the one the speaker sells: "The checklist my drivers use is in the pack I sell on my site".
        r"|\b(?:is|are) (?:all )?in the (?:[\w-]+ ){0,2}(?:pack|kit|bundle|book|guide|course|templates?|workbook"
        r"|toolkit|membership) (?:that |which )?(?:i|we) sell\b"
        # ... or in the one the speaker will come to at the end: "I go through the full spreadsheet for that in the
        # course I'll mention at the end".
        rf"|\b(?:the|my|our) (?:[\w-]+ ){{0,2}}(?:{_OWN_MATERIAL}|book|kit|pack|bundle|templates?|service)s? "
        r"(?:that |which )?(?:i|we)(?:'ll| will|'m going to| am going to|'re going to| are going to) "
        r"(?:mention|tell you (?:a (?:bit|little) )?about|say (?:a (?:bit|word) )?(?:more )?about|plug) "
        r"(?:at the end|before (?:we|i) (?:finish|go|wrap|close|sign off|let you go)|later on"
        r"|in a (?:bit|minute|moment))"
        r"|\b(?:our|my) (?:customers|clients|users) (?:\w+ ){1,4}in (?:an?|one|under an?|less than an?) "
        r"(?:afternoon|hour|morning|day)\b"
        r"|\b(?:swing|stop|drop|pop|come) by (?:our|my) (?:booth|stand|table|store|shop|office)\b"
        # ... or where the exhibitor stands, to whoever wants to try them: "if any shop owners in the room want to try
        # us, we're Cricket Hollow, we're on stand forty-two".
        r"|\b(?:we're|we are|i'm|i am|you'll find us|find us) (?:on|at) stand (?:number )?\w+"
        r"|\bif (?:any|anyone|anybody)\b[^.?!]{0,40}\bwants? to (?:try|give) us\b"
        r"|\b(?:i|we)(?:'ll| will) (?:have|be running) a (?:table|stall|booth|stand) at (?:the )?(?:[\w'-]+ ){0,3}"
        r"(?:show|fair|market|expo|convention|festival|meet|hamfest)\b"
        r"|\bintegrates (?:seamlessly )?with\b"
        r"|\bplug(?:s)? (?:right )?into\b",
        "sells the product's features",
    ),
    # The vendor ranking itself.
    _rule(
        PitchKind.vendor_positioning,
        r"\bwe(?:'re| are) (?:the |a )?(?:leading|#1|number one|top-rated|fastest-growing|most trusted|leader)\b"
        rf"|\bwe(?:'re| are) the best (?:\w+ )?(?:{_OFFERING}|provider|vendor|company|choice|option)\b"
        r"|\b(?:the )?only (?:platform|product|tool|vendor|solution|provider|app|software|company|service) "
        r"(?:that|which|built|on the market|out there)\b"
        r"|\b(?:industry|market)[- ]leading\b|\bbest[- ]in[- ]class\b|\bworld[- ]class\b|\bmarket leader\b"
        r"|\baward[- ]winning\b|\bleading (?:provider|platform|solution|vendor|supplier)\b|\btrusted by\b"
        r"|\bour solutions?\b(?!\s+(?:to|was|were|for|in|there|here|had|did)\b)",
        "the vendor positions itself",
    ),
    _rule(
        PitchKind.vendor_positioning,
        r"\b(?:teams|companies|customers|clinics|users|businesses|brands|marketers|agencies|clients|firms|stores) "
        r"(?:already )?(?:trust|rely on|love|choose|switched to) (?:us|our)\b"
        r"|\bunlike (?:other|legacy|traditional|competing|most|the other) (?:\w+ )?(?:vendors|tools|platforms|"
        r"solutions|providers|products|agencies|companies|apps)\b"
        r"|\bour (?:customers|clients|users) (?:\w+ly )?(?:love|rave|swear by|see results|get results|typically see)\b",
        "the vendor positions itself",
    ),
)

# Where the talk picks up again after an ad: the block ends before these.
_TALK_RESUMES = re.compile(
    r"^\W*(?:(?:okay|ok|alright|all right|so|and|now|right)[,\s]+)*(?:anyway|back to|where were we|let's get back"
    r"|let's go back|returning to|as i was saying|so, back|now, back"
    # ... or turns to the audience's questions: "Alright, a listener question.", "Let's take some questions."
    r"|(?:a|one|another|the next|our (?:first|next)) (?:listener|audience|viewer|reader) question"
    r"|(?:a|one|another) question from (?:the (?:audience|chat|room)|a (?:listener|viewer))"
    r"|(?:let's|let me|we'll) (?:take|grab|get to|go to) (?:a |some |your |a few )?questions?)\b",
    re.IGNORECASE,
)
# The sponsor's name right after its lead-in, so the block can follow "Ledgerly makes ..." sentences.
_SPONSOR_NAME = re.compile(
    r"\b(?:brought to you by|sponsored by|supported by|presented by|powered by|comes from|our friends (?:over )?at"
    r"|sponsors?,)\s+((?:[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,2})"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")
# Cues that send the listener somewhere or offer them something...
_SENDS_THE_LISTENER = frozenset(
    {PitchKind.call_to_action, PitchKind.web_address, PitchKind.promo_code, PitchKind.offer}
)
# ...and the sentence right after one that tells them what they can do or will get there.
_WHAT_YOU_GET = re.compile(
    r"^\W*(?:(?:and|so|then|there|plus)[,\s]+)?you(?:'ll| will| can| could| get| also get)\b"
    # ... or the host saying where the address now is: "It's in the chat, and I'll put it in the follow up email".
    r"|^\W*(?:(?:and|so|okay|ok|right|yep|yes)[,\s]+)*(?:it's|it is|that's|the link's|the link is) (?:already |now )?"
    r"(?:in|on) the chat\b",
    re.IGNORECASE,
)
# ...and the one right before it that says what the listener wants it for ("If you want the templates, they're in
# the course. Link's in the chat."): the condition of the ask, with nothing said but where to go.
_IF_YOU_WANT = re.compile(
    r"^\W*(?:(?:and|so|now|again|also|oh|uh|um)[,\s]+)*if you(?:'d| would)? "
    r"(?:want|like|need|are interested|'re interested)\b",
    re.IGNORECASE,
)
# ...or the one right before an ask that opens on "so", when it names the speaker's own business ("I do this through
# my own firm now, Whitfield Field Services. So if your utility wants help, come find me after."): the ask follows
# from it.
_OWN_BUSINESS = re.compile(
    r"\bmy (?:own )?(?:firm|company|agency|consultancy|practice|business|studio)\b|\bour (?:firm|agency|consultancy)\b",
    re.IGNORECASE,
)
_FOLLOWS_ON = re.compile(r"^\W*(?:and )?so\b", re.IGNORECASE)
# ...or the one right before it, or a few before, that introduces what the speaker sells ("I run a six week course
# called Grant Ready, where we write a real proposal together. It's $349, that's at grantready dot org."), however the
# ask opens (``_offering_introduced_before``).
_OWN_OFFERING = re.compile(
    r"\b(?:(?:i|we) (?:run|teach|host|offer|built|started|created|launched|write|wrote|put together|made)"
    r"|(?:i'm|i am|we're|we are) (?:running|starting|launching)) "
    rf"(?:a |an |my |our )?(?:[\w-]+ ){{0,3}}(?:{_OWN_MATERIAL}|group|circle)(?:,? [\w']+){{0,4}}"
    # (its name may come in a sentence of its own: "so I run a one-day course on my own boat. It's called Lockwise")
    r"(?:[,.]? (?:it's|it is|and it's))? called\b"
    # ... or the business a sideline became: "that's turned into a wee business called Hum Free Power" (said a line
    # before what it delivers and the discount).
    r"|\b(?:turned into|became|grew into|started|set up) (?:a |my |our )?(?:wee |little |small |side |tiny )*"
    r"(?:business|company|firm|sideline|outfit|consultancy) called\b"
    # ... or runs one at a time of year, said before its price: "I run a tap teachers' retreat every July, four days in
    # Hocking Hills ... It's about twelve hundred dollars with the cabin".
    r"|\b(?:i|we) (?:run|host|teach|lead) (?:a|an|my|our) (?:[\w,'-]+ ){0,4}(?:retreat|course|class|workshop|bootcamp"
    r"|masterclass|clinic|intensive|weekend|camp|tour)s? (?:every|each|in|this|next)\b"
    # ... or a group they mentor, whenever it meets: "Over the winter I run a small mentoring group for farms ..., six
    # farms at a time ... I go through your actual numbers with you, ..., and it's 450 pounds for the whole winter".
    r"|\b(?:i|we) (?:run|host|lead) (?:a|an|my|our) (?:small |little |wee |new )?(?:mentoring|coaching|mastermind|peer"
    r"|accountability) (?:group|circle|programme|program)\b"
    # ... or says they made one, a line before its price: "I've put together an online course, it's six short
    # modules, pricing, contracts, insurance ... It's £195".
    rf"|\b(?:i|we)(?:'ve| have)? (?:put together|made|built|created|launched|written) (?:a|an|my|our) "
    rf"(?:[\w-]+ ){{0,3}}{_OWN_MATERIAL}\b"
    # ... or filmed one: "I've filmed the whole beginner mouse class as a video course" (Whisper: "I'm filmed ... and a
    # video course").
    rf"|\b(?:i|we)(?:'ve|'m| have)? (?:filmed|recorded) (?:the|my|our|a|an)\b[^.?!]{{0,60}}?\b(?:as|into|and) (?:a|an) "
    rf"(?:[\w-]+ ){{0,2}}{_OWN_MATERIAL}\b"
    # ... or only says it is one: "I actually help other stores set that whole thing up now, it's a side business"
    # (Whisper: "it's aside business").
    r"|\b(?:it's|that's|it is|that is) (?:a |my |a little |a wee )?(?:a)?side (?:business|hustle|gig|line)\b"
    # ... or names the one they mentioned before: "So in the course I mentioned, it's called Paint for the Back Row".
    rf"|\b(?:the|my|our) (?:{_OWN_MATERIAL}|kit)s?\b[^.?!]{{0,30}}?,? (?:it's|it is) called\b"
    # ... or says they will now tell of it: "let me tell you about the course I mentioned".
    rf"|\blet me (?:just )?tell you (?:a (?:bit|little) )?about (?:the|my|our) (?:[\w-]+ ){{0,3}}{_OWN_MATERIAL}\b"
    # ... or what the speaker put into it: "I've put the whole setup, the policy wording, the parent emails, into a
    # short online course called the Swim School Playbook".
    rf"|\b(?:i|we)(?:'ve| have)? put\b[^.?!]{{0,120}}?\binto (?:a|an|my|our) (?:[\w-]+ ){{0,3}}"
    rf"{_OWN_MATERIAL} called\b"
    # ... or is putting it into one now, teaches it in one, or offers it as a service: "I'm putting everything into an
    # online course", "what I teach in my Confident Cargo course", "I've started doing store reviews over video"
    # (Whisper: "I'm started"), "I run training days at my yard".
    rf"|\b(?:i|we)(?:'m| am|'re| are) putting\b[^.?!]{{0,120}}?\binto (?:a|an|my|our) (?:[\w-]+ ){{0,3}}"
    rf"{_OWN_MATERIAL}\b"
    rf"|\b(?:what|everything) (?:i|we) teach (?:in|on) (?:my|our) (?:[\w-]+ ){{0,3}}{_OWN_MATERIAL}\b"
    # ... "So I put everything I've talked about tonight, and a lot more, into an online course for people starting
    # out", "What I do is a one day visit, I go through your licences" (said right before its price or address).
    rf"|\b(?:i|we)(?:'ve| have)? put (?:everything|it all|all of (?:it|this|that))\b[^.?!]{{0,80}}?\binto (?:a|an|my"
    rf"|our) (?:[\w-]+ ){{0,3}}{_OWN_MATERIAL}\b"
    # ... or "The main thing I do is a contract review, you send me your laundry contract ..., flat fee of fifteen
    # hundred dollars".
    r"|\b(?:what|the (?:main |one |other )?(?:thing|service)) (?:i|we) (?:do|offer|sell)(?: now)? is\b"
    # ... or named after it: "A lot of what I showed today comes out of a six week program I run called Route Tight".
    rf"|\b{_OWN_MATERIAL}s? (?:i|we) (?:run|teach|host|offer|started|built|wrote) called\b"
    # ... or "So I finally turned it into an online course, it's called Floor Plan, it's eight weeks".
    rf"|\b(?:turned|turning|made) (?:it|this|all (?:of )?(?:it|this|that)|everything) into (?:a|an|my|our) "
    rf"(?:[\w-]+ ){{0,2}}{_OWN_MATERIAL}\b"
    # ... or runs one online, its name misheard: "So I run a little online course coiled shop fit, it's six weeks"
    # (said a line before its price and its address).
    rf"|\b(?:i|we) (?:run|teach|host|offer|sell) (?:a|an|my|our) (?:little |small |short |new )?online "
    rf"{_OWN_MATERIAL}\b"
    # ... or what their business does: "since Richard's handed me the microphone, that's what my little business does".
    r"|\b(?:this|that)(?:'s| is) what my (?:little |small |wee |own )?(?:business|company|firm|outfit) does\b"
    # ... or what they do: "If any of this was useful, this is what I do for a living now", "that's more or less what I
    # do for a living" (Whisper: "living hour"), "this is actually what I do in the winter now, I come out to you".
    r"|\b(?:this|that)(?:'s| is) (?:actually |basically |really |pretty much |more or less |kind of |sort of )?what "
    r"(?:i|we) do (?:for a living|now|these days|in the (?:winter|summer|off-?season|quiet (?:months|season)|evenings)"
    r"(?: now| these days))\b"
    # ... or why they started making it, however Whisper heard the making: "which is the whole reason I started
    # wielding first. Look, it matches you with players ... and it's free if you're under 5 people".
    r"|\b(?:the|my) whole reason (?:i|we) (?:started|began) \w+ing\b"
    # ... or the free sheet or the guide they made or put it into: "And before you go, I made a free recall training
    # log. ... You can download it at jotrains.com", "I put the timing sheet and my turf calendar into a little guide.
    # It's called Putt Math, fifteen bucks on my website".
    r"|\b(?:i|we)(?:'ve| have)? (?:made|put together|created|wrote|written) (?:a|an) "
    r"(?:free |little |short |one-page )*(?:[\w-]+ ){0,3}(?:log|sheet|checklist|guide|template|pdf|workbook"
    r"|cheat sheet|planner|tracker|booklet)\b"
    # ... or the paperwork the speaker's own business uses: "if anybody wants the actual paperwork, I've put together
    # the order form we use, the deposit terms, ..., and it's for sale on our farm website".
    r"|\b(?:i|we)(?:'ve| have)? put together (?:the|our|my) (?:[\w-]+ ){0,2}(?:forms?|packet|pack|paperwork"
    r"|contracts?|templates?) (?:we|i) use\b"
    r"|\b(?:i|we)(?:'ve| have)? put\b[^.?!]{0,80}?\binto (?:a|an|my|our) (?:[\w-]+ ){0,2}(?:guide|booklet|handbook"
    r"|book|pdf|workbook|toolkit)\b"
    r"|\b(?:i|we)(?:'ve|'m| have)? (?:also |just )?started (?:doing|offering|running) (?:[\w-]+ ){0,3}(?:reviews|audits"
    r"|consultations|coaching|courses?|workshops?|class(?:es)?|clinics?|visits)\b"
    # ... or what they have been doing for others like the listeners, and how it works: "So for the last couple of years
    # I've been doing a pricing review for other course owners, you send me your prices ... It's £140", "for the last
    # year or so I've been doing queue audits, where I come to one of your events with a stopwatch and a clicker".
    r"|\b(?:i|we)(?:'ve| have) been (?:doing|offering|running) (?:a |an )?(?:[\w-]+ ){0,3}(?:reviews?|audits?"
    r"|consultations?|visits|workshops?|courses?|clinics?)(?: for other\b|,? where (?:i|we) (?:come|go) (?:out )?to "
    r"(?:one of )?your\b|,? where you send (?:me|us)\b)"
    r"|\byou send me (?:your|the|a year of|three months of|a copy of)\b"
    # ... or the day they spend at the listener's place: "So, most of my work is going out to arenas for a day".
    r"|\b(?:going|coming|i go|i come) (?:out )?to (?:your |their )?(?:[\w-]+ ){0,2}for (?:a|half a) day\b"
    # ... or what they keep it up as: "I keep it updated online as a little membership. It's $19 a month".
    r"|\b(?:i|we) (?:keep|run|offer|sell|put) (?:it|them|this|that|these)\b[^.?!]{0,30}?\bas an? "
    r"(?:little |small |wee |paid |monthly )?(?:membership|subscription)\b"
    r"|\b(?:i|we) (?:run|teach|host|offer) (?:[\w'-]+ ){0,3}(?:training|taster|beginners'?) (?:days?|sessions?"
    r"|evenings?|mornings?)\b",
    re.IGNORECASE,
)
# ...and, after a sponsor's read, the line that goes on telling what "they" do for the listener ("And they'll repair
# any seam that goes in the first two years for nothing").
_SPONSOR_GOES_ON = re.compile(
    r"^\W*(?:(?:and|plus|also|oh)[,\s]+)*they(?:'ll| will| also| even| do| offer|'ve got| have got| got|'re| are)\b",
    re.IGNORECASE,
)
# ...and the one right after it that hurries the listener to take it ("The next group starts April 2nd, and it's
# capped at 20 people, so don't wait too long.").
_NEXT_INTAKE = r"\b(?:next|first) (?:group|cohort|class|intake|round|batch) (?:starts|begins|kicks off|opens)\b"
_HURRIES = re.compile(
    rf"\bdon't wait\b|{_NEXT_INTAKE}"
    r"|\b(?:capped|limited) (?:at|to) (?:\d+|[a-z]+)\b|\b(?:fills?|filling) up (?:fast|quickly)\b",
    re.IGNORECASE,
)
_STARTS_NEXT = re.compile(_NEXT_INTAKE, re.IGNORECASE)
# ...and, right after a plug or a read, someone vouching for whoever made it.
_VOUCHES = re.compile(
    r"\b(?:i'd|i would|we'd|we would) (?:hire|use|book|recommend) (?:him|her|them) again\b"
    r"|\b(?:i|we) (?:can )?(?:vouch for|recommend) (?:him|her|them|it)\b",
    re.IGNORECASE,
)
# Words with no cue of their own that may sit between two cues and still belong to the pitch:
# about one spoken sentence in a self-promotion, a sponsor's few lines of praise in an ad read.
MAX_UNCUED_WORDS_IN_A_PITCH = 25
MAX_UNCUED_WORDS_IN_AN_AD_READ = 60
# The guest's answer to "where can people find you?": a line or two of where they post and what they sell.
MAX_WORDS_IN_A_PLUG_REPLY = 30


def find_pitch_cues(text: str) -> list[PitchCue]:
    """Every cue of a pitch in one text, in reading order; overlapping hits of one kind count once."""
    hits: list[PitchCue] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            matched = match.group(0).strip(" ,")
            if rule.not_when_told_as_done and _told_as_done(text, match.start()):
                continue
            if matched:
                start = match.start() + match.group(0).index(matched)
                hits.append(PitchCue(rule.kind, matched, rule.reason, start, start + len(matched), rule.reads_on))
    hits.sort(key=lambda cue: (cue.start, -cue.end, cue.kind.value))
    cues: list[PitchCue] = []
    covered: dict[PitchKind, int] = {}
    for cue in hits:
        if cue.start < covered.get(cue.kind, -1):
            continue
        covered[cue.kind] = cue.end
        cues.append(cue)
    return cues


def _told_as_done(text: str, end: int) -> bool:
    """Whether the clause that leads up to ``end``, or the first clause of its sentence, tells what happened."""
    sentence = re.split(r"[.!?]\s+|\n", text[:end])[-1]
    clause_before = re.split(r"[;:,]\s+", sentence)[-1]
    opening = re.split(r"[;:,]\s+", sentence, maxsplit=1)[0]
    return tells_what_happened(clause_before) or tells_what_happened(opening)


def is_pitch(text: str) -> bool:
    return bool(find_pitch_cues(text))


def detect_pitch(texts: Sequence[str]) -> list[PitchFinding]:
    """The cues in each text, plus the cue-less texts that sit inside an ad read or between two cues.

    ``texts`` are consecutive sentences or segments of one talk; ``index`` in each finding points
    into it. A text with several cues has several findings."""
    cues = [find_pitch_cues(text) for text in texts]
    findings = [
        PitchFinding(index, cue.kind, cue.matched, cue.reason) for index, found in enumerate(cues) for cue in found
    ]
    flagged = {index for index, found in enumerate(cues) if found}
    for index in sorted(_inside_blocks(texts, cues) - flagged):
        findings.append(PitchFinding(index, PitchKind.ad_block, texts[index], "sits inside an ad read"))
    return sorted(findings, key=lambda finding: finding.index)


def _inside_blocks(texts: Sequence[str], cues: Sequence[list[PitchCue]]) -> set[int]:
    """Indices between a pitch's first and last cue, stopping where the talk resumes.

    The stretch without a cue is measured in words, not sentences: Whisper cuts one spoken
    sentence into several segments, and a fragment ("agencies.") is not a sentence of talk."""
    inside: set[int] = set()
    index = 0
    while index < len(texts):
        if not cues[index]:
            index += 1
            continue
        has_sponsor = any(cue.kind is PitchKind.sponsor_read for cue in cues[index])
        names = _sponsor_names(texts[index]) if has_sponsor else []
        first_sends = any(cue.kind in _SENDS_THE_LISTENER for cue in cues[index])
        introduced = _offering_introduced_before(texts, cues, index) if first_sends else None
        # The answer to "tell people where to find you" runs on like an ad read: the guest names the business,
        # says what it does, then gives the address; a cue at either end and plain words between. So does the
        # speaker's read of their own offer, once it is named or priced.
        is_ad_read = (
            has_sponsor
            or introduced is not None
            or any(cue.kind is PitchKind.plug_invitation or cue.reads_on for cue in cues[index])
        )
        last, uncued_words = index, 0
        # The first line of the answer to "how can folks work with you?" is the plug however long it runs
        # (``_end_of_reply``), so it leaves the rest of the read its full allowance of plain words.
        invited_reply = index + 1 if any(cue.kind is PitchKind.plug_invitation for cue in cues[index]) else None
        for probe in range(index + 1, len(texts)):
            if _TALK_RESUMES.search(texts[probe]):
                break
            if any(cue.kind is PitchKind.sponsor_read for cue in cues[probe]):
                is_ad_read = has_sponsor = True
                names += _sponsor_names(texts[probe])
            is_ad_read = is_ad_read or any(cue.reads_on for cue in cues[probe])
            # ... and, inside a read, the line that says when the next group starts ("The next group starts September
            # 9"; not "don't wait", which is as often advice).
            if cues[probe] or _names_sponsor(texts[probe], names) or (is_ad_read and _STARTS_NEXT.search(texts[probe])):
                last, uncued_words = probe, 0
                continue
            if probe != invited_reply:
                uncued_words += len(texts[probe].split())
            if uncued_words > (MAX_UNCUED_WORDS_IN_AN_AD_READ if is_ad_read else MAX_UNCUED_WORDS_IN_A_PITCH):
                break
        # "Go to our site. You can fact-check him there in real time.": what the listener gets is part of the ask.
        sends_listener = any(cue.kind in _SENDS_THE_LISTENER for cue in cues[last])
        if (
            sends_listener
            and last + 1 < len(texts)
            and (_WHAT_YOU_GET.match(texts[last + 1]) or _HURRIES.search(texts[last + 1]))
        ):
            last += 1
        while has_sponsor and last + 1 < len(texts) and not cues[last + 1] and _SPONSOR_GOES_ON.match(texts[last + 1]):
            last += 1
        # "He does, he's very good, ... and I'd hire him again": the host vouching for the plug just read is part of it.
        if is_ad_read and last + 1 < len(texts) and not cues[last + 1] and _VOUCHES.search(texts[last + 1]):
            last += 1
        if introduced is not None:
            inside.update(range(introduced, index))
        elif first_sends and index > 0 and not cues[index - 1]:
            before = texts[index - 1]
            follows_on = _FOLLOWS_ON.match(texts[index]) and _OWN_BUSINESS.search(before)
            if _IF_YOU_WANT.match(before) or follows_on:
                inside.add(index - 1)
        if any(cue.kind is PitchKind.plug_invitation for cue in cues[last]):
            last = _end_of_reply(texts, last)
        inside.update(range(index, last + 1))
        index = last + 1
    return inside


def _offering_introduced_before(texts: Sequence[str], cues: Sequence[list[PitchCue]], first_cue: int) -> int | None:
    """Where the speaker introduced what a price or address that follows is for, a sentence or a few before it
    ("So a few years ago I started a little membership called the Passenger Seat Club. It's got my marking sheets
    and a live call once a month. It's fourteen pounds a month ..."): None when no sentence close before does."""
    words = 0
    for probe in range(first_cue - 1, -1, -1):
        text = texts[probe]
        # "Which is partly why I built Pollen Link, it's an app where ...": a cue of its own that presents it; and
        # the introduction may take two sentences ("So this is what I do now. I come to your depot for a day, ...").
        # ... or name it in the sentence after ("so I run a one-day course on my own boat. It's called Lockwise").
        if _introduces(text, cues[probe]) or (
            probe + 1 < first_cue and _OWN_OFFERING.search(f"{text} {texts[probe + 1]}")
        ):
            while probe > 0 and _introduces(texts[probe - 1], cues[probe - 1]):
                probe -= 1
            return probe
        if cues[probe] or _TALK_RESUMES.search(text) or text.rstrip().endswith("?"):
            return None
        words += len(text.split())
        if words > MAX_UNCUED_WORDS_IN_AN_AD_READ:
            return None
    return None


def _introduces(text: str, cues: Sequence[PitchCue]) -> bool:
    """Whether the sentence presents what the speaker sells: a cue of its own that does, or ``_OWN_OFFERING``."""
    return any(cue.kind is PitchKind.product_promotion for cue in cues) or bool(_OWN_OFFERING.search(text))


def _end_of_reply(texts: Sequence[str], invitation: int) -> int:
    """The last text of the answer to a plug invitation: what follows it, its first line and up to a few more,
    until the talk resumes or someone asks the next question."""
    last, words = invitation, 0
    for probe in range(invitation + 1, len(texts)):
        words += len(texts[probe].split())
        # The first line of the answer is the plug however long it runs ("So my agency is X, and we do ...").
        too_long = words > MAX_WORDS_IN_A_PLUG_REPLY and probe > invitation + 1
        if too_long or _TALK_RESUMES.search(texts[probe]) or texts[probe].endswith("?"):
            break
        last = probe
    return last


def _sponsor_names(text: str) -> list[str]:
    return [match.group(1) for match in _SPONSOR_NAME.finditer(text)]


def _names_sponsor(text: str, names: Sequence[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names)


def strip_pitch(transcript: Transcript) -> tuple[Transcript, list[PitchFinding]]:
    """The transcript without its ad reads and self-promotion, and what was removed.

    Sentences are read across segment boundaries: Whisper often ends a segment mid-sentence, and
    an ad read rarely fits one segment. Segments are emptied, never removed, so a segment index
    (``Insight.segment_index``) still points into the stored transcript; one that keeps some words
    keeps their timings where the engine's words line up with its text. Each finding names the
    segments its sentence touched (``segments``, first one as ``index``) and their time span."""
    texts = [segment.text.strip() for segment in transcript.segments]
    sentences = _sentences_across(texts)
    sentence_findings = detect_pitch([sentence.text for sentence in sentences])
    if not sentence_findings:
        return transcript, []
    segments_of = [sentence.segments for sentence in sentences]
    findings = [
        replace(
            finding,
            index=segments_of[finding.index][0],
            segments=segments_of[finding.index],
            start=transcript.segments[segments_of[finding.index][0]].start,
            end=transcript.segments[segments_of[finding.index][-1]].end,
        )
        for finding in sentence_findings
    ]
    pitched = [sentences[index].span for index in sorted({finding.index for finding in sentence_findings})]
    kept_segments: list[TranscriptSegment] = []
    offset = 0
    for segment, text in zip(transcript.segments, texts, strict=True):
        tokens = [(offset + match.start(), offset + match.end()) for match in re.finditer(r"\S+", text)]
        keep = [not any(start < end_ and start_ < end for start_, end_ in pitched) for start, end in tokens]
        offset += len(text) + 1
        kept_segments.append(segment if all(keep) else _keep_tokens(segment, text, keep))
    return transcript.model_copy(update={"segments": kept_segments}), findings


@dataclass(frozen=True)
class _Sentence:
    text: str
    span: tuple[int, int]  # characters in the segments' texts joined by single spaces
    segments: tuple[int, ...]


def _sentences_across(texts: Sequence[str]) -> list[_Sentence]:
    joined = " ".join(texts)
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    breaks = [0, *(match.end() for match in _SENTENCE_BREAK.finditer(joined)), len(joined)]
    sentences = []
    for begin, finish in itertools.pairwise(breaks):
        text = joined[begin:finish].strip()
        if not text:
            continue
        end = begin + len(joined[begin:finish].rstrip())
        touched = tuple(
            index for index, start in enumerate(starts) if start < end and begin < start + len(texts[index])
        )
        sentences.append(_Sentence(text, (begin, end), touched))
    return sentences


def _keep_tokens(segment: TranscriptSegment, text: str, keep: list[bool]) -> TranscriptSegment:
    tokens = text.split()
    words = _words_kept(segment.words, text, keep)
    update: dict[str, object] = {
        "text": " ".join(token for token, kept in zip(tokens, keep, strict=True) if kept),
        "words": words,
    }
    if words:
        # The quote's timestamps must point at what is still said, not at the removed pitch.
        update |= {"start": words[0].start, "end": words[-1].end}
    return segment.model_copy(update=update)


def _words_kept(words: Sequence[TranscriptWord], text: str, keep: Sequence[bool]) -> list[TranscriptWord]:
    """The timed words inside the kept tokens of the text. Whisper times "20%" as "20" and "%", so each word is
    placed by its spelling, in order, rather than counted; where one cannot be placed, better no word timings
    than wrong ones."""
    spans = [match.span() for match in re.finditer(r"\S+", text)]
    kept, cursor = [], 0
    for word in words:
        spelled = word.word.strip()
        at = text.find(spelled, cursor) if spelled else -1
        token = next((index for index, (start, end) in enumerate(spans) if start <= at < end), None)
        if token is None:
            return []
        cursor = at + len(spelled)
        if keep[token]:
            kept.append(word)
    return kept


def pitch_spans(findings: Sequence[PitchFinding]) -> list[tuple[float, float]]:
    """The stretches of the recording the findings cover, consecutive segments merged: what a report shows."""
    located = sorted(
        {
            (f.segments[0], f.segments[-1], f.start, f.end)
            for f in findings
            if f.segments and f.start is not None and f.end is not None
        }
    )
    spans: list[tuple[int, float, float]] = []
    for first, last, start, end in located:
        if spans and first <= spans[-1][0] + 1:
            spans[-1] = (max(last, spans[-1][0]), spans[-1][1], max(spans[-1][2], end))
        else:
            spans.append((last, start, end))
    return [(start, end) for _, start, end in spans]


def describe_removed(findings: Sequence[PitchFinding]) -> str:
    """One line for a stage report: how many segments of pitch were set aside, where, and on which cues."""
    segments = len({index for finding in findings for index in finding.segments})
    where = ", ".join(f"{_clock(start)}-{_clock(end)}" for start, end in pitch_spans(findings))
    kinds = ", ".join(sorted({finding.kind.value for finding in findings}))
    return f"set aside {segments} segment(s) of pitch at {where} ({kinds})"


def describe_promotion(spans: Sequence[tuple[float, float]]) -> str:
    """One line for a stage report: how many passages an engine read as promotion and kept out, and where."""
    return f"kept out {len(spans)} passage(s) read as promotion at " + ", ".join(
        f"{_clock(start)}-{_clock(end)}" for start, end in spans
    )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"
