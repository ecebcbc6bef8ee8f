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
    pub code: Code,
    pub severity: Severity,
    pub span: Span,
    pub note: Option<u32>,
    pub message: String,
}

/// What a diagnostic found: each written as its stable code (`P001`, …) in every output. The
/// variants are in the order of their codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    MarkerWithoutNote,
    NoteWithoutMarker,
    DuplicateNoteNumber,
    NoMarkers,
    IbidWithoutAntecedent,
    EmptyNote,
    NamedNote,
    AccessedBeforePublished,
    AccessedAfterDocument,
    RepeatedNote,
    DoiTwoVenues,
    WorkTwoTitles,
    EmptyDocument,
    DriverLevelGuessed,
}

impl Code {
    pub const ALL: [Code; 14] = [
        Code::MarkerWithoutNote,
        Code::NoteWithoutMarker,
        Code::DuplicateNoteNumber,
        Code::NoMarkers,
        Code::IbidWithoutAntecedent,
        Code::EmptyNote,
        Code::NamedNote,
        Code::AccessedBeforePublished,
        Code::AccessedAfterDocument,
        Code::RepeatedNote,
        Code::DoiTwoVenues,
        Code::WorkTwoTitles,
        Code::EmptyDocument,
        Code::DriverLevelGuessed,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MarkerWithoutNote => "P001",
            Code::NoteWithoutMarker => "P002",
            Code::DuplicateNoteNumber => "P003",
            Code::NoMarkers => "P004",
            Code::IbidWithoutAntecedent => "P005",
            Code::EmptyNote => "P006",
            Code::NamedNote => "P007",
            Code::AccessedBeforePublished => "P010",
            Code::AccessedAfterDocument => "P011",
            Code::RepeatedNote => "P012",
            Code::DoiTwoVenues => "P013",
            Code::WorkTwoTitles => "P014",
            Code::EmptyDocument => "P020",
            Code::DriverLevelGuessed => "P030",
        }
    }

    /// The code of a stable code string.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The name of the rule, in words run together (`MarkerWithoutNote`): SARIF's rule name.
    pub fn name(self) -> &'static str {
        match self {
            Code::MarkerWithoutNote => "MarkerWithoutNote",
            Code::NoteWithoutMarker => "NoteWithoutMarker",
            Code::DuplicateNoteNumber => "DuplicateNoteNumber",
            Code::NoMarkers => "NoMarkers",
            Code::IbidWithoutAntecedent => "IbidWithoutAntecedent",
            Code::EmptyNote => "EmptyNote",
            Code::NamedNote => "NamedNote",
            Code::AccessedBeforePublished => "AccessedBeforePublished",
            Code::AccessedAfterDocument => "AccessedAfterDocument",
            Code::RepeatedNote => "RepeatedNote",
            Code::DoiTwoVenues => "DoiTwoVenues",
            Code::WorkTwoTitles => "WorkTwoTitles",
            Code::EmptyDocument => "EmptyDocument",
            Code::DriverLevelGuessed => "DriverLevelGuessed",
        }
    }

    /// What the code means, in a line (the README's table).
    pub fn summary(self) -> &'static str {
        match self {
            Code::MarkerWithoutNote => "a marker whose number has no note",
            Code::NoteWithoutMarker => "a note no marker refers to",
            Code::DuplicateNoteNumber => "two notes with the same number",
            Code::NoMarkers => "no footnote markers in the document",
            Code::IbidWithoutAntecedent => "Ibid. with no earlier note to repeat",
            Code::EmptyNote => "a note that cites nothing recognisable (no title, URL or DOI)",
            Code::NamedNote => "a Markdown footnote whose label is no note number (`[^smith]`), left out",
            Code::AccessedBeforePublished => "a work said to be accessed before it was published",
            Code::AccessedAfterDocument => "an access date months after every other date in the notes",
            Code::RepeatedNote => "a note repeating the previous one word for word",
            Code::DoiTwoVenues => "one DOI under two venue names",
            Code::WorkTwoTitles => "one work (same DOI or URL) under two titles",
            Code::EmptyDocument => "an empty document",
            Code::DriverLevelGuessed => "a driver whose level no heading names, taken from its section's words",
        }
    }

    /// How to fix what the code finds.
    pub fn hint(self) -> &'static str {
        match self {
            Code::MarkerWithoutNote => "add the missing note, or correct the marker's number",
            Code::NoteWithoutMarker => "place the note's marker after the sentence it supports, or remove the note",
            Code::DuplicateNoteNumber => "renumber the notes so that each number is used once",
            Code::NoMarkers => {
                "mark each sourced sentence with its note's number (superscript digits, [^N], [N] or ^N), and give the notes in a Notes section or at page bottoms"
            }
            Code::IbidWithoutAntecedent => "replace Ibid. with the full citation it stands for",
            Code::EmptyNote => "give the cited work's author, title, outlet, date and URL or DOI",
            Code::NamedNote => "number the footnotes in ASCII digits ([^1], [^2], …): policykg reads numbered notes",
            Code::AccessedBeforePublished => "check the access date and the publication date: one of them is wrong",
            Code::AccessedAfterDocument => "check the access date's year and month for a typo",
            Code::RepeatedNote => "write Ibid. (with the page, if it differs), or cite a different work",
            Code::DoiTwoVenues => "check which venue published the DOI and correct the other note",
            Code::WorkTwoTitles => "check the work's title and give it the same way in every note",
            Code::EmptyDocument => "check that the file holds the document's text",
            Code::DriverLevelGuessed => "name the level (systemic or domestic) in the driver's heading or section heading",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Codes by the names the stages use.
pub mod code {
    use super::Code;
    /// A footnote marker whose number has no note.
    pub const MARKER_WITHOUT_NOTE: Code = Code::MarkerWithoutNote;
    /// A note that no marker refers to.
    pub const NOTE_WITHOUT_MARKER: Code = Code::NoteWithoutMarker;
    /// Two notes with the same number.
    pub const DUPLICATE_NOTE_NUMBER: Code = Code::DuplicateNoteNumber;
    /// A document with no footnote markers at all.
    pub const NO_MARKERS: Code = Code::NoMarkers;
    /// An `Ibid.` with no earlier note to repeat.
    pub const IBID_WITHOUT_ANTECEDENT: Code = Code::IbidWithoutAntecedent;
    /// A note that cites nothing recognisable (no title, URL or DOI).
    pub const EMPTY_NOTE: Code = Code::EmptyNote;
    /// A Markdown footnote whose label is no note number (`[^smith]`, `[^١]`): left out.
    pub const NAMED_NOTE: Code = Code::NamedNote;
    /// A work said to be accessed before it was published.
    pub const ACCESSED_BEFORE_PUBLISHED: Code = Code::AccessedBeforePublished;
    /// An access date later than any date the document itself knows.
    pub const ACCESSED_AFTER_DOCUMENT: Code = Code::AccessedAfterDocument;
    /// A note repeating the previous note word for word instead of using Ibid.
    pub const REPEATED_NOTE: Code = Code::RepeatedNote;
    /// One DOI given under two different venue names.
    pub const DOI_TWO_VENUES: Code = Code::DoiTwoVenues;
    /// One work (same DOI or URL) under two different titles.
    pub const WORK_TWO_TITLES: Code = Code::WorkTwoTitles;
    /// A driver whose level neither its heading nor its neighbours name, taken from its words.
    pub const DRIVER_LEVEL_GUESSED: Code = Code::DriverLevelGuessed;
    /// An empty document.
    pub const EMPTY_DOCUMENT: Code = Code::EmptyDocument;
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

    pub fn warn(&mut self, code: Code, span: Span, note: Option<u32>, message: impl Into<String>) {
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
    pub code: Code,
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
