//! `studyforge watch`: build, then rebuild on every change to the sources,
//! the templates or the settings. Builds are incremental, so a save
//! rebuilds only the document that changed. `serve` uses the same loop.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::build::{self, BuildArgs};
use crate::config::{self, Config};

/// Editors write a file in several steps (truncate, write, rename) within a
/// few milliseconds; wait that long for quiet before building. Longer would
/// add straight to `serve`'s edit-to-reload time.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Changes to what a build reads: its sources, templates and settings file.
pub struct Changes {
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    pub watched: Vec<PathBuf>,
    _watcher: RecommendedWatcher,
}

impl Changes {
    /// Start watching what `args` builds from.
    pub fn watch(args: &BuildArgs) -> Result<Changes> {
        let (config, _) = Config::load(args.config.as_deref())?;
        let mut watched: Vec<PathBuf> = if args.paths.is_empty() { config.sources.clone() } else { args.paths.clone() };
        watched.push(args.templates.clone().unwrap_or(config.templates));
        watched.push(args.config.clone().unwrap_or_else(|| PathBuf::from(config::FILE_NAME)));
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .context("starting the file watcher")?;
        for path in watched.iter().filter(|p| p.exists()) {
            watcher.watch(path, RecursiveMode::Recursive).with_context(|| format!("watching {}", path.display()))?;
        }
        Ok(Changes { events, watched, _watcher: watcher })
    }

    /// Wait for the next change and the end of its burst of events; false
    /// when the watcher has stopped.
    pub fn next(&self) -> bool {
        loop {
            let Ok(first) = self.events.recv() else { return false };
            let mut relevant = is_change(&first);
            while let Ok(more) = self.events.recv_timeout(DEBOUNCE) {
                relevant |= is_change(&more);
            }
            if relevant {
                return true;
            }
        }
    }

    pub fn describe(&self) -> String {
        self.watched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    }
}

pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    let changes = Changes::watch(args)?;
    build::run(args)?;
    eprintln!("watching {} for changes (Ctrl-C to stop)", changes.describe());
    while changes.next() {
        build::run(args)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Our own writes into out/ are not watched; ignore access-only events.
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    event.as_ref().is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_)))
}
