//! Running many renders on a rayon pool, one document per thread at a time.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Run `work` over every task on the current rayon pool, each thread taking
/// the next task when it finishes one; results come back in task order.
///
/// Not `par_iter`: typst lays out pages and writes PDFs on rayon too, and a
/// thread waiting for that work would steal another whole render and run it
/// on top of the one it is in. Renders then nest on one stack and stay alive
/// together, so memory grew with the length of a batch.
pub fn run_each<T: Sync, R: Send>(tasks: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let per_thread: Vec<Vec<(usize, R)>> = rayon::broadcast(|_| {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(task) = tasks.get(i) else { return done };
            done.push((i, work(task)));
        }
    });
    let mut results: Vec<(usize, R)> = per_thread.into_iter().flatten().collect();
    results.sort_unstable_by_key(|&(i, _)| i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_runs_once_and_results_keep_task_order() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let tasks: Vec<u32> = (0..100).collect();
        let runs = AtomicUsize::new(0);
        let squares = pool.install(|| {
            run_each(&tasks, |&t| {
                runs.fetch_add(1, Ordering::Relaxed);
                t * t
            })
        });
        assert_eq!(runs.into_inner(), 100);
        assert_eq!(squares, tasks.iter().map(|t| t * t).collect::<Vec<_>>());
    }

    #[test]
    fn no_tasks_give_no_results() {
        let results: Vec<u8> = run_each(&[] as &[u8], |&t| t);
        assert!(results.is_empty());
    }
}
