//! The table of contents, written twice: as the EPUB 3 nav list and as the
//! EPUB 2 `toc.ncx` nav map, from one tree so they never disagree.

use crate::xml::escape_into;

/// One entry: a heading (or a chapter, a part) and the headings under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// Plain text; escaped when written.
    pub label: String,
    /// Path relative to the package document, with a fragment for headings
    /// inside a chapter.
    pub href: String,
    pub children: Vec<TocEntry>,
}

/// Nesting depth of the deepest entry (1 for a flat list, 0 when empty).
pub fn depth(entries: &[TocEntry]) -> usize {
    entries
        .iter()
        .map(|e| 1 + depth(&e.children))
        .max()
        .unwrap_or(0)
}

/// `<ol>` of `<li><a>` with a nested `<ol>` only where there are children:
/// an empty `<ol>` is invalid in a nav document.
pub fn nav_list(entries: &[TocEntry]) -> String {
    let mut out = String::new();
    write_nav(&mut out, entries);
    out
}

fn write_nav(out: &mut String, entries: &[TocEntry]) {
    out.push_str("<ol>\n");
    for e in entries {
        out.push_str("<li><a href=\"");
        escape_into(out, &e.href);
        out.push_str("\">");
        escape_into(out, &e.label);
        out.push_str("</a>");
        if !e.children.is_empty() {
            out.push('\n');
            write_nav(out, &e.children);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>");
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
    fn nav_nests_only_where_there_are_children() {
        let toc = vec![e("a", vec![e("b", vec![])]), e("c<", vec![])];
        assert_eq!(depth(&toc), 2);
        assert_eq!(
            nav_list(&toc),
            "<ol>\n<li><a href=\"c.xhtml#a\">a</a>\n<ol>\n<li><a href=\"c.xhtml#b\">b</a></li>\n</ol></li>\n\
             <li><a href=\"c.xhtml#c&#60;\">c&#60;</a></li>\n</ol>"
        );
    }

    #[test]
    fn ncx_play_order_follows_reading_order() {
        let points = ncx_points(&[e("a", vec![e("b", vec![])]), e("c", vec![])]);
        let orders: Vec<_> = points
            .match_indices("playOrder=\"")
            .map(|(i, _)| &points[i + 11..i + 12])
            .collect();
        assert_eq!(orders, ["1", "2", "3"]);
        assert!(points.find(">b<").unwrap() < points.find(">c<").unwrap());
    }
}
