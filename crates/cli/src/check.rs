//! `studyforge check`: the inferred tree, why each node is where it is, and
//! what was dropped.

use std::fmt::Write;

use model::{Document, Role};
use study::{Prompt, StudyItem};

pub fn report(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "{} ({}, language {})", doc.title, m.kind.name(), m.language);
    for (label, value) in [("author", &m.author), ("date", &m.date), ("site", &m.site), ("category", &m.category)] {
        if let Some(value) = value {
            let _ = writeln!(out, "  {label}: {value}");
        }
    }
    let _ = writeln!(out, "\ntree (lines  kind  rule):");
    for r in doc.walk() {
        let n = r.node;
        let role = match (n.role, &n.term) {
            (Role::Plain, _) => String::new(),
            (role, Some(term)) => format!(" [{role:?} of «{term}»]"),
            (role, None) => format!(" [{role:?}]"),
        };
        let order = if n.ordered { " #" } else { "" };
        let _ = writeln!(
            out,
            "{:>7}  {}{:<9} {}{}{}  ({})",
            n.span.to_string(),
            "  ".repeat(r.depth),
            format!("{:?}", n.kind).to_lowercase(),
            excerpt(&n.text),
            order,
            role,
            n.rule
        );
    }
    let _ = writeln!(out, "\nrules:");
    for rule in rules_used(doc) {
        let _ = writeln!(out, "  {rule:<24} {}", ingest::rules::describe(rule).unwrap_or(""));
    }
    if !doc.dropped.is_empty() {
        let _ = writeln!(out, "\ndropped:");
        for d in &doc.dropped {
            let _ = writeln!(out, "{:>7}  {:<22} {}", d.line, d.reason, excerpt(&d.text));
        }
    }
    out
}

/// Every rule that placed a node, first use first; "a+b" counts as both.
fn rules_used(doc: &Document) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for r in doc.walk() {
        for rule in r.node.rule.split('+') {
            if !seen.contains(&rule) {
                seen.push(rule);
            }
        }
    }
    seen
}

/// `check --cards`: every study item as a learner meets it (question
/// first, the hidden part of a cloze as "[…]"), its source lines, kind
/// and the quality flags it would get.
pub fn cards(items: &[StudyItem]) -> String {
    let mut out = format!("\ncards ({}; lines  kind  question → answer  [flags]):\n", items.len());
    for (item, flags) in items.iter().zip(study::flags(items)) {
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", flags.iter().map(|f| f.name()).collect::<Vec<_>>().join(", "))
        };
        let _ = writeln!(out, "{:>7}  {:<11} {}{flags}", item.source.span.to_string(), item.kind.name(), asked(&item.prompt));
        let _ = writeln!(out, "{:>7}  {:<11} → {}", "", "", study::answer_text(&item.answer));
    }
    out
}

fn asked(prompt: &Prompt) -> String {
    match prompt {
        Prompt::Question { text } => text.clone(),
        Prompt::Cloze { before, after, .. } => format!("{before}[…]{after}"),
    }
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 70;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        text.chars().take(MAX - 1).chain(std::iter::once('…')).collect()
    }
}
