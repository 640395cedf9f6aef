//! One document's web page.

use export::markup::{IdSet, Labels, OutlineWriter, QuizItem, TocEntry, language_tag, nav_list, quiz_items};
use export::{ExportError, Options, RenderContext};
use model::Document;
use serde::Serialize;

use crate::theme::Theme;

/// Ids the page template uses itself; outline and self-test ids avoid them.
const RESERVED_IDS: &[&str] = &["main", "toc", "selftest"];

/// Another format's file in the same document folder, linked from the page
/// when that format is part of the build.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sibling {
    pub(crate) format: &'static str,
    file: &'static str,
    label: fn(&Labels) -> &'static str,
}

/// The downloads a page offers, in the order it shows them.
const SIBLINGS: [Sibling; 4] = [
    Sibling { format: "guide", file: "guide.pdf", label: |l| l.guide },
    Sibling { format: "cheatsheet", file: "cheatsheet.pdf", label: |l| l.cheatsheet },
    Sibling { format: "anki", file: "deck.apkg", label: |l| l.deck },
    Sibling { format: "epub", file: "book.epub", label: |l| l.book },
];

/// The concept map, shown in the page rather than offered as a download.
const MAP: Sibling = Sibling { format: "map", file: "map.svg", label: |l| l.map };

/// The siblings of this build the page links to (downloads and the map).
pub(crate) fn linked_siblings(options: &Options) -> impl Iterator<Item = &'static Sibling> + '_ {
    SIBLINGS.iter().chain([&MAP]).filter(|s| options.formats.iter().any(|f| f == s.format))
}

/// The outline as page markup, its table of contents and the ids it took.
pub struct Outline {
    pub body: String,
    pub toc: Vec<TocEntry>,
    pub ids: IdSet,
}

/// Top-level nodes start at `<h2>`: the page title is the `<h1>`.
pub fn outline(doc: &Document) -> Outline {
    let mut w = OutlineWriter::new(IdSet::with_reserved(RESERVED_IDS), "");
    let mut toc = Vec::new();
    w.nodes(&doc.nodes, 2, false, &mut toc);
    let (body, ids) = w.finish();
    Outline { body, toc, ids }
}

#[derive(Serialize)]
struct Download {
    href: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct PageData<'a> {
    language: String,
    title: &'a str,
    project: &'a str,
    labels: Labels,
    facts: Vec<&'a str>,
    downloads: Vec<Download>,
    map: bool,
    style: &'a str,
    toc: String,
    body: String,
    items: Vec<QuizItem<'a>>,
}

pub fn render(theme: &Theme, cx: &RenderContext<'_>) -> Result<String, ExportError> {
    let doc = cx.document;
    let language = language_tag(&doc.meta.language);
    let labels = Labels::for_language(&language);
    let Outline { body, toc, mut ids } = outline(doc);
    let linked: Vec<&Sibling> = linked_siblings(cx.options).collect();
    let data = PageData {
        title: title_of(doc),
        project: &cx.options.project,
        facts: [&doc.meta.author, &doc.meta.date, &doc.meta.site]
            .into_iter()
            .filter_map(|f| f.as_deref().map(str::trim).filter(|f| !f.is_empty()))
            .collect(),
        downloads: linked
            .iter()
            .filter(|s| s.format != MAP.format)
            .map(|s| Download { href: s.file, label: (s.label)(&labels) })
            .collect(),
        map: linked.iter().any(|s| s.format == MAP.format),
        style: &theme.style,
        toc: if toc.is_empty() { String::new() } else { nav_list(&toc) },
        body,
        items: quiz_items(cx.items, &mut ids),
        labels,
        language,
    };
    theme.render("page.html.hbs", &data)
}

/// The page title: the document's, or its slug when it has none.
pub fn title_of(doc: &Document) -> &str {
    let title = doc.title.trim();
    if title.is_empty() { "…" } else { title }
}
