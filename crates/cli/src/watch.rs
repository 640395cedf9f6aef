//! `studyforge watch`: build, then rebuild on every change to the sources,
//! the templates or the settings. Builds are incremental, so a save
//! rebuilds only the document that changed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

use crate::build::{self, BuildArgs};
use crate::config::{self, Config};

/// Editors write a file in several steps; wait for quiet before building.
const DEBOUNCE: Duration = Duration::from_millis(300);

pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    let (config, _) = Config::load(args.config.as_deref())?;
    let mut watched: Vec<PathBuf> = if args.paths.is_empty() { config.sources.clone() } else { args.paths.clone() };
    watched.push(args.templates.clone().unwrap_or(config.templates));
    watched.push(args.config.clone().unwrap_or_else(|| PathBuf::from(config::FILE_NAME)));
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .context("starting the file watcher")?;
    for path in watched.iter().filter(|p| p.exists()) {
        watcher.watch(path, RecursiveMode::Recursive).with_context(|| format!("watching {}", path.display()))?;
    }
    build::run(args)?;
    eprintln!("watching {} for changes (Ctrl-C to stop)", display(&watched));
    while let Ok(first) = rx.recv() {
        let mut relevant = is_change(&first);
        // Drain the burst of events one save produces.
        while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
            relevant |= is_change(&more);
        }
        if relevant {
            build::run(args)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Our own writes into out/ are not watched; ignore access-only events.
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    event.as_ref().is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_)))
}

fn display(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}
