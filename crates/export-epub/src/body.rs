//! The body of each chapter: the outline tree split into chapters, each
//! written by the shared [`OutlineWriter`]. Templates own the page around it
//! (`epub/chapter.xhtml.hbs`) and the look (`style.css`).

use export::markup::{IdSet, OutlineWriter, TocEntry, label_of, role_class};
use model::{Node, NodeKind, Role};

/// Ids the page templates use themselves; body ids must not take them.
pub const RESERVED_IDS: &[&str] = &[
    "toc",
    "landmarks",
    "selftest",
    "questions",
    "answers",
    "part",
];

/// One XHTML file's worth of outline: a top-level heading with everything
/// under it and the non-heading nodes that follow it, or the nodes before the
/// first heading (titled by the document).
#[derive(Debug, Clone, Copy)]
pub struct Chapter<'a> {
    pub heading: Option<&'a Node>,
    pub rest: &'a [Node],
}

/// Split top-level nodes into chapters, losing none. A document without
/// nodes still gets one (empty) chapter so the book has a body.
pub fn split_chapters(nodes: &[Node]) -> Vec<Chapter<'_>> {
    let mut chapters = Vec::new();
    let mut i = nodes
        .iter()
        .take_while(|n| n.kind != NodeKind::Heading)
        .count();
    if i > 0 || nodes.is_empty() {
        chapters.push(Chapter {
            heading: None,
            rest: &nodes[..i],
        });
    }
    while i < nodes.len() {
        let end = i
            + 1
            + nodes[i + 1..]
                .iter()
                .take_while(|n| n.kind != NodeKind::Heading)
                .count();
        chapters.push(Chapter {
            heading: Some(&nodes[i]),
            rest: &nodes[i + 1..end],
        });
        i = end;
    }
    chapters
}

/// A chapter rendered: its body markup and its table-of-contents entry.
pub struct RenderedChapter {
    pub body: String,
    pub toc: TocEntry,
}

/// Render `chapter` as the body of `file`; `fallback_title` names a chapter
/// without a heading.
pub fn render_chapter(chapter: Chapter<'_>, file: &str, fallback_title: &str) -> RenderedChapter {
    let mut w = OutlineWriter::new(IdSet::with_reserved(RESERVED_IDS), file);
    let (id, label) = match chapter.heading {
        Some(h) => (w.claim_id(&h.id), label_of(&h.text)),
        None => (w.claim_id("chapter"), label_of(fallback_title)),
    };
    w.push_markup(&format!(
        "<section epub:type=\"chapter\" id=\"{id}\"{}>\n<h1>",
        role_class(chapter.heading)
    ));
    match chapter.heading {
        Some(h) => w.inline(h),
        None => w.push_text(&label),
    }
    w.push_markup("</h1>\n");
    let mut children = Vec::new();
    if let Some(h) = chapter.heading {
        w.nodes(&h.children, 2, h.role == Role::Sequence, &mut children);
    }
    w.nodes(chapter.rest, 2, false, &mut children);
    w.push_markup("</section>\n");
    RenderedChapter {
        body: w.finish().0,
        toc: TocEntry {
            label,
            href: file.to_owned(),
            children,
        },
    }
}
