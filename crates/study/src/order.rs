//! Whether a list's order is something to learn.
//!
//! Numbers alone do not make a sequence: notes number characteristics and
//! definitions as readily as steps. An order is learned when the text
//! announces one (stages, steps, phases; a "first … then …") or when the
//! items themselves are dated or counted (years, ordinals).

use std::collections::HashSet;

use model::{Node, NodeKind};

use crate::lang::Lang;

/// Whether the heading, a lead-in paragraph or the items announce an order.
pub fn announced(lang: Lang, node: &Node, members: &[&Node]) -> bool {
    let lead_ins = node.children.iter().filter(|c| c.kind == NodeKind::Paragraph && model::is_lead_in(&c.text));
    let announcing = std::iter::once(node.text.as_str()).chain(lead_ins.map(|c| c.text.as_str()));
    let all: Vec<&str> = announcing.clone().chain(members.iter().map(|m| m.text.as_str())).collect();
    announcing.into_iter().any(|t| has_word(t, order_words(lang)))
        || (all.iter().any(|t| has_word(t, firsts(lang))) && all.iter().any(|t| has_word(t, thens(lang))))
        || members.iter().all(|m| is_dated_or_counted(lang, &m.text))
}

/// Whether two members carry the same text: a list of repeated labels is
/// no sequence and no set.
pub fn repeats(members: &[&Node]) -> bool {
    let mut seen = HashSet::new();
    !members.iter().all(|m| seen.insert(model::slug(&m.text)))
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

fn has_word(text: &str, list: &[&str]) -> bool {
    words(text).any(|w| list.contains(&w.as_str()))
}

/// An item that opens with an ordinal or holds a year (1000–2099).
fn is_dated_or_counted(lang: Lang, text: &str) -> bool {
    let opens_with_ordinal = words(text).next().is_some_and(|w| ordinals(lang).contains(&w.as_str()));
    let has_year = words(text).any(|w| w.len() == 4 && (w.starts_with('1') || w.starts_with("20")) && w.bytes().all(|b| b.is_ascii_digit()));
    opens_with_ordinal || has_year
}

fn order_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["etapa", "etapas", "fase", "fases", "paso", "pasos", "proceso", "procedimiento", "ciclo", "secuencia", "cronología"],
        Lang::En => &["stage", "stages", "step", "steps", "phase", "phases", "process", "procedure", "cycle", "sequence", "timeline"],
        Lang::Pt => &["etapa", "etapas", "fase", "fases", "passo", "passos", "processo", "procedimento", "ciclo", "sequência", "cronologia"],
        Lang::Fr => &["étape", "étapes", "phase", "phases", "processus", "procédure", "cycle", "séquence", "chronologie"],
        Lang::It => &["fase", "fasi", "passo", "passi", "tappa", "tappe", "processo", "procedura", "ciclo", "sequenza", "cronologia"],
    }
}

fn firsts(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["primero", "primeramente"],
        Lang::En => &["first", "firstly"],
        Lang::Pt => &["primeiro", "primeiramente"],
        Lang::Fr => &["abord", "premièrement"],
        Lang::It => &["prima", "innanzitutto"],
    }
}

fn thens(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["luego", "después", "finalmente"],
        Lang::En => &["then", "next", "finally"],
        Lang::Pt => &["depois", "então", "finalmente"],
        Lang::Fr => &["puis", "ensuite", "enfin"],
        Lang::It => &["poi", "dopo", "infine"],
    }
}

fn ordinals(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["primero", "primera", "segundo", "segunda", "tercero", "tercera", "cuarto", "cuarta", "quinto", "quinta"],
        Lang::En => &["first", "second", "third", "fourth", "fifth"],
        Lang::Pt => &["primeiro", "primeira", "segundo", "segunda", "terceiro", "terceira", "quarto", "quarta", "quinto", "quinta"],
        Lang::Fr => &["premier", "première", "deuxième", "second", "seconde", "troisième", "quatrième", "cinquième"],
        Lang::It => &["primo", "prima", "secondo", "seconda", "terzo", "terza", "quarto", "quarta", "quinto", "quinta"],
    }
}
