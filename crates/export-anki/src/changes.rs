//! What a new version of a deck does to a learner's collection: the notes
//! it adds, changes and marks removed, as `deck-changes.md` next to the
//! package and as lines in the build summary.
//!
//! The file describes the deck's latest new version (kept in the lock), not
//! just this build: rebuilding an unchanged deck rewrites the same bytes, and
//! a teacher can still read what the package they are about to hand out
//! changed.

use export::builtin::escape_markdown;

use crate::deck::DocumentChanges;
use crate::lockfile::{DeckChanges, REMOVED_TAG};

/// File name of the report next to the package.
pub const FILE_NAME: &str = "deck-changes.md";

/// `deck-changes.md` for a package of one or more documents' decks.
pub fn report(changes: &[DocumentChanges]) -> String {
    let mut out = String::from("# Deck changes\n\n");
    out.push_str("What importing this package does to a collection that holds the previous version of each deck.\n");
    for doc in changes {
        out.push_str(&format!("\n## {}\n\n", escape_markdown(&doc.deck, false)));
        if doc.latest.is_empty() {
            out.push_str("No changes recorded yet.\n");
            continue;
        }
        out.push_str(&format!("{}.\n", counts(&doc.latest)));
        section(&mut out, "Added", &doc.latest.added, doc);
        section(&mut out, "Changed", &doc.latest.changed, doc);
        if !doc.latest.moved.is_empty() {
            out.push_str(&format!(
                "\n{} more notes only moved within the source: importing updates their Source line, nothing to re-learn.\n",
                doc.latest.moved.len()
            ));
        }
        if !doc.latest.removed.is_empty() {
            section(&mut out, "Removed", &doc.latest.removed, doc);
            out.push_str(&format!(
                "\nRemoved notes come back tagged `{REMOVED_TAG}`: in Anki, search `tag:{REMOVED_TAG}` to find and delete them.\n"
            ));
        }
    }
    out
}

/// One summary line per deck this build changed.
pub fn summary(changes: &[DocumentChanges]) -> Vec<String> {
    changes.iter().filter(|d| !d.now.is_empty()).map(|d| format!("deck {}: {}", d.deck, counts(&d.now))).collect()
}

fn counts(changes: &DeckChanges) -> String {
    let mut text = format!(
        "{} added, {} changed, {} removed",
        changes.added.len(),
        changes.changed.len(),
        changes.removed.len()
    );
    if !changes.moved.is_empty() {
        text.push_str(&format!(" ({} moved in the source)", changes.moved.len()));
    }
    text
}

fn section(out: &mut String, name: &str, items: &[String], doc: &DocumentChanges) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {name}\n\n"));
    for (_, label) in doc.labels.iter().filter(|(id, _)| items.binary_search(id).is_ok()) {
        out.push_str(&format!("- {}\n", escape_markdown(label, false)));
    }
    // Notes no longer in the package (pruned since): only their ids are known.
    for item in items.iter().filter(|id| !doc.labels.iter().any(|(known, _)| known == *id)) {
        out.push_str(&format!("- item `{item}`\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(latest: DeckChanges, now: DeckChanges) -> DocumentChanges {
        let labels = vec![("r".to_string(), "Viejo".to_string()), ("a".to_string(), "¿Qué es *x*?".to_string())];
        DocumentChanges { deck: "Tema 1".into(), now, latest, labels }
    }

    #[test]
    fn lists_each_change_under_its_kind_with_the_removed_search() {
        let latest = DeckChanges {
            added: vec!["a".into()],
            removed: vec!["gone".into(), "r".into()],
            moved: vec!["m".into()],
            ..DeckChanges::default()
        };
        let text = report(&[doc(latest, DeckChanges::default())]);
        assert!(text.contains("## Tema 1\n\n1 added, 0 changed, 2 removed (1 moved in the source).\n"), "{text}");
        assert!(text.contains("1 more notes only moved"), "{text}");
        assert!(text.contains("### Added\n\n- ¿Qué es \\*x\\*?\n"), "{text}");
        assert!(text.contains("### Removed\n\n- Viejo\n- item `gone`\n"), "{text}");
        assert!(text.contains("tag:studyforge::removed"), "{text}");
        assert!(!text.contains("### Changed"), "{text}");
    }

    #[test]
    fn summary_names_only_decks_this_build_changed() {
        let changed = DeckChanges { changed: vec!["a".into()], ..DeckChanges::default() };
        let quiet = doc(changed.clone(), DeckChanges::default());
        let loud = doc(changed.clone(), changed);
        assert_eq!(summary(&[quiet, loud]), vec!["deck Tema 1: 0 added, 1 changed, 0 removed".to_string()]);
    }
}
