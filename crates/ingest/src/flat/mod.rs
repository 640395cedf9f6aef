//! Flattened text — Coggle pages, blog posts, document-viewer text — to an
//! outline. The hierarchy was lost when the page was copied, so it is
//! inferred in four steps, one module each:
//!
//! * [`header`]: site chrome, running headers and the title come off;
//! * `lines::logical`: physical lines are rejoined where a node was wrapped
//!   or split (`wrap-join`, `punctuation-join`, `colon-join`, `bullet-join`);
//! * [`classify`] gives each logical line its features, and [`decide`]
//!   places it from them (kind, nesting, the rule that decided);
//! * [`tree`] builds the tree from those decisions in one pass.
//!
//! Every node records its rule; `studyforge check` shows them.

mod classify;
mod decide;
mod header;
mod tree;

use model::{DroppedLine, Meta, SourceKind};

pub use classify::colon_term;

use crate::arena::Arena;
use crate::lines;

/// What the flat readers produce before the shared finishing pass.
pub struct Parsed {
    pub title: Option<String>,
    pub meta: Meta,
    pub arena: Arena,
    pub dropped: Vec<DroppedLine>,
}

pub fn read(text: &str, kind: SourceKind) -> Parsed {
    let physical = lines::physical(text);
    let mut header = header::Header::default();
    let keep = header.strip(&physical, kind);
    let logical = lines::logical(&physical, &keep, kind);
    let decisions = decide::decide(&logical);
    let mut arena = Arena::default();
    let mut dropped = header.dropped;
    tree::build(logical, &decisions, &mut arena, &mut dropped);
    dropped.sort_by_key(|d| d.line);
    Parsed { title: header.title, meta: header.meta, arena, dropped }
}
