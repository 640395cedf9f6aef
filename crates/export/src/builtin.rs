//! Formats that are the model itself: JSON and the editable Markdown outline.

use crate::{Artifact, ExportError, Exporter, RenderContext};

/// `outline.json`: the document exactly as `studyforge parse --json` prints it.
pub struct Json;

impl Exporter for Json {
    fn name(&self) -> &str {
        "json"
    }

    fn description(&self) -> &str {
        "outline.json: the outline model (title, meta, nodes) as JSON"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
        let mut bytes = serde_json::to_vec_pretty(cx.document).map_err(|e| ExportError::render("json", e))?;
        bytes.push(b'\n');
        Ok(vec![Artifact { file_name: "outline.json".into(), bytes }])
    }
}
