//! Sentence-level text helpers: splitting, trimming answers to the
//! minimum-information size, and spotting definitional sentences.

use crate::lang::Lang;

/// Answers longer than this many words are cut to their leading sentences
/// (SuperMemo's minimum-information principle: short answers are recalled,
/// long ones are only recognised).
/// Cards show the source line under the answer, so answers stay a few
/// words under the 40 a card's back may hold.
pub const MAX_ANSWER_WORDS: usize = 36;

/// Longest subject a definitional sentence may have: longer subjects are
/// clauses, not terms.
const MAX_TERM_WORDS: usize = 6;

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Split at `.`, `!`, `?`, `;` followed by a space and an upper-case letter
/// or an opening `¿`/`¡`, keeping the punctuation with its sentence.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | ';') {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = &text[end..];
        let next = rest.trim_start().chars().next();
        let breaks = rest.starts_with(char::is_whitespace)
            && next.is_some_and(|n| n.is_uppercase() || n == '¿' || n == '¡');
        if breaks {
            out.push(text[start..end].trim());
            start = end;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The leading sentences of `text` that fit in [`MAX_ANSWER_WORDS`], so a
/// long explanation becomes a short answer; a first sentence too long on
/// its own is cut at its last clause break that fits, marked with "…".
pub fn leading_answer(text: &str) -> String {
    let mut taken: Vec<&str> = Vec::new();
    let mut words = 0;
    for sentence in sentences(text) {
        let n = word_count(sentence);
        if words + n > MAX_ANSWER_WORDS {
            break;
        }
        taken.push(sentence);
        words += n;
    }
    match sentences(text).first() {
        Some(first) if taken.is_empty() => clipped(first, MAX_ANSWER_WORDS),
        _ => taken.join(" "),
    }
}

/// The words of `sentence` up to its last `,` `;` `:` or dash within
/// `max` words (else the first `max - 1` words), followed by "…".
pub fn clipped(sentence: &str, max: usize) -> String {
    let words: Vec<&str> = sentence.split_whitespace().take(max - 1).collect();
    let clause_end = words.iter().rposition(|w| w.ends_with([',', ';', ':']) || matches!(*w, "—" | "–" | "-"));
    let keep = match clause_end {
        Some(i) if i + 1 >= max / 2 => i + 1,
        _ => words.len(),
    };
    let kept = words[..keep].join(" ");
    format!("{} …", kept.trim_end_matches([',', ';', ':', '—', '–', '-', ' ']))
}

/// A sentence of the form "X se define como …" / "X es …" split around X.
#[derive(Debug, PartialEq, Eq)]
pub struct Definitional<'a> {
    pub before: &'a str,
    pub term: &'a str,
    pub after: &'a str,
    /// The verb itself defines ("se define como", "means"), unlike a bare
    /// "es"/"is", which also joins a subject to any description.
    pub defining: bool,
}

/// Find the defined term of a definitional sentence, if it is one.
pub fn definitional(lang: Lang, sentence: &str) -> Option<Definitional<'_>> {
    let words: Vec<(usize, &str)> = word_spans(sentence);
    let (k, len) = copula_at(lang, &words)?;
    if words.len() - k - len < 3 || clause_openers(lang).contains(&words[k + len].1.to_lowercase().as_str()) {
        return None;
    }
    let subject = &words[..k];
    let first = subject[0].1.to_lowercase();
    if subject_stopwords(lang).contains(&first.as_str()) || subject.iter().any(|(_, w)| w.ends_with([',', ';', ':'])) {
        return None;
    }
    let skip = usize::from(k >= 2 && articles(lang).contains(&first.as_str()));
    let head = subject[skip].1.to_lowercase();
    if subject_stopwords(lang).contains(&head.as_str()) {
        return None;
    }
    let start = subject[skip].0;
    let (last_at, last) = subject[k - 1];
    let end = last_at + last.len();
    let defining = len > 1 || !weak_copulas(lang).contains(&words[k].1.to_lowercase().as_str());
    Some(Definitional { before: &sentence[..start], term: &sentence[start..end], after: &sentence[end..], defining })
}

/// `text` without a leading copula ("es …", "se define como …"), for
/// answers split off a "Term es …" sentence.
pub fn without_copula(lang: Lang, text: &str) -> &str {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text;
    }
    copulas(lang)
        .iter()
        .find_map(|c| lower.strip_prefix(c).filter(|rest| rest.starts_with(' ')).map(|rest| text[text.len() - rest.len()..].trim_start()))
        .filter(|rest| word_count(rest) >= 2)
        .unwrap_or(text)
}

/// Words with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// The earliest copula within the first words: (its index, its length).
fn copula_at(lang: Lang, words: &[(usize, &str)]) -> Option<(usize, usize)> {
    let limit = MAX_TERM_WORDS.min(words.len().saturating_sub(1));
    (1..=limit).find_map(|k| {
        copulas(lang).iter().find_map(|pattern| {
            let parts: Vec<&str> = pattern.split(' ').collect();
            let fits = words.len() >= k + parts.len()
                && parts.iter().enumerate().all(|(j, p)| words[k + j].1.to_lowercase() == *p);
            fits.then_some((k, parts.len()))
        })
    })
}

/// Longer patterns first, so "se define como" wins over a shorter match.
fn copulas(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["se define como", "se denomina", "consiste en", "significa", "es", "son"],
        Lang::En => &["is defined as", "are defined as", "means", "is", "are"],
        Lang::Pt => &["se define como", "é definido como", "é definida como", "significa", "é", "são"],
        Lang::Fr => &["se définit comme", "désigne", "signifie", "est", "sont"],
        Lang::It => &["si definisce come", "si definisce", "consiste in", "significa", "indica", "è", "sono"],
    }
}

/// Copulas that join a subject to any description, not only a definition.
fn weak_copulas(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["es", "son"],
        Lang::En => &["is", "are"],
        Lang::Pt => &["é", "são"],
        Lang::Fr => &["est", "sont"],
        Lang::It => &["è", "sono"],
    }
}

/// Words that open a clause right after the verb ("X es que …"): such a
/// sentence says something about X, it does not define it.
fn clause_openers(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["que", "cuando", "porque", "donde", "como", "si"],
        Lang::En => &["that", "when", "because", "where", "how", "if"],
        Lang::Pt => &["que", "quando", "porque", "onde", "como", "se"],
        Lang::Fr => &["que", "quand", "parce", "où", "comme", "si"],
        Lang::It => &["che", "quando", "perché", "dove", "come", "se"],
    }
}

fn articles(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &["el", "la", "los", "las", "un", "una"],
        Lang::En => &["the", "a", "an"],
        Lang::Pt => &["o", "a", "os", "as", "um", "uma"],
        Lang::Fr => &["le", "la", "les", "un", "une"],
        Lang::It => &["il", "lo", "la", "i", "gli", "le", "un", "uno", "una"],
    }
}

/// Sentence openers that make the subject a pronoun or a clause, not a term.
fn subject_stopwords(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => &[
            "esto", "esta", "este", "estos", "estas", "eso", "esa", "ese", "esos", "esas", "lo", "que",
            "qué", "como", "cómo", "cuando", "si", "también", "pero", "y", "o", "no", "ello", "ella",
            "él", "ellos", "hay", "aquí", "allí", "donde", "porque", "aunque", "además", "sin", "en",
            "con", "por", "para", "de", "a", "al", "del", "se", "su", "sus", "tu", "mi", "es", "son",
            "siguiente", "siguientes", "otro", "otra", "otros", "otras", "mismo", "misma", "cada",
            "todo", "toda", "todos", "todas", "ambos", "uno", "ninguno", "algo", "nada",
        ],
        Lang::En => &[
            "this", "that", "these", "those", "it", "there", "here", "which", "what", "who", "he",
            "she", "they", "we", "you", "i", "and", "or", "but", "if", "when", "in", "on", "at",
            "for", "with", "of", "to", "by", "his", "her", "its", "their", "our", "my", "your", "also",
            "so", "as", "not", "is", "are",
        ],
        Lang::Pt => &[
            "isto", "isso", "esta", "este", "essa", "esse", "que", "como", "quando", "se",
            "mas", "e", "ou", "não", "ele", "ela", "eles", "há", "em", "com", "por", "para", "de",
            "seu", "sua", "é", "são",
        ],
        Lang::Fr => &[
            "ce", "cela", "ceci", "c'est", "il", "elle", "ils", "elles", "qui", "que", "quand", "si",
            "mais", "et", "ou", "ne", "dans", "avec", "pour", "par", "de", "son", "sa", "ses", "est",
        ],
        Lang::It => &[
            "questo", "questa", "questi", "queste", "quello", "quella", "ciò", "esso", "essa", "lui", "lei",
            "loro", "che", "come", "quando", "se", "ma", "e", "o", "non", "in", "con", "per", "di", "da",
            "suo", "sua", "è", "sono", "ci", "si",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_before_capitals_only() {
        assert_eq!(sentences("Uno es a. Dos, p. ej. tres. ¿Cuatro? Sí."), vec!["Uno es a.", "Dos, p. ej. tres.", "¿Cuatro?", "Sí."]);
    }

    #[test]
    fn leading_answer_keeps_whole_sentences_that_fit() {
        let text = format!("Primera frase. Otra {}.", "otra ".repeat(45).trim());
        assert_eq!(leading_answer(&text), "Primera frase.");
    }

    #[test]
    fn a_long_first_sentence_is_cut_at_a_clause_break() {
        let clause = "uno dos tres cuatro cinco seis siete ocho nueve diez";
        let long = format!("{clause}, {clause}, {clause}, {clause}, {clause}. Segunda frase corta.");
        let answer = leading_answer(&long);
        assert_eq!(answer, format!("{clause}, {clause}, {clause} …"));
        assert!(word_count(&answer) <= MAX_ANSWER_WORDS);
        let unbroken = format!("{}.", "palabra ".repeat(50).trim());
        assert_eq!(word_count(&leading_answer(&unbroken)), MAX_ANSWER_WORDS);
    }

    #[test]
    fn definitional_sentence_moves_article_out_of_the_term() {
        let d = definitional(Lang::Es, "La cultura del trabajo se define como el conjunto de hábitos compartidos.").unwrap();
        assert_eq!(d.before, "La ");
        assert_eq!(d.term, "cultura del trabajo");
        assert_eq!(d.after, " se define como el conjunto de hábitos compartidos.");
        assert!(d.defining);
        assert!(!definitional(Lang::Es, "El mercado es un lugar de intercambio entre personas.").unwrap().defining);
    }

    #[test]
    fn a_clause_after_the_verb_is_no_definition() {
        assert_eq!(definitional(Lang::Es, "Un problema común es que los precios suben cada mes."), None);
        assert_eq!(definitional(Lang::En, "The point is that prices rise every month."), None);
    }

    #[test]
    fn copula_is_dropped_from_split_answers() {
        assert_eq!(without_copula(Lang::Es, "se define como el conjunto de hábitos"), "el conjunto de hábitos");
        assert_eq!(without_copula(Lang::Es, "esencial para todo"), "esencial para todo");
        assert_eq!(without_copula(Lang::Es, "es clave"), "es clave");
    }

    #[test]
    fn definitional_rejects_pronouns_clauses_and_short_predicates() {
        assert_eq!(definitional(Lang::Es, "Es una persona que compra bienes."), None);
        assert_eq!(definitional(Lang::Es, "Lo ideal es responder pronto a todos."), None);
        assert_eq!(definitional(Lang::Es, "El precio es alto."), None);
        assert_eq!(definitional(Lang::Es, "En servicios, la calidad es lo que el cliente percibe."), None);
        assert!(definitional(Lang::En, "A ledger is a book of accounts kept by a firm.").is_some());
        assert_eq!(definitional(Lang::Es, "Las siguientes son las etapas de la compra."), None);
    }
}
