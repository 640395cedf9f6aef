//! The shipped plugins: the example template plugins under `templates/` and
//! the external test plugin under `tests/plugins/`, on hostile text.

use std::path::{Path, PathBuf};

use export::plugins::{external_plugins, template_plugins};
use export::{Artifact, Exporter, Options, RenderContext, Templates};
use model::{Document, Meta, Node, NodeKind, Role, Span};
use study::{Answer, ItemKind, Prompt, SourceRef, StudyItem};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn node(kind: NodeKind, text: &str, term: Option<&str>, children: Vec<Node>) -> Node {
    Node {
        id: model::slug(text),
        role: if term.is_some() { Role::Definition } else { Role::Plain },
        term: term.map(Into::into),
        rule: "test".into(),
        children,
        ..Node::new(kind, text, Span::line(1))
    }
}

fn hostile_doc() -> Document {
    let item = |t: &str| node(NodeKind::Item, t, None, vec![]);
    Document {
        title: "Notas <script>alert(1)</script> & más".into(),
        meta: Meta {
            source: "notas.txt".into(),
            language: "es".into(),
            author: Some("Ana \"la profe\"".into()),
            ..Meta::default()
        },
        nodes: vec![node(
            NodeKind::Heading,
            "Conceptos <b>básicos</b>",
            None,
            vec![
                node(NodeKind::Paragraph, "Cliente: el que compra <img src=x onerror=alert(1)>", Some("Cliente"), vec![]),
                item("uno, dos"),
                item("tres"),
            ],
        )],
        dropped: vec![],
    }
}

fn item(prompt: Prompt, answer: Answer) -> StudyItem {
    StudyItem {
        id: "s1".into(),
        kind: ItemKind::Basic,
        path: vec!["Conceptos".into()],
        prompt,
        answer,
        source: SourceRef { file: "notas.txt".into(), span: Span::line(1) },
    }
}

fn hostile_items() -> Vec<StudyItem> {
    vec![
        item(
            Prompt::Question { text: "¿Qué es\tun \"cliente\"?\nDilo".into() },
            Answer::Text { text: "El que compra,\r\nsiempre".into() },
        ),
        item(
            Prompt::Cloze { before: "La ".into(), hidden: "oferta".into(), after: " sube".into() },
            Answer::List { ordered: false, items: vec!["a\tb".into(), "c".into()] },
        ),
    ]
}

fn render(exporter: &dyn Exporter, items: &[StudyItem]) -> Vec<Artifact> {
    let doc = hostile_doc();
    let (options, templates) = (Options::default(), Templates::embedded());
    let cx = RenderContext { document: &doc, items, options: &options, templates: &templates };
    exporter.render(&cx).unwrap_or_else(|e| panic!("{}: {e}", exporter.name()))
}

fn shipped(name: &str) -> Box<dyn Exporter> {
    let plugins = template_plugins(&repo().join("templates")).unwrap();
    plugins.into_iter().find(|p| p.name() == name).unwrap_or_else(|| panic!("no template plugin {name}"))
}

fn text(artifact: &Artifact) -> &str {
    std::str::from_utf8(&artifact.bytes).unwrap()
}

#[test]
fn quizlet_writes_one_tab_separated_line_per_item() {
    let arts = render(&*shipped("quizlet"), &hostile_items());
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0].file_name, "cards.tsv");
    assert_eq!(text(&arts[0]), "¿Qué es un \"cliente\"? Dilo\tEl que compra, siempre\nLa ____ sube\ta b; c\n");
}

#[test]
fn handout_is_escaped_html_with_real_lists_and_bold_terms() {
    let arts = render(&*shipped("handout"), &hostile_items());
    assert_eq!(arts[0].file_name, "handout.html");
    let html = text(&arts[0]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>"), "{html}");
    assert!(html.contains("Notas &lt;script&gt;alert(1)&lt;/script&gt; &amp; más"));
    assert!(html.contains("<h2>Conceptos &lt;b&gt;básicos&lt;/b&gt;</h2>"), "{html}");
    assert!(html.contains("<p><strong>Cliente</strong>: el que compra &lt;img"), "{html}");
    assert!(html.contains("<ul>\n<li>uno, dos</li>\n<li>tres</li>\n</ul>"), "{html}");
    assert!(html.contains("Ana &quot;la profe&quot;"));
    assert!(html.contains("size: a4"));
}

#[test]
fn csv_helper_quotes_hostile_fields() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("csv");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("plugin.toml"),
        "description = \"cards.csv\"\noutput = \"cards.csv\"\nengine = \"handlebars\"\ntemplate = \"t.hbs\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("t.hbs"), "front,back\n{{#each cards}}\n{{csv front}},{{csv back}}\n{{/each}}\n").unwrap();
    let plugins = template_plugins(root.path()).unwrap();
    let arts = render(&*plugins[0], &hostile_items());
    assert_eq!(
        text(&arts[0]),
        "front,back\n\"¿Qué es\tun \"\"cliente\"\"?\nDilo\",\"El que compra,\r\nsiempre\"\nLa ____ sube,a\tb; c\n"
    );
}

#[cfg(unix)]
#[test]
fn external_wordcount_plugin_follows_the_protocol() {
    let path = std::env::join_paths([repo().join("tests/plugins")]).unwrap();
    let plugins = external_plugins(Some(&path));
    let names: Vec<_> = plugins.iter().map(|p| p.name()).collect();
    assert_eq!(names, ["wordcount"]);
    let arts = render(&*plugins[0], &hostile_items());
    let names: Vec<_> = arts.iter().map(|a| a.file_name.as_str()).collect();
    assert_eq!(names, ["details/headings.txt", "wordcount.txt"]);
    assert_eq!(text(&arts[1]), "title: Notas <script>alert(1)</script> & más\nwords: 12\nnodes: 4\nitems: 2\n");
    assert_eq!(text(&arts[0]), "12\tConceptos <b>básicos</b>\n");
}

#[test]
fn handout_renders_the_deepest_outline_the_model_allows() {
    let mut deep = node(NodeKind::Item, "hoja", None, vec![]);
    for depth in 1..model::MAX_DEPTH {
        deep = node(NodeKind::Item, &format!("nivel {depth}"), None, vec![deep]);
    }
    let doc = Document { nodes: vec![deep], ..hostile_doc() };
    let (options, templates) = (Options::default(), Templates::embedded());
    let cx = RenderContext { document: &doc, items: &[], options: &options, templates: &templates };
    let arts = shipped("handout").render(&cx).unwrap();
    let html = text(&arts[0]);
    assert_eq!(html.matches("<ul>").count(), model::MAX_DEPTH);
    assert_eq!(html.matches("</ul>").count(), model::MAX_DEPTH);
}
