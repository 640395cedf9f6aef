//! Assembling a book: pages from documents, then the package around them.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use export::{ExportError, RenderContext};
use handlebars::Handlebars;
use model::Document;
use serde::Serialize;
use export::markup::{IdSet, Labels, QuizItem, TocEntry, escape, label_of, language_tag, nav_list, quiz_items};

use crate::body::{RESERVED_IDS, render_chapter, split_chapters};
use crate::map_page;
use crate::meta;
use crate::ocf::Container;
use crate::toc;

const CONTAINER: &str = include_str!("../../../templates/epub/container.xml");
const STYLE: &str = include_str!("../../../templates/epub/style.css");
/// Templates a user may override under `<templates>/epub/`.
const TEMPLATES: [(&str, &str); 5] = [
    (
        "content.opf.hbs",
        include_str!("../../../templates/epub/content.opf.hbs"),
    ),
    (
        "nav.xhtml.hbs",
        include_str!("../../../templates/epub/nav.xhtml.hbs"),
    ),
    (
        "toc.ncx.hbs",
        include_str!("../../../templates/epub/toc.ncx.hbs"),
    ),
    (
        "chapter.xhtml.hbs",
        include_str!("../../../templates/epub/chapter.xhtml.hbs"),
    ),
    (
        "selftest.xhtml.hbs",
        include_str!("../../../templates/epub/selftest.xhtml.hbs"),
    ),
];

/// The last theme compiled, reused while the template sources are the same:
/// parsing the templates costs more than rendering a whole book, and a build
/// renders many books with one set of templates.
static LAST_THEME: Mutex<Option<Arc<Theme>>> = Mutex::new(None);

/// The compiled templates and stylesheet.
pub struct Theme {
    sources: Vec<Cow<'static, str>>,
    style: Cow<'static, str>,
    hb: Handlebars<'static>,
}

impl Theme {
    /// The theme for `templates`: the user's copies where present, else the
    /// embedded defaults; compiled once per distinct set of sources.
    pub fn load(templates: &export::Templates) -> Result<Arc<Theme>, ExportError> {
        let sources = TEMPLATES
            .iter()
            .map(|(name, default)| templates.get(&format!("epub/{name}"), default))
            .collect::<Result<Vec<_>, _>>()?;
        let style = templates.get("epub/style.css", STYLE)?;
        // A panic elsewhere cannot leave a half-built theme here: entries are whole.
        let mut last = LAST_THEME.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(theme) = last
            .as_ref()
            .filter(|t| t.sources == sources && t.style == style)
        {
            return Ok(Arc::clone(theme));
        }
        let theme = Arc::new(Theme::compile(sources, style)?);
        *last = Some(Arc::clone(&theme));
        Ok(theme)
    }

    /// Strict mode turns a misspelt variable in a user's template into an
    /// error instead of silently empty metadata; the escape function makes
    /// every `{{value}}` XML-safe.
    fn compile(
        sources: Vec<Cow<'static, str>>,
        style: Cow<'static, str>,
    ) -> Result<Theme, ExportError> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(escape);
        for ((name, _), source) in TEMPLATES.iter().zip(&sources) {
            hb.register_template_string(name, source.as_ref())
                .map_err(|e| ExportError::Template {
                    name: format!("epub/{name}"),
                    message: e.to_string(),
                })?;
        }
        Ok(Theme { sources, style, hb })
    }

    fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, ExportError> {
        self.hb
            .render(name, data)
            .map_err(|e| ExportError::Template {
                name: format!("epub/{name}"),
                message: e.to_string(),
            })
    }
}

/// Book-level metadata, as the package template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct BookMeta {
    pub identifier: String,
    pub title: String,
    pub language: String,
    pub creator: Option<String>,
    pub date: Option<String>,
    pub description: Option<String>,
    pub modified: String,
}

impl BookMeta {
    /// Metadata of a book made from one document.
    pub fn single(cx: &RenderContext<'_>) -> BookMeta {
        let doc = cx.document;
        BookMeta {
            identifier: meta::identifier(&book_key(&cx.options.project, doc)),
            title: title_of(doc),
            language: language_tag(&doc.meta.language),
            creator: doc.meta.author.clone().filter(|a| !a.trim().is_empty()),
            date: meta::dc_date(doc.meta.iso_date.as_deref()),
            description: doc
                .meta
                .description
                .clone()
                .filter(|d| !d.trim().is_empty()),
            modified: meta::modified(cx.options.build_time, [doc.meta.iso_date.as_deref()]),
        }
    }

    /// Metadata of a course book over the documents `course` saw.
    pub fn course(course: &CourseMeta) -> BookMeta {
        BookMeta {
            identifier: meta::identifier(&course.key),
            title: label_of(&course.project),
            language: course.language.clone(),
            creator: None,
            date: None,
            description: None,
            modified: meta::modified(course.build_time, course.dates.iter().map(Option::as_deref)),
        }
    }
}

/// What a course book's metadata is made of, gathered a document at a
/// time: titled by the project, in the first document's language, known
/// by every document's key and as new as the newest.
pub struct CourseMeta {
    project: String,
    language: String,
    build_time: Option<i64>,
    key: Vec<String>,
    dates: Vec<Option<String>>,
}

impl CourseMeta {
    pub fn new(first: &RenderContext<'_>) -> CourseMeta {
        let project = first.options.project.clone();
        CourseMeta {
            key: vec![project.clone(), "course".to_owned()],
            project,
            language: language_tag(&first.document.meta.language),
            build_time: first.options.build_time,
            dates: Vec::new(),
        }
    }

    pub fn add(&mut self, doc: &Document) {
        self.key.extend(book_key(&self.project, doc));
        self.dates.push(doc.meta.iso_date.clone());
    }

    /// How many documents were added.
    pub fn documents(&self) -> usize {
        self.dates.len()
    }
}

/// What identifies a document's book across builds: the project, the
/// source's file name and the title — not the path (machine-dependent) and
/// not the text, so a corrected typo updates the book a reader already has.
fn book_key(project: &str, doc: &Document) -> [String; 3] {
    let file = Path::new(&doc.meta.source)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned());
    [
        project.to_owned(),
        file.unwrap_or_default(),
        doc.title.clone(),
    ]
}

fn title_of(doc: &Document) -> String {
    let title = doc.title.trim();
    if title.is_empty() {
        doc.slug()
    } else {
        title.to_owned()
    }
}

/// A file of the book the package lists: an XHTML page of the spine or an
/// image (a concept map), already in the zip.
#[derive(Serialize)]
struct Listed {
    id: String,
    file: String,
}

/// Pages in reading order, written to the zip as they come, and the table
/// of contents over them.
pub struct Book {
    theme: Arc<Theme>,
    zip: Container,
    pages: Vec<Listed>,
    images: Vec<Listed>,
    toc: Vec<TocEntry>,
}

#[derive(Serialize)]
struct PageData<'a> {
    language: &'a str,
    title: &'a str,
    body: &'a str,
}

impl Book {
    pub fn new(theme: Arc<Theme>) -> Result<Self, ExportError> {
        Ok(Book {
            theme,
            zip: Container::new()?,
            pages: Vec::new(),
            images: Vec::new(),
            toc: Vec::new(),
        })
    }

    fn add_page(&mut self, id: String, file: String, xhtml: &str) -> Result<(), ExportError> {
        self.zip.add(&format!("OEBPS/{file}"), xhtml.as_bytes())?;
        self.pages.push(Listed { id, file });
        Ok(())
    }

    /// Add a document's chapters and self-test at the top level.
    pub fn add_document(&mut self, cx: &RenderContext<'_>) -> Result<(), ExportError> {
        let entries = self.document_pages(cx, "")?;
        self.toc.extend(entries);
        Ok(())
    }

    /// Add a document as part `n` (from 1): a part title page, then its
    /// chapters, nested under the part in the table of contents.
    pub fn add_part(&mut self, cx: &RenderContext<'_>, n: usize) -> Result<(), ExportError> {
        let id = format!("p{n:02}");
        let file = format!("{id}.xhtml");
        let language = language_tag(&cx.document.meta.language);
        let title = title_of(cx.document);
        let body = format!(
            "<section epub:type=\"part\" id=\"part\">\n<h1>{}</h1>\n</section>",
            escape(&title)
        );
        let xhtml = self.theme.render(
            "chapter.xhtml.hbs",
            &PageData {
                language: &language,
                title: &title,
                body: &body,
            },
        )?;
        self.add_page(id.clone(), file.clone(), &xhtml)?;
        let children = self.document_pages(cx, &id)?;
        self.toc.push(TocEntry {
            label: label_of(&title),
            href: file,
            children,
        });
        Ok(())
    }

    fn document_pages(
        &mut self,
        cx: &RenderContext<'_>,
        prefix: &str,
    ) -> Result<Vec<TocEntry>, ExportError> {
        let language = language_tag(&cx.document.meta.language);
        let mut toc = Vec::new();
        if cx.options.map.epub && !cx.document.nodes.is_empty() {
            toc.push(self.add_map_page(cx, prefix, &language)?);
        }
        for (i, chapter) in split_chapters(&cx.document.nodes).into_iter().enumerate() {
            let id = format!("{prefix}c{:03}", i + 1);
            let file = format!("{id}.xhtml");
            let rendered = render_chapter(chapter, &file, &title_of(cx.document));
            let data = PageData {
                language: &language,
                title: &rendered.toc.label,
                body: &rendered.body,
            };
            let xhtml = self.theme.render("chapter.xhtml.hbs", &data)?;
            self.add_page(id, file, &xhtml)?;
            toc.push(rendered.toc);
        }
        if !cx.items.is_empty() {
            let labels = Labels::for_language(&language);
            let id = format!("{prefix}quiz");
            let file = format!("{id}.xhtml");
            let data = QuizData {
                language: &language,
                labels,
                items: quiz_items(cx.items, &mut IdSet::with_reserved(RESERVED_IDS)),
            };
            let xhtml = self.theme.render("selftest.xhtml.hbs", &data)?;
            self.add_page(id, file.clone(), &xhtml)?;
            toc.push(TocEntry {
                label: labels.selftest.to_owned(),
                href: file,
                children: Vec::new(),
            });
        }
        Ok(toc)
    }

    /// The document's overview map as an image on a page of its own, with
    /// its outline as the long description.
    fn add_map_page(&mut self, cx: &RenderContext<'_>, prefix: &str, language: &str) -> Result<TocEntry, ExportError> {
        let labels = Labels::for_language(language);
        let overview = map::overview(cx.document, &cx.options.map, map::GUIDE_PAGE);
        let id = format!("{prefix}map");
        let (file, svg_file) = (format!("{id}.xhtml"), format!("{id}.svg"));
        let title = title_of(cx.document);
        let body = map_page::body(&overview.tree, &svg_file, &title, labels);
        let xhtml = self.theme.render("chapter.xhtml.hbs", &PageData { language, title: labels.map, body: &body })?;
        self.add_page(id.clone(), file.clone(), &xhtml)?;
        self.zip.add(&format!("OEBPS/{svg_file}"), overview.svg().as_bytes())?;
        self.images.push(Listed { id: format!("{id}-svg"), file: svg_file });
        Ok(TocEntry { label: labels.map.to_owned(), href: file, children: Vec::new() })
    }

    /// The finished `.epub` bytes: the package files around the pages.
    pub fn package(mut self, meta: &BookMeta) -> Result<Vec<u8>, ExportError> {
        let labels = Labels::for_language(&meta.language);
        let start = self.pages.first().map_or("nav.xhtml", |p| p.file.as_str());
        let nav = self.theme.render(
            "nav.xhtml.hbs",
            &NavData {
                language: &meta.language,
                title: &meta.title,
                labels,
                toc: &nav_list(&self.toc),
                start,
            },
        )?;
        let ncx = self.theme.render(
            "toc.ncx.hbs",
            &NcxData {
                meta,
                depth: toc::depth(&self.toc).max(1),
                nav_points: &toc::ncx_points(&self.toc),
            },
        )?;
        let opf = self.theme.render("content.opf.hbs", &OpfData { meta, pages: &self.pages, images: &self.images })?;
        for (path, text) in [
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", opf.as_str()),
            ("OEBPS/nav.xhtml", nav.as_str()),
            ("OEBPS/toc.ncx", ncx.as_str()),
            ("OEBPS/style.css", self.theme.style.as_ref()),
        ] {
            self.zip.add(path, text.as_bytes())?;
        }
        self.zip.finish()
    }
}


#[derive(Serialize)]
struct NavData<'a> {
    language: &'a str,
    title: &'a str,
    labels: Labels,
    toc: &'a str,
    start: &'a str,
}

#[derive(Serialize)]
struct NcxData<'a> {
    #[serde(flatten)]
    meta: &'a BookMeta,
    depth: usize,
    nav_points: &'a str,
}

#[derive(Serialize)]
struct OpfData<'a> {
    #[serde(flatten)]
    meta: &'a BookMeta,
    pages: &'a [Listed],
    /// SVG images (concept maps).
    images: &'a [Listed],
}

#[derive(Serialize)]
struct QuizData<'a> {
    language: &'a str,
    labels: Labels,
    items: Vec<QuizItem<'a>>,
}

