"""Clauses a reader can take alone: the verbatim pieces of a spoken sentence fit to name its idea.

Speech runs on ("I mean, it was under 2% if I remember right, so what we ended up doing, ..."), and
its first words are rarely its point. A clause stands alone when it opens on neither a subordinator,
a relative word, a preposition nor an auxiliary (whose subject stayed in the clause before), is not
granted only to be answered by "but", does not point back ("it was...", "that's..."), names what it
is about ("something" does not), asks nothing, ends on a word that can end a statement and carries at
least two words of substance. The word classes below are
closed classes of English grammar, not any recording's wording.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from shared.questions import is_question

MIN_WORDS = 4
MAX_WORDS = 12
# How many words past MAX_WORDS a clause holding a whole range ("went from X to Y") may run.
RANGE_ALLOWANCE = 3
# A clause that reports a question ("somebody just checks, is our champion still there") names its point with it.
MAX_REPORTED_QUESTION_WORDS = 6

# A mark that ends a clause. A comma or colon between two digits belongs to a number ("33,000 e-mails",
# "10:30"): cut there, a clause would open on "000 e-mails".
CLAUSE_MARK = r"(?:[;\u2014\u2013]|(?<!\d)[,:]|[,:](?!\d))"
_CLAUSE_BREAK = re.compile(rf"((?<=[.!?])\s+|\s*{CLAUSE_MARK}\s*|\s+--?\s+)")
# Words a spoken clause opens with before it says anything: the headline starts after them. ("Look, ..." is one;
# "look at how long your customers take to pay you" is an order. "No, ..." is one; "no kid ever cared" is not;
# "Yet ..." is one, "yet another meeting" is not.)
_OPENERS = re.compile(
    r"^(?:(?:so|and|but|or|yet(?!\s+(?:another|again|more)\b)|then|now|well|"
    r"look(?!\s+(?:at|for|into|through|after|up|out|over|back|around|ahead)\b)|"
    r"honestly|frankly|okay|ok|yeah|yes|no(?=\s*[,.!?])|right|um|uh|like|basically|"
    r"actually|i mean|you know|i think|i guess|i'd say|i believe|i'd argue|the thing is)\b,?\s*)+",
    re.IGNORECASE,
)
# A speaker's hedge that can interrupt a clause without ending it: "We lost, I think, two accounts".
ASIDE = re.compile(r"(?:i think|i guess|i mean|you know|i'd say|i believe|i suppose|if you will)", re.IGNORECASE)
# A clause opening on a subordinator, a relative or a preposition depends on another one or only sets the
# scene ("Unlike the last race", "In the state of Indiana"): it cannot stand alone.
_DEPENDENT = frozenset(
    {
        "which", "who", "whom", "whose", "that", "where", "wherever", "when", "whenever", "once", "if", "because",
        "since", "although", "though", "while", "unless", "until", "as", "whether", "whereas", "than", "how", "why",
        "to", "of", "in", "on", "at", "for", "with", "without", "within", "after", "before", "during", "over",
        "under", "unlike", "like", "about", "across", "against", "among", "around", "between", "beyond", "by",
        "despite", "from", "into", "through", "toward", "towards", "upon", "via", "per", "except", "according",
        # "otherwise they send the junior team": the consequence of a condition said before it, like "if".
        "otherwise",
    }
)  # fmt: skip
# "who'd been to the same three schools": a relative contracted with its verb is still a relative.
_CONTRACTED_RELATIVES = frozenset({"who'd", "who's", "who've", "who'll", "who're", "which'd", "which's", "which'll"})
# Grammar words a statement does not end on ("something the sales leader cares about").
_DANGLING = frozenset(
    {
        "a", "an", "the", "of", "to", "for", "with", "in", "on", "at", "by", "from", "about", "into", "and", "or",
        "but", "so", "than", "as", "that", "which", "who", "whom", "is", "are", "was", "were", "be", "been",
        "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should",
        "my", "our", "your", "their", "his", "her", "its", "very", "if", "because", "when", "like", "just",
        # "for a herd under", "at a milk price that's": a preposition that takes no particle's place, and a pronoun
        # with its verb contracted, promise what comes next.
        "under", "between", "among", "onto", "toward", "towards", "per", "versus", "that's", "it's", "there's",
        "here's", "what's", "who's", "he's", "she's", "we're", "they're", "you're", "i'm",
        # ("I let them choose it without", an upholstery webinar's pillar; "I do three nights a week across", a pub quiz
        # panel's title)
        "without", "despite", "during", "via", "across", "throughout", "upon", "amongst",
    }
)  # fmt: skip
# Words a clause cannot end on besides those: an auxiliary left without its verb ("there is no hour that isn't") and
# verbs that need what they take ("what usually happens is the new rep gets").
_WANTS_MORE = _DANGLING | frozenset(
    {
        "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "won't", "can't", "shouldn't",
        "wouldn't", "couldn't", "haven't", "hasn't", "gets", "got", "give", "gives", "gave", "makes", "takes",
        "took", "puts", "become", "becomes", "became", "ask", "asks", "asked", "wonder", "wonders", "wondered",
        # ... and verbs that take what is felt, seemed or learnt ("they felt | like guests", "buyers learn | that ...").
        "feel", "feels", "felt", "seem", "seems", "seemed", "sounds", "sounded", "learn", "learns", "learned", "learnt",
        "realise", "realised", "realize", "realized",
        # ... and verbs that say what was said next ("nobody can ever come up to me and say | ...").
        "say", "says", "said",
    }
)  # fmt: skip
# Where a long clause may be cut to a statement of its own: before a conjunction, a subordinate clause or a
# prepositional phrase ("Seventy percent of the teams had not run an interview | in a quarter").
_CLAUSE_JOINT = frozenset(
    {
        "and", "but", "or", "so", "because", "which", "who", "that", "when", "where", "while", "if", "like",
        "until", "in", "on", "at", "for", "with", "from", "by", "before", "after", "during", "within", "without",
        "across", "through", "to",
    }
)  # fmt: skip
# Nouns that name nobody and nothing in particular until what follows says which ("the person who bought us",
# "people who'd been to the same three schools", "things like background checks"): a clause cut before that says
# only that there are people or things. English's generic nouns and indefinite pronouns, not any speaker's words.
_NAMED_BY_WHAT_FOLLOWS = frozenset(
    {
        "people", "person", "persons", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "those",
        "folks", "one", "ones", "thing", "things", "stuff",
    }
)  # fmt: skip
_EVERY = frozenset({"every", "each", "any"})
_SAYS_WHICH = frozenset({"who", "whom", "whose", "that", "which", "where", "like"}) | _CONTRACTED_RELATIVES
# The relative pronouns a transcript may set apart with commas ("..., which, um, landed better than expected").
_RELATIVES = frozenset({"which", "who", "whom", "where"})
# Nouns of time that English uses as subordinators: "the moment you give 30 % off, buyers learn...", "every time I see
# a price increase roll back, ...". Followed by a subject, they open a clause of time, like "when".
_TIME_CONJUNCTION = re.compile(
    r"^(?:(?:every|each|any|the first|the last|the next|the only) time|anytime|"
    r"the (?:moment|minute|second|day|instant))\b"
)
# A noun phrase or a "what" clause whose "is that" announces the statement after it ("The other rule is that ...",
# "What I took from it is that ..."); a comma inside would mean the frame holds a clause of its own.
_FRAME = re.compile(r"^(?:the|my|our|one|what)\b[^,]{0,40}?\b(?:is|was) that\s+", re.IGNORECASE)
# Where examples of what was just said begin: "like" as a preposition, not the filler set apart by commas.
_EXAMPLES_FOLLOW = re.compile(r",\s+(?:like|such as|for example|for instance|e\.g\.)\s+(?!,)\w", re.IGNORECASE)
# What the speaker advises, announced as such: "what we recommend is ...", "what I'd do is ...".
_ADVICE_FRAME = re.compile(
    r"^what (?:i|we)(?:'d| would)? (?:recommend|suggest|advise|do|tell (?:people|clients|teams|everyone|them))"
    r"(?:'s| is)\s+",
    re.IGNORECASE,
)
# "I learned that when we built a whole feature, ...": what was learnt opens on a clause of time or condition, and its
# main clause comes after it, past the comma the transcript sets there, or past the joint a long clause is cut at.
_THAT_OPENS_A_CONDITION = re.compile(
    r"\bthat (?:when|whenever|if|once|after|before|while|because|since|until|unless)\b", re.IGNORECASE
)
# Verbs that take another verb after "to" ("was meant to fill the gap", "is going to uphold"): cut before that
# "to" and the clause stops mid-predicate ("The Act was meant"). English's catenative verbs, not any speaker's.
_TAKES_INFINITIVE = frozenset(
    {
        "going", "meant", "supposed", "able", "unable", "used", "need", "needs", "needed", "want", "wants",
        "wanted", "try", "tries", "tried", "trying", "seem", "seems", "seemed", "tend", "tends", "tended", "plan",
        "plans", "planned", "hope", "hoped", "expect", "expected", "decide", "decided", "got", "get", "gets",
        "begin", "began", "start", "started", "continue", "continued", "refuse", "refused", "ought", "allowed",
    }
)  # fmt: skip
# What a verb takes opens on these words, so no cut falls between them: "to" after those verbs, and a preposition after
# English's prepositional verbs, whose object follows it ("think of the discount as interest", "focus on one account");
# cut there, a clause stops before what the verb is about ("I told the sales team to think").
_TAKES_NEXT: dict[str, frozenset[str]] = {verb: frozenset({"to"}) for verb in _TAKES_INFINITIVE} | {
    verb: frozenset(prepositions.split())
    for forms, prepositions in (
        ("think thinks thought thinking", "of about on"),
        ("focus focuses focused focusing", "on"),
        ("rely relies relied relying depend depends depended depending count counted", "on"),
        ("look looks looked looking", "at for into"),
        ("care cares cared caring", "about for"),
        ("deal deals dealt dealing", "with"),
        ("wait waits waited waiting", "for"),
        ("listen listens listened listening", "to"),
        ("talk talks talked talking", "about to with"),
        ("pay pays paid paying", "for"),
        ("account accounts accounted", "for"),
        ("apply applies applied", "to for"),
        ("stick sticks stuck", "to with"),
        ("refer refers referred", "to"),
        # A figure that went from one value to another: "the share of exchanges went | from a third to two thirds".
        (
            "go goes went gone rise rises rose risen fall falls fell fallen jump jumps jumped climb climbs climbed",
            "from to",
        ),
    )
    for verb in forms.split()
}
# Verbs that take a person and then what they are told or shown ("will tell you in 10 minutes what your happy
# customers never say"): cut after the person, the clause stops before its point ("A churned customer will tell you").
_TELLS_WHOM = frozenset(
    {
        "tell", "tells", "told", "telling", "show", "shows", "showed", "shown", "showing", "teach", "teaches",
        "taught", "ask", "asks", "asked", "remind", "reminds", "reminded", "promise", "promises", "promised",
    }
)  # fmt: skip
# The persons a verb takes as its object.
_PERSONS = frozenset({"me", "you", "us", "them", "him", "her"})
# Pronouns that leave their referent unnamed: "I want to start with something slightly uncomfortable" announces
# an idea without stating it. (Every-, no- and any- pronouns quantify instead: "Nobody missed it", "A form fill
# doesn't pay anyone" say something. So does an unnamed person doing a named thing: "a rule where someone replies
# within the hour" names the rule.)
_UNNAMED = frozenset({"something", "somewhere"})
# Two uses leave nothing unnamed: "something like half the line" is an approximate figure, and a clause ending on what
# a deed gives or takes ("the next person who speaks usually concedes something", "it costs something") says that
# there is some, not what. After a verb of saying, knowing or finding, or a preposition, the clause waits for what
# it is ("I learned something", "tied to something").
_UNNAMED_AFTER = frozenset(
    {
        "tell", "tells", "told", "say", "says", "said", "show", "shows", "showed", "share", "mention", "learn",
        "learned", "learnt", "know", "knew", "notice", "noticed", "find", "found", "realise", "realised", "realize",
        "realized", "discover", "discovered", "see", "saw", "want", "wanted", "need", "is", "was", "are", "were",
        "be", "been", "it's", "that's", "there's", "have", "has", "had", "got", "try", "tried", "do", "did",
    }
)  # fmt: skip
# A speaker announcing what they are about to say ("I want to start with a slightly unpopular opinion", "Let me
# tell you about our first launch") states nothing yet. (Without the "want to", "let me", "going to", the same verbs
# tell what a team does: "We start every call with the customer's numbers".)
_ANNOUNCES = re.compile(
    r"^(?:(?:i|we)(?:'d like| would like|'m going| am going|'re going| are going| want| wanted|'m gonna|'re gonna)"
    r" to|(?:i|we)(?:'ll| will)|let me|let's|let us) "
    r"(?:start|begin|open|kick off|talk|share|tell you|cover|discuss|walk you through|go through|touch on|"
    r"look at|dig into|dive into)\b"
    # ... or saying only that it is simple: "So, the idea is very simple, all the folk who live on their own get a
    # call every week" ("The Idea Is Very Simple" titled an article; what the idea is follows the comma).
    r"|^(?:the|my|our) (?:\w+ )?(?:idea|concept|rule|premise|principle|plan|answer|trick|process|system|approach|"
    r"setup|thing)s? (?:is|was|are) (?:(?:very|really|pretty|super|quite|dead|actually|fairly)\s+)?"
    r"(?:simple|easy|straightforward|basic)$",
    re.IGNORECASE,
)
# A piece of a quote that closes its sentence.
_ENDS_SENTENCE = re.compile(r"[.!?]\s*$")
# A lone "like" or "for example" between commas, after a clause, opens an example of what that clause said.
_EXAMPLE = re.compile(r"(?:like|say|for example|for instance|e\.g\.|such as)", re.IGNORECASE)
# The speaker granting what they are about to answer ("I know, ...", "I get it, ...").
_KNOWS = re.compile(r"(?:i know|i get it|i get that|i hear you|i hear that|i admit|admittedly|granted|sure)", re.I)
# A concession set off by commas inside a sentence.
_GRANTS = re.compile(r"(?:fine|sure|granted|fair|fair enough|to be fair|okay fine)", re.IGNORECASE)
# The session's clock ("we're right at time", "I know we're short on time"): housekeeping, no statement.
_SESSION_CLOCK = re.compile(
    r"^(?:i know |i think |looks like |it looks like )?(?:we're|we are)\b[\w' ]{0,20}?\b(?:at|out of|over|short on|"
    r"low on)\s+time$"
    # "I'm just checking the time": the host minding the clock.
    r"|^(?:i'm |i am )?(?:just )?(?:checking|watching|keeping an eye on) the (?:time|clock)$"
    # ... or counting what is left of it: "okay, we've got about 5 minutes" (a pumpkin farm panel's moderator).
    r"|^(?:we've got|we have|we have got|we got|we've only got|there's) (?:about |maybe |only |just |roughly )?"
    r"(?:\d+|a few|a couple of|two|three|five|ten|fifteen|twenty) (?:more )?minutes?(?: left| to go| or so)?$",
    re.IGNORECASE,
)
# Who someone is called ("my fire marshal's name is Garry", "her name's Priya Shah"): it introduces a person and
# says nothing a reader could take away.
_NAMES_SOMEONE = re.compile(r"\bname(?:'s|\s+is|\s+was)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?$")
# A guest's thanks for what they were asked ("Oh, I love that question, for the strong kids..."): the answer follows.
_REACTION = re.compile(r"^i (?:really |just )?(?:love|like|appreciate) (?:that|this|the|your) question$", re.IGNORECASE)
# What the speaker says they are not claiming ("I'm not saying never, I'm saying people hear barefoot works and think
# it applies to their horse"): alone, the disclaimer reads as a point of its own.
_DISCLAIMS = re.compile(
    r"^(?:i'm|i am|we're|we are) not (?:just )?(?:saying|suggesting|claiming|arguing|telling you)\b"
    r"|^(?:i|we) (?:don't|do not) (?:mean|claim)\b",
    re.IGNORECASE,
)
# Where the speaker is or which one they are ("I'm stuck on the ring road", "I'm at a holiday park", "I'm the one who
# gets the angry emails"): a detail of their story or an introduction, no point a reader could take away. (Where they
# stand on a question is one: "I'm in favour of deposits", "I'm on the fence", "I'm down to two vans".)
_PLACES_THE_SPEAKER = re.compile(
    r"^(?:i'm|i am) (?:(?:still|just|currently|now|also|actually|literally|sat|sitting|standing|stuck|stranded|based)"
    r" )*(?:at|in|on|from|up|down|out|over|near|outside|inside)\b"
    r"(?! (?:favou?r|two minds|board|the fence|the same page|charge|top|track|to|of)\b)"
    r"|^(?:i'm|i am) (?:also |still |always |usually |just )?the (?:one|person|guy|woman|man) who\b"
    r"|^(?:i'm|i am) (?:about |like |nearly |almost )?[\d,]+ (?:miles|minutes|hours|kilometres|km) away\b",
    re.IGNORECASE,
)
# The kinds of business or group a speaker introduces themselves by (the insight engine's claims read it too).
A_BUSINESS = (
    r"(?:company|business|firm|agency|practice|outfit|consultancy|shop|store|bar|pub|venue|caf[eé]|restaurant|salon"
    r"|studio|yard|depot|farm|site|centre|center|school|range|group|club|society)"
)
# ... and where it is: "here in Leeds", "near Milton", "just outside Milton Keynes".
WHERE_IT_IS = (
    r"(?: (?:here |just |over |up |down |out )?(?:in|near|outside|at) (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)*)"
)
# ... or the business they run, and where, with nothing said of it ("I have a karaoke bar here in Leeds", a panelist's
# first words; "I run a small school"): an introduction.
_NAMES_THEIR_BUSINESS = re.compile(
    r"^(?:i|we) (?:(?:also |just |still )?(?:have|run|own|manage|'ve got|have got|help run|co-own)) "
    rf"(?:a|an|my|our|the|two|three) (?:[\w'-]+ ){{0,3}}?{A_BUSINESS}s?{WHERE_IT_IS}?$",
    re.IGNORECASE,
)
# Auxiliaries and modals that open no statement of their own: a clause opening on one has left its subject with the
# clause before ("people who were working, but didn't have the money"), or it asks. ("Don't", "do" and "have" open
# orders: "Don't send the deck", "Have one owner per metric".)
_SUBJECTLESS_OPENERS = frozenset(
    {
        "didn't", "doesn't", "isn't", "wasn't", "weren't", "aren't", "can't", "couldn't", "won't", "wouldn't",
        "shouldn't", "haven't", "hasn't", "hadn't", "is", "are", "was", "were", "am", "does", "did", "has", "had",
        "can", "could", "will", "would", "should", "must", "may", "might", "shall",
    }
)  # fmt: skip
# Verbs of change in the past that open no noun phrase: a clause opening on one left its subject in the clause before
# ("the number of times they have to ask, you know, say again, went down by about half").
_CHANGED = frozenset(
    {"went", "came", "fell", "rose", "grew", "dropped", "doubled", "halved", "tripled", "jumped", "climbed", "shrank"}
)
# Words that focus a clause without changing what opens it ("even when", "only if", "just because").
_FOCUSING = frozenset({"even", "only", "just", "especially", "except", "right"})
# Before "used to", these make it another verb: "the reps' calls are used to explain why", "we got used to it".
_BE_OR_GET = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "getting"})
_COPULA = frozenset({"is", "was", "are", "were", "isn't", "wasn't", "aren't", "weren't"})
# Adverbs that stand between a subject and its verb ("a user tells you it's great, and never logs in again").
# After a coordinating conjunction, one followed by no subject opens a second predicate of the subject before
# it: the clause has no subject of its own and stays with that one.
_MID_ADVERBS = frozenset(
    {
        "never", "always", "also", "still", "just", "only", "even", "often", "rarely", "usually", "sometimes",
        "really", "finally", "eventually", "quickly", "immediately", "later", "soon",
    }
)  # fmt: skip
# The determiners that open a noun phrase ("the", "our", "those"): after "not", they deny a thing rather than a claim
# ("not the rigid steel", "not a form").
_DETERMINERS = frozenset(
    {"the", "a", "an", "my", "our", "your", "their", "his", "her", "its", "this", "that", "these", "those"}
)
# Words a subject opens on: pronouns, determiners and quantifiers (a noun after one of these adverbs is rarer
# than a verb, and a capitalised word is taken as a name).
# Pronouns that are a clause's whole subject ("..., and we hit it": a clause, not the next item of a list).
_PRONOUN_SUBJECTS = frozenset(
    {"i", "we", "you", "they", "he", "she", "it", "i'm", "we're", "you're", "they're", "it's", "there", "there's",
     "that's", "this", "that",
     # ... contracted with "had", "would", "have" or "will" ("every time I'd seen a price increase roll back").
     "i'd", "we'd", "you'd", "they'd", "he'd", "she'd", "i've", "we've", "you've", "they've", "i'll", "we'll",
     "you'll", "they'll", "he's", "she's"}
)  # fmt: skip
_SUBJECT_OPENERS = _PRONOUN_SUBJECTS | _DETERMINERS | frozenset(
    {
        "every", "each", "no", "some", "most", "all", "many", "nobody", "everybody", "everyone", "someone", "nothing",
        "everything", "people",
    }
)  # fmt: skip
_COORDINATOR = re.compile(r"^\s*(?:and|but|or)\b", re.IGNORECASE)
# Grammar words and spoken fillers: what a clause needs besides them to say anything.
_FUNCTION = _DANGLING | frozenset(
    {
        "this", "that", "these", "those", "there", "here", "then", "what", "with", "they", "them", "their",
        "it's", "that's", "there's", "here's", "we're", "they're", "you're", "i'm", "don't", "really", "actually",
        "basically", "know", "mean", "thing", "things", "stuff", "yeah", "okay", "well", "some", "much", "many",
        "more", "most", "also", "even", "still", "about", "just", "kind", "sort",
        # "going to" says when, not what: "I'm not going to pretend I did it" says one thing, that the speaker pretends.
        "going", "gonna",
    }
)  # fmt: skip

# Pronouns for someone or something named before ("this one gets people a bit heated", "mine were about 80 dollars").
_NAMED_BEFORE = r"that|that's|this|these|those|they|they're|he|she|mine|ours|theirs|hers|yours"
# A sentence or claim whose subject is a pronoun pointing back ("That changed everything.", "actually it
# fits here") does not say what it is about without what came before it.
OPENS_ON_POINTER = re.compile(rf"^(?:it|it's|{_NAMED_BEFORE})\b", re.IGNORECASE)
# What a title or thesis may not open on: one of those pronouns, or the alternative to something said before
# ("otherwise they send the junior team"). Not "it": "It's not the tool, it's the habit" points at nothing.
# ... or whose owner is one of them: "Their head comes up" (a snooker coaching workshop's lead magnet item).
_LEANS_BACK = re.compile(rf"^(?:{_NAMED_BEFORE}|their|his|otherwise|instead|else)\b", re.IGNORECASE)
# "it comes out of the forecast", "that's the number I defend", "this one gets people heated", "the ones that are
# boiling over", "the rest would call me three years later": what "it", "that", "this one", "the ones" or "the rest"
# is, the clause does not say ("the rest of the crew" names it).
_POINTER = re.compile(
    r"^(?:it|(?:that|this|those|these)(?:'s|\s+(?:is|was|were|are|has|had|will|would))|(?:this|that|these|those)\s+ones?"
    r"|the\s+ones|the\s+(?:rest|others)(?!\s+of\b))\b",
    re.IGNORECASE,
)


def standalone_clauses(quote: str) -> list[str]:
    """The clauses of the quote a reader could take alone, as said, without their spoken openers; a clause
    too long for a headline counts by its longest opening that ends where a conjunction, a subordinate
    clause or a prepositional phrase joins."""
    found = []
    pieces = _clause_pieces(quote.strip())
    # Each piece without its spoken openers, which several tests below read of the pieces before the one at hand.
    bare = [_OPENERS.sub("", piece.strip()) for piece in pieces]
    reported = _reported(pieces)
    for at, (piece, following) in enumerate(zip(pieces, [*pieces[1:], ""], strict=True)):
        # "somebody on my team just checks, is our champion still there, still in the same role": what is asked after
        # the verb that reports it is a question, not the speaker's point.
        if at in reported:
            continue
        # "So what we used to do is you turned up on practice night, and someone would stand behind you": the rest of a
        # sentence that tells a practice the speaker left behind, told with "would", is that practice too, until it
        # turns to what they do now ("..., so now I talk them through it").
        if _in_a_habit_left_behind(pieces, bare, at):
            continue
        # "I'd call somebody, set up a time, show up at their house with the recorder": the verbs after "I'd" are its
        # subject's, not orders to the reader.
        if _shares_a_modal_subject(pieces, bare, at):
            continue
        # "I used to leave it till the end, like, oh, we have a release form": after "like, oh," comes what someone
        # said or thought, quoted, not the speaker's claim.
        if at >= 2 and bare[at - 1].lower() in _INTERJECTIONS and _words(pieces[at - 2])[-1:] == ["like"]:
            continue
        # "say what causes it and how to fix it, like, you're using a test key against live mode": the example
        # illustrates the point the clause before it made; alone, it is not that point.
        if at >= 2 and _EXAMPLE.fullmatch(pieces[at - 1].strip()) and any(bare[: at - 1]):
            continue
        # "... a coffee chat, which, fine, I'm not against coffee chats": what the speaker concedes mid-sentence is
        # granted, not argued; "It's slower, sure, but the story writes itself" argues after the "but". ("Sure, we
        # did" opening an answer concedes nothing.)
        if at >= 2 and _GRANTS.fullmatch(pieces[at - 1].strip()) and not opens_on_but(piece):
            continue
        # "I know, I'm terrible at business, my accountant says so, but honestly, a client who ...": what follows "I
        # know" is granted when the sentence turns on "but" later ("Sure, we did" alone concedes nothing).
        if at >= 1 and _KNOWS.fullmatch(bare[at - 1]) and _turns_on_but_later(pieces, at):
            continue
        # "..., which, um, landed better than I expected": a relative pronoun the transcript set apart with commas
        # is still the subject of what follows it, which alone has none ("Landed better than I expected").
        if next((before.lower() for before in reversed(bare[:at]) if before), "") in _RELATIVES:
            continue
        # "let's start with the thing that, honestly, kills most beginner tanks": the relative clause goes on after
        # the aside, and alone has no subject ("Kills most beginner tanks").
        if at >= 2 and not bare[at - 1] and _continues_a_relative(bare[at - 2], bare[at]):
            continue
        # "all the folk who live on their own, who maybe don't see anyone for days, get a phone call every week": a
        # subject and its predicate, a relative aside between them; neither side says anything alone.
        if _split_by_a_relative_aside(bare, at):
            continue
        # "His name was Harold ... Harold, still walks up to look at my walls": a name the transcript set apart with a
        # comma is the subject of what follows it, which alone has none ("Still walks up to look at my walls").
        if at >= 1 and _is_a_name(pieces[at - 1]) and _lacks_its_subject(bare[at]):
            continue
        # "we kept hiring people, who'd been to the same three schools": the comma a transcript sets there does not
        # make the people any less unnamed without what follows it.
        if _said_which_after(piece, following):
            continue
        # "You report only themes, or nobody will ever speak honestly again": after "or" comes the alternative to what
        # was just said, or what happens without it; alone, "Nobody will ever speak honestly again" claims it outright.
        if _words(piece)[:1] == ["or"]:
            continue
        # "Free pilots feel safe, but they attract people who never pay": the speaker grants the first clause
        # to make the second; alone, it says the opposite of their point.
        if opens_on_but(following) and not _ENDS_SENTENCE.search(piece):
            continue
        # A quotation mark the speaker's words were transcribed with belongs to the quote, not to its clause.
        clause = _OPENERS.sub("", piece.strip().strip('"\u201c\u201d')).rstrip('.!?\u2026 "\u201d')
        # "The rule I teach is that you never give a concession": like "the thing is", the frame only announces the
        # statement after its "that", which says the point alone. That "that" is followed by the statement's subject, a
        # pronoun or a determiner ("Our problem is that one customer who never pays" points at the customer).
        framed = _FRAME.match(clause)
        if framed and len(stated := _words(clause[framed.end() :])) >= MIN_WORDS and stated[0] in _SUBJECT_OPENERS:
            clause = clause[framed.end() :]
        # "What we recommend is split your fleet into duty cycles": the advice is what follows the frame.
        advised = _ADVICE_FRAME.match(clause)
        if advised and len(_words(clause[advised.end() :])) >= MIN_WORDS:
            clause = clause[advised.end() :]
        # "..., like highway, mixed, and stop and go": examples illustrate the clause they follow; a cut among them
        # would stop mid-list.
        illustrated = _EXAMPLES_FOLLOW.search(clause)
        if illustrated and len(clause.split()) > MAX_WORDS and len(_words(clause[: illustrated.start()])) >= MIN_WORDS:
            clause = clause[: illustrated.start()]
        words = clause.split()
        cut = len(words) > MAX_WORDS
        if cut:
            end = last_joint(words, shortest=MIN_WORDS, longest=MAX_WORDS, allowed=_cut_keeps_the_statement)
            # "complaints to the committee went from practically weekly to maybe two all year": a range that no cut
            # can keep whole is one statement, said whole when it is only a little long.
            if end is None and len(words) <= MAX_WORDS + RANGE_ALLOWANCE and _holds_a_range(words):
                end, cut = len(words), False
            clause = " ".join(words[:end]).rstrip(",;:") if end else ""
        said = _words(clause)
        # "..., because what sells in March isn't what sells in November": the reason is a clause of its own, which
        # a reader can take alone once the "because" that ties it to the clause before is left out.
        # (A reason that opens the sentence sets up its main clause: "Because the quarter closed late, it was a mess".)
        if at and said[:1] == ["because"] and not is_dependent(rest := clause.split(maxsplit=1)[-1]):
            clause, said = rest, said[1:]
        if len(clause.split()) < MIN_WORDS or not said or is_question(piece):
            continue
        if is_dependent(clause) or breaks_off(clause) or _POINTER.match(clause) or _leaves_unnamed(said):
            continue
        # "From the AV side, I can't tell you, our tech was ...": telling someone stops before what they are told.
        if not cut and _tells_whom_only(words):
            continue
        if _ANNOUNCES.match(clause) or _SESSION_CLOCK.match(clause) or _REACTION.match(clause) or _past_habit(said):
            continue
        if _HABIT_FOR_YEARS.match(clause):
            continue
        if _DISCLAIMS.match(clause) or _PLACES_THE_SPEAKER.match(clause) or _NAMES_THEIR_BUSINESS.match(clause):
            continue
        # "..., and I'd say ceramic, not the rigid steel that comes in the knife block": what the speaker sets a choice
        # against is the denied half of a contrast ("Not every customer needs a call" stands alone).
        if said[0] == "not" and said[1:2] and said[1] in _DETERMINERS:
            continue
        # "I, Marcus Mell, East Side Clay co-op, we're at 48 members": a name set apart by commas (who the speaker is,
        # where they work) says nothing of it.
        if _NAMES_SOMEONE.search(clause) or _THAT_OPENS_A_CONDITION.search(clause) or _only_names(clause):
            continue
        if said[0] in _SUBJECTLESS_OPENERS or said[0] in _CHANGED or _second_deed(piece, said):
            continue
        # "What worked was X" states X; "what we ended up doing" only announces it.
        if said[0] == "what" and not _COPULA & set(said[1:]):
            continue
        if sum(1 for word in said if len(word) > 3 and word not in _FUNCTION) < 2:
            continue
        if at + 1 in reported:
            # "Every quarter somebody just checks" says what they check only with the question it reports.
            question = bare[at + 1].rstrip('.!?\u2026 "\u201d')
            if cut or len(question.split()) > MAX_REPORTED_QUESTION_WORDS:
                continue
            clause = f"{clause}: {question}?"
        found.append(clause[:1].upper() + clause[1:])
    return found


# Verbs a transcript sets a comma after before what was asked ("she asks, what do you do with...").
_REPORTS = frozenset({"ask", "asks", "asked", "check", "checks", "checked", "wonder", "wonders", "wondered"})


def _reported(pieces: Sequence[str]) -> set[int]:
    """The pieces that carry the question a piece before them reports: worded as a question, and on to the next
    piece that a conjunction opens."""
    said = [_words(piece) for piece in pieces]
    reported: set[int] = set()
    for at in range(1, len(pieces)):
        runs_on = at - 1 in reported and said[at][:1] not in (["and"], ["but"], ["so"])
        asks = bool(_REPORTS.intersection(said[at - 1][-1:])) and is_question(pieces[at])
        if runs_on or asks:
            reported.add(at)
    return reported


def _said_which_after(piece: str, following: str) -> bool:
    """Whether the piece ends on a noun that names nobody in particular ("people", or any noun after "every": "I call
    every customer, who cancels within a week") and the next piece says which."""
    ending, opening = _words(piece)[-2:], _words(following)[:1]
    if not ending or not opening or opening[0] not in _SAYS_WHICH:
        return False
    return ending[-1] in _NAMED_BY_WHAT_FOLLOWS or (len(ending) == 2 and ending[0] in _EVERY)


def _turns_on_but_later(pieces: Sequence[str], at: int) -> bool:
    """Whether the sentence that piece ``at`` belongs to turns on "but" after it."""
    for piece, following in itertools.pairwise(pieces[at:]):
        if _ENDS_SENTENCE.search(piece):
            return False
        if opens_on_but(following):
            return True
    return False


def _leaves_unnamed(said: list[str]) -> bool:
    """Whether the words leave what they are about unnamed ("I want to start with something uncomfortable")."""
    for index, word in enumerate(said):
        if word not in _UNNAMED:
            continue
        approximates = said[index + 1 : index + 2] == ["like"] and index + 2 < len(said)
        what_a_deed_gives = index == len(said) - 1 and index > 0 and said[index - 1] not in _UNNAMED_AFTER | _DEPENDENT
        if not (approximates or what_a_deed_gives):
            return True
    return False


# What follows a verb rather than an adjective: "asked why", "moved them", "pushed back" ("qualified meetings" is
# a noun phrase).
_AFTER_A_VERB = _PRONOUN_SUBJECTS | _DEPENDENT | _PERSONS | frozenset(
    {"why", "what", "whether", "up", "out", "off", "back", "down", "away", "again"}
)  # fmt: skip


def _second_deed(piece: str, said: list[str]) -> bool:
    """Whether the piece goes on, after its "and", with a verb in -ed and no subject of its own ("A customer saw a
    wireframe, and asked why our brand was grey now"): the same subject's second deed."""
    return (
        bool(_COORDINATOR.match(piece.strip()))
        and len(said) > 1
        and len(said[0]) > 4
        and said[0].endswith("ed")
        and said[1] in _AFTER_A_VERB
    )


# What a speaker says on hearing or thinking something, before quoting it ("like, oh, ...").
_INTERJECTIONS = frozenset({"oh", "ah", "hey", "wow", "whoa"})
# What turns a sentence from the practice left behind to the one kept: "..., so now I talk them through it".
_TURNS_TO_NOW = frozenset({"now", "but", "instead", "today", "nowadays", "these"})
# "When I first got my eye, ..., I'd just pull the cylinder": the habit of someone starting out.
_STARTING_OUT = re.compile(
    r"^(?:back )?when (?:i|we) (?:first|started|began|was starting|were starting)\b", re.IGNORECASE
)
# A subject with "would" run into it ("I'd call somebody", "we'd ship it that afternoon"), and how a habit is told
# after it ("I'd just", "someone would").
_WOULD_SUBJECTS = frozenset({"i'd", "we'd", "you'd", "they'd", "he'd", "she'd"})
_WOULD = _WOULD_SUBJECTS | {"would"}
# Words that turn a story from what used to be done to what happened ("what happened is", "and then").
_STORY_TURNS = frozenset({"happened", "then", "until", "suddenly"})
_CONDITION = frozenset({"if", "unless"})
# Subjects that count what they name ("one guy's been with us for years", "two of them left").
_COUNTED = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half", "both"})
# "For years I'd case in a book in the morning, pop it in the press, and post it that afternoon": a habit told as one.
_HABIT_FOR_YEARS = re.compile(
    r"^(?:for (?:years|ages|a long time|the first (?:\w+ )?years)|back then|in the early days|early on),? "
    r"(?:i|we)(?:'d| would| used to)\b",
    re.IGNORECASE,
)


def _before_it_in_its_sentence(pieces: Sequence[str], at: int) -> Iterator[int]:
    """The pieces before piece ``at`` that belong to its sentence, nearest first."""
    for before in range(at - 1, -1, -1):
        if _ENDS_SENTENCE.search(pieces[before]):
            return
        yield before


def _in_a_habit_left_behind(pieces: Sequence[str], bare: Sequence[str], at: int) -> bool:
    """Whether piece ``at`` goes on, in the same sentence, telling a practice a piece before it says the speaker left
    behind (``_past_habit``, "for years I'd ...", or "when I first started, ... I'd ..."): told with "would" itself
    ("..., and someone would stand behind you"), or, after "for years I'd", a verb that shares its subject ("pop it
    in the press"). What it tells in the past or the present ("and then a pharmacist came round", "and one guy's been
    with us for years") is what happened, and a turn to what they do now ("so now I ...") is the practice kept."""
    words = _words(bare[at])
    if not words or _TURNS_TO_NOW & set(_words(pieces[at])[:3]):
        return False
    would = bool(_WOULD & set(words))
    # "..., and what happened is our regulars figured out that if they waited a day, they'd get it for half": after a
    # turn in the story, or a condition, "would" tells what followed from it.
    if at and _CONDITION & set(_words(bare[at - 1])):
        return False
    for before in _before_it_in_its_sentence(pieces, at):
        if _past_habit(_words(bare[before])) or _STARTING_OUT.match(bare[before]):
            return would
        if _HABIT_FOR_YEARS.match(bare[before]):
            return would or not (words[0] in _SUBJECT_OPENERS or words[0] in _COUNTED or words[0].isdigit())
        if _STORY_TURNS & set(_words(bare[before])):
            return False
    return False


def _shares_a_modal_subject(pieces: Sequence[str], bare: Sequence[str], at: int) -> bool:
    """Whether piece ``at`` opens on a verb that a piece before it in the same sentence gave its subject, with "would"
    run into it ("I'd call somebody, set up a time, show up at their house"), no other subject between them."""
    words = _words(bare[at])
    if not words or words[0] in _SUBJECT_OPENERS or words[0] in _COUNTED:
        return False
    for before in _before_it_in_its_sentence(pieces, at):
        opening = _words(bare[before])[:1]
        if opening and opening[0] in _WOULD_SUBJECTS:
            return True
        if not opening or opening[0] in _SUBJECT_OPENERS:
            return False
    return False


def _past_habit(said: list[str]) -> bool:
    """Whether the words tell what someone "used to" do (not what something "is used to" do): the practice the speaker
    left behind ("We used to plan our sprints like the on-call person was a full member of the team"), which alone
    says the opposite of what they now recommend."""
    return any(
        said[index : index + 2] == ["used", "to"] and not _BE_OR_GET & set(said[max(0, index - 2) : index])
        for index in range(len(said))
    )


def _clause_pieces(quote: str) -> list[str]:
    """The quote cut where its punctuation breaks a clause, except where commas only set off an aside inside
    one ("We lost, I think, two accounts": the clause is "We lost two accounts"), a repeated word ("a very,
    very small share"), a short clause answered by a parallel one ("you're negotiating, you're not
    renewing") or a second predicate of the same subject ("a user tells you it's great, and never logs in").
    An aside is a speaker's hedge between two commas, and is dropped when the words after it carry on the
    clause rather than open a new one with an opener of their own, and the clause before it could stand
    alone ("Which meant that, you know, the team rebuilt it" keeps "the team rebuilt it" apart).
    "Yes" or "right" between commas more often closes one clause and opens the next: "We pay a bit, yes,
    otherwise..."."""
    parts = _CLAUSE_BREAK.split(quote)
    pieces, commas = parts[::2], [part.strip() == "," for part in parts[1::2]]
    merged = [pieces[0]]
    index = 1
    while index < len(pieces):
        piece = pieces[index]
        aside = ASIDE.fullmatch(piece.strip())
        rest = pieces[index + 1].strip() if index + 1 < len(pieces) else ""
        carries_on = rest and not _OPENERS.match(rest) and not is_dependent(merged[-1])
        # (carries_on first: after the last piece there is no comma to look at.)
        if commas[index - 1] and aside and carries_on and commas[index]:
            merged[-1] = f"{merged[-1]} {rest}"
            index += 2
            continue
        if commas[index - 1] and _restarts(merged[-1], piece):
            merged[-1] = piece
            index += 1
            continue
        # "my team is in Lisbon, Toronto, and Manila": the items of a list after a clause are part of it.
        items = _list_items(pieces, commas, index)
        if items:
            merged[-1] = ", ".join([merged[-1], *pieces[index : index + items]])
            index += items
            continue
        joins = _repeats_word(merged[-1], piece) or _parallel(merged[-1], piece) or _second_predicate(piece)
        if commas[index - 1] and joins:
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
        index += 1
    return merged


# Words that open a comparison its "than" completes. Comparatives in -er are not told apart from other words here.
_COMPARES = frozenset({"rather", "more", "less", "fewer"})
# Verbs of change that say nothing of which way: "went from weekly to two a year".
_GOES = frozenset({"went", "go", "goes", "gone", "going", "moved", "changed", "shifted"})


def _splits_comparison(kept: Sequence[str], rest: Sequence[str]) -> bool:
    """Whether the kept words open a comparison ("would rather", "more") that a "than" in the rest completes."""
    return bool(_COMPARES & set(_words(" ".join(kept)))) and "than" in _words(" ".join(rest))


def _second_predicate(text: str) -> bool:
    """ "and never logs in again": a coordinating conjunction, then (after any spoken openers) an adverb that
    sits between a subject and its verb, with no subject after it."""
    if not _COORDINATOR.match(text):
        return False
    clause = _OPENERS.sub("", text.strip())
    words, said = clause.split(), _words(clause)
    if len(said) < 2 or said[0] not in _MID_ADVERBS:
        return False
    return said[1] not in _SUBJECT_OPENERS and not words[1][:1].isupper() and not said[1][:1].isdigit()


# The longest item of a spoken list cut at its commas ("Lisbon", "the tested samples").
MAX_LIST_ITEM_WORDS = 3


def _list_items(pieces: Sequence[str], commas: Sequence[bool], start: int) -> int:
    """How many pieces from ``start`` on are the rest of a list the piece before them ended on: short items
    between commas, the last one opening on "and" or "or" ("Toronto", "and Manila"); 0 when they are not."""
    at = start
    while at < len(pieces) and commas[at - 1] and len(pieces[at].split()) <= MAX_LIST_ITEM_WORDS + 1:
        first = _words(_COORDINATOR.sub("", pieces[at]))[:1]
        # "..., and we hit it" opens a clause of its own.
        if first and first[0] in _PRONOUN_SUBJECTS:
            return 0
        if _COORDINATOR.match(pieces[at]):
            # One item at least before the "and": "We tried it, and it failed" is two clauses. "and still" goes on
            # with the clause's verb, not its list.
            ends_list = at > start and not opens_on_but(pieces[at]) and first and first[0] not in _MID_ADVERBS
            return at - start + 1 if ends_list else 0
        if len(pieces[at].split()) > MAX_LIST_ITEM_WORDS or _OPENERS.fullmatch(pieces[at].strip() + " "):
            return 0
        at += 1
    return 0


def _restarts(before: str, piece: str) -> bool:
    """ "We, we had real customer emails in staging": a false start the speaker says again from its first word, a
    pronoun or a determiner. The clause is what they said the second time. ("a very, very small share" repeats a
    word for weight: that one stays.)"""
    started, following = _words(before), _words(piece)
    return (
        0 < len(started) < MIN_WORDS
        and started[0] in _SUBJECT_OPENERS
        and following[: len(started)] == started
        and len(following) > len(started)
    )


def _repeats_word(before: str, piece: str) -> bool:
    """ "a very, very small share": the piece carries on with the word the one before it stopped on."""
    return _words(before)[-1:] == _words(piece)[:1] != []


def _parallel(before: str, piece: str) -> bool:
    """ "you're negotiating, you're not renewing": a clause too short to stand alone, then one that opens on the
    same word. Spoken antithesis states its point in the pair, which neither half says alone."""
    said, following = _words(_OPENERS.sub("", before.strip())), _words(piece)
    return 0 < len(said) < MIN_WORDS and following[:1] == said[:1] and len(said) + len(following) <= MAX_WORDS


_NEGATIONS = frozenset({"not", "never", "no"})


def is_antithesis(clause: str) -> bool:
    """Whether the clause sets one thing against another in parallel halves, one of them denied ("you're
    negotiating, you're not renewing"): a position stated against the view it rejects."""
    halves = [half.strip() for half in re.split(rf"\s*{CLAUSE_MARK}\s*", clause) if half.strip()]
    return len(halves) == 2 and _parallel(halves[0], halves[1]) and sum(1 for half in halves if denies(half)) == 1


def denies(clause: str) -> bool:
    """Whether the clause holds a negation ("not", "never", "no", or a verb in "n't")."""
    return any(word in _NEGATIONS or word.endswith("n't") for word in _words(clause))


# "We'll call that one a draw": "that one" with no noun after it stands for something said before ("that one customer"
# names it).
_ONE_NAMED_BEFORE = re.compile(
    r"\b(?:that|this) one(?=\s*$|\s*[,.!?;:]|\s+(?:a|an|the|is|was|has|had|will|would|too|again|off|out|up|down)\b)",
    re.IGNORECASE,
)
# "Maybe that's where we meet in the middle": a hedge before the pronoun leaves it pointing back.
_HEDGE = re.compile(r"^(?:maybe|perhaps|probably)\b,?\s*", re.IGNORECASE)


# "We did, but I wouldn't get hung up on which one": a subject and an auxiliary alone answer what was just asked.
_ELLIPTICAL = re.compile(
    r"^(?:i|we|you|they|he|she)\s+(?:do|did|does|have|had|was|were|am|are|is|can|could|will|would|should)(?:n't)?"
    r"(?:\s+not)?\s*(?:[,;.!?]|$)",
    re.IGNORECASE,
)
# "I tried it and by book three I was making mistakes": what was tried, the clause does not say.
_OBJECT_NAMED_BEFORE = re.compile(
    r"^(?:i|we|you|they|he|she)\s+(?:(?:just|really|also|never|actually)\s+)?\w+\s+(?:it|that|this|them)"
    r"(?=\s*(?:[,.;!?]|$)|\s+(?:and|but|so|because)\b)",
    re.IGNORECASE,
)
# "I haven't had to delete anyone since": since what, the clause does not say.
_SINCE_THEN = re.compile(r"\b(?:ever )?since(?: then)?[\s.!?\u2026]*$", re.IGNORECASE)
# "The lanes would be empty otherwise", "Nobody can pretend otherwise", "They swim a 50 instead": otherwise than what,
# instead of what, the clause does not say.
_OTHERWISE_THAN = re.compile(r"\b(?:otherwise|instead|either)[\s.!?\u2026]*$", re.IGNORECASE)


def points_back(clause: str) -> bool:
    """Whether the clause, after its spoken openers, leans on what was said before it: a pronoun for its
    subject ("this one gets people a bit heated") or its object ("I tried it and ..."), an alternative to
    something unsaid ("otherwise they send the junior team", "the lanes would be empty otherwise"), a reply that
    only says yes or no to a question ("We did, but ...") or a change dated from something unsaid ("... since"). As a
    title or a thesis it would leave the reader asking what it is about."""
    said = _HEDGE.sub("", _OPENERS.sub("", clause.strip()))
    return bool(
        _LEANS_BACK.match(said)
        or _ONE_NAMED_BEFORE.search(said)
        or _ELLIPTICAL.match(said)
        or _OBJECT_NAMED_BEFORE.match(said)
        or _SINCE_THEN.search(said)
        or _OTHERWISE_THAN.search(said)
    )


def opens_on_but(text: str) -> bool:
    """Whether the text opens on "but": what was said just before it is granted to make it ("Contact us is fine for
    the top tier, but not for everything"), so alone it says the opposite of the speaker's point."""
    return _words(text)[:1] == ["but"]


# How a moderator moves the talk on to its next topic, after "let's": "let's move on to", "let's turn to". The insight
# engine reads it as a remark about the occasion too (services/insights/extractive/claims.py).
MOVES_THE_TALK_ON = r"(?:move (?:on )?to|turn to|switch to|jump to|shift to|talk(?: about)?)"
# The words a speaker opens an announcement with: "So, okay, let's ...".
_ANNOUNCEMENT_OPENERS = r"^(?:(?:so|and|okay|ok|alright|all right|now|great)\s*,?\s+)*"
# An agenda or a greeting says what the talk is about; it is no point a reader could take away.
_SIGNPOST = re.compile(
    r"^(?:so,? |and )?(?:today|in this (?:session|webinar|episode|talk|podcast))\b[^.]{0,40}?"
    r"\b(?:talk about|cover|discuss|look at|share|walk through)\b|^(?:welcome|thanks?|thank you)\b"
    # "Let's move to water": a moderator moving the talk on.
    rf"|{_ANNOUNCEMENT_OPENERS}(?:let's|let us) (?:{MOVES_THE_TALK_ON}|go to|get to|talk about|start with|begin with)\b"
    # "I'm going to go roughly in the order a sample lives its life": how the talk will go, not a point of it.
    rf"|{_ANNOUNCEMENT_OPENERS}(?:i'm going to|i'm gonna|i'll|i want to|let me|we're going to|we'll)"
    r"\s+(?:\w+\s+){0,2}?(?:talk about|walk (?:you |y'all )through|run through|tell you about|"
    r"go (?:\w+\s+)?in (?:the |this )?order)\b"
    # "... that's a good segue, because my last thing is about the order of the party": which point comes next.
    r"|\b(?:my|our) (?:first|second|third|next|last|final|other) (?:thing|point|tip|one|lesson|topic|bit)s? "
    r"(?:(?:i|we) (?:want|wanted) to (?:say|cover|talk about|mention) )?(?:is|was) (?:all )?about\b",
    re.IGNORECASE,
)


def is_signpost(text: str) -> bool:
    """Whether the text opens on the talk's agenda ("Today we'll talk about pricing") or a greeting or thanks."""
    return bool(_SIGNPOST.search(text))


# English past tense: regular -ed forms and the commonest irregular verbs and auxiliaries.
_PAST = re.compile(
    r"\b(?:\w{3,}ed|was|were|had|did|said|told|went|came|got|made|took|saw|found|knew|thought|gave|lost|built|"
    r"sold|bought|ran|left|began|became|wrote|sent|spent|paid|met)\b",
    re.IGNORECASE,
)


def told_in_the_past(text: str) -> bool:
    """Whether a verb of the text is in the past tense: what happened, not how things are."""
    return bool(_PAST.search(text))


# Where a line's main clause ends and a relative or subordinate one begins.
_SUBORDINATE = re.compile(r"\b(?:who|whom|that|which|when|where|while|because|if|after|before|since|until)\b", re.I)


# A story told in the present still says when it happened: "18 months later the client calls", "One day a driver
# shows up".
_NARRATED = re.compile(
    # ... where, then when: "Halifax, two summers ago, I'm doing the escape".
    r"^(?:(?:and|so|then|but)\s*,?\s+)?(?:\w+,\s+)?(?:(?:about|around|roughly|nearly|maybe|oh),?\s+)?"
    r"(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"eighteen|a few|a couple of)\s+(?:days?|weeks?|months?|years?|hours?|summers?|winters?|seasons?)\s+(?:later|ago)"
    r"|one (?:day|morning|night)|"
    r"the next (?:day|week|month|morning|year)|back in)\b",
    re.IGNORECASE,
)


def tells_what_happened(line: str) -> bool:
    """Whether the line's main clause, before any relative or subordinate one, is in the past tense ("We ask each
    finalist for a customer who left them" says how things are done), or opens on when it happened."""
    return opens_on_when_it_happened(line) or told_in_the_past(_SUBORDINATE.split(line, maxsplit=1)[0])


def opens_on_when_it_happened(line: str) -> bool:
    """Whether the line opens on when what it tells happened ("Two years ago", "Halifax, two summers ago,")."""
    return bool(_NARRATED.match(line.strip()))


# "the menu had, I counted, 34 dishes", "the queue had, you know, no owner": the speaker's aside or filler between
# commas inside a clause, which the clause reads on across.
_ASIDE = re.compile(
    r",\s+(?:(?:i|we) (?:counted|checked|think|thought|guess|mean|swear|believe|reckon|suppose|remember|figure)"
    r"|you know|um+|uh+|er+m?)\s*,\s+",
    re.IGNORECASE,
)


def without_asides(text: str) -> str:
    """The text without the speaker's asides inside a clause ("the menu had, I counted, 34 dishes")."""
    return _ASIDE.sub(" ", text)


# "the menu had, I counted, 34 dishes": a short clause of a subject and "had" broke off before what it had.
_HAVE = frozenset({"have", "has", "had"})


# "we found out that nobody", "we'd mail out summons and nearly half of them": a conjunction and then a subject that
# never gets its verb.
_SUBJECT_LEFT_WAITING = re.compile(
    r"\b(?:that|and|but|because|so|if|when|where)\s+(?:(?:\w+ )?(?:half|most|some|all|none|many|few|each|one|a third"
    r"|a quarter) of (?:them|us|those|these)|nobody|no one|everyone|everybody|somebody|someone|anybody|anyone|none"
    r"|nothing|everything|he|she|they|we|i|you)[\s.!?,\u2026]*$"
    # ... or a noun a subordinator opens on: "I mixed an album in 2019 where one song".
    r"|\b(?:where|when|because|if|until|unless|while|whereas)\s+(?:one|a|an|the|this|these|those|every|each|some|my|our"
    r"|your|his|her|their)\s+[\w'-]+[\s.!?,\u2026]*$",
    re.IGNORECASE,
)

# "our cancellations were running at about 6% and within 6 months": a conjunction and then only when, the clause it
# dates never said.
_TIME_LEFT_WAITING = re.compile(
    r"\b(?:and|but|so|then),?\s+(?:within|after|in|over|by|inside|for)[\s,]+"
    r"(?:(?:about|around|roughly|nearly|like|just|uh|um),?\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of)\s+"
    r"(?:days?|weeks?|months?|years?|seasons?|hours?|minutes?)[\s.!?,\u2026]*$",
    re.IGNORECASE,
)


def breaks_off(clause: str) -> bool:
    """Whether the clause ends on a word that needs what follows it: an auxiliary without its verb, a verb without
    what it takes ("what usually happens is the new rep gets"), a subject and "had" alone ("The menu had"), or a
    subject or a time after a conjunction, without its verb ("we found out that nobody", "and within 6 months")."""
    said = _words(clause)
    return bool(said) and (
        said[-1] in _WANTS_MORE
        or (said[-1] in _HAVE and len(said) <= 3)
        or bool(_SUBJECT_LEFT_WAITING.search(clause) or _TIME_LEFT_WAITING.search(clause))
    )


def is_dependent(clause: str) -> bool:
    """Whether the clause, after its spoken openers, opens on a subordinator, a relative or a preposition
    ("If you start thinking about renewal late"), or on a noun of time used as one ("The moment you give 30 %
    off", "Every time I see a price increase"): it sets up another clause and cannot stand for it."""
    said = _words(_OPENERS.sub("", clause.strip()))
    # "not until a real deal needs it", "not in the policy": the denied half of a contrast with the clause before.
    if said[:1] == ["not"]:
        said = said[1:]
    # "Even when the formula says it's a perfect match", "only if the client signs": a focusing word before the
    # subordinator leaves it one.
    if said[:1] and said[0] in _FOCUSING and said[1:2] and said[1] in _DEPENDENT:
        said = said[1:]
    if not said:
        return False
    if said[0] in _DEPENDENT or said[0] in _CONTRACTED_RELATIVES:
        return True
    # "The moment of truth", "every time counts": the noun of time is the subject there, with no clause after it.
    opening = _TIME_CONJUNCTION.match(" ".join(said))
    after = said[len(opening.group(0).split()) :] if opening else []
    return bool(after) and after[0] in _SUBJECT_OPENERS


def _tells_whom_only(words: Sequence[str]) -> bool:
    """Whether the words tell or show a person something and stop before saying what: they end on the person, or
    on a phrase after them that says only where or when ("will show you in one line")."""
    said = _words(" ".join(words))
    for at in range(len(said) - 1, 0, -1):
        if said[at] in _PERSONS and said[at - 1] in _TELLS_WHOM:
            return at == len(said) - 1 or said[at + 1] in _CLAUSE_JOINT
    return False


# Verbs that take a person and then what the person is to do ("I told the sales team to think of it as interest",
# "we asked every rep to log one call"): cut before that "to", the clause stops at who was told.
_BIDS = frozenset(
    {
        "tell", "tells", "told", "telling", "ask", "asks", "asked", "asking", "remind", "reminds", "reminded",
        "teach", "teaches", "taught", "encourage", "encourages", "encouraged", "want", "wants", "wanted",
        "allow", "allows", "allowed", "force", "forces", "forced", "expect", "expects", "expected",
    }
)  # fmt: skip
# The longest object between such a verb and its "to" ("every rep on the team").
_BIDDEN_WORDS = 6


def _bids_whom_only(kept: Sequence[str], rest: Sequence[str]) -> bool:
    """Whether the kept words bid someone do something and the "to" that says what comes only after the cut."""
    said, dropped = _words(" ".join(kept)), _words(" ".join(rest))
    bid = max((at for at, word in enumerate(said) if word in _BIDS), default=None)
    if bid is None or "to" in said[bid + 1 :]:
        return False
    return "to" in dropped[: _BIDDEN_WORDS - (len(said) - bid - 1)]


def last_joint(
    words: Sequence[str],
    *,
    shortest: int,
    longest: int,
    allowed: Callable[[Sequence[str], Sequence[str]], bool] = lambda kept, rest: True,
) -> int | None:
    """How many of the words a cut keeps when it ends where a conjunction, a subordinate clause or a prepositional
    phrase joins, as late as ``longest`` words allow and keeping at least ``shortest``, and where ``allowed`` (the
    words kept, the words left) lets it; None when no joint is there."""
    ends = [
        end
        for end in range(shortest, min(longest, len(words) - 1) + 1)
        if _is_joint(words[end - 1], words[end]) and allowed(words[:end], words[end:])
    ]
    return ends[-1] if ends else None


def _cut_keeps_the_statement(kept: Sequence[str], rest: Sequence[str]) -> bool:
    """Whether a clause cut there still says what the whole did: not before whom it tells or bids, not before a
    second predicate of its subject, not between a comparison and its "than"."""
    return (
        not _tells_whom_only(kept)
        and not _bids_whom_only(kept, rest)
        # "they had recorded 60 webinars and never used a single one": no cut before a second predicate.
        and not _second_predicate(" ".join(rest))
        # "People would rather wait 3 hours for the answer than wait 5 minutes for nothing": no cut between a
        # comparison and its "than", which would say something else ("People would rather wait 3 hours").
        and not _splits_comparison(kept, rest)
        # "complaints went from practically weekly to maybe two all year": no cut between a "from" and its "to".
        and not splits_a_range(kept, rest)
    )


# How far after a cut a range's "to" may come and still be the cut range's: "from six weeks | on rip work to maybe two".
_RANGE_REACH = 4


def _holds_a_range(words: Sequence[str]) -> bool:
    """Whether the words hold a range a verb with no direction of its own opens, with its "to": "went from X to Y"."""
    said = _words(" ".join(words))
    return any(
        word == "from" and at > 0 and said[at - 1] in _GOES and "to" in said[at + 1 :] for at, word in enumerate(said)
    )


def splits_a_range(kept: Sequence[str], rest: Sequence[str]) -> bool:
    """Whether the kept words end inside a range a verb with no direction of its own opens ("went from practically
    weekly", "went from six weeks"), and its "to" comes within the next few words ("on rip work to maybe two"): cut
    there, the clause says where things were, not where they went ("came down from roughly 18%" says which way)."""
    said = _words(" ".join(kept))
    if "from" not in said or "to" not in _words(" ".join(rest[:_RANGE_REACH])):
        return False
    at = len(said) - 1 - said[::-1].index("from")
    return "to" not in said[at:] and at > 0 and said[at - 1] in _GOES


def _is_joint(before: str, word: str) -> bool:
    """Whether a clause may end on ``before`` with ``word`` opening what joins it."""
    before, word = before.lower().strip(",'"), word.lower()
    if word not in _CLAUSE_JOINT or before in _WANTS_MORE:
        return False
    if word in _SAYS_WHICH and before in _NAMED_BY_WHAT_FOLLOWS:
        return False
    return word not in _TAKES_NEXT.get(before, ())


# The lower-case words a business's or a place's name may hold: "East Side Clay co-op", "Bank of the West".
_IN_A_NAME = frozenset({"co-op", "and", "of", "the", "&", "ltd", "inc", "llc", "on", "upon", "de"})


def _only_names(clause: str) -> bool:
    """Whether every word of the clause is capitalised, or a word a name holds: a name, however long, and no claim."""
    words = clause.split()
    return len(words) > 1 and all(word[:1].isupper() or word.lower() in _IN_A_NAME for word in words)


def _is_a_name(piece: str) -> bool:
    """Whether the piece is one capitalised word and nothing else: a name ("Harold")."""
    return bool(re.fullmatch(r"\s*[A-Z][a-z]+\s*", piece)) and not _OPENERS.fullmatch(piece.strip())


def _lacks_its_subject(piece: str) -> bool:
    """Whether the piece opens on a verb said of someone, past or third person, with no subject before it ("still
    walks up to look at my walls", "sorted the whole lot"); an order ("price every frame by the inch") has none to
    lack."""
    words = list(itertools.dropwhile(lambda word: word in _ADVERBS_BEFORE_A_VERB, _words(piece)))
    first = words[0] if words else ""
    return first not in _SUBJECT_OPENERS and piece[:1].islower() and first.endswith(("s", "ed"))


# The adverbs a sentence with its subject left out may open on: "Still walks up to look at my walls".
_ADVERBS_BEFORE_A_VERB = frozenset({"still", "also", "just", "never", "always", "only", "really", "actually", "even"})


def _split_by_a_relative_aside(bare: Sequence[str], at: int) -> bool:
    """Whether piece ``at`` is the subject or the predicate of a clause a relative aside cuts in two: the subject
    holds a relative clause of its own and no verb of the sentence's ("all the folk who live on their own"), the
    aside opens on "who" or "which", and the predicate after it has no subject ("get a phone call")."""

    def splits(subject: int) -> bool:
        if subject < 0 or subject + 2 >= len(bare):
            return False
        said, aside, predicate = _words(bare[subject]), _words(bare[subject + 1]), _words(bare[subject + 2])
        return (
            bool(aside)
            and aside[0] in _RELATIVES
            and bool(predicate)
            and predicate[0] not in _SUBJECT_OPENERS
            and predicate[0] not in _CLAUSE_JOINT
            and any(word in _SAYS_WHICH for word in said[1:])
        )

    return splits(at) or splits(at - 2)


def _continues_a_relative(before: str, piece: str) -> bool:
    """Whether the piece goes on, after an aside, with what the piece before the aside left open: a relative clause
    at its pronoun (after "who" or "which" always, after "that" when the piece has no subject of its own), or a
    phrase at its article or preposition ("who have moved a, frankly, ridiculous amount of dirt")."""
    last, said = _words(before)[-1:], _words(piece)
    if last in (["who"], ["which"]) or (last and last[0] in _AWAITS_ITS_NOUN):
        return True
    return last == ["that"] and bool(said) and said[0] not in _SUBJECT_OPENERS


# The words a phrase cannot stop on: an article, a possessive, a preposition. (Not "her": "I tell her, look, flat 65
# dollars a door" has its object.)
_AWAITS_ITS_NOUN = frozenset(
    {
        "a", "an", "the", "my", "our", "your", "their", "his", "its", "of", "to", "for", "with", "in", "on",
        "at", "by", "from", "about", "into", "under", "between", "among", "onto", "toward", "towards", "per", "very",
    }
)  # fmt: skip


def _words(text: str) -> list[str]:
    return [word.strip("'") for word in re.findall(r"[a-z0-9'%]+", text.lower().replace("\u2019", "'"))]
