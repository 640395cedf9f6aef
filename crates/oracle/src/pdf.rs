//! A PDF that a reader opens, with at least one page.

pub fn check(bytes: &[u8]) -> Result<(), String> {
    let pdf = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if pdf.get_pages().is_empty() {
        return Err("no pages".into());
    }
    Ok(())
}
