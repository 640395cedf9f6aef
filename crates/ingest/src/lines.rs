//! Physical lines to logical lines for flattened text: list markers are
//! read, wrapped lines are rejoined, inline markup is parsed.

use std::borrow::Cow;

use model::{SourceKind, Span};

use crate::decode::normalize_space;
use crate::inline::{self, Carry, Styled};
use crate::numbering::{self, Numbering};

/// How a line was marked as a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    None,
    /// `•`, `°`, `-`, `*`, Wingdings private-use glyphs…
    Bullet,
    /// `1.`, `1.2`, `a)`, `IV.`, `1ª`: outline numbering.
    Number(Numbering),
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
    /// Blank lines right before it (a tight list has none).
    pub gap_before: usize,
    /// Which line-level rule shaped it ("wrap-join", "colon-join"), if any.
    pub joined_by: Option<&'static str>,
}

/// Split a leading list marker off `text`.
pub fn split_marker(text: &str) -> (Marker, &str) {
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return (Marker::None, text) };
    let rest = chars.as_str();
    let is_glyph = matches!(first, '•' | '·' | '°' | '▪' | '■' | '□' | '►' | '▸' | '➢' | '➤' | '✓' | '✔' | '◦' | '○' | '●' | '◆' | '◇' | '→' | '§')
        || ('\u{E000}'..='\u{F8FF}').contains(&first);
    if is_glyph {
        return (Marker::Bullet, rest.trim_start());
    }
    // `-`, `*`, `+`, `–` need a space after (or nothing), so "**bold" and
    // "-5 °C" stay text.
    if matches!(first, '-' | '*' | '+' | '–' | '—') && (rest.is_empty() || rest.starts_with(' ')) {
        return (Marker::Bullet, rest.trim_start());
    }
    // A Wingdings check mark or arrow read back as Latin-1 by a PDF viewer:
    // "ü Inversión", "Ø Costes". Only before a capital, so words stay words.
    if matches!(first, 'ü' | 'Ø') && rest.strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase)) {
        return (Marker::Bullet, rest.trim_start());
    }
    numbering::parse(text).map_or((Marker::None, text), |(n, rest)| (Marker::Number(n), rest))
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

/// Words of two letters or more, counted no further than `cap`: formulas
/// ("E = m × c^2") have tokens, not words.
fn prose_words(text: &str, cap: usize) -> usize {
    text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).take(cap).count()
}

/// Whether `word` is an article, preposition or conjunction of the notes'
/// languages.
pub fn is_function_word(word: &str) -> bool {
    word.len() <= MAX_DANGLING_BYTES && crate::case::is_one_of(word, DANGLING)
}

/// Words that cannot end a heading or a sentence: a line ending in one was
/// wrapped ("…liderazgo del negocio de" + "servicio").
const DANGLING: &[&str] = &[
    "de", "del", "la", "las", "el", "los", "lo", "y", "e", "o", "u", "en", "a", "al", "con", "por", "para",
    "que", "su", "sus", "un", "una", "unos", "unas", "sin", "sobre", "entre", "hacia", "desde", "como",
    "the", "of", "and", "or", "to", "in", "for", "with", "on", "at", "by", "from", "an", "its", "their",
    "da", "do", "das", "dos", "na", "no", "nas", "nos", "em", "um", "uma", "os", "as", "com", "pelo", "pela",
    "le", "les", "des", "du", "et", "au", "aux", "dans", "pour", "avec", "sur", "une", "ces", "leur",
    "di", "il", "gli", "dal", "dalla", "dalle", "dai", "della", "delle", "dei", "degli", "nel", "nella",
    "nelle", "alla", "alle", "ai", "per", "tra", "fra", "che", "ed",
];

/// The longest word of [`DANGLING`], in bytes: longer words are ruled out
/// before the list is searched.
const MAX_DANGLING_BYTES: usize = 6;

fn ends_dangling(text: &str) -> bool {
    is_function_word(text.rsplit(' ').next().unwrap_or(""))
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// A sentence, clause or list entry is finished at this character.
fn ends_finished(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '»', '”', ')', '*']).ends_with(['.', '!', '?', ':', '…'])
}

fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// "TÉRMINO:" alone on its line, its explanation on the next.
fn is_bare_term(text: &str) -> bool {
    text.strip_suffix(':').is_some_and(|t| {
        let words = words_up_to(t, 6);
        (1..=5).contains(&words) && !t.contains([':', '.'])
    })
}

/// Punctuation that closes what comes before it, written without a space:
/// a line starting with one continues the line before ("," then the rest
/// of a node split at a bold run). A ":" also continues it, after a space.
const CLOSING: [char; 6] = [',', ';', '.', ')', '?', '!'];

/// The next line and what lies between it and the logical line so far.
struct Next<'l, 'a> {
    line: &'l Physical<'a>,
    marker: Marker,
    /// Blank lines skipped to reach it.
    gap: usize,
}

/// Should the physical line `next` continue the logical line `current`?
/// Each rule names a shape that recurs wherever text is wrapped or split:
/// mind-map node text cut at bold runs, PDF and blog lines hard-wrapped.
fn continues(current: &str, marked: bool, next: &Next<'_, '_>, kind: SourceKind) -> Option<&'static str> {
    let text = next.line.text;
    if next.marker != Marker::None || text.is_empty() {
        return None;
    }
    let words = || words_up_to(current, 3);
    if next.gap == 0 {
        // ", corrispondente…", ": vi si…", a lone "." or "?": no node starts so.
        if text.starts_with(CLOSING) || text.starts_with(':') {
            return Some("punctuation-join");
        }
        // A line cannot end on an article or preposition; short mind-map
        // nodes ("leads to") can, so a short line needs its next in lower case.
        let lower_ok = kind != SourceKind::CogglePage && starts_lowercase(text);
        if ends_dangling(current) && (lower_ok || words() >= 3 || is_all_caps(current) && is_all_caps(text)) {
            return Some("wrap-join");
        }
    }
    // Prose hard-wrapped mid-sentence: the next line goes on in lower case.
    // Mind-map nodes are often lower-case phrases, so there only long
    // pieces join; PDF text may put blank lines inside a sentence.
    let min_words = match kind {
        SourceKind::CogglePage => 5,
        _ if next.gap > 0 => 6,
        _ => 3,
    };
    let lower_next = starts_lowercase(text) || (kind != SourceKind::CogglePage && text.starts_with('('));
    if next.gap <= 2 && lower_next && !ends_finished(current) && prose_words(current, min_words) >= min_words && (next.gap == 0 || kind == SourceKind::Blog) {
        return Some("wrap-join");
    }
    let next_is_sentence = || words_up_to(text, 6) >= 6 && !text.contains(": ");
    // Only a term that stands out (numbered, or in capitals) has its
    // explanation on the next line; "Ejemplos:" announces a list instead.
    let stands_out = marked || is_all_caps(current);
    (next.gap == 0 && stands_out && is_bare_term(current) && next_is_sentence()).then_some("colon-join")
}

/// Assemble logical lines from the physical lines that survived junk removal
/// (`keep[i]` is false for dropped lines).
pub fn logical(lines: &[Physical<'_>], keep: &[bool], kind: SourceKind) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::with_capacity(lines.len());
    let mut carry = Carry::default();
    // Each line's marker is read once: a line is looked at as the next
    // line of the one before it, then as a line of its own.
    let marked: Vec<(Marker, &str)> = lines.iter().map(|l| split_marker(l.text)).collect();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if !keep[i] || line.text.is_empty() {
            i += 1;
            continue;
        }
        let gap_before = lines[..i].iter().rev().take_while(|l| l.text.is_empty()).count();
        let (marker, mut body) = marked[i];
        let mut span = Span::line(line.number);
        let mut joined_by = None;
        // A bullet alone on its line, its text on the next ("-" then the
        // entry): one entry. On a Coggle page a lone "-" is an image node.
        if marker != Marker::None && body.is_empty() && kind != SourceKind::CogglePage {
            if let Some(next) = next_content(lines, &marked, keep, i).filter(|n| n.gap == 0 && n.marker == Marker::None) {
                body = next.line.text;
                span.end = next.line.number;
                joined_by = Some("bullet-join");
                i += 1;
            }
        }
        let mut text = normalize_space(body);
        while let Some(next) = next_content(lines, &marked, keep, i) {
            let Some(rule) = continues(&text, marker != Marker::None, &next, kind) else { break };
            let joined = text.to_mut();
            if !next.line.text.starts_with(CLOSING) {
                joined.push(' ');
            }
            joined.push_str(&normalize_space(next.line.text));
            span.end = next.line.number;
            joined_by = Some(rule);
            i += 1 + next.gap;
        }
        if let Some(entry) = strip_leader(&text) {
            text = Cow::Owned(entry.to_owned());
            joined_by = Some(TOC_LEADER);
        }
        let styled = inline::parse(&text, &mut carry);
        let empty = styled.text.is_empty();
        out.push(Logical { span, indent: line.indent, marker, styled, gap_before, joined_by });
        if empty && marker == Marker::None {
            // Only markup ("**"): nothing to keep.
            out.pop();
        }
        i += 1;
    }
    out
}

/// The line rule of a table of contents line whose dot leader was cut.
pub const TOC_LEADER: &str = "toc-leader";

/// A table of contents line: "1.2. Trabajo y energía . . . . . . 9" or
/// "Introducción ........ 3". Returns the entry without its dot leader and
/// page number.
fn strip_leader(text: &str) -> Option<&str> {
    const MIN_DOTS: usize = 4;
    let body = text.trim_end_matches(|c: char| c.is_ascii_digit());
    if body.len() == text.len() {
        return None;
    }
    let entry = body.trim_end_matches(['.', ' ', '…']);
    let leader = &body[entry.len()..];
    (leader.matches(['.', '…']).count() >= MIN_DOTS && !entry.is_empty()).then_some(entry)
}

/// The next kept line after `i` with text, unless a dropped line or more
/// than two blank lines come first.
fn next_content<'l, 'a>(lines: &'l [Physical<'a>], marked: &[(Marker, &str)], keep: &[bool], i: usize) -> Option<Next<'l, 'a>> {
    let mut gap = 0;
    for j in i + 1..lines.len() {
        if !keep[j] {
            return None;
        }
        if lines[j].text.is_empty() {
            gap += 1;
            if gap > 2 {
                return None;
            }
            continue;
        }
        return Some(Next { line: &lines[j], marker: marked[j].0, gap });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logical_of(text: &str) -> Vec<Logical> {
        let lines = physical(text);
        let keep = vec![true; lines.len()];
        logical(&lines, &keep, SourceKind::Blog)
    }

    #[test]
    fn no_function_word_is_longer_than_the_bound() {
        assert!(DANGLING.iter().all(|w| w.len() <= MAX_DANGLING_BYTES));
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
        let number = |text| match split_marker(text) {
            (Marker::Number(n), rest) => Some((n.value, rest)),
            _ => None,
        };
        assert_eq!(number("12. Doce"), Some((12, "Doce")));
        assert_eq!(number("3) Tres"), Some((3, "Tres")));
        assert_eq!(number("b) Be"), Some((2, "Be")));
        assert_eq!(split_marker("§ Recopila"), (Marker::Bullet, "Recopila"));
        assert_eq!(split_marker("ü Inversión"), (Marker::Bullet, "Inversión"));
        assert_eq!(split_marker("über alles"), (Marker::None, "über alles"));
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
        assert!(matches!(l[0].marker, Marker::Number(n) if n.value == 4));
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

    fn texts(text: &str, kind: SourceKind) -> Vec<String> {
        let lines = physical(text);
        let keep = vec![true; lines.len()];
        logical(&lines, &keep, kind).into_iter().map(|l| l.styled.text).collect()
    }

    #[test]
    fn node_text_split_at_bold_runs_is_one_line() {
        let page = "el río nace en los montes del norte y recorre una\nllanura\n, regada por canales antiguos\n;";
        assert_eq!(texts(page, SourceKind::CogglePage), ["el río nace en los montes del norte y recorre una llanura, regada por canales antiguos;"]);
    }

    #[test]
    fn short_mind_map_nodes_in_lower_case_stay_apart() {
        assert_eq!(texts("leads to\nhigher speed\nthe mass\nstays constant", SourceKind::CogglePage).len(), 4);
        assert_eq!(texts("F = m × a × g\nforce of gravity", SourceKind::CogglePage).len(), 2);
    }

    #[test]
    fn hard_wrapped_prose_is_rejoined_even_across_blank_lines() {
        let pdf = "El proyecto reúne los datos que permiten comparar distintas\n\n\npropuestas de inversión.";
        assert_eq!(texts(pdf, SourceKind::Blog), ["El proyecto reúne los datos que permiten comparar distintas propuestas de inversión."]);
        let wrapped = "Ley de la oferta: cuando sube el precio, los productores ofrecen más,\nsi lo demás no cambia.";
        assert_eq!(texts(wrapped, SourceKind::Blog).len(), 1);
        assert_eq!(texts("Una frase que termina.\nuna línea que empieza en minúscula", SourceKind::Blog).len(), 2);
    }

    #[test]
    fn all_caps_heading_wrapped_after_a_function_word() {
        assert_eq!(texts("LECTURA DE MAPAS Y\nPLANOS", SourceKind::Blog), ["LECTURA DE MAPAS Y PLANOS"]);
    }

    #[test]
    fn contents_lines_lose_their_dot_leaders() {
        assert_eq!(texts("1.2. Trabajo y energía . . . . . . . . 9\nIntroducción ........ 13", SourceKind::Blog), ["Trabajo y energía", "Introducción"]);
        assert_eq!(strip_leader("Cuesta 3.50"), None);
        assert_eq!(strip_leader("Fin... 2"), None);
    }

    #[test]
    fn a_bullet_alone_marks_the_next_line() {
        let l = logical_of("-\nPrimera causa del cambio.\n-\nSegunda causa.");
        assert_eq!(l.len(), 2);
        assert!(l.iter().all(|l| l.marker == Marker::Bullet));
        assert_eq!(l[1].styled.text, "Segunda causa.");
    }
}
