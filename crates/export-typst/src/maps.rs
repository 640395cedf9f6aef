//! The concept maps a typst document shows, served to typst as SVG files
//! of the world (typst draws SVG as vector graphics; its text becomes
//! glyph outlines, which is fine: the guide's own text carries every word).

use export::{Options, Paper};
use model::Document;
use serde::Serialize;

use crate::Sheet;

/// A map as the template sees it: the file to `image()` and its printed width.
#[derive(Debug, Clone, Serialize)]
pub struct MapRef {
    pub path: String,
    pub width: f32,
}

/// The maps of one compile: references for the data, bytes for the world.
#[derive(Debug, Default)]
pub struct MapFiles {
    pub overview: Option<MapRef>,
    /// (top-level index, map) for sections whose branch the overview cut.
    pub branches: Vec<(usize, MapRef)>,
    pub files: Vec<(String, Vec<u8>)>,
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

impl MapFiles {
    pub fn new(doc: &Document, options: &Options, sheet: Sheet) -> MapFiles {
        let settings = &options.map;
        let wanted = match sheet {
            Sheet::Guide => settings.guide,
            Sheet::Cheatsheet => settings.cheatsheet,
        };
        if !wanted || doc.nodes.is_empty() {
            return MapFiles::default();
        }
        let mut out = MapFiles::default();
        match sheet {
            Sheet::Guide => {
                let maps = map::maps(doc, settings, map::GUIDE_PAGE);
                out.overview = Some(out.add("map.svg", &maps.overview, map::GUIDE_PAGE));
                for branch in &maps.branches {
                    let r = out.add(&map::branch_file_name(branch.index), &branch.map, map::GUIDE_PAGE);
                    out.branches.push((branch.index, r));
                }
            }
            Sheet::Cheatsheet => {
                // Only the top levels, and only when they print readably.
                let page = cheatsheet_page(options);
                let small = map::MapOptions { depth: settings.depth.min(2), ..settings.clone() };
                let overview = map::overview(doc, &small, page);
                if overview.readable_on(page) {
                    out.overview = Some(out.add("map.svg", &overview, page));
                }
            }
        }
        out
    }

    fn add(&mut self, file: &str, map: &map::Map, page: map::Page) -> MapRef {
        self.files.push((file.to_owned(), map.svg.clone().into_bytes()));
        MapRef { path: format!("/{file}"), width: map.printed_size(page).0 }
    }
}
