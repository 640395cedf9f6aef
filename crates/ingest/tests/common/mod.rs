//! Helpers shared by the ingest integration tests.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use model::{Document, Node};

/// `../shared/seeds` beside the checkout. CI sets `STUDYFORGE_REQUIRE_SEEDS`
/// so a missing folder fails there instead of silently skipping.
pub fn seed(prefix: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries.filter_map(Result::ok).map(|e| e.path()).find(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix))
        })
    });
    if found.is_none() {
        assert!(std::env::var_os("STUDYFORGE_REQUIRE_SEEDS").is_none(), "seed {prefix} not found in {}", dir.display());
        eprintln!("skipping: seed {prefix} not found in {}", dir.display());
    }
    found
}

pub fn sources_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sources")
}

/// Lowercased words of a text: letters and digits, split on everything else.
pub fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Every word the document holds: title, metadata, node texts, dropped lines.
pub fn model_words(doc: &Document) -> BTreeSet<String> {
    let mut all = words(&doc.title);
    let m = &doc.meta;
    for v in [&m.author, &m.date, &m.site, &m.category, &m.description].into_iter().flatten() {
        all.extend(words(v));
    }
    for r in doc.walk() {
        all.extend(words(&r.node.text));
        for mark in &r.node.marks {
            if let model::MarkStyle::Link { url } = &mark.style {
                all.extend(words(url));
            }
        }
    }
    all
}

/// Find the first node whose text starts with `prefix`, with its path.
pub fn find<'a>(doc: &'a Document, prefix: &str) -> (&'a Node, Vec<&'a str>) {
    doc.walk()
        .find(|r| r.node.text.starts_with(prefix))
        .map(|r| (r.node, r.path))
        .unwrap_or_else(|| panic!("no node starting with {prefix:?}"))
}

pub fn child_texts(node: &Node) -> Vec<&str> {
    node.children.iter().map(|c| c.text.as_str()).collect()
}
