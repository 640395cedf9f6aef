//! Models that once broke an exporter (`hostile/*.json`) and a
//! hand-made one full of markup, replayed through every exporter and the
//! parsers that judge their outputs.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use model::{Document, Mark, MarkStyle, Meta, Node, NodeKind, Role, Span};

fn plugins() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates")
}

fn check(doc: &Document) {
    let cheap = oracle::Cheap::new(Some(&plugins())).expect("plugins load");
    if let Err(failure) = cheap.check(doc) {
        panic!("{failure}");
    }
    if let Err(failure) = oracle::check_pdf(doc) {
        panic!("{failure}");
    }
}

fn node(kind: NodeKind, text: &str, role: Role, marks: Vec<Mark>, children: Vec<Node>) -> Node {
    Node {
        id: text.chars().take(8).collect(),
        kind,
        text: text.to_owned(),
        marks,
        ordered: false,
        checked: None,
        role,
        term: Some(text.chars().take(3).collect()),
        span: Span::line(0),
        rule: Cow::Borrowed("hand-made"),
        children,
    }
}

/// Every escape a format needs, in every place text goes: title, meta,
/// headings, terms, ids, link URLs; marks past the text's end and reversed;
/// Anki's field separator and NUL inside a definition.
#[test]
fn markup_and_control_characters_stay_text_everywhere() {
    let nasty = "</p><script>x</script> ]]> & #set page(width: 1pt) $ \\ \" ' {{x}} \u{1f}\u{0}\t\n";
    let link = MarkStyle::Link { url: "javascript:\"<>".into() };
    let marks = vec![
        Mark { start: 3, end: 400, style: MarkStyle::Bold },
        Mark { start: 9, end: 2, style: link },
        Mark { start: 0, end: 1, style: MarkStyle::Code },
    ];
    let definition = node(NodeKind::Item, &format!("Término: {nasty}"), Role::Definition, marks.clone(), vec![]);
    let steps = (0..3).map(|_| node(NodeKind::Item, nasty, Role::Plain, vec![], vec![])).collect();
    let sequence = node(NodeKind::Heading, nasty, Role::Sequence, marks, steps);
    let doc = Document {
        title: nasty.to_owned(),
        meta: Meta {
            source: nasty.into(),
            language: nasty.into(),
            author: Some(nasty.into()),
            date: Some(nasty.into()),
            iso_date: Some(nasty.into()),
            description: Some(nasty.into()),
            ..Meta::default()
        },
        nodes: vec![node(NodeKind::Heading, nasty, Role::Enumeration, vec![], vec![definition, sequence])],
        dropped: vec![],
    };
    check(&doc);
}

/// `hostile/*.json`: each a model an exporter once failed on (kept small
/// by hand; the fuzz targets print a failing model as JSON to add here).
#[test]
fn documents_the_fuzzer_found_still_render_and_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/hostile")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression documents in {}", dir.display());
    let cheap = oracle::Cheap::new(Some(&plugins())).expect("plugins load");
    for file in files {
        let doc: Document = serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("a model");
        if let Err(failure) = cheap.check(&doc).and_then(|()| oracle::check_pdf(&doc)) {
            panic!("{}: {failure}", file.display());
        }
    }
}
