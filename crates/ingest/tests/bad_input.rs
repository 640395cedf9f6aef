//! Bad input gets a clear error naming the file, or a correct model; never a
//! panic, never a stack overflow, never quadratic time.

use model::SourceKind;

fn err(bytes: &[u8]) -> String {
    ingest::ingest_bytes("notas/tema1.txt", bytes, None).expect_err("should be refused").to_string()
}

#[test]
fn empty_and_whitespace_only_are_refused_by_name() {
    assert_eq!(err(b""), "notas/tema1.txt: contains no text");
    assert_eq!(err(b" \n\t\r\n  "), "notas/tema1.txt: contains no text");
}

#[test]
fn binary_is_refused_by_name() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(err(png).starts_with("notas/tema1.txt: looks like a binary file"));
}

#[test]
fn invalid_utf8_is_read_as_windows_1252() {
    let doc = ingest::ingest_bytes("a.txt", b"T\xEDtulo\n\nUna l\xEDnea de texto.", None).unwrap();
    assert_eq!(doc.title, "Título");
    assert_eq!(doc.nodes[0].text, "Una línea de texto.");
}

#[test]
fn malformed_xml_names_file_and_line() {
    let e = ingest::ingest_bytes("mapa.mm", b"<map>\n<node TEXT=\"a\">\n<node TEXT=\"b\"></oops>\n</map>", None).unwrap_err();
    assert_eq!(e.file, "mapa.mm");
    assert_eq!(e.line, Some(3), "{e}");
}

#[test]
fn markdown_nested_ten_thousand_levels() {
    let mut md = String::new();
    for depth in 0..10_000 {
        md.push_str(&" ".repeat(depth * 2));
        md.push_str("- nivel\n");
    }
    let doc = ingest::ingest_bytes("deep.md", md.as_bytes(), None).unwrap();
    assert_eq!(doc.walk().count(), 10_000, "every level is kept");
    assert!(doc.walk().all(|r| r.depth < model::MAX_DEPTH));
    // Serializing and dropping a deep model must not overflow either.
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.len() > 10_000);
}

#[test]
fn blockquotes_nested_ten_thousand_levels() {
    let md = format!("{}texto", "> ".repeat(10_000));
    let doc = ingest::ingest_bytes("deep.md", md.as_bytes(), None).unwrap();
    assert_eq!(doc.nodes[0].text, "texto");
}

#[test]
fn xml_nested_ten_thousand_levels() {
    let mut xml = String::from("<map>");
    xml.push_str(&"<node TEXT=\"n\">".repeat(10_000));
    xml.push_str(&"</node>".repeat(10_000));
    xml.push_str("</map>");
    let doc = ingest::ingest_bytes("deep.mm", xml.as_bytes(), Some(SourceKind::Freemind)).unwrap();
    assert_eq!(doc.walk().count() + 1, 10_000, "the root is the title");
}

/// A 50 MB file reads in time proportional to its size: 5 MB and 50 MB are
/// compared, so a quadratic step shows as a 100x gap, not a 10x one.
#[test]
fn large_files_read_in_linear_time() {
    let unit = "Tema de prueba\nEs una explicación larga de una línea con palabras.\n• punto uno\n• punto dos\nOtro: término con definición\n\n";
    let small = unit.repeat(5_000_000 / unit.len());
    let big = unit.repeat(50_000_000 / unit.len());
    let time = |text: &str| {
        let start = std::time::Instant::now();
        let doc = ingest::ingest_bytes("big.txt", text.as_bytes(), None).unwrap();
        assert!(doc.walk().count() > 10);
        start.elapsed()
    };
    let t_small = time(&small);
    let t_big = time(&big);
    assert!(t_big < t_small * 30, "50 MB took {t_big:?}, 5 MB took {t_small:?}");
}
