//! Writing artifacts so they appear whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Artifact, ExportError};

/// Write each artifact into `dir` through a temporary file in the same
/// folder and an atomic rename: a crash or a failing exporter never leaves a
/// half-written file behind. Returns the paths written.
///
/// No fsync: artifacts are rebuilt from their sources at will, and one
/// fsync per file made a batch of a thousand documents wait on the disk for
/// seconds. (The lock file, which is not rebuildable, is synced.)
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
        let mut tmp = temp_file_in(parent).map_err(io(parent))?;
        tmp.write_all(&artifact.bytes).map_err(io(&target))?;
        tmp.persist(&target).map_err(|e| io(&target)(e.error))?;
        written.push(target);
    }
    Ok(written)
}

/// A temporary file in `dir`, to be renamed over its target. It is created
/// with the permissions of an ordinary new file (0666 less the umask), not
/// the owner-only mode temporary files get by default, so outputs stay
/// readable by whoever reads the output folder.
pub fn temp_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".studyforge-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
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

    #[cfg(unix)]
    #[test]
    fn outputs_get_ordinary_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let written = write_artifacts(dir.path(), &[Artifact { file_name: "a.txt".into(), bytes: b"a".to_vec() }]).unwrap();
        let mode = std::fs::metadata(&written[0]).unwrap().permissions().mode();
        // Whatever the umask, a new file is at least readable and writable by
        // its owner and never executable.
        assert_eq!(mode & 0o700, 0o600);
        // The umask CI and most desktops use (022) leaves it world-readable,
        // which the owner-only default of temporary files would not.
        let umask_022 = std::process::Command::new("sh").args(["-c", "umask"]).output().unwrap();
        if String::from_utf8_lossy(&umask_022.stdout).trim().ends_with("022") {
            assert_eq!(mode & 0o777, 0o644);
        }
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
