# Common tasks. `just --list` shows them; each is one plain command, so
# nothing here is needed to work on studyforge.

# Build the sample notes in sources/ into every format under out/.
build:
    cargo run --release -- build

# The test suite (what CI runs first).
test:
    cargo test --workspace

# Everything CI runs: tests plus the outside conformance checkers.
ci:
    bash .ci/run

# Explain how a source was read.
check file:
    cargo run -- check {{file}}

# Ingest throughput benchmark.
bench-ingest:
    cargo bench -p ingest --bench throughput

# Fuzz the readers (needs `cargo install cargo-fuzz`).
fuzz seconds="300":
    cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run ingest -- -max_total_time={{seconds}}

# Fuzz every exporter with arbitrary models (one job, niced).
fuzz-exporters seconds="300":
    cd fuzz && RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz run exporters -- -max_total_time={{seconds}} -timeout=10

# Many executions of the exporters target: no sanitizer and no comparison
# tracing (dropping the tracing alone took one job from 175 to 291 inputs a
# second), one job per core; each job stops after `runs` inputs.
fuzz-exporters-volume runs="500000":
    cd fuzz && RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz run -s none --no-trace-compares exporters -- -jobs=2 -workers=2 -runs={{runs}} -timeout=10 -print_final_stats=1

# Fuzz the typst PDFs with arbitrary models (slow: typst per input).
fuzz-pdf seconds="300":
    cd fuzz && RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz run pdf --features pdf -- -max_total_time={{seconds}} -timeout=30
