//! Which files a build reads, and which share of them a CI shard builds.
//!
//! Folders are walked with the `ignore` crate, ripgrep's walker, rather
//! than by hand: it already reads `.gitignore`/`.ignore` files the way git
//! does (nested files, negations, anchored patterns) and detects symlink
//! loops when links are followed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use sha2::{Digest, Sha256};

/// File extensions picked up when a folder is given.
const SOURCE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mm", "opml"];

/// What a walk found: the sources to build, and what it left out and why
/// (shown with `--verbose`).
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Follow symbolic links (loops are detected and skipped).
    pub follow: bool,
    /// Also find what the hidden-file and ignore-file rules left out, to
    /// name it; costs a second walk, so only for `--verbose`.
    pub explain: bool,
}

/// Files given directly, plus supported files under folders, sorted so every
/// machine sees the same order. A file reached twice (named twice, or
/// through a followed link) is built once, under the first path it was
/// reached by in that order.
pub fn collect(inputs: &[PathBuf], options: WalkOptions) -> Result<Collected> {
    let mut collected = Collected::default();
    let mut found = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut in_folder = walk(input, options, &mut collected.skipped)?;
            in_folder.sort();
            if options.explain {
                collected.skipped.extend(left_out_by_filters(input, &in_folder));
            }
            found.extend(in_folder);
        } else if input.is_file() {
            found.push(input.clone());
        } else {
            bail!("{}: no such file or folder", input.display());
        }
    }
    let mut seen: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for file in found {
        let canonical = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        match seen.get(&canonical) {
            Some(first) => collected
                .skipped
                .push(Skipped { reason: format!("the same file as {}", first.display()), path: file }),
            None => {
                seen.insert(canonical, file.clone());
                collected.files.push(file);
            }
        }
    }
    Ok(collected)
}

fn is_source(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walker(dir: &Path, filtered: bool, follow: bool) -> ignore::Walk {
    ignore::WalkBuilder::new(dir)
        .standard_filters(filtered)
        // A notes folder is often not a git checkout; its .gitignore still
        // says what is not a note.
        .require_git(false)
        // Only the folder's own ignore files count, not those of whatever
        // project it happens to sit in.
        .parents(false)
        .follow_links(follow)
        .build()
}

/// Source files under `dir`, with hidden and ignored paths left out. Links
/// are skipped unless followed; a loop is skipped, named; any other error
/// (an unreadable folder) stops the build, since silently missing notes
/// would be worse.
fn walk(dir: &Path, options: WalkOptions, skipped: &mut Vec<Skipped>) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walker(dir, true, options.follow) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => match symlink_loop(&e) {
                Some(path) => {
                    skipped.push(Skipped { path, reason: "a symbolic link back into a folder above it (loop)".into() });
                    continue;
                }
                None => return Err(anyhow!("reading {}: {e}", dir.display())),
            },
        };
        let Some(kind) = entry.file_type() else { continue };
        if kind.is_symlink() {
            let reason = "a symbolic link (pass --follow to follow links)".into();
            skipped.push(Skipped { path: entry.into_path(), reason });
        } else if kind.is_file() && is_source(entry.path()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The path of a loop a followed link made, if that is what `error` is.
fn symlink_loop(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => symlink_loop(err),
        _ => None,
    }
}

/// The top-most hidden or ignored paths under `dir` that hold a source
/// file: a walk without the filters, less what the filtered walk kept. A
/// skipped `.git/` or ignored `drafts/` is named once, not file by file.
fn left_out_by_filters(dir: &Path, kept: &[PathBuf]) -> Vec<Skipped> {
    let kept_folders: BTreeSet<&Path> = kept.iter().flat_map(|f| f.ancestors().skip(1)).collect();
    let kept: BTreeSet<&Path> = kept.iter().map(PathBuf::as_path).collect();
    let mut left_out: Vec<PathBuf> = walker(dir, false, false)
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && is_source(e.path()) && !kept.contains(e.path()))
        .map(|e| top_most_left_out(dir, e.path(), &kept_folders))
        .collect();
    left_out.sort();
    left_out.dedup();
    left_out
        .into_iter()
        .map(|path| {
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            let reason = if hidden { "hidden" } else { "matched by a .gitignore or .ignore file" };
            Skipped { path, reason: reason.into() }
        })
        .collect()
}

/// The shallowest ancestor of `file` under `dir` (or the file itself) that
/// holds no kept file.
fn top_most_left_out(dir: &Path, file: &Path, kept_folders: &BTreeSet<&Path>) -> PathBuf {
    let relative = file.strip_prefix(dir).unwrap_or(file);
    let mut path = dir.to_path_buf();
    for part in relative.components() {
        path.push(part);
        if !kept_folders.contains(path.as_path()) {
            break;
        }
    }
    path
}

/// Share `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// A file belongs to one shard, chosen by a hash of its path: adding a
    /// file never moves the others to another machine.
    pub fn contains(&self, file: &Path) -> bool {
        let digest = Sha256::digest(file.to_string_lossy().as_bytes());
        let n = u64::from_le_bytes(digest[..8].try_into().unwrap_or_default());
        n % self.count == self.index - 1
    }
}

pub fn parse_shard(text: &str) -> Result<Shard, String> {
    let (k, n) = text.split_once('/').ok_or("expected K/N, e.g. 2/3")?;
    let index: u64 = k.trim().parse().map_err(|_| format!("{k:?} is not a number"))?;
    let count: u64 = n.trim().parse().map_err(|_| format!("{n:?} is not a number"))?;
    if count == 0 || index == 0 || index > count {
        return Err(format!("shard {index}/{count}: need 1 <= K <= N"));
    }
    Ok(Shard { index, count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_files() {
        let files: Vec<PathBuf> = (0..500).map(|i| PathBuf::from(format!("notes/tema{i}.txt"))).collect();
        let shards: Vec<Shard> = (1..=3).map(|k| parse_shard(&format!("{k}/3")).unwrap()).collect();
        for f in &files {
            assert_eq!(shards.iter().filter(|s| s.contains(f)).count(), 1, "{f:?}");
        }
        for s in &shards {
            let n = files.iter().filter(|f| s.contains(f)).count();
            assert!((100..=240).contains(&n), "uneven shard: {n}");
        }
    }

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }

    fn names(dir: &Path, files: &[PathBuf]) -> Vec<String> {
        files.iter().map(|f| f.strip_prefix(dir).unwrap().display().to_string()).collect()
    }

    #[test]
    fn hidden_and_ignored_paths_are_left_out_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["a.txt", "sub/b.md", ".hidden/c.txt", "drafts/d.txt", "drafts/e.txt", "skip.md", "img.png"] {
            touch(&root.join(f));
        }
        std::fs::write(root.join(".gitignore"), "drafts/\nskip.md\n").unwrap();
        let found = collect(&[root.to_path_buf()], WalkOptions { follow: false, explain: true }).unwrap();
        assert_eq!(names(root, &found.files), ["a.txt", "sub/b.md"]);
        let skipped: Vec<(String, &str)> =
            found.skipped.iter().map(|s| (s.path.strip_prefix(root).unwrap().display().to_string(), s.reason.as_str())).collect();
        assert_eq!(
            skipped,
            [
                (".hidden".to_string(), "hidden"),
                ("drafts".to_string(), "matched by a .gitignore or .ignore file"),
                ("skip.md".to_string(), "matched by a .gitignore or .ignore file"),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_skipped_unless_followed_and_loops_build_each_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("notes/a.txt"));
        touch(&root.join("elsewhere/b.txt"));
        std::os::unix::fs::symlink(".", root.join("notes/loop")).unwrap();
        std::os::unix::fs::symlink("../elsewhere", root.join("notes/linked")).unwrap();
        std::os::unix::fs::symlink("a.txt", root.join("notes/alias.txt")).unwrap();
        let notes = root.join("notes");

        let plain = collect(std::slice::from_ref(&notes), WalkOptions::default()).unwrap();
        assert_eq!(names(&notes, &plain.files), ["a.txt"]);
        assert_eq!(plain.skipped.len(), 3, "{:?}", plain.skipped);
        assert!(plain.skipped.iter().all(|s| s.reason.contains("--follow")));

        let followed = collect(&[notes.clone()], WalkOptions { follow: true, explain: false }).unwrap();
        assert_eq!(names(&notes, &followed.files), ["a.txt", "linked/b.txt"]);
        let reasons: Vec<&str> = followed.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(reasons.iter().any(|r| r.contains("loop")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.starts_with("the same file as")), "{reasons:?}");
    }

    #[test]
    fn a_file_named_twice_is_built_once() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("a.txt"));
        let found = collect(&[dir.path().to_path_buf(), dir.path().join("a.txt")], WalkOptions::default()).unwrap();
        assert_eq!(found.files.len(), 1);
    }

    #[test]
    fn bad_shards_are_refused() {
        for bad in ["0/3", "4/3", "1/0", "x/2", "3"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }
}
