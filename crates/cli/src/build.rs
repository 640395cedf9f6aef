//! `studyforge build`: sources in, one folder of artifacts per document out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use export::{Exporter, Options, RenderContext, Templates};
use model::Document;

use crate::formats;

#[derive(clap::Args)]
pub struct BuildArgs {
    /// Source files or folders (default: sources/)
    paths: Vec<PathBuf>,
    /// Output folder; each document gets `<out>/<slug>/`
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Comma-separated formats (default: all); see `studyforge formats`
    #[arg(long, value_delimiter = ',')]
    format: Vec<String>,
    /// Folder of user templates overriding the built-in ones
    #[arg(long, default_value = "templates")]
    templates: PathBuf,
}

/// File extensions `build` picks up when given a folder.
const SOURCE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "mm", "opml", "text"];

pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    let registry = formats::registry();
    let exporters = select(&registry, &args.format)?;
    let inputs = if args.paths.is_empty() { vec![PathBuf::from("sources")] } else { args.paths.clone() };
    let files = collect_sources(&inputs)?;
    let options = Options { build_time: source_date_epoch()?, ..Options::default() };
    let templates = if args.templates.is_dir() { Templates::with_dir(&args.templates) } else { Templates::embedded() };
    let mut failures = 0;
    let mut slugs = BTreeSet::new();
    for file in &files {
        let doc = match ingest::ingest_file(file, None) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("error: {err}");
                failures += 1;
                continue;
            }
        };
        let dir = args.out.join(unique_slug(&doc, &mut slugs));
        let items = study::derive(&doc);
        let cx = RenderContext { document: &doc, items: &items, options: &options, templates: &templates };
        for exporter in &exporters {
            if let Err(err) = render_one(*exporter, &cx, &dir) {
                eprintln!("error: {}: {}: {err:#}", file.display(), exporter.name());
                failures += 1;
            }
        }
        println!("built {} -> {}", file.display(), dir.display());
    }
    Ok(if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn render_one(exporter: &dyn Exporter, cx: &RenderContext<'_>, dir: &Path) -> Result<()> {
    let artifacts = exporter.render(cx)?;
    export::write_artifacts(dir, &artifacts)?;
    Ok(())
}

fn select<'r>(registry: &'r export::Registry, names: &[String]) -> Result<Vec<&'r dyn Exporter>> {
    if names.is_empty() {
        return Ok(registry.iter().collect());
    }
    names
        .iter()
        .map(|name| {
            registry
                .get(name.trim())
                .with_context(|| format!("unknown format {name:?}; known: {}", registry.names().join(", ")))
        })
        .collect()
}

/// Files given directly, plus supported files found under folders, sorted so
/// builds are the same on every machine.
fn collect_sources(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found).with_context(|| format!("reading {}", input.display()))?;
            found.sort();
            files.extend(found);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            bail!("{}: no such file or folder", input.display());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Two documents with the same title must not overwrite each other.
fn unique_slug(doc: &Document, taken: &mut BTreeSet<String>) -> String {
    let base = doc.slug();
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for a fixed time.
fn source_date_epoch() -> Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => {
            Ok(Some(v.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?))
        }
        _ => Ok(None),
    }
}
