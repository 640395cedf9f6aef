//! The Markdown outline is an editable round trip: writing a model as
//! Markdown and ingesting it gives back the same model.

mod common;

use model::{Document, Mark, MarkStyle, Meta, Node, NodeKind, Role, SourceKind, Span};
use proptest::prelude::*;

/// What the outline must preserve: everything but where it came from.
#[derive(Debug, PartialEq)]
struct Shape {
    id: String,
    kind: NodeKind,
    text: String,
    marks: Vec<(usize, usize, String)>,
    ordered: bool,
    checked: Option<bool>,
    role: Role,
    term: Option<String>,
    children: Vec<Shape>,
}

fn shape(nodes: &[Node]) -> Vec<Shape> {
    nodes
        .iter()
        .map(|n| {
            let mut marks: Vec<_> = n.marks.iter().map(|m| (m.start, m.end, format!("{:?}", m.style))).collect();
            marks.sort();
            Shape {
                id: n.id.clone(),
                kind: n.kind,
                text: n.text.clone(),
                marks,
                ordered: n.ordered,
                checked: n.checked,
                role: n.role,
                term: n.term.clone(),
                children: shape(&n.children),
            }
        })
        .collect()
}

fn reingest(doc: &Document) -> Document {
    let md = export::builtin::markdown_outline(doc);
    ingest::ingest_bytes("outline.md", md.as_bytes(), None).unwrap_or_else(|e| panic!("{e}\n{md}"))
}

fn assert_same(a: &Document, b: &Document) {
    assert_eq!(a.title, b.title);
    let meta = |m: &Meta| (m.language.clone(), m.author.clone(), m.date.clone(), m.iso_date.clone(), m.site.clone(), m.category.clone(), m.description.clone());
    assert_eq!(meta(&a.meta), meta(&b.meta));
    assert_eq!(shape(&a.nodes), shape(&b.nodes), "\n{}", export::builtin::markdown_outline(a));
}

#[test]
fn every_sample_source_round_trips() {
    let mut seen = 0;
    for entry in std::fs::read_dir(common::sources_dir()).unwrap() {
        let path = entry.unwrap().path();
        let doc = ingest::ingest_file(&path, None).unwrap();
        assert_same(&doc, &reingest(&doc));
        seen += 1;
    }
    assert!(seen >= 7, "expected the sample sources, saw {seen}");
}

#[test]
fn every_seed_round_trips() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let Some(path) = common::seed(prefix) else { return };
        let doc = ingest::ingest_file(&path, None).unwrap();
        assert_same(&doc, &reingest(&doc));
    }
}

// ---------------------------------------------------------------- proptest

/// Words with the characters Markdown would read as markup.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-záéíóúñü]{1,8}",
        "[A-ZÁÉÑ][a-zé]{0,6}",
        Just("¿qué?".to_owned()),
        Just("¡sí!".to_owned()),
        Just("«cita»".to_owned()),
        Just("*".to_owned()),
        Just("_x_".to_owned()),
        Just("#".to_owned()),
        Just("[a]".to_owned()),
        Just("<b>".to_owned()),
        Just("a\\b".to_owned()),
        Just("`c`".to_owned()),
        Just("~~".to_owned()),
        Just("&amp;".to_owned()),
        Just("{#x}".to_owned()),
        Just("1.".to_owned()),
        Just("2)".to_owned()),
        Just("-".to_owned()),
        Just("+".to_owned()),
        Just("=".to_owned()),
        Just("x:".to_owned()),
    ]
}

/// Text of 1–8 words with non-overlapping marks over whole words.
fn styled() -> impl Strategy<Value = (String, Vec<Mark>)> {
    (prop::collection::vec(word(), 1..8), prop::collection::vec((0usize..8, 0usize..4, 0u8..5), 0..3)).prop_map(
        |(words, wanted)| {
            let text = words.join(" ");
            let mut starts = Vec::new();
            let mut pos = 0;
            for w in &words {
                starts.push((pos, pos + w.chars().count()));
                pos += w.chars().count() + 1;
            }
            let mut taken = vec![false; words.len()];
            let mut marks = Vec::new();
            for (first, len, style) in wanted {
                let first = first % words.len();
                let last = (first + len).min(words.len() - 1);
                // Keep a free word on each side so marks never touch.
                let lo = first.saturating_sub(1);
                let hi = (last + 1).min(words.len() - 1);
                if taken[lo..=hi].iter().any(|t| *t) {
                    continue;
                }
                taken[first..=last].iter_mut().for_each(|t| *t = true);
                let style = match style {
                    0 => MarkStyle::Bold,
                    1 => MarkStyle::Italic,
                    2 => MarkStyle::Strike,
                    3 => MarkStyle::Code,
                    _ => MarkStyle::Link { url: format!("https://ejemplo.org/p{first}") },
                };
                marks.push(Mark { start: starts[first].0, end: starts[last].1, style });
            }
            (text, marks)
        },
    )
}

fn leaf(kind: NodeKind) -> impl Strategy<Value = Node> {
    (styled(), any::<bool>(), prop::option::of(any::<bool>())).prop_map(move |((text, marks), ordered, checked)| {
        let is_item = kind == NodeKind::Item;
        Node {
            id: String::new(),
            kind,
            text,
            marks,
            ordered: is_item && ordered,
            checked: if is_item && !ordered { checked } else { None },
            role: Role::Plain,
            term: None,
            span: Span::line(1),
            rule: "".into(),
            children: vec![],
        }
    })
}

/// Items hold items and paragraphs; headings hold anything. Within a parent,
/// content comes before sub-headings, as Markdown can only express it so.
fn item() -> impl Strategy<Value = Node> {
    leaf(NodeKind::Item).prop_recursive(3, 12, 3, |inner| {
        (leaf(NodeKind::Item), prop::collection::vec(prop_oneof![inner, leaf(NodeKind::Paragraph)], 0..3))
            .prop_map(|(mut n, children)| {
                n.children = children;
                n
            })
    })
}

fn content() -> impl Strategy<Value = Vec<Node>> {
    prop::collection::vec(prop_oneof![item(), leaf(NodeKind::Paragraph)], 0..4)
}

fn heading() -> impl Strategy<Value = Node> {
    let flat = (leaf(NodeKind::Heading), content()).prop_map(|(mut h, c)| {
        h.children = c;
        h
    });
    flat.prop_recursive(3, 10, 3, |inner| {
        (leaf(NodeKind::Heading), content(), prop::collection::vec(inner, 0..3)).prop_map(|(mut h, mut c, subs)| {
            c.extend(subs);
            h.children = c;
            h
        })
    })
}

fn document() -> impl Strategy<Value = Document> {
    ("[A-Z][a-z]{2,10}( [a-z]{2,8}){0,3}", content(), prop::collection::vec(heading(), 0..4)).prop_map(
        |(title, mut nodes, headings)| {
            nodes.extend(headings);
            Document {
                title,
                meta: Meta { source: "gen".into(), kind: SourceKind::Markdown, language: "es".into(), ..Meta::default() },
                nodes,
                dropped: vec![],
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The outline of any model ingests to the same texts, marks and tree,
    /// and a second round changes nothing at all.
    #[test]
    fn markdown_outline_round_trips(doc in document()) {
        let once = reingest(&doc);
        let strip = |nodes: &[Node]| -> Vec<(NodeKind, String, Vec<(usize, usize, String)>, bool, Option<bool>, usize)> {
            Document { title: String::new(), meta: Meta::default(), nodes: nodes.to_vec(), dropped: vec![] }
                .walk()
                .map(|r| {
                    let mut marks: Vec<_> = r.node.marks.iter().map(|m| (m.start, m.end, format!("{:?}", m.style))).collect();
                    marks.sort();
                    (r.node.kind, r.node.text.clone(), marks, r.node.ordered, r.node.checked, r.depth)
                })
                .collect()
        };
        prop_assert_eq!(strip(&doc.nodes), strip(&once.nodes));
        assert_same(&once, &reingest(&once));
    }

    /// Arbitrary bytes, read as every kind: an error or a model, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), kind in 0usize..7) {
        let kind = SourceKind::ALL.get(kind).copied();
        let _ = ingest::ingest_bytes("fuzz.txt", &bytes, kind);
    }

    /// Text-shaped input exercises the structure rules more than raw bytes.
    #[test]
    fn arbitrary_lines_never_panic(lines in prop::collection::vec("[ \t]{0,4}(\\*\\*|[-*•°\u{F076}]|[0-9]{1,2}[.)]|[a-c]\\))? ?[A-Za-zÁé:. ]{0,30}(\\*\\*|…|:)?", 0..40), kind in 0usize..7) {
        let kind = SourceKind::ALL.get(kind).copied();
        let _ = ingest::ingest_bytes("lines.txt", lines.join("\n").as_bytes(), kind);
    }
}
