//! Ingest throughput over the real seeds (or the sample sources when the
//! seeds are not beside the checkout), repeated to about 8 MB per input.
//!
//! Run: `cargo bench -p ingest --bench throughput`

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../../../shared/seeds");
    let dir = if seeds.is_dir() { seeds } else { root.join("../../sources") };
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut text = Vec::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
        text.extend(std::fs::read(f).unwrap());
        text.push(b'\n');
    }
    text
}

fn throughput(c: &mut Criterion) {
    let unit = corpus();
    let big = unit.repeat(8_000_000 / unit.len() + 1);
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("flat text, seeds repeated", |b| {
        b.iter(|| ingest::ingest_bytes("bench.txt", &big, None).unwrap())
    });
    let md = export::builtin::markdown_outline(&ingest::ingest_bytes("bench.txt", &big, None).unwrap());
    group.throughput(Throughput::Bytes(md.len() as u64));
    group.bench_function("markdown outline of the same", |b| {
        b.iter(|| ingest::ingest_bytes("bench.md", md.as_bytes(), None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
