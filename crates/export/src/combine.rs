//! Combined outputs (a course book, one deck for a folder), made one
//! document at a time: a course of thousands of documents is never in
//! memory at once, only what the output itself has to keep.

use crate::{Artifact, ExportError, Exporter, RenderContext};

/// One combined output being made. Documents are added in build order;
/// each may be dropped once added.
pub trait Combiner {
    fn add(&mut self, cx: &RenderContext<'_>) -> Result<(), ExportError>;
    /// The finished files.
    fn finish(self: Box<Self>) -> Result<Vec<Artifact>, ExportError>;
}

/// `exporter`'s combined output over `docs`, all in hand already. `None`
/// when the format has no combined form or there is no document.
pub fn render_combined(
    exporter: &dyn Exporter,
    docs: &[RenderContext<'_>],
) -> Option<Result<Vec<Artifact>, ExportError>> {
    if docs.is_empty() {
        return None;
    }
    let mut combiner = exporter.combiner()?;
    Some(docs.iter().try_for_each(|cx| combiner.add(cx)).and_then(|()| combiner.finish()))
}
