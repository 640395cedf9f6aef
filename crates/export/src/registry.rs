//! The set of exporters a build can run, looked up by name.

use crate::Exporter;

#[derive(Default)]
pub struct Registry {
    exporters: Vec<Box<dyn Exporter>>,
}

impl Registry {
    pub fn new() -> Self {
        Registry::default()
    }

    /// Add an exporter; a later one with the same name replaces the earlier,
    /// so a user's plugin can override a built-in format.
    pub fn register(&mut self, exporter: Box<dyn Exporter>) {
        self.exporters.retain(|e| e.name() != exporter.name());
        self.exporters.push(exporter);
    }

    pub fn get(&self, name: &str) -> Option<&dyn Exporter> {
        self.exporters.iter().find(|e| e.name() == name).map(|e| e.as_ref())
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Exporter> {
        self.exporters.iter().map(|e| e.as_ref())
    }

    pub fn names(&self) -> Vec<&str> {
        self.exporters.iter().map(|e| e.name()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Artifact, ExportError, RenderContext};

    struct Fixed(&'static str, &'static str);

    impl Exporter for Fixed {
        fn name(&self) -> &str {
            self.0
        }
        fn description(&self) -> &str {
            self.1
        }
        fn render(&self, _: &RenderContext<'_>) -> Result<Vec<Artifact>, ExportError> {
            Ok(vec![])
        }
    }

    #[test]
    fn later_registration_replaces_same_name() {
        let mut r = Registry::new();
        r.register(Box::new(Fixed("a", "first")));
        r.register(Box::new(Fixed("b", "other")));
        r.register(Box::new(Fixed("a", "second")));
        assert_eq!(r.names(), vec!["b", "a"]);
        assert_eq!(r.get("a").unwrap().description(), "second");
        assert!(r.get("zzz").is_none());
    }
}
