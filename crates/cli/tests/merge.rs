//! Sharded builds put back together: `tests/sharded/run.sh` (the example
//! CI workflow's steps on one machine) must give one build's bytes and
//! lock, run after run, and a merge of shards that do not fit together
//! must stop with a message that says why.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn studyforge(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_studyforge"))
        .current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("studyforge runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Notes of one title in several files: spread over the shards, they only
/// get one build's folder names (`repaso`, `repaso-2`, …) if the merge
/// names them in source order.
fn same_title_note(n: usize) -> String {
    format!("# Repaso\n\n## Tema {n}\n\n- Átomo: la parte más pequeña de un elemento.\n- Molécula: dos o más átomos unidos.\n")
}

/// The repository's sample sources, plus `same_titles` notes titled alike.
fn project(same_titles: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let sources = dir.path().join("sources");
    std::fs::create_dir_all(&sources).expect("sources");
    for entry in std::fs::read_dir(repo().join("sources")).expect("sample sources") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, sources.join(path.file_name().expect("name"))).expect("copy");
    }
    for n in 1..=same_titles {
        std::fs::write(sources.join(format!("repaso-{n}.md")), same_title_note(n)).expect("note");
    }
    dir
}

fn run_script(project: &Path, work: &Path, formats: &str) -> Output {
    Command::new("bash")
        .arg(repo().join("tests/sharded/run.sh"))
        .args([Path::new(env!("CARGO_BIN_EXE_studyforge")), project, work])
        .arg(formats)
        .output()
        .expect("bash runs")
}

#[test]
fn three_shards_merged_equal_one_build_and_its_lock_run_after_run() {
    let project = project(0);
    let work = tempfile::tempdir().expect("work dir");
    let first = run_script(project.path(), &work.path().join("run1"), "");
    assert!(first.status.success(), "{}", text(&first));
    let merged = work.path().join("run1/merge");
    let lock = std::fs::read_to_string(merged.join("studyforge.lock")).expect("the merge wrote the lock");
    assert!(lock.contains("\"guid\""), "{lock}");
    for k in 1..=3 {
        let shard = work.path().join(format!("run1/shards/shard-{k}"));
        assert!(shard.join(".studyforge-manifest.json").is_file(), "shard {k} built something");
    }

    // The next commit: the lock committed back, one source edited.
    std::fs::copy(merged.join("studyforge.lock"), project.path().join("studyforge.lock")).expect("commit lock");
    let source = project.path().join("sources/tabla-periodica.md");
    let edited = std::fs::read_to_string(&source).expect("source") + "\n- Gas noble: un elemento que casi no reacciona.\n";
    std::fs::write(&source, edited).expect("edit");
    let second = run_script(project.path(), &work.path().join("run2"), "json,anki,epub");
    assert!(second.status.success(), "{}", text(&second));
    let next = std::fs::read_to_string(work.path().join("run2/merge/studyforge.lock")).expect("lock");
    assert_ne!(next, lock, "the edit reached the lock");
    let guids = |l: &str| l.lines().filter(|line| line.contains("\"guid\"")).count();
    assert!(guids(&next) > guids(&lock), "a note was added and none lost");
}

/// Documents of one title on different shards get one build's folder
/// names. (Without `anki`: the lock keys documents by title, so same-titled
/// documents share their notes' bookkeeping even in one build.)
#[test]
fn same_titled_documents_on_different_shards_are_named_in_source_order() {
    let project = project(6);
    let work = tempfile::tempdir().expect("work dir");
    let run = run_script(project.path(), &work.path().join("run"), "json,md,epub");
    assert!(run.status.success(), "{}", text(&run));
    let mut folders: Vec<String> = std::fs::read_dir(work.path().join("run/merge/out"))
        .expect("merged out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("repaso"))
        .collect();
    folders.sort();
    assert_eq!(folders, ["repaso", "repaso-2", "repaso-3", "repaso-4", "repaso-5", "repaso-6"]);
    let shards_with_repaso = (1..=3)
        .filter(|k| {
            let dir = work.path().join(format!("run/shards/shard-{k}"));
            std::fs::read_dir(dir).expect("shard").any(|e| e.expect("entry").file_name().to_string_lossy().starts_with("repaso"))
        })
        .count();
    assert!(shards_with_repaso >= 2, "the six notes span shards");
}

/// Build `sources/` of `project` as shard K/3 into `<project>/out-K`, with
/// its lock copied in as the workflow does.
fn shard(project: &Path, k: usize) -> PathBuf {
    let out = format!("out-{k}");
    let o = studyforge(project, &["build", "sources", "--out", &out, "--shard", &format!("{k}/3"), "--format", "json,anki", "-q"]);
    assert!(o.status.success(), "{}", text(&o));
    std::fs::copy(project.join("studyforge.lock"), project.join(&out).join("studyforge.lock")).expect("lock");
    std::fs::remove_file(project.join("studyforge.lock")).expect("next shard starts from no lock");
    project.join(out)
}

#[test]
fn shards_whose_locks_disagree_stop_the_merge_before_anything_is_written() {
    let project = project(0);
    let shards: Vec<PathBuf> = (1..=3).map(|k| shard(project.path(), k)).collect();
    let read = |dir: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join("studyforge.lock")).expect("lock")).expect("json")
    };
    let first = read(&shards[0]);
    let id = first["notes"].as_object().and_then(|n| n.keys().next()).expect("a note").clone();
    // The second shard claims to have built a note of the first, with
    // another GUID: shards of two different builds.
    let mut second = read(&shards[1]);
    second["notes"][&id] = serde_json::json!({"document": "x", "guid": "other", "content": "", "changed": 1});
    std::fs::write(shards[1].join("studyforge.lock"), second.to_string()).expect("tamper");
    let deck = std::fs::read_dir(&shards[1])
        .expect("shard 2")
        .map(|e| e.expect("entry").path().join("deck.items.json"))
        .find(|p| p.is_file())
        .expect("a deck in shard 2");
    let mut items: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&deck).expect("read")).expect("json");
    items["items"].as_array_mut().expect("items").push(serde_json::json!({"id": id}));
    std::fs::write(&deck, items.to_string()).expect("tamper");
    let o = studyforge(project.path(), &["merge", "out-1", "out-2", "out-3", "--out", "merged"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let message = text(&o);
    assert!(message.contains("disagree on 1 note") && message.contains(&id), "{message}");
    assert!(message.contains("out-2/studyforge.lock: document x, guid other"), "{message}");
    assert!(!project.path().join("merged").exists(), "nothing written");
    assert!(!project.path().join("studyforge.lock").exists(), "no lock written");
}

#[test]
fn a_shard_given_twice_or_without_its_lock_is_refused() {
    let project = project(0);
    let one = shard(project.path(), 1);
    shard(project.path(), 2);
    let twice = studyforge(project.path(), &["merge", "out-1", "out-1", "--out", "merged"]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(text(&twice).contains("was built by both out-1 and out-1"), "{}", text(&twice));
    std::fs::remove_file(one.join("studyforge.lock")).expect("drop lock");
    let no_lock = studyforge(project.path(), &["merge", "out-1", "out-2", "--out", "merged"]);
    assert_eq!(no_lock.status.code(), Some(1));
    assert!(text(&no_lock).contains("out-1/studyforge.lock: missing"), "{}", text(&no_lock));
    let not_empty = studyforge(project.path(), &["merge", "out-2", "--out", "sources"]);
    assert!(text(&not_empty).contains("not empty"), "{}", text(&not_empty));
}
