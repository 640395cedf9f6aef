//! Boxes and edges of a map: labels measured, levels as columns, the tidy
//! placement of [`crate::tidy`] down each column.
//!
//! Levels are columns (Reingold–Tilford's layered drawing turned on its
//! side): every box of a level starts at the same x, so boxes of different
//! levels never share x and boxes of one level are kept apart by the tidy
//! placement; no two boxes can overlap. An edge runs level from its parent
//! to the end of the parent's column, then curves through the gap between
//! columns, where no box is, into its child: no edge crosses a box.

use std::collections::HashMap;

use crate::font::{self, Weight};
use crate::label::{Label, Style};
use crate::tidy::{self, Gaps};
use crate::Direction;
use crate::tree::MapTree;

/// An axis-aligned box, in points, y downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn centre_y(&self) -> f32 {
        self.y + self.h / 2.0
    }

    /// Whether the two boxes share any area (touching edges do not).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
}

/// A parent–child link: level from `start` to `elbow_x`, then a cubic
/// curve to `end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub child: usize,
    pub start: (f32, f32),
    pub elbow_x: f32,
    pub end: (f32, f32),
}

/// A laid-out map.
#[derive(Debug, Clone)]
pub struct Layout {
    pub boxes: Vec<Rect>,
    pub labels: Vec<Label>,
    pub styles: Vec<Style>,
    pub edges: Vec<Edge>,
    pub width: f32,
    pub height: f32,
}

impl Layout {
    /// The smallest type size in the map, in points at scale 1.
    pub fn smallest_size(&self) -> f32 {
        self.styles.iter().map(|s| s.size).fold(f32::INFINITY, f32::min)
    }
}

/// Inner margin of a box around its text.
pub const PAD_X: f32 = 5.0;
pub const PAD_Y: f32 = 3.0;
/// Baseline to baseline, as a multiple of the type size.
pub const LEADING: f32 = 1.22;
/// Room between columns, where the edges curve.
const LEVEL_GAP: f32 = 22.0;
const GAPS: Gaps = Gaps { siblings: 4.0, subtrees: 9.0 };
/// White space around the whole map.
pub const MARGIN: f32 = 6.0;

/// Type by level: the root largest and bold, top-level branches bold,
/// everything deeper regular and a little smaller ([`LEVELS`] styles).
pub fn style(depth: usize) -> Style {
    match depth {
        0 => Style { size: 13.0, weight: Weight::Bold, max_width: 170.0 },
        1 => Style { size: 10.5, weight: Weight::Bold, max_width: 140.0 },
        _ => Style { size: 9.0, weight: Weight::Regular, max_width: 125.0 },
    }
}

/// How many styles [`style`] has: depths from this one on share the last.
const LEVELS: usize = 3;

/// Labels measured once per text and level. A map is laid out at several
/// depths before one prints readably (`crate::maps`), and each try sets
/// the same nodes in the same styles: measured afresh, the labels were
/// nearly all of the layout's time.
#[derive(Debug, Default)]
pub struct Labels([HashMap<String, Label>; LEVELS]);

impl Labels {
    fn get(&mut self, text: &str, depth: usize) -> Label {
        let level = &mut self.0[depth.min(LEVELS - 1)];
        if let Some(label) = level.get(text) {
            return label.clone();
        }
        let label = Label::new(text, style(depth));
        level.insert(text.to_owned(), label.clone());
        label
    }
}

/// Height of a box holding `lines` lines of `style`.
pub fn box_height(lines: usize, style: Style) -> f32 {
    let (ascent, descent) = font::ascent_descent(style.weight, style.size);
    // The first line's full ascent, then one leading per further line.
    ascent + descent + (lines.saturating_sub(1)) as f32 * style.size * LEADING + 2.0 * PAD_Y
}

/// Which side of the root a node grows on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Right,
    Left,
}

pub fn layout(tree: &MapTree, direction: Direction) -> Layout {
    layout_with(tree, direction, &mut Labels::default())
}

/// [`layout`], taking labels already measured from `labels`.
pub fn layout_with(tree: &MapTree, direction: Direction, labels: &mut Labels) -> Layout {
    let styles: Vec<Style> = tree.nodes.iter().map(|n| style(n.depth)).collect();
    let labels: Vec<Label> = tree.nodes.iter().map(|n| labels.get(&n.text, n.depth)).collect();
    let sizes: Vec<(f32, f32)> =
        labels.iter().zip(&styles).map(|(l, s)| (l.width + 2.0 * PAD_X, box_height(l.lines.len(), *s))).collect();
    let mut boxes = vec![Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; tree.len()];
    let (rw, rh) = sizes[0];
    boxes[0] = Rect { x: -rw / 2.0, y: -rh / 2.0, w: rw, h: rh };
    let mut edges = Vec::new();
    for (side, tops) in split_sides(tree, direction) {
        place_side(tree, &sizes, side, &tops, &mut boxes, &mut edges);
    }
    let (width, height) = normalise(&mut boxes, &mut edges);
    Layout { boxes, labels, styles, edges, width, height }
}

/// Top-level children per side. Both ways, the first branches go right
/// until that side holds about half the leaves, the rest left.
fn split_sides(tree: &MapTree, direction: Direction) -> Vec<(Side, Vec<usize>)> {
    let tops = tree.nodes[0].children.clone();
    if direction == Direction::Right || tops.len() < 2 {
        return vec![(Side::Right, tops)];
    }
    let weights: Vec<usize> = tops.iter().map(|&t| leaves(tree, t)).collect();
    let total: usize = weights.iter().sum();
    let mut sum = 0;
    let mut cut = tops.len() - 1;
    for (i, w) in weights.iter().enumerate() {
        sum += w;
        if 2 * sum >= total {
            cut = (i + 1).min(tops.len() - 1);
            break;
        }
    }
    let (right, left) = tops.split_at(cut);
    vec![(Side::Right, right.to_vec()), (Side::Left, left.to_vec())]
}

fn leaves(tree: &MapTree, from: usize) -> usize {
    let mut n = 0;
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        let kids = &tree.nodes[v].children;
        if kids.is_empty() {
            n += 1;
        }
        stack.extend(kids);
    }
    n
}

/// Lay out the root's `tops` subtrees on one side, with the root's centre
/// at y = 0 and columns starting right of (or ending left of) the root.
fn place_side(
    tree: &MapTree,
    sizes: &[(f32, f32)],
    side: Side,
    tops: &[usize],
    boxes: &mut [Rect],
    edges: &mut Vec<Edge>,
) {
    if tops.is_empty() {
        return;
    }
    // The side as its own tree, numbered parents first: local 0 is the root.
    let mut order = vec![0];
    let mut children: Vec<Vec<usize>> = vec![Vec::new()];
    let mut queue: Vec<(usize, usize)> = tops.iter().map(|&t| (t, 0)).collect();
    queue.reverse();
    while let Some((v, local_parent)) = queue.pop() {
        let local = order.len();
        order.push(v);
        children.push(Vec::new());
        children[local_parent].push(local);
        queue.extend(tree.nodes[v].children.iter().rev().map(|&c| (c, local)));
    }
    let breadth: Vec<f32> = order.iter().map(|&v| sizes[v].1).collect();
    let centres = tidy::place(&children, &breadth, GAPS);
    let root_centre = centres[0];

    let depth_of = |v: usize| tree.nodes[v].depth;
    let deepest = order.iter().map(|&v| depth_of(v)).max().unwrap_or(0);
    let mut widest = vec![0.0f32; deepest + 1];
    for &v in &order[1..] {
        widest[depth_of(v)] = widest[depth_of(v)].max(sizes[v].0);
    }
    // Distance from the root's centre to where each level's column starts.
    let mut column = vec![0.0f32; deepest + 2];
    column[1] = sizes[0].0 / 2.0 + LEVEL_GAP;
    for d in 1..=deepest {
        column[d + 1] = column[d] + widest[d] + LEVEL_GAP;
    }
    for (local, &v) in order.iter().enumerate().skip(1) {
        let (w, h) = sizes[v];
        let d = depth_of(v);
        let x = match side {
            Side::Right => column[d],
            Side::Left => -column[d] - w,
        };
        boxes[v] = Rect { x, y: centres[local] - root_centre - h / 2.0, w, h };
    }
    for (local, &v) in order.iter().enumerate() {
        for &child_local in &children[local] {
            let c = order[child_local];
            let (p, b) = (boxes[v], boxes[c]);
            // The parent's column ends where its widest box ends.
            let column_end = if v == 0 { sizes[0].0 / 2.0 } else { column[depth_of(v)] + widest[depth_of(v)] };
            let edge = match side {
                Side::Right => Edge { child: c, start: (p.right(), p.centre_y()), elbow_x: column_end, end: (b.x, b.centre_y()) },
                Side::Left => Edge { child: c, start: (p.x, p.centre_y()), elbow_x: -column_end, end: (b.right(), b.centre_y()) },
            };
            edges.push(edge);
        }
    }
}

/// Move everything so the map starts at the margin; the canvas size.
fn normalise(boxes: &mut [Rect], edges: &mut [Edge]) -> (f32, f32) {
    let min_x = boxes.iter().map(|b| b.x).fold(f32::INFINITY, f32::min);
    let min_y = boxes.iter().map(|b| b.y).fold(f32::INFINITY, f32::min);
    let (dx, dy) = (MARGIN - min_x, MARGIN - min_y);
    for b in boxes.iter_mut() {
        b.x += dx;
        b.y += dy;
    }
    for e in edges.iter_mut() {
        e.start = (e.start.0 + dx, e.start.1 + dy);
        e.elbow_x += dx;
        e.end = (e.end.0 + dx, e.end.1 + dy);
    }
    let width = boxes.iter().map(Rect::right).fold(0.0, f32::max) + MARGIN;
    let height = boxes.iter().map(Rect::bottom).fold(0.0, f32::max) + MARGIN;
    (width, height)
}
