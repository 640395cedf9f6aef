//! Every format the binary knows. An exporter crate adds itself here with
//! one line; nothing else in the CLI names a format.

use std::path::Path;

use anyhow::Result;
use export::Registry;

/// Built-in formats, then plugins found in the template folder and on PATH
/// (a plugin with a built-in's name replaces it).
pub fn registry(templates_dir: &Path) -> Result<Registry> {
    let mut r = Registry::new();
    r.register(Box::new(export::builtin::Json));
    r.register(Box::new(export::builtin::Markdown));
    r.register(Box::new(export_typst::Guide));
    r.register(Box::new(export_typst::Cheatsheet));
    r.register(Box::new(export_anki::Anki::new()));
    r.register(Box::new(export_epub::Epub));
    r.register(Box::new(export_html::Html));
    r.register(Box::new(map::MapFormat));
    if templates_dir.is_dir() {
        for plugin in export::plugins::template_plugins(templates_dir)? {
            r.register(plugin);
        }
    }
    for plugin in export::plugins::external_plugins(std::env::var_os("PATH").as_deref()) {
        r.register(plugin);
    }
    Ok(r)
}
