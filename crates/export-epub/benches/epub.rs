//! Books per second in one process: every outline JSON under the given
//! folders (as `studyforge build --format json` writes them), rendered to
//! EPUB repeatedly; prints the mean time per document.
//!
//! `cargo bench -p export-epub --bench epub -- out/` (see docs/performance-epub.md)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use export::{Exporter, Options, RenderContext, Templates};
use model::Document;

/// Long enough that timer resolution and one-off cache misses vanish.
const MIN_TOTAL: Duration = Duration::from_secs(2);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dirs: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let mut files = Vec::new();
    for dir in &dirs {
        collect_json(dir, &mut files)?;
    }
    files.sort();
    if files.is_empty() {
        return Err(
            "no outline JSON found; pass folders holding `studyforge build --format json` output"
                .into(),
        );
    }
    let docs: Vec<Document> = files
        .iter()
        .map(|f| Ok(serde_json::from_slice(&std::fs::read(f)?)?))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let items: Vec<_> = docs.iter().map(study::derive).collect();
    let (options, templates) = (
        Options {
            build_time: Some(0),
            ..Options::default()
        },
        Templates::embedded(),
    );
    let contexts: Vec<_> = docs
        .iter()
        .zip(&items)
        .map(|(document, items)| RenderContext {
            document,
            items,
            options: &options,
            templates: &templates,
        })
        .collect();

    let mut bytes = 0;
    let (mut rounds, start) = (0u32, Instant::now());
    while start.elapsed() < MIN_TOTAL || rounds < 10 {
        for cx in &contexts {
            bytes += export_epub::Epub
                .render(cx)?
                .iter()
                .map(|a| a.bytes.len())
                .sum::<usize>();
        }
        rounds += 1;
    }
    let per_doc = start.elapsed() / (rounds * contexts.len() as u32);
    println!(
        "epub: {} documents ({} nodes, {} study items), {rounds} rounds: {:.3} ms per document, {} bytes per round",
        contexts.len(),
        docs.iter().map(|d| d.walk().count()).sum::<usize>(),
        items.iter().map(Vec::len).sum::<usize>(),
        per_doc.as_secs_f64() * 1e3,
        bytes / rounds as usize,
    );
    Ok(())
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_json(&path, out)?;
        } else if path.file_name().is_some_and(|n| n == "outline.json") {
            out.push(path);
        }
    }
    Ok(())
}
