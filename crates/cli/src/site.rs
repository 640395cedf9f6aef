//! The course site, `<out>/index.html`, written at the end of every build
//! that includes the `html` format: every document the manifest knows, with
//! links to all the files it has.
//!
//! A build ingests only the sources that changed, so the summaries the site
//! shows (title, language, counts, headings) are kept beside the manifest in
//! `<out>/.studyforge-site.json` and refreshed from each document ingested.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use export::{Artifact, Options, Templates};
use export_html::Summary;
use export_html::site::{self, SiteDocument};
use serde::{Deserialize, Serialize};

use crate::manifest::Manifest;

const SUMMARIES: &str = ".studyforge-site.json";

/// Summaries by source path, as in the manifest.
#[derive(Default, Serialize, Deserialize)]
struct Summaries {
    sources: BTreeMap<String, Summary>,
}

/// The summaries a build wrote into `out` (none when it had no web pages).
pub fn read_summaries(out: &Path) -> Vec<(String, Summary)> {
    let read: Summaries =
        std::fs::read(out.join(SUMMARIES)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    read.sources.into_iter().collect()
}

/// Update the summaries from the documents this build ingested and write
/// the site over everything the manifest lists.
pub fn write(
    out: &Path,
    options: &Options,
    templates: &Templates,
    manifest: &Manifest,
    ingested: Vec<(String, Summary)>,
) -> Result<()> {
    if !options.formats.iter().any(|f| f == export_html::FORMAT) {
        return Ok(());
    }
    let mut summaries: Summaries =
        std::fs::read(out.join(SUMMARIES)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    summaries.sources.extend(ingested);
    summaries.sources.retain(|source, _| manifest.sources.contains_key(source));
    let docs: Vec<SiteDocument<'_>> = manifest
        .sources
        .iter()
        .map(|(source, entry)| SiteDocument {
            slug: &entry.slug,
            summary: summaries.sources.get(source),
            files: entry.formats.values().flat_map(|b| b.files.iter().map(String::as_str)).collect(),
        })
        .collect();
    let html = site::render(templates, &options.project, &docs)?;
    export::write_artifacts(out, &[
        Artifact { file_name: "index.html".into(), bytes: html.into_bytes() },
        Artifact { file_name: SUMMARIES.into(), bytes: serde_json::to_vec_pretty(&summaries)? },
    ])?;
    Ok(())
}
