//! Runs of short lines, decided by what surrounds them: a topic over its
//! explanation, a heading and its list, terms and their explanations.

use crate::lines::Logical;

use super::classify::{Class, words};
use super::{Level, Place, Slots, families};

/// Decide each maximal run of undecided label lines from what surrounds it.
pub(super) fn decide_label_runs(lines: &[Logical], classes: &[Class], slots: &mut Slots, depths: &mut [usize]) {
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
        if !families::nest_families(i, end, lines, slots, depths) {
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

