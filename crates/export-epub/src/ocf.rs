//! The OCF container: a zip that e-readers and epubcheck accept, with the
//! same bytes for the same content.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use export::ExportError;

/// A book's zip, written as its files come: pages are compressed as soon as
/// they are rendered, so a course book never holds its XHTML twice.
///
/// `mimetype` comes first, stored, without extra field (else PKG-005/006);
/// no archive comment (Kobo then reports the book as DRM-protected). Every
/// entry gets the same DOS time and permissions and the compression level is
/// pinned, so the archive depends on the content only.
pub struct Container {
    zip: ZipWriter<Cursor<Vec<u8>>>,
}

fn fail(e: impl std::fmt::Display) -> ExportError {
    ExportError::render("epub", format!("zip: {e}"))
}

fn base() -> SimpleFileOptions {
    SimpleFileOptions::default().last_modified_time(DateTime::default()).unix_permissions(0o644)
}

impl Container {
    pub fn new() -> Result<Container, ExportError> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
        zip.start_file("mimetype", base().compression_method(CompressionMethod::Stored)).map_err(fail)?;
        zip.write_all(b"application/epub+zip").map_err(fail)?;
        Ok(Container { zip })
    }

    /// Add the file at `path` inside the zip.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), ExportError> {
        // Level 3 books are within 1% of level 6 in size at half the time
        // (docs/performance-epub.md); the level is pinned because it shapes the bytes.
        let deflated = base().compression_method(CompressionMethod::Deflated).compression_level(Some(3));
        self.zip.start_file(path, deflated).map_err(fail)?;
        self.zip.write_all(bytes).map_err(fail)
    }

    /// The finished archive.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        Ok(self.zip.finish().map_err(fail)?.into_inner())
    }
}
