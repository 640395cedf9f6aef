//! Escaping at the HTML/XHTML boundary: text, attribute values, ids and link targets.
//!
//! Every string from the model passes through here before it reaches a
//! template or the body writer, so hostile text (`<script>`, `]]>`, control
//! characters) can only ever be character data.

use std::collections::HashSet;

pub use crate::xml::{escape, escape_into};

/// Ids already used in one XHTML file; hands out unique, valid XML ids.
#[derive(Debug, Default)]
pub struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    /// A set in which `reserved` ids (fixed anchors of the templates) are taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        IdSet {
            used: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// A unique id for `raw`: sanitized to `[A-Za-z][A-Za-z0-9_.-]*` and
    /// suffixed with `-2`, `-3`… when taken. Model ids are already valid, but
    /// hand-edited JSON may repeat or mangle them.
    pub fn claim(&mut self, raw: &str) -> String {
        let base = sanitize_id(raw);
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

fn sanitize_id(raw: &str) -> String {
    let mut id: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert(0, 'n');
    }
    id
}

/// The link target for a URL from the model, or `None` when it must not be
/// a link: only `http`, `https` and `mailto` are followed, so `javascript:`
/// and relative paths to files the book does not contain never become links.
/// Characters a URL may not hold are percent-encoded; the result still
/// needs [`escape`] (for `&`).
pub fn safe_href(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme_end = url.find(':')?;
    let scheme = url[..scheme_end].to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https" | "mailto") || url.len() == scheme_end + 1 {
        return None;
    }
    let bytes = url.as_bytes();
    let mut out = String::with_capacity(url.len());
    for (i, &b) in bytes.iter().enumerate() {
        let valid_escape = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b) || valid_escape {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// A well-formed BCP 47 tag from the model's language, or `und`
/// (undetermined), so a page or package never carries an invalid one.
pub fn language_tag(tag: &str) -> String {
    let tag = tag.trim();
    let mut subtags = tag.split('-');
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok =
        subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        tag.to_owned()
    } else {
        "und".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_kept_when_well_formed() {
        assert_eq!(language_tag("es"), "es");
        assert_eq!(language_tag("es-ES"), "es-ES");
        assert_eq!(language_tag(""), "und");
        assert_eq!(language_tag("C"), "und");
        assert_eq!(language_tag("es_ES"), "und");
    }

    #[test]
    fn escapes_markup_and_cdata_end_with_numeric_references() {
        assert_eq!(
            escape("<b>&\"x\"'y']]>"),
            "&#60;b&#62;&#38;&#34;x&#34;&#39;y&#39;]]&#62;"
        );
    }

    #[test]
    fn drops_characters_xml_forbids_and_keeps_spanish() {
        assert_eq!(
            escape("a\u{0}b\u{8}c\u{1b}d\u{85}e\u{fffe}f\tñ¿¡"),
            "abcdef\tñ¿¡"
        );
    }

    #[test]
    fn ids_are_valid_and_unique() {
        let mut ids = IdSet::with_reserved(&["toc"]);
        assert_eq!(ids.claim("toc"), "toc-2");
        assert_eq!(ids.claim("n1a"), "n1a");
        assert_eq!(ids.claim("n1a"), "n1a-2");
        assert_eq!(ids.claim("9 x/y"), "n9-x-y");
        assert_eq!(ids.claim(""), "n");
    }

    #[test]
    fn only_web_and_mail_links_survive_and_are_encoded() {
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("../notes.md"), None);
        assert_eq!(safe_href("https:"), None);
        assert_eq!(
            safe_href("https://ejemplo.es/año nuevo?q=\"1\"&p=100%"),
            Some("https://ejemplo.es/a%C3%B1o%20nuevo?q=%221%22&p=100%25".to_owned())
        );
    }
}
