#!/usr/bin/env bash
# Batch-build benchmark: `studyforge build` over the five seeds and over
# generated notes, every built-in format, next to the anchors (pandoc EPUB,
# the Python typst package, genanki). Prints a Markdown table at the end.
# Run from the repository root; needs hyperfine, pandoc, python3 with
# `typst` and `genanki` (pip), and GNU time at /usr/bin/time.
#
#   bench/batch.sh                 # N=1000, growth check at 2N
#   N=200 RUNS=2 bench/batch.sh    # a quicker pass
#   N=10000 RUNS=1 ANCHORS=0 bench/batch.sh
#                                  # scale: 10,000 documents against 1,000
#
# From N=10000 on, (d) is the growth base N/10 instead of 2N, and the
# last line is time(N) / time(N/10) (the target: at most 10.5, peak memory
# under 512 MiB). With RUNS=1 a build runs once, under /usr/bin/time -v
# only, which gives both its time and its peak memory. ANCHORS=0 skips the
# pandoc, typst-py and genanki anchors (and their tools).
#
# Builds run in an empty working folder, so no studyforge.toml or template
# plugins from the repository join in: the formats are the built-in six.
# Anchors are per-document costs, measured on a sample of SAMPLE generated
# documents and scaled to N (labelled as such in the table).
set -euo pipefail

n=${N:-1000}
if [ "$n" -ge 10000 ]; then growth_n=$((n / 10)); else growth_n=$((2 * n)); fi
anchors=${ANCHORS:-1}
runs=${RUNS:-3}
sample=${SAMPLE:-50}
jobs=${JOBS:-2}
seeds=$(realpath "${SEEDS:-../shared/seeds}")
repo=$(pwd)

tools=(hyperfine /usr/bin/time)
[ "$anchors" = 1 ] && tools+=(pandoc)
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null || { echo "batch.sh: $tool not installed" >&2; exit 2; }
done

cargo build -q --release -p cli
[ "$anchors" = 1 ] && cargo build -q --release -p export-typst --example bench
bin=$repo/target/release/studyforge
typst_dump=$repo/target/release/examples/bench

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cwd"
results=$tmp/results.tsv
: >"$results"

python3 bench/gen_notes.py "$tmp/notes-$n" "$n"
python3 bench/gen_notes.py "$tmp/notes-$growth_n" "$growth_n"

# row LABEL MEAN_S PEAK_KIB: one line of the final table.
row() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; }

# Mean seconds of a hyperfine JSON export.
mean_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }

# Peak resident memory (KiB) of one run of the command.
peak_of() {
    /usr/bin/time -v "$@" 2>"$tmp/time.txt" >/dev/null
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt"
}

# Wall-clock seconds of the run peak_of last measured.
elapsed_of() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$tmp/time.txt"
}

# measure LABEL HYPERFINE_ARGS... -- COMMAND: time with hyperfine, then one
# more run under /usr/bin/time for the peak memory. With `--runs 1`, that
# one run under /usr/bin/time gives both (after the --prepare command).
measure() {
    local label=$1 args=() cmd prepare=""
    shift
    while [ "$1" != "--" ]; do
        [ "$1" = "--prepare" ] && prepare=$2
        args+=("$1"); shift
    done
    shift
    cmd=$*
    local peak
    if [[ " ${args[*]} " == *" --runs 1 "* ]]; then
        [ -n "$prepare" ] && (cd "$tmp/cwd" && eval "$prepare")
        peak=$(cd "$tmp/cwd" && peak_of "$@")
        row "$label" "$(elapsed_of)" "$peak"
        return
    fi
    (cd "$tmp/cwd" && hyperfine -N --style basic "${args[@]}" --export-json "$tmp/h.json" "$cmd" >&2)
    peak=$(cd "$tmp/cwd" && peak_of "$@")
    row "$label" "$(mean_of "$tmp/h.json")" "$peak"
}

out=$tmp/out
# (a) the seeds, cold: a fresh output folder every run.
measure "(a) 5 seeds, every format, cold" --warmup 1 --runs 5 --prepare "rm -rf $out" -- \
    "$bin" build "$seeds" --out "$out" --force -q
# (b) N documents, cold, two jobs.
measure "(b) $n docs, every format, --jobs $jobs" --runs "$runs" --prepare "rm -rf $out" -- \
    "$bin" build "$tmp/notes-$n" --out "$out" --jobs "$jobs" --force -q
# (c) no-op rebuild of the same N: the output of (b)'s last run is in place.
# In the empty working folder like every measured run: from the repository,
# its template plugins would join in and render N documents more.
(cd "$tmp/cwd" && "$bin" build "$tmp/notes-$n" --out "$out" --jobs "$jobs" -q)
measure "(c) $n docs, no-op rebuild" --warmup 2 --runs 10 -- \
    "$bin" build "$tmp/notes-$n" --out "$out" --jobs "$jobs" -q
# (d) growth: twice as many documents (or, from 10,000 on, a tenth).
measure "(d) $growth_n docs, every format, --jobs $jobs" --runs "$(( runs > 2 ? 2 : runs ))" --prepare "rm -rf $out" -- \
    "$bin" build "$tmp/notes-$growth_n" --out "$out" --jobs "$jobs" --force -q

if [ "$anchors" != 1 ]; then
    python3 - "$results" "$n" "$growth_n" <<'EOF'
import sys
results, n, growth_n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [line.rstrip("\n").split("\t") for line in open(results)]
print("| run | time | peak memory |")
print("|---|---:|---:|")
for label, mean, peak in rows:
    print(f"| {label} | {float(mean):.3f} s | {int(peak) / 1024:.0f} MiB |")
b, d = float(rows[1][1]), float(rows[3][1])
big, small = (b, d) if n > growth_n else (d, b)
print(f"\ntime({max(n, growth_n)}) / time({min(n, growth_n)}) = {big / small:.2f} for {max(n, growth_n) // min(n, growth_n)}x the documents")
EOF
    exit 0
fi

# Anchors, on the first SAMPLE generated documents.
mkdir "$tmp/sample"
# A glob, not `ls | head`: head closing the pipe early kills ls with
# SIGPIPE, which pipefail turns into a silent exit of the whole script.
notes=("$tmp/notes-$n"/*)
cp "${notes[@]:0:$sample}" "$tmp/sample/"
pandoc_ms=$(STUDYFORGE=$bin ROUNDS=1 bench/pandoc_anchor.sh "$tmp/sample"/* | sed -n 's/.*: \([0-9.]*\) ms per document/\1/p')
"$bin" build "$tmp/sample" --out "$tmp/sample-out" --format json -q
"$typst_dump" --rounds 1 --dump "$tmp/typst" "$tmp/sample-out"/*/outline.json >/dev/null
typst_ms=$(python3 -c '
import sys; sys.path.insert(0, "bench")
from pathlib import Path
import typst_anchor
print(typst_anchor.one_process_batch(typst_anchor.projects(Path(sys.argv[1]))))' "$tmp/typst")
pdfs=$(find "$tmp/typst" -name main.typ | wc -l)
genanki_s=$( { /usr/bin/time -f '%e' python3 bench/genanki_anchor.py "$tmp/genanki.apkg" >/dev/null; } 2>&1 | tail -1)

python3 - "$results" "$n" "$sample" "$pandoc_ms" "$typst_ms" "$pdfs" "$genanki_s" <<'EOF'
import sys
results, n, sample, pandoc_ms, typst_ms, pdfs, genanki_s = sys.argv[1:]
n, sample, pdfs = int(n), int(sample), int(pdfs)
rows = [line.rstrip("\n").split("\t") for line in open(results)]
print("| run | mean time | peak memory |")
print("|---|---:|---:|")
for label, mean, peak in rows:
    print(f"| {label} | {float(mean):.3f} s | {int(peak) / 1024:.0f} MiB |")
pandoc = float(pandoc_ms) * n / 1000
typst = float(typst_ms) * (pdfs / sample) * n / 1000
genanki = float(genanki_s)
print(f"| anchor: pandoc EPUB, {pandoc_ms} ms/doc x {n} (sampled on {sample}) | {pandoc:.1f} s | |")
print(f"| anchor: typst-py guide + cheat sheet, {float(typst_ms):.1f} ms/PDF x {pdfs // sample} x {n} (one process, sampled) | {typst:.1f} s | |")
print(f"| anchor: genanki, 10,000 notes in one package (whole process) | {genanki:.1f} s | |")
total = pandoc + typst + genanki
b = float(rows[1][1])
print(f"| anchors' sum | {total:.1f} s | |")
print(f"\n(b) vs anchors: {total / b:.1f}x faster; (d)/(b) = {float(rows[3][1]) / b:.2f}")
EOF
