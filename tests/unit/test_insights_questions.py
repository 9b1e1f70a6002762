"""Questions and remarks about the occasion are not claims, however Whisper punctuated them."""

from __future__ import annotations

import pytest

from services.insights.extractive.claims import could_be_claim
from shared.questions import asks, is_question


@pytest.mark.parametrize(
    "text",
    [
        "And how did you sell that to your boss, because I assume your lead number dropped off a cliff.",
        "Are you concerned that adding more to the debt could be disastrous for the country.",
        "So do we really need a pricing calculator behind a form?",
        "Isn't one expert conversation a week too slow for a small team.",
        # ... after who hands it on, where Whisper drops the mark as well.
        "She says how do you write exclusions without looking.",
        "And Tomas asks do we really need a second estimator on small jobs",
        # ... and with "is" run into the question word (a festival panel nobody here had written).
        "What's the thing you changed that made the biggest difference.",
    ],
)
def test_a_question_is_known_by_its_word_order_as_well_as_its_mark(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "What worked for us was pulling a month of pages and deleting every alert nobody acted on.",
        "How we price matters more than what we price.",
        "Did is not a word anyone starts a claim with, but done right the review pays for itself.",
        "Which meant that whoever the panel liked came out on top.",
        "She says we should always bid the full scope.",
        "What's worked for us is a tap on every exit path.",
        "What's interesting is that nobody complained about the queue.",
    ],
)
def test_a_statement_is_not_a_question(text: str) -> None:
    assert not is_question(text)


def claim_shaped(text: str) -> bool:
    return could_be_claim(text, min_words=8, max_words=60, min_content_words=4)


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        # What a team does, ending on the question it asks: Whisper's mark belongs to the question reported.
        ("I call every customer who cancels within a week, and I ask one question, what did you switch to?", False),
        ("So we moved it to three weeks, and the email literally asks, did the new size fit?", False),
        ("My last company hired a sales guy at customer four, he kept asking, what's the pitch?", False),
        # A question handed on, or asked outright, still asks.
        ("Hi, quick question, how do you handle rejections?", True),
        ("Next question is from a nurse on nights, and ask, what if my patient is asleep?", True),
        ("Did you ask them one question, what they switched to?", True),
        ("So you came in as the first finance hire, right?", True),
        # A listener's question the host hands on, by who asks it.
        ("She asks, what do you do with a temp who is fast but sloppy?", True),
        ("Okay, Priya asks: how long should a pilot run?", True),
        ("She says how do you write exclusions without looking.", True),
    ],
)
def test_a_statement_ending_on_a_question_it_reports_does_not_ask(text: str, asking: bool) -> None:
    assert is_question(text)
    assert asks(text) is asking
    assert claim_shaped(text) is not asking


def test_a_common_view_named_to_reject_it_is_a_claim_in_few_content_words() -> None:
    assert claim_shaped("Most of you think churn happens at renewal, and I think that's backwards.")
    # The same few content words state nothing without the view.
    assert not claim_shaped("And some of you asked me about churn, and that is fair enough.")


def test_remarks_about_the_occasion_and_unmarked_questions_are_not_claims() -> None:
    assert not claim_shaped(
        "So welcome back, and today I've got someone who runs demand generation at a software company."
    )
    assert not claim_shaped("So the topic of this session is on-call, because my own team is exhausted.")
    assert not claim_shaped("And how did you sell that to your boss, because your lead number dropped off a cliff.")
    assert not claim_shaped("Pipeline reviews take two hours. Do you really think the forecast gets better.")
    assert claim_shaped("Gated leads go cold because sales follows up three days later, so we reply within the hour.")
    # A claim about the present is still a claim; only "today" with the people in the room frames the event.
    assert claim_shaped("Buyers today ignore cold email from vendors they have never heard of before.")
    assert not claim_shaped("Today we're going to look at how finance teams close the books in three days.")
    # What kind of episode it is, and a solo host's hello to returning listeners, frame it too.
    assert not claim_shaped(
        "Hi, it's me again, um, today's a short one about email lists, because I got a lot of questions about it."
    )
    assert not claim_shaped("So this week's a long episode on pricing, because the last one ran out of time for it.")
    # ... and the agenda said on after an introduction, with no comma before it.
    assert not claim_shaped("I run sales operations consulting at Fielder and today is territory planning, so hi.")
    assert claim_shaped("Every renewal email we send is a short one, because buyers read the first line and stop.")
    # ... and so do the show's own title, a host handing the floor to a guest, and a send-off.
    assert not claim_shaped("We never found out who did it. That's incredible, that's the episode title, I'm sorry.")
    assert not claim_shaped("Dana, I want to start with you, because last week you said the best thing was to stop.")
    assert not claim_shaped("And, uh, good luck with the leaf blower. It stopped right as we finished, of course.")
    assert claim_shaped("A title that names the buyer's problem gets twice the clicks of one that names the product.")
    assert claim_shaped("Start with the customers who left you, because they tell you what the happy ones never will.")


def test_a_host_introducing_the_guest_sets_the_talk_up_and_is_no_claim() -> None:
    # Diarization may credit the introduction to the guest's voice, or hear host and guest as one: the words
    # themselves say who is in the room.
    assert not claim_shaped(
        "So I run procurement for a hospital group, and my guest does the same job at a logistics firm."
    )
    assert not claim_shaped("Joining me is the person who rebuilt onboarding at a payroll company last year.")
    assert not claim_shaped("I'm joined by Lena Park, who produces independent tech conferences in three cities.")
    assert claim_shaped("We are joined by a shared goal, not by a shared office, and that is what keeps us honest.")
    assert not claim_shaped("So I have two support leaders with me today and we're going to argue about metrics.")
    assert claim_shaped("Customers who stay with us this year mostly came from referrals, not from paid search.")
    assert claim_shaped("A guest checkout converts better than forcing every buyer to create an account first.")


def test_the_question_others_put_to_the_speaker_reported_to_set_up_the_answer_is_no_claim() -> None:
    # A community-garden lightning talk nobody here had written: its opening joke titled the article.
    assert not claim_shaped("People always ask me what's the hardest thing to grow in a community garden.")
    assert not claim_shaped("So everyone asks me how we got forty volunteers to turn up every single Saturday.")
    assert not claim_shaped("So I run a community garden, and people always ask me what's the hardest thing to grow.")
    # The answer told in the same sentence, and asking for something, are claims.
    assert claim_shaped("I asked my team what slowed them down, and it was the approvals, every single time.")
    assert claim_shaped("Customers ask for refunds when the box is late, so we ship everything two days early.")


def test_the_equipment_the_session_runs_on_is_the_occasion_and_no_claim() -> None:
    # A registrar's conference talk nobody here had written: "I have a slide with the form, actually, if, oh, no, the
    # clicker's dead." named a pillar.
    assert not claim_shaped("I have a slide with the donation form, actually, if, oh, no, the clicker's dead.")
    assert not claim_shaped("Oh, that's the wrong slide, that's my nephew's birthday party, give me one second.")
    assert not claim_shaped("Okay, can everyone hear me, and the slides will be shared after the session ends.")
    # A moderator handing the floor to a panelist by name (a farriers' panel nobody here had written, the moderator's
    # and a panelist's lines heard as one voice).
    assert not claim_shaped("Okay, Marcus, I know you've got a slightly different news on shoes in general.")
    assert not claim_shaped("Okay, Marcus, I think you have something about photos for the adoption listings.")
    assert claim_shaped("Honestly, I know you've got a backlog, but a written budget saves the whole second month.")
    # ... or by what they said before the call, or wished well (a sewing machine repairers' peer call nobody here had
    # written, held out in the forty-fifth round: both were quoted, misheard, as pillars).
    assert not claim_shaped("Kendra, you told me your class is used to be chaos.")
    assert not claim_shaped("Ray, you mentioned the really big ships, and how they turn in the harbour mouth.")
    assert not claim_shaped("Thomas, I hope the air conditioning gets fixed before the summer classes start.")
    assert claim_shaped("You told me the first week is the hard one, and it was: half the class left by Friday.")
    assert claim_shaped("I hope nobody prices a service by the hour again, because the customer only sees the fee.")
    # ... and the panel after it waiting at the side (a breakdown callouts panel nobody here had written, held out in
    # the forty-fifth round: its last pillar).
    assert not claim_shaped("Right, and I can see the next panel hovering at the side, which is, um, diesel theft.")
    assert claim_shaped("The next speaker at a safety briefing should be the driver, not the manager with a clipboard.")
    # ... and the sign to wind it up (a village halls panel, same wave: its last pillar).
    assert not claim_shaped("Okay, I'm getting the wind it up, I'm from the lady with the iron, so five more minutes.")
    assert not claim_shaped("Right, I think it's time to wind things up, and thank you all for staying so late.")
    assert claim_shaped("Wind it up every Sunday night, or the movement loses a minute a day by the end of the month.")
    assert claim_shaped("Skip the deposit and you'll wind up paying for the cleaning out of the hall's own funds.")
    # ... and a question waiting in the chat, and a view the speaker does not have (a trampoline park webinar nobody
    # here had written, forty-sixth round: a pillar and the article's title).
    assert not claim_shaped("There's a question in the chat already, Angela asks, did you get complaints about prices?")
    assert not claim_shaped(
        "Grip socks, I honestly don't have a strong opinion, I do whatever your till makes easiest."
    )
    assert claim_shaped("I don't have a strong opinion about the brand of socks, but I do about charging separately.")
    assert claim_shaped("There's a question every new owner asks, and the answer is always to raise weekend prices.")
    # ... and the wait for a guest who never came (a snooker hall's stream nobody here had written, forty-seventh round:
    # the article's title).
    assert not claim_shaped("Okay, we'll give it a couple of minutes, see if we can get him on the phone.")
    assert not claim_shaped("Let's give people another five minutes to join, the link went out late.")
    assert claim_shaped("We'll give it ten minutes to set, and then the cloth goes back on with no creases.")
    # ... and when the next session starts, and a promise to be brief (a surf schools panel and a farm shop webinar,
    # the same round: both named pillars).
    assert not claim_shaped("Next session at 3 and it's on insurance, so, um, get a strong coffee from the trolley.")
    assert not claim_shaped("Oh, yes, thanks, I'll be quick, I'm not very good at listening to my own recordings.")
    assert not claim_shaped(
        "Yeah, thanks, Jess, I'll keep it short, because the fleet story takes longer than the fleet."
    )
    assert claim_shaped("The next session at the pool is the one the kids remember, so we never skip it.")
    assert claim_shaped("Keep it short: a five minute briefing covers the three things people forget.")
    # ... and a guest coming back on, and the Wi-Fi where they sit (an orchard podcast, the same round: its title).
    assert not claim_shaped(
        "I'm here, I'm here, sorry, I'm in the office above the store and the Wi-Fi is, it's basically a rumor up here."
    )
    assert not claim_shaped("Sorry about that, the Wi-Fi is dropping every few minutes up here in the packing shed.")
    assert claim_shaped("I'm here every Saturday at six, because the pickers who start early pick twice as clean.")
    assert claim_shaped("The signal on the farm is so bad that we went cash only, and takings went up a tenth.")
    # ... and who is watching in the comments, and the room's hurry to leave (a snooker hall's stream that never
    # started and a soft play cleaning panel: both titled articles).
    assert not claim_shaped("Hiya Marie, hiya Paddy, I can see a few people in the comments.")
    assert not claim_shaped(
        "Okay, and it's bucketing down outside, so I'm going to assume none of you are in a rush to leave."
    )
    assert claim_shaped("We've got loads of people on the stream every Friday, and most of them are club captains.")
    assert claim_shaped("Parents at a party are never in a rush to leave, so the turnaround has to be forty minutes.")
    # Telling someone what they have to do is advice, whoever it is addressed to.
    assert claim_shaped("Sam, you have to price every frame by the united inch, or the big ones lose you money.")
    # ... and its start (a film photography meetup nobody here had written: the organiser's opener named a pillar).
    assert not claim_shaped("Alright, erm, let's get started, and still coffee at the Mac if you want it.")
    assert claim_shaped("Most new developers get started with a tank that leaks, so we hand out a better one.")
    # The screen the session is shown on, and the speaker's plan for it (a dog-training webinar nobody here had
    # written: "Let me stop sharing" and "The first one is the one everyone wants to skip" named pillars).
    assert not claim_shaped("The sourdough incident, ok, I think that's the three steps, let me stop sharing.")
    assert not claim_shaped("Great, so, recall, I'm going to walk you through it in three steps, and the first one.")
    assert claim_shaped("We stopped sharing customer lists with partners, and the complaints fell by half in a year.")
    # A slide in the numbers, and asking to be heard out, are no equipment.
    assert claim_shaped("Revenue took a slide in March because we stopped calling lapsed members every month.")
    assert claim_shaped("Hear me out, because charging for the first lesson cut our no-shows from thirty to six.")


def test_the_panel_introduced_and_the_questions_announced_are_the_occasion_and_no_claim() -> None:
    # A kayak guide's webinar and a poll-worker panel nobody here had written: "Okay, third thing, and then I want to
    # get to your questions" titled one article, "Let's just go down the line, introduce yourselves" the other, and
    # "Tonight is about the people who actually run elections" then named a pillar.
    assert not claim_shaped("Okay, third thing, and then I want to get to your questions, because I can see the chat.")
    assert not claim_shaped("Let's just go down the line, introduce yourselves, short version, and then we'll start.")
    assert not claim_shaped("Okay, tonight is about the people who actually run elections in this county, not us.")
    # ... and the speaker's plan for the talk, and the goodbye (the kayak guide's webinar again).
    assert not claim_shaped("Great, okay, so I'm not going to do slides, I'm just going to tell you about three times.")
    assert not claim_shaped("Thanks everybody, stay upright, or, you know, practice being upside down.")
    assert claim_shaped("Guides talk about the turnaround time on the beach, so nobody renegotiates it on the water.")
    # ... and a panelist declining to answer (a trail crew panel nobody here had written, whose article it titled).
    assert not claim_shaped(
        "I got opinions on that, but I don't have data, and I'd rather not start a fight right now."
    )
    assert claim_shaped("We'd rather not hire at all than hire the wrong crew lead for a whole season of trail work.")
    # ... and the panel introduced by the moderator (the same panel: its "ridiculous amount of dirt" named a pillar).
    assert not claim_shaped("So I've got three people up here who have moved a, frankly, ridiculous amount of dirt.")
    assert claim_shaped("We have three people on the night shift who have never once been trained on the new scanner.")
    # ... and each panelist named by what they do (an avalanche panel nobody here had written named a pillar so).
    assert not claim_shaped("Marco writes the backcountry forecast for the northern zones, and Jess runs the pass.")
    assert claim_shaped("Most shops run one roaster on two days, and we run two roasters on one day.")
    assert claim_shaped("Finance owns the budget for the season, and nobody in the crew ever sees it.")
    # ... and the round of introductions by another name (a laundromat owners' panel's title, the same round).
    assert not claim_shaped("I got three owners, who all run 24 hour stores, so let's go around.")
    assert claim_shaped("When a regulation blocks you, let's go around the problem and find another route.")
    # ... and a question relayed from the chat, and a speaker declining to guess (a mini golf webinar nobody here had
    # written: the first named a pillar, the second titled the article).
    assert not claim_shaped("Okay, and one more, someone's asking whether any of this applies to indoor courses.")
    assert claim_shaped("Customers keep asking whether we deliver, so we started a Thursday van run to the villages.")
    assert not claim_shaped("I never run an indoor one, so I really don't want to pretend I know.")
    assert claim_shaped("We stopped letting new staff pretend they know the rules, and the complaints dropped.")
    # ... and the panel by what its people do, each panelist by post or team, and a question repeated or put off for
    # the recording (a court interpreting panel, a repair cafe panel and a glider club panel nobody here had written,
    # fortieth round, as Whisper heard them: each of these named a pillar or titled an article).
    assert not claim_shaped(
        "We are talking about court interpreting, and I've got three people who do this every week."
    )
    assert claim_shaped(
        "We have three people who do the night shift at the depot, and none has been trained on scanners."
    )
    assert not claim_shaped(
        "Marcus, I'm the language access coordinator for the trial courts in our state, so I'm the guy."
    )
    assert not claim_shaped(
        "And I'm moron, I'm in the waste team at the council, so I'm the one with the spreadsheets."
    )
    assert claim_shaped("I'm the owner, so every late invoice lands on my desk, and I chase each one within a week.")
    assert not claim_shaped("So, for the recording, the question is how you get the attorneys to send the materials.")
    assert not claim_shaped("The question is how you stop the winter meeting turning into a grumble about the bar.")
    assert not claim_shaped("It costs me double, I fought it at first, but I'm sure money comes up in the questions.")
    assert claim_shaped(
        "We paid for the recording studio ourselves, and it doubled how many people finished the course."
    )
    assert claim_shaped("The answer is to call every family, whatever the question is, before the term starts.")
    # ... and a dodged question, the session's clock run out, its thanks and its laptop (a bindery webinar, a screen
    # printing panel, a bell ringing panel and an orchestra webinar nobody here had written, fortieth round).
    assert not claim_shaped("Short answer, PVA mostly, and I'm not getting into a fight about wheat paste tonight.")
    assert not claim_shaped("Ok, we are over time, and I need this room back for the salsa class, I'm not joking.")
    assert not claim_shaped("We're out of time. So please thank Morag and Keith. And there's still tea, I'm told.")
    assert not claim_shaped("I run the raffle, the website and the Christmas party, and I can't even work this laptop.")
    assert claim_shaped("The kiln ran over time on every firing until we moved the big pots to the bottom shelf.")
    assert not claim_shaped("So I was asked to talk about the mistakes that cost me the most, which is a long list.")
    assert claim_shaped("Our customers asked us to talk about pricing first, so the quote now opens every visit.")
    assert claim_shaped("We can't work the new till on a Saturday, so the volunteers write every sale in a book.")
    # ... and the age the speaker started at (a ferry webinar and a rowing podcast nobody here had written: each story
    # named a pillar, the second also the lead magnet's number).
    assert not claim_shaped(
        "My very first job on the water was selling ice cream on a ferry when I was 16, and I hated it."
    )
    assert not claim_shaped("I was 38, I'd had a bit of a rough year, and I walked past the boathouse one morning.")
    assert claim_shaped("By March we were 12, and the rota broke because nobody owned the Saturday shift at the depot.")
    assert claim_shaped("I was 5 minutes late to every site visit until we moved the briefing to the yard gate.")
    # ... and the applause a moderator asks for (a stained glass panel nobody here had written, forty-first round: a
    # pillar read "Please give it up for Ruth, Tash and Man, and uh").
    assert not claim_shaped("Please give it up for Ruth, Tash and Manny, and uh, the coffee's still warm at the back.")
    assert claim_shaped("I had to give it up for the season when the kiln cracked, and we lost two months of orders.")
    # ... and a story announced before it is told (a watch repair podcast nobody here had written: "I need to tell the
    # rent farmer clock story" named a pillar).
    assert not claim_shaped("Oh, I need to tell the grandfather clock story, because it's the best one we've got.")
    assert claim_shaped("The story we tell every new apprentice is the flood, because it's why we log every repair.")
    # ... and an audience question handed to a panelist (an escape room panel nobody here had written: "She's asking
    # Dana what happens when a group shows up late" named a pillar).
    assert not claim_shaped("Okay, she's asking Dana what happens when a group shows up late for their slot.")
    assert claim_shaped("She was asking what our escape rate was, and it went from 35 to 60 percent with hints.")
    # ... and the chat's questions and where they go (a quiz writing webinar nobody here had written: its title was "I
    # Genuinely Can't See the Hands", a pillar "Somebody in the chat is asking what happened to the deal's note").
    assert not claim_shaped("Questions go in the chat, not the raised hand thing, because I genuinely can't see hands.")
    assert not claim_shaped("Note it, somebody in the chat is asking what happened to the note, either way, actually.")
    assert claim_shaped("Somebody in the kitchen is always asking for the stock sheet, so we pin it to the fridge.")
    # ... and a host's introduction of the speaker's talk (a heel bar webinar nobody here had written, the second wave
    # of the forty-first round: it named a pillar).
    assert not claim_shaped(
        "He's cut something like a quarter of a million keys, and he's going to talk about what keeps a counter going."
    )
    # ... and a welcome after the greeting, and the speaker introduced (a canal panel and a pond webinar, the same
    # wave: each named a pillar).
    assert not claim_shaped("Good evening everyone, welcome to the autumn members' evening, and thanks for the rain.")
    assert not claim_shaped("Our speaker tonight is Helen, who has been restoring ponds with volunteers for years.")
    assert claim_shaped("Our speakers always get the same brief: one pond, one mistake, and what it cost the group.")
    # ... and the speaker's pause for questions (a garden centre webinar, the same wave: it titled the article).
    assert not claim_shaped(
        "Okay, and the last thing, and then I'll stop so people can ask stuff. I call it the plant hospital, honestly."
    )
    assert claim_shaped("We stop the machines at noon so the staff can clean the filters before the lunch rush.")
    # Advice about introductions, and a claim about tonight's shift, are claims.
    assert claim_shaped("Introduce yourselves to the family by name before you carry a single box into the flat.")
    assert claim_shaped("The night shift tonight is short three people, so every station gets one less volunteer.")


def test_the_clock_where_each_speaker_sits_is_the_occasion_and_no_claim() -> None:
    # ... and the room (a bike tour podcast nobody here had written: its article was titled "I'm in a Spare Room in
    # Lex").
    assert not claim_shaped("Well, I say here, I'm in a spare room in Lex with a doom over my head for new acoustics.")
    assert not claim_shaped("Oh, hi, sorry, can you hear me, I'm in the car, because the kids are home, parked.")
    assert claim_shaped("I'm in the truck eight hours a day, so every quote goes out from the cab before lunch.")
    # An animal shelter panel nobody here had written: the time-zone small talk before the talk titled its article
    # ("We'll Balance Each Other Out").
    assert not claim_shaped(
        "And it's 4 in the afternoon here, and I'm already had, uh, free coffees, so we'll balance each other out."
    )
    assert not claim_shaped("It's just after 10 at night where I live, so if I yawn, blame the barking kennel dogs.")
    assert not claim_shaped("Marcus, how are you doing, and what time is it over there in Tulsa right now?")
    # ... and the journey there and the heat of the room (an angling panel and a salon panel nobody here had written,
    # forty-second round: "I've Been Driving for an Hour and a Half" titled one article, "Having a think about it"
    # named a pillar of the other).
    assert not claim_shaped("So at all, Gary, I've been driving for an hour and a half, Helen, I'm making it count.")
    assert not claim_shaped(
        "Sorry, it is roasting in here, Nate told me the aircon is, quote, having a think about it."
    )
    assert claim_shaped("I've been driving trucks for twenty years, and the night runs always break the tyres first.")
    assert claim_shaped("By six it's freezing in the cold store, so we move the deliveries to the morning.")
    # ... and who speaks next (a parish organ meeting: "[Richard] is going to tell us what he found" named a pillar).
    assert not claim_shaped("Right, so [Richard] is going to tell us what he found when he opened the swell box.")
    assert not claim_shaped("And Priya is going to talk about the rota, because that is where it all starts.")
    assert claim_shaped(
        "Nobody is going to tell you what the old organ needs, so the committee pays for a proper survey first."
    )
    # ... and who is at home with them today (a pottery teacher's webinar nobody here had written, forty-third round:
    # "My Son Is Homesick Today" titled its article).
    assert not claim_shaped("Sorry about the noise in the background, my son is homesick today, so he's on the sofa.")
    assert not claim_shaped("My dog has decided this morning is the morning to bark at every single delivery van.")
    assert claim_shaped("My son's school cut its music budget, so we started lending the older instruments for free.")
    assert claim_shaped("My dog sleeps under the desk, and the clients who see her on calls stay on twice as long.")
    # ... and the time left for questions and where lunch is (a street food panel nobody here had written, the same
    # round: "We Have a Few Minutes for Questions" titled its article, "Lunch is in the hall" named a pillar).
    assert not claim_shaped("Very subtle, Tom, okay, we have a few minutes for questions.")
    assert not claim_shaped("And, uh, lunch is in the hall, and I'm told none of these four are lurking it.")
    assert claim_shaped("We have time for questions at the end of every demo, and that is where objections come out.")
    assert claim_shaped("We have ten minutes for every table, so the kitchen fires mains in waves of four.")
    assert claim_shaped("Coffee is in the van before six, so the crew never stops at a cafe on the way.")
    # ... and its end (a roofing podcast nobody here had written, forty-fourth round: "I'm the one bringing the orange
    # slices" named a pillar).
    assert not claim_shaped(
        "Okay, I gotta let you go, I got my son's little league game at six, and I'm the one bringing the orange "
        "slices, which is apparently a very serious responsibility."
    )
    assert claim_shaped("When we had to let him go, the whole crew finally started taking the checklist seriously.")
    # A time of day in the talk itself says nothing of where the speaker sits.
    assert claim_shaped("By 4 in the afternoon the kitchen is out of prep, so we moved the second shift up an hour.")
    assert claim_shaped("It's 4 in the afternoon when most adopters come in, so that is when we staff the kennels.")


def test_a_speaker_mending_how_they_say_it_makes_no_claim() -> None:
    # A beekeeping podcast nobody here had written: the mend opened its article as the title.
    assert not claim_shaped("So no, well, hang on, let me say it the right way round, because people hear this wrong.")
    assert not claim_shaped("So the first, well, actually, let me back up, because everybody expects me to say robots.")
    # Saying something again to customers, or backing up data, is what a speaker does, not how they say it.
    assert claim_shaped(
        "We say it again on every invoice, because a customer who forgot the terms pays thirty days late."
    )
    assert claim_shaped("Back up the whole database every night, because the one night you skip is the night it dies.")
    assert claim_shaped("I'll back up that number with our churn data, because nobody believes a chart on its own.")
    assert not claim_shaped("Okay, let me back up a bit, because everybody who calls us expects to hear about robots.")


def test_a_break_in_the_show_is_the_occasion_and_no_claim() -> None:
    assert not claim_shaped("Okay, hold that thought, let's take a quick break and pay some bills real quick.")
    assert not claim_shaped("We'll be right back after this, and then we get to the listener question on swaps.")
    assert not claim_shaped("ok, and we're back. so, you wanted to talk about estimates and the money side of it.")
    assert not claim_shaped("Ok, back to it, Lena, speakers, since you brought them up at the very start.")
    assert not claim_shaped("Anyway, let's get back to the question of who owns the customer after the handoff.")
    # Taking a break as advice, and "back" going on, are claims.
    assert claim_shaped("Make every cook take a short break before the dinner rush, because tired cooks quit.")
    assert claim_shaped("When the float crew left we're back to padding every Friday shift with an extra cook.")
    assert claim_shaped("Most people who quit come back to it within a year, because the habit was the hard part.")


def test_how_to_take_part_in_the_session_and_a_question_handed_on_from_it_are_no_claims() -> None:
    assert not claim_shaped("Quick note, if anyone's getting sound problems, the phone number in the email is better.")
    # Whisper may mishear the trouble ("audio issues" as "all the issues"); what to do on the call still says it.
    assert not claim_shaped(
        "Before we start, if you're having all the issues, try dialing in with the phone number in the invite."
    )
    assert claim_shaped("Customers who dial in to support wait twice as long as the ones who open a chat window.")
    assert not claim_shaped("And another question from the comments, Priya wants to know how long a pilot should run.")
    # A moderator moving the panel on, reading out who asked, or calling a disagreement (panels nobody here had
    # written, where diarization heard the moderator and a guest as one voice).
    assert not claim_shaped("Let's, uh, let's move to water, because Fiona, you have a number on this one for us.")
    assert not claim_shaped("Okay, we've got a bunch of questions coming in, so let me go to those right now.")
    assert not claim_shaped("This one's from Keith in, I think, Spokane, and he wants the budget split explained.")
    assert not claim_shaped(
        "Well, okay, Sunday morning checkouts, and Sunday night walks, so, fair, let's talk inspections."
    )
    assert not claim_shaped("Alright, we'll call that one a draw, and I think both of you have a real point there.")
    assert not claim_shaped(
        "Priya runs site operations for a 60,000 capacity festival, Tom does ticketing, and Fiona does crowd safety."
    )
    # Moving money or people to something is a claim, and so is who does what in a team the speaker describes.
    assert claim_shaped("On our crews the foreman runs the schedule, and nobody else touches it once it is posted.")
    assert claim_shaped("Let's move the budget to preservation first, because a sealed road lasts seven more years.")
    assert not claim_shaped("One more from the audience, somebody asks whether the float crew gets paid mileage.")
    # The same words about the subject, or an idea credited to a room, are claims.
    assert claim_shaped("Audio problems cost a webinar half its live audience within the first ten minutes.")
    assert claim_shaped("We got the whole bedside handoff idea from the audience at a nursing conference.")
    assert claim_shaped("Customers in the chat ask for a human within a minute, so we staff it from nine to five.")


def test_the_sessions_clock_and_a_turn_to_the_questions_are_no_claims() -> None:
    assert not claim_shaped("Right, just keeping an eye on the clock, we have maybe eight minutes before the top.")
    assert not claim_shaped("We've got about ten minutes left, so let's turn to the audience questions now.")
    # The same words about the work are claims.
    assert claim_shaped("Escalated tickets go to the queue of the senior team, and they answer within the hour.")
    assert claim_shaped("Dispatchers who stop checking the time on every call book two more jobs a day.")
