#!/usr/bin/env python3
"""Check studyforge's Anki packages with Anki's own library (`pip install anki`).

Usage:
    check_anki.py OUT_DIR [--changed-pair A.apkg B.apkg]

For every OUT_DIR/*/deck.apkg (next to its deck.items.json sidecar):
  * it imports into a fresh collection with Anki's current importer
    (the defaults a user gets: update notes and note types if newer);
  * the number of notes and cards equals what the sidecar lists, and no
    study item was left out by the exporter's lint (so notes == study items);
  * the note types are the two studyforge ones, with their frozen ids, and
    every deck the sidecar names exists;
  * every card renders a non-empty question and a non-empty answer;
  * importing the same file again adds and updates nothing and forks no
    note type.

--changed-pair A B: A and B are packages built from the same source, B after
changing one paragraph with the lock file kept (`studyforge.lock`).
Importing A then B into a fresh collection must update exactly one note and
add none. A recipe:

    studyforge build SRC --out o1 --format anki && cp o1/*/deck.apkg A.apkg
    (edit one paragraph of SRC)
    studyforge build SRC --out o2 --format anki && cp o2/*/deck.apkg B.apkg

--removed-pair A B: the same, B built after removing a paragraph from the
source (B given where it was built, next to its deck.items.json). Cards of A
are reviewed, then B is imported: no note is added, the notes B's sidecar
marks removed carry the tag studyforge::removed, no other note does, and
the review history and scheduling of every card are kept.

Exits 1 with one line per failure.
"""

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
from anki.scheduler.v3 import CardAnswer

NOTE_TYPES = {"studyforge Basic": 1730200001, "studyforge Cloze": 1730200002}
IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER


class Failures:
    def __init__(self):
        self.lines = []

    def check(self, ok, where, message):
        if not ok:
            self.lines.append(f"{where}: {message}")
        return ok


def fresh_collection(tmp):
    return Collection(str(Path(tmp) / "collection.anki2"))


def import_package(col, path):
    """Import like the desktop importer's defaults; return the import log."""
    options = ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=IF_NEWER,
        update_notetypes=IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )
    request = ImportAnkiPackageRequest(package_path=str(path), options=options)
    return col.import_anki_package(request).log


def log_counts(log):
    return {
        name: len(getattr(log, name))
        for name in ("new", "updated", "duplicate", "conflicting", "first_field_match", "missing_notetype",
                     "missing_deck", "empty_first_field")
    }


def visible_text(html):
    html = re.sub(r"<style.*?</style>", "", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return " ".join(html.split())


def check_package(apkg, failures):
    where = str(apkg)
    sidecar = apkg.with_name("deck.items.json")
    if not failures.check(sidecar.is_file(), where, "no deck.items.json next to the package"):
        return
    report = json.loads(sidecar.read_text(encoding="utf-8"))
    skipped = [f for f in report["findings"] if f["skipped"]]
    failures.check(not skipped, where, f"items left out of the deck by lint: {skipped}")
    failures.check(report["notes"] == len(report["items"]), where, "sidecar note count disagrees with its items")

    with tempfile.TemporaryDirectory() as tmp:
        col = fresh_collection(tmp)
        try:
            first = log_counts(import_package(col, apkg))
            failures.check(first["new"] == report["notes"], where,
                           f"imported {first['new']} new notes, expected {report['notes']} ({first})")
            problems = {k: v for k, v in first.items() if k not in ("new", "updated") and v}
            failures.check(not problems, where, f"importer reported {problems}")
            failures.check(col.note_count() == report["notes"], where,
                           f"collection holds {col.note_count()} notes, expected {report['notes']}")
            failures.check(col.card_count() == report["cards"], where,
                           f"collection holds {col.card_count()} cards, expected {report['cards']}")
            check_note_types(col, report, where, failures)
            check_decks(col, report, where, failures)
            check_cards(col, where, failures)

            types_before = len(col.models.all_names_and_ids())
            again = log_counts(import_package(col, apkg))
            failures.check(again["new"] == 0 and again["updated"] == 0, where,
                           f"importing the same file again changed the collection: {again}")
            failures.check(col.note_count() == report["notes"], where, "re-import changed the note count")
            failures.check(len(col.models.all_names_and_ids()) == types_before, where,
                           "re-import forked a note type")
        finally:
            col.close()


def check_note_types(col, report, where, failures):
    """Anki imports only the note types a package's notes use."""
    used = {"studyforge Cloze" if i["kind"] in ("cloze", "sequence") else "studyforge Basic" for i in report["items"]}
    for name in sorted(used):
        ntid = NOTE_TYPES[name]
        model = col.models.by_name(name)
        if failures.check(model is not None, where, f"note type {name!r} missing"):
            failures.check(model["id"] == ntid, where, f"note type {name!r} has id {model['id']}, expected {ntid}")


def check_decks(col, report, where, failures):
    names = {d.name for d in col.decks.all_names_and_ids()}
    for deck in report["decks"]:
        failures.check(deck in names, where, f"deck {deck!r} missing after import")


def check_cards(col, where, failures):
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        question = visible_text(card.question())
        answer = visible_text(card.answer())
        failures.check(bool(question), where, f"card {cid} renders an empty question")
        failures.check(bool(answer), where, f"card {cid} renders an empty answer")
        if card.note_type()["type"] == 1:
            failures.check("[...]" in question, where, f"cloze card {cid} hides nothing: {question!r}")


def import_pair(a, b, where, failures, between):
    """Import A into a fresh collection, run `between(col)`, import B and
    check it adds no note; then `between`'s result gets B's import counts."""
    with tempfile.TemporaryDirectory() as tmp:
        col = fresh_collection(tmp)
        try:
            first = log_counts(import_package(col, a))
            notes = col.note_count()
            failures.check(first["new"] == notes and notes > 0, where, f"first import: {first}")
            after = between(col)
            second = log_counts(import_package(col, b))
            failures.check(second["new"] == 0, where, f"expected no new notes, got {second}")
            failures.check(col.note_count() == notes, where, "the note count changed")
            after(second)
        finally:
            col.close()


def check_changed_pair(a, b, failures):
    where = f"{a} -> {b}"

    def after(second):
        failures.check(second["updated"] == 1, where, f"expected exactly one updated note, got {second}")

    import_pair(a, b, where, failures, lambda col: after)


REMOVED_TAG = "studyforge::removed"


def review_every_card(col):
    """Answer each card once ("Good"), so there is history to lose."""
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        card.start_timer()
        states = col._backend.get_scheduling_states(card.id)
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD))


def scheduling(col):
    return {cid: (c.ivl, c.due, c.reps) for cid in col.find_cards("") for c in [col.get_card(cid)]}


def check_removed_pair(a, b, failures):
    where = f"{a} -> {b}"
    sidecar = json.loads(b.with_name("deck.items.json").read_text(encoding="utf-8"))
    expected = sorted(i["guid"] for i in sidecar["items"] if i.get("removed"))
    failures.check(bool(expected), where, "B's sidecar marks no note removed")

    def between(col):
        review_every_card(col)
        history = col.db.scalar("select count() from revlog")
        failures.check(history == col.card_count(), where, f"{history} reviews logged for {col.card_count()} cards")
        before = scheduling(col)

        def after(_second):
            tagged = sorted(col.get_note(n).guid for n in col.find_notes(f"tag:{REMOVED_TAG}"))
            failures.check(tagged == expected, where, f"notes tagged removed {tagged}, expected {expected}")
            failures.check(col.db.scalar("select count() from revlog") == history, where, "review history was lost")
            failures.check(scheduling(col) == before, where, "card scheduling changed on import")

        return after

    import_pair(a, b, where, failures, between)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--changed-pair", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument("--removed-pair", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args()

    failures = Failures()
    packages = sorted(args.out_dir.glob("*/deck.apkg"))
    failures.check(bool(packages), str(args.out_dir), "no */deck.apkg found")
    for stray in args.out_dir.rglob("collection.apkg"):
        failures.check(False, str(stray), "a file named collection.apkg replaces a user's collection")
    for apkg in packages:
        check_package(apkg, failures)
    if args.changed_pair:
        check_changed_pair(*args.changed_pair, failures)
    if args.removed_pair:
        check_removed_pair(*args.removed_pair, failures)

    for line in failures.lines:
        print(f"FAIL {line}", file=sys.stderr)
    checked = len(packages) + (1 if args.changed_pair else 0) + (1 if args.removed_pair else 0)
    print(f"check_anki: {checked} checks, {len(failures.lines)} failures")
    return 1 if failures.lines else 0


if __name__ == "__main__":
    sys.exit(main())
