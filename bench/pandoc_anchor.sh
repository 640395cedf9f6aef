#!/usr/bin/env bash
# The pandoc anchor for the EPUB benchmark: each document's Markdown outline
# (`studyforge parse FILE --md`) converted to EPUB 3 by pandoc, one process
# per document, as a user would script it. Prints the mean wall time per
# document over ROUNDS rounds. Outlines are written before the clock starts.
#
#   bench/pandoc_anchor.sh [SOURCE...]      (default: ../shared/seeds/*)
#   STUDYFORGE=target/debug/studyforge ROUNDS=5 bench/pandoc_anchor.sh
set -euo pipefail

studyforge=${STUDYFORGE:-target/debug/studyforge}
rounds=${ROUNDS:-5}
command -v pandoc >/dev/null || { echo "pandoc_anchor: pandoc not installed" >&2; exit 2; }
[ -x "$studyforge" ] || { echo "pandoc_anchor: $studyforge missing (cargo build -p cli)" >&2; exit 2; }

sources=("$@")
[ ${#sources[@]} -gt 0 ] || sources=(../shared/seeds/*)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Untimed pass: outline each source and pick the reader. An outline whose
# front matter pandoc rejects is read without its metadata block (noted),
# so one bad header does not stop the measurement.
n=0
readers=()
for src in "${sources[@]}"; do
    n=$((n + 1))
    "$studyforge" parse "$src" --md >"$tmp/$n.md"
    if pandoc --quiet -f markdown -t epub3 -o "$tmp/$n.epub" "$tmp/$n.md" 2>/dev/null; then
        readers+=(markdown)
    else
        echo "pandoc_anchor: $src: front matter rejected, read without it" >&2
        readers+=(markdown-yaml_metadata_block)
    fi
done

start=$(date +%s%N)
for _ in $(seq "$rounds"); do
    for i in $(seq "$n"); do
        SOURCE_DATE_EPOCH=0 pandoc --quiet -f "${readers[$((i - 1))]}" -t epub3 -o "$tmp/$i.epub" "$tmp/$i.md"
    done
done
end=$(date +%s%N)

awk -v ns=$((end - start)) -v docs=$((n * rounds)) -v n="$n" -v r="$rounds" -v pv="$(pandoc --version | head -1)" \
    'BEGIN { printf "pandoc anchor (%s): %d documents x %d rounds: %.1f ms per document\n", pv, n, r, ns / docs / 1e6 }'
