//! Anki packages for studyforge: the `anki` format.
//!
//! One `.apkg` per document (or one for many, the combined deck): a
//! deck per document named from its title, a subdeck per top-level
//! section, one note per study item with a GUID stable across edits, and
//! modification times from `studyforge.lock` so re-imports update changed
//! notes in place and never add duplicates. The package is always named
//! `deck.apkg` — never `collection.apkg`, which Anki would treat as a whole
//! collection to replace the user's with.

mod changes;
mod collection;
mod deck;
mod html;
mod lint;
mod lockfile;
mod notetype;
mod package;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use export::{Artifact, Combiner, ExportError, Exporter, RenderContext};
use serde::Serialize;

pub use collection::{FIELD_SEPARATOR, checksum};
pub use deck::guid_for;
pub use lint::{Finding, Problem};
pub use lockfile::{Conflict, DEFAULT_TIME, DeckChanges, LockedNote, Lockfile, REMOVED_TAG, ShardLock};

/// File name of the package artifact.
pub const PACKAGE_NAME: &str = "deck.apkg";
/// File name of the sidecar listing what the package holds.
pub const REPORT_NAME: &str = "deck.items.json";
/// File name of the lock, next to the project's studyforge.toml.
pub const LOCK_NAME: &str = "studyforge.lock";
/// File name of the report of what the deck's latest version changed.
pub const CHANGES_NAME: &str = changes::FILE_NAME;

#[derive(Debug, thiserror::Error)]
pub enum AnkiError {
    #[error("collection: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("lock file {path}: {message}")]
    Lock { path: String, message: String },
    #[error("report: {0}")]
    Report(#[from] serde_json::Error),
}

impl From<AnkiError> for ExportError {
    fn from(e: AnkiError) -> Self {
        match e {
            AnkiError::Io { path, source } => ExportError::Io { path, source },
            other => ExportError::render("anki", other),
        }
    }
}

/// The `anki` exporter.
#[derive(Default)]
pub struct Anki {
    /// The lock file as this build sees it: loaded by the first document
    /// that needs it, updated by one document at a time, written once by
    /// [`Exporter::finish`]. Reading and rewriting the whole file for every
    /// document made a batch quadratic in its size.
    lock: Mutex<Option<OpenLock>>,
    /// Lines for the build summary: each deck this build changed.
    summary: Mutex<Vec<String>>,
}

/// A lock file loaded into memory, and where it goes back.
struct OpenLock {
    path: PathBuf,
    lock: Lockfile,
    /// The documents packaged in this build and the study items they still
    /// have. Notes of those documents whose item is gone are forgotten when
    /// the lock is saved: one pass over the lock, not one per document.
    documents: BTreeSet<String>,
    items: BTreeSet<String>,
}

impl OpenLock {
    fn load(path: &Path) -> Result<OpenLock, AnkiError> {
        let lock = Lockfile::load(path)?;
        Ok(OpenLock { path: path.to_owned(), lock, documents: BTreeSet::new(), items: BTreeSet::new() })
    }

    /// Add `cx`'s deck to `package` with this lock's GUIDs and times.
    fn add(&mut self, package: &mut deck::Builder, cx: &RenderContext<'_>) {
        let notes = package.document(cx, &mut self.lock);
        self.documents.insert(deck::lock_key(cx.document));
        self.items.extend(notes.iter().map(|n| n.item.clone()));
    }

    fn save(mut self) -> Result<(), AnkiError> {
        self.lock.retain_built(&self.documents, &self.items);
        if self.lock.is_dirty() { self.lock.save(&self.path) } else { Ok(()) }
    }
}

impl Anki {
    pub fn new() -> Self {
        Anki::default()
    }

    fn open_lock(&self) -> MutexGuard<'_, Option<OpenLock>> {
        // A poisoned guard only means another render panicked; the lock in
        // memory is updated a note at a time and still consistent.
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The lock at `path`, loaded on first use. A different path than the one
/// loaded (another project in the same process) saves the old one first.
fn loaded<'a>(open: &'a mut Option<OpenLock>, path: &Path) -> Result<&'a mut OpenLock, AnkiError> {
    if let Some(other) = open.take_if(|o| o.path != path) {
        other.save()?;
    }
    match open {
        Some(loaded) => Ok(loaded),
        None => Ok(open.insert(OpenLock::load(path)?)),
    }
}

impl Exporter for Anki {
    fn name(&self) -> &str {
        "anki"
    }

    fn description(&self) -> &str {
        "deck.apkg: Anki package, a deck per document and a subdeck per section (+ deck.items.json, deck-changes.md)"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let mut one = Packager::new(self);
        one.add(cx)?;
        Box::new(one).finish()
    }

    fn combiner(&self) -> Option<Box<dyn Combiner + '_>> {
        Some(Box::new(Packager::new(self)))
    }

    /// Write the lock file once for the whole build, and forget it so the
    /// next build (in `watch`) reads it afresh; report the decks changed.
    fn finish(&self) -> Result<Vec<String>, ExportError> {
        self.open_lock().take().map_or(Ok(()), OpenLock::save)?;
        Ok(std::mem::take(&mut *self.summary.lock().unwrap_or_else(|e| e.into_inner())))
    }
}

/// A package being made: one document's for `render`, every document's
/// for the combined deck. GUIDs and modification times come from the lock
/// file named in the options, or from a lock of this package alone.
struct Packager<'a> {
    anki: &'a Anki,
    /// Made at the first document: it brings the project and build time.
    package: Option<deck::Builder>,
    unlocked: Lockfile,
    build_time: Option<i64>,
}

impl<'a> Packager<'a> {
    fn new(anki: &'a Anki) -> Self {
        Packager { anki, package: None, unlocked: Lockfile::default(), build_time: None }
    }
}

impl Combiner for Packager<'_> {
    fn add(&mut self, cx: &RenderContext<'_>) -> Result<(), ExportError> {
        let package = self.package.get_or_insert_with(|| deck::Builder::new(cx));
        self.build_time = self.build_time.or(cx.options.build_time);
        match cx.options.lockfile.as_deref() {
            Some(path) => loaded(&mut self.anki.open_lock(), path)?.add(package, cx),
            None => {
                package.document(cx, &mut self.unlocked);
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<Artifact>, ExportError> {
        let Some(package) = self.package else { return Ok(Vec::new()) };
        let package = package.finish();
        let apkg = package::write(&collection::write(&package)?, self.build_time)?;
        let report = report(&package)?;
        self.anki.summary.lock().unwrap_or_else(|e| e.into_inner()).extend(changes::summary(&package.changes));
        Ok(vec![
            Artifact { file_name: PACKAGE_NAME.into(), bytes: apkg },
            Artifact { file_name: REPORT_NAME.into(), bytes: report },
            Artifact { file_name: CHANGES_NAME.into(), bytes: changes::report(&package.changes).into_bytes() },
        ])
    }
}

/// `deck.items.json`: one entry per note, so tools (and the conformance
/// check) can compare the package against the study items.
#[derive(Serialize)]
struct Report<'a> {
    notes: usize,
    cards: usize,
    decks: Vec<&'a str>,
    items: Vec<ReportItem<'a>>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct ReportItem<'a> {
    id: &'a str,
    guid: &'a str,
    kind: &'a str,
    deck: &'a str,
    modified: i64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    removed: bool,
}

fn report(package: &deck::Package) -> Result<Vec<u8>, AnkiError> {
    let report = Report {
        notes: package.notes.len(),
        cards: package.notes.len(),
        decks: package.decks.iter().map(|d| d.name.as_str()).collect(),
        items: package
            .notes
            .iter()
            .map(|n| ReportItem {
                id: &n.item,
                guid: &n.guid,
                kind: n.kind.name(),
                deck: &n.deck,
                modified: n.modified,
                removed: n.removed,
            })
            .collect(),
        findings: &package.findings,
    };
    let mut bytes = serde_json::to_vec_pretty(&report)?;
    bytes.push(b'\n');
    Ok(bytes)
}
