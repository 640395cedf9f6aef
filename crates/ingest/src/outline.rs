//! Coggle's "Plain-Text Outline" and other indented outlines: one branch per
//! line, hierarchy by indentation (tabs, 2 or 4 spaces), optional `-`/`*`
//! bullets, and node text that may run over several lines.

use model::{Node, NodeKind, SourceKind, Span};

use crate::arena::Arena;
use crate::decode::normalize_space;
use crate::flat::Parsed;
use crate::inline::{self, Carry};
use crate::lines::{self, Marker};

pub fn read(text: &str) -> Parsed {
    let physical: Vec<_> = lines::physical(text).into_iter().filter(|l| !l.text.is_empty()).collect();
    let marked = physical.iter().filter(|l| lines::split_marker(l.text).0 != Marker::None).count();
    // Only when bullets mark where nodes start can an unmarked line be read
    // as the continuation of the node above.
    let bullets_mark_nodes = marked * 2 >= physical.len().saturating_sub(1).max(1);
    let mut arena = Arena::default();
    // (indent, node index) of the open branch, outermost first.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut raw: Vec<String> = Vec::new();
    for line in &physical {
        let (marker, body) = lines::split_marker(line.text);
        if let Some(&(indent, idx)) = open.last() {
            if bullets_mark_nodes && marker == Marker::None && line.indent > indent {
                raw[idx].push(' ');
                raw[idx].push_str(body);
                arena.get_mut(idx).span.end = line.number;
                continue;
            }
        }
        while open.last().is_some_and(|&(indent, _)| indent >= line.indent) {
            open.pop();
        }
        if body.is_empty() {
            continue;
        }
        let parent = open.last().map(|&(_, idx)| idx);
        let mut node = blank_node(Span::line(line.number));
        node.ordered = matches!(marker, Marker::Number(_));
        let idx = arena.push(node, parent);
        raw.push(body.to_owned());
        open.push((line.indent, idx));
    }
    let mut carry = Carry::default();
    for (idx, text) in raw.iter().enumerate() {
        let styled = inline::parse(&normalize_space(text), &mut carry);
        let node = arena.get_mut(idx);
        node.text = styled.text;
        node.marks = styled.marks;
    }
    arena.assign_kinds_by_shape(is_prose);
    Parsed {
        title: None,
        meta: model::Meta { kind: SourceKind::IndentOutline, ..Default::default() },
        arena,
        dropped: Vec::new(),
    }
}

/// A leaf that ends like a sentence and is not a short phrase is prose.
pub fn is_prose(text: &str) -> bool {
    // Counting to 26 settles both tests.
    let words = lines::words_up_to(text, 26);
    (words >= 8 && text.ends_with(['.', '!', '?', '…'])) || words > 25
}

pub fn blank_node(span: Span) -> Node {
    Node { rule: "outline-shape".into(), ..Node::new(NodeKind::Item, String::new(), span) }
}
