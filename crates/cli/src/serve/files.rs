//! Which file a request names, and what is sent for it. Only files under
//! the output folder are served: a path is percent-decoded first, then any
//! `..` is refused, and the file's real path (symlinks resolved) must still
//! lie under the output folder.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    NotFound,
    /// Outside the output folder, by `..` or by a symlink.
    Forbidden,
    /// Not a path a browser sends (bad escapes, not UTF-8, NUL, backslash).
    BadRequest,
}

/// The file `url` names under `root`, which must be canonical. A folder
/// means its `index.html`.
pub fn resolve(root: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else { return Resolved::BadRequest };
    if decoded.contains(['\0', '\\']) || !decoded.starts_with('/') {
        return Resolved::BadRequest;
    }
    let mut target = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Forbidden,
            name => target.push(name),
        }
    }
    if target.is_dir() {
        target.push("index.html");
    }
    match target.canonicalize() {
        Ok(real) if !real.starts_with(root) => Resolved::Forbidden,
        Ok(real) if real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// The media type for the files a build writes. A dozen extensions, so a
/// table here rather than a MIME database crate.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "md" => "text/markdown; charset=utf-8",
        "txt" | "tsv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `html` with `snippet` before its closing `</body>`, or at its end.
pub fn inject(html: &str, snippet: &str) -> String {
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(snippet);
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("doc")).unwrap();
        std::fs::write(out.join("index.html"), "site").unwrap();
        std::fs::write(out.join("doc/index.html"), "page").unwrap();
        std::fs::write(out.join("doc/guía.pdf"), "pdf").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = out.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn serves_files_and_folder_indexes_under_the_root() {
        let (_dir, root) = site();
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/doc/"), Resolved::File(root.join("doc/index.html")));
        assert_eq!(resolve(&root, "/doc?x=1#top"), Resolved::File(root.join("doc/index.html")));
        assert_eq!(resolve(&root, "/doc/gu%C3%ADa.pdf"), Resolved::File(root.join("doc/guía.pdf")));
        assert_eq!(resolve(&root, "/doc/missing.pdf"), Resolved::NotFound);
    }

    #[test]
    fn refuses_parent_segments_plain_or_encoded() {
        let (_dir, root) = site();
        for url in ["/../secret.txt", "/doc/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/doc/..%2f..%2fsecret.txt"] {
            assert_eq!(resolve(&root, url), Resolved::Forbidden, "{url}");
        }
        for url in ["/..%5csecret.txt", "/%00", "/%ff", "relative"] {
            assert_eq!(resolve(&root, url), Resolved::BadRequest, "{url}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_that_lead_out_of_the_root() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("doc/index.html"), root.join("inside.html")).unwrap();
        assert_eq!(resolve(&root, "/link.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/up/secret.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/inside.html"), Resolved::File(root.join("doc/index.html")));
    }

    #[test]
    fn injects_before_the_closing_body_or_at_the_end() {
        assert_eq!(inject("<body>a</body></html>", "<s>"), "<body>a<s></body></html>");
        assert_eq!(inject("a", "<s>"), "a<s>");
        assert_eq!(content_type(Path::new("a/b.HTML")), "application/octet-stream");
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
    }
}
