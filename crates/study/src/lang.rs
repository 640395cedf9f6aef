//! Questions phrased in the document's language.
//!
//! Fronts are built from headings ("Definición de ventaja competitiva" →
//! "¿Qué es la ventaja competitiva?"), never the heading copied. The grammar
//! is deliberately small: an article guessed from the first word's ending,
//! a verb for plurals, and a few heading shapes (already a question, an
//! interrogative phrase, "Importance of X", "Types of X", an infinitive,
//! "TERM: explanation").

/// Languages with their own phrasing; anything else is asked in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Es,
    En,
    Pt,
    Fr,
    It,
}

/// Grammatical number and gender guessed for a topic's first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    MascSingular,
    FemSingular,
    MascPlural,
    FemPlural,
    /// Starts with its own determiner or is an acronym/name: no article.
    Bare,
    /// Starts with a plural determiner ("las TIC"): no article, plural verb.
    BarePlural,
}

impl Form {
    fn plural(self) -> bool {
        matches!(self, Form::MascPlural | Form::FemPlural | Form::BarePlural)
    }
}

impl Lang {
    /// From a BCP-47 tag ("es", "es-AR", "pt-BR").
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "es" => Lang::Es,
            "pt" => Lang::Pt,
            "fr" => Lang::Fr,
            "it" => Lang::It,
            _ => Lang::En,
        }
    }

    /// "What is …?" for a heading or a term whose answer is a text, or
    /// the question the heading's own shape asks.
    pub fn what_is(self, heading: &str) -> String {
        let text = clean_heading(heading);
        if let Some(question) = self.shaped(text, None) {
            return question;
        }
        let topic = sentence_case(strip_prefix_words(text, self.definition_prefixes()));
        if starts_with_any(&topic, self.prepositions()) {
            return self.what_means(text);
        }
        let form = self.form(&topic);
        let np = self.with_article(&topic, form);
        if form.plural() && self.is_group_noun(&topic) {
            return self.which_are_np(&np, form);
        }
        match (self, form.plural()) {
            (Lang::Es, false) => format!("¿Qué es {np}?"),
            (Lang::Es, true) => format!("¿Qué son {np}?"),
            (Lang::En, false) => format!("What is {np}?"),
            (Lang::En, true) => format!("What are {np}?"),
            (Lang::Pt, false) => format!("O que é {np}?"),
            (Lang::Pt, true) => format!("O que são {np}?"),
            (Lang::Fr, _) => format!("Qu'est-ce que {np} ?"),
            (Lang::It, false) => format!("Che cos'è {np}?"),
            (Lang::It, true) => format!("Che cosa sono {np}?"),
        }
    }

    /// Questions the heading's shape decides, whatever the answer's shape:
    /// already a question, "TERM: explanation", an interrogative phrase,
    /// "Importance of X", a verb.
    fn shaped(self, text: &str, count: Option<usize>) -> Option<String> {
        if text.ends_with('?') {
            return Some(self.as_question(text.trim_end_matches('?').trim_start_matches('¿')));
        }
        if let Some(term) = heading_term(text) {
            return Some(match count {
                Some(n) => self.which_are(term, n),
                None => self.what_is(term),
            });
        }
        let topic = sentence_case(strip_prefix_words(text, self.definition_prefixes()));
        if starts_with_any(&topic, self.interrogatives()) {
            return Some(self.as_question(&upper_first(&topic)));
        }
        if let Some(question) = self.why_important(&topic) {
            return Some(question);
        }
        self.is_infinitive(&topic).then(|| self.what_implies(&topic))
    }

    /// "¿Cuáles son los tipos de X?" for a plural noun phrase.
    fn which_are_np(self, np: &str, form: Form) -> String {
        match self {
            Lang::Es => format!("¿Cuáles son {np}?"),
            Lang::En => format!("What are {np}?"),
            Lang::Pt => format!("Quais são {np}?"),
            Lang::Fr if form == Form::FemPlural => format!("Quelles sont {np} ?"),
            Lang::Fr => format!("Quels sont {np} ?"),
            Lang::It => format!("Quali sono {np}?"),
        }
    }

    /// "Importancia de X" → "¿Por qué es importante X?".
    fn why_important(self, topic: &str) -> Option<String> {
        let rest = strip_prefix_words(topic, &[self.importance_word()]);
        if rest.len() == topic.len() {
            return None;
        }
        let subject = self.importance_subject(rest)?;
        let plural = self.form(&subject).plural();
        Some(match (self, plural) {
            (Lang::Es, false) => format!("¿Por qué es importante {subject}?"),
            (Lang::Es, true) => format!("¿Por qué son importantes {subject}?"),
            (Lang::En, false) => format!("Why is {subject} important?"),
            (Lang::En, true) => format!("Why are {subject} important?"),
            (Lang::Pt, false) => format!("Por que é importante {subject}?"),
            (Lang::Pt, true) => format!("Por que são importantes {subject}?"),
            (Lang::Fr, _) => format!("Quelle est l'importance {rest} ?"),
            (Lang::It, _) => format!("Qual è l'importanza {rest}?"),
        })
    }

    /// What "Importancia de …" is about, its article taken out of the
    /// preposition ("del servicio" → "el servicio").
    fn importance_subject(self, rest: &str) -> Option<String> {
        let joins: &[(&str, &str)] = match self {
            Lang::Es => &[("de la ", "la "), ("de los ", "los "), ("de las ", "las "), ("del ", "el "), ("de ", "")],
            Lang::Pt => &[("da ", "a "), ("do ", "o "), ("das ", "as "), ("dos ", "os "), ("de ", "")],
            Lang::En => &[("of ", "")],
            Lang::Fr | Lang::It => &[("", "")],
        };
        let lower = rest.to_lowercase();
        joins.iter().find_map(|(prep, article)| {
            let tail = rest.get(prep.len()..).filter(|_| lower.len() == rest.len() && lower.starts_with(prep))?;
            (!tail.trim().is_empty()).then(|| format!("{article}{}", tail.trim()))
        })
    }

    fn importance_word(self) -> &'static str {
        match self {
            Lang::Es => "importancia",
            Lang::Pt => "importância",
            Lang::En | Lang::Fr => "importance",
            Lang::It => "importanza",
        }
    }

    fn what_implies(self, topic: &str) -> String {
        match self {
            Lang::Es => format!("¿Qué implica {topic}?"),
            Lang::Pt => format!("O que implica {topic}?"),
            Lang::It => format!("Che cosa comporta {topic}?"),
            Lang::En => format!("What does {topic} involve?"),
            Lang::Fr => format!("Qu'implique {topic} ?"),
        }
    }

    /// A heading led by an infinitive ("Definir la propuesta").
    fn is_infinitive(self, topic: &str) -> bool {
        let first = topic.split_whitespace().next().unwrap_or("").to_lowercase();
        match self {
            Lang::Es => is_infinitive_like(first.strip_suffix("se").unwrap_or(&first), &["ar", "er", "ir", "ír"], SPANISH_NOUNS_LIKE_INFINITIVES),
            Lang::Pt => is_infinitive_like(&first, &["ar", "er", "ir"], PORTUGUESE_NOUNS_LIKE_INFINITIVES),
            Lang::It => is_infinitive_like(&first, &["are", "ere", "ire"], ITALIAN_NOUNS_LIKE_INFINITIVES),
            Lang::En | Lang::Fr => false,
        }
    }

    /// Plural nouns that name the parts of a topic ("Tipos de …",
    /// "Ventajas de …"): asked with "which are", not "what are".
    fn is_group_noun(self, topic: &str) -> bool {
        let first = topic.split_whitespace().next().unwrap_or("").to_lowercase();
        let group: &[&str] = match self {
            Lang::Es => &[
                "tipos", "clases", "ventajas", "desventajas", "características", "caracteristicas", "funciones",
                "elementos", "etapas", "fases", "partes", "principios", "objetivos", "beneficios", "componentes",
                "causas", "consecuencias", "efectos", "factores", "requisitos", "pasos", "niveles", "formas",
            ],
            Lang::Pt => &[
                "tipos", "classes", "vantagens", "desvantagens", "características", "funções", "elementos",
                "etapas", "fases", "partes", "princípios", "objetivos", "benefícios", "componentes", "causas",
                "consequências", "efeitos", "fatores", "requisitos", "passos", "níveis", "formas",
            ],
            Lang::En => &[
                "types", "kinds", "advantages", "disadvantages", "characteristics", "features", "functions",
                "elements", "stages", "phases", "parts", "principles", "objectives", "benefits", "components",
                "causes", "consequences", "effects", "factors", "requirements", "steps", "levels",
            ],
            Lang::Fr => &[
                "types", "avantages", "inconvénients", "caractéristiques", "fonctions", "éléments", "étapes",
                "phases", "parties", "principes", "objectifs", "composants", "causes", "conséquences", "effets",
                "facteurs",
            ],
            Lang::It => &[
                "tipi", "vantaggi", "svantaggi", "caratteristiche", "funzioni", "elementi", "fasi", "parti",
                "principi", "obiettivi", "componenti", "cause", "conseguenze", "effetti", "fattori", "passi",
            ],
        };
        group.contains(&first.as_str())
    }

    /// "Which are the N …?" for a heading with `count` named members.
    pub fn which_are(self, heading: &str, count: usize) -> String {
        let text = clean_heading(heading);
        if let Some(question) = self.shaped(text, Some(count)) {
            return question;
        }
        let topic = sentence_case(text);
        let form = self.form(&topic);
        if form.plural() {
            let art = self.article(form);
            return match self {
                Lang::Es => format!("¿Cuáles son {art} {count} {topic}?"),
                Lang::En => format!("What are the {count} {topic}?"),
                Lang::Pt => format!("Quais são {art} {count} {topic}?"),
                Lang::Fr if form == Form::FemPlural => format!("Quelles sont les {count} {topic} ?"),
                Lang::Fr => format!("Quels sont les {count} {topic} ?"),
                Lang::It => format!("Quali sono {art} {count} {topic}?"),
            };
        }
        let of = self.of(&topic, form);
        match self {
            Lang::Es => format!("¿Cuáles son los {count} elementos {of}?"),
            Lang::En => format!("What are the {count} elements {of}?"),
            Lang::Pt => format!("Quais são os {count} elementos {of}?"),
            Lang::Fr => format!("Quels sont les {count} éléments {of} ?"),
            Lang::It => format!("Quali sono i {count} elementi {of}?"),
        }
    }

    /// "What does «member» mean in …?" for one member of an enumeration.
    pub fn member_meaning(self, member: &str, heading: &str) -> String {
        let member = member.trim().trim_end_matches([':', '.']);
        let topic = sentence_case(heading.trim().trim_end_matches([':', '.', '?']).trim_start_matches('¿'));
        let form = self.form(&topic);
        let np = self.with_article(&topic, form);
        match self {
            Lang::Es => format!("¿Qué significa «{member}» en {np}?"),
            Lang::En => format!("What does “{member}” mean in {np}?"),
            Lang::Pt => format!("O que significa «{member}» {}?", pt_in(&np, form)),
            Lang::Fr => format!("Que signifie « {member} » dans {np} ?"),
            Lang::It => format!("Che cosa significa «{member}» {}?", italian_contracted("in", &np)),
        }
    }

    fn what_means(self, text: &str) -> String {
        match self {
            Lang::Es => format!("¿Qué significa «{text}»?"),
            Lang::En => format!("What does “{text}” mean?"),
            Lang::Pt => format!("O que significa «{text}»?"),
            Lang::Fr => format!("Que signifie « {text} » ?"),
            Lang::It => format!("Che cosa significa «{text}»?"),
        }
    }

    fn as_question(self, text: &str) -> String {
        match self {
            Lang::Es => format!("¿{text}?"),
            Lang::Fr => format!("{text} ?"),
            Lang::En | Lang::Pt | Lang::It => format!("{text}?"),
        }
    }

    fn definition_prefixes(self) -> &'static [&'static str] {
        match self {
            Lang::Es => &[
                "definición de", "definicion de", "definición del", "concepto de", "conceptos de",
                "concepto del", "significado de", "qué es", "que es", "qué son", "que son",
            ],
            Lang::En => &["definition of", "concept of", "meaning of", "what is", "what are"],
            Lang::Pt => &["definição de", "conceito de", "significado de", "o que é", "o que são"],
            Lang::Fr => &["définition de", "définition du", "définition des", "concept de", "qu'est-ce que"],
            Lang::It => &["definizione di", "definizione del", "definizione della", "concetto di", "significato di", "che cos'è", "cos'è"],
        }
    }

    fn interrogatives(self) -> &'static [&'static str] {
        match self {
            Lang::Es => &["cómo", "como", "por qué", "cuándo", "dónde", "cuál", "cuáles", "quién", "para qué", "en qué"],
            Lang::En => &["how", "why", "when", "where", "which", "who"],
            Lang::Pt => &["como", "por que", "porque", "quando", "onde", "qual", "quais", "quem"],
            Lang::Fr => &["comment", "pourquoi", "quand", "où", "quel", "quelle", "quels", "quelles", "qui"],
            Lang::It => &["come", "perché", "quando", "dove", "quale", "quali", "chi"],
        }
    }

    fn form(self, topic: &str) -> Form {
        let first = topic.split_whitespace().next().unwrap_or("");
        let word = first.to_lowercase();
        if self.plural_determiners().contains(&word.as_str()) {
            return Form::BarePlural;
        }
        let elided = word.starts_with("l'") || word.starts_with("l’");
        if is_acronym(first) || elided || self.determiners().contains(&word.as_str()) {
            return Form::Bare;
        }
        match self {
            Lang::Es => spanish_form(&word),
            Lang::Pt => portuguese_form(&word),
            Lang::Fr => french_form(&word),
            Lang::En => english_form(&word),
            Lang::It => italian_form(&word),
        }
    }

    fn plural_determiners(self) -> &'static [&'static str] {
        match self {
            Lang::Es => &["los", "las", "unos", "unas", "sus", "nuestros", "nuestras"],
            Lang::Pt => &["os", "as", "uns", "umas", "seus", "suas"],
            Lang::Fr => &["les", "des", "ses", "nos"],
            Lang::En => &["these", "those"],
            Lang::It => &["i", "gli", "le", "dei", "degli", "delle", "suoi", "sue"],
        }
    }

    /// Words that open a clause rather than a noun phrase: such headings
    /// are asked about as a whole ("¿Qué significa «A menor precio…»?").
    fn prepositions(self) -> &'static [&'static str] {
        match self {
            Lang::Es => &["a", "ante", "bajo", "con", "contra", "de", "desde", "en", "entre", "hacia", "hasta", "para", "por", "según", "sin", "sobre", "tras", "cuanto", "si", "no"],
            Lang::Pt => &["a", "com", "contra", "de", "desde", "em", "entre", "para", "por", "sem", "sobre", "se", "não"],
            Lang::Fr => &["à", "avec", "contre", "de", "depuis", "en", "entre", "pour", "par", "sans", "sur", "si", "ne"],
            Lang::En => &["at", "by", "for", "from", "in", "of", "on", "to", "with", "without", "if", "not"],
            Lang::It => &["a", "con", "contro", "da", "di", "in", "per", "su", "tra", "fra", "senza", "se", "non"],
        }
    }

    fn determiners(self) -> &'static [&'static str] {
        match self {
            Lang::Es => &["el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "su", "sus", "mi", "tu", "nuestro", "nuestra"],
            Lang::Pt => &["o", "a", "os", "as", "um", "uma", "seu", "sua", "nosso", "nossa"],
            Lang::Fr => &["le", "la", "les", "l'", "un", "une", "des", "son", "sa", "ses", "notre"],
            Lang::En => &[],
            Lang::It => &["il", "lo", "la", "un", "uno", "una", "suo", "sua"],
        }
    }

    fn article(self, form: Form) -> &'static str {
        match (self, form) {
            (_, Form::Bare | Form::BarePlural) | (Lang::En, _) => "",
            (Lang::Es, Form::MascSingular) => "el",
            (Lang::Es, Form::FemSingular) => "la",
            (Lang::Es, Form::MascPlural) => "los",
            (Lang::Es, Form::FemPlural) => "las",
            (Lang::Pt, Form::MascSingular) => "o",
            (Lang::Pt, Form::FemSingular) => "a",
            (Lang::Pt, Form::MascPlural) => "os",
            (Lang::Pt, Form::FemPlural) => "as",
            (Lang::Fr, Form::MascSingular) => "le",
            (Lang::Fr, Form::FemSingular) => "la",
            (Lang::Fr, Form::MascPlural | Form::FemPlural) => "les",
            (Lang::It, Form::MascSingular) => "il",
            (Lang::It, Form::FemSingular) => "la",
            (Lang::It, Form::MascPlural) => "i",
            (Lang::It, Form::FemPlural) => "le",
        }
    }

    fn with_article(self, topic: &str, form: Form) -> String {
        let art = self.article(form);
        if art.is_empty() {
            topic.to_owned()
        } else if matches!(self, Lang::Fr | Lang::It) && !form.plural() && starts_with_vowel(topic) {
            format!("l'{topic}")
        } else if self == Lang::It && form == Form::MascPlural && (starts_with_vowel(topic) || starts_with_s_consonant(topic)) {
            format!("gli {topic}")
        } else if self == Lang::It && form == Form::MascSingular && starts_with_s_consonant(topic) {
            format!("lo {topic}")
        } else {
            format!("{art} {topic}")
        }
    }

    /// "of the …" with the contractions each language requires.
    fn of(self, topic: &str, form: Form) -> String {
        let np = self.with_article(topic, form);
        match (self, self.article(form)) {
            (Lang::Es, "el") => format!("del {topic}"),
            (Lang::Es, _) => format!("de {np}"),
            (Lang::En, _) => format!("of {np}"),
            (Lang::Pt, "o" | "a" | "os" | "as") => format!("d{np}"),
            (Lang::Pt, _) => format!("de {np}"),
            (Lang::Fr, "le") if !np.starts_with("l'") => format!("du {topic}"),
            (Lang::Fr, "les") => format!("des {topic}"),
            (Lang::Fr, _) => format!("de {np}"),
            (Lang::It, _) => italian_contracted("di", &np),
        }
    }
}

/// The heading as asked about: no trailing colon, full stop or semicolon.
fn clean_heading(heading: &str) -> &str {
    heading.trim().trim_end_matches([':', '.', ';']).trim()
}

/// "Las TIC: calidad y …" → "Las TIC": a short term before a colon is
/// what the heading is about.
fn heading_term(text: &str) -> Option<&str> {
    const MAX_HEADING_TERM_WORDS: usize = 5;
    let (term, rest) = text.split_once(':')?;
    let term = term.trim();
    let fits = !term.is_empty() && term.split_whitespace().count() <= MAX_HEADING_TERM_WORDS;
    (fits && !rest.trim().is_empty()).then_some(term)
}

/// Italian joins "di" and "in" with the article: della, nel, degli …
fn italian_contracted(prep: &str, np: &str) -> String {
    let stem = if prep == "di" { "de" } else { "ne" };
    if let Some(rest) = np.strip_prefix("l'") {
        return format!("{stem}ll'{rest}");
    }
    match np.split_once(' ') {
        Some(("il", rest)) => format!("{stem}l {rest}"),
        Some(("i", rest)) => format!("{stem}i {rest}"),
        Some((article @ ("lo" | "la" | "gli" | "le"), rest)) => format!("{stem}l{article} {rest}"),
        _ => format!("{prep} {np}"),
    }
}

fn starts_with_s_consonant(text: &str) -> bool {
    let mut chars = text.chars().map(|c| c.to_ascii_lowercase());
    match (chars.next(), chars.next()) {
        (Some('z'), _) => true,
        (Some('s'), Some(c)) => c.is_alphabetic() && !"aeiouàèéìòù".contains(c),
        _ => false,
    }
}

/// Italian: -a feminine, -i masculine plural, -che/-ghe feminine plural.
fn italian_form(word: &str) -> Form {
    if ["zione", "sione", "tà", "tù", "ie"].iter().any(|e| word.ends_with(e)) || word.ends_with('a') {
        return Form::FemSingular;
    }
    if word.ends_with("che") || word.ends_with("ghe") {
        return Form::FemPlural;
    }
    if word.ends_with('i') { Form::MascPlural } else { Form::MascSingular }
}

/// Portuguese contracts "em" with the article: no, na, nos, nas.
fn pt_in(np: &str, form: Form) -> String {
    if form == Form::Bare { format!("em {np}") } else { format!("n{np}") }
}

/// English needs no article, only the number for "is"/"are".
fn english_form(word: &str) -> Form {
    let plural = word.len() > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e));
    if plural { Form::MascPlural } else { Form::Bare }
}

fn spanish_form(word: &str) -> Form {
    const SINGULAR_S: &[&str] = &["análisis", "crisis", "tesis", "síntesis", "virus", "mes", "país", "interés", "estrés", "autobús", "énfasis"];
    if word.chars().count() > 3 && word.ends_with('s') && !SINGULAR_S.contains(&word) {
        // "fuentes" → "fuente", "funciones" → "funcion", "redes" → "red".
        let one = &word[..word.len() - 1];
        let two = word.strip_suffix("es").unwrap_or(one);
        let fem = spanish_feminine(one) || (two != one && spanish_feminine(&two.replace("ion", "ión")));
        return if fem { Form::FemPlural } else { Form::MascPlural };
    }
    if spanish_feminine(word) { Form::FemSingular } else { Form::MascSingular }
}

fn spanish_feminine(word: &str) -> bool {
    const MASC_A: &[&str] = &[
        "día", "mapa", "problema", "sistema", "programa", "tema", "clima", "idioma", "esquema",
        "dilema", "drama", "lema", "paradigma", "teorema", "síntoma", "diagrama", "panorama",
        "enigma", "dogma", "axioma", "planeta", "poema",
    ];
    const FEM_WORDS: &[&str] = &[
        "fuente", "parte", "clase", "base", "frase", "gente", "llave", "calle", "noche", "suerte",
        "muerte", "mente", "sede", "fase", "red", "ley", "imagen", "piel", "sal", "miel", "flor", "labor",
    ];
    const FEM_ENDINGS: &[&str] = &["a", "ción", "sión", "xión", "dad", "tad", "tud", "umbre", "ez", "ie", "sis"];
    if MASC_A.contains(&word) || word == "análisis" || word == "énfasis" {
        return false;
    }
    FEM_WORDS.contains(&word) || FEM_ENDINGS.iter().any(|e| word.ends_with(e))
}

fn portuguese_form(word: &str) -> Form {
    const MASC_A: &[&str] = &["dia", "mapa", "problema", "sistema", "programa", "tema", "clima", "idioma", "esquema", "planeta"];
    if word.len() > 3 && word.ends_with('s') {
        return if word.ends_with("as") { Form::FemPlural } else { Form::MascPlural };
    }
    if MASC_A.contains(&word) {
        return Form::MascSingular;
    }
    let fem = ["a", "ção", "são", "dade", "gem", "ie"].iter().any(|e| word.ends_with(e));
    if fem { Form::FemSingular } else { Form::MascSingular }
}

fn french_form(word: &str) -> Form {
    let fem_endings = ["tion", "sion", "té", "ure", "ance", "ence", "ie", "ée", "ude", "ise", "ique"];
    let fem = |w: &str| fem_endings.iter().any(|e| w.ends_with(e));
    if word.len() > 3 && (word.ends_with('s') || word.ends_with('x')) {
        let stem = word.trim_end_matches(['s', 'x']);
        return if fem(stem) { Form::FemPlural } else { Form::MascPlural };
    }
    if fem(word) { Form::FemSingular } else { Form::MascSingular }
}

const SPANISH_NOUNS_LIKE_INFINITIVES: &[&str] = &["lugar", "hogar", "mujer", "placer", "taller", "poder", "deber", "ser", "mar", "bar", "par", "nivel", "líder", "alfiler", "carácter", "car"];
const PORTUGUESE_NOUNS_LIKE_INFINITIVES: &[&str] = &["lugar", "mulher", "prazer", "poder", "dever", "mar", "bar", "par", "nível", "líder", "caráter", "colher"];
const ITALIAN_NOUNS_LIKE_INFINITIVES: &[&str] = &["mare", "carattere", "potere", "piacere", "dovere", "sapere", "volere", "cantiere", "mestiere", "quartiere", "consigliere"];

fn is_infinitive_like(word: &str, endings: &[&str], nouns: &[&str]) -> bool {
    word.chars().count() >= 4 && endings.iter().any(|e| word.ends_with(e)) && !nouns.contains(&word)
}

/// Remove a leading phrase ("Definición de") when what follows is the topic.
fn strip_prefix_words<'a>(text: &'a str, prefixes: &[&str]) -> &'a str {
    let lower = text.to_lowercase();
    for p in prefixes {
        // Only when lowercasing kept byte offsets, so slicing `text` is safe.
        if lower.len() == text.len() && lower.starts_with(p) && lower[p.len()..].starts_with(' ') {
            let rest = text[p.len()..].trim_start();
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    text
}

fn starts_with_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower == *w || lower.starts_with(&format!("{w} ")))
}

fn starts_with_vowel(text: &str) -> bool {
    text.chars().next().is_some_and(|c| "aeiouhâàéèêëîïôûùüAEIOUHÉÈÊÎÔÛ".contains(c))
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Headings come in capitals or Title Case; questions read better in
/// sentence case. Acronyms ("CRM", "TIC") and, unless the whole heading is
/// Title Case, inner capitals (names) are kept.
fn sentence_case(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let all_caps = words.iter().all(|w| is_acronym(w) || !w.chars().any(char::is_alphabetic));
    let capitalised = words.iter().filter(|w| is_capitalised(w)).count();
    let title_case = capitalised >= 3;
    // "El Consumidor": a capital after a leading article is the heading's style.
    let after_article = words.first().is_some_and(|w| w.chars().count() <= 3 && is_capitalised(w));
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let lower = if all_caps && words.len() > 1 {
            w.to_lowercase()
        } else if is_capitalised(w) && (i == 0 || title_case || (i == 1 && after_article)) {
            lower_first(w)
        } else {
            (*w).to_owned()
        };
        out.push(lower);
    }
    out.join(" ")
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
}

fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_definition_heading_becomes_a_question_with_article() {
        assert_eq!(Lang::Es.what_is("Definición de ventaja competitiva"), "¿Qué es la ventaja competitiva?");
        assert_eq!(Lang::Es.what_is("Alianzas estratégicas"), "¿Qué son las alianzas estratégicas?");
        assert_eq!(Lang::Es.what_is("El Consumidor"), "¿Qué es el consumidor?");
        assert_eq!(Lang::Es.what_is("CRM"), "¿Qué es CRM?");
        assert_eq!(Lang::Es.what_is("Las decisiones de compra"), "¿Qué son las decisiones de compra?");
        assert_eq!(Lang::Es.what_is("Fuentes de datos"), "¿Qué son las fuentes de datos?");
        assert_eq!(Lang::Es.what_is("Funciones del gerente"), "¿Cuáles son las funciones del gerente?");
        assert_eq!(Lang::Es.what_is("A menor precio, mayor venta"), "¿Qué significa «A menor precio, mayor venta»?");
    }

    #[test]
    fn spanish_heading_shapes() {
        assert_eq!(Lang::Es.what_is("Cómo elegir los clientes"), "¿Cómo elegir los clientes?");
        assert_eq!(Lang::Es.what_is("Definir la propuesta de valor"), "¿Qué implica definir la propuesta de valor?");
        assert_eq!(Lang::Es.what_is("¿Qué es la marca?"), "¿Qué es la marca?");
        assert_eq!(Lang::Es.what_is("ESTRATEGIA DEL SERVICIO"), "¿Qué es la estrategia del servicio?");
    }

    #[test]
    fn enumeration_questions_count_members() {
        // Two capitals may be a name ("Modelo de Marshall"): only the first word is lowered.
        assert_eq!(Lang::Es.which_are("Tipos de Segmentación", 4), "¿Cuáles son los 4 tipos de Segmentación?");
        assert_eq!(Lang::Es.which_are("Estrategias principales", 4), "¿Cuáles son las 4 estrategias principales?");
        assert_eq!(
            Lang::Es.which_are("Jerarquía del valor", 4),
            "¿Cuáles son los 4 elementos de la jerarquía del valor?"
        );
        assert_eq!(Lang::En.which_are("Types of segmentation", 4), "What are the 4 types of segmentation?");
    }

    #[test]
    fn other_languages() {
        assert_eq!(Lang::En.what_is("Definition of competitive advantage"), "What is competitive advantage?");
        assert_eq!(Lang::Pt.what_is("Vantagem competitiva"), "O que é a vantagem competitiva?");
        assert_eq!(Lang::Fr.what_is("Avantage concurrentiel"), "Qu'est-ce que l'avantage concurrentiel ?");
        assert_eq!(Lang::Fr.which_are("Caractéristiques de la vente", 3), "Quelles sont les 3 caractéristiques de la vente ?");
        assert_eq!(Lang::from_tag("pt-BR"), Lang::Pt);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn heading_shapes_decide_the_question() {
        assert_eq!(Lang::Es.what_is("Importancia del servicio al cliente"), "¿Por qué es importante el servicio al cliente?");
        assert_eq!(Lang::Es.what_is("Importancia de los mapas"), "¿Por qué son importantes los mapas?");
        assert_eq!(Lang::Es.what_is("Tipos de contrato"), "¿Cuáles son los tipos de contrato?");
        assert_eq!(Lang::Es.what_is("Ventajas del trabajo en equipo"), "¿Cuáles son las ventajas del trabajo en equipo?");
        assert_eq!(Lang::Es.what_is("Las TIC: calidad y rapidez en la atención"), "¿Qué son las TIC?");
        assert_eq!(Lang::Es.which_are("Cómo preparar un examen", 3), "¿Cómo preparar un examen?");
        assert_eq!(Lang::En.what_is("Importance of sleep"), "Why is sleep important?");
        assert_eq!(Lang::En.what_is("How plants grow"), "How plants grow?");
        assert_eq!(Lang::Pt.what_is("Importância da leitura"), "Por que é importante a leitura?");
        assert_eq!(Lang::Pt.what_is("Organizar o estudo"), "O que implica organizar o estudo?");
        assert_eq!(Lang::Fr.what_is("Importance du sommeil"), "Quelle est l'importance du sommeil ?");
        assert_eq!(Lang::Fr.what_is("Types de roches"), "Quels sont les types de roches ?");
    }

    #[test]
    fn italian_questions() {
        assert_eq!(Lang::from_tag("it"), Lang::It);
        assert_eq!(Lang::It.what_is("Il clima mediterraneo"), "Che cos'è il clima mediterraneo?");
        assert_eq!(Lang::It.what_is("Energia"), "Che cos'è l'energia?");
        assert_eq!(Lang::It.what_is("Caratteristiche del suolo"), "Quali sono le caratteristiche del suolo?");
        assert_eq!(Lang::It.what_is("Importanza della memoria"), "Qual è l'importanza della memoria?");
        assert_eq!(Lang::It.which_are("Montagna", 3), "Quali sono i 3 elementi della montagna?");
        assert_eq!(Lang::It.member_meaning("Collina", "Il rilievo"), "Che cosa significa «Collina» nel rilievo?");
    }

    #[test]
    fn member_question_names_member_and_group() {
        assert_eq!(
            Lang::Es.member_meaning("Demográfica", "Tipos de segmentación"),
            "¿Qué significa «Demográfica» en los tipos de segmentación?"
        );
    }
}
