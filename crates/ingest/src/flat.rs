//! Flattened text — Coggle pages and blog posts — to an outline.
//!
//! The hierarchy was lost when the page was copied, so it is inferred by a
//! few named rules, each recorded on the node it decided:
//!
//! * `bullet-item` / `numbered-item`: a line with a list marker is an item.
//! * `definition-list`: two or more consecutive "Term: text" lines are items.
//! * `numbered-outline`: when numbering resumes after a nested numbered
//!   list ("1. …", "1. … 7.", "2. …"), the outer numbers are headings.
//! * `topic-owns-explanation`: a short unpunctuated line followed by prose or
//!   a list is a heading that owns them.
//! * `heading-run`: a short line directly before such a heading is its parent.
//! * `list-head` / `list-run`: several short lines between prose and a heading:
//!   the first heads a list of the rest ("Características" + its traits).
//! * `list-after-intro`: short lines after a sentence ending in ":" are items.
//! * `heading-family`: "Modelos de …" followed by "Modelo de X", "Modelo de Y":
//!   the singular headings nest under the plural one.
//! * `indented-explanation` / `indented-subitem`: deeper indentation under an
//!   item belongs to it.
//! * `paragraph`: everything else is prose under the current heading.

use std::borrow::Cow;

use model::{DroppedLine, Meta, Node, NodeKind, Role, SourceKind, Span};

use crate::arena::Arena;
use crate::inline::Styled;
use crate::junk::{self, Chrome};
use crate::lines::{self, Logical, Marker, Physical};

/// What the flat readers produce before the shared finishing pass.
pub struct Parsed {
    pub title: Option<String>,
    pub meta: Meta,
    pub arena: Arena,
    pub dropped: Vec<DroppedLine>,
}

pub fn read(text: &str, kind: SourceKind) -> Parsed {
    let physical = lines::physical(text);
    let mut header = Header::default();
    let keep = header.strip(&physical, kind);
    let logical = lines::logical(&physical, &keep);
    let mut arena = Arena::default();
    let mut dropped = header.dropped;
    build(logical, &mut arena, &mut dropped);
    dropped.sort_by_key(|d| d.line);
    Parsed { title: header.title, meta: header.meta, arena, dropped }
}

// ---------------------------------------------------------------- header

#[derive(Default)]
struct Header {
    title: Option<String>,
    meta: Meta,
    dropped: Vec<DroppedLine>,
}

impl Header {
    fn drop_line(&mut self, keep: &mut [bool], i: usize, line: &Physical<'_>, reason: &str) {
        keep[i] = false;
        self.dropped.push(DroppedLine { line: line.number, text: line.text.to_owned(), reason: reason.to_owned() });
    }

    /// Remove chrome and the title lines; returns which lines remain content.
    fn strip(&mut self, lines: &[Physical<'_>], kind: SourceKind) -> Vec<bool> {
        let mut keep = vec![true; lines.len()];
        for (i, line) in lines.iter().enumerate() {
            if line.text.is_empty() {
                continue;
            }
            match junk::chrome(line.text) {
                None => {}
                Some(Chrome::Junk(reason)) => self.drop_line(&mut keep, i, line, reason),
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
        self.take_title(lines, &mut keep, kind);
        keep
    }

    /// The first content line is the title when it reads like one. Coggle
    /// pages repeat it and may add a truncated description ending in "…".
    fn take_title(&mut self, lines: &[Physical<'_>], keep: &mut [bool], kind: SourceKind) {
        let content: Vec<usize> = (0..lines.len()).filter(|&i| keep[i] && !lines[i].text.is_empty()).take(8).collect();
        let Some(&first) = content.first() else { return };
        let first_text = lines[first].text;
        let (title, reason) = match junk::coggle_title(first_text) {
            Some(t) => (t.to_owned(), "coggle-page-title"),
            None if is_title_like(first_text) => (crate::decode::normalize_space(first_text).into_owned(), "first-line-title"),
            None => return,
        };
        self.drop_line(keep, first, &lines[first], reason);
        self.title = Some(title.clone());
        if kind != SourceKind::CogglePage {
            return;
        }
        let folded = fold(&title);
        for (pos, &i) in content.iter().enumerate().skip(1).take(3) {
            let text = lines[i].text;
            if fold(text) == folded {
                self.drop_line(keep, i, &lines[i], "repeated-title");
            } else if let Some(stem) = truncated_description(text, &content[pos + 1..], lines) {
                self.meta.description = Some(stem.to_owned());
                self.drop_line(keep, i, &lines[i], "page-description");
            } else {
                break;
            }
        }
    }
}

fn fold(text: &str) -> String {
    crate::decode::normalize_space(text).to_lowercase()
}

const MAX_TITLE_WORDS: usize = 16;

fn is_title_like(text: &str) -> bool {
    let (marker, _) = lines::split_marker(text);
    marker == Marker::None && is_label(text) && lines::words_up_to(text, MAX_TITLE_WORDS + 1) <= MAX_TITLE_WORDS
}

/// A page description the site cut short ("…"), repeated in full below.
fn truncated_description<'a>(text: &'a str, later: &[usize], lines: &[Physical<'_>]) -> Option<&'a str> {
    let stem = text.strip_suffix('…').or_else(|| text.strip_suffix("..."))?.trim_end();
    let stem_folded = fold(stem);
    (stem.chars().count() >= 10 && later.iter().any(|&j| fold(lines[j].text).starts_with(&stem_folded)))
        .then_some(stem)
}

// ---------------------------------------------------------- classification

/// What a logical line is, before the structure is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Short, unpunctuated: a heading or a list entry.
    Label,
    /// Prose.
    Sentence,
    /// Prose ending in ":", announcing what follows.
    Intro,
    /// Marked with a bullet or number.
    Marked,
    /// A bullet with no text: ends a list, is not a node.
    Separator,
}

const MAX_LABEL_WORDS: usize = 20;
/// A parent heading in a `heading-run` is shorter still.
const MAX_PARENT_WORDS: usize = 10;

fn is_label(text: &str) -> bool {
    let end = text.trim_end_matches(['"', '\'', '»', '”', ')', '*']).chars().last();
    // The character tests rule out most prose before any word is counted.
    !matches!(end, Some('.' | '!' | '?' | ';' | ':' | '…' | ','))
        && !text.chars().next().is_some_and(char::is_lowercase)
        && (1..=MAX_LABEL_WORDS).contains(&lines::words_up_to(text, MAX_LABEL_WORDS + 1))
        && crate::inline::bare_url(text, None) != Some(text)
}

fn classify(line: &Logical) -> Class {
    let text = line.styled.text.as_str();
    match line.marker {
        Marker::Bullet | Marker::Number(_) if text.is_empty() => Class::Separator,
        Marker::Bullet | Marker::Number(_) => Class::Marked,
        Marker::None if is_label(text) => Class::Label,
        Marker::None if text.ends_with(':') => Class::Intro,
        Marker::None => Class::Sentence,
    }
}

/// "Term: explanation" with a short term: the term, else `None`. A term is
/// at most [`MAX_TERM_WORDS`] words, has no sentence punctuation and no verb
/// of its own ("X es Y: …" is a sentence, not a term).
pub fn colon_term(text: &str) -> Option<&str> {
    let (term, rest) = split_at_colon(text)?;
    let first = term.chars().next()?;
    ((first.is_uppercase() || first.is_ascii_digit())
        && (1..=MAX_TERM_WORDS).contains(&lines::words_up_to(term, MAX_TERM_WORDS + 1))
        && !rest.trim().is_empty()
        && !term.contains(['.', ',', '!', '?', ';', '('])
        && !has_inner_verb(term))
    .then_some(term)
}

/// `text.split_once(": ")`, with a byte search instead of a substring searcher
/// set up on every call (this runs for every line).
fn split_at_colon(text: &str) -> Option<(&str, &str)> {
    let colon = memchr::memchr_iter(b':', text.as_bytes()).find(|&i| text.as_bytes().get(i + 1) == Some(&b' '))?;
    Some((&text[..colon], &text[colon + 2..]))
}

/// Whether `term` has a verb after its first word (" es ", " is "…), the
/// colon's space counting as the space after a final one.
fn has_inner_verb(term: &str) -> bool {
    const VERBS: &[&str] = &[" es ", " son ", " is ", " are ", " est ", " é "];
    VERBS.iter().any(|v| term.contains(v) || term.ends_with(v.trim_end()))
}

const MAX_TERM_WORDS: usize = 12;

// ------------------------------------------------------------- structure

/// The decision for one logical line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Heading { level: usize },
    Paragraph,
    Item { ordered: bool },
    Skip,
}

#[derive(Debug, Clone, Copy)]
struct Decision {
    place: Place,
    rule: &'static str,
}

fn decide(lines: &[Logical]) -> Vec<Decision> {
    let classes: Vec<Class> = lines.iter().map(classify).collect();
    let mut decisions: Vec<Option<Decision>> = vec![None; lines.len()];
    mark_definition_lists(lines, &classes, &mut decisions);
    mark_numbered_outline(lines, &mut decisions);
    for (i, class) in classes.iter().enumerate() {
        if decisions[i].is_some() {
            continue;
        }
        decisions[i] = match class {
            Class::Marked => Some(Decision {
                place: Place::Item { ordered: matches!(lines[i].marker, Marker::Number(_)) },
                rule: if matches!(lines[i].marker, Marker::Number(_)) { "numbered-item" } else { "bullet-item" },
            }),
            Class::Separator => Some(Decision { place: Place::Skip, rule: "empty-bullet" }),
            Class::Sentence | Class::Intro => Some(Decision { place: Place::Paragraph, rule: "paragraph" }),
            Class::Label => None,
        };
    }
    decide_label_runs(lines, &classes, &mut decisions);
    let mut decisions: Vec<Decision> = decisions
        .into_iter()
        .map(|d| d.unwrap_or(Decision { place: Place::Paragraph, rule: "paragraph" }))
        .collect();
    nest_heading_families(lines, &mut decisions);
    decisions
}

/// Two or more consecutive unmarked "Term: text" lines are a list.
fn mark_definition_lists(lines: &[Logical], classes: &[Class], decisions: &mut [Option<Decision>]) {
    let is_def = |i: usize| {
        matches!(classes[i], Class::Label | Class::Sentence) && colon_term(&lines[i].styled.text).is_some()
    };
    let mut i = 0;
    while i < lines.len() {
        let run = (i..lines.len()).take_while(|&j| is_def(j)).count();
        if run >= 2 {
            for d in &mut decisions[i..i + run] {
                *d = Some(Decision { place: Place::Item { ordered: false }, rule: "definition-list" });
            }
        }
        i += run.max(1);
    }
}

/// Numbered lines whose numbering resumes after a nested numbered list are
/// section headings: "1. A", "1. a1" … "7. a7", "2. B".
fn mark_numbered_outline(lines: &[Logical], decisions: &mut [Option<Decision>]) {
    // (expected next number, indices of lines at this level)
    let mut stack: Vec<(u32, Vec<usize>)> = Vec::new();
    let mut outer: Vec<usize> = Vec::new();
    let mut resumed = false;
    for (i, line) in lines.iter().enumerate() {
        let Marker::Number(n) = line.marker else { continue };
        if let Some(pos) = stack.iter().rposition(|(expected, _)| *expected == n) {
            if pos == 0 && stack.len() > 1 {
                resumed = true;
            }
            stack.truncate(pos + 1);
            stack[pos].0 = n + 1;
            stack[pos].1.push(i);
        } else if n == 1 && !stack.is_empty() && stack.len() < MAX_NUMBERING_DEPTH {
            stack.push((2, vec![i]));
        } else {
            if resumed {
                outer.extend(stack.first().map(|(_, ids)| ids.clone()).unwrap_or_default());
            }
            stack = vec![(n + 1, vec![i])];
            resumed = false;
        }
    }
    if resumed {
        outer.extend(stack.first().map(|(_, ids)| ids.clone()).unwrap_or_default());
    }
    for i in outer {
        decisions[i] = Some(Decision { place: Place::Heading { level: 1 }, rule: "numbered-outline" });
    }
}

/// Numbered lists nest at most this deep in notes; deeper "1." restarts.
const MAX_NUMBERING_DEPTH: usize = 3;

/// Decide each maximal run of undecided label lines from what surrounds it.
fn decide_label_runs(lines: &[Logical], classes: &[Class], decisions: &mut [Option<Decision>]) {
    let mut leaf = 1;
    let mut i = 0;
    while i < lines.len() {
        if let Some(Decision { place: Place::Heading { level }, .. }) = decisions[i] {
            leaf = level + 1;
        }
        if decisions[i].is_some() {
            i += 1;
            continue;
        }
        let end = (i..lines.len()).find(|&j| decisions[j].is_some()).unwrap_or(lines.len());
        let prev = i.checked_sub(1).map(|p| classes[p]);
        let next_is_content = end < lines.len()
            && matches!(decisions[end], Some(Decision { place: Place::Paragraph | Place::Item { .. }, .. }));
        leaf = decide_run(i, end, prev, next_is_content, leaf, lines, decisions);
        i = end;
    }
}

/// Decide the run `start..end`; returns the new leaf heading level.
fn decide_run(
    start: usize,
    end: usize,
    prev: Option<Class>,
    next_is_content: bool,
    leaf: usize,
    lines: &[Logical],
    decisions: &mut [Option<Decision>],
) -> usize {
    let set = |d: &mut [Option<Decision>], i: usize, place: Place, rule: &'static str| {
        d[i] = Some(Decision { place, rule });
    };
    let item = Place::Item { ordered: false };
    if prev == Some(Class::Intro) {
        let last_heading = next_is_content && end - start >= 2;
        for i in start..end {
            if last_heading && i == end - 1 {
                set(decisions, i, Place::Heading { level: leaf }, "topic-owns-explanation");
            } else {
                set(decisions, i, item, "list-after-intro");
            }
        }
        return leaf;
    }
    if !next_is_content {
        // Short lines ending the document or a list: entries, unless they
        // open the document, where the first one heads them.
        let head = prev.is_none() && end - start >= 2;
        for i in start..end {
            if head && i == start {
                set(decisions, i, Place::Heading { level: leaf }, "list-head");
            } else if end - start == 1 {
                set(decisions, i, Place::Paragraph, "trailing-label");
            } else {
                set(decisions, i, item, "list-run");
            }
        }
        return leaf;
    }
    if let Some(()) = alternating(start, end, lines) {
        for i in start..end {
            if (i - start) % 2 == 0 {
                set(decisions, i, Place::Heading { level: leaf }, "term-then-explanation");
            } else {
                set(decisions, i, Place::Paragraph, "term-then-explanation");
            }
        }
        return leaf;
    }
    let last = end - 1;
    match last - start {
        0 => {
            set(decisions, last, Place::Heading { level: leaf }, "topic-owns-explanation");
            leaf
        }
        1 if words(&lines[start], MAX_PARENT_WORDS + 1) <= MAX_PARENT_WORDS => {
            set(decisions, start, Place::Heading { level: 1 }, "heading-run");
            set(decisions, last, Place::Heading { level: 2 }, "topic-owns-explanation");
            2
        }
        1 => {
            set(decisions, start, Place::Paragraph, "paragraph");
            set(decisions, last, Place::Heading { level: leaf }, "topic-owns-explanation");
            leaf
        }
        _ => {
            set(decisions, start, Place::Heading { level: leaf }, "list-head");
            for i in start + 1..last {
                set(decisions, i, item, "list-run");
            }
            set(decisions, last, Place::Heading { level: leaf }, "topic-owns-explanation");
            leaf
        }
    }
}

/// Rule `term-then-explanation`: "Cliente" / a longer line / "Consumidor"…:
/// very short labels alternating with longer ones are terms each followed
/// by its explanation (a flattened term → definition map).
fn alternating(start: usize, end: usize, lines: &[Logical]) -> Option<()> {
    let len = end - start;
    let pattern = (start..end).all(|i| {
        // Counting to 5 settles both tests.
        let w = words(&lines[i], 5);
        if (i - start) % 2 == 0 { w <= 3 } else { w >= 5 }
    });
    (len >= 3 && pattern).then_some(())
}

/// The line's word count, counted no further than `cap`.
fn words(line: &Logical, cap: usize) -> usize {
    lines::words_up_to(&line.styled.text, cap)
}

/// "Modelos de …" then "Modelo de A", "Modelo de B": the singular headings
/// are children of the plural one, and headings between them children of
/// the member before.
fn nest_heading_families(lines: &[Logical], decisions: &mut [Decision]) {
    let headings: Vec<usize> =
        (0..decisions.len()).filter(|&i| matches!(decisions[i].place, Place::Heading { .. })).collect();
    let level = |d: &[Decision], i: usize| match d[i].place {
        Place::Heading { level } => level,
        _ => 0,
    };
    for (h, &head) in headings.iter().enumerate() {
        let Some(stem) = plural_stem(&lines[head].styled.text) else { continue };
        let base = level(decisions, head);
        let is_member = |j: usize| crate::case::is_one_of(first_word(&lines[j].styled.text), &[&stem]);
        // The family ends at a shallower heading or after a few strangers in
        // a row, which also keeps this pass linear.
        let mut strangers = 0;
        let scope: Vec<usize> = headings[h + 1..]
            .iter()
            .copied()
            .take_while(|&j| {
                strangers = if is_member(j) { 0 } else { strangers + 1 };
                level(decisions, j) >= base && strangers <= MAX_FAMILY_GAP
            })
            .collect();
        let Some(last) = scope.iter().rposition(|&j| is_member(j) && level(decisions, j) == base) else {
            continue;
        };
        for &j in &scope[..=last] {
            if level(decisions, j) == base {
                let nested = if is_member(j) { base + 1 } else { base + 2 };
                decisions[j] = Decision { place: Place::Heading { level: nested }, rule: "heading-family" };
            }
        }
    }
}

/// Headings allowed between two members of a heading family.
const MAX_FAMILY_GAP: usize = 2;

fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

/// "Modelos" → "modelo", "Factores" → "factor"; `None` if not plural-looking.
fn plural_stem(text: &str) -> Option<String> {
    let word = first_word(text);
    // Only "s" and "S" lowercase to an "s": most headings are ruled out
    // before their first word is lowercased.
    if !word.ends_with(['s', 'S']) {
        return None;
    }
    let word = word.to_lowercase();
    if word.chars().count() < 5 || !word.ends_with('s') {
        return None;
    }
    let stem = word.strip_suffix("es").filter(|s| s.ends_with(['r', 'l', 'n', 'd'])).unwrap_or(&word[..word.len() - 1]);
    Some(stem.to_owned())
}

// ------------------------------------------------------------------ tree

fn build(lines: Vec<Logical>, arena: &mut Arena, dropped: &mut Vec<DroppedLine>) {
    let decisions = decide(&lines);
    // Open headings as (level, arena index), outermost first.
    let mut headings: Vec<(usize, usize)> = Vec::new();
    // The last item placed and its indent, for indented explanations.
    let mut last_item: Option<(usize, usize)> = None;
    for (line, decision) in lines.into_iter().zip(decisions) {
        let heading_parent = headings.last().map(|&(_, idx)| idx);
        match decision.place {
            Place::Skip => {
                dropped.push(DroppedLine {
                    line: line.span.start,
                    text: "(bullet with no text)".into(),
                    reason: decision.rule.into(),
                });
                last_item = None;
            }
            Place::Heading { level } => {
                while headings.last().is_some_and(|&(l, _)| l >= level) {
                    headings.pop();
                }
                let parent = headings.last().map(|&(_, idx)| idx);
                let idx = arena.push(node(line, NodeKind::Heading, false, decision.rule), parent);
                headings.push((level, idx));
                last_item = None;
            }
            Place::Item { ordered } => {
                let (parent, rule) = match last_item {
                    Some((indent, idx)) if line.indent > indent => (Some(idx), "indented-subitem"),
                    Some((indent, idx)) if line.indent == indent => (arena.parent(idx), decision.rule),
                    _ => (heading_parent, decision.rule),
                };
                let indent = line.indent;
                let idx = arena.push(node(line, NodeKind::Item, ordered, rule), parent);
                last_item = Some((indent, idx));
            }
            Place::Paragraph => match last_item {
                Some((indent, idx)) if line.indent > indent => {
                    arena.push(node(line, NodeKind::Paragraph, false, "indented-explanation"), Some(idx));
                }
                _ => {
                    arena.push(node(line, NodeKind::Paragraph, false, decision.rule), heading_parent);
                    last_item = None;
                }
            },
        }
    }
}

fn node(line: Logical, kind: NodeKind, ordered: bool, rule: &'static str) -> Node {
    let Styled { mut text, mut marks } = line.styled;
    if kind == NodeKind::Heading {
        // A heading's closing colon is punctuation for the list it introduced.
        if let Some(stripped) = text.strip_suffix(':') {
            text = stripped.trim_end().to_owned();
            let len = text.chars().count();
            marks.retain_mut(|m| {
                m.end = m.end.min(len);
                m.start < m.end
            });
        }
    }
    let rule = match line.joined_by {
        Some(join) => Cow::Owned(format!("{rule}+{join}")),
        None => Cow::Borrowed(rule),
    };
    Node {
        id: String::new(),
        kind,
        text,
        marks,
        ordered,
        checked: None,
        role: Role::Plain,
        term: None,
        span: Span { start: line.span.start, end: line.span.end },
        rule,
        children: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::plural_stem;

    #[test]
    fn only_s_lowercases_to_a_final_s() {
        for c in char::MIN..=char::MAX {
            assert_eq!(c.to_lowercase().last() == Some('s'), matches!(c, 's' | 'S'), "{c:?}");
        }
    }

    #[test]
    fn plural_stems() {
        assert_eq!(plural_stem("Modelos de gestión").as_deref(), Some("modelo"));
        assert_eq!(plural_stem("FACTORES clave").as_deref(), Some("factor"));
        assert_eq!(plural_stem("Mes y año"), None);
        assert_eq!(plural_stem("Modelo de X"), None);
    }
}
