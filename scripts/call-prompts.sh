#!/usr/bin/env bash
# Regenerates the spoken part of the test call's prompt (lib/sip/call/assets/*.ulaw): 8 kHz
# mono mu-law, synthesised once with espeak-ng and sox (apt-get install espeak-ng sox). The app
# only reads the files: no synthesis and no network at run time.
set -euo pipefail
out="$(dirname "$0")/../lib/sip/call/assets"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
espeak-ng -v en-us -s 150 -w "$tmp/en.wav" "This is a test call from Phone Connection. Please press 1."
espeak-ng -v nl -s 150 -w "$tmp/nl.wav" "Dit is een testgesprek van Phone Connection. Druk op 1."
for l in en nl; do sox "$tmp/$l.wav" -r 8000 -c 1 -t raw -e mu-law "$out/prompt-$l.ulaw"; done
