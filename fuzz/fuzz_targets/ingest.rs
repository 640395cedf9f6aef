//! Any bytes, as any source kind: ingest returns a model or an error, and a
//! model always survives the Markdown outline round trip without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use model::SourceKind;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let kind = SourceKind::ALL.get(usize::from(selector) % (SourceKind::ALL.len() + 1)).copied();
    if let Ok(doc) = ingest::ingest_bytes("fuzz.txt", bytes, kind) {
        let md = export::builtin::markdown_outline(&doc);
        let _ = ingest::ingest_bytes("fuzz.md", md.as_bytes(), None);
    }
});
