//! The two note types every studyforge deck uses.
//!
//! Anki matches an incoming note type by id, then compares its fields and
//! templates by their `id` when both sides have one, else by name (rslib
//! `notetype/merge.rs`, `import/notes.rs::equal_schema`); a mismatch imports
//! a forked copy. So every id here is frozen: change a field or template
//! list only together with new note-type ids, and bump [`MODIFIED`] when a
//! template or the CSS changes so Anki takes the new look.

use serde_json::{Value, json};

/// When the templates or CSS last changed (seconds since the epoch).
const MODIFIED: i64 = 1_793_491_200;

const CSS: &str = include_str!("templates/card.css");

/// A note type: id, name, kind, fields and its single card template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteType {
    pub id: i64,
    pub name: &'static str,
    pub cloze: bool,
    /// (name, frozen id)
    pub fields: &'static [(&'static str, i64)],
    template: Template,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Template {
    id: i64,
    name: &'static str,
    front: &'static str,
    back: &'static str,
}

pub const BASIC: NoteType = NoteType {
    id: 1_730_200_001,
    name: "studyforge Basic",
    cloze: false,
    fields: &[("Front", 7_301_000_101), ("Back", 7_301_000_102), ("Context", 7_301_000_103), ("Source", 7_301_000_104)],
    template: Template {
        id: 7_301_000_151,
        name: "Card 1",
        front: include_str!("templates/basic_front.html"),
        back: include_str!("templates/basic_back.html"),
    },
};

pub const CLOZE: NoteType = NoteType {
    id: 1_730_200_002,
    name: "studyforge Cloze",
    cloze: true,
    fields: &[("Text", 7_301_000_201), ("Back Extra", 7_301_000_202), ("Context", 7_301_000_203), ("Source", 7_301_000_204)],
    template: Template {
        id: 7_301_000_251,
        name: "Cloze",
        front: include_str!("templates/cloze_front.html"),
        back: include_str!("templates/cloze_back.html"),
    },
};

impl NoteType {
    /// The note type with this id, if it is one of studyforge's.
    pub fn by_id(id: i64) -> Option<NoteType> {
        [BASIC, CLOZE].into_iter().find(|t| t.id == id)
    }

    /// The schema-11 JSON Anki keeps in `col.models`, with the keys its
    /// parser requires (rslib `notetype/schema11.rs`: fields need name, ord,
    /// sticky, rtl, font, size; templates name, ord, qfmt) plus the frozen
    /// field and template ids.
    pub fn to_json(self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .enumerate()
            .map(|(ord, (name, id))| {
                json!({
                    "name": name, "ord": ord, "id": id, "sticky": false, "rtl": false,
                    "font": "Arial", "size": 20, "media": [], "plainText": false,
                })
            })
            .collect();
        let t = &self.template;
        json!({
            "id": self.id,
            "name": self.name,
            "type": if self.cloze { 1 } else { 0 },
            "mod": MODIFIED,
            "usn": -1,
            "sortf": 0,
            "did": null,
            "tmpls": [{
                "name": t.name, "ord": 0, "id": t.id, "qfmt": t.front, "afmt": t.back,
                "bqfmt": "", "bafmt": "", "did": null, "bfont": "", "bsize": 0,
            }],
            "flds": fields,
            "css": CSS,
            "latexPre": LATEX_PRE,
            "latexPost": "\\end{document}",
            "latexsvg": false,
            // Card 1 needs the first field; cloze cards come from cloze numbers.
            "req": if self.cloze { json!([]) } else { json!([[0, "any", [0]]]) },
            "tags": [],
            "vers": [],
        })
    }
}

const LATEX_PRE: &str = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n";
