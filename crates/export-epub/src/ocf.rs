//! The OCF container: a zip that e-readers and epubcheck accept, with the
//! same bytes for the same content.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use export::ExportError;

/// One file of the book, by its path inside the zip.
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Zip `entries` after `mimetype`, in the order given.
///
/// `mimetype` comes first, stored, without extra field (else PKG-005/006);
/// no archive comment (Kobo then reports the book as DRM-protected). Every
/// entry gets the same DOS time and permissions and the compression level is
/// pinned, so the archive depends on the content only.
pub fn zip_book(entries: &[Entry]) -> Result<Vec<u8>, ExportError> {
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let fail = |e: &dyn std::fmt::Display| ExportError::render("epub", format!("zip: {e}"));
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
    zip.start_file(
        "mimetype",
        base.compression_method(CompressionMethod::Stored),
    )
    .map_err(|e| fail(&e))?;
    zip.write_all(b"application/epub+zip")
        .map_err(|e| fail(&e))?;
    // Level 3 books are within 1% of level 6 in size at half the time
    // (docs/performance-epub.md); the level is pinned because it shapes the bytes.
    let deflated = base
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(3));
    for entry in entries {
        zip.start_file(entry.path.as_str(), deflated)
            .map_err(|e| fail(&e))?;
        zip.write_all(&entry.bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}
