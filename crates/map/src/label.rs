//! A node's text as the lines of its box: long sentences shortened to
//! their first words, the rest wrapped to a width measured in the PDF font.

use crate::font::{self, Weight};

/// How a label is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    /// Widest line, in points.
    pub max_width: f32,
}

/// Labels of more words than this are shortened to [`KEEP_WORDS`] + "…":
/// a map names ideas, the guide beside it carries the sentences.
const MAX_WORDS: usize = 12;
const KEEP_WORDS: usize = 8;
/// Lines a box holds at most; a label still longer ends in "…".
pub const MAX_LINES: usize = 4;
const ELLIPSIS: &str = "…";

/// Lines of a label and the width of the widest.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub lines: Vec<String>,
    /// Each line's measured width, in points.
    pub widths: Vec<f32>,
    pub width: f32,
}

impl Label {
    pub fn new(text: &str, style: Style) -> Label {
        let words = shortened(text);
        let mut lines = wrap(&words, style);
        if lines.len() > MAX_LINES {
            lines.truncate(MAX_LINES);
            let last = lines.last_mut().expect("MAX_LINES > 0");
            *last = fit_with_ellipsis(last, style);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        let widths: Vec<f32> = lines.iter().map(|l| font::width(l, style.weight, style.size)).collect();
        let width = widths.iter().copied().fold(0.0, f32::max);
        Label { lines, widths, width }
    }

    /// Whether the text shown is not the whole text.
    pub fn is_shortened(&self) -> bool {
        self.lines.iter().any(|l| l.ends_with(ELLIPSIS))
    }
}

/// The label's words: all of them, or the first few and "…".
fn shortened(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= MAX_WORDS {
        return words.into_iter().map(str::to_owned).collect();
    }
    let mut kept: Vec<String> = words[..KEEP_WORDS].iter().map(|w| (*w).to_owned()).collect();
    let last = kept.last_mut().expect("KEEP_WORDS > 0");
    // "de la célula," + "…" reads better without the dangling comma.
    let trimmed = last.trim_end_matches([',', ';', ':', '.']).to_owned();
    *last = format!("{trimmed}{ELLIPSIS}");
    kept
}

/// Greedy line filling; a word wider than a line is cut into pieces that fit.
fn wrap(words: &[String], style: Style) -> Vec<String> {
    let measure = |s: &str| font::width(s, style.weight, style.size);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words.iter().flat_map(|w| split_to_width(w, style)) {
        let candidate = if line.is_empty() { word.clone() } else { format!("{line} {word}") };
        if line.is_empty() || measure(&candidate) <= style.max_width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word as pieces no wider than a line (URLs, long compounds).
fn split_to_width(word: &str, style: Style) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if font::width(&piece, style.weight, style.size) > style.max_width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    pieces.push(piece);
    pieces
}

/// The line with "…" appended, dropping chars from its end until it fits.
fn fit_with_ellipsis(line: &str, style: Style) -> String {
    let mut kept: String = line.trim_end_matches(ELLIPSIS).to_owned();
    loop {
        let candidate = format!("{}{ELLIPSIS}", kept.trim_end());
        if kept.is_empty() || font::width(&candidate, style.weight, style.size) <= style.max_width {
            return candidate;
        }
        kept.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: Style = Style { size: 9.0, weight: Weight::Regular, max_width: 120.0 };

    #[test]
    fn short_labels_stay_whole_on_one_line() {
        let label = Label::new("Mitocondria", STYLE);
        assert_eq!(label.lines, vec!["Mitocondria"]);
        assert!(!label.is_shortened());
        assert!(label.width > 0.0 && label.width < STYLE.max_width);
    }

    #[test]
    fn long_sentences_keep_their_first_words() {
        let text = "La pared vegetal rodea la membrana y protege a la planta de golpes y de la sequía del verano";
        let label = Label::new(text, STYLE);
        assert!(label.is_shortened());
        let shown = label.lines.join(" ");
        assert_eq!(shown, "La pared vegetal rodea la membrana y protege…");
    }

    #[test]
    fn every_line_fits_the_width() {
        let text = "Ribosomas libres y adheridos al retículo endoplasmático rugoso sintetizan";
        let label = Label::new(text, STYLE);
        assert!(label.lines.len() > 1);
        for (line, width) in label.lines.iter().zip(&label.widths) {
            assert!(*width <= STYLE.max_width + 1e-3, "{line}: {width}");
        }
    }

    #[test]
    fn an_unbroken_url_is_cut_to_fit_and_capped_in_lines() {
        let url = format!("https://example.org/{}", "segmento/".repeat(40));
        let label = Label::new(&url, STYLE);
        assert_eq!(label.lines.len(), MAX_LINES);
        assert!(label.is_shortened());
        assert!(label.widths.iter().all(|w| *w <= STYLE.max_width + 1e-3));
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        let label = Label::new("   ", STYLE);
        assert_eq!(label.lines, vec![String::new()]);
        assert_eq!(label.width, 0.0);
    }
}
