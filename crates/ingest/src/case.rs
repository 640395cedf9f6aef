//! Case-insensitive tests against lowercase words, prefixes and suffixes,
//! as `text.to_lowercase()` would answer them. ASCII text, nearly all that
//! these tests see, is compared in place instead of being lowercased into
//! a new string; other text takes the Unicode path.

use std::borrow::Cow;

/// `word` lowercased: in `buf` when it is ASCII and fits, else in a new string.
pub fn lowercase<'a>(word: &'a str, buf: &'a mut [u8]) -> Cow<'a, str> {
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            Cow::Borrowed(std::str::from_utf8(lower).unwrap_or_default())
        }
        _ => Cow::Owned(word.to_lowercase()),
    }
}

/// Whether `word` lowercased is one of `list` (lowercase words).
pub fn is_one_of(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        // A non-ASCII entry cannot equal lowercased ASCII, nor compare equal here.
        list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
    } else {
        let lower = word.to_lowercase();
        list.contains(&lower.as_str())
    }
}

/// Whether `text` lowercased starts with `prefix` (lowercase).
#[inline]
pub fn starts_with(text: &str, prefix: &str) -> bool {
    // Callers try many prefixes; an ASCII first character rules out most.
    if let (Some(&first), Some(&expected)) = (text.as_bytes().first(), prefix.as_bytes().first())
        && first.is_ascii()
        && first.to_ascii_lowercase() != expected
    {
        return false;
    }
    match text.as_bytes().get(..prefix.len()) {
        // Lowercasing maps each ASCII character to one ASCII character.
        Some(head) if head.is_ascii() => head.eq_ignore_ascii_case(prefix.as_bytes()),
        _ => {
            let mut lower = text.chars().flat_map(char::to_lowercase);
            prefix.chars().all(|p| lower.next() == Some(p))
        }
    }
}

/// Whether `text` lowercased ends with `suffix` (lowercase).
pub fn ends_with(text: &str, suffix: &str) -> bool {
    match text.len().checked_sub(suffix.len()).map(|start| &text.as_bytes()[start..]) {
        Some(tail) if tail.is_ascii() => tail.eq_ignore_ascii_case(suffix.as_bytes()),
        _ => text.to_lowercase().ends_with(suffix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_lowercasing_does() {
        let texts = ["Qué es", "QUÉ ES la", "qué", "Año", "AÑO", "año", "ÉTAPE", "İs", "\u{212A}", "x - Coggle Diagram", "É", ""];
        let probes = ["qué", "qué es ", "año", "étape", "is", "i", "k", "- coggle diagram", "é", "", "a"];
        for text in texts {
            let lower = text.to_lowercase();
            for probe in probes {
                assert_eq!(starts_with(text, probe), lower.starts_with(probe), "{text:?} starts with {probe:?}");
                assert_eq!(ends_with(text, probe), lower.ends_with(probe), "{text:?} ends with {probe:?}");
                assert_eq!(is_one_of(text, &[probe, "zz"]), lower == probe, "{text:?} is {probe:?}");
            }
            assert_eq!(lowercase(text, &mut [0; 4]), lower, "{text:?}");
        }
    }
}
