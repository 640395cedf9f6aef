//! Bytes to clean text: encoding, line endings, Unicode normalization.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

use unicode_normalization::UnicodeNormalization;

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes outside a UTF-16 file: an image, a zip, a database.
    Binary { offset: usize },
    /// Nothing but whitespace.
    NoText,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "looks like a binary file (NUL byte at offset {offset}), not notes")
            }
            DecodeError::NoText => write!(f, "contains no text"),
        }
    }
}

/// Decode `bytes` to NFC text with `\n` line endings.
///
/// UTF-8 (with or without BOM) and UTF-16 with BOM are honoured; bytes that
/// are not valid UTF-8 are read as Windows-1252, the superset of Latin-1 that
/// old Spanish blog text is almost always in.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let text = to_unicode(bytes)?;
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(DecodeError::Binary { offset });
    }
    let text = normalize_newlines(text);
    if text.trim().is_empty() {
        return Err(DecodeError::NoText);
    }
    Ok(if is_nfc(&text) { text } else { text.nfc().collect() })
}

/// Whether `text` is certainly NFC already. Characters below U+0300 (lead
/// byte below 0xCC) are all NFC starters: the quick check passes them and
/// forgets what came before, so only the runs of other characters between
/// them need the Unicode tables, each on its own. Most text has few.
fn is_nfc(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = first_byte_from_0xcc(rest.as_bytes()) {
        let run = &rest[start..];
        let len = run.char_indices().find(|&(_, c)| c < '\u{300}').map_or(run.len(), |(i, _)| i);
        if unicode_normalization::is_nfc_quick(run[..len].chars()) != unicode_normalization::IsNormalized::Yes {
            return false;
        }
        rest = &run[len..];
    }
    true
}

/// `bytes.iter().position(|&b| b >= 0xCC)`, testing 32 bytes at a time
/// without an early exit, which the compiler turns into vector code.
fn first_byte_from_0xcc(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    let chunk = bytes.chunks(CHUNK).position(|chunk| chunk.iter().fold(false, |found, &b| found | (b >= 0xCC)))?;
    let start = chunk * CHUNK;
    bytes[start..].iter().position(|&b| b >= 0xCC).map(|i| start + i)
}

fn to_unicode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Ok(encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()),
    }
}

/// CRLF and lone CR become LF; U+2028/2029 separators too.
fn normalize_newlines(text: String) -> String {
    if !has_line_break_to_normalize(text.as_bytes()) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// Whether `bytes` hold a CR or a U+2028/2029 (E2 80 A8/A9), in one
/// vectorized search for the bytes that can start either.
fn has_line_break_to_normalize(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'\r', 0xE2, bytes)
        .any(|i| bytes[i] == b'\r' || matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])))
}

/// Collapse runs of whitespace (spaces, tabs, NBSP, other Unicode spaces)
/// to one space and trim; drop control and zero-width characters. Text that
/// is already normal, as most lines are, is borrowed.
/// `text` with its spacing normalized and lowercased: how two lines that
/// repeat each other (a title printed twice) are compared.
pub fn fold(text: &str) -> String {
    normalize_space(text).to_lowercase()
}

/// Whether `text` folds to `folded` (itself folded). Lengths are compared
/// first, as folding a line costs a string.
pub fn folds_to(text: &str, folded: &str) -> bool {
    text.len().abs_diff(folded.len()) <= 4 && fold(text) == folded
}

pub fn normalize_space(text: &str) -> Cow<'_, str> {
    if is_normal_space(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if is_invisible(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Control and zero-width characters, which [`normalize_space`] drops.
fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}')
}

/// Built once: `memmem::find` would set up a searcher for every line.
static DOUBLE_SPACE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"  "));

/// Fast path: single ASCII spaces between words, nothing to drop. Each
/// test is a search the compiler or `memchr` vectorizes. Every byte of a
/// multi-byte character is >= 0x80, so only the characters starting with a
/// lead byte of NBSP and friends (U+0085, U+00A0, U+00AD, U+1680,
/// U+2000–U+206F, U+3000, U+FEFF) need a closer look.
fn is_normal_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    // No early exit, so that the loop runs over whole vectors.
    let has_control = bytes.iter().fold(false, |found, &b| found | (b < 0x20) | (b == 0x7f));
    let is_odd = |i: usize| text[i..].starts_with(|c: char| c.is_whitespace() || is_invisible(c));
    !(text.starts_with(' ') || text.ends_with(' ') || has_control)
        && DOUBLE_SPACE.find(bytes).is_none()
        && !memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(is_odd)
        && !memchr::memchr2_iter(0xE3, 0xEF, bytes).any(is_odd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("año ¿qué?".as_bytes()).unwrap(), "año ¿qué?");
        assert_eq!(decode(b"\xEF\xBB\xBFa\xC3\xB1o").unwrap(), "año");
    }

    #[test]
    fn utf16_both_endians() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("añ".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("añ".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le).unwrap(), "añ");
        assert_eq!(decode(&be).unwrap(), "añ");
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        // "Información – sí" in Windows-1252, with an en dash (0x96).
        assert_eq!(decode(b"Informaci\xF3n \x96 s\xED").unwrap(), "Información – sí");
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap(), "a\nb\nc\n");
        assert_eq!(decode("a\u{2028}b\u{2029}c – d".as_bytes()).unwrap(), "a\nb\nc – d");
        assert_eq!(decode("“a” – b\u{2027}".as_bytes()).unwrap(), "“a” – b\u{2027}");
    }

    #[test]
    fn text_is_nfc() {
        // "e" + combining acute becomes "é".
        assert_eq!(decode("cafe\u{301}".as_bytes()).unwrap(), "café");
        for text in ["a\u{301}", "«sí» – año\u{327}\u{301}", "x\u{301}\u{327} y", "ŉ — ok", "가\u{11A8}", "ä\u{300}"] {
            let quick = unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes;
            assert_eq!(is_nfc(text), quick, "{text:?}");
        }
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary { offset: 4 }));
        assert_eq!(decode(b" \n\t \r\n"), Err(DecodeError::NoText));
        assert_eq!(decode(b""), Err(DecodeError::NoText));
    }

    #[test]
    fn first_byte_from_0xcc_is_found_in_any_chunk() {
        for len in [0, 1, 31, 32, 33, 100] {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = 0xCC;
                bytes.extend([0xE2, 0xCC]);
                assert_eq!(first_byte_from_0xcc(&bytes), Some(at));
            }
            assert_eq!(first_byte_from_0xcc(&vec![0xCB; len]), None);
        }
    }

    #[test]
    fn chars_below_u0300_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in '\0'..'\u{300}' {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            let quick = unicode_normalization::is_nfc_quick(std::iter::once(c));
            assert_eq!(quick, unicode_normalization::IsNormalized::Yes, "{c:?}");
        }
    }

    #[test]
    fn spaces_are_collapsed() {
        assert_eq!(normalize_space(" a\u{a0}\u{a0}b\t c\u{200b} "), "a b c");
        assert_eq!(normalize_space("año\u{a0}b"), "año b");
        assert_eq!(normalize_space("año  b"), "año b");
        assert_eq!(normalize_space("ya es normal"), "ya es normal");
        assert_eq!(normalize_space("«sí» – ¿no?"), "«sí» – ¿no?");
        assert_eq!(normalize_space("a\u{2003}b\u{ad}c"), "a bc");
    }
}
