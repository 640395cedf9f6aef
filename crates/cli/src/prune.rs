//! `studyforge prune`: forget the Anki notes the lock keeps as removed.
//!
//! A note whose study item is gone is sent tagged `studyforge::removed`
//! until the user prunes it here, typically once every learner has
//! re-imported a deck that carries the tag. The decks of the documents
//! concerned are marked stale in the manifest, so the next build writes
//! packages without those notes.

use std::path::Path;

use anyhow::{Context, Result};
use export_anki::Lockfile;

use crate::manifest::Manifest;

/// Prune `lock` and mark the affected decks under `out` for rebuilding;
/// the line to show the user.
pub fn run(lock_path: &Path, out: &Path) -> Result<String> {
    let mut lock = Lockfile::load(lock_path).with_context(|| format!("reading {}", lock_path.display()))?;
    let pruned = lock.prune_removed();
    if pruned.is_empty() {
        return Ok(format!("{}: no removed notes to forget", lock_path.display()));
    }
    lock.save(lock_path)?;
    let mut manifest = Manifest::load(out);
    // The lock knows documents by source path, as the manifest does.
    for (_, entry) in manifest.sources.iter_mut().filter(|(source, _)| pruned.contains_key(source.as_str())) {
        entry.formats.remove("anki");
    }
    manifest.save(out)?;
    let notes: usize = pruned.values().sum();
    Ok(format!(
        "{}: forgot {notes} removed notes of {} documents; the next build writes their decks without them",
        lock_path.display(),
        pruned.len()
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::manifest::{Built, Entry};

    #[test]
    fn an_empty_lock_prunes_nothing_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let lock = dir.path().join("studyforge.lock");
        let line = run(&lock, &dir.path().join("out")).expect("prune");
        assert!(line.contains("no removed notes"), "{line}");
        assert!(!lock.exists(), "no lock is created");
    }

    #[test]
    fn marks_only_the_pruned_documents_decks_stale() {
        let dir = tempfile::tempdir().expect("dir");
        let lock = dir.path().join("studyforge.lock");
        let note = |doc: &str, removed: bool| {
            format!(r#"{{"document":"{doc}","guid":"g{doc}{removed}","content":"c","changed":5,"removed":{removed}}}"#)
        };
        let text = format!(
            r#"{{"version":2,"notes":{{"a1":{},"a2":{},"b1":{}}}}}"#,
            note("a.txt", true),
            note("a.txt", false),
            note("b.txt", false)
        );
        std::fs::write(&lock, text).expect("write lock");
        let out = dir.path().join("out");
        let built = || Built { key: "k".into(), files: vec![] };
        let mut manifest = Manifest::default();
        for (source, slug) in [("a.txt", "a"), ("b.txt", "b")] {
            let formats = BTreeMap::from([("anki".to_string(), built()), ("guide".to_string(), built())]);
            manifest.sources.insert(source.into(), Entry { slug: slug.into(), formats });
        }
        manifest.save(&out).expect("save manifest");

        let line = run(&lock, &out).expect("prune");
        assert!(line.contains("forgot 1 removed notes of 1 documents"), "{line}");
        let after = Manifest::load(&out);
        assert!(!after.sources["a.txt"].formats.contains_key("anki"));
        assert!(after.sources["a.txt"].formats.contains_key("guide"));
        assert!(after.sources["b.txt"].formats.contains_key("anki"));
        let kept = Lockfile::load(&lock).expect("lock");
        assert!(kept.get("a1").is_none() && kept.get("a2").is_some() && kept.get("b1").is_some());
    }
}
