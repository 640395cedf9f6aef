#!/usr/bin/env python3
"""Baseline for the typst exporters: the Python `typst` package (the real
compiler, `pip install typst`) compiling the same typst projects studyforge
compiles in-process, the way a user would script it.

    cargo run --release -p export-typst --example bench -- --dump /tmp/sf-projects out/*/outline.json
    python3 bench/typst_anchor.py /tmp/sf-projects [--rounds 3]

Each project is a folder with main.typ, map.typ, data.json and params.json (written by
the bench's --dump). Two modes are timed:
  - one process per document: a fresh `python3` imports typst and compiles
    one PDF (start-up and font loading included, as in a shell loop);
  - one process, whole batch: every project compiled once in a single process.
System fonts are ignored so both sides use only the embedded fonts.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMPILE_ONE = (
    "import sys, typst; "
    "typst.compile(sys.argv[1] + '/main.typ', root=sys.argv[1], ignore_system_fonts=True)"
)


def projects(root: Path) -> list[Path]:
    found = sorted(p.parent for p in root.glob("*/*/main.typ"))
    if not found:
        sys.exit(f"typst_anchor: no */*/main.typ under {root} (run the bench with --dump first)")
    return found


def one_process_each(dirs: list[Path], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for d in dirs:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", COMPILE_ONE, str(d)], check=True)
            times.append((time.perf_counter() - start) * 1000)
    return times


def one_process_batch(dirs: list[Path]) -> float:
    """One pass, each document once: typst's memo cache is process-global,
    so compiling the same document again would only measure cache hits."""
    import tempfile

    import typst

    with tempfile.TemporaryDirectory() as tmp:
        # Load the fonts on a throwaway document, as studyforge's first PDF does.
        warm = Path(tmp) / "warm.typ"
        warm.write_text("warm-up")
        typst.compile(str(warm), root=tmp, ignore_system_fonts=True)
    start = time.perf_counter()
    for d in dirs:
        typst.compile(str(d / "main.typ"), root=str(d), ignore_system_fonts=True)
    return (time.perf_counter() - start) * 1000 / len(dirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    dirs = projects(args.projects)
    each = one_process_each(dirs, args.rounds)
    print(f"{len(dirs)} documents x {args.rounds} rounds")
    print(
        f"one process per document: median {statistics.median(each):.1f} ms, "
        f"min {min(each):.1f}, max {max(each):.1f} ms per PDF"
    )
    print(f"one process, whole batch (each document once): {one_process_batch(dirs):.1f} ms per PDF")


if __name__ == "__main__":
    main()
