//! Combined outputs (a course EPUB, one Anki package for every document),
//! made from the models the build wrote rather than from models kept in
//! memory since ingest.
//!
//! Each document's `outline.json` is the model exactly (serde both ways,
//! with the build's language already applied), so reading it back gives
//! what the render saw. That keeps the per-document phase streaming, and
//! lets anything that has the written folders — a merge of CI shards —
//! make the combined outputs a single build would have made, by calling
//! [`render_from`] with the same exporters and options.

use std::path::Path;

use anyhow::{Context, Result};
use export::{Combiner, Exporter, Options, RenderContext, Templates};
use model::Document;

/// Folder, under the output folder, of the combined outputs.
pub const FOLDER: &str = "combined";

/// The per-document file combined outputs are made from (written by the
/// `json` format, which `--combined` therefore always builds).
pub const MODEL_FILE: &str = "outline.json";

/// Write `<out>/combined/` for the documents in `slugs` (output folder
/// names, in build order), one combined output per exporter that has a
/// combined form. Models are read one at a time and dropped once every
/// output has taken them, so a course's size does not decide the memory.
/// Returns one error per exporter that failed; an unreadable model fails
/// them all, naming its file.
pub fn render_from(
    out: &Path,
    slugs: &[String],
    exporters: &[&dyn Exporter],
    options: &Options,
    templates: &Templates,
) -> Vec<anyhow::Error> {
    if slugs.is_empty() {
        return Vec::new();
    }
    let mut open: Vec<(&dyn Exporter, Box<dyn Combiner + '_>)> =
        exporters.iter().filter_map(|e| Some((*e, e.combiner()?))).collect();
    let mut errors = Vec::new();
    for slug in slugs {
        let (document, items) = match load(&out.join(slug).join(MODEL_FILE)) {
            Ok(loaded) => loaded,
            Err(e) => return vec![e.context("combined outputs")],
        };
        let cx = RenderContext { document: &document, items: &items, options, templates };
        open.retain_mut(|(exporter, combiner)| match combiner.add(&cx) {
            Ok(()) => true,
            Err(e) => {
                errors.push(anyhow::Error::from(e).context(format!("combined {}", exporter.name())));
                false
            }
        });
    }
    for (exporter, combiner) in open {
        let written = combiner
            .finish()
            .map_err(anyhow::Error::from)
            .and_then(|a| Ok(export::write_artifacts(&out.join(FOLDER), &a)?));
        if let Err(e) = written {
            errors.push(e.context(format!("combined {}", exporter.name())));
        }
    }
    errors
}

/// A document's model, from its written JSON.
pub fn read_model(path: &Path) -> Result<Document> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{}: not a studyforge model", path.display()))
}

/// A document's model and study items, from its written JSON.
fn load(path: &Path) -> Result<(Document, Vec<study::StudyItem>)> {
    let document = read_model(path)?;
    let items = study::derive(&document);
    Ok((document, items))
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use export::{Artifact, ExportError};

    use super::*;

    /// A combined format that lists its documents' titles, and fails at the
    /// title `fail_at` when one is given.
    struct Titles {
        fail_at: Option<&'static str>,
        seen: Mutex<Vec<String>>,
    }

    struct TitleList<'a> {
        format: &'a Titles,
        titles: Vec<String>,
    }

    impl Exporter for Titles {
        fn name(&self) -> &str {
            if self.fail_at.is_some() { "failing" } else { "titles" }
        }
        fn description(&self) -> &str {
            "test"
        }
        fn render(&self, _: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
            Ok(Vec::new())
        }
        fn combiner(&self) -> Option<Box<dyn Combiner + '_>> {
            Some(Box::new(TitleList { format: self, titles: Vec::new() }))
        }
    }

    impl Combiner for TitleList<'_> {
        fn add(&mut self, cx: &RenderContext<'_>) -> Result<(), ExportError> {
            self.format.seen.lock().unwrap().push(cx.document.title.clone());
            if self.format.fail_at == Some(cx.document.title.as_str()) {
                return Err(ExportError::render("failing", "refused"));
            }
            self.titles.push(cx.document.title.clone());
            Ok(())
        }
        fn finish(self: Box<Self>) -> Result<Vec<Artifact>, ExportError> {
            let file_name = format!("{}.txt", self.format.name());
            Ok(vec![Artifact { file_name, bytes: self.titles.join("\n").into_bytes() }])
        }
    }

    fn write_model(out: &Path, slug: &str, title: &str) {
        let doc = Document { title: title.to_owned(), meta: Default::default(), nodes: Vec::new(), dropped: Vec::new() };
        std::fs::create_dir_all(out.join(slug)).unwrap();
        std::fs::write(out.join(slug).join(MODEL_FILE), serde_json::to_vec(&doc).unwrap()).unwrap();
    }

    fn render(out: &Path, slugs: &[&str], exporters: &[&dyn Exporter]) -> Vec<String> {
        let slugs: Vec<String> = slugs.iter().map(|s| s.to_string()).collect();
        let errors = render_from(out, &slugs, exporters, &Options::default(), &Templates::embedded());
        errors.iter().map(|e| format!("{e:#}")).collect()
    }

    #[test]
    fn documents_reach_each_output_in_build_order_and_a_failing_output_stops_alone() {
        let dir = tempfile::tempdir().unwrap();
        for (slug, title) in [("b", "Second"), ("a", "First"), ("c", "Third")] {
            write_model(dir.path(), slug, title);
        }
        let titles = Titles { fail_at: None, seen: Mutex::default() };
        let failing = Titles { fail_at: Some("Second"), seen: Mutex::default() };
        let errors = render(dir.path(), &["a", "b", "c"], &[&titles, &failing]);
        assert_eq!(errors, ["combined failing: refused"]);
        let written = std::fs::read_to_string(dir.path().join(FOLDER).join("titles.txt")).unwrap();
        assert_eq!(written, "First\nSecond\nThird");
        assert!(!dir.path().join(FOLDER).join("failing.txt").exists(), "a failed output writes nothing");
        assert_eq!(*failing.seen.lock().unwrap(), ["First", "Second"], "no document is fed to a failed output");
    }

    #[test]
    fn an_unreadable_model_writes_no_combined_output_and_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        write_model(dir.path(), "a", "First");
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("b").join(MODEL_FILE), "{ torn").unwrap();
        let titles = Titles { fail_at: None, seen: Mutex::default() };
        let errors = render(dir.path(), &["a", "b"], &[&titles]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("b/outline.json: not a studyforge model"), "{}", errors[0]);
        assert!(!dir.path().join(FOLDER).exists());
    }
}
