"""The evaluation corpus: recordings that sound like real input, with what a careful reader takes away.

    from tests.eval.corpus import load_corpus, spoken_corpus, transcript_for

    load_corpus("dev")            # scripts and annotations only: cheap
    spoken_corpus("dev")          # each spoken, ingested and transcribed by the real code (cached);
                                  # debate excerpts come with their real text as the transcript
    transcript_for(recording)     # one recording's transcript

Engines may be tuned on the ``dev`` split only; ``report`` is held out for the figures.
"""

from __future__ import annotations

from shared.events import Transcript
from tests.eval.corpus.debates import load_excerpts
from tests.eval.corpus.pipeline import CorpusTranscriber, SpokenRecording
from tests.eval.corpus.script import EvalRecording, KeyIdea, ScriptSentence, Source, load_scripts
from tests.eval.corpus.speech import TimedSentence

__all__ = [
    "CorpusTranscriber",
    "EvalRecording",
    "KeyIdea",
    "ScriptSentence",
    "SpokenRecording",
    "TimedSentence",
    "load_corpus",
    "spoken_corpus",
    "transcript_for",
]


def load_corpus(split: str | None = None, source: Source | None = None) -> list[EvalRecording]:
    """Every recording of ``split`` ("dev", "report", or None for both), without audio: the spoken
    recordings, then the debate excerpts (``source`` picks one kind)."""
    if split not in (None, "dev", "report"):
        raise ValueError(f"split is 'dev', 'report' or None, not {split!r}")
    spoken = load_scripts(split) if source in (None, "spoken") else []
    return spoken + (load_excerpts(split) if source in (None, "debate") else [])


def spoken_corpus(split: str | None = None, source: Source | None = None) -> list[SpokenRecording]:
    """Every recording of ``split`` as the pipeline saw it: title from ingest, transcript, true sentence times."""
    with CorpusTranscriber() as transcriber:
        return [transcriber.spoken(recording) for recording in load_corpus(split, source)]


def transcript_for(recording: EvalRecording) -> Transcript:
    with CorpusTranscriber() as transcriber:
        return transcriber.spoken(recording).transcript
