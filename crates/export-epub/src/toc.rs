//! The table of contents as the EPUB 2 `toc.ncx` nav map, from the same
//! tree as the EPUB 3 nav list (`export::markup::nav_list`), so they never
//! disagree.

use export::markup::{TocEntry, escape_into};

/// Nesting depth of the deepest entry (1 for a flat list, 0 when empty).
pub fn depth(entries: &[TocEntry]) -> usize {
    entries
        .iter()
        .map(|e| 1 + depth(&e.children))
        .max()
        .unwrap_or(0)
}

/// `navPoint`s for `toc.ncx`, numbered in reading order as `playOrder` asks.
pub fn ncx_points(entries: &[TocEntry]) -> String {
    let mut out = String::new();
    let mut order = 0;
    write_ncx(&mut out, entries, &mut order);
    out
}

fn write_ncx(out: &mut String, entries: &[TocEntry], order: &mut usize) {
    for e in entries {
        *order += 1;
        out.push_str(&format!(
            "<navPoint id=\"np{order}\" playOrder=\"{order}\"><navLabel><text>"
        ));
        escape_into(out, &e.label);
        out.push_str("</text></navLabel><content src=\"");
        escape_into(out, &e.href);
        out.push_str("\"/>\n");
        write_ncx(out, &e.children, order);
        out.push_str("</navPoint>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(label: &str, children: Vec<TocEntry>) -> TocEntry {
        TocEntry {
            label: label.into(),
            href: format!("c.xhtml#{label}"),
            children,
        }
    }

    #[test]
    fn ncx_play_order_follows_reading_order() {
        assert_eq!(depth(&[e("a", vec![e("b", vec![])])]), 2);
        let points = ncx_points(&[e("a", vec![e("b", vec![])]), e("c", vec![])]);
        let orders: Vec<_> = points
            .match_indices("playOrder=\"")
            .map(|(i, _)| &points[i + 11..i + 12])
            .collect();
        assert_eq!(orders, ["1", "2", "3"]);
        assert!(points.find(">b<").unwrap() < points.find(">c<").unwrap());
    }
}
