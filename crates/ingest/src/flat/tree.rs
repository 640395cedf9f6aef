//! Decisions to a tree, in one pass: section headings open and close by
//! level, and inside a section each line goes under the nearest line
//! before it that is nested less deeply and can hold it.

use std::borrow::Cow;

use model::{DroppedLine, Node, NodeKind, Role, Span};

use crate::arena::Arena;
use crate::inline::Styled;
use crate::lines::Logical;

use super::decide::{Decision, Level, Place};

/// An open section heading.
struct Section {
    level: usize,
    node: usize,
    numbered: bool,
    /// Whether a numbered heading encloses it.
    in_numbered: bool,
}

/// An open line inside a section that later lines may nest under.
struct Holder {
    nest: usize,
    node: usize,
    is_item: bool,
}

pub fn build(lines: Vec<Logical>, decisions: &[Decision], arena: &mut Arena, dropped: &mut Vec<DroppedLine>) {
    let mut sections: Vec<Section> = Vec::new();
    let mut holders: Vec<Holder> = Vec::new();
    for (line, decision) in lines.into_iter().zip(decisions) {
        match decision.place {
            Place::Skip => {
                dropped.push(DroppedLine {
                    line: line.span.start,
                    text: "(bullet with no text)".into(),
                    reason: decision.rule.into(),
                });
            }
            Place::Section(level) => {
                holders.clear();
                let (level, numbered) = section_level(&sections, level);
                while sections.last().is_some_and(|s| s.level >= level) {
                    sections.pop();
                }
                let in_numbered = sections.iter().any(|s| s.numbered);
                let parent = sections.last().map(|s| s.node);
                let node = arena.push(node(line, NodeKind::Heading, false, Cow::Borrowed(decision.rule)), parent);
                sections.push(Section { level, node, numbered, in_numbered });
            }
            _ => {
                while holders.last().is_some_and(|h| h.nest >= decision.nest) {
                    holders.pop();
                }
                let holder = holders.last();
                let parent = holder.map(|h| h.node).or_else(|| sections.last().map(|s| s.node));
                let container = decision.is_container(&line);
                let (kind, ordered) = match decision.place {
                    Place::Topic => (NodeKind::Heading, false),
                    Place::Item { ordered } => (NodeKind::Item, ordered),
                    _ => (NodeKind::Paragraph, false),
                };
                let rule = match holder {
                    Some(h) if h.is_item && kind == NodeKind::Item => Cow::Borrowed("indented-subitem"),
                    Some(h) if h.is_item && kind == NodeKind::Paragraph => Cow::Borrowed("indented-explanation"),
                    _ => Cow::Borrowed(decision.rule),
                };
                let idx = arena.push(node(line, kind, ordered, rule), parent);
                if container {
                    holders.push(Holder { nest: decision.nest, node: idx, is_item: kind == NodeKind::Item });
                }
            }
        }
    }
}

/// A section's level among the open ones. Plain levels count from the
/// innermost numbered heading (unnumbered subsections of "1. …" sit under
/// it); numbered levels from the innermost plain heading outside any
/// numbering (the numbered parts of "Las tres fases" sit under it).
fn section_level(open: &[Section], level: Level) -> (usize, bool) {
    match level {
        Level::Plain(p) => {
            let base = open.iter().rev().find(|s| s.numbered).map_or(0, |s| s.level);
            (base + p, false)
        }
        Level::Numbered(k) => {
            let anchor = open.iter().rev().find(|s| !s.numbered && !s.in_numbered).map_or(0, |s| s.level);
            (anchor + k, true)
        }
    }
}

fn node(line: Logical, kind: NodeKind, ordered: bool, rule: Cow<'static, str>) -> Node {
    let Styled { mut text, mut marks } = line.styled;
    if kind == NodeKind::Heading {
        // A heading's closing colon is punctuation for the list it introduced.
        if let Some(stripped) = text.strip_suffix(':') {
            text = stripped.trim_end().to_owned();
            let len = text.chars().count();
            marks.retain_mut(|m| {
                m.end = m.end.min(len);
                m.start < m.end
            });
        }
    }
    let rule = match line.joined_by {
        Some(join) => Cow::Owned(format!("{rule}+{join}")),
        None => rule,
    };
    Node {
        id: String::new(),
        kind,
        text,
        marks,
        ordered,
        checked: None,
        role: Role::Plain,
        term: None,
        span: Span { start: line.span.start, end: line.span.end },
        rule,
        children: Vec::new(),
    }
}
