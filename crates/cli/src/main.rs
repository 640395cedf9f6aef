//! The `studyforge` command.

mod build;
mod check;
mod formats;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use model::SourceKind;

#[derive(Parser)]
#[command(name = "studyforge", version, about = "Turn messy study notes into study guides, cheat sheets, Anki decks and EPUB books")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the outline model of one source
    Parse {
        file: PathBuf,
        /// Source kind; detected from the name and content when omitted
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Print the model as JSON (the default)
        #[arg(long, conflicts_with = "md")]
        json: bool,
        /// Print the model as an editable Markdown outline
        #[arg(long)]
        md: bool,
    },
    /// Show the inferred tree with line numbers, the rule behind each node and the dropped lines
    Check {
        file: PathBuf,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
    },
    /// Build sources (files or folders) into every format, or those named
    Build(build::BuildArgs),
    /// List the formats this build of studyforge can write
    Formats,
}

/// `--kind` values: the model's source kinds.
#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    CogglePage,
    Blog,
    IndentOutline,
    Markdown,
    Freemind,
    Opml,
}

impl From<Kind> for SourceKind {
    fn from(k: Kind) -> SourceKind {
        match k {
            Kind::CogglePage => SourceKind::CogglePage,
            Kind::Blog => SourceKind::Blog,
            Kind::IndentOutline => SourceKind::IndentOutline,
            Kind::Markdown => SourceKind::Markdown,
            Kind::Freemind => SourceKind::Freemind,
            Kind::Opml => SourceKind::Opml,
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Parse { file, kind, json: _, md } => {
            let doc = ingest::ingest_file(&file, kind.map(Into::into))?;
            let text = if md {
                export::builtin::markdown_outline(&doc)
            } else {
                serde_json::to_string_pretty(&doc).context("serializing the model")? + "\n"
            };
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { file, kind } => {
            let doc = ingest::ingest_file(&file, kind.map(Into::into))?;
            print!("{}", check::report(&doc));
            Ok(ExitCode::SUCCESS)
        }
        Command::Build(args) => build::run(&args),
        Command::Formats => {
            for exporter in formats::registry().iter() {
                println!("{:<12} {}", exporter.name(), exporter.description());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
