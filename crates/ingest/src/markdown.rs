//! Markdown outlines (and studyforge's own `outline.md`) via CommonMark.
//!
//! Headings nest by level, list items by list nesting; an item's first text
//! is its own text and later paragraphs in it are its children. Front matter
//! (`key: value` between `---` lines) carries the title and metadata.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use model::{Mark, MarkStyle, Meta, Node, NodeKind, SourceKind, Span};

use crate::arena::Arena;
use crate::decode::normalize_space;
use crate::flat::Parsed;

pub fn read(text: &str) -> Parsed {
    let mut reader = Reader::new(text);
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        // A block ends where its range ends; everything else happens at its start.
        let at = if matches!(event, Event::End(_)) { range.end } else { range.start };
        reader.event(event, at);
    }
    reader.flush(text.len());
    reader.into_parsed()
}

/// Inline text being collected for the next node.
#[derive(Default)]
struct Buffer {
    text: String,
    len: usize,
    marks: Vec<Mark>,
    /// Open styles: (style, start char).
    open: Vec<(MarkStyle, usize)>,
    start: usize,
    code_block: bool,
}

impl Buffer {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.len += s.chars().count();
    }
}

/// An open list item: its node once its text is known.
struct OpenItem {
    node: Option<usize>,
    ordered: bool,
    checked: Option<bool>,
    start: usize,
}

struct Reader<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    arena: Arena,
    meta: Meta,
    title: Option<String>,
    /// (level, node) of open headings.
    headings: Vec<(usize, usize)>,
    /// Ordered flag of each open list, and the lead-in paragraph that owns
    /// it, if any.
    lists: Vec<(bool, Option<usize>)>,
    /// The paragraph just read, when it ends in ":" and a list may follow.
    lead_in: Option<usize>,
    items: Vec<OpenItem>,
    buffer: Option<Buffer>,
    heading_level: Option<usize>,
    in_metadata: bool,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str) -> Self {
        let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1)).collect();
        Reader {
            source,
            line_starts,
            arena: Arena::default(),
            meta: Meta::default(),
            title: None,
            headings: Vec::new(),
            lists: Vec::new(),
            lead_in: None,
            items: Vec::new(),
            buffer: None,
            heading_level: None,
            in_metadata: false,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn event(&mut self, event: Event<'_>, at: usize) {
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag, at),
            Event::Text(t) if self.in_metadata => self.front_matter(&t),
            Event::Text(t) => self.text(&t, at),
            Event::Code(t) => self.styled_text(&t, at, MarkStyle::Code),
            // The writer's list separator: not text, and no lead-in owns the list after it.
            Event::Html(t) if t.trim() == model::LIST_BREAK => self.lead_in = None,
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t, at),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t, at),
            Event::FootnoteReference(t) => self.text(&t, at),
            Event::SoftBreak | Event::HardBreak => self.text(" ", at),
            Event::TaskListMarker(checked) => {
                if let Some(item) = self.items.last_mut() {
                    item.checked = Some(checked);
                }
            }
            Event::Rule => self.flush(at),
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => self.in_metadata = true,
            Tag::Heading { level, .. } => {
                self.flush(at);
                self.heading_level = Some(heading_number(level));
                self.buffer_at(at);
            }
            Tag::Paragraph => {
                self.flush(at);
                self.buffer_at(at);
            }
            Tag::CodeBlock(_) => {
                self.flush(at);
                self.buffer_at(at).code_block = true;
            }
            Tag::List(first) => {
                self.flush(at);
                // A paragraph ending in ":" right before a list owns it.
                let owner = if self.items.is_empty() { self.lead_in.take() } else { None };
                self.lists.push((first.is_some(), owner));
            }
            Tag::Item => {
                self.flush(at);
                let ordered = self.lists.last().is_some_and(|&(ordered, _)| ordered);
                self.items.push(OpenItem { node: None, ordered, checked: None, start: at });
            }
            Tag::Emphasis => self.open_style(MarkStyle::Italic),
            Tag::Strong => self.open_style(MarkStyle::Bold),
            Tag::Strikethrough => self.open_style(MarkStyle::Strike),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.open_style(MarkStyle::Link { url: dest_url.to_string() })
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, at: usize) {
        match tag {
            TagEnd::MetadataBlock(_) => self.in_metadata = false,
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock => self.flush(at),
            TagEnd::List(_) => {
                self.flush(at);
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush(at);
                if let Some(item) = self.items.pop() {
                    if item.node.is_none() && item.checked.is_some() {
                        // "- [ ]" with no text is still a task.
                        self.push_item(&item, String::new(), Vec::new(), at);
                    }
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image => {
                self.close_style()
            }
            _ => {}
        }
    }

    fn buffer_at(&mut self, at: usize) -> &mut Buffer {
        self.buffer.get_or_insert_with(|| Buffer { start: at, ..Buffer::default() })
    }

    fn open_style(&mut self, style: MarkStyle) {
        let len = self.buffer.as_ref().map_or(0, |b| b.len);
        if let Some(b) = self.buffer.as_mut() {
            b.open.push((style, len));
        } else {
            self.buffer = Some(Buffer { open: vec![(style, 0)], ..Buffer::default() });
        }
    }

    fn close_style(&mut self) {
        if let Some(b) = self.buffer.as_mut() {
            if let Some((style, start)) = b.open.pop() {
                if b.len > start {
                    b.marks.push(Mark { start, end: b.len, style });
                }
            }
        }
    }

    fn text(&mut self, text: &str, at: usize) {
        let in_link = self.buffer.as_ref().is_some_and(|b| b.open.iter().any(|(s, _)| matches!(s, MarkStyle::Link { .. })));
        let b = self.buffer_at(at);
        if in_link || b.code_block {
            b.push(text);
            if b.code_block {
                let start = b.len - text.chars().count();
                b.marks.push(Mark { start, end: b.len, style: MarkStyle::Code });
            }
            return;
        }
        // Bare URLs become links, as in every other reader.
        let mut rest = text;
        let mut prev = b.text.chars().last();
        while let Some(c) = rest.chars().next() {
            if let Some(url) = crate::inline::bare_url(rest, prev) {
                let start = b.len;
                b.push(url);
                let target = if url.to_ascii_lowercase().starts_with("www.") { format!("https://{url}") } else { url.to_owned() };
                b.marks.push(Mark { start, end: b.len, style: MarkStyle::Link { url: target } });
                rest = &rest[url.len()..];
                prev = url.chars().last();
            } else {
                b.text.push(c);
                b.len += 1;
                rest = &rest[c.len_utf8()..];
                prev = Some(c);
            }
        }
    }

    fn styled_text(&mut self, text: &str, at: usize, style: MarkStyle) {
        let b = self.buffer_at(at);
        let start = b.len;
        b.push(text);
        b.marks.push(Mark { start, end: b.len, style });
    }

    fn front_matter(&mut self, block: &str) {
        for line in block.lines() {
            let Some((key, value)) = line.split_once(':') else { continue };
            let value = value.trim();
            // The outline writer quotes values as JSON strings (valid YAML).
            let value = match value.strip_prefix('"').and_then(|_| serde_json::from_str::<String>(value).ok()) {
                Some(unquoted) => normalize_space(&unquoted).into_owned(),
                None => normalize_space(value).into_owned(),
            };
            let slot = match key.trim() {
                "title" => &mut self.title,
                "author" => &mut self.meta.author,
                "date" => &mut self.meta.date,
                "iso_date" => &mut self.meta.iso_date,
                "site" => &mut self.meta.site,
                "category" => &mut self.meta.category,
                "description" => &mut self.meta.description,
                "language" | "lang" => {
                    self.meta.language = value;
                    continue;
                }
                _ => continue,
            };
            if !value.is_empty() {
                *slot = Some(value);
            }
        }
    }

    /// Turn the collected text into a node where the context says.
    fn flush(&mut self, at: usize) {
        let Some(buffer) = self.buffer.take() else { return };
        self.lead_in = None;
        let (text, marks) = normalize(buffer.text, buffer.marks);
        let (text, id) = self.split_id(text, at);
        let level = self.heading_level.take();
        if let Some(item) = self.items.pop() {
            if item.node.is_none() {
                // The first text inside an item is the item's own text.
                let idx = self.push_item(&item, text, marks, at);
                self.arena.get_mut(idx).id = id.unwrap_or_default();
                self.items.push(OpenItem { node: Some(idx), ..item });
                return;
            }
            self.items.push(item);
        }
        if text.is_empty() {
            return;
        }
        let span = self.span(buffer.start, at);
        let rule = if buffer.code_block { "md-code" } else { "md-paragraph" };
        let make = |kind, rule| Node { id: id.clone().unwrap_or_default(), ..node(kind, text.clone(), marks.clone(), span, rule) };
        match (level, self.items.last().and_then(|i| i.node)) {
            (Some(level), None) => {
                while self.headings.last().is_some_and(|&(l, _)| l >= level) {
                    self.headings.pop();
                }
                let parent = self.headings.last().map(|&(_, n)| n);
                let idx = self.arena.push(make(NodeKind::Heading, "md-heading"), parent);
                self.headings.push((level, idx));
            }
            (_, Some(item)) => {
                self.arena.push(make(NodeKind::Paragraph, rule), Some(item));
            }
            (None, None) => {
                let parent = self.headings.last().map(|&(_, n)| n);
                let idx = self.arena.push(make(NodeKind::Paragraph, rule), parent);
                self.lead_in = model::is_lead_in(&text).then_some(idx);
            }
        }
    }

    /// A trailing `{#id}` — written for ids the source gave — sets the node
    /// id. Checked against the raw source, so an escaped `\{#x}` stays text.
    fn split_id(&self, text: String, at: usize) -> (String, Option<String>) {
        let raw = self.source.get(..at).unwrap_or("").trim_end();
        let parsed = text.strip_suffix('}').and_then(|t| t.rsplit_once(" {#")).filter(|(_, id)| {
            id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && raw.ends_with(&format!(" {{#{id}}}"))
        });
        match parsed {
            Some((body, id)) => (body.to_owned(), Some(id.to_owned())),
            None => (text, None),
        }
    }

    fn push_item(&mut self, item: &OpenItem, text: String, marks: Vec<Mark>, at: usize) -> usize {
        let parent = self
            .items
            .iter()
            .rev()
            .find_map(|i| i.node)
            .or_else(|| self.list_owner())
            .or_else(|| self.headings.last().map(|&(_, n)| n));
        let span = self.span(item.start, at);
        let mut n = node(NodeKind::Item, text, marks, span, "md-item");
        n.ordered = item.ordered;
        n.checked = item.checked;
        self.arena.push(n, parent)
    }

    /// The lead-in paragraph owning the open top-level list.
    fn list_owner(&self) -> Option<usize> {
        self.lists.first().and_then(|&(_, owner)| owner)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let first = self.line_of(start);
        let end = end.min(self.source.len()).max(start + 1) - 1;
        Span { start: first, end: self.line_of(end).max(first) }
    }

    fn into_parsed(self) -> Parsed {
        Parsed {
            title: self.title,
            meta: Meta { kind: SourceKind::Markdown, ..self.meta },
            arena: self.arena,
            dropped: Vec::new(),
        }
    }
}

fn heading_number(level: HeadingLevel) -> usize {
    level as usize
}

/// Collapse whitespace the way every reader does, keeping marks aligned.
fn normalize(text: String, marks: Vec<Mark>) -> (String, Vec<Mark>) {
    let mut out = String::with_capacity(text.len());
    // map[i] = index in `out` of original char i
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut count = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        map.push(count + usize::from(pending_space && !c.is_whitespace()));
        if c.is_whitespace() {
            pending_space = count > 0;
        } else if c.is_control() {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                count += 1;
                pending_space = false;
            }
            out.push(c);
            count += 1;
        }
    }
    map.push(count);
    let marks = marks
        .into_iter()
        .filter_map(|m| {
            let start = map[m.start.min(map.len() - 1)];
            let end = map[m.end.min(map.len() - 1)].min(count);
            (end > start).then_some(Mark { start, end, style: m.style })
        })
        .collect();
    (out, marks)
}

fn node(kind: NodeKind, text: String, marks: Vec<Mark>, span: Span, rule: &'static str) -> Node {
    Node { marks, rule: rule.into(), ..Node::new(kind, text, span) }
}
