//! Layout time against tree size: 10,000 nodes should take well under a
//! second, and doubling the nodes about doubles the time (linear).
//!
//!     cargo bench -p map --bench layout

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use map::{Direction, MapTree};

/// A bushy tree of `n` nodes: each node gets up to `fan` children, level
/// by level, labels of a few words each.
fn bushy(n: usize, fan: usize) -> MapTree {
    let mut tree = MapTree::new("Raíz del mapa", None, None);
    let mut parent = 0;
    while tree.len() < n {
        for k in 0..fan {
            if tree.len() >= n {
                break;
            }
            let text = format!("Nodo {} del tema {k}", tree.len());
            tree.add(parent, None, &text);
        }
        parent += 1;
    }
    tree
}

fn layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for n in [2_500, 5_000, 10_000] {
        let tree = bushy(n, 6);
        group.bench_with_input(BenchmarkId::new("bushy", n), &tree, |b, t| b.iter(|| map::layout(t, Direction::Right)));
    }
    let tree = bushy(10_000, 6);
    group.bench_function("bushy-10000-svg", |b| {
        b.iter(|| {
            let l = map::layout(&tree, Direction::Both);
            map::svg::write(&tree, &l, "mapa")
        })
    });
    group.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
