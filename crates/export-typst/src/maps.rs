//! The concept maps a typst document shows, as drawing data: every box,
//! edge and line of text of `map::drawing`, already scaled to its printed
//! size, for the templates' `concept-map` (templates/typst/map.typ) to draw
//! with typst's own shapes and text. Importing the SVG instead made typst
//! (usvg) turn every label into glyph outlines, which cost a guide 40–120%
//! more time; typst's text is shaped once, in the font the labels were
//! measured in, and stays text in the PDF.
//!
//! Edges and box outlines go as filled shapes (`Curve::band`,
//! `BoxLook::fills`), not strokes: typst's PDF writer expands every stroked
//! curve to find its bounding box, which was most of what a drawn map cost.

use export::{Options, Paper};
use map::drawing::{self, Point};
use map::font::Weight;
use model::Document;
use serde::Serialize;

use crate::Sheet;

/// A map as the template draws it. Lengths are printed points.
#[derive(Debug, Clone, Serialize)]
pub struct MapDrawing {
    pub width: f64,
    pub height: f64,
    /// Drawn before the nodes, which cover their ends.
    pub edges: Vec<EdgeOut>,
    pub nodes: Vec<NodeOut>,
}

/// An edge as a filled band: `path` is its outline, drawn as move, line,
/// cubic (two controls, end), line, line, line, cubic, line, close.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeOut {
    pub paint: &'static str,
    pub path: [[f64; 2]; 12],
}

/// A filled rounded box.
#[derive(Debug, Clone, Serialize)]
pub struct FillOut {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub radius: f64,
    pub fill: String,
}

/// A node: its box as fills painted in order (outline, inside), and its
/// lines set from the first baseline at (`tx`, `ty`), one every `leading`.
#[derive(Debug, Clone, Serialize)]
pub struct NodeOut {
    /// The outline node's stable id (none for an overview's root).
    pub id: Option<String>,
    pub fills: Vec<FillOut>,
    pub tx: f64,
    pub ty: f64,
    pub size: f64,
    pub leading: f64,
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

fn point((x, y): Point, scale: f32) -> [f64; 2] {
    [at(x, scale), at(y, scale)]
}

impl MapDrawing {
    /// `map` drawn to fit `page` (never larger than drawn).
    fn new(map: &map::Map, page: map::Page) -> MapDrawing {
        let s = map.scale_for(page);
        let (tree, layout) = (&map.tree, &map.layout);
        let edges = layout
            .edges
            .iter()
            .map(|e| {
                let look = drawing::edge(tree, e);
                EdgeOut { paint: look.colour, path: look.curve.band(look.width).map(|p| point(p, s)) }
            })
            .collect();
        let nodes = (0..tree.len()).map(|i| node(map, i, s)).collect();
        MapDrawing { width: at(layout.width, s), height: at(layout.height, s), edges, nodes }
    }
}

fn node(map: &map::Map, i: usize, s: f32) -> NodeOut {
    let look = drawing::node(&map.tree, &map.layout, i);
    let (frame, text) = (look.frame, look.text);
    let (tx, ty) = text.origin;
    let fills = frame
        .fills()
        .into_iter()
        .map(|f| FillOut {
            x: at(f.rect.x, s),
            y: at(f.rect.y, s),
            w: at(f.rect.w, s),
            h: at(f.rect.h, s),
            radius: at(f.radius, s),
            fill: f.colour,
        })
        .collect();
    NodeOut {
        id: map.tree.nodes[i].id.clone(),
        fills,
        tx: at(tx, s),
        ty: at(ty, s),
        size: at(text.size, s),
        leading: at(text.line_step(), s),
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
                    overview: Some(MapDrawing::new(&maps.overview, map::GUIDE_PAGE)),
                    branches: maps
                        .branches
                        .iter()
                        .map(|b| (b.index, MapDrawing::new(&b.map, map::GUIDE_PAGE)))
                        .collect(),
                }
            }
            Sheet::Cheatsheet => {
                // Only the top levels, and only when they print readably.
                let page = cheatsheet_page(options);
                let small = map::MapOptions { depth: settings.depth.min(2), ..settings.clone() };
                let overview = map::overview(doc, &small, page);
                let overview = overview.readable_on(page).then(|| MapDrawing::new(&overview, page));
                Maps { overview, branches: Vec::new() }
            }
        }
    }
}
