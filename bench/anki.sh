#!/usr/bin/env bash
# Anki benchmark: studyforge's exporter writing a 10,000-note deck (in
# process, several runs, then one whole process), next to genanki building
# the same notes (pip install genanki). Run from the repository root.
#
#   bench/anki.sh
set -euo pipefail

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo bench -q -p export-anki --bench apkg --no-run 2>/dev/null
bin=$(cargo bench -q -p export-anki --bench apkg --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("executable") and m["target"]["name"] == "apkg"][0])')
"$bin" --runs 21 --out "$tmp/studyforge"
for _ in 1 2 3; do /usr/bin/time -f "studyforge whole process: %e s wall, %U s user" "$bin" --runs 1 >/dev/null; done
python3 bench/genanki_anchor.py "$tmp/genanki.apkg" >/dev/null  # warm Python's caches once
for _ in 1 2 3; do
  /usr/bin/time -f "genanki whole process: %e s wall, %U s user" python3 bench/genanki_anchor.py "$tmp/genanki.apkg"
done
