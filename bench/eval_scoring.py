"""How one recording's published content is scored against what its script says was said.

Definitions (docs/evaluation.md repeats them):

- A *published point* is an insight that a published artifact was built from: the union of the
  lead magnet's and the framework article's ``insight_ids``. Its *evidence spans* are the main
  quote's span and every evidence quote's span, in recording seconds.
- A span *covers* a script sentence when their overlap is at least half of the sentence or at
  least half of the span (ASR segment times are a few hundred ms off the true ones).
- A point *is a key idea* when one of its spans covers a sentence annotated with that idea.
  Precision = points that are a key idea / published points; recall = key ideas some published
  point is / key ideas.
- A pitch sentence *reached a rail* when a point of that rail's artifact covers it, or when the
  artifact's Markdown contains five consecutive words of it that no other sentence of the script says.
- A keyword is *said twice* when its words, side by side and in that order, occur at least twice
  in the script; the lead magnet's target keyword and its secondary keywords are all checked.
- Headings *repeat* when two section headings read the same (numbering and punctuation ignored)
  or one restates the title (equal, or one of three words or more inside the other).
- The *file name is the title* when the upload's file name (without its extension) appears in
  the title, a heading, the source-recording field or a quoted passage.
- A *quote* is every passage in double quotes (block quotes included) and every line that ends
  with a time in the recording ("- **Tip:** text _(00:53)_"), of four words or more, in either
  artifact (not the recording's title). It is a *misquote* when, compared with the script
  sentences said at the time the quote was located in the transcript, it has a word the speaker
  did not say there (omitted words are not counted; numbers and spelling are normalised).
- A *misheard line* is a line outside quotation marks (a title, a heading, a pillar named in the
  speaker's words, a checklist line) that the transcript holds and that, checked as a quote is,
  has a word the speaker did not say there. Lines the transcript does not hold are the writers'
  own prose and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath

from services.insights.grounding import LocatedQuote, TranscriptIndex, normalise
from shared.events import Insight, InsightSet
from tests.eval.corpus import SpokenRecording, TimedSentence

PITCH_RUN_WORDS = 5
MIN_QUOTE_WORDS = 4
WINDOW_SLACK_S = 2.0
_QUOTED = re.compile(r"[\"“](?P<quote>[^\"”\n]+)[\"”]")
# A line that ends with a time in the recording presents its text as said then: "- **Label:** text _(00:53)_".
_TIMESTAMPED = re.compile(
    r"^(?:[-*]\s+|\d+\.\s+)?(?:\*\*[^*\n]+\*\*\s*)?(?P<quote>[^>\n].*?)\s*(?:_\(\d+:\d{2}(?::\d{2})?\)_|\[\d+:\d{2}(?::\d{2})?\])\s*$",
    re.MULTILINE,
)
_TIME = re.compile(r"_?\(\d+:\d{2}(?::\d{2})?\)_?|\[\d+:\d{2}(?::\d{2})?\]")
# Markdown around a line's words: heading, list and quote marks and numbers, a bold label, emphasis.
_MARKUP = re.compile(r"^\s*(?:(?:#+|>|[-*]|\d+[.)])\s+)+|\*\*[^*\n]+:\*\*|\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Artifact:
    """One published piece: its rail, title, Markdown and the insights it was built from."""

    rail: str  # "lead magnet" or "framework article"
    title: str
    markdown: str
    insight_ids: tuple[str, ...]
    keywords: tuple[str, ...] = ()  # lead magnet: the target keyword first, then the secondary ones


@dataclass
class RecordingScore:
    slug: str
    split: str
    engine: str
    no_substance: bool
    insights: int = 0
    published: list[str] = field(default_factory=list)  # rails that published
    refusals: list[str] = field(default_factory=list)
    points: int = 0
    points_on_ideas: int = 0
    key_ideas: int = 0
    ideas_found: int = 0  # by any insight, published or not
    ideas_published: int = 0
    ideas_published_by_main_quote: int = 0  # the same, counting only each point's own quote, not its evidence
    missed: list[str] = field(default_factory=list)
    pitch_leaks: list[str] = field(default_factory=list)
    quotes: int = 0
    misquotes: list[str] = field(default_factory=list)
    one_word_keywords: list[str] = field(default_factory=list)
    keywords_not_said_twice: list[str] = field(default_factory=list)
    repeated_headings: list[str] = field(default_factory=list)
    file_name_titles: list[str] = field(default_factory=list)
    misheard_lines: list[str] = field(default_factory=list)
    # Framework articles that quote nothing: every point heard too unclearly to quote, so named and pointed to.
    unquoted_articles: int = 0

    @property
    def published_anything(self) -> bool:
        return bool(self.published)


# --- matching spans to the script -------------------------------------------------------------


def covers(start: float, end: float, sentence: TimedSentence) -> bool:
    overlap = min(end, sentence.end) - max(start, sentence.start)
    if overlap <= 0:
        return False
    return overlap >= 0.5 * (sentence.end - sentence.start) or overlap >= 0.5 * max(end - start, 1e-6)


def evidence_spans(insight: Insight) -> list[tuple[float, float]]:
    return [(insight.start, insight.end), *((piece.start, piece.end) for piece in insight.evidence)]


def ideas_within(spans: Sequence[tuple[float, float]], sentences: Sequence[TimedSentence]) -> set[str]:
    return {
        idea
        for sentence in sentences
        if any(covers(start, end, sentence) for start, end in spans)
        for idea in sentence.ideas
    }


def ideas_of(insight: Insight, sentences: Sequence[TimedSentence]) -> set[str]:
    return ideas_within(evidence_spans(insight), sentences)


def ideas_of_main_quote(insight: Insight, sentences: Sequence[TimedSentence]) -> set[str]:
    """The key ideas the point's own quote covers. Evidence glued to a point (its "restatements") can cover
    other ideas without the reader being shown them, so recall is also read by this stricter count."""
    return ideas_within([(insight.start, insight.end)], sentences)


# --- words ----------------------------------------------------------------------------------


@cache
def _normaliser() -> object:
    # Whisper's own English normaliser: "thirty percent" and "30%", "colour" and "color", "um" dropped.
    from whisper.normalizers import EnglishTextNormalizer

    return EnglishTextNormalizer()


@cache
def _spelling() -> Callable[[str], str]:
    from whisper.normalizers.english import EnglishSpellingNormalizer

    return EnglishSpellingNormalizer()


def words(text: str) -> list[str]:
    normalised: str = _normaliser()(text)  # type: ignore[operator]
    return normalised.split()


def unsaid_words(quote: str, said: str) -> list[str]:
    """The quote's words that the speaker did not say at that point (substituted or inserted): those outside
    the longest common subsequence of the quote's words and the words said."""
    quoted, spoken = words(quote), words(said)
    # "road map" and "roadmap", "follow up" and "follow-up" (the normaliser spaces hyphens): one word said either way.
    quoted, spoken = _compounds_joined(quoted, set(spoken)), _compounds_joined(spoken, set(quoted))
    # lengths[i][j]: longest common subsequence of quoted[i:] and spoken[j:]
    lengths = [[0] * (len(spoken) + 1) for _ in range(len(quoted) + 1)]
    for i in range(len(quoted) - 1, -1, -1):
        for j in range(len(spoken) - 1, -1, -1):
            if quoted[i] == spoken[j]:
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    unsaid, i, j = [], 0, 0
    while i < len(quoted):
        if j < len(spoken) and quoted[i] == spoken[j]:
            i, j = i + 1, j + 1
        elif j < len(spoken) and lengths[i][j + 1] >= lengths[i + 1][j]:
            j += 1
        else:
            unsaid.append(quoted[i])
            i += 1
    return unsaid


def _compounds_joined(tokens: Sequence[str], vocabulary: set[str]) -> list[str]:
    """The tokens with each adjacent pair whose concatenation is a word of ``vocabulary`` written as that word."""
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        if index + 1 < len(tokens) and tokens[index] + tokens[index + 1] in vocabulary:
            joined.append(tokens[index] + tokens[index + 1])
            index += 2
        else:
            joined.append(tokens[index])
            index += 1
    return joined


def contains_run(haystack: Sequence[str], needle: Sequence[str], run: int, unless_in: Sequence[str] = ()) -> bool:
    """Whether ``haystack`` holds ``run`` consecutive words of ``needle`` (all of it when shorter) that
    ``unless_in`` does not hold as well."""
    size = min(run, len(needle))
    if size == 0:
        return False
    text, elsewhere = (" " + " ".join(found) + " " for found in (haystack, unless_in))
    pieces = (" " + " ".join(needle[i : i + size]) + " " for i in range(len(needle) - size + 1))
    return any(piece in text and piece not in elsewhere for piece in pieces)


# --- the checks -------------------------------------------------------------------------------


def quotes_in(markdown: str, title: str) -> list[str]:
    body = _FRONT_MATTER.sub("", markdown)
    found = [match.group("quote").strip() for match in _QUOTED.finditer(body)]
    found += [
        match.group("quote").strip().strip("_*")
        for match in _TIMESTAMPED.finditer(body)
        if not _QUOTED.search(match.group("quote"))
    ]
    return [quote for quote in found if len(quote.split()) >= MIN_QUOTE_WORDS and quote.strip() != title.strip()]


def misquotes(artifact: Artifact, spoken: SpokenRecording, index: TranscriptIndex) -> tuple[int, list[str]]:
    quotes = quotes_in(artifact.markdown, spoken.title or "")
    wrong = []
    for quote in quotes:
        located = index.locate(quote)
        if located is None:
            said = spoken.sentences  # not in the transcript at all: compared with the whole script
        else:
            said = spoken.said_between(located.start - WINDOW_SLACK_S, located.end + WINDOW_SLACK_S)
        unsaid = unsaid_words(quote, " ".join(sentence.text for sentence in said))
        if unsaid:
            wrong.append(f"{artifact.rail}: {quote!r} (not said: {' '.join(unsaid)})")
    return len(quotes), wrong


def misheard_lines(artifact: Artifact, spoken: SpokenRecording, index: TranscriptIndex) -> list[str]:
    """Lines outside quotation marks that print the transcript's words (a title, a pillar named in the speaker's
    words, a checklist line) with a word the script says was not said there: "A big chunk of the missing talk
    never arrived" (said: "missing stock") carries a mishearing to the reader as surely as a quote does. Lines
    the transcript does not hold (the writers' own prose) are not checked."""
    wrong = []
    for line in _FRONT_MATTER.sub("", artifact.markdown).splitlines():
        found = _in_speakers_words(_MARKUP.sub(" ", _QUOTED.sub(" ", _TIME.sub(" ", line))).strip(), index)
        if found is None:
            continue
        text, located = found
        said = " ".join(
            sentence.text
            for sentence in spoken.said_between(located.start - WINDOW_SLACK_S, located.end + WINDOW_SLACK_S)
        )
        # A line cut from a sentence may start inside a figure the normaliser folds whole ("a trillion dollars"
        # becomes "$1000000000000", so "Dollars in Tax Increases" seems to hold an unsaid "dollars").
        folded = set(plain_words(said)) - set(words(said))
        unsaid = [word for word in unsaid_words(text, said) if word not in folded]
        if unsaid:
            wrong.append(f"{artifact.rail}: {text!r} (not said: {' '.join(unsaid)})")
    return wrong


# A writer frames the speaker's words in a few of its own ("Rethinking the idea that ...", "The common view,
# that ..., does not hold up."): that many words may be dropped at either end to find the speaker's.
FRAME_WORDS = 4


def _in_speakers_words(line: str, index: TranscriptIndex) -> tuple[str, LocatedQuote] | None:
    """The longest run of the line's words the transcript holds, with where it holds them; None when no run of
    a quote's length is there (the writer's own words)."""
    words = line.split()
    runs = sorted(
        (
            (begin, end)
            for begin in range(FRAME_WORDS + 1)
            for end in range(len(words), len(words) - FRAME_WORDS - 1, -1)
        ),
        key=lambda run: run[0] - run[1],
    )
    for begin, end in runs:
        if end - begin < MIN_QUOTE_WORDS:
            break
        if (located := index.locate(" ".join(words[begin:end]))) is not None:
            # A near match may take a frame word or two along: the run is the words the transcript says there.
            heard = set(normalise(located.text).split())
            while begin < end and normalise(words[begin]) not in heard:
                begin += 1
            while end > begin and normalise(words[end - 1]) not in heard:
                end -= 1
            return " ".join(words[begin:end]), located
    return None


def pitch_leaks(artifact: Artifact, points: Sequence[Insight], spoken: SpokenRecording) -> list[str]:
    text = words(_FRONT_MATTER.sub("", artifact.markdown))
    # A plug may reuse the talk's own words ("it tracks time to first value for you" in a talk about measuring
    # time to first value): five words the rest of the script says too are the talk's, not the pitch's.
    talk = words(" ".join(sentence.text for sentence in spoken.recording.sentences if not sentence.pitch))
    leaks = []
    for sentence in spoken.recording.pitch_sentences:
        timed = spoken.sentences[sentence.index]
        by_source = any(covers(start, end, timed) for point in points for start, end in evidence_spans(point))
        if by_source or contains_run(text, words(sentence.text), PITCH_RUN_WORDS, unless_in=talk):
            leaks.append(f"{artifact.rail}: {sentence.text!r}")
    return leaks


def keyword_problems(artifact: Artifact, spoken: SpokenRecording) -> tuple[list[str], list[str]]:
    """Keywords of one word, and keywords the speakers did not say at least twice (per the script)."""
    script = " " + " ".join(plain_words(" ".join(s.text for s in spoken.recording.sentences))) + " "
    one_word = [keyword for keyword in artifact.keywords if len(plain_words(keyword)) < 2]
    rare = [keyword for keyword in artifact.keywords if not plain_words(keyword) or _times_said(keyword, script) < 2]
    return one_word, rare


def _times_said(keyword: str, script: str) -> int:
    """How often the script says the keyword, its words spaced or written as one ("tap room" is "taproom" said).
    Once it is said as written, its plural or singular counts too: "our senior techs go to the diagnostic calls"
    says "senior tech" again (a plural never said as written is not the keyword said)."""
    said = plain_words(keyword)
    forms = {" ".join(said), "".join(said)}
    exact = sum(script.count(f" {form} ") for form in forms)
    if not exact or not said:
        return exact
    *head, last = said
    other = last[:-1] if last.endswith("s") and len(last) > 3 else last + "s"
    return exact + script.count(" " + " ".join([*head, other]) + " ")


def plain_words(text: str) -> list[str]:
    # Not Whisper's whole normaliser here: it turns "10 million jobs" into "10000000 jobs", hiding "million
    # jobs". Only its spelling map, so a keyword Whisper spells "favorite" matches a script's "favourite".
    found = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))
    return _spelling()(" ".join(found)).split()


def repeated_headings(artifact: Artifact) -> list[str]:
    """Section headings used twice, and the title used again as a section heading (also inside a longer one:
    "Read: The 3 Pillars of Road Map" over "The 3 Pillars of Road Map")."""
    headings = [(len(m.group("level")), _heading_words(m.group("text"))) for m in _HEADING.finditer(artifact.markdown)]
    title = next((text for level, text in headings if level == 1), _heading_words(artifact.title))
    repeats = []
    seen: set[str] = set()
    for level, text in headings:
        if level == 1:
            continue
        if text and _restates(text, title):
            repeats.append(f"{artifact.rail}: title {title!r} repeated as section heading {text!r}")
        elif text in seen:
            repeats.append(f"{artifact.rail}: section {text!r} twice")
        seen.add(text)
    return repeats


def _restates(heading: str, title: str) -> bool:
    shorter, longer = sorted((heading, title), key=len)
    # Containment only for three words or more: "The problem" under "The Problem With Discovery" is a section.
    return shorter == longer or (len(shorter.split()) >= 3 and f" {shorter} " in f" {longer} ")


def _heading_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", re.sub(r"^\d+[.)]\s*", "", text.lower())))


def file_name_as_title(artifact: Artifact, upload_key: str) -> list[str]:
    stem = PurePosixPath(upload_key).stem.lower()
    shown = [artifact.title, *(m.group("text") for m in _HEADING.finditer(artifact.markdown))]
    shown += re.findall(r"^source_recording:\s*(.+)$", artifact.markdown, flags=re.MULTILINE)
    shown += re.findall(r"\"([^\"\n]+)\"", _FRONT_MATTER.sub("", artifact.markdown))
    return [f"{artifact.rail}: {text.strip()!r}" for text in shown if stem in text.lower()][:1]


# --- one recording ----------------------------------------------------------------------------


def score(
    spoken: SpokenRecording, engine: str, insight_set: InsightSet, artifacts: Iterable[Artifact], refusals: list[str]
) -> RecordingScore:
    recording = spoken.recording
    result = RecordingScore(recording.slug, recording.split, engine, recording.no_substance, refusals=refusals)
    result.insights = len(insight_set.insights)
    result.key_ideas = len(recording.key_ideas)
    by_id = {insight.insight_id: insight for insight in insight_set.insights}
    index = TranscriptIndex(spoken.transcript.segments)
    published_ids: dict[str, None] = {}
    for artifact in artifacts:
        result.published.append(artifact.rail)
        points = [by_id[i] for i in artifact.insight_ids if i in by_id]
        published_ids.update(dict.fromkeys(artifact.insight_ids))
        result.pitch_leaks += pitch_leaks(artifact, points, spoken)
        quotes, wrong = misquotes(artifact, spoken, index)
        result.quotes += quotes
        result.unquoted_articles += artifact.rail == "framework article" and not quotes
        result.misquotes += wrong
        one_word, rare = keyword_problems(artifact, spoken)
        result.one_word_keywords += one_word
        result.keywords_not_said_twice += rare
        result.repeated_headings += repeated_headings(artifact)
        result.file_name_titles += file_name_as_title(artifact, recording.upload_key)
        result.misheard_lines += misheard_lines(artifact, spoken, index)
    points = [by_id[i] for i in published_ids if i in by_id]
    result.points = len(points)
    published_ideas: set[str] = set()
    by_main_quote: set[str] = set()
    for point in points:
        hit = ideas_of(point, spoken.sentences)
        result.points_on_ideas += bool(hit)
        published_ideas |= hit
        by_main_quote |= ideas_of_main_quote(point, spoken.sentences)
    found = {idea for insight in insight_set.insights for idea in ideas_of(insight, spoken.sentences)}
    result.ideas_found = len(found)
    result.ideas_published = len(published_ideas)
    result.ideas_published_by_main_quote = len(by_main_quote)
    result.missed = [idea.id for idea in recording.key_ideas if idea.id not in published_ideas]
    return result
