//! The typst `World` studyforge compiles in: embedded fonts, one template as
//! the main source beside the concept-map module it imports, the document
//! as virtual JSON files and its concept maps' pictures as virtual SVGs.
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
/// Path of the module that draws concept maps, `#import`ed by both templates.
pub const MAP_MODULE_PATH: &str = "map.typ";
const MAIN_PATH: &str = "main.typ";

fn project_file(path: &str) -> FileId {
    // The paths are constants known to be valid virtual paths.
    let vpath = VirtualPath::new(path).expect("constant virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// A template as a parsed source at `path`, shared by every document
/// compiled from it: a source's syntax tree and its hash are built once,
/// not once per document (about 5% of a guide). A few recent templates are
/// kept, enough for the built-in ones and a user's edited copies in `watch`.
fn parsed_template(path: &str, text: String) -> Source {
    const KEEP: usize = 8;
    static PARSED: Mutex<Vec<Source>> = Mutex::new(Vec::new());
    let id = project_file(path);
    // Poisoning only means another compile panicked; the list stays valid.
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(source) = parsed.iter().find(|s| s.id() == id && s.text() == text) {
        return source.clone();
    }
    let source = Source::new(id, text);
    if parsed.len() == KEEP {
        parsed.remove(0);
    }
    parsed.push(source.clone());
    source
}

/// The typst sources of one compile: the sheet's template and the map module.
pub struct Sources {
    pub main: String,
    pub map: String,
}

/// One compile's world: a template and the map module plus the two JSON
/// inputs and the maps' pictures.
pub struct StudyWorld {
    main: Source,
    map: Source,
    data: Bytes,
    params: Bytes,
    /// (file name in the project, SVG), as `Maps::take_pictures` names them.
    pictures: Vec<(String, Bytes)>,
    today: Option<Datetime>,
}

impl StudyWorld {
    pub fn new(sources: Sources, data: Vec<u8>, pictures: Vec<(String, String)>, today: Option<Datetime>) -> Self {
        let pictures = pictures
            .into_iter()
            .map(|(file_name, svg)| (file_name, Bytes::from_string(svg)))
            .collect();
        StudyWorld {
            main: parsed_template(MAIN_PATH, sources.main),
            map: parsed_template(MAP_MODULE_PATH, sources.map),
            data: Bytes::new(data),
            params: Bytes::new(Vec::new()),
            pictures,
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

    /// The map module's text, for locating errors.
    pub fn map_source(&self) -> &Source {
        &self.map
    }

    fn typst_source(&self, id: FileId) -> Option<&Source> {
        [&self.main, &self.map].into_iter().find(|s| s.id() == id)
    }

    fn virtual_file(&self, id: FileId) -> Option<&Bytes> {
        let path = id.get();
        if !matches!(path.root(), VirtualRoot::Project) {
            return None;
        }
        match path.vpath().get_without_slash() {
            DATA_PATH => Some(&self.data),
            PARAMS_PATH => Some(&self.params),
            other => self.pictures.iter().find(|(p, _)| p == other).map(|(_, svg)| svg),
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
        self.typst_source(id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.typst_source(id) {
            return Ok(Bytes::from_string(source.clone()));
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
