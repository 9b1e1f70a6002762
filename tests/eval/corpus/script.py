"""What was said in each evaluation recording, and what a careful reader would take away from it.

Every recording is a list of sentences, each with its speaker and two annotations: the key ideas
it expresses and whether it is pitch (a sponsor read, self-promotion, a fund-raising ask). The
spoken recordings are written out in ``recordings/*.yaml``; the debate excerpts in
``debates/*.yaml`` point at real turns of the 2016 debates shipped with scattertext.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

CORPUS_DIR = Path(__file__).parent
Split = Literal["dev", "report"]
Source = Literal["spoken", "debate"]


class Voice(BaseModel):
    """How espeak-ng speaks one speaker."""

    model_config = ConfigDict(frozen=True)

    voice: str = Field(description="espeak-ng voice, with an optional +variant (en-gb+f3).")
    pitch: int = Field(default=50, ge=0, le=99, description="espeak-ng pitch, 0-99.")
    speed: int = Field(default=160, ge=80, le=400, description="Words per minute.")


class ScriptSentence(BaseModel):
    """One sentence of the script: the ground truth of what was said."""

    model_config = ConfigDict(frozen=True)

    index: int = Field(ge=0, description="Position in the recording, from 0.")
    speaker: str = Field(description="Who said it, as named in the script (host, guest, CLINTON ...).")
    text: str = Field(description="The sentence as the speaker said it.")
    ideas: tuple[str, ...] = Field(default=(), description="Ids of the key ideas this sentence expresses.")
    pitch: bool = Field(default=False, description="A sponsor read, self-promotion or fund-raising ask.")


class KeyIdea(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Short id, unique in its recording.")
    statement: str = Field(description="What a careful reader takes away, in a sentence.")


class EvalRecording(BaseModel):
    """One recording of the evaluation set."""

    model_config = ConfigDict(frozen=True)

    slug: str
    split: Split = Field(description="dev: engines may be tuned on it; report: held out, figures only.")
    source: Source = Field(description="spoken: synthesised and transcribed; debate: real text, timed by word count.")
    domain: str
    upload_key: str = Field(description="The object key it is uploaded under (no title metadata is sent).")
    no_substance: bool = Field(default=False, description="Nothing in it is worth publishing.")
    speakers: dict[str, Voice] = Field(default_factory=dict, description="Voices of a spoken recording.")
    key_ideas: tuple[KeyIdea, ...] = ()
    sentences: tuple[ScriptSentence, ...]

    @model_validator(mode="after")
    def _annotations_are_consistent(self) -> EvalRecording:
        ids = [idea.id for idea in self.key_ideas]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.slug}: duplicate key idea ids")
        used = {idea for sentence in self.sentences for idea in sentence.ideas}
        if unknown := used - set(ids):
            raise ValueError(f"{self.slug}: sentences name unknown key ideas {sorted(unknown)}")
        if unexpressed := set(ids) - used:
            raise ValueError(f"{self.slug}: key ideas no sentence expresses: {sorted(unexpressed)}")
        if self.no_substance and (self.key_ideas or any(s.pitch for s in self.sentences)):
            raise ValueError(f"{self.slug}: a no-substance recording has no key ideas and no pitch")
        if self.source == "spoken" and (missing := {s.speaker for s in self.sentences} - set(self.speakers)):
            raise ValueError(f"{self.slug}: no voice for {sorted(missing)}")
        return self

    def sentences_of(self, idea_id: str) -> list[ScriptSentence]:
        return [sentence for sentence in self.sentences if idea_id in sentence.ideas]

    @property
    def pitch_sentences(self) -> list[ScriptSentence]:
        return [sentence for sentence in self.sentences if sentence.pitch]


def sentences_from_turns(turns: list[dict[str, Any]]) -> tuple[ScriptSentence, ...]:
    """A script's turns (``speaker`` + ``say``: plain sentences, or ``text`` with ``ideas``/``pitch``)."""
    sentences: list[ScriptSentence] = []
    for turn in turns:
        for said in turn["say"]:
            fields = {"text": said} if isinstance(said, str) else dict(said)
            sentences.append(ScriptSentence(index=len(sentences), speaker=turn["speaker"], **fields))
    return tuple(sentences)


def load_spoken(path: Path) -> EvalRecording:
    data = yaml.safe_load(path.read_text())
    turns = data.pop("turns")
    return EvalRecording(source="spoken", sentences=sentences_from_turns(turns), **data)


def load_scripts(split: str | None = None) -> list[EvalRecording]:
    """The spoken recordings' scripts, in a stable order (by slug)."""
    recordings = [load_spoken(path) for path in sorted((CORPUS_DIR / "recordings").glob("*.yaml"))]
    return [recording for recording in recordings if split is None or recording.split == split]
