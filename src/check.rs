//! The citation audit (`policykg check`): what is wrong with documents' footnotes and citations,
//! as a report rather than warnings scrolling past.
//!
//! Takes: the documents' built graphs (their `diagnostics`) with the paths they were read from,
//! and the inputs that could not be read. Gives: the report as text (one finding a line with its
//! fix hint, then a summary by code), JSON (the findings, each with its hint, and the summary) or
//! SARIF 2.1.0 (one rule per [`Code`], one result per finding, for editors and code-review
//! tools). Writes no graph.

use crate::diag::{Code, Located};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One document checked: its path as given, and what was found in it.
#[derive(Debug, Clone)]
pub struct Checked {
    pub path: String,
    pub findings: Vec<Located>,
}

/// The findings of every document, and the inputs that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: Vec<Checked>,
    /// One line per input that could not be read, `PATH: problem`.
    pub errors: Vec<String>,
}

/// What `check --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Json,
    Sarif,
}

impl Style {
    pub const ALL: [Style; 3] = [Style::Text, Style::Json, Style::Sarif];

    pub fn name(self) -> &'static str {
        match self {
            Style::Text => "text",
            Style::Json => "json",
            Style::Sarif => "sarif",
        }
    }

    pub fn parse(s: &str) -> Option<Style> {
        Style::ALL
            .into_iter()
            .find(|f| f.name() == s.trim().to_ascii_lowercase())
    }
}

impl Report {
    /// Every finding with its document's path, in the documents' order.
    pub fn findings(&self) -> impl Iterator<Item = (&str, &Located)> {
        self.documents
            .iter()
            .flat_map(|d| d.findings.iter().map(move |f| (d.path.as_str(), f)))
    }

    pub fn count(&self) -> usize {
        self.documents.iter().map(|d| d.findings.len()).sum()
    }

    /// Findings by code.
    pub fn summary(&self) -> BTreeMap<Code, usize> {
        let mut out = BTreeMap::new();
        for (_, f) in self.findings() {
            *out.entry(f.code).or_default() += 1;
        }
        out
    }

    /// Whether the exit status says something was found: a finding, or an input not read.
    pub fn found_anything(&self) -> bool {
        self.count() > 0 || !self.errors.is_empty()
    }

    pub fn render(&self, style: Style) -> String {
        match style {
            Style::Text => self.text(),
            Style::Json => pretty(&self.json()),
            Style::Sarif => pretty(&self.sarif()),
        }
    }

    /// `PATH:LINE:COL: warning[CODE]: message`, the fix hint under it, then the summary line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (path, f) in self.findings() {
            let _ = writeln!(out, "{}", f.render(path));
            let _ = writeln!(out, "    fix: {}", f.code.hint());
        }
        for e in &self.errors {
            let _ = writeln!(out, "error: {e}");
        }
        let n = self.count();
        let docs = self.documents.len();
        let _ = write!(out, "{} in {}", plural(n, "finding"), plural(docs, "document"));
        if n > 0 {
            let by: Vec<String> = self.summary().iter().map(|(c, k)| format!("{c} ×{k}")).collect();
            let _ = write!(out, ": {}", by.join(", "));
        }
        if !self.errors.is_empty() {
            let _ = write!(out, "; {} not read", plural(self.errors.len(), "input"));
        }
        out.push('\n');
        out
    }

    /// `{"documents", "findings", "summary", "total", "errors"}`; each finding is the JSON's
    /// diagnostic with its `path` and `hint`.
    pub fn json(&self) -> Value {
        let findings: Vec<Value> = self
            .findings()
            .map(|(path, f)| {
                json!({
                    "code": f.code,
                    "severity": f.severity,
                    "document": f.document,
                    "path": path,
                    "line": f.line,
                    "column": f.column,
                    "note": f.note,
                    "message": f.message,
                    "hint": f.code.hint(),
                })
            })
            .collect();
        let documents: Vec<Value> = self
            .documents
            .iter()
            .map(|d| json!({"path": d.path, "findings": d.findings.len()}))
            .collect();
        let summary: serde_json::Map<String, Value> = self
            .summary()
            .into_iter()
            .map(|(c, n)| (c.as_str().to_string(), json!(n)))
            .collect();
        json!({
            "documents": documents,
            "findings": findings,
            "summary": summary,
            "total": self.count(),
            "errors": self.errors,
        })
    }

    /// A SARIF 2.1.0 log: one run of policykg, a rule per code (its summary, and its fix hint
    /// as help), a result per finding at its file, line and column (columns in Unicode code
    /// points, as the text report counts them), the note number in the result's properties;
    /// inputs not read are tool notifications.
    pub fn sarif(&self) -> Value {
        let rules: Vec<Value> = Code::ALL
            .iter()
            .map(|c| {
                json!({
                    "id": c.as_str(),
                    "name": c.name(),
                    "shortDescription": {"text": c.summary()},
                    "help": {"text": c.hint()},
                    "defaultConfiguration": {"level": "warning"},
                })
            })
            .collect();
        let mut artifacts: Vec<&str> = Vec::new();
        for d in &self.documents {
            if !artifacts.contains(&d.path.as_str()) {
                artifacts.push(&d.path);
            }
        }
        let results: Vec<Value> = self
            .findings()
            .map(|(path, f)| {
                let index = artifacts.iter().position(|a| *a == path).unwrap_or(0);
                let mut r = json!({
                    "ruleId": f.code.as_str(),
                    "ruleIndex": Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0),
                    "level": "warning",
                    "message": {"text": f.message},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri(path), "index": index},
                            "region": {"startLine": f.line.max(1), "startColumn": f.column.max(1)},
                        }
                    }],
                });
                if let (Some(n), Some(obj)) = (f.note, r.as_object_mut()) {
                    obj.insert("properties".into(), json!({"note": n}));
                }
                r
            })
            .collect();
        let notifications: Vec<Value> = self
            .errors
            .iter()
            .map(|e| json!({"level": "error", "message": {"text": e}}))
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "policykg",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "invocations": [{
                    "executionSuccessful": self.errors.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts.iter().map(|a| json!({"location": {"uri": uri(a)}})).collect::<Vec<_>>(),
                "results": results,
            }],
        })
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// A path as a URI reference: relative paths stay relative, absolute ones become `file://`
/// URIs; characters a URI cannot hold are percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => out.push(char::from(b)),
            // a colon in the first segment of a relative reference would read as a scheme
            b':' if path.starts_with('/') => out.push(':'),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn finding(code: Code, line: u32, note: Option<u32>) -> Located {
        Located {
            code,
            severity: Severity::Warning,
            document: "memo".into(),
            line,
            column: 1,
            note,
            message: format!("message {line}"),
        }
    }

    fn report() -> Report {
        Report {
            documents: vec![
                Checked {
                    path: "docs/memo one.md".into(),
                    findings: vec![
                        finding(Code::RepeatedNote, 3, Some(2)),
                        finding(Code::AccessedBeforePublished, 9, Some(4)),
                        finding(Code::RepeatedNote, 12, Some(5)),
                    ],
                },
                Checked {
                    path: "clean.md".into(),
                    findings: Vec::new(),
                },
            ],
            errors: Vec::new(),
        }
    }

    #[test]
    fn text_gives_each_finding_a_hint_and_ends_with_the_summary() {
        let text = report().text();
        assert!(text.starts_with("docs/memo one.md:3:1: warning[P012]: message 3\n    fix: write Ibid."));
        assert!(
            text.ends_with("3 findings in 2 documents: P010 ×1, P012 ×2\n"),
            "{text}"
        );
        let clean = Report {
            documents: vec![Checked {
                path: "a.md".into(),
                findings: Vec::new(),
            }],
            errors: Vec::new(),
        };
        assert_eq!(clean.text(), "0 findings in 1 document\n");
        assert!(!clean.found_anything());
    }

    #[test]
    fn json_and_sarif_hold_every_finding() {
        let r = report();
        let j = r.json();
        assert_eq!(j["total"], 3);
        assert_eq!(j["summary"]["P012"], 2);
        assert_eq!(j["findings"][1]["note"], 4);
        assert_eq!(j["findings"][1]["path"], "docs/memo one.md");
        let s = r.sarif();
        let results = &s["runs"][0]["results"];
        assert_eq!(results.as_array().map(Vec::len), Some(3));
        assert_eq!(results[0]["ruleId"], "P012");
        let rule = results[0]["ruleIndex"].as_u64().unwrap_or(99) as usize;
        assert_eq!(s["runs"][0]["tool"]["driver"]["rules"][rule]["id"], "P012");
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "docs/memo%20one.md"
        );
        assert_eq!(results[0]["properties"]["note"], 2);
    }

    #[test]
    fn paths_become_uris() {
        assert_eq!(uri("seeds/a b.md"), "seeds/a%20b.md");
        assert_eq!(uri("/tmp/x#1.md"), "file:///tmp/x%231.md");
        assert_eq!(uri("c:doc.md"), "c%3Adoc.md");
        assert_eq!(uri("é.md"), "%C3%A9.md");
    }
}
