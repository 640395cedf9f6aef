//! What the last build wrote and from what, so the next one redoes only
//! what changed. Kept as `out/.studyforge-manifest.json`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const FILE_NAME: &str = ".studyforge-manifest.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Keyed by source path as given.
    pub sources: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    pub slug: String,
    /// Format name → (build key, files written).
    pub formats: BTreeMap<String, Built>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Built {
    pub key: String,
    pub files: Vec<String>,
}

impl Manifest {
    pub fn path(out: &Path) -> PathBuf {
        out.join(FILE_NAME)
    }

    /// The last manifest, or an empty one when there is none or it is
    /// unreadable (then everything is rebuilt, which is always safe).
    pub fn load(out: &Path) -> Manifest {
        std::fs::read(Self::path(out)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    pub fn save(&self, out: &Path) -> anyhow::Result<()> {
        let bytes = serde_json::to_vec_pretty(self)?;
        export::write_artifacts(out, &[export::Artifact { file_name: FILE_NAME.into(), bytes }])?;
        Ok(())
    }

    /// Whether `format` of `source` was built with `key` and its files are
    /// all still there.
    pub fn is_fresh(&self, source: &str, format: &str, key: &str, out: &Path) -> bool {
        self.sources.get(source).is_some_and(|entry| {
            entry.formats.get(format).is_some_and(|built| {
                built.key == key && built.files.iter().all(|f| out.join(&entry.slug).join(f).is_file())
            })
        })
    }
}

/// Hex SHA-256 over the parts, each length-prefixed so boundaries count.
pub fn key(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Hash of the user's template files under each of `paths` (files or
/// folders, relative to `dir`); absent ones hash as absent, so adding an
/// override also triggers a rebuild.
pub fn templates_key(dir: &Path, paths: &[String]) -> String {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for p in paths {
        let mut files = Vec::new();
        collect_files(&dir.join(p), &mut files);
        files.sort();
        parts.push(p.as_bytes().to_vec());
        for f in files {
            parts.push(f.display().to_string().into_bytes());
            parts.push(std::fs::read(&f).unwrap_or_default());
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    key(&refs)
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.flatten() {
            collect_files(&e.path(), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_separates_parts() {
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_eq!(key(&[b"x"]), key(&[b"x"]));
    }

    #[test]
    fn templates_key_follows_file_content() {
        let dir = tempfile::tempdir().unwrap();
        let paths = vec!["epub".to_string()];
        let empty = templates_key(dir.path(), &paths);
        std::fs::create_dir_all(dir.path().join("epub")).unwrap();
        std::fs::write(dir.path().join("epub/a.hbs"), "1").unwrap();
        let one = templates_key(dir.path(), &paths);
        std::fs::write(dir.path().join("epub/a.hbs"), "2").unwrap();
        let two = templates_key(dir.path(), &paths);
        assert!(empty != one && one != two);
        assert_eq!(templates_key(dir.path(), &[]), templates_key(dir.path(), &[]));
    }
}
