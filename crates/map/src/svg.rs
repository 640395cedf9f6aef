//! The SVG a map is written as.
//!
//! A small writer of our own rather than a crate: the output is a few
//! element kinds, every number is printed with one fixed precision and
//! every attribute in one fixed order (byte-identical builds), and all
//! outline text passes through `export::xml::escape` — the `svg` crate keeps
//! attributes in a hash map and leaves text escaping to the caller.
//!
//! Self-contained (no scripts, no external fonts or styles), so it works
//! as an `<img>` in an EPUB or a web page. Each node is a `<g>` with
//! `id="n-<node id>"` and the full text as its `<title>`, so a page can link
//! a node to its section and a shortened label still shows its words.

use std::fmt::Write;

use export::xml::escape;

use crate::font::{self, Weight};
use crate::layout::{Edge, LEADING, Layout, PAD_X, PAD_Y};
use crate::tree::MapTree;

/// Okabe & Ito's colour-blind-safe palette ("Color Universal Design",
/// 2008), in an order that alternates dark and light so neighbouring
/// branches also differ in greyscale print. Their yellow is left out: it
/// does not show on white.
pub const PALETTE: [&str; 7] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000"];
const ROOT_FILL: &str = "#2B2B2B";
const INK: &str = "#1A1A1A";

/// An id attribute value for a node: `n-` and the node's id when that is a
/// valid XML name, else a slug of it; a repeat gets `-2`, `-3`….
fn element_id(node_id: &str, used: &mut std::collections::BTreeSet<String>) -> String {
    let clean = node_id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let base = if clean && !node_id.is_empty() { format!("n-{node_id}") } else { format!("n-{}", model::slug(node_id)) };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Fixed precision: enough for print, the same bytes every build.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

/// The colour of a node's branch (the root has its own).
pub fn colour(branch: Option<usize>) -> &'static str {
    branch.map_or(ROOT_FILL, |b| PALETTE[b % PALETTE.len()])
}

/// The map as a standalone SVG document. `title` names it for screen
/// readers and as its tooltip.
pub fn write(tree: &MapTree, layout: &Layout, title: &str) -> String {
    let mut out = String::with_capacity(256 + tree.len() * 400);
    let (w, h) = (num(layout.width), num(layout.height));
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}" font-family="{}">"#,
        font::SVG_FAMILY
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(out, r##"<rect width="{w}" height="{h}" fill="#FFFFFF"/>"##);
    out.push_str("<g fill=\"none\" stroke-linecap=\"round\">\n");
    for edge in &layout.edges {
        write_edge(&mut out, tree, edge);
    }
    out.push_str("</g>\n");
    let mut used = std::collections::BTreeSet::new();
    for (i, node) in tree.nodes.iter().enumerate() {
        write_node(&mut out, tree, layout, i, node.id.as_deref().map(|id| element_id(id, &mut used)));
    }
    out.push_str("</svg>\n");
    out
}

fn write_edge(out: &mut String, tree: &MapTree, edge: &Edge) {
    let node = &tree.nodes[edge.child];
    // Thick near the root, thin at the leaves, as a hand-drawn map.
    let stroke = match node.depth {
        1 => 2.6,
        2 => 1.6,
        _ => 1.0,
    };
    let (x0, y0) = edge.start;
    let (x1, y1) = edge.end;
    let mid = (edge.elbow_x + x1) / 2.0;
    let _ = writeln!(
        out,
        r#"<path d="M{} {}H{}C{} {} {} {} {} {}" stroke="{}" stroke-width="{}"/>"#,
        num(x0),
        num(y0),
        num(edge.elbow_x),
        num(mid),
        num(y0),
        num(mid),
        num(y1),
        num(x1),
        num(y1),
        colour(node.branch),
        num(stroke)
    );
}

fn write_node(out: &mut String, tree: &MapTree, layout: &Layout, i: usize, element_id: Option<String>) {
    let node = &tree.nodes[i];
    let (b, label, style) = (layout.boxes[i], &layout.labels[i], layout.styles[i]);
    let colour = colour(node.branch);
    let is_root = i == 0;
    // The overview's root is a solid dark block with white text; a
    // branch's root and top-level branches are tinted in their colour (white
    // on orange or sky blue would not read); deeper nodes are white with a
    // thin outline.
    let (fill, fill_opacity, stroke_width, ink) = match node.depth {
        _ if is_root && node.branch.is_none() => (colour, "1", "0", "#FFFFFF"),
        _ if is_root => (colour, "0.16", "2.4", INK),
        1 => (colour, "0.16", "1.6", INK),
        _ => ("#FFFFFF", "1", "0.9", INK),
    };
    match element_id {
        Some(id) => {
            let _ = writeln!(out, r#"<g id="{id}">"#);
        }
        None => out.push_str("<g>\n"),
    }
    let _ = writeln!(out, "<title>{}</title>", escape(&node.text));
    let _ = writeln!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="#FFFFFF"/>"##,
        num(b.x),
        num(b.y),
        num(b.w),
        num(b.h),
        num(radius(b.h))
    );
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}" fill-opacity="{fill_opacity}" stroke="{colour}" stroke-width="{stroke_width}"/>"#,
        num(b.x),
        num(b.y),
        num(b.w),
        num(b.h),
        num(radius(b.h))
    );
    let weight = if style.weight == Weight::Bold { " font-weight=\"bold\"" } else { "" };
    let (ascent, _) = font::ascent_descent(style.weight, style.size);
    let _ = writeln!(out, r#"<text font-size="{}"{weight} fill="{ink}">"#, num(style.size));
    for (n, (line, width)) in label.lines.iter().zip(&label.widths).enumerate() {
        let x = b.x + PAD_X;
        let y = b.y + PAD_Y + ascent + n as f32 * style.size * LEADING;
        // textLength pins each line to its measured width, so a renderer
        // with another font still keeps the words inside the box.
        let _ = writeln!(
            out,
            r#"<tspan x="{}" y="{}" textLength="{}" lengthAdjust="spacingAndGlyphs">{}</tspan>"#,
            num(x),
            num(y),
            num(*width),
            escape(line)
        );
    }
    out.push_str("</text>\n</g>\n");
}

fn radius(height: f32) -> f32 {
    (height / 2.0).min(6.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_ids_are_xml_names_and_unique() {
        let mut used = std::collections::BTreeSet::new();
        assert_eq!(element_id("n3f2a", &mut used), "n-n3f2a");
        assert_eq!(element_id("n3f2a", &mut used), "n-n3f2a-2");
        assert_eq!(element_id("ID 7 <x>", &mut used), "n-id-7-x");
        assert_eq!(element_id("", &mut used), "n-");
    }

    #[test]
    fn numbers_print_the_same_way_every_time() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
    }
}
