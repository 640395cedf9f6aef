//! Hostile models: every exporter over one [`Document`], each output then
//! read back by a parser studyforge did not write.
//!
//! The fuzz targets in `fuzz/` build arbitrary documents and call
//! [`Cheap::check`] and [`check_pdf`]; the regression tests in `tests/` replay
//! the documents the fuzzer once broke an exporter with. A render error is a
//! failure too: any model an exporter can be handed must give a file.

mod apkg;
mod epub;
#[cfg(feature = "pdf")]
mod pdf;

use std::path::Path;

use export::{Artifact, Exporter, Options, RenderContext, Templates};
use model::Document;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{format}: render failed: {message}")]
    Render { format: String, message: String },
    #[error("{format}: {file}: {message}")]
    Invalid { format: String, file: String, message: String },
}

impl Failure {
    fn invalid(format: &str, file: &str, message: impl std::fmt::Display) -> Failure {
        Failure::Invalid { format: format.to_owned(), file: file.to_owned(), message: message.to_string() }
    }
}

/// The fast formats (JSON, Markdown, EPUB, Anki, and the template plugins
/// of a folder), loaded once: a fuzzer calls [`Cheap::check`] per input.
pub struct Cheap {
    exporters: Vec<Box<dyn Exporter>>,
}

impl Cheap {
    pub fn new(plugins_dir: Option<&Path>) -> Result<Cheap, Failure> {
        let mut exporters: Vec<Box<dyn Exporter>> = vec![
            Box::new(export::builtin::Json),
            Box::new(export::builtin::Markdown),
            Box::new(export_epub::Epub),
            Box::new(export_anki::Anki::new()),
        ];
        if let Some(dir) = plugins_dir {
            let plugins = export::plugins::template_plugins(dir)
                .map_err(|e| Failure::Render { format: "plugins".into(), message: e.to_string() })?;
            exporters.extend(plugins);
        }
        Ok(Cheap { exporters })
    }

    /// Every format alone, and combined with a second copy of the document
    /// (two books or decks of one title).
    pub fn check(&self, doc: &Document) -> Result<(), Failure> {
        with_context(doc, |cx| {
            for exporter in &self.exporters {
                check_format(exporter.as_ref(), &exporter.render(cx), doc)?;
                if let Some(result) = export::render_combined(exporter.as_ref(), &[*cx, *cx]) {
                    check_format(exporter.as_ref(), &result, doc)?;
                }
            }
            Ok(())
        })
    }
}

#[cfg(feature = "pdf")]
/// The two PDFs (typst is slow: the fuzzer gives them their own target).
pub fn check_pdf(doc: &Document) -> Result<(), Failure> {
    with_context(doc, |cx| {
        for exporter in [&export_typst::Guide as &dyn Exporter, &export_typst::Cheatsheet] {
            check_format(exporter, &exporter.render(cx), doc)?;
        }
        Ok(())
    })
}

/// Derive the study items and render with default options and no lock file
/// (a fuzzer must not write files).
fn with_context(doc: &Document, run: impl FnOnce(&RenderContext<'_>) -> Result<(), Failure>) -> Result<(), Failure> {
    let items = study::derive(doc);
    let options = Options::default();
    let templates = Templates::embedded();
    run(&RenderContext { document: doc, items: &items, options: &options, templates: &templates })
}

fn check_format(
    exporter: &dyn Exporter,
    result: &Result<Vec<Artifact>, export::ExportError>,
    doc: &Document,
) -> Result<(), Failure> {
    let format = exporter.name();
    let artifacts =
        result.as_ref().map_err(|e| Failure::Render { format: format.to_owned(), message: e.to_string() })?;
    if artifacts.is_empty() {
        return Err(Failure::invalid(format, "-", "no file written"));
    }
    artifacts.iter().try_for_each(|a| check_artifact(format, a, doc))
}

/// Each kind of file by its extension, with the parser that judges it.
fn check_artifact(format: &str, artifact: &Artifact, doc: &Document) -> Result<(), Failure> {
    let name = artifact.file_name.as_str();
    let bytes = artifact.bytes.as_slice();
    let fail = |message: String| Failure::invalid(format, name, message);
    match Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("") {
        "json" if name == "outline.json" => {
            let back: Document = serde_json::from_slice(bytes).map_err(|e| fail(e.to_string()))?;
            if &back != doc {
                return Err(fail("reading outline.json back gives another model".into()));
            }
        }
        "json" => {
            serde_json::from_slice::<serde_json::Value>(bytes).map_err(|e| fail(e.to_string()))?;
        }
        "epub" => epub::check(bytes).map_err(fail)?,
        "apkg" => apkg::check(bytes).map_err(fail)?,
        #[cfg(feature = "pdf")]
        "pdf" => pdf::check(bytes).map_err(fail)?,
        "tsv" => tsv(bytes).map_err(fail)?,
        _ => {
            std::str::from_utf8(bytes).map_err(|e| fail(e.to_string()))?;
        }
    }
    Ok(())
}

/// A tab-separated card list: every line one term and one definition.
fn tsv(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    match text.lines().enumerate().find(|(_, line)| line.matches('\t').count() != 1) {
        Some((n, line)) => Err(format!("line {}: {} tabs, expected 1", n + 1, line.matches('\t').count())),
        None => Ok(()),
    }
}
