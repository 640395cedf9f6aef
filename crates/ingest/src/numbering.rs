//! Outline numbering at the start of a line: "1.", "1)", "1.-", "1.1",
//! "2.3.1.", "a)", "b.", "A)", "IV.", "1ª", "3º".
//!
//! Numbering carries the hierarchy a flattened page lost: "1.1" sits under
//! "1.", "a)" under "1)". Each scheme is a [`Style`]; its depth is the
//! number of levels written ("2.3.1" is depth 3).

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Arabic,
    /// "1ª Fase", "2º paso": ordinal numerals of the Romance languages.
    Ordinal,
    UpperLetter,
    LowerLetter,
    Roman,
    /// "Tema 2", "Chapter IV": a course part named by a keyword.
    Keyword,
}

/// One line's numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub style: Style,
    /// Levels written: "1." is 1, "1.2" is 2, "1.2.3." is 3.
    pub depth: usize,
    /// The last number: "1.3" is 3, "c)" is 3.
    pub value: u32,
}

/// Parse numbering at the start of `text`; returns it and the text after
/// it (leading spaces removed). The numbering must be followed by a space
/// or end the line ("1.-" alone is an empty list entry).
pub fn parse(text: &str) -> Option<(Numbering, &str)> {
    arabic(text).or_else(|| letter(text)).or_else(|| roman(text))
}

fn digits(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// "1.", "1)", "1.-", "1.1", "1.1.", "1ª", "1º".
fn arabic(text: &str) -> Option<(Numbering, &str)> {
    let mut depth = 0;
    let mut value;
    let mut rest = text;
    loop {
        let n = digits(rest);
        if !(1..=3).contains(&n) {
            return None;
        }
        value = rest[..n].parse::<u32>().ok()?;
        depth += 1;
        rest = &rest[n..];
        // Another level follows only as ".<digit>".
        match rest.strip_prefix('.') {
            Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => rest = after,
            _ => break,
        }
    }
    let number = |style| Numbering { style, depth, value };
    if let Some(after) = rest.strip_prefix(['ª', 'º']) {
        // An ordinal heads a capitalized phrase: "1ª Fase", not "1º de mayo".
        let after = after.strip_prefix(' ')?;
        return after.starts_with(char::is_uppercase).then(|| (number(Style::Ordinal), after));
    }
    let delimited = rest.strip_prefix(".-").or_else(|| rest.strip_prefix('.')).or_else(|| rest.strip_prefix(')'));
    match delimited {
        Some(after) => followed_by_space(after).map(|after| (number(Style::Arabic), after)),
        // "1.1 Tareas": several levels need no final dot, but a capital
        // after them, so "1.5 millones" stays a number in a sentence.
        None if depth > 1 => {
            let after = rest.strip_prefix(' ')?;
            after.starts_with(char::is_uppercase).then(|| (number(Style::Arabic), after))
        }
        None => None,
    }
}

/// "a)", "b.", "A)", "C.": one letter, then ")" or "." and a space.
fn letter(text: &str) -> Option<(Numbering, &str)> {
    let c = *text.as_bytes().first()?;
    if !c.is_ascii_alphabetic() {
        return None;
    }
    let rest = &text[1..];
    let after = rest.strip_prefix(')').or_else(|| rest.strip_prefix('.'))?;
    // "a.C." or "A.B.C." are abbreviations, not numbering.
    let after = after.strip_prefix(' ')?;
    let style = if c.is_ascii_lowercase() { Style::LowerLetter } else { Style::UpperLetter };
    let value = u32::from(c.to_ascii_lowercase() - b'a' + 1);
    // A capital "I." or "V." is read as a Roman numeral below.
    if style == Style::UpperLetter && matches!(c, b'I' | b'V' | b'X') {
        return None;
    }
    Some((Numbering { style, depth: 1, value }, after.trim_start()))
}

/// "IV.", "II)", "XII.-": capital Roman numerals.
fn roman(text: &str) -> Option<(Numbering, &str)> {
    let n = text.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C')).count();
    if !(1..=6).contains(&n) {
        return None;
    }
    let value = roman_value(&text[..n])?;
    let rest = &text[n..];
    let after = rest.strip_prefix(".-").or_else(|| rest.strip_prefix('.')).or_else(|| rest.strip_prefix(')'))?;
    let after = after.strip_prefix(' ')?;
    after
        .starts_with(char::is_uppercase)
        .then(|| (Numbering { style: Style::Roman, depth: 1, value }, after.trim_start()))
}

fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |b: u8| match b {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        b'L' => 50,
        _ => 100,
    };
    let bytes = numeral.as_bytes();
    let mut total = 0i64;
    for (i, &b) in bytes.iter().enumerate() {
        let v = digit(b);
        if bytes.get(i + 1).is_some_and(|&next| digit(next) > v) {
            total -= i64::from(v);
        } else {
            total += i64::from(v);
        }
    }
    u32::try_from(total).ok().filter(|&v| v > 0)
}

/// The rest after a delimiter: empty, or after at least one space.
fn followed_by_space(after: &str) -> Option<&str> {
    if after.is_empty() {
        Some(after)
    } else {
        after.strip_prefix(' ').map(str::trim_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_depth(text: &str) -> Option<(Style, usize, u32, &str)> {
        parse(text).map(|(n, rest)| (n.style, n.depth, n.value, rest))
    }

    #[test]
    fn arabic_levels() {
        assert_eq!(style_depth("1. Uno"), Some((Style::Arabic, 1, 1, "Uno")));
        assert_eq!(style_depth("12) Doce"), Some((Style::Arabic, 1, 12, "Doce")));
        assert_eq!(style_depth("3.- Tres"), Some((Style::Arabic, 1, 3, "Tres")));
        assert_eq!(style_depth("2.1. Sub"), Some((Style::Arabic, 2, 1, "Sub")));
        assert_eq!(style_depth("1.3 Tareas"), Some((Style::Arabic, 2, 3, "Tareas")));
        assert_eq!(style_depth("1.3.1 Alcance"), Some((Style::Arabic, 3, 1, "Alcance")));
        assert_eq!(style_depth("2.-"), Some((Style::Arabic, 1, 2, "")));
    }

    #[test]
    fn numbers_in_prose_are_not_numbering() {
        assert_eq!(parse("1.5 millones de personas"), None);
        assert_eq!(parse("2024 fue un año"), None);
        assert_eq!(parse("3 tipos de suelo"), None);
        assert_eq!(parse("1º de mayo"), None);
        assert_eq!(parse("a.C. fue"), None);
        assert_eq!(parse("Al principio"), None);
    }

    #[test]
    fn letters_ordinals_and_roman_numerals() {
        assert_eq!(style_depth("b. Hoteles"), Some((Style::LowerLetter, 1, 2, "Hoteles")));
        assert_eq!(style_depth("a) Oficial"), Some((Style::LowerLetter, 1, 1, "Oficial")));
        assert_eq!(style_depth("B) Regional"), Some((Style::UpperLetter, 1, 2, "Regional")));
        assert_eq!(style_depth("2ª Fase del proceso"), Some((Style::Ordinal, 1, 2, "Fase del proceso")));
        assert_eq!(style_depth("IV. Conclusiones"), Some((Style::Roman, 1, 4, "Conclusiones")));
        assert_eq!(style_depth("I. Introducción"), Some((Style::Roman, 1, 1, "Introducción")));
        assert_eq!(parse("IV. y luego"), None);
    }
}
