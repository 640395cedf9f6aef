//! Walking the outline once and turning its shapes into study items.

use std::collections::HashSet;

use model::{Document, MarkStyle, Node, NodeKind, Role, Span};

use crate::lang::Lang;
use crate::order;
use crate::text::{self, clipped, leading_answer, word_count};
use crate::{Answer, ItemKind, Prompt, SourceRef, StudyItem};

/// Items longer than this are statements, not names of set members.
const MAX_MEMBER_NAME_WORDS: usize = 8;

/// Longest cloze sentence: the whole sentence is read on the back, so
/// what follows the hidden term is cut to fit.
const MAX_CLOZE_WORDS: usize = 28;

/// Derive every study item of a document, in document order.
///
/// Items never repeat a front within the document, are never empty, and
/// carry an id that depends on the document, heading path, kind and prompt
/// key only, so editing an explanation keeps its item's id.
pub fn derive(doc: &Document) -> Vec<StudyItem> {
    let lang = Lang::from_tag(&doc.meta.language);
    let cx = Cx { doc: doc.slug(), file: doc.meta.source.clone(), lang };
    let mut out = Collected::default();
    let mut path = Vec::new();
    for node in &doc.nodes {
        visit(&cx, node, &mut path, false, &mut out);
    }
    out.items
}

struct Cx {
    doc: String,
    file: String,
    lang: Lang,
}

/// An item before its id is assigned and its front checked for duplicates.
struct Draft {
    kind: ItemKind,
    path: Vec<String>,
    prompt: Prompt,
    answer: Answer,
    span: Span,
}

#[derive(Default)]
struct Collected {
    items: Vec<StudyItem>,
    ids: HashSet<String>,
    fronts: HashSet<String>,
}

impl Collected {
    /// Keep a draft unless it is empty or repeats a front; a repeated
    /// question is first qualified with its section to tell it apart.
    fn push(&mut self, cx: &Cx, mut draft: Draft) {
        if draft.prompt.is_empty() || draft.answer.is_empty() {
            return;
        }
        if self.fronts.contains(&draft.prompt.front()) {
            let Prompt::Question { text } = &draft.prompt else { return };
            let Some(qualified) = self.qualified(text, &draft.path) else { return };
            draft.prompt = Prompt::Question { text: qualified };
        }
        let front = draft.prompt.front();
        let id = item_id(cx, &draft);
        if self.fronts.contains(&front) || self.ids.contains(&id) {
            return;
        }
        self.fronts.insert(front);
        self.ids.insert(id.clone());
        self.items.push(StudyItem {
            id,
            kind: draft.kind,
            path: draft.path,
            prompt: draft.prompt,
            answer: draft.answer,
            source: SourceRef { file: cx.file.clone(), span: draft.span },
        });
    }
}

impl Collected {
    /// The question followed by the deepest enclosing section it does not
    /// already name, if that makes it unique.
    fn qualified(&self, question: &str, path: &[String]) -> Option<String> {
        let asked = model::slug(question);
        path.iter()
            .rev()
            .filter(|section| !asked.contains(&model::slug(section)))
            .map(|section| format!("{question} ({section})"))
            .find(|q| !self.fronts.contains(q))
    }
}

/// Cloze ids use the hidden part, not the sentence around it, so rewording
/// a definition updates its note instead of creating a new one.
fn item_id(cx: &Cx, draft: &Draft) -> String {
    let key = match &draft.prompt {
        Prompt::Question { text } => text.as_str(),
        Prompt::Cloze { hidden, .. } => hidden.as_str(),
    };
    model::stable_id("s", &[&cx.doc, &draft.path.join("\u{1e}"), draft.kind.name(), key])
}

/// How a node's item children are to be learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    Enumeration,
    Sequence,
}

/// A numbered list is a sequence only when the text says its order is to
/// be learned; otherwise it is a set like any other, and a list whose
/// items repeat is neither.
fn shape(lang: Lang, node: &Node) -> Shape {
    let members = members(node);
    let prose = node.kind == NodeKind::Paragraph && !model::is_lead_in(&node.text);
    if prose || members.len() < 2 || order::repeats(&members) {
        return Shape::Plain;
    }
    let named = members.iter().all(|m| is_named(m));
    let ordered = node.role == Role::Sequence || (members.len() >= 3 && members.iter().all(|m| m.ordered));
    match node.role {
        _ if ordered && order::announced(lang, node, &members) => Shape::Sequence,
        Role::Enumeration => Shape::Enumeration,
        _ if named && (ordered || !members.iter().any(|m| m.ordered)) => Shape::Enumeration,
        _ => Shape::Plain,
    }
}

/// The members of a set or steps of a sequence: the item children, or,
/// when the reader marked the role on a heading whose members are
/// sub-headings, every non-paragraph child.
pub(crate) fn members(node: &Node) -> Vec<&Node> {
    let items: Vec<&Node> = node.children.iter().filter(|c| c.kind == NodeKind::Item).collect();
    if items.is_empty() && matches!(node.role, Role::Enumeration | Role::Sequence) {
        return node.children.iter().filter(|c| c.kind != NodeKind::Paragraph).collect();
    }
    items
}

fn is_member(parent_shape: Shape, child: &Node) -> bool {
    parent_shape != Shape::Plain && child.kind != NodeKind::Paragraph
}

fn is_named(node: &Node) -> bool {
    node.term.is_some() || !explanation(node).is_empty() || word_count(&node.text) <= MAX_MEMBER_NAME_WORDS
}

fn visit(cx: &Cx, node: &Node, path: &mut Vec<String>, member: bool, out: &mut Collected) {
    let shape = shape(cx.lang, node);
    if !member {
        topic(cx, node, path, out);
        statement(cx, node, path, out);
        clozes(cx, node, path, out);
    }
    match shape {
        Shape::Enumeration => enumeration(cx, node, path, out),
        Shape::Sequence => sequence(cx, node, path, out),
        Shape::Plain => {}
    }
    path.push(node.text.clone());
    for child in &node.children {
        visit(cx, child, path, is_member(shape, child), out);
    }
    path.pop();
}

/// Paragraph children that explain a node, leaving out paragraphs that are
/// definitions of their own (they get their own item) and lead-ins ending
/// in ":" (what they announce is the answer, not they).
fn explanation(node: &Node) -> Vec<&Node> {
    node.children
        .iter()
        .filter(|c| c.kind == NodeKind::Paragraph && !(c.role == Role::Definition && c.term.is_some()))
        .filter(|c| !is_bare_link(&c.text) && !model::is_lead_in(&c.text))
        .collect()
}

/// A paragraph that is an address, or a "see also" with one, has nothing
/// to recall.
fn is_bare_link(text: &str) -> bool {
    const MAX_WORDS_AROUND_LINK: usize = 3;
    let is_link = |w: &str| w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.");
    let (links, others) = text.split_whitespace().fold((0, 0), |(l, o), w| if is_link(w) { (l + 1, o) } else { (l, o + 1) });
    links > 0 && others <= MAX_WORDS_AROUND_LINK
}

fn joined(nodes: &[&Node]) -> String {
    nodes.iter().map(|n| n.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
}

fn span_of(node: &Node, parts: &[&Node]) -> Span {
    parts.iter().fold(node.span, |s, p| s.merge(p.span))
}

fn with(path: &[String], last: &str) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(last.to_owned());
    p
}

/// Basic: a heading (or a list item) and the paragraphs that explain it.
fn topic(cx: &Cx, node: &Node, path: &[String], out: &mut Collected) {
    let parts = explanation(node);
    if node.kind == NodeKind::Paragraph || parts.is_empty() {
        return;
    }
    let subject = node.term.as_deref().unwrap_or(&node.text);
    out.push(cx, Draft {
        kind: ItemKind::Basic,
        path: with(path, &node.text),
        prompt: Prompt::Question { text: cx.lang.what_is(subject) },
        answer: Answer::Text { text: leading_answer(&joined(&parts)) },
        span: span_of(node, &parts),
    });
}

/// Basic: "Term: definition" written on one paragraph or item.
fn statement(cx: &Cx, node: &Node, path: &[String], out: &mut Collected) {
    let (NodeKind::Paragraph | NodeKind::Item, Role::Definition, Some(term)) = (node.kind, node.role, &node.term) else {
        return;
    };
    let definition = definition_text(cx.lang, node, term);
    out.push(cx, Draft {
        kind: ItemKind::Basic,
        path: path.to_vec(),
        prompt: Prompt::Question { text: cx.lang.what_is(term) },
        answer: Answer::Text { text: leading_answer(definition) },
        span: node.span,
    });
}

/// The text after a leading "Term:" or "Term es" (or the whole text when
/// the term came from elsewhere, such as the heading).
fn definition_text<'a>(lang: Lang, node: &'a Node, term: &str) -> &'a str {
    let text = node.text.trim();
    match text.strip_prefix(term) {
        Some(rest) => text::without_copula(lang, rest.trim_start_matches([':', '-', '–', '—', '=', ' ']).trim()),
        None => text,
    }
}

/// Cloze: every sentence of a paragraph or list item that defines a term
/// the document is about, with the hidden term and the sentence short.
fn clozes(cx: &Cx, node: &Node, path: &[String], out: &mut Collected) {
    if node.kind == NodeKind::Heading {
        return;
    }
    for sentence in text::sentences(&node.text) {
        let Some(d) = text::definitional(cx.lang, sentence) else { continue };
        if !(d.defining || is_topic(d.term, node, path)) {
            continue;
        }
        out.push(cx, Draft {
            kind: ItemKind::Cloze,
            path: path.to_vec(),
            prompt: Prompt::Cloze { before: d.before.into(), hidden: d.term.into(), after: short_after(&d) },
            answer: Answer::Text { text: d.term.into() },
            span: node.span,
        });
    }
}

/// Whether `term` is what the text is about: its section's heading, the
/// node's own term, or a bold phrase of the node.
fn is_topic(term: &str, node: &Node, path: &[String]) -> bool {
    let term = model::slug(term);
    let names = |text: &str| !term.is_empty() && format!("-{}-", model::slug(text)).contains(&format!("-{term}-"));
    path.last().is_some_and(|h| names(h))
        || node.term.as_deref().is_some_and(|t| model::slug(t) == term)
        || node.marks.iter().filter(|m| m.style == MarkStyle::Bold).any(|m| model::slug(&marked(node, m)) == term)
}

fn marked(node: &Node, mark: &model::Mark) -> String {
    node.text.chars().skip(mark.start).take(mark.end.saturating_sub(mark.start)).collect()
}

/// The text after a cloze's term, cut so the sentence fits a card.
fn short_after(d: &text::Definitional<'_>) -> String {
    let room = MAX_CLOZE_WORDS.saturating_sub(word_count(d.before) + word_count(d.term));
    if word_count(d.after) <= room || room < 4 {
        return d.after.into();
    }
    format!(" {}", clipped(d.after.trim(), room))
}

/// What a member is called: its term, else its text.
fn member_name(node: &Node) -> String {
    node.term.clone().unwrap_or_else(|| node.text.trim().trim_end_matches(['.', ';', ':']).to_owned())
}

/// A member's own explanation: its paragraphs, else the text after its term.
fn member_explanation(lang: Lang, node: &Node) -> String {
    let parts = explanation(node);
    if !parts.is_empty() {
        return joined(&parts);
    }
    match &node.term {
        Some(term) => definition_text(lang, node, term).to_owned(),
        None => String::new(),
    }
}

/// A step as shown in a sequence: its term, else its text up to a colon,
/// else its first words — the sequence is about order, not detail.
fn step_label(node: &Node) -> String {
    if let Some(term) = &node.term {
        return term.clone();
    }
    let text = node.text.trim().trim_end_matches(['.', ';', ':']);
    let head = text.split([':', '–', '—']).next().unwrap_or(text).trim();
    if word_count(head) <= MAX_MEMBER_NAME_WORDS {
        return head.to_owned();
    }
    // The "…" counts as a word where the card is read.
    let words: Vec<&str> = head.split_whitespace().take(MAX_MEMBER_NAME_WORDS - 1).collect();
    format!("{} …", words.join(" "))
}

/// What a list is about and the section its items belong to: the node
/// holding it, or for a lead-in ("Sus etapas son:") the section around the
/// lead-in, which the sentence only introduces.
fn list_subject<'a>(node: &'a Node, path: &'a [String]) -> (&'a str, Vec<String>) {
    match path.last() {
        Some(section) if node.kind == NodeKind::Paragraph => (section, path.to_vec()),
        _ => (node.term.as_deref().unwrap_or(&node.text), with(path, &node.text)),
    }
}

/// Enumeration: "which are the N …?" plus one Basic per explained member.
fn enumeration(cx: &Cx, node: &Node, path: &[String], out: &mut Collected) {
    let members = members(node);
    let names: Vec<String> = members.iter().map(|m| member_name(m)).collect();
    let labels: Vec<String> = members.iter().map(|m| step_label(m)).collect();
    let (subject, section) = list_subject(node, path);
    // A list too long to recall at once is learned member by member, and
    // so is one whose members share a name ("MAC: …", "MAC: …").
    let distinct = labels.iter().collect::<HashSet<_>>().len() == labels.len();
    if distinct && labels.iter().map(|l| word_count(l)).sum::<usize>() <= text::MAX_ANSWER_WORDS {
        out.push(cx, Draft {
            kind: ItemKind::Enumeration,
            path: section.clone(),
            prompt: Prompt::Question { text: cx.lang.which_are(subject, labels.len()) },
            answer: Answer::List { ordered: false, items: labels },
            span: members.iter().fold(node.span, |s, m| s.merge(m.span)),
        });
    }
    for (member, name) in members.iter().zip(&names) {
        let text = member_explanation(cx.lang, member);
        out.push(cx, Draft {
            kind: ItemKind::Basic,
            path: section.clone(),
            prompt: Prompt::Question { text: cx.lang.member_meaning(name, subject) },
            answer: Answer::Text { text: leading_answer(&text) },
            span: span_of(member, &explanation(member)),
        });
    }
}

/// Sequence: one cloze per step, shown between its neighbours so the order
/// itself is what is recalled ("overlapping cloze"). Its answer is the
/// hidden step; the neighbours are the context.
fn sequence(cx: &Cx, node: &Node, path: &[String], out: &mut Collected) {
    let members = members(node);
    let steps: Vec<String> = members.iter().map(|m| step_label(m)).collect();
    let (subject, section) = list_subject(node, path);
    for (i, member) in members.iter().enumerate() {
        let (before, after) = neighbours(subject, &steps, i);
        out.push(cx, Draft {
            kind: ItemKind::Sequence,
            path: section.clone(),
            prompt: Prompt::Cloze { before, hidden: steps[i].clone(), after },
            answer: Answer::Text { text: steps[i].clone() },
            span: member.span,
        });
    }
}

/// The text around step `i`: the heading, the previous step, the next one,
/// and "…" where the sequence goes on beyond them.
fn neighbours(title: &str, steps: &[String], i: usize) -> (String, String) {
    let title = title.trim().trim_end_matches(':');
    let mut before = format!("{title}: ");
    if i >= 2 {
        before.push_str("… → ");
    }
    if i >= 1 {
        before.push_str(&steps[i - 1]);
        before.push_str(" → ");
    }
    let mut after = String::new();
    if let Some(next) = steps.get(i + 1) {
        after.push_str(" → ");
        after.push_str(next);
    }
    if i + 2 < steps.len() {
        after.push_str(" → …");
    }
    (before, after)
}
