//! A table of contents as nested `<ol>` links, shared by the EPUB nav
//! document and the web page's sidebar.

use super::escape::escape_into;

/// One entry: a heading (or a chapter, a part) and the headings under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// Plain text; escaped when written.
    pub label: String,
    /// Link target: a file, with a fragment for headings inside it.
    pub href: String,
    pub children: Vec<TocEntry>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn e(label: &str, children: Vec<TocEntry>) -> TocEntry {
        TocEntry { label: label.into(), href: format!("c.xhtml#{label}"), children }
    }

    #[test]
    fn nav_nests_only_where_there_are_children() {
        let toc = vec![e("a", vec![e("b", vec![])]), e("c<", vec![])];
        assert_eq!(
            nav_list(&toc),
            "<ol>\n<li><a href=\"c.xhtml#a\">a</a>\n<ol>\n<li><a href=\"c.xhtml#b\">b</a></li>\n</ol></li>\n\
             <li><a href=\"c.xhtml#c&#60;\">c&#60;</a></li>\n</ol>"
        );
    }
}
