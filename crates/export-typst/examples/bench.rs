//! Batch benchmark: compile the guide and cheat sheet of every given
//! document in one process, single-threaded and on two threads, and print
//! milliseconds per PDF.
//!
//!   cargo run --release -p export-typst --example bench -- \
//!       [--rounds N] [--dump DIR] [--templates DIR] out/*/outline.json
//!
//! `--dump DIR` also writes each document's typst project (main.typ,
//! map.typ, data.json, params.json) under DIR/<slug>/<guide|cheatsheet>/ for the
//! one-process-per-document baseline in bench/typst_anchor.py.
//! `--templates DIR` measures a user's templates (DIR/typst/*.typ) instead
//! of the built-in ones. `--no-map` leaves the concept maps out, to
//! measure what they cost.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use export::{Exporter, Options, RenderContext, Templates};
use export_typst::{Cheatsheet, Guide, Sheet};
use model::Document;
use study::StudyItem;

// The allocator the studyforge binary ships with, so the figures are the
// ones a build sees.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type BoxError = Box<dyn std::error::Error>;

struct Args {
    rounds: usize,
    dump: Option<PathBuf>,
    templates: Option<PathBuf>,
    no_map: bool,
    outlines: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, BoxError> {
    let mut args = Args { rounds: 10, dump: None, templates: None, no_map: false, outlines: Vec::new() };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => args.rounds = it.next().ok_or("--rounds needs a number")?.parse()?,
            "--dump" => args.dump = Some(it.next().ok_or("--dump needs a folder")?.into()),
            "--templates" => args.templates = Some(it.next().ok_or("--templates needs a folder")?.into()),
            "--no-map" => args.no_map = true,
            _ => args.outlines.push(arg.into()),
        }
    }
    if args.outlines.is_empty() {
        return Err("usage: bench [--rounds N] [--dump DIR] [--templates DIR] [--no-map] OUTLINE.json...".into());
    }
    Ok(args)
}

struct Input {
    doc: Document,
    items: Vec<StudyItem>,
}

fn load(path: &Path) -> Result<Input, BoxError> {
    let doc: Document = serde_json::from_slice(&std::fs::read(path)?)?;
    let items = study::derive(&doc);
    Ok(Input { doc, items })
}

/// One PDF to make: which document, which exporter.
type Job<'a> = (&'a Input, &'a dyn Exporter);

fn render(job: Job<'_>, options: &Options, templates: &Templates) -> Result<(), BoxError> {
    let (input, exporter) = job;
    let cx = RenderContext { document: &input.doc, items: &input.items, options, templates };
    exporter.render(&cx)?;
    Ok(())
}

/// Render every job on `threads` threads the way `studyforge build` does
/// (`export::parallel::run_each`: each thread with a rayon pool of its own,
/// where typst runs its parallel layout and PDF writing).
fn run_in_pool(jobs: &[Job<'_>], threads: usize, options: &Options, templates: &Templates) -> Result<Duration, BoxError> {
    let start = Instant::now();
    let results = export::parallel::run_each(jobs, threads, |&job| render(job, options, templates).map_err(|e| e.to_string()))?;
    results.into_iter().collect::<Result<(), String>>()?;
    Ok(start.elapsed())
}

fn dump(dir: &Path, inputs: &[Input], options: &Options, templates: &Templates) -> Result<(), BoxError> {
    for input in inputs {
        let cx = RenderContext { document: &input.doc, items: &input.items, options, templates };
        for (sheet, name) in [(Sheet::Guide, "guide"), (Sheet::Cheatsheet, "cheatsheet")] {
            let files = export_typst::project_files(&cx, sheet)?;
            export::write_artifacts(&dir.join(input.doc.slug()).join(name), &files)?;
        }
    }
    Ok(())
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time this process has used (user + system), from /proc. On a shared
/// machine it is steadier than wall time, which includes waiting for a core.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is parenthesized and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports these in USER_HZ, 100 per second on every mainstream platform.
    Some(Duration::from_millis(ticks * 10))
}

fn ms_per(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1000.0 / n as f64
}

fn main() -> Result<(), BoxError> {
    let args = parse_args()?;
    let inputs: Vec<Input> = args.outlines.iter().map(|p| load(p)).collect::<Result<_, _>>()?;
    let mut options = Options { build_time: Some(0), ..Options::default() };
    if args.no_map {
        options.map.guide = false;
        options.map.cheatsheet = false;
    }
    let templates = args.templates.as_ref().map_or_else(Templates::embedded, Templates::with_dir);
    if let Some(dir) = &args.dump {
        dump(dir, &inputs, &options, &templates)?;
    }

    // The first PDF pays for font loading and a cold cache.
    let first = Instant::now();
    render((&inputs[0], &Guide), &options, &templates)?;
    println!("first PDF in the process (fonts + cold cache): {:.1} ms", ms_per(first.elapsed(), 1));

    let exporters: [&dyn Exporter; 2] = [&Guide, &Cheatsheet];
    for exporter in exporters {
        let jobs: Vec<Job<'_>> = inputs.iter().map(|i| (i, exporter)).collect();
        let cpu = cpu_time();
        let total = (0..args.rounds).map(|_| run_in_pool(&jobs, 1, &options, &templates)).sum::<Result<Duration, _>>()?;
        let n = jobs.len() * args.rounds;
        print!("{:<10} single thread: {:.1} ms per PDF", exporter.name(), ms_per(total, n));
        match (cpu, cpu_time()) {
            (Some(a), Some(b)) => println!(" (CPU {:.1} ms)", ms_per(b - a, n)),
            _ => println!(),
        }
    }

    let batch: Vec<Job<'_>> =
        (0..args.rounds).flat_map(|_| inputs.iter().flat_map(|i| exporters.map(|e| (i, e)))).collect();
    let rss_before = rss_kib();
    let cpu_before = cpu_time();
    let single = run_in_pool(&batch, 1, &options, &templates)?;
    let cpu_after = cpu_time();
    let rss_after = rss_kib();
    let cpu_before_double = cpu_time();
    let double = run_in_pool(&batch, 2, &options, &templates)?;
    let cpu_after_double = cpu_time();
    let n = batch.len();
    print!("batch of {n} PDFs, single thread: {:.1} ms per PDF", ms_per(single, n));
    match (cpu_before, cpu_after) {
        (Some(a), Some(b)) => println!(" (CPU {:.1} ms)", ms_per(b - a, n)),
        _ => println!(),
    }
    print!("batch of {n} PDFs, two threads:   {:.1} ms per PDF (wall)", ms_per(double, n));
    match (cpu_before_double, cpu_after_double) {
        (Some(a), Some(b)) => println!(" (CPU {:.1} ms)", ms_per(b - a, n)),
        _ => println!(),
    }
    println!("two-thread throughput: {:.2}x single", single.as_secs_f64() / double.as_secs_f64());
    if let (Some(a), Some(b)) = (rss_before, rss_after) {
        println!("RSS before/after the single-thread batch: {} / {} MiB", a / 1024, b / 1024);
    }
    Ok(())
}
