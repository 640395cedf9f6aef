//! The outline model: one [`Document`] per source, a tree of [`Node`]s.
//!
//! Readers (`ingest`) produce it, exporters only ever read it. Its JSON form
//! (`studyforge parse FILE --json`) is a contract outside tools rely on:
//! top level `title`, `meta`, `nodes`; every node `kind`, `text`, `children`.

mod ids;
mod walk;

pub use ids::{IdPath, is_derived_id, slug, stable_id};
pub use walk::{NodeRef, Walk};

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Deepest nesting the model holds. Readers clamp deeper outlines to this
/// depth (keeping every node, in order) so that no consumer — serde, typst,
/// XHTML — ever recurses without bound on hostile input.
pub const MAX_DEPTH: usize = 48;

/// In the Markdown outline, a paragraph ending in ":" owns the list written
/// right after it (a lead-in and what it announces). This empty comment
/// stands between such a paragraph and a list that is only its sibling.
pub const LIST_BREAK: &str = "<!-- -->";

/// A lead-in: text ending in ":", which announces (and in the outline
/// owns) the list after it.
pub fn is_lead_in(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// One ingested source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Document {
    pub title: String,
    pub meta: Meta,
    pub nodes: Vec<Node>,
    /// Lines recognized as junk (page chrome, boilerplate) and left out, kept
    /// so `studyforge check` can show what was dropped and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<DroppedLine>,
}

/// What is known about a source besides its content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Meta {
    /// Path of the source as given on the command line.
    pub source: String,
    /// Which reader produced the document.
    pub kind: SourceKind,
    /// BCP-47 primary language tag ("es", "en", "pt", "fr").
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The date as the page wrote it ("lunes, 3 de noviembre de 2008").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The same date as ISO 8601 (`2008-11-03`) when it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Page description or subtitle, when the source carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The raw shapes studyforge reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// Text copied from a rendered Coggle page: hierarchy flattened to lines.
    CogglePage,
    /// A blog or class-notes post with site chrome around the content.
    Blog,
    /// Coggle's "Plain-Text Outline" download: hierarchy by indentation.
    IndentOutline,
    /// Markdown headings and nested lists (also studyforge's own outline).
    #[default]
    Markdown,
    /// FreeMind `.mm`, as Coggle downloads it.
    Freemind,
    /// OPML outline.
    Opml,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::CogglePage,
        SourceKind::Blog,
        SourceKind::IndentOutline,
        SourceKind::Markdown,
        SourceKind::Freemind,
        SourceKind::Opml,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SourceKind::CogglePage => "coggle-page",
            SourceKind::Blog => "blog",
            SourceKind::IndentOutline => "indent-outline",
            SourceKind::Markdown => "markdown",
            SourceKind::Freemind => "freemind",
            SourceKind::Opml => "opml",
        }
    }

    pub fn from_name(name: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A node of the outline tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Node {
    /// Stable id: the source's own id where it has one (FreeMind), else
    /// derived from the heading path and the text. Used for anchors, card ids
    /// and links back to the source.
    pub id: String,
    pub kind: NodeKind,
    /// Plain text: whitespace normalized, NFC, markup and bullet glyphs removed.
    pub text: String,
    /// Inline formatting over `text`, as char ranges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
    /// For items: the source numbered it (`1.`, `1)`, `a)`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub ordered: bool,
    /// For items written as checkboxes (`- [x]`): whether it was ticked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    /// What the content is, beyond its kind: a definition, an enumeration,
    /// a sequence. Recognized once here so every exporter can show it.
    #[serde(default, skip_serializing_if = "Role::is_plain")]
    pub role: Role,
    /// For definitions: the defined term (a prefix of `text` or the heading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// Lines of the source this node came from.
    pub span: Span,
    /// The named inference rule that decided this node's kind and place.
    /// Readers name rules with constants, so most nodes borrow the name
    /// instead of allocating a copy; it serializes as a plain string.
    #[cfg_attr(feature = "arbitrary", arbitrary(with = arbitrary_rule))]
    pub rule: Cow<'static, str>,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// `Cow<'static, str>` has no `Arbitrary` impl for a borrowed input: fuzzed
/// rule names are owned strings.
#[cfg(feature = "arbitrary")]
fn arbitrary_rule(u: &mut arbitrary::Unstructured<'_>) -> arbitrary::Result<Cow<'static, str>> {
    Ok(Cow::Owned(arbitrary::Arbitrary::arbitrary(u)?))
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Heading,
    Paragraph,
    Item,
}

/// The study-relevant shape of a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Plain,
    /// A term and what it means: "Cliente: el comprador…", "X es …", or a
    /// heading whose first paragraph defines it.
    Definition,
    /// A heading whose children are the named members of a set
    /// ("Tipos de segmentación" → Demográfica, Geográfica, …).
    Enumeration,
    /// A heading whose children are ordered steps or stages.
    Sequence,
}

impl Role {
    pub fn is_plain(&self) -> bool {
        *self == Role::Plain
    }
}

/// Inline formatting over a char range `[start, end)` of a node's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    #[serde(flatten)]
    pub style: MarkStyle,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(tag = "style", rename_all = "lowercase")]
pub enum MarkStyle {
    Bold,
    Italic,
    Strike,
    Code,
    Link { url: String },
}

/// Inclusive 1-based line range in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn line(n: usize) -> Span {
        Span { start: n, end: n }
    }

    pub fn merge(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// A source line left out of the model, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct DroppedLine {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// A run of a node's text with one set of styles: what renderers iterate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run<'a> {
    pub text: &'a str,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'a str>,
}

impl Node {
    /// A plain node with no id, marks, role or children yet: what readers
    /// start from before the finishing pass fills ids and roles.
    pub fn new(kind: NodeKind, text: impl Into<String>, span: Span) -> Node {
        Node {
            id: String::new(),
            kind,
            text: text.into(),
            marks: Vec::new(),
            ordered: false,
            checked: None,
            role: Role::Plain,
            term: None,
            span,
            rule: Cow::Borrowed(""),
            children: Vec::new(),
        }
    }

    /// Split the text into styled runs, so exporters never interpret marks
    /// themselves. Out-of-range marks (hand-edited JSON) are clamped.
    pub fn runs(&self) -> Vec<Run<'_>> {
        let chars: Vec<(usize, char)> = self.text.char_indices().collect();
        let n = chars.len();
        let byte_at = |c: usize| chars.get(c).map_or(self.text.len(), |&(b, _)| b);
        let mut cuts = vec![0, n];
        for m in &self.marks {
            cuts.push(m.start.min(n));
            cuts.push(m.end.min(n));
        }
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let mut run = Run {
                    text: &self.text[byte_at(a)..byte_at(b)],
                    bold: false,
                    italic: false,
                    strike: false,
                    code: false,
                    link: None,
                };
                for m in self.marks.iter().filter(|m| m.start <= a && b <= m.end) {
                    match &m.style {
                        MarkStyle::Bold => run.bold = true,
                        MarkStyle::Italic => run.italic = true,
                        MarkStyle::Strike => run.strike = true,
                        MarkStyle::Code => run.code = true,
                        MarkStyle::Link { url } => run.link = Some(url),
                    }
                }
                run
            })
            .filter(|r| !r.text.is_empty())
            .collect()
    }
}

impl Document {
    /// The slug used for this document's output folder.
    pub fn slug(&self) -> String {
        let from_title = slug(&self.title);
        if from_title.is_empty() { "untitled".to_owned() } else { from_title }
    }

    /// Every node in document order with its depth and heading path.
    pub fn walk(&self) -> Walk<'_> {
        Walk::new(&self.nodes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(text: &str, marks: Vec<Mark>) -> Node {
        Node { marks, ..Node::new(NodeKind::Paragraph, text, Span::line(1)) }
    }

    #[test]
    fn runs_split_text_at_mark_boundaries_by_char() {
        let n = node(
            "ñandú es un ave",
            vec![Mark { start: 0, end: 5, style: MarkStyle::Bold }],
        );
        let runs = n.runs();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].text, "ñandú");
        assert!(runs[0].bold);
        assert_eq!(runs[1].text, " es un ave");
        assert!(!runs[1].bold);
    }

    #[test]
    fn runs_clamp_marks_past_the_end() {
        let n = node("abc", vec![Mark { start: 1, end: 99, style: MarkStyle::Italic }]);
        let texts: Vec<_> = n.runs().iter().map(|r| (r.text, r.italic)).collect();
        assert_eq!(texts, vec![("a", false), ("bc", true)]);
    }

    #[test]
    fn json_has_the_contract_fields() {
        let doc = Document {
            title: "T".into(),
            meta: Meta { source: "a.txt".into(), language: "es".into(), ..Meta::default() },
            nodes: vec![node("x", vec![])],
            dropped: vec![],
        };
        let v = serde_json::to_value(&doc).unwrap();
        assert_eq!(v["title"], "T");
        assert_eq!(v["meta"]["kind"], "markdown");
        assert_eq!(v["nodes"][0]["kind"], "paragraph");
        assert_eq!(v["nodes"][0]["text"], "x");
        assert!(v["nodes"][0]["children"].is_array());
        assert_eq!(v["nodes"][0]["span"]["start"], 1);
    }

    #[test]
    fn source_kind_names_round_trip() {
        for k in SourceKind::ALL {
            assert_eq!(SourceKind::from_name(k.name()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }
}
