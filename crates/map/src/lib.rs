//! Concept maps of outlines, drawn by studyforge itself.
//!
//! A document's tree is laid out as a mind map — the title at the left (or
//! in the middle), one colour per top-level branch — with the linear-time
//! tidy-tree algorithm of Buchheim, Jünger and Leipert ([`tidy`]), text
//! measured with the fonts the PDFs embed ([`font`]), and written as a
//! self-contained SVG ([`svg`]) with each node's stable id on its element.
//! What is drawn — edge paths, box paint, text positions — is decided once
//! ([`drawing`]) for the SVG and for the PDFs, which draw it natively.
//!
//! This crate only lays out and writes; the guide and cheat sheet ask it
//! for the layout of a document ([`maps`]), the EPUB and the `map` format
//! for its SVG ([`Map::svg`]). A map too big to print at a readable size is
//! cut to its top levels, and each cut top-level branch gets a map of its
//! own ([`Maps::branches`]).

pub mod drawing;
mod exporter;
pub mod font;
pub mod label;
pub mod layout;
pub mod svg;
pub mod tidy;
pub mod tree;

pub use exporter::{MapFormat, branch_file_name};
pub use export::{MapDirection as Direction, MapOptions};
pub use layout::{Labels, Layout, Rect, layout};
pub use tree::MapTree;

use model::{Document, Node};

/// A printable area, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
}

/// The guide's text area on A4 and on Letter alike (the smaller of each
/// side), with room left for a heading above the map.
pub const GUIDE_PAGE: Page = Page { width: 460.0, height: 620.0 };

/// Type smaller than this on paper is not readable in a map pinned to a wall.
pub const MIN_PRINTED_SIZE: f32 = 7.0;

/// A map is never printed larger than drawn: its type is already the size
/// of the guide's own.
const MAX_SCALE: f32 = 1.0;

/// One laid-out map.
#[derive(Debug, Clone)]
pub struct Map {
    pub tree: MapTree,
    pub layout: Layout,
    /// What the map is of, for screen readers and as its tooltip.
    pub title: String,
}

impl Map {
    fn new(tree: MapTree, direction: Direction, title: &str, labels: &mut Labels) -> Map {
        let layout = layout::layout_with(&tree, direction, labels);
        Map { tree, layout, title: title.to_owned() }
    }

    /// The map as a standalone SVG document. Written on demand: the PDFs
    /// draw the layout natively and need no SVG.
    pub fn svg(&self) -> String {
        svg::write(&self.tree, &self.layout, &self.title)
    }

    /// Its edges and boxes alone as an SVG, for a renderer that sets the
    /// words itself ([`svg::shapes`]).
    pub fn shapes_svg(&self) -> String {
        svg::shapes(&self.tree, &self.layout)
    }

    /// The scale that fits the map into `page`.
    pub fn scale_for(&self, page: Page) -> f32 {
        (page.width / self.layout.width).min(page.height / self.layout.height).min(MAX_SCALE)
    }

    /// Whether its smallest type prints at [`MIN_PRINTED_SIZE`] or more on `page`.
    pub fn readable_on(&self, page: Page) -> bool {
        self.layout.smallest_size() * self.scale_for(page) >= MIN_PRINTED_SIZE - 1e-3
    }

    /// Printed width and height on `page`, in points.
    pub fn printed_size(&self, page: Page) -> (f32, f32) {
        let s = self.scale_for(page);
        (self.layout.width * s, self.layout.height * s)
    }
}

/// A top-level branch drawn on its own.
#[derive(Debug, Clone)]
pub struct BranchMap {
    /// Position of the branch among the document's top-level nodes.
    pub index: usize,
    pub map: Map,
}

/// Every map of a document.
#[derive(Debug, Clone)]
pub struct Maps {
    pub overview: Map,
    /// Empty unless the overview is cut: then one per top-level branch
    /// of which the overview leaves out at least three nodes.
    pub branches: Vec<BranchMap>,
}

/// The maps of `doc` for `page`: the overview as deep as `options.depth`
/// allows while its type stays readable (at least the top level), and
/// when that cuts levels off, a map of each branch that lost some.
pub fn maps(doc: &Document, options: &MapOptions, page: Page) -> Maps {
    let depth = options.depth.max(1);
    let mut labels = Labels::default();
    let overview = overview_with(doc, options, page, &mut labels);
    let shown = overview.tree.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    let branches = if overview.tree.is_cut() {
        doc.nodes
            .iter()
            .enumerate()
            .filter(|(_, top)| hidden_below(top, shown) >= MIN_HIDDEN)
            .map(|(index, top)| {
                let branch = |d| MapTree::branch(doc, index, d).expect("a top-level index");
                BranchMap { index, map: fitted(branch, depth, options.direction, page, &top.text, &mut labels) }
            })
            .collect()
    } else {
        Vec::new()
    };
    Maps { overview, branches }
}

/// The overview alone: as deep as `options.depth` allows while readable
/// on `page`, at least the top level.
pub fn overview(doc: &Document, options: &MapOptions, page: Page) -> Map {
    overview_with(doc, options, page, &mut Labels::default())
}

fn overview_with(doc: &Document, options: &MapOptions, page: Page, labels: &mut Labels) -> Map {
    fitted(|d| MapTree::overview(doc, d), options.depth.max(1), options.direction, page, &doc.title, labels)
}

/// The deepest map of at most `depth` levels that is readable on `page`,
/// else the one-level map.
fn fitted(
    build: impl Fn(usize) -> MapTree,
    depth: usize,
    direction: Direction,
    page: Page,
    title: &str,
    labels: &mut Labels,
) -> Map {
    let mut d = depth;
    loop {
        let tree = build(d);
        // A tree shallower than the cut has nothing deeper to gain.
        let full = !tree.is_cut();
        let map = Map::new(tree, direction, title, labels);
        if d == 1 || map.readable_on(page) {
            return map;
        }
        d = if full { map.tree.nodes.iter().map(|n| n.depth).max().unwrap_or(1).min(d) - 1 } else { d - 1 };
        d = d.max(1);
    }
}

/// A branch gets a map of its own only when the overview hides at least
/// this many of its nodes: a map of a heading and one or two sentences
/// would repeat the first lines of its section and cost a picture.
const MIN_HIDDEN: usize = 3;

/// Nodes under top-level `node` deeper than the overview's `shown` levels.
fn hidden_below(node: &Node, shown: usize) -> usize {
    let mut hidden = 0;
    let mut stack = vec![(node, 1usize)];
    while let Some((n, d)) = stack.pop() {
        if d > shown {
            hidden += 1;
        }
        stack.extend(n.children.iter().map(|c| (c, d + 1)));
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Meta, NodeKind, Span};

    fn node(text: &str, children: Vec<Node>) -> Node {
        Node { id: model::stable_id("n", &[text]), children, ..Node::new(NodeKind::Heading, text, Span::line(1)) }
    }

    fn doc(branches: usize, leaves: usize) -> Document {
        let nodes = (0..branches)
            .map(|b| {
                let kids = (0..leaves).map(|l| node(&format!("idea {b}.{l}"), vec![node(&format!("detalle {b}.{l}"), vec![])])).collect();
                node(&format!("rama {b}"), kids)
            })
            .collect();
        Document { title: "Curso".into(), meta: Meta::default(), nodes, dropped: vec![] }
    }

    #[test]
    fn a_small_map_is_whole_and_readable() {
        let maps = maps(&doc(3, 2), &MapOptions::default(), GUIDE_PAGE);
        assert!(!maps.overview.tree.is_cut());
        assert!(maps.overview.readable_on(GUIDE_PAGE));
        assert_eq!(maps.overview.tree.len(), 1 + 3 + 6 + 6);
        assert!(maps.branches.is_empty());
    }

    #[test]
    fn a_big_map_is_cut_and_each_branch_gets_its_own() {
        let d = doc(12, 6);
        let maps = maps(&d, &MapOptions::default(), GUIDE_PAGE);
        assert!(maps.overview.tree.is_cut());
        assert!(maps.overview.readable_on(GUIDE_PAGE));
        assert_eq!(maps.branches.iter().map(|b| b.index).collect::<Vec<_>>(), (0..12).collect::<Vec<_>>());
        for b in &maps.branches {
            assert!(b.map.readable_on(GUIDE_PAGE));
            assert_eq!(b.map.tree.nodes[0].text, d.nodes[b.index].text);
            assert!(b.map.tree.nodes.iter().all(|n| n.branch == Some(b.index)));
        }
    }

    #[test]
    fn depth_setting_caps_the_levels() {
        let options = MapOptions { depth: 1, ..MapOptions::default() };
        let maps = maps(&doc(3, 2), &options, GUIDE_PAGE);
        assert_eq!(maps.overview.tree.len(), 4);
        assert!(maps.overview.tree.is_cut());
    }
}
