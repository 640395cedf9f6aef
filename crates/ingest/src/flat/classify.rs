//! What one logical line looks like, before any structure is decided: the
//! features the structure rules read.

use crate::lines::{self, Logical, Marker};
use crate::numbering::{Numbering, Style};

/// The shape class of a logical line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Short, unpunctuated (or one short question): a heading or a list entry.
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
/// A question is a heading when it is one short question.
const MAX_QUESTION_WORDS: usize = 14;
/// A lead-in this short ("Restricciones:", "Factors affecting demand:")
/// names a topic: it is a heading over what it announces.
const MAX_LEAD_IN_HEADING_WORDS: usize = 6;

/// Words that make a lead-in a sentence announcing a list ("…the
/// following factors:"), not a topic.
const ANNOUNCING: &[&str] = &["siguientes", "siguiente", "following", "seguintes", "seguinte", "suivants", "suivantes", "seguenti"];

pub fn is_label(text: &str) -> bool {
    // A closing parenthesis ends a label ("Tales (624 a.C.)"), a quote does not.
    let end = text.trim_end_matches(['"', '\'', '»', '”', '*']).chars().last();
    // The character tests rule out most prose before any word is counted.
    !matches!(end, Some('.' | '!' | '?' | ';' | ':' | '…' | ','))
        && !text.chars().next().is_some_and(char::is_lowercase)
        && (1..=MAX_LABEL_WORDS).contains(&lines::words_up_to(text, MAX_LABEL_WORDS + 1))
        // Two sentences, or "W = F × d", a formula.
        && !text.contains(". ")
        && !text.contains(" = ")
        && crate::inline::bare_url(text, None) != Some(text)
}

/// "La Serbie, la Russie et la France.": a list of names set down as one
/// line. Its final period does not make it prose; it has no verb, only
/// short capitalized names (after an article) joined by commas and "and".
fn is_name_list(text: &str) -> bool {
    const MAX_NAME_WORDS: usize = 3;
    const ARTICLES: &[&str] = &["el", "la", "los", "las", "le", "les", "l'", "o", "a", "os", "as", "the", "il", "lo", "gli"];
    const AND: &[&str] = &["y", "e", "et", "and", "ou", "o"];
    let Some(body) = text.strip_suffix('.') else { return false };
    // Names as runs of words between commas and conjunctions.
    let mut names: Vec<Vec<&str>> = vec![Vec::new()];
    for part in body.split(',') {
        for word in part.split_whitespace() {
            if crate::case::is_one_of(word, AND) {
                names.push(Vec::new());
            } else if let Some(last) = names.last_mut() {
                last.push(word);
            }
        }
        names.push(Vec::new());
    }
    names.retain(|n| !n.is_empty());
    let is_name = |name: &[&str]| {
        let first = name.first().copied().unwrap_or("");
        let head = match name.get(1) {
            Some(second) if crate::case::is_one_of(first, ARTICLES) => *second,
            _ => first,
        };
        let head = head.strip_prefix("l'").or_else(|| head.strip_prefix("L'")).unwrap_or(head);
        head.starts_with(char::is_uppercase) && name.len() <= MAX_NAME_WORDS
    };
    names.len() >= 3 && names.iter().all(|n| is_name(n))
}

/// "¿Qué es una memoria?", "Do que trata?": one short question, which
/// heads the answer below it.
pub fn is_question_heading(text: &str) -> bool {
    let Some(body) = text.trim_end().strip_suffix('?') else { return false };
    !body.contains(['?', '.', '!', ';', ':'])
        && !text.starts_with(char::is_lowercase)
        && lines::words_up_to(text, MAX_QUESTION_WORDS + 1) <= MAX_QUESTION_WORDS
}

pub fn classify(line: &Logical) -> Class {
    let text = line.styled.text.as_str();
    match line.marker {
        Marker::Bullet | Marker::Number(_) if text.is_empty() => Class::Separator,
        Marker::Bullet | Marker::Number(_) => Class::Marked,
        Marker::None if is_label(text) || is_question_heading(text) || is_name_list(text) => Class::Label,
        Marker::None if text.ends_with(':') => Class::Intro,
        Marker::None => Class::Sentence,
    }
}

/// A lead-in short enough to be a topic: "Restricciones:", "Layers:".
pub fn is_lead_in_heading(text: &str) -> bool {
    let Some(body) = text.strip_suffix(':') else { return false };
    let body = body.trim_end();
    !body.is_empty()
        && !body.contains([':', '.', ';', '?', '!'])
        && !body.starts_with(char::is_lowercase)
        && lines::words_up_to(body, MAX_LEAD_IN_HEADING_WORDS + 1) <= MAX_LEAD_IN_HEADING_WORDS
        && !body.split_whitespace().any(|w| crate::case::is_one_of(w, ANNOUNCING))
        // "Las nubes están hechas de:" is a sentence that goes on in the list.
        && !body.rsplit(' ').next().is_some_and(lines::is_function_word)
}

/// Text a numbered heading can have: a label, a short question, or one
/// short sentence ("1.2. Objetivos del proyecto.").
pub fn is_heading_text(text: &str) -> bool {
    const MAX_WORDS: usize = 14;
    let body = text.trim_end_matches(['.', '?', ' ']);
    !body.is_empty()
        && !body.contains(". ")
        && !body.contains(['?', '!', ';'])
        && !body.ends_with(':')
        && !text.starts_with(char::is_lowercase)
        && lines::words_up_to(text, MAX_WORDS + 1) <= MAX_WORDS
}

/// "Tema 2", "CAPÍTULO 4: …", "Unit 3 -": a line naming a part of a course
/// is numbered by its keyword. The keyword stays in the text.
pub fn section_keyword(text: &str) -> Option<Numbering> {
    const KEYWORDS: &[&str] = &[
        "tema", "capítulo", "capitulo", "unidad", "unidade", "lección", "leccion", "módulo", "modulo", "bloque",
        "parte", "chapter", "unit", "lesson", "module", "part", "chapitre", "leçon", "capitolo", "lezione",
    ];
    let (word, rest) = text.split_once(' ')?;
    // Every keyword is 4 to 10 bytes long.
    if !(4..=10).contains(&word.len()) || !crate::case::is_one_of(word, KEYWORDS) {
        return None;
    }
    let numeral = rest.split([' ', '.', ':', '-']).next().unwrap_or("");
    let value = if numeral.bytes().all(|b| b.is_ascii_digit()) && (1..=3).contains(&numeral.len()) {
        numeral.parse().ok()?
    } else if !numeral.is_empty() && numeral.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) && numeral.len() <= 5 {
        u32::try_from(numeral.len()).ok()?
    } else {
        return None;
    };
    let words = lines::words_up_to(text, MAX_LABEL_WORDS + 1);
    (words <= MAX_LABEL_WORDS).then_some(Numbering { style: Style::Keyword, depth: 1, value })
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

/// The line's word count, counted no further than `cap`.
pub fn words(line: &Logical, cap: usize) -> usize {
    lines::words_up_to(&line.styled.text, cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_lead_ins() {
        assert!(is_question_heading("¿Qué es una memoria?"));
        assert!(is_question_heading("Do que trata?"));
        assert!(!is_question_heading("¿Cómo empezó? ¿Qué inventos hubo?"));
        assert!(!is_question_heading("La consecuencia? Un terreno fértil para la industria."));
        assert!(is_lead_in_heading("Restricciones:"));
        assert!(is_lead_in_heading("Factors affecting demand :"));
        assert!(!is_lead_in_heading("Todo acto comunicativo exige siempre los siguientes elementos:"));
        assert!(!is_lead_in_heading("Definición: ver arriba:"));
        assert!(!is_lead_in_heading("Se mejora con los siguientes factores:"));
        assert!(!is_lead_in_heading("Las nubes están hechas de:"));
    }

    #[test]
    fn lists_of_names_are_labels_despite_their_period() {
        assert!(is_name_list("España, Francia, Italia y Portugal."));
        assert!(is_name_list("La Rioja, el Bierzo y la Mancha."));
        assert!(!is_name_list("España exporta aceite, vino y frutas."));
        assert!(!is_name_list("Madrid, capital de España."));
    }

    #[test]
    fn numbered_heading_text() {
        assert!(is_heading_text("Objetivos del proyecto."));
        assert!(is_heading_text("Fase (siglo XVIII): el carbón"));
        assert!(!is_heading_text("Se define el objetivo. Luego se mide."));
        assert!(!is_heading_text("Se dividen en:"));
    }

    #[test]
    fn section_keywords() {
        assert_eq!(section_keyword("TEMA I. EL PROYECTO").map(|n| n.value), Some(1));
        assert_eq!(section_keyword("Capítulo 4: Los climas").map(|n| n.value), Some(4));
        assert_eq!(section_keyword("Parte de la célula"), None);
        assert_eq!(section_keyword("Unit testing"), None);
    }
}
