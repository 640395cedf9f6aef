//! Writing artifacts so they appear whole or not at all.

use std::io::{BufWriter, Write};
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

/// Replace `path` with what `write` writes so that, whatever moment the process or the
/// machine stops at, the file is either its old or its new version: write
/// a temporary file beside it, flush it to disk, rename it over the
/// target, then flush the folder so the rename itself is on disk. For files
/// that cannot be rebuilt from the sources (the lock file); outputs skip
/// the flushes, see [`write_artifacts`].
pub fn replace_durably(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = temp_file_in(dir)?;
    let mut buffered = BufWriter::new(tmp.as_file_mut());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Flush a folder's entries (a rename into it) to disk. Windows has no
/// such call on folders; there the rename is durable once it returns.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Name parts of the temporary files [`write_artifacts`] and
/// [`replace_durably`] write before renaming.
const TEMP_PREFIX: &str = ".studyforge-";
const TEMP_SUFFIX: &str = ".tmp";

/// Delete the temporary files a killed build left in `dir` (and, with
/// `recursive`, its subfolders): a process that dies between writing one
/// and renaming it never deletes it. Only safe while holding the folder's
/// writer lock, when no other build can be writing one. Returns how many
/// were removed; a missing folder has none.
pub fn remove_temporaries(dir: &Path, recursive: bool) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if kind.is_dir() && recursive {
            removed += remove_temporaries(&entry.path(), true)?;
        } else if kind.is_file() && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// A temporary file in `dir`, to be renamed over its target. It is created
/// with the permissions of an ordinary new file (0666 less the umask), not
/// the owner-only mode temporary files get by default, so outputs stay
/// readable by whoever reads the output folder.
fn temp_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
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
    fn durable_replace_swaps_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.lock");
        replace_durably(&path, |f| f.write_all(b"old")).unwrap();
        replace_durably(&path, |f| f.write_all(b"new, longer")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new, longer");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_names_the_path_and_leaves_no_temporary() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("ro");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_artifacts(&locked, &[Artifact { file_name: "a.txt".into(), bytes: b"a".to_vec() }]);
        let writable = std::fs::write(locked.join("probe"), "x").is_ok(); // root ignores modes
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if !writable {
            let message = result.unwrap_err().to_string();
            assert!(message.contains(&locked.display().to_string()), "{message}");
            assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 0);
        }
    }

    #[test]
    fn leftover_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("doc");
        std::fs::create_dir_all(&doc).unwrap();
        let left = temp_file_in(&doc).unwrap().keep().unwrap().1;
        std::fs::write(doc.join("guide.pdf"), "x").unwrap();
        std::fs::write(dir.path().join(".studyforge-manifest.json"), "{}").unwrap();
        assert_eq!(remove_temporaries(dir.path(), false).unwrap(), 0, "not recursive: doc/ untouched");
        assert_eq!(remove_temporaries(dir.path(), true).unwrap(), 1);
        assert!(!left.exists() && doc.join("guide.pdf").exists());
        assert!(dir.path().join(".studyforge-manifest.json").exists());
        assert_eq!(remove_temporaries(&dir.path().join("absent"), true).unwrap(), 0);
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
