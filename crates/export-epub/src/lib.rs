//! EPUB 3 books from outlines: `book.epub` per document and a combined
//! `course.epub` with one part per document.
//!
//! Pages come from handlebars templates (`templates/epub/`, embedded, each
//! overridable by a user's copy); the outline inside them is written by
//! the shared `export::markup` writer, which escapes every string. The zip is built so that the same
//! input gives the same bytes and epubcheck reports nothing.

mod body;
mod book;
mod map_page;
mod meta;
mod ocf;
mod toc;

use export::{Artifact, ExportError, Exporter, RenderContext};

use crate::book::{Book, BookMeta, Theme};

/// The `epub` format.
pub struct Epub;

impl Exporter for Epub {
    fn name(&self) -> &str {
        "epub"
    }

    fn description(&self) -> &str {
        "book.epub: an EPUB 3 book with a table of contents and a self-test chapter"
    }

    fn template_paths(&self) -> Vec<String> {
        vec!["epub".into()]
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let theme = Theme::load(cx.templates)?;
        let mut book = Book::new(&theme, BookMeta::single(cx));
        book.add_document(cx)?;
        Ok(vec![Artifact {
            file_name: "book.epub".into(),
            bytes: book.package()?,
        }])
    }

    fn render_combined(
        &self,
        docs: &[RenderContext<'_>],
    ) -> Option<Result<Vec<Artifact>, ExportError>> {
        let meta = BookMeta::course(docs)?;
        Some(render_course(docs, meta))
    }
}

fn render_course(docs: &[RenderContext<'_>], meta: BookMeta) -> Result<Vec<Artifact>, ExportError> {
    // Every context of one build shares the same templates; the first stands for all.
    let theme = Theme::load(docs[0].templates)?;
    let mut book = Book::new(&theme, meta);
    for (i, cx) in docs.iter().enumerate() {
        book.add_part(cx, i + 1)?;
    }
    Ok(vec![Artifact {
        file_name: "course.epub".into(),
        bytes: book.package()?,
    }])
}
