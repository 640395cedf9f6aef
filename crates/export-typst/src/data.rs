//! The document as the templates see it: a flat list of blocks serialized to
//! `/data.json`. Text only ever travels as JSON strings, so nothing a note
//! says can be read as typst markup.
//!
//! The tree is flattened here (heading level and list indent computed in
//! Rust) so templates never recurse: a 48-deep outline cannot hit typst's
//! call-depth limit.

use model::{Document, Node, NodeKind, Role};
use serde::Serialize;
use study::{Answer, Prompt, StudyItem};

use crate::maps::{MapDrawing, Maps};

/// Deepest list indentation shown; deeper items keep their place in the
/// order but stop moving right, so they stay readable on the page.
const MAX_INDENT: usize = 6;

#[derive(Debug, Serialize)]
pub struct Data {
    pub lang: String,
    pub region: Option<String>,
    pub strings: Strings,
    pub title: String,
    pub meta: MetaOut,
    pub blocks: Vec<Block>,
    pub quiz: Vec<QuizEntry>,
    /// The overview concept map, when there is one.
    pub map: Option<MapDrawing>,
}

/// Fixed words of the templates in the document's language.
#[derive(Debug, Serialize)]
pub struct Strings {
    pub contents: &'static str,
    pub selftest: &'static str,
    pub answers: &'static str,
    pub empty: &'static str,
    pub source: &'static str,
    pub site: &'static str,
    pub author: &'static str,
    pub date: &'static str,
    pub answers_hint: &'static str,
    pub map: &'static str,
}

const ES: Strings = Strings {
    contents: "Índice",
    selftest: "Autoevaluación",
    answers: "Respuestas",
    empty: "Este documento está vacío.",
    source: "Fuente",
    site: "Sitio",
    author: "Autor",
    date: "Fecha",
    answers_hint: "Las respuestas están en la página siguiente.",
    map: "Mapa conceptual",
};

const EN: Strings = Strings {
    contents: "Contents",
    selftest: "Self-test",
    answers: "Answers",
    empty: "This document is empty.",
    source: "Source",
    site: "Site",
    author: "Author",
    date: "Date",
    answers_hint: "The answers are on the next page.",
    map: "Concept map",
};

#[derive(Debug, Serialize)]
pub struct MetaOut {
    pub source: String,
    pub site: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// `number` is the section number as its parts (`[2, 1]` for 2.1).
    Heading { level: usize, number: Vec<usize>, runs: Vec<RunOut> },
    Para { indent: usize, definition: bool, runs: Vec<RunOut> },
    Item { indent: usize, definition: bool, marker: Marker, runs: Vec<RunOut> },
    /// A section's own concept map, right after its first block.
    Map {
        #[serde(flatten)]
        map: MapDrawing,
    },
}

/// What precedes a list item.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Marker {
    Bullet,
    Number {
        n: usize,
    },
    /// A step of a sequence, set off from plain numbers.
    Step {
        n: usize,
    },
    Check {
        done: bool,
    },
}

/// A styled piece of text; `term` marks the defined term of a definition.
#[derive(Debug, Default, Serialize)]
pub struct RunOut {
    pub t: String,
    #[serde(skip_serializing_if = "is_false")]
    pub b: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub i: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub s: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub c: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub term: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Serialize)]
pub struct QuizEntry {
    pub prompt: QuizPrompt,
    pub answer: QuizAnswer,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum QuizPrompt {
    Question { text: String },
    Cloze { before: String, after: String },
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum QuizAnswer {
    Text { text: String },
    List { ordered: bool, items: Vec<String> },
}

impl Data {
    pub fn new(doc: &Document, items: &[StudyItem], maps: Maps) -> Data {
        let (lang, region) = language(&doc.meta.language);
        let strings = if lang == "es" { ES } else { EN };
        let meta = &doc.meta;
        Data {
            lang,
            region,
            strings,
            title: breakable(&doc.title),
            meta: MetaOut {
                source: breakable(&meta.source),
                site: meta.site.as_deref().map(breakable),
                author: meta.author.clone(),
                date: meta.date.clone(),
                description: meta.description.as_deref().map(breakable),
            },
            blocks: with_branch_maps(number_headings(flatten(&doc.nodes)), &doc.nodes, maps.branches),
            quiz: items.iter().map(quiz_entry).collect(),
            map: maps.overview,
        }
    }
}

/// A valid typst language and region from a BCP-47 tag; English when the
/// tag is unusable, since typst rejects anything but 2-3 letter codes.
fn language(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let valid = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    if !valid {
        return ("en".to_owned(), None);
    }
    let region =
        parts.find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic())).map(|p| p.to_ascii_uppercase());
    (primary, region)
}

/// Where a node sits while flattening.
#[derive(Clone, Copy)]
struct Ctx {
    headings: usize,
    indent: usize,
    /// The parent is a sequence: its items are numbered steps.
    in_sequence: bool,
}

fn flatten(nodes: &[Node]) -> Vec<Block> {
    let mut out = Vec::new();
    // Explicit stack instead of recursion: depth is bounded by the model,
    // but an explicit stack costs nothing and never overflows.
    let mut stack: Vec<(&Node, Ctx, usize)> = Vec::new();
    push_siblings(&mut stack, nodes, Ctx { headings: 0, indent: 0, in_sequence: false });
    while let Some((node, ctx, ordinal)) = stack.pop() {
        out.push(block(node, ctx, ordinal));
        let child_ctx = match node.kind {
            NodeKind::Heading => Ctx { headings: ctx.headings + 1, indent: 0, in_sequence: false },
            _ => Ctx { indent: ctx.indent + 1, in_sequence: false, ..ctx },
        };
        let child_ctx = Ctx { in_sequence: node.role == Role::Sequence, ..child_ctx };
        push_siblings(&mut stack, &node.children, child_ctx);
    }
    out
}

/// Section numbers for the headings, counted here rather than with typst's
/// heading counter: the counter is resolved by introspection, which cost
/// the guide a third layout pass (about 6% of its time). Templates format
/// the parts with `numbering("1.1", ..b.number)`.
fn number_headings(mut blocks: Vec<Block>) -> Vec<Block> {
    let mut counters: Vec<usize> = Vec::new();
    for block in &mut blocks {
        if let Block::Heading { level, number, .. } = block {
            counters.resize(*level, 0);
            counters[*level - 1] += 1;
            number.clone_from(&counters);
        }
    }
    blocks
}

/// Each branch map after the first block of its top-level node. Blocks
/// are one per node in document order, so a top-level node's block comes
/// after every block of the nodes before it.
fn with_branch_maps(mut blocks: Vec<Block>, nodes: &[Node], branches: Vec<(usize, MapDrawing)>) -> Vec<Block> {
    let mut starts = Vec::with_capacity(nodes.len());
    let mut at = 0;
    for node in nodes {
        starts.push(at);
        at += map::tree::subtree_size(node);
    }
    // From the last, so earlier positions stay put.
    for (index, map) in branches.into_iter().rev() {
        if let Some(&start) = starts.get(index) {
            blocks.insert(start + 1, Block::Map { map });
        }
    }
    blocks
}

/// Push siblings in reverse so they pop in document order, each with its
/// 1-based position among the items of the list it belongs to.
fn push_siblings<'a>(stack: &mut Vec<(&'a Node, Ctx, usize)>, nodes: &'a [Node], ctx: Ctx) {
    let mut ordinal = 0;
    let numbered: Vec<usize> = nodes
        .iter()
        .map(|n| {
            if n.kind == NodeKind::Item {
                ordinal += 1;
            }
            ordinal
        })
        .collect();
    for (node, n) in nodes.iter().zip(numbered).rev() {
        stack.push((node, ctx, n));
    }
}

fn block(node: &Node, ctx: Ctx, ordinal: usize) -> Block {
    let definition = node.role == Role::Definition;
    let runs = runs(node);
    let indent = ctx.indent.min(MAX_INDENT);
    match node.kind {
        NodeKind::Heading => Block::Heading { level: ctx.headings + 1, number: Vec::new(), runs },
        NodeKind::Paragraph => Block::Para { indent, definition, runs },
        NodeKind::Item => {
            let marker = match node.checked {
                Some(done) => Marker::Check { done },
                None if ctx.in_sequence => Marker::Step { n: ordinal },
                None if node.ordered => Marker::Number { n: ordinal },
                None => Marker::Bullet,
            };
            Block::Item { indent, definition, marker, runs }
        }
    }
}

/// The node's styled runs, with the defined term split off and flagged when
/// the text starts with it ("Cliente: el comprador…").
fn runs(node: &Node) -> Vec<RunOut> {
    let term_chars = match (&node.role, &node.term) {
        (Role::Definition, Some(term)) if node.kind != NodeKind::Heading && node.text.starts_with(term.as_str()) => {
            term.chars().count()
        }
        _ => 0,
    };
    let mut out = Vec::new();
    let mut offset = 0;
    for run in node.runs() {
        let len = run.text.chars().count();
        let split = term_chars.saturating_sub(offset).min(len);
        let (head, tail) = split_chars(run.text, split);
        for (text, term) in [(head, true), (tail, false)] {
            if text.is_empty() {
                continue;
            }
            out.push(RunOut {
                t: breakable(text),
                b: run.bold,
                i: run.italic,
                s: run.strike,
                c: run.code,
                term,
                // typst rejects an empty URL; an empty link is no link.
                l: run.link.filter(|url| !url.is_empty()).map(str::to_owned),
            });
        }
        offset += len;
    }
    out
}

fn split_chars(text: &str, chars: usize) -> (&str, &str) {
    let at = text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i);
    text.split_at(at)
}

fn quiz_entry(item: &StudyItem) -> QuizEntry {
    let prompt = match &item.prompt {
        Prompt::Question { text } => QuizPrompt::Question { text: breakable(text) },
        // The hidden part is the answer; the question page must not show it.
        Prompt::Cloze { before, after, .. } => QuizPrompt::Cloze { before: breakable(before), after: breakable(after) },
    };
    let answer = match &item.answer {
        Answer::Text { text } => QuizAnswer::Text { text: breakable(text) },
        Answer::List { ordered, items } => {
            QuizAnswer::List { ordered: *ordered, items: items.iter().map(|s| breakable(s)).collect() }
        }
    };
    QuizEntry { prompt, answer }
}

/// Tokens longer than this many chars get break opportunities.
const LONG_TOKEN: usize = 24;
/// Longest unbroken stretch left inside a long token.
const MAX_STRETCH: usize = 16;
const ZWSP: char = '\u{200B}';

/// Insert zero-width spaces into long unbreakable tokens (URLs, paths) so
/// they wrap instead of running into the margin. Typst only breaks lines at
/// Unicode break opportunities, and a URL has few.
pub fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, token) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if token.chars().count() <= LONG_TOKEN {
            out.push_str(token);
            continue;
        }
        let mut stretch = 0;
        for c in token.chars() {
            out.push(c);
            stretch += 1;
            if matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=' | '#' | ':' | ',') || stretch >= MAX_STRETCH {
                out.push(ZWSP);
                stretch = 0;
            }
        }
        if out.ends_with(ZWSP) {
            out.pop();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_accepts_bcp47_and_rejects_junk() {
        assert_eq!(language("es-ES"), ("es".to_owned(), Some("ES".to_owned())));
        assert_eq!(language("pt"), ("pt".to_owned(), None));
        assert_eq!(language("español"), ("en".to_owned(), None));
        assert_eq!(language(""), ("en".to_owned(), None));
    }

    #[test]
    fn long_tokens_get_break_points_and_keep_their_chars() {
        let url = "https://example.com/a/very/long/path/with_many_parts?x=1";
        let out = breakable(&format!("see {url} now"));
        assert!(out.contains(ZWSP));
        assert_eq!(out.replace(ZWSP, ""), format!("see {url} now"));
        assert_eq!(breakable("palabra corta"), "palabra corta");
    }
}
