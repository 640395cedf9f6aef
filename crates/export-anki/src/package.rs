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
    let t = export::time::UtcDateTime::from_epoch(secs);
    match u16::try_from(t.year) {
        Ok(year) => DateTime::from_date_and_time(year, t.month, t.day, t.hour, t.minute, t.second).unwrap_or_default(),
        Err(_) => DateTime::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_before_1980_fall_back_to_the_zip_epoch() {
        assert_eq!(zip_time(Some(0)), DateTime::default());
        let t = zip_time(Some(1_793_491_200 + 3661));
        assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute()), (2026, 11, 1, 1, 1));
    }
}
