//! The typst `World` studyforge compiles in: embedded fonts, one template as
//! the main source, and the document as virtual JSON files.
//!
//! Nothing here touches the file system or the clock, so a compile depends
//! only on its inputs (hermetic, reproducible across machines).

use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Fonts and the standard library, built once per process and shared by
/// every document: loading fonts costs tens of milliseconds, so paying it
/// per document would dominate a batch.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        Shared { library: LazyHash::new(Library::default()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

/// Path of the document data the templates read with `json("/data.json")`.
pub const DATA_PATH: &str = "data.json";
/// Path of the layout parameters (paper, columns, font size).
pub const PARAMS_PATH: &str = "params.json";
const MAIN_PATH: &str = "main.typ";

fn project_file(path: &str) -> FileId {
    // The three paths are constants known to be valid virtual paths.
    let vpath = VirtualPath::new(path).expect("constant virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The template as a parsed source, shared by every document compiled from
/// it: a source's syntax tree and its hash are built once, not once per
/// document (about 5% of a guide). A few recent templates are kept, enough
/// for the built-in pair and a user's edited copies in `watch`.
fn parsed_template(text: String) -> Source {
    const KEEP: usize = 8;
    static PARSED: Mutex<Vec<Source>> = Mutex::new(Vec::new());
    // Poisoning only means another compile panicked; the list stays valid.
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(source) = parsed.iter().find(|s| s.text() == text) {
        return source.clone();
    }
    let source = Source::new(project_file(MAIN_PATH), text);
    if parsed.len() == KEEP {
        parsed.remove(0);
    }
    parsed.push(source.clone());
    source
}

/// One compile's world: a template plus its two JSON inputs and the
/// concept maps' SVG files.
pub struct StudyWorld {
    main: Source,
    data: Bytes,
    params: Bytes,
    /// (path without the leading slash, bytes), few enough to search.
    files: Vec<(String, Bytes)>,
    today: Option<Datetime>,
}

impl StudyWorld {
    pub fn new(template: String, data: Vec<u8>, files: Vec<(String, Vec<u8>)>, today: Option<Datetime>) -> Self {
        StudyWorld {
            main: parsed_template(template),
            data: Bytes::new(data),
            params: Bytes::new(Vec::new()),
            files: files.into_iter().map(|(path, bytes)| (path, Bytes::new(bytes))).collect(),
            today,
        }
    }

    /// Replace the layout parameters; the template and data stay, so
    /// comemo reuses their parse and evaluation across a fit search.
    pub fn set_params(&mut self, params: Vec<u8>) {
        self.params = Bytes::new(params);
    }

    /// The template text, for locating errors.
    pub fn main_source(&self) -> &Source {
        &self.main
    }

    fn virtual_file(&self, id: FileId) -> Option<&Bytes> {
        let path = id.get();
        if !matches!(path.root(), VirtualRoot::Project) {
            return None;
        }
        match path.vpath().get_without_slash() {
            DATA_PATH => Some(&self.data),
            PARAMS_PATH => Some(&self.params),
            other => self.files.iter().find(|(p, _)| p == other).map(|(_, bytes)| bytes),
        }
    }
}

impl World for StudyWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.virtual_file(id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}
