//! Templates: embedded defaults, overridden by a user's folder.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::ExportError;

/// Where templates come from. Each exporter embeds its defaults
/// (`include_str!`) and asks here by relative name ("guide.typ",
/// "epub/chapter.xhtml.hbs"); a file of that name under the user's template
/// folder wins, so a user copies a template, edits it, and the build uses it.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    dir: Option<PathBuf>,
}

impl Templates {
    /// Only the embedded defaults.
    pub fn embedded() -> Self {
        Templates { dir: None }
    }

    /// Defaults overridden by files under `dir`.
    pub fn with_dir(dir: impl Into<PathBuf>) -> Self {
        Templates { dir: Some(dir.into()) }
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The override file for `name`, if the user has one.
    pub fn override_path(&self, name: &str) -> Option<PathBuf> {
        let path = self.dir.as_ref()?.join(name);
        path.is_file().then_some(path)
    }

    /// The template called `name`: the user's copy if present, else `default`.
    pub fn get(&self, name: &str, default: &'static str) -> Result<Cow<'static, str>, ExportError> {
        match self.override_path(name) {
            Some(path) => std::fs::read_to_string(&path)
                .map(Cow::Owned)
                .map_err(|source| ExportError::Io { path: path.display().to_string(), source }),
            None => Ok(Cow::Borrowed(default)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_file_overrides_default() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("epub")).unwrap();
        std::fs::write(dir.path().join("epub/a.hbs"), "mine").unwrap();
        let t = Templates::with_dir(dir.path());
        assert_eq!(t.get("epub/a.hbs", "default").unwrap(), "mine");
        assert_eq!(t.get("epub/b.hbs", "default").unwrap(), "default");
        assert_eq!(Templates::embedded().get("epub/a.hbs", "default").unwrap(), "default");
    }
}
