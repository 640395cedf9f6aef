//! Text measured with the fonts the PDFs embed.
//!
//! The guide and cheat sheet set text in Libertinus Serif from
//! `typst-assets`; measuring the map's labels with the same font files
//! makes every box fit its words when typst sets them. Advances are
//! read with `ttf-parser` (no shaping: kerning in Libertinus only ever
//! tightens pairs, so the sum of advances is an upper bound that keeps
//! text inside its box).

use std::sync::OnceLock;

/// The faces a map uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Advance widths and vertical metrics of one face, in em.
struct Face {
    /// Advance of each char of the Basic Multilingual Plane, looked up once:
    /// a map of 10,000 nodes measures each label several times.
    advances: Vec<f32>,
    /// For chars outside the face (CJK, emoji, those it maps to .notdef):
    /// typst falls back to another font, so a generous em is assumed rather
    /// than the narrow `.notdef`.
    fallback: f32,
    ascender: f32,
    descender: f32,
}

const FAMILY: &str = "Libertinus Serif";
const BMP: usize = 0x1_0000;

impl Face {
    fn load(file_stem: &str) -> Face {
        let face = bundled(file_stem);
        let em = f32::from(face.units_per_em());
        let fallback = 1.0;
        // Only the chars the face maps: asking for every char of the plane
        // cost 85 M instructions a face, in every process.
        let mut advances = vec![fallback; BMP];
        for subtable in face.tables().cmap.iter().flat_map(|cmap| cmap.subtables).filter(|s| s.is_unicode()) {
            subtable.codepoints(|cp| {
                let glyph = char::from_u32(cp).and_then(|c| face.glyph_index(c)).filter(|g| g.0 != 0);
                let advance = glyph.and_then(|g| face.glyph_hor_advance(g));
                if let (Some(slot), Some(a)) = (advances.get_mut(cp as usize), advance) {
                    *slot = f32::from(a) / em;
                }
            });
        }
        Face {
            advances,
            fallback,
            ascender: f32::from(face.ascender()) / em,
            descender: -f32::from(face.descender()) / em,
        }
    }

    fn advance(&self, c: char) -> f32 {
        self.advances.get(c as usize).copied().unwrap_or(self.fallback)
    }
}

/// The bundled font file named `file_stem` (`Family-Style`), parsed.
fn bundled(file_stem: &str) -> ttf_parser::Face<'static> {
    let data = typst_assets::fonts()
        .find(|data| face_name(data).as_deref() == Some(file_stem))
        .unwrap_or_else(|| panic!("typst-assets ships {file_stem}"));
    ttf_parser::Face::parse(data, 0).expect("typst-assets fonts parse")
}

/// `Family-Style` of a font file, to pick the right file out of the
/// bundle by name rather than by its position in it.
fn face_name(data: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let names = face.names();
    let find = |id| names.into_iter().find(|n| n.name_id == id && n.is_unicode()).and_then(|n| n.to_string());
    let family = find(ttf_parser::name_id::FAMILY)?;
    let style = find(ttf_parser::name_id::SUBFAMILY)?;
    (family == FAMILY).then(|| format!("{family}-{style}"))
}

fn face(weight: Weight) -> &'static Face {
    static REGULAR: OnceLock<Face> = OnceLock::new();
    static BOLD: OnceLock<Face> = OnceLock::new();
    match weight {
        Weight::Regular => REGULAR.get_or_init(|| Face::load("Libertinus Serif-Regular")),
        Weight::Bold => BOLD.get_or_init(|| Face::load("Libertinus Serif-Bold")),
    }
}

/// The family name the SVG asks for (with a generic fallback).
pub const SVG_FAMILY: &str = "Libertinus Serif, serif";

/// Width of `text` set at `size` points.
pub fn width(text: &str, weight: Weight, size: f32) -> f32 {
    let face = face(weight);
    text.chars().map(|c| face.advance(c)).sum::<f32>() * size
}

/// Height above the baseline and depth below it, at `size` points.
pub fn ascent_descent(weight: Weight, size: f32) -> (f32, f32) {
    let face = face(weight);
    (face.ascender * size, face.descender * size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_bold_is_wider() {
        let w = width("mapa conceptual", Weight::Regular, 10.0);
        assert!(w > 50.0 && w < 90.0, "{w}");
        assert!((width("mapa conceptual", Weight::Regular, 20.0) - 2.0 * w).abs() < 1e-3);
        assert!(width("mapa conceptual", Weight::Bold, 10.0) > w);
        assert!(width("mm", Weight::Regular, 10.0) > width("ii", Weight::Regular, 10.0));
        assert_eq!(width("", Weight::Regular, 10.0), 0.0);
    }

    #[test]
    fn chars_outside_the_face_count_a_full_em() {
        assert!((width("漢", Weight::Regular, 10.0) - 10.0).abs() < 1e-3);
        assert!((width("🦀", Weight::Regular, 10.0) - 10.0).abs() < 1e-3);
    }

    #[test]
    fn the_table_holds_what_the_face_says_for_every_char_of_the_plane() {
        for (weight, stem) in [(Weight::Regular, "Libertinus Serif-Regular"), (Weight::Bold, "Libertinus Serif-Bold")] {
            let parsed = bundled(stem);
            let em = f32::from(parsed.units_per_em());
            let table = face(weight);
            let mut mapped = 0;
            for c in (0..BMP as u32).filter_map(char::from_u32) {
                // Glyph 0 is .notdef: the char is not in the face.
                let glyph = parsed.glyph_index(c).filter(|g| g.0 != 0);
                let direct = glyph.and_then(|g| parsed.glyph_hor_advance(g)).map(|a| f32::from(a) / em);
                mapped += usize::from(direct.is_some());
                assert_eq!(table.advance(c), direct.unwrap_or(table.fallback), "{c:?} in {stem}");
            }
            assert!(mapped > 1000, "{stem} maps {mapped} chars");
        }
    }

    #[test]
    fn vertical_metrics_are_sane() {
        let (up, down) = ascent_descent(Weight::Regular, 10.0);
        assert!(up > 6.0 && up < 11.0, "{up}");
        assert!(down > 1.0 && down < 4.0, "{down}");
    }
}
