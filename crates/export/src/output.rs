//! Writing artifacts so they appear whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Artifact, ExportError};

/// Write each artifact into `dir` through a temporary file in the same
/// folder and an atomic rename: a crash or a failing exporter never leaves a
/// half-written file behind. Returns the paths written.
pub fn write_artifacts(dir: &Path, artifacts: &[Artifact]) -> Result<Vec<PathBuf>, ExportError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| ExportError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::with_capacity(artifacts.len());
    for artifact in artifacts {
        let target = dir.join(safe_relative_path(&artifact.file_name));
        // The temporary file sits next to its target: a rename is only
        // atomic within one file system.
        let parent = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".studyforge-")
            .suffix(".tmp")
            .tempfile_in(parent)
            .map_err(io(parent))?;
        tmp.write_all(&artifact.bytes).map_err(io(&target))?;
        tmp.as_file().sync_data().map_err(io(&target))?;
        tmp.persist(&target).map_err(|e| io(&target)(e.error))?;
        written.push(target);
    }
    Ok(written)
}

/// Artifact names come from exporters and plugins: keep their subfolders
/// (`images/a.png`) but never let one escape its folder, so `..`, `.`, empty
/// and root components are dropped.
fn safe_relative_path(name: &str) -> PathBuf {
    let parts: PathBuf = name.split(['/', '\\']).filter(|p| !matches!(*p, "" | "." | "..")).collect();
    if parts.as_os_str().is_empty() { PathBuf::from("artifact") } else { parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_all_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("doc");
        let arts = vec![
            Artifact { file_name: "a.json".into(), bytes: b"{}".to_vec() },
            Artifact { file_name: "../escape.md".into(), bytes: b"# x".to_vec() },
        ];
        let written = write_artifacts(&out, &arts).unwrap();
        assert_eq!(written, vec![out.join("a.json"), out.join("escape.md")]);
        assert_eq!(std::fs::read(out.join("a.json")).unwrap(), b"{}");
        let names: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    }

    #[test]
    fn keeps_subfolders_inside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("doc");
        let arts = vec![
            Artifact { file_name: "img/a/b.txt".into(), bytes: b"b".to_vec() },
            Artifact { file_name: "/abs/../../c.txt".into(), bytes: b"c".to_vec() },
            Artifact { file_name: "..".into(), bytes: b"d".to_vec() },
        ];
        let written = write_artifacts(&out, &arts).unwrap();
        assert_eq!(written, vec![out.join("img/a/b.txt"), out.join("abs/c.txt"), out.join("artifact")]);
        assert_eq!(std::fs::read(out.join("img/a/b.txt")).unwrap(), b"b");
    }
}
