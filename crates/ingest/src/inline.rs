//! Inline markup in flat text: `**bold**` (also across lines), `~~strike~~`,
//! `[label](url)` links and bare URLs. Markdown files go through the full
//! CommonMark parser instead (see `markdown.rs`).

use model::{Mark, MarkStyle};

/// Styles still open at the end of a line, carried into the next one: a
/// `**` opened on one line of a scraped list often closes lines later.
#[derive(Debug, Default, Clone, Copy)]
pub struct Carry {
    bold: bool,
    strike: bool,
}

/// Text with its marks, char-indexed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Styled {
    pub text: String,
    pub marks: Vec<Mark>,
}

struct Builder {
    text: String,
    /// Characters in `text[..counted_bytes]`: counted only when a mark
    /// needs a position, as most lines have no marks.
    counted_chars: usize,
    counted_bytes: usize,
    marks: Vec<Mark>,
    open: [Option<usize>; 2],
}

impl Builder {
    /// The length of `text` in characters, where the next mark would start.
    fn len(&mut self) -> usize {
        self.counted_chars += self.text[self.counted_bytes..].chars().count();
        self.counted_bytes = self.text.len();
        self.counted_chars
    }

    fn toggle(&mut self, slot: usize, style: MarkStyle) {
        match self.open[slot].take() {
            Some(start) => self.close(start, style),
            None => self.open[slot] = Some(self.len()),
        }
    }

    fn close(&mut self, start: usize, style: MarkStyle) {
        let end = self.len();
        if end > start {
            self.marks.push(Mark { start, end, style });
        }
    }

    /// Append `label` as a link to `url`.
    fn push_link(&mut self, label: &str, url: String) {
        let start = self.len();
        self.text.push_str(label);
        self.close(start, MarkStyle::Link { url });
    }
}

/// Parse one logical line's text (already whitespace-normalized).
pub fn parse(raw: &str, carry: &mut Carry) -> Styled {
    let mut b = Builder {
        text: String::with_capacity(raw.len()),
        counted_chars: 0,
        counted_bytes: 0,
        marks: Vec::new(),
        open: [carry.bold.then_some(0), carry.strike.then_some(0)],
    };
    let mut rest = raw;
    loop {
        let plain = markup_start(rest);
        b.text.push_str(&rest[..plain]);
        rest = &rest[plain..];
        let Some(c) = rest.chars().next() else { break };
        if let Some(after) = rest.strip_prefix("**") {
            b.toggle(0, MarkStyle::Bold);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("~~") {
            b.toggle(1, MarkStyle::Strike);
            rest = after;
        } else if let Some((label, url, after)) = bracket_link(rest) {
            b.push_link(label, url.to_owned());
            rest = after;
        } else if let Some(url) = bare_url(rest, b.text.chars().last()) {
            b.push_link(url, link_target(url));
            rest = &rest[url.len()..];
        } else {
            b.text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    carry.bold = b.open[0].is_some();
    carry.strike = b.open[1].is_some();
    if let Some(start) = b.open[0] {
        b.close(start, MarkStyle::Bold);
    }
    if let Some(start) = b.open[1] {
        b.close(start, MarkStyle::Strike);
    }
    trim_styled(b)
}

/// Byte offset of the first place in `s` where markup could start: `**`,
/// `~~`, `[`, or a URL ("http://", "https://", "www." in any case). Plain
/// text up to there is copied as is.
///
/// Both are found with vectorized byte searches: the markup characters
/// directly, URLs by their ':' or '.' and the letters before it. The first
/// such anchor that completes a prefix gives the first URL, as the prefix
/// of an earlier URL would contain a later anchor, which is a letter there.
fn markup_start(s: &str) -> usize {
    let bytes = s.as_bytes();
    let markup = memchr::memchr3(b'*', b'~', b'[', bytes).unwrap_or(bytes.len());
    // A URL starting before `markup` has its anchor at most this far on.
    let window = &bytes[..bytes.len().min(markup + "https".len() + 1)];
    let url = memchr::memchr2_iter(b':', b'.', window).find_map(|anchor| url_start(bytes, anchor));
    url.map_or(markup, |url| url.min(markup))
}

/// Where a URL prefix ending in the ':' or '.' at `anchor` starts, if one does.
fn url_start(bytes: &[u8], anchor: usize) -> Option<usize> {
    let prefixes: &[&[u8]] = if bytes[anchor] == b'.' { &[b"www"] } else { &[b"http", b"https"] };
    prefixes.iter().find_map(|prefix| {
        let start = anchor.checked_sub(prefix.len())?;
        bytes[start..anchor].eq_ignore_ascii_case(prefix).then_some(start)
    })
}

/// Markers may leave spaces at the ends ("** bold**"); trim and shift marks.
fn trim_styled(mut b: Builder) -> Styled {
    let end = b.text.trim_end().len();
    b.text.truncate(end);
    let lead = b.text.len() - b.text.trim_start().len();
    if b.marks.is_empty() {
        b.text.drain(..lead);
        return Styled { text: b.text, marks: b.marks };
    }
    let lead_chars = b.text[..lead].chars().count();
    b.text.drain(..lead);
    let len = b.text.chars().count();
    let mut marks: Vec<Mark> = b
        .marks
        .into_iter()
        .filter_map(|m| {
            let start = m.start.saturating_sub(lead_chars).min(len);
            let end = m.end.saturating_sub(lead_chars).min(len);
            (end > start).then_some(Mark { start, end, style: m.style })
        })
        .collect();
    marks.sort_by_key(|m| (m.start, m.end));
    Styled { text: b.text, marks }
}

/// `[label](url)` at the start of `s`.
fn bracket_link(s: &str) -> Option<(&str, &str, &str)> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find("](")?;
    let label = &inner[..close];
    if label.contains(['[', ']']) || label.trim().is_empty() {
        return None;
    }
    let after_label = &inner[close + 2..];
    let end = after_label.find(')')?;
    let url = &after_label[..end];
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((label, url, &after_label[end + 1..]))
}

/// A bare URL starting here, if `prev` allows a word to start.
pub fn bare_url(s: &str, prev: Option<char>) -> Option<&str> {
    // Cheap first-byte test: this runs at every character of every line.
    if !matches!(s.as_bytes().first(), Some(b'h' | b'H' | b'w' | b'W')) {
        return None;
    }
    if prev.is_some_and(|p| p.is_alphanumeric() || p == '/' || p == '@') {
        return None;
    }
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")) {
        return None;
    }
    let end = s.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»')).unwrap_or(s.len());
    // Sentence punctuation after a URL belongs to the sentence.
    let url = s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '…']);
    (url.len() > "www.".len() + 1 && url.contains('.')).then_some(url)
}

fn link_target(url: &str) -> String {
    if url.to_ascii_lowercase().starts_with("www.") { format!("https://{url}") } else { url.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(raw: &str) -> Styled {
        parse(raw, &mut Carry::default())
    }

    #[test]
    fn bold_and_strike() {
        let s = one("a **negrita** y ~~tachado~~");
        assert_eq!(s.text, "a negrita y tachado");
        assert_eq!(s.marks[0], Mark { start: 2, end: 9, style: MarkStyle::Bold });
        assert_eq!(s.marks[1], Mark { start: 12, end: 19, style: MarkStyle::Strike });
    }

    #[test]
    fn bold_spanning_lines_marks_each_line() {
        let mut carry = Carry::default();
        let a = parse("**Acceso: fácil", &mut carry);
        let b = parse("Medio: claro", &mut carry);
        let c = parse("Fin: ya**", &mut carry);
        let d = parse("después", &mut carry);
        for s in [&a, &b, &c] {
            assert_eq!(s.marks, vec![Mark { start: 0, end: s.text.chars().count(), style: MarkStyle::Bold }], "{s:?}");
        }
        assert!(d.marks.is_empty());
    }

    #[test]
    fn links_and_bare_urls() {
        let s = one("ver [la guía](https://x.org/a) o https://y.org/b?q=1.");
        assert_eq!(s.text, "ver la guía o https://y.org/b?q=1.");
        assert_eq!(s.marks[0].style, MarkStyle::Link { url: "https://x.org/a".into() });
        assert_eq!((s.marks[0].start, s.marks[0].end), (4, 11));
        assert_eq!(s.marks[1].style, MarkStyle::Link { url: "https://y.org/b?q=1".into() });
        let w = one("www.ejemplo.es");
        assert_eq!(w.marks[0].style, MarkStyle::Link { url: "https://www.ejemplo.es".into() });
    }

    #[test]
    fn urls_are_found_wherever_they_start() {
        for (text, url) in [
            ("HTTPS://x.org/a y", "HTTPS://x.org/a"),
            ("a:b http://y.org", "http://y.org"),
            ("Fin. Www.ejemplo.es", "Www.ejemplo.es"),
            ("ahttp://no.org https://si.org", "https://si.org"),
            ("**b** www.z.org", "www.z.org"),
        ] {
            let s = one(text);
            let link = s.marks.iter().find(|m| matches!(m.style, MarkStyle::Link { .. })).expect(text);
            let linked: String = s.text.chars().skip(link.start).take(link.end - link.start).collect();
            assert_eq!(linked, url, "{text}");
        }
        assert!(one("http: no es url; www. tampoco; https:/ x").marks.is_empty());
    }

    #[test]
    fn unmatched_markers_and_brackets_stay_harmless() {
        let s = one("[sin cierre](x y) **");
        assert_eq!(s.text, "[sin cierre](x y)");
        assert!(s.marks.is_empty());
    }
}
