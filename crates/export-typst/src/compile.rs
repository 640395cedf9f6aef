//! Compiling a world to a paged document and a PDF, with typst's errors
//! turned into [`ExportError`]s and its memo cache kept bounded.

use export::ExportError;
use typst::WorldExt;
use typst::diag::{SourceDiagnostic, SourceResult};
use typst::foundations::{Datetime, Smart};
use typst::syntax::DiagSpan;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::world::{MAP_MODULE_PATH, StudyWorld};

/// How many evictions a memoized result survives unused. Results every
/// document reuses (the parsed template, fonts' shaping) stay warm; results
/// of one document age out a few documents later, so a long batch runs in
/// flat memory.
const CACHE_MAX_AGE: usize = 4;

/// Evicts comemo's process-global cache when dropped, so it happens after
/// every document on every path, errors and panics included.
pub struct EvictOnDrop;

impl Drop for EvictOnDrop {
    fn drop(&mut self) {
        comemo::evict(CACHE_MAX_AGE);
    }
}

pub fn compile(format: &str, world: &StudyWorld) -> Result<PagedDocument, ExportError> {
    let warned = typst::compile::<PagedDocument>(world);
    warned.output.map_err(|errors| diagnostics(format, world, &errors))
}

/// Everything that identifies and dates a PDF; fixed per document so two
/// builds give the same bytes.
pub struct PdfMeta {
    pub ident: String,
    pub timestamp: Option<Datetime>,
}

pub fn pdf(format: &str, world: &StudyWorld, doc: &PagedDocument, meta: &PdfMeta) -> Result<Vec<u8>, ExportError> {
    let options = PdfOptions {
        ident: Smart::Custom(meta.ident.clone()),
        timestamp: meta.timestamp.map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    let bytes: SourceResult<Vec<u8>> = typst_pdf::pdf(doc, &options);
    bytes.map_err(|errors| diagnostics(format, world, &errors))
}

/// The typst messages, each with the template file and line where one is
/// known (`typst/guide.typ line 12: …`), as one render error.
fn diagnostics(format: &str, world: &StudyWorld, errors: &[SourceDiagnostic]) -> ExportError {
    let messages: Vec<String> = errors.iter().map(|e| describe(format, world, e)).collect();
    ExportError::render(format, messages.join("; "))
}

fn describe(format: &str, world: &StudyWorld, error: &SourceDiagnostic) -> String {
    let mut text = match locate(format, world, error.span) {
        Some((file, line)) => format!("{file} line {line}: {}", error.message),
        None => error.message.to_string(),
    };
    for hint in &error.hints {
        text.push_str(" (hint: ");
        text.push_str(&hint.v);
        text.push(')');
    }
    text
}

/// The template file (as a user's copy is named under the templates
/// folder) and the line of `span`.
fn locate(format: &str, world: &StudyWorld, span: DiagSpan) -> Option<(String, usize)> {
    let id = span.id()?;
    let (file, source) = [
        (format!("typst/{format}.typ"), world.main_source()),
        (format!("typst/{MAP_MODULE_PATH}"), world.map_source()),
    ]
    .into_iter()
    .find(|(_, source)| source.id() == id)?;
    let start = world.range(span)?.start;
    Some((file, source.text().get(..start)?.matches('\n').count() + 1))
}

/// The date stamped into a PDF: `SOURCE_DATE_EPOCH` when given, else the
/// source's own date, else none at all — never the wall clock.
pub fn build_date(build_time: Option<i64>, iso_date: Option<&str>) -> Option<Datetime> {
    match build_time {
        Some(secs) => from_epoch(secs),
        None => iso_date.and_then(parse_iso_date),
    }
}

fn from_epoch(secs: i64) -> Option<Datetime> {
    let t = export::time::UtcDateTime::from_epoch(secs);
    Datetime::from_ymd_hms(i32::try_from(t.year).ok()?, t.month, t.day, t.hour, t.minute, t.second)
}

fn parse_iso_date(iso: &str) -> Option<Datetime> {
    let mut parts = iso.get(..10)?.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Datetime::from_ymd_hms(y, m, d, 0, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_become_utc_dates() {
        assert_eq!(from_epoch(0), Datetime::from_ymd_hms(1970, 1, 1, 0, 0, 0));
        assert_eq!(from_epoch(1_700_000_000), Datetime::from_ymd_hms(2023, 11, 14, 22, 13, 20));
        assert_eq!(from_epoch(951_782_400), Datetime::from_ymd_hms(2000, 2, 29, 0, 0, 0));
    }

    #[test]
    fn source_dates_are_used_only_without_build_time() {
        assert_eq!(build_date(None, Some("2008-11-03")), Datetime::from_ymd_hms(2008, 11, 3, 0, 0, 0));
        assert_eq!(build_date(None, Some("nonsense")), None);
        assert_eq!(build_date(Some(0), Some("2008-11-03")), Datetime::from_ymd_hms(1970, 1, 1, 0, 0, 0));
    }
}
