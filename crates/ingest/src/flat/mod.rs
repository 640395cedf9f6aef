//! Flattened text — Coggle pages, blog posts, document-viewer text — to an
//! outline. The hierarchy was lost when the page was copied, so it is
//! inferred in four steps, one module each:
//!
//! * [`header`]: site chrome, running headers and the title come off;
//! * `lines::logical`: physical lines are rejoined where a node was wrapped
//!   or split (`wrap-join`, `punctuation-join`, `colon-join`, `bullet-join`);
//! * [`classify`] gives each logical line its features, and [`decide`]
//!   places it from them (kind, nesting, the rule that decided);
//! * [`tree`] builds the tree from those decisions in one pass;
//! * [`path`] then enforces the one path a Coggle page title may name.
//!
//! Every node records its rule; `studyforge check` shows them.

mod classify;
mod decide;
mod header;
mod path;
mod tree;

use model::{DroppedLine, Meta, SourceKind};

pub use classify::colon_term;

use crate::arena::Arena;
use crate::lines;

/// What the flat readers produce before the shared finishing pass.
pub struct Parsed {
    pub title: Option<String>,
    pub meta: Meta,
    pub arena: Arena,
    pub dropped: Vec<DroppedLine>,
}

pub fn read(text: &str, kind: SourceKind) -> Parsed {
    let physical = lines::physical(text);
    let mut header = header::Header::default();
    let keep = header.strip(&physical, kind);
    let logical = lines::logical(&physical, &keep, kind);
    let decisions = decide::decide(&logical, header.title.as_deref());
    let mut arena = Arena::default();
    let mut dropped = header.dropped;
    tree::build(logical, &decisions, &mut arena, &mut dropped);
    path::apply(&mut arena, &header.path);
    dropped.sort_by_key(|d| d.line);
    Parsed { title: header.title, meta: header.meta, arena, dropped }
}

#[cfg(test)]
mod tests {
    use model::{Document, NodeKind};

    fn read(text: &str) -> Document {
        crate::ingest_bytes("apuntes.txt", text.as_bytes(), None).expect("readable")
    }

    /// (depth, kind, text) of every node, in document order.
    fn outline(doc: &Document) -> Vec<(usize, NodeKind, String)> {
        doc.walk().map(|r| (r.depth, r.node.kind, r.node.text.clone())).collect()
    }

    #[test]
    fn interrupted_numbering_makes_ranked_sections() {
        let doc = read(
            "Apuntes de química\n1. Enlaces\nLos átomos se unen de varias maneras.\n1.1 Enlace iónico\nCede electrones.\n\
             a) Ejemplo\nLa sal común.\n2. Reacciones\nUna reacción cambia las sustancias.",
        );
        let shape: Vec<(usize, NodeKind)> = outline(&doc).iter().map(|(d, k, _)| (*d, *k)).collect();
        use NodeKind::{Heading as H, Paragraph as P};
        assert_eq!(shape, [(0, H), (1, P), (1, H), (2, P), (2, H), (3, P), (0, H), (1, P)]);
    }

    #[test]
    fn numbered_lines_in_a_row_stay_a_list() {
        let doc = read("Índice\n\n1. Uno\n2. Dos\n3. Tres\n\nUn párrafo cualquiera que sigue a la lista.");
        assert!(outline(&doc).iter().filter(|(_, _, t)| ["Uno", "Dos", "Tres"].contains(&t.as_str())).all(|(_, k, _)| *k == NodeKind::Item));
    }

    #[test]
    fn a_lead_in_owns_what_it_announces() {
        let doc = read(
            "Las células\nLa célula animal tiene varias partes que cumplen funciones distintas:\nGuarda el material genético.\n\
             Produce energía para la célula.\nUna célula vegetal además tiene pared celular, cloroplastos y una vacuola grande que ocupa casi todo su volumen, y por eso su forma es más rígida y estable que la de la célula animal.",
        );
        let o = outline(&doc);
        assert_eq!((o[1].0, o[1].1), (1, NodeKind::Item), "{o:?}");
        assert_eq!((o[2].0, o[2].1), (1, NodeKind::Item));
        assert_eq!(o[3].0, 0, "the long sentence is prose after the list");
    }

    #[test]
    fn a_short_lead_in_is_a_topic_over_its_list() {
        let doc = read("Requisitos\nEl contrato necesita tres cosas para valer.\nLímites:\n- Los menores no contratan.\n- Tampoco los incapaces.");
        let o = outline(&doc);
        let limits = o.iter().position(|(_, _, t)| t == "Límites").expect("the lead-in");
        assert_eq!(o[limits].1, NodeKind::Heading);
        assert!(o[limits + 1..].iter().all(|(d, k, _)| *d == o[limits].0 + 1 && *k == NodeKind::Item));
    }

    #[test]
    fn indented_branches_are_headings() {
        let doc = read("Ciencias // Biología // Las plantas //\n\n  • Las plantas\n    • Necesitan\n      • Luz\n      • Agua\n    • Producen oxígeno");
        assert_eq!(doc.title, "Las plantas");
        let o = outline(&doc);
        assert_eq!(o[0], (0, NodeKind::Heading, "Necesitan".to_owned()));
        assert_eq!(o[1], (1, NodeKind::Item, "Luz".to_owned()));
        assert_eq!(o[3], (0, NodeKind::Item, "Producen oxígeno".to_owned()));
    }

    #[test]
    fn a_table_of_contents_is_a_list_before_the_sections() {
        let doc = read("Física\n\nÍndice\n1. Dinámica . . . . . . 7\n2. Energía . . . . . . 9\n\n1. Dinámica\nLa fuerza cambia el movimiento.\n2. Energía\nSe conserva.");
        let o = outline(&doc);
        assert_eq!(o[0], (0, NodeKind::Heading, "Índice".to_owned()));
        assert_eq!(o[1], (1, NodeKind::Item, "Dinámica".to_owned()));
        assert_eq!(o[3], (0, NodeKind::Heading, "Dinámica".to_owned()));
        assert_eq!(o[5], (0, NodeKind::Heading, "Energía".to_owned()));
    }

    #[test]
    fn a_coggle_title_path_places_the_branch_it_names() {
        let page = "Please enable JavaScript.\nRocas (Sedimentarias (Arenisca (granos de…\nRocas \nÍgneas\nse enfrían\n\
                    Granito\nSedimentarias\nArenisca\ngranos de arena\nCaliza";
        let doc = crate::ingest_bytes("mapa.txt", page.as_bytes(), Some(model::SourceKind::CogglePage)).expect("readable");
        assert_eq!(doc.title, "Rocas");
        let o = outline(&doc);
        let at = |text: &str| o.iter().find(|(_, _, t)| t == text).map(|(d, k, _)| (*d, *k)).expect(text);
        assert_eq!(at("Sedimentarias"), (0, NodeKind::Heading));
        assert_eq!(at("Arenisca"), (1, NodeKind::Heading));
        assert_eq!(at("granos de arena").0, 2);
    }

    #[test]
    fn a_short_question_heads_its_answer() {
        let doc = read("Memoria\n\n¿Qué es la memoria RAM?\n\nEs la memoria de trabajo del ordenador.");
        assert_eq!(outline(&doc)[0].1, NodeKind::Heading);
        assert_eq!(outline(&doc)[1].0, 1);
    }
}
