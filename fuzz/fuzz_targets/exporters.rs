//! Any `Document` the model can hold, through every fast exporter: no
//! panic, no hang (libFuzzer's -timeout), and every output parses (see the
//! `oracle` crate). Typst is slow, so the PDFs have their own target.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../hostile.rs"]
mod hostile;

/// The exporters, template plugins included, loaded once for the run.
static EXPORTERS: OnceLock<oracle::Cheap> = OnceLock::new();

fuzz_target!(|doc: model::Document| {
    let doc = hostile::within_model_limits(doc);
    let exporters = EXPORTERS.get_or_init(|| {
        let plugins = Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
        oracle::Cheap::new(Some(&plugins)).expect("the repository's template plugins load")
    });
    if let Err(failure) = exporters.check(&doc) {
        panic!("{failure}\n{}", serde_json::to_string(&doc).unwrap_or_default());
    }
});
