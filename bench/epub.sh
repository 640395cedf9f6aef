#!/usr/bin/env bash
# EPUB benchmark end to end: outlines of the sources (default: the five
# seeds), studyforge's EPUB exporter on all of them in one process, then the
# pandoc anchor on the same documents. Run from the repository root.
#
#   bench/epub.sh [SOURCE...]
set -euo pipefail

sources=("$@")
[ ${#sources[@]} -gt 0 ] || sources=(../shared/seeds/*)
cargo build --release -q -p cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/studyforge build "${sources[@]}" --out "$tmp" --format json >/dev/null
cargo bench -q -p export-epub --bench epub -- "$tmp"
STUDYFORGE=target/release/studyforge bench/pandoc_anchor.sh "${sources[@]}"
