"""Key phrases: multi-word phrases the speaker said more than once, ranked by where they were said.

A phrase is 2-4 consecutive words inside one sentence, opening and closing on a content word
(so "of the" or "you know" never qualify), counted over the whole transcript after lower-casing; a sentence
repeated word for word right after itself counts once.
A single word is never a key phrase: "thought" or "Chicago" names nothing a reader can search for.
With a grammar (English), a phrase must also have been said as a noun phrase, most times it was said:
"raised prices" and "police safer" repeat, but name no topic; nor does a person's name.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

from services.insights.grammar import Grammar
from services.insights.numbers import numbers_in
from services.insights.words import is_content_word, tokens

MIN_WORDS = 2
MAX_WORDS = 4
MIN_OCCURRENCES = 2
# How many of a phrase's sentences the grammar reads, and how far down the ranking it looks: the parser
# runs on a few dozen sentences, however long the recording.
CHECKED_OCCURRENCES = 3
CHECKED_PER_KEPT = 3
# Words of the calendar: a phrase of nothing else ("january to march", "next week") names when, not a topic.
_CALENDAR = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "spring", "summer", "autumn", "fall", "winter", "morning", "afternoon", "evening", "night", "day", "week",
        "weekend", "month", "year", "season", "today", "tonight", "tomorrow", "yesterday", "last", "next", "every",
        # ... and the part of a stretch of it: "the rest of the day", "the end of the month".
        "rest", "end", "start", "beginning", "middle", "half", "hour", "minute",
    }
)  # fmt: skip
# Phrases about the talk itself, not its topic, in the singular ("good questions" is one of them too): "give us the
# short version" twice titled a tutoring podcast's lead magnet "The Short Version Mini-Guide".
_ABOUT_THE_TALK = frozenset(
    {
        "short version", "long version", "long story", "good question", "great question", "quick question",
        "last question", "first question", "next question", "good point", "great point", "fair point", "side note",
        "fun fact", "quick word", "real quick", "whole thing", "big deal", "fair enough",
    }
)  # fmt: skip
# Prepositions a phrase names the part or the amount of a topic with ("the cost of customer acquisition").
_TOPIC_PREPOSITIONS = frozenset({"of", "in", "on", "into", "for", "about", "with"})


def singular(token: str) -> str:
    """A plain English plural counted with its singular ("support tickets" and "support ticket")."""
    if len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _grams(text: str) -> list[tuple[str, str]]:
    """Every candidate phrase of the text, as (normalised, as said), one entry per occurrence."""
    words = tokens(text)
    found = []
    for size in range(MIN_WORDS, MAX_WORDS + 1):
        for begin in range(len(words) - size + 1):
            gram = words[begin : begin + size]
            phrase = " ".join(gram)
            # "forty percent" is a figure, not a topic a reader searches for; "january to march" a time.
            bounded = is_content_word(gram[0]) and is_content_word(gram[-1]) and len(set(gram)) == size
            if (
                bounded
                and not numbers_in(phrase)
                and "percent" not in gram
                and not _names_a_time(gram)
                and " ".join(map(singular, gram)) not in _ABOUT_THE_TALK
            ):
                found.append((normalised(phrase), phrase))
    return found


def _names_a_time(gram: Sequence[str]) -> bool:
    """Whether every content word of the phrase is a word of the calendar, or a part of a stretch of it ("january to
    march", "rest of the day")."""
    return all(word in _CALENDAR or not is_content_word(word) for word in gram)


def normalised(text: str) -> str:
    return " ".join(singular(token) for token in tokens(text))


def key_phrases(
    sentences: Sequence[str],
    salience: Sequence[float] | None = None,
    *,
    top: int,
    grammar: Grammar | None = None,
) -> list[str]:
    """The recording's key phrases as the speaker said them most often, most salient first; salience
    defaults to equal for every sentence."""
    weights = list(salience) if salience is not None else [1.0] * len(sentences)
    counts: Counter[str] = Counter()
    said: defaultdict[str, Counter[str]] = defaultdict(Counter)
    said_in: defaultdict[str, list[int]] = defaultdict(list)
    weight_sum: defaultdict[str, float] = defaultdict(float)
    previous = None
    for index, (text, weight) in enumerate(zip(sentences, weights, strict=True)):
        # "A room counts. A room counts.": a line said again at once, for weight, is said once.
        if (current := normalised(text)) == previous:
            continue
        previous = current
        for phrase, surface in _grams(text):
            counts[phrase] += 1
            said[phrase][surface] += 1
            said_in[phrase].append(index)
            weight_sum[phrase] += weight
    # Said twice as it will be printed: "churned customer" once and "churned customers" once is neither, twice.
    repeated = {
        phrase: count
        for phrase, count in counts.items()
        if count >= MIN_OCCURRENCES and said[phrase].most_common(1)[0][1] >= MIN_OCCURRENCES
    }
    # "the scourge of gun violence", "dollars in tax increases": the topic is the phrase after the preposition, which
    # a reader searches for; the words before it only say which part of the topic the speaker meant.
    narrowed = {phrase: topic for phrase in repeated if (topic := _topic_after_preposition(phrase)) in repeated}
    # A shorter phrase said only inside a longer repeated phrase adds nothing to it.
    subsumed = set(narrowed) | {
        inner
        for phrase, count in repeated.items()
        for inner, _ in _grams(phrase)
        if inner != phrase and repeated.get(inner, count + 1) <= count and inner not in narrowed.values()
    }
    kept = [phrase for phrase in repeated if phrase not in subsumed]
    kept.sort(key=lambda phrase: (-weight_sum[phrase], -len(phrase.split()), phrase))
    if grammar is not None:
        # Read only until ``top`` phrases pass: parsing stops there.
        nouns = (
            phrase
            for phrase in kept[: top * CHECKED_PER_KEPT]
            if _said_as_noun_phrase(grammar, said[phrase], [sentences[i] for i in dict.fromkeys(said_in[phrase])])
        )
        kept = list(itertools.islice(nouns, top))
    return [said[phrase].most_common(1)[0][0] for phrase in kept[:top]]


def _topic_after_preposition(phrase: str) -> str | None:
    """The words after the phrase's preposition when there are two or more of them ("gun violence" of "scourge of
    gun violence"); None when it has none. ("time to first value" names a measure whole: "to" is left out.)"""
    words = phrase.split()
    at = next((at for at, word in enumerate(words[1:-2], start=1) if word in _TOPIC_PREPOSITIONS), None)
    return " ".join(words[at + 1 :]) if at is not None else None


def _said_as_noun_phrase(grammar: Grammar, surfaces: Counter[str], texts: Sequence[str]) -> bool:
    """At least half of the (first few) sentences that hold the phrase say it as a noun phrase that names a topic,
    not a person ("The Hillary Clinton Worksheet" is no lead magnet anyone searches for)."""
    checked = texts[:CHECKED_OCCURRENCES]
    as_noun = sum(
        any(grammar.is_noun_phrase(surface, text) and not grammar.names_a_person(surface, text) for surface in surfaces)
        for text in checked
    )
    return 2 * as_noun >= len(checked)


def phrases_of(text: str, recording_phrases: Sequence[str], *, top: int) -> list[str]:
    """The recording's key phrases this text uses (plural or singular), in the recording's order."""
    joined = f" {normalised(text)} "
    return [phrase for phrase in recording_phrases if f" {normalised(phrase)} " in joined][:top]
