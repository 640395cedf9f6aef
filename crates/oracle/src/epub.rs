//! An EPUB as a reading system opens it: a zip whose first entry is the
//! stored `mimetype`, and every XML document in it well-formed.

use std::io::{Cursor, Read};

const MIMETYPE: &str = "application/epub+zip";
const XML_EXTENSIONS: &[&str] = &[".xhtml", ".opf", ".ncx", ".xml"];

pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut first = String::new();
    {
        let mut entry = zip.by_index(0).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?;
        if name != "mimetype" || entry.compression() != zip::CompressionMethod::Stored {
            return Err(format!("first entry is {name:?}, not a stored mimetype"));
        }
        entry.read_to_string(&mut first).map_err(|e| e.to_string())?;
    }
    if first != MIMETYPE {
        return Err(format!("mimetype is {first:?}"));
    }
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        if !XML_EXTENSIONS.iter().any(|ext| name.ends_with(ext)) {
            continue;
        }
        let mut text = String::new();
        entry.read_to_string(&mut text).map_err(|e| format!("{name}: {e}"))?;
        let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        roxmltree::Document::parse_with_options(&text, options).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}
