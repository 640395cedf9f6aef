//! The `html` format: `index.html` per document, one self-contained page
//! (stylesheet inline, no network, a few lines of optional script), and the
//! course site over every document of a build ([`site`]).
//!
//! Pages come from handlebars templates under `templates/html/`, embedded
//! and overridable like every other format's; the outline inside them is
//! written by the shared `export::markup` writer, so the web page, the EPUB
//! and their anchors never disagree.

mod page;
pub mod site;
mod theme;

pub use site::{Heading, Summary};

use export::{Artifact, ExportError, Exporter, Options, RenderContext};

/// The format's name, for callers that treat web pages specially (the
/// course site, a live preview that renders pages first).
pub const FORMAT: &str = "html";

/// The `html` format.
pub struct Html;

impl Exporter for Html {
    fn name(&self) -> &str {
        FORMAT
    }

    fn description(&self) -> &str {
        "index.html: a self-contained web page with contents, self-test and links to the other outputs"
    }

    fn template_paths(&self) -> Vec<String> {
        vec!["html".into()]
    }

    /// The page links to the sibling formats of the build, so a build with
    /// other formats rewrites it.
    fn build_key_extra(&self, options: &Options) -> String {
        page::linked_siblings(options).map(|s| s.format).collect::<Vec<_>>().join(",")
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let theme = theme::Theme::load(cx.templates)?;
        Ok(vec![Artifact { file_name: "index.html".into(), bytes: page::render(&theme, cx)?.into_bytes() }])
    }
}
