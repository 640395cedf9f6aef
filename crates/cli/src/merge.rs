//! `studyforge merge`: the output folders of `build --shard K/N` joined into
//! what one unsharded build would have written.
//!
//! Each shard's manifest says which source it built into which folder and
//! which files; the folders are copied under the names one build would have
//! given them (title slugs made unique in source order, so two shards'
//! documents of one title become `x` and `x-2`). Combined outputs cannot
//! be joined from per-shard books and decks, so they are rendered again
//! from the models the shards wrote (`outline.json`, the `json` format).
//! Each shard also leaves the `studyforge.lock` it wrote in its folder;
//! their changes since the project's lock are joined into that lock, and
//! a note two shards changed differently stops the merge before anything
//! is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use export::{Artifact, Exporter, Options, Templates};
use export_anki::{Conflict, Lockfile, ShardLock};
use model::Document;

use crate::combined::MODEL_FILE;
use crate::config::Config;
use crate::manifest::{Entry, Manifest};
use crate::report::{Reporter, Verbosity};

/// Name of the lock a shard job copies into its output folder.
pub const SHARD_LOCK: &str = "studyforge.lock";

#[derive(clap::Args)]
pub struct MergeArgs {
    /// Output folders of `build --shard K/N`, each holding the studyforge.lock its shard wrote
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Folder to write (absent or empty; default: `out` from studyforge.toml)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The lock the shards started from, replaced by the merged one (default: studyforge.lock beside studyforge.toml)
    #[arg(long)]
    pub lock: Option<PathBuf>,
    /// Settings file (default: ./studyforge.toml when present)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Folder of user templates and template plugins
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

/// One document a shard built.
struct Built {
    source: String,
    shard: usize,
    entry: Entry,
    /// Its model's slug (what one build names its folder after), when the
    /// shard wrote the `json` format.
    model_slug: Option<String>,
}

pub fn run(args: &MergeArgs) -> Result<ExitCode> {
    let (config, base) = Config::load(args.config.as_deref())?;
    let out = args.out.clone().unwrap_or_else(|| config.out.clone());
    let lock_path = args.lock.clone().unwrap_or_else(|| base.join("studyforge.lock"));
    ensure_empty(&out)?;
    let docs = read_shards(&args.shards)?;
    let slugs = assign_slugs(&docs)?;
    let combined = args.shards.iter().any(|s| s.join(crate::combined::FOLDER).is_dir());
    if combined {
        if let Some(d) = docs.iter().find(|d| d.model_slug.is_none()) {
            bail!(
                "{}: no {MODEL_FILE}; combined outputs are made again from each document's model, \
                 so build the shards with the json format",
                args.shards[d.shard].join(&d.entry.slug).display()
            );
        }
    }
    let lock = merge_locks(&args.shards, &docs, &lock_path)?;
    let mut manifest = Manifest::default();
    for (doc, slug) in docs.iter().zip(&slugs) {
        copy_document(&args.shards[doc.shard], doc, &out.join(slug))?;
        let mut entry = doc.entry.clone();
        entry.slug.clone_from(slug);
        manifest.sources.insert(doc.source.clone(), entry);
    }
    let lock_state = if let Some(lock) = &lock {
        lock.save(&lock_path)?;
        "updated"
    } else {
        "unchanged"
    };
    // Only failures of the combined phase and the site are reported through it.
    let reporter = Reporter::new(0, Verbosity::Quiet);
    let templates_dir = args.templates.clone().unwrap_or_else(|| config.templates.clone());
    let options = Options { formats: formats_built(&docs).into_iter().collect(), ..config.options(lock_path.clone())? };
    if combined {
        render_combined(&out, &templates_dir, &formats_built(&docs), &options, &slugs, &reporter)?;
    }
    // The course site over every shard's documents, from their summaries.
    let templates = if templates_dir.is_dir() { Templates::with_dir(&templates_dir) } else { Templates::embedded() };
    let summaries = args.shards.iter().flat_map(|shard| crate::site::read_summaries(shard)).collect();
    crate::site::write(&out, &options, &templates, &manifest, summaries)?;
    manifest.save(&out)?;
    eprintln!(
        "merged {} documents from {} shards into {}; {} {lock_state}",
        docs.len(),
        args.shards.len(),
        out.display(),
        lock_path.display()
    );
    Ok(if reporter.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The merge writes a whole folder: mixing it into an older build's
/// output would leave that build's documents and manifest entries behind.
fn ensure_empty(out: &Path) -> Result<()> {
    match std::fs::read_dir(out).map(|mut entries| entries.next().is_none()) {
        Ok(true) => Ok(()),
        Ok(false) => bail!("{}: not empty; merge writes a fresh output folder", out.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("reading {}", out.display())),
    }
}

/// Every document of every shard, in source order (the order one build
/// reads a folder in), each source from exactly one shard.
fn read_shards(shards: &[PathBuf]) -> Result<Vec<Built>> {
    let mut by_source: BTreeMap<PathBuf, Built> = BTreeMap::new();
    for (shard, dir) in shards.iter().enumerate() {
        let path = Manifest::path(dir);
        let bytes = std::fs::read(&path)
            .with_context(|| format!("{}: not a build's output folder (no manifest)", dir.display()))?;
        let manifest: Manifest =
            serde_json::from_slice(&bytes).with_context(|| format!("{}: unreadable manifest", path.display()))?;
        for (source, entry) in manifest.sources {
            check_names(dir, &entry)?;
            let model_slug = read_model(&dir.join(&entry.slug), &entry)?.as_ref().map(Document::slug);
            let doc = Built { source: source.clone(), shard, entry, model_slug };
            if let Some(other) = by_source.insert(PathBuf::from(&source), doc) {
                bail!(
                    "{source} was built by both {} and {}: merge shards of one build (same N, disjoint K)",
                    shards[other.shard].display(),
                    dir.display()
                );
            }
        }
    }
    Ok(by_source.into_values().collect())
}

/// A manifest names folders and files to copy: each must stay inside its
/// shard's folder.
fn check_names(dir: &Path, entry: &Entry) -> Result<()> {
    let plain = |name: &str| {
        let mut parts = Path::new(name).components();
        matches!(parts.next(), Some(Component::Normal(_))) && parts.all(|c| matches!(c, Component::Normal(_)))
    };
    let files = entry.formats.values().flat_map(|b| &b.files);
    if let Some(bad) = std::iter::once(&entry.slug).chain(files).find(|n| !plain(n.as_str())) {
        bail!("{}: manifest names {bad:?}, which is not a plain relative path", Manifest::path(dir).display());
    }
    Ok(())
}

/// The document's model from its `outline.json`, when it was written; read
/// back with the limits readers keep, since exporters rely on them.
fn read_model(folder: &Path, entry: &Entry) -> Result<Option<Document>> {
    let written = entry.formats.values().any(|b| b.files.iter().any(|f| f == MODEL_FILE));
    if !written {
        return Ok(None);
    }
    let path = folder.join(MODEL_FILE);
    let doc = crate::combined::read_model(&path)?;
    if doc.walk().any(|n| n.depth >= model::MAX_DEPTH) {
        bail!("{}: nested deeper than {} levels", path.display(), model::MAX_DEPTH);
    }
    Ok(Some(doc))
}

/// Folder names as one build gives them: the title's slug, made unique in
/// source order. Without the model, the shard's own name is the base.
fn assign_slugs(docs: &[Built]) -> Result<Vec<String>> {
    let mut taken = BTreeSet::new();
    let mut slugs = Vec::with_capacity(docs.len());
    for doc in docs {
        let base = doc.model_slug.clone().unwrap_or_else(|| doc.entry.slug.clone());
        let mut slug = base.clone();
        let mut n = 2;
        while !taken.insert(slug.clone()) {
            if doc.model_slug.is_none() {
                bail!(
                    "{}: another shard's document is also named {base:?}; build the shards with the \
                     json format so merge can name them as one build would",
                    doc.source
                );
            }
            slug = format!("{base}-{n}");
            n += 1;
        }
        slugs.push(slug);
    }
    Ok(slugs)
}

/// The project's lock with every shard's changes, or `None` when no shard
/// changed it. Read and checked before anything is written.
fn merge_locks(shards: &[PathBuf], docs: &[Built], lock_path: &Path) -> Result<Option<Lockfile>> {
    let base = Lockfile::load(lock_path)?;
    let mut locks = Vec::with_capacity(shards.len());
    for (shard, dir) in shards.iter().enumerate() {
        let path = dir.join(SHARD_LOCK);
        let decks: Vec<&Built> = docs.iter().filter(|d| d.shard == shard && d.entry.formats.contains_key("anki")).collect();
        if path.is_file() {
            let built = decks.iter().map(|d| deck_items(&dir.join(&d.entry.slug))).collect::<Result<Vec<_>>>()?;
            locks.push(ShardLock { lock: Lockfile::load(&path)?, built: built.into_iter().flatten().collect() });
        } else if !decks.is_empty() {
            bail!(
                "{}: missing; a shard that builds Anki decks must copy its studyforge.lock into its \
                 output folder, or its note GUIDs and times are lost",
                path.display()
            );
        }
    }
    match Lockfile::merge_shards(&base, &locks) {
        Ok(merged) => Ok(merged.is_dirty().then_some(merged)),
        Err(conflicts) => bail!("{}", describe(&conflicts, shards)),
    }
}

/// The study items a document's deck holds, from its `deck.items.json`.
fn deck_items(folder: &Path) -> Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Report {
        items: Vec<Item>,
    }
    #[derive(serde::Deserialize)]
    struct Item {
        id: String,
    }
    let path = folder.join(export_anki::REPORT_NAME);
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let report: Report = serde_json::from_slice(&bytes).with_context(|| format!("{}: unreadable", path.display()))?;
    Ok(report.items.into_iter().map(|i| i.id).collect())
}

fn describe(conflicts: &[Conflict], shards: &[PathBuf]) -> String {
    let mut text = format!("the shards' lock files disagree on {} note(s); nothing was written:", conflicts.len());
    for c in conflicts {
        text.push_str(&format!("\n  {}:", c.item));
        for (shard, note) in &c.versions {
            let what = note.as_ref().map_or_else(
                || "forgot it".to_owned(),
                |n| format!("document {}, guid {}, changed {}", n.document, n.guid, n.changed),
            );
            text.push_str(&format!("\n    {}: {what}", shards[*shard].join(SHARD_LOCK).display()));
        }
    }
    text
}

/// Copy the files the shard's manifest lists for one document.
fn copy_document(shard: &Path, doc: &Built, dest: &Path) -> Result<()> {
    let from = shard.join(&doc.entry.slug);
    let files: BTreeSet<&String> = doc.entry.formats.values().flat_map(|b| &b.files).collect();
    let artifacts = files
        .into_iter()
        .map(|name| {
            let path = from.join(name);
            let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            Ok(Artifact { file_name: name.clone(), bytes })
        })
        .collect::<Result<Vec<_>>>()?;
    export::write_artifacts(dest, &artifacts)?;
    Ok(())
}

/// Formats any shard built, by name.
fn formats_built(docs: &[Built]) -> BTreeSet<String> {
    docs.iter().flat_map(|d| d.entry.formats.keys().cloned()).collect()
}

/// The combined outputs of the formats the shards built, over every
/// document in source order, as `build --combined` renders them: from the
/// models just copied into `out`.
fn render_combined(
    out: &Path,
    templates_dir: &Path,
    formats: &BTreeSet<String>,
    options: &Options,
    slugs: &[String],
    reporter: &Reporter,
) -> Result<()> {
    let registry = crate::formats::registry(templates_dir)?;
    let exporters: Vec<&dyn Exporter> = registry.iter().filter(|e| formats.contains(e.name())).collect();
    let templates = if templates_dir.is_dir() { Templates::with_dir(templates_dir) } else { Templates::embedded() };
    for e in crate::combined::render_from(out, slugs, &exporters, options, &templates) {
        reporter.fail(&format!("{e:#}"));
    }
    for exporter in exporters {
        if let Err(e) = exporter.finish() {
            reporter.fail(&format!("{}: {e}", exporter.name()));
        }
    }
    Ok(())
}
