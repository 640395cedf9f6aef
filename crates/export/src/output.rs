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
        let target = dir.join(safe_file_name(&artifact.file_name));
        let mut tmp = tempfile::Builder::new()
            .prefix(".studyforge-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io(dir))?;
        tmp.write_all(&artifact.bytes).map_err(io(&target))?;
        tmp.as_file().sync_data().map_err(io(&target))?;
        tmp.persist(&target).map_err(|e| io(&target)(e.error))?;
        written.push(target);
    }
    Ok(written)
}

/// Artifact names come from exporters, but never let one escape its folder.
fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base {
        "" | "." | ".." => "artifact".to_owned(),
        _ => base.to_owned(),
    }
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
}
