//! The reload channel: the state of the last build, and a server-sent
//! event stream that tells open pages when it changes.

use std::io::Write;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;

/// The script `serve` adds to every HTML page it sends.
pub const CLIENT: &str = concat!("<script>\n", include_str!("live.js"), "</script>\n");

/// Where pages listen for build events; outside any document folder.
pub const EVENTS_PATH: &str = "/__studyforge/events";

/// How often an idle stream sends a comment, so a closed tab's stream
/// fails on write and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What open pages need to know about the last build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct State {
    /// Counts pages written: an open page reloads when it changes.
    pub generation: u64,
    /// The last build's failures (file, line, message); empty when it was good.
    pub errors: Vec<String>,
    /// A build is under way (pages may already show its first results).
    pub building: bool,
}

#[derive(Default)]
pub struct Status {
    state: Mutex<State>,
    changed: Condvar,
}

impl Status {
    pub fn current(&self) -> State {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// A page was rewritten: open pages reload.
    pub fn page_written(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.generation += 1;
        self.changed.notify_all();
    }

    pub fn build_started(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.building = true;
        self.changed.notify_all();
    }

    /// A build ended with these failures (none: it was good).
    pub fn build_ended(&self, errors: Vec<String>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.errors = errors;
        state.building = false;
        self.changed.notify_all();
    }

    /// The state once it differs from `seen`, or `None` after `timeout`.
    pub fn wait_for_change(&self, seen: &State, timeout: Duration) -> Option<State> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (state, _) =
            self.changed.wait_timeout_while(state, timeout, |s| s == seen).unwrap_or_else(PoisonError::into_inner);
        (*state != *seen).then(|| state.clone())
    }
}

/// Answer an `EventSource` request: the current state at once, then every
/// change, until the page goes away. The response is written by hand
/// because tiny_http buffers chunked bodies, which would hold events back.
pub fn stream(status: &Status, request: tiny_http::Request) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut seen = status.current();
    loop {
        let written = match serde_json::to_string(&seen) {
            Ok(json) => out.write_all(format!("data: {json}\n\n").as_bytes()),
            Err(_) => return,
        };
        if written.and_then(|()| out.flush()).is_err() {
            return;
        }
        seen = loop {
            match status.wait_for_change(&seen, KEEP_ALIVE) {
                Some(next) => break next,
                None if out.write_all(b": idle\n\n").and_then(|()| out.flush()).is_err() => return,
                None => {}
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_the_generation_and_a_written_page_advances_it() {
        let status = Status::default();
        status.build_started();
        assert!(status.current().building);
        status.build_ended(vec!["a.md:3: bad".into()]);
        assert_eq!(status.current(), State { generation: 0, errors: vec!["a.md:3: bad".into()], building: false });
        status.build_started();
        status.page_written();
        status.build_ended(vec![]);
        assert_eq!(status.current(), State { generation: 1, errors: vec![], building: false });
    }

    #[test]
    fn waiters_see_a_change_and_time_out_without_one() {
        let status = std::sync::Arc::new(Status::default());
        let seen = status.current();
        assert_eq!(status.wait_for_change(&seen, Duration::from_millis(10)), None);
        let writer = std::sync::Arc::clone(&status);
        let t = std::thread::spawn(move || writer.page_written());
        let next = status.wait_for_change(&seen, Duration::from_secs(5)).expect("a change");
        assert_eq!(next.generation, 1);
        t.join().unwrap();
    }
}
