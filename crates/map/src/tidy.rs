//! Tidy-tree placement along the breadth axis, in linear time.
//!
//! This is the algorithm of C. Buchheim, M. Jünger and S. Leipert,
//! "Improving Walker's Algorithm to Run in Linear Time" (Graph Drawing
//! 2002, LNCS 2528, pp. 344–353), itself a fix of J. Q. Walker II, "A
//! node-positioning algorithm for general trees" (Software: Practice and
//! Experience 20(7), 1990) and a generalisation of E. M. Reingold and J. S.
//! Tilford, "Tidier Drawings of Trees" (IEEE TSE 7(2), 1981). Its promises,
//! which the tests check: nodes of one level never overlap, a parent sits
//! centred over its first and last child, and subtrees are spread evenly.
//!
//! Two departures from the paper, neither changing its bounds:
//! - nodes have their own breadth (a box's height in a left-to-right map),
//!   so the distance between neighbours is half of each plus a gap;
//! - the two walks run over arrays instead of recursing, so a deep chain
//!   cannot overflow the stack: nodes are numbered parents first, the first
//!   walk visits them in reverse (every child before its parent) and places
//!   each child against its left sibling during the parent's visit.

/// Gaps between neighbouring boxes of one level.
#[derive(Debug, Clone, Copy)]
pub struct Gaps {
    /// Between children of one parent.
    pub siblings: f32,
    /// Between neighbours of different parents: subtrees read apart.
    pub subtrees: f32,
}

/// Per-node working state of the algorithm (the paper's names).
#[derive(Clone, Copy, Default)]
struct Work {
    prelim: f32,
    modifier: f32,
    shift: f32,
    change: f32,
    thread: Option<usize>,
    ancestor: usize,
    /// 1-based position among siblings.
    number: usize,
}

struct Walker<'a> {
    children: &'a [Vec<usize>],
    parent: Vec<Option<usize>>,
    breadth: &'a [f32],
    gaps: Gaps,
    work: Vec<Work>,
}

/// Centres along the breadth axis of nodes numbered parents first (node 0
/// is the root, every child has a larger index than its parent), moved so
/// the first box edge is at 0.
pub fn place(children: &[Vec<usize>], breadth: &[f32], gaps: Gaps) -> Vec<f32> {
    let n = children.len();
    if n == 0 {
        return Vec::new();
    }
    let mut parent = vec![None; n];
    let mut work = vec![Work::default(); n];
    for (v, kids) in children.iter().enumerate() {
        work[v].ancestor = v;
        for (i, &w) in kids.iter().enumerate() {
            debug_assert!(w > v, "children are numbered after their parent");
            parent[w] = Some(v);
            work[w].number = i + 1;
        }
    }
    let mut walker = Walker { children, parent, breadth, gaps, work };
    for v in (0..n).rev() {
        walker.first_walk(v);
    }
    walker.place_against_left_sibling(0);
    walker.second_walk()
}

impl Walker<'_> {
    fn left_sibling(&self, v: usize) -> Option<usize> {
        let p = self.parent[v]?;
        let number = self.work[v].number;
        (number > 1).then(|| self.children[p][number - 2])
    }

    fn leftmost_sibling(&self, v: usize) -> usize {
        self.parent[v].map_or(v, |p| self.children[p][0])
    }

    fn next_left(&self, v: usize) -> Option<usize> {
        self.children[v].first().copied().or(self.work[v].thread)
    }

    fn next_right(&self, v: usize) -> Option<usize> {
        self.children[v].last().copied().or(self.work[v].thread)
    }

    fn distance(&self, a: usize, b: usize) -> f32 {
        let gap = if self.parent[a] == self.parent[b] { self.gaps.siblings } else { self.gaps.subtrees };
        (self.breadth[a] + self.breadth[b]) / 2.0 + gap
    }

    /// The paper's FIRSTWALK for an inner node, its children's own walks
    /// done: place each child against its left sibling, push the subtrees
    /// apart (APPORTION), spread the shifts, and remember the midpoint.
    fn first_walk(&mut self, v: usize) {
        let Some(&first) = self.children[v].first() else { return };
        let mut default_ancestor = first;
        for i in 0..self.children[v].len() {
            let w = self.children[v][i];
            self.place_against_left_sibling(w);
            default_ancestor = self.apportion(w, default_ancestor);
        }
        self.execute_shifts(v);
    }

    fn midpoint(&self, v: usize) -> Option<f32> {
        let kids = &self.children[v];
        Some((self.work[*kids.first()?].prelim + self.work[*kids.last()?].prelim) / 2.0)
    }

    fn place_against_left_sibling(&mut self, v: usize) {
        let mid = self.midpoint(v);
        match (self.left_sibling(v), mid) {
            (Some(w), mid) => {
                self.work[v].prelim = self.work[w].prelim + self.distance(w, v);
                if let Some(mid) = mid {
                    self.work[v].modifier = self.work[v].prelim - mid;
                }
            }
            (None, Some(mid)) => self.work[v].prelim = mid,
            (None, None) => self.work[v].prelim = 0.0,
        }
    }

    fn apportion(&mut self, v: usize, mut default_ancestor: usize) -> usize {
        let Some(w) = self.left_sibling(v) else { return default_ancestor };
        let (mut vir, mut vor, mut vil, mut vol) = (v, v, w, self.leftmost_sibling(v));
        let mut sir = self.work[vir].modifier;
        let mut sor = self.work[vor].modifier;
        let mut sil = self.work[vil].modifier;
        let mut sol = self.work[vol].modifier;
        while let (Some(il), Some(ir)) = (self.next_right(vil), self.next_left(vir)) {
            vil = il;
            vir = ir;
            vol = self.next_left(vol).expect("outer left contour is as deep as inner");
            vor = self.next_right(vor).expect("outer right contour is as deep as inner");
            self.work[vor].ancestor = v;
            let shift = (self.work[vil].prelim + sil) - (self.work[vir].prelim + sir) + self.distance(vil, vir);
            if shift > 0.0 {
                let a = self.ancestor(vil, v, default_ancestor);
                self.move_subtree(a, v, shift);
                sir += shift;
                sor += shift;
            }
            sil += self.work[vil].modifier;
            sir += self.work[vir].modifier;
            sol += self.work[vol].modifier;
            sor += self.work[vor].modifier;
        }
        if let (Some(t), None) = (self.next_right(vil), self.next_right(vor)) {
            self.work[vor].thread = Some(t);
            self.work[vor].modifier += sil - sor;
        }
        if let (Some(t), None) = (self.next_left(vir), self.next_left(vol)) {
            self.work[vol].thread = Some(t);
            self.work[vol].modifier += sir - sol;
            default_ancestor = v;
        }
        default_ancestor
    }

    fn ancestor(&self, vil: usize, v: usize, default_ancestor: usize) -> usize {
        let a = self.work[vil].ancestor;
        if self.parent[a] == self.parent[v] { a } else { default_ancestor }
    }

    fn move_subtree(&mut self, wl: usize, wr: usize, shift: f32) {
        let subtrees = (self.work[wr].number - self.work[wl].number) as f32;
        self.work[wr].change -= shift / subtrees;
        self.work[wr].shift += shift;
        self.work[wl].change += shift / subtrees;
        self.work[wr].prelim += shift;
        self.work[wr].modifier += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        for i in (0..self.children[v].len()).rev() {
            let w = self.children[v][i];
            self.work[w].prelim += shift;
            self.work[w].modifier += shift;
            change += self.work[w].change;
            shift += self.work[w].shift + change;
        }
    }

    /// SECOND WALK: final positions are prelim plus the ancestors' modifiers
    /// (preorder, so a parent's sum is known before its children's), then
    /// moved so the topmost box edge is at 0.
    fn second_walk(&self) -> Vec<f32> {
        let n = self.children.len();
        let mut sum_above = vec![0.0f32; n];
        let mut x = vec![0.0f32; n];
        for v in 0..n {
            x[v] = self.work[v].prelim + sum_above[v];
            for &w in &self.children[v] {
                sum_above[w] = sum_above[v] + self.work[v].modifier;
            }
        }
        let top = (0..n).map(|v| x[v] - self.breadth[v] / 2.0).fold(f32::INFINITY, f32::min);
        x.iter_mut().for_each(|c| *c -= top);
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAPS: Gaps = Gaps { siblings: 2.0, subtrees: 4.0 };

    #[test]
    fn one_node_sits_at_half_its_breadth() {
        assert_eq!(place(&[vec![]], &[10.0], GAPS), vec![5.0]);
    }

    #[test]
    fn three_children_are_spaced_and_the_parent_centred() {
        let children = vec![vec![1, 2, 3], vec![], vec![], vec![]];
        let y = place(&children, &[10.0; 4], GAPS);
        assert_eq!(&y[1..], &[5.0, 17.0, 29.0]);
        assert_eq!(y[0], 17.0);
    }

    #[test]
    fn small_subtrees_between_big_ones_are_spread_evenly() {
        // root: big, leaf, leaf, big. The big ones' children push them 8
        // apart where siblings alone need 6; the leaves share the room.
        let mut children = vec![vec![1, 6, 7, 8], vec![2, 3, 4, 5]];
        children.extend((2..=7).map(|_| vec![]));
        children.push(vec![9, 10, 11, 12]);
        children.extend((9..=12).map(|_| vec![]));
        let y = place(&children, &[1.0; 13], Gaps { siblings: 1.0, subtrees: 1.0 });
        let gaps: Vec<f32> = [1, 6, 7, 8].windows(2).map(|w| y[w[1]] - y[w[0]]).collect();
        assert!((gaps[0] - 8.0 / 3.0).abs() < 1e-4, "{gaps:?}");
        assert!((gaps[0] - gaps[1]).abs() < 1e-4 && (gaps[1] - gaps[2]).abs() < 1e-4, "{gaps:?}");
    }
}
