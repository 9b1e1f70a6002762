"""How many speakers diarization finds in each spoken eval recording, against how many its script has.

The eval corpus's recordings (``tests/eval``) are conversations of two or three espeak-ng voices that differ
by variant and pitch; ``bench.diarization`` measures attribution on its own synthetic conversations. This
reads the transcripts the eval cache holds (transcribing any that are missing, as ``bench.eval`` does).

    python -m bench.eval_speakers --split dev
"""

from __future__ import annotations

import argparse

from tests.eval.corpus import spoken_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", help="eval corpus split (dev or report)")
    args = parser.parse_args()
    exact = total = 0
    for spoken in spoken_corpus(args.split, source="spoken"):
        found = len({segment.speaker for segment in spoken.transcript.segments if segment.speaker})
        voices = len(spoken.recording.speakers)
        exact, total = exact + (found == voices), total + 1
        print(f"{spoken.recording.slug:32} voices {voices}  found {found}")
    print(f"speaker count exact on {exact} of {total}")


if __name__ == "__main__":
    main()
