//! What the CLI's integration tests share: running the binary in a
//! project folder made of a few notes.

use std::path::Path;
use std::process::{Command, Output};

pub fn studyforge(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("studyforge runs")
}

/// The binary with `args`, run in `dir` as CI would, not yet started.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_studyforge"));
    command
        .current_dir(dir)
        .args(args)
        .env("CI", "1")
        .env_remove("SOURCE_DATE_EPOCH");
    command
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A project folder with a few notes in `src/`.
pub fn project(notes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    for (name, text) in notes {
        std::fs::write(dir.path().join("src").join(name), text).unwrap();
    }
    dir
}

pub fn note(title: &str) -> String {
    format!("{title}\n\nTipos de roca\n• Ígnea: se forma al enfriarse el magma.\n• Sedimentaria: se forma por capas.\n")
}

