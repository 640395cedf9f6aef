//! The course site: `index.html` at the top of the output folder, listing
//! every document of the build with its title, language, counts, outputs
//! and headings, with a search over titles and headings.
//!
//! It is rendered from small per-document [`Summary`]s rather than from
//! the documents, so a build that ingested only the changed sources still
//! lists the others (the caller keeps their summaries from earlier builds).

use export::markup::{Labels, TocEntry, language_tag};
use export::{ExportError, Templates};
use model::{Document, NodeKind};
use serde::{Deserialize, Serialize};
use study::StudyItem;

use crate::page::{outline, title_of};
use crate::theme::Theme;

/// What the site shows of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub title: String,
    pub language: String,
    /// Headings at any depth.
    pub sections: usize,
    /// Study items (the self-test and the Anki deck).
    pub cards: usize,
    /// The page's two top levels of headings, with their anchors.
    pub headings: Vec<Heading>,
}

/// A heading of a document's page and its anchor there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub anchor: String,
    pub text: String,
}

impl Summary {
    /// The summary of a document; its anchors are the page's own, since
    /// both come from the same outline writer.
    pub fn of(doc: &Document, items: &[StudyItem]) -> Summary {
        let mut headings = Vec::new();
        collect_headings(&outline(doc).toc, 2, &mut headings);
        Summary {
            title: title_of(doc).to_owned(),
            language: language_tag(&doc.meta.language),
            sections: doc.walk().filter(|n| n.node.kind == NodeKind::Heading).count(),
            cards: items.len(),
            headings,
        }
    }
}

fn collect_headings(entries: &[TocEntry], levels: usize, out: &mut Vec<Heading>) {
    for e in entries.iter().take_while(|_| levels > 0) {
        let anchor = e.href.trim_start_matches('#').to_owned();
        out.push(Heading { anchor, text: e.label.clone() });
        collect_headings(&e.children, levels - 1, out);
    }
}

/// One document as the site lists it.
pub struct SiteDocument<'a> {
    /// Its folder under the output folder.
    pub slug: &'a str,
    /// `None` when no build has summarized it yet (it is listed by folder).
    pub summary: Option<&'a Summary>,
    /// The files of its folder, as the build wrote them.
    pub files: Vec<&'a str>,
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    language: String,
    labels: Labels,
    style: &'a str,
    count: usize,
    sections: usize,
    cards: usize,
    documents: Vec<DocumentView<'a>>,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    anchor: String,
    title: &'a str,
    language: &'a str,
    page: Option<String>,
    sections: usize,
    cards: usize,
    outputs: Vec<Link<'a>>,
    headings: Vec<HeadingLink<'a>>,
}

#[derive(Serialize)]
struct Link<'a> {
    href: String,
    file: &'a str,
}

#[derive(Serialize)]
struct HeadingLink<'a> {
    href: String,
    text: &'a str,
}

/// The site's `index.html`, titled by the project and worded in the first
/// document's language.
pub fn render(templates: &Templates, title: &str, docs: &[SiteDocument<'_>]) -> Result<String, ExportError> {
    let theme = Theme::load(templates)?;
    let language = docs.iter().find_map(|d| d.summary).map_or_else(|| "und".to_owned(), |s| s.language.clone());
    let documents: Vec<DocumentView<'_>> = docs.iter().map(document_view).collect();
    let data = SiteData {
        title,
        labels: Labels::for_language(&language),
        language,
        style: &theme.style,
        count: documents.len(),
        sections: documents.iter().map(|d| d.sections).sum(),
        cards: documents.iter().map(|d| d.cards).sum(),
        documents,
    };
    theme.render("site.html.hbs", &data)
}

fn document_view<'a>(doc: &SiteDocument<'a>) -> DocumentView<'a> {
    let page = doc.files.contains(&"index.html").then(|| format!("{}/index.html", doc.slug));
    let headings = match (&page, doc.summary) {
        (Some(page), Some(s)) => {
            s.headings.iter().map(|h| HeadingLink { href: format!("{page}#{}", h.anchor), text: &h.text }).collect()
        }
        _ => Vec::new(),
    };
    DocumentView {
        anchor: format!("doc-{}", doc.slug),
        title: doc.summary.map_or(doc.slug, |s| s.title.as_str()),
        language: doc.summary.map_or("und", |s| s.language.as_str()),
        sections: doc.summary.map_or(0, |s| s.sections),
        cards: doc.summary.map_or(0, |s| s.cards),
        // The page itself is the title's link.
        outputs: doc
            .files
            .iter()
            .filter(|f| **f != "index.html")
            .map(|f| Link { href: format!("{}/{f}", doc.slug), file: f })
            .collect(),
        headings,
        page,
    }
}
