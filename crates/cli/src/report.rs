//! Telling the user what a build did: a progress bar on a terminal, one
//! plain line per document in CI or a pipe, and a closing summary.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Called with the files of each render once they are written.
pub type WrittenHook = Box<dyn Fn(&[std::path::PathBuf]) + Send + Sync>;

pub struct Reporter {
    bar: Option<ProgressBar>,
    verbosity: Verbosity,
    started: Instant,
    pub documents: AtomicUsize,
    pub artifacts: AtomicUsize,
    pub skipped: AtomicUsize,
    pub warnings: AtomicUsize,
    pub failures: AtomicUsize,
    /// Every failure's message, for `serve`'s error overlay.
    messages: Mutex<Vec<String>>,
    on_written: Option<WrittenHook>,
}

impl Reporter {
    /// A bar only on an interactive terminal outside CI; `NO_COLOR` keeps
    /// it plain.
    pub fn new(total: usize, verbosity: Verbosity) -> Reporter {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = (interactive && verbosity == Verbosity::Normal).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let template = if std::env::var_os("NO_COLOR").is_some() {
                "{pos}/{len} {wide_msg}"
            } else {
                "{bar:30.cyan/blue} {pos}/{len} {wide_msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Reporter {
            bar,
            verbosity,
            started: Instant::now(),
            documents: AtomicUsize::new(0),
            artifacts: AtomicUsize::new(0),
            skipped: AtomicUsize::new(0),
            warnings: AtomicUsize::new(0),
            failures: AtomicUsize::new(0),
            messages: Mutex::new(Vec::new()),
            on_written: None,
        }
    }

    pub fn with_written_hook(mut self, hook: Option<WrittenHook>) -> Reporter {
        self.on_written = hook;
        self
    }

    /// One render's files are on disk.
    pub fn written(&self, paths: &[std::path::PathBuf]) {
        if let Some(hook) = &self.on_written {
            hook(paths);
        }
    }

    fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    /// One document finished (built, or nothing to do).
    pub fn document(&self, source: &str, dest: &str, built: usize, up_to_date: usize) {
        self.documents.fetch_add(1, Ordering::Relaxed);
        self.artifacts.fetch_add(built, Ordering::Relaxed);
        self.skipped.fetch_add(up_to_date, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_message(source.to_owned());
            bar.inc(1);
        } else if self.verbosity == Verbosity::Verbose || (self.verbosity == Verbosity::Normal && built > 0) {
            self.line(&format!("built  {source} -> {dest} ({built} new, {up_to_date} up to date)"));
        }
    }

    /// Something a build did worth a line of its own (a deck it changed);
    /// not shown with `--quiet`.
    pub fn note(&self, message: &str) {
        if self.verbosity != Verbosity::Quiet {
            self.line(message);
        }
    }

    pub fn warn(&self, message: &str) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        if self.verbosity != Verbosity::Quiet {
            self.line(&format!("warning: {message}"));
        }
    }

    /// Failures are always shown, even with `--quiet`.
    pub fn fail(&self, message: &str) {
        self.failures.fetch_add(1, Ordering::Relaxed);
        self.messages.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(message.to_owned());
        self.line(&format!("error: {message}"));
    }

    /// The failures reported so far, in the order they happened.
    pub fn failure_messages(&self) -> Vec<String> {
        self.messages.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn failed(&self) -> bool {
        self.failures.load(Ordering::Relaxed) > 0
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.verbosity == Verbosity::Quiet && !self.failed() {
            return;
        }
        eprintln!(
            "{} documents, {} artifacts written, {} up to date, {} warnings, {} failures in {:.2?}",
            self.documents.load(Ordering::Relaxed),
            self.artifacts.load(Ordering::Relaxed),
            self.skipped.load(Ordering::Relaxed),
            self.warnings.load(Ordering::Relaxed),
            self.failures.load(Ordering::Relaxed),
            self.started.elapsed()
        );
    }
}
