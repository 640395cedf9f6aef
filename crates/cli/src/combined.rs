//! Combined outputs (a course EPUB, one Anki package for every document),
//! made from the models the build wrote rather than from models kept in
//! memory since ingest.
//!
//! Each document's `outline.json` is the model exactly (serde both ways,
//! with the build's language already applied), so reading it back gives
//! what the render saw. That keeps the per-document phase streaming, and
//! lets anything that has the written folders — a merge of CI shards —
//! make the combined outputs a single build would have made, by calling
//! [`render_from`] with the same exporters and options.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use export::{Exporter, Options, RenderContext, Templates};
use model::Document;

/// Folder, under the output folder, of the combined outputs.
pub const FOLDER: &str = "combined";

/// The per-document file combined outputs are made from (written by the
/// `json` format, which `--combined` therefore always builds).
pub const MODEL_FILE: &str = "outline.json";

/// Write `<out>/combined/` for the documents in `slugs` (output folder
/// names, in build order), one combined output per exporter that has a
/// combined form. Returns one error per exporter that failed; an
/// unreadable model fails them all, naming its file.
pub fn render_from(
    out: &Path,
    slugs: &[String],
    exporters: &[&dyn Exporter],
    options: &Options,
    templates: &Templates,
) -> Vec<anyhow::Error> {
    let loaded = match load(out, slugs) {
        Ok(loaded) => loaded,
        Err(e) => return vec![e.context("combined outputs")],
    };
    if loaded.is_empty() {
        return Vec::new();
    }
    let contexts: Vec<RenderContext<'_>> = loaded
        .iter()
        .map(|(document, items)| RenderContext { document, items, options, templates })
        .collect();
    write(out, exporters, &contexts)
}

/// Write `<out>/combined/` over `contexts`: one error per exporter that
/// failed. `merge` calls it with the models of every shard.
pub fn write(out: &Path, exporters: &[&dyn Exporter], contexts: &[RenderContext<'_>]) -> Vec<anyhow::Error> {
    exporters
        .iter()
        .filter_map(|exporter| {
            let result = exporter.render_combined(contexts)?;
            result
                .map_err(anyhow::Error::from)
                .and_then(|a| Ok(export::write_artifacts(&out.join(FOLDER), &a)?))
                .with_context(|| format!("combined {}", exporter.name()))
                .err()
        })
        .collect()
}

/// Every document's model and study items, from its written JSON.
fn load(out: &Path, slugs: &[String]) -> Result<Vec<(Document, Vec<study::StudyItem>)>> {
    slugs
        .iter()
        .map(|slug| {
            let path: PathBuf = out.join(slug).join(MODEL_FILE);
            let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let document: Document =
                serde_json::from_slice(&bytes).with_context(|| format!("{}: not a studyforge model", path.display()))?;
            let items = study::derive(&document);
            Ok((document, items))
        })
        .collect()
}
