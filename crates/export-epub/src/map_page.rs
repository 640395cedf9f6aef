//! The concept map's page: the SVG as an image, its text alternative, and
//! the map's outline as a nested list for its long description (a reader
//! that cannot see the picture gets every node it shows, in order).

use map::MapTree;

use export::markup::{Labels, escape};

/// The page body for the map of `title`, drawn as `svg_file`.
pub fn body(tree: &MapTree, svg_file: &str, title: &str, labels: Labels) -> String {
    let mut out = String::new();
    out.push_str("<section id=\"concept-map\">\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(labels.map)));
    out.push_str(&format!(
        "<figure>\n<img src=\"{}\" alt=\"{}: {}\" aria-describedby=\"map-outline\"/>\n</figure>\n",
        escape(svg_file),
        escape(labels.map),
        escape(title)
    ));
    out.push_str(&format!("<details id=\"map-outline\">\n<summary>{}</summary>\n", escape(labels.map_text)));
    nested_list(tree, 0, &mut out);
    out.push_str("</details>\n</section>");
    out
}

/// The node and its children as `<ul>` inside `<ul>`. The tree is at most
/// the map's depth deep (a few levels), so recursion is bounded.
fn nested_list(tree: &MapTree, v: usize, out: &mut String) {
    let node = &tree.nodes[v];
    out.push_str("<ul>\n<li>");
    out.push_str(&escape(&node.text));
    for &c in &node.children {
        out.push('\n');
        nested_list(tree, c, out);
    }
    out.push_str("</li>\n</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_is_nested_escaped_xhtml() {
        let mut tree = MapTree::new("Raíz <b>", None, None);
        let a = tree.add(0, None, "Rama & hoja");
        tree.add(a, None, "Hoja \"1\"");
        let body = body(&tree, "map.svg", "Título", Labels::for_language("es"));
        let doc = roxmltree::Document::parse(&body).expect("well-formed");
        let img = doc.descendants().find(|n| n.has_tag_name("img")).unwrap();
        assert_eq!(img.attribute("alt"), Some("Mapa conceptual: Título"));
        assert_eq!(img.attribute("aria-describedby"), Some("map-outline"));
        let items: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("li"))
            .map(|n| n.children().filter_map(|c| c.text()).collect::<String>().trim().to_owned())
            .collect();
        assert_eq!(items, vec!["Raíz <b>", "Rama & hoja", "Hoja \"1\""]);
        let depth = doc.descendants().filter(|n| n.has_tag_name("ul")).count();
        assert_eq!(depth, 3);
    }
}
