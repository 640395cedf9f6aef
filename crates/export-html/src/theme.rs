//! The page and site templates and the stylesheet, compiled for one render.

use std::borrow::Cow;

use export::{ExportError, Templates, markup};
use handlebars::Handlebars;
use serde::Serialize;

const STYLE: &str = include_str!("../../../templates/html/style.css");
/// Templates a user may override under `<templates>/html/`.
const TEMPLATES: [(&str, &str); 2] = [
    ("page.html.hbs", include_str!("../../../templates/html/page.html.hbs")),
    ("site.html.hbs", include_str!("../../../templates/html/site.html.hbs")),
];

pub struct Theme {
    pub style: Cow<'static, str>,
    hb: Handlebars<'static>,
}

impl Theme {
    /// The user's copies where present, else the embedded defaults. Strict
    /// mode turns a misspelt variable in a user's template into an error;
    /// the escape function makes every `{{value}}` HTML-safe.
    pub fn load(templates: &Templates) -> Result<Theme, ExportError> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(markup::escape);
        for (name, default) in TEMPLATES {
            let source = templates.get(&format!("html/{name}"), default)?;
            hb.register_template_string(name, source.as_ref())
                .map_err(|e| ExportError::Template { name: format!("html/{name}"), message: e.to_string() })?;
        }
        Ok(Theme { style: templates.get("html/style.css", STYLE)?, hb })
    }

    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, ExportError> {
        self.hb
            .render(name, data)
            .map_err(|e| ExportError::Template { name: format!("html/{name}"), message: e.to_string() })
    }
}
