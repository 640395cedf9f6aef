//! Recognized junk: page boilerplate and site chrome, and the metadata some
//! of it carries. Only whole lines that match a known pattern are junk;
//! everything else is content.

/// What a recognized line means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chrome {
    /// Drop the line; the reason names the pattern.
    Junk(&'static str),
    /// Drop the line and everything after it (related-posts footers).
    Footer(&'static str),
    /// A post date line, kept in `meta.date`.
    Date { text: String, iso: Option<String> },
    /// "Enviado por X y clasificado en Y", "Publicado por X", "Posted by X".
    Byline { author: Option<String>, category: Option<String> },
    /// "Etiquetas: a, b" / "Labels: a, b".
    Labels(String),
}

/// Lines that are page chrome on any site, matched case-insensitively
/// against the whole line with a trailing colon or period ignored.
const STANDALONE: &[&str] = &[
    // Page boilerplate when JavaScript-rendered pages are copied.
    "please enable javascript",
    "coggle requires javascript to display documents",
    "javascript is disabled",
    // Blogger / Blogspot chrome in Spanish, English, Portuguese, French.
    "no hay comentarios",
    "no comments",
    "nenhum comentário",
    "aucun commentaire",
    "publicar un comentario",
    "post a comment",
    "postar um comentário",
    "publier un commentaire",
    "entrada más reciente",
    "entrada antigua",
    "entradas más recientes",
    "entradas antiguas",
    "newer post",
    "older post",
    "newer posts",
    "older posts",
    "postagem mais recente",
    "postagem mais antiga",
    "article plus récent",
    "article plus ancien",
    "página principal",
    "página inicial",
    "home",
    "accueil",
    "enviar por correo electrónico",
    "escribe un blog",
    "compartir con twitter",
    "compartir con facebook",
    "compartir en pinterest",
    "email this",
    "blogthis!",
    "share to twitter",
    "share to facebook",
    "share to pinterest",
    "con la tecnología de blogger",
    "powered by blogger",
    "tecnologia do blogger",
    "ver mi perfil completo",
    "view my complete profile",
    "archivo del blog",
    "blog archive",
    "datos personales",
    "about me",
    "compartir",
    "share",
    // Blogger in Italian, and the feed links every Blogger page ends with.
    "nessun commento",
    "posta un commento",
    "post più recente",
    "post più vecchio",
    "post più recenti",
    "post più vecchi",
    "condividi",
    "iscriviti a: commenti sul post (atom)",
    "iscriviti a: post (atom)",
    "subscribe to: post comments (atom)",
    "subscribe to: posts (atom)",
    "suscribirse a: enviar comentarios (atom)",
    "suscribirse a: entradas (atom)",
    "assinar: postar comentários (atom)",
    "assinar: postagens (atom)",
    // Document viewers and notes sites (Scribd, GetRevising, GoConqr,
    // Monografías, personal lecture-note pages).
    "download as docx, pdf, or txt",
    "view mindmap",
    "no comments have yet been made",
    "resource summary",
    "descargar imprimir comentar ver trabajos relacionados",
    "my homepage",
    "list all lecture notes",
    "citation preview",
    "embed size (px)",
];

/// Lines that start a footer of links to other pages.
const FOOTERS: &[&str] = &[
    "entradas relacionadas",
    "artículos relacionados",
    "related posts",
    "posts relacionados",
    "postagens relacionadas",
    "articles similaires",
    "articles connexes",
    "similar resources",
];

const WEEKDAYS: &[&str] = &[
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "segunda-feira", "terça-feira",
    "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì",
    "sabato", "domenica",
];

const MONTHS: &[(&str, u32)] = &[
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6),
    ("julio", 7), ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10),
    ("noviembre", 11), ("diciembre", 12), ("january", 1), ("february", 2), ("march", 3),
    ("april", 4), ("may", 5), ("june", 6), ("july", 7), ("august", 8), ("september", 9),
    ("october", 10), ("november", 11), ("december", 12), ("janeiro", 1), ("fevereiro", 2),
    ("março", 3), ("maio", 5), ("junho", 6), ("julho", 7), ("setembro", 9), ("outubro", 10),
    ("novembro", 11), ("dezembro", 12), ("janvier", 1), ("février", 2), ("mars", 3), ("avril", 4),
    ("mai", 5), ("juin", 6), ("juillet", 7), ("août", 8), ("septembre", 9), ("octobre", 10),
    ("novembre", 11), ("décembre", 12), ("gennaio", 1), ("febbraio", 2), ("marzo", 3), ("aprile", 4),
    ("maggio", 5), ("giugno", 6), ("luglio", 7), ("settembre", 9), ("ottobre", 10), ("dicembre", 12),
];

/// Classify one trimmed line as chrome, or `None` when it is content.
pub fn chrome(line: &str) -> Option<Chrome> {
    // A viewer may print its page numbers as list entries or between
    // dashes: "• 12", "- 3 -".
    if is_page_number(line.trim_matches(['•', '-', '–', '—', '*', ' '])) {
        return Some(Chrome::Junk("page-number"));
    }
    // Chrome is short and starts with a letter or a digit; most content
    // lines are ruled out here without any allocation.
    if line.len() > 120 || !line.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // Every counter has a "g" ("page", "página", "pág.") and a digit.
    let may_count = line.len() <= 48 && memchr::memchr(b'g', line.as_bytes()).is_some() && line.bytes().any(|b| b.is_ascii_digit());
    if may_count && is_page_counter(&line.to_lowercase()) {
        return Some(Chrome::Junk("viewer-page-counter"));
    }
    if is_breadcrumb(line) {
        return Some(Chrome::Junk("breadcrumb"));
    }
    if !starts_like_chrome(line) {
        return None;
    }
    let lower = line.to_lowercase();
    let key = lower.trim_end_matches([':', '.', ' ']);
    if STANDALONE.contains(&key) || is_comment_count(key) || is_chrome_sequence(key) {
        return Some(Chrome::Junk("site-chrome"));
    }
    if FOOTERS.contains(&key) {
        return Some(Chrome::Footer("related-links-footer"));
    }
    if let Some(date) = date_line(&lower) {
        return Some(Chrome::Date { text: line.to_owned(), iso: date });
    }
    if lower.starts_with("escrito el ") && lower.contains(" con un tamaño de ") {
        return Some(Chrome::Junk("page-size-note"));
    }
    if key.starts_with("similar ") && key.ends_with(" resources") {
        return Some(Chrome::Footer("related-links-footer"));
    }
    if key.starts_with("see all ") && key.contains(" resources") {
        return Some(Chrome::Junk("site-chrome"));
    }
    byline(line, &lower).or_else(|| labels(line, &lower))
}

/// Every pattern's first word (or a digit, for comment counts): a line
/// starting otherwise is content, decided without lowercasing it.
fn starts_like_chrome(line: &str) -> bool {
    static FIRST_WORDS: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
        let leads = [
            "escrito", "enviado", "publicado", "posted", "postado", "publié", "etiquetas", "labels", "marcadores",
            "libellés", "clasificado", "mind", "mapa", "created", "creado", "criado", "see", "similar", "iscriviti",
            "subscribe", "suscribirse", "assinar", "condividi",
        ];
        let mut words: Vec<&str> = STANDALONE
            .iter()
            .chain(FOOTERS)
            .chain(WEEKDAYS)
            .chain(leads.iter())
            .filter_map(|p| p.split([' ', ',', ':']).next())
            .collect();
        // By length first: a search then compares bytes only among words
        // of the right length.
        words.sort_unstable_by_key(|w| (w.len(), *w));
        words.dedup();
        words
    });
    if line.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let first = line.split([' ', ',', ':', '.']).next().unwrap_or(line);
    if first.len() > MAX_FIRST_WORD {
        return false;
    }
    let mut buf = [0; MAX_FIRST_WORD];
    let lower = crate::case::lowercase(first, &mut buf);
    FIRST_WORDS.binary_search_by_key(&(lower.len(), &*lower), |w| (w.len(), *w)).is_ok()
}

/// Longer first words are content (the longest chrome word is shorter).
const MAX_FIRST_WORD: usize = 20;

/// Navigation copied as one line: "Entrada más reciente Entrada antigua
/// Página principal". Junk only if the whole line is made of chrome phrases.
fn is_chrome_sequence(key: &str) -> bool {
    let mut rest = key.trim();
    while !rest.is_empty() {
        let longest = STANDALONE.iter().filter(|p| p.len() > 4 && rest.starts_with(*p)).max_by_key(|p| p.len());
        match longest {
            Some(p) => rest = rest[p.len()..].trim_start_matches([' ', '|', '·', '•', '-']),
            None => return false,
        }
    }
    key.contains(' ')
}

/// "3 comentarios", "1 comment".
fn is_comment_count(key: &str) -> bool {
    let mut words = key.split(' ');
    let (Some(n), Some(word), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    n.chars().all(|c| c.is_ascii_digit())
        && matches!(word, "comentarios" | "comentario" | "comments" | "comment" | "comentários" | "commentaires")
}

/// Blogger's date header: "lunes, 3 de noviembre de 2008",
/// "Monday, November 3, 2008", "lundi 3 novembre 2008".
fn date_line(lower: &str) -> Option<Option<String>> {
    let first = lower.split([',', ' ']).next()?;
    if !WEEKDAYS.contains(&first) {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "of" | "the"))
        .collect();
    if words.len() < 4 || words.len() > 6 {
        return None;
    }
    let month = words.iter().find_map(|w| MONTHS.iter().find(|(m, _)| m == w).map(|&(_, n)| n))?;
    let numbers: Vec<u32> = words.iter().filter_map(|w| w.trim_end_matches("th").parse().ok()).collect();
    let iso = match numbers.as_slice() {
        [day, year] | [year, day] if *year > 1900 && (1..=31).contains(day) => {
            Some(format!("{year:04}-{month:02}-{day:02}"))
        }
        _ => None,
    };
    Some(iso)
}

/// "Enviado por X y clasificado en Y", "Publicado por X en 10:23",
/// "Posted by X at 10:23", "Postado por X às 10:23", "Publié par X à 10:23".
fn byline(line: &str, lower: &str) -> Option<Chrome> {
    if let Some(chrome) = site_byline(line, lower) {
        return Some(chrome);
    }
    const LEADS: &[&str] = &["enviado por ", "publicado por ", "posted by ", "postado por ", "publié par "];
    let lead = LEADS.iter().find(|l| lower.starts_with(*l))?;
    let rest = &line[lead.len()..];
    let rest_lower = &lower[lead.len()..];
    if let Some(pos) = rest_lower.find(" y clasificado en ") {
        return Some(Chrome::Byline {
            author: Some(rest[..pos].trim().to_owned()),
            category: Some(rest[pos + " y clasificado en ".len()..].trim().to_owned()),
        });
    }
    let cut = [" en ", " at ", " às ", " à ", " a las ", " a la "]
        .iter()
        .filter_map(|sep| rest_lower.find(sep).map(|p| (p, p + sep.len())))
        .min();
    let (author, tail) = match cut {
        Some((end, tail)) => (rest[..end].trim(), &rest[tail..]),
        None => (rest.trim(), ""),
    };
    // A real byline is a short name, then at most a time or a short place;
    // a sentence that merely starts this way is content.
    let tail_is_time_or_short = tail.starts_with(|c: char| c.is_ascii_digit()) || tail.split_whitespace().count() <= 3;
    (author.split_whitespace().count() <= 5 && tail_is_time_or_short)
        .then(|| Chrome::Byline { author: Some(author.to_owned()), category: None })
}

/// Notes sites' credit lines: "Mind Map by NAME, updated …", "Created by
/// NAME over 6 years ago", "Clasificado en CATEGORY".
fn site_byline(line: &str, lower: &str) -> Option<Chrome> {
    // The leads are ASCII: the same bytes start the line as its lowercase.
    let after = |lead: &str| line.get(lead.len()..).filter(|_| lower.starts_with(lead));
    if let Some(category) = after("clasificado en ") {
        return (category.split_whitespace().count() <= 6)
            .then(|| Chrome::Byline { author: None, category: Some(category.trim().to_owned()) });
    }
    const LEADS: &[&str] = &["mind map by ", "mapa mental por ", "mapa mental de ", "created by ", "creado por ", "criado por "];
    let rest = LEADS.iter().find_map(|lead| after(lead))?;
    let author = rest.split([',']).next().unwrap_or(rest);
    let author = [" over ", " hace ", " há ", " updated "].iter().fold(author, |a, sep| a.split(sep).next().unwrap_or(a));
    let credit_tail = lower.ends_with(" ago") || lower.contains("updated") || lower.contains(" hace ") || lower.contains(" há ");
    (credit_tail && (1..=4).contains(&author.split_whitespace().count()))
        .then(|| Chrome::Byline { author: Some(author.trim().to_owned()), category: None })
}

/// A page number alone on its line: "2", "17".
fn is_page_number(line: &str) -> bool {
    (1..=3).contains(&line.len()) && line.bytes().all(|b| b.is_ascii_digit())
}

/// A document viewer's position line: "Está en la página 1de 35", "You are
/// on page 1of 2", "Page 3 of 10".
fn is_page_counter(lower: &str) -> bool {
    let Some(at) = ["página ", "page ", "pagina ", "pág. "].iter().find_map(|w| lower.find(w).map(|p| p + w.len())) else {
        return false;
    };
    let rest = &lower[at..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rest = rest[digits..].trim_start();
    let of = ["de", "of", "sur", "di"].iter().find_map(|w| rest.strip_prefix(w));
    digits > 0 && of.is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Site navigation copied as a line: "Inicio > Apuntes > Historia",
/// "Science // Biology // Photosynthesis //". Every crumb is short.
fn is_breadcrumb(line: &str) -> bool {
    crumbs(line).is_some()
}

/// The last crumb of a breadcrumb line: the page the trail leads to.
pub fn last_crumb(line: &str) -> Option<&str> {
    crumbs(line)?.last().copied()
}

/// A breadcrumb line's crumbs, or `None` if it is not one.
fn crumbs(line: &str) -> Option<Vec<&str>> {
    // One byte search rules out nearly every line: no ">", "/", nor the
    // last byte of "»" (C2 BB) or "›" (E2 80 BA).
    let bytes = line.as_bytes();
    if memchr::memchr3(b'>', b'/', 0xBB, bytes).is_none() && memchr::memchr(0xBA, bytes).is_none() {
        return None;
    }
    let separator = [" > ", " // ", " » ", " › "].into_iter().find(|sep| line.matches(sep).count() >= 2);
    let separator = separator.or_else(|| line.trim_end().ends_with(" //").then_some(" //"))?;
    let crumbs: Vec<&str> = line.split(separator.trim()).map(str::trim).filter(|c| !c.is_empty()).collect();
    (crumbs.len() >= 2 && crumbs.iter().all(|c| c.split_whitespace().count() <= 5)).then_some(crumbs)
}


fn labels(line: &str, lower: &str) -> Option<Chrome> {
    const LEADS: &[&str] = &["etiquetas:", "labels:", "marcadores:", "libellés :", "libellés:"];
    let lead = LEADS.iter().find(|l| lower.starts_with(*l))?;
    Some(Chrome::Labels(line[lead.len()..].trim().to_owned()))
}

/// The Coggle page title line: "Title - Coggle Diagram".
pub fn coggle_title(line: &str) -> Option<&str> {
    ["- Coggle Diagram", "– Coggle Diagram", "| Coggle Diagram"]
        .iter()
        .find_map(|suffix| line.strip_suffix(suffix))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_is_junk_whatever_the_case() {
        assert_eq!(chrome("Please enable JavaScript."), Some(Chrome::Junk("site-chrome")));
        assert_eq!(chrome("No hay comentarios:"), Some(Chrome::Junk("site-chrome")));
        assert_eq!(chrome("3 comentarios:"), Some(Chrome::Junk("site-chrome")));
        assert_eq!(chrome("Older Post"), Some(Chrome::Junk("site-chrome")));
        assert_eq!(chrome("Entrada más reciente Entrada antigua Página principal"), Some(Chrome::Junk("site-chrome")));
        assert_eq!(chrome("Página principal del proyecto escolar"), None);
        assert_eq!(chrome("Comentarios del profesor sobre el tema"), None);
    }

    #[test]
    fn footer_trigger() {
        assert_eq!(chrome("Entradas relacionadas:"), Some(Chrome::Footer("related-links-footer")));
    }

    #[test]
    fn dates_in_four_languages() {
        let iso = |l: &str| match chrome(l) {
            Some(Chrome::Date { iso, .. }) => iso,
            other => panic!("{l}: {other:?}"),
        };
        assert_eq!(iso("martes, 14 de abril de 2009").as_deref(), Some("2009-04-14"));
        assert_eq!(iso("Monday, November 3, 2008").as_deref(), Some("2008-11-03"));
        assert_eq!(iso("segunda-feira, 5 de maio de 2010").as_deref(), Some("2010-05-05"));
        assert_eq!(iso("lundi 7 juin 2021").as_deref(), Some("2021-06-07"));
        assert_eq!(iso("martedì 3 marzo 2020").as_deref(), Some("2020-03-03"));
        assert_eq!(chrome("Lunes de trabajo intenso en la oficina central"), None);
    }

    #[test]
    fn bylines_carry_author_and_category() {
        assert_eq!(
            chrome("Enviado por Ana Pérez y clasificado en Historia"),
            Some(Chrome::Byline { author: Some("Ana Pérez".into()), category: Some("Historia".into()) })
        );
        assert_eq!(
            chrome("Posted by John Doe at 10:23"),
            Some(Chrome::Byline { author: Some("John Doe".into()), category: None })
        );
        assert_eq!(chrome("Publicado por la comunidad científica en revistas de todo el mundo durante décadas"), None);
    }

    #[test]
    fn page_size_note_and_labels() {
        assert_eq!(chrome("Escrito el  en español con un tamaño de 3,1 KB"), Some(Chrome::Junk("page-size-note")));
        assert_eq!(chrome("Etiquetas: química, apuntes"), Some(Chrome::Labels("química, apuntes".into())));
    }

    #[test]
    fn viewer_and_site_chrome() {
        assert_eq!(chrome("Está en la página 1de 35"), Some(Chrome::Junk("viewer-page-counter")));
        assert_eq!(chrome("You are on page 1of 2"), Some(Chrome::Junk("viewer-page-counter")));
        assert_eq!(chrome("La página 3 de la revista"), None);
        assert_eq!(chrome("Vous êtes sur la page 2 sur 12"), Some(Chrome::Junk("viewer-page-counter")));
        assert_eq!(chrome("12"), Some(Chrome::Junk("page-number")));
        assert_eq!(chrome("• 12"), Some(Chrome::Junk("page-number")));
        assert_eq!(chrome("– 3 –"), Some(Chrome::Junk("page-number")));
        assert_eq!(chrome("Sei sulla pagina 1di 15"), Some(Chrome::Junk("viewer-page-counter")));
        assert_eq!(chrome("1945"), None);
        assert_eq!(chrome("Inicio > Apuntes > Historia"), Some(Chrome::Junk("breadcrumb")));
        assert_eq!(chrome("Arte // Pintura // Barroco //"), Some(Chrome::Junk("breadcrumb")));
        assert_eq!(last_crumb("Arte // Pintura // El Barroco //"), Some("El Barroco"));
        assert_eq!(chrome("Si x > 2 entonces y > 3 y la función crece sin límite alguno"), None);
        assert_eq!(
            chrome("Mind Map by Ana Ruiz, updated more than 1 year ago"),
            Some(Chrome::Byline { author: Some("Ana Ruiz".into()), category: None })
        );
        assert_eq!(
            chrome("Created by Ana Ruiz over 2 years ago"),
            Some(Chrome::Byline { author: Some("Ana Ruiz".into()), category: None })
        );
        assert_eq!(
            chrome("Clasificado en Historia del arte"),
            Some(Chrome::Byline { author: None, category: Some("Historia del arte".into()) })
        );
        assert_eq!(chrome("Created by the French revolution, the system spread"), None);
    }

    #[test]
    fn coggle_title_suffix() {
        assert_eq!(coggle_title("Célula - Coggle Diagram"), Some("Célula"));
        assert_eq!(coggle_title("Célula"), None);
    }
}
