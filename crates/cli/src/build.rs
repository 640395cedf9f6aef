//! `studyforge build`: sources in, one folder of artifacts per document out.
//!
//! Three phases: read and (when anything is stale) ingest every source in
//! parallel; give each document its output folder, in source order so the
//! names never depend on thread timing; render the stale formats in
//! parallel. One bad document is reported and the rest still build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use export::parallel::run_each;
use export::{Exporter, Options, Registry, RenderContext, Templates};
use model::{Document, SourceKind};
use study::StudyItem;

use crate::config::Config;
use crate::manifest::{self, Built, Entry, Manifest};
use crate::report::{Reporter, Verbosity};
use crate::sources::{self, Shard};

/// Exit code for a bad command line (clap uses it too).
pub const USAGE: u8 = 2;

#[derive(clap::Args, Clone)]
pub struct BuildArgs {
    /// Source files or folders (default: `sources` from studyforge.toml, else sources/)
    pub paths: Vec<PathBuf>,
    /// Output folder; each document gets `<out>/<slug>/`
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Comma-separated formats (default: all); see `studyforge formats`
    #[arg(long, value_delimiter = ',')]
    pub format: Vec<String>,
    /// Folder of user templates and template plugins
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Settings file (default: ./studyforge.toml when present)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Read every source as this kind instead of detecting it
    #[arg(long, value_enum)]
    pub kind: Option<crate::Kind>,
    /// Parallel jobs (default: one per core)
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Rebuild everything, ignoring what the last build wrote
    #[arg(long)]
    pub force: bool,
    /// Build only share K of N (e.g. 2/3), for a CI matrix
    #[arg(long, value_parser = sources::parse_shard)]
    pub shard: Option<Shard>,
    /// Also write one combined output per format (course EPUB, one Anki package)
    #[arg(long, alias = "anki-combined")]
    pub combined: bool,
    /// Paper for PDFs
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// Columns of the cheat sheet
    #[arg(long)]
    pub columns: Option<u32>,
    /// Force the language ("es", "en", "pt", "fr") instead of detecting it
    #[arg(long)]
    pub language: Option<String>,
    /// Only print failures and nothing on success
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// One line per document, even when nothing changed
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

/// Everything a build needs, settled from config and flags.
struct Plan {
    out: PathBuf,
    templates_dir: PathBuf,
    options: Options,
    language: Option<String>,
    kind: Option<SourceKind>,
    combined: bool,
    force: bool,
    settings_key: String,
    /// Documents rendered at the same time.
    jobs: usize,
}

/// A source after phase one.
struct Prepared {
    source: String,
    stale: Vec<usize>,
    keys: Vec<String>,
    doc: Option<(Document, Vec<StudyItem>)>,
}

/// A document's renders still running and how many succeeded, so it is
/// reported (progress bar, CI log line) as soon as its last one finishes.
struct Progress {
    remaining: AtomicUsize,
    built: AtomicUsize,
}

impl Progress {
    fn new(tasks: usize) -> Progress {
        Progress { remaining: AtomicUsize::new(tasks), built: AtomicUsize::new(0) }
    }

    /// Count one finished render; true when it was the document's last.
    fn task_done(&self, built: bool) -> bool {
        if built {
            self.built.fetch_add(1, Ordering::Relaxed);
        }
        self.remaining.fetch_sub(1, Ordering::AcqRel) == 1
    }
}

pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    let (config, base) = Config::load(args.config.as_deref())?;
    let plan = plan(args, &config, &base)?;
    let registry = crate::formats::registry(&plan.templates_dir)?;
    let names = if args.format.is_empty() { config.formats.clone() } else { args.format.clone() };
    let exporters = match select(&registry, &names) {
        Ok(e) => e,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(ExitCode::from(USAGE));
        }
    };
    let inputs = if args.paths.is_empty() { config.sources.clone() } else { args.paths.clone() };
    let mut files = match sources::collect(&inputs) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e:#}");
            return Ok(ExitCode::from(USAGE));
        }
    };
    if let Some(shard) = args.shard {
        files.retain(|f| shard.contains(f));
    }
    let verbosity = match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let reporter = Reporter::new(files.len(), verbosity);
    build(&plan, &exporters, &files, &reporter)?;
    reporter.finish();
    Ok(if reporter.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn plan(args: &BuildArgs, config: &Config, base: &Path) -> Result<Plan> {
    let paper = match args.paper {
        Some(PaperArg::A4) => export::Paper::A4,
        Some(PaperArg::Letter) => export::Paper::Letter,
        None => config.paper,
    };
    let options = Options {
        paper,
        columns: args.columns.unwrap_or(config.columns).max(1),
        build_time: source_date_epoch()?,
        project: config.project.clone(),
        lockfile: Some(base.join(export_anki::LOCK_NAME)),
    };
    let language = args.language.clone().or_else(|| config.language.clone());
    let settings_key = manifest::key(&[
        env!("CARGO_PKG_VERSION").as_bytes(),
        serde_json::to_string(&options)?.as_bytes(),
        language.as_deref().unwrap_or("").as_bytes(),
        args.kind.map(|k| SourceKind::from(k).name()).unwrap_or("").as_bytes(),
    ]);
    Ok(Plan {
        out: args.out.clone().unwrap_or_else(|| config.out.clone()),
        templates_dir: args.templates.clone().unwrap_or_else(|| config.templates.clone()),
        options,
        language,
        kind: args.kind.map(Into::into),
        combined: args.combined || config.combined,
        force: args.force,
        settings_key,
        jobs: match args.jobs.unwrap_or(config.jobs) {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            jobs => jobs,
        },
    })
}

fn build(plan: &Plan, exporters: &[&dyn Exporter], files: &[PathBuf], reporter: &Reporter) -> Result<()> {
    let mut manifest = if plan.force { Manifest::default() } else { Manifest::load(&plan.out) };
    let template_keys: Vec<String> =
        exporters.iter().map(|e| manifest::templates_key(&plan.templates_dir, &e.template_paths())).collect();
    let prepared: Vec<Option<Prepared>> =
        run_each(files, plan.jobs, |file| prepare(plan, exporters, &template_keys, &manifest, file, reporter))?;
    let prepared: Vec<Prepared> = prepared.into_iter().flatten().collect();
    let slugs = assign_slugs(&prepared, &manifest);
    let templates = if plan.templates_dir.is_dir() { Templates::with_dir(&plan.templates_dir) } else { Templates::embedded() };
    let tasks: Vec<(usize, usize)> =
        prepared.iter().enumerate().flat_map(|(d, p)| p.stale.iter().map(move |&f| (d, f))).collect();
    let progress: Vec<Progress> = prepared.iter().map(|p| Progress::new(p.stale.len())).collect();
    let report = |d: usize| {
        let p = &prepared[d];
        let dest = plan.out.join(&slugs[d]);
        let built = progress[d].built.load(Ordering::Relaxed);
        reporter.document(&p.source, &dest.display().to_string(), built, exporters.len() - p.stale.len());
    };
    (0..prepared.len()).filter(|&d| prepared[d].stale.is_empty()).for_each(report);
    let results: Vec<(usize, usize, Option<Vec<String>>)> = run_each(&tasks, plan.jobs, |&(d, f)| {
        let files = render(plan, &templates, exporters[f], &prepared[d], &slugs[d], reporter);
        if progress[d].task_done(files.is_some()) {
            report(d);
        }
        (d, f, files)
    })?;
    for (d, f, files) in results {
        let p = &prepared[d];
        let entry = manifest.sources.entry(p.source.clone()).or_insert_with(Entry::default);
        entry.slug.clone_from(&slugs[d]);
        let format = exporters[f].name().to_owned();
        match files {
            Some(files) => entry.formats.insert(format, Built { key: p.keys[f].clone(), files }),
            None => entry.formats.remove(&format),
        };
    }
    if plan.combined {
        combined(plan, &templates, exporters, &prepared, reporter);
    }
    for exporter in exporters {
        match exporter.finish() {
            Ok(lines) => lines.iter().for_each(|line| reporter.note(line)),
            Err(e) => reporter.fail(&format!("{}: {e}", exporter.name())),
        }
    }
    manifest.save(&plan.out)
}

/// Read a source, decide which formats are stale, and ingest it if any is.
fn prepare(
    plan: &Plan,
    exporters: &[&dyn Exporter],
    template_keys: &[String],
    manifest: &Manifest,
    file: &Path,
    reporter: &Reporter,
) -> Option<Prepared> {
    let source = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            reporter.fail(&format!("{source}: {e}"));
            return None;
        }
    };
    let keys: Vec<String> = exporters
        .iter()
        .zip(template_keys)
        .map(|(e, t)| manifest::key(&[&bytes, plan.settings_key.as_bytes(), e.name().as_bytes(), t.as_bytes()]))
        .collect();
    let stale: Vec<usize> = (0..exporters.len())
        .filter(|&i| !manifest.is_fresh(&source, exporters[i].name(), &keys[i], &plan.out))
        .collect();
    if stale.is_empty() && !plan.combined {
        return Some(Prepared { source, stale, keys, doc: None });
    }
    match ingest::ingest_bytes(&source, &bytes, plan.kind) {
        Ok(mut doc) => {
            if let Some(lang) = &plan.language {
                doc.meta.language.clone_from(lang);
            }
            if doc.nodes.is_empty() {
                reporter.warn(&format!("{source}: no content left after removing page chrome"));
            }
            let items = study::derive(&doc);
            Some(Prepared { source, stale, keys, doc: Some((doc, items)) })
        }
        Err(e) => {
            reporter.fail(&e.to_string());
            None
        }
    }
}

/// Output folder names: the last build's name for a known source, else the
/// title's slug, made unique in source order.
fn assign_slugs(prepared: &[Prepared], manifest: &Manifest) -> Vec<String> {
    let mut taken: BTreeSet<String> = manifest.sources.values().map(|e| e.slug.clone()).collect();
    prepared
        .iter()
        .map(|p| {
            if let Some(entry) = manifest.sources.get(&p.source) {
                return entry.slug.clone();
            }
            let base = p.doc.as_ref().map_or_else(|| "untitled".to_owned(), |(d, _)| d.slug());
            let mut slug = base.clone();
            let mut n = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            slug
        })
        .collect()
}

/// Render one format of one document; the file names written, or `None`
/// after reporting a failure.
fn render(
    plan: &Plan,
    templates: &Templates,
    exporter: &dyn Exporter,
    p: &Prepared,
    slug: &str,
    reporter: &Reporter,
) -> Option<Vec<String>> {
    let (doc, items) = p.doc.as_ref()?;
    let cx = RenderContext { document: doc, items, options: &plan.options, templates };
    let written = exporter
        .render(&cx)
        .map_err(anyhow::Error::from)
        .and_then(|artifacts| Ok(export::write_artifacts(&plan.out.join(slug), &artifacts)?));
    match written {
        Ok(paths) => Some(paths.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect()),
        Err(e) => {
            reporter.fail(&format!("{}: {}: {e:#}", p.source, exporter.name()));
            None
        }
    }
}

/// The combined outputs over every ingested document.
fn combined(plan: &Plan, templates: &Templates, exporters: &[&dyn Exporter], prepared: &[Prepared], reporter: &Reporter) {
    let contexts: Vec<RenderContext<'_>> = prepared
        .iter()
        .filter_map(|p| p.doc.as_ref())
        .map(|(document, items)| RenderContext { document, items, options: &plan.options, templates })
        .collect();
    crate::combined::write(&plan.out, exporters, &contexts, reporter);
}

fn select<'r>(registry: &'r Registry, names: &[String]) -> Result<Vec<&'r dyn Exporter>, String> {
    if names.is_empty() {
        return Ok(registry.iter().collect());
    }
    names
        .iter()
        .map(|name| {
            registry
                .get(name.trim())
                .ok_or_else(|| format!("unknown format {name:?}; known: {}", registry.names().join(", ")))
        })
        .collect()
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for a fixed time.
pub(crate) fn source_date_epoch() -> Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => Ok(Some(
            v.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?,
        )),
        _ => Ok(None),
    }
}
