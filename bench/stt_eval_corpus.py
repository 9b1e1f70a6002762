"""WER of transcription configurations on the eval corpus's spoken recordings: a third check.

``bench.stt_dev`` chooses on its dev set and ``bench.stt_models`` scores the choice on its report
set; both are three minutes of one recipe. The eval corpus (``tests/eval``) has other scripts,
voices, formats and lengths, transcribed by the same code through the eval cache, so a
configuration whose transcripts are cached costs nothing here and one that is not is transcribed
once (and then reused by ``tests/eval``). WER is jiwer's after Whisper's English normaliser, each
transcript against its spoken script; the debate recordings (text, not speech) are skipped.

    python -m bench.stt_eval_corpus --split report --configuration 0
    python -m bench.stt_eval_corpus --split report --configuration 1
    python -m bench.stt_eval_corpus --split dev --configuration 2

One configuration per process: a second eval-corpus run in the same process finds ingest's claim
on each recording still pending.
"""

from __future__ import annotations

import argparse
import json

from bench.transcription import word_error_rate
from services.transcriber.settings import TranscriberSettings
from tests.eval.corpus import load_corpus
from tests.eval.corpus.pipeline import CorpusTranscriber

# (label, model, beam, ffmpeg filter): base greedy, the within-budget configuration chosen on
# bench.stt_dev when one transcriber had two threads, and base beam 5, which fits the budget since
# transcribers run one per core (bench.stt_dev round 6).
CONFIGURATIONS = (
    ("base greedy", "base", 1, ""),
    ("tiny.en beam 5 + dynaudnorm", "tiny.en", 5, "dynaudnorm=f=250:g=15"),
    ("base beam 5", "base", 5, ""),
)


def run(split: str, configuration: int) -> list[dict[str, object]]:
    recordings = [recording for recording in load_corpus(split) if recording.source != "debate"]
    rows: list[dict[str, object]] = []
    for label, model, beam, audio_filter in CONFIGURATIONS[configuration : configuration + 1]:
        errors = words = 0.0
        settings = TranscriberSettings(model_name=model, beam_size=beam, audio_filter=audio_filter)
        with CorpusTranscriber(settings=settings) as transcriber:
            for recording in recordings:
                spoken = transcriber.spoken(recording)
                reference = " ".join(sentence.text for sentence in spoken.sentences)
                hypothesis = " ".join(" ".join(segment.text for segment in spoken.transcript.segments).split())
                wer = word_error_rate(reference, hypothesis)
                count = len(reference.split())
                errors, words = errors + wer * count, words + count
                row = {"configuration": label, "recording": recording.slug, "wer_pct": round(100 * wer, 1)}
                print(json.dumps(row), flush=True)
                rows.append(row)
        total = {"configuration": label, "recording": "all", "wer_pct": round(100 * errors / max(words, 1), 1)}
        print(json.dumps(total), flush=True)
        rows.append(total)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="report", help="eval corpus split (dev or report)")
    parser.add_argument(
        "--configuration", type=int, choices=range(len(CONFIGURATIONS)), default=0, help="index in CONFIGURATIONS"
    )
    args = parser.parse_args()
    run(args.split, args.configuration)


if __name__ == "__main__":
    main()
