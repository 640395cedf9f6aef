//! The tree a map draws: a document's outline under its title, cut to a
//! depth, or one top-level branch under its own heading.

use model::{Document, Node};

/// One node of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// The outline node's stable id (the root of an overview: none).
    pub id: Option<String>,
    pub text: String,
    pub depth: usize,
    pub children: Vec<usize>,
    /// Which top-level branch of the document the node belongs to, for its
    /// colour; `None` for the root of an overview.
    pub branch: Option<usize>,
}

/// Nodes numbered parents first: node 0 is the root, every child has a
/// larger index than its parent (what the layout needs).
#[derive(Debug, Clone, PartialEq)]
pub struct MapTree {
    pub nodes: Vec<MapNode>,
    /// Nodes of the source deeper than the cut and left out.
    pub hidden: usize,
}

impl MapTree {
    /// A tree of one root, to which [`MapTree::add`] adds children.
    pub fn new(text: &str, id: Option<String>, branch: Option<usize>) -> MapTree {
        let root = MapNode { id, text: text.to_owned(), depth: 0, children: Vec::new(), branch };
        MapTree { nodes: vec![root], hidden: 0 }
    }

    /// Add a child of `parent`; it takes its parent's branch, or starts
    /// branch `n` when it is the root's `n`-th child.
    pub fn add(&mut self, parent: usize, id: Option<String>, text: &str) -> usize {
        let index = self.nodes.len();
        let above = &self.nodes[parent];
        let branch = match above.branch {
            Some(b) => Some(b),
            None => Some(above.children.len()),
        };
        let depth = above.depth + 1;
        self.nodes.push(MapNode { id, text: text.to_owned(), depth, children: Vec::new(), branch });
        self.nodes[parent].children.push(index);
        index
    }

    /// The document under its title, `depth` levels deep.
    pub fn overview(doc: &Document, depth: usize) -> MapTree {
        let mut tree = MapTree::new(&doc.title, None, None);
        tree.add_nodes(0, &doc.nodes, depth);
        tree
    }

    /// Top-level node `index` of the document as the root of its own map,
    /// coloured as in the overview.
    pub fn branch(doc: &Document, index: usize, depth: usize) -> Option<MapTree> {
        let top = doc.nodes.get(index)?;
        let mut tree = MapTree::new(&top.text, Some(top.id.clone()), Some(index));
        tree.add_nodes(0, &top.children, depth);
        Some(tree)
    }

    /// Add `nodes` under `parent` while levels are left, counting the rest
    /// as hidden. An explicit stack: outlines can be 48 levels deep.
    fn add_nodes(&mut self, parent: usize, nodes: &[Node], depth: usize) {
        let mut stack: Vec<(usize, &[Node])> = vec![(parent, nodes)];
        while let Some((parent, nodes)) = stack.pop() {
            if self.nodes[parent].depth >= depth {
                self.hidden += nodes.iter().map(subtree_size).sum::<usize>();
                continue;
            }
            for node in nodes {
                let index = self.add(parent, Some(node.id.clone()), &node.text);
                stack.push((index, &node.children));
            }
        }
    }

    /// Whether the source has nodes this map leaves out.
    pub fn is_cut(&self) -> bool {
        self.hidden > 0
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// How many nodes `node` and everything under it hold (no recursion).
pub fn subtree_size(node: &Node) -> usize {
    let mut n = 0;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        n += 1;
        stack.extend(&node.children);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_take_their_branch_and_come_after_their_parent() {
        let mut t = MapTree::new("raíz", None, None);
        let a = t.add(0, None, "a");
        let b = t.add(0, None, "b");
        let a1 = t.add(a, None, "a1");
        assert_eq!(t.nodes[a].branch, Some(0));
        assert_eq!(t.nodes[b].branch, Some(1));
        assert_eq!(t.nodes[a1].branch, Some(0));
        assert_eq!(t.nodes[a1].depth, 2);
        assert!(t.nodes.iter().enumerate().all(|(i, n)| n.children.iter().all(|&c| c > i)));
    }
}
