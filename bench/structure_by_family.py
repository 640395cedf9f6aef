#!/usr/bin/env python3
"""Structure scores of the labelled corpus by family of page.

Usage: python3 bench/structure_by_family.py [PARSE_COMMAND]

Runs ../shared/corpus/score.py with PARSE_COMMAND (default: the ingest
example, `target/release/examples/parse {file}`) and prints, per family of
page, the hits over labels of every metric. Families are named by the
corpus file prefixes (A: Coggle pages of sentences under topics, B: other
Coggle maps, C/E: blogs and class-notes sites, D: outlines and viewer
text; see docs/structure.md).
"""
import json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "..", "shared", "corpus", "score.py")
FAMILIES = [
    ("Coggle, sentences under topics", ["A01", "A04", "A05", "A06"]),
    ("Coggle, other maps", ["A08", "B01", "B03", "B05", "B06", "B08"]),
    ("blogs and class-notes sites", ["C03", "C04", "C05", "C06", "C07", "E04", "E05", "E06"]),
    ("outlines and viewer text", ["D02", "D04", "D05", "D06", "D07", "E01", "E03"]),
]
METRICS = ["noise", "headings", "items", "paragraphs", "joins", "parents"]


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/examples/parse") + " {file}"
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "rows.json")
        subprocess.run([sys.executable, SCORER, "--cmd", cmd, "--set", "corpus", "--json-out", out],
                       check=True, stdout=subprocess.DEVNULL)
        rows = json.load(open(out))["rows"]
    print("| family | files | titles | " + " | ".join(METRICS) + " |")
    print("|---|---|---|" + "---|" * len(METRICS))
    for name, prefixes in FAMILIES:
        fam = [r for r in rows if r["name"][:3] in prefixes]
        cells = []
        for m in METRICS:
            hits, total = sum(r[m][0] for r in fam), sum(r[m][1] for r in fam)
            cells.append("%d/%d" % (hits, total) if total else "-")
        titles = "%d/%d" % (sum(r["title_ok"] for r in fam), len(fam))
        print("| %s | %d | %s | %s |" % (name, len(fam), titles, " | ".join(cells)))


if __name__ == "__main__":
    main()
