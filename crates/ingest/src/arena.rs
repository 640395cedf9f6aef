//! Building a node tree by parent index, with the depth bounded.

use model::{MAX_DEPTH, Node, NodeKind};

/// Nodes in document order, each pointing at its parent. Readers push as
/// they go; [`Arena::finish`] assembles the tree bottom-up without
/// recursion, so no input depth can overflow the stack.
#[derive(Default)]
pub struct Arena {
    nodes: Vec<Node>,
    parent: Vec<Option<usize>>,
    depth: Vec<usize>,
}

impl Arena {
    /// Add `node` under `parent` (or at the top). Beyond [`MAX_DEPTH`] the
    /// node is attached to the deepest allowed ancestor instead: order and
    /// content are kept, only the excess nesting is flattened.
    pub fn push(&mut self, node: Node, parent: Option<usize>) -> usize {
        let mut parent = parent;
        while let Some(p) = parent.filter(|&p| self.depth[p] + 1 >= MAX_DEPTH) {
            parent = self.parent[p];
        }
        let depth = parent.map_or(0, |p| self.depth[p] + 1);
        self.nodes.push(node);
        self.parent.push(parent);
        self.depth.push(depth);
        self.nodes.len() - 1
    }

    pub fn get_mut(&mut self, index: usize) -> &mut Node {
        &mut self.nodes[index]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn text(&self, index: usize) -> &str {
        &self.nodes[index].text
    }

    pub fn parent(&self, index: usize) -> Option<usize> {
        self.parent[index]
    }

    /// Whether `ancestor` is `node` or above it.
    fn is_ancestor(&self, ancestor: usize, node: usize) -> bool {
        let mut at = Some(node);
        while let Some(n) = at {
            if n == ancestor {
                return true;
            }
            at = self.parent[n];
        }
        false
    }

    /// Put `node` under `parent` (`None`: at the top), keeping document
    /// order: whatever followed `node` under the old ancestors it leaves
    /// follows it now as its children. Possible when every node between
    /// `parent` and `node` is inside `parent`; `false`, and nothing changed,
    /// otherwise.
    pub fn reparent(&mut self, node: usize, parent: Option<usize>) -> bool {
        if self.parent[node] == parent {
            return false;
        }
        if let Some(p) = parent {
            if p >= node || !(p + 1..node).all(|j| self.is_ancestor(p, j)) {
                return false;
            }
        }
        let left: Vec<usize> = std::iter::successors(self.parent[node], |&a| self.parent[a])
            .filter(|&a| !parent.is_some_and(|p| self.is_ancestor(a, p)))
            .collect();
        for j in node + 1..self.nodes.len() {
            if self.parent[j].is_some_and(|a| left.contains(&a)) {
                self.parent[j] = Some(node);
            }
        }
        self.parent[node] = parent;
        self.recompute_depths();
        true
    }

    fn recompute_depths(&mut self) {
        for i in 0..self.nodes.len() {
            self.depth[i] = self.parent[i].map_or(0, |p| self.depth[p] + 1);
        }
    }

    /// Kinds for sources whose hierarchy is explicit (outlines, mind maps),
    /// rule `outline-shape`: a node with children is a heading while all its
    /// ancestors are headings, it is shallower than Markdown's six levels and
    /// no leaf follows it among its siblings (content after a sub-heading
    /// would read as the sub-heading's own); else an item. A leaf is a paragraph when it reads as prose, except in
    /// a list of short leaves, where a "Term: text" leaf stays an item.
    pub fn assign_kinds_by_shape(&mut self, is_prose: impl Fn(&str) -> bool) {
        let n = self.nodes.len();
        let mut has_children = vec![false; n];
        for p in self.parent.iter().flatten() {
            has_children[*p] = true;
        }
        // Whether a later sibling of each node is a leaf.
        let mut leaf_after = vec![false; n];
        let mut seen_leaf: std::collections::HashMap<Option<usize>, bool> = std::collections::HashMap::new();
        for i in (0..n).rev() {
            let seen = seen_leaf.entry(self.parent[i]).or_insert(false);
            leaf_after[i] = *seen;
            *seen |= !has_children[i];
        }
        let prose: Vec<bool> = (0..n).map(|i| !has_children[i] && is_prose(&self.nodes[i].text)).collect();
        // Parents with both prose and short leaves: a list with long entries.
        let mut short_leaf = vec![false; n];
        for i in (0..n).filter(|&i| !has_children[i] && !prose[i]) {
            if let Some(p) = self.parent[i] {
                short_leaf[p] = true;
            }
        }
        for i in 0..n {
            let under_heading = self.parent[i].is_none_or(|p| self.nodes[p].kind == NodeKind::Heading);
            let in_list = self.parent[i].is_some_and(|p| short_leaf[p]);
            self.nodes[i].kind = if has_children[i] {
                if under_heading && self.depth[i] < 6 && !leaf_after[i] { NodeKind::Heading } else { NodeKind::Item }
            } else if prose[i] && !(in_list && crate::flat::colon_term(&self.nodes[i].text).is_some()) {
                NodeKind::Paragraph
            } else {
                NodeKind::Item
            };
        }
    }

    /// The tree. Children always come after their parent, so taking the
    /// nodes from the end finds every node with all its children attached
    /// (last first, as they were taken) when its own turn comes. Each
    /// children vector is allocated once, at its counted size.
    pub fn finish(self) -> Vec<Node> {
        let Arena { mut nodes, parent, .. } = self;
        let mut child_count = vec![0; nodes.len()];
        for p in parent.iter().flatten() {
            child_count[*p] += 1;
        }
        let mut roots = Vec::with_capacity(parent.iter().filter(|p| p.is_none()).count());
        while let Some(mut node) = nodes.pop() {
            node.children.reverse();
            match parent[nodes.len()] {
                Some(p) => {
                    let siblings = &mut nodes[p].children;
                    if siblings.is_empty() {
                        siblings.reserve_exact(child_count[p]);
                    }
                    siblings.push(node);
                }
                None => roots.push(node),
            }
        }
        roots.reverse();
        roots
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::Span;

    fn n(text: &str) -> Node {
        Node::new(NodeKind::Item, text, Span::line(1))
    }

    #[test]
    fn builds_nested_tree_in_order() {
        let mut a = Arena::default();
        let r = a.push(n("r"), None);
        let x = a.push(n("x"), Some(r));
        a.push(n("y"), Some(x));
        a.push(n("z"), Some(r));
        a.push(n("s"), None);
        let t = a.finish();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["x", "z"]);
        assert_eq!(t[0].children[0].children[0].text, "y");
    }

    #[test]
    fn kinds_by_shape() {
        let mut a = Arena::default();
        let root = a.push(n("root"), None);
        let branch = a.push(n("branch"), Some(root));
        a.push(n("A whole sentence of prose here."), Some(branch));
        let item = a.push(n("leaf"), Some(root));
        a.push(n("sub"), Some(item));
        a.assign_kinds_by_shape(|t| t.ends_with('.'));
        let t = a.finish();
        assert_eq!(t[0].kind, NodeKind::Heading);
        assert_eq!(t[0].children[0].kind, NodeKind::Heading);
        assert_eq!(t[0].children[0].children[0].kind, NodeKind::Paragraph);
        assert_eq!(t[0].children[1].kind, NodeKind::Heading);
        assert_eq!(t[0].children[1].children[0].kind, NodeKind::Item);
    }

    /// (text, parent text) of every node.
    fn parents(a: &Arena) -> Vec<(String, Option<String>)> {
        (0..a.len()).map(|i| (a.text(i).to_owned(), a.parent(i).map(|p| a.text(p).to_owned()))).collect()
    }

    #[test]
    fn reparenting_up_takes_the_later_siblings_along() {
        let mut a = Arena::default();
        let r = a.push(n("r"), None);
        let x = a.push(n("x"), Some(r));
        a.push(n("x1"), Some(x));
        let y = a.push(n("y"), Some(r));
        a.push(n("z"), Some(r));
        a.push(n("s"), None);
        assert!(a.reparent(y, None));
        let p = parents(&a);
        assert_eq!(p[3], ("y".into(), None));
        assert_eq!(p[4], ("z".into(), Some("y".into())), "z followed y: it stays after it, inside it");
        assert_eq!(p[5], ("s".into(), None));
        assert_eq!(p[2], ("x1".into(), Some("x".into())));
        let t = a.finish();
        assert_eq!(t.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["r", "y", "s"]);
    }

    #[test]
    fn reparenting_down_needs_the_nodes_between_inside_the_parent() {
        let mut a = Arena::default();
        let r = a.push(n("r"), None);
        let x = a.push(n("x"), Some(r));
        let y = a.push(n("y"), Some(r));
        let z = a.push(n("z"), Some(r));
        assert!(!a.reparent(z, Some(x)), "y lies between x and z outside x");
        assert!(a.reparent(z, Some(y)));
        assert!(!a.reparent(r, Some(z)), "a parent must come first");
        assert_eq!(parents(&a)[3], ("z".into(), Some("y".into())));
    }

    #[test]
    fn depth_is_clamped_without_losing_nodes() {
        let mut a = Arena::default();
        let mut parent = None;
        for i in 0..10_000 {
            parent = Some(a.push(n(&i.to_string()), parent));
        }
        let t = a.finish();
        let mut depth = 0;
        let mut count = 0;
        let mut level = &t;
        while let Some(first) = level.first() {
            depth += 1;
            count += level.len();
            level = &first.children;
        }
        assert_eq!(depth, MAX_DEPTH);
        assert_eq!(count, 10_000);
    }
}
