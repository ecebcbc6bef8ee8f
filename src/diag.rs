//! Diagnostics about a document: what the reader could not make sense of, or what looks wrong.
//!
//! Takes: findings from every stage. Gives: a [`Diagnostics`] sink, rendered as
//! `PATH:LINE:COL: warning[CODE]: message`. Diagnostics never stop a build.

use crate::span::{LineIndex, Span};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
}

/// One finding. `code` is stable (documented in the README), `note` is the footnote number it
/// concerns, where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub note: Option<u32>,
    pub message: String,
}

/// Codes, so that each finding has one name across the crate.
pub mod code {
    /// A footnote marker whose number has no note.
    pub const MARKER_WITHOUT_NOTE: &str = "P001";
    /// A note that no marker refers to.
    pub const NOTE_WITHOUT_MARKER: &str = "P002";
    /// Two notes with the same number.
    pub const DUPLICATE_NOTE_NUMBER: &str = "P003";
    /// A document with no footnote markers at all.
    pub const NO_MARKERS: &str = "P004";
    /// An `Ibid.` with no earlier note to repeat.
    pub const IBID_WITHOUT_ANTECEDENT: &str = "P005";
    /// A note that cites nothing recognisable (no title, URL or DOI).
    pub const EMPTY_NOTE: &str = "P006";
    /// A work said to be accessed before it was published.
    pub const ACCESSED_BEFORE_PUBLISHED: &str = "P010";
    /// An access date later than any date the document itself knows.
    pub const ACCESSED_AFTER_DOCUMENT: &str = "P011";
    /// A note repeating the previous note word for word instead of using Ibid.
    pub const REPEATED_NOTE: &str = "P012";
    /// One DOI given under two different venue names.
    pub const DOI_TWO_VENUES: &str = "P013";
    /// One work (same DOI or URL) under two different titles.
    pub const WORK_TWO_TITLES: &str = "P014";
    /// A driver whose level neither its heading nor its neighbours name, taken from its words.
    pub const DRIVER_LEVEL_GUESSED: &str = "P030";
    /// An empty document.
    pub const EMPTY_DOCUMENT: &str = "P020";
}

/// The sink every stage writes into.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn warn(&mut self, code: &'static str, span: Span, note: Option<u32>, message: impl Into<String>) {
        self.items.push(Diagnostic {
            code,
            severity: Severity::Warning,
            span,
            note,
            message: message.into(),
        });
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// In document order, then by code: the order they are printed and exported in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.span.start, a.code, a.note, &a.message).cmp(&(b.span.start, b.code, b.note, &b.message))
        });
        self.items
    }
}

/// A diagnostic placed in its document: what the JSON export and the CLI print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located {
    pub code: &'static str,
    pub severity: Severity,
    pub document: String,
    pub line: u32,
    pub column: u32,
    pub note: Option<u32>,
    pub message: String,
}

impl Located {
    pub fn new(d: &Diagnostic, document: &str, text: &str, lines: &LineIndex) -> Located {
        let (line, column) = lines.line_col(text, d.span.start as usize);
        Located {
            code: d.code,
            severity: d.severity,
            document: document.to_string(),
            line,
            column,
            note: d.note,
            message: d.message.clone(),
        }
    }

    /// `PATH:LINE:COL: warning[CODE]: message`
    pub fn render(&self, path: &str) -> String {
        format!(
            "{path}:{}:{}: warning[{}]: {}",
            self.line, self.column, self.code, self.message
        )
    }
}
