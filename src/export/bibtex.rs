//! BibLaTeX (`NAME.bib`) of the sources, as biber, BibTeX and pandoc read it.
//!
//! Takes a [`KnowledgeGraph`]; gives one entry per `source` node, in node order, under the same
//! citation key as the CSL-JSON export ([`csl::keys`]). Entry types follow the CSL type:
//! `@article` (journals, newspapers with `entrysubtype = {newspaper}`, magazines), `@report`,
//! `@book`, `@thesis`, `@online` (web pages), `@misc` (the rest). Fields: `author` (`Family,
//! Given and ...`; an institution with no personal author as one braced name), `title`,
//! `journal` / `publisher` / `institution` / `organization` for the container, `date` and
//! `urldate` (ISO 8601, partial allowed; `publisher`, `institution` and `organization` are
//! BibLaTeX name lists, so their value is braced once more lest an "and" in it split it), `volume`, `number`, `pages`, `url`, `doi`.
//!
//! Text fields are escaped by [`escape::bibtex`] (`{ } % & $ # _` with a backslash, `\ ~ ^` as
//! text commands), and titles are braced once more (`title = {{...}}`) so that no style or
//! reader changes their case (`India-U.S.` stays as printed); `url` and `doi`, which BibLaTeX
//! reads verbatim, by [`escape::url`] (characters no URI may hold percent-encoded, which also
//! keeps braces and backslashes out).

use super::csl::{self, authors, container_is_publisher, csl_type, split_name, text};
use super::escape;
use super::Sink;
use crate::graph::NodeKind;
use crate::graph::{KnowledgeGraph, Node};
use std::fmt::Write as _;

fn entry_type(n: &Node) -> (&'static str, Option<&'static str>) {
    match csl_type(n) {
        "article-journal" | "article-magazine" => ("article", None),
        "article-newspaper" => ("article", Some("newspaper")),
        "report" => ("report", None),
        "book" => ("book", None),
        "thesis" => ("thesis", None),
        "webpage" => ("online", None),
        _ => ("misc", None),
    }
}

fn entry(n: &Node, key: &str) -> String {
    let (ty, subtype) = entry_type(n);
    let mut fields: Vec<(&str, String)> = Vec::new();
    let people: Vec<String> = authors(n)
        .iter()
        .map(|a| {
            let (family, given) = split_name(a);
            if given.is_empty() {
                format!("{{{}}}", escape::bibtex(&family))
            } else {
                format!("{}, {}", escape::bibtex(&family), escape::bibtex(&given))
            }
        })
        .collect();
    if !people.is_empty() {
        fields.push(("author", people.join(" and ")));
    } else if let Some(inst) = text(n, "institution") {
        fields.push(("author", format!("{{{}}}", escape::bibtex(inst))));
    }
    if let Some(t) = text(n, "title") {
        fields.push(("title", format!("{{{}}}", escape::bibtex(t))));
    }
    if let Some(st) = subtype {
        fields.push(("entrysubtype", st.to_string()));
    }
    if let Some(c) = text(n, "container") {
        let field = match ty {
            "article" => "journal",
            "report" | "thesis" => "institution",
            "online" | "misc" if !container_is_publisher(n) => "organization",
            _ => "publisher",
        };
        // publisher, institution and organization are name lists in BibLaTeX: braced once
        // more, "Center for Strategic and International Studies" stays one name
        let value = if field == "journal" {
            escape::bibtex(c)
        } else {
            format!("{{{}}}", escape::bibtex(c))
        };
        fields.push((field, value));
    }
    for (from, to) in [
        ("date", "date"),
        ("accessed", "urldate"),
        ("volume", "volume"),
        ("issue", "number"),
        ("pages", "pages"),
    ] {
        if let Some(v) = text(n, from) {
            let v = if to == "pages" {
                v.replace(['–', '—'], "--")
            } else {
                v.to_string()
            };
            fields.push((to, escape::bibtex(&v)));
        }
    }
    for f in ["url", "doi"] {
        if let Some(v) = text(n, f) {
            fields.push((f, escape::url(v)));
        }
    }
    let mut s = format!("@{ty}{{{key},\n");
    for (k, v) in fields {
        let _ = writeln!(s, "  {k} = {{{v}}},");
    }
    s.push_str("}\n");
    s
}

/// The exporter: `NAME.bib`.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.bib"), &|w| w.write_all(&write(g)))
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let keys = csl::keys(g);
    let mut s = format!(
        "% policykg sources of: {}\n",
        g.documents.join(", ").replace(['\n', '\r'], " ")
    );
    for n in g.nodes().filter(|n| n.kind == NodeKind::Source) {
        if let Some(k) = keys.get(n.id.as_str()) {
            s.push('\n');
            s.push_str(&entry(n, k));
        }
    }
    s.into_bytes()
}
