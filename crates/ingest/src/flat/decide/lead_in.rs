//! Lead-ins: a line ending in ":" and what it announces.

use crate::lines::{Logical, Marker};

use super::classify::{Class, colon_term, words};
use super::{Decision, Place};

/// Rule `lead-in`: a line ending in ":" owns what it announces. The first
/// line after it is always its own; the lines after that while they keep
/// the first one's shape (marked or not, "Term: text" or not) and stay
/// short. Announced sentences and labels become list items.
pub(super) fn own_runs(lines: &[Logical], classes: &[Class], decisions: &mut [Decision]) {
    for owner in 0..lines.len() {
        let is_lead_in = model::is_lead_in(&lines[owner].styled.text)
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
        // What a paragraph owns are list entries: the outline writes a
        // lead-in's list right after it, and only a list.
        let owner_is_prose = decisions[owner].place == Place::Paragraph;
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

