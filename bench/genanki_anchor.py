#!/usr/bin/env python3
"""genanki building the same 10,000 notes as `cargo bench -p export-anki --bench apkg`.

    python3 bench/genanki_anchor.py [OUT.apkg]     # pip install genanki

Same note texts, the same four fields per note type, 20 subdecks, GUIDs
given (not hashed from fields). Prints the time genanki takes to build and
write the package (after imports); time the whole process with `time` or
hyperfine to include Python's start-up, as a user running it would see.
"""

import sys
import tempfile
import time
from pathlib import Path

import genanki

NOTES = 10_000
SECTIONS = 20

CSS = ".card { font-family: sans-serif; font-size: 20px; }"
BASIC = genanki.Model(
    1730200001, "studyforge Basic",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Context"}, {"name": "Source"}],
    templates=[{
        "name": "Card 1",
        "qfmt": '<div class="sf-context">{{Context}}</div>{{Front}}',
        "afmt": '{{Front}}<hr id="answer">{{Back}}<div class="sf-source">{{Source}}</div>',
    }],
    css=CSS,
)
CLOZE = genanki.Model(
    1730200002, "studyforge Cloze",
    fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Context"}, {"name": "Source"}],
    templates=[{
        "name": "Cloze",
        "qfmt": '<div class="sf-context">{{Context}}</div>{{cloze:Text}}',
        "afmt": '{{cloze:Text}}<br>{{Back Extra}}<div class="sf-source">{{Source}}</div>',
    }],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def note(i):
    section = f"Sección {i % SECTIONS}"
    source = f"bench/synthetic.md:{i + 1}"
    if i % 5 == 4:
        text = f"El {{{{c1::concepto {i}}}}} se define como una idea breve que el estudiante debe recordar sin ayuda."
        fields, model = [text, "", section, source], CLOZE
    else:
        back = f"Explicación del concepto {i}: una frase de unas quince palabras, como las respuestas reales."
        fields, model = [f"¿Qué es el concepto número {i}?", back, section, source], BASIC
    tags = [f"benchmark::seccion-{i % SECTIONS}", "studyforge::cloze" if model is CLOZE else "studyforge::basic"]
    return section, genanki.Note(model=model, fields=fields, tags=tags, guid=genanki.guid_for("bench", i))


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "genanki-bench.apkg"
    start = time.perf_counter()
    decks = {}
    for i in range(NOTES):
        section, n = note(i)
        if section not in decks:
            decks[section] = genanki.Deck(1 << 30 | len(decks), f"Benchmark::{section}")
        decks[section].add_note(n)
    genanki.Package(list(decks.values())).write_to_file(str(out), timestamp=1_800_000_000)
    elapsed = time.perf_counter() - start
    print(f"genanki: {NOTES} notes in {elapsed * 1000:.1f} ms (after imports); wrote {out}")


if __name__ == "__main__":
    main()
