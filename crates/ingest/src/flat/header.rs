//! The page around the notes: site chrome, running headers, the title.

use model::{DroppedLine, Meta, SourceKind};

use crate::decode::{fold, folds_to};
use crate::junk::{self, Chrome};
use crate::lines::{self, Marker, Physical};

#[derive(Default)]
pub struct Header {
    pub title: Option<String>,
    pub meta: Meta,
    pub dropped: Vec<DroppedLine>,
    /// The last crumb of a breadcrumb line, a title of last resort.
    crumb: Option<String>,
    /// One path of a mind map below its root, from a Coggle page title
    /// "Root (Branch (Sub (Leaf…": see [`super::path`].
    pub path: Vec<String>,
}

impl Header {
    fn drop_line(&mut self, keep: &mut [bool], i: usize, line: &Physical<'_>, reason: &str) {
        keep[i] = false;
        self.dropped.push(DroppedLine { line: line.number, text: line.text.to_owned(), reason: reason.to_owned() });
    }

    /// Remove chrome and the title lines; returns which lines remain content.
    pub fn strip(&mut self, lines: &[Physical<'_>], kind: SourceKind) -> Vec<bool> {
        let mut keep = vec![true; lines.len()];
        for (i, line) in lines.iter().enumerate() {
            if line.text.is_empty() || !keep[i] {
                continue;
            }
            match junk::chrome(line.text) {
                None => {}
                Some(Chrome::Junk(reason)) => {
                    if reason == "breadcrumb" {
                        self.crumb = junk::last_crumb(line.text).map(str::to_owned);
                    }
                    self.drop_line(&mut keep, i, line, reason);
                }
                Some(Chrome::Footer(reason)) => {
                    for (j, l) in lines.iter().enumerate().skip(i).filter(|(_, l)| !l.text.is_empty()) {
                        self.drop_line(&mut keep, j, l, reason);
                    }
                    break;
                }
                Some(Chrome::Date { text, iso }) => {
                    self.meta.date.get_or_insert(text);
                    self.meta.iso_date = self.meta.iso_date.take().or(iso);
                    self.drop_line(&mut keep, i, line, "post-date");
                }
                Some(Chrome::Byline { author, category }) => {
                    self.meta.author = self.meta.author.take().or(author);
                    self.meta.category = self.meta.category.take().or(category);
                    self.drop_line(&mut keep, i, line, "byline");
                }
                Some(Chrome::Labels(labels)) => {
                    self.meta.category.get_or_insert(labels);
                    self.drop_line(&mut keep, i, line, "post-labels");
                }
            }
        }
        self.drop_author_lines(lines, &mut keep);
        self.drop_running_headers(lines, &mut keep);
        self.take_title(lines, &mut keep, kind);
        keep
    }

    /// A notes site prints the author's name alone beside its credit line.
    fn drop_author_lines(&mut self, lines: &[Physical<'_>], keep: &mut [bool]) {
        let Some(author) = self.meta.author.clone() else { return };
        for (i, line) in lines.iter().enumerate() {
            if keep[i] && line.text == author {
                self.drop_line(keep, i, line, "byline");
            }
        }
    }

    /// A document viewer's running header: lines printed again after each
    /// page number. A line repeated elsewhere in the text is one when one
    /// of its copies directly follows a dropped page number (or another
    /// such line).
    fn drop_running_headers(&mut self, lines: &[Physical<'_>], keep: &mut [bool]) {
        let page_numbers: Vec<usize> =
            self.dropped.iter().filter(|d| d.reason == "page-number").map(|d| d.line - 1).collect();
        if page_numbers.is_empty() {
            return;
        }
        let mut copies: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for line in lines.iter().filter(|l| !l.text.is_empty()) {
            *copies.entry(line.text).or_default() += 1;
        }
        let mut header = std::collections::HashSet::new();
        for &p in &page_numbers {
            for line in lines[p + 1..].iter().take(3).take_while(|l| !l.text.is_empty()) {
                if copies[line.text] < 2 || lines::words_up_to(line.text, 3) < 3 {
                    break;
                }
                header.insert(line.text);
            }
        }
        for (i, line) in lines.iter().enumerate() {
            if keep[i] && header.contains(line.text) {
                self.drop_line(keep, i, line, "running-header");
            }
        }
    }

    /// The first content line is the title when it reads like one. Coggle
    /// pages repeat it and may add a truncated description ending in "…".
    fn take_title(&mut self, lines: &[Physical<'_>], keep: &mut [bool], kind: SourceKind) {
        let content: Vec<usize> = (0..lines.len()).filter(|&i| keep[i] && !lines[i].text.is_empty()).take(8).collect();
        let Some(&first) = content.first() else { return };
        let first_text = lines[first].text;
        let next = content.get(1).map(|&i| lines[i].text);
        let (title, reason, used) = if let Some(t) = junk::coggle_title(first_text) {
            // "Root - Coggle Diagram" may name more than the root; the root
            // repeated below is the title then.
            match next.filter(|n| is_proper_prefix(n, t)) {
                Some(root) => (root.trim().to_owned(), "coggle-page-title", 1),
                None => (t.to_owned(), "coggle-page-title", 0),
            }
        } else if let Some(root) = next.filter(|n| kind == SourceKind::CogglePage && truncated_title_of(first_text, n)) {
            // The page's <title>, cut with "…", then the root it starts with.
            self.path = super::path::from_title(first_text);
            (root.trim().to_owned(), "coggle-page-title", 1)
        } else if let Some((joined, used)) = split_title(lines, &content) {
            (joined, "split-title", used)
        } else if is_title_like(first_text) {
            (crate::decode::normalize_space(first_text).into_owned(), "first-line-title", 0)
        } else {
            self.title = self.crumb.take();
            return;
        };
        for &i in &content[..=used] {
            self.drop_line(keep, i, &lines[i], reason);
        }
        self.title = Some(title.clone());
        self.drop_repeats(lines, keep, &content[used + 1..], &title, kind);
    }

    /// The title printed again below it, and on Coggle pages a truncated
    /// description repeated in full further down.
    fn drop_repeats(&mut self, lines: &[Physical<'_>], keep: &mut [bool], after: &[usize], title: &str, kind: SourceKind) {
        let folded = fold(title);
        for (pos, &i) in after.iter().enumerate().take(3) {
            let text = lines[i].text;
            if fold(text) == folded {
                self.drop_line(keep, i, &lines[i], "repeated-title");
            } else if let Some(stem) =
                truncated_description(text, &after[pos + 1..], lines).filter(|_| kind == SourceKind::CogglePage)
            {
                self.meta.description = Some(stem.to_owned());
                self.drop_line(keep, i, &lines[i], "page-description");
            } else if kind == SourceKind::CogglePage {
                break;
            }
        }
    }
}

/// `short` begins `long` and is shorter: "Plan" in "Plan, Lead and Control".
fn is_proper_prefix(short: &str, long: &str) -> bool {
    let (short, long) = (fold(short), fold(long));
    !short.is_empty() && short.len() < long.len() && long.starts_with(&short)
}

/// `title` is the page title cut short ("Physics (Energy (…") and `root`
/// the node it starts with.
fn truncated_title_of(title: &str, root: &str) -> bool {
    (title.ends_with('…') || title.ends_with("...")) && is_proper_prefix(root, title)
}

/// A title the page layout broke over two lines: the first ends in ":" or
/// a dangling word ("GEOGRAFÍA:" / "PREPARACIÓN…"), or both lines joined
/// appear again as one line further down. Returns the title and the index
/// in `content` of its last line.
fn split_title(lines: &[Physical<'_>], content: &[usize]) -> Option<(String, usize)> {
    let (&a, &b) = (content.first()?, content.get(1)?);
    let (first, second) = (lines[a].text, lines[b].text);
    if !is_title_like(second) || lines[b].number - lines[a].number > 2 {
        return None;
    }
    let short = |t: &str| lines::words_up_to(t, 7) <= 6;
    let joined = format!("{} {}", first.trim(), second.trim());
    let announced = first.ends_with(':') && short(first) && !first[..first.len() - 1].contains(':');
    let repeated = is_title_like(first) && {
        let folded = fold(&joined);
        lines.iter().skip(b + 1).any(|l| folds_to(l.text, &folded))
    };
    (announced || repeated).then(|| (crate::decode::normalize_space(&joined).into_owned(), 1))
}

const MAX_TITLE_WORDS: usize = 16;

fn is_title_like(text: &str) -> bool {
    let (marker, _) = lines::split_marker(text);
    marker == Marker::None
        && super::classify::is_label(text)
        && lines::words_up_to(text, MAX_TITLE_WORDS + 1) <= MAX_TITLE_WORDS
}

/// A page description the site cut short ("…"), repeated in full below.
fn truncated_description<'a>(text: &'a str, later: &[usize], lines: &[Physical<'_>]) -> Option<&'a str> {
    let stem = text.strip_suffix('…').or_else(|| text.strip_suffix("..."))?.trim_end();
    let stem_folded = fold(stem);
    (stem.chars().count() >= 10 && later.iter().any(|&j| fold(lines[j].text).starts_with(&stem_folded)))
        .then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_of(text: &str, kind: SourceKind) -> (Option<String>, Vec<String>) {
        let lines = lines::physical(text);
        let mut header = Header::default();
        let keep = header.strip(&lines, kind);
        let kept = lines.iter().zip(keep).filter(|(l, k)| *k && !l.text.is_empty()).map(|(l, _)| l.text.to_owned()).collect();
        (header.title, kept)
    }

    #[test]
    fn coggle_root_below_a_longer_page_title() {
        let page = "Please enable JavaScript.\nCiclo del agua, Nubes - Coggle Diagram\nCiclo del agua\nEvaporación";
        assert_eq!(title_of(page, SourceKind::CogglePage), (Some("Ciclo del agua".into()), vec!["Evaporación".into()]));
        let cut = "Please enable JavaScript.\nRocas (Ígneas (Granito…\nRocas\nÍgneas";
        assert_eq!(title_of(cut, SourceKind::CogglePage).0.as_deref(), Some("Rocas"));
    }

    #[test]
    fn title_broken_over_two_lines() {
        let announced = "HISTORIA:\nLA EDAD MEDIA\n\nUn texto largo sobre la época que sigue aquí.";
        assert_eq!(title_of(announced, SourceKind::Blog).0.as_deref(), Some("HISTORIA: LA EDAD MEDIA"));
        let repeated = "Página 1 de 9\n\nCiclos\n\nBiogeoquímicos\nFacultad\n\nCiclos Biogeoquímicos\n\nEl texto.";
        assert_eq!(title_of(repeated, SourceKind::Blog).0.as_deref(), Some("Ciclos Biogeoquímicos"));
    }

    #[test]
    fn running_headers_after_page_numbers_are_dropped() {
        let pdf = "Tema uno del curso\n\nUn párrafo del texto.\n\n2\nCurso de Química – Notas del aula – 2021\nOtro párrafo.\n3\nCurso de Química – Notas del aula – 2021\nFin.";
        let (_, kept) = title_of(pdf, SourceKind::Blog);
        assert_eq!(kept, ["Un párrafo del texto.", "Otro párrafo.", "Fin."]);
    }

    #[test]
    fn breadcrumb_names_an_untitled_page() {
        let page = "Ciencias // Biología // La célula //\n\n  • La célula\n    • Núcleo";
        let (title, kept) = title_of(page, SourceKind::Blog);
        assert_eq!(title.as_deref(), Some("La célula"));
        assert_eq!(kept.len(), 2);
    }
}
