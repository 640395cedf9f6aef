//! Package metadata: identifier, language and dates.

use uuid::Uuid;

/// Used when neither `SOURCE_DATE_EPOCH` nor a source date is known: a fixed
/// date, never the wall clock, so builds stay reproducible.
pub const FIXED_MODIFIED: &str = "2000-01-01T00:00:00Z";

/// `urn:uuid:` + a name-based (v5) UUID of `key`: the same book key gives
/// the same identifier on every build and machine, so a reader updates the
/// book it has instead of shelving a second copy.
pub fn identifier<S: AsRef<str>>(key: &[S]) -> String {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:studyforge:epub");
    let name = key
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("\u{1f}");
    format!("urn:uuid:{}", Uuid::new_v5(&namespace, name.as_bytes()))
}

/// `dcterms:modified` (`CCYY-MM-DDThh:mm:ssZ`): the build time when given,
/// else the latest source date, else [`FIXED_MODIFIED`].
pub fn modified<'a>(
    build_time: Option<i64>,
    source_dates: impl IntoIterator<Item = Option<&'a str>>,
) -> String {
    if let Some(stamp) = build_time.and_then(format_epoch) {
        return stamp;
    }
    source_dates
        .into_iter()
        .flatten()
        .filter_map(parse_iso_date)
        .max()
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}T00:00:00Z"))
        .unwrap_or_else(|| FIXED_MODIFIED.to_owned())
}

/// The source date as `dc:date` when it is a valid W3CDTF date; omitted
/// otherwise, since an empty or malformed `dc:date` is flagged.
pub fn dc_date(iso: Option<&str>) -> Option<String> {
    let iso = iso?.trim();
    parse_iso_date(iso).map(|_| iso.to_owned())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, missing parts read as the first.
fn parse_iso_date(iso: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    let lens_ok = parts.len() <= 3
        && parts
            .iter()
            .enumerate()
            .all(|(i, p)| p.len() == if i == 0 { 4 } else { 2 });
    if !lens_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let num = |i: usize| parts.get(i).map_or(Some(1), |p| p.parse::<u32>().ok());
    let (y, m, d) = (num(0)?, num(1)?, num(2)?);
    ((1..=12).contains(&m) && (1..=31).contains(&d) && y > 0).then_some((y, m, d))
}

/// Seconds since the epoch as UTC, for years 1-9999 (what the format holds).
fn format_epoch(secs: i64) -> Option<String> {
    export::time::UtcDateTime::from_epoch(secs).iso8601()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_is_a_stable_v5_urn_that_depends_on_the_key() {
        let a = identifier(&["p", "notas.txt", "Título"]);
        assert_eq!(a, identifier(&["p", "notas.txt", "Título"]));
        assert_ne!(a, identifier(&["p", "otras.txt", "Título"]));
        assert!(a.starts_with("urn:uuid:"));
        assert_eq!(
            a.as_bytes()["urn:uuid:".len() + 14],
            b'5',
            "version nibble: {a}"
        );
    }

    #[test]
    fn modified_prefers_build_time_then_latest_source_date() {
        assert_eq!(
            modified(Some(0), [Some("2008-11-03")]),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(modified(Some(1_700_000_000), []), "2023-11-14T22:13:20Z");
        assert_eq!(modified(Some(951_782_400), []), "2000-02-29T00:00:00Z");
        assert_eq!(
            modified(None, [Some("2008-11-03"), Some("2010-02"), None]),
            "2010-02-01T00:00:00Z"
        );
        assert_eq!(modified(None, [Some("3 de noviembre")]), FIXED_MODIFIED);
        assert_eq!(modified(Some(i64::MAX), []), FIXED_MODIFIED);
    }

    #[test]
    fn dc_date_only_when_valid() {
        assert_eq!(dc_date(Some("2008-11-03")).as_deref(), Some("2008-11-03"));
        assert_eq!(dc_date(Some("2008-13-03")), None);
        assert_eq!(dc_date(Some("")), None);
        assert_eq!(dc_date(None), None);
    }
}
