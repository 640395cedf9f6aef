//! Checks for what breaks Anki, run on a document's items before writing.
//!
//! Anki parses `{{c1::…}}` in the raw field text, so a `}}` inside the
//! hidden part ends the cloze early and a stray `{{c2::` elsewhere makes a
//! card of its own (ankitects/anki#1012, #1268); a cloze with nothing
//! hidden makes an empty card; two notes with one front are the same
//! question twice.

use std::collections::HashSet;

use serde::Serialize;
use study::{Prompt, StudyItem};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub item: String,
    pub problem: Problem,
    /// Whether the item is left out of the deck (else it was repaired).
    pub skipped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// `}}` or `::` inside a cloze: written with the braces and colons as
    /// character references, so they show but no longer parse.
    BracesInCloze,
    EmptyCloze,
    EmptyQuestion,
    EmptyAnswer,
    DuplicateFront,
    /// Two items with one id in a combined package (documents with the same
    /// title): the later one is left out rather than overwrite the first.
    DuplicateId,
}

/// Findings for one document's items, in item order.
pub fn check(items: &[StudyItem]) -> Vec<Finding> {
    let mut fronts = HashSet::new();
    let mut out = Vec::new();
    for item in items {
        let finding = |problem, skipped| Finding { item: item.id.clone(), problem, skipped };
        match &item.prompt {
            Prompt::Cloze { hidden, .. } if hidden.trim().is_empty() => out.push(finding(Problem::EmptyCloze, true)),
            Prompt::Cloze { hidden, .. } if hidden.contains("}}") || hidden.contains("::") => {
                out.push(finding(Problem::BracesInCloze, false));
            }
            Prompt::Question { text } if text.trim().is_empty() => out.push(finding(Problem::EmptyQuestion, true)),
            _ => {}
        }
        if item.answer.is_empty() && matches!(item.prompt, Prompt::Question { .. }) {
            out.push(finding(Problem::EmptyAnswer, true));
        }
        if !fronts.insert(item.prompt.front()) {
            out.push(finding(Problem::DuplicateFront, true));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::Span;
    use study::{Answer, ItemKind, SourceRef};

    fn item(id: &str, prompt: Prompt) -> StudyItem {
        StudyItem {
            id: id.into(),
            kind: ItemKind::Cloze,
            path: vec![],
            prompt,
            answer: Answer::Text { text: "x".into() },
            source: SourceRef { file: "f".into(), span: Span::line(1) },
        }
    }

    fn cloze(id: &str, hidden: &str) -> StudyItem {
        item(id, Prompt::Cloze { before: "a ".into(), hidden: hidden.into(), after: " b".into() })
    }

    #[test]
    fn flags_what_breaks_anki() {
        let items = [
            cloze("braces", "f(x) = {{x}}"),
            cloze("empty", "  "),
            cloze("fine", "término"),
            cloze("again", "término"),
            item("blank", Prompt::Question { text: " ".into() }),
        ];
        let findings = check(&items);
        let found: Vec<(&str, Problem, bool)> = findings.iter().map(|f| (f.item.as_str(), f.problem, f.skipped)).collect();
        assert_eq!(
            found,
            vec![
                ("braces", Problem::BracesInCloze, false),
                ("empty", Problem::EmptyCloze, true),
                ("again", Problem::DuplicateFront, true),
                ("blank", Problem::EmptyQuestion, true),
            ]
        );
    }
}
