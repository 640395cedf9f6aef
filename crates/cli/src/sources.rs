//! Which files a build reads, and which share of them a CI shard builds.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

/// File extensions picked up when a folder is given.
const SOURCE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mm", "opml"];

/// Files given directly, plus supported files under folders, sorted so every
/// machine sees the same order.
pub fn collect(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found).with_context(|| format!("reading {}", input.display()))?;
            found.sort();
            files.extend(found);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            bail!("{}: no such file or folder", input.display());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            found.push(path);
        }
    }
    Ok(())
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

    #[test]
    fn bad_shards_are_refused() {
        for bad in ["0/3", "4/3", "1/0", "x/2", "3"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }
}
