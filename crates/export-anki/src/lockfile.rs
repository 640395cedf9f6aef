//! `studyforge.lock`: what earlier builds decided, so later builds agree.
//!
//! Anki matches notes by GUID and, by default, only takes an incoming note
//! when its modification time is newer than the one it has (rslib
//! `import_export/package/apkg/import/notes.rs`, `should_update`). A fixed
//! build timestamp would therefore block every update, and the wall clock
//! would make builds irreproducible. The lock keeps, per study item, its
//! GUID and a fingerprint of the note's content with the time that content
//! last changed: unchanged notes keep their time (same bytes), changed notes
//! get a newer one (the update lands). The file is JSON with sorted keys,
//! meant to be committed next to the sources.
//!
//! Anki never deletes a note on import, so a note whose item is gone would
//! stay in every learner's collection unnoticed. The lock therefore also
//! keeps what each note last showed: when its item disappears, the note is
//! sent once more with the tag [`REMOVED_TAG`] and a newer time, so the
//! importer tags it and a learner finds every such note with one search.
//! Removed notes stay in the lock (and in the packages) until the user
//! prunes them (`studyforge prune`). Per document, the lock also keeps the
//! changes its deck's last new version made, for `deck-changes.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::AnkiError;

/// Format version of the lock file.
const VERSION: u32 = 2;

/// Version 1 had no note fields and no change lists; it reads as version 2
/// with both empty (its notes learn their fields at the next build).
const READABLE: [u32; 2] = [1, VERSION];

/// Tag of a note whose study item is gone from its source.
pub const REMOVED_TAG: &str = "studyforge::removed";

/// Modification time for notes first seen when no build time was given
/// (2026-11-01T00:00:00Z): fixed, so such builds stay reproducible.
pub const DEFAULT_TIME: i64 = 1_793_491_200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lockfile {
    version: u32,
    /// Study item id → what was decided for its note.
    notes: BTreeMap<String, LockedNote>,
    /// Document slug → what its deck's latest version changed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    changes: BTreeMap<String, DeckChanges>,
    /// Document slug → its items' ids: found without a pass over the lock
    /// per document, which made batches quadratic.
    #[serde(skip)]
    by_document: BTreeMap<String, BTreeSet<String>>,
    #[serde(skip)]
    dirty: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedNote {
    /// Slug of the document the item came from, to forget removed items.
    pub document: String,
    pub guid: String,
    /// Fingerprint of everything the note shows (fields, tags, note type).
    pub content: String,
    /// When `content` last changed, seconds since the epoch: the note's `mod`.
    pub changed: i64,
    /// Fingerprint of what a learner reads (all but the source location),
    /// to tell a changed note from one that only moved in its source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub visible: String,
    /// What the note showed when last built, to send it again once removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown: Option<Shown>,
    /// The note's item is gone; it is sent tagged [`REMOVED_TAG`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A note as it was last written, without the removed tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub kind: study::ItemKind,
    pub notetype: i64,
    pub deck: String,
    pub fields: Vec<String>,
    pub tags: Vec<String>,
}

/// Item ids a deck version added, changed and removed, each sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckChanges {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// Notes whose only change is their place in the source (the Source
    /// field's line): importing updates them, but nothing to re-learn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<String>,
}

impl DeckChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty() && self.moved.is_empty()
    }

    /// Record what happened to one item's note.
    pub fn record(&mut self, item: &str, change: Change) {
        match change {
            Change::Added => self.added.push(item.to_owned()),
            Change::Changed => self.changed.push(item.to_owned()),
            Change::Removed => self.removed.push(item.to_owned()),
            Change::Moved => self.moved.push(item.to_owned()),
            Change::Same => {}
        }
    }

    fn sort(&mut self) {
        for list in [&mut self.added, &mut self.changed, &mut self.removed, &mut self.moved] {
            list.sort();
        }
    }
}

/// A note as this build makes it: its fingerprint and what it shows.
pub struct Built {
    pub content: String,
    /// Fingerprint of what a learner reads: `content` but the source location.
    pub visible: String,
    pub shown: Shown,
}

/// What the lock decided for a built note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    pub guid: String,
    pub modified: i64,
    pub change: Change,
}

/// What a build did to one note, compared with the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Changed,
    Moved,
    Removed,
    Same,
}

impl Default for Lockfile {
    fn default() -> Self {
        Lockfile { version: VERSION, notes: BTreeMap::new(), changes: BTreeMap::new(), by_document: BTreeMap::new(), dirty: false }
    }
}

impl Lockfile {
    /// Read a lock file; a missing file is an empty lock (first build).
    pub fn load(path: &Path) -> Result<Lockfile, AnkiError> {
        let Some(reader) = open(path)? else { return Ok(Lockfile::default()) };
        let mut lock: Lockfile = parse(path, reader)?;
        check_version(path, lock.version)?;
        lock.reindex();
        lock.dirty = lock.version != VERSION;
        lock.version = VERSION;
        Ok(lock)
    }

    /// Whether the file at `path` is whole and of a version this build
    /// reads, without keeping its notes: a torn or foreign lock is found
    /// before a build starts, at the cost of one pass and no memory.
    pub fn check(path: &Path) -> Result<(), AnkiError> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        match open(path)? {
            Some(reader) => check_version(path, parse::<Version>(path, reader)?.version),
            None => Ok(()),
        }
    }

    /// Write the lock so it is always whole: temporary file, flushed,
    /// renamed over the old one, folder flushed. Unlike build outputs the
    /// lock cannot be rebuilt, so it is worth the two flushes. It is
    /// serialized straight into the file: a course's lock runs to hundreds
    /// of MB, which a copy in memory would double.
    pub fn save(&self, path: &Path) -> Result<(), AnkiError> {
        export::replace_durably(path, |file| {
            serde_json::to_writer_pretty(&mut *file, self)?;
            file.write_all(b"\n")
        })
        .map_err(|source| AnkiError::Io { path: path.display().to_string(), source })
    }

    /// Whether anything changed since loading.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn get(&self, item_id: &str) -> Option<&LockedNote> {
        self.notes.get(item_id)
    }

    /// Every recorded note, by study item id.
    pub fn notes(&self) -> impl Iterator<Item = (&str, &LockedNote)> {
        self.notes.iter().map(|(id, note)| (id.as_str(), note))
    }

    /// Record the note built for `item_id` this time: its GUID (the
    /// recorded one, or `fresh` for a new item), its modification time and
    /// what changed. The time is the recorded one while the content is
    /// unchanged, else `now` — but always later than the previous time, so
    /// Anki sees the note as newer even when the build time is fixed or goes
    /// backwards.
    pub fn note(&mut self, item_id: &str, document: &str, fresh: impl FnOnce() -> String, built: Built, now: i64) -> Stamped {
        let note = match self.notes.get_mut(item_id) {
            Some(note) => note,
            None => {
                self.dirty = true;
                let new = LockedNote {
                    document: document.to_owned(),
                    guid: fresh(),
                    content: built.content,
                    changed: now,
                    visible: built.visible,
                    shown: Some(built.shown),
                    removed: false,
                };
                let stamped = Stamped { guid: new.guid.clone(), modified: now, change: Change::Added };
                self.by_document.entry(document.to_owned()).or_default().insert(item_id.to_owned());
                self.notes.insert(item_id.to_owned(), new);
                return stamped;
            }
        };
        let change = if note.removed {
            Change::Added
        } else if note.content == built.content && note.changed > 0 {
            Change::Same
        } else if note.visible == built.visible {
            Change::Moved
        } else {
            Change::Changed
        };
        if change != Change::Same {
            note.changed = if note.changed > 0 { now.max(note.changed + 1) } else { now };
            note.content = built.content;
            note.removed = false;
            self.dirty = true;
        }
        if note.visible != built.visible {
            note.visible = built.visible;
            self.dirty = true;
        }
        if note.document != document {
            // Recorded under another key (a title slug, before locks knew
            // documents by source path): it belongs to this one now.
            if let Some(ids) = self.by_document.get_mut(&note.document) {
                ids.remove(item_id);
            }
            self.by_document.entry(document.to_owned()).or_default().insert(item_id.to_owned());
            note.document = document.to_owned();
            self.dirty = true;
        }
        if note.shown.as_ref() != Some(&built.shown) {
            note.shown = Some(built.shown);
            self.dirty = true;
        }
        Stamped { guid: note.guid.clone(), modified: note.changed, change }
    }

    /// Mark a note whose item is gone as removed, with `content` as the
    /// fingerprint of its tagged form: what changed, and its time (a newer
    /// one when it was not removed before).
    pub fn remove(&mut self, item_id: &str, content: String, now: i64) -> Option<(Change, i64)> {
        let note = self.notes.get_mut(item_id)?;
        if note.removed {
            return Some((Change::Same, note.changed));
        }
        note.content = content;
        note.changed = now.max(note.changed + 1);
        note.removed = true;
        self.dirty = true;
        Some((Change::Removed, note.changed))
    }

    /// Ids of the notes recorded for a document, sorted.
    pub fn items_of(&self, document: &str) -> Vec<String> {
        self.by_document.get(document).map(|ids| ids.iter().cloned().collect()).unwrap_or_default()
    }

    /// Keep `changes` as what the document's deck last changed; a build
    /// that changed nothing keeps the previous list, so rebuilding an
    /// unchanged deck rewrites the same `deck-changes.md`.
    pub fn set_changes(&mut self, document: &str, mut changes: DeckChanges) {
        if changes.is_empty() {
            return;
        }
        changes.sort();
        self.changes.insert(document.to_owned(), changes);
        self.dirty = true;
    }

    /// What the document's deck last changed.
    pub fn changes(&self, document: &str) -> Option<&DeckChanges> {
        self.changes.get(document)
    }

    fn reindex(&mut self) {
        self.by_document.clear();
        for (id, note) in &self.notes {
            self.by_document.entry(note.document.clone()).or_default().insert(id.clone());
        }
    }

    /// Forget every removed note; the documents they belonged to, with
    /// how many each lost.
    pub fn prune_removed(&mut self) -> BTreeMap<String, usize> {
        let mut pruned: BTreeMap<String, usize> = BTreeMap::new();
        for note in self.notes.values().filter(|n| n.removed) {
            *pruned.entry(note.document.clone()).or_default() += 1;
        }
        if !pruned.is_empty() {
            self.notes.retain(|_, note| !note.removed);
            self.reindex();
            self.dirty = true;
        }
        pruned
    }

    /// Forget items of `documents` that were not built this time.
    pub fn retain_built(&mut self, documents: &BTreeSet<String>, built: &BTreeSet<String>) {
        let before = self.notes.len();
        self.notes.retain(|id, note| !documents.contains(&note.document) || built.contains(id));
        if self.notes.len() != before {
            self.reindex();
            self.dirty = true;
        }
    }
}

/// The lock file for reading, or `None` when there is none yet.
fn open(path: &Path) -> Result<Option<BufReader<File>>, AnkiError> {
    match File::open(path) {
        Ok(file) => Ok(Some(BufReader::new(file))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(AnkiError::Io { path: path.display().to_string(), source }),
    }
}

/// Parse straight from the file (not from a copy of it in memory).
fn parse<T: serde::de::DeserializeOwned>(path: &Path, reader: BufReader<File>) -> Result<T, AnkiError> {
    serde_json::from_reader(reader).map_err(|e| AnkiError::Lock { path: path.display().to_string(), message: e.to_string() })
}

fn check_version(path: &Path, version: u32) -> Result<(), AnkiError> {
    if READABLE.contains(&version) {
        return Ok(());
    }
    let message = format!("version {version} is not supported (expected {VERSION})");
    Err(AnkiError::Lock { path: path.display().to_string(), message })
}

/// One note that two shards recorded differently: the item id and what
/// each shard that changed it wrote (`None`: the shard forgot the note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub item: String,
    /// Shard index (in the order given) and its version of the note.
    pub versions: Vec<(usize, Option<LockedNote>)>,
}

/// What one shard of a build left: its lock, and the study items it built
/// notes for (the ids in its `deck.items.json` files).
#[derive(Debug, Clone, Default)]
pub struct ShardLock {
    pub lock: Lockfile,
    pub built: BTreeSet<String>,
}

impl Lockfile {
    /// Join the locks of shards that all started from `base` into the lock
    /// one unsharded build would have written. A note a shard built takes
    /// that shard's version (added, or its time moved on, or unchanged).
    /// A note no shard built keeps the base's version unless a shard forgot
    /// it (its item is gone). A shard may also forget the notes of another
    /// shard's document of the same title, since the lock knows documents
    /// by title: a note that some shard built is therefore never forgotten.
    /// Two shards building one note differently cannot happen in one build
    /// (shards of different builds, or started from different locks): every
    /// such note is returned and nothing is merged.
    pub fn merge_shards(base: &Lockfile, shards: &[ShardLock]) -> Result<Lockfile, Vec<Conflict>> {
        let ids: BTreeSet<&String> =
            shards.iter().flat_map(|s| s.lock.notes.keys()).chain(base.notes.keys()).collect();
        let mut merged = base.clone();
        let mut conflicts = Vec::new();
        for id in ids {
            let before = base.notes.get(id);
            let versions: Vec<(usize, Option<&LockedNote>)> = shards.iter().map(|s| s.lock.notes.get(id)).enumerate().collect();
            let builders: Vec<(usize, Option<&LockedNote>)> =
                versions.iter().copied().filter(|(shard, _)| shards[*shard].built.contains(id)).collect();
            let changes = if builders.is_empty() {
                versions.into_iter().filter(|(_, note)| *note != before).collect()
            } else {
                builders
            };
            let Some(&(_, after)) = changes.first() else { continue };
            if changes.iter().any(|(_, note)| *note != after) {
                let versions = changes.into_iter().map(|(shard, note)| (shard, note.cloned())).collect();
                conflicts.push(Conflict { item: id.clone(), versions });
                continue;
            }
            if after != before {
                match after {
                    Some(note) => merged.notes.insert(id.clone(), note.clone()),
                    None => merged.notes.remove(id),
                };
                merged.dirty = true;
            }
        }
        if !conflicts.is_empty() {
            return Err(conflicts);
        }
        merged.reindex();
        merged.merge_deck_changes(base, shards);
        Ok(merged)
    }

    /// Each document's latest deck changes, from the shard that changed
    /// them. Documents of one title on two shards share one entry (the
    /// lock knows documents by title); the later shard's is kept.
    fn merge_deck_changes(&mut self, base: &Lockfile, shards: &[ShardLock]) {
        for shard in shards {
            for (document, changes) in &shard.lock.changes {
                if base.changes.get(document) != Some(changes) {
                    self.changes.insert(document.clone(), changes.clone());
                    self.dirty = true;
                }
            }
        }
    }

    /// The same notes with the same GUIDs and times (whether it was saved
    /// since is not compared).
    pub fn same_notes(&self, other: &Lockfile) -> bool {
        self.notes == other.notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(content: &str) -> Built {
        let shown = Shown {
            kind: study::ItemKind::Basic,
            notetype: 1,
            deck: "D".into(),
            fields: vec![content.into()],
            tags: vec!["t".into()],
        };
        Built { content: content.into(), visible: content.to_lowercase(), shown }
    }

    fn stamp(lock: &mut Lockfile, id: &str, content: &str, now: i64) -> Stamped {
        lock.note(id, "doc", || format!("g-{id}"), built(content), now)
    }

    #[test]
    fn unchanged_content_keeps_its_time_and_changed_content_moves_forward() {
        let mut lock = Lockfile::default();
        let first = stamp(&mut lock, "s1", "A", 100);
        assert_eq!((first.guid.as_str(), first.modified, first.change), ("g-s1", 100, Change::Added));
        assert_eq!(stamp(&mut lock, "s1", "A", 500).modified, 100, "same content keeps its time");
        assert_eq!(stamp(&mut lock, "s1", "A", 500).change, Change::Same);
        let changed = stamp(&mut lock, "s1", "B", 100);
        assert_eq!((changed.modified, changed.change), (101, Change::Changed), "a fixed build time still moves forward");
        assert_eq!(stamp(&mut lock, "s1", "C", 900).modified, 900);
        let moved = stamp(&mut lock, "s1", "c", 950);
        assert_eq!((moved.modified, moved.change), (950, Change::Moved), "same visible text, new place");
        assert_eq!(lock.note("s1", "doc", || "other".into(), built("c"), 900).guid, "g-s1");
    }

    #[test]
    fn a_removed_note_gets_one_newer_time_and_comes_back_as_added() {
        let mut lock = Lockfile::default();
        stamp(&mut lock, "s1", "A", 100);
        assert_eq!(lock.remove("s1", "A+removed".into(), 100), Some((Change::Removed, 101)));
        assert_eq!(lock.remove("s1", "A+removed".into(), 300), Some((Change::Same, 101)), "removed once, then stable");
        assert_eq!(lock.items_of("doc"), vec!["s1".to_string()]);
        let back = stamp(&mut lock, "s1", "A", 100);
        assert_eq!((back.change, back.modified), (Change::Added, 102));
        assert!(!lock.get("s1").is_some_and(|n| n.removed));
    }

    #[test]
    fn a_note_recorded_under_an_old_key_moves_to_the_new_one() {
        let mut lock = Lockfile::default();
        lock.note("s1", "old-title-slug", || "g".into(), built("A"), 1);
        let moved = lock.note("s1", "notes/a.txt", || "other".into(), built("A"), 5);
        assert_eq!((moved.guid.as_str(), moved.change), ("g", Change::Same));
        assert!(lock.items_of("old-title-slug").is_empty());
        assert_eq!(lock.items_of("notes/a.txt"), vec!["s1".to_string()]);
    }

    #[test]
    fn pruning_forgets_removed_notes_only() {
        let mut lock = Lockfile::default();
        stamp(&mut lock, "keep", "A", 1);
        stamp(&mut lock, "drop", "B", 1);
        lock.remove("drop", "B'".into(), 1);
        assert_eq!(lock.prune_removed(), BTreeMap::from([("doc".to_string(), 1)]));
        assert!(lock.get("keep").is_some() && lock.get("drop").is_none());
        assert_eq!(lock.items_of("doc"), vec!["keep".to_string()]);
    }

    #[test]
    fn changes_are_kept_until_a_build_changes_something() {
        let mut lock = Lockfile::default();
        let first = DeckChanges { added: vec!["b".into(), "a".into()], ..DeckChanges::default() };
        lock.set_changes("doc", first);
        lock.set_changes("doc", DeckChanges::default());
        assert_eq!(lock.changes("doc").map(|c| c.added.clone()), Some(vec!["a".to_string(), "b".to_string()]));
    }

    #[test]
    fn round_trips_through_disk_and_forgets_removed_items() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("studyforge.lock");
        assert_eq!(Lockfile::load(&path).expect("missing lock is empty"), Lockfile::default());
        let mut lock = Lockfile::default();
        for id in ["a", "b"] {
            stamp(&mut lock, id, "x", 7);
        }
        lock.note("c", "other", || "g-c".into(), built("y"), 7);
        let docs = BTreeSet::from(["doc".to_string()]);
        lock.retain_built(&docs, &BTreeSet::from(["a".to_string()]));
        lock.save(&path).expect("save");
        let back = Lockfile::load(&path).expect("load");
        assert!(back.get("a").is_some() && back.get("b").is_none() && back.get("c").is_some());
        assert_eq!(back.get("a").map(|n| n.changed), Some(7));
        assert_eq!(back.items_of("other"), vec!["c".to_string()]);
    }

    #[test]
    fn reads_a_version_1_lock_and_upgrades_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("studyforge.lock");
        let v1 = r#"{"version":1,"notes":{"s1":{"document":"doc","guid":"g","content":"c","changed":5}}}"#;
        std::fs::write(&path, v1).expect("write");
        let lock = Lockfile::load(&path).expect("a version 1 lock reads");
        assert!(lock.is_dirty(), "it is written back as version 2");
        assert_eq!(lock.get("s1").map(|n| (n.guid.as_str(), n.shown.is_none())), Some(("g", true)));
    }

    #[test]
    fn check_finds_a_torn_or_foreign_lock_and_passes_a_whole_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("studyforge.lock");
        assert!(Lockfile::check(&path).is_ok(), "no lock yet is fine");
        let mut lock = Lockfile::default();
        stamp(&mut lock, "a", "x", 7);
        lock.save(&path).expect("save");
        assert!(Lockfile::check(&path).is_ok());
        let whole = std::fs::read(&path).expect("read");
        std::fs::write(&path, &whole[..whole.len() / 2]).expect("tear");
        assert!(matches!(Lockfile::check(&path), Err(AnkiError::Lock { .. })));
        std::fs::write(&path, r#"{"version": 99, "notes": {}}"#).expect("write");
        assert!(matches!(Lockfile::check(&path), Err(AnkiError::Lock { .. })));
    }

    #[test]
    fn rejects_a_corrupt_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("studyforge.lock");
        std::fs::write(&path, "{ not json").expect("write");
        assert!(matches!(Lockfile::load(&path), Err(AnkiError::Lock { .. })));
    }

    fn note(document: &str, guid: &str, changed: i64) -> LockedNote {
        LockedNote {
            document: document.into(),
            guid: guid.into(),
            content: format!("c{changed}"),
            changed,
            visible: String::new(),
            shown: None,
            removed: false,
        }
    }

    fn lock_of(notes: &[(&str, LockedNote)]) -> Lockfile {
        let notes = notes.iter().map(|(id, n)| ((*id).to_owned(), n.clone())).collect();
        let mut lock = Lockfile { notes, ..Lockfile::default() };
        lock.reindex();
        lock
    }

    fn shard(lock: Lockfile, built: &[&str]) -> ShardLock {
        ShardLock { lock, built: built.iter().map(|b| (*b).to_owned()).collect() }
    }

    #[test]
    fn shards_changes_are_joined_onto_the_base() {
        let base = lock_of(&[("kept", note("a", "g1", 5)), ("edited", note("a", "g2", 5)), ("gone", note("b", "g3", 5))]);
        let one = lock_of(&[("kept", note("a", "g1", 5)), ("edited", note("a", "g2", 9)), ("gone", note("b", "g3", 5))]);
        let two = lock_of(&[("kept", note("a", "g1", 5)), ("edited", note("a", "g2", 5)), ("new", note("b", "g4", 7))]);
        let shards = [shard(one, &["kept", "edited"]), shard(two, &["new"])];
        let merged = Lockfile::merge_shards(&base, &shards).expect("no conflict");
        let expected =
            lock_of(&[("kept", note("a", "g1", 5)), ("edited", note("a", "g2", 9)), ("new", note("b", "g4", 7))]);
        assert!(merged.same_notes(&expected), "{merged:?}");
        assert!(merged.is_dirty());
        let idle = [shard(base.clone(), &[]), shard(base.clone(), &["kept"])];
        let unchanged = Lockfile::merge_shards(&base, &idle).expect("no conflict");
        assert!(unchanged.same_notes(&base) && !unchanged.is_dirty());
    }

    #[test]
    fn a_note_one_shard_built_survives_another_shard_forgetting_it() {
        // Two documents of one title on two shards: each shard forgets the
        // other's notes, as the lock knows documents by title.
        let base = lock_of(&[("a1", note("t", "g1", 5)), ("b1", note("t", "g2", 5))]);
        let one = lock_of(&[("a1", note("t", "g1", 6))]);
        let two = lock_of(&[("b1", note("t", "g2", 5))]);
        let merged = Lockfile::merge_shards(&base, &[shard(one, &["a1"]), shard(two, &["b1"])]).expect("no conflict");
        let expected = lock_of(&[("a1", note("t", "g1", 6)), ("b1", note("t", "g2", 5))]);
        assert!(merged.same_notes(&expected), "{merged:?}");
    }

    #[test]
    fn two_shards_building_one_note_differently_conflict() {
        let base = lock_of(&[("n", note("a", "g1", 5))]);
        let one = lock_of(&[("n", note("a", "g1", 6))]);
        let same = lock_of(&[("n", note("a", "g1", 6))]);
        let other = lock_of(&[("n", note("x", "g9", 1))]);
        let agree = [shard(one.clone(), &["n"]), shard(same, &["n"])];
        assert!(Lockfile::merge_shards(&base, &agree).is_ok(), "equal versions agree");
        let shards = [shard(one, &["n"]), shard(base.clone(), &[]), shard(other, &["n"])];
        let conflicts = Lockfile::merge_shards(&base, &shards).expect_err("conflict");
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].item, "n");
        let shards: Vec<usize> = conflicts[0].versions.iter().map(|(s, _)| *s).collect();
        assert_eq!(shards, vec![0, 2], "only the shards that built the note");
    }
}
