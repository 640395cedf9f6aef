//! Field text: NFC-normalized (Anki normalizes on import, so anything else
//! would differ from what it stores) and HTML-escaped at this boundary.

use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Escape text for an HTML field.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    if is_nfc(text) {
        push_escaped(&mut out, text.chars());
    } else {
        push_escaped(&mut out, text.nfc());
    }
    out
}

fn push_escaped(out: &mut String, chars: impl Iterator<Item = char>) {
    for c in chars {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not HTML text, and U+001F is Anki's
            // field separator: one in a note's text would split its field.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            _ => out.push(c),
        }
    }
}

/// Escape text for a cloze note, where braces (and, in the hidden part,
/// colons) must not be read as cloze syntax: they become character
/// references, which show the same but do not parse.
pub fn escape_cloze(text: &str, hidden: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in escape(text).chars() {
        match c {
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            ':' if hidden => out.push_str("&#58;"),
            _ => out.push(c),
        }
    }
    out
}

/// A list answer as an HTML list.
pub fn list(ordered: bool, items: &[String]) -> String {
    let tag = if ordered { "ol" } else { "ul" };
    let mut out = format!("<{tag}>");
    for item in items.iter().filter(|i| !i.trim().is_empty()) {
        out.push_str("<li>");
        out.push_str(&escape(item));
        out.push_str("</li>");
    }
    out.push_str(&format!("</{tag}>"));
    out
}

/// What Anki compares and sorts by: the field without tags, with the
/// entities this writer produces decoded (rslib `text.rs`,
/// `strip_html_preserving_media_filenames`).
pub fn strip(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut in_tag = false;
    for c in field.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    const ENTITIES: [(&str, &str); 8] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
        ("&#123;", "{"), ("&#125;", "}"), ("&#58;", ":"), ("&amp;", "&"),
    ];
    let mut out = text.to_owned();
    for (entity, plain) in ENTITIES {
        out = out.replace(entity, plain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_round_trips_through_strip() {
        let text = "a < b & \"c\" {{c1::x}}";
        assert_eq!(escape(text), "a &lt; b &amp; &quot;c&quot; {{c1::x}}");
        assert_eq!(strip(&escape_cloze(text, true)), text);
        assert!(!escape_cloze(text, false).contains("{{"));
    }

    #[test]
    fn drops_control_characters_so_no_text_splits_a_field() {
        assert_eq!(escape("a\u{1f}b\u{0}c\td\ne"), "abc\td\ne");
        assert_eq!(escape_cloze("x\u{1f}y", true), "xy");
    }

    #[test]
    fn normalizes_to_nfc() {
        assert_eq!(escape("Informaci\u{f3}n"), escape("Informacio\u{301}n"));
    }

    #[test]
    fn lists_skip_empty_items() {
        assert_eq!(list(true, &["a".into(), " ".into(), "b<".into()]), "<ol><li>a</li><li>b&lt;</li></ol>");
    }
}
