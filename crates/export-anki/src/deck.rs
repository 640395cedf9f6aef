//! From study items to notes, cards and decks: everything the collection
//! holds, decided before any SQL is written.

use std::collections::{HashMap, HashSet};

use export::RenderContext;
use model::Document;
use sha2::{Digest, Sha256};
use study::{Answer, ItemKind, Prompt, StudyItem};

use crate::html;
use crate::lint::{self, Finding};
use crate::lockfile::{Built, Change, DEFAULT_TIME, DeckChanges, Lockfile, REMOVED_TAG, Shown};
use crate::notetype::{BASIC, CLOZE, NoteType};

/// What goes into one `.apkg`.
#[derive(Debug)]
pub struct Package {
    /// Collection creation and modification time (seconds).
    pub time: i64,
    pub decks: Vec<Deck>,
    pub notes: Vec<Note>,
    pub findings: Vec<Finding>,
    /// Per document, what its deck changed.
    pub changes: Vec<DocumentChanges>,
}

/// What one document's deck changed: in this build, and in its latest
/// new version (the same lists, unless this build changed nothing).
#[derive(Debug, Clone)]
pub struct DocumentChanges {
    pub deck: String,
    pub now: DeckChanges,
    pub latest: DeckChanges,
    /// Item id and the note's question as plain text, in deck order, for
    /// the report.
    pub labels: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub id: i64,
    pub name: String,
}

/// One note with its single card (both note types make one card per note).
#[derive(Debug, Clone)]
pub struct Note {
    pub id: i64,
    pub card_id: i64,
    pub guid: String,
    pub notetype: NoteType,
    /// Seconds since the epoch; from the lock file.
    pub modified: i64,
    pub tags: Vec<String>,
    pub fields: Vec<String>,
    pub deck_id: i64,
    pub deck: String,
    pub item: String,
    pub kind: ItemKind,
    /// The item is gone from its source; the note is sent tagged
    /// [`REMOVED_TAG`] so learners can find and delete it.
    pub removed: bool,
}

impl Note {
    /// The note's question as plain text: the front, or the cloze text
    /// with its hidden part in brackets.
    pub fn label(&self) -> String {
        let front = self.fields.first().map_or("", String::as_str);
        let shown = front.replace("{{c1::", "[").replace("}}", "]");
        html::strip(&shown).split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// A package being made, a document at a time (a deck per document),
/// recording GUIDs and change times in the lock it is handed.
pub struct Builder {
    project: String,
    time: i64,
    decks: Vec<Deck>,
    notes: Vec<Note>,
    findings: Vec<Finding>,
    changes: Vec<DocumentChanges>,
    used: Ids,
}

/// Ids already taken in this package, so derived ids never collide.
#[derive(Default)]
struct Ids {
    guids: HashSet<String>,
    ids: HashSet<i64>,
    decks: HashMap<String, i64>,
}

impl Ids {
    /// A note or card id derived from `key`, moved up until unused.
    fn take(&mut self, key: &str) -> i64 {
        let mut id = derived_id(key);
        while !self.ids.insert(id) {
            id += 1;
        }
        id
    }
}

/// Where the items under one heading path go: deck and path tag. Shared
/// by every item with that path, so it is worked out once.
#[derive(Clone)]
struct Placement {
    deck: String,
    deck_id: i64,
    path_tag: String,
}

/// What every note of one document shares.
struct DocInfo {
    root: String,
    slug: String,
    title_slug: String,
    /// The document as the lock knows it: see [`lock_key`].
    key: String,
}

/// The document's key in the lock: its source path, which no other
/// document of a build shares. Its title's slug would not do: two sources
/// with one title would each count the other's notes as removed.
pub fn lock_key(doc: &Document) -> String {
    if doc.meta.source.is_empty() { doc.slug() } else { doc.meta.source.clone() }
}

impl Builder {
    /// A package with the first document's project and build time.
    pub fn new(first: &RenderContext<'_>) -> Builder {
        Builder {
            project: first.options.project.clone(),
            time: first.options.build_time.unwrap_or(DEFAULT_TIME),
            decks: Vec::new(), notes: Vec::new(), findings: Vec::new(), changes: Vec::new(),
            used: Ids::default(),
        }
    }

    pub fn finish(self) -> Package {
        Package { time: self.time, decks: self.decks, notes: self.notes, findings: self.findings, changes: self.changes }
    }

    /// Add the document's deck and notes, with their GUIDs and times from
    /// `lock`; returns its notes (removed ones included).
    pub fn document(&mut self, cx: &RenderContext<'_>, lock: &mut Lockfile) -> &[Note] {
        let (doc, items) = (cx.document, cx.items);
        let findings = lint::check(items);
        let skip: HashSet<String> = findings.iter().filter(|f| f.skipped).map(|f| f.item.clone()).collect();
        self.findings.extend(findings);
        let info = DocInfo {
            root: deck_name_part(&doc.title).unwrap_or_else(|| doc.slug()),
            slug: doc.slug(),
            title_slug: model::slug(&doc.title),
            key: lock_key(doc),
        };
        let first_note = self.notes.len();
        let mut changes = DeckChanges::default();
        let mut placements: HashMap<&[String], Placement> = HashMap::new();
        for item in items.iter().filter(|i| !skip.contains(&i.id)) {
            let placement = match placements.get(item.path.as_slice()) {
                Some(p) => p.clone(),
                None => {
                    let p = self.placement(&info, &item.path);
                    placements.insert(&item.path, p.clone());
                    p
                }
            };
            if let Some(change) = self.note(&info.key, placement, item, lock) {
                changes.record(&item.id, change);
            }
        }
        let built: HashSet<&str> = self.notes[first_note..].iter().map(|n| n.item.as_str()).collect();
        let gone: Vec<String> = lock.items_of(&info.key).into_iter().filter(|id| !built.contains(id.as_str())).collect();
        for item in gone {
            if let Some(change) = self.removed_note(&item, lock) {
                changes.record(&item, change);
            }
        }
        lock.set_changes(&info.key, changes.clone());
        let latest = lock.changes(&info.key).cloned().unwrap_or_default();
        let labels = self.notes[first_note..].iter().map(|n| (n.item.clone(), n.label())).collect();
        self.changes.push(DocumentChanges { deck: info.root, now: changes, latest, labels });
        &self.notes[first_note..]
    }

    /// Deck `Title::Section` from the first heading that is not the title
    /// itself (Coggle pages start with one); tag from the whole path.
    fn placement(&mut self, info: &DocInfo, path: &[String]) -> Placement {
        let slugs: Vec<String> = path.iter().map(|p| model::slug(p)).collect();
        let section = path.iter().zip(&slugs).find(|(_, s)| **s != info.title_slug).and_then(|(p, _)| deck_name_part(p));
        let deck = match section {
            Some(s) => format!("{}::{s}", info.root),
            None => info.root.clone(),
        };
        let deck_id = self.deck_id(&deck);
        let mut tag = vec![info.slug.as_str()];
        tag.extend(slugs.iter().map(String::as_str).filter(|s| !s.is_empty() && *s != info.title_slug));
        Placement { deck, deck_id, path_tag: tag.join("::") }
    }

    /// Add the note for one item; what changed since the lock's record, or
    /// `None` when the note could not be added.
    fn note(&mut self, doc_key: &str, placement: Placement, item: &StudyItem, lock: &mut Lockfile) -> Option<Change> {
        let (notetype, fields) = fields(item);
        // Hierarchical tags without spaces, as Anki requires: the heading
        // path under the document's slug, and the item kind.
        let tags = vec![placement.path_tag, format!("studyforge::{}", item.kind.name())];
        let content = fingerprint(&notetype, &fields, &tags);
        // The Source field (last) moves with every edit above the item.
        let visible = fingerprint(&notetype, &fields[..fields.len() - 1], &tags);
        let shown = Shown {
            kind: item.kind,
            notetype: notetype.id,
            deck: placement.deck.clone(),
            fields: fields.clone(),
            tags: tags.clone(),
        };
        let stamped = lock.note(&item.id, doc_key, || guid_for(&self.project, &item.id), Built { content, visible, shown }, self.time);
        if !self.used.guids.insert(stamped.guid.clone()) {
            self.findings.push(Finding { item: item.id.clone(), problem: lint::Problem::DuplicateId, skipped: true });
            return None;
        }
        self.push(Note {
            id: 0, card_id: 0,
            guid: stamped.guid,
            notetype,
            modified: stamped.modified,
            tags, fields,
            deck_id: placement.deck_id,
            deck: placement.deck,
            item: item.id.clone(),
            kind: item.kind,
            removed: false,
        });
        Some(stamped.change)
    }

    /// Send the note of an item that is gone once more, as the lock last
    /// saw it, tagged removed. `None` when the lock does not know what it
    /// showed (a version 1 lock), or its GUID is taken: it is then forgotten.
    fn removed_note(&mut self, item: &str, lock: &mut Lockfile) -> Option<Change> {
        let shown = lock.get(item)?.shown.clone()?;
        let notetype = NoteType::by_id(shown.notetype)?;
        let mut tags = shown.tags.clone();
        tags.push(REMOVED_TAG.to_owned());
        let (change, modified) = lock.remove(item, fingerprint(&notetype, &shown.fields, &tags), self.time)?;
        let guid = lock.get(item)?.guid.clone();
        if !self.used.guids.insert(guid.clone()) {
            return None;
        }
        let deck_id = self.deck_id(&shown.deck);
        self.push(Note {
            id: 0, card_id: 0,
            guid, notetype, modified, tags,
            fields: shown.fields,
            deck_id,
            deck: shown.deck,
            item: item.to_owned(),
            kind: shown.kind,
            removed: true,
        });
        Some(change)
    }

    /// Give a note its ids (derived from its GUID) and add it.
    fn push(&mut self, mut note: Note) {
        note.id = self.used.take(&note.guid);
        note.card_id = self.used.take(&format!("{}\u{1f}card", note.guid));
        self.notes.push(note);
    }

    fn deck_id(&mut self, name: &str) -> i64 {
        if let Some(id) = self.used.decks.get(name) {
            return *id;
        }
        // genanki picks deck ids in [2^30, 2^31); derive ours from the name.
        let h = u64::from_be_bytes(sha256_prefix(&format!("{}\u{1f}deck\u{1f}{name}", self.project)));
        let mut id = (1_i64 << 30) + (h % (1 << 30)) as i64;
        while self.used.decks.values().any(|&d| d == id) {
            id += 1;
        }
        self.used.decks.insert(name.to_owned(), id);
        self.decks.push(Deck { id, name: name.to_owned() });
        id
    }
}

/// A deck name component: one line, no `::` (which would nest decks).
fn deck_name_part(text: &str) -> Option<String> {
    let clean = text.replace("::", ":").split_whitespace().collect::<Vec<_>>().join(" ");
    (!clean.is_empty()).then_some(clean)
}

/// The note type and field values for an item.
fn fields(item: &StudyItem) -> (NoteType, Vec<String>) {
    let context = html::escape(&context(item));
    let source = html::escape(&format!("{}:{}", shown_path(&item.source.file), item.source.span));
    match &item.prompt {
        Prompt::Question { text } => (BASIC, vec![html::escape(text), answer_html(&item.answer), context, source]),
        Prompt::Cloze { before, hidden, after } => {
            let text = format!(
                "{}{{{{c1::{}}}}}{}",
                html::escape_cloze(before, false),
                html::escape_cloze(hidden, true),
                html::escape_cloze(after, false)
            );
            // The hidden text is the answer already; show only what adds to it.
            let extra = match &item.answer {
                Answer::Text { text } if text.trim() == hidden.trim() => String::new(),
                other => answer_html(other),
            };
            (CLOZE, vec![text, extra, context, source])
        }
    }
}

/// Most words of the context line above a card's prompt.
const MAX_CONTEXT_WORDS: usize = 10;

/// The innermost headings above an item that fit in [`MAX_CONTEXT_WORDS`],
/// outermost first, leaving out those the prompt already names: enough to
/// place the card, not the whole outline.
fn context(item: &StudyItem) -> String {
    let front = item.prompt.front().to_lowercase();
    let mut kept: Vec<&str> = Vec::new();
    let mut words = 0;
    for section in item.path.iter().rev().map(|s| s.trim()).filter(|s| !s.is_empty() && !front.contains(&s.to_lowercase())) {
        let n = section.split_whitespace().count();
        if words + n > MAX_CONTEXT_WORDS {
            break;
        }
        kept.push(section);
        words += n;
    }
    kept.reverse();
    kept.join(" › ")
}

/// The source as the project names it; an absolute path would put the
/// builder's home folder into every note and make decks differ by machine.
fn shown_path(file: &str) -> &str {
    let path = std::path::Path::new(file);
    if path.is_absolute() { path.file_name().and_then(|n| n.to_str()).unwrap_or(file) } else { file }
}

fn answer_html(answer: &Answer) -> String {
    match answer {
        Answer::Text { text } => html::escape(text),
        Answer::List { ordered, items } => html::list(*ordered, items),
    }
}

/// What decides whether a note changed: its type, fields and tags.
fn fingerprint(notetype: &NoteType, fields: &[String], tags: &[String]) -> String {
    let mut h = Sha256::new();
    h.update(notetype.id.to_be_bytes());
    for part in fields.iter().chain(tags) {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    let digest = h.finalize();
    let mut hex = String::with_capacity(16);
    for b in &digest[..8] {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    hex
}

/// Anki's GUID alphabet (genanki `util.py`, Anki's `base91`).
const BASE91: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";

/// A note GUID: base91 of the first 8 bytes of SHA-256 over the project
/// and the item id, so projects never collide (genanki#61) and edits keep
/// the GUID (the item id does not depend on the answer).
pub fn guid_for(project: &str, item_id: &str) -> String {
    let mut n = u64::from_be_bytes(sha256_prefix(&format!("studyforge\u{1f}{project}\u{1f}{item_id}")));
    let mut out = Vec::new();
    while n > 0 {
        out.push(BASE91[(n % 91) as usize]);
        n /= 91;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Note and card ids look like Anki's millisecond timestamps
/// (2001–2033), derived from a key so they are stable.
fn derived_id(key: &str) -> i64 {
    let h = u64::from_be_bytes(sha256_prefix(key));
    1_000_000_000_000 + (h % 1_000_000_000_000) as i64
}

fn sha256_prefix(text: &str) -> [u8; 8] {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = [0; 8];
    out.copy_from_slice(&digest[..8]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_matches_genanki_encoding_and_depends_on_project() {
        let a = guid_for("p", "s1");
        assert!(!a.is_empty() && a.len() <= 10);
        assert!(a.bytes().all(|b| BASE91.contains(&b)));
        assert_eq!(a, guid_for("p", "s1"));
        assert_ne!(a, guid_for("q", "s1"));
    }

    #[test]
    fn source_paths_are_shown_relative() {
        assert_eq!(shown_path("/home/ana/curso/sources/tema1.txt"), "tema1.txt");
        assert_eq!(shown_path("sources/tema1.txt"), "sources/tema1.txt");
    }

    fn item_under(path: &[&str], question: &str) -> StudyItem {
        StudyItem {
            id: "s1".into(),
            kind: ItemKind::Basic,
            path: path.iter().map(|p| (*p).to_owned()).collect(),
            prompt: Prompt::Question { text: question.into() },
            answer: Answer::Text { text: "x".into() },
            source: study::SourceRef { file: "f".into(), span: model::Span::line(1) },
        }
    }

    #[test]
    fn context_keeps_the_innermost_headings_the_prompt_does_not_name() {
        let long = "Un título de sección larguísimo que ocupa más de diez palabras en total";
        let item = item_under(&[long, "Unidad dos", "Mercado", "Segmentación"], "¿Qué es la segmentación?");
        assert_eq!(context(&item), "Unidad dos › Mercado");
    }

    #[test]
    fn deck_names_never_nest_by_accident() {
        assert_eq!(deck_name_part(" A::B  c "), Some("A:B c".into()));
        assert_eq!(deck_name_part("  "), None);
    }
}
