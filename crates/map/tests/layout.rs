//! The layout's promises on trees built here: no two boxes overlap, no box
//! leaves the canvas, every parent sits centred on its children, no edge
//! runs through a box, every line of text fits its box; and the SVG parses.

use map::layout::Edge;
use map::{Direction, Layout, MapTree, Rect};
use proptest::prelude::*;

const TOLERANCE: f32 = 0.01;

fn check(tree: &MapTree, layout: &Layout) {
    let boxes = &layout.boxes;
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.x >= 0.0 && a.y >= 0.0, "box {i} {a:?} leaves the canvas");
        assert!(a.right() <= layout.width + TOLERANCE && a.bottom() <= layout.height + TOLERANCE, "box {i} {a:?}");
        for (j, b) in boxes.iter().enumerate().skip(i + 1) {
            assert!(!a.overlaps(b), "boxes {i} {a:?} and {j} {b:?} overlap");
        }
        for (line, w) in layout.labels[i].lines.iter().zip(&layout.labels[i].widths) {
            assert!(w + 2.0 * map::layout::PAD_X <= a.w + TOLERANCE, "{line:?} is wider than box {i}");
        }
    }
    for (v, node) in tree.nodes.iter().enumerate() {
        // Both ways the root has a column of children on each side, and is
        // centred on each side's own first and last child.
        let (right, left): (Vec<usize>, Vec<usize>) = node.children.iter().partition(|&&c| boxes[c].x > boxes[v].x);
        for side in [right, left].iter().filter(|s| !s.is_empty()) {
            let first = boxes[side[0]].centre_y();
            let last = boxes[*side.last().unwrap()].centre_y();
            let centre = boxes[v].centre_y();
            assert!((centre - (first + last) / 2.0).abs() < 0.05, "node {v} at {centre} not centred on {first}..{last}");
        }
    }
    for edge in &layout.edges {
        for (i, b) in boxes.iter().enumerate() {
            assert!(!edge_enters(edge, b), "edge to {} runs through box {i}", edge.child);
        }
    }
}

/// Samples of the edge's level run and curve, endpoints excluded, strictly
/// inside the box (shrunk by a hair, since endpoints touch box edges).
fn edge_enters(edge: &Edge, b: &Rect) -> bool {
    let inside = |(x, y): (f32, f32)| x > b.x + 0.05 && x < b.right() - 0.05 && y > b.y + 0.05 && y < b.bottom() - 0.05;
    let (x0, y0) = edge.start;
    let (x3, y3) = edge.end;
    let e = edge.elbow_x;
    let mid = (e + x3) / 2.0;
    (1..20).any(|k| {
        let t = k as f32 / 20.0;
        let level = (x0 + (e - x0) * t, y0);
        let u = 1.0 - t;
        let x = u * u * u * e + 3.0 * u * u * t * mid + 3.0 * u * t * t * mid + t * t * t * x3;
        let y = u * u * u * y0 + 3.0 * u * u * t * y0 + 3.0 * u * t * t * y3 + t * t * t * y3;
        inside(level) || inside((x, y))
    })
}

fn both_ways(tree: &MapTree) {
    for direction in [Direction::Right, Direction::Both] {
        let layout = map::layout(tree, direction);
        check(tree, &layout);
        let svg = map::svg::write(tree, &layout, "mapa de prueba");
        let full = roxmltree::Document::parse(&svg).expect("the SVG is XML");
        let shapes = map::svg::shapes(tree, &layout);
        let picture = roxmltree::Document::parse(&shapes).expect("the shapes SVG is XML");
        same_shapes(&full, &picture, tree.len(), layout.edges.len());
    }
}

/// The PDFs' picture draws what the full SVG draws, less the words: the
/// same edges and boxes, attribute for attribute, and no text.
fn same_shapes(full: &roxmltree::Document, picture: &roxmltree::Document, nodes: usize, edges: usize) {
    let drawn = |doc: &roxmltree::Document, tag: &str| -> Vec<Vec<(String, String)>> {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && n.has_attribute("d") == (tag == "path") && n.has_attribute("rx") == (tag == "rect"))
            .map(|n| {
                let mut a: Vec<_> = n.attributes().map(|a| (a.name().to_owned(), a.value().to_owned())).collect();
                // The full SVG sets these on the group its edges share.
                a.retain(|(k, _)| k != "fill" || tag == "rect");
                a.retain(|(k, _)| k != "stroke-linecap");
                a.sort();
                a
            })
            .collect()
    };
    assert_eq!(drawn(picture, "path").len(), edges);
    assert_eq!(drawn(picture, "rect").len(), nodes);
    assert_eq!(drawn(picture, "path"), drawn(full, "path"));
    assert_eq!(drawn(picture, "rect"), drawn(full, "rect"));
    assert!(picture.descendants().all(|n| !n.has_tag_name("text") && !n.has_tag_name("title")));
}

fn root() -> MapTree {
    MapTree::new("Tema central", None, None)
}

#[test]
fn one_node() {
    let tree = root();
    both_ways(&tree);
    let layout = map::layout(&tree, Direction::Right);
    assert!(layout.width > 0.0 && layout.height > 0.0);
    assert!(layout.edges.is_empty());
}

#[test]
fn a_chain() {
    let mut tree = root();
    let mut at = 0;
    for i in 0..30 {
        at = tree.add(at, None, &format!("eslabón {i}"));
    }
    both_ways(&tree);
    // A chain is one straight row.
    let layout = map::layout(&tree, Direction::Right);
    let y = layout.boxes[0].centre_y();
    assert!(layout.boxes.iter().all(|b| (b.centre_y() - y).abs() < 0.01));
}

#[test]
fn a_star_of_forty() {
    let mut tree = root();
    for i in 0..40 {
        tree.add(0, None, &format!("rama {i}"));
    }
    both_ways(&tree);
    // Both ways it splits into two columns of twenty, half as tall.
    let right = map::layout(&tree, Direction::Right);
    let both = map::layout(&tree, Direction::Both);
    assert!(both.height < right.height * 0.6, "{} vs {}", both.height, right.height);
    let left_of_root = both.boxes.iter().filter(|b| b.right() <= both.boxes[0].x).count();
    assert_eq!(left_of_root, 20);
}

#[test]
fn deep_and_wide_trees() {
    let mut deep = root();
    let mut frontier = vec![0];
    for depth in 0..8 {
        frontier = frontier.iter().flat_map(|&p| [deep.add(p, None, &format!("d{depth}a")), deep.add(p, None, &format!("d{depth}b"))]).take(40).collect();
    }
    both_ways(&deep);
    let mut wide = root();
    for i in 0..12 {
        let b = wide.add(0, None, &format!("bloque {i}"));
        for j in 0..(i % 5) * 3 {
            wide.add(b, None, &format!("hoja {i}.{j}"));
        }
    }
    both_ways(&wide);
}

#[test]
fn very_long_labels_are_shortened_and_fit() {
    let mut tree = root();
    let sentence = "Esta frase es muy larga porque explica con todo detalle cómo funciona una parte del tema entero";
    let a = tree.add(0, None, sentence);
    tree.add(a, None, &"palabra".repeat(60));
    tree.add(a, None, sentence);
    both_ways(&tree);
    let layout = map::layout(&tree, Direction::Right);
    assert!(layout.labels[1].is_shortened());
    assert!(layout.labels[2].lines.len() <= map::label::MAX_LINES);
}

#[test]
fn same_tree_same_bytes() {
    let mut tree = root();
    for i in 0..9 {
        let b = tree.add(0, Some(format!("n{i}")), &format!("rama <{i}> & \"más\"\u{7}]]>"));
        tree.add(b, Some(format!("n{i}x")), "hoja");
    }
    let svg = |t: &MapTree| map::svg::write(t, &map::layout(t, Direction::Both), "t");
    assert_eq!(svg(&tree), svg(&tree.clone()));
    let parsed = svg(&tree);
    let doc = roxmltree::Document::parse(&parsed).unwrap();
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    assert_eq!(ids.len(), 18);
    assert!(ids.contains(&"n-n3") && ids.contains(&"n-n3x"));
    let texts: String = doc.descendants().filter(|n| n.has_tag_name("tspan")).filter_map(|n| n.text()).collect();
    assert!(texts.contains("rama <4> & \"más\"]]>"), "{texts}");
    assert!(!parsed.contains('\u{7}') && !doc.descendants().any(|n| n.has_tag_name("script")));
}

/// A random tree: each new node hangs under a random earlier one.
fn arb_tree() -> impl Strategy<Value = MapTree> {
    (1usize..120).prop_flat_map(|n| {
        (prop::collection::vec(any::<prop::sample::Index>(), n), prop::collection::vec("[a-zá ]{1,60}", n)).prop_map(
            |(parents, texts)| {
                let mut tree = root();
                for (i, (p, text)) in parents.iter().zip(&texts).enumerate() {
                    let parent = p.index(i + 1);
                    tree.add(parent, None, text);
                }
                tree
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_trees_keep_every_promise(tree in arb_tree()) {
        both_ways(&tree);
    }
}
