//! Study items derived from a [`model::Document`].
//!
//! Derived once, shown by every exporter: the guide's self-test, the EPUB's
//! self-test chapter and the Anki deck all read the same items.

mod derive;
mod lang;
mod order;
mod quality;
mod text;

pub use derive::derive;
pub use quality::{Flag, answer_text, flags};
pub use text::MAX_ANSWER_WORDS;

use model::Span;
use serde::{Deserialize, Serialize};

/// One thing to learn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyItem {
    /// Stable id from the document, heading path, item kind and prompt —
    /// never from position — so editing one paragraph changes one item.
    pub id: String,
    pub kind: ItemKind,
    /// Texts of the headings above the item, outermost first.
    pub path: Vec<String>,
    pub prompt: Prompt,
    pub answer: Answer,
    /// Source file and lines the item was derived from.
    pub source: SourceRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A question about a topic or term and its explanation.
    Basic,
    /// "Which are the N …?" with the members as answer.
    Enumeration,
    /// One step of an ordered list, hidden between its neighbours.
    Sequence,
    /// A definitional sentence with the defined term hidden.
    Cloze,
}

/// What the learner sees first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Prompt {
    /// A question in the document's language.
    Question { text: String },
    /// A text with one part hidden: `before` [`hidden`] `after`.
    Cloze { before: String, hidden: String, after: String },
}

/// What the learner should recall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Answer {
    Text { text: String },
    List { ordered: bool, items: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub file: String,
    pub span: Span,
}

impl ItemKind {
    /// Lower-case name, as serialized; part of every item id.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Basic => "basic",
            ItemKind::Enumeration => "enumeration",
            ItemKind::Sequence => "sequence",
            ItemKind::Cloze => "cloze",
        }
    }
}

impl Prompt {
    /// The front as plain text, with a cloze's hidden part in brackets:
    /// what "no two items with the same front" compares.
    pub fn front(&self) -> String {
        match self {
            Prompt::Question { text } => text.clone(),
            Prompt::Cloze { before, hidden, after } => format!("{before}[{hidden}]{after}"),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Prompt::Question { text } => text.trim().is_empty(),
            Prompt::Cloze { hidden, .. } => hidden.trim().is_empty(),
        }
    }
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Text { text } => text.trim().is_empty(),
            Answer::List { items, .. } => items.iter().all(|i| i.trim().is_empty()),
        }
    }
}
