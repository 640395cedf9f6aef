//! `studyforge build`: sources in, one folder of artifacts per document out.
//!
//! One writer at a time (`writer_lock`): the output folder and the
//! project's `studyforge.lock` are locked for the whole build. Documents
//! then stream through (`stream`): scanned, given their folders in source
//! order, rendered a few at a time. Combined outputs are made last from the
//! written models (`combined`), then the Anki lock and the manifest are
//! saved, each by an atomic rename, so a build killed at any moment leaves
//! every file either as it was or whole and new. One bad document is
//! reported and the rest still build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use anyhow::{Context, Result};
use export::parallel::run_each;
use export::{Exporter, Options, Registry, Templates};
use model::SourceKind;

use crate::config::Config;
use crate::manifest::{self, Built, Entry, Manifest};
pub use crate::report::WrittenHook;
use crate::report::{Reporter, Verbosity};
use crate::sources::{self, Shard, WalkOptions};
use crate::writer_lock::{self, Target};
use crate::{combined, stream};

/// Exit code for a bad command line (clap uses it too).
pub const USAGE: u8 = 2;
/// Exit code when `--no-wait` finds another build writing.
pub const BUSY: u8 = 2;

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
    /// One line per document, even when nothing changed, and what the
    /// folder walk skipped
    #[arg(long, short)]
    pub verbose: bool,
    /// Follow symbolic links in source folders (loops are detected; each
    /// file is built once)
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Exit at once (code 2) when another build is writing the same output
    /// folder or lock file, instead of waiting for it
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

/// Everything a build needs, settled from config and flags.
pub struct Plan {
    pub out: PathBuf,
    templates_dir: PathBuf,
    pub options: Options,
    pub language: Option<String>,
    pub kind: Option<SourceKind>,
    combined: bool,
    force: bool,
    pub settings_key: String,
    /// Documents rendered at the same time.
    pub jobs: usize,
}

/// What a build left to tell its caller.
pub enum Outcome {
    /// The build ran: the failures it reported (empty when all went well)
    /// and how many artifacts it wrote.
    Built { failures: Vec<String>, written: usize },
    /// The command line or settings named something unknown; already reported.
    Usage,
    /// `--no-wait`, and another build holds the writer lock: who holds it.
    Busy(String),
}

pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    Ok(match execute(args)? {
        Outcome::Usage => ExitCode::from(USAGE),
        Outcome::Busy(_) => ExitCode::from(BUSY),
        Outcome::Built { failures, .. } if failures.is_empty() => ExitCode::SUCCESS,
        Outcome::Built { .. } => ExitCode::FAILURE,
    })
}

/// One build, for `build` and `watch`.
pub fn execute(args: &BuildArgs) -> Result<Outcome> {
    execute_with(args, None)
}

/// One build that calls `on_written` with the paths of each render as soon
/// as they are on disk (`serve` reloads a page before the PDFs are done).
pub fn execute_with(args: &BuildArgs, on_written: Option<WrittenHook>) -> Result<Outcome> {
    let (config, base) = Config::load(args.config.as_deref())?;
    let mut plan = plan(args, &config, &base)?;
    let registry = crate::formats::registry(&plan.templates_dir)?;
    let names = if args.format.is_empty() { config.formats.clone() } else { args.format.clone() };
    let exporters = match select(&registry, &names, plan.combined) {
        Ok(e) => e,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(Outcome::Usage);
        }
    };
    plan.options.formats = exporters.iter().map(|e| e.name().to_owned()).collect();
    let verbosity = match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let inputs = if args.paths.is_empty() { config.sources.clone() } else { args.paths.clone() };
    let walk = WalkOptions { follow: args.follow, explain: verbosity == Verbosity::Verbose };
    let mut collected = match sources::collect(&inputs, walk) {
        Ok(collected) => collected,
        Err(e) => {
            eprintln!("error: {e:#}");
            return Ok(Outcome::Usage);
        }
    };
    if verbosity == Verbosity::Verbose {
        for skipped in &collected.skipped {
            eprintln!("skipped {}: {}", skipped.path.display(), skipped.reason);
        }
    }
    if let Some(shard) = args.shard {
        collected.files.retain(|f| shard.contains(f));
    }
    let _held = match writer_lock::acquire(&lock_targets(&plan, &exporters), !args.no_wait)? {
        Ok(held) => held,
        Err(busy) => {
            eprintln!("error: {busy}");
            return Ok(Outcome::Busy(busy.to_string()));
        }
    };
    check_lockfile(&plan, &exporters)?;
    remove_temporaries(&plan, &exporters)?;
    let reporter = Reporter::new(collected.files.len(), verbosity).with_written_hook(on_written);
    build(&plan, &exporters, &collected.files, &reporter)?;
    reporter.finish();
    Ok(Outcome::Built { failures: reporter.failure_messages(), written: reporter.artifacts.load(Ordering::Relaxed) })
}

/// What this build writes besides its outputs: the output folder always,
/// the project's `studyforge.lock` when a format that keeps state in it
/// (Anki) runs. Always in this order, so two builds never deadlock.
fn lock_targets(plan: &Plan, exporters: &[&dyn Exporter]) -> Vec<Target> {
    let mut targets = vec![Target::out(&plan.out)];
    if let Some(lockfile) = plan.options.lockfile.as_deref().filter(|_| uses_lockfile(exporters)) {
        targets.push(Target::file(lockfile));
    }
    targets
}

fn uses_lockfile(exporters: &[&dyn Exporter]) -> bool {
    exporters.iter().any(|e| e.name() == "anki")
}

/// Temporary files a killed build left behind, now that no other build
/// can be writing any: in the output folder and beside the lock file.
fn remove_temporaries(plan: &Plan, exporters: &[&dyn Exporter]) -> Result<()> {
    export::remove_temporaries(&plan.out, true).with_context(|| format!("cleaning {}", plan.out.display()))?;
    if let Some(lockfile) = plan.options.lockfile.as_deref().filter(|_| uses_lockfile(exporters)) {
        let dir = lockfile.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        export::remove_temporaries(dir, false).with_context(|| format!("cleaning {}", dir.display()))?;
    }
    Ok(())
}

/// A torn or hand-broken `studyforge.lock` stops the build before anything
/// is rendered, naming the file: replacing it would lose every note's
/// GUID, and failing each document would say the same thing thousands of
/// times.
fn check_lockfile(plan: &Plan, exporters: &[&dyn Exporter]) -> Result<()> {
    match plan.options.lockfile.as_deref().filter(|_| uses_lockfile(exporters)) {
        Some(path) => Ok(export_anki::Lockfile::check(path)?),
        None => Ok(()),
    }
}

fn plan(args: &BuildArgs, config: &Config, base: &Path) -> Result<Plan> {
    let paper = match args.paper {
        Some(PaperArg::A4) => export::Paper::A4,
        Some(PaperArg::Letter) => export::Paper::Letter,
        None => config.paper,
    };
    // The formats are set once they are chosen (`execute`).
    let options = Options {
        paper,
        columns: args.columns.unwrap_or(config.columns).max(1),
        ..config.options(base.join(export_anki::LOCK_NAME))?
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
    let template_keys: Vec<String> = exporters
        .iter()
        .map(|e| manifest::templates_key(&plan.templates_dir, &e.template_paths()) + &e.build_key_extra(&plan.options))
        .collect();
    let scanned: Vec<stream::Scanned> =
        run_each(files, plan.jobs, |file| stream::scan(plan, exporters, &template_keys, &manifest, file, reporter))?
            .into_iter()
            .flatten()
            .collect();
    let slugs = stream::assign_slugs(&scanned, &manifest);
    let templates = if plan.templates_dir.is_dir() { Templates::with_dir(&plan.templates_dir) } else { Templates::embedded() };
    // What the course site shows of each document ingested, taken while
    // its model is in memory.
    let summaries = std::sync::Mutex::new(Vec::new());
    let summarize = |source: &str, doc: &model::Document, items: &[study::StudyItem]| {
        summaries.lock().unwrap_or_else(|e| e.into_inner()).push((source.to_owned(), export_html::Summary::of(doc, items)));
    };
    for (d, f, files) in stream::render_all(plan, &templates, exporters, &scanned, &slugs, reporter, &summarize)? {
        let s = &scanned[d];
        let entry = manifest.sources.entry(s.source.clone()).or_insert_with(Entry::default);
        entry.slug.clone_from(&slugs[d]);
        let format = exporters[f].name().to_owned();
        match files {
            Some(files) => entry.formats.insert(format, Built { key: s.keys[f].clone(), files }),
            None => entry.formats.remove(&format),
        };
    }
    if plan.combined {
        let with_models = with_model(&scanned, &manifest);
        for e in combined::render_from(&plan.out, &with_models, exporters, &plan.options, &templates) {
            reporter.fail(&format!("{e:#}"));
        }
    }
    for exporter in exporters {
        match exporter.finish() {
            Ok(lines) => lines.iter().for_each(|line| reporter.note(line)),
            Err(e) => reporter.fail(&format!("{}: {e}", exporter.name())),
        }
    }
    let fresh = summaries.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Err(e) = crate::site::write(&plan.out, &plan.options, &templates, &manifest, fresh) {
        reporter.fail(&format!("course site: {e:#}"));
    }
    manifest.save(&plan.out)
}

/// Output folders, in source order, of this build's documents whose model
/// (`outline.json`) is written and current: what combined outputs are made
/// of. A document that failed this time is left out, as it always was.
fn with_model(scanned: &[stream::Scanned], manifest: &Manifest) -> Vec<String> {
    scanned
        .iter()
        .filter_map(|s| manifest.sources.get(&s.source))
        .filter(|entry| entry.formats.get("json").is_some_and(|b| b.files.iter().any(|f| f == combined::MODEL_FILE)))
        .map(|entry| entry.slug.clone())
        .collect()
}

/// The exporters named (all when none are). Combined outputs are made
/// from each document's written model, so `combined` adds `json`.
fn select<'r>(registry: &'r Registry, names: &[String], combined: bool) -> Result<Vec<&'r dyn Exporter>, String> {
    if names.is_empty() {
        return Ok(registry.iter().collect());
    }
    let mut selected = names
        .iter()
        .map(|name| {
            registry
                .get(name.trim())
                .ok_or_else(|| format!("unknown format {name:?}; known: {}", registry.names().join(", ")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if combined && !selected.iter().any(|e| e.name() == "json") {
        selected.extend(registry.get("json"));
    }
    Ok(selected)
}
