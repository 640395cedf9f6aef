//! The concept maps a typst document shows: each map's edges and boxes as
//! one SVG picture (`map::svg::shapes`), a file of the compile, and its
//! words as data, already wrapped, shortened and placed at their printed
//! size, for the templates' `concept-map` (templates/typst/map.typ) to set
//! as typst text.
//!
//! Why split so: an SVG with words made typst (usvg) turn every label into
//! glyph outlines, which cost a guide two thirds more time and left the
//! words unsearchable; drawing the shapes as typst `curve`s and `rect`s
//! instead cost a third more, most of it typst evaluating and laying out
//! hundreds of elements. One picture is one element, and typst's text is
//! shaped once, in the font the labels were measured in, and stays text
//! in the PDF.

use export::{Options, Paper};
use map::drawing;
use map::font::Weight;
use model::Document;
use serde::Serialize;

use crate::Sheet;

/// A map as the template draws it. Lengths are printed points.
#[derive(Debug, Clone, Serialize)]
pub struct MapDrawing {
    pub width: f64,
    pub height: f64,
    /// Baseline to baseline, in multiples of a node's type size.
    pub leading: f32,
    /// Path of the picture of its edges and boxes in the compile's files,
    /// drawn at `width` × `height`.
    pub shapes: String,
    pub nodes: Vec<NodeOut>,
    /// The picture itself, served at `shapes` (not part of the data).
    #[serde(skip)]
    svg: String,
}

/// A node: its box, and its lines set from the first baseline at (`tx`,
/// `ty`), one every [`MapDrawing::leading`] times `size`.
#[derive(Debug, Clone, Serialize)]
pub struct NodeOut {
    /// The outline node's stable id (none for an overview's root).
    pub id: Option<String>,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub tx: f64,
    pub ty: f64,
    pub size: f64,
    pub bold: bool,
    pub ink: &'static str,
    /// Already wrapped and shortened to fit the box.
    pub lines: Vec<String>,
}

/// Points at `scale`, to a hundredth: data.json stays small and its bytes
/// the same every build.
fn at(v: f32, scale: f32) -> f64 {
    (f64::from(v) * f64::from(scale) * 100.0).round() / 100.0
}

impl MapDrawing {
    /// `map` drawn to fit `page` (never larger than drawn), its picture
    /// to be served at `shapes`.
    fn new(map: &map::Map, page: map::Page, shapes: String) -> MapDrawing {
        let s = map.scale_for(page);
        let nodes = (0..map.tree.len()).map(|i| node(map, i, s)).collect();
        MapDrawing {
            width: at(map.layout.width, s),
            height: at(map.layout.height, s),
            leading: map::layout::LEADING,
            shapes,
            nodes,
            svg: map.shapes_svg(),
        }
    }
}

fn node(map: &map::Map, i: usize, s: f32) -> NodeOut {
    let look = drawing::node(&map.tree, &map.layout, i);
    let (rect, text) = (look.frame.rect, look.text);
    let (tx, ty) = text.origin;
    NodeOut {
        id: map.tree.nodes[i].id.clone(),
        x: at(rect.x, s),
        y: at(rect.y, s),
        w: at(rect.w, s),
        h: at(rect.h, s),
        tx: at(tx, s),
        ty: at(ty, s),
        size: at(text.size, s),
        bold: text.weight == Weight::Bold,
        ink: text.ink,
        lines: map.layout.labels[i].lines.clone(),
    }
}

/// The maps of one compile.
#[derive(Debug, Default)]
pub struct Maps {
    pub overview: Option<MapDrawing>,
    /// (top-level index, map) for sections whose branch the overview cut.
    pub branches: Vec<(usize, MapDrawing)>,
}

/// Where the `n`th map's picture is served.
fn shapes_path(n: usize) -> String {
    format!("/maps/{n}.svg")
}

/// Room for the cheat sheet's map: one column, a third of the page high.
fn cheatsheet_page(options: &Options) -> map::Page {
    // Landscape text area less the margins, the smaller of A4 and Letter
    // when unsure; the gutter between columns is about 10 pt.
    let (width, height) = match options.paper {
        Paper::A4 => (842.0 - 51.0, 595.0 - 51.0),
        Paper::Letter => (792.0 - 51.0, 612.0 - 51.0),
    };
    let columns = options.columns.clamp(1, 6) as f32;
    map::Page { width: (width - (columns - 1.0) * 10.0) / columns, height: height / 3.0 }
}

impl Maps {
    pub fn new(doc: &Document, options: &Options, sheet: Sheet) -> Maps {
        let settings = &options.map;
        let wanted = match sheet {
            Sheet::Guide => settings.guide,
            Sheet::Cheatsheet => settings.cheatsheet,
        };
        if !wanted || doc.nodes.is_empty() {
            return Maps::default();
        }
        match sheet {
            Sheet::Guide => {
                let maps = map::maps(doc, settings, map::GUIDE_PAGE);
                Maps {
                    overview: Some(MapDrawing::new(&maps.overview, map::GUIDE_PAGE, shapes_path(0))),
                    branches: maps
                        .branches
                        .iter()
                        .enumerate()
                        .map(|(n, b)| (b.index, MapDrawing::new(&b.map, map::GUIDE_PAGE, shapes_path(n + 1))))
                        .collect(),
                }
            }
            Sheet::Cheatsheet => {
                // Only the top levels, and only when they print readably.
                let page = cheatsheet_page(options);
                let small = map::MapOptions { depth: settings.depth.min(2), ..settings.clone() };
                let overview = map::overview(doc, &small, page);
                let overview = overview.readable_on(page).then(|| MapDrawing::new(&overview, page, shapes_path(0)));
                Maps { overview, branches: Vec::new() }
            }
        }
    }

    /// The maps' pictures, each with its file name in the compile's
    /// project (`maps/0.svg`: the path the data names, less its leading
    /// slash), taken out of the drawings, which keep only the paths.
    pub fn take_pictures(&mut self) -> Vec<(String, String)> {
        let drawings = self.overview.iter_mut().chain(self.branches.iter_mut().map(|(_, m)| m));
        drawings.map(|m| (m.shapes.trim_start_matches('/').to_owned(), std::mem::take(&mut m.svg))).collect()
    }
}
