//! The `studyforge` command.

mod build;
mod check;
mod combined;
mod config;
mod formats;
mod manifest;
mod merge;
mod prune;
mod report;
mod serve;
mod site;
mod sources;
mod stream;
mod watch;
mod writer_lock;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use model::SourceKind;

// typst allocates and frees many small objects per paragraph: with the
// system allocator, malloc and free were about a tenth of a batch build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Also list the study items as a learner sees them, with their quality flags
        #[arg(long)]
        cards: bool,
    },
    /// Build sources (files or folders) into every format, or those named
    Build(build::BuildArgs),
    /// Join the output folders of `build --shard K/N` into one build's output and lock
    Merge(merge::MergeArgs),
    /// Build, then rebuild whatever changes until interrupted
    Watch(build::BuildArgs),
    /// Build, serve the output on http://127.0.0.1:3000/, rebuild on change and reload the page
    Serve(serve::ServeArgs),
    /// List the formats this build of studyforge can write, plugins included
    Formats {
        /// Settings file (for the template folder that holds plugins)
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Forget the Anki notes studyforge.lock keeps as removed (tagged studyforge::removed)
    Prune {
        /// Settings file (for the lock's folder and the output folder)
        #[arg(long)]
        config: Option<PathBuf>,
        /// Output folder whose decks are marked for rebuilding
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a commented starter studyforge.toml
    Init,
    /// Print shell completions
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff)
    Man,
}

/// `--kind` values: the model's source kinds.
#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
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

/// Formats with what each writes, and the options they all share.
fn formats_listing(registry: &export::Registry) -> String {
    let mut out = String::new();
    for exporter in registry.iter() {
        out.push_str(&format!("{:<12} {}\n", exporter.name(), exporter.description()));
    }
    out.push_str(concat!(
        "\noptions (studyforge.toml or build flags): paper = a4|letter (PDFs), columns = N (cheatsheet),\n",
        "language = es|en|pt|fr, project = NAME (Anki ids), combined = true (course EPUB, one Anki package),\n",
        "templates = DIR (overrides and template plugins)\n"
    ));
    out
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
        Command::Check { file, kind, cards } => {
            let doc = ingest::ingest_file(&file, kind.map(Into::into))?;
            print!("{}", check::report(&doc));
            if cards {
                print!("{}", check::cards(&study::derive(&doc)));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build(args) => build::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Formats { config } => {
            let (config, _) = config::Config::load(config.as_deref())?;
            print!("{}", formats_listing(&formats::registry(&config.templates)?));
            Ok(ExitCode::SUCCESS)
        }
        Command::Prune { config, out } => {
            let (config, base) = config::Config::load(config.as_deref())?;
            let out = out.unwrap_or_else(|| config.out.clone());
            let lock = base.join(export_anki::LOCK_NAME);
            // It rewrites the lock and the manifest: never under a build.
            let targets = [writer_lock::Target::out(&out), writer_lock::Target::file(&lock)];
            let _held = writer_lock::acquire(&targets, true)?.map_err(anyhow::Error::msg)?;
            println!("{}", prune::run(&lock, &out)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Init => {
            let path = std::path::Path::new(config::FILE_NAME);
            if path.exists() {
                bail!("{} already exists; not overwriting it", path.display());
            }
            std::fs::write(path, config::STARTER).with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "studyforge", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
