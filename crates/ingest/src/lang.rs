//! Which language a document is in, from its most common short words.

/// Frequent words that are distinctive per language.
const MARKERS: &[(&str, &[&str])] = &[
    ("es", &["el", "la", "los", "las", "del", "que", "y", "es", "una", "por", "con", "para", "se", "como", "más"]),
    ("en", &["the", "of", "and", "to", "is", "in", "that", "for", "with", "are", "this", "as", "on", "by"]),
    ("pt", &["o", "os", "da", "do", "das", "dos", "não", "uma", "com", "para", "é", "são", "em", "ao", "pelo"]),
    ("fr", &["le", "les", "des", "du", "et", "est", "une", "pour", "dans", "sur", "au", "aux", "qui", "pas"]),
];

const MAX_MARKER_CHARS: usize = 4;

/// BCP-47 primary tag of the dominant language; Spanish when unsure, as
/// most notes studyforge sees are Spanish.
pub fn detect<'a>(texts: impl Iterator<Item = &'a str>) -> &'static str {
    let mut scores = [0usize; 4];
    let mut seen = 0usize;
    for text in texts {
        for word in words(text) {
            seen += 1;
            // Every marker is a short word; most words are skipped unread.
            if word.chars().count() > MAX_MARKER_CHARS {
                continue;
            }
            let lower;
            let word = if word.chars().all(char::is_lowercase) {
                word
            } else {
                lower = word.to_lowercase();
                lower.as_str()
            };
            for (i, (_, words)) in MARKERS.iter().enumerate() {
                if words.contains(&word) {
                    scores[i] += 1;
                }
            }
        }
        // A few thousand words decide it; no need to scan a 50 MB file.
        if seen > 5_000 {
            break;
        }
    }
    let (best, score) = scores.iter().enumerate().max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i))).unwrap_or((0, &0));
    if *score == 0 { "es" } else { MARKERS[best].0 }
}

/// The words of `text`: maximal runs of alphabetic characters, as
/// `text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty())`
/// gives them, in one pass without the splitting machinery.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos + run_len(&text[pos..], false);
        let end = start + run_len(&text[start..], true);
        pos = end;
        (start < end).then(|| &text[start..end])
    })
}

/// Byte length of the run of alphabetic (or, if not `alphabetic`, other)
/// characters that starts `text`. ASCII bytes, most of any text, are
/// classified without decoding a character.
fn run_len(text: &str, alphabetic: bool) -> usize {
    let bytes = text.as_bytes();
    let mut len = 0;
    while let Some(&b) = bytes.get(len) {
        if b.is_ascii() {
            if b.is_ascii_alphabetic() != alphabetic {
                break;
            }
            len += 1;
        } else {
            let c = text[len..].chars().next().unwrap_or_default();
            if c.is_alphabetic() != alphabetic {
                break;
            }
            len += c.len_utf8();
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::{MARKERS, MAX_MARKER_CHARS, detect, words};

    #[test]
    fn four_languages() {
        assert_eq!(detect(["La célula es la unidad de los seres vivos y se divide."].into_iter()), "es");
        assert_eq!(detect(["The cell is the unit of life and it divides in two."].into_iter()), "en");
        assert_eq!(detect(["A célula é a unidade dos seres vivos e não para."].into_iter()), "pt");
        assert_eq!(detect(["La cellule est l'unité des êtres vivants et elle se divise dans le corps."].into_iter()), "fr");
        assert_eq!(detect(["1234"].into_iter()), "es");
        assert!(MARKERS.iter().all(|(_, ws)| ws.iter().all(|w| w.chars().count() <= MAX_MARKER_CHARS)));
    }

    #[test]
    fn words_split_at_non_letters() {
        let text = " l'unité, 3 años—ÉL dijo «sí»… x";
        let expected: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
        assert_eq!(words(text).collect::<Vec<_>>(), expected);
    }
}
