//! Any `Document` through the typst study guide and cheat sheet: no panic,
//! no hang, and both PDFs open with at least one page.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../hostile.rs"]
mod hostile;

fuzz_target!(|doc: model::Document| {
    let doc = hostile::within_model_limits(doc);
    if let Err(failure) = oracle::check_pdf(&doc) {
        panic!("{failure}\n{}", serde_json::to_string(&doc).unwrap_or_default());
    }
});
