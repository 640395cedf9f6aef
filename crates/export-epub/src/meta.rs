//! Package metadata: identifier, language, dates and the few words the book
//! itself says (table-of-contents title, self-test headings).

use serde::Serialize;
use uuid::Uuid;

/// Used when neither `SOURCE_DATE_EPOCH` nor a source date is known: a fixed
/// date, never the wall clock, so builds stay reproducible.
pub const FIXED_MODIFIED: &str = "2000-01-01T00:00:00Z";

/// `urn:uuid:` + a name-based (v5) UUID of `key`: the same book key gives
/// the same identifier on every build and machine, so a reader updates the
/// book it has instead of shelving a second copy.
pub fn identifier<S: AsRef<str>>(key: &[S]) -> String {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:studyforge:epub");
    let name = key
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("\u{1f}");
    format!("urn:uuid:{}", Uuid::new_v5(&namespace, name.as_bytes()))
}

/// A well-formed BCP 47 tag from the model's language, or `und`
/// (undetermined) so the package never carries an invalid one.
pub fn language(tag: &str) -> String {
    let tag = tag.trim();
    let mut subtags = tag.split('-');
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok =
        subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        tag.to_owned()
    } else {
        "und".to_owned()
    }
}

/// `dcterms:modified` (`CCYY-MM-DDThh:mm:ssZ`): the build time when given,
/// else the latest source date, else [`FIXED_MODIFIED`].
pub fn modified<'a>(
    build_time: Option<i64>,
    source_dates: impl IntoIterator<Item = Option<&'a str>>,
) -> String {
    if let Some(stamp) = build_time.and_then(format_epoch) {
        return stamp;
    }
    source_dates
        .into_iter()
        .flatten()
        .filter_map(parse_iso_date)
        .max()
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}T00:00:00Z"))
        .unwrap_or_else(|| FIXED_MODIFIED.to_owned())
}

/// The source date as `dc:date` when it is a valid W3CDTF date; omitted
/// otherwise, since an empty or malformed `dc:date` is flagged.
pub fn dc_date(iso: Option<&str>) -> Option<String> {
    let iso = iso?.trim();
    parse_iso_date(iso).map(|_| iso.to_owned())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, missing parts read as the first.
fn parse_iso_date(iso: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    let lens_ok = parts.len() <= 3
        && parts
            .iter()
            .enumerate()
            .all(|(i, p)| p.len() == if i == 0 { 4 } else { 2 });
    if !lens_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let num = |i: usize| parts.get(i).map_or(Some(1), |p| p.parse::<u32>().ok());
    let (y, m, d) = (num(0)?, num(1)?, num(2)?);
    ((1..=12).contains(&m) && (1..=31).contains(&d) && y > 0).then_some((y, m, d))
}

/// Seconds since the epoch as UTC, for years 1-9999 (what the format holds).
fn format_epoch(secs: i64) -> Option<String> {
    export::time::UtcDateTime::from_epoch(secs).iso8601()
}

/// Words the book adds around the content, in the document's language.
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
    /// The concept map's page title, and the summary over its text.
    pub map: &'static str,
    pub map_text: &'static str,
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
                map: "Mapa conceptual",
                map_text: "El mapa en texto",
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
                map: "Mapa conceitual",
                map_text: "O mapa em texto",
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
                map: "Carte conceptuelle",
                map_text: "La carte en texte",
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
                map: "Concept map",
                map_text: "The map as text",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_is_a_stable_v5_urn_that_depends_on_the_key() {
        let a = identifier(&["p", "notas.txt", "Título"]);
        assert_eq!(a, identifier(&["p", "notas.txt", "Título"]));
        assert_ne!(a, identifier(&["p", "otras.txt", "Título"]));
        assert!(a.starts_with("urn:uuid:"));
        assert_eq!(
            a.as_bytes()["urn:uuid:".len() + 14],
            b'5',
            "version nibble: {a}"
        );
    }

    #[test]
    fn language_tags_are_kept_when_well_formed() {
        assert_eq!(language("es"), "es");
        assert_eq!(language("es-ES"), "es-ES");
        assert_eq!(language(""), "und");
        assert_eq!(language("C"), "und");
        assert_eq!(language("es_ES"), "und");
    }

    #[test]
    fn modified_prefers_build_time_then_latest_source_date() {
        assert_eq!(
            modified(Some(0), [Some("2008-11-03")]),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(modified(Some(1_700_000_000), []), "2023-11-14T22:13:20Z");
        assert_eq!(modified(Some(951_782_400), []), "2000-02-29T00:00:00Z");
        assert_eq!(
            modified(None, [Some("2008-11-03"), Some("2010-02"), None]),
            "2010-02-01T00:00:00Z"
        );
        assert_eq!(modified(None, [Some("3 de noviembre")]), FIXED_MODIFIED);
        assert_eq!(modified(Some(i64::MAX), []), FIXED_MODIFIED);
    }

    #[test]
    fn dc_date_only_when_valid() {
        assert_eq!(dc_date(Some("2008-11-03")).as_deref(), Some("2008-11-03"));
        assert_eq!(dc_date(Some("2008-13-03")), None);
        assert_eq!(dc_date(Some("")), None);
        assert_eq!(dc_date(None), None);
    }
}
