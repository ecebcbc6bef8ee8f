//! Exporters: a [`KnowledgeGraph`] → bytes in one format. Each sees only the graph.

pub mod dot;
pub mod drivers_dot;
pub mod escape;
pub mod json;

use crate::graph::KnowledgeGraph;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Json,
    Dot,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Json, Format::Dot];
    pub const DEFAULT: &'static [Format] = &[Format::Json, Format::Dot];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
        }
    }

    /// The file name suffix after the document name.
    pub fn file_extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == name.trim().to_ascii_lowercase())
    }

    /// Parses `json,dot` or `all`.
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

    pub fn write(self, g: &KnowledgeGraph) -> Vec<u8> {
        match self {
            Format::Json => json::write(g),
            Format::Dot => dot::write(g),
        }
    }
}
