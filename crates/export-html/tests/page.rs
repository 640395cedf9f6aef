//! The web page and the course site, rendered from small sample outlines.

use export::{Exporter, Options, RenderContext, Templates};
use export_html::Html;
use export_html::site::{self, SiteDocument, Summary};
use model::Document;

const NOTES: &str = "---\ntitle: \"Redes <b>y</b> protocolos\"\nlanguage: es\nauthor: Ana\n---\n\n\
# Capas {#capas}\n\nEl modelo se organiza en capas.\n\n## Enlace\n\nTrama: unidad de datos de la capa de enlace.\n\n\
# Etapas del envío\n\nEl envío sigue estas etapas:\n\n1. Encapsular\n2. Transmitir\n3. Recibir\n\n\
# Notas <script>alert(1)</script>\n\nTexto con [enlace](javascript:alert(1)) y [otro](https://ejemplo.es/año).\n";

fn doc() -> Document {
    ingest::ingest_bytes("redes.md", NOTES.as_bytes(), None).unwrap()
}

fn page(formats: &[&str], templates: &Templates) -> String {
    let doc = doc();
    let items = study::derive(&doc);
    let options = Options { formats: formats.iter().map(|f| f.to_string()).collect(), ..Options::default() };
    let cx = RenderContext { document: &doc, items: &items, options: &options, templates };
    let artifacts = Html.render(&cx).unwrap();
    assert_eq!(artifacts.len(), 1);
    assert_eq!(artifacts[0].file_name, "index.html");
    String::from_utf8(artifacts[0].bytes.clone()).unwrap()
}

/// Every `id="…"` of the page.
fn ids(html: &str) -> Vec<&str> {
    html.split("id=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect()
}

#[test]
fn page_has_language_anchors_by_node_id_and_a_contents_list_that_resolves() {
    let html = page(&[], &Templates::embedded());
    assert!(html.contains("<html lang=\"es\">"));
    let ids = ids(&html);
    assert!(ids.contains(&"capas"), "the source's id is the anchor: {ids:?}");
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "ids are unique");
    let toc = &html[html.find("<nav class=\"toc\"").unwrap()..html.find("<main").unwrap()];
    let targets: Vec<&str> = toc.split("href=\"#").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    assert!(targets.len() >= 4, "{targets:?}");
    for t in targets {
        assert!(ids.contains(&t), "toc link #{t} has a target");
    }
    assert!(html.contains("<dfn>Trama</dfn>"));
    assert!(html.contains("<ol class=\"steps\">"));
}

#[test]
fn hostile_text_stays_text_and_only_web_links_are_followed() {
    let html = page(&[], &Templates::embedded());
    assert!(!html.contains("<script>alert"), "markup in the source is escaped");
    assert!(html.contains("&#60;script&#62;alert(1)"));
    assert!(html.contains("<title>Redes &#60;b&#62;y&#60;/b&#62; protocolos</title>"));
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("href=\"https://ejemplo.es/a%C3%B1o\""));
}

#[test]
fn self_test_answers_are_details_that_open_without_script() {
    let doc = doc();
    let items = study::derive(&doc);
    assert!(!items.is_empty());
    let html = page(&[], &Templates::embedded());
    let selftest = &html[html.find("id=\"selftest\"").unwrap()..];
    assert_eq!(selftest.matches("<details id=\"q-").count(), items.len());
    assert_eq!(selftest.matches("<div class=\"answer\"").count(), items.len());
}

#[test]
fn links_to_sibling_outputs_only_when_their_format_is_built() {
    let none = page(&["html"], &Templates::embedded());
    for file in ["guide.pdf", "cheatsheet.pdf", "deck.apkg", "book.epub", "map.svg"] {
        assert!(!none.contains(file), "{file} is not linked when not built");
    }
    let some = page(&["html", "guide", "anki", "map"], &Templates::embedded());
    assert!(some.contains("<a href=\"guide.pdf\">Guía de estudio (PDF)</a>"));
    assert!(some.contains("<a href=\"deck.apkg\">Mazo de Anki</a>"));
    assert!(some.contains("<img src=\"map.svg\""));
    assert!(!some.contains("cheatsheet.pdf") && !some.contains("book.epub"));
    assert_ne!(Html.build_key_extra(&Options::default()), Html.build_key_extra(&Options {
        formats: vec!["guide".into()],
        ..Options::default()
    }));
}

#[test]
fn page_is_the_same_bytes_every_time_and_needs_no_network() {
    let a = page(&["guide"], &Templates::embedded());
    assert_eq!(a, page(&["guide"], &Templates::embedded()));
    for remote in ["http://", "https://", "//fonts", "@import", "url("] {
        let outside_links = a.replace("href=\"https://ejemplo.es/a%C3%B1o\"", "");
        assert!(!outside_links.contains(remote), "no {remote} in the page");
    }
}

#[test]
fn a_users_template_overrides_the_page_and_a_bad_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("html")).unwrap();
    std::fs::write(dir.path().join("html/page.html.hbs"), "<p>{{title}}</p>").unwrap();
    let html = page(&[], &Templates::with_dir(dir.path()));
    assert_eq!(html, "<p>Redes &#60;b&#62;y&#60;/b&#62; protocolos</p>");
    std::fs::write(dir.path().join("html/page.html.hbs"), "{{titel}}").unwrap();
    let doc = doc();
    let options = Options::default();
    let templates = Templates::with_dir(dir.path());
    let cx = RenderContext { document: &doc, items: &[], options: &options, templates: &templates };
    let err = Html.render(&cx).unwrap_err().to_string();
    assert!(err.contains("html/page.html.hbs"), "{err}");
}

#[test]
fn site_lists_documents_with_counts_outputs_and_heading_anchors_of_the_page() {
    let doc = doc();
    let items = study::derive(&doc);
    let summary = Summary::of(&doc, &items);
    assert_eq!(summary.language, "es");
    assert!(summary.sections >= 4);
    assert_eq!(summary.cards, items.len());
    let page_ids: Vec<String> = ids(&page(&[], &Templates::embedded())).into_iter().map(str::to_owned).collect();
    for h in &summary.headings {
        assert!(page_ids.contains(&h.anchor), "summary anchor {} is on the page", h.anchor);
    }
    let docs = [
        SiteDocument { slug: "redes", summary: Some(&summary), files: vec!["index.html", "guide.pdf"] },
        SiteDocument { slug: "sin-resumen", summary: None, files: vec!["deck.apkg"] },
    ];
    let html = site::render(&Templates::embedded(), "Curso <1>", &docs).unwrap();
    assert!(html.contains("<title>Curso &#60;1&#62;</title>"));
    assert!(html.contains("<a href=\"redes/index.html\">Redes &#60;b&#62;y&#60;/b&#62; protocolos</a>"));
    assert!(html.contains("<a href=\"redes/guide.pdf\">guide.pdf</a>"));
    assert!(html.contains("<a href=\"redes/index.html#capas\">Capas</a>"));
    assert!(html.contains("<h2>sin-resumen</h2>"), "a document never summarized is listed by folder");
    assert!(html.contains("<a href=\"sin-resumen/deck.apkg\">deck.apkg</a>"));
    assert!(html.contains(&format!("tarjetas: {}", items.len())));
}
