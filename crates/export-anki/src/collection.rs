//! The SQLite collection inside the package: Anki's legacy schema 11.
//!
//! Why this layout: Anki's importer reads three package kinds (rslib
//! `import_export/package/meta.rs`): no `meta` entry plus
//! `collection.anki2` is "Legacy1", a schema-11 collection, which every
//! Anki since 2.0 and AnkiDroid import and upgrade on the fly. genanki
//! writes exactly this (its `apkg_schema.py` tables and `apkg_col.py` col
//! row), so the tables, indexes and `col` JSON below follow genanki 0.13,
//! with the note-type JSON keys rslib `notetype/schema11.rs` requires.
//!
//! Byte-stable output: an in-memory database with a fixed page size,
//! rows appended in key order, indexes built once at the end, then
//! serialized; no timestamps but the ones given, no random ids. Nothing is
//! ever deleted, so there are no free pages and `VACUUM` would only copy
//! the file (it cost a tenth of the write time).

use rusqlite::serialize::{Data, OwnedData};
use rusqlite::{Connection, MAIN_DB, params};
use serde_json::{Map, Value, json};
use sha1::{Digest, Sha1};

use crate::AnkiError;
use crate::deck::{Note, Package};
use crate::html;
use crate::notetype::{BASIC, CLOZE};

const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
";

/// Built after the rows are in: one sort per index instead of a b-tree
/// update per row.
const INDEXES: &str = "
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// Anki's field separator in `notes.flds`.
pub const FIELD_SEPARATOR: char = '\u{1f}';

/// Write the collection and return the database file's bytes.
pub fn write(package: &Package) -> Result<Collection, AnkiError> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch("PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    db.execute_batch(SCHEMA)?;
    let tx = db.transaction()?;
    insert_col(&tx, package)?;
    insert_notes(&tx, &package.notes)?;
    tx.execute_batch(INDEXES)?;
    tx.commit()?;
    // The copy SQLite serializes into is the one the package is zipped
    // from: a combined deck's collection is hundreds of MB, and a further
    // copy into a Vec would hold it three times at once.
    match db.serialize(MAIN_DB)? {
        Data::Owned(bytes) => Ok(Collection::Sqlite(bytes)),
        Data::Shared(bytes) => Ok(Collection::Copied(bytes.to_vec())),
    }
}

/// A serialized collection, in the buffer SQLite made when it could.
pub enum Collection {
    Sqlite(OwnedData),
    Copied(Vec<u8>),
}

impl std::ops::Deref for Collection {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Collection::Sqlite(bytes) => bytes,
            Collection::Copied(bytes) => bytes,
        }
    }
}

fn insert_col(db: &Connection, package: &Package) -> Result<(), AnkiError> {
    let t = package.time;
    db.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![t, t * 1000, conf().to_string(), models().to_string(), decks(package).to_string(), dconf().to_string()],
    )?;
    Ok(())
}

/// Notes in id order (the row ids are hashes, so document order would
/// insert all over the b-tree); cards carry the document order as `due`.
fn insert_notes(db: &Connection, notes: &[Note]) -> Result<(), AnkiError> {
    let mut by_id: Vec<(usize, &Note)> = notes.iter().enumerate().collect();
    by_id.sort_unstable_by_key(|(_, n)| n.id);
    let mut note_row = db.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
    let mut flds = String::new();
    for (_, note) in &by_id {
        flds.clear();
        for (i, field) in note.fields.iter().enumerate() {
            if i > 0 {
                flds.push(FIELD_SEPARATOR);
            }
            flds.push_str(field);
        }
        let sort_field = html::strip(&note.fields[0]);
        let tags = format!(" {} ", note.tags.join(" "));
        note_row.execute(params![
            note.id, note.guid, note.notetype.id, note.modified, tags, flds, sort_field, checksum(&sort_field)
        ])?;
    }
    by_id.sort_unstable_by_key(|(_, n)| n.card_id);
    let mut card_row =
        db.prepare("INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')")?;
    for (position, note) in by_id {
        // New cards are shown in outline order.
        card_row.execute(params![note.card_id, note.id, note.deck_id, note.modified, position as i64 + 1])?;
    }
    Ok(())
}

/// Anki's first-field checksum: the first 4 bytes of the SHA-1 of the
/// HTML-stripped first field as a big-endian u32 (rslib `notes/mod.rs`,
/// `field_checksum`). Anki recomputes it on import; it is correct anyway.
pub fn checksum(stripped_first_field: &str) -> u32 {
    let digest = Sha1::digest(stripped_first_field.as_bytes());
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

fn models() -> Value {
    json!({ BASIC.id.to_string(): BASIC.to_json(), CLOZE.id.to_string(): CLOZE.to_json() })
}

/// Deck JSON: Anki expects the Default deck "1" besides ours.
fn decks(package: &Package) -> Value {
    let mut decks = Map::new();
    decks.insert("1".into(), deck_json(1, "Default", package.time));
    for d in &package.decks {
        decks.insert(d.id.to_string(), deck_json(d.id, &d.name, package.time));
    }
    Value::Object(decks)
}

fn deck_json(id: i64, name: &str, time: i64) -> Value {
    json!({
        "id": id, "name": name, "desc": "", "mod": time, "usn": -1, "conf": 1, "dyn": 0,
        "collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
        "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
    })
}

fn conf() -> Value {
    json!({
        "activeDecks": [1], "addToCur": true, "collapseTime": 1200, "curDeck": 1,
        "curModel": BASIC.id.to_string(), "dueCounts": true, "estTimes": true, "newBury": true,
        "newSpread": 0, "nextPos": 1, "sortBackwards": false, "sortType": "noteFld", "timeLim": 0,
    })
}

/// genanki's default options group, unchanged.
fn dconf() -> Value {
    json!({ "1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "autoplay": true, "maxTaken": 60,
        "replayq": true, "timer": 0,
        "lapse": { "delays": [10], "leechAction": 0, "leechFails": 8, "minInt": 1, "mult": 0 },
        "new": { "bury": true, "delays": [1, 10], "initialFactor": 2500, "ints": [1, 4, 7],
                 "order": 1, "perDay": 20, "separate": true },
        "rev": { "bury": true, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1, "maxIvl": 36500,
                 "minSpace": 1, "perDay": 100 },
    }})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_matches_anki() {
        assert_eq!(checksum("test"), 2_840_236_005);
    }
}
