//! # policykg
//!
//! Reads an analytical document whose evidence sits in numbered footnotes and builds a knowledge
//! graph of it: the sentences that carry markers (claims), the works their notes cite (sources),
//! and the `cites` edges between them, with provenance down to the byte.
//!
//! One pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! &str ─document─▶ Document ─notes─▶ Notes ─claims─▶ Vec<Claim> ─graph─▶ KnowledgeGraph ─export─▶ bytes
//! ```
//!
//! ```
//! let text = "Intro\n\nTariffs rose.¹\n\n¹ Jane Doe, “Tariffs,” *Daily News*, May 1, 2024, <https://example.org/t>.\n";
//! let g = policykg::build_text("memo", "memo.md", text);
//! assert_eq!(g.count(policykg::graph::NodeKind::Claim), 1);
//! assert_eq!(g.count(policykg::graph::NodeKind::Source), 1);
//! ```

pub mod check;
pub mod claims;
pub mod diag;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod io;
pub mod notes;
mod pattern;
pub mod query;
pub mod read;
pub mod span;

use diag::{Diagnostics, Located};
use graph::KnowledgeGraph;
use span::LineIndex;

pub use error::{Error, Result};
pub use export::Format;

/// The shipped lexicon, read once.
static DEFAULT_LEXICON: std::sync::LazyLock<extract::Lexicon> =
    std::sync::LazyLock::new(extract::Lexicon::default_lexicon);

/// The shipped lexicon of actors and agreements.
pub fn default_lexicon() -> &'static extract::Lexicon {
    &DEFAULT_LEXICON
}

/// Compiles the patterns and builds the tables and automata that building documents needs with
/// `lexicon`. Each is otherwise built where a build first needs it, so this changes no result: it
/// lets a thread with nothing else to do take the start-up off the threads that build documents
/// (compiling the patterns is half of a one-paper build). The order shares the work with a
/// document's thread, which reads its text's structure, then its notes, then its entities: the
/// reader's patterns from the last, meeting that thread in the middle (a one-paper build 2 to
/// 5% faster); the lexicon (every document needs it), then what the entity rules need, which
/// that thread reaches last, so that it finds them ready while it compiles the notes' patterns
/// itself; then the notes' patterns from the last, meeting it if it is still there. (The notes' patterns first made the seed's one-paper
/// build 10% slower: the document's thread then compiled the entity patterns itself.)
pub fn warm_up(lexicon: &extract::Lexicon) {
    document::warm_up();
    lexicon.index();
    extract::entities::warm_up();
    extract::relations::warm_up();
    extract::described::warm_up();
    notes::date::warm_up();
    notes::cite::warm_up();
}

/// Builds the graph of one document's text with the shipped lexicon. `id` names the document in
/// ids and outputs; `path` is recorded as given. Total: any text gives a graph; what is wrong with
/// the document is in `graph.diagnostics`.
pub fn build_text(id: &str, path: &str, text: &str) -> KnowledgeGraph {
    build_with(id, path, text, default_lexicon())
}

/// [`build_text`] with a lexicon of one's own (the shipped one extended by `--lexicon` files), for
/// a document in Markdown or, when `path` ends in `.txt`, plain text.
pub fn build_with(id: &str, path: &str, text: &str, lexicon: &extract::Lexicon) -> KnowledgeGraph {
    let mut diags = Diagnostics::new();
    let doc = document::read_as(text, document::Syntax::of_path(std::path::Path::new(path)), &mut diags);
    build_doc(id, path, text, &doc, diags, lexicon, None)
}

/// Builds the graph of a document read from PDF, HTML or DOCX (see [`read`]): its extracted
/// text goes with the graph, to be written as `NAME.txt`.
pub fn build_read(
    id: &str,
    path: &str,
    r: read::Read,
    diags: Diagnostics,
    lexicon: &extract::Lexicon,
) -> KnowledgeGraph {
    let mut g = build_doc(id, path, &r.text, &r.doc, diags, lexicon, Some(&r.layout));
    g.text = Some(r.text);
    g
}

/// The stages after reading: notes, claims, extraction, graph.
fn build_doc(
    id: &str,
    path: &str,
    text: &str,
    doc: &document::Document,
    mut diags: Diagnostics,
    lexicon: &extract::Lexicon,
    layout: Option<&read::Layout>,
) -> KnowledgeGraph {
    let notes = notes::resolve(doc, &mut diags);
    let sentences = claims::sentences(doc);
    let claims = claims::claims(doc, &sentences);
    let ex = extract::extract(doc, &sentences, lexicon, &mut diags);
    let lines = LineIndex::new(text);
    let input = graph::Input {
        id,
        path,
        text,
        lines: &lines,
        layout,
    };
    let mut g = graph::build(&input, doc, &claims, &notes, &ex);
    g.diagnostics = diags
        .into_sorted()
        .iter()
        .map(|d| Located::new(d, id, text, &lines))
        .collect();
    g
}

/// Reads a lexicon file (the TSV format of `src/extract/lexicon/`).
pub fn read_lexicon(path: &std::path::Path) -> Result<extract::Lexicon> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    extract::Lexicon::parse(&text).map_err(|message| Error::Lexicon {
        path: path.to_path_buf(),
        message: message.replace('\n', "; "),
    })
}

/// How `build_file` reads its input.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Largest document read, in bytes.
    pub max_size: u64,
    /// The encoding of a document that is not valid UTF-8; None makes that an error.
    pub fallback: Option<&'static encoding_rs::Encoding>,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_size: io::MAX_SIZE,
            fallback: None,
        }
    }
}

/// Reads one document and builds its graph. `name` is its output name and document id
/// (see [`io::names`]). The format is told by content, then by extension (see
/// [`read::Format::sniff`]). Also returns the encoding a text was decoded from, when not UTF-8.
pub fn build_file(
    path: &std::path::Path,
    name: &str,
    options: ReadOptions,
    lexicon: &extract::Lexicon,
) -> Result<(KnowledgeGraph, Option<&'static str>)> {
    let bytes = io::read_bytes(path, options.max_size)?;
    match read::Format::sniff(path, &bytes) {
        read::Format::Text if read::is_graph_json(&bytes) => Err(Error::GraphJson {
            path: path.to_path_buf(),
        }),
        read::Format::Text => {
            let text = io::decode(path, bytes, options.fallback)?;
            Ok((
                build_with(name, &io::display(path), &text.text, lexicon),
                text.decoded_from,
            ))
        }
        format => {
            let mut diags = Diagnostics::new();
            let r = read::read(format, &bytes, &mut diags).map_err(|p| Error::Unreadable {
                path: path.to_path_buf(),
                format: format.name(),
                message: p.0,
            })?;
            drop(bytes);
            Ok((build_read(name, &io::display(path), r, diags, lexicon), None))
        }
    }
}

/// The files one graph gives, `(path relative to the output folder, bytes)`, for each format,
/// and the extracted text of a PDF, HTML or DOCX document (see [`text_file`]).
pub fn render(name: &str, g: &KnowledgeGraph, formats: &[Format]) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = formats.iter().flat_map(|f| f.files(name, g)).collect();
    if let Some((file, text)) = text_file(name, g) {
        files.push((file, text.as_bytes().to_vec()));
    }
    files
}

/// `NAME.txt` and its text, for a graph read from a PDF, HTML or DOCX document: the text every
/// span indexes, written beside the graph whatever the formats.
pub fn text_file<'g>(name: &str, g: &'g KnowledgeGraph) -> Option<(String, &'g str)> {
    g.text.as_deref().map(|t| (format!("{name}.txt"), t))
}
