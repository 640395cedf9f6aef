//! Where each logical line goes: its kind, its nesting and the rule that
//! decided it. Each pass reads the features of [`super::classify`] and
//! decides only the lines the passes before it left open, so the order of
//! the passes is the order of the evidence's strength: explicit markup
//! (numbering, indentation) first, then lead-ins, then the shape of runs
//! of short lines.

use std::collections::HashMap;

use crate::lines::{Logical, Marker};
use crate::numbering::{Numbering, Style};

use super::classify::{self, Class, colon_term, words};

/// The decision for one logical line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A section heading: it owns everything up to the next heading of its
    /// level or above.
    Section(Level),
    /// A heading inside a section's body: a lead-in topic or an outline
    /// branch. It owns the lines nested deeper than it.
    Topic,
    Paragraph,
    Item { ordered: bool },
    Skip,
}

/// How a section heading's level is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// From the shape of the lines around it: 1 is outermost.
    Plain(usize),
    /// From its numbering: its scheme and how many levels it writes.
    Numbered(Style, usize),
}

#[derive(Debug, Clone, Copy)]
pub struct Decision {
    pub place: Place,
    pub rule: &'static str,
    /// Nesting inside the section: a line holds the lines after it with a
    /// greater `nest` until one with a `nest` no greater than its own.
    pub nest: usize,
}

impl Decision {
    /// Whether later lines may nest under this one. Plain prose does not
    /// own what follows it; a lead-in does.
    pub fn is_container(&self, line: &Logical) -> bool {
        match self.place {
            Place::Topic | Place::Item { .. } => true,
            Place::Paragraph => line.styled.text.ends_with(':'),
            Place::Section(_) | Place::Skip => false,
        }
    }
}

type Slots = Vec<Option<(Place, &'static str)>>;

pub fn decide(lines: &[Logical], title: Option<&str>) -> Vec<Decision> {
    let classes: Vec<Class> = lines.iter().map(classify::classify).collect();
    let mut slots: Slots = vec![None; lines.len()];
    mark_repeated_title(lines, title, &mut slots);
    mark_contents(lines, &mut slots);
    mark_definition_lists(lines, &classes, &mut slots);
    mark_outline_branches(lines, &classes, &mut slots);
    mark_numbered_headings(lines, &mut slots);
    mark_numbered_outline(lines, &mut slots);
    for (i, class) in classes.iter().enumerate() {
        if slots[i].is_none() {
            slots[i] = by_class(&lines[i], *class);
        }
    }
    let mut depths = vec![0; lines.len()];
    decide_label_runs(lines, &classes, &mut slots, &mut depths);
    let mut decisions: Vec<Decision> = slots
        .into_iter()
        .zip(lines.iter().zip(depths))
        .map(|(slot, (line, depth))| {
            let (place, rule) = slot.unwrap_or((Place::Paragraph, "paragraph"));
            Decision { place, rule, nest: line.indent + depth }
        })
        .collect();
    nest_heading_families(lines, &mut decisions);
    nest_contents(lines, &mut decisions);
    own_lead_in_runs(lines, &classes, &mut decisions);
    decisions
}

/// The decision a line's class alone gives, or `None` for short labels,
/// which are decided by the run they stand in.
fn by_class(line: &Logical, class: Class) -> Option<(Place, &'static str)> {
    let numbered = matches!(line.marker, Marker::Number(_));
    match class {
        Class::Marked if numbered => Some((Place::Item { ordered: true }, "numbered-item")),
        Class::Marked => Some((Place::Item { ordered: false }, "bullet-item")),
        Class::Separator => Some((Place::Skip, "empty-bullet")),
        Class::Intro if classify::is_lead_in_heading(&line.styled.text) => Some((Place::Topic, "lead-in-heading")),
        Class::Sentence | Class::Intro => Some((Place::Paragraph, "paragraph")),
        Class::Label => None,
    }
}

/// Rule `title-repeated`: a cover page (a viewer's first page) ends where
/// the title is printed again over the text; that line opens the body.
fn mark_repeated_title(lines: &[Logical], title: Option<&str>, slots: &mut Slots) {
    let Some(title) = title else { return };
    let fold = |t: &str| crate::decode::normalize_space(t).to_lowercase();
    let title = fold(title);
    // Lengths first: folding a line costs a string.
    let same = |l: &Logical| l.styled.text.len().abs_diff(title.len()) <= 4 && fold(&l.styled.text) == title;
    if let Some(i) = lines.iter().take(MAX_COVER_LINES).position(|l| l.marker == Marker::None && same(l)) {
        slots[i] = Some((Place::Section(Level::Plain(1)), "title-repeated"));
    }
}

/// Rule `toc-entry`: a table of contents' lines (their dot leaders cut)
/// are a list, however they are numbered, and the line right above them
/// ("Índice", "Contents") heads only that list; the sections come later.
fn mark_contents(lines: &[Logical], slots: &mut Slots) {
    let is_entry = |i: usize| lines[i].joined_by == Some(crate::lines::TOC_LEADER);
    for i in 0..lines.len() {
        if !is_entry(i) {
            continue;
        }
        slots[i] = Some((Place::Item { ordered: matches!(lines[i].marker, Marker::Number(_)) }, "toc-entry"));
        let heads_list = i > 0 && !is_entry(i - 1) && lines[i - 1].marker == Marker::None && slots[i - 1].is_none();
        if heads_list {
            slots[i - 1] = Some((Place::Topic, "toc-entry"));
        }
    }
}

/// A table of contents' entries nest under the line that heads them.
fn nest_contents(lines: &[Logical], decisions: &mut [Decision]) {
    let mut head = None;
    for (d, line) in decisions.iter_mut().zip(lines) {
        match (d.rule, d.place) {
            ("toc-entry", Place::Topic) => head = Some(d.nest),
            ("toc-entry", _) => d.nest = head.map_or(d.nest, |h| h + 1 + line.indent),
            _ => head = None,
        }
    }
}

/// Lines a cover page may take before the title is printed again.
const MAX_COVER_LINES: usize = 20;

/// Two or more consecutive unmarked "Term: text" lines are a list.
fn mark_definition_lists(lines: &[Logical], classes: &[Class], slots: &mut Slots) {
    let is_def = |i: usize| {
        matches!(classes[i], Class::Label | Class::Sentence) && colon_term(&lines[i].styled.text).is_some()
    };
    let mut i = 0;
    while i < lines.len() {
        let run = (i..lines.len()).take_while(|&j| is_def(j)).count();
        if run >= 2 {
            for slot in &mut slots[i..i + run] {
                *slot = Some((Place::Item { ordered: false }, "definition-list"));
            }
        }
        i += run.max(1);
    }
}

/// Rule `outline-branch`: in an indented outline, a list entry (or an
/// indented line) whose next line is a deeper list entry is a branch of the
/// tree, and branches are headings (as in Coggle's and GoConqr's outlines).
/// A label at the margin over an indented list is a section, decided with
/// the runs of labels.
fn mark_outline_branches(lines: &[Logical], classes: &[Class], slots: &mut Slots) {
    for i in 0..lines.len().saturating_sub(1) {
        let (line, next) = (&lines[i], &lines[i + 1]);
        let branch = next.indent > line.indent
            && classes[i + 1] == Class::Marked
            && (classes[i] == Class::Marked || line.indent > 0 && matches!(classes[i], Class::Label | Class::Intro));
        if branch {
            slots[i] = Some((Place::Topic, "outline-branch"));
        }
    }
}

/// What makes a numbered line's scheme and depth one group.
type Group = (Style, usize, usize);

fn group_of(line: &Logical) -> Option<(Group, Numbering)> {
    match line.marker {
        Marker::Number(n) if !line.styled.text.is_empty() => Some(((n.style, n.depth, line.indent), n)),
        _ => None,
    }
}

/// Rule `numbered-heading`: numbered lines whose numbers are interrupted by
/// what they own ("1. Demanda" + its text, "2. Oferta" + its text) are
/// section headings; numbered lines that follow each other are a list. A
/// "Tema 2" line is numbered by its keyword. Their levels come from their
/// numbering, in the tree pass.
fn mark_numbered_headings(lines: &[Logical], slots: &mut Slots) {
    let mut owns: HashMap<Group, (usize, usize)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((group, _)) = group_of(line) else { continue };
        let interrupted = lines.get(i + 1).is_some_and(|next| {
            next.indent <= line.indent && group_of(next).is_none_or(|(g, _)| g != group) && !next.styled.text.is_empty()
        });
        let counts = owns.entry(group).or_default();
        counts.0 += usize::from(interrupted);
        counts.1 += 1;
    }
    let is_heading = |line: &Logical| -> Option<Numbering> {
        if let Some(n) = classify::section_keyword(&line.styled.text).filter(|_| line.marker == Marker::None) {
            return Some(n);
        }
        let (group, n) = group_of(line)?;
        let (interrupted, all) = owns[&group];
        (interrupted * 2 >= all && classify::is_heading_text(&line.styled.text)).then_some(n)
    };
    for (slot, line) in slots.iter_mut().zip(lines) {
        if slot.is_some() {
            continue;
        }
        if let Some(n) = is_heading(line) {
            *slot = Some((Place::Section(Level::Numbered(n.style, n.depth)), "numbered-heading"));
        }
    }
}


/// Numbered lines whose numbering resumes after a nested numbered list are
/// section headings: "1. A", "1. a1" … "7. a7", "2. B".
fn mark_numbered_outline(lines: &[Logical], slots: &mut Slots) {
    // Where numbered lines are indented, the indentation says what nests.
    let mut indents = lines.iter().filter(|l| matches!(l.marker, Marker::Number(_))).map(|l| l.indent);
    if let Some(first) = indents.next()
        && indents.any(|i| i != first)
    {
        return;
    }
    // (expected next number, indices of lines at this level)
    let mut stack: Vec<(u32, Vec<usize>)> = Vec::new();
    let mut outer: Vec<usize> = Vec::new();
    let mut resumed = false;
    for (i, line) in lines.iter().enumerate() {
        let Marker::Number(Numbering { value: n, .. }) = line.marker else { continue };
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
        if slots[i].is_none() {
            slots[i] = Some((Place::Section(Level::Plain(1)), "numbered-outline"));
        }
    }
}

/// Numbered lists nest at most this deep in notes; deeper "1." restarts.
const MAX_NUMBERING_DEPTH: usize = 3;

/// Decide each maximal run of undecided label lines from what surrounds it.
fn decide_label_runs(lines: &[Logical], classes: &[Class], slots: &mut Slots, depths: &mut [usize]) {
    let mut leaf = 1;
    let mut i = 0;
    while i < lines.len() {
        if let Some((Place::Section(Level::Plain(level)), _)) = slots[i] {
            leaf = level + 1;
        }
        if slots[i].is_some() {
            i += 1;
            continue;
        }
        let end = (i..lines.len()).find(|&j| slots[j].is_some()).unwrap_or(lines.len());
        let prev = i.checked_sub(1).map(|p| classes[p]);
        let next = slots.get(end).copied().flatten().map(|(place, _)| place);
        if !nest_families(i, end, lines, slots, depths) {
            leaf = decide_run(i, end, prev, next, leaf, lines, slots);
        }
        i = end;
    }
}

/// Decide the run `start..end` of short lines; `next` is the decision of
/// the line after it. Returns the new leaf heading level.
fn decide_run(
    start: usize,
    end: usize,
    prev: Option<Class>,
    next: Option<Place>,
    leaf: usize,
    lines: &[Logical],
    slots: &mut Slots,
) -> usize {
    let heading = |level| Place::Section(Level::Plain(level));
    let item = Place::Item { ordered: false };
    // What follows can sit under a heading: prose, a list, a lead-in, or a
    // numbered section (the run then names what the numbering divides).
    let next_is_content = matches!(
        next,
        Some(Place::Paragraph | Place::Item { .. } | Place::Topic | Place::Section(Level::Numbered(..)))
    );
    if prev == Some(Class::Intro) {
        // A list announced by "…:" ends before a section: no entry heads it.
        let last_heading = next_is_content && !matches!(next, Some(Place::Section(_))) && end - start >= 2;
        for i in start..end {
            slots[i] = Some(if last_heading && i == end - 1 {
                (heading(leaf), "topic-owns-explanation")
            } else {
                (item, "list-after-intro")
            });
        }
        return leaf;
    }
    if !next_is_content {
        // Short lines ending the document or a list: entries, unless they
        // open the document, where the first one heads them.
        let head = prev.is_none() && end - start >= 2;
        for i in start..end {
            slots[i] = Some(if head && i == start {
                (heading(leaf), "list-head")
            } else if end - start == 1 {
                (Place::Paragraph, "trailing-label")
            } else {
                (item, "list-run")
            });
        }
        return leaf;
    }
    if alternating(start, end, lines) {
        for i in start..end {
            slots[i] = Some(if (i - start) % 2 == 0 {
                (heading(leaf), "term-then-explanation")
            } else {
                (Place::Paragraph, "term-then-explanation")
            });
        }
        return leaf;
    }
    let last = end - 1;
    match last - start {
        0 => {
            slots[last] = Some((heading(leaf), "topic-owns-explanation"));
            leaf
        }
        1 if words(&lines[start], MAX_PARENT_WORDS + 1) <= MAX_PARENT_WORDS => {
            slots[start] = Some((heading(1), "heading-run"));
            slots[last] = Some((heading(2), "topic-owns-explanation"));
            2
        }
        1 => {
            slots[start] = Some((Place::Paragraph, "paragraph"));
            slots[last] = Some((heading(leaf), "topic-owns-explanation"));
            leaf
        }
        _ => {
            slots[start] = Some((heading(leaf), "list-head"));
            for slot in &mut slots[start + 1..last] {
                *slot = Some((item, "list-run"));
            }
            slots[last] = Some((heading(leaf), "topic-owns-explanation"));
            leaf
        }
    }
}

/// Rule `mind-map-family`: a long run of short lines is a mind map whose
/// branches were flattened. Siblings show by sharing their first word
/// ("Causa formal", "Causa final") or by all naming the line above them
/// ("Energía" → "Energía potencial", "Energía cinética"); the line before
/// the first member is their parent, and the lines between members are the
/// children of the member before. Returns whether the run was such a map.
fn nest_families(start: usize, end: usize, lines: &[Logical], slots: &mut Slots, depths: &mut [usize]) -> bool {
    if end - start < MIN_MAP_RUN {
        return false;
    }
    let mut found = false;
    let mut i = start;
    while i < end {
        let Some(family) = family_at(i, (start, end), lines) else {
            i += 1;
            continue;
        };
        found = true;
        let (parent, members) = (family.parent, &family.members);
        let base = usize::from(parent.is_some());
        if let Some(p) = parent {
            slots[p] = Some((Place::Topic, "mind-map-family"));
        }
        let gap = members.windows(2).map(|w| w[1] - w[0]).min().unwrap_or(1);
        let last = (members[members.len() - 1] + gap).min(end);
        for (k, &m) in members.iter().enumerate() {
            let next_member = members.get(k + 1).copied().unwrap_or(last);
            let has_children = next_member > m + 1;
            slots[m] = Some(if has_children { (Place::Topic, "mind-map-family") } else { (Place::Item { ordered: false }, "mind-map-family") });
            depths[m] = base;
            for child in m + 1..next_member {
                slots[child] = Some((Place::Item { ordered: false }, "mind-map-family"));
                depths[child] = base + 1;
            }
        }
        i = last;
    }
    for j in start..end {
        if slots[j].is_none() {
            slots[j] = Some((Place::Item { ordered: false }, "list-run"));
        }
    }
    found
}

/// A run of short lines this long may be a flattened mind map.
const MIN_MAP_RUN: usize = 6;
/// Members of one family stand at most this many lines apart.
const MAX_MEMBER_GAP: usize = 6;

struct Family {
    parent: Option<usize>,
    members: Vec<usize>,
}

/// The family whose first member is line `i`, if any.
fn family_at(i: usize, (start, end): (usize, usize), lines: &[Logical]) -> Option<Family> {
    let text = |j: usize| lines[j].styled.text.as_str();
    // Siblings named by one shared first word.
    let key = family_word(text(i));
    let mut members = vec![i];
    if let Some(key) = key {
        for j in i + 1..end {
            if j - members[members.len() - 1] > MAX_MEMBER_GAP {
                break;
            }
            if family_word(text(j)).is_some_and(|w| w.eq_ignore_ascii_case(key) || w.to_lowercase() == key.to_lowercase()) {
                members.push(j);
            }
        }
        if members.len() >= 2 {
            // The parent is looked for inside the run only.
            let parent = i.checked_sub(1).filter(|&p| p >= start && family_word(text(p)) != Some(key));
            return Some(Family { parent: parent.filter(|&p| is_short(text(p))), members });
        }
    }
    // Lines naming this one: "Energy" then "Potential Energy", "Kinetic Energy".
    let named: Vec<usize> = (i + 1..end.min(i + 1 + MAX_MEMBER_GAP * 4))
        .filter(|&j| names(text(j), text(i)))
        .collect();
    let close = named.first().is_some_and(|&f| f - i <= MAX_MEMBER_GAP)
        && named.windows(2).all(|w| w[1] - w[0] <= MAX_MEMBER_GAP);
    (named.len() >= 2 && close).then(|| Family { parent: Some(i), members: named })
}

fn is_short(text: &str) -> bool {
    crate::lines::words_up_to(text, 7) <= 6
}

/// The word a family of sibling labels shares: the first word of a line of
/// two or more words, when it is not a function word and not short.
fn family_word(text: &str) -> Option<&str> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    words.next()?;
    (first.chars().count() >= 4 && !crate::lines::is_function_word(first)).then_some(first)
}

/// `longer` names `short` as its head: "Potential Energy" names "Energy",
/// "Topología en árbol" names "Topología".
fn names(longer: &str, short: &str) -> bool {
    let short = short.trim();
    if short.is_empty() || longer.len() <= short.len() || crate::lines::words_up_to(short, 3) > 2 {
        return false;
    }
    let (l, s) = (longer.to_lowercase(), short.to_lowercase());
    let head = l.strip_prefix(s.as_str()).is_some_and(|rest| rest.starts_with(' '));
    let tail = l.strip_suffix(s.as_str()).is_some_and(|rest| rest.ends_with(' '));
    head || tail
}

/// A parent heading in a `heading-run` is shorter still.
const MAX_PARENT_WORDS: usize = 10;

/// Rule `term-then-explanation`: "Cliente" / a longer line / "Consumidor"…:
/// very short labels alternating with longer ones are terms each followed
/// by its explanation (a flattened term → definition map).
fn alternating(start: usize, end: usize, lines: &[Logical]) -> bool {
    let pattern = (start..end).all(|i| {
        // Counting to 5 settles both tests.
        let w = words(&lines[i], 5);
        if (i - start) % 2 == 0 { w <= 3 } else { w >= 5 }
    });
    end - start >= 3 && pattern
}

/// Rule `lead-in`: a line ending in ":" owns what it announces. The first
/// line after it is always its own; the lines after that while they keep
/// the first one's shape (marked or not, "Term: text" or not) and stay
/// short. Announced sentences and labels become list items.
fn own_lead_in_runs(lines: &[Logical], classes: &[Class], decisions: &mut [Decision]) {
    for owner in 0..lines.len() {
        let is_lead_in = lines[owner].styled.text.ends_with(':')
            && lines[owner].marker == Marker::None
            && matches!(decisions[owner].place, Place::Topic | Place::Paragraph);
        if !is_lead_in {
            continue;
        }
        let base = decisions[owner].nest + 1;
        let first = owner + 1;
        // Blank lines after a lead-in: what it announced (a table, a
        // picture) was not copied.
        let Some(first_line) = lines.get(first).filter(|l| l.gap_before <= 1) else { continue };
        let shape = |line: &Logical| (line.marker == Marker::None, colon_term(&line.styled.text).is_some());
        // "Term: explanation" entries may be long; other entries are short.
        let max_words = if shape(first_line).1 { MAX_DEFINITION_WORDS } else { MAX_ANNOUNCED_WORDS };
        for j in first..lines.len() {
            let d = decisions[j];
            if matches!(d.place, Place::Section(_)) {
                break;
            }
            let ends_run = j > first
                && (classes[j] == Class::Intro
                    || words(&lines[j], max_words + 1) > max_words
                    || shape(&lines[j]) != shape(first_line)
                    || lines[j].indent < first_line.indent);
            if ends_run {
                break;
            }
            decisions[j].nest = base + lines[j].indent;
            // What a paragraph owns are list entries: the outline writes a
            // lead-in's list right after it, and only a list.
            let owner_is_prose = decisions[owner].place == Place::Paragraph;
            let is_text = matches!(d.place, Place::Paragraph | Place::Topic);
            let tight = lines[j].gap_before == 0;
            if (owner_is_prose && is_text) || (d.place == Place::Paragraph && classes[j] != Class::Intro && tight) {
                decisions[j].place = Place::Item { ordered: false };
                decisions[j].rule = "lead-in-item";
            }
        }
    }
}

/// An announced list entry is at most this long; a longer line is prose
/// again, after the list.
const MAX_ANNOUNCED_WORDS: usize = 25;
const MAX_DEFINITION_WORDS: usize = 80;

/// "Modelos de …" then "Modelo de A", "Modelo de B": the singular headings
/// are children of the plural one, and headings between them children of
/// the member before.
fn nest_heading_families(lines: &[Logical], decisions: &mut [Decision]) {
    let level = |d: &[Decision], i: usize| match d[i].place {
        Place::Section(Level::Plain(level)) => level,
        _ => 0,
    };
    let headings: Vec<usize> = (0..decisions.len()).filter(|&i| level(decisions, i) > 0).collect();
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
                decisions[j].place = Place::Section(Level::Plain(nested));
                decisions[j].rule = "heading-family";
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
