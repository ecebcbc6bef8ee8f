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
//! assert_eq!(g.count("claim"), 1);
//! assert_eq!(g.count("source"), 1);
//! ```

pub mod claims;
pub mod diag;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod io;
pub mod notes;
pub mod span;

use diag::{Diagnostics, Located};
use graph::KnowledgeGraph;
use span::LineIndex;

pub use error::{Error, Result};
pub use export::Format;

/// Builds the graph of one document's text. `id` names the document in ids and outputs; `path`
/// is recorded as given. Total: any text gives a graph; what is wrong with the document is in
/// `graph.diagnostics`.
pub fn build_text(id: &str, path: &str, text: &str) -> KnowledgeGraph {
    let mut diags = Diagnostics::new();
    let doc = document::read(text, &mut diags);
    let notes = notes::resolve(&doc, &mut diags);
    let claims = claims::claims(&doc);
    let ex = extract::extract(&doc, &extract::Lexicon::default_lexicon(), &mut diags);
    let lines = LineIndex::new(text);
    let input = graph::Input {
        id,
        path,
        text,
        lines: &lines,
    };
    let mut g = graph::build(&input, &doc, &claims, &notes, &ex);
    g.diagnostics = diags
        .into_sorted()
        .iter()
        .map(|d| Located::new(d, id, text, &lines))
        .collect();
    g
}

/// Reads one document and builds its graph. `name` is its output name and document id
/// (see [`io::names`]).
pub fn build_file(path: &std::path::Path, name: &str, max_size: u64) -> Result<KnowledgeGraph> {
    let text = io::read(path, max_size)?;
    Ok(build_text(name, &io::display(path), &text))
}

/// The files one graph gives: `(file name, bytes)` per format, `NAME.EXT`.
pub fn render(name: &str, g: &KnowledgeGraph, formats: &[Format]) -> Vec<(String, Vec<u8>)> {
    formats
        .iter()
        .flat_map(|&f| {
            let mut files = vec![(format!("{name}.{}", f.file_extension()), f.write(g))];
            if f == Format::Dot && g.count("driver") > 0 {
                files.push((format!("{name}.drivers.dot"), export::drivers_dot::write(g)));
            }
            files
        })
        .collect()
}
