//! The book as a reader sees it: unzip, parse every XML file, check the
//! package, the table of contents, the text and the self-test links.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use export::{Exporter, Options, RenderContext, Templates};
use export_epub::Epub;
use model::{Document, Mark, MarkStyle, Meta, Node, NodeKind, Role, Span};
use study::{Answer, ItemKind, Prompt, SourceRef, StudyItem};

const HOSTILE: &str = "<script>alert('x')</script> & \"comillas\" ]]> fin\u{0}\u{7}\u{1b}\u{85}";

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
    Document {
        title: title.into(),
        meta: Meta {
            source: "apuntes/notas.txt".into(),
            language: language.into(),
            iso_date: Some("2008-11-03".into()),
            author: Some("Autora".into()),
            ..Meta::default()
        },
        nodes,
        dropped: vec![],
    }
}

/// A document with every shape the model has: nested headings (depth 3),
/// a definition, a sequence, ordered and checked items, styles and links.
fn sample() -> Document {
    let mut definition = item("Cliente: el comprador habitual de un negocio");
    definition.role = Role::Definition;
    definition.term = Some("Cliente".into());
    let mut steps = heading(
        "Etapas del proceso",
        vec![item("Planificar"), item("Ejecutar"), item("Evaluar")],
    );
    steps.role = Role::Sequence;
    let mut styled = para("Texto con negrita y enlace externo");
    styled.marks = vec![
        Mark {
            start: 10,
            end: 17,
            style: MarkStyle::Bold,
        },
        Mark {
            start: 20,
            end: 34,
            style: MarkStyle::Link {
                url: "https://ejemplo.es/página".into(),
            },
        },
    ];
    let mut ticked = item("Repasar el tema");
    ticked.checked = Some(true);
    let mut first = item("Primero numerado");
    first.ordered = true;
    let mut second = item("Segundo numerado");
    second.ordered = true;
    doc(
        "Introducción al márketing",
        "es",
        vec![
            para("Resumen inicial antes del primer título"),
            heading(
                "Conceptos básicos",
                vec![
                    styled,
                    heading(
                        "Definiciones",
                        vec![
                            definition,
                            heading("Matices finos", vec![para("Detalle profundo")]),
                        ],
                    ),
                    steps,
                ],
            ),
            heading("Práctica", vec![first, second, ticked]),
        ],
    )
}

fn study_items() -> Vec<StudyItem> {
    let source = SourceRef {
        file: "notas.txt".into(),
        span: Span::line(1),
    };
    vec![
        StudyItem {
            id: "s1".into(),
            kind: ItemKind::Basic,
            path: vec!["Conceptos básicos".into()],
            prompt: Prompt::Question {
                text: "¿Qué es un cliente?".into(),
            },
            answer: Answer::Text {
                text: "El comprador habitual".into(),
            },
            source: source.clone(),
        },
        StudyItem {
            id: "s2".into(),
            kind: ItemKind::Sequence,
            path: vec![],
            prompt: Prompt::Cloze {
                before: "Planificar, ".into(),
                hidden: "Ejecutar".into(),
                after: ", Evaluar".into(),
            },
            answer: Answer::List {
                ordered: true,
                items: vec!["Planificar".into(), "Ejecutar".into()],
            },
            source,
        },
    ]
}

fn render_with(
    document: &Document,
    items: &[StudyItem],
    options: &Options,
    templates: &Templates,
) -> Vec<u8> {
    let cx = RenderContext {
        document,
        items,
        options,
        templates,
    };
    let mut artifacts = Epub.render(&cx).expect("render");
    assert_eq!(artifacts.len(), 1);
    assert_eq!(artifacts[0].file_name, "book.epub");
    artifacts.remove(0).bytes
}

fn render(document: &Document, items: &[StudyItem]) -> Vec<u8> {
    render_with(document, items, &Options::default(), &Templates::embedded())
}

/// Every entry of the zip, in archive order.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("valid zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("utf-8 entry");
            (file.name().expect("utf-8 name").into_owned(), text)
        })
        .collect()
}

fn files(bytes: &[u8]) -> BTreeMap<String, String> {
    unzip(bytes).into_iter().collect()
}

fn parse(text: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, opts).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// All character data in document order, so a word split by inline markup
/// (`<dfn>Cli</dfn>ente`) still reads whole.
fn text_of(xml: &roxmltree::Document<'_>) -> String {
    xml.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn xhtml_files(files: &BTreeMap<String, String>) -> Vec<(&String, &String)> {
    files
        .iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .collect()
}

/// Max nesting of `<ol>` inside the toc nav.
fn nav_depth(node: roxmltree::Node<'_, '_>) -> usize {
    let own = usize::from(node.has_tag_name("ol"));
    own + node.children().map(nav_depth).max().unwrap_or(0)
}

fn heading_depth(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| usize::from(n.kind == NodeKind::Heading) + heading_depth(&n.children))
        .max()
        .unwrap_or(0)
}

fn toc_nav<'a, 'i>(nav: &'a roxmltree::Document<'i>) -> roxmltree::Node<'a, 'i> {
    nav.descendants()
        .find(|n| n.has_tag_name("nav") && n.attribute("id") == Some("toc"))
        .expect("toc nav")
}

#[test]
fn mimetype_is_first_stored_without_extra_field_and_no_archive_comment() {
    let bytes = render(&sample(), &study_items());
    assert_eq!(&bytes[0..4], b"PK\x03\x04");
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "stored");
    assert_eq!(u16::from_le_bytes([bytes[26], bytes[27]]), 8, "name length");
    assert_eq!(
        u16::from_le_bytes([bytes[28], bytes[29]]),
        0,
        "extra field length"
    );
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..58], b"application/epub+zip");
    let eocd = &bytes[bytes.len() - 22..];
    assert_eq!(
        &eocd[..4],
        b"PK\x05\x06",
        "end record is last: no comment follows"
    );
    assert_eq!(&eocd[20..], [0, 0], "comment length");
}

#[test]
fn package_lists_every_file_and_the_spine_reads_every_page() {
    let files = files(&render(&sample(), &study_items()));
    let container = parse(&files["META-INF/container.xml"]);
    let rootfile = container
        .descendants()
        .find(|n| n.has_tag_name("rootfile"))
        .expect("rootfile");
    assert_eq!(rootfile.attribute("full-path"), Some("OEBPS/content.opf"));

    let opf = parse(&files["OEBPS/content.opf"]);
    let items: BTreeMap<&str, &str> = opf
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| (n.attribute("id").unwrap(), n.attribute("href").unwrap()))
        .collect();
    let listed: BTreeSet<String> = items.values().map(|h| format!("OEBPS/{h}")).collect();
    let zipped: BTreeSet<String> = files
        .keys()
        .filter(|k| k.starts_with("OEBPS/") && *k != "OEBPS/content.opf")
        .cloned()
        .collect();
    assert_eq!(listed, zipped);
    let nav = opf
        .descendants()
        .find(|n| n.attribute("properties") == Some("nav"))
        .expect("nav item");
    assert_eq!(nav.attribute("href"), Some("nav.xhtml"));

    let spine: Vec<&str> = opf
        .descendants()
        .filter(|n| n.has_tag_name("itemref"))
        .map(|n| n.attribute("idref").unwrap())
        .collect();
    let pages: BTreeSet<&str> = items
        .iter()
        .filter(|(_, h)| h.ends_with(".xhtml"))
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(spine.iter().copied().collect::<BTreeSet<_>>(), pages);
    assert_eq!(
        spine,
        ["nav", "map", "c001", "c002", "c003", "quiz"],
        "concept map, intro, two chapters, self-test"
    );

    let file_names: Vec<&str> = items.values().copied().collect();
    assert!(
        file_names
            .iter()
            .all(|f| f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')),
        "{file_names:?}"
    );
}

#[test]
fn metadata_has_identifier_title_language_and_one_modified_date() {
    let files = files(&render(&sample(), &[]));
    let opf = parse(&files["OEBPS/content.opf"]);
    let text = |tag: &str| {
        opf.descendants()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    let uid = text("identifier").expect("identifier");
    assert!(uid.starts_with("urn:uuid:"), "{uid}");
    assert_eq!(text("title").as_deref(), Some("Introducción al márketing"));
    assert_eq!(text("language").as_deref(), Some("es"));
    assert_eq!(text("creator").as_deref(), Some("Autora"));
    let modified: Vec<_> = opf
        .descendants()
        .filter(|n| n.attribute("property") == Some("dcterms:modified"))
        .collect();
    assert_eq!(modified.len(), 1);
    assert_eq!(
        modified[0].text(),
        Some("2008-11-03T00:00:00Z"),
        "source date without SOURCE_DATE_EPOCH"
    );

    let ncx = parse(&files["OEBPS/toc.ncx"]);
    let ncx_uid = ncx
        .descendants()
        .find(|n| n.attribute("name") == Some("dtb:uid"))
        .and_then(|n| n.attribute("content"));
    assert_eq!(ncx_uid, Some(uid.as_str()), "NCX uid matches the package");
}

#[test]
fn build_time_sets_modified() {
    let options = Options {
        build_time: Some(1_700_000_000),
        ..Options::default()
    };
    let files = files(&render_with(
        &sample(),
        &[],
        &options,
        &Templates::embedded(),
    ));
    assert!(files["OEBPS/content.opf"].contains(">2023-11-14T22:13:20Z</meta>"));
}

#[test]
fn every_page_declares_the_language_twice() {
    let files = files(&render(
        &doc("Notes", "en-GB", vec![heading("One", vec![para("text")])]),
        &study_items(),
    ));
    for (name, text) in xhtml_files(&files) {
        let xml = parse(text);
        let root = xml.root_element();
        assert_eq!(root.attribute("lang"), Some("en-GB"), "{name}");
        assert_eq!(
            root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some("en-GB"),
            "{name}"
        );
    }
    assert!(
        files["OEBPS/quiz.xhtml"].contains("Self-test"),
        "labels follow the language"
    );
}

#[test]
fn toc_depth_matches_heading_depth_in_nav_and_ncx() {
    let document = sample();
    let files = files(&render(&document, &[]));
    let nav = parse(&files["OEBPS/nav.xhtml"]);
    assert_eq!(nav_depth(toc_nav(&nav)), heading_depth(&document.nodes));
    assert_eq!(heading_depth(&document.nodes), 3);

    let ncx = parse(&files["OEBPS/toc.ncx"]);
    let depth = ncx
        .descendants()
        .find(|n| n.attribute("name") == Some("dtb:depth"))
        .and_then(|n| n.attribute("content"));
    assert_eq!(depth, Some("3"));

    // Every heading is in the table of contents, and every link resolves.
    let labels: Vec<&str> = toc_nav(&nav)
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .filter_map(|n| n.text())
        .collect();
    for h in document.walk().filter(|r| r.node.kind == NodeKind::Heading) {
        assert!(
            labels.contains(&h.node.text.as_str()),
            "{} missing from {labels:?}",
            h.node.text
        );
    }
    for a in nav.descendants().filter(|n| n.has_tag_name("a")) {
        assert_target_exists(&files, a.attribute("href").unwrap());
    }
}

fn assert_target_exists(files: &BTreeMap<String, String>, href: &str) {
    let (file, fragment) = href
        .split_once('#')
        .map_or((href, None), |(f, id)| (f, Some(id)));
    let page = files
        .get(&format!("OEBPS/{file}"))
        .unwrap_or_else(|| panic!("{href}: no such file"));
    if let Some(id) = fragment {
        assert!(
            parse(page)
                .descendants()
                .any(|n| n.attribute("id") == Some(id)),
            "{href}: no such id"
        );
    }
}

#[test]
fn structure_is_semantic() {
    let files = files(&render(&sample(), &[]));
    let chapter = parse(&files["OEBPS/c002.xhtml"]);
    let section = chapter
        .descendants()
        .find(|n| n.has_tag_name("section"))
        .unwrap();
    assert_eq!(
        section.attribute(("http://www.idpf.org/2007/ops", "type")),
        Some("chapter")
    );
    let dfn = chapter
        .descendants()
        .find(|n| n.has_tag_name("dfn"))
        .expect("definition term");
    assert_eq!(dfn.text(), Some("Cliente"));
    let steps = chapter
        .descendants()
        .find(|n| n.attribute("class") == Some("steps"))
        .expect("steps list");
    assert!(steps.has_tag_name("ol"));
    assert_eq!(steps.children().filter(|n| n.has_tag_name("li")).count(), 3);
    assert!(
        chapter.descendants().any(|n| n.has_tag_name("h3")),
        "third heading level"
    );
    let bold = chapter
        .descendants()
        .find(|n| n.has_tag_name("strong"))
        .unwrap();
    assert_eq!(bold.text(), Some("negrita"));
    let link = chapter.descendants().find(|n| n.has_tag_name("a")).unwrap();
    assert_eq!(
        link.attribute("href"),
        Some("https://ejemplo.es/p%C3%A1gina")
    );

    let practice = parse(&files["OEBPS/c003.xhtml"]);
    let list = practice
        .descendants()
        .find(|n| n.has_tag_name("ul"))
        .expect("mixed items stay a bullet list");
    assert_eq!(list.children().filter(|n| n.has_tag_name("li")).count(), 3);
    assert!(files["OEBPS/c003.xhtml"].contains("☑"));
    assert!(
        files["OEBPS/c001.xhtml"].contains("<h1>Introducción al márketing</h1>"),
        "intro titled by the document"
    );
}

/// Markup, entity, CDATA-end, quote and control-character trouble in every
/// field that reaches the book, plus a `javascript:` link.
fn hostile() -> (Document, Vec<StudyItem>) {
    let mut linked = para(HOSTILE);
    linked.marks = vec![Mark {
        start: 0,
        end: 8,
        style: MarkStyle::Link {
            url: "javascript:alert(1)".into(),
        },
    }];
    let mut hostile_def = item(HOSTILE);
    hostile_def.role = Role::Definition;
    hostile_def.term = Some("<script>".into());
    let mut document = doc(
        HOSTILE,
        "es",
        vec![heading(HOSTILE, vec![linked, hostile_def])],
    );
    document.meta.author = Some(HOSTILE.into());
    document.meta.description = Some(HOSTILE.into());
    let items = vec![StudyItem {
        id: "x\"><script>".into(),
        kind: ItemKind::Basic,
        path: vec![HOSTILE.into()],
        prompt: Prompt::Question {
            text: HOSTILE.into(),
        },
        answer: Answer::Text {
            text: HOSTILE.into(),
        },
        source: SourceRef {
            file: HOSTILE.into(),
            span: Span::line(1),
        },
    }];
    (document, items)
}

#[test]
fn hostile_text_stays_text() {
    let (document, items) = hostile();
    let files = files(&render(&document, &items));
    let clean = "<script>alert('x')</script> & \"comillas\" ]]> fin";
    for (name, text) in &files {
        if name == "mimetype" || name.ends_with(".css") {
            continue;
        }
        let xml = parse(text);
        assert!(
            !xml.descendants().any(|n| n.has_tag_name("script")),
            "{name}: script element"
        );
        assert!(!text.contains("javascript:"), "{name}: unsafe link kept");
        assert!(
            !text.contains(['\u{0}', '\u{7}', '\u{1b}', '\u{85}']),
            "{name}: control character"
        );
        if name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx") {
            let all_text = text_of(&xml);
            assert!(all_text.contains(clean), "{name}: text not kept verbatim");
        }
    }
    let quiz = parse(&files["OEBPS/quiz.xhtml"]);
    assert!(
        quiz.descendants()
            .filter_map(|n| n.attribute("id"))
            .all(|id| id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)))
    );
}

/// What every book keeps: all XML parses, the nav nests as deep as the
/// headings, every nav link resolves, every word of the model is in the text.
fn assert_book_invariants(document: &Document, bytes: &[u8]) {
    let files = files(bytes);
    for (name, text) in &files {
        if [".xhtml", ".opf", ".ncx", ".xml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            parse(text);
        }
    }
    let nav = parse(&files["OEBPS/nav.xhtml"]);
    assert_eq!(
        nav_depth(toc_nav(&nav)),
        heading_depth(&document.nodes).max(1),
        "{}",
        document.title
    );
    for a in nav.descendants().filter(|n| n.has_tag_name("a")) {
        assert_target_exists(&files, a.attribute("href").unwrap());
    }
    let text: String = xhtml_files(&files)
        .iter()
        .filter(|(name, _)| !name.ends_with("nav.xhtml"))
        .map(|(_, t)| text_of(&parse(t)))
        .collect();
    for r in document.walk() {
        for word in r
            .node
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            assert!(text.contains(word), "{word:?} of {:?} missing", r.node.text);
        }
    }
}

#[test]
fn every_content_word_reaches_the_book() {
    let document = sample();
    assert_book_invariants(&document, &render(&document, &study_items()));
}

/// The real seeds, read through the real reader; empty (with a note) when
/// the shared folder is not beside the repository.
fn seeds() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no seeds at {}: seed checks skipped", dir.display());
        return vec![];
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| ingest::ingest_file(p, None).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

#[test]
fn seed_books_keep_every_word_and_heading_and_are_reproducible() {
    for document in seeds() {
        let items = study::derive(&document);
        let bytes = render(&document, &items);
        assert_book_invariants(&document, &bytes);
        assert!(
            bytes == render(&document, &items),
            "{}: two renders differ",
            document.title
        );
    }
}

#[test]
fn every_question_links_to_its_answer_and_back() {
    let files = files(&render(&sample(), &study_items()));
    let quiz = parse(&files["OEBPS/quiz.xhtml"]);
    let by_id = |id: &str| quiz.descendants().find(|n| n.attribute("id") == Some(id));
    let questions = quiz
        .descendants()
        .find(|n| n.attribute("class") == Some("questions"))
        .unwrap();
    let mut seen = 0;
    for q in questions.children().filter(|n| n.has_tag_name("li")) {
        let qid = q.attribute("id").unwrap();
        let to_answer = q
            .descendants()
            .find(|n| n.has_tag_name("a"))
            .unwrap()
            .attribute("href")
            .unwrap();
        let answer = by_id(&to_answer[1..]).expect("answer exists");
        let back = answer
            .descendants()
            .filter(|n| n.has_tag_name("a"))
            .filter_map(|n| n.attribute("href"))
            .next();
        assert_eq!(back, Some(format!("#{qid}").as_str()));
        seen += 1;
    }
    assert_eq!(seen, 2);
    assert!(
        files["OEBPS/quiz.xhtml"].contains("Planificar, <span class=\"blank\">[…]</span>, Evaluar")
    );
    let nav = parse(&files["OEBPS/nav.xhtml"]);
    assert!(
        toc_nav(&nav)
            .descendants()
            .any(|n| n.attribute("href") == Some("quiz.xhtml"))
    );
}

#[test]
fn same_input_same_bytes() {
    let (a, b) = (
        render(&sample(), &study_items()),
        render(&sample(), &study_items()),
    );
    assert!(a == b, "two renders differ");
    let mut edited = sample();
    edited.nodes[0].text.push('!');
    assert_ne!(render(&edited, &study_items()), a);
}

#[test]
fn identifier_survives_text_edits() {
    let uid = |d: &Document| {
        let files = files(&render(d, &[]));
        let opf = files["OEBPS/content.opf"].clone();
        let start = opf.find("urn:uuid:").unwrap();
        opf[start..start + 45].to_owned()
    };
    let mut edited = sample();
    edited.nodes[0].text.push_str(" corregido");
    assert_eq!(uid(&sample()), uid(&edited));
    let mut other = sample();
    other.title = "Otro libro".into();
    assert_ne!(uid(&sample()), uid(&other));
}

#[test]
fn user_templates_override_and_strict_mode_rejects_unknown_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("epub")).unwrap();
    std::fs::write(dir.join("epub/style.css"), "body { margin: 0 }\n").unwrap();
    let bytes = render_with(
        &sample(),
        &[],
        &Options::default(),
        &Templates::with_dir(dir),
    );
    assert_eq!(files(&bytes)["OEBPS/style.css"], "body { margin: 0 }\n");

    std::fs::write(dir.join("epub/chapter.xhtml.hbs"), "{{no_such_field}}").unwrap();
    let (document, options, templates) = (sample(), Options::default(), Templates::with_dir(dir));
    let cx = RenderContext {
        document: &document,
        items: &[],
        options: &options,
        templates: &templates,
    };
    let err = Epub.render(&cx).expect_err("strict mode");
    assert!(err.to_string().contains("epub/chapter.xhtml.hbs"), "{err}");
}

#[test]
fn course_has_one_part_per_document() {
    let (a, b) = (
        sample(),
        doc(
            "Segundo tema",
            "es",
            vec![heading("Único", vec![para("texto")])],
        ),
    );
    let (options, templates) = (
        Options {
            project: "Curso de prueba".into(),
            ..Options::default()
        },
        Templates::embedded(),
    );
    let items = study_items();
    let contexts = [
        RenderContext {
            document: &a,
            items: &items,
            options: &options,
            templates: &templates,
        },
        RenderContext {
            document: &b,
            items: &[],
            options: &options,
            templates: &templates,
        },
    ];
    let artifacts = export::render_combined(&Epub, &contexts)
        .expect("combined form")
        .expect("render");
    assert_eq!(artifacts[0].file_name, "course.epub");
    let files = files(&artifacts[0].bytes);
    let nav = parse(&files["OEBPS/nav.xhtml"]);
    let toc = toc_nav(&nav);
    let parts: Vec<&str> = toc
        .children()
        .find(|n| n.has_tag_name("ol"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("li"))
        .map(|li| li.first_child().unwrap().text().unwrap())
        .collect();
    assert_eq!(parts, ["Introducción al márketing", "Segundo tema"]);
    assert_eq!(nav_depth(toc), 1 + heading_depth(&a.nodes));
    for a in nav.descendants().filter(|n| n.has_tag_name("a")) {
        assert_target_exists(&files, a.attribute("href").unwrap());
    }
    assert!(
        files.contains_key("OEBPS/p01quiz.xhtml") && !files.contains_key("OEBPS/p02quiz.xhtml")
    );
    assert!(files["OEBPS/content.opf"].contains("<dc:title>Curso de prueba</dc:title>"));
    assert!(export::render_combined(&Epub, &[]).is_none());
}

/// W3C epubcheck on a sample, a hostile and a combined book (seeds
/// included when present): no fatal error, error or warning. Skipped, with a
/// note, where epubcheck is not installed.
#[test]
fn epubcheck_reports_nothing() {
    let jar = std::env::var_os("EPUBCHECK_JAR").map_or_else(
        || PathBuf::from("/usr/share/java/epubcheck.jar"),
        PathBuf::from,
    );
    if !jar.is_file() {
        eprintln!("{} not found: epubcheck test skipped", jar.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (sample, sample_items) = (sample(), study_items());
    let (hostile, hostile_items) = hostile();
    let seeds = seeds();
    let seed_items: Vec<_> = seeds.iter().map(study::derive).collect();
    let (options, templates) = (
        Options {
            build_time: Some(1_700_000_000),
            ..Options::default()
        },
        Templates::embedded(),
    );
    let mut contexts = vec![
        RenderContext {
            document: &sample,
            items: &sample_items,
            options: &options,
            templates: &templates,
        },
        RenderContext {
            document: &hostile,
            items: &hostile_items,
            options: &options,
            templates: &templates,
        },
    ];
    contexts.extend(
        seeds
            .iter()
            .zip(&seed_items)
            .map(|(document, items)| RenderContext {
                document,
                items,
                options: &options,
                templates: &templates,
            }),
    );
    let mut books = vec![
        (
            "sample.epub",
            Epub.render(&contexts[0]).unwrap().remove(0).bytes,
        ),
        (
            "hostile.epub",
            Epub.render(&contexts[1]).unwrap().remove(0).bytes,
        ),
    ];
    books.push((
        "course.epub",
        export::render_combined(&Epub, &contexts)
            .unwrap()
            .unwrap()
            .remove(0)
            .bytes,
    ));
    for (name, bytes) in books {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("java")
            .arg("-jar")
            .arg(&jar)
            .arg(&path)
            .output()
            .expect("run java");
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && log.contains("0 fatals / 0 errors / 0 warnings"),
            "{name}:\n{log}"
        );
    }
}
