//! What a laid-out map draws — each edge's path, each box's paint, where
//! each line of text sits — in one place, so the SVG writer ([`crate::svg`])
//! and the guide's native typst drawing show the same picture.

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

impl Curve {
    /// The outline of the curve stroked `width` wide, as one closed path:
    /// one side (level start, cubic start, two control points, cubic end,
    /// level end), then the other side back the same way. Ends are cut
    /// square; a map's edges end on box borders, under the boxes. For
    /// renderers where a filled path is much cheaper than a stroked one
    /// (typst's PDF writer expands every stroked curve to find its bounding
    /// box).
    ///
    /// Each side is the curve moved half the width up or down and, by the
    /// share that makes the middle of the curve exact, sideways: exact where
    /// the curve runs level and where it runs upright, never thinner than
    /// the stroke and at most 40% wider in the bends of steep edges. (Moving
    /// only the control points, Tiller–Hanson, leaves steep edges up to a
    /// half thinner over their first and last fifth.)
    pub fn band(&self, width: f32) -> [Point; 12] {
        let half = width / 2.0;
        let (x0, y0) = self.start;
        let (x1, y1) = self.end;
        let (dx, dy) = ((x1 - self.elbow.0).abs(), y1 - y0);
        // At t = 1/2 the tangent is (dx, 2 dy); a shift of (k·half, half)
        // lies `half` along the normal there for this k.
        let k = if dy == 0.0 { 0.0 } else { ((dx * dx + 4.0 * dy * dy).sqrt() - dx) / (2.0 * dy.abs()) };
        let turn = (x1 - x0).signum() * dy.signum();
        let side = |s: f32| {
            let (sx, sy) = (-s * turn * k * half, s * half);
            [
                (x0, y0 + sy),
                (self.elbow.0 + sx, y0 + sy),
                (self.control[0].0 + sx, y0 + sy),
                (self.control[1].0 + sx, y1 + sy),
                (x1 + sx, y1 + sy),
                (x1, y1 + sy),
            ]
        };
        let (a, b) = (side(-1.0), side(1.0));
        [a[0], a[1], a[2], a[3], a[4], a[5], b[5], b[4], b[3], b[2], b[1], b[0]]
    }
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

/// A rounded box filled in one colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    pub rect: Rect,
    pub radius: f32,
    pub colour: String,
}

impl BoxLook {
    /// The box as filled shapes only, painted in order: its outline as a
    /// box of the stroke's colour reaching half the stroke out, then the
    /// opaque fill inside reaching half the stroke in — the same picture
    /// as the stroked box, for renderers where strokes cost more (see
    /// [`Curve::band`]).
    pub fn fills(&self) -> Vec<Fill> {
        let r = self.rect;
        let grown = |by: f32| Rect { x: r.x - by, y: r.y - by, w: r.w + 2.0 * by, h: r.h + 2.0 * by };
        let half = self.stroke_width / 2.0;
        let inside = Fill { rect: grown(-half), radius: (self.radius - half).max(0.0), colour: self.fill_over_paper() };
        if half > 0.0 {
            let outline = Fill { rect: grown(half), radius: self.radius + half, colour: self.stroke.to_owned() };
            vec![outline, inside]
        } else {
            vec![inside]
        }
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
        (self.origin.0, self.origin.1 + n as f32 * self.size * LEADING)
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

    /// Distance from `p` to the nearest of `samples`.
    fn distance(p: Point, samples: &[Point]) -> f32 {
        samples.iter().map(|q| ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()).fold(f32::INFINITY, f32::min)
    }

    fn cubic(p: [Point; 4], t: f32) -> Point {
        let u = 1.0 - t;
        let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
        (p.iter().zip(w).map(|(q, w)| q.0 * w).sum(), p.iter().zip(w).map(|(q, w)| q.1 * w).sum())
    }

    #[test]
    fn a_band_is_as_wide_as_the_stroke_at_its_ends_and_middle() {
        for (end, width) in [((40.0, 300.0), 2.6), ((40.0, -300.0), 1.6), ((40.0, 12.0), 1.0), ((-40.0, 80.0), 2.6)] {
            let elbow = (if end.0 > 0.0 { 18.0 } else { -18.0 }, 0.0);
            let mid = (elbow.0 + end.0) / 2.0;
            let c = Curve { start: (0.0, 0.0), elbow, control: [(mid, 0.0), (mid, end.1)], end };
            let centre: Vec<Point> = (0..=2000).map(|i| cubic([c.elbow, c.control[0], c.control[1], c.end], i as f32 / 2000.0)).collect();
            let band = c.band(width);
            for side in [[band[1], band[2], band[3], band[4]], [band[10], band[9], band[8], band[7]]] {
                let d = distance(cubic(side, 0.5), &centre);
                assert!((d - width / 2.0).abs() < 0.02 * width, "{end:?}: the middle is {d} from the centre");
                // Never thinner than the stroke, a little wider in bends.
                for i in 0..=40 {
                    let d = distance(cubic(side, i as f32 / 40.0), &centre) / (width / 2.0);
                    assert!(d > 0.98 && d < 1.45, "{end:?} t={}: {d} half widths", i as f32 / 40.0);
                }
            }
        }
    }

    #[test]
    fn a_box_as_fills_is_its_outline_then_its_inside() {
        let t = tree();
        let l = layout(&t, Direction::Right);
        let branch = node(&t, &l, 1).frame;
        let fills = branch.fills();
        assert_eq!(fills.len(), 2);
        let half = branch.stroke_width / 2.0;
        assert_eq!(fills[0].colour, branch.stroke);
        assert!((fills[0].rect.x - (branch.rect.x - half)).abs() < 1e-4);
        assert!((fills[1].rect.right() - (branch.rect.right() - half)).abs() < 1e-4);
        assert_eq!(fills[1].colour, branch.fill_over_paper());
        // The overview's root has no outline.
        assert_eq!(node(&t, &l, 0).frame.fills().len(), 1);
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
