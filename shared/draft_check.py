"""Check a model's draft against the recording, and cut what it cannot back.

A draft may only quote what was said and only cite numbers the evidence holds. Every
quoted span (straight or curly double quotes, and every blockquote line) must appear
verbatim in the transcript once case, punctuation and spacing are normalised; every
number outside such a quote, in digits or in words, must have its value among the evidence's numbers;
every link must be one the caller allows or the evidence contains; every timestamp must
point at speech. A sentence that fails is removed (a list item, blockquote, table row or
heading goes whole: half a quote is no longer verbatim), and the reasons are kept so the
artifact can say what was cut. Whether what is left still carries the rail's required
parts is the writer's decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# A quote shorter than this is a term, not evidence; it is still checked, but does not count as evidence.
MIN_EVIDENCE_WORDS = 4
# A quote sharing this many words in a row with a sentence heard too unclearly to quote is cut from it.
UNCLEAR_RUN_WORDS = 4

_SMALL = {
    "zero": 0,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# "one" alone is mostly a pronoun ("the one thing", "no one"); it counts only inside a longer number.
_NUMBER_WORD = r"(?:one|" + "|".join([*_SMALL, *_SCALES]) + r")"
_NUMBER = re.compile(
    r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?(?!\d)(?!(?:st|nd|rd|th)\b)|\b"
    + _NUMBER_WORD
    + r"(?:(?:[\s-]+|\s+and\s+)"
    + _NUMBER_WORD
    + r")*\b",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(r"[\[(]?\b(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\b[\])]?")
_URL = re.compile(r"https?://[^\s)\]>\"']+|\bwww\.[^\s)\]>\"']+", re.IGNORECASE)
_QUOTED = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")
_ELLIPSIS = re.compile(r"\.\.\.|…")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_BLOCKQUOTE = re.compile(r"^\s*>\s?")
_WHOLE_LINE = re.compile(r"^\s*(?:>|[-*+]\s|\d+[.)]\s|\|)")
_LINE_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)+")
_ATTRIBUTION = re.compile(r"\s+(?:\u2014|\u2013|--)\s*[^\"“”]*$")
_SENTENCE_END = re.compile(r"[.!?][\"”\u2019)]*\s+(?=\S)")
_RUNS_OF_BLANK_LINES = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation (hyphens too) as spaces, single spaces."""
    text = text.lower().replace("\u2019", "").replace("\u2018", "").replace("'", "")
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def numbers_in(text: str) -> set[float]:
    """Values of the numbers a text states: "1,200", "3.5", "40%" and "forty-two" alike (timestamps are not numbers)."""
    values: set[float] = set()
    for match in _NUMBER.finditer(_TIMESTAMP.sub(" ", text)):
        value = _value(match.group(0))
        if value is not None:
            values.add(value)
    return values


def _value(token: str) -> float | None:
    if token[0].isdigit():
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    words = [word for word in re.split(r"[\s-]+", token.lower()) if word and word != "and"]
    if words == ["one"]:
        return None
    total, current = 0, 0
    for word in words:
        if word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            current += 1 if word == "one" else _SMALL[word]
    return float(total + current)


@dataclass(frozen=True)
class Removal:
    """One piece of the draft that was cut, and why."""

    text: str
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"removed {self.text[:80]!r}: {'; '.join(self.reasons)}"


@dataclass(frozen=True)
class DraftCheck:
    """The draft with what failed removed, what was removed, and the verbatim quotes that remain."""

    markdown: str
    removed: tuple[Removal, ...]
    quotes: tuple[str, ...]

    @property
    def evidence(self) -> tuple[str, ...]:
        """Distinct verified quotes long enough to count as evidence."""
        return tuple(quote for quote in dict.fromkeys(self.quotes) if len(quote.split()) >= MIN_EVIDENCE_WORDS)


@dataclass
class Grounding:
    """What a draft may rest on: the transcript (quotes), the evidence (numbers, links), speech spans
    (timestamps) and the caller's own words (names it coined, links it adds, counts it knows)."""

    transcript: str
    evidence: Sequence[str]
    speech_spans: Sequence[tuple[float, float]] = ()
    allowed_phrases: Iterable[str] = ()
    allowed_urls: Iterable[str] = ()
    allowed_numbers: Iterable[float] = ()
    # Sentences in the transcript that were heard too unclearly to print as the speaker's words (an
    # insight's quote_is_verbatim False): a draft may make their point, never quote them.
    unclear: Sequence[str] = ()
    _said: str = field(init=False, repr=False)
    _unclear: list[str] = field(init=False, repr=False)
    _numbers: set[float] = field(init=False, repr=False)
    _phrases: set[str] = field(init=False, repr=False)
    _urls: set[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._said = f" {normalise(self.transcript)} "
        self._unclear = [f" {normalise(text)} " for text in self.unclear if normalise(text)]
        phrases = [phrase for phrase in self.allowed_phrases if phrase.strip()]
        self._numbers = {value for text in [*self.evidence, *phrases] for value in numbers_in(text)}
        self._numbers |= set(self.allowed_numbers)
        self._phrases = {normalise(phrase) for phrase in phrases}
        evidence_urls = {url for text in self.evidence for url in _URL.findall(text)}
        self._urls = {_bare(url) for url in [*self.allowed_urls, *evidence_urls]}

    def was_said(self, quote: str) -> bool:
        parts = [normalise(part) for part in _ELLIPSIS.split(quote)]
        parts = [part for part in parts if part]
        return bool(parts) and all(f" {part} " in self._said for part in parts)

    def heard_unclearly(self, quote: str) -> bool:
        """Whether the quote repeats a run of UNCLEAR_RUN_WORDS words (all of it, when shorter) of an unclear
        sentence: a quote cut from one is no surer than the whole."""
        for part in (normalise(part) for part in _ELLIPSIS.split(quote)):
            words = part.split()
            size = min(UNCLEAR_RUN_WORDS, len(words))
            runs = {" " + " ".join(words[i : i + size]) + " " for i in range(len(words) - size + 1)} if size else set()
            if any(run in unclear for run in runs for unclear in self._unclear):
                return True
        return False

    def problems(self, text: str) -> tuple[list[str], list[str]]:
        """What in ``text`` the recording does not back, and the verified quotes it holds."""
        problems: list[str] = []
        verified: list[str] = []
        for quote in _quotes(text):
            if normalise(quote) in self._phrases:
                continue
            if self.was_said(quote) and self.heard_unclearly(quote):
                problems.append(f"quote heard too unclearly to print as said: {quote[:60]!r}")
            elif self.was_said(quote):
                verified.append(quote)
            else:
                problems.append(f"quote not in the transcript: {quote[:60]!r}")
        if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
            problems.append("a quotation mark is never closed")
        for url in _URL.findall(text):
            if _bare(url) not in self._urls:
                problems.append(f"link not in the evidence: {url[:60]!r}")
        for match in _TIMESTAMP.finditer(text):
            hours, minutes, seconds = (int(part or 0) for part in match.groups())
            at = hours * 3600 + minutes * 60 + seconds
            if self.speech_spans and not any(start - 1 <= at <= end + 1 for start, end in self.speech_spans):
                problems.append(f"timestamp {match.group(0)} points at no speech")
        # A number inside a verified quote was said, in those words: the quote is its own evidence.
        unquoted = text
        for quote in verified:
            unquoted = unquoted.replace(quote, " ")
        claimed = numbers_in(_URL.sub(" ", _LINE_MARKUP.sub("", unquoted)))
        problems.extend(f"number {_shown(value)} not in the evidence" for value in sorted(claimed - self._numbers))
        return problems, verified


def verify_draft(markdown: str, grounding: Grounding) -> DraftCheck:
    """Remove every sentence (or whole line, for lists, quotes, tables and headings) the recording does not back."""
    kept_lines: list[str] = []
    removed: list[Removal] = []
    quotes: list[str] = []
    for line in unwrap(markdown):
        problems, verified = grounding.problems(line)
        if not problems:
            kept_lines.append(line)
            quotes.extend(verified)
        elif _HEADING.match(line) or _WHOLE_LINE.match(line):
            removed.append(Removal(line.strip(), tuple(problems)))
        else:
            kept: list[str] = []
            for sentence in split_sentences(line):
                problems, verified = grounding.problems(sentence)
                if problems:
                    removed.append(Removal(sentence.strip(), tuple(problems)))
                else:
                    kept.append(sentence)
                    quotes.extend(verified)
            if kept:
                kept_lines.append(" ".join(kept))
    repaired = _RUNS_OF_BLANK_LINES.sub("\n\n", "\n".join(kept_lines)).strip() + "\n"
    return DraftCheck(repaired, tuple(removed), tuple(quotes))


def unwrap(markdown: str) -> list[str]:
    """One line per paragraph, list item or blockquote: a quote the model wrapped over two lines is one quote.

    Markdown renders a soft line break as a space, so joining changes nothing a reader sees."""
    lines: list[str] = []
    for line in markdown.split("\n"):
        previous = lines[-1] if lines else ""
        joins = bool(line.strip()) and bool(previous.strip()) and not _HEADING.match(previous)
        if joins and _BLOCKQUOTE.match(line) and _BLOCKQUOTE.match(previous):
            lines[-1] = f"{previous.rstrip()} {_BLOCKQUOTE.sub('', line, count=1).strip()}"
        elif joins and not _HEADING.match(line) and not _WHOLE_LINE.match(line):
            lines[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return lines


def split_sentences(line: str) -> list[str]:
    """Sentences of one line of prose, never split inside a quotation."""
    inside = _quoted_ranges(line)
    sentences: list[str] = []
    begin = 0
    for match in _SENTENCE_END.finditer(line):
        cut = match.start() + len(match.group(0).rstrip())  # after the stop and any closing quotation mark
        if any(start < cut < end for start, end in inside):
            continue
        sentences.append(line[begin : match.end()].strip())
        begin = match.end()
    if line[begin:].strip():
        sentences.append(line[begin:].strip())
    return sentences


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in _QUOTED.finditer(text)]


def _quotes(text: str) -> list[str]:
    """Quoted spans; a blockquote without quotation marks is itself a quote (minus timestamp and attribution)."""
    found = [match.group(1) or match.group(2) for match in _QUOTED.finditer(text)]
    if _BLOCKQUOTE.match(text) and not found:
        body = _ATTRIBUTION.sub("", _TIMESTAMP.sub(" ", _BLOCKQUOTE.sub("", text, count=1)))
        body = body.strip().strip("*_ ").strip()
        if body:
            found.append(body)
    return [quote.strip() for quote in found if quote.strip()]


def _bare(url: str) -> str:
    return url.rstrip(".,;:!?").removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")


def _shown(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
