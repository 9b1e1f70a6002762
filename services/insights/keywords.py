"""Key phrases of a recording and of a quote, extracted with YAKE.

Speech carries filler that written text does not ("gonna", "a lot of stuff", "thanks for
joining"), so YAKE's English stopwords are extended with spoken filler, and phrases made
only of numbers are dropped: "forty percent" is a data point, not a search keyword.
Multi-word phrases come before single words because a phrase is what a reader searches
for and what a lead magnet can target. YAKE ranks lower scores first; ties are broken
alphabetically so the order never depends on anything but the text.
"""

from __future__ import annotations

import functools
import re

import yake

_SPOKEN_FILLER = frozenset(
    {
        "yeah", "okay", "ok", "um", "uh", "gonna", "wanna", "gotta", "kinda", "sorta", "stuff", "thing", "things",
        "lot", "lots", "guys", "folks", "everyone", "everybody", "thanks", "thank", "today", "talk", "question",
        "questions", "people", "basically", "literally", "honestly", "pretty", "super", "happy", "joining",
        "remember", "sure", "mean", "maybe", "yes", "hey", "hi", "hello", "welcome", "lets", "let's",
    }
)  # fmt: skip
_NUMERIC = re.compile(
    r"^(?:\d[\d,.]*%?|percent|per|cent|x|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|dozen)$",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+s?$")
# A key phrase is a thing a reader searches for; YAKE also returns clause fragments that open or close on a
# verb ("teams publish", "raised qualified"). Only unambiguous verb forms are listed: "record" or "work"
# are nouns as often as verbs.
_VERB_FORMS = frozenset(
    {
        "bring", "brought", "publish", "published", "waste", "wasted", "raise", "raised", "think", "thought",
        "believe", "believed", "make", "made", "get", "got", "say", "said", "tell", "told", "want", "wanted",
        "need", "needed", "used", "started", "turned", "pulled", "measured", "recorded", "cutting", "reused",
        "know", "knew", "fell", "dropped", "changed", "went", "go", "give", "gave", "take", "took", "keep", "kept",
        "see", "saw", "worked", "tried", "helped", "built", "asked", "lose", "lost", "grew", "doubled", "tripled",
        "halved", "struggle", "struggled", "fixing", "sold", "handed", "remember", "remembers", "beats", "became",
        "become", "writes", "wrote", "bought", "spent", "spend", "stop", "stopped", "ignore", "ignored",
        "treat", "treats", "treated", "reduce", "reduced", "noticed", "trying", "shipped", "ships", "heard",
        "ask", "asks", "happened", "stays", "stay", "stayed", "wins", "feels", "felt", "forwarded", "teach",
        "taught", "prove", "proving",
    }
)  # fmt: skip


def extract_keywords(text: str, *, top: int, max_words: int = 3) -> list[str]:
    """The text's key phrases, most relevant first, lower-cased except acronyms, without duplicates."""
    if not text.strip():
        return []
    extractor = yake.KeywordExtractor(lan="en", n=max_words, top=top * 3, stopwords=set(_stopwords()))
    # Rounded so that float noise in YAKE's sums can never reorder two equal scores.
    ranked = sorted((round(float(score), 9), phrase) for phrase, score in extractor.extract_keywords(text))
    keywords: list[str] = []
    for _, phrase in ranked:
        keyword = _readable(phrase)
        if (
            keyword
            and keyword not in keywords
            and not _is_numeric(keyword)
            and not _has_inner_stopword(keyword)
            and not _is_clause_fragment(keyword)
        ):
            keywords.append(keyword)
    # People search for phrases, not single words: keep YAKE's order within each group.
    phrases = [keyword for keyword in keywords if " " in keyword]
    words = [keyword for keyword in keywords if " " not in keyword]
    return [*phrases, *words][:top]


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(yake.KeywordExtractor(lan="en").stopword_set | _SPOKEN_FILLER)


def _readable(phrase: str) -> str:
    words = phrase.split()
    return " ".join(word if _ACRONYM.match(word) else word.lower() for word in words).strip(" .,;:!?'\"")


def _has_inner_stopword(keyword: str) -> bool:
    """YAKE keeps "teams are fixing"; as a keyword it is noise."""
    return any(word.lower() in _stopwords() for word in keyword.split())


def _is_numeric(keyword: str) -> bool:
    return all(_NUMERIC.match(word) for word in keyword.split())


def _is_clause_fragment(keyword: str) -> bool:
    words = keyword.lower().split()
    return len(words) > 1 and any(word in _VERB_FORMS for word in words)
