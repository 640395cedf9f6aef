//! A build that nothing can make lose or tear a file: folder walks that
//! skip what is not a note and never loop, one writer at a time, a broken
//! lock file reported rather than replaced.

mod common;

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{command, note, project, stderr, studyforge};

fn folders(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_folder_linking_to_itself_builds_each_file_once() {
    let dir = project(&[("a.txt", &note("Geología"))]);
    std::os::unix::fs::symlink(".", dir.path().join("src/loop")).unwrap();
    std::fs::write(dir.path().join("src/roto.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    for follow in [false, true] {
        let out = format!("out-{follow}");
        let mut args = vec!["build", "src", "--format", "json", "--out", &out, "--verbose"];
        if follow {
            args.push("--follow");
        }
        let o = studyforge(dir.path(), &args);
        assert_eq!(o.status.code(), Some(1), "the binary file fails: {}", stderr(&o));
        assert_eq!(folders(&dir.path().join(&out)), ["geologia"], "{}", stderr(&o));
        assert_eq!(stderr(&o).matches("roto.txt").count(), 1, "one failure for one bad file: {}", stderr(&o));
        let named = if follow { "loop" } else { "--follow" };
        assert!(stderr(&o).contains("skipped src/loop") && stderr(&o).contains(named), "{}", stderr(&o));
    }
}

#[test]
fn hidden_and_gitignored_notes_are_not_built() {
    let dir = project(&[("a.txt", &note("Geología")), ("borrador.txt", &note("Borrador"))]);
    std::fs::create_dir_all(dir.path().join("src/.old")).unwrap();
    std::fs::write(dir.path().join("src/.old/viejo.txt"), note("Viejo")).unwrap();
    std::fs::write(dir.path().join("src/.gitignore"), "borrador.txt\n").unwrap();
    let o = studyforge(dir.path(), &["build", "src", "--format", "json", "-v"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(folders(&dir.path().join("out")), ["geologia"]);
    assert!(stderr(&o).contains("skipped src/.old: hidden"), "{}", stderr(&o));
    assert!(stderr(&o).contains("skipped src/borrador.txt: matched by a .gitignore"), "{}", stderr(&o));
}

/// Hold the output folder's writer lock as another build would, with
/// `pid` recorded in it.
fn hold_out_lock(project: &Path, pid: u32) -> File {
    std::fs::create_dir_all(project.join("out")).unwrap();
    let mut guard = File::options().read(true).write(true).create(true).truncate(true).open(project.join("out/.studyforge-writer")).unwrap();
    guard.lock().unwrap();
    writeln!(guard, "{pid}").unwrap();
    guard
}

#[test]
fn no_wait_exits_2_naming_the_holder_and_a_waiting_build_runs_once_it_is_free() {
    let dir = project(&[("a.txt", &note("Geología"))]);
    let guard = hold_out_lock(dir.path(), 4242);
    let o = studyforge(dir.path(), &["build", "src", "--format", "json", "--no-wait"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("out is in use by another studyforge build (process 4242)"), "{}", stderr(&o));
    assert!(!dir.path().join("out/geologia").exists(), "nothing written while refused");

    let started = Instant::now();
    let waiting = command(dir.path(), &["build", "src", "--format", "json"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    drop(guard);
    let o = waiting.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(started.elapsed() >= Duration::from_millis(700), "it waited");
    assert!(stderr(&o).contains("waiting for out: in use by another studyforge build (process 4242)"), "{}", stderr(&o));
    assert!(dir.path().join("out/geologia/outline.json").is_file());
}

#[test]
fn a_torn_lock_file_stops_the_build_naming_it_and_is_kept() {
    let dir = project(&[("a.txt", &note("Geología"))]);
    let torn = b"{\n  \"version\": 1,\n  \"notes\": {\n    \"s1\": {\"guid\": \"abc";
    std::fs::write(dir.path().join("studyforge.lock"), torn).unwrap();
    let o = studyforge(dir.path(), &["build", "src", "--format", "anki"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("lock file ./studyforge.lock"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.path().join("studyforge.lock")).unwrap(), torn, "never silently replaced");
    assert!(!dir.path().join("out/geologia/deck.apkg").exists());
}

#[test]
fn combined_outputs_are_made_from_the_written_models() {
    let dir = project(&[("a.txt", &note("Geología")), ("b.txt", &note("Minerales"))]);
    let o = studyforge(dir.path(), &["build", "src", "--format", "anki", "--combined"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for slug in ["geologia", "minerales"] {
        assert!(dir.path().join("out").join(slug).join("outline.json").is_file(), "--combined writes the model");
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/combined/deck.items.json")).unwrap()).unwrap();
    let single: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/geologia/deck.items.json")).unwrap()).unwrap();
    assert_eq!(report["notes"].as_u64(), single["notes"].as_u64().map(|n| n * 2), "both documents: {report}");
}
