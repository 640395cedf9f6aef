//! The one path a Coggle page title names.
//!
//! Coggle titles a map's page with its root followed by one chain of nodes
//! below it, each in parentheses, cut short: "Physics (Energy (Potential
//! energy (stored energy (leads to (loca…". The page text has lost every
//! nesting level; the title keeps one root-to-leaf path of them, and that
//! evidence outranks any guess from line shapes, so the tree is made to
//! agree with it (rule `coggle-title-path`).

use std::borrow::Cow;

use model::NodeKind;

use crate::arena::Arena;
use crate::decode::fold;

/// The rule recorded on nodes the title placed.
pub const RULE: &str = "coggle-title-path";

/// The chain below the root in a title "Root (A (B (C…", folded; the last
/// step cut short keeps its stem and matches as a prefix. Empty when the
/// title names no nesting.
pub fn from_title(title: &str) -> Vec<String> {
    let mut steps: Vec<&str> = title.split(" (").collect();
    if steps.len() < 2 {
        return Vec::new();
    }
    steps.remove(0);
    steps
        .iter()
        .map(|s| fold(s.trim_end_matches('…').trim_end_matches("...").trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Make each step of `path` a child of the step before it (the first, of
/// the root): the first node after the previous step whose text is the
/// step (the last step: starts with it). A step not found, or a move that
/// would reorder the text, ends the path there.
pub fn apply(arena: &mut Arena, path: &[String]) {
    let mut parent: Option<usize> = None;
    for (k, step) in path.iter().enumerate() {
        let last = k + 1 == path.len();
        let from = parent.map_or(0, |p| p + 1);
        let Some(node) = (from..arena.len()).find(|&i| matches(arena.text(i), step, last)) else { return };
        if arena.parent(node) != parent {
            if !arena.reparent(node, parent) {
                return;
            }
            arena.get_mut(node).rule = Cow::Borrowed(RULE);
        }
        // A step with a step below it is a topic of the map, whatever
        // its shape suggested (prose, a list entry).
        if !last {
            arena.get_mut(node).kind = NodeKind::Heading;
        }
        parent = Some(node);
    }
}

fn matches(text: &str, step: &str, cut_short: bool) -> bool {
    let text = fold(text);
    if cut_short { text.starts_with(step) } else { text == step }
}

#[cfg(test)]
mod tests {
    use model::{Node, Span};

    use super::*;

    #[test]
    fn reads_the_chain_below_the_root() {
        assert_eq!(from_title("Rocas (Ígneas (Granito (Usos…"), ["ígneas", "granito", "usos"]);
        assert!(from_title("Rocas y minerales").is_empty());
    }

    #[test]
    fn the_tree_follows_the_path() {
        let mut a = Arena::default();
        let n = |t: &str| Node::new(NodeKind::Paragraph, t, Span::line(1));
        let first = a.push(n("Minerales"), None);
        a.push(n("Cuarzo"), Some(first));
        let wrong = a.push(n("Ígneas"), Some(first));
        a.push(n("Granito"), None);
        a.push(n("Usos en la construcción"), None);
        apply(&mut a, &from_title("Rocas (Ígneas (Granito (Usos…"));
        let parent = |i: usize| a.parent(i).map(|p| a.text(p).to_owned());
        assert_eq!(parent(wrong), None, "Ígneas is a branch of the root");
        assert_eq!(parent(3).as_deref(), Some("Ígneas"));
        assert_eq!(parent(4).as_deref(), Some("Granito"));
        assert_eq!(a.get_mut(wrong).rule, RULE);
        assert_eq!(a.get_mut(3).kind, NodeKind::Heading, "a step over a step is a topic");
        assert_eq!(a.get_mut(4).kind, NodeKind::Paragraph, "the last step keeps its kind");
    }
}
