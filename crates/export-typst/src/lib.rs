//! The PDF study guide and the printable cheat sheet, typeset in-process
//! with typst as a library: embedded fonts, embedded (overridable)
//! templates, and the document passed as JSON data — never as markup.

mod compile;
mod data;
mod maps;
mod world;

use export::{Artifact, ExportError, Exporter, Options, Paper, RenderContext};
use serde::Serialize;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use compile::{EvictOnDrop, PdfMeta};
use data::Data;
use maps::Maps;
use world::{Sources, StudyWorld};

const GUIDE_TEMPLATE: &str = include_str!("../../../templates/typst/guide.typ");
const CHEATSHEET_TEMPLATE: &str = include_str!("../../../templates/typst/cheatsheet.typ");
/// The `concept-map` function both templates import.
const MAP_MODULE: &str = include_str!("../../../templates/typst/map.typ");
const MAP_MODULE_NAME: &str = "typst/map.typ";

/// Cheat-sheet type sizes tried, largest first; the last is the readable
/// floor below which a long document flows onto more pages instead.
const CHEATSHEET_SIZES: [f64; 6] = [9.0, 8.5, 8.0, 7.5, 7.0, 6.5];
/// Body size of the guide.
const GUIDE_SIZE: f64 = 11.0;

/// `guide.pdf`: a study guide with title page, contents, numbered sections
/// and a closing self-test.
pub struct Guide;

/// `cheatsheet.pdf`: everything on as few landscape pages as possible.
pub struct Cheatsheet;

impl Exporter for Guide {
    fn name(&self) -> &str {
        Sheet::Guide.format()
    }

    fn description(&self) -> &str {
        "guide.pdf: study guide with contents, bookmarks and a self-test (typst)"
    }

    fn template_paths(&self) -> Vec<String> {
        vec!["typst/guide.typ".into(), MAP_MODULE_NAME.into()]
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let _evict = EvictOnDrop;
        let (world, doc) = guide_document(cx)?;
        let bytes = compile::pdf(self.name(), &world, &doc, &pdf_meta(cx, self.name()))?;
        Ok(vec![Artifact { file_name: "guide.pdf".into(), bytes }])
    }
}

impl Exporter for Cheatsheet {
    fn name(&self) -> &str {
        Sheet::Cheatsheet.format()
    }

    fn description(&self) -> &str {
        "cheatsheet.pdf: dense landscape sheet, type shrunk to fit one page (typst)"
    }

    fn template_paths(&self) -> Vec<String> {
        vec!["typst/cheatsheet.typ".into(), MAP_MODULE_NAME.into()]
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let _evict = EvictOnDrop;
        let (world, fitted) = cheatsheet_document(cx)?;
        let bytes = compile::pdf(self.name(), &world, &fitted, &pdf_meta(cx, self.name()))?;
        Ok(vec![Artifact { file_name: "cheatsheet.pdf".into(), bytes }])
    }
}

/// Layout parameters, served as `/params.json`.
#[derive(Serialize)]
struct Params {
    paper: &'static str,
    columns: u32,
    size: f64,
    /// Whether to draw the concept map the data names.
    map: bool,
}

impl Params {
    fn new(options: &Options, size: f64) -> Params {
        let paper = match options.paper {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        };
        // More than six columns on a page is unreadable at any type size.
        Params { paper, columns: options.columns.clamp(1, 6), size, map: true }
    }

    fn without_map(self) -> Params {
        Params { map: false, ..self }
    }

    fn to_json(&self) -> Result<Vec<u8>, ExportError> {
        serde_json::to_vec(self).map_err(|e| ExportError::render("typst", e))
    }
}

/// The two typst documents studyforge makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Guide,
    Cheatsheet,
}

impl Sheet {
    fn format(self) -> &'static str {
        match self {
            Sheet::Guide => "guide",
            Sheet::Cheatsheet => "cheatsheet",
        }
    }

    /// The sheet's template and the map module, a user's copies first.
    fn sources(self, cx: &RenderContext<'_>) -> Result<Sources, ExportError> {
        let (name, default) = match self {
            Sheet::Guide => ("typst/guide.typ", GUIDE_TEMPLATE),
            Sheet::Cheatsheet => ("typst/cheatsheet.typ", CHEATSHEET_TEMPLATE),
        };
        Ok(Sources {
            main: cx.templates.get(name, default)?.into_owned(),
            map: cx.templates.get(MAP_MODULE_NAME, MAP_MODULE)?.into_owned(),
        })
    }

    /// The type size of a single compile; the cheat sheet starts largest.
    fn size(self) -> f64 {
        match self {
            Sheet::Guide => GUIDE_SIZE,
            Sheet::Cheatsheet => CHEATSHEET_SIZES[0],
        }
    }
}

/// What a sheet's compile reads besides its templates: the document as
/// data, and the pictures of its concept maps (file name, SVG).
struct Inputs {
    data: Vec<u8>,
    pictures: Vec<(String, String)>,
}

fn inputs(cx: &RenderContext<'_>, sheet: Sheet) -> Result<Inputs, ExportError> {
    let mut maps = Maps::new(cx.document, cx.options, sheet);
    let pictures = maps.take_pictures();
    let data = Data::new(cx.document, cx.items, maps);
    let data = serde_json::to_vec(&data).map_err(|e| ExportError::render(sheet.format(), e))?;
    Ok(Inputs { data, pictures })
}

fn world(cx: &RenderContext<'_>, sheet: Sheet) -> Result<StudyWorld, ExportError> {
    let inputs = inputs(cx, sheet)?;
    Ok(StudyWorld::new(sheet.sources(cx)?, inputs.data, inputs.pictures, today(cx)))
}

/// The typst project one document compiles from: the template as
/// `main.typ` beside the `map.typ` module it imports, `data.json`,
/// `params.json` and the maps' pictures under `maps/`. A template author
/// can open it with any typst (app or CLI) to work on a design, and the
/// benchmark compiles it with an outside typst as the baseline.
pub fn project_files(cx: &RenderContext<'_>, sheet: Sheet) -> Result<Vec<Artifact>, ExportError> {
    let sources = sheet.sources(cx)?;
    let inputs = inputs(cx, sheet)?;
    let mut files = vec![
        Artifact { file_name: "main.typ".into(), bytes: sources.main.into_bytes() },
        Artifact { file_name: world::MAP_MODULE_PATH.into(), bytes: sources.map.into_bytes() },
        Artifact { file_name: world::DATA_PATH.into(), bytes: inputs.data },
        Artifact { file_name: world::PARAMS_PATH.into(), bytes: Params::new(cx.options, sheet.size()).to_json()? },
    ];
    files.extend(inputs.pictures.into_iter().map(|(file_name, svg)| Artifact { file_name, bytes: svg.into_bytes() }));
    Ok(files)
}

fn guide_document(cx: &RenderContext<'_>) -> Result<(StudyWorld, PagedDocument), ExportError> {
    let mut world = world(cx, Sheet::Guide)?;
    world.set_params(Params::new(cx.options, Sheet::Guide.size()).to_json()?);
    let doc = compile::compile(Sheet::Guide.format(), &world)?;
    Ok((world, doc))
}

/// Compile the cheat sheet at the largest size that fits one page, or at
/// the floor when nothing fits. The map is drawn only when the sheet fits
/// one page with it; else the sheet is fitted again without it.
fn cheatsheet_document(cx: &RenderContext<'_>) -> Result<(StudyWorld, PagedDocument), ExportError> {
    let mut world = world(cx, Sheet::Cheatsheet)?;
    let fitted = fit_sizes(cx, &mut world, true)?;
    let fitted = if fits(&fitted) || !cx.options.map.cheatsheet { fitted } else { fit_sizes(cx, &mut world, false)? };
    Ok((world, fitted))
}

/// Page count only grows as type grows, so a binary search over the sizes
/// finds the largest that fits in a few compiles.
fn fit_sizes(cx: &RenderContext<'_>, world: &mut StudyWorld, map: bool) -> Result<PagedDocument, ExportError> {
    let mut at = |i: usize| -> Result<PagedDocument, ExportError> {
        let params = Params::new(cx.options, CHEATSHEET_SIZES[i]);
        world.set_params(if map { params } else { params.without_map() }.to_json()?);
        compile::compile(Sheet::Cheatsheet.format(), world)
    };
    let largest = at(0)?;
    let floor_index = CHEATSHEET_SIZES.len() - 1;
    if fits(&largest) {
        return Ok(largest);
    }
    let floor = at(floor_index)?;
    if fits(&floor) { search(&mut at, 0, floor_index, floor) } else { Ok(floor) }
}

fn fits(doc: &PagedDocument) -> bool {
    doc.pages().len() <= 1
}

/// Between size index `too_big` (overflows) and `fits_at` (fits, compiled
/// as `best`), find the smallest index that fits.
fn search(
    at: &mut impl FnMut(usize) -> Result<PagedDocument, ExportError>,
    mut too_big: usize,
    mut fits_at: usize,
    mut best: PagedDocument,
) -> Result<PagedDocument, ExportError> {
    while fits_at - too_big > 1 {
        let mid = (too_big + fits_at) / 2;
        let candidate = at(mid)?;
        if fits(&candidate) {
            fits_at = mid;
            best = candidate;
        } else {
            too_big = mid;
        }
    }
    Ok(best)
}

/// The date `datetime.today()` gives templates: the build or source date,
/// else a fixed one, so output never depends on the clock.
fn today(cx: &RenderContext<'_>) -> Option<Datetime> {
    compile::build_date(cx.options.build_time, cx.document.meta.iso_date.as_deref())
        .or_else(|| Datetime::from_ymd(1970, 1, 1))
}

fn pdf_meta(cx: &RenderContext<'_>, format: &str) -> PdfMeta {
    PdfMeta {
        // Stable per project, document and format: the PDF's /ID stays the
        // same across builds of the same document.
        ident: format!("{}/{}/{}", cx.options.project, cx.document.slug(), format),
        timestamp: compile::build_date(cx.options.build_time, cx.document.meta.iso_date.as_deref()),
    }
}

#[cfg(test)]
mod tests;
