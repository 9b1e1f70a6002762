"""An insight's headline: the clause of its quote that states the idea on its own, verbatim.

Speech runs on: "I mean, it was under 2% if I remember right, so what we ended up doing, ...".
A writer naming a pillar or titling an article from the first words of such a sentence prints
"I mean". The headline is chosen among the quote's clauses that a reader can take alone
(``shared.clauses``) and that were heard clearly (a heading in the speaker's words is held to the
bar of a quote: no word under the quote's word floor or found wrong by a second opinion, no more misheard
words expected in it than a quote may hold) and, in English, that the parser reads as a clause where the
quote says it, as the one whose meaning is closest to the whole quote's, measured with the engine's sentence
embeddings. A headline opening on "they", "he" or "she" names, in square brackets, whom the quote said it
points to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from services.insights.extractive.embedder import Embedder
from services.insights.grammar import Grammar
from services.insights.words import PUNCTUATION
from shared.clauses import opens_on_but, standalone_clauses
from shared.passages import first_sentence, without_lead_in

# The longest aside a clause may leave out of its quote ("if you will").
MAX_ASIDE_WORDS = 3


@dataclass(frozen=True)
class HeardQuote:
    """A quote and, when its words were timed, the engine's probability for each whitespace word of it."""

    text: str
    word_probabilities: tuple[float, ...] = ()
    # The quote's last sentence when the speaker answers it next with "but": said to be answered, it cannot
    # state the speaker's point. "" when it is not.
    granted: str = ""
    # Heard too unclearly to print: its headline is printed without it, so it must say something of its topic.
    printed_alone: bool = False

    def heard_clearly(self, clause: str, *, max_doubt: float, min_word_probability: float) -> bool:
        """Whether the clause clears the bar of a quote: no word of it under the floor, and no more misheard
        words expected in it than a quote may hold (true when the words were not timed)."""
        probabilities = self._probabilities(clause)
        doubt = sum(1.0 - probability for probability in probabilities)
        return min(probabilities, default=1.0) >= min_word_probability and doubt <= max_doubt

    def _probabilities(self, clause: str) -> list[float]:
        """The probability of each word of the clause where the quote says it."""
        if not self.word_probabilities:
            return []
        said, wanted = _plain(self.text), _plain(clause)
        if len(said) == len(self.word_probabilities):
            for begin in range(len(said) - len(wanted) + 1):
                positions = _in_order(said, wanted, begin)
                if positions is not None:
                    return [self.word_probabilities[at] for at in positions]
        # Words and probabilities do not line up (the engine gives one per word of the text,
        # ``TimedSentence.probabilities_by_word``; another caller may not): the quote's mean for each word.
        return [sum(self.word_probabilities) / len(self.word_probabilities)] * len(wanted)


def _in_order(said: Sequence[str], wanted: Sequence[str], begin: int) -> list[int] | None:
    """Where the wanted words stand in what was said, from ``begin`` on, when they follow one another there but
    for one short aside the clause leaves out ("We lost, I think, two accounts"); None when they do not."""
    positions: list[int] = []
    at, skipped = begin, 0
    for word in wanted:
        while at < len(said) and said[at] != word and positions and skipped < MAX_ASIDE_WORDS:
            at, skipped = at + 1, skipped + 1
        if at >= len(said) or said[at] != word:
            return None
        positions.append(at)
        at += 1
    return positions


def _plain(text: str) -> list[str]:
    return [word.strip(PUNCTUATION).lower() for word in text.split()]


def headlines(
    quotes: Sequence[HeardQuote],
    embedder: Embedder,
    *,
    max_doubt: float,
    min_word_probability: float,
    grammar: Grammar | None = None,
) -> list[str]:
    """Each quote's headline: of its standalone clauses heard clearly (its statements, when it has any), the one
    closest in meaning to the whole quote; "" when none. For a quote printed alone, only a clause headed by a verb:
    above a quote a noun phrase names it ("One question per page"), alone it names a topic and says nothing of it
    ("Even a small amount")."""
    options = [
        [
            clause
            for clause in standalone_clauses(quote.text)
            if quote.heard_clearly(clause, max_doubt=max_doubt, min_word_probability=min_word_probability)
            and clause.lower() not in quote.granted.lower()
            and (
                grammar is None
                or (
                    grammar.states(clause, quote.text) if quote.printed_alone else grammar.is_clause(clause, quote.text)
                )
            )
        ]
        for quote in quotes
    ]
    # A passage is a sentence with what continues it: the point is in the sentence, when a clause of it can say it.
    options = [
        _in_first_sentence(quote.text, clauses) or clauses for quote, clauses in zip(quotes, options, strict=True)
    ]
    # A clause that says something about its topic names the idea better than a noun phrase, which only names the
    # topic ("Give one concrete reason" over "One concrete reason per rejected candidate"): a noun phrase only when
    # no clause of the quote is a statement. (For a quote printed alone every option is one already.)
    if grammar is not None:
        options = [
            clauses
            if quote.printed_alone
            else [clause for clause in clauses if grammar.states(clause, quote.text)]
            # "a three year term, or a case study, or a logo on your side": a noun phrase after "or" or "and" is
            # one item of a list, no name for the idea.
            or [clause for clause in clauses if not _listed(clause, quote.text)]
            for quote, clauses in zip(quotes, options, strict=True)
        ]
    texts = [text for quote, clauses in zip(quotes, options, strict=True) if clauses for text in (quote.text, *clauses)]
    vectors = iter(embedder.embed(texts)) if texts else iter(())
    chosen = []
    for quote, clauses in zip(quotes, options, strict=True):
        if not clauses:
            chosen.append("")
            continue
        whole = next(vectors)
        closeness = [float(np.dot(whole, next(vectors))) for _ in clauses]
        line = clauses[int(np.argmax(closeness))]
        chosen.append(grammar.naming_its_subject(line, quote.text) if grammar is not None else line)
    return chosen


def _listed(clause: str, quote: str) -> bool:
    """Whether the quote says the clause right after "and" or "or" (and any spoken openers)."""
    return bool(re.search(rf"\b(?:and|or),?\s+(?:[\w']+,?\s+){{0,2}}?{re.escape(clause)}", quote, re.IGNORECASE))


def _in_first_sentence(quote: str, clauses: Sequence[str]) -> list[str]:
    """The clauses said in the quote's first sentence after its lead-in ("I get that a lot."); none when the next
    sentence turns against it ("She never gets anything done. But she wanted the wall."): the turn is the point."""
    said = without_lead_in(quote)
    opening = first_sentence(said)
    if opens_on_but(said[len(opening) :]):
        return []
    return [clause for clause in clauses if clause.lower() in opening.lower()]
