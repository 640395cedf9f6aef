//! Ingest throughput over the real seeds (or the sample sources when the
//! seeds are not beside the checkout).
//!
//! Run: `cargo bench -p ingest --bench throughput`
//!
//! * `each seed`: every seed ingested as its own document, as a build does;
//!   throughput is the seeds' total size over the time for all of them.
//! * `one large document`: the seeds without a related-posts footer (which
//!   would cut everything after it) concatenated to about 8 MB.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

// The allocator the studyforge binary ships with, so the figures are the
// ones a build sees.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn inputs() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../../../shared/seeds");
    let dir = if seeds.is_dir() { seeds } else { root.join("../../sources") };
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.into_iter().map(|f| (f.clone(), std::fs::read(&f).unwrap())).collect()
}

fn throughput(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("ingest");
    group.sample_size(20);
    let total: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("each seed", |b| {
        b.iter(|| {
            for (path, bytes) in &inputs {
                ingest::ingest_bytes(&path.display().to_string(), bytes, None).unwrap();
            }
        })
    });
    let unit: Vec<u8> = inputs
        .iter()
        .filter(|(p, b)| p.extension().is_some_and(|e| e == "txt") && !String::from_utf8_lossy(b).contains("relacionadas:"))
        .flat_map(|(_, b)| b.iter().copied().chain(*b"\n"))
        .collect();
    let big = unit.repeat(8_000_000 / unit.len() + 1);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("one large document", |b| {
        b.iter(|| ingest::ingest_bytes("bench.txt", &big, None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
