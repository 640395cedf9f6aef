//! Readers: raw bytes in, [`model::Document`] out.
//!
//! `decode` → `detect` → one reader per source kind → `finish` (roles, ids)
//! → language. Readers never know about exporters; exporters never see raw
//! text.

mod arena;
mod case;
mod decode;
mod detect;
mod finish;
mod flat;
mod inline;
mod junk;
mod lang;
mod lines;
mod markdown;
mod numbering;
pub mod rules;
mod outline;
mod xml;

use std::path::Path;

use model::{Document, Meta, SourceKind};

pub use detect::detect;

/// A source that could not be read, with the file and, when known, the line.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct IngestError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Read the file at `path`.
pub fn ingest_file(path: &Path, kind: Option<SourceKind>) -> Result<Document, IngestError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| IngestError { file: name.clone(), line: None, message: e.to_string() })?;
    ingest_bytes(&name, &bytes, kind)
}

/// Read `bytes`, the content of `file`, as `kind` (detected when `None`).
pub fn ingest_bytes(file: &str, bytes: &[u8], kind: Option<SourceKind>) -> Result<Document, IngestError> {
    let text = decode::decode(bytes).map_err(|e| IngestError { file: file.into(), line: None, message: e.to_string() })?;
    let kind = kind.unwrap_or_else(|| detect(file, &text));
    let parsed = match kind {
        SourceKind::CogglePage | SourceKind::Blog => flat::read(&text, kind),
        SourceKind::Markdown => markdown::read(&text),
        SourceKind::IndentOutline => outline::read(&text),
        SourceKind::Freemind | SourceKind::Opml => xml::read(&text, kind)
            .map_err(|e| IngestError { file: file.into(), line: Some(e.line), message: e.message })?,
    };
    Ok(assemble(file, kind, parsed))
}

fn assemble(file: &str, kind: SourceKind, parsed: flat::Parsed) -> Document {
    let mut nodes = parsed.arena.finish();
    let mut title = parsed.title;
    // A mind map's central topic, or a root repeating the title the page
    // gave, titles the document.
    let root_is_title = |t: &str| single_root_text(&nodes).is_some_and(|root| decode::fold(t) == decode::fold(root));
    if title.as_deref().is_none_or(root_is_title) {
        title = take_single_root(&mut nodes).or(title);
    }
    finish::finish(&mut nodes);
    let title = title.unwrap_or_else(|| title_from_path(file));
    let mut meta = Meta { source: file.to_owned(), kind, ..parsed.meta };
    if meta.language.is_empty() {
        let mut texts = vec![title.as_str()];
        collect_texts(&nodes, &mut texts);
        meta.language = lang::detect(texts.into_iter()).to_owned();
    }
    Document { title, meta, nodes, dropped: parsed.dropped }
}

/// Node texts in document order, without building heading paths.
fn collect_texts<'a>(nodes: &'a [model::Node], out: &mut Vec<&'a str>) {
    for node in nodes {
        out.push(&node.text);
        collect_texts(&node.children, out);
    }
}

/// Rule `single-root-title`: a source with one top node holding everything
/// (a Markdown `# Title`, a mind map's central topic) is titled by it.
fn take_single_root(nodes: &mut Vec<model::Node>) -> Option<String> {
    match nodes.as_mut_slice() {
        [root] if root.kind == model::NodeKind::Heading => {
            let children = std::mem::take(&mut root.children);
            let title = std::mem::take(&mut root.text);
            *nodes = children;
            Some(title)
        }
        _ => None,
    }
}

/// The text of the one top node holding everything, if it is a heading.
fn single_root_text(nodes: &[model::Node]) -> Option<&str> {
    match nodes {
        [root] if root.kind == model::NodeKind::Heading => Some(&root.text),
        _ => None,
    }
}

/// "apuntes_tema-2.txt" → "apuntes tema 2".
fn title_from_path(file: &str) -> String {
    let stem = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or("untitled");
    let title = decode::normalize_space(&stem.replace(['_', '-'], " ")).into_owned();
    if title.is_empty() { "untitled".to_owned() } else { title }
}
