//! How studyforge turns one outline into files.
//!
//! Modelled on mdBook's renderers: an [`Exporter`] gets a [`RenderContext`]
//! (the document, its study items, the options, the templates) and returns
//! [`Artifact`]s; the caller decides where they go and writes them
//! atomically with [`write_artifacts`]. Exporters never touch the disk
//! themselves and never see raw source text.

pub mod builtin;
mod combine;
pub mod markup;
mod output;
pub mod parallel;
pub mod plugins;
mod registry;
mod templates;
pub mod time;
pub mod xml;

pub use combine::{Combiner, render_combined};
pub use output::{remove_temporaries, replace_durably, write_artifacts};
pub use registry::Registry;
pub use templates::Templates;

use model::Document;
use study::StudyItem;

/// Paper size for paged formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// Options shared by every exporter.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Options {
    pub paper: Paper,
    /// Columns of the cheat sheet.
    pub columns: u32,
    /// Seconds since the epoch to stamp into outputs (`SOURCE_DATE_EPOCH`);
    /// `None` means exporters use a fixed, content-derived or source date,
    /// never the wall clock.
    pub build_time: Option<i64>,
    /// Namespace for ids that must not collide across projects (Anki GUIDs).
    pub project: String,
    /// The project's `studyforge.lock` (kept next to the sources and
    /// committed): formats whose ids or timestamps must survive rebuilds —
    /// Anki note GUIDs and modification times — read and update it. `None`
    /// builds without memory of earlier builds.
    pub lockfile: Option<std::path::PathBuf>,
    /// The formats of this build, so a format that links to its siblings
    /// (the web page to the PDFs, the deck, the map) links only to files
    /// that are being written. Not part of the shared settings: a format
    /// that reads it says so in [`Exporter::build_key_extra`].
    #[serde(skip)]
    pub formats: Vec<String>,
    /// The concept map: where it is drawn and how.
    pub map: MapOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            paper: Paper::A4,
            columns: 3,
            build_time: None,
            project: "studyforge".into(),
            lockfile: None,
            formats: Vec::new(),
            map: MapOptions::default(),
        }
    }
}

/// Where a concept map's branches grow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MapDirection {
    /// Root at the left, branches to the right: what prints largest on a
    /// portrait page (its width holds the levels, its height the leaves).
    #[default]
    Right,
    /// Root in the middle, branches left and right, as Coggle draws it.
    Both,
}

/// Concept-map settings (`[map]` in `studyforge.toml`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MapOptions {
    /// Draw the map in the guide (after the contents, and per section when
    /// the overview is cut).
    pub guide: bool,
    /// Draw a small overview on the cheat sheet when it still fits one page.
    pub cheatsheet: bool,
    /// Put the map in the EPUB.
    pub epub: bool,
    pub direction: MapDirection,
    /// Levels below the title shown at most (at least 1).
    pub depth: usize,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions { guide: true, cheatsheet: true, epub: true, direction: MapDirection::Right, depth: 4 }
    }
}

/// Everything an exporter may read for one document.
#[derive(Clone, Copy)]
pub struct RenderContext<'a> {
    pub document: &'a Document,
    pub items: &'a [StudyItem],
    pub options: &'a Options,
    pub templates: &'a Templates,
}

/// One output file, named relative to the document's output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A format studyforge can write.
pub trait Exporter: Send + Sync {
    /// Short name used on the command line (`--format guide`).
    fn name(&self) -> &str;
    /// One line for `studyforge formats`.
    fn description(&self) -> &str;
    /// Render one document.
    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError>;
    /// Template files or folders (relative to the template folder) this
    /// format reads, so an incremental build reruns it when one changes.
    fn template_paths(&self) -> Vec<String> {
        Vec::new()
    }
    /// What this format's output depends on beyond the source, the shared
    /// options and its templates (the web page: which sibling formats it
    /// links to); part of its incremental build key.
    fn build_key_extra(&self, _options: &Options) -> String {
        String::new()
    }
    /// A combined output over many documents (a course book, one deck for
    /// a folder), fed one document at a time. `None` when the format has no
    /// combined form. [`render_combined`] renders a slice of documents at once.
    fn combiner(&self) -> Option<Box<dyn Combiner + '_>> {
        None
    }
    /// Called once after a build's renders, for state a format keeps across
    /// documents (the Anki lock file). Renders without it may lose that state.
    /// Returns lines for the build's summary (the decks a build changed).
    fn finish(&self) -> Result<Vec<String>, ExportError> {
        Ok(Vec::new())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// Shown without the format's name: whoever reports it names the
    /// format it was rendering (else messages read `guide: guide: …`).
    #[error("{message}")]
    Render { format: String, message: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

impl ExportError {
    pub fn render(format: &str, message: impl std::fmt::Display) -> Self {
        ExportError::Render { format: format.to_owned(), message: message.to_string() }
    }
}
