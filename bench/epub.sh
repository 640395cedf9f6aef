#!/usr/bin/env bash
# EPUB benchmark end to end: outlines of the sources (default: the five
# seeds), studyforge's EPUB exporter on all of them in one process, then the
# pandoc anchor on the same documents. Run from the repository root.
#
#   bench/epub.sh [SOURCE...]
set -euo pipefail

sources=("$@")
[ ${#sources[@]} -gt 0 ] || sources=(../shared/seeds/*)
# Outlines are made before any clock starts, so a dev build of the CLI will do.
cargo build -q -p cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/debug/studyforge build "${sources[@]}" --out "$tmp" --format json >/dev/null
cargo bench -q -p export-epub --bench epub -- "$tmp"
STUDYFORGE=target/debug/studyforge bench/pandoc_anchor.sh "${sources[@]}"
