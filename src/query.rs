//! Questions asked of a graph by name (`policykg query`): the claims that cite a source, the
//! sources behind the claims that mention an actor or agreement, an actor's or agreement's
//! relations, the claims of a section, the claims with no source, and SPARQL for the rest.
//!
//! Takes: a [`KnowledgeGraph`] (read from its JSON, or built from documents) and the names a
//! person types: any alias or id of an actor or agreement (`Washington` is the United States);
//! a DOI, URL, id or words of the title of a source, where an exact DOI, URL or id wins over
//! title words. Gives: an [`Answer`], rows for an aligned table or CSV and one JSON object per
//! claim, source or edge; or, for SPARQL, the results of the query over the graph's RDF (the
//! Turtle export's triples and vocabulary, evaluated in memory by oxigraph) as a table,
//! SPARQL-results CSV or SPARQL-results JSON.

use crate::export::json::{edge_value, node_value};
use crate::export::rdf;
use crate::extract::Lexicon;
use crate::graph::Value as Field;
use crate::graph::{EdgeKind, KnowledgeGraph, Node, NodeKind};
use crate::notes::{normalise, normalise_url};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A name the graph has nothing for, or a SPARQL query that fails.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("no {what} matches `{name}` ({hint})")]
    NoMatch {
        what: &'static str,
        name: String,
        hint: &'static str,
    },
    #[error("SPARQL: {0}")]
    Sparql(String),
}

/// The answer to a question: named columns with a row of text each (the CSV; the table shows
/// the columns `shown`, the long text last), and one JSON object per claim, source or edge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub items: Vec<Value>,
    /// The columns the table shows, in its order.
    pub shown: Vec<&'static str>,
}

/// How an answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Table,
    Csv,
    Json,
}

impl Output {
    pub const ALL: [Output; 3] = [Output::Table, Output::Json, Output::Csv];

    pub fn name(self) -> &'static str {
        match self {
            Output::Table => "table",
            Output::Csv => "csv",
            Output::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Output> {
        Output::ALL
            .into_iter()
            .find(|o| o.name() == s.trim().to_ascii_lowercase())
    }
}

impl Answer {
    pub fn render(&self, out: Output) -> String {
        match out {
            Output::Table => {
                let at: Vec<usize> = self
                    .shown
                    .iter()
                    .filter_map(|c| self.columns.iter().position(|x| x == c))
                    .collect();
                let rows: Vec<Vec<String>> = self
                    .rows
                    .iter()
                    .map(|r| at.iter().filter_map(|&i| r.get(i).cloned()).collect())
                    .collect();
                table(&self.shown, &rows)
            }
            Output::Csv => csv(&self.columns, &self.rows),
            Output::Json => {
                let mut s = serde_json::to_string_pretty(&self.items).unwrap_or_default();
                s.push('\n');
                s
            }
        }
    }
}

/// Widest cell of a table column but the last.
const CELL: usize = 48;

/// Columns padded to their widest cell, two spaces apart; the last column, for the long text,
/// is neither padded nor cut, the others are cut at [`CELL`] characters.
pub fn table(columns: &[&str], rows: &[Vec<String>]) -> String {
    let last = columns.len().saturating_sub(1);
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| if i < last { clip(c, CELL) } else { c.clone() })
                .collect()
        })
        .collect();
    let rows = &rows;
    let cell = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell(c).chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let n = cells.len();
        let mut out = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            out.push_str(c);
            if i + 1 < n {
                out.push_str(&" ".repeat(w.saturating_sub(c.chars().count()) + 2));
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(columns.iter().map(|c| c.to_uppercase()).collect());
    for r in rows {
        out.push_str(&line(r.iter().map(|c| cell(c)).collect()));
    }
    out
}

/// `s` cut to `max` characters with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// A header line, then one line a row; the `csv` crate quotes.
pub fn csv(columns: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(columns);
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn text<'a>(n: &'a Node, key: &str) -> &'a str {
    n.attrs.get(key).and_then(Field::as_str).unwrap_or("")
}

fn strings(n: &Node, key: &str) -> Vec<String> {
    n.attrs
        .get(key)
        .and_then(Field::as_array)
        .map(|a| a.iter().filter_map(Field::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// The words of a name, normalised as ids are (lower case, punctuation dropped, `U.S.` → `us`).
fn words(s: &str) -> Vec<String> {
    normalise(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether every word of `wanted` is a word of `text`.
fn has_words(text: &str, wanted: &[String]) -> bool {
    let have: BTreeSet<String> = words(text).into_iter().collect();
    !wanted.is_empty() && wanted.iter().all(|w| have.contains(w))
}

/// A DOI in any of the forms people paste (`doi:10.…`, `https://doi.org/10.…`), lower case.
fn bare_doi(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.to_lowercase();
    let at = lower.find("10.")?;
    let before = lower.get(..at)?;
    let known = [
        "",
        "doi:",
        "doi: ",
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
    ];
    known
        .contains(&before)
        .then(|| lower.get(at..).unwrap_or("").to_string())
}

/// The sources a person means by `name`: the source with that id; else those with that DOI, or
/// that URL (compared as ids compare URLs); else those whose title has every word of the name.
pub fn sources<'a>(g: &'a KnowledgeGraph, name: &str) -> Result<Vec<&'a Node>, QueryError> {
    let all: Vec<&Node> = g.nodes().filter(|n| n.kind == NodeKind::Source).collect();
    let exact: Vec<&Node> = match (g.node(name.trim()), bare_doi(name)) {
        (Some(n), _) if n.kind == NodeKind::Source => vec![n],
        (_, Some(doi)) => all
            .iter()
            .copied()
            .filter(|n| text(n, "doi").to_lowercase() == doi)
            .collect(),
        _ => {
            let url = normalise_url(name);
            let url_like = url.contains('/') || url.contains('.') && !name.contains(' ');
            all.iter()
                .copied()
                .filter(|_| url_like)
                .filter(|n| {
                    std::iter::once(text(n, "url").to_string())
                        .chain(strings(n, "urls"))
                        .filter(|u| !u.is_empty())
                        .any(|u| normalise_url(&u) == url)
                        || n.id == format!("source:url:{url}")
                })
                .collect()
        }
    };
    if !exact.is_empty() {
        return Ok(exact);
    }
    let wanted = words(name);
    let by_title: Vec<&Node> = all
        .into_iter()
        .filter(|n| has_words(text(n, "title"), &wanted) || has_words(&n.label, &wanted))
        .collect();
    if by_title.is_empty() {
        return Err(QueryError::NoMatch {
            what: "source",
            name: name.to_string(),
            hint: "give its id, DOI, URL or words of its title",
        });
    }
    Ok(by_title)
}

/// The actors and agreements a person means by `name`: the one with that id (`actor:china`, or
/// the lexicon's `china`); else those with that name or alias, in the graph or in the lexicon
/// (`Washington`, `the U.S.`, though the document only says `America`); else those one of whose
/// names has every word of it.
pub fn entities<'a>(g: &'a KnowledgeGraph, lexicon: &Lexicon, name: &str) -> Result<Vec<&'a Node>, QueryError> {
    let all: Vec<&Node> = g.nodes().filter(|n| n.kind.is_entity()).collect();
    let id = name.trim();
    let by_id: Vec<&Node> = all
        .iter()
        .copied()
        .filter(|n| n.id == id || n.id == format!("actor:{id}") || n.id == format!("agreement:{id}"))
        .collect();
    if !by_id.is_empty() {
        return Ok(by_id);
    }
    let key = |s: &str| {
        let k = normalise(s);
        k.strip_prefix("the ").map(str::to_string).unwrap_or(k)
    };
    let names = |n: &Node| {
        std::iter::once(n.label.to_string())
            .chain(strings(n, "aliases"))
            .collect::<Vec<_>>()
    };
    let wanted = key(name);
    let known: BTreeSet<String> = lexicon
        .entries()
        .iter()
        .filter(|e| e.surfaces().any(|a| key(a) == wanted))
        .map(|e| e.id.clone())
        .collect();
    let by_name: Vec<&Node> = all
        .iter()
        .copied()
        .filter(|n| {
            names(n).iter().any(|a| key(a) == wanted) || n.id.split_once(':').is_some_and(|(_, id)| known.contains(id))
        })
        .collect();
    if !by_name.is_empty() {
        return Ok(by_name);
    }
    let wanted = words(name);
    let by_words: Vec<&Node> = all
        .into_iter()
        .filter(|n| names(n).iter().any(|a| has_words(a, &wanted)))
        .collect();
    if by_words.is_empty() {
        return Err(QueryError::NoMatch {
            what: "actor or agreement",
            name: name.to_string(),
            hint: "give its id, its name or an alias",
        });
    }
    Ok(by_words)
}

/// Claims in document order: by document, then by where they start.
fn in_document_order<'a>(g: &'a KnowledgeGraph, ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a Node> {
    let mut claims: Vec<&Node> = ids.into_iter().filter_map(|id| g.node(id)).collect();
    claims.sort_by_cached_key(|n| {
        let start = n
            .attrs
            .get("span")
            .and_then(Field::items)
            .and_then(|s| s.first()?.as_u64());
        (text(n, "document").to_string(), start, n.id.clone())
    });
    claims.dedup_by(|a, b| a.id == b.id);
    claims
}

fn numbers(v: Option<&Field>) -> Vec<u64> {
    v.and_then(Field::as_array)
        .map(|a| a.iter().filter_map(Field::as_u64).collect())
        .unwrap_or_default()
}

fn joined(ns: &[u64]) -> String {
    ns.iter().map(u64::to_string).collect::<Vec<_>>().join(";")
}

/// Claims as an answer: each claim's node with the `notes` the question concerns and its `line`.
fn claims_answer(claims: &[&Node], notes: &BTreeMap<&str, BTreeSet<u64>>) -> Answer {
    let mut a = Answer {
        columns: vec!["document", "line", "notes", "section", "text", "id"],
        shown: vec!["document", "line", "notes", "section", "text"],
        ..Answer::default()
    };
    for c in claims {
        let ns: Vec<u64> = match notes.get(c.id.as_str()) {
            Some(set) => set.iter().copied().collect(),
            None => numbers(c.attrs.get("footnotes")),
        };
        let line = c.attrs.get("line").and_then(Field::as_u64);
        let mut item = node_value(c);
        if let Some(o) = item.as_object_mut() {
            o.insert("notes".into(), Value::from(ns.clone()));
            o.insert("line".into(), line.map_or(Value::Null, Value::from));
        }
        a.items.push(item);
        a.rows.push(vec![
            text(c, "document").to_string(),
            line.map_or_else(String::new, |l| l.to_string()),
            joined(&ns),
            strings(c, "section").join(" › "),
            text(c, "text").to_string(),
            c.id.to_string(),
        ]);
    }
    a
}

/// The claims that cite any of `sources`, each once, with the notes through which it does.
pub fn claims_citing(g: &KnowledgeGraph, sources: &[&Node]) -> Answer {
    let targets: BTreeSet<&str> = sources.iter().map(|n| n.id.as_str()).collect();
    let mut notes: BTreeMap<&str, BTreeSet<u64>> = BTreeMap::new();
    for (s, t, e) in g.edges() {
        if e.kind == EdgeKind::Cites && targets.contains(t) {
            let set = notes.entry(s).or_default();
            set.extend(e.attrs.get("footnote").and_then(Field::as_u64));
        }
    }
    claims_answer(&in_document_order(g, notes.keys().copied()), &notes)
}

/// The claims that mention any of `entities`.
pub fn claims_about(g: &KnowledgeGraph, entities: &[&Node]) -> Answer {
    let targets: BTreeSet<&str> = entities.iter().map(|n| n.id.as_str()).collect();
    let ids: Vec<&str> = g
        .edges()
        .filter(|(_, t, e)| e.kind == EdgeKind::Mentions && targets.contains(t))
        .map(|(s, _, _)| s)
        .collect();
    claims_answer(&in_document_order(g, ids), &BTreeMap::new())
}

/// The claims under a heading that has every word of `section` (any level of the path).
pub fn claims_in_section(g: &KnowledgeGraph, section: &str) -> Answer {
    let wanted = words(section);
    let ids: Vec<&str> = g
        .nodes()
        .filter(|n| n.kind == NodeKind::Claim && strings(n, "section").iter().any(|h| has_words(h, &wanted)))
        .map(|n| n.id.as_str())
        .collect();
    claims_answer(&in_document_order(g, ids), &BTreeMap::new())
}

/// The claims that cite no source: their markers point at notes the reader found no work in,
/// or at no note at all.
pub fn claims_unsourced(g: &KnowledgeGraph) -> Answer {
    let citing: BTreeSet<&str> = g
        .edges()
        .filter(|(_, _, e)| e.kind == EdgeKind::Cites)
        .map(|(s, _, _)| s)
        .collect();
    let ids: Vec<&str> = g
        .nodes()
        .filter(|n| n.kind == NodeKind::Claim && !citing.contains(n.id.as_str()))
        .map(|n| n.id.as_str())
        .collect();
    claims_answer(&in_document_order(g, ids), &BTreeMap::new())
}

/// The sources cited by the claims that mention any of `entities`, most cited first, each
/// with `claims`: those claims' ids.
pub fn sources_about(g: &KnowledgeGraph, entities: &[&Node]) -> Answer {
    let targets: BTreeSet<&str> = entities.iter().map(|n| n.id.as_str()).collect();
    let mentioning: BTreeSet<&str> = g
        .edges()
        .filter(|(_, t, e)| e.kind == EdgeKind::Mentions && targets.contains(t))
        .map(|(s, _, _)| s)
        .collect();
    let mut behind: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (s, t, e) in g.edges() {
        if e.kind == EdgeKind::Cites && mentioning.contains(s) {
            behind.entry(t).or_default().insert(s);
        }
    }
    let mut found: Vec<(&Node, Vec<&str>)> = behind
        .into_iter()
        .filter_map(|(s, cs)| {
            let claims = in_document_order(g, cs).into_iter().map(|c| c.id.as_str()).collect();
            Some((g.node(s)?, claims))
        })
        .collect();
    found.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.id.cmp(&b.0.id)));
    let mut a = Answer {
        columns: vec!["claims", "title", "authors", "container", "date", "url", "doi", "id"],
        shown: vec!["claims", "date", "authors", "container", "title"],
        ..Answer::default()
    };
    for (s, claims) in found {
        let mut item = node_value(s);
        if let Some(o) = item.as_object_mut() {
            o.insert("claims".into(), Value::from(claims.clone()));
        }
        a.items.push(item);
        a.rows.push(vec![
            claims.len().to_string(),
            if text(s, "title").is_empty() {
                s.label.to_string()
            } else {
                text(s, "title").to_string()
            },
            strings(s, "authors").join("; "),
            text(s, "container").to_string(),
            text(s, "date").to_string(),
            text(s, "url").to_string(),
            text(s, "doi").to_string(),
            s.id.to_string(),
        ]);
    }
    a
}

/// The `relation` and `party_to` edges to or from any of `entities`, each with its predicate
/// and evidence.
pub fn relations_of(g: &KnowledgeGraph, entities: &[&Node]) -> Answer {
    let ends: BTreeSet<&str> = entities.iter().map(|n| n.id.as_str()).collect();
    let label = |id: &str| g.node(id).map_or_else(|| id.to_string(), |n| n.label.to_string());
    let mut a = Answer {
        columns: vec!["subject", "predicate", "object", "document", "evidence"],
        shown: vec!["subject", "predicate", "object", "document", "evidence"],
        ..Answer::default()
    };
    for (s, t, e) in g.edges() {
        if !e.kind.is_relation() || !(ends.contains(s) || ends.contains(t)) {
            continue;
        }
        let field = |k: &str| e.attrs.get(k).and_then(Field::as_str).unwrap_or("").to_string();
        // the sentence itself, also where the graph names it by id (policykg/2)
        let evidence = g.evidence(e).unwrap_or("").to_string();
        let mut item = edge_value(s, t, e);
        if let Some(o) = item.as_object_mut() {
            o.entry("evidence").or_insert_with(|| Value::from(evidence.clone()));
            o.insert("source_label".into(), Value::from(label(s)));
            o.insert("target_label".into(), Value::from(label(t)));
        }
        a.items.push(item);
        a.rows.push(vec![
            label(s),
            field("predicate"),
            label(t),
            field("document"),
            evidence,
        ]);
    }
    a
}

/// Runs a SPARQL query over the graph's RDF, with the Turtle export's prefixes declared
/// (`pkg:`, `pkgid:`, `schema:`, `dcterms:`, `prov:`, `bibo:`, `rdfs:`, `xsd:`). SELECT gives a
/// table, SPARQL-results CSV or SPARQL-results JSON; ASK `true` or `false` (or its JSON or CSV);
/// CONSTRUCT and DESCRIBE give N-Triples in every output.
pub fn sparql(g: &KnowledgeGraph, query: &str, out: Output) -> Result<Vec<u8>, QueryError> {
    use oxigraph::model::{GraphNameRef, QuadRef};
    use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    use oxigraph::store::Store;
    let err = |e: &dyn std::fmt::Display| QueryError::Sparql(e.to_string().replace('\n', " "));
    let store = Store::new().map_err(|e| err(&e))?;
    // the triples go into the store a batch at a time as they are made, never all held at once
    // beside it (a corpus has millions)
    let mut batch: Vec<oxigraph::model::Triple> = Vec::new();
    let mut loaded = Ok(());
    let mut load = |batch: &mut Vec<oxigraph::model::Triple>| {
        if loaded.is_ok() {
            loaded = store.extend(
                batch
                    .iter()
                    .map(|t| QuadRef::new(&t.subject, &t.predicate, &t.object, GraphNameRef::DefaultGraph)),
            );
        }
        batch.clear();
    };
    rdf::each_triple(g, |t| {
        batch.push(t);
        if batch.len() >= 10_000 {
            load(&mut batch);
        }
    });
    load(&mut batch);
    loaded.map_err(|e| err(&e))?;
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in rdf::PREFIXES {
        evaluator = evaluator.with_prefix(prefix, iri).map_err(|e| err(&e))?;
    }
    let results = evaluator
        .parse_query(query)
        .map_err(|e| err(&e))?
        .on_store(&store)
        .execute()
        .map_err(|e| err(&e))?;
    let format = match out {
        Output::Json => Some(QueryResultsFormat::Json),
        Output::Csv => Some(QueryResultsFormat::Csv),
        Output::Table => None,
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows: Vec<_> = solutions.collect::<Result<_, _>>().map_err(|e| err(&e))?;
            let Some(format) = format else {
                let columns: Vec<String> = variables.iter().map(|v| v.as_str().to_string()).collect();
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|s| {
                        variables
                            .iter()
                            .map(|v| s.get(v).map_or_else(String::new, short_term))
                            .collect()
                    })
                    .collect();
                let names: Vec<&str> = columns.iter().map(String::as_str).collect();
                return Ok(table(&names, &cells).into_bytes());
            };
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), variables)
                .map_err(|e| err(&e))?;
            for s in &rows {
                w.serialize(s).map_err(|e| err(&e))?;
            }
            let mut bytes = w.finish().map_err(|e| err(&e))?;
            if out == Output::Json {
                bytes.push(b'\n');
            }
            Ok(bytes)
        }
        QueryResults::Boolean(b) => match format {
            Some(format) => {
                let mut bytes = QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(Vec::new(), b)
                    .map_err(|e| err(&e))?;
                if !bytes.ends_with(b"\n") {
                    bytes.push(b'\n');
                }
                Ok(bytes)
            }
            None => Ok(format!("{b}\n").into_bytes()),
        },
        QueryResults::Graph(triples) => {
            let mut out = String::new();
            for t in triples {
                let t = t.map_err(|e| err(&e))?;
                out.push_str(&format!("{t} .\n"));
            }
            Ok(out.into_bytes())
        }
    }
}

/// A term as the table shows it: an IRI of ours by its prefix (`pkgid:…`, `pkg:Claim`), other
/// IRIs in angle brackets, a literal by its value.
fn short_term(t: &oxigraph::model::Term) -> String {
    use oxigraph::model::Term;
    match t {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            rdf::PREFIXES
                .iter()
                .find_map(|(p, ns)| iri.strip_prefix(ns).map(|rest| format!("{p}:{rest}")))
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "A Memo\n\nTrade\n\nWashington imposed tariffs on China in 2024.¹ \
        The United States and China met in Geneva.² Prices rose.³\n\n\
        ¹ Jane Doe, “Tariffs and Trade Wars,” *Journal of Trade* 4 (2024), https://doi.org/10.1000/JT.42.\n\n\
        ² John Roe, “Geneva Talks,” *Daily News*, May 2, 2024, <https://www.example.org/geneva/>.\n\n\
        ³ Ibid.\n";

    fn graph() -> KnowledgeGraph {
        crate::build_text("memo", "memo.md", DOC)
    }

    #[test]
    fn a_source_is_found_by_doi_url_id_or_title_words() {
        let g = graph();
        for name in [
            "10.1000/jt.42",
            "doi:10.1000/JT.42",
            "https://doi.org/10.1000/jt.42",
            "source:doi:10.1000/jt.42",
            "trade wars",
        ] {
            let found = sources(&g, name).map(|s| s.iter().map(|n| n.id.to_string()).collect::<Vec<_>>());
            assert_eq!(found.ok(), Some(vec!["source:doi:10.1000/jt.42".to_string()]), "{name}");
        }
        let geneva = sources(&g, "http://example.org/geneva").map(|s| s.len());
        assert_eq!(geneva.ok(), Some(1));
        assert!(sources(&g, "nothing like it").is_err());
    }

    #[test]
    fn an_exact_url_wins_over_title_words() {
        let g = graph();
        // "example.org/geneva" is the URL of one source; as words it is in no title
        let s = sources(&g, "example.org/geneva").unwrap_or_default();
        assert_eq!(s.len(), 1);
        assert_eq!(s.first().map(|n| text(n, "title")), Some("Geneva Talks"));
    }

    #[test]
    fn an_entity_is_found_by_any_alias() {
        let g = graph();
        for name in [
            "Washington",
            "the U.S.",
            "united-states",
            "actor:united-states",
            "United States",
        ] {
            let e = entities(&g, crate::default_lexicon(), name)
                .map(|e| e.iter().map(|n| n.id.to_string()).collect::<Vec<_>>());
            assert_eq!(e.ok(), Some(vec!["actor:united-states".to_string()]), "{name}");
        }
        assert!(entities(&g, crate::default_lexicon(), "Atlantis").is_err());
    }

    #[test]
    fn claims_citing_a_source_are_each_once_with_their_notes() {
        let g = graph();
        let s = sources(&g, "Geneva Talks").unwrap_or_default();
        let a = claims_citing(&g, &s);
        // notes 2 and 3 (Ibid.) cite it
        let notes: Vec<&Value> = a.items.iter().map(|i| &i["notes"]).collect();
        assert_eq!(notes.len(), 2, "{a:?}");
        assert_eq!(a.rows.first().and_then(|r| r.get(2)).map(String::as_str), Some("2"));
        assert!(a.items.iter().all(|i| i["kind"] == "claim" && i["line"].is_u64()));
        let csv = a.render(Output::Csv);
        assert!(csv.starts_with("document,line,notes,section,text,id\n"), "{csv}");
        assert_eq!(csv.lines().count(), 3);
    }

    #[test]
    fn sources_behind_an_entity_and_its_relations() {
        let g = graph();
        let us = entities(&g, crate::default_lexicon(), "Washington").unwrap_or_default();
        let a = sources_about(&g, &us);
        assert!(!a.items.is_empty());
        assert!(a.items.iter().all(|i| i["kind"] == "source" && i["claims"].is_array()));
        let r = relations_of(&g, &us);
        assert!(r
            .items
            .iter()
            .all(|i| i["source"] == "actor:united-states" || i["target"] == "actor:united-states"));
    }

    #[test]
    fn tables_align_their_columns() {
        let t = table(
            &["a", "long name"],
            &[vec!["xx".into(), "1".into()], vec!["y".into(), "2".into()]],
        );
        assert_eq!(t, "A   LONG NAME\nxx  1\ny   2\n");
    }

    #[test]
    fn sparql_runs_over_the_turtle_vocabulary() {
        let g = graph();
        let q = "SELECT ?claim WHERE { ?s bibo:doi \"10.1000/JT.42\" . ?c pkg:cites ?s ; dcterms:identifier ?claim }";
        let json = sparql(&g, q, Output::Json).map(|b| String::from_utf8_lossy(&b).to_string());
        let v: Value = serde_json::from_str(&json.unwrap_or_default()).unwrap_or_default();
        assert_eq!(v["head"]["vars"][0], "claim");
        assert_eq!(v["results"]["bindings"].as_array().map(Vec::len), Some(1));
        let csv = sparql(&g, q, Output::Csv).map(|b| String::from_utf8_lossy(&b).to_string());
        assert_eq!(csv.ok().map(|c| c.lines().count()), Some(2));
        let ask = sparql(&g, "ASK { ?c a pkg:Claim }", Output::Table).map(|b| String::from_utf8_lossy(&b).to_string());
        assert_eq!(ask.ok().as_deref(), Some("true\n"));
        assert!(matches!(
            sparql(&g, "SELECT nonsense", Output::Table),
            Err(QueryError::Sparql(_))
        ));
    }
}
