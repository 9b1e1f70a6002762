"""How many speakers diarization finds in each spoken eval recording, against how many its script has.

The eval corpus's recordings (``tests/eval``) are conversations of two or three espeak-ng voices that differ
by variant and pitch; ``bench.diarization`` measures attribution on its own synthetic conversations. This
reads the transcripts the eval cache holds (transcribing any that are missing, as ``bench.eval`` does).

With ``--merges`` it also embeds each recording's speech again as the transcriber does (VAD, chunks, the
speaker encoder) and prints the highest merge distances of the clustering's dendrogram, over the windows
that shape the speakers: where the voices join tells whether any count rule could separate them.

    python -m bench.eval_speakers --split dev
    python -m bench.eval_speakers --split dev --merges
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import linkage

from bench.diarization import embed_recording
from services.transcriber.diarization import MIN_PRINT_S, SpeakerEncoder
from services.transcriber.settings import TranscriberSettings
from tests.eval.corpus import spoken_corpus
from tests.eval.corpus.pipeline import CorpusTranscriber

SHOWN_MERGES = 4


def last_merges(upload: Path, encoder: SpeakerEncoder, settings: TranscriberSettings) -> list[float]:
    """The highest merge distances of average-linkage clustering over the recording's full speaker windows."""
    windows, _ = embed_recording(upload, encoder, settings, settings.max_chunk_s)
    vectors = np.concatenate([part.matrix() for part in windows]).astype(np.float64)
    lengths = np.concatenate([np.array(part.ends) - np.array(part.starts) for part in windows])
    shaping = vectors[lengths >= MIN_PRINT_S]
    if len(shaping) < 2:
        return []
    tree = linkage(shaping / np.linalg.norm(shaping, axis=1, keepdims=True), method="average", metric="cosine")
    return sorted((float(distance) for distance in tree[:, 2]), reverse=True)[:SHOWN_MERGES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", help="eval corpus split (dev or report)")
    parser.add_argument("--merges", action="store_true", help="also print the dendrogram's highest merges")
    args = parser.parse_args()
    settings = TranscriberSettings()
    encoder = SpeakerEncoder(settings.diarization_threads) if args.merges else None
    cache = CorpusTranscriber().cache_dir
    exact = total = 0
    for spoken in spoken_corpus(args.split, source="spoken"):
        found = len({segment.speaker for segment in spoken.transcript.segments if segment.speaker})
        voices = len(spoken.recording.speakers)
        exact, total = exact + (found == voices), total + 1
        line = f"{spoken.recording.slug:32} voices {voices}  found {found}"
        uploads = sorted((cache / spoken.recording.slug).glob("*/upload.*"))
        if encoder is not None and uploads:
            line += "  highest merges " + " ".join(f"{d:.3f}" for d in last_merges(uploads[-1], encoder, settings))
        print(line, flush=True)
    print(f"speaker count exact on {exact} of {total}")


if __name__ == "__main__":
    main()
