//! Every format the binary knows. An exporter crate adds itself here with
//! one line; nothing else in the CLI names a format.

use export::Registry;

pub fn registry() -> Registry {
    let mut r = Registry::new();
    r.register(Box::new(export::builtin::Json));
    r.register(Box::new(export_epub::Epub));
    r.register(Box::new(export_anki::Anki::new()));
    r.register(Box::new(export::builtin::Markdown));
    r.register(Box::new(export_typst::Guide));
    r.register(Box::new(export_typst::Cheatsheet));
    r
}
