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

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::AnkiError;

/// Format version of the lock file.
const VERSION: u32 = 1;

/// Modification time for notes first seen when no build time was given
/// (2026-11-01T00:00:00Z): fixed, so such builds stay reproducible.
pub const DEFAULT_TIME: i64 = 1_793_491_200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lockfile {
    version: u32,
    /// Study item id → what was decided for its note.
    notes: BTreeMap<String, LockedNote>,
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
}

impl Default for Lockfile {
    fn default() -> Self {
        Lockfile { version: VERSION, notes: BTreeMap::new(), dirty: false }
    }
}

impl Lockfile {
    /// Read a lock file; a missing file is an empty lock (first build).
    pub fn load(path: &Path) -> Result<Lockfile, AnkiError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Lockfile::default()),
            Err(source) => return Err(AnkiError::Io { path: path.display().to_string(), source }),
        };
        let lock: Lockfile = serde_json::from_str(&text)
            .map_err(|e| AnkiError::Lock { path: path.display().to_string(), message: e.to_string() })?;
        if lock.version != VERSION {
            let message = format!("version {} is not supported (expected {VERSION})", lock.version);
            return Err(AnkiError::Lock { path: path.display().to_string(), message });
        }
        Ok(lock)
    }

    /// Write the lock atomically (temporary file and rename in the same
    /// folder), so an interrupted build never leaves half a lock behind.
    pub fn save(&self, path: &Path) -> Result<(), AnkiError> {
        let io = |source| AnkiError::Io { path: path.display().to_string(), source };
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut bytes = serde_json::to_vec_pretty(self)
            .map_err(|e| AnkiError::Lock { path: path.display().to_string(), message: e.to_string() })?;
        bytes.push(b'\n');
        let mut tmp = export::temp_file_in(dir).map_err(io)?;
        tmp.write_all(&bytes).map_err(io)?;
        // Unlike build outputs, the lock cannot be rebuilt: make sure its
        // bytes are on disk before it replaces the old one.
        tmp.as_file().sync_data().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
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

    /// The GUID recorded for an item, or `fresh` recorded now.
    pub fn guid(&mut self, item_id: &str, document: &str, fresh: impl FnOnce() -> String) -> String {
        if let Some(note) = self.notes.get(item_id) {
            return note.guid.clone();
        }
        let guid = fresh();
        let note = LockedNote { document: document.to_owned(), guid: guid.clone(), content: String::new(), changed: 0 };
        self.notes.insert(item_id.to_owned(), note);
        self.dirty = true;
        guid
    }

    /// The modification time for an item's note with this content: the
    /// recorded one while the content is unchanged, else `now` — but always
    /// later than the previous time, so Anki sees the note as newer even
    /// when the build time is fixed or goes backwards.
    pub fn stamp(&mut self, item_id: &str, content: &str, now: i64) -> i64 {
        let Some(note) = self.notes.get_mut(item_id) else { return now };
        if note.content == content && note.changed > 0 {
            return note.changed;
        }
        note.changed = if note.changed > 0 { now.max(note.changed + 1) } else { now };
        note.content = content.to_owned();
        self.dirty = true;
        note.changed
    }

    /// Forget items of `documents` that were not built this time.
    pub fn retain_built(&mut self, documents: &BTreeSet<String>, built: &BTreeSet<String>) {
        let before = self.notes.len();
        self.notes.retain(|id, note| !documents.contains(&note.document) || built.contains(id));
        self.dirty |= self.notes.len() != before;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_content_keeps_its_time_and_changed_content_moves_forward() {
        let mut lock = Lockfile::default();
        let guid = lock.guid("s1", "doc", || "g1".into());
        assert_eq!(guid, "g1");
        assert_eq!(lock.stamp("s1", "A", 100), 100);
        assert_eq!(lock.stamp("s1", "A", 500), 100, "same content keeps its time");
        assert_eq!(lock.stamp("s1", "B", 100), 101, "a fixed build time still moves forward");
        assert_eq!(lock.stamp("s1", "C", 900), 900);
        assert_eq!(lock.guid("s1", "doc", || "other".into()), "g1");
    }

    #[test]
    fn round_trips_through_disk_and_forgets_removed_items() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("studyforge.lock");
        assert_eq!(Lockfile::load(&path).expect("missing lock is empty"), Lockfile::default());
        let mut lock = Lockfile::default();
        for id in ["a", "b"] {
            lock.guid(id, "doc", || format!("g-{id}"));
            lock.stamp(id, "x", 7);
        }
        lock.guid("c", "other", || "g-c".into());
        let docs = BTreeSet::from(["doc".to_string()]);
        lock.retain_built(&docs, &BTreeSet::from(["a".to_string()]));
        lock.save(&path).expect("save");
        let back = Lockfile::load(&path).expect("load");
        assert!(back.get("a").is_some() && back.get("b").is_none() && back.get("c").is_some());
        assert_eq!(back.get("a").map(|n| n.changed), Some(7));
    }

    #[test]
    fn rejects_a_corrupt_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("studyforge.lock");
        std::fs::write(&path, "{ not json").expect("write");
        assert!(matches!(Lockfile::load(&path), Err(AnkiError::Lock { .. })));
    }
}
