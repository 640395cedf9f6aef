//! The body of each chapter: the outline tree as semantic XHTML.
//!
//! Written here rather than in a template because the tree is recursive and
//! arbitrary: a writer that escapes every string and balances every element
//! cannot emit ill-formed XML, whatever the model holds. Templates still own
//! the page around it (`epub/chapter.xhtml.hbs`) and the look (`style.css`).

use model::{Node, NodeKind, Role, Run};

use crate::toc::TocEntry;
use crate::xml::{IdSet, escape, escape_into, safe_href};

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
    let mut w = Writer {
        out: String::new(),
        ids: IdSet::with_reserved(RESERVED_IDS),
        file,
    };
    let (id, label) = match chapter.heading {
        Some(h) => (w.ids.claim(&h.id), label_of(&h.text)),
        None => (w.ids.claim("chapter"), label_of(fallback_title)),
    };
    w.out.push_str(&format!(
        "<section epub:type=\"chapter\" id=\"{id}\"{}>\n<h1>",
        role_class(chapter.heading)
    ));
    match chapter.heading {
        Some(h) => w.inline(h),
        None => escape_into(&mut w.out, &label),
    }
    w.out.push_str("</h1>\n");
    let mut children = Vec::new();
    if let Some(h) = chapter.heading {
        w.nodes(&h.children, 2, h.role == Role::Sequence, &mut children);
    }
    w.nodes(chapter.rest, 2, false, &mut children);
    w.out.push_str("</section>\n");
    RenderedChapter {
        body: w.out,
        toc: TocEntry {
            label,
            href: file.to_owned(),
            children,
        },
    }
}

/// What a table of contents shows for a heading: never empty, because
/// epubcheck rejects a nav link without text.
pub fn label_of(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        "…".to_owned()
    } else {
        trimmed.to_owned()
    }
}

struct Writer<'f> {
    out: String,
    ids: IdSet,
    file: &'f str,
}

impl Writer<'_> {
    /// Siblings in order; consecutive items form one list. `steps` marks the
    /// children of a Sequence, which are numbered whatever their bullets.
    fn nodes(&mut self, nodes: &[Node], level: usize, steps: bool, toc: &mut Vec<TocEntry>) {
        let mut i = 0;
        while i < nodes.len() {
            match nodes[i].kind {
                NodeKind::Heading => self.heading(&nodes[i], level, toc),
                NodeKind::Paragraph => self.paragraph(&nodes[i], level, toc),
                NodeKind::Item => {
                    let run = nodes[i..]
                        .iter()
                        .take_while(|n| n.kind == NodeKind::Item)
                        .count();
                    self.list(&nodes[i..i + run], level, steps, toc);
                    i += run;
                    continue;
                }
            }
            i += 1;
        }
    }

    fn heading(&mut self, node: &Node, level: usize, toc: &mut Vec<TocEntry>) {
        let id = self.ids.claim(&node.id);
        // HTML stops at h6; deeper sections keep nesting so the tree survives.
        let h = level.min(6);
        self.out.push_str(&format!(
            "<section id=\"{id}\"{}>\n<h{h}>",
            role_class(Some(node))
        ));
        self.inline(node);
        self.out.push_str(&format!("</h{h}>\n"));
        let mut children = Vec::new();
        self.nodes(
            &node.children,
            level + 1,
            node.role == Role::Sequence,
            &mut children,
        );
        self.out.push_str("</section>\n");
        toc.push(TocEntry {
            label: label_of(&node.text),
            href: format!("{}#{id}", self.file),
            children,
        });
    }

    fn paragraph(&mut self, node: &Node, level: usize, toc: &mut Vec<TocEntry>) {
        self.out.push_str(&format!("<p{}>", role_class(Some(node))));
        self.inline(node);
        self.out.push_str("</p>\n");
        self.nodes(&node.children, level, node.role == Role::Sequence, toc);
    }

    fn list(&mut self, items: &[Node], level: usize, steps: bool, toc: &mut Vec<TocEntry>) {
        let open = if steps {
            "<ol class=\"steps\">"
        } else if items.iter().all(|n| n.ordered) {
            "<ol>"
        } else {
            "<ul>"
        };
        self.out.push_str(open);
        self.out.push('\n');
        for item in items {
            self.out
                .push_str(&format!("<li{}>", role_class(Some(item))));
            self.inline(item);
            if !item.children.is_empty() {
                self.out.push('\n');
                self.nodes(&item.children, level, item.role == Role::Sequence, toc);
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str(if open.starts_with("<ol") {
            "</ol>\n"
        } else {
            "</ul>\n"
        });
    }

    /// A node's text with its styles; a definition's term becomes `<dfn>`.
    fn inline(&mut self, node: &Node) {
        if let Some(checked) = node.checked {
            self.out.push_str(if checked {
                "<span class=\"check\">☑</span> "
            } else {
                "<span class=\"check\">☐</span> "
            });
        }
        let term_end = term_chars(node);
        let mut in_term = term_end.is_some();
        if in_term {
            self.out.push_str("<dfn>");
        }
        let mut pos = 0;
        for run in node.runs() {
            let len = run.text.chars().count();
            match term_end {
                Some(end) if in_term && pos + len > end => {
                    let cut = run
                        .text
                        .char_indices()
                        .nth(end - pos)
                        .map_or(run.text.len(), |(b, _)| b);
                    self.run(&run, &run.text[..cut]);
                    self.out.push_str("</dfn>");
                    in_term = false;
                    self.run(&run, &run.text[cut..]);
                }
                Some(end) if in_term && pos + len == end => {
                    self.run(&run, run.text);
                    self.out.push_str("</dfn>");
                    in_term = false;
                }
                _ => self.run(&run, run.text),
            }
            pos += len;
        }
        if in_term {
            self.out.push_str("</dfn>");
        }
    }

    fn run(&mut self, run: &Run<'_>, text: &str) {
        if text.is_empty() {
            return;
        }
        let href = run.link.and_then(safe_href);
        let mut close = Vec::with_capacity(5);
        if let Some(href) = &href {
            self.out.push_str(&format!("<a href=\"{}\">", escape(href)));
            close.push("</a>");
        }
        for (on, open, end) in [
            (run.bold, "<strong>", "</strong>"),
            (run.italic, "<em>", "</em>"),
            (run.strike, "<s>", "</s>"),
            (run.code, "<code>", "</code>"),
        ] {
            if on {
                self.out.push_str(open);
                close.push(end);
            }
        }
        escape_into(&mut self.out, text);
        for end in close.iter().rev() {
            self.out.push_str(end);
        }
    }
}

/// How many leading chars of a definition's text are its term, when the
/// term is written at the start (the model's usual shape, "Término: …").
fn term_chars(node: &Node) -> Option<usize> {
    if node.role != Role::Definition {
        return None;
    }
    let term = match &node.term {
        Some(term) => term.trim_end(),
        None if node.kind == NodeKind::Heading => node.text.as_str(),
        None => return None,
    };
    (!term.is_empty() && node.text.starts_with(term)).then(|| term.chars().count())
}

/// A class naming the node's role, so the stylesheet can show definitions,
/// enumerations and sequences.
fn role_class(node: Option<&Node>) -> &'static str {
    match node.map(|n| n.role) {
        Some(Role::Definition) => " class=\"definition\"",
        Some(Role::Enumeration) => " class=\"enumeration\"",
        Some(Role::Sequence) => " class=\"sequence\"",
        Some(Role::Plain) | None => "",
    }
}
