//! Which reader a source needs, from its name and its first lines.

use model::SourceKind;

pub fn detect(path: &str, text: &str) -> SourceKind {
    let lower_path = path.to_lowercase();
    let by_extension = [
        (".mm", SourceKind::Freemind),
        (".opml", SourceKind::Opml),
        (".md", SourceKind::Markdown),
        (".markdown", SourceKind::Markdown),
    ];
    if let Some(&(_, kind)) = by_extension.iter().find(|(ext, _)| lower_path.ends_with(ext)) {
        return kind;
    }
    let start = text.trim_start();
    if start.starts_with('<') {
        let head = start.chars().take(400).collect::<String>().to_lowercase();
        if head.contains("<opml") {
            return SourceKind::Opml;
        }
        if head.contains("<map") {
            return SourceKind::Freemind;
        }
    }
    let lines: Vec<&str> = lines(text).take(400).collect();
    if lines.iter().take(12).any(|l| is_coggle_chrome(l)) {
        return SourceKind::CogglePage;
    }
    if looks_like_markdown(&lines) {
        return SourceKind::Markdown;
    }
    if looks_indented(&lines) {
        return SourceKind::IndentOutline;
    }
    SourceKind::Blog
}

/// `text.lines()`, with a vectorized search for each line's end.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => (rest[..end].strip_suffix('\r').unwrap_or(&rest[..end]), &rest[end + 1..]),
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

fn is_coggle_chrome(line: &str) -> bool {
    let line = line.trim();
    crate::case::starts_with(line, "coggle requires javascript") || crate::case::ends_with(line, "- coggle diagram")
}

fn looks_like_markdown(lines: &[&str]) -> bool {
    let front_matter = lines.first().is_some_and(|l| l.trim_end() == "---");
    let atx_headings = lines.iter().filter(|l| {
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
    });
    front_matter || atx_headings.count() >= 1
}

/// Coggle's plain-text outline: a first line at the margin and most of
/// the rest indented, without the blank lines that separate blog prose.
fn looks_indented(lines: &[&str]) -> bool {
    let non_blank: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if non_blank.len() < 3 || non_blank[0].starts_with([' ', '\t']) {
        return false;
    }
    let indented = non_blank.iter().filter(|l| l.starts_with([' ', '\t'])).count();
    let blank = lines.len() - non_blank.len();
    indented * 2 >= non_blank.len() && blank * 10 <= lines.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension_first() {
        assert_eq!(detect("a.MM", "whatever"), SourceKind::Freemind);
        assert_eq!(detect("a.opml", ""), SourceKind::Opml);
        assert_eq!(detect("notes.md", "plain"), SourceKind::Markdown);
    }

    #[test]
    fn lines_as_str_lines_gives_them() {
        for text in ["", "a", "a\n", "\n", "a\r\nb\r", "a\n\nb\n\r\n", "\r"] {
            assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn by_content() {
        assert_eq!(detect("x", "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">"), SourceKind::Opml);
        assert_eq!(detect("x", "<map version=\"0.9.0\">"), SourceKind::Freemind);
        assert_eq!(detect("x.txt", "Please enable JavaScript.\nCoggle requires JavaScript to display documents.\nT"), SourceKind::CogglePage);
        assert_eq!(detect("x.txt", "# Título\n\n- uno"), SourceKind::Markdown);
        assert_eq!(detect("x.txt", "Raíz\n\tRama\n\t\tHoja\n\tOtra"), SourceKind::IndentOutline);
        assert_eq!(detect("x.txt", "Título\n\nUn párrafo.\n\n  • punto\n\nOtro."), SourceKind::Blog);
    }
}
