"""Words of a sentence: tokens, and the content words that carry its meaning."""

from __future__ import annotations

import functools
import re

import yake

# What may cling to a spoken word as the transcript writes it ("PolicWest," "'Nashorns'", "pricing—").
PUNCTUATION = ".,;:!?\"'()\u2014\u2013"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*%?")
# Spoken filler and discourse words: frequent in talk, meaningless as a topic or a key phrase.
# A vocabulary of speech in general (not of any recording), added to the stopwords of written English.
SPOKEN_FILLER = frozenset(
    {
        "yeah", "yes", "okay", "ok", "um", "uh", "hmm", "oh", "ah", "gonna", "wanna", "gotta", "kinda", "sorta",
        "stuff", "thing", "things", "lot", "lots", "know", "mean", "like", "kind", "sort", "really", "actually",
        "basically", "literally", "honestly", "pretty", "just", "right", "well", "guess", "maybe", "sure", "bit",
        "little", "got", "get", "gets", "getting", "going", "go", "goes", "say", "says", "said", "saying", "think",
        "want", "wanted", "let", "lets", "let's", "hey", "hi", "hello", "thanks", "thank", "guys",
        "folks", "everybody", "everyone", "anyway", "totally", "definitely", "absolutely", "way", "ways", "able",
        "make", "makes", "made", "take", "takes", "put", "come", "comes", "came", "look", "looking", "see", "tell",
        "talk", "talking", "today", "time", "good", "great", "nice", "new", "one", "two", "also", "even", "still",
        "much", "many", "something", "anything", "everything", "nothing", "someone", "somebody", "people", "need",
        "needs", "used", "use", "uses", "don't", "doesn't", "didn't", "can't", "won't", "i'm", "you're", "we're",
        "they're", "it's", "that's", "there's", "what's", "i've", "we've", "you've", "i'd", "i'll", "we'll",
    }
)  # fmt: skip


def tokens(text: str) -> list[str]:
    return [token.lower().replace("\u2019", "'").strip("'-") for token in _TOKEN.findall(text)]


@functools.cache
def stopwords() -> frozenset[str]:
    return frozenset(yake.KeywordExtractor(lan="en").stopword_set | SPOKEN_FILLER)


def is_content_word(token: str) -> bool:
    return len(token) > 2 and not token[0].isdigit() and token not in stopwords()


def content_words(text: str) -> list[str]:
    return [token for token in tokens(text) if is_content_word(token)]
