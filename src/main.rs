//! The `policykg` command line: clap types → library calls → files, messages and exit codes.

use clap::{Args, Parser, Subcommand};
use policykg::graph::KnowledgeGraph;
use policykg::{io, Format};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Turn footnoted analytical documents into knowledge graphs of claims and the sources they cite.
#[derive(Parser)]
#[command(name = "policykg", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph of each document (and, for two or more, the merged corpus graph).
    Build(BuildArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// Documents (.md, .markdown, .txt) or folders of them, read recursively in sorted order.
    /// Default: seeds/
    inputs: Vec<PathBuf>,

    /// Folder to write NAME.json, NAME.dot (and corpus.* for several documents) into.
    #[arg(short, long, default_value = "graphs")]
    out: PathBuf,

    /// Comma-separated output formats (json, dot, …) or `all`; `policykg build --format help`
    /// lists them.
    #[arg(short, long, default_value = "json,dot")]
    format: String,

    /// Documents built at once (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,

    /// Exit with status 1 when any document has warnings.
    #[arg(long)]
    deny_warnings: bool,

    /// Print only errors and warnings, not the per-document summary.
    #[arg(short, long)]
    quiet: bool,

    /// Extra lexicon entries (TSV, the format of the shipped lexicon; see the README), added to
    /// the shipped lexicon; an entry with a shipped id replaces it. May be given several times.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,

    /// Encoding of documents that are not valid UTF-8 (e.g. windows-1252, latin1); without it
    /// such a document is an error. Every document decoded this way is named on stderr.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,

    /// Largest document read, in bytes.
    #[arg(long, default_value_t = io::MAX_SIZE)]
    max_size: u64,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build(args) => build(args),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let formats = match Format::parse_list(&args.format) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) | Err(_) => {
            eprintln!(
                "error: unknown format in `{}` (known: {})",
                args.format,
                Format::known()
            );
            return ExitCode::from(2);
        }
    };
    let fallback = match args.encoding.as_deref().map(io::encoding).transpose() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = policykg::ReadOptions {
        max_size: args.max_size,
        fallback,
    };
    let mut lexicon = policykg::default_lexicon().clone();
    for file in &args.lexicon {
        match policykg::read_lexicon(file) {
            Ok(extra) => lexicon.extend(extra),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        args.inputs.clone()
    };
    let paths = match io::discover(&inputs) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("error: no documents found");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: {}: cannot create output folder: {e}", args.out.display());
        return ExitCode::from(1);
    }
    let names = io::names(&paths);
    let jobs = args.jobs.unwrap_or(0);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start {jobs} threads: {e}");
            return ExitCode::from(1);
        }
    };
    let results: Vec<Result<KnowledgeGraph, String>> = pool.install(|| {
        paths
            .par_iter()
            .zip(names.par_iter())
            .map(|(path, name)| build_one(path, name, &args, options, &formats, &lexicon))
            .collect()
    });
    let mut failed = false;
    let mut warned = false;
    let mut graphs = Vec::new();
    for (path, result) in paths.iter().zip(results) {
        match result {
            Ok(g) => {
                let shown = io::display(path);
                for d in &g.diagnostics {
                    eprintln!("{}", d.render(&shown));
                }
                warned |= !g.diagnostics.is_empty();
                if !args.quiet {
                    eprintln!(
                        "{shown}: {} claims, {} sources, {} warnings",
                        g.count("claim"),
                        g.count("source"),
                        g.diagnostics.len()
                    );
                }
                graphs.push(g);
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    if graphs.len() >= 2 {
        let corpus = KnowledgeGraph::merge(&graphs);
        if let Err(e) = write_all(&args.out, "corpus", &corpus, &formats) {
            eprintln!("error: {e}");
            failed = true;
        }
    }
    if failed || (args.deny_warnings && warned) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn build_one(
    path: &Path,
    name: &str,
    args: &BuildArgs,
    options: policykg::ReadOptions,
    formats: &[Format],
    lexicon: &policykg::extract::Lexicon,
) -> Result<KnowledgeGraph, String> {
    let (g, decoded) = policykg::build_file(path, name, options, lexicon).map_err(|e| e.to_string())?;
    if let Some(enc) = decoded {
        eprintln!("note: {}: not UTF-8, decoded as {enc}", io::display(path));
    }
    write_all(&args.out, name, &g, formats).map_err(|e| e.to_string())?;
    Ok(g)
}

fn write_all(dir: &Path, name: &str, g: &KnowledgeGraph, formats: &[Format]) -> policykg::Result<()> {
    // everything is rendered before anything is written, so a failure leaves old outputs whole
    for (file, bytes) in policykg::render(name, g, formats) {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| policykg::Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        io::write_atomic(&path, &bytes)?;
    }
    Ok(())
}
