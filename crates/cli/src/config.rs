//! `studyforge.toml`: project settings, overridden by command-line flags.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use export::Paper;
use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "studyforge.toml";

/// Every setting, with its default. Unknown keys are an error, so a typo
/// never silently does nothing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Sources to build when none are named on the command line.
    pub sources: Vec<PathBuf>,
    pub out: PathBuf,
    /// Formats to build; empty means every registered format.
    pub formats: Vec<String>,
    pub templates: PathBuf,
    pub paper: Paper,
    pub columns: u32,
    /// Force a language ("es", "en", "pt", "fr") instead of detecting it.
    pub language: Option<String>,
    /// Namespace for Anki GUIDs; keep it fixed once decks are shared.
    pub project: String,
    /// Also write one combined output per format over all documents
    /// (a course EPUB, one Anki package with a deck per document).
    pub combined: bool,
    /// Parallel jobs; 0 means one per core.
    pub jobs: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: vec![PathBuf::from("sources")],
            out: PathBuf::from("out"),
            formats: Vec::new(),
            templates: PathBuf::from("templates"),
            paper: Paper::A4,
            columns: 3,
            language: None,
            project: "studyforge".into(),
            combined: false,
            jobs: 0,
        }
    }
}

impl Config {
    /// The given file, or `studyforge.toml` in the current folder if there
    /// is one, or the defaults. Relative paths are relative to the file.
    pub fn load(explicit: Option<&Path>) -> Result<(Config, PathBuf)> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None if Path::new(FILE_NAME).is_file() => PathBuf::from(FILE_NAME),
            None => return Ok((Config::default(), PathBuf::from("."))),
        };
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let config: Config = toml::from_str(&text).with_context(|| format!("{}", path.display()))?;
        let base = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        Ok((config.relative_to(&base), base))
    }

    fn relative_to(mut self, base: &Path) -> Config {
        let join = |p: &PathBuf| if p.is_absolute() { p.clone() } else { base.join(p) };
        self.sources = self.sources.iter().map(join).collect();
        self.out = join(&self.out);
        self.templates = join(&self.templates);
        self
    }
}

/// What `studyforge init` writes.
pub const STARTER: &str = r#"# studyforge project settings. Every key is optional; command-line flags win.

# Sources built when `studyforge build` is given no paths (files or folders).
sources = ["sources"]

# Output folder: one sub-folder per document.
out = "out"

# Formats to build; leave empty for all. See `studyforge formats`.
formats = []

# Your copies of templates (typst/guide.typ, epub/*.hbs, plugin folders).
templates = "templates"

# Paper for PDFs: "a4" or "letter". Columns of the cheat sheet.
paper = "a4"
columns = 3

# Force the documents' language instead of detecting it: "es", "en", "pt", "fr".
# language = "es"

# Namespace of Anki note ids. Keep it fixed once your decks are shared.
project = "studyforge"

# Also write one combined output per format: a course EPUB, one Anki package.
combined = false

# Parallel jobs; 0 = one per core.
jobs = 0
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses_to_the_defaults() {
        let parsed: Config = toml::from_str(STARTER).unwrap();
        let default = Config::default();
        assert_eq!(parsed.sources, default.sources);
        assert_eq!(parsed.columns, 3);
        assert_eq!(parsed.project, "studyforge");
        assert!(!parsed.combined);
    }

    #[test]
    fn typos_are_errors() {
        assert!(toml::from_str::<Config>("colums = 2").is_err());
    }
}
