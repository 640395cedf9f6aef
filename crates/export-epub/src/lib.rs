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

use export::{Artifact, Combiner, ExportError, Exporter, RenderContext};

use crate::book::{Book, BookMeta, CourseMeta, Theme};

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
        let mut book = Book::new(Theme::load(cx.templates)?)?;
        book.add_document(cx)?;
        Ok(vec![Artifact {
            file_name: "book.epub".into(),
            bytes: book.package(&BookMeta::single(cx))?,
        }])
    }

    fn combiner(&self) -> Option<Box<dyn Combiner + '_>> {
        Some(Box::new(Course::default()))
    }
}

/// `course.epub`: one part per document, each written to the zip as it
/// comes.
#[derive(Default)]
struct Course {
    /// Made at the first document: it brings the templates and options.
    book: Option<(Book, CourseMeta)>,
}

impl Combiner for Course {
    fn add(&mut self, cx: &RenderContext<'_>) -> Result<(), ExportError> {
        let (book, meta) = match &mut self.book {
            Some(open) => open,
            // Every context of one build shares the same templates; the first stands for all.
            None => self.book.insert((Book::new(Theme::load(cx.templates)?)?, CourseMeta::new(cx))),
        };
        meta.add(cx.document);
        book.add_part(cx, meta.documents())
    }

    fn finish(self: Box<Self>) -> Result<Vec<Artifact>, ExportError> {
        let Some((book, meta)) = self.book else { return Ok(Vec::new()) };
        Ok(vec![Artifact {
            file_name: "course.epub".into(),
            bytes: book.package(&BookMeta::course(&meta))?,
        }])
    }
}
