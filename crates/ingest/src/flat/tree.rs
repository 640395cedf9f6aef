//! Decisions to a tree, in one pass: section headings open and close by
//! level, and inside a section each line goes under the nearest line
//! before it that is nested less deeply and can hold it.

use std::borrow::Cow;

use model::{DroppedLine, Node, NodeKind};

use crate::arena::Arena;
use crate::inline::Styled;
use crate::lines::Logical;
use crate::numbering::Style;

use super::decide::{Decision, Level, Place};

/// An open section heading.
struct Section {
    level: usize,
    node: usize,
    /// The scheme and depth of its numbering, if numbered.
    numbering: Option<(Style, usize)>,
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
                let numbering = match level {
                    Level::Numbered(style, depth) => Some((style, depth)),
                    Level::Plain(_) => None,
                };
                let level = section_level(&sections, level);
                while sections.last().is_some_and(|s| s.level >= level) {
                    sections.pop();
                }
                let parent = sections.last().map(|s| s.node);
                let node = arena.push(node(line, NodeKind::Heading, false, Cow::Borrowed(decision.rule)), parent);
                sections.push(Section { level, node, numbering });
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
/// it). A numbered heading is placed by the open heading of its own scheme
/// ("1.2" beside "1.1", under "1."); the first of its scheme nests under
/// whatever heading is open ("a)" under "1.1.1", "1." under "Etapas").
fn section_level(open: &[Section], level: Level) -> usize {
    match level {
        Level::Plain(p) => open.iter().rev().find(|s| s.numbering.is_some()).map_or(0, |s| s.level) + p,
        Level::Numbered(style, depth) => {
            let same_scheme = open.iter().rev().find_map(|s| s.numbering.filter(|(st, _)| *st == style).map(|(_, d)| (s.level, d)));
            match same_scheme {
                Some((at, at_depth)) => (at + depth).saturating_sub(at_depth).max(1),
                None => open.last().map_or(0, |s| s.level) + 1,
            }
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
    Node { marks, ordered, rule, ..Node::new(kind, text, line.span) }
}
