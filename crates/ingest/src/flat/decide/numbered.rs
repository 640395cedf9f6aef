//! Outline numbering as evidence: numbered sections, and numbered lists
//! that nest.

use std::collections::HashMap;

use crate::lines::{Logical, Marker};
use crate::numbering::{Numbering, Style};

use super::{Level, Place, Slots, classify};

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
pub(super) fn mark_headings(lines: &[Logical], slots: &mut Slots) {
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
pub(super) fn mark_resumed_outline(lines: &[Logical], slots: &mut Slots) {
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

