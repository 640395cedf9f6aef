//! `studyforge.toml`: project settings, overridden by command-line flags.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use export::{MapOptions, Options, Paper};
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
    /// The concept map (`[map]`): where it is drawn, which way, how deep.
    pub map: MapOptions,
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
            map: MapOptions::default(),
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

    /// The render options these settings give, with the build time from
    /// `SOURCE_DATE_EPOCH` and the Anki lock at `lockfile`; the formats are
    /// left for the caller, which knows which it builds.
    pub fn options(&self, lockfile: PathBuf) -> Result<Options> {
        Ok(Options {
            paper: self.paper,
            columns: self.columns.max(1),
            build_time: source_date_epoch()?,
            project: self.project.clone(),
            lockfile: Some(lockfile),
            formats: Vec::new(),
            map: self.map.clone(),
        })
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

# The concept map of each document (also its own format: `map` → map.svg).
[map]
# Draw it in the guide (after the contents), on the cheat sheet (only when
# the sheet still fits one page) and in the EPUB.
guide = true
cheatsheet = true
epub = true
# "right": title at the left, branches to the right (prints best on A4 and
# Letter); "both": title in the middle, branches left and right (Coggle).
direction = "right"
# Levels below the title shown at most; a map too big to print at 7 pt
# shows fewer, and each cut branch gets its own map in its section.
depth = 4
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
        assert_eq!(parsed.map, MapOptions::default());
    }

    #[test]
    fn map_settings_are_read_and_checked() {
        let parsed: Config = toml::from_str("[map]\ndirection = \"both\"\ndepth = 2\nguide = false").unwrap();
        assert_eq!(parsed.map.direction, export::MapDirection::Both);
        assert_eq!(parsed.map.depth, 2);
        assert!(!parsed.map.guide && parsed.map.epub);
        assert!(toml::from_str::<Config>("[map]\ndirection = \"up\"").is_err());
        assert!(toml::from_str::<Config>("[map]\ndeep = 2").is_err());
    }

    #[test]
    fn typos_are_errors() {
        assert!(toml::from_str::<Config>("colums = 2").is_err());
    }
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for a fixed time.
fn source_date_epoch() -> Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => Ok(Some(
            v.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?,
        )),
        _ => Ok(None),
    }
}
