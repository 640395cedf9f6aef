//! Formats that are the model itself: JSON and the editable Markdown outline.

use model::{Document, Node, NodeKind};

use crate::{Artifact, ExportError, Exporter, RenderContext};

/// `outline.json`: the document exactly as `studyforge parse --json` prints it.
pub struct Json;

impl Exporter for Json {
    fn name(&self) -> &str {
        "json"
    }

    fn description(&self) -> &str {
        "outline.json: the outline model (title, meta, nodes) as JSON"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let mut bytes = serde_json::to_vec_pretty(cx.document).map_err(|e| ExportError::render("json", e))?;
        bytes.push(b'\n');
        Ok(vec![Artifact { file_name: "outline.json".into(), bytes }])
    }
}

/// `outline.md`: the model as an editable Markdown outline. Ingesting it
/// gives back the same model, so a user fixes a guessed structure by
/// editing this file and building from it.
pub struct Markdown;

impl Exporter for Markdown {
    fn name(&self) -> &str {
        "md"
    }

    fn description(&self) -> &str {
        "outline.md: an editable Markdown outline that ingests back to the same model"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        Ok(vec![Artifact { file_name: "outline.md".into(), bytes: markdown_outline(cx.document).into_bytes() }])
    }
}

/// Front matter with title and metadata, then the tree: headings as `#`,
/// items as `-` / `1.` lists, paragraphs as paragraphs.
pub fn markdown_outline(doc: &Document) -> String {
    let mut out = String::from("---\n");
    let m = &doc.meta;
    let fields = [
        ("title", Some(&doc.title)),
        ("source", Some(&m.source)),
        ("kind", None),
        ("language", Some(&m.language)),
        ("author", m.author.as_ref()),
        ("date", m.date.as_ref()),
        ("iso_date", m.iso_date.as_ref()),
        ("site", m.site.as_ref()),
        ("category", m.category.as_ref()),
        ("description", m.description.as_ref()),
    ];
    for (key, value) in fields {
        match (key, value) {
            ("kind", _) => out.push_str(&format!("kind: {}\n", m.kind.name())),
            // JSON strings are valid YAML: quotes, colons and "#" stay text.
            (_, Some(v)) if !v.is_empty() => out.push_str(&format!("{key}: {}\n", json_string(v))),
            _ => {}
        }
    }
    out.push_str("---\n");
    write_blocks(&doc.nodes, 0, "", &mut out);
    out
}

fn json_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// Write sibling nodes. `heading_depth` is the level of the next heading;
/// `indent` is the prefix for content nested in list items.
fn write_blocks(nodes: &[Node], heading_depth: usize, indent: &str, out: &mut String) {
    let mut number = 0;
    for (i, node) in nodes.iter().enumerate() {
        number = if node.kind == NodeKind::Item && node.ordered { number + 1 } else { 0 };
        let text = inline_markdown(node);
        match node.kind {
            NodeKind::Heading if indent.is_empty() => {
                let level = (heading_depth + 1).min(6);
                out.push_str(&format!("\n{} {text}\n", "#".repeat(level)));
                write_blocks(&node.children, heading_depth + 1, indent, out);
            }
            NodeKind::Item => {
                let marker = match (node.ordered, node.checked) {
                    (true, _) => format!("{number}."),
                    (false, Some(true)) => "- [x]".to_owned(),
                    (false, Some(false)) => "- [ ]".to_owned(),
                    (false, None) => "-".to_owned(),
                };
                out.push_str(&format!("\n{indent}{marker} {text}\n"));
                let width = if node.ordered { marker.len() + 1 } else { 2 };
                let nested = format!("{indent}{}", " ".repeat(width));
                write_blocks(&node.children, heading_depth, &nested, out);
            }
            // Paragraphs, and headings that ended up inside a list item. A
            // lead-in ("…:") owns the list written right after it; a list
            // that only follows one is set apart by an empty comment.
            _ => {
                out.push_str(&format!("\n{indent}{text}\n"));
                write_blocks(&node.children, heading_depth, indent, out);
                let next_is_item = nodes.get(i + 1).is_some_and(|n| n.kind == NodeKind::Item);
                if node.children.is_empty() && next_is_item && model::is_lead_in(&node.text) {
                    out.push_str(&format!("\n{indent}{}\n", model::LIST_BREAK));
                }
            }
        }
    }
}

/// A node's text with its marks as Markdown, everything else escaped, and
/// the node's id as a trailing `{#id}` when the source gave it one (a mind
/// map's node id), so editing the outline keeps it.
fn inline_markdown(node: &Node) -> String {
    let out = String::with_capacity(node.text.len() + 8);
    if !model::is_derived_id(&node.id) && !node.id.is_empty() {
        return format!("{} {{#{}}}", inline_runs(node, out), node.id);
    }
    inline_runs(node, out)
}

fn inline_runs(node: &Node, mut out: String) -> String {
    for (i, run) in node.runs().iter().enumerate() {
        let escaped = escape_markdown(run.text, i == 0);
        let body = match run.link {
            Some(url) if url == run.text => format!("<{url}>"),
            Some(url) => format!("[{escaped}]({})", link_destination(url)),
            None if run.code => code_span(run.text),
            None => escaped,
        };
        let (open, close) = delimiters(run);
        // Delimiters must touch non-space text to count as emphasis.
        let lead = &body[..body.len() - body.trim_start().len()];
        let trail = &body[body.trim_end().len()..];
        out.push_str(&format!("{lead}{open}{}{close}{trail}", body.trim()));
    }
    out
}

fn delimiters(run: &model::Run<'_>) -> (String, String) {
    let mut open = String::new();
    if run.strike {
        open.push_str("~~");
    }
    if run.bold {
        open.push_str("**");
    }
    if run.italic {
        open.push('*');
    }
    let close: String = open.chars().rev().collect();
    (open, close)
}

fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn link_destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_owned()
    }
}

/// Backslash-escape what Markdown would read as markup. `at_start` also
/// guards what only means something at the start of a line.
pub fn escape_markdown(text: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for (i, c) in text.char_indices() {
        let line_start = at_start && i == 0;
        // `#` anywhere: a trailing one would close an ATX heading.
        let special = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '{' | '#')
            || (line_start && matches!(c, '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    if at_start {
        // "12. text" and "3) text" would start an ordered list.
        let digits = out.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
            out.insert(digits, '\\');
        }
    }
    out
}
