//! One writer at a time: an advisory lock on the output folder and on the
//! project's `studyforge.lock`, held for a whole build.
//!
//! Two builds at once (`watch` running while the user types `build`, two
//! CI jobs on one checkout) would otherwise read and write the same
//! manifest and lock file, and the last writer would win. The lock is the
//! operating system's (`flock` on Unix, `LockFileEx` on Windows) through
//! `std::fs::File::lock`, which the standard library has had since Rust
//! 1.89, so no crate is needed: it is released when the process ends,
//! however it ends, so a killed build never leaves a stale lock behind.
//!
//! The guard file holds the pid of the build that has it, so a waiting or
//! refused build can say which process to look at. It is never deleted: a
//! build waiting on a deleted file would lock a file nobody else sees
//! (Cargo keeps its `.package-cache` for the same reason).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Name of the guard file inside the output folder.
pub const OUT_GUARD: &str = ".studyforge-writer";

/// What is guarded, for messages, and the guard file that locks it.
pub struct Target {
    pub what: PathBuf,
    pub guard: PathBuf,
}

impl Target {
    /// The output folder, through a guard file inside it.
    pub fn out(out: &Path) -> Target {
        Target { what: out.to_path_buf(), guard: out.join(OUT_GUARD) }
    }

    /// A lock file such as `studyforge.lock`, through a guard beside it (not
    /// the file itself: it is replaced by rename, and a lock belongs to the
    /// file it was taken on, not to its name).
    pub fn file(path: &Path) -> Target {
        let name = path.file_name().map_or_else(|| "lock".into(), |n| n.to_string_lossy().into_owned());
        Target { what: path.to_path_buf(), guard: path.with_file_name(format!(".{name}.writer")) }
    }
}

/// Locks held until dropped.
pub struct Held {
    _files: Vec<File>,
}

/// Another build has a target and `--no-wait` was given.
#[derive(Debug)]
pub struct Busy {
    pub what: PathBuf,
    pub holder: String,
}

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is in use by another studyforge build ({}); try again when it has finished", self.what.display(), self.holder)
    }
}

/// Lock every target, in the order given (always the same order, so two
/// builds never each hold one and wait for the other). With `wait`, a held
/// target is waited for after saying so on stderr; without, the first held
/// one is an `Err(Busy)` inside `Ok`.
pub fn acquire(targets: &[Target], wait: bool) -> Result<Result<Held, Busy>> {
    let mut files = Vec::with_capacity(targets.len());
    for target in targets {
        let mut file = open_guard(&target.guard)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) if !wait => {
                return Ok(Err(Busy { what: target.what.clone(), holder: holder(&mut file) }));
            }
            Err(TryLockError::WouldBlock) => {
                eprintln!("waiting for {}: in use by another studyforge build ({})", target.what.display(), holder(&mut file));
                file.lock().with_context(|| format!("locking {}", target.guard.display()))?;
            }
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("locking {}", target.guard.display()));
            }
        }
        record_pid(&mut file).with_context(|| format!("writing {}", target.guard.display()))?;
        files.push(file);
    }
    Ok(Ok(Held { _files: files }))
}

fn open_guard(path: &Path) -> Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))
}

/// Who holds the lock, as its guard file says.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let read = file.rewind().and_then(|()| file.read_to_string(&mut text));
    match text.trim().parse::<u32>() {
        Ok(pid) if read.is_ok() => format!("process {pid}"),
        _ => "a process that has not written its id yet".into(),
    }
}

fn record_pid(file: &mut File) -> std::io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    writeln!(file, "{}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_pid_and_gets_it_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let targets = [Target::out(&dir.path().join("out")), Target::file(&dir.path().join("studyforge.lock"))];
        let first = acquire(&targets, false).unwrap().expect("free at first");
        // Locks are per open file, so a second open in this process
        // conflicts just as another process would.
        let busy = acquire(&targets, false).unwrap().err().expect("held");
        assert_eq!(busy.what, dir.path().join("out"));
        assert_eq!(busy.holder, format!("process {}", std::process::id()));
        assert!(busy.to_string().contains(&dir.path().join("out").display().to_string()));
        drop(first);
        assert!(acquire(&targets, false).unwrap().is_ok(), "free again once released");
        assert!(dir.path().join(".studyforge.lock.writer").is_file());
    }
}
