//! Structure of the five real inputs, reviewed by hand. Assertions name only
//! short heading phrases; the seeds themselves stay outside the repository.

mod common;

use common::{child_texts, find, model_words, seed, words};
use model::{MarkStyle, NodeKind, Role, SourceKind};

fn ingest(prefix: &str) -> Option<(model::Document, String)> {
    let path = seed(prefix)?;
    let doc = ingest::ingest_file(&path, None).expect("seed ingests");
    let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
    Some((doc, text))
}

/// Nothing lost: every word of every line not dropped as junk is in the model.
fn assert_lossless(doc: &model::Document, source: &str) {
    let dropped: Vec<usize> = doc.dropped.iter().map(|d| d.line).collect();
    let have = model_words(doc);
    for (i, line) in source.lines().enumerate() {
        if dropped.contains(&(i + 1)) {
            continue;
        }
        // List numbering is markup, not content.
        let body = line.trim_start();
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let body = if digits > 0 && body[digits..].starts_with(['.', ')']) { &body[digits + 1..] } else { body };
        for word in words(body) {
            assert!(have.contains(&word), "line {}: word {word:?} missing from the model", i + 1);
        }
    }
}

#[test]
fn coggle_page_with_description_and_sequence() {
    let Some((doc, text)) = ingest("000_") else { return };
    assert_eq!(doc.meta.kind, SourceKind::CogglePage);
    assert!(doc.title.starts_with("U.1 SERVICIO"), "the ' - Coggle Diagram' line names the map");
    let reasons: Vec<&str> = doc.dropped.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(reasons, ["site-chrome", "site-chrome", "coggle-page-title", "repeated-title"]);
    // Every branch of a Coggle page sits at the top: no line tells otherwise.
    assert!(doc.nodes.iter().filter(|n| n.kind == NodeKind::Heading).count() >= 10);
    // A heading wrapped after "de" is one node over two lines.
    let (vision, _) = find(&doc, "Visión estratégica y liderazgo");
    assert!(vision.text.ends_with("de servicio"));
    assert_eq!((vision.span.start, vision.span.end), (11, 12));
    // The three "°" bullets belong to it.
    assert_eq!(vision.children.iter().filter(|c| c.kind == NodeKind::Item).count(), 3);
    // "Tipos de …" followed by "Term: text" lines is an enumeration of definitions.
    let (types, _) = find(&doc, "Tipos de servicio");
    assert_eq!(types.role, Role::Enumeration);
    assert_eq!(types.children.len(), 5);
    assert!(types.children.iter().all(|c| c.role == Role::Definition && c.term.is_some()));
    let (advantage, _) = find(&doc, "Definición de ventaja");
    assert_eq!(advantage.term.as_deref(), Some("ventaja competitiva"));
    assert_lossless(&doc, &text);
}

#[test]
fn coggle_page_families_and_term_maps() {
    let Some((doc, text)) = ingest("001_") else { return };
    assert_eq!(doc.title, "ESTRATEGIA DEL SERVICIO");
    // "Modelos de …" is followed by "Modelo de X" headings: they nest under it.
    let (_, marshall_path) = find(&doc, "Modelo de Marshall");
    assert_eq!(marshall_path, ["Modelos de comportamiento del consumidor"]);
    let (_, pavlov_path) = find(&doc, "Modelo de Pavlov");
    assert_eq!(pavlov_path, ["Modelos de comportamiento del consumidor"]);
    // A one-word heading followed by short lines, then a heading with prose:
    // the short lines are the one-word heading's list.
    let (traits, _) = find(&doc, "Características");
    assert_eq!(traits.role, Role::Enumeration);
    assert_eq!(traits.children.len(), 5);
    // "Derechos del …" directly above "Derecho a …" owns it and its siblings.
    let (rights, _) = find(&doc, "Derechos del consumidor");
    assert_eq!(rights.children.iter().filter(|c| c.text.starts_with("Derecho a")).count(), 5);
    // "Diferencias entre …": a term map, term then explanation.
    let (diff, _) = find(&doc, "Diferencias entre");
    assert_eq!(child_texts(diff), ["Público", "Cliente", "Consumidor"]);
    assert!(diff.children.iter().all(|c| c.kind == NodeKind::Heading && c.children.len() >= 1));
    // The opening definition sentence is recognized.
    assert_eq!(doc.nodes[0].role, Role::Definition);
    // The trailing bare URL is a link.
    let last = doc.walk().last().unwrap().node;
    assert!(matches!(&last.marks[0].style, MarkStyle::Link { url } if url.starts_with("https://www.youtube.com/")));
    assert_lossless(&doc, &text);
}

#[test]
fn coggle_page_without_suffix_line() {
    let Some((doc, text)) = ingest("002_") else { return };
    assert_eq!(doc.title, "SERVICIO AL CLIENTE");
    assert!(doc.meta.description.as_deref().is_some_and(|d| d.starts_with("\"Es la atención")));
    let reasons: Vec<&str> = doc.dropped.iter().map(|d| d.reason.as_str()).collect();
    assert!(reasons.contains(&"page-description") && reasons.contains(&"repeated-title"));
    assert_eq!(reasons.iter().filter(|r| **r == "empty-bullet").count(), 2);
    // The stages after an intro that announces "etapas" are an ordered
    // sequence, owned by that intro.
    let (section, _) = find(&doc, "Vinculación con los clientes");
    let bond = section.children.iter().find(|c| c.text.ends_with(':')).expect("the lead-in");
    assert_eq!(bond.role, Role::Sequence);
    let stages: Vec<&str> = bond.children.iter().filter(|c| c.kind == NodeKind::Item).map(|c| c.text.as_str()).collect();
    assert_eq!(stages.len(), 7);
    assert_eq!((stages[0], stages[6]), ("Cliente posible", "Propagandista"));
    assert!(bond.children.iter().filter(|c| c.kind == NodeKind::Item).all(|c| c.ordered));
    // "**" opened on one line and closed lines later bolds every line between.
    let (access, _) = find(&doc, "Accesibilidad");
    assert_eq!(access.marks[0].style, MarkStyle::Bold);
    assert_eq!(access.term.as_deref(), Some("Accesibilidad"));
    let (employees, _) = find(&doc, "Empleados con orientación");
    assert_eq!(employees.marks[0].style, MarkStyle::Bold);
    assert_lossless(&doc, &text);
}

#[test]
fn blog_post_with_byline_and_indented_explanations() {
    let Some((doc, text)) = ingest("003_") else { return };
    assert_eq!(doc.meta.kind, SourceKind::Blog);
    assert_eq!(doc.meta.author.as_deref(), Some("Chuletator online"));
    assert_eq!(doc.meta.category.as_deref(), Some("Economía"));
    assert!(doc.dropped.iter().any(|d| d.reason == "related-links-footer"));
    // Two headings in a row: the first is the section, the second its topic.
    let (_, types_path) = find(&doc, "Tipos de Segmentación");
    assert_eq!(types_path, ["Segmentación del Mercado"]);
    let (types, _) = find(&doc, "Tipos de Segmentación");
    assert_eq!(types.role, Role::Enumeration);
    assert_eq!(child_texts(types).len(), 4);
    // Each bullet owns the indented explanation under it.
    assert!(types.children.iter().all(|c| c.children.len() == 1 && c.children[0].kind == NodeKind::Paragraph));
    assert_eq!(doc.nodes.len(), 4, "four sections");
    assert_lossless(&doc, &text);
}

#[test]
fn blog_post_with_numbered_sections() {
    let Some((doc, text)) = ingest("004_") else { return };
    assert_eq!(doc.title, "CONCEPTOS BASICOS DE MERCADOTECNIA");
    assert_eq!(doc.meta.iso_date.as_deref(), Some("2008-11-03"));
    // Numbering resumes at "2." after a nested "1.–7." list: the outer
    // numbers are section headings.
    let sections: Vec<&model::Node> = doc.nodes.iter().filter(|n| n.kind == NodeKind::Heading).collect();
    assert_eq!(sections.len(), 3);
    assert!(sections.iter().all(|s| s.rule == "numbered-outline"));
    let terms = &sections[2];
    assert_eq!(terms.children.len(), 8);
    assert!(terms.children.iter().all(|c| c.ordered && c.term.is_some()));
    // "5. TERM:" with its explanation on the next line is one item.
    let (educate, _) = find(&doc, "EDUCAR LA ORGANIZACIÓN");
    assert_eq!(educate.span.end, educate.span.start + 1);
    // Wingdings bullets (private use area) are list items.
    assert_eq!(sections[1].children.iter().filter(|c| c.kind == NodeKind::Item).count(), 7);
    assert!(doc.dropped.iter().any(|d| d.text.starts_with("No hay comentarios")));
    assert_lossless(&doc, &text);
}
