//! The self-test as templates see it (the EPUB's quiz chapter, the web
//! page's questions), and the words around it in the document's language.

use serde::Serialize;
use study::{Answer, Prompt, StudyItem};

use super::escape::IdSet;

/// Words a book or page adds around the content, in the document's language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    pub contents: &'static str,
    pub landmarks: &'static str,
    pub start: &'static str,
    pub selftest: &'static str,
    pub questions: &'static str,
    pub answers: &'static str,
    pub to_answer: &'static str,
    pub back: &'static str,
    pub downloads: &'static str,
    pub guide: &'static str,
    pub cheatsheet: &'static str,
    pub deck: &'static str,
    pub book: &'static str,
    pub map: &'static str,
    /// The summary over a concept map's text alternative.
    pub map_text: &'static str,
    pub skip: &'static str,
    pub search: &'static str,
    pub sections: &'static str,
    pub cards: &'static str,
    pub language: &'static str,
    pub documents: &'static str,
}

impl Labels {
    pub fn for_language(tag: &str) -> Labels {
        let primary = tag
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "es" => Labels {
                contents: "Índice",
                landmarks: "Puntos de referencia",
                start: "Comienzo",
                selftest: "Autoevaluación",
                questions: "Preguntas",
                answers: "Respuestas",
                to_answer: "Ver la respuesta",
                back: "Volver a la pregunta",
                downloads: "Descargas",
                guide: "Guía de estudio (PDF)",
                cheatsheet: "Hoja de repaso (PDF)",
                deck: "Mazo de Anki",
                book: "Libro EPUB",
                map: "Mapa conceptual",
                map_text: "El mapa en texto",
                skip: "Saltar al contenido",
                search: "Buscar",
                sections: "secciones",
                cards: "tarjetas",
                language: "Idioma",
                documents: "documentos",
            },
            "pt" => Labels {
                contents: "Sumário",
                landmarks: "Pontos de referência",
                start: "Início",
                selftest: "Autoavaliação",
                questions: "Perguntas",
                answers: "Respostas",
                to_answer: "Ver a resposta",
                back: "Voltar à pergunta",
                downloads: "Downloads",
                guide: "Guia de estudo (PDF)",
                cheatsheet: "Folha de revisão (PDF)",
                deck: "Baralho Anki",
                book: "Livro EPUB",
                map: "Mapa conceitual",
                map_text: "O mapa em texto",
                skip: "Ir para o conteúdo",
                search: "Pesquisar",
                sections: "seções",
                cards: "cartões",
                language: "Idioma",
                documents: "documentos",
            },
            "fr" => Labels {
                contents: "Table des matières",
                landmarks: "Repères",
                start: "Début",
                selftest: "Auto-évaluation",
                questions: "Questions",
                answers: "Réponses",
                to_answer: "Voir la réponse",
                back: "Retour à la question",
                downloads: "Téléchargements",
                guide: "Guide d’étude (PDF)",
                cheatsheet: "Aide-mémoire (PDF)",
                deck: "Paquet Anki",
                book: "Livre EPUB",
                map: "Carte conceptuelle",
                map_text: "La carte en texte",
                skip: "Aller au contenu",
                search: "Rechercher",
                sections: "sections",
                cards: "cartes",
                language: "Langue",
                documents: "documents",
            },
            _ => Labels {
                contents: "Contents",
                landmarks: "Landmarks",
                start: "Start",
                selftest: "Self-test",
                questions: "Questions",
                answers: "Answers",
                to_answer: "See the answer",
                back: "Back to the question",
                downloads: "Downloads",
                guide: "Study guide (PDF)",
                cheatsheet: "Cheat sheet (PDF)",
                deck: "Anki deck",
                book: "EPUB book",
                map: "Concept map",
                map_text: "The map as text",
                skip: "Skip to content",
                search: "Search",
                sections: "sections",
                cards: "cards",
                language: "Language",
                documents: "documents",
            },
        }
    }
}

/// A study item as the self-test template sees it: anchors for the
/// question and its answer, and exactly one prompt and one answer shape.
#[derive(Serialize)]
pub struct QuizItem<'a> {
    pub qid: String,
    pub aid: String,
    pub path: String,
    pub question: Option<&'a str>,
    pub cloze: Option<ClozeView<'a>>,
    pub text: Option<&'a str>,
    pub list: Option<ListView<'a>>,
}

#[derive(Serialize)]
pub struct ClozeView<'a> {
    pub before: &'a str,
    pub after: &'a str,
}

#[derive(Serialize)]
pub struct ListView<'a> {
    pub ordered: bool,
    pub items: &'a [String],
}

/// The items with anchors claimed from `ids`: the page's own set when the
/// self-test shares a page with the outline.
pub fn quiz_items<'a>(items: &'a [StudyItem], ids: &mut IdSet) -> Vec<QuizItem<'a>> {
    items
        .iter()
        .map(|item| {
            let (question, cloze) = match &item.prompt {
                Prompt::Question { text } => (Some(text.as_str()), None),
                Prompt::Cloze { before, after, .. } => (None, Some(ClozeView { before, after })),
            };
            let (text, list) = match &item.answer {
                Answer::Text { text } => (Some(text.as_str()), None),
                Answer::List { ordered, items } => (
                    None,
                    Some(ListView {
                        ordered: *ordered,
                        items,
                    }),
                ),
            };
            QuizItem {
                qid: ids.claim(&format!("q-{}", item.id)),
                aid: ids.claim(&format!("a-{}", item.id)),
                path: item.path.join(" › "),
                question,
                cloze,
                text,
                list,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_primary_language_subtag() {
        assert_eq!(Labels::for_language("es-MX").selftest, "Autoevaluación");
        assert_eq!(Labels::for_language("FR").search, "Rechercher");
        assert_eq!(Labels::for_language("und").guide, "Study guide (PDF)");
    }

    #[test]
    fn quiz_anchors_avoid_ids_already_taken_on_the_page() {
        let item = StudyItem {
            id: "x1".into(),
            path: vec!["Tema".into(), "Parte".into()],
            prompt: Prompt::Question { text: "¿Qué?".into() },
            answer: Answer::Text { text: "Esto.".into() },
            kind: study::ItemKind::Basic,
            source: study::SourceRef { file: "a.md".into(), span: model::Span { start: 1, end: 1 } },
        };
        let mut ids = IdSet::with_reserved(&["q-x1"]);
        let quiz = quiz_items(std::slice::from_ref(&item), &mut ids);
        assert_eq!(quiz[0].qid, "q-x1-2");
        assert_eq!(quiz[0].aid, "a-x1");
        assert_eq!(quiz[0].path, "Tema › Parte");
        assert_eq!(quiz[0].question, Some("¿Qué?"));
    }
}
