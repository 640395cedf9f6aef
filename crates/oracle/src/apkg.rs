//! An `.apkg` as Anki's importer needs it: a zip with `collection.anki2`,
//! an SQLite database that passes its integrity check, one `col` row whose
//! note types and decks parse, and notes and cards that hold together:
//! every note of a known note type with as many fields as it declares, a
//! unique GUID and at least one card; every card of a known note and deck.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use rusqlite::{Connection, MAIN_DB};
use serde_json::Value;

pub fn check(bytes: &[u8]) -> Result<(), String> {
    let db = open_collection(bytes)?;
    let sql = |e: rusqlite::Error| e.to_string();
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(sql)?;
    if integrity != "ok" {
        return Err(format!("integrity check: {integrity}"));
    }
    let rows: i64 = db.query_row("SELECT count(*) FROM col", [], |r| r.get(0)).map_err(sql)?;
    if rows != 1 {
        return Err(format!("col has {rows} rows"));
    }
    let (models, decks): (String, String) =
        db.query_row("SELECT models, decks FROM col", [], |r| Ok((r.get(0)?, r.get(1)?))).map_err(sql)?;
    let field_counts = note_types(&models)?;
    let deck_ids = deck_ids(&decks)?;
    let notes = check_notes(&db, &field_counts)?;
    check_cards(&db, &notes, &deck_ids)
}

fn open_collection(bytes: &[u8]) -> Result<Connection, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut entry = zip.by_name("collection.anki2").map_err(|e| format!("collection.anki2: {e}"))?;
    let mut data = Vec::new();
    entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
    let mut db = Connection::open_in_memory().map_err(|e| e.to_string())?;
    db.deserialize_read_exact(MAIN_DB, data.as_slice(), data.len(), true)
        .map_err(|e| format!("collection.anki2 is not SQLite: {e}"))?;
    Ok(db)
}

/// Note type id → number of fields.
fn note_types(models: &str) -> Result<BTreeMap<i64, usize>, String> {
    let models: BTreeMap<String, Value> = serde_json::from_str(models).map_err(|e| format!("col.models: {e}"))?;
    models
        .iter()
        .map(|(id, m)| {
            let id: i64 = id.parse().map_err(|_| format!("note type id {id:?}"))?;
            let fields = m["flds"].as_array().ok_or(format!("note type {id} has no fields"))?;
            Ok((id, fields.len()))
        })
        .collect()
}

fn deck_ids(decks: &str) -> Result<BTreeSet<i64>, String> {
    let decks: BTreeMap<String, Value> = serde_json::from_str(decks).map_err(|e| format!("col.decks: {e}"))?;
    decks.keys().map(|id| id.parse().map_err(|_| format!("deck id {id:?}"))).collect()
}

/// Every note's id, after checking its type, fields and GUID.
fn check_notes(db: &Connection, field_counts: &BTreeMap<i64, usize>) -> Result<BTreeSet<i64>, String> {
    let mut stmt = db.prepare("SELECT id, guid, mid, flds FROM notes").map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?)))
        .map_err(|e| e.to_string())?;
    let mut ids = BTreeSet::new();
    let mut guids = BTreeSet::new();
    for row in rows {
        let (id, guid, mid, fields) = row.map_err(|e| e.to_string())?;
        let expected = field_counts.get(&mid).ok_or(format!("note {id}: unknown note type {mid}"))?;
        let found = fields.split(export_anki::FIELD_SEPARATOR).count();
        if found != *expected {
            return Err(format!("note {id}: {found} fields, its note type has {expected}"));
        }
        if guid.is_empty() || !guids.insert(guid.clone()) {
            return Err(format!("note {id}: GUID {guid:?} empty or repeated"));
        }
        ids.insert(id);
    }
    Ok(ids)
}

fn check_cards(db: &Connection, notes: &BTreeSet<i64>, decks: &BTreeSet<i64>) -> Result<(), String> {
    let mut stmt = db.prepare("SELECT id, nid, did FROM cards").map_err(|e| e.to_string())?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))).map_err(|e| e.to_string())?;
    let mut with_cards = BTreeSet::new();
    for row in rows {
        let (id, note, deck) = row.map_err(|e| e.to_string())?;
        if !notes.contains(&note) {
            return Err(format!("card {id}: no note {note}"));
        }
        if !decks.contains(&deck) {
            return Err(format!("card {id}: no deck {deck}"));
        }
        with_cards.insert(note);
    }
    match notes.difference(&with_cards).next() {
        Some(note) => Err(format!("note {note} has no card")),
        None => Ok(()),
    }
}
