//! What a laid-out map draws — each edge's path, each box's paint, where
//! each line of text sits — in one place: the SVG writer ([`crate::svg`])
//! draws it all, and the PDFs set the words where it says, over the SVG of
//! its shapes.

use crate::font::{self, Weight};
use crate::layout::{Edge, LEADING, Layout, PAD_X, PAD_Y, Rect};
use crate::tree::MapTree;

/// Okabe & Ito's colour-blind-safe palette ("Color Universal Design",
/// 2008), in an order that alternates dark and light so neighbouring
/// branches also differ in greyscale print. Their yellow is left out: it
/// does not show on white.
pub const PALETTE: [&str; 7] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000"];
const ROOT_FILL: &str = "#2B2B2B";
const INK: &str = "#1A1A1A";
/// The white of the canvas and under every box.
pub const PAPER: &str = "#FFFFFF";

/// The colour of a node's branch (the root has its own).
pub fn colour(branch: Option<usize>) -> &'static str {
    branch.map_or(ROOT_FILL, |b| PALETTE[b % PALETTE.len()])
}

/// A point, in points, y downwards.
pub type Point = (f32, f32);

/// An edge's path: a level line from `start` to `elbow`, then a cubic
/// Bézier through `control` to `end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Curve {
    pub start: Point,
    pub elbow: Point,
    pub control: [Point; 2],
    pub end: Point,
}

/// An edge as drawn: its path, colour and stroke width (round caps).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeLook {
    pub curve: Curve,
    pub colour: &'static str,
    pub width: f32,
}

/// How `edge` is drawn: in its child's branch colour, thick near the root
/// and thin at the leaves, as a hand-drawn map.
pub fn edge(tree: &MapTree, edge: &Edge) -> EdgeLook {
    let node = &tree.nodes[edge.child];
    let width = match node.depth {
        1 => 2.6,
        2 => 1.6,
        _ => 1.0,
    };
    let y0 = edge.start.1;
    let (x1, y1) = edge.end;
    // Both control points half-way across the gap: the curve leaves and
    // arrives level.
    let mid = (edge.elbow_x + x1) / 2.0;
    let curve = Curve { start: edge.start, elbow: (edge.elbow_x, y0), control: [(mid, y0), (mid, y1)], end: (x1, y1) };
    EdgeLook { curve, colour: colour(node.branch), width }
}

/// A node's box as drawn, over a box of white paper (so the edges'
/// ends never show through a tinted box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxLook {
    pub rect: Rect,
    pub radius: f32,
    pub fill: &'static str,
    pub fill_opacity: f32,
    pub stroke: &'static str,
    /// Zero: no outline.
    pub stroke_width: f32,
}

impl BoxLook {
    /// The fill as it shows over the white paper box, as one opaque
    /// `#RRGGBB` colour (what a renderer without opacity needs).
    pub fn fill_over_paper(&self) -> String {
        let blend = |c: u8| (f32::from(c) * self.fill_opacity + 255.0 * (1.0 - self.fill_opacity)).round() as u8;
        let [r, g, b] = rgb(self.fill);
        format!("#{:02X}{:02X}{:02X}", blend(r), blend(g), blend(b))
    }
}

/// The channels of a `#RRGGBB` constant of this module.
fn rgb(hex: &str) -> [u8; 3] {
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("the palette is #RRGGBB");
    [channel(1), channel(3), channel(5)]
}

/// A node's lines as drawn: the first baseline's start and the type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextLook {
    pub origin: Point,
    pub size: f32,
    pub weight: Weight,
    pub ink: &'static str,
}

impl TextLook {
    /// Baseline to baseline.
    pub fn line_step(&self) -> f32 {
        self.size * LEADING
    }

    /// Where line `n` (from 0) starts on its baseline.
    pub fn baseline(&self, n: usize) -> Point {
        (self.origin.0, self.origin.1 + n as f32 * self.line_step())
    }
}

/// Node `i` as drawn: its box and its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeLook {
    pub frame: BoxLook,
    pub text: TextLook,
}

/// How node `i` is drawn. The overview's root is a solid dark block with
/// white text; a branch's root and top-level branches are tinted in their
/// colour (white on orange or sky blue would not read); deeper nodes are
/// white with a thin outline.
pub fn node(tree: &MapTree, layout: &Layout, i: usize) -> NodeLook {
    let node = &tree.nodes[i];
    let (rect, style) = (layout.boxes[i], layout.styles[i]);
    let colour = colour(node.branch);
    let is_root = i == 0;
    let (fill, fill_opacity, stroke_width, ink) = match node.depth {
        _ if is_root && node.branch.is_none() => (colour, 1.0, 0.0, PAPER),
        _ if is_root => (colour, 0.16, 2.4, INK),
        1 => (colour, 0.16, 1.6, INK),
        _ => (PAPER, 1.0, 0.9, INK),
    };
    let frame = BoxLook { rect, radius: (rect.h / 2.0).min(6.0), fill, fill_opacity, stroke: colour, stroke_width };
    let (ascent, _) = font::ascent_descent(style.weight, style.size);
    let text = TextLook {
        origin: (rect.x + PAD_X, rect.y + PAD_Y + ascent),
        size: style.size,
        weight: style.weight,
        ink,
    };
    NodeLook { frame, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Direction, layout};

    fn tree() -> MapTree {
        let mut t = MapTree::new("Curso", None, None);
        let a = t.add(0, None, "Rama");
        t.add(a, None, "Hoja");
        t
    }

    #[test]
    fn edges_leave_level_and_arrive_level() {
        let t = tree();
        let l = layout(&t, Direction::Right);
        for e in &l.edges {
            let look = edge(&t, e);
            let c = look.curve;
            assert_eq!(c.elbow.1, c.start.1);
            assert_eq!(c.control[0].1, c.start.1);
            assert_eq!(c.control[1].1, c.end.1);
            assert_eq!(look.colour, PALETTE[0]);
        }
    }

    #[test]
    fn tints_blend_with_the_paper() {
        let t = tree();
        let l = layout(&t, Direction::Right);
        let root = node(&t, &l, 0).frame;
        assert_eq!(root.fill_over_paper(), ROOT_FILL);
        let branch = node(&t, &l, 1).frame;
        // 16% of #0072B2 over white.
        assert_eq!(branch.fill_over_paper(), "#D6E8F3");
        assert_eq!(node(&t, &l, 2).frame.fill_over_paper(), PAPER);
    }

    #[test]
    fn lines_step_down_from_inside_the_box() {
        let t = tree();
        let l = layout(&t, Direction::Right);
        let text = node(&t, &l, 1).text;
        let b = l.boxes[1];
        assert!(text.origin.0 > b.x && text.origin.1 > b.y && text.origin.1 < b.bottom());
        assert!((text.baseline(2).1 - text.baseline(1).1 - text.line_step()).abs() < 1e-3);
    }
}
