//! Which language a document is in, from its most common short words.

use std::sync::LazyLock;

/// Frequent words that are distinctive per language.
const MARKERS: &[(&str, &[&str])] = &[
    ("es", &["el", "la", "los", "las", "del", "que", "y", "es", "una", "por", "con", "para", "se", "como", "más"]),
    ("en", &["the", "of", "and", "to", "is", "in", "that", "for", "with", "are", "this", "as", "on", "by"]),
    ("pt", &["o", "os", "da", "do", "das", "dos", "não", "uma", "com", "para", "é", "são", "em", "ao", "pelo"]),
    ("fr", &["le", "les", "des", "du", "et", "est", "une", "pour", "dans", "sur", "au", "aux", "qui", "pas"]),
    ("it", &["il", "di", "che", "gli", "per", "non", "nel", "alla", "dei", "sono", "è", "ed"]),
];

const MAX_MARKER_CHARS: usize = 4;
/// Every marker is at most this long in UTF-8, so its bytes fit a `u32` key.
const MAX_MARKER_BYTES: usize = 4;

/// BCP-47 primary tag of the dominant language; Spanish when unsure, as
/// most notes studyforge sees are Spanish.
pub fn detect<'a>(texts: impl Iterator<Item = &'a str>) -> &'static str {
    let table = &*MARKER_TABLE;
    // How often the marker in each slot of the table occurred.
    let mut hits = [0usize; MarkerTable::SIZE];
    let mut seen = 0usize;
    let mut next_check = CHECK_EVERY;
    for text in texts {
        for (word, ascii) in words(text) {
            seen += 1;
            if let Some(slot) = table.marker_slot(word, ascii) {
                hits[slot] += 1;
            }
        }
        if seen >= next_check {
            if is_settled(&table.scores(&hits)) {
                break;
            }
            next_check = seen + CHECK_EVERY;
        }
        // A few thousand words decide it; no need to scan a 50 MB file.
        if seen > 5_000 {
            break;
        }
    }
    let scores = table.scores(&hits);
    let (best, score) = scores.iter().enumerate().max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i))).unwrap_or((0, &0));
    if *score == 0 { "es" } else { MARKERS[best].0 }
}

/// Words read between looks at whether the language is settled.
const CHECK_EVERY: usize = 256;
/// Marker hits by which the leading language must lead, and it must have
/// three times the runner-up's: past that, the rest of a document in one
/// language does not change the answer, so reading stops (most notes are
/// settled within their first few hundred words).
const DECISIVE_LEAD: usize = 32;

fn is_settled(scores: &[usize]) -> bool {
    let mut sorted = scores.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let (first, second) = (sorted[0], sorted.get(1).copied().unwrap_or(0));
    first >= second + DECISIVE_LEAD && first >= 3 * second
}

/// The bytes of a word of at most [`MAX_MARKER_BYTES`] as one number,
/// zero-padded: words are letters, so no two words share a key. Built by
/// shifts in a register: bytes stored to memory and read back as a word
/// would stall the load.
fn key(bytes: impl Iterator<Item = u8>) -> u32 {
    bytes.take(MAX_MARKER_BYTES).enumerate().fold(0, |key, (i, b)| key | u32::from(b) << (8 * i))
}

static MARKER_TABLE: LazyLock<MarkerTable> = LazyLock::new(MarkerTable::new);

/// Marker keys → language bits, in an open-addressing hash table: one
/// multiplication and usually one probe per short word, where a search
/// through the lists compared dozens of strings.
struct MarkerTable {
    /// (key, language bits); key 0 marks an empty slot.
    slots: [(u32, u8); MarkerTable::SIZE],
}

impl MarkerTable {
    /// A power of two, several times the number of markers.
    const SIZE: usize = 256;

    fn new() -> Self {
        let mut table = MarkerTable { slots: [(0, 0); Self::SIZE] };
        for (language, (_, words)) in MARKERS.iter().enumerate() {
            for word in *words {
                let key = key(word.bytes());
                let slot = table.slot(key);
                table.slots[slot].0 = key;
                table.slots[slot].1 |= 1 << language;
            }
        }
        table
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn slot(&self, key: u32) -> usize {
        // Fibonacci hashing: the top bits of the product.
        let mut slot = (key.wrapping_mul(0x9E37_79B9) >> 24) as usize;
        while self.slots[slot].0 != key && self.slots[slot].0 != 0 {
            slot = (slot + 1) % Self::SIZE;
        }
        slot
    }

    /// The slot of the marker that `word` lowercased is, if it is one. Most
    /// words are ASCII: those are lowercased into the key without
    /// allocating, and any longer than a marker are skipped unread.
    fn marker_slot(&self, word: &str, ascii: bool) -> Option<usize> {
        let key = if ascii {
            if word.len() > MAX_MARKER_BYTES {
                return None;
            }
            key(word.bytes().map(|b| b.to_ascii_lowercase()))
        } else {
            if word.chars().count() > MAX_MARKER_CHARS {
                return None;
            }
            let lower;
            let word = if word.chars().all(char::is_lowercase) {
                word
            } else {
                lower = word.to_lowercase();
                lower.as_str()
            };
            if word.len() > MAX_MARKER_BYTES {
                return None;
            }
            key(word.bytes())
        };
        let slot = self.slot(key);
        (self.slots[slot].0 == key).then_some(slot)
    }

    /// Each language's score: the hits of the markers it has.
    fn scores(&self, hits: &[usize; Self::SIZE]) -> [usize; MARKERS.len()] {
        let mut scores = [0; MARKERS.len()];
        for ((_, languages), hits) in self.slots.iter().zip(hits) {
            for (i, score) in scores.iter_mut().enumerate() {
                *score += hits * usize::from(languages >> i & 1);
            }
        }
        scores
    }
}

/// The words of `text`: maximal runs of alphabetic characters, as
/// `text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty())`
/// gives them, in one pass without the splitting machinery; each with
/// whether it is all ASCII.
fn words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let (start, _) = run_end(text, pos, false);
        let (end, ascii) = run_end(text, start, true);
        pos = end;
        (start < end).then(|| (&text[start..end], ascii))
    })
}

/// Byte offset where the run of alphabetic (or, if not `alphabetic`, other)
/// characters from `from` ends, and whether the run is all ASCII. ASCII
/// bytes, most of any text, are classified in a tight loop without
/// decoding a character.
fn run_end(text: &str, from: usize, alphabetic: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    let run_class = if alphabetic { ByteClass::AsciiLetter } else { ByteClass::OtherAscii };
    let mut end = from;
    let mut ascii = true;
    loop {
        while bytes.get(end).is_some_and(|&b| BYTE_CLASSES[usize::from(b)] == run_class) {
            end += 1;
        }
        match text[end..].chars().next() {
            Some(c) if !c.is_ascii() && is_alphabetic(c) == alphabetic => {
                end += c.len_utf8();
                ascii = false;
            }
            _ => return (end, ascii),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    AsciiLetter,
    OtherAscii,
    /// Part of a multi-byte character, classified once decoded.
    NonAscii,
}

/// Each byte's class, looked up with one load in the scan's inner loop.
static BYTE_CLASSES: [ByteClass; 256] = {
    let mut classes = [ByteClass::NonAscii; 256];
    let mut b = 0u8;
    while b < 0x80 {
        classes[b as usize] = if b.is_ascii_alphabetic() { ByteClass::AsciiLetter } else { ByteClass::OtherAscii };
        b += 1;
    }
    classes
};

/// `c.is_alphabetic()`, answering for the Latin-1 letters of Spanish,
/// Portuguese and French without a table search: U+00C0–U+00FF are all
/// letters but × and ÷.
fn is_alphabetic(c: char) -> bool {
    match c {
        '\u{C0}'..='\u{FF}' => !matches!(c, '×' | '÷'),
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::{MARKER_TABLE, MARKERS, MAX_MARKER_BYTES, MAX_MARKER_CHARS, detect, is_settled, words};

    #[test]
    fn four_languages() {
        assert_eq!(detect(["La célula es la unidad de los seres vivos y se divide."].into_iter()), "es");
        assert_eq!(detect(["The cell is the unit of life and it divides in two."].into_iter()), "en");
        assert_eq!(detect(["A célula é a unidade dos seres vivos e não para."].into_iter()), "pt");
        assert_eq!(detect(["La cellule est l'unité des êtres vivants et elle se divise dans le corps."].into_iter()), "fr");
        assert_eq!(detect(["1234"].into_iter()), "es");
        assert_eq!(detect(["Il fiume nasce nelle Alpi e attraversa la pianura che non è piccola."].into_iter()), "it");
        assert!(MARKERS.iter().all(|(_, ws)| ws.iter().all(|w| w.chars().count() <= MAX_MARKER_CHARS)));
        assert!(MARKERS.iter().all(|(_, ws)| ws.iter().all(|w| w.len() <= MAX_MARKER_BYTES && *w == w.to_lowercase())));
    }

    #[test]
    fn a_clear_lead_stops_reading_and_a_close_race_does_not() {
        assert!(is_settled(&[40, 8, 0, 3]));
        assert!(!is_settled(&[40, 20, 0, 0]), "under three times the runner-up");
        assert!(!is_settled(&[20, 0, 0, 0]), "too few hits to be sure");
        // Spanish settled early: the English tail is never read.
        let spanish = "la célula es la unidad de los seres vivos y se divide para crecer ".repeat(40);
        let english = "the cell is the unit of life and it divides in two to grow ".repeat(400);
        assert_eq!(detect([spanish.as_str(), english.as_str()].into_iter()), "es");
    }

    #[test]
    fn markers_are_found_as_a_search_of_the_lists_finds_them() {
        let naive = |word: &str| {
            let lower = word.to_lowercase();
            let found = |(_, ws): &(&str, &[&str])| word.chars().count() <= MAX_MARKER_CHARS && ws.contains(&lower.as_str());
            MARKERS.iter().enumerate().filter(|(_, m)| found(m)).fold(0, |bits, (i, _)| bits | 1 << i)
        };
        let all = MARKERS.iter().flat_map(|(_, ws)| ws.iter().copied());
        let others = ["THE", "Para", "MÁS", "NÃO", "É", "Ées", "ab", "x", "thes", "étés", "más", "Kelvin"];
        for word in all.chain(others) {
            let languages = MARKER_TABLE.marker_slot(word, word.is_ascii()).map_or(0, |slot| MARKER_TABLE.slots[slot].1);
            assert_eq!(languages, naive(word), "{word:?}");
        }
    }

    #[test]
    fn words_split_at_non_letters() {
        let text = " l'unité, 3 años—ÉL dijo «sí»… x 2×3÷4 ÀÖØöøÿ";
        let expected: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
        assert_eq!(words(text).map(|(w, _)| w).collect::<Vec<_>>(), expected);
        assert!(words(text).all(|(w, ascii)| w.is_ascii() == ascii));
        let latin1: String = ('\u{C0}'..='\u{FF}').collect();
        let expected: Vec<&str> = latin1.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
        assert_eq!(words(&latin1).map(|(w, _)| w).collect::<Vec<_>>(), expected);
    }
}
