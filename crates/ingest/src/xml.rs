//! Mind maps with their real hierarchy: FreeMind `.mm` (as Coggle exports
//! it) and OPML.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use model::{Meta, SourceKind, Span};

use crate::arena::Arena;
use crate::decode::normalize_space;
use crate::flat::Parsed;
use crate::inline::{self, Carry};
use crate::lines::{self, Marker};
use crate::outline::{blank_node, is_prose};

/// A parse failure with the line it happened on.
pub struct XmlError {
    pub line: usize,
    pub message: String,
}

/// One outline node as read from the XML, before ordering and text parsing.
#[derive(Default)]
struct Raw {
    text: String,
    id: Option<String>,
    /// FreeMind's POSITION: mind maps put first-level branches left or right.
    left: bool,
    note: Option<String>,
    line: usize,
    children: Vec<usize>,
}

pub fn read(text: &str, kind: SourceKind) -> Result<Parsed, XmlError> {
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
    let line_of = |offset: u64| line_starts.partition_point(|&s| s as u64 <= offset).max(1);
    let mut reader = Reader::from_str(text);
    let mut raws: Vec<Raw> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut meta = Meta { kind, ..Meta::default() };
    let mut title = None;
    let mut head_field: Option<String> = None;
    let mut rich: Option<(bool, String)> = None; // (is note, text)
    let node_tag: &[u8] = if kind == SourceKind::Opml { b"outline" } else { b"node" };
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| XmlError { line: line_of(reader.error_position()), message: e.to_string() })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == node_tag => {
                let raw = read_node(e, kind, line_of(at)).map_err(|message| XmlError { line: line_of(at), message })?;
                raws.push(raw);
                let idx = raws.len() - 1;
                match open.last() {
                    Some(&parent) => raws[parent].children.push(idx),
                    None => roots.push(idx),
                }
                if matches!(event, Event::Start(_)) {
                    open.push(idx);
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == node_tag => {
                open.pop();
            }
            Event::Start(ref e) if e.local_name().as_ref() == b"richcontent" => {
                let is_note = attr(e, b"TYPE").ok().flatten().is_some_and(|t| !t.eq_ignore_ascii_case("NODE"));
                rich = Some((is_note, String::new()));
            }
            Event::End(ref e) if e.local_name().as_ref() == b"richcontent" => {
                if let (Some((is_note, body)), Some(&idx)) = (rich.take(), open.last()) {
                    let body = normalize_space(&body).into_owned();
                    if is_note {
                        raws[idx].note = Some(body);
                    } else if raws[idx].text.is_empty() {
                        raws[idx].text = body;
                    }
                }
            }
            Event::Start(ref e) if kind == SourceKind::Opml && open.is_empty() => {
                head_field = Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Event::Text(ref t) => {
                let value = t.decode().map_err(|e| XmlError { line: line_of(at), message: e.to_string() })?;
                let value = quick_xml::escape::unescape(&value).map(|v| v.into_owned()).unwrap_or_else(|_| value.into_owned());
                if let Some((_, body)) = rich.as_mut() {
                    body.push(' ');
                    body.push_str(&value);
                } else if let Some(field) = head_field.take() {
                    let value = normalize_space(&value).into_owned();
                    match field.as_str() {
                        "title" if !value.is_empty() => title = Some(value),
                        "ownerName" => meta.author = Some(value),
                        "dateCreated" => meta.date = Some(value),
                        _ => {}
                    }
                }
            }
            Event::GeneralRef(ref r) => {
                if let Some((_, body)) = rich.as_mut() {
                    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                    let entity = format!("&{name};");
                    body.push_str(&quick_xml::escape::unescape(&entity).map(|v| v.into_owned()).unwrap_or(entity));
                }
            }
            Event::End(_) => head_field = None,
            Event::Eof => break,
            _ => {}
        }
    }
    let mut arena = Arena::default();
    emit(&raws, &roots, kind, &mut arena);
    arena.assign_kinds_by_shape(is_prose);
    Ok(Parsed { title, meta, arena, dropped: Vec::new() })
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.local_name().as_ref().eq_ignore_ascii_case(name) {
            let value = a.unescape_value().map_err(|e| e.to_string())?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

fn read_node(e: &BytesStart<'_>, kind: SourceKind, line: usize) -> Result<Raw, String> {
    let (text_attr, note_attr): (&[u8], &[u8]) = if kind == SourceKind::Opml { (b"text", b"_note") } else { (b"TEXT", b"NOTE") };
    let text = match attr(e, text_attr)? {
        Some(t) => t,
        None => attr(e, b"title")?.unwrap_or_default(),
    };
    let id = attr(e, b"ID")?.map(|id| id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect::<String>());
    Ok(Raw {
        text,
        id: id.filter(|i| !i.is_empty()).map(|i| format!("n{i}")),
        left: attr(e, b"POSITION")?.is_some_and(|p| p.eq_ignore_ascii_case("left")),
        note: attr(e, note_attr)?,
        line,
        children: Vec::new(),
    })
}

/// Push raw nodes into the arena in reading order: right-hand branches of a
/// mind map first, then the left-hand ones, each side in document order.
fn emit(raws: &[Raw], roots: &[usize], kind: SourceKind, arena: &mut Arena) {
    let mut carry = Carry::default();
    let mut stack: Vec<(usize, Option<usize>)> = roots.iter().rev().map(|&r| (r, None)).collect();
    while let Some((i, parent)) = stack.pop() {
        let raw = &raws[i];
        let idx = push_text(&raw.text, raw.line, parent, arena, &mut carry);
        if let Some(id) = &raw.id {
            arena.get_mut(idx).id.clone_from(id);
        }
        if let Some(note) = raw.note.as_deref().filter(|n| !n.trim().is_empty()) {
            push_text(note, raw.line, Some(idx), arena, &mut carry);
        }
        let mut children = raw.children.clone();
        if kind == SourceKind::Freemind {
            children.sort_by_key(|&c| raws[c].left);
        }
        stack.extend(children.into_iter().rev().map(|c| (c, Some(idx))));
    }
}

/// A node's text may hold several lines of Coggle Markdown: plain lines
/// make up the node's text, bulleted lines become items under it.
fn push_text(text: &str, line: usize, parent: Option<usize>, arena: &mut Arena, carry: &mut Carry) -> usize {
    let mut own = Vec::new();
    let mut bullets = Vec::new();
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match lines::split_marker(l) {
            (Marker::None, body) => own.push(body),
            (marker, body) if !body.is_empty() => bullets.push((matches!(marker, Marker::Number(_)), body)),
            _ => {}
        }
    }
    let mut node = blank_node(Span::line(line));
    node.rule = "mind-map-node".into();
    let styled = inline::parse(&normalize_space(&own.join(" ")), carry);
    node.text = styled.text;
    node.marks = styled.marks;
    let idx = arena.push(node, parent);
    for (ordered, body) in bullets {
        let mut item = blank_node(Span::line(line));
        item.rule = "mind-map-node".into();
        let styled = inline::parse(&normalize_space(body), carry);
        item.text = styled.text;
        item.marks = styled.marks;
        item.ordered = ordered;
        arena.push(item, Some(idx));
    }
    idx
}
