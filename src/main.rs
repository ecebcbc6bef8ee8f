//! The `policykg` command line: clap types → library calls → files, messages and exit codes.

// Allocation was a sixth of a build's instructions with the system's allocator: mimalloc makes the
// seed's one-paper build and the seed × 100 some 13% faster, for 4 to 7 MB more at the peak.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use policykg::diag::Code;
use policykg::graph::{short, KnowledgeGraph, NodeKind, Schema};
use policykg::{io, Format};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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
    /// Audit documents' citations: every finding with its file, line, note and a fix hint, and a
    /// summary by code. Writes no graph; exits with 1 when anything is found, 0 when clean.
    #[command(override_usage = "policykg check [INPUT ...] [--format text|json|sarif] [OPTIONS]")]
    Check(CheckArgs),
    /// Ask a graph (a NAME.json that `build` wrote, or documents, built first) a question.
    #[command(
        override_usage = "policykg query GRAPH <QUESTION> [--format table|json|csv]",
        after_help = QUERY_EXAMPLES
    )]
    Query(QueryArgs),
}

/// `policykg query --help`'s examples; the README gives the same.
const QUERY_EXAMPLES: &str = "Examples:
  policykg query graphs/NAME.json claims --cites 10.1111/pafo.12271
  policykg query graphs/NAME.json claims --cites \"hedging diplomacy\"
  policykg query graphs/NAME.json claims --section introduction
  policykg query graphs/NAME.json claims --unsourced
  policykg query graphs/NAME.json sources --about Washington
  policykg query graphs/NAME.json relations --of China --format csv
  policykg query graphs/NAME.json sparql 'SELECT ?t WHERE { ?s dcterms:title ?t }'
  policykg query seeds/ sources --about Russia --format json";

/// How documents are read: shared by build, check and query.
#[derive(Args)]
struct ReadArgs {
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

#[derive(Args)]
struct CheckArgs {
    /// Documents or folders of them, as for `build`. Default: seeds/
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// The report's format: text (a finding a line, its fix hint, a summary), json, or sarif
    /// (SARIF 2.1.0, for editors and code-review tools).
    #[arg(short, long, default_value = "text", value_name = "FORMAT")]
    format: String,

    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Args)]
struct QueryArgs {
    /// A graph JSON written by `build` (NAME.json, corpus.json), or a document or folder of
    /// documents, built in memory first (a folder as its corpus).
    #[arg(value_name = "GRAPH")]
    graph: PathBuf,

    #[command(subcommand)]
    question: Question,

    /// table (aligned columns, for reading), json (one object per claim, source or edge;
    /// SPARQL-results JSON for sparql) or csv (a header line, then a line a row).
    #[arg(short, long, default_value = "table", value_name = "FORMAT", global = true)]
    format: String,

    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Subcommand)]
enum Question {
    /// Claims, each once, with document, line, notes and sentence: those citing a source, under
    /// a section, mentioning an actor or agreement, or citing nothing.
    #[command(group = clap::ArgGroup::new("which").required(true))]
    Claims {
        /// The claims citing this source: a DOI, a URL, a source id or words of its title (an
        /// exact DOI, URL or id wins over title words).
        #[arg(long, value_name = "SOURCE", group = "which")]
        cites: Option<String>,
        /// The claims under a heading holding these words.
        #[arg(long, value_name = "WORDS", group = "which")]
        section: Option<String>,
        /// The claims mentioning this actor or agreement (any name, alias or id).
        #[arg(long, value_name = "ENTITY", group = "which")]
        about: Option<String>,
        /// The claims whose notes cite no source.
        #[arg(long, group = "which")]
        unsourced: bool,
    },
    /// The sources behind the claims that mention an actor or agreement, most cited first.
    Sources {
        /// Any name, alias or id of the actor or agreement (`Washington` is the United States).
        #[arg(long, value_name = "ENTITY")]
        about: String,
    },
    /// An actor's or agreement's relations, each with its predicate and evidence sentence.
    Relations {
        /// Any name, alias or id of the actor or agreement.
        #[arg(long, value_name = "ENTITY")]
        of: String,
    },
    /// A SPARQL query over the graph's RDF (the Turtle export's vocabulary; the prefixes pkg:,
    /// pkgid:, schema:, dcterms:, prov:, bibo:, rdfs: and xsd: are declared).
    Sparql {
        /// The query: SELECT, ASK, CONSTRUCT or DESCRIBE.
        #[arg(value_name = "QUERY")]
        query: String,
    },
}

#[derive(Args)]
#[command(override_usage = "policykg build [INPUT ...] [--out DIR] [--format LIST] [OPTIONS]")]
struct BuildArgs {
    /// Documents (.md, .markdown, .txt, .pdf, .html, .htm, .docx) or folders of them, read
    /// recursively in sorted order.
    /// Default: seeds/
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Folder to write NAME.json, NAME.dot, NAME.html, … (and corpus.* for several documents)
    /// into; created if missing.
    #[arg(short, long, default_value = "graphs", value_name = "DIR")]
    out: PathBuf,

    /// Comma-separated output formats (json, dot, html, graphml, …) or `all`;
    /// `--format help` lists them.
    #[arg(short, long, default_value = "json,dot,html", value_name = "LIST")]
    format: String,

    /// Threads: documents built at once, and a PDF's pages read at once (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,

    /// The JSON schema to write: 2 (policykg/2: a relation's evidence sentence is written once,
    /// in the claim or `sentence` node its `sentence` names) or 1 (policykg/1: every relation
    /// repeats it in `evidence`; the same bytes as builds before policykg/2).
    #[arg(long, default_value = "2", value_name = "N", value_parser = schema)]
    schema: Schema,

    /// Exit with status 1 when any document has warnings.
    #[arg(long)]
    deny_warnings: bool,

    /// Print only errors: no warnings, no summary. The warnings stay in the JSON and in
    /// `policykg check`.
    #[arg(short, long)]
    quiet: bool,

    #[command(flatten)]
    read: ReadArgs,
}

fn main() -> ExitCode {
    policykg::read::quiet_caught_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Query(args) => query(args),
    }
}

/// `--schema`: `1`, `2`, `policykg/1` or `policykg/2`.
fn schema(s: &str) -> Result<Schema, String> {
    Schema::parse(s).ok_or_else(|| format!("unknown schema `{s}` (known: 1, 2)"))
}

/// The read options and lexicon the flags ask for; a bad flag is a usage error, said here.
fn reading(args: &ReadArgs) -> Result<(policykg::ReadOptions, &'static policykg::extract::Lexicon), ExitCode> {
    let fallback = match args.encoding.as_deref().map(io::encoding).transpose() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let options = policykg::ReadOptions {
        max_size: args.max_size,
        fallback,
    };
    if args.lexicon.is_empty() {
        return Ok((options, policykg::default_lexicon()));
    }
    let mut lexicon = policykg::default_lexicon().clone();
    for file in &args.lexicon {
        match policykg::read_lexicon(file) {
            Ok(extra) => lexicon.extend(extra),
            Err(e) => {
                eprintln!("error: {e}");
                return Err(ExitCode::from(2));
            }
        }
    }
    // lives as long as the process, like the shipped one, so that a thread may warm it up
    Ok((options, Box::leak(Box::new(lexicon))))
}

/// The documents the inputs name (`seeds/` for none), and those that cannot be read, each
/// reported on stderr; no document at all is a usage error.
fn documents(inputs: &[PathBuf], out: Option<&Path>) -> Result<(Vec<PathBuf>, Vec<policykg::Error>), ExitCode> {
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        inputs.to_vec()
    };
    let (paths, unreadable) = match io::discover_except(&inputs, out) {
        Ok(found) if !found.paths.is_empty() || !found.unreadable.is_empty() => (found.paths, found.unreadable),
        Ok(_) => {
            eprintln!("error: no documents found");
            return Err(ExitCode::from(2));
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(2));
        }
    };
    // a folder or file that cannot be read fails like a document, and the rest is read
    for e in &unreadable {
        eprintln!("error: {e}");
    }
    Ok((paths, unreadable))
}

/// What the inputs and reading flags of `build` and `check` give; an error is a usage error
/// (exit status 2), said on stderr.
struct Inputs {
    options: policykg::ReadOptions,
    lexicon: &'static policykg::extract::Lexicon,
    paths: Vec<PathBuf>,
    unreadable: Vec<policykg::Error>,
}

impl Inputs {
    fn of(inputs: &[PathBuf], read: &ReadArgs, out: Option<&Path>) -> Result<Inputs, ExitCode> {
        let (options, lexicon) = reading(read)?;
        let (paths, unreadable) = documents(inputs, out)?;
        Ok(Inputs {
            options,
            lexicon,
            paths,
            unreadable,
        })
    }
}

/// Builds documents in memory, on all cores, in the order given: each graph or its error line.
fn build_in_memory(
    paths: &[PathBuf],
    options: policykg::ReadOptions,
    lexicon: &policykg::extract::Lexicon,
) -> Vec<Result<KnowledgeGraph, String>> {
    let names = io::names(paths);
    let built: Mutex<BTreeMap<usize, Result<KnowledgeGraph, String>>> = Mutex::new(BTreeMap::new());
    rayon::broadcast(in_turns(paths.len(), |k| {
        let (Some(path), Some(name)) = (paths.get(k), names.get(k)) else {
            return;
        };
        let result = policykg::build_file(path, name, options, lexicon)
            .map(|(g, decoded)| {
                if let Some(enc) = decoded {
                    eprintln!("note: {}: not UTF-8, decoded as {enc}", io::display(path));
                }
                g
            })
            .map_err(|e| e.to_string());
        lock(&built).insert(k, result);
    }));
    built
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_values()
        .collect()
}

/// What each thread of a pool runs (`broadcast`) to do `work(k)` for every `k` below `n`: it
/// takes the next `k` as it finishes one. Not as rayon's jobs: a thread waiting inside one (for
/// a PDF's pages) could take another whole document as a job, and another, each on top of the
/// last on its stack.
fn in_turns(n: usize, work: impl Fn(usize) + Sync) -> impl Fn(rayon::BroadcastContext) + Sync {
    let next = AtomicUsize::new(0);
    move |_| loop {
        let k = next.fetch_add(1, Ordering::Relaxed);
        if k >= n {
            break;
        }
        work(k);
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let Some(style) = policykg::check::Style::parse(&args.format) else {
        eprintln!(
            "error: unknown report format `{}` (known: text, json, sarif)",
            args.format
        );
        return ExitCode::from(2);
    };
    let Ok(inputs) = Inputs::of(&args.inputs, &args.read, None) else {
        return ExitCode::from(2);
    };
    let mut report = policykg::check::Report {
        errors: inputs.unreadable.iter().map(ToString::to_string).collect(),
        ..Default::default()
    };
    let built = build_in_memory(&inputs.paths, inputs.options, inputs.lexicon);
    for (path, result) in inputs.paths.iter().zip(built) {
        match result {
            Ok(g) => report.documents.push(policykg::check::Checked {
                path: io::display(path),
                findings: g.diagnostics,
            }),
            Err(e) => {
                eprintln!("error: {e}");
                report.errors.push(e);
            }
        }
    }
    emit(report.render(style).as_bytes());
    if report.found_anything() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The graph to ask: a graph JSON as it is; documents built in memory (several as a corpus).
fn load(graph: &Path, read: &ReadArgs) -> Result<(KnowledgeGraph, &'static policykg::extract::Lexicon), ExitCode> {
    let (options, lexicon) = reading(read)?;
    let is_json = graph.is_file() && graph.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let file = match std::fs::File::open(graph) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {}: {e}", graph.display());
                return Err(ExitCode::from(1));
            }
        };
        return match policykg::export::json::read_from(file) {
            Ok(g) => Ok((g, lexicon)),
            Err(e) => {
                eprintln!("error: {}: {e}", graph.display());
                Err(ExitCode::from(1))
            }
        };
    }
    let (paths, unreadable) = documents(std::slice::from_ref(&graph.to_path_buf()), None)?;
    let mut graphs = Vec::new();
    for result in build_in_memory(&paths, options, lexicon) {
        match result {
            Ok(g) => graphs.push(g),
            Err(e) => eprintln!("error: {e}"),
        }
    }
    if graphs.len() < paths.len() || !unreadable.is_empty() {
        return Err(ExitCode::from(1));
    }
    let g = match graphs.len() {
        1 => graphs.pop().unwrap_or_default(),
        _ => KnowledgeGraph::merge(&graphs),
    };
    Ok((g, lexicon))
}

fn query(args: QueryArgs) -> ExitCode {
    use policykg::query::{self, Output};
    let Some(output) = Output::parse(&args.format) else {
        eprintln!(
            "error: unknown output format `{}` (known: table, json, csv)",
            args.format
        );
        return ExitCode::from(2);
    };
    let (g, lexicon) = match load(&args.graph, &args.read) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let answer = match &args.question {
        Question::Claims {
            cites: Some(source), ..
        } => query::sources(&g, source).map(|s| {
            said("source", source, &s);
            query::claims_citing(&g, &s)
        }),
        Question::Claims {
            section: Some(words), ..
        } => Ok(query::claims_in_section(&g, words)),
        Question::Claims { about: Some(name), .. } => query::entities(&g, lexicon, name).map(|e| {
            said("entity", name, &e);
            query::claims_about(&g, &e)
        }),
        Question::Claims { .. } => Ok(query::claims_unsourced(&g)),
        Question::Sources { about } => query::entities(&g, lexicon, about).map(|e| {
            said("entity", about, &e);
            query::sources_about(&g, &e)
        }),
        Question::Relations { of } => query::entities(&g, lexicon, of).map(|e| {
            said("entity", of, &e);
            query::relations_of(&g, &e)
        }),
        Question::Sparql { query: q } => match query::sparql(&g, q, output) {
            Ok(bytes) => {
                emit(&bytes);
                return ExitCode::SUCCESS;
            }
            Err(e) => Err(e),
        },
    };
    match answer {
        Ok(a) => {
            emit(a.render(output).as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Writes to standard output; a reader that went away (`| head`) is not an error.
fn emit(bytes: &[u8]) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}

/// Says on stderr what a name was taken to mean, when it was more than one thing or not the
/// exact id typed.
fn said(what: &str, name: &str, found: &[&policykg::graph::Node]) {
    if found.len() == 1 && found.first().is_some_and(|n| n.id == name) {
        return;
    }
    let list: Vec<String> = found
        .iter()
        .map(|n| format!("{} ({})", n.id, short(&n.label, 50)))
        .collect();
    eprintln!("{what} `{name}`: {}", list.join(", "));
}

fn build(args: BuildArgs) -> ExitCode {
    if args.format.trim() == "help" {
        emit(Format::help().as_bytes());
        return ExitCode::SUCCESS;
    }
    let formats = match Format::parse_list(&args.format) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) | Err(_) => {
            eprintln!(
                "error: unknown format in `{}` (known: {}; `--format help` describes them)",
                args.format,
                Format::known()
            );
            return ExitCode::from(2);
        }
    };
    if args.out.exists() && !args.out.is_dir() {
        eprintln!(
            "error: {}: is a file; --out names the folder to write into",
            args.out.display()
        );
        return ExitCode::from(1);
    }
    let Ok(inputs) = Inputs::of(&args.inputs, &args.read, Some(&args.out)) else {
        return ExitCode::from(2);
    };
    let Inputs {
        options,
        lexicon,
        paths,
        unreadable,
    } = inputs;
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: {}: cannot create output folder: {e}", args.out.display());
        return ExitCode::from(1);
    }
    // what a build killed mid-way left behind
    io::sweep(&args.out);
    let names = io::names(&paths);
    // (the documents built at once: --jobs, else rayon's RAYON_NUM_THREADS, else the cores)
    let jobs = args
        .jobs
        .filter(|&n| n > 0)
        .or_else(|| std::env::var("RAYON_NUM_THREADS").ok()?.parse().ok().filter(|&n| n > 0))
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // No more threads than documents: a one-paper build's idle second thread, looking for work
    // as it started, took a core from the paper's and the compiling threads. Unless a document
    // is a PDF, whose pages are read at once.
    let pdf = paths.len() < jobs && paths.iter().any(|p| io::is_pdf(p));
    let threads = if pdf { jobs } else { jobs.min(paths.len()).max(1) };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start {threads} threads: {e}");
            return ExitCode::from(1);
        }
    };
    // With two cores or more (or --jobs 2 and up), one more thread compiles the patterns and
    // automata the builds are about to need, in another order than theirs, so that they need
    // not stop to: a one-paper build waits for its own pipeline instead of the whole start-up,
    // and the threads of a corpus no longer wait on each other's compiling (the first to need a
    // pattern compiles it while the others wait for it; the seed × 100 on two threads 2%
    // faster). Not with one: that is one core. Not joined: what is left of it ends with the
    // process.
    if jobs >= 2 {
        // (a thread the system cannot start is no error: the builds compile what they need)
        let _ = std::thread::Builder::new().spawn(move || policykg::warm_up(lexicon));
    }
    // Documents are built in the order of their names, whatever the order of the inputs, and
    // merged into the corpus in that order as they finish, so the corpus is the same for any
    // input order and any --jobs, and no document's graph outlives its merge.
    let mut queue: Vec<usize> = (0..paths.len()).collect();
    queue.sort_by(|&a, &b| names.get(a).cmp(&names.get(b)));
    // the sizes serve the progress bar only (a quiet build has none), and are asked of the
    // system on the build's threads: one file after another, they were half of a 10,000-document
    // corpus's start
    let sizes: Vec<u64> = if args.quiet {
        Vec::new()
    } else {
        pool.install(|| {
            paths
                .par_iter()
                .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
                .collect()
        })
    };
    let progress = progress_bar(&args, &sizes);
    let finished = AtomicUsize::new(0);
    let done: Mutex<BTreeMap<usize, Result<KnowledgeGraph, String>>> = Mutex::new(BTreeMap::new());
    let merger = Mutex::new(Merger {
        next: 0,
        corpus: (paths.len() >= 2).then(KnowledgeGraph::new),
        built: 0,
        first: None,
        failed: false,
        warnings: BTreeMap::new(),
    });
    let drain = |m: &mut Merger| loop {
        let Some(result) = lock(&done).remove(&m.next) else {
            break;
        };
        let Some(&i) = queue.get(m.next) else {
            break;
        };
        m.next += 1;
        let path = paths.get(i).map(|p| io::display(p)).unwrap_or_default();
        progress.suspend(|| m.take(&path, result, args.quiet));
    };
    pool.broadcast(in_turns(queue.len(), |k| {
        let Some(&i) = queue.get(k) else {
            return;
        };
        let (Some(path), Some(name)) = (paths.get(i), names.get(i)) else {
            return;
        };
        let result = build_one(path, name, &args, options, &formats, lexicon);
        lock(&done).insert(k, result);
        let finished = finished.fetch_add(1, Ordering::Relaxed) + 1;
        progress.set_message(format!("{finished}/{} documents", paths.len()));
        progress.inc(sizes.get(i).copied().unwrap_or(0));
        // whoever finds the merger free merges every graph that is next in order
        if let Ok(mut m) = merger.try_lock() {
            drain(&mut m);
        }
    }));
    let mut m = merger.into_inner().unwrap_or_else(|e| e.into_inner());
    drain(&mut m);
    progress.finish_and_clear();
    // The list of inputs is freed before the corpus's end, which then reuses its memory: a
    // path and a name per document, 20 MB of a 94,000-document corpus's peak.
    let inputs = paths.len() + unreadable.len();
    drop((paths, names, queue, sizes));
    let mut failed = m.failed || !unreadable.is_empty();
    let mut page = m.first.as_ref().map(|name| format!("{name}.html"));
    if let Some(mut corpus) = m.corpus.take().filter(|_| m.built >= 2) {
        match pool.install(|| {
            corpus.finish_corpus();
            write_all(&args.out, "corpus", &corpus, &formats)
        }) {
            Ok(()) => page = Some("corpus.html".to_string()),
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
        if !args.quiet {
            eprintln!("{}", corpus_summary(&corpus, &m.warnings));
        }
        // The process ends here and the system takes its memory back at once: freeing the
        // corpus graph's millions of allocations one by one took a third as long as writing it.
        std::mem::forget(corpus);
    }
    let warned: usize = m.warnings.values().sum();
    if !args.quiet {
        eprintln!("{}", wrote(&args.out, &formats, m.built, inputs, page));
    }
    if args.deny_warnings && warned > 0 {
        eprintln!(
            "error: {warned} warning{}, and --deny-warnings makes warnings fail the build",
            if warned == 1 { "" } else { "s" }
        );
        failed = true;
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The build's last line: what it wrote where, and the page to open.
fn wrote(dir: &Path, formats: &[Format], built: usize, inputs: usize, page: Option<String>) -> String {
    let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
    let docs = if built == inputs {
        plural(built, "document")
    } else {
        format!("{built} of {}", plural(inputs, "document"))
    };
    let dir = io::display(dir);
    let mut line = format!("wrote {} for {docs} to {dir}/", names.join(", "));
    if let Some(page) = page.filter(|_| formats.contains(&Format::Html)) {
        line.push_str(&format!("; open {dir}/{page}"));
    }
    line
}

/// `1 document`, `2 documents`.
fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The corpus build's summary line: documents, nodes by kind, what the documents share,
/// warnings by code.
fn corpus_summary(corpus: &KnowledgeGraph, warnings: &BTreeMap<Code, usize>) -> String {
    let kinds: Vec<String> = NodeKind::ALL
        .into_iter()
        .filter(|&k| !matches!(k, NodeKind::Document | NodeKind::Sentence))
        .map(|k| plural(corpus.count(k), k.as_str()))
        .collect();
    let shared = |pick: fn(NodeKind) -> bool| {
        corpus
            .nodes()
            .filter(|n| pick(n.kind))
            .filter(|n| {
                n.attrs
                    .get("documents")
                    .and_then(policykg::graph::Value::as_array)
                    .is_some_and(|d| d.len() >= 2)
            })
            .count()
    };
    let mut line = format!(
        "corpus: {}; {}; shared by two or more documents: {}, {}",
        plural(corpus.documents.len(), "document"),
        kinds.join(", "),
        plural(shared(|k| k == NodeKind::Source), "source"),
        plural(shared(NodeKind::is_entity), "actor or agreement")
            .replace("actor or agreements", "actors and agreements")
    );
    let total: usize = warnings.values().sum();
    if total == 0 {
        line.push_str("; no warnings");
    } else {
        let by: Vec<String> = warnings.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
        line.push_str(&format!("; {} ({})", plural(total, "warning"), by.join(", ")));
    }
    line
}

/// The merge of finished documents into the corpus, in the order of their names.
struct Merger {
    /// Position in the build order of the next document to merge.
    next: usize,
    /// The corpus graph, when there are two or more documents.
    corpus: Option<KnowledgeGraph>,
    /// How many documents were built.
    built: usize,
    /// The name of the first built, in build order.
    first: Option<String>,
    failed: bool,
    /// Warnings of the documents built, by code.
    warnings: BTreeMap<Code, usize>,
}

impl Merger {
    /// Reports one document's result and merges its graph; the graph is dropped here.
    fn take(&mut self, shown: &str, result: Result<KnowledgeGraph, String>, quiet: bool) {
        match result {
            Ok(g) => {
                for d in &g.diagnostics {
                    *self.warnings.entry(d.code).or_default() += 1;
                    if !quiet {
                        eprintln!("{}", d.render(shown));
                    }
                }
                if !quiet {
                    eprintln!("{}", document_summary(shown, &g));
                }
                self.built += 1;
                if self.first.is_none() {
                    self.first = Some(g.documents.first().cloned().unwrap_or_default());
                }
                if let Some(corpus) = &mut self.corpus {
                    corpus.absorb(g);
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                self.failed = true;
            }
        }
    }
}

/// A document's summary line: claims, sources, warnings, and the title it was given (the
/// reader takes a title-like first line as the title, and says so here).
fn document_summary(shown: &str, g: &KnowledgeGraph) -> String {
    let title = g
        .nodes()
        .find(|n| n.kind == NodeKind::Document)
        .and_then(|n| n.attrs.get("title"))
        .and_then(policykg::graph::Value::as_str)
        .map_or_else(|| "no title found".to_string(), |t| format!("title “{}”", short(t, 70)));
    format!(
        "{shown}: {}, {}, {}; {title}",
        plural(g.count(NodeKind::Claim), "claim"),
        plural(g.count(NodeKind::Source), "source"),
        plural(g.diagnostics.len(), "warning"),
    )
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A progress bar on standard error (documents done, MB/s, ETA) when the build is more than a
/// handful of documents or a few seconds of work; hidden with --quiet and when standard error is
/// not a terminal.
fn progress_bar(args: &BuildArgs, sizes: &[u64]) -> ProgressBar {
    let total: u64 = sizes.iter().sum();
    if args.quiet || (sizes.len() <= 8 && total < 16 << 20) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] [{wide_bar}] {msg}, {binary_bytes}/{binary_total_bytes}, {binary_bytes_per_sec}, ETA {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(format!("0/{} documents", sizes.len()));
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}

fn build_one(
    path: &Path,
    name: &str,
    args: &BuildArgs,
    options: policykg::ReadOptions,
    formats: &[Format],
    lexicon: &policykg::extract::Lexicon,
) -> Result<KnowledgeGraph, String> {
    let (mut g, decoded) = policykg::build_file(path, name, options, lexicon).map_err(|e| e.to_string())?;
    if let Some(enc) = decoded {
        eprintln!("note: {}: not UTF-8, decoded as {enc}", io::display(path));
    }
    if args.schema == Schema::V1 {
        g.to_v1();
    }
    write_all(&args.out, name, &g, formats).map_err(|e| e.to_string())?;
    Ok(g)
}

fn write_all(dir: &Path, name: &str, g: &KnowledgeGraph, formats: &[Format]) -> policykg::Result<()> {
    // every file is written beside its place and renamed only once all are written, so a
    // failure leaves the old outputs whole; the formats are written at once on the build's
    // threads, each streamed to its file
    let staged: Vec<Vec<io::Staged>> = formats
        .par_iter()
        .map(|&f| {
            let mut done = Vec::new();
            f.emit(name, g, &mut |file: &str, render: &policykg::export::Render| {
                let path = dir.join(file);
                // (the output folder itself is made once, at the start: a folder of its own, as
                // the Neo4j files', is made here; asked for every file, that was two calls to
                // the system each)
                if let Some(parent) = path.parent().filter(|&p| p != dir) {
                    std::fs::create_dir_all(parent).map_err(|source| policykg::Error::Write {
                        path: parent.to_path_buf(),
                        source,
                    })?;
                }
                let mut out = io::Staged::create(&path)?;
                render(&mut out).map_err(|e| out.error(e))?;
                done.push(out);
                Ok(())
            })?;
            Ok(done)
        })
        .collect::<policykg::Result<_>>()?;
    let mut staged: Vec<io::Staged> = staged.into_iter().flatten().collect();
    // a document read from PDF, HTML or DOCX: the text its spans index
    if let Some((file, text)) = policykg::text_file(name, g) {
        let path = dir.join(file);
        let mut out = io::Staged::create(&path)?;
        std::io::Write::write_all(&mut out, text.as_bytes()).map_err(|e| out.error(e))?;
        staged.push(out);
    }
    for file in &mut staged {
        file.flush_out()?;
    }
    for file in staged {
        file.commit()?;
    }
    Ok(())
}
