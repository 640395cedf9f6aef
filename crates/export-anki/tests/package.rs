//! The written package, opened the way Anki's importer reads it.

use std::io::Read;

use export::{Artifact, Exporter, Options, RenderContext, Templates};
use export_anki::{Anki, FIELD_SEPARATOR, Lockfile, PACKAGE_NAME, checksum};
use model::{Document, Meta, Node, NodeKind, Span};
use rusqlite::Connection;
use sha1::{Digest, Sha1};

fn node(kind: NodeKind, text: &str, line: usize, children: Vec<Node>) -> Node {
    Node { id: model::stable_id("n", &[text]), rule: "test".into(), children, ..Node::new(kind, text, Span::line(line)) }
}

fn sample(explanation: &str) -> Document {
    let step = |t: &str, l| {
        let mut n = node(NodeKind::Item, t, l, vec![]);
        n.ordered = true;
        n
    };
    Document {
        title: "Curso <Prueba> & Co".into(),
        meta: Meta { source: "sources/curso.md".into(), language: "es".into(), ..Meta::default() },
        nodes: vec![
            node(NodeKind::Heading, "Unidad uno", 1, vec![
                node(NodeKind::Heading, "Definición de marca", 2, vec![node(NodeKind::Paragraph, explanation, 3, vec![])]),
                node(NodeKind::Heading, "Calidad", 4, vec![node(
                    NodeKind::Paragraph,
                    "La calidad percibida se define como el juicio del cliente sobre el servicio recibido.",
                    5,
                    vec![],
                )]),
            ]),
            node(NodeKind::Heading, "Unidad dos", 6, vec![node(NodeKind::Heading, "Etapas", 7, vec![
                step("Posible", 8),
                step("Comprador", 9),
                step("Cliente", 10),
            ])]),
        ],
        dropped: vec![],
    }
}

fn render(doc: &Document, options: &Options) -> Vec<Artifact> {
    let items = study::derive(doc);
    let templates = Templates::embedded();
    let cx = RenderContext { document: doc, items: &items, options, templates: &templates };
    let anki = Anki::new();
    let artifacts = anki.render(&cx).expect("render");
    anki.finish().expect("lock file written");
    artifacts
}

fn package(artifacts: &[Artifact]) -> &[u8] {
    &artifacts.iter().find(|a| a.file_name == PACKAGE_NAME).expect("deck.apkg").bytes
}

/// Unzip `collection.anki2` into a temporary file and open it.
fn open_collection(apkg: &[u8], dir: &tempfile::TempDir) -> Connection {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(apkg)).expect("zip");
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).expect("entry").name().expect("name").into_owned()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    assert!(names.contains(&"collection.anki2") && names.contains(&"media"), "{names:?}");
    assert!(!names.contains(&"meta"), "legacy packages carry no meta entry");
    let mut bytes = Vec::new();
    zip.by_name("collection.anki2").expect("collection").read_to_end(&mut bytes).expect("read");
    let path = dir.path().join("collection.anki2");
    std::fs::write(&path, bytes).expect("write");
    Connection::open(path).expect("sqlite")
}

fn options(build_time: i64) -> Options {
    Options { build_time: Some(build_time), project: "test-project".into(), ..Options::default() }
}

#[test]
fn collection_has_the_invariants_anki_relies_on() {
    let doc = sample("Nombre y signo que distinguen un producto.");
    let artifacts = render(&doc, &options(1_800_000_000));
    let dir = tempfile::tempdir().expect("dir");
    let db = open_collection(package(&artifacts), &dir);

    let (ver, models, decks): (i64, String, String) =
        db.query_row("SELECT ver, models, decks FROM col", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("col");
    assert_eq!(ver, 11);
    let decks: serde_json::Value = serde_json::from_str(&decks).expect("decks json");
    assert_eq!(decks["1"]["name"], "Default");
    let names: Vec<&str> = decks.as_object().expect("object").values().filter_map(|d| d["name"].as_str()).collect();
    assert!(names.contains(&"Curso <Prueba> & Co::Unidad uno"), "{names:?}");
    assert!(names.contains(&"Curso <Prueba> & Co::Unidad dos"), "{names:?}");
    let models: serde_json::Value = serde_json::from_str(&models).expect("models json");
    let model_names: Vec<&str> = models.as_object().expect("object").values().filter_map(|m| m["name"].as_str()).collect();
    assert_eq!(model_names.len(), 2);
    assert!(model_names.contains(&"studyforge Basic") && model_names.contains(&"studyforge Cloze"));

    let mut stmt = db.prepare("SELECT id, guid, mid, flds, sfld, csum, tags FROM notes").expect("prepare");
    let rows: Vec<(i64, String, i64, String, String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows.len(), study::derive(&doc).len());
    for (_, guid, mid, flds, sfld, csum, tags) in &rows {
        assert!(!guid.is_empty());
        assert!(models.get(mid.to_string()).is_some(), "note type {mid} exists");
        let fields: Vec<&str> = flds.split(FIELD_SEPARATOR).collect();
        assert_eq!(fields.len(), 4, "four fields separated by 0x1f: {flds:?}");
        assert!(!sfld.contains('<'), "sort field is stripped: {sfld}");
        let digest = Sha1::digest(sfld.as_bytes());
        assert_eq!(*csum as u32, u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]));
        assert!(tags.starts_with(' ') && tags.ends_with(' ') && tags.trim().split(' ').all(|t| !t.is_empty()));
        assert!(fields[3].starts_with("sources/curso.md:"), "source field: {}", fields[3]);
    }
    assert_eq!(checksum("test"), 2_840_236_005);

    let cards: i64 = db.query_row("SELECT count(*) FROM cards c JOIN notes n ON n.id = c.nid", [], |r| r.get(0)).expect("cards");
    assert_eq!(cards as usize, rows.len(), "one card per note, each pointing at its note");
    let orphan_decks: i64 = db
        .query_row("SELECT count(*) FROM cards WHERE did NOT IN (SELECT value FROM json_each((SELECT json_group_array(CAST(key AS INTEGER)) FROM json_each((SELECT decks FROM col)))))", [], |r| r.get(0))
        .expect("deck check");
    assert_eq!(orphan_decks, 0, "every card's deck is in col.decks");
    let free: i64 = db.query_row("PRAGMA freelist_count", [], |r| r.get(0)).expect("freelist");
    assert_eq!(free, 0, "no free pages: the file is as compact as after VACUUM");
    let (page_size, integrity): (i64, String) = (
        db.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size"),
        db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity"),
    );
    assert_eq!((page_size, integrity.as_str()), (4096, "ok"));
}

#[test]
fn fields_are_escaped_and_clozes_well_formed() {
    let doc = sample("Signo <b>propio</b> & nombre.");
    let dir = tempfile::tempdir().expect("dir");
    let db = open_collection(package(&render(&doc, &options(1_800_000_000))), &dir);
    let flds: Vec<String> = db
        .prepare("SELECT flds FROM notes ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("notes");
    assert!(flds.iter().any(|f| f.contains("Signo &lt;b&gt;propio&lt;/b&gt; &amp; nombre.")));
    let clozes: Vec<&String> = flds.iter().filter(|f| f.contains("{{c1::")).collect();
    assert_eq!(clozes.len(), 4, "one definitional cloze and three sequence steps");
    assert!(clozes.iter().all(|f| f.matches("{{").count() == 1 && f.matches("}}").count() == 1));
}

#[test]
fn same_input_same_bytes() {
    let doc = sample("Nombre y signo que distinguen un producto.");
    let a = render(&doc, &options(1_800_000_000));
    let b = render(&doc, &options(1_800_000_000));
    assert_eq!(a, b);
    assert!(a.iter().all(|x| x.file_name != "collection.apkg"));
}

#[test]
fn lockfile_keeps_guids_and_moves_only_changed_notes_forward() {
    let dir = tempfile::tempdir().expect("dir");
    let lock = dir.path().join("studyforge.lock");
    let with_lock = |t| Options { lockfile: Some(lock.clone()), ..options(t) };

    let first = render(&sample("Nombre que distingue un producto."), &with_lock(1_800_000_000));
    let again = render(&sample("Nombre que distingue un producto."), &with_lock(1_800_000_000));
    assert_eq!(first, again, "a build that reads the lock it wrote gives the same bytes");
    let later = render(&sample("Nombre que distingue un producto."), &with_lock(1_800_000_500));
    assert_eq!(notes_by_guid(package(&first), &dir), notes_by_guid(package(&later), &dir), "unchanged notes keep their mod");

    let edited = render(&sample("Nombre y signo que distinguen un producto."), &with_lock(1_800_000_000));
    let before = notes_by_guid(package(&first), &dir);
    let after = notes_by_guid(package(&edited), &dir);
    assert_eq!(before.len(), after.len());
    let changed: Vec<_> = after.iter().filter(|(guid, m)| before.get(*guid) != Some(*m)).collect();
    assert_eq!(changed.len(), 1, "exactly one note changed: {changed:?}");
    assert!(changed[0].1.0 > before[changed[0].0].0, "its mod is newer although the build time is the same");

    let locked = Lockfile::load(&lock).expect("lock");
    for guid in after.keys() {
        assert!(serde_json::to_string(&locked).expect("json").contains(guid.as_str()));
    }
}

#[test]
fn notes_gone_from_a_document_come_back_tagged_removed_until_pruned() {
    let dir = tempfile::tempdir().expect("dir");
    let lock = dir.path().join("studyforge.lock");
    let options = Options { lockfile: Some(lock.clone()), ..options(1_800_000_000) };
    let mut other = sample("Otra explicación.");
    other.title = "Otro curso".into();
    other.meta.source = "sources/otro.md".into();
    render(&other, &options);
    let full = sample("Nombre que distingue un producto.");
    let first = render(&full, &options);
    let notes = |path: &std::path::Path| Lockfile::load(path).expect("lock").notes().count();
    let before = notes(&lock);

    let mut shorter = full.clone();
    shorter.nodes.pop(); // drop the "Unidad dos" section and its items
    let removed = study::derive(&full).len() - study::derive(&shorter).len();
    assert!(removed > 0, "the dropped section had study items");
    let second = render(&shorter, &options);
    assert_eq!(notes(&lock), before, "the lock keeps the removed notes");
    let (old, new) = (notes_by_guid(package(&first), &dir), notes_by_guid(package(&second), &dir));
    assert_eq!(old.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>(), "the same notes, none added");
    let tagged = tags_by_guid(package(&second), &dir);
    let gone: Vec<&String> = tagged.iter().filter(|(_, t)| t.contains(" studyforge::removed ")).map(|(g, _)| g).collect();
    assert_eq!(gone.len(), removed, "exactly the dropped section's notes are tagged removed");
    for guid in gone {
        assert!(new[guid].0 > old[guid].0, "a removed note is newer, so the importer takes its tag");
        assert_eq!(new[guid].1, old[guid].1, "and it keeps its fields");
    }
    assert_eq!(second, render(&shorter, &options), "rebuilding with nothing changed changes no byte");
    let changes = artifact(&second, "deck-changes.md");
    assert!(changes.contains(&format!("0 added, 0 changed, {removed} removed")), "{changes}");

    let mut locked = Lockfile::load(&lock).expect("lock");
    assert!(locked.notes().any(|(_, n)| n.document == other.meta.source), "the other document's notes stay");
    assert_eq!(locked.prune_removed().get(&full.meta.source), Some(&removed));
    locked.save(&lock).expect("save");
    let pruned = render(&shorter, &options);
    assert_eq!(notes_by_guid(package(&pruned), &dir).len(), old.len() - removed, "pruned notes are no longer sent");
}

/// guid → tags, as Anki stores them (space-padded).
fn tags_by_guid(apkg: &[u8], dir: &tempfile::TempDir) -> std::collections::BTreeMap<String, String> {
    let sub = tempfile::tempdir_in(dir.path()).expect("subdir");
    let db = open_collection(apkg, &sub);
    db.prepare("SELECT guid, tags FROM notes")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("notes")
}

fn artifact(artifacts: &[Artifact], name: &str) -> String {
    let found = artifacts.iter().find(|a| a.file_name == name).unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(found.bytes.clone()).expect("utf-8")
}

/// guid → (mod, flds)
fn notes_by_guid(apkg: &[u8], dir: &tempfile::TempDir) -> std::collections::BTreeMap<String, (i64, String)> {
    let sub = tempfile::tempdir_in(dir.path()).expect("subdir");
    let db = open_collection(apkg, &sub);
    db.prepare("SELECT guid, mod, flds FROM notes")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect())
        .expect("notes")
}

#[test]
fn combined_package_has_a_deck_per_document() {
    let a = sample("Nombre que distingue un producto.");
    let mut b = sample("Otra explicación distinta.");
    b.title = "Segundo curso".into();
    let (ia, ib) = (study::derive(&a), study::derive(&b));
    let (opts, templates) = (options(1_800_000_000), Templates::embedded());
    let cxs = [
        RenderContext { document: &a, items: &ia, options: &opts, templates: &templates },
        RenderContext { document: &b, items: &ib, options: &opts, templates: &templates },
    ];
    let artifacts = export::render_combined(&Anki::new(), &cxs).expect("combined supported").expect("render");
    let dir = tempfile::tempdir().expect("dir");
    let db = open_collection(package(&artifacts), &dir);
    let notes: i64 = db.query_row("SELECT count(*) FROM notes", [], |r| r.get(0)).expect("count");
    assert_eq!(notes as usize, ia.len() + ib.len());
    let decks: String = db.query_row("SELECT decks FROM col", [], |r| r.get(0)).expect("decks");
    assert!(decks.contains("\"Segundo curso::Unidad uno\"") && decks.contains("\"Curso <Prueba> & Co::Unidad dos\""));
}

#[test]
fn braces_inside_a_cloze_cannot_end_it_early() {
    let doc = sample("Nombre que distingue un producto.");
    let items = vec![study::StudyItem {
        id: "s-braces".into(),
        kind: study::ItemKind::Cloze,
        path: vec!["Unidad uno".into()],
        prompt: study::Prompt::Cloze { before: "La plantilla ".into(), hidden: "{{c2::x}} y a::b".into(), after: " se escribe así.".into() },
        answer: study::Answer::Text { text: "{{c2::x}} y a::b".into() },
        source: study::SourceRef { file: "sources/curso.md".into(), span: Span::line(3) },
    }];
    let (opts, templates) = (options(1_800_000_000), Templates::embedded());
    let cx = RenderContext { document: &doc, items: &items, options: &opts, templates: &templates };
    let artifacts = Anki::new().render(&cx).expect("render");
    let dir = tempfile::tempdir().expect("dir");
    let db = open_collection(package(&artifacts), &dir);
    let flds: String = db.query_row("SELECT flds FROM notes", [], |r| r.get(0)).expect("note");
    let text = flds.split(FIELD_SEPARATOR).next().unwrap_or_default();
    assert_eq!(text.matches("{{").count(), 1, "{text}");
    assert_eq!(text.matches("}}").count(), 1, "{text}");
    assert_eq!(text.matches("::").count(), 1, "only the c1:: marker: {text}");
    let report: serde_json::Value =
        serde_json::from_slice(&artifacts.iter().find(|a| a.file_name == "deck.items.json").expect("report").bytes).expect("json");
    assert_eq!(report["findings"][0]["problem"], "braces-in-cloze");
}
