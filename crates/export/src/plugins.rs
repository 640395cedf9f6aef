//! Formats added without recompiling.
//!
//! - **Template plugins**: a folder `templates/<name>/` holding `plugin.toml`
//!   and a handlebars template adds the text format `<name>`:
//!
//!   ```toml
//!   description = "cards.tsv: term and definition per line"
//!   output = "cards.tsv"
//!   engine = "handlebars"
//!   template = "cards.tsv.hbs"
//!   ```
//!
//!   The template sees `document` (the model's JSON), `items` (study items),
//!   `options`, and flattened views so it needs no recursion: `cards`
//!   (`{id, kind, front, back, path}`, a cloze's hidden part shown as
//!   `____`, list answers joined with `"; "`), `nodes_flat` (every node in
//!   document order as `{depth, level, kind, text, id, term, role, ordered,
//!   lead, rest}`, where `lead` is the term when the text starts with it and
//!   `rest` the text after it) and `outline` (the same nodes as a tree of
//!   blocks `{list, ordered, nodes}`, each node with its own `blocks`, for a
//!   recursive partial). Helpers: `csv` quotes a field per RFC 4180, `tsv`
//!   turns tabs and line breaks into spaces. Output ending in `.html`,
//!   `.xhtml`, `.xml` or `.svg` is HTML-escaped; anything else is not.
//!   Templates run in strict mode: a misspelt field is an error, not a blank.
//! - **External plugins**: an executable `studyforge-<name>` on `PATH` adds
//!   the format `<name>`, as mdBook's backends do: it gets an empty folder as
//!   its only argument (also its working directory) and on stdin the JSON
//!   `{"version": 1, "document", "items", "options"}`; every regular file it
//!   writes there, subfolders kept, becomes an artifact. A non-zero exit is
//!   an error that quotes its stderr; its stdout is ignored.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{Read, Seek, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use handlebars::{Handlebars, handlebars_helper};
use model::{Node, NodeKind, Role};
use serde::{Deserialize, Serialize};
use study::{Answer, Prompt, StudyItem};
use wait_timeout::ChildExt;

use crate::{Artifact, ExportError, Exporter, Options, RenderContext};

const MANIFEST: &str = "plugin.toml";
const EXTERNAL_PREFIX: &str = "studyforge-";
/// Version of the JSON an external plugin reads on stdin.
pub const PROTOCOL_VERSION: u32 = 1;
/// Long enough for a plugin that itself runs a typesetter over a big
/// document; short enough that a hung plugin cannot stall a CI job.
const EXTERNAL_TIMEOUT: Duration = Duration::from_secs(120);
/// What a card shows in place of a cloze's hidden part.
const BLANK: &str = "____";
/// How much of a failing plugin's stderr goes into the error.
const STDERR_TAIL: usize = 4000;

/// Every template plugin under `templates_dir`, in folder-name order.
/// Folders without a `plugin.toml` (template overrides such as `epub/`) are
/// skipped; a missing `templates_dir` means no plugins. Templates are parsed
/// here, once, so a broken one fails the build before any document renders.
pub fn template_plugins(templates_dir: &Path) -> Result<Vec<Box<dyn Exporter>>, ExportError> {
    let mut plugins: Vec<Box<dyn Exporter>> = Vec::new();
    for dir in plugin_dirs(templates_dir)? {
        plugins.push(Box::new(TemplatePlugin::load(&dir)?));
    }
    Ok(plugins)
}

/// Every `studyforge-<name>` executable on `path_var` (a `PATH`-style list),
/// in name order; the first folder that has a name wins, as a shell would.
pub fn external_plugins(path_var: Option<&OsStr>) -> Vec<Box<dyn Exporter>> {
    let mut found: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in path_var.into_iter().flat_map(std::env::split_paths) {
        for (name, program) in executables_in(&dir) {
            found.entry(name).or_insert(program);
        }
    }
    found
        .into_iter()
        .map(|(name, program)| Box::new(ExternalPlugin::new(name, program)) as Box<dyn Exporter>)
        .collect()
}

/// Format names become folder and file names: keep them plain.
fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn io_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Io { path: path.display().to_string(), source }
}

// ---------------------------------------------------------------- templates

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    description: String,
    output: String,
    engine: Engine,
    template: String,
}

/// Only handlebars today; an enum so a typo names the accepted values.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Engine {
    Handlebars,
}

struct TemplatePlugin {
    name: String,
    description: String,
    output: String,
    template: String,
    hb: Handlebars<'static>,
}

fn plugin_dirs(root: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(root, e)),
    };
    let mut dirs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io_error(root, e))?.path();
        if path.join(MANIFEST).is_file() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

impl TemplatePlugin {
    fn load(dir: &Path) -> Result<TemplatePlugin, ExportError> {
        let manifest_path = dir.join(MANIFEST);
        let invalid = |message: String| ExportError::Template { name: manifest_path.display().to_string(), message };
        let name = dir.file_name().and_then(OsStr::to_str).unwrap_or_default().to_owned();
        if !valid_name(&name) {
            return Err(invalid(format!(
                "plugin folder name {name:?} must be lower-case letters, digits, '-' or '_' (it becomes the format name)"
            )));
        }
        let text = std::fs::read_to_string(&manifest_path).map_err(|e| io_error(&manifest_path, e))?;
        let manifest: Manifest = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        for (field, value) in [("output", &manifest.output), ("template", &manifest.template)] {
            if !is_plain_relative(value) {
                return Err(invalid(format!("`{field}` must be a relative path inside the plugin folder, got {value:?}")));
            }
        }
        let template_path = dir.join(&manifest.template);
        let source = std::fs::read_to_string(&template_path).map_err(|e| io_error(&template_path, e))?;
        let mut hb = match manifest.engine {
            Engine::Handlebars => new_registry(&manifest.output),
        };
        hb.register_template_string(&manifest.template, source)
            .map_err(|e| ExportError::Template { name: template_path.display().to_string(), message: e.to_string() })?;
        Ok(TemplatePlugin {
            name,
            description: manifest.description,
            output: manifest.output,
            template: manifest.template,
            hb,
        })
    }
}

fn is_plain_relative(path: &str) -> bool {
    let path = Path::new(path);
    path.components().next().is_some() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn new_registry(output: &str) -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(escape_for(output));
    hb.register_helper("csv", Box::new(csv));
    hb.register_helper("tsv", Box::new(tsv));
    hb
}

/// Markup outputs escape every `{{value}}`; plain-text outputs must not, or
/// a card would read `&amp;`.
fn escape_for(output: &str) -> fn(&str) -> String {
    let ext = Path::new(output).extension().and_then(OsStr::to_str).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "xml" | "svg" => handlebars::html_escape,
        _ => handlebars::no_escape,
    }
}

handlebars_helper!(csv: |value: Json| csv_field(&plain_text(value)));
handlebars_helper!(tsv: |value: Json| tsv_field(&plain_text(value)));

fn plain_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// RFC 4180: a field with a comma, quote or line break is quoted, and its
/// quotes doubled.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// TSV has no quoting: a tab or line break inside a field would start a new
/// field or record, so each run of them becomes one space.
fn tsv_field(text: &str) -> String {
    text.split(['\t', '\r', '\n']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

impl Exporter for TemplatePlugin {
    fn name(&self) -> &str {
        &self.name
    }

    fn description(&self) -> &str {
        &self.description
    }

    /// The whole plugin folder: manifest, template and anything it grows.
    fn template_paths(&self) -> Vec<String> {
        vec![self.name.clone()]
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let bytes = self
            .hb
            .render(&self.template, &TemplateData::new(cx))
            .map_err(|e| ExportError::render(&self.name, e))?
            .into_bytes();
        Ok(vec![Artifact { file_name: self.output.clone(), bytes }])
    }
}

/// What a template sees.
#[derive(Serialize)]
struct TemplateData<'a> {
    document: &'a model::Document,
    items: &'a [StudyItem],
    options: &'a Options,
    cards: Vec<Card<'a>>,
    nodes_flat: Vec<FlatNode<'a>>,
    outline: Vec<Block<'a>>,
}

impl<'a> TemplateData<'a> {
    fn new(cx: &RenderContext<'a>) -> Self {
        TemplateData {
            document: cx.document,
            items: cx.items,
            options: cx.options,
            cards: cx.items.iter().map(Card::new).collect(),
            nodes_flat: flat_nodes(&cx.document.nodes),
            outline: blocks(&cx.document.nodes, 0, 0),
        }
    }
}

#[derive(Serialize)]
struct Card<'a> {
    id: &'a str,
    kind: study::ItemKind,
    front: String,
    back: String,
    path: &'a [String],
}

impl<'a> Card<'a> {
    fn new(item: &'a StudyItem) -> Self {
        let front = match &item.prompt {
            Prompt::Question { text } => text.clone(),
            Prompt::Cloze { before, after, .. } => format!("{before}{BLANK}{after}"),
        };
        let back = match &item.answer {
            Answer::Text { text } => text.clone(),
            Answer::List { items, .. } => items.join("; "),
        };
        Card { id: &item.id, kind: item.kind, front, back, path: &item.path }
    }
}

/// One node without its children. Every field is always present (`term`
/// may be null) so strict-mode templates can test any of them.
#[derive(Serialize)]
struct FlatNode<'a> {
    id: &'a str,
    kind: NodeKind,
    text: &'a str,
    term: Option<&'a str>,
    role: Role,
    ordered: bool,
    /// 0 for top-level nodes.
    depth: usize,
    /// Heading level for HTML: the title is h1, top-level headings h2, capped at 6.
    level: usize,
    lead: &'a str,
    rest: &'a str,
}

impl<'a> FlatNode<'a> {
    fn new(node: &'a Node, depth: usize, headings_above: usize) -> Self {
        let (lead, rest) = match node.term.as_deref() {
            Some(term) if !term.is_empty() && node.text.starts_with(term) => node.text.split_at(term.len()),
            _ => ("", node.text.as_str()),
        };
        FlatNode {
            id: &node.id,
            kind: node.kind,
            text: &node.text,
            term: node.term.as_deref(),
            role: node.role,
            ordered: node.ordered,
            depth,
            level: (headings_above + 2).min(6),
            lead,
            rest,
        }
    }
}

fn flat_nodes(nodes: &[Node]) -> Vec<FlatNode<'_>> {
    let mut headings: Vec<bool> = Vec::new();
    model::Walk::new(nodes)
        .map(|r| {
            // `headings[d]`: whether the ancestor at depth d is a heading.
            headings.truncate(r.depth);
            let above = headings.iter().filter(|h| **h).count();
            headings.push(r.node.kind == NodeKind::Heading);
            FlatNode::new(r.node, r.depth, above)
        })
        .collect()
}

/// Consecutive items form one list (`list: true`); every other node is a
/// block of its own, so a template emits valid `<ul>`/`<ol>` markup.
#[derive(Serialize)]
struct Block<'a> {
    list: bool,
    ordered: bool,
    nodes: Vec<TreeNode<'a>>,
}

#[derive(Serialize)]
struct TreeNode<'a> {
    #[serde(flatten)]
    node: FlatNode<'a>,
    blocks: Vec<Block<'a>>,
}

/// Recursion is bounded: the model caps nesting at `model::MAX_DEPTH`.
fn blocks(nodes: &[Node], depth: usize, headings_above: usize) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::new();
    for node in nodes {
        let below = headings_above + usize::from(node.kind == NodeKind::Heading);
        let tree = TreeNode { node: FlatNode::new(node, depth, headings_above), blocks: blocks(&node.children, depth + 1, below) };
        let is_item = node.kind == NodeKind::Item;
        match out.last_mut() {
            Some(last) if is_item && last.list && last.ordered == node.ordered => last.nodes.push(tree),
            _ => out.push(Block { list: is_item, ordered: is_item && node.ordered, nodes: vec![tree] }),
        }
    }
    out
}

// ----------------------------------------------------------------- external

struct ExternalPlugin {
    name: String,
    program: PathBuf,
    description: String,
    timeout: Duration,
}

/// What an external plugin reads on stdin.
#[derive(Serialize)]
struct ProtocolInput<'a> {
    version: u32,
    document: &'a model::Document,
    items: &'a [StudyItem],
    options: &'a Options,
}

fn executables_in(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file_name = entry.file_name();
            let name = file_name.to_str()?.strip_prefix(EXTERNAL_PREFIX)?;
            let path = entry.path();
            (valid_name(name) && is_executable(&path)).then(|| (name.to_owned(), path))
        })
        .collect()
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

impl ExternalPlugin {
    fn new(name: String, program: PathBuf) -> Self {
        let description = format!("external plugin {}", program.display());
        ExternalPlugin { name, program, description, timeout: EXTERNAL_TIMEOUT }
    }

    fn error(&self, message: impl std::fmt::Display) -> ExportError {
        ExportError::render(&self.name, format_args!("{}: {message}", self.program.display()))
    }

    /// Run the plugin on `input` with `dir` as its folder; Ok when it exited 0.
    fn run(&self, input: Vec<u8>, dir: &Path) -> Result<(), ExportError> {
        let mut log = tempfile::tempfile().map_err(|e| self.error(e))?;
        let stderr = log.try_clone().map_err(|e| self.error(e))?;
        let mut child = Command::new(&self.program)
            .arg(dir)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| self.error(format_args!("cannot start: {e}")))?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // Written from a thread so a plugin that never reads its stdin cannot
        // block us before the timeout starts; the thread ends when the pipe
        // closes (a write error then only means the plugin stopped reading).
        std::thread::spawn(move || stdin.write_all(&input));
        let status = match child.wait_timeout(self.timeout).map_err(|e| self.error(e))? {
            Some(status) => status,
            None => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(self.error(format_args!("killed after {} s without finishing", self.timeout.as_secs())));
            }
        };
        if status.success() {
            return Ok(());
        }
        Err(self.error(format_args!("{status}; stderr:\n{}", tail(&mut log))))
    }
}

/// The end of the plugin's stderr, where the reason for a failure usually is.
fn tail(log: &mut std::fs::File) -> String {
    let mut text = String::new();
    let _ = log.rewind().and_then(|_| log.read_to_string(&mut text));
    let text = text.trim_end();
    let start = text.len().saturating_sub(STDERR_TAIL);
    let start = (start..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    text[start..].to_owned()
}

impl Exporter for ExternalPlugin {
    fn name(&self) -> &str {
        &self.name
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let input = ProtocolInput { version: PROTOCOL_VERSION, document: cx.document, items: cx.items, options: cx.options };
        let input = serde_json::to_vec(&input).map_err(|e| self.error(e))?;
        let dir = tempfile::tempdir().map_err(|e| self.error(e))?;
        self.run(input, dir.path())?;
        let mut artifacts = Vec::new();
        collect_files(dir.path(), "", &mut artifacts).map_err(|e| self.error(e))?;
        artifacts.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        Ok(artifacts)
    }
}

/// Every regular file under `dir`, named by its path relative to the
/// plugin's folder with `/` separators. A symbolic link is refused: it could
/// point anywhere on the machine.
fn collect_files(dir: &Path, prefix: &str, out: &mut Vec<Artifact>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().into_string().map_err(|n| invalid_data(format!("file name {n:?} is not UTF-8")))?;
        let rel = format!("{prefix}{name}");
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(&entry.path(), &format!("{rel}/"), out)?;
        } else if kind.is_file() {
            out.push(Artifact { file_name: rel, bytes: std::fs::read(entry.path())? });
        } else {
            return Err(invalid_data(format!("{rel} is not a regular file")));
        }
    }
    Ok(())
}

fn invalid_data(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Templates;
    use model::{Document, Meta, Span};

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

    fn doc() -> Document {
        let item = |t: &str| node(NodeKind::Item, t, None, vec![]);
        Document {
            title: "Marketing".into(),
            meta: Meta { source: "a.txt".into(), language: "es".into(), ..Meta::default() },
            nodes: vec![node(
                NodeKind::Heading,
                "Tipos",
                None,
                vec![
                    node(NodeKind::Paragraph, "Cliente: el comprador", Some("Cliente"), vec![]),
                    item("uno"),
                    item("dos"),
                    node(NodeKind::Paragraph, "fin", None, vec![]),
                ],
            )],
            dropped: vec![],
        }
    }

    fn render(exporter: &dyn Exporter, doc: &Document) -> Result<String, ExportError> {
        let items = study::derive(doc);
        let (options, templates) = (Options::default(), Templates::embedded());
        let cx = RenderContext { document: doc, items: &items, options: &options, templates: &templates };
        let arts = exporter.render(&cx)?;
        Ok(String::from_utf8(arts[0].bytes.clone()).unwrap())
    }

    fn plugin(root: &Path, name: &str, manifest: &str, template: &str) {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(MANIFEST), manifest).unwrap();
        std::fs::write(dir.join("t.hbs"), template).unwrap();
    }

    const TXT: &str = "description = \"d\"\noutput = \"out.txt\"\nengine = \"handlebars\"\ntemplate = \"t.hbs\"\n";

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn tsv_turns_separators_into_single_spaces() {
        assert_eq!(tsv_field("a\tb\r\nc\n"), "a b c");
        assert_eq!(tsv_field("sin cambios"), "sin cambios");
    }

    #[test]
    fn plugins_load_sorted_and_skip_plain_folders() {
        let root = tempfile::tempdir().unwrap();
        plugin(root.path(), "zeta", TXT, "z");
        plugin(root.path(), "alpha", TXT, "a");
        std::fs::create_dir_all(root.path().join("epub")).unwrap();
        let names: Vec<_> = template_plugins(root.path()).unwrap().iter().map(|p| p.name().to_owned()).collect();
        assert_eq!(names, ["alpha", "zeta"]);
        assert!(template_plugins(&root.path().join("missing")).unwrap().is_empty());
    }

    #[test]
    fn bad_manifests_name_the_file_and_the_problem() {
        let cases = [
            ("description = \"d\"\noutput = \"o\"\nengine = \"handlebars\"\n", "template"),
            (&TXT.replace("\"handlebars\"", "\"tera\"") as &str, "tera"),
            (&TXT.replace("out.txt", "../out.txt") as &str, "relative path"),
            (&format!("{TXT}extra = 1\n") as &str, "extra"),
        ];
        for (manifest, expected) in cases {
            let root = tempfile::tempdir().unwrap();
            plugin(root.path(), "bad", manifest, "x");
            let err = template_plugins(root.path()).err().expect(expected).to_string();
            assert!(err.contains("plugin.toml") && err.contains(expected), "{err}");
        }
    }

    #[test]
    fn template_syntax_errors_fail_at_load() {
        let root = tempfile::tempdir().unwrap();
        plugin(root.path(), "broken", TXT, "{{#each items}}");
        let err = template_plugins(root.path()).err().unwrap().to_string();
        assert!(err.contains("t.hbs"), "{err}");
    }

    #[test]
    fn escaping_follows_the_output_extension_and_strict_mode_catches_typos() {
        let root = tempfile::tempdir().unwrap();
        let html = TXT.replace("out.txt", "out.html");
        plugin(root.path(), "page", &html, "{{document.title}}|{{csv document.title}}");
        plugin(root.path(), "text", TXT, "{{document.title}}");
        plugin(root.path(), "typo", TXT, "{{document.titel}}");
        let mut d = doc();
        d.title = "<b>A & B, \"C\"</b>".into();
        let plugins = template_plugins(root.path()).unwrap();
        assert_eq!(render(&*plugins[0], &d).unwrap(), "&lt;b&gt;A &amp; B, &quot;C&quot;&lt;/b&gt;|&quot;&lt;b&gt;A &amp; B, &quot;&quot;C&quot;&quot;&lt;/b&gt;&quot;");
        assert_eq!(render(&*plugins[1], &d).unwrap(), d.title);
        let err = render(&*plugins[2], &d).unwrap_err();
        assert!(matches!(&err, ExportError::Render { format, .. } if format == "typo"), "{err:?}");
        assert!(err.to_string().contains("titel"), "{err}");
    }

    #[test]
    fn flat_and_tree_views_split_terms_and_group_items() {
        let d = doc();
        let flat = flat_nodes(&d.nodes);
        let summary: Vec<_> = flat.iter().map(|n| (n.depth, n.level, n.lead, n.rest)).collect();
        assert_eq!(summary[0], (0, 2, "", "Tipos"));
        assert_eq!(summary[1], (1, 3, "Cliente", ": el comprador"));
        let tree = blocks(&d.nodes, 0, 0);
        let inner: Vec<_> = tree[0].nodes[0].blocks.iter().map(|b| (b.list, b.nodes.len())).collect();
        assert_eq!(inner, [(false, 1), (true, 2), (false, 1)]);
    }

    #[cfg(unix)]
    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[cfg(unix)]
    #[test]
    fn first_executable_on_path_wins_and_others_are_ignored() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        script(a.path(), "studyforge-x", "true");
        script(b.path(), "studyforge-x", "true");
        script(b.path(), "studyforge-y", "true");
        script(b.path(), "studyforge-Bad.name", "true");
        std::fs::write(b.path().join("studyforge-noexec"), "").unwrap();
        let path = std::env::join_paths([a.path(), b.path()]).unwrap();
        let found = external_plugins(Some(&path));
        let names: Vec<_> = found.iter().map(|p| (p.name().to_owned(), p.description().to_owned())).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(names[0].0, "x");
        assert!(names[0].1.contains(&a.path().display().to_string()));
        assert_eq!(names[1].0, "y");
        assert!(external_plugins(None).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn failing_plugin_reports_its_stderr() {
        let dir = tempfile::tempdir().unwrap();
        let program = script(dir.path(), "studyforge-fail", "cat >/dev/null; echo 'no such template' >&2; exit 3");
        let err = render(&ExternalPlugin::new("fail".into(), program), &doc()).unwrap_err();
        assert!(matches!(&err, ExportError::Render { format, .. } if format == "fail"), "{err:?}");
        let err = err.to_string();
        assert!(err.contains("no such template") && err.contains('3'), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn hung_plugin_is_killed_after_the_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let program = script(dir.path(), "studyforge-hang", "exec sleep 30");
        let plugin = ExternalPlugin { timeout: Duration::from_millis(300), ..ExternalPlugin::new("hang".into(), program) };
        let start = std::time::Instant::now();
        let err = render(&plugin, &doc()).unwrap_err().to_string();
        assert!(err.contains("killed"), "{err}");
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_written_by_a_plugin_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let program = script(dir.path(), "studyforge-link", "ln -s /etc/passwd \"$1/passwd\"");
        let err = render(&ExternalPlugin::new("link".into(), program), &doc()).unwrap_err().to_string();
        assert!(err.contains("passwd is not a regular file"), "{err}");
    }
}
