//! HTML shared by every format that writes it (the EPUB's XHTML chapters,
//! the web page, the course site): escaping, anchors, the outline writer,
//! the table of contents and the self-test view. One copy, so a fix to
//! escaping or to how a definition is shown reaches every format.

mod escape;
mod outline;
mod selftest;
mod toc;

pub use escape::{IdSet, escape, escape_into, language_tag, safe_href};
pub use outline::{OutlineWriter, label_of, role_class};
pub use selftest::{ClozeView, Labels, ListView, QuizItem, quiz_items};
pub use toc::{TocEntry, nav_list};
