//! Physical lines to logical lines for flattened text: list markers are
//! read, wrapped lines are rejoined, inline markup is parsed.

use model::Span;

use crate::decode::normalize_space;
use crate::inline::{self, Carry, Styled};

/// How a line was marked as a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    None,
    /// `•`, `°`, `-`, `*`, Wingdings private-use glyphs…
    Bullet,
    /// `1.`, `1)`, `a)`: the ordinal, 1-based.
    Number(u32),
}

/// A source line as read, before any joining.
#[derive(Debug, Clone)]
pub struct Physical<'a> {
    pub number: usize,
    /// Leading whitespace width, tabs counting 4.
    pub indent: usize,
    pub text: &'a str,
}

/// The lines of `text` as `text.split('\n')` gives them, found with a
/// vectorized search, counted first so that the vector is allocated once.
pub fn physical(text: &str) -> Vec<Physical<'_>> {
    let line_ends = || memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut lines = Vec::with_capacity(line_ends().count());
    let mut start = 0;
    for end in line_ends() {
        lines.push(physical_line(lines.len() + 1, &text[start..end]));
        start = end + 1;
    }
    lines
}

fn physical_line(number: usize, line: &str) -> Physical<'_> {
    let body = line.trim_start_matches(|c: char| c.is_whitespace());
    let lead = &line[..line.len() - body.len()];
    let indent = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
    Physical { number, indent, text: body.trim_end() }
}

/// One node's worth of text, possibly from several physical lines.
#[derive(Debug, Clone)]
pub struct Logical {
    pub span: Span,
    pub indent: usize,
    pub marker: Marker,
    pub styled: Styled,
    /// Which line-level rule shaped it ("wrap-join", "colon-join"), if any.
    pub joined_by: Option<&'static str>,
}

/// Split a leading list marker off `text`.
pub fn split_marker(text: &str) -> (Marker, &str) {
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return (Marker::None, text) };
    let rest = chars.as_str();
    let is_glyph = matches!(first, '•' | '·' | '°' | '▪' | '■' | '□' | '►' | '▸' | '➢' | '➤' | '✓' | '✔' | '◦' | '○' | '●' | '◆' | '◇' | '→')
        || ('\u{E000}'..='\u{F8FF}').contains(&first);
    if is_glyph {
        return (Marker::Bullet, rest.trim_start());
    }
    // `-`, `*`, `+`, `–` need a space after (or nothing), so "**bold" and
    // "-5 °C" stay text.
    if matches!(first, '-' | '*' | '+' | '–' | '—') && (rest.is_empty() || rest.starts_with(' ')) {
        return (Marker::Bullet, rest.trim_start());
    }
    number_marker(text).map_or((Marker::None, text), |(n, rest)| (Marker::Number(n), rest))
}

/// `12.` / `12)` / `a)` followed by a space.
fn number_marker(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (n, after) = if (1..=3).contains(&digits) {
        (text[..digits].parse().ok()?, &text[digits..])
    } else {
        let c = text.chars().next()?;
        if !c.is_ascii_lowercase() || !text[1..].starts_with(')') {
            return None;
        }
        (u32::from(c as u8 - b'a' + 1), &text[1..])
    };
    let rest = after.strip_prefix(['.', ')'])?;
    rest.starts_with(' ').then(|| (n, rest.trim_start()))
}

/// `text.split_whitespace().count()`, but counting no further than `cap`:
/// line rules count words many times, and only need to know whether a line
/// is short. One pass over the bytes; only characters with the lead bytes
/// of Unicode spaces (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) are
/// decoded, any other byte of a multi-byte character is part of a word.
pub fn words_up_to(text: &str, cap: usize) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() && count < cap {
        let (is_space, len) = match bytes[i] {
            b @ 0..=0x7F => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = text[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
            _ => (false, 1),
        };
        count += usize::from(!is_space && !in_word);
        in_word = !is_space;
        i += len;
    }
    count
}

/// Words that cannot end a heading or a sentence: a line ending in one was
/// wrapped ("…liderazgo del negocio de" + "servicio").
const DANGLING: &[&str] = &[
    "de", "del", "la", "las", "el", "los", "lo", "y", "e", "o", "u", "en", "a", "al", "con", "por", "para",
    "que", "su", "sus", "un", "una", "unos", "unas", "sin", "sobre", "entre", "hacia", "desde", "como",
    "the", "of", "and", "or", "to", "in", "for", "with", "on", "at", "by", "from", "an", "its", "their",
    "da", "do", "das", "dos", "na", "no", "nas", "nos", "em", "um", "uma", "os", "as", "com", "pelo", "pela",
    "le", "les", "des", "du", "et", "au", "aux", "dans", "pour", "avec", "sur", "une", "ces", "leur",
];

fn ends_dangling(text: &str) -> bool {
    crate::case::is_one_of(text.rsplit(' ').next().unwrap_or(""), DANGLING)
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// "TÉRMINO:" alone on its line, its explanation on the next.
fn is_bare_term(text: &str) -> bool {
    text.strip_suffix(':').is_some_and(|t| {
        let words = words_up_to(t, 6);
        (1..=5).contains(&words) && !t.contains([':', '.'])
    })
}

/// Should physical line `next` continue the logical line `current`?
fn continues(current: &str, next: &Physical<'_>, next_marker: Marker) -> Option<&'static str> {
    if next_marker != Marker::None || next.text.is_empty() {
        return None;
    }
    if starts_lowercase(next.text) && ends_dangling(current) {
        return Some("wrap-join");
    }
    let next_is_sentence = || words_up_to(next.text, 6) >= 6 && !next.text.contains(": ");
    (is_bare_term(current) && next_is_sentence()).then_some("colon-join")
}

/// Assemble logical lines from the physical lines that survived junk removal
/// (`keep[i]` is false for dropped lines).
pub fn logical(lines: &[Physical<'_>], keep: &[bool]) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::with_capacity(lines.len());
    let mut carry = Carry::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if !keep[i] || line.text.is_empty() {
            i += 1;
            continue;
        }
        let (marker, body) = split_marker(line.text);
        let mut text = normalize_space(body);
        let mut span = Span::line(line.number);
        let mut joined_by = None;
        while let Some(next) = lines.get(i + 1).filter(|_| keep.get(i + 1) == Some(&true)) {
            let (next_marker, _) = split_marker(next.text);
            let Some(rule) = continues(&text, next, next_marker) else { break };
            let joined = text.to_mut();
            joined.push(' ');
            joined.push_str(&normalize_space(next.text));
            span.end = next.number;
            joined_by = Some(rule);
            i += 1;
        }
        let styled = inline::parse(&text, &mut carry);
        let empty = styled.text.is_empty();
        out.push(Logical { span, indent: line.indent, marker, styled, joined_by });
        if empty && marker == Marker::None {
            // Only markup ("**"): nothing to keep.
            out.pop();
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logical_of(text: &str) -> Vec<Logical> {
        let lines = physical(text);
        let keep = vec![true; lines.len()];
        logical(&lines, &keep)
    }

    #[test]
    fn words_are_counted_as_split_whitespace_does() {
        for text in ["", " ", "uno", " uno  dos\t tres ", "a\u{a0}b\u{2003}c\u{3000}d\u{1680}e", "año – ¿qué?\u{85}x", "\u{b}v"] {
            assert_eq!(words_up_to(text, 100), text.split_whitespace().count(), "{text:?}");
            assert_eq!(words_up_to(text, 2), text.split_whitespace().count().min(2), "{text:?}");
        }
    }

    #[test]
    fn physical_lines_are_the_lines_split_at_newlines() {
        for text in ["", "a", "a\n", "\n\n", " a \n\tb\n\n  c"] {
            let lines = physical(text);
            assert_eq!(lines.len(), text.split('\n').count(), "{text:?}");
            for (line, raw) in lines.iter().zip(text.split('\n')) {
                assert_eq!(line.text, raw.trim(), "{text:?}");
            }
            assert!(lines.iter().enumerate().all(|(i, l)| l.number == i + 1));
        }
        assert_eq!(physical("x\n\t  y")[1].indent, 6);
    }

    #[test]
    fn markers() {
        assert_eq!(split_marker("• Uno"), (Marker::Bullet, "Uno"));
        assert_eq!(split_marker("°Dos"), (Marker::Bullet, "Dos"));
        assert_eq!(split_marker("\u{F076} Tres"), (Marker::Bullet, "Tres"));
        assert_eq!(split_marker("- Cuatro"), (Marker::Bullet, "Cuatro"));
        assert_eq!(split_marker("-"), (Marker::Bullet, ""));
        assert_eq!(split_marker("**Negrita"), (Marker::None, "**Negrita"));
        assert_eq!(split_marker("-5 grados"), (Marker::None, "-5 grados"));
        assert_eq!(split_marker("12. Doce"), (Marker::Number(12), "Doce"));
        assert_eq!(split_marker("3) Tres"), (Marker::Number(3), "Tres"));
        assert_eq!(split_marker("b) Be"), (Marker::Number(2), "Be"));
        assert_eq!(split_marker("1.5 millones"), (Marker::None, "1.5 millones"));
        assert_eq!(split_marker("2024 fue"), (Marker::None, "2024 fue"));
    }

    #[test]
    fn wrapped_heading_is_rejoined() {
        let l = logical_of("Historia de la música de\nlos siglos XVII y XVIII\nOtra línea");
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].styled.text, "Historia de la música de los siglos XVII y XVIII");
        assert_eq!(l[0].span, Span { start: 1, end: 2 });
        assert_eq!(l[0].joined_by, Some("wrap-join"));
    }

    #[test]
    fn capitalized_next_line_is_not_joined() {
        let l = logical_of("Tipos de\nDemografía");
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn bare_term_joins_its_explanation() {
        let l = logical_of("4. REVISAR EL PLAN:\nSe revisa el plan cada trimestre con todo el equipo.");
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].marker, Marker::Number(4));
        assert_eq!(l[0].styled.text, "REVISAR EL PLAN: Se revisa el plan cada trimestre con todo el equipo.");
    }

    #[test]
    fn list_intro_is_not_joined() {
        let l = logical_of("Se mejora actuando sobre los siguientes factores:\nRapidez: atender pronto");
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn blank_lines_separate_and_indent_is_kept() {
        let l = logical_of("A de\n\n  b");
        assert_eq!(l.len(), 2, "a blank line stops a wrap join");
        assert_eq!(l[1].indent, 2);
    }
}
