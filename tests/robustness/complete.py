#!/usr/bin/env python3
"""Is every file a build left in a folder whole? A checker per kind of file.

    complete.py OUT_DIR [--lock studyforge.lock] [--no-temporaries]

A file cut short or half-written fails its kind's check: JSON parses; a PDF
has its header, a cross-reference offset that points at a cross-reference,
and `%%EOF` at the end; an .apkg is a sound zip whose collection opens in
SQLite and passes `PRAGMA integrity_check`; an EPUB is a sound zip with its
`mimetype` first and every XHTML/OPF/NCX entry well-formed XML; text formats
decode as UTF-8. Temporary files (`.studyforge-*.tmp`) are what a killed
build may leave before a rename; they are counted, and with
--no-temporaries any of them is a failure (the next build must clean them).
Exits 1 with one line per failure.
"""

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path


def check_json(data: bytes) -> None:
    json.loads(data.decode("utf-8"))


def check_text(data: bytes) -> None:
    data.decode("utf-8")
    if not data.strip():
        raise ValueError("empty")


def check_xml(data: bytes) -> None:
    ET.fromstring(data)


def check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise ValueError("no %PDF- header")
    if not data.rstrip().endswith(b"%%EOF"):
        raise ValueError("no %%EOF at the end")
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-64:])
    if not found:
        raise ValueError("no startxref before %%EOF")
    offset = int(found.group(1))
    # A classic table starts with "xref", a stream with "N 0 obj".
    if not re.match(rb"xref|\d+\s+\d+\s+obj", data[offset : offset + 32]):
        raise ValueError(f"startxref {offset} points at no cross-reference")


def check_zip(data: bytes, path: Path) -> zipfile.ZipFile:
    z = zipfile.ZipFile(path)
    bad = z.testzip()
    if bad is not None:
        raise ValueError(f"zip entry {bad} is corrupt")
    return z


def check_apkg(data: bytes, path: Path) -> None:
    z = check_zip(data, path)
    name = next((n for n in ("collection.anki21", "collection.anki2") if n in z.namelist()), None)
    if name is None:
        raise ValueError("no collection in the package")
    with tempfile.NamedTemporaryFile(suffix=".anki2") as tmp:
        tmp.write(z.read(name))
        tmp.flush()
        db = sqlite3.connect(f"file:{tmp.name}?mode=ro", uri=True)
        try:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ValueError("collection fails integrity_check")
            db.execute("SELECT count(*) FROM notes").fetchone()
        finally:
            db.close()


def check_epub(data: bytes, path: Path) -> None:
    z = check_zip(data, path)
    names = z.namelist()
    if not names or names[0] != "mimetype" or z.read("mimetype") != b"application/epub+zip":
        raise ValueError("mimetype is not the first entry")
    for name in names:
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            ET.fromstring(z.read(name))


CHECKS = {
    ".json": check_json,
    ".md": check_text,
    ".tsv": check_text,
    ".html": check_text,
    ".svg": check_xml,
    ".pdf": check_pdf,
}
ZIPS = {".apkg": check_apkg, ".epub": check_epub}


def is_temporary(path: Path) -> bool:
    return path.name.startswith(".studyforge-") and path.name.endswith(".tmp")


def check_file(path: Path) -> str | None:
    """A failure message, or None when the file is whole."""
    data = path.read_bytes()
    try:
        if path.suffix in ZIPS:
            ZIPS[path.suffix](data, path)
        elif path.suffix in CHECKS:
            CHECKS[path.suffix](data)
        elif path.name == ".studyforge-writer":
            pass  # the writer lock's guard: a pid, rewritten in place
        else:
            return f"{path}: no checker for this kind of file"
    except Exception as e:  # any failure to parse is a torn file
        return f"{path}: {type(e).__name__}: {e}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lock", type=Path, help="a studyforge.lock that must parse (if present)")
    parser.add_argument("--no-temporaries", action="store_true")
    args = parser.parse_args()
    failures, files, temporaries = [], 0, 0
    for path in sorted(p for p in args.out.rglob("*") if p.is_file()):
        if is_temporary(path):
            temporaries += 1
            if args.no_temporaries:
                failures.append(f"{path}: temporary file left behind")
            continue
        files += 1
        if (failure := check_file(path)) is not None:
            failures.append(failure)
    if args.lock is not None and args.lock.exists():
        try:
            check_json(args.lock.read_bytes())
        except Exception as e:
            failures.append(f"{args.lock}: {e}")
    for failure in failures:
        print(failure)
    print(f"{files} files whole, {temporaries} temporaries, {len(failures)} failures", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
