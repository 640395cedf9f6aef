//! The `html` format and the course site as a build writes them.

use std::path::Path;
use std::process::{Command, Output};

fn studyforge(dir: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_studyforge"))
        .current_dir(dir)
        .args(args)
        .env("CI", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("studyforge runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/a.md"), "# Rocas\n\n## Ígneas\n\nSe forman al enfriarse el magma.\n").unwrap();
    std::fs::write(dir.path().join("src/b.md"), "# Mares\n\n## Corrientes\n\nMueven el agua templada.\n").unwrap();
    dir
}

#[test]
fn the_site_lists_every_document_even_those_not_rebuilt() {
    let dir = project();
    studyforge(dir.path(), &["build", "src", "--format", "html,json"]);
    let site = read(dir.path(), "out/index.html");
    assert!(site.contains("<a href=\"rocas/index.html\">Rocas</a>"), "{site}");
    assert!(site.contains("<a href=\"mares/outline.json\">outline.json</a>"));
    assert!(site.contains("<a href=\"mares/index.html#"), "headings link into the page");
    std::fs::write(dir.path().join("src/b.md"), "# Mares\n\n## Corrientes\n\nMueven agua fría.\n").unwrap();
    studyforge(dir.path(), &["build", "src", "--format", "html,json"]);
    let again = read(dir.path(), "out/index.html");
    assert!(again.contains(">Rocas</a>"), "a fresh document keeps its title from the last summary: {again}");
    assert_eq!(site, again, "same titles and counts, same site");
}

#[test]
fn a_build_without_html_writes_no_site() {
    let dir = project();
    studyforge(dir.path(), &["build", "src", "--format", "json"]);
    assert!(!dir.path().join("out/index.html").exists());
}

#[test]
fn the_page_links_the_formats_of_its_build_and_other_formats_are_not_rebuilt_for_it() {
    let dir = project();
    studyforge(dir.path(), &["build", "src", "--format", "html,json"]);
    assert!(!read(dir.path(), "out/rocas/index.html").contains("book.epub"));
    let o = studyforge(dir.path(), &["build", "src", "--format", "html,json,epub", "-v"]);
    let page = read(dir.path(), "out/rocas/index.html");
    assert!(page.contains("<a href=\"book.epub\">"), "{page}");
    let log = String::from_utf8_lossy(&o.stderr);
    // Per document: the page (its links changed) and the new EPUB; the JSON is up to date.
    assert!(log.contains("(2 new, 1 up to date)"), "{log}");
}
