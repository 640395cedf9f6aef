//! `studyforge serve`: build, serve the output folder over HTTP on
//! loopback, rebuild on every change (the `watch` loop) and reload the open
//! pages. The server shows `out/`, it never renders: a page looks exactly
//! like the file a CI build publishes, plus a reload script added on the way
//! out (never written to disk).

mod files;
mod live;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result, anyhow};
use tiny_http::{Header, Method, Request, Response};

use crate::build::{self, BuildArgs, Outcome};
use crate::config::Config;
use crate::watch::Changes;
use files::Resolved;
use live::Status;

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Address to listen on; loopback unless you mean to share the preview
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port to listen on (0: any free port, printed at start)
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Open the course site in the default browser
    #[arg(long)]
    pub open: bool,
}

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    let (config, _) = Config::load(args.build.config.as_deref())?;
    let out = args.build.out.clone().unwrap_or(config.out);
    let changes = Changes::watch(&args.build)?;
    let status = Arc::new(Status::default());
    if let Outcome::Usage = rebuild(&args.build, &status) {
        return Ok(ExitCode::from(build::USAGE));
    }
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let root = out.canonicalize().with_context(|| format!("resolving {}", out.display()))?;
    let server = tiny_http::Server::http((args.host, args.port))
        .map_err(|e| anyhow!("listening on {}:{}: {e}", args.host, args.port))?;
    let server = Arc::new(server);
    let url = match server.server_addr().to_ip() {
        Some(addr) => format!("http://{addr}/"),
        None => return Err(anyhow!("the server has no IP address")),
    };
    eprintln!("serving {} at {url}, watching {} (Ctrl-C to stop)", out.display(), changes.describe());
    if args.open {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("warning: could not open a browser: {e}");
        }
    }
    let stopper = Arc::clone(&server);
    ctrlc::set_handler(move || stopper.unblock()).context("installing the Ctrl-C handler")?;
    // Builds run one at a time; on Ctrl-C the one under way finishes first,
    // so no temporary file is left behind.
    let building = Arc::new(Mutex::new(()));
    spawn_rebuilds(args.build.clone(), changes, Arc::clone(&status), Arc::clone(&building));
    for request in server.incoming_requests() {
        let (root, status) = (root.clone(), Arc::clone(&status));
        std::thread::spawn(move || handle(request, &root, &status));
    }
    let _finished = building.lock().unwrap_or_else(PoisonError::into_inner);
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

fn spawn_rebuilds(args: BuildArgs, changes: Changes, status: Arc<Status>, building: Arc<Mutex<()>>) {
    std::thread::spawn(move || {
        while changes.next() {
            let _one_at_a_time = building.lock().unwrap_or_else(PoisonError::into_inner);
            rebuild(&args, &status);
        }
    });
}

/// Build and tell the pages: each page written reloads them at once (the
/// build writes pages first), and the build's errors, or their absence,
/// are shown when it ends. A build that cannot even start (bad settings)
/// is shown like a failing source.
fn rebuild(args: &BuildArgs, status: &Arc<Status>) -> Outcome {
    let pages = Arc::clone(status);
    let on_written: build::WrittenHook = Box::new(move |paths| {
        if paths.iter().any(|p| files::content_type(p).starts_with("text/html")) {
            pages.page_written();
        }
    });
    status.build_started();
    match build::execute_with(args, Some(on_written)) {
        Ok(Outcome::Built { failures, written }) => {
            status.build_ended(failures.clone());
            Outcome::Built { failures, written }
        }
        Ok(Outcome::Busy(holder)) => {
            status.build_ended(vec![holder.clone()]);
            Outcome::Built { failures: vec![holder], written: 0 }
        }
        Ok(Outcome::Usage) => {
            status.build_ended(vec!["the build settings name an unknown format or source (see the terminal)".into()]);
            Outcome::Usage
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            status.build_ended(vec![format!("{e:#}")]);
            Outcome::Built { failures: vec![format!("{e:#}")], written: 0 }
        }
    }
}

fn handle(request: Request, root: &Path, status: &Status) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD"));
        return;
    }
    if request.url() == live::EVENTS_PATH {
        live::stream(status, request);
        return;
    }
    let response = match files::resolve(root, request.url()) {
        Resolved::File(path) => file_response(&path),
        Resolved::NotFound => text(404, "not found"),
        Resolved::Forbidden => text(403, "outside the output folder"),
        Resolved::BadRequest => text(400, "bad path"),
    };
    let _ = request.respond(response);
}

fn file_response(path: &PathBuf) -> Response<std::io::Cursor<Vec<u8>>> {
    let Ok(bytes) = std::fs::read(path) else { return text(404, "not found") };
    let kind = files::content_type(path);
    let body = if kind.starts_with("text/html") {
        files::inject(&String::from_utf8_lossy(&bytes), live::CLIENT).into_bytes()
    } else {
        bytes
    };
    with_headers(Response::from_data(body), kind)
}

fn text(code: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(Response::from_string(format!("{code} {message}\n")).with_status_code(code), "text/plain; charset=utf-8")
}

/// Nothing is cached, so a reload always shows the last build.
fn with_headers<R: std::io::Read>(response: Response<R>, kind: &str) -> Response<R> {
    let header = |name: &str, value: &str| Header::from_bytes(name.as_bytes(), value.as_bytes()).ok();
    [header("Content-Type", kind), header("Cache-Control", "no-store"), header("X-Content-Type-Options", "nosniff")]
        .into_iter()
        .flatten()
        .fold(response, Response::with_header)
}
