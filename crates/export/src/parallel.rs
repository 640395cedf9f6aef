//! Running many renders in parallel, one document per thread at a time.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Stack of each render thread: typst lays out deeply nested content
/// recursively, and a default thread stack is far smaller than a main
/// thread's.
const STACK_SIZE: usize = 64 << 20;

/// Run `work` over every task on `threads` threads, each taking the next
/// task when it finishes one; results come back in task order.
///
/// Each thread is the single worker of a rayon pool of its own. typst lays
/// out pages and writes PDFs on rayon, and in one shared pool a thread
/// waiting for its document's parallel work would either steal another
/// whole document and render it on top of the one it is in (renders piled
/// up and memory grew with the batch) or sit idle until the other thread
/// finished a page it had stolen. With a pool per thread, a document's own
/// parallel work runs on its own thread and the threads never wait on each
/// other.
pub fn run_each<T: Sync, R: Send>(
    tasks: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>, rayon::ThreadPoolBuildError> {
    let pools = (0..threads.clamp(1, tasks.len().max(1)))
        .map(|_| rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(STACK_SIZE).build())
        .collect::<Result<Vec<_>, _>>()?;
    let next = AtomicUsize::new(0);
    let drain = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(task) = tasks.get(i) else { return done };
            done.push((i, work(task)));
        }
    };
    let per_thread: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pools.iter().map(|pool| scope.spawn(|| pool.install(drain))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    let mut results: Vec<(usize, R)> = per_thread.into_iter().flatten().collect();
    results.sort_unstable_by_key(|&(i, _)| i);
    Ok(results.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_runs_once_and_results_keep_task_order() {
        let tasks: Vec<u32> = (0..100).collect();
        let runs = AtomicUsize::new(0);
        let squares = run_each(&tasks, 3, |&t| {
            runs.fetch_add(1, Ordering::Relaxed);
            t * t
        })
        .unwrap();
        assert_eq!(runs.into_inner(), 100);
        assert_eq!(squares, tasks.iter().map(|t| t * t).collect::<Vec<_>>());
    }

    #[test]
    fn nested_rayon_work_stays_on_the_task_thread() {
        use rayon::prelude::*;
        let tasks: Vec<u32> = (0..8).collect();
        let threads = run_each(&tasks, 2, |_| {
            let outer = std::thread::current().id();
            (0..64).into_par_iter().all(|_| std::thread::current().id() == outer)
        })
        .unwrap();
        assert!(threads.iter().all(|&same| same), "a task's parallel work ran on another thread");
    }

    #[test]
    fn no_tasks_give_no_results() {
        let results: Vec<u8> = run_each(&[] as &[u8], 2, |&t| t).unwrap();
        assert!(results.is_empty());
    }
}
