//! Documents through a build without all of them in memory at once.
//!
//! A scan reads every source, decides which formats are stale and, for a
//! source the manifest does not know yet, ingests it once for its title
//! (the output folder's name) and drops the model. Folder names are then
//! given in source order, so they never depend on thread timing. Renders
//! run as (document, format) tasks in document order: the first task of a
//! document ingests it again, its last one drops it, so only the documents
//! the render threads are on are held (a model is about a hundred times
//! its source). Ingesting twice costs little next to rendering: ingest
//! reads tens of MiB per second, typst a few documents.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use export::parallel::run_each;
use export::{Exporter, RenderContext, Templates};
use model::Document;
use study::StudyItem;

use crate::build::Plan;
use crate::manifest::{self, Manifest};
use crate::report::Reporter;

/// A source after the scan.
pub struct Scanned {
    pub source: String,
    /// Formats to render, as indexes into the build's exporters.
    pub stale: Vec<usize>,
    /// Build key per exporter.
    pub keys: Vec<String>,
    /// Hash of the bytes read, to notice a source edited mid-build.
    digest: String,
    /// The title's slug, for a source the manifest has no folder for yet.
    title_slug: Option<String>,
}

/// Read a source, decide which formats are stale, and find the title of a
/// new one. `None` after reporting an unreadable or unusable source.
pub fn scan(
    plan: &Plan,
    exporters: &[&dyn Exporter],
    template_keys: &[String],
    manifest: &Manifest,
    file: &Path,
    reporter: &Reporter,
) -> Option<Scanned> {
    let source = file.display().to_string();
    let bytes = read(&source, reporter)?;
    let keys: Vec<String> = exporters
        .iter()
        .zip(template_keys)
        .map(|(e, t)| manifest::key(&[&bytes, plan.settings_key.as_bytes(), e.name().as_bytes(), t.as_bytes()]))
        .collect();
    let stale: Vec<usize> = (0..exporters.len())
        .filter(|&i| !manifest.is_fresh(&source, exporters[i].name(), &keys[i], &plan.out))
        .collect();
    let title_slug = if stale.is_empty() || manifest.sources.contains_key(&source) {
        None
    } else {
        match ingest::ingest_bytes(&source, &bytes, plan.kind) {
            Ok(doc) => Some(doc.slug()),
            Err(e) => {
                reporter.fail(&e.to_string());
                return None;
            }
        }
    };
    Some(Scanned { source, stale, keys, digest: manifest::key(&[&bytes]), title_slug })
}

fn read(source: &str, reporter: &Reporter) -> Option<Vec<u8>> {
    std::fs::read(source).map_err(|e| reporter.fail(&format!("{source}: {e}"))).ok()
}

/// Output folder names: the last build's name for a known source, else the
/// title's slug, made unique in source order.
pub fn assign_slugs(scanned: &[Scanned], manifest: &Manifest) -> Vec<String> {
    let mut taken: BTreeSet<String> = manifest.sources.values().map(|e| e.slug.clone()).collect();
    scanned
        .iter()
        .map(|s| {
            if let Some(entry) = manifest.sources.get(&s.source) {
                return entry.slug.clone();
            }
            let base = s.title_slug.clone().unwrap_or_else(|| "untitled".to_owned());
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

/// What a render task needs of a document.
struct Loaded {
    document: Document,
    items: Vec<StudyItem>,
}

enum State {
    NotLoaded,
    Loaded(Arc<Loaded>),
    /// Failed to load (reported once) or all its renders are done.
    Gone,
}

/// One document's model while its renders run, and how many are left.
struct Slot {
    state: Mutex<State>,
    remaining: AtomicUsize,
    built: AtomicUsize,
}

impl Slot {
    fn new(tasks: usize) -> Slot {
        Slot { state: Mutex::new(State::NotLoaded), remaining: AtomicUsize::new(tasks), built: AtomicUsize::new(0) }
    }

    /// The model, ingested by the first task that asks (the others wait
    /// for it); `None` once it failed.
    fn get(&self, plan: &Plan, scanned: &Scanned, reporter: &Reporter, observe: &Observe<'_>) -> Option<Arc<Loaded>> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if matches!(*state, State::NotLoaded) {
            let loaded = load(plan, scanned, reporter);
            if let Some(l) = &loaded {
                observe(&scanned.source, &l.document, &l.items);
            }
            *state = loaded.map_or(State::Gone, |l| State::Loaded(Arc::new(l)));
        }
        match &*state {
            State::Loaded(loaded) => Some(Arc::clone(loaded)),
            _ => None,
        }
    }

    /// Count one finished render and drop the model after the last; true
    /// when it was the last.
    fn task_done(&self, built: bool) -> bool {
        if built {
            self.built.fetch_add(1, Ordering::Relaxed);
        }
        let last = self.remaining.fetch_sub(1, Ordering::AcqRel) == 1;
        if last {
            *self.state.lock().unwrap_or_else(|e| e.into_inner()) = State::Gone;
        }
        last
    }
}

fn load(plan: &Plan, scanned: &Scanned, reporter: &Reporter) -> Option<Loaded> {
    let source = &scanned.source;
    let bytes = read(source, reporter)?;
    if manifest::key(&[&bytes]) != scanned.digest {
        reporter.fail(&format!("{source}: changed during the build; build again"));
        return None;
    }
    let mut document = ingest::ingest_bytes(source, &bytes, plan.kind).map_err(|e| reporter.fail(&e.to_string())).ok()?;
    if let Some(lang) = &plan.language {
        document.meta.language.clone_from(lang);
    }
    if document.nodes.is_empty() {
        reporter.warn(&format!("{source}: no content left after removing page chrome"));
    }
    let items = study::derive(&document);
    Some(Loaded { document, items })
}

/// One render's outcome: document, exporter, and the file names written
/// (`None` after a reported failure).
pub type Rendered = (usize, usize, Option<Vec<String>>);

/// What a build takes of each model while it is loaded (the course site's
/// summary), called once per document ingested.
pub type Observe<'a> = dyn Fn(&str, &Document, &[StudyItem]) + Sync + 'a;

/// Render every stale format of every document, reporting each document
/// as soon as its last render finishes.
pub fn render_all(
    plan: &Plan,
    templates: &Templates,
    exporters: &[&dyn Exporter],
    scanned: &[Scanned],
    slugs: &[String],
    reporter: &Reporter,
    observe: &Observe<'_>,
) -> anyhow::Result<Vec<Rendered>> {
    let mut tasks: Vec<(usize, usize)> =
        scanned.iter().enumerate().flat_map(|(d, s)| s.stale.iter().map(move |&f| (d, f))).collect();
    // A document's web page first: it is quick, and a live preview shows
    // it while the PDFs are laid out. Documents keep their order, so only
    // the ones being rendered are in memory.
    tasks.sort_by_key(|&(d, f)| (d, exporters[f].name() != export_html::FORMAT));
    let slots: Vec<Slot> = scanned.iter().map(|s| Slot::new(s.stale.len())).collect();
    let report = |d: usize| {
        let dest = plan.out.join(&slugs[d]);
        let built = slots[d].built.load(Ordering::Relaxed);
        reporter.document(&scanned[d].source, &dest.display().to_string(), built, exporters.len() - scanned[d].stale.len());
    };
    (0..scanned.len()).filter(|&d| scanned[d].stale.is_empty()).for_each(report);
    Ok(run_each(&tasks, plan.jobs, |&(d, f)| {
        let files = slots[d]
            .get(plan, &scanned[d], reporter, observe)
            .and_then(|loaded| render(plan, templates, exporters[f], &scanned[d].source, &loaded, &slugs[d], reporter));
        if slots[d].task_done(files.is_some()) {
            report(d);
        }
        (d, f, files)
    })?)
}

/// Render one format of one document; the file names written, or `None`
/// after reporting a failure.
fn render(
    plan: &Plan,
    templates: &Templates,
    exporter: &dyn Exporter,
    source: &str,
    loaded: &Loaded,
    slug: &str,
    reporter: &Reporter,
) -> Option<Vec<String>> {
    let cx = RenderContext { document: &loaded.document, items: &loaded.items, options: &plan.options, templates };
    let written = exporter
        .render(&cx)
        .map_err(anyhow::Error::from)
        .and_then(|artifacts| Ok(export::write_artifacts(&plan.out.join(slug), &artifacts)?));
    match written {
        Ok(paths) => {
            reporter.written(&paths);
            Some(paths.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect())
        }
        Err(e) => {
            reporter.fail(&format!("{source}: {}: {e:#}", exporter.name()));
            None
        }
    }
}
