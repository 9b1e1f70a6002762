#!/usr/bin/env bash
# Rebuilds the bundled sample recording from its script with espeak-ng and ffmpeg.
# The committed mp3 is what the demo and tests use; this documents how it was made.
set -euo pipefail
cd "$(dirname "$0")"
espeak-ng -v en-us -s 150 -w /tmp/recast-sample.wav -f sample-webinar.txt
ffmpeg -loglevel error -y -i /tmp/recast-sample.wav -ac 1 -ar 22050 -b:a 48k sample-webinar.mp3
rm -f /tmp/recast-sample.wav
