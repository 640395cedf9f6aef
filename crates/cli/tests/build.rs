//! The batch build as a user runs it: exit codes, incremental rebuilds,
//! shards, plugins.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{note, project, stderr, studyforge};

fn summary_counts(o: &Output) -> (usize, usize) {
    // "N documents, A artifacts written, U up to date, …"
    let text = stderr(o);
    let line = text.lines().last().unwrap_or_default().to_owned();
    let nums: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    (nums[1], nums[2])
}

#[test]
fn a_broken_file_fails_alone_with_exit_1() {
    let dir = project(&[("a.txt", &note("Geología")), ("b.md", "# Bien\n\n- uno\n")]);
    std::fs::write(dir.path().join("src/roto.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let o = studyforge(dir.path(), &["build", "src", "--format", "json,md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("roto.txt"), "the failure names the file: {}", stderr(&o));
    assert!(dir.path().join("out/geologia/outline.json").is_file());
    assert!(dir.path().join("out/bien/outline.md").is_file());
}

#[test]
fn the_lock_file_records_every_document_of_a_parallel_build() {
    let titles = ["Geología", "Minerales", "Volcanes", "Océanos"];
    let notes: Vec<(String, String)> = titles.iter().enumerate().map(|(i, t)| (format!("{i}.txt"), note(t))).collect();
    let dir = project(&notes.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect::<Vec<_>>());
    let o = studyforge(dir.path(), &["build", "src", "--format", "anki", "--jobs", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lock: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("studyforge.lock")).unwrap()).unwrap();
    let documents: std::collections::BTreeSet<&str> =
        lock["notes"].as_object().unwrap().values().map(|n| n["document"].as_str().unwrap()).collect();
    // Documents are known by source path (two sources may share a title).
    assert_eq!(documents, ["src/0.txt", "src/1.txt", "src/2.txt", "src/3.txt"].into(), "{lock}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = project(&[("a.txt", &note("Geología"))]);
    assert_eq!(studyforge(dir.path(), &["build", "src", "--format", "nope"]).status.code(), Some(2));
    assert_eq!(studyforge(dir.path(), &["build", "missing"]).status.code(), Some(2));
    assert_eq!(studyforge(dir.path(), &["build", "--shard", "4/3"]).status.code(), Some(2));
}

#[test]
fn second_build_rebuilds_nothing_and_force_rebuilds_all() {
    let dir = project(&[("a.txt", &note("Geología")), ("b.txt", &note("Minerales"))]);
    let args = ["build", "src", "--format", "json,md,epub"];
    let first = studyforge(dir.path(), &args);
    assert_eq!(summary_counts(&first), (6, 0), "{}", stderr(&first));
    let second = studyforge(dir.path(), &args);
    assert_eq!(summary_counts(&second), (0, 6), "{}", stderr(&second));
    std::fs::write(dir.path().join("src/b.txt"), note("Minerales y rocas")).unwrap();
    let third = studyforge(dir.path(), &args);
    assert_eq!(summary_counts(&third), (3, 3), "only the edited document: {}", stderr(&third));
    let forced = studyforge(dir.path(), &[&args[..], &["--force"]].concat());
    assert_eq!(summary_counts(&forced), (6, 0));
}

#[test]
fn a_changed_template_rebuilds_only_the_formats_using_it() {
    let dir = project(&[("a.txt", &note("Geología"))]);
    let args = ["build", "src", "--format", "json,epub"];
    studyforge(dir.path(), &args);
    let css = dir.path().join("templates/epub/style.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "body { margin: 0 }").unwrap();
    let o = studyforge(dir.path(), &args);
    assert_eq!(summary_counts(&o), (1, 1), "epub rebuilt, json not: {}", stderr(&o));
}

#[test]
fn shards_build_every_document_exactly_once() {
    let notes: Vec<(String, String)> = (0..9).map(|i| (format!("n{i}.txt"), note(&format!("Tema {i}")))).collect();
    let refs: Vec<(&str, &str)> = notes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = project(&refs);
    let mut built: Vec<PathBuf> = Vec::new();
    for k in 1..=3 {
        let out = format!("out{k}");
        let o = studyforge(dir.path(), &["build", "src", "--format", "json", "--out", &out, "--shard", &format!("{k}/3")]);
        assert!(o.status.success(), "{}", stderr(&o));
        for e in std::fs::read_dir(dir.path().join(&out)).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                built.push(p.file_name().unwrap().into());
            }
        }
    }
    built.sort();
    let mut expected: Vec<PathBuf> = (0..9).map(|i| PathBuf::from(format!("tema-{i}"))).collect();
    expected.sort();
    assert_eq!(built, expected);
}

#[test]
fn template_and_external_plugins_are_formats() {
    let dir = project(&[("a.txt", &note("Geología"))]);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let plugins = repo.join("tests/plugins");
    let path = format!("{}:{}", plugins.display(), std::env::var("PATH").unwrap_or_default());
    let o = Command::new(env!("CARGO_BIN_EXE_studyforge"))
        .current_dir(dir.path())
        .args(["build", "src", "--format", "quizlet,wordcount", "--templates"])
        .arg(repo.join("templates"))
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let tsv = std::fs::read_to_string(dir.path().join("out/geologia/cards.tsv")).unwrap();
    assert!(tsv.lines().any(|l| l.contains('\t') && l.contains("Ígnea")), "{tsv}");
    assert!(dir.path().join("out/geologia/wordcount.txt").is_file());
}

#[test]
fn init_writes_a_config_that_build_reads() {
    let dir = project(&[("a.txt", &note("Geología"))]);
    assert!(studyforge(dir.path(), &["init"]).status.success());
    let config = std::fs::read_to_string(dir.path().join("studyforge.toml")).unwrap();
    std::fs::write(dir.path().join("studyforge.toml"), config.replace("sources = [\"sources\"]", "sources = [\"src\"]").replace("formats = []", "formats = [\"json\"]")).unwrap();
    let o = studyforge(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("out/geologia/outline.json").is_file());
    assert!(!dir.path().join("out/geologia/outline.md").exists(), "formats from the config");
    assert_eq!(studyforge(dir.path(), &["init"]).status.code(), Some(1), "init never overwrites");
}
