//! Write a 10,000-note deck and report how long it takes.
//!
//!   cargo bench -p export-anki --bench apkg -- [--out FILE] [--runs N]
//!
//! The notes are the same synthetic ones `bench/genanki_anchor.py` builds:
//! 8,000 question/answer notes and 2,000 clozes over 20 sections. The time
//! covers everything the exporter does — fields, GUIDs, lock stamps, the
//! SQLite collection, `VACUUM`, serialization and the zip — but not
//! deriving the items.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use export::{Exporter, Options, RenderContext, Templates};
use model::{Document, Meta, Span};
use study::{Answer, ItemKind, Prompt, SourceRef, StudyItem};

const NOTES: usize = 10_000;
const SECTIONS: usize = 20;

fn main() {
    let (out, runs) = args();
    let doc = Document {
        title: "Benchmark".into(),
        meta: Meta { source: "bench/synthetic.md".into(), language: "es".into(), ..Meta::default() },
        nodes: vec![],
        dropped: vec![],
    };
    let items: Vec<StudyItem> = (0..NOTES).map(item).collect();
    let options = Options { build_time: Some(1_800_000_000), ..Options::default() };
    let templates = Templates::embedded();
    let cx = RenderContext { document: &doc, items: &items, options: &options, templates: &templates };
    let anki = export_anki::Anki::new();

    let mut times = Vec::with_capacity(runs);
    let mut artifacts = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        artifacts = anki.render(&cx).unwrap_or_else(|e| panic!("render failed: {e}"));
        times.push(start.elapsed());
    }
    times.sort();
    let apkg = artifacts.iter().find(|a| a.file_name == export_anki::PACKAGE_NAME).map_or(0, |a| a.bytes.len());
    println!(
        "anki: {NOTES} notes, {runs} runs: min {} ms, median {} ms, max {} ms; deck.apkg {} KiB",
        ms(times[0]),
        ms(times[runs / 2]),
        ms(times[runs - 1]),
        apkg / 1024
    );
    if let Some(dir) = out {
        export::write_artifacts(&dir, &artifacts).unwrap_or_else(|e| panic!("write failed: {e}"));
        println!("wrote {}", dir.join(export_anki::PACKAGE_NAME).display());
    }
}

/// Note `i`: the same text `genanki_anchor.py` generates for it.
fn item(i: usize) -> StudyItem {
    let section = format!("Sección {}", i % SECTIONS);
    let (kind, prompt, answer) = if i % 5 == 4 {
        let prompt = Prompt::Cloze {
            before: "El ".into(),
            hidden: format!("concepto {i}"),
            after: " se define como una idea breve que el estudiante debe recordar sin ayuda.".into(),
        };
        (ItemKind::Cloze, prompt, Answer::Text { text: format!("concepto {i}") })
    } else {
        let prompt = Prompt::Question { text: format!("¿Qué es el concepto número {i}?") };
        let answer = format!("Explicación del concepto {i}: una frase de unas quince palabras, como las respuestas reales.");
        (ItemKind::Basic, prompt, Answer::Text { text: answer })
    };
    StudyItem {
        id: model::stable_id("s", &["benchmark", &section, kind.name(), &i.to_string()]),
        kind,
        path: vec![section],
        prompt,
        answer,
        source: SourceRef { file: "bench/synthetic.md".into(), span: Span::line(i + 1) },
    }
}

fn args() -> (Option<PathBuf>, usize) {
    let mut out = None;
    let mut runs = 11;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => out = it.next().map(PathBuf::from),
            "--runs" => runs = it.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).unwrap_or(runs),
            _ => {}
        }
    }
    (out, runs)
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}
