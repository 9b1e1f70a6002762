#!/usr/bin/env bash
# Rebuilds the bundled sample recording from its script with espeak-ng and ffmpeg.
# The committed mp3 is what the demo and tests use; this documents how it was made.
# Each line of sample-webinar.txt is "Speaker: words"; each speaker has an espeak-ng voice that
# the transcriber's speaker encoder tells apart from the other (bench/conversations.py lists
# which variants it can and cannot separate). Lines are joined with 0.7 s of silence.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A voice=(
  [Host]="-v en+f2 -p 55 -s 135 -g 6"
  [Guest]="-v en-us+m1 -p 25 -s 135 -g 6"
)
ffmpeg -nostdin -loglevel error -f lavfi -i anullsrc=r=22050:cl=mono -t 0.7 "$work/pause.wav"
n=0
while IFS= read -r line; do
  speaker=${line%%:*}
  text=${line#*: }
  n=$((n + 1))
  # shellcheck disable=SC2086  # the voice options are meant to split into words
  espeak-ng ${voice[$speaker]} -w "$work/raw-$n.wav" "$text"
  ffmpeg -nostdin -loglevel error -i "$work/raw-$n.wav" -ar 22050 -ac 1 "$work/line-$n.wav"
  printf "file '%s'\nfile '%s'\n" "$work/line-$n.wav" "$work/pause.wav" >> "$work/list.txt"
done < sample-webinar.txt
ffmpeg -nostdin -loglevel error -y -f concat -safe 0 -i "$work/list.txt" -ac 1 -ar 22050 -b:a 48k sample-webinar.mp3
