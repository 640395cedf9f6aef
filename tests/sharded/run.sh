#!/usr/bin/env bash
# The steps of docs/ci-sharded-build.yml on one machine, checked against
# one unsharded build: three shard jobs and the merge job each get a fresh
# copy of the project (a checkout of one commit), shard outputs travel as
# the workflow's artifacts do, and the merged output must be byte for byte
# the unsharded `build --combined` output (the manifest aside) and the
# merged studyforge.lock the unsharded build's lock.
#
#   tests/sharded/run.sh STUDYFORGE PROJECT WORK [FORMATS]
#
# PROJECT holds sources/ and, when there is one, studyforge.lock. WORK is
# emptied first; the merge job's copy is left in WORK/merge (its lock is
# what the workflow commits back). FORMATS (comma-separated) limits the
# formats, as `--format` does.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 STUDYFORGE PROJECT WORK [FORMATS]" >&2; exit 2; }
studyforge=$(realpath "$1")
project=$(realpath "$2")
rm -rf "$3" && mkdir -p "$3"
work=$(realpath "$3")
formats=()
[ -n "${4:-}" ] && formats=(--format "$4")
# The workflow uses the commit's time; any fixed time serves here.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"

checkout() { mkdir -p "$1" && cp -r "$project"/. "$1"/; }

# What one machine would write.
checkout "$work/one"
(cd "$work/one" && "$studyforge" build sources --out out --combined -q "${formats[@]}")

# Job `shard`, three times.
mkdir -p "$work/shards"
for k in 1 2 3; do
  checkout "$work/shard-$k"
  (
    cd "$work/shard-$k"
    "$studyforge" build sources --out out --combined --shard "$k/3" -q "${formats[@]}"
    if [ -f studyforge.lock ]; then cp studyforge.lock out/studyforge.lock; fi
  )
  cp -r "$work/shard-$k/out" "$work/shards/shard-$k" # upload-artifact, download-artifact
done

# Job `merge`.
checkout "$work/merge"
(cd "$work/merge" && "$studyforge" merge ../shards/shard-1 ../shards/shard-2 ../shards/shard-3 --out out)

if ! diff -r -x .studyforge-manifest.json -x .studyforge-writer "$work/one/out" "$work/merge/out" >"$work/out.diff"; then
  echo "merged output differs from one build's:" >&2
  cat "$work/out.diff" >&2
  exit 1
fi
if [ -f "$work/one/studyforge.lock" ] || [ -f "$work/merge/studyforge.lock" ]; then
  cmp "$work/one/studyforge.lock" "$work/merge/studyforge.lock" \
    || { echo "merged studyforge.lock differs from one build's" >&2; exit 1; }
fi
echo "sharded build: $(find "$work/merge/out" -type f | wc -l) files and studyforge.lock equal one build's"
