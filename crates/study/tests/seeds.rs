//! Derivation on the real seed notes (read at run time from
//! `../shared/seeds`, skipped when absent) and on the sample sources.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use study::{Answer, Prompt, derive};

fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in [root.join("../shared/seeds"), root.join("sources")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

#[test]
fn every_source_gives_clean_items() {
    let files = sources();
    if files.is_empty() {
        eprintln!("no seeds or sample sources found; skipping");
        return;
    }
    for file in files {
        let Ok(doc) = ingest::ingest_file(&file, None) else { continue };
        let lines = std::fs::read_to_string(&file).map_or(usize::MAX, |t| t.lines().count().max(1));
        let items = derive(&doc);
        assert!(!items.is_empty(), "{}: no study items", file.display());
        let mut ids = HashSet::new();
        let mut fronts = HashSet::new();
        for item in &items {
            let at = format!("{}: {:?}", file.display(), item.prompt);
            assert!(ids.insert(item.id.clone()), "{at}: duplicate id");
            assert!(fronts.insert(item.prompt.front()), "{at}: duplicate front");
            assert!(!item.prompt.is_empty() && !item.answer.is_empty(), "{at}: empty");
            assert!(item.source.span.start >= 1 && item.source.span.end <= lines, "{at}: span {}", item.source.span);
            if let Prompt::Cloze { hidden, .. } = &item.prompt {
                assert!(!hidden.contains("}}"), "{at}: braces in a cloze");
            }
            if let Answer::Text { text } = &item.answer {
                let first_sentence_only = !text.trim_end_matches('.').contains(". ");
                assert!(
                    text.split_whitespace().count() <= study::MAX_ANSWER_WORDS || first_sentence_only,
                    "{at}: long answer of several sentences"
                );
            }
        }
    }
}
