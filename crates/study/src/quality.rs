//! What a learner would object to in a card, judged on the items alone:
//! the checks `studyforge check --cards` shows before anything is built.

use std::collections::HashMap;

use crate::text::word_count;
use crate::{Answer, Prompt, StudyItem};

/// Longest answer a card's back may hold (the minimum-information
/// principle; the same limit the conformance check applies).
pub const MAX_CARD_ANSWER_WORDS: usize = 40;
/// Longest hidden part of a cloze.
pub const MAX_CLOZE_WORDS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Nothing to ask or nothing to recall.
    Empty,
    /// The answer is over [`MAX_CARD_ANSWER_WORDS`] words.
    Long,
    /// Another item of the document asks the same.
    DuplicateFront,
    /// The answer already stands in the question.
    Leak,
    /// The hidden part is over [`MAX_CLOZE_WORDS`] words.
    BigCloze,
}

impl Flag {
    pub fn name(self) -> &'static str {
        match self {
            Flag::Empty => "empty",
            Flag::Long => "long",
            Flag::DuplicateFront => "dupfront",
            Flag::Leak => "leak",
            Flag::BigCloze => "bigcloze",
        }
    }
}

/// The flags of each item, in item order.
pub fn flags(items: &[StudyItem]) -> Vec<Vec<Flag>> {
    let mut fronts: HashMap<String, usize> = HashMap::new();
    for item in items {
        *fronts.entry(item.prompt.front()).or_default() += 1;
    }
    items.iter().map(|item| item_flags(item, fronts[&item.prompt.front()] > 1)).collect()
}

fn item_flags(item: &StudyItem, repeated: bool) -> Vec<Flag> {
    let answer = answer_text(&item.answer);
    let mut out = Vec::new();
    if item.prompt.is_empty() || item.answer.is_empty() {
        out.push(Flag::Empty);
    }
    if word_count(&answer) > MAX_CARD_ANSWER_WORDS {
        out.push(Flag::Long);
    }
    if repeated {
        out.push(Flag::DuplicateFront);
    }
    match &item.prompt {
        Prompt::Question { text } if answer.chars().count() > 3 && text.to_lowercase().contains(&answer.to_lowercase()) => {
            out.push(Flag::Leak);
        }
        Prompt::Cloze { hidden, .. } if word_count(hidden) > MAX_CLOZE_WORDS => out.push(Flag::BigCloze),
        _ => {}
    }
    out
}

/// An answer as one line of text: a list's items joined by ";".
pub fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Text { text } => text.trim().to_owned(),
        Answer::List { items, .. } => items.iter().map(|i| i.trim()).collect::<Vec<_>>().join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ItemKind, SourceRef};
    use model::Span;

    fn item(prompt: Prompt, answer: &str) -> StudyItem {
        StudyItem {
            id: "s".into(),
            kind: ItemKind::Basic,
            path: vec![],
            prompt,
            answer: Answer::Text { text: answer.into() },
            source: SourceRef { file: "f".into(), span: Span::line(1) },
        }
    }

    fn ask(text: &str) -> Prompt {
        Prompt::Question { text: text.into() }
    }

    #[test]
    fn flags_what_a_learner_would_object_to() {
        let hidden = "una parte oculta demasiado larga para recordarla de una vez";
        let items = [
            item(ask("¿Qué es el suelo?"), "La capa superior de la tierra."),
            item(ask("¿Qué es el agua?"), &"palabra ".repeat(41)),
            item(ask("¿Qué es el agua?"), "Un líquido."),
            item(ask("¿Qué es la roca madre?"), "roca madre"),
            item(Prompt::Cloze { before: "La ".into(), hidden: hidden.into(), after: " es clave.".into() }, hidden),
            item(ask("¿Qué es el aire?"), " "),
        ];
        assert_eq!(
            flags(&items),
            vec![
                vec![],
                vec![Flag::Long, Flag::DuplicateFront],
                vec![Flag::DuplicateFront],
                vec![Flag::Leak],
                vec![Flag::BigCloze],
                vec![Flag::Empty],
            ]
        );
    }
}
