//! Behaviour of the two exporters, checked on the compiled typst document
//! (its text, its pages) and on the PDF bytes.

use super::*;
use export::Templates;
use model::{Document, Meta, Node, NodeKind, Role, Span};
use study::{Answer, ItemKind, Prompt, SourceRef, StudyItem};
use typst::layout::{Frame, FrameItem};

fn node(kind: NodeKind, text: &str, children: Vec<Node>) -> Node {
    Node { id: model::stable_id("n", &[text]), rule: "test".into(), children, ..Node::new(kind, text, Span::line(1)) }
}

fn heading(text: &str, children: Vec<Node>) -> Node {
    node(NodeKind::Heading, text, children)
}

fn para(text: &str) -> Node {
    node(NodeKind::Paragraph, text, vec![])
}

fn item(text: &str) -> Node {
    node(NodeKind::Item, text, vec![])
}

fn doc(title: &str, language: &str, nodes: Vec<Node>) -> Document {
    let meta = Meta { source: "notes/test.md".into(), language: language.into(), ..Meta::default() };
    Document { title: title.into(), meta, nodes, dropped: vec![] }
}

fn question(q: &str, a: &str) -> StudyItem {
    StudyItem {
        id: model::stable_id("q", &[q]),
        kind: ItemKind::Basic,
        path: vec![],
        prompt: Prompt::Question { text: q.into() },
        answer: Answer::Text { text: a.into() },
        source: SourceRef { file: "notes/test.md".into(), span: Span::line(1) },
    }
}

struct Setup {
    options: Options,
    templates: Templates,
}

impl Setup {
    fn new() -> Setup {
        Setup { options: Options::default(), templates: Templates::embedded() }
    }

    fn cx<'a>(&'a self, document: &'a Document, items: &'a [StudyItem]) -> RenderContext<'a> {
        RenderContext { document, items, options: &self.options, templates: &self.templates }
    }
}

/// All text typst laid out, page by page, zero-width spaces removed.
fn page_texts(doc: &PagedDocument) -> Vec<String> {
    fn collect(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => collect(&group.frame, out),
                FrameItem::Text(text) => out.push_str(&text.text),
                _ => {}
            }
        }
    }
    doc.pages()
        .iter()
        .map(|page| {
            let mut text = String::new();
            collect(&page.frame, &mut text);
            text.replace('\u{200B}', "")
        })
        .collect()
}

/// The type size most glyphs on the first page are set in, in points.
fn body_size(doc: &PagedDocument) -> f64 {
    fn collect(frame: &Frame, counts: &mut std::collections::BTreeMap<u64, usize>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => collect(&group.frame, counts),
                FrameItem::Text(text) => {
                    *counts.entry((text.size.to_pt() * 100.0).round() as u64).or_default() += text.glyphs.len()
                }
                _ => {}
            }
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    collect(&doc.pages()[0].frame, &mut counts);
    let (size, _) = counts.into_iter().max_by_key(|&(_, n)| n).expect("page has text");
    size as f64 / 100.0
}

fn full_text(doc: &PagedDocument) -> String {
    page_texts(doc).concat()
}

const HOSTILE: [&str; 14] = [
    "#import \"evil.typ\": *",
    "$x^2$",
    "*not bold*",
    "_not italic_",
    "@ref",
    "<label>",
    "back\\slash",
    "= not a heading",
    "[ ] not a box",
    "#set text(size: 40pt)",
    "// not a comment",
    "`not raw`",
    "- not a list",
    "~tilde -- dash ...",
];

fn hostile_document() -> Document {
    let mut nodes: Vec<Node> = HOSTILE.iter().map(|h| para(h)).collect();
    nodes.extend(HOSTILE.iter().map(|h| item(h)));
    let mut d = doc("#title $y$", "en", vec![heading("= #heading <h>", nodes)]);
    d.meta.author = Some("*author*".into());
    d
}

#[test]
fn hostile_text_prints_literally_in_the_guide() {
    let setup = Setup::new();
    let d = hostile_document();
    let items = [question("What is `#eval(1)`?", "$x$ and @y")];
    let (_, compiled) = guide_document(&setup.cx(&d, &items)).expect("guide compiles");
    let text = full_text(&compiled);
    for hostile in
        HOSTILE.iter().chain(&["#title $y$", "= #heading <h>", "*author*", "What is `#eval(1)`?", "$x$ and @y"])
    {
        assert!(text.contains(hostile), "{hostile:?} missing from the guide text");
    }
}

#[test]
fn hostile_text_prints_literally_in_the_cheatsheet() {
    let setup = Setup::new();
    let d = hostile_document();
    let (_, fitted) = cheatsheet_document(&setup.cx(&d, &[])).expect("cheat sheet compiles");
    let text = full_text(&fitted);
    for hostile in HOSTILE {
        assert!(text.contains(hostile), "{hostile:?} missing from the cheat sheet text");
    }
}

fn sections(count: usize, paragraphs: usize) -> Vec<Node> {
    let sentence = "La propuesta de valor describe el mercado objetivo, sus necesidades y cómo cubrirlas.";
    (1..=count)
        .map(|i| {
            let children = (0..paragraphs).map(|_| para(sentence)).collect();
            heading(&format!("Sección {i}"), children)
        })
        .collect()
}

#[test]
fn short_cheatsheet_keeps_the_largest_type() {
    let setup = Setup::new();
    let d = doc("Corto", "es", sections(3, 2));
    let (_, fitted) = cheatsheet_document(&setup.cx(&d, &[])).expect("compiles");
    assert_eq!(fitted.pages().len(), 1);
    assert_eq!(body_size(&fitted), CHEATSHEET_SIZES[0]);
}

#[test]
fn cheatsheet_shrinks_type_to_fit_one_page() {
    let setup = Setup::new();
    // Too much for one page at the largest size, enough room at the floor.
    let d = doc("Medio", "es", sections(12, 9));
    let (_, fitted) = cheatsheet_document(&setup.cx(&d, &[])).expect("compiles");
    assert_eq!(fitted.pages().len(), 1);
    let size = body_size(&fitted);
    assert!(size < CHEATSHEET_SIZES[0], "size {size}");
    assert!(size >= CHEATSHEET_SIZES[CHEATSHEET_SIZES.len() - 1], "size {size}");
}

#[test]
fn long_cheatsheet_flows_onto_more_pages_at_the_floor() {
    let setup = Setup::new();
    let d = doc("Largo", "es", sections(40, 12));
    let (_, fitted) = cheatsheet_document(&setup.cx(&d, &[])).expect("compiles");
    assert!(fitted.pages().len() > 1);
    assert_eq!(body_size(&fitted), CHEATSHEET_SIZES[CHEATSHEET_SIZES.len() - 1]);
}

#[test]
fn guide_has_a_bookmark_for_every_heading() {
    let setup = Setup::new();
    let d = doc(
        "Bookmarks",
        "en",
        vec![
            heading("Alpha", vec![para("one"), heading("Beta", vec![heading("Gamma", vec![para("deep")])])]),
            heading("Delta", vec![item("two")]),
        ],
    );
    let pdf = Guide.render(&setup.cx(&d, &[])).expect("renders").remove(0).bytes;
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Outlines"), "PDF has no outline");
    // Bookmark titles carry the heading numbers; structure-tree titles
    // (`/T(...)`) do not, so these only match outline entries.
    for title in ["1 Alpha", "1.1 Beta", "1.1.1 Gamma", "2 Delta"] {
        assert!(raw.contains(&format!("/Title({title})")), "no bookmark titled {title:?}");
    }
}

#[test]
fn two_renders_are_byte_identical_with_and_without_build_time() {
    let mut setup = Setup::new();
    let d = doc("Determinism", "es", sections(4, 3));
    let items = [question("¿Qué es?", "Una prueba.")];
    for build_time in [None, Some(1_700_000_000)] {
        setup.options.build_time = build_time;
        for exporter in [&Guide as &dyn Exporter, &Cheatsheet] {
            let a = exporter.render(&setup.cx(&d, &items)).expect("renders");
            let b = exporter.render(&setup.cx(&d, &items)).expect("renders");
            assert_eq!(a, b, "{} differs between renders ({build_time:?})", exporter.name());
        }
    }
}

#[test]
fn build_time_is_stamped_into_the_pdf() {
    let mut setup = Setup::new();
    let d = doc("Stamp", "en", sections(1, 1));
    setup.options.build_time = Some(1_700_000_000);
    let pdf = Guide.render(&setup.cx(&d, &[])).expect("renders").remove(0).bytes;
    assert!(String::from_utf8_lossy(&pdf).contains("D:20231114221320"), "creation date missing");
}

#[test]
fn empty_document_gives_a_pdf_that_says_so() {
    let setup = Setup::new();
    let d = doc("Nada", "es", vec![]);
    let (_, guide) = guide_document(&setup.cx(&d, &[])).expect("guide compiles");
    assert!(full_text(&guide).contains("Este documento está vacío."));
    let (_, sheet) = cheatsheet_document(&setup.cx(&d, &[])).expect("cheat sheet compiles");
    assert_eq!(sheet.pages().len(), 1);
    assert!(full_text(&sheet).contains("Este documento está vacío."));
    let pdf = Cheatsheet.render(&setup.cx(&d, &[])).expect("renders").remove(0).bytes;
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn spanish_guide_uses_spanish_strings_and_answers_get_their_own_page() {
    let setup = Setup::new();
    let d = doc("Guía", "es", sections(2, 1));
    let items = [question("¿Qué describe la propuesta de valor?", "El mercado objetivo.")];
    let (_, compiled) = guide_document(&setup.cx(&d, &items)).expect("compiles");
    let pages = page_texts(&compiled);
    let find = |needle: &str| pages.iter().rposition(|p| p.contains(needle));
    assert!(find("Índice").is_some());
    let questions = find("¿Qué describe la propuesta de valor?").expect("question shown");
    let answers = find("El mercado objetivo.").expect("answer shown");
    assert!(answers > questions, "answers on page {answers}, questions on {questions}");
    assert!(pages[answers].contains("Respuestas"));
    assert!(!pages[questions].contains("El mercado objetivo."));
}

#[test]
fn definitions_and_steps_keep_all_their_words() {
    let setup = Setup::new();
    let mut def = para("Cliente: el comprador de un servicio.");
    def.role = Role::Definition;
    def.term = Some("Cliente".into());
    let mut seq = heading("Etapas", vec![item("Planear"), item("Ejecutar")]);
    seq.role = Role::Sequence;
    let d = doc("Formas", "es", vec![def, seq]);
    let (_, compiled) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    let text = full_text(&compiled);
    for needle in ["Cliente", ": el comprador de un servicio.", "Planear", "Ejecutar"] {
        assert!(text.contains(needle), "{needle:?} missing");
    }
}

#[test]
fn template_errors_become_render_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("typst")).expect("mkdir");
    std::fs::write(dir.path().join("typst/guide.typ"), "#let x = (\n#undefined_function()\n").expect("write");
    let setup = Setup { options: Options::default(), templates: Templates::with_dir(dir.path()) };
    let d = doc("Broken", "en", sections(1, 1));
    match Guide.render(&setup.cx(&d, &[])) {
        Err(ExportError::Render { format, message }) => {
            assert_eq!(format, "guide");
            assert!(message.contains("template line"), "{message}");
        }
        other => panic!("expected a render error, got {other:?}"),
    }
}

#[test]
fn user_template_overrides_the_embedded_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("typst")).expect("mkdir");
    let template = "#let data = json(\"/data.json\")\nCustom: #data.title";
    std::fs::write(dir.path().join("typst/cheatsheet.typ"), template).expect("write");
    let setup = Setup { options: Options::default(), templates: Templates::with_dir(dir.path()) };
    let d = doc("Mine", "en", vec![]);
    let (_, fitted) = cheatsheet_document(&setup.cx(&d, &[])).expect("compiles");
    assert_eq!(full_text(&fitted), "Custom: Mine");
}

#[test]
fn long_urls_stay_inside_the_text_area() {
    let setup = Setup::new();
    let url = "https://example.com/".to_owned() + &"segmento-largo/".repeat(20) + "final";
    let d = doc("URL", "en", vec![para(&url)]);
    let (_, compiled) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    let width = compiled.pages()[1].frame.width();
    let right = rightmost_text(&compiled.pages()[1].frame, typst::layout::Point::zero());
    // A4 is 595pt wide with 2.3cm (65pt) margins: text must end before 530pt.
    assert!(right.to_pt() < width.to_pt() - 60.0, "text reaches {right:?} of {width:?}");
}

fn rightmost_text(frame: &Frame, origin: typst::layout::Point) -> typst::layout::Abs {
    let mut right = typst::layout::Abs::zero();
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        let edge = match item {
            FrameItem::Group(group) => rightmost_text(&group.frame, at),
            FrameItem::Text(text) => at.x + text.width(),
            _ => typst::layout::Abs::zero(),
        };
        right = right.max(edge);
    }
    right
}

/// How many images (concept maps) each page shows.
fn images_per_page(doc: &PagedDocument) -> Vec<usize> {
    fn count(frame: &Frame) -> usize {
        frame
            .items()
            .map(|(_, item)| match item {
                FrameItem::Group(group) => count(&group.frame),
                FrameItem::Image(..) => 1,
                _ => 0,
            })
            .sum()
    }
    doc.pages().iter().map(|p| count(&p.frame)).collect()
}

#[test]
fn guide_shows_the_map_after_the_contents_unless_turned_off() {
    let mut setup = Setup::new();
    let d = doc("Mapa", "es", sections(3, 2));
    let (_, guide) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    let images = images_per_page(&guide);
    assert_eq!(images.iter().sum::<usize>(), 1, "{images:?}");
    let map_page = images.iter().position(|&n| n == 1).unwrap();
    assert!(page_texts(&guide)[map_page].contains("Mapa conceptual"));
    assert!(page_texts(&guide)[..map_page].concat().contains("Índice"));

    setup.options.map.guide = false;
    let (_, plain) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    assert_eq!(images_per_page(&plain).iter().sum::<usize>(), 0);
}

#[test]
fn a_cut_map_puts_each_branch_map_in_its_section() {
    let setup = Setup::new();
    let d = doc("Grande", "es", sections(14, 9));
    let (_, guide) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    // The overview and one map per section: every section lost its items.
    assert_eq!(images_per_page(&guide).iter().sum::<usize>(), 15);
}

#[test]
fn cheatsheet_keeps_one_page_with_or_without_its_map() {
    let setup = Setup::new();
    let small = doc("Corto", "es", sections(3, 2));
    let (_, fitted) = cheatsheet_document(&setup.cx(&small, &[])).expect("compiles");
    assert_eq!((fitted.pages().len(), images_per_page(&fitted)[0]), (1, 1));
    // Near the limit, the map is dropped rather than the page overflowing.
    let full = doc("Medio", "es", sections(12, 9));
    let (_, fitted) = cheatsheet_document(&setup.cx(&full, &[])).expect("compiles");
    assert_eq!(fitted.pages().len(), 1);
}
