//! What both exporter targets do to an arbitrary `Document` first.

/// Cut the tree at `model::MAX_DEPTH`: readers never nest deeper (the
/// model's one structural promise), so deeper trees are not a model any
/// exporter can be handed. Everything else — text, marks over any range,
/// roles on any node, empty titles — is left as the fuzzer made it.
pub fn within_model_limits(mut doc: model::Document) -> model::Document {
    cut(&mut doc.nodes, 1);
    doc
}

fn cut(nodes: &mut [model::Node], depth: usize) {
    for node in nodes {
        if depth >= model::MAX_DEPTH {
            node.children.clear();
        } else {
            cut(&mut node.children, depth + 1);
        }
    }
}
