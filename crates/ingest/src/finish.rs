//! The pass every reader shares: roles, stable ids, language.
//!
//! Roles are a pure function of the tree (kinds, texts, order flags), so
//! the Markdown outline — which keeps exactly those — ingests back to the
//! same roles. That is what makes `parse --md` an editable round trip.

use model::{IdPath, Node, NodeKind, Role};

use crate::case;
use crate::flat::colon_term;

pub fn finish(nodes: &mut [Node]) {
    assign_roles(nodes);
    assign_ids(nodes, &IdPath::new());
}

// ------------------------------------------------------------------ roles

/// Words that announce ordered steps in an intro or heading.
const SEQUENCE_CUES: &[&str] = &[
    "etapa", "etapas", "fase", "fases", "paso", "pasos", "escalón", "escalones", "stage", "stages",
    "step", "steps", "phase", "phases", "étape", "étapes", "passo", "passos",
];

/// Heading prefixes that say the heading defines its remainder.
const DEFINITION_HEADINGS: &[&str] = &[
    "definición de ", "concepto de ", "¿qué es ", "qué es ", "definition of ", "what is ",
    "définition de ", "qu'est-ce que ", "definição de ", "o que é ", "conceito de ",
];

/// Openings of a paragraph that defines the heading above it.
const DEFINING_OPENINGS: &[&str] = &[
    "es ", "son ", "se define ", "se entiende ", "consiste ", "is ", "are ", "refers to ", "means ",
    "est ", "c'est ", "sont ", "é ", "são ", "consiste en ",
];

/// Verbs that make "X verb …" a definition of X.
const DEFINING_VERBS: &[&str] = &[
    " se define como ", " se entiende como ", " se denomina ", " es ", " son ", " is defined as ",
    " is ", " are ", " est ", " sont ", " é ", " são ", " consiste en ",
];

fn assign_roles(nodes: &mut [Node]) {
    for node in nodes.iter_mut() {
        // A lead-in owning its list ("Sus etapas son:" + items) orders it.
        if is_sequence_lead_in(node) {
            node.children.iter_mut().filter(|c| c.kind == NodeKind::Item).for_each(|c| c.ordered = true);
        }
        // Orders cued items among the children before the lists are judged.
        assign_roles(&mut node.children);
        let (role, term) = role_of(node);
        node.role = role;
        node.term = term;
    }
    order_cued_items(nodes);
}

fn role_of(node: &Node) -> (Role, Option<String>) {
    match node.kind {
        NodeKind::Heading => heading_role(node),
        NodeKind::Item => match colon_term(&node.text) {
            Some(term) => (Role::Definition, Some(term.to_owned())),
            None => list_role(node).map_or((Role::Plain, None), |r| (r, None)),
        },
        NodeKind::Paragraph => match list_role(node) {
            Some(role) => (role, None),
            None => colon_term(&node.text)
                .or_else(|| defined_subject(&node.text))
                .map_or((Role::Plain, None), |t| (Role::Definition, Some(t.to_owned()))),
        },
    }
}

fn heading_role(node: &Node) -> (Role, Option<String>) {
    if let Some(role) = list_role(node) {
        return (role, None);
    }
    if let Some(prefix) = DEFINITION_HEADINGS.iter().find(|p| case::starts_with(&node.text, p)) {
        let term = node.text.get(prefix.len()..).unwrap_or("").trim_end_matches('?').trim();
        if !term.is_empty() {
            return (Role::Definition, Some(term.to_owned()));
        }
    }
    let defined_by_first_paragraph = node.children.first().is_some_and(|c| {
        c.kind == NodeKind::Paragraph && DEFINING_OPENINGS.iter().any(|o| case::starts_with(&c.text, o))
    });
    if defined_by_first_paragraph {
        return (Role::Definition, Some(node.text.clone()));
    }
    (Role::Plain, None)
}

/// Two or more item children make an enumeration; all ordered, a sequence.
fn list_role(node: &Node) -> Option<Role> {
    let mut items = node.children.iter().filter(|c| c.kind == NodeKind::Item);
    if items.clone().nth(1).is_none() {
        return None;
    }
    Some(if items.all(|i| i.ordered) { Role::Sequence } else { Role::Enumeration })
}

/// Items right after an intro that announces stages or steps are ordered,
/// even when the page lost their numbers.
fn order_cued_items(siblings: &mut [Node]) {
    let mut cued = false;
    for node in siblings.iter_mut() {
        match node.kind {
            NodeKind::Item if cued => node.ordered = true,
            NodeKind::Item => {}
            _ => cued = is_sequence_lead_in(node),
        }
    }
}

/// A paragraph ending in ":" that announces steps, stages or phases.
fn is_sequence_lead_in(node: &Node) -> bool {
    node.kind == NodeKind::Paragraph && model::is_lead_in(&node.text) && has_sequence_cue(&node.text)
}

fn has_sequence_cue(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| case::is_one_of(w, SEQUENCE_CUES))
}

/// Characters of a sentence searched for its defining verb.
const SUBJECT_WINDOW: usize = 90;

/// Sentence openings that are not a subject being defined ("No es…",
/// "Se entiende que es…", "Esto es…").
const NOT_SUBJECTS: &[&str] = &[
    "no", "se", "lo", "esto", "esta", "este", "eso", "aquí", "hoy", "también", "además", "cuando", "si",
    "hay", "it", "this", "that", "there", "here", "not", "ce", "il", "elle", "isso", "isto", "não",
];

/// "La cultura del servicio se define como …" → "La cultura del servicio".
fn defined_subject(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    // The subject is at most a few words: look only at the sentence's start.
    let head = text.char_indices().nth(SUBJECT_WINDOW).map_or(text, |(i, _)| &text[..i]);
    let lower = head.to_lowercase();
    let pos = first_defining_verb(&lower)?;
    // Lowercasing can change byte lengths; only trust positions on a boundary.
    let subject = text.get(..pos)?.trim();
    let words = subject.split_whitespace().count();
    let first = subject.split_whitespace().next()?;
    ((1..=6).contains(&words)
        && !subject.contains([',', ';', ':', '(', '.'])
        && !case::is_one_of(first, NOT_SUBJECTS)
        && !case::ends_with(subject, " que"))
    .then_some(subject)
}

/// Byte offset of the earliest defining verb in `lower`. Every verb starts
/// with a space, so one pass trying the verbs at each space finds it; the
/// byte after the space rules out most verbs before a whole comparison.
fn first_defining_verb(lower: &str) -> Option<usize> {
    let bytes = lower.as_bytes();
    let verb_at = |p: usize, verb: &str| bytes.get(p + 1) == verb.as_bytes().get(1) && bytes[p..].starts_with(verb.as_bytes());
    memchr::memchr_iter(b' ', bytes).find(|&p| DEFINING_VERBS.iter().any(|v| verb_at(p, v)))
}

// -------------------------------------------------------------------- ids

/// Nodes without a source id get one from their heading path and text; a
/// repeated path+text gets its occurrence number mixed in.
fn assign_ids(nodes: &mut [Node], path: &IdPath) {
    let occurrences = occurrence_numbers(nodes);
    for (node, occurrence) in nodes.iter_mut().zip(occurrences) {
        let own = path.push(&node.text);
        if node.id.is_empty() {
            node.id = if occurrence > 1 { own.push(&occurrence.to_string()).id("n") } else { own.id("n") };
        }
        assign_ids(&mut node.children, &own);
    }
}

/// For each sibling without a source id, how many siblings without one up
/// to and including it have its text (1 for the first); 0 for the others.
/// A stable sort by text groups repeats in document order, without hashing
/// every text.
fn occurrence_numbers(nodes: &[Node]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].id.is_empty()).collect();
    order.sort_by(|&a, &b| nodes[a].text.cmp(&nodes[b].text));
    let mut numbers = vec![0; nodes.len()];
    for repeats in order.chunk_by(|&a, &b| nodes[a].text == nodes[b].text) {
        for (occurrence, &i) in repeats.iter().enumerate() {
            numbers[i] = occurrence + 1;
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::Span;

    fn n(kind: NodeKind, text: &str, children: Vec<Node>) -> Node {
        Node { children, ..Node::new(kind, text, Span::line(1)) }
    }

    #[test]
    fn colon_definition_on_items() {
        let mut t = vec![n(NodeKind::Item, "Fotosíntesis: proceso de las plantas", vec![])];
        finish(&mut t);
        assert_eq!(t[0].role, Role::Definition);
        assert_eq!(t[0].term.as_deref(), Some("Fotosíntesis"));
    }

    #[test]
    fn defining_sentence() {
        let mut t = vec![
            n(NodeKind::Paragraph, "La mitosis se define como la división de una célula.", vec![]),
            n(NodeKind::Paragraph, "Osmosis is the movement of water.", vec![]),
            n(NodeKind::Paragraph, "Cuando llueve mucho y hace frío, el suelo es blando.", vec![]),
        ];
        finish(&mut t);
        assert_eq!(t[0].term.as_deref(), Some("La mitosis"));
        assert_eq!(t[1].term.as_deref(), Some("Osmosis"));
        assert_eq!(t[2].role, Role::Plain);
    }

    #[test]
    fn heading_defined_by_prefix_or_paragraph() {
        let mut t = vec![
            n(NodeKind::Heading, "Definición de célula", vec![n(NodeKind::Paragraph, "Unidad básica.", vec![])]),
            n(NodeKind::Heading, "El átomo", vec![n(NodeKind::Paragraph, "Es la unidad de la materia.", vec![])]),
            n(NodeKind::Heading, "Historia", vec![n(NodeKind::Paragraph, "Todo empezó en 1900.", vec![])]),
        ];
        finish(&mut t);
        assert_eq!((t[0].role, t[0].term.as_deref()), (Role::Definition, Some("célula")));
        assert_eq!((t[1].role, t[1].term.as_deref()), (Role::Definition, Some("El átomo")));
        assert_eq!(t[2].role, Role::Plain);
    }

    #[test]
    fn enumeration_and_cued_sequence() {
        let items = |names: &[&str]| names.iter().map(|s| n(NodeKind::Item, s, vec![])).collect::<Vec<_>>();
        let mut enumeration = items(&["Roca ígnea", "Roca sedimentaria"]);
        let mut seq = vec![n(NodeKind::Paragraph, "Las fases son las siguientes:", vec![])];
        seq.extend(items(&["Profase", "Metafase", "Anafase"]));
        let mut t = vec![
            n(NodeKind::Heading, "Tipos de rocas", std::mem::take(&mut enumeration)),
            n(NodeKind::Heading, "Mitosis", seq),
        ];
        finish(&mut t);
        assert_eq!(t[0].role, Role::Enumeration);
        assert!(t[0].children.iter().all(|c| !c.ordered));
        assert_eq!(t[1].role, Role::Sequence);
        assert!(t[1].children[1..].iter().all(|c| c.ordered));
    }

    #[test]
    fn ids_are_stable_and_unique_for_repeats() {
        let make = || vec![n(NodeKind::Heading, "A", vec![n(NodeKind::Item, "x", vec![]), n(NodeKind::Item, "x", vec![])])];
        let mut a = make();
        let mut b = make();
        finish(&mut a);
        finish(&mut b);
        assert_eq!(a, b);
        assert_ne!(a[0].children[0].id, a[0].children[1].id);
        let mut moved = vec![n(NodeKind::Heading, "B", vec![n(NodeKind::Item, "x", vec![])])];
        finish(&mut moved);
        assert_ne!(moved[0].children[0].id, a[0].children[0].id, "the heading path is part of the id");
    }
}
