"""Claim or chit-chat: how close a sentence sits to descriptions of each *category* of talk.

The descriptions name kinds of speech (a greeting, a sound check, a general statement with a
reason), never phrases from any recording, so they hold on talk nobody here has seen. Structure
adds what embeddings miss: a claim carries content words, a question asks rather than states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from services.insights.extractive.embedder import Embedder, Vectors
from services.insights.words import content_words, tokens
from shared.clauses import A_BUSINESS, MOVES_THE_TALK_ON, WHERE_IT_IS
from shared.positions import rejected_view
from shared.questions import asks, sets_up_a_question

# How long someone has done something: "about 12 years", "the last decade".
_YEARS = (
    r"(?:(?:about |almost |nearly |over |more than )?(?:[\w-]+ (?:years|decades)|a decade)"
    r"|the (?:last|past) (?:[\w-]+ (?:years|decades)|decade))"
)
_CLAUSE_OPENS = r"(?:^|[,;.!?]\s*)(?:(?:so|and|well|yeah|okay|ok|um|uh|hi|hey),?\s+)*"
# The speakers introducing themselves: how long they have done the job ("I've been running support teams for about
# 12 years now", "I've spent the last decade in payroll."), or what they did before it ("I taught science for 9
# years, and now I run..."). Years of work that go on to a finding ("I've been tracking churn for three years, and it
# never came from price") are evidence, left to the embeddings.
_SELF_INTRODUCTION = (
    _CLAUSE_OPENS
    + r"(?:i've|i have) (?:been \w+ing|worked|led|managed|taught|coached|sold)\b[^,;.!?]{0,60}?\bfor "
    + _YEARS
    # ... and what they are about to do with them, which is no finding ("..., and I want to start with the phone").
    + r"(?: now\s*(?:[,;.!?]|$)|\s*(?:[.!?]|$)"
    + r"|,?\s+and (?:today |now |here )?(?:i want to|i'd like to|i would like to|i'm going to|i am going to|i'll)\b)"
    + r"|"
    + _CLAUSE_OPENS
    + r"(?:i've|i have) spent "
    + _YEARS
    + r"\b[^,;.!?]{0,60}?(?:\s*[.!?]|$|,\s+and (?:now )?i\b)"
    + r"|\bi \w+\b[^,;.!?]{0,60}?\bfor "
    + _YEARS
    + r",?\s+and now i\b"
    # ... or by the job and the place they do it: "I run the paint shop at Hollister Collision, and ...", "I manage the
    # range and the shop at Lockhart or Golf Center" (Whisper's "or" for "Oak"; "Bank of America", "Smith and Sons").
    + r"|"
    + _CLAUSE_OPENS
    + r"(?:i|we) (?:run|manage|lead|head|own|co-own|founded|co-founded|started)\s+(?:the |a |an |our |my )?"
    + r"[\w' -]{0,40}?\bat (?-i:[A-Z])[\w'&-]+(?: (?:(?:or|and|of|&) )?(?-i:[A-Z])[\w'&-]+)*\s*(?:[,;.!?]|$)"
    # ... or by the business alone, and what it supplies: "Mark Aspell, I run a radio hire company, we supply handsets
    # to about 40 events a summer" (a festival stewarding panel's title; "I run a radio hire company, and half our
    # radios come back broken" goes on to say something).
    + r"|"
    + _CLAUSE_OPENS
    + r"(?:i|we) (?:help (?:to )?)?(?:run|own|manage|co-own|founded|co-founded|started)\s+(?:a|an|my|our) "
    + rf"[\w' -]{{0,40}}?{A_BUSINESS}"
    # ... and where it is, and what it is not quite: "I'm Jared. I help run a scout group near Milton, so not a club
    # actually" (an audience member before a question).
    + rf"{WHERE_IT_IS}?"
    + r"(?:\s*(?:[;.!?]|$)|,\s+(?:and\s+)?we (?:supply|do|provide|make|sell|hire out|cover|serve|work with)\b"
    + r"|,\s+(?:so|well|though) not (?:a|an|really|quite|exactly)\b)"
    # ... or by the post they hold, or the team they sit in: "Marcus, I'm the language access coordinator for the trial
    # courts in our state", "And I'm Maren, I'm in the waste team at the council" ("I'm the owner, so the bills land on
    # my desk" says what follows from it).
    + r"|"
    + _CLAUSE_OPENS
    + r"(?:i'm|i am) the (?:[\w-]+ ){0,3}(?:coordinator|manager|director|officer|administrator|organi[sz]er|supervisor"
    + r"|secretary|treasurer|chair|chairperson|president|founder|co-founder|owner|clerk|captain)"
    + r" (?:for|at|of|in|with) [^,;.!?]{1,50}(?:[,;.!?]|$)"
    + r"|"
    + _CLAUSE_OPENS
    + r"(?:i'm|i am) (?:in|on) (?:the|our) (?:[\w-]+ ){1,3}(?:team|department|unit|office|desk) (?:at|of|for)\b"
    # ... or by name: "And I'm Luis, I do pricing for a payroll startup", "Hi, my name is Dana Reyes and I run growth".
    + r"|"
    + _CLAUSE_OPENS
    + r"(?:i'm|i am|my name is|my name's) (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?\s*(?:[,;.!?]|$|\band\b)"
    # ... or by the age they started at: "My very first job on the water was selling ice cream on a ferry when I was
    # 16", "I was 38, I'd had a bit of a rough year, and I walked past the boathouse" ("we were 12 by March" counts a
    # team, and "I was 5 minutes late" tells of a day).
    + r"|\bi was (?:about |around |only |just |maybe )?(?:\d{1,2}|(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    + r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy)(?:[- ](?:one|two|three|four|five|six"
    + r"|seven|eight|nine))?)(?: years old)?(?=\s*[,.;!?]|\s*$|\s+(?:and|when|so|or|at the time)\b)"
)
# What a panelist does, as a moderator introduces them by it ("Priya runs site operations").
_ROLE = r"runs|does|leads|heads|handles|manages|looks after|writes|owns|teaches|coaches|builds|works"
# A remark about the occasion itself (this episode, a welcome, what we do today) frames the recording;
# the embeddings miss it when it also names the topic ("today I've got someone who runs demand
# generation..."), which makes it look central. The words are the deixis of any recorded event; "today"
# counts only with the people in the room ("today I've got", "today we'll"), since a claim may well be
# about today ("buyers today ignore cold email").
_THE_OCCASION = re.compile(
    r"\bthis (?:session|episode|webinar|podcast|show|call|talk|panel|meeting|recording)\b"
    r"|\b(?:today|tonight),?\s+(?:i|we|i'm|we're|i've|we've|i'll|we'll)\b"
    # ... and "today is territory planning", "today's topic is": the agenda, when a clause opens on it ("the
    # market today is brutal" is a claim).
    r"|(?:^|[,;.!?]\s*|\band\s+)(?:(?:and|so|okay|now),?\s+)?(?:today|tonight)"
    r"(?:'s (?:topic|session|episode|talk|theme|panel))? is\b"
    # ... and what kind of episode it is ("today's a short one about email lists", "this week's a long one"), and a
    # solo host's hello to returning listeners ("Hi, it's me again").
    r"|\b(?:today|this week)(?:'s| is) (?:a |an )?(?:\w+ )?(?:one|episode|show)\b|\bit's (?:me|us) again\b"
    # ... and the show's own title ("that's the episode title, I'm sorry, it just is"), and a host handing the floor
    # to a guest ("Dana, I want to start with you, because...").
    r"|\bthe (?:episode|show|podcast|webinar|talk)(?:'s)? (?:title|name)\b"
    r"|\b(?:i want to|i'd like to|i'm going to|let me|let's|i'll|we'll) (?:start|begin|kick off|open) with you\b"
    # ... and the speaker's plan for the session: "I'm going to walk you through it in three steps".
    r"|\b(?:i'm going to|i'm gonna|i'll|i will|let me|we'll|we're going to|i want to) (?:walk|take) you through\b"
    # ("I'm not going to do, like, slide full of bullet points, I'm just going to tell you about three times I got it
    # wrong"; not "I'm going to tell you the one number that matters", which says it.)
    r"|\b(?:i'm|i am) (?:just )?(?:going to|gonna) (?:tell you about|talk (?:to you )?about)\b"
    # ... and the host's introduction of it ("He's going to talk about what keeps a little counter going"), and the
    # speaker's pause for questions ("I'll stop so people can ask stuff").
    r"|\b(?:he's|she's|they're|he is|she is|they are) (?:just )?(?:going to|gonna) (?:tell (?:you|us) about|talk "
    r"(?:to (?:you|us) )?about)\b"
    # ... by name, or with what they found: "[Richard] is going to tell us what he found" ("Nobody is going to tell
    # you what to do" is a claim).
    r"|(?:(?<![\w'])(?!(?-i:Nobody|Everyone|Everybody|Someone|Somebody|Nothing|No one|This|That|It)\b)"
    r"(?-i:[A-Z])[\w'-]+|\])\s+is (?:just )?(?:going to|gonna) "
    r"(?:tell (?:you|us) (?:about|what|how|why)|talk (?:to (?:you|us) )?about)\b"
    r"|\b(?:he's|she's|they're|he is|she is|they are) (?:just )?(?:going to|gonna) tell (?:you|us) (?:what|how|why)\b"
    r"|\b(?:i'll|i will|let me|i'm going to|i'm gonna) (?:stop|pause)(?: (?:there|here|now))?,? so (?:that )?"
    r"(?:people|you|everyone|everybody|folks|you all) can (?:ask|jump in)\b"
    # ... and the story announced before it is told: "I need to tell the grandfather clock story", "let me tell you the
    # story of the cat" ("the story we tell new staff is the flood" says which one).
    r"|\b(?:i|we) (?:need|have|want|got|gotta|'ve got|'ll have) to tell (?:you |them |everyone )?"
    r"(?:the|this|that|my|a) (?:[\w'-]+ ){0,4}story\b|\blet me tell you (?:the|this|that|my|a) (?:[\w'-]+ ){0,4}story\b"
    # ("So I was asked to talk about the mistakes that cost me the most, which is a long list", a bindery webinar's)
    r"|\b(?:i was|i've been|i have been|we were|we've been) asked to (?:talk|speak) (?:to you )?(?:about|on)\b"
    # ... and a send-off opening a sentence ("And, uh, good luck with the leaf blower."; "good luck with that" inside
    # a sentence may well be a claim's sarcasm).
    r"|(?:^|[.!?]\s+)(?:(?:and|so|well|oh|okay|ok|uh|um),?\s+)*good luck with\b"
    r"|^(?:\w+,?\s+){0,2}welcome\b"
    # ... wherever the greeting before it ends: "Good evening everyone, welcome to the autumn members' evening".
    r"|(?:^|[,.;!?]\s+)(?:and\s+)?welcome (?:to|back|along|everyone|everybody|all)\b"
    # ... and its start: "Alright, let's get started, and there's still coffee at the back".
    r"|\b(?:let's|let us|we can|we should|we'll|i'll) get (?:started|going)\b|\bshall we (?:start|begin|get started)\b"
    # ... and who is in the room: a host introducing the guest ("my guest runs procurement at...", "I have two
    # support leaders with me today") sets the talk up, whichever voice diarization credits it to.
    r"|\b(?:my|our|today's) guests?\b|\bjoining (?:me|us)\b"
    # ("Our speaker tonight is Helen, who has been restoring ponds ...")
    r"|\b(?:our|my|today's|tonight's) (?:speakers?|presenters?)"
    r"(?: (?:tonight|today|this (?:evening|morning|afternoon)))? (?:is|are)\b"
    # ("So I've got three people up here who have moved a ridiculous amount of dirt"; not "we have three people on the
    # night shift")
    r"|\b(?:i've got|i have|we've got|we have) (?:\w+ ){0,2}(?:people|panelists|guests|folks|speakers) "
    r"(?:(?:up )?(?:here|on (?:the|this) (?:panel|stage|call)|with (?:me|us))\b"
    # ... or by what they all do ("and I've got three people who do this every week"; not "we have three people who
    # do the night shift").
    r"|who do (?:this|it) (?:every (?:day|week|month)|for a living|day in,? day out)\b)"
    # ("I'm joined by Lena Park", "we're joined today by two founders"; not "joined by a shared goal")
    r"|\b(?:i'm|i am|we're|we are) joined (?:here |today )?by (?:(?-i:[A-Z])|two |three |four |my |our )|"
    + _SELF_INTRODUCTION
    + r"|\bwith (?:me|us) (?:here )?(?:today|this (?:week|morning|afternoon|evening))\b"
    # ("and with me is Sam", "with us are two shop owners"; not "the problem with us is that we never follow up")
    r"|(?:^|[,;.!?]\s*)(?:(?:and|so|also|now),?\s+)?with (?:me|us) (?:here |today )?(?:is|are)\b"
    # ... and its close, the mirror of the welcome: thanking a guest or an audience for being there, or
    # stopping the conversation there ("most teams stop there" is a claim; "let's stop there" is not).
    r"|\bthanks?(?: you)?(?: so much)? for (?:having me|having us|coming on|joining|listening|watching|tuning in)\b"
    # ... and any thanks a clause opens on ("Before I start, thank you to whoever ordered the pizza"). Not "thanks
    # to": "thanks to the new rota, turnover fell" gives a cause.
    r"|(?:^|[,;.!?]\s*)(?:(?:and|so|okay|oh|also|but),?\s+)?"
    r"(?:thank you|thanks (?:so much|a lot|everyone|everybody|all|folks|y'all|you all|guys))\b"
    # ... or that names its thanks: "before you all run to the tasting tables, a quick thank you" (not "a quick thank
    # you card goes out after every job", which tells what a business does).
    r"|(?:^|[,;.!?]\s*)(?:(?:and|so|okay|oh|also|but|now),?\s+)?(?:a|one|one more|one last) "
    r"(?:(?:quick|big|huge|special|massive|final|last|little)\s+)?(?:thank you|thanks)\b"
    r"(?!\s*(?:cards?|notes?|letters?|emails?|e-mails?|gifts?|messages?|texts?|calls?|gesture|page)\b)"
    r"|\b(?:let's|let us|we'll|we can|i'll) (?:stop|leave it|leave things|wrap up|wrap it up) there\b"
    # ... or the sign to wind it up: "Okay, I'm getting the wind-up from the lady with the iron" (Whisper: "the wind it
    # up"; a village halls panel's last pillar), "time to wind things up" ("wind it up every Sunday" tells of a clock).
    r"|\b(?:getting|got|giving (?:me|us)) the wind[- ](?:it )?up\b"
    r"|\b(?:let's|let us|we'll|we need to|we have to|we should|i'll|i need to|i have to|time to|i'm going to) "
    r"(?:start to |start |begin to )?wind (?:it |things |this |the session )?(?:up|down)\b"
    r"(?!\s+(?:paying|with|in|on)\b)"
    r"|\b(?:good|great|nice) place to\W+(?:\w+\W+){0,3}?(?:stop|leave it|wrap up|wrap it up)\b"
    # ... and a break in the show: "let's take a quick break", "we'll be right back", "and we're back." ("make the
    # team take a break every hour" is advice; "we're back to square one" goes on).
    r"|\b(?:let's|let us|we'll|we're going to|we're gonna|we gotta|we've got to|i'll) take a (?:\w+ )?break\b"
    r"|\b(?:we'll|i'll) be right back\b"
    r"|(?:^|[,;.!?]\s*)(?:(?:and|ok|okay|alright|all right|so),?\s+)*we're back\s*(?:[,;.!?]|$)"
    # ... and the return to the topic after it or after a tangent: "Ok, back to it, Lena, speakers..."
    r"|(?:^|[,;.!?]\s*)(?:(?:and|ok|okay|alright|all right|so|anyway|right),?\s+)*(?:let's get |let's go )?back to "
    r"(?:it|the (?:topic|question|point|list)|where we were|what we were (?:saying|talking about))\b"
    # ... the equipment it runs on: "oh, no, the clicker's dead", "that's the wrong slide", "can everyone hear me"
    # ("revenue took a slide in March" and "hear me out" are no such thing).
    r"|\bthe (?:clicker|remote|slides?|projector|screen|mic|microphone)(?:'s|\s+is|\s+are)?\s+"
    r"(?:dead|frozen|broken|stuck|not (?:working|loading|advancing))\b"
    # ... and who is on after it: "I can see the next panel hovering at the side" (a breakdown callouts panel's last
    # pillar).
    r"|\b(?:the|our) next (?:panel|speaker|session|presenter)s?\b(?=[^.?!;]{0,30}\b(?:hovering|waiting|setting up"
    r"|coming on|coming up|in the wings|at the side|on in)\b)"
    # ... and when it starts: "Next session at 3 and it's on insurance" (a surf schools panel's last pillar; "the next
    # session at the pool is the one kids remember" is a claim).
    r"|(?:^|[,;.!?]\s*)(?:(?:and|so|okay|ok|right|now),?\s+)*(?:the )?next (?:panel|speaker|session|talk|workshop)"
    r"(?:'s| is)? (?:at|starts at|kicks off at|after (?:lunch|the break|coffee)) "
    r"(?:\d|one|two|three|four|five|half|a quarter|ten|eleven|twelve)"
    # ... and the speaker promising to be brief: "Oh, yes, thanks, I'll be quick, I'm not very good at this" (a farm
    # shop webinar's pillar, misheard "at listening").
    r"|\b(?:i'll|i will|i'm going to|i'm gonna|i'll try to|i'll try and) (?:be (?:quick|brief)|keep (?:it|this) "
    r"(?:short|brief|quick))\b"
    r"|\b(?:wrong|next|previous|last) slide\b|\bslides? (?:will be|are being|get|are) (?:shared|sent|posted|emailed)\b"
    r"|\bcan (?:everyone|everybody|you all|you guys|y'all|you) (?:hear|see) (?:me|us|my screen|the slides?)\b"
    # ... ("and I can't even work this laptop", an orchestra chair's webinar; "we can't work the new till" is no
    # session's)
    r"|\bcan't (?:even )?(?:work|use|figure out|operate) (?:this|my) (?:laptop|computer|clicker|remote|webcam|camera"
    r"|mic|microphone|zoom)\b"
    # ... and the screen it is shown on: "let me stop sharing" ("we stopped sharing customer data" is a claim).
    r"|\b(?:let me|i'll|i will|i'm going to|i'm gonna|let's|i'm just going to) (?:stop|start) sharing\b"
    r"|\b(?:share|sharing|shared) (?:my|the|your) screen\b"
    # ... the clock where each of them sits: "it's 4 in the afternoon here", "it's just after 10 at night where I
    # am", the small talk of a call across time zones ("by 4 in the afternoon the kitchen is out of prep" is no such
    # thing: it says nothing of here).
    r"|\bit's\b[^.?!;]{0,30}?\b(?:in the (?:morning|afternoon|evening)|at night|a\.?m\b|p\.?m\b|o'clock|midnight|"
    r"lunchtime|dinnertime|bedtime)[^.?!;]{0,15}?\b(?:here|over here|where (?:i|we) (?:am|are|live))\b"
    r"|\bwhat time is it (?:over )?(?:there|where you are)\b"
    # ... and the room each of them is in: "Well, I say here, I'm in a spare room in Lisbon with a duvet over my head",
    # "Sorry, I'm in the car. Parked." ("I'm in the truck eight hours a day" tells of the job.)
    r"|\b(?:i'm|i am|we're|we are) (?:sitting |recording |calling |dialing |dialling )?(?:in|from) (?:a|the|my|our) "
    r"(?:spare|guest|hotel|box) ?room\b"
    r"|\b(?:i'm|i am) (?:sitting |recording |calling |dialing |dialling )?(?:in|from) (?:my|the) "
    r"(?:car|closet|wardrobe|cupboard)(?=\s*[,.;!?]|\s*$|\s+(?:with|because|so|right now|today|at the moment)\b)"
    # ... and the journey there, in hours and minutes: "So at all, Gary, I've been driving for an hour and a half,
    # I'm making it count" (a latecomer's line titled an angling panel's article; "I've been driving trucks for twenty
    # years" is a career, "we waited two hours for the lime to set" a job).
    r"|\b(?:i've|i have|we've|we have) (?:just )?been (?:driving|travelling|traveling|sitting in traffic|stuck|on the "
    r"(?:road|train|motorway|plane))\b[^.?!;]{0,30}?\bfor (?:an?|about|nearly|almost|over|like|\w+) "
    r"(?:hours?|minutes?|hour and a half)\b"
    # ... and who is at home with the speaker today: "My son is home sick today" (heard "homesick") titled a pottery
    # webinar's article ("my son's school cut its budget" tells a story; "my dog sleeps under the desk" is no day's).
    r"|\bmy (?:son|daughter|kids?|boy|girl|little one|toddler|baby|dog|cat|puppy)(?:'s|\s+is|\s+are|\s+has)\b"
    r"[^.?!;]{0,40}?\b(?:today|this morning|this afternoon|tonight|right now)\b"
    # ... and the heat or cold of the room it is in: "Sorry, it is roasting in here, the aircon is, quote, having a
    # think about it" ("it's freezing in the cold store by six" tells of the job).
    r"|\b(?:it's|it is)\s+(?:(?:so|absolutely|bloody|really|a bit|quite)\s+)?(?:roasting|boiling|baking|sweltering"
    r"|freezing|hot|cold|warm|chilly)\s+in here\b"
    # ... the room itself: a show of hands asks the audience something, it tells a reader nothing.
    r"|\b(?:raise|put up) your hands?\b|\bshow of hands\b"
    # ... how to take part in it: "if you're having audio issues, try dialling in" helps a listener then, no reader
    # later ("audio problems cost a webinar half its audience" is a claim).
    r"|\bif (?:you're|you are|anyone's|anyone is|anybody's|anybody is) (?:having |getting |hearing )?(?:any )?"
    r"(?:audio|sound|connection|video|echo|mic|microphone)\b"
    # ... and what to do on the call itself, whatever Whisper made of the trouble ("if you're having all the issues, try
    # dialing in with the phone number in the invite"; "customers who dial in to support" is no instruction).
    r"|\btry (?:dialing|dialling|calling) in\b|\b(?:dial|call) in with the (?:phone )?number\b"
    # ... and a speaker coming back on, and the Wi-Fi where they sit: "I'm here, I'm here, sorry, I'm in the office
    # above the store and the Wi-Fi is, it's basically a rumor up here" titled an orchard podcast's article ("the
    # signal on the farm is so bad we went cash only" is a claim about the business).
    r"|^(?:(?:okay|ok|sorry|yes|yeah|hi|hello|oh),?\s+)*(?:i'm|i am|we're|we are) (?:here|back),?\s+"
    r"(?:(?:i'm|i am|we're|we are) (?:here|back)|sorry|can you hear me)\b"
    r"|\b(?:the|my|our) (?:wi-?fi|wifi|internet|hotspot)(?:'s| is)\b[^.?!]{0,40}\b(?:up here|in here|down here"
    r"|at the moment|right now|today|tonight)\b"
    # ... and a question handed on from it: "one more from the chat, Sam asks whether..." relays someone else's
    # question ("we got that idea from the audience" is not one).
    r"|\b(?:(?:a|one|another) (?:more )?(?:question )?|questions? |more )from (?:the )?"
    r"(?:chat|audience|comments|q&a|q and a|floor)\b"
    # ("Okay, and one more, someone's asking whether any of this applies to indoor courses"; not "customers keep
    # asking whether we deliver", which tells what customers do)
    r"|\b(?:someone|somebody|a few (?:of you|people|folks)|a couple of (?:you|people|folks))(?:'s| is| are) asking "
    r"(?:whether|if|about|how|what|why|when|where|who)\b"
    # ... and a question repeated, or put off, for the recording ("So, for the recording, the question is how you get
    # the attorneys to send you the materials"; "I'm sure money comes up in the questions"; not "we paid for the
    # recording equipment" or "it came up in the questions our customers asked").
    r"|\bfor the (?:benefit of the )?recording(?=\s*[,.;!?]|\s*$)"
    r"|\b(?:comes?|will come|came) up in the (?:questions|q&a|q and a|chat)(?=\s*[,.;!?]|\s*$|\s+(?:later|anyway)\b)"
    # ... and its clock and its queue: "I'm just checking the time, we've got about 12 minutes, so let me go to
    # the questions" runs the session ("tickets go to the queue" is a claim; it has no "let me").
    r"|(?:^|[,;.!?]\s*)(?:\w+,?\s+)?(?:i'm |i am |we're |we are )?(?:just )?(?:checking|watching|keeping an eye on) "
    r"the (?:time|clock)\b"
    r"|\b(?:let me|let's|let us|i'll|we'll|before we|i want to|i'd like to|i wanna) "
    r"(?:go|get|turn|move|jump|head|open it up) (?:over )?to "
    r"(?:the |some |a few )?(?:audience |your )?(?:questions|queue|q&a|q and a|chat)\b"
    # ... and where the room's lunch or coffee is: "And, uh, lunch is in the hall, and I'm told none of these four are
    # lurking it" named a street food panel's pillar ("coffee is in the van before six" tells of the job).
    r"|\b(?:lunch|coffee|tea|drinks|food|refreshments|the bar|sandwiches|pizza)(?:'s| is| are|'ll be| will be) "
    r"(?:now )?(?:in|at|out in|through in|served in|available in|upstairs in|downstairs in) the "
    r"(?:hall|foyer|lobby|back|next room|bar|canteen|main room|atrium|marquee|side room)\b"
    # ... and the time left for them: "Very subtle, Tom, okay, we have a few minutes for questions" titled a street food
    # panel's article ("we have ten minutes for every table" is a claim about service).
    r"|\b(?:we've got|we have|we've|i've got|i have|got|there's|there is)\b[^.?!;]{0,25}?\b(?:minutes?|time)\b"
    r"[^.?!;]{0,10}?\b(?:for|left for) (?:a few |one or two |one more |some |any )?(?:questions?|q and a|q&a)"
    r"(?=\s*[,.;!?]|\s*$)"
    # ... and its end: "Okay, I gotta let you go, I got my son's little league game at six, and I'm the one bringing
    # the orange slices" named a roofing podcast's pillar ("we had to let him go" tells of a hire).
    r"|\b(?:i|we)(?:'ll| will| gotta| got to|'ve got to| have to| need to)? let you (?:all )?go\b"
    # ... and the word a host slips in between two parts of it ("Alright, quick word before we go to the chat").
    r"|\b(?:a )?quick word (?:from|before)\b"
    # ... and a moderator moving the panel on, reading out who asked, or calling a disagreement ("Let's, uh, let's
    # move to water, because Fiona, you have a number on this"; "This one's from Keith in Spokane"; "We'll call that
    # one a draw"). Diarization that hears the moderator and a guest as one voice leaves only the words to say so.
    r"|(?:^|[,;.!?]\s*)(?:(?:and|so|ok|okay|alright|all right|great|now|uh|um),?\s+)*(?:let's|let us),?\s+"
    rf"(?:(?:uh|um),?\s+)?(?:let's\s+)?{MOVES_THE_TALK_ON}\b"
    r"|\bthis one(?:'s| is) from (?-i:[A-Z])|\bquestions? (?:coming|came) in\b"
    # ... and waiting for someone to come: "Okay, we'll give it a couple of minutes, see if we can get him on the phone"
    # titled a snooker hall's stream whose guest never came ("give it ten minutes to set" tells of the job).
    r"|\b(?:we'll|we will|let's|let us|i'll|i will|we can|we could|we'll just|i'll just) give (?:it|him|her|them|people"
    r"|everyone|everybody|folks) (?:another |a couple (?:of )?|a few )?(?:(?:one|two|three|four|five|ten|\d+) )?"
    r"(?:more )?(?:minutes?|mins?)\b"
    r"(?=[^.?!]{0,50}\b(?:see if|to (?:join|arrive|get here|turn up|log (?:in|on)|dial in|come in)"
    r"|for (?:people|everyone|everybody|folks|him|her|them|stragglers|latecomers|the others)|join|arrive|get here"
    r"|turn up|log on|dial in)\b)"
    # ... and who is watching there: "I can see a few people in the comments" (a snooker hall's stream that never
    # started; "we've got loads of people on the stream every Friday" tells of the business).
    r"|\b(?:i can see|i see|there's|there are|we've got|we have) (?:a few|some|loads of|lots of|a couple of|a load of)"
    r" (?:people|folks|names|faces|of you) (?:in|on) the (?:chat|comments|stream)(?=\s*[,.;!?]|\s*$)"
    # ... and the room's hurry to leave: "so I'm going to assume none of you are in a rush to leave" (a soft play
    # cleaning panel's title).
    r"|\b(?:none of you|nobody here|no one here|you're all|you are all)(?:'s| is| are|'re)? (?:in a (?:rush|hurry)"
    r"|in any (?:rush|hurry)|going anywhere|rushing off)\b"
    # ... or waiting there: "There's a question in the chat already" (a trampoline park webinar's pillar).
    r"|\b(?:there's|there is|there are|we've got|we have|i see|i can see) (?:a |another |one more |some |a few |two )?"
    r"questions? (?:already )?in the (?:chat|comments|q&a|q and a)\b"
    # ... and the chat's questions and where they go ("somebody in the chat is asking what happened to the note",
    # "questions go in the chat, not the raised hand thing").
    r"|\b(?:somebody|someone|a few people|people|one person|a couple of people) in the (?:chat|comments) (?:is |are )?"
    r"(?:asking|asks|asked|wants to know|want to know)\b|\bquestions? (?:go|goes) (?:in|into) the chat\b"
    # ... and handing the floor to a panelist by name: "Okay, Marcus, I know you've got a slightly different view on
    # shoes", "Marcus, I think you have something about photos", "Kendra, you told me your classes used to be chaos";
    # or wishing them well: "Thomas, I hope the air conditioning gets fixed" (a sewing machine repairers' peer call).
    r"|^(?:(?:okay|ok|so|and|now|right|alright|all right),?\s+)*"
    r"(?!\w+ly\b|(?:look|well|yes|yeah|no|sure|listen|see|again|also|anyway|fine|true|exactly)\b)(?-i:[A-Z])[a-z]+,\s+"
    r"(?:(?:(?:i know|i think|i believe|i hear)\s+)?you(?:'ve got|'ve| have(?: got)?)\b(?!\s+to\b)"
    r"|you (?:told (?:me|us)|said|mentioned|were saying)\b|(?:i|we) hope\b)"
    # ... or with no name said, when the view is announced: "We're onto crew pay, and I know you've got a slightly
    # controversial one about the rain" (a car wash panel's moderator).
    r"|\bi know you(?:'ve got| have(?: got)?) (?:a |an )?(?:[\w-]+ ){0,2}(?:one|view|take|opinion|story|thing|theory) "
    r"(?:about|on)\b"
    r"|\bcall (?:that|this|it)(?: one)? a draw\b"
    # ... and a panelist declining to answer: "I got opinions on that, but I don't have data, and I'd rather not start a
    # fight right before the sandwiches" ("we'd rather not hire than hire wrong" is a claim).
    # ... or having no view to give: "I honestly don't have a strong opinion" (the same webinar's title; "I don't have a
    # strong opinion about the brand, I have one about the price" goes on to give one).
    r"|\b(?:i|we) (?:honestly |really |genuinely |just )?(?:don't|do not) have (?:a |an |any )?(?:strong |firm |real )?"
    r"(?:opinion|view|answer)s?(?: (?:on|about) (?:that|this|it|that one))?(?=\s*[,.;!?]|\s*$)"
    r"|\b(?:i'd|i would) rather not (?:say|get into (?:it|that)|go (?:there|into (?:it|that))|comment|answer|"
    r"start (?:a|an) (?:fight|war|argument|row))\b"
    r"|\b(?:i'm|i am) not (?:getting|going) into (?:a |an |the )?(?:fight|war|argument|row|debate)\b"
    # ... and the session's clock run out, and the thanks it ends on: "Ok, we are over time, and I need this room
    # back", "We're out of time. So please thank Morag and Keith" ("the kiln ran over time" tells of work).
    r"|\b(?:we're|we are|i'm|i am) (?:a (?:bit|little) |already )?(?:over|out of) time"
    r"(?=\s*[,.;!?]|\s*$|\s+(?:and|so)\b)"
    r"|\bplease (?:join me in )?thank(?:ing)? (?:our|my|the|(?-i:[A-Z]))"
    # ... or the applause asked for them: "Please give it up for Ruth, Tash and Manny" ("I had to give it up for the
    # season" tells of work).
    r"|\b(?:please|let's|let us|everyone|everybody),? (?:(?:uh|um),? )?give it up for\b"
    r"|\bgive it up for (?:our|my) (?:panel|panelists|guests?|speakers?)\b"
    r"|\b(?:a )?(?:big |huge )?round of applause for\b|\bput your hands together for\b"
    # ("I never run an indoor one, so I really don't want to pretend I know", a mini golf webinar's title)
    r"|\b(?:i|we) (?:really |honestly )?(?:don't|do not) want to pretend (?:i|we|to) know\b"
    # ... and the round of introductions: "Let's just go down the line, introduce yourselves, short version" ("introduce
    # yourselves to the family by name" is advice).
    r"|\b(?:let's|let us|we'll|i'll) (?:just )?go down the line\b"
    # ("I got three owners, who all run 24 hour stores, so let's go around"; not "let's go around the problem")
    r"|\b(?:let's|let us|we'll) (?:just )?go a?round(?: the (?:room|table|circle|panel|call|screen))?"
    r"(?=\s*(?:[,.;!?]|$|and\b|(?:very |real )?quickly\b))"
    r"|\bintroduce yourselves\b(?=\s*(?:[,.;!?]|$|(?:very |real |really )?(?:quickly|briefly|quick)\b))"
    # ... and the panel introduced one name after another ("Priya runs site operations for a festival, Tom does
    # ticketing, and Fiona does crowd safety", "Marco writes the backcountry forecast for the northern zones, and Jess
    # runs avalanche control on the pass highway").
    rf"|(?-i:[A-Z])[a-z]+ (?:{_ROLE})\b[^.?!]{{0,80}}?,\s+(?:and\s+)?(?-i:[A-Z])[a-z]+ (?:{_ROLE})\b",
    re.IGNORECASE,
)
# A speaker mending how they are saying it ("So no, well, hang on, let me say it the right way round, because...",
# "actually, let me back up"): they are about to make a point, and the words around the mend are its false start.
_SELF_REPAIR = re.compile(
    r"(?:^|[,;.!?]\s*)(?:(?:so|no|well|okay|ok|actually|hang on|wait|sorry|um|uh|or),?\s+)*"
    r"(?:let me|lemme|i'll|i want to|i should|i'm going to|i'm gonna)\s+"
    # "let me back up, because" and "let me back up a bit", not "I'll back up that number with data".
    r"(?:rephrase|back up(?=\s*[,.;!?\u2014]|\s*$|\s+(?:a (?:bit|second|sec|minute|step)|for a (?:second|minute))\b)"
    r"|start (?:over|again)|try (?:that|this|it) again|correct (?:myself|that)"
    r"|(?:put|say) (?:it|that|this) "
    r"(?:again|differently|better|another way|(?:the|a) (?:right|better|different) way))\b",
    re.IGNORECASE,
)
# Where one sentence of a passage ends and the next begins.
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

CLAIM_CATEGORIES = (
    "A general statement about how a market, a business, a team or a practice works, and why.",
    "An opinion that argues against a common belief and gives a reason for it.",
    "A recommendation of what organisations should do differently, with the reason it works.",
    "A finding backed by a measured figure such as a percentage, a count or an amount of money.",
    "A lesson learned from experience, stated so that others can apply it.",
    "A recurring problem that customers or teams struggle with, and what it costs them.",
    "An explanation of the steps or stages of a method and what each one achieves.",
)
CHIT_CHAT_CATEGORIES = (
    "A greeting, a welcome or a goodbye to the audience or to a guest.",
    "Small talk about the weather, travel, the weekend, or where someone lives or grew up.",
    "Checking whether the microphone, the sound, the screen or the connection works.",
    "Housekeeping about the session: the agenda, the recording, the slides, questions in the chat.",
    "Thanking someone, or introducing the speaker and their job title.",
    "A short reaction or filler remark: agreeing, laughing, or asking the other person to go on.",
    "Arranging a meeting time, a call or other practical logistics.",
    "Announcing what today's talk, episode or session is going to be about.",
    "A host's question or introduction that hands over to the guest.",
    "A transition that moves the conversation on to the next topic.",
    "An instruction to a software assistant or system about how to behave or what to output.",
    "A request to the audience to sign up, buy, book a call or follow a link.",
    "An apology for an interruption or a noise in the background, such as a doorbell, a pet or a phone.",
    "A remark about how the speaker feels or sounds today: a cold, a cough, being tired or losing their voice.",
)


@dataclass(frozen=True)
class ClaimPrototypes:
    claims: Vectors
    chit_chat: Vectors

    @classmethod
    def embedded_by(cls, embedder: Embedder) -> ClaimPrototypes:
        return cls(embedder.embed(CLAIM_CATEGORIES), embedder.embed(CHIT_CHAT_CATEGORIES))


def claim_margin(vectors: Vectors, prototypes: ClaimPrototypes) -> NDArray[np.float64]:
    """How much closer each sentence is to its nearest claim category than to its nearest chit-chat one."""
    if vectors.shape[0] == 0:
        return np.zeros(0)
    nearest_claim = (vectors @ prototypes.claims.T).max(axis=1)
    nearest_chat = (vectors @ prototypes.chit_chat.T).max(axis=1)
    return np.asarray(nearest_claim - nearest_chat, dtype=np.float64)


def content_density(text: str) -> float:
    words = tokens(text)
    return len(content_words(text)) / len(words) if words else 0.0


def could_be_claim(text: str, *, min_words: int, max_words: int, min_content_words: int) -> bool:
    """Structure alone rules these out before any embedding: too short to state anything, a run-on
    too long to quote, a question (or one others put to the speaker, reported to set up the answer), a
    remark about the occasion, a speaker mending how they say it, or a line with too few content words
    to carry an idea."""
    words = tokens(text)
    if not min_words <= len(words) <= max_words or any(
        asks(sentence) or sets_up_a_question(sentence) for sentence in _SENTENCE.split(text)
    ):
        return False
    if _THE_OCCASION.search(text) or _SELF_REPAIR.search(text):
        return False
    # "Most of you think churn happens at renewal, and I think that's backwards": the view a speaker names to reject
    # is a position in few content words.
    return len(set(content_words(text))) >= min_content_words or rejected_view(text) is not None
