//! The outline tree as semantic HTML: sections with anchors by node id,
//! lists, definitions as `<dfn>`, and the table of contents over them.
//!
//! Written in Rust rather than in a template because the tree is recursive
//! and arbitrary; templates own the page around it and its look.

use model::{Node, NodeKind, Role, Run};

use super::escape::{IdSet, escape, escape_into, safe_href};
use super::toc::TocEntry;

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

/// Writes outline nodes as HTML that is also well-formed XHTML, so the EPUB
/// chapters and the web page share one writer. Every string is escaped and
/// every element balanced, whatever the model holds.
pub struct OutlineWriter<'f> {
    out: String,
    ids: IdSet,
    /// The file the anchors live in ("" for a single page): table-of-contents
    /// links are `file#id`.
    file: &'f str,
}

impl<'f> OutlineWriter<'f> {
    /// A writer whose ids avoid `ids`' taken ones.
    pub fn new(ids: IdSet, file: &'f str) -> Self {
        OutlineWriter { out: String::new(), ids, file }
    }

    /// A unique anchor for `raw` (a node id or a fixed name).
    pub fn claim_id(&mut self, raw: &str) -> String {
        self.ids.claim(raw)
    }

    /// Markup the caller vouches for (tags around the outline).
    pub fn push_markup(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Plain text, escaped.
    pub fn push_text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    /// The markup written, and the ids it took (for more anchors on the
    /// same page).
    pub fn finish(self) -> (String, IdSet) {
        (self.out, self.ids)
    }

    /// Siblings in order; consecutive items form one list. `steps` marks the
    /// children of a Sequence, which are numbered whatever their bullets.
    pub fn nodes(&mut self, nodes: &[Node], level: usize, steps: bool, toc: &mut Vec<TocEntry>) {
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
    pub fn inline(&mut self, node: &Node) {
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
pub fn role_class(node: Option<&Node>) -> &'static str {
    match node.map(|n| n.role) {
        Some(Role::Definition) => " class=\"definition\"",
        Some(Role::Enumeration) => " class=\"enumeration\"",
        Some(Role::Sequence) => " class=\"sequence\"",
        Some(Role::Plain) | None => "",
    }
}
