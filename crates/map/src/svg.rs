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
//!
//! [`shapes`] writes the same map without its words, for the PDFs: typst
//! imports it as one picture and sets the words on it itself, as text.

use std::fmt::Write;

use export::xml::escape;

use crate::drawing::{self, BoxLook, PAPER};
use crate::font::{self, Weight};
use crate::layout::{Edge, Layout};
use crate::tree::MapTree;

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

/// The map as a standalone SVG document. `title` names it for screen
/// readers and as its tooltip.
pub fn write(tree: &MapTree, layout: &Layout, title: &str) -> String {
    let mut out = String::with_capacity(256 + tree.len() * 400);
    open_svg(&mut out, layout, &format!(r#" font-family="{}""#, font::SVG_FAMILY));
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let (w, h) = (num(layout.width), num(layout.height));
    let _ = writeln!(out, r#"<rect width="{w}" height="{h}" fill="{PAPER}"/>"#);
    write_edges(&mut out, tree, layout);
    let mut used = std::collections::BTreeSet::new();
    for (i, node) in tree.nodes.iter().enumerate() {
        write_node(&mut out, tree, layout, i, node.id.as_deref().map(|id| element_id(id, &mut used)));
    }
    out.push_str("</svg>\n");
    out
}

/// The map's shapes alone — edges, then boxes, as [`write`] draws them —
/// for a renderer that sets the words itself: the PDFs, where typst
/// imports this as one picture. (Drawn as hundreds of typst shapes, the
/// map cost a guide a third more time; imported with its words, which
/// typst turns into outlines, two thirds more.)
pub fn shapes(tree: &MapTree, layout: &Layout) -> String {
    let mut out = String::with_capacity(256 + tree.len() * 200);
    open_svg(&mut out, layout, "");
    write_edges(&mut out, tree, layout);
    for i in 0..tree.len() {
        write_box(&mut out, &drawing::node(tree, layout, i).frame);
    }
    out.push_str("</svg>\n");
    out
}

fn open_svg(out: &mut String, layout: &Layout, attributes: &str) {
    let (w, h) = (num(layout.width), num(layout.height));
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}"{attributes}>"#
    );
}

fn write_edges(out: &mut String, tree: &MapTree, layout: &Layout) {
    out.push_str("<g fill=\"none\" stroke-linecap=\"round\">\n");
    for edge in &layout.edges {
        write_edge(out, tree, edge);
    }
    out.push_str("</g>\n");
}

fn write_edge(out: &mut String, tree: &MapTree, edge: &Edge) {
    let look = drawing::edge(tree, edge);
    let c = look.curve;
    let _ = writeln!(
        out,
        r#"<path d="M{} {}H{}C{} {} {} {} {} {}" stroke="{}" stroke-width="{}"/>"#,
        num(c.start.0),
        num(c.start.1),
        num(c.elbow.0),
        num(c.control[0].0),
        num(c.control[0].1),
        num(c.control[1].0),
        num(c.control[1].1),
        num(c.end.0),
        num(c.end.1),
        look.colour,
        num(look.width)
    );
}

/// A node's box: one opaque rectangle (its tint as it shows over white
/// paper, so the edges' ends never show through) with its outline, if any.
fn write_box(out: &mut String, frame: &BoxLook) {
    let b = frame.rect;
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}""#,
        num(b.x),
        num(b.y),
        num(b.w),
        num(b.h),
        num(frame.radius),
        frame.fill_over_paper()
    );
    if frame.stroke_width > 0.0 {
        let _ = write!(out, r#" stroke="{}" stroke-width="{}""#, frame.stroke, num(frame.stroke_width));
    }
    out.push_str("/>\n");
}

fn write_node(out: &mut String, tree: &MapTree, layout: &Layout, i: usize, element_id: Option<String>) {
    let look = drawing::node(tree, layout, i);
    match element_id {
        Some(id) => {
            let _ = writeln!(out, r#"<g id="{id}">"#);
        }
        None => out.push_str("<g>\n"),
    }
    let _ = writeln!(out, "<title>{}</title>", escape(&tree.nodes[i].text));
    write_box(out, &look.frame);
    let text = look.text;
    let weight = if text.weight == Weight::Bold { " font-weight=\"bold\"" } else { "" };
    let _ = writeln!(out, r#"<text font-size="{}"{weight} fill="{}">"#, num(text.size), text.ink);
    let label = &layout.labels[i];
    for (n, (line, width)) in label.lines.iter().zip(&label.widths).enumerate() {
        let (x, y) = text.baseline(n);
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
