//! Sibling families: headings and labels that show they belong together
//! by sharing a word ("Causa formal", "Causa final"; "Modelos de …" over
//! "Modelo de X"), nested under the line that names them.

use crate::lines::Logical;

use super::{Decision, Level, Place, Slots};

/// Rule `mind-map-family`: a long run of short lines is a mind map whose
/// branches were flattened. Siblings show by sharing their first word
/// ("Causa formal", "Causa final") or by all naming the line above them
/// ("Energía" → "Energía potencial", "Energía cinética"); the line before
/// the first member is their parent, and the lines between members are the
/// children of the member before. Returns whether the run was such a map.
pub(super) fn nest_families(start: usize, end: usize, lines: &[Logical], slots: &mut Slots, depths: &mut [usize]) -> bool {
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
        let key_lower = key.to_lowercase();
        for j in i + 1..end {
            if j - members[members.len() - 1] > MAX_MEMBER_GAP {
                break;
            }
            if family_word(text(j)).is_some_and(|w| crate::case::is_one_of(w, &[&key_lower])) {
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

/// "Modelos de …" then "Modelo de A", "Modelo de B": the singular headings
/// are children of the plural one, and headings between them children of
/// the member before.
pub(super) fn nest_heading_families(lines: &[Logical], decisions: &mut [Decision]) {
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
