//! Where each logical line goes: its kind, its nesting and the rule that
//! decided it. Each pass reads the features of [`super::classify`] and
//! decides only the lines the passes before it left open, so the order of
//! the passes is the order of the evidence's strength: what the page says
//! outright first (the title printed again, a table of contents, "Term:
//! text" lists, indentation, numbering), then each line's own class, then
//! runs of short lines by what surrounds them ([`runs`], [`families`]).
//! Last, [`lead_in`] nests what each lead-in announces under it.

mod families;
mod lead_in;
mod numbered;
mod runs;

use crate::lines::{Logical, Marker};
use crate::numbering::Style;

use super::classify::{self, Class, colon_term};

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
            Place::Paragraph => model::is_lead_in(&line.styled.text),
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
    numbered::mark_headings(lines, &mut slots);
    numbered::mark_resumed_outline(lines, &mut slots);
    for (i, class) in classes.iter().enumerate() {
        if slots[i].is_none() {
            slots[i] = by_class(&lines[i], *class);
        }
    }
    let mut depths = vec![0; lines.len()];
    runs::decide_label_runs(lines, &classes, &mut slots, &mut depths);
    let mut decisions: Vec<Decision> = slots
        .into_iter()
        .zip(lines.iter().zip(depths))
        .map(|(slot, (line, depth))| {
            let (place, rule) = slot.unwrap_or((Place::Paragraph, "paragraph"));
            Decision { place, rule, nest: line.indent + depth }
        })
        .collect();
    families::nest_heading_families(lines, &mut decisions);
    nest_contents(lines, &mut decisions);
    lead_in::own_runs(lines, &classes, &mut decisions);
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
    let title = crate::decode::fold(title);
    let same = |l: &Logical| crate::decode::folds_to(&l.styled.text, &title);
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

