//! Escaping for XML: every string from the model that reaches an XHTML
//! page (EPUB) or an SVG (concept map) passes through here, so hostile text
//! (`<script>`, `]]>`, control characters) can only ever be character data.

/// Escape `text` for XML character data or a quoted attribute value.
///
/// Only numeric character references are produced: EPUB readers parse XHTML
/// as XML, where HTML's named entities (`&nbsp;`) are undefined. Escaping `>`
/// as well as `<` keeps `]]>` out of the output. Characters XML 1.0 forbids
/// (C0 controls but tab/newline/CR, noncharacters) are dropped, and so are C1
/// controls, which no reader renders and validators flag.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appending to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

fn is_xml_char(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        '\u{fdd0}'..='\u{fdef}' => false,
        c => (c as u32) & 0xfffe != 0xfffe,
    }
}

