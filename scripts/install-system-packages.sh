#!/usr/bin/env bash
# Installs the Debian packages Recast needs, only when one is missing.
# ffmpeg decodes audio; espeak-ng and sox synthesize test speech, festival and its three English voices the
# diarization bench's voices from recorded people; docker-compose validates the compose file; pango and
# harfbuzz let WeasyPrint print lead magnets to PDF.
set -euo pipefail
missing=()
for tool in ffmpeg:ffmpeg ffprobe:ffmpeg espeak-ng:espeak-ng sox:sox text2wave:festival docker-compose:docker-compose; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
# Packages, not commands: the libraries WeasyPrint needs, and festival's voices.
for library in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
  festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts; do
  dpkg-query -W -f='${Status}' "$library" 2>/dev/null | grep -q "ok installed" || missing+=("$library")
done
[ ${#missing[@]} -eq 0 ] && exit 0
readarray -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${packages[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
