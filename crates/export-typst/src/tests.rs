//! Behaviour of the two exporters, checked on the compiled typst document
//! (its text, its pages) and on the PDF bytes.

use super::*;
use export::Templates;
use model::{Document, Meta, Node, NodeKind, Role, Span};
use study::{Answer, ItemKind, Prompt, SourceRef, StudyItem};
use typst::layout::{Frame, FrameItem, Point};
use typst::visualize::ImageKind;

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

/// The render error a user's broken copy of `file` gives.
fn error_with_template(file: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("typst")).expect("mkdir");
    std::fs::write(dir.path().join(file), text).expect("write");
    let setup = Setup { options: Options::default(), templates: Templates::with_dir(dir.path()) };
    let d = doc("Broken", "en", sections(1, 1));
    match Guide.render(&setup.cx(&d, &[])) {
        Err(ExportError::Render { format, message }) => {
            assert_eq!(format, "guide");
            message
        }
        other => panic!("expected a render error, got {other:?}"),
    }
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let message = error_with_template("typst/guide.typ", "#let x = 1\n#undefined_function()\n");
    assert!(message.contains("typst/guide.typ line 2: unknown variable: undefined_function"), "{message}");
    let message = error_with_template("typst/map.typ", "#let concept-map(m, alt: none) = {\n  m.nowhere\n}\n");
    assert!(message.contains("typst/map.typ line 2: dictionary does not contain key"), "{message}");
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
    let right = rightmost_text(&compiled.pages()[1].frame, Point::zero());
    // A4 is 595pt wide with 2.3cm (65pt) margins: text must end before 530pt.
    assert!(right.to_pt() < width.to_pt() - 60.0, "text reaches {right:?} of {width:?}");
}

fn rightmost_text(frame: &Frame, origin: Point) -> typst::layout::Abs {
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

/// A concept map's picture as placed on a page: its top-left corner, its
/// printed size and its SVG.
struct Picture {
    at: (f64, f64),
    size: (f64, f64),
    svg: String,
}

/// The SVG pictures of each page, which only the concept maps draw.
fn pictures_per_page(doc: &PagedDocument) -> Vec<Vec<Picture>> {
    fn collect(frame: &Frame, origin: Point, out: &mut Vec<Picture>) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(group) => collect(&group.frame, at, out),
                FrameItem::Image(image, size, _) => {
                    if let ImageKind::Svg(svg) = image.kind() {
                        let svg = String::from_utf8(svg.data().to_vec()).expect("the SVG is UTF-8");
                        out.push(Picture { at: (at.x.to_pt(), at.y.to_pt()), size: (size.x.to_pt(), size.y.to_pt()), svg });
                    }
                }
                _ => {}
            }
        }
    }
    doc.pages()
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            collect(&p.frame, Point::zero(), &mut out);
            out
        })
        .collect()
}

/// How many edges a map's picture draws: one path each.
fn edges_drawn(svg: &str) -> usize {
    let svg = roxmltree::Document::parse(svg).expect("the picture is XML");
    svg.descendants().filter(|n| n.has_tag_name("path")).count()
}

fn edges_per_page(doc: &PagedDocument) -> Vec<usize> {
    pictures_per_page(doc).iter().map(|page| page.iter().map(|p| edges_drawn(&p.svg)).sum()).collect()
}

/// The data a sheet's template reads.
fn data_json(cx: &RenderContext<'_>, sheet: Sheet) -> serde_json::Value {
    serde_json::from_slice(&inputs(cx, sheet).expect("inputs").data).expect("data is JSON")
}

/// Every map in the data: the overview, then the branch maps in order.
fn data_maps(data: &serde_json::Value) -> Vec<&serde_json::Value> {
    let blocks = data["blocks"].as_array().expect("blocks");
    data["map"].as_object().map(|_| &data["map"]).into_iter().chain(blocks.iter().filter(|b| b["kind"] == "map")).collect()
}

fn number(v: &serde_json::Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} is a number in {v}"))
}

#[test]
fn guide_shows_the_map_after_the_contents_unless_turned_off() {
    let mut setup = Setup::new();
    let d = doc("Mapa", "es", sections(3, 2));
    let (_, guide) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    let edges = edges_per_page(&guide);
    // The title's three branches and their two paragraphs each.
    assert_eq!(edges.iter().sum::<usize>(), 3 + 6, "{edges:?}");
    let map_page = edges.iter().position(|&n| n > 0).unwrap();
    let texts = page_texts(&guide);
    assert!(texts[map_page].contains("Mapa conceptual"));
    assert!(texts[..map_page].concat().contains("Índice"));
    // The map's words are text: the labels, the long sentence shortened.
    for label in ["Sección 1", "Sección 3", "La propuesta de valor describe el", "objetivo…"] {
        assert!(texts[map_page].contains(label), "{label:?} not on the map page");
    }

    setup.options.map.guide = false;
    let (_, plain) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    assert!(pictures_per_page(&plain).iter().all(Vec::is_empty));
}

#[test]
fn the_guide_data_holds_every_map_node_with_its_lines_and_its_picture() {
    let setup = Setup::new();
    let d = doc("Mapa", "es", sections(3, 2));
    let inputs = inputs(&setup.cx(&d, &[]), Sheet::Guide).expect("inputs");
    let data: serde_json::Value = serde_json::from_slice(&inputs.data).expect("data is JSON");
    let nodes = data["map"]["nodes"].as_array().expect("map nodes");
    assert_eq!(nodes.len(), 1 + 3 + 6);
    assert_eq!(nodes[0]["lines"], serde_json::json!(["Mapa"]));
    assert_eq!(nodes[0]["id"], serde_json::Value::Null);
    assert_eq!(nodes[1]["id"], d.nodes[0].id.as_str());
    for n in nodes {
        let within = |k: &str, lo: &str, len: &str| {
            let (v, lo, len) = (number(n, k), number(n, lo), number(n, len));
            v > lo && v < lo + len
        };
        assert!(within("tx", "x", "w") && within("ty", "y", "h"), "text outside its box: {n}");
        assert!(!n["lines"].as_array().unwrap().is_empty());
    }
    // The picture is served where the data says, one edge per child.
    assert_eq!(inputs.pictures.len(), 1);
    let (file_name, svg) = &inputs.pictures[0];
    assert_eq!(data["map"]["shapes"], format!("/{file_name}"));
    assert_eq!(edges_drawn(svg), nodes.len() - 1);
}

/// Text runs of a frame in page coordinates: (x, baseline y, width).
fn runs(frame: &Frame, origin: Point, out: &mut Vec<(f64, f64, f64)>) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => runs(&group.frame, at, out),
            FrameItem::Text(text) => out.push((at.x.to_pt(), at.y.to_pt(), text.width().to_pt())),
            _ => {}
        }
    }
}

/// The boxes a picture draws, in page coordinates: (x, y, width, height).
fn boxes_drawn(picture: &Picture) -> Vec<(f64, f64, f64, f64)> {
    let svg = roxmltree::Document::parse(&picture.svg).expect("the picture is XML");
    let root = svg.root_element();
    let view: Vec<f64> = root.attribute("viewBox").expect("a viewBox").split(' ').map(|v| v.parse().unwrap()).collect();
    let scale = picture.size.0 / view[2];
    let get = |n: &roxmltree::Node, k: &str| n.attribute(k).expect(k).parse::<f64>().expect(k) * scale;
    svg.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| (picture.at.0 + get(&n, "x"), picture.at.1 + get(&n, "y"), get(&n, "width"), get(&n, "height")))
        .collect()
}

#[test]
fn every_line_of_the_map_fits_a_box_its_picture_draws() {
    let setup = Setup::new();
    let mut nodes = sections(4, 3);
    nodes.push(heading("Una sección cuyo título es bastante más largo que los demás", vec![para("corto")]));
    let d = doc("Un mapa con palabras de anchos muy distintos", "es", nodes);
    let (_, guide) = guide_document(&setup.cx(&d, &[])).expect("compiles");
    let pages = pictures_per_page(&guide);
    let map_page = pages.iter().position(|p| !p.is_empty()).expect("a map page");
    let picture = &pages[map_page][0];
    let boxes = boxes_drawn(picture);
    assert_eq!(boxes.len(), 1 + 5 + 13);
    let mut found = Vec::new();
    runs(&guide.pages()[map_page].frame, Point::zero(), &mut found);
    let (top, bottom) = (picture.at.1, picture.at.1 + picture.size.1);
    let map_runs: Vec<_> = found.iter().filter(|(_, y, _)| *y > top && *y < bottom).collect();
    assert!(map_runs.len() >= boxes.len(), "{map_runs:?}");
    for &&(x, y, w) in &map_runs {
        let inside = boxes.iter().any(|&(bx, by, bw, bh)| x >= bx && x + w <= bx + bw && y > by && y < by + bh);
        assert!(inside, "line at ({x:.1}, {y:.1}), {w:.1} wide, is in no box");
    }
    // And every box holds a line: the words and the picture line up.
    for &(bx, by, bw, bh) in &boxes {
        assert!(map_runs.iter().any(|&&(x, y, _)| x >= bx && x <= bx + bw && y > by && y < by + bh), "an empty box");
    }
}

#[test]
fn a_cut_map_puts_each_branch_map_in_its_section() {
    let setup = Setup::new();
    let d = doc("Grande", "es", sections(14, 9));
    let cx = setup.cx(&d, &[]);
    let data = data_json(&cx, Sheet::Guide);
    let maps = data_maps(&data);
    // The overview and one map per section: every section lost its items.
    assert_eq!(maps.len(), 15);
    let (_, guide) = guide_document(&cx).expect("compiles");
    let pictures: Vec<Picture> = pictures_per_page(&guide).into_iter().flatten().collect();
    assert_eq!(pictures.len(), 15);
    // Each drawn at the size the data gives, one edge per node but the root.
    for (picture, map) in pictures.iter().zip(&maps) {
        assert!((picture.size.0 - number(map, "width")).abs() < 0.01, "{} against {}", picture.size.0, map["width"]);
        assert_eq!(edges_drawn(&picture.svg), map["nodes"].as_array().expect("nodes").len() - 1);
    }
}

#[test]
fn cheatsheet_keeps_one_page_with_or_without_its_map() {
    let setup = Setup::new();
    let small = doc("Corto", "es", sections(3, 2));
    let (_, fitted) = cheatsheet_document(&setup.cx(&small, &[])).expect("compiles");
    assert_eq!(fitted.pages().len(), 1);
    assert_eq!(edges_per_page(&fitted)[0], 3 + 6, "the two-level map's edges");
    // Near the limit, the map is dropped rather than the page overflowing.
    let full = doc("Medio", "es", sections(12, 9));
    let (_, fitted) = cheatsheet_document(&setup.cx(&full, &[])).expect("compiles");
    assert_eq!(fitted.pages().len(), 1);
}

