//! Document-order traversal without recursion, so deep trees are safe.

use crate::Node;

/// A node seen during a walk, with where it sits.
#[derive(Debug, Clone)]
pub struct NodeRef<'a> {
    pub node: &'a Node,
    /// 0 for top-level nodes.
    pub depth: usize,
    /// Texts of the ancestors, outermost first.
    pub path: Vec<&'a str>,
}

/// Pre-order iterator over a node forest.
pub struct Walk<'a> {
    stack: Vec<(std::slice::Iter<'a, Node>, Option<&'a str>)>,
    path: Vec<&'a str>,
}

impl<'a> Walk<'a> {
    pub fn new(nodes: &'a [Node]) -> Self {
        Walk { stack: vec![(nodes.iter(), None)], path: Vec::new() }
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = NodeRef<'a>;

    fn next(&mut self) -> Option<NodeRef<'a>> {
        loop {
            let (iter, _) = self.stack.last_mut()?;
            match iter.next() {
                Some(node) => {
                    let item = NodeRef { node, depth: self.stack.len() - 1, path: self.path.clone() };
                    if !node.children.is_empty() {
                        self.path.push(&node.text);
                        self.stack.push((node.children.iter(), Some(&node.text)));
                    }
                    return Some(item);
                }
                None => {
                    let (_, owner) = self.stack.pop()?;
                    if owner.is_some() {
                        self.path.pop();
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Node, NodeKind, Span};

    fn n(text: &str, children: Vec<Node>) -> Node {
        Node { children, ..Node::new(NodeKind::Heading, text, Span::line(1)) }
    }

    #[test]
    fn walk_is_preorder_with_depth_and_path() {
        let forest = vec![n("a", vec![n("b", vec![n("c", vec![])]), n("d", vec![])]), n("e", vec![])];
        let seen: Vec<_> = super::Walk::new(&forest)
            .map(|r| (r.node.text.as_str(), r.depth, r.path.join("/")))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("a", 0, "".to_string()),
                ("b", 1, "a".to_string()),
                ("c", 2, "a/b".to_string()),
                ("d", 1, "a".to_string()),
                ("e", 0, "".to_string()),
            ]
        );
    }
}
