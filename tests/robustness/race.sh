#!/usr/bin/env bash
# Two builds started together on one project must end as one build would:
# the second waits for the first (the writer lock), so studyforge.lock holds
# every note of both and out/ holds the same bytes as a single build.
#
#   tests/robustness/race.sh STUDYFORGE
#
# Cheap formats (json, anki): the test is about the manifest and the lock.
set -euo pipefail
studyforge=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
gen=$here/../../bench/gen_notes.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
unset CI

python3 "$gen" "$tmp/all" 40 >/dev/null
mkdir -p "$tmp/one/notes/a" "$tmp/one/notes/b"
mv "$tmp/all"/note_000[0-1]*.txt "$tmp/one/notes/a/"
mv "$tmp/all"/*.txt "$tmp/one/notes/b/"
cp -r "$tmp/one" "$tmp/two"
cp -r "$tmp/one" "$tmp/same"

formats=(--format json,anki --jobs 1 -q)
# The reference: one build over both halves.
(cd "$tmp/one" && "$studyforge" build notes/a notes/b "${formats[@]}")

same_as_one() {
    local project=$1
    cmp -s "$tmp/one/studyforge.lock" "$project/studyforge.lock" \
        || { echo "race: $project/studyforge.lock differs from one build's (notes lost?)"; exit 1; }
    diff -r -x .studyforge-manifest.json -x .studyforge-writer "$tmp/one/out" "$project/out" >/dev/null \
        || { echo "race: $project/out differs from one build's"; diff -rq -x .studyforge-writer "$tmp/one/out" "$project/out" | head; exit 1; }
}

# Two builds of different halves into the same out/ and lock, together.
(cd "$tmp/two" && { "$studyforge" build notes/a "${formats[@]}" 2>"$tmp/a.err" & a=$!
                    "$studyforge" build notes/b "${formats[@]}" 2>"$tmp/b.err" & b=$!
                    wait $a && wait $b; }) || { echo "race: a build failed"; cat "$tmp/a.err" "$tmp/b.err"; exit 1; }
grep -h "waiting for" "$tmp/a.err" "$tmp/b.err" || true
python3 - "$tmp/one/studyforge.lock" <<'PY'
import json, sys
notes = json.load(open(sys.argv[1]))["notes"]
documents = {n["document"] for n in notes.values()}
assert len(documents) == 40, f"the reference lock covers {len(documents)} documents, not 40"
print(f"race: the lock holds {len(notes)} notes of {len(documents)} documents")
PY
same_as_one "$tmp/two"

# Two builds of the same sources together: the second finds nothing to do.
(cd "$tmp/same" && { "$studyforge" build notes/a notes/b "${formats[@]}" & a=$!
                     "$studyforge" build notes/a notes/b "${formats[@]}" & b=$!
                     wait $a && wait $b; })
same_as_one "$tmp/same"
echo "race: two builds at once end exactly as one build"
