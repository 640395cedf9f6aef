//! What each structure rule means, for `studyforge check`: every node
//! records the rule that placed it ("bullet-item", or "numbered-heading+
//! wrap-join" when a line rule shaped its text first).

/// One sentence on what `rule` decided, for every rule a reader records.
pub fn describe(rule: &str) -> Option<&'static str> {
    Some(match rule {
        "bullet-item" => "a line with a bullet glyph is a list item",
        "numbered-item" => "a numbered line among other numbered lines is a list item",
        "empty-bullet" => "a bullet with no text ends a list and is no node",
        "definition-list" => "two or more \"Term: text\" lines in a row are a list of definitions",
        "numbered-heading" => "numbering interrupted by what it owns is a section heading; 1.2 sits beside 1.1 and under 1., a new scheme (a)) under the open heading",
        "numbered-outline" => "numbering that resumes after a nested numbered list marks section headings",
        "outline-branch" => "a list entry over deeper-indented entries is a branch of the outline: a heading",
        "lead-in-heading" => "a short line ending in \":\" names the topic of the list it announces",
        "lead-in-item" => "a short line announced by a lead-in (\"…:\") is one of its list items",
        "list-after-intro" => "short lines after a sentence ending in \":\" are its items",
        "topic-owns-explanation" => "a short unpunctuated line (or one short question) before prose or a list heads them",
        "heading-run" => "a short line right above such a heading is its parent section",
        "list-head" => "the first of several short lines heads the rest",
        "list-run" => "short lines between a head and the next prose are its entries",
        "trailing-label" => "a lone short line with nothing to own is prose",
        "term-then-explanation" => "very short terms alternating with longer lines: each term owns the line after it",
        "heading-family" => "\"Modelos de …\" followed by \"Modelo de X\" headings: the singular ones nest under it",
        "mind-map-family" => "in a long run of short lines, siblings share a first word or name the line above them",
        "coggle-title-path" => "the Coggle page title \"Root (A (B…\" names one path of the map: A under the root, B under A",
        "title-repeated" => "the title printed again after a cover page opens the body",
        "indented-subitem" => "an item indented under an item belongs to it",
        "indented-explanation" => "prose indented under an item explains it",
        "paragraph" => "prose",
        "wrap-join" => "the line went on in the next one (it ended on a function word, or the next starts in lower case)",
        "punctuation-join" => "the next line starts with \",\", \":\", \";\" or \".\": the same node, split at a bold run",
        "colon-join" => "a numbered or capitalized \"TERM:\" alone on its line takes its explanation from the next",
        "bullet-join" => "a bullet alone on its line marks the next line",
        "toc-leader" => "a table of contents line: its dot leader and page number are cut",
        "toc-entry" => "a table of contents is a list, headed by the line above it",
        "outline-shape" => "an explicit outline: branches are headings, leaves items or paragraphs",
        "mind-map-node" => "a mind-map node: branches are headings, leaves items or paragraphs",
        "md-heading" | "md-paragraph" | "md-item" | "md-code" => "read from Markdown markup",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn every_rule_the_flat_reader_records_is_described() {
        let sources = [
            include_str!("flat/decide/mod.rs"),
            include_str!("flat/decide/numbered.rs"),
            include_str!("flat/decide/runs.rs"),
            include_str!("flat/decide/families.rs"),
            include_str!("flat/decide/lead_in.rs"),
            include_str!("flat/tree.rs"),
            include_str!("lines.rs"),
        ];
        for source in sources {
            for quoted in source.split('"').skip(1).step_by(2) {
                let looks_like_rule = quoted.contains('-') && quoted.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
                let is_rule_use = source.contains(&format!("\"{quoted}\")")) || source.contains(&format!("\"{quoted}\"),"));
                if looks_like_rule && is_rule_use {
                    assert!(describe(quoted).is_some(), "rule {quoted} has no description");
                }
            }
        }
    }
}
