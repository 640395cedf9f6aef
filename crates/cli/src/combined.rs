//! The combined phase: one output per format over many documents (a
//! course EPUB, one Anki package), written under `<out>/combined/`. `build
//! --combined` runs it over the documents it ingested; `merge` over the
//! models the shards wrote.

use std::path::Path;

use export::{Exporter, RenderContext};

use crate::report::Reporter;

/// Folder under the output folder that holds the combined outputs.
pub const DIR: &str = "combined";

/// Render and write each format's combined output; a failing format is
/// reported and the others are still written.
pub fn write(out: &Path, exporters: &[&dyn Exporter], contexts: &[RenderContext<'_>], reporter: &Reporter) {
    if contexts.is_empty() {
        return;
    }
    for exporter in exporters {
        let Some(result) = exporter.render_combined(contexts) else { continue };
        let written = result
            .map_err(anyhow::Error::from)
            .and_then(|a| Ok(export::write_artifacts(&out.join(DIR), &a)?));
        if let Err(e) = written {
            reporter.fail(&format!("combined {}: {e:#}", exporter.name()));
        }
    }
}
