//! `--format map`: the maps themselves, as SVG files beside the other
//! outputs (a web page links its nodes to sections by their ids).

use export::{Artifact, ExportError, Exporter, RenderContext};

use crate::{GUIDE_PAGE, maps};

/// `map.svg`, and `map-NN.svg` for each top-level branch (NN from 01)
/// when the overview had to be cut.
pub struct MapFormat;

impl Exporter for MapFormat {
    fn name(&self) -> &str {
        "map"
    }

    fn description(&self) -> &str {
        "map.svg: the outline as a concept map (and a map per branch when cut)"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let maps = maps(cx.document, &cx.options.map, GUIDE_PAGE);
        let mut out = vec![Artifact { file_name: "map.svg".into(), bytes: maps.overview.svg().into_bytes() }];
        out.extend(maps.branches.into_iter().map(|b| Artifact {
            file_name: branch_file_name(b.index),
            bytes: b.map.svg().into_bytes(),
        }));
        Ok(out)
    }
}

/// The file of top-level branch `index` (from 0).
pub fn branch_file_name(index: usize) -> String {
    format!("map-{:02}.svg", index + 1)
}
