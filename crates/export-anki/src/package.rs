//! The `.apkg` zip: `collection.anki2` and an empty `media` map.
//!
//! Reproducible: entries in a fixed order, a fixed modification time from
//! the build time (1980-01-01 without one), fixed permissions, no comment.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::AnkiError;

/// Zip the collection bytes into a package.
pub fn write(collection: &[u8], time: Option<i64>) -> Result<Vec<u8>, AnkiError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // Level 1: a tenth larger than level 6 at a third of the time.
        .compression_level(Some(1))
        .last_modified_time(zip_time(time))
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(collection.len() / 3)));
    zip.start_file("collection.anki2", options)?;
    zip.write_all(collection).map_err(|e| AnkiError::Zip(e.into()))?;
    // No media: the legacy media map is a JSON object of index → name.
    zip.start_file("media", options)?;
    zip.write_all(b"{}").map_err(|e| AnkiError::Zip(e.into()))?;
    Ok(zip.finish()?.into_inner())
}

/// The build time as a DOS timestamp, clamped to what zip can hold.
fn zip_time(time: Option<i64>) -> DateTime {
    let Some(secs) = time else { return DateTime::default() };
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    let (hh, mm, ss) = ((rem / 3600) as u8, (rem % 3600 / 60) as u8, (rem % 60) as u8);
    match u16::try_from(y) {
        Ok(year) => DateTime::from_date_and_time(year, m, d, hh, mm, ss).unwrap_or_default(),
        Err(_) => DateTime::default(),
    }
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_758), (2026, 11, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn times_before_1980_fall_back_to_the_zip_epoch() {
        assert_eq!(zip_time(Some(0)), DateTime::default());
        let t = zip_time(Some(1_793_491_200 + 3661));
        assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute()), (2026, 11, 1, 1, 1));
    }
}
