//! Exporters: a [`KnowledgeGraph`] → files in one format. Every exporter has one signature,
//! [`Exporter`]: it hands each file it writes to a [`Sink`], by name, with a function that
//! writes it. What a kind is called and how it is drawn is [`vocab`]'s, shared by all of them.

pub mod bibtex;
pub mod citations_dot;
pub mod csl;
pub mod cypher;
pub mod dot;
pub mod drivers_dot;
pub mod escape;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j_csv;
pub mod num;
mod pretty;
pub mod rdf;
pub mod vocab;

use crate::graph::KnowledgeGraph;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Json,
    Dot,
    Graphml,
    Cypher,
    Neo4jCsv,
    Ttl,
    Csl,
    Bib,
    Html,
    Svg,
}

/// Writes one output file into the writer it is given.
pub type Render<'a> = dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

/// What `render` writes, in memory (where writing cannot fail): the `write` of each exporter
/// that streams into a file with its `write_to`.
pub(crate) fn in_memory(render: &Render) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = render(&mut out);
    out
}

/// A file as a `fmt::Write`, for markup written with `write!` straight into it: the first error
/// is kept (a `fmt::Error` says nothing) and given back by [`FmtIo::finish`].
pub(crate) struct FmtIo<'a, W: std::io::Write + ?Sized> {
    w: &'a mut W,
    error: Option<std::io::Error>,
}

impl<'a, W: std::io::Write + ?Sized> FmtIo<'a, W> {
    pub(crate) fn new(w: &'a mut W) -> Self {
        FmtIo { w, error: None }
    }

    /// The first error of writing, if any.
    pub(crate) fn finish(self) -> std::io::Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl<W: std::io::Write + ?Sized> std::fmt::Write for FmtIo<'_, W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.w.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

/// Where an exporter puts its files: each by its path relative to the output folder
/// (`NAME.json`, `NAME.neo4j/nodes_claim.csv`) and a function that writes it.
pub trait Sink {
    fn file(&mut self, path: &str, render: &Render) -> crate::Result<()>;
}

impl<F: FnMut(&str, &Render) -> crate::Result<()>> Sink for F {
    fn file(&mut self, path: &str, render: &Render) -> crate::Result<()> {
        self(path, render)
    }
}

/// An exporter: the files of one format for the graph called `name`, handed to `out`.
pub type Exporter = fn(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()>;

/// A writer that never fails, for writers that panic on errors (dot-writer): the first error of
/// the writer it wraps is kept, later writes are dropped, and [`Latch::finish`] returns it.
/// Buffered: dot-writer writes token by token, and a copy into a buffer costs less than a
/// call through the writer it wraps for each.
pub(crate) struct Latch<'w> {
    inner: std::io::BufWriter<&'w mut dyn std::io::Write>,
    error: Option<std::io::Error>,
}

impl<'w> Latch<'w> {
    pub(crate) fn new(inner: &'w mut dyn std::io::Write) -> Latch<'w> {
        Latch {
            inner: std::io::BufWriter::with_capacity(1 << 16, inner),
            error: None,
        }
    }

    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        match self.error.take() {
            Some(e) => Err(e),
            None => std::io::Write::flush(&mut self.inner),
        }
    }
}

impl std::io::Write for Latch<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_none() {
            if let Err(e) = self.inner.write_all(buf) {
                self.error = Some(e);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Format {
    /// Every format the build knows (`--format all`).
    pub const ALL: &'static [Format] = &[
        Format::Json,
        Format::Dot,
        Format::Graphml,
        Format::Cypher,
        Format::Neo4jCsv,
        Format::Ttl,
        Format::Csl,
        Format::Bib,
        Format::Html,
        Format::Svg,
    ];
    /// What `policykg build` writes without `--format`: the graph, its diagrams and the viewer.
    pub const DEFAULT: &'static [Format] = &[Format::Json, Format::Dot, Format::Html];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Cypher => "cypher",
            Format::Neo4jCsv => "neo4j-csv",
            Format::Ttl => "ttl",
            Format::Csl => "csl",
            Format::Bib => "bib",
            Format::Html => "html",
            Format::Svg => "svg",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Parses `json,dot` or `all`; an unknown name is returned as the error.
    pub fn parse_list(list: &str) -> Result<Vec<Format>, String> {
        let mut out = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part.eq_ignore_ascii_case("all") {
                out.extend_from_slice(Format::ALL);
                continue;
            }
            out.push(Format::from_name(part).ok_or_else(|| part.to_string())?);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// What the format writes and what reads it, in a line (`--format help`).
    pub fn describe(self) -> &'static str {
        match self {
            Format::Json => "NAME.json: the graph (node-link JSON; NetworkX, jq, anything reading JSON)",
            Format::Dot => "NAME.dot, NAME.citations.dot, NAME.drivers.dot: Graphviz diagrams",
            Format::Graphml => "NAME.graphml: Gephi, yEd, NetworkX, igraph",
            Format::Cypher => "NAME.cypher: Neo4j 5, Memgraph, FalkorDB",
            Format::Neo4jCsv => "NAME.neo4j/: CSV for neo4j-admin database import",
            Format::Ttl => "NAME.ttl: RDF (Turtle) for any triple store or SPARQL engine",
            Format::Csl => "NAME.sources.json: CSL-JSON for Zotero, pandoc --citeproc",
            Format::Bib => "NAME.bib: BibLaTeX for biber, pandoc, JabRef, Zotero",
            Format::Html => "NAME.html: the offline viewer, one page to open in a browser",
            Format::Svg => "NAME.svg: the viewer's three drawings as one standalone SVG",
        }
    }

    /// The list `--format help` prints.
    pub fn help() -> String {
        let default: Vec<&str> = Format::DEFAULT.iter().map(|f| f.name()).collect();
        let mut out = format!(
            "Formats for --format, comma-separated (default: {}):\n",
            default.join(",")
        );
        for f in Format::ALL {
            out.push_str(&format!("  {:<10} {}\n", f.name(), f.describe()));
        }
        out.push_str(&format!("  {:<10} every format above\n", "all"));
        out
    }

    /// The names `--format` accepts, for messages.
    pub fn known() -> String {
        let mut names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        names.push("all");
        names.join(", ")
    }

    /// The exporter of this format.
    pub fn exporter(self) -> Exporter {
        match self {
            Format::Json => json::export,
            Format::Dot => dot::export,
            Format::Graphml => graphml::export,
            Format::Cypher => cypher::export,
            Format::Neo4jCsv => neo4j_csv::export,
            Format::Ttl => rdf::export,
            Format::Csl => csl::export,
            Format::Bib => bibtex::export,
            Format::Html => html::export,
            Format::Svg => html::export_svg,
        }
    }

    /// Hands each file of this format for the graph called `name` to `out`.
    pub fn emit(self, name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
        (self.exporter())(name, g, out)
    }

    /// The files this format writes for the graph called `name`: (path relative to the output
    /// folder, bytes), as [`Format::emit`] hands them out.
    pub fn files(self, name: &str, g: &KnowledgeGraph) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        // writing to memory cannot fail
        let _ = self.emit(name, g, &mut |file: &str, render: &Render| {
            let mut bytes = Vec::new();
            render(&mut bytes).map_err(|source| crate::Error::Write {
                path: file.into(),
                source,
            })?;
            files.push((file.to_string(), bytes));
            Ok(())
        });
        files
    }
}

#[cfg(test)]
mod tests {
    use super::FmtIo;
    use std::fmt::Write as _;

    /// A file that takes `room` bytes, then fails.
    struct Full {
        room: usize,
        got: Vec<u8>,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.got.len() + buf.len() > self.room {
                return Err(std::io::Error::other("disk full"));
            }
            self.got.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn markup_goes_straight_into_the_file_and_its_error_is_kept() {
        let mut file = Full {
            room: 8,
            got: Vec::new(),
        };
        let mut out = FmtIo::new(&mut file);
        assert!(write!(out, "<g>{}", 1).is_ok());
        assert!(out.write_str("</g><g>").is_err());
        assert!(out.write_str("x").is_err(), "nothing more after an error");
        let error = out.finish().err().map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("disk full"));
        assert_eq!(file.got, b"<g>1");
        let mut fine = Full {
            room: 99,
            got: Vec::new(),
        };
        let mut out = FmtIo::new(&mut fine);
        let _ = write!(out, "{:.1}", 2.25);
        assert!(out.finish().is_ok());
        assert_eq!(fine.got, b"2.2");
    }
}
