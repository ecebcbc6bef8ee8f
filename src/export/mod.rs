//! Exporters: a [`KnowledgeGraph`] → files in one format. Each sees only the graph, and reads its
//! nodes and edges generically (kind, label, attributes), so a new node or edge kind flows
//! through every exporter without changes.

pub mod bibtex;
pub mod csl;
pub mod cypher;
pub mod dot;
pub mod drivers_dot;
pub mod escape;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j_csv;
pub mod rdf;

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

/// A writer that never fails, for writers that panic on errors (dot-writer): the first error of
/// the writer it wraps is kept, later writes are dropped, and [`Latch::finish`] returns it.
pub(crate) struct Latch<'w> {
    inner: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl<'w> Latch<'w> {
    pub(crate) fn new(inner: &'w mut dyn std::io::Write) -> Latch<'w> {
        Latch { inner, error: None }
    }

    pub(crate) fn finish(self) -> std::io::Result<()> {
        self.error.map_or(Ok(()), Err)
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
    /// What `policykg build` writes without `--format`.
    pub const DEFAULT: &'static [Format] = &[Format::Json, Format::Dot];

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

    /// The names `--format` accepts, for messages.
    pub fn known() -> String {
        let mut names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        names.push("all");
        names.join(", ")
    }

    /// Hands each file of this format for the graph called `name` to `out`: its path relative
    /// to the output folder and a function that writes it into a writer. JSON and DOT, the
    /// largest, are streamed; the others are rendered in memory, then copied.
    pub fn emit<E>(
        self,
        name: &str,
        g: &KnowledgeGraph,
        out: &mut dyn FnMut(String, &Render) -> Result<(), E>,
    ) -> Result<(), E> {
        let one = |ext: &str, bytes: Vec<u8>| vec![(format!("{name}.{ext}"), bytes)];
        let rendered = match self {
            Format::Json => return out(format!("{name}.json"), &|w| json::write_to(g, w)),
            Format::Dot => {
                out(format!("{name}.dot"), &|w| dot::write_to(g, w))?;
                if g.count(crate::graph::NodeKind::Driver) == 0 {
                    return Ok(());
                }
                vec![(format!("{name}.drivers.dot"), drivers_dot::write(g))]
            }
            Format::Graphml => one("graphml", graphml::write(g)),
            Format::Cypher => one("cypher", cypher::write(g)),
            Format::Neo4jCsv => neo4j_csv::files(g)
                .into_iter()
                .map(|(file, bytes)| (format!("{name}.neo4j/{file}"), bytes))
                .collect(),
            Format::Ttl => one("ttl", rdf::write(g)),
            Format::Csl => one("sources.json", csl::write(g)),
            Format::Bib => one("bib", bibtex::write(g)),
            Format::Html => one("html", html::write(g)),
            Format::Svg => one("svg", html::svg(g)),
        };
        for (file, bytes) in rendered {
            out(file, &|w| w.write_all(&bytes))?;
        }
        Ok(())
    }

    /// The files this format writes for the graph called `name`: (path relative to the output
    /// folder, bytes), as [`Format::emit`] hands them out.
    pub fn files(self, name: &str, g: &KnowledgeGraph) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        // writing to memory cannot fail
        let _ = self.emit(name, g, &mut |file, render| -> std::io::Result<()> {
            let mut bytes = Vec::new();
            render(&mut bytes)?;
            files.push((file, bytes));
            Ok(())
        });
        files
    }
}
