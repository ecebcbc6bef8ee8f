//! One note's text → the works it cites, field by field.
//!
//! Takes: the clean text of a note (markers and Markdown removed, see `document::inline`) and its
//! emphasised ranges. Gives: one [`Citation`] per cited work (a note may cite several, separated
//! by semicolons), or one `ibid` citation for `Ibid.` / `Id.`.
//!
//! The rules are those of the common note styles (Chicago notes, CRS, APA-ish):
//! 1. the note is cut at top-level semicolons and sentence ends (never inside quotes, brackets,
//!    emphasis or URLs); a piece starts a new work when it looks like one (a quoted or emphasised
//!    title after an author/organisation head, a `See …` cue, a URL or a date after a
//!    semicolon); a sentence that reads as prose (finite verbs, long lowercase runs) is
//!    commentary and cites nothing; anything else continues the previous work;
//! 2. in a work, the title is the first quoted span (or else the first emphasised span) whose
//!    head — the text before it — is empty or ends with a comma/period/colon; the head holds the
//!    authors or the institution; what follows holds container, journal numbers, publisher,
//!    dates, URLs;
//! 3. without a quoted or emphasised title the comma-separated fields are read in order:
//!    author or institution, title, container, date.

use super::date::{find_date, find_full_date, find_year};
use crate::pattern::{Bounded, Start};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

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

type Range = (usize, usize);

// ------------------------------------------------------------------------------------ patterns

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

macro_rules! pattern {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Option<Regex>> = LazyLock::new(|| re($re));
    };
}

macro_rules! start {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Option<Start>> = LazyLock::new(|| Start::new($re));
    };
}

/// A start pattern tried on the rest of a note after its title (see [`Start::reading`]).
macro_rules! reading {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Option<Start>> = LazyLock::new(|| Start::reading($re));
    };
}

macro_rules! bounded {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Option<Bounded>> = LazyLock::new(|| Bounded::new($re));
    };
}

// A title ending in a publication block: `Title (City: Publisher, 2022)`.
start!(
    PLAIN_PUB_BLOCK,
    r"^(?P<title>.+?)\s*\((?P<city>[^():;]+):\s*(?P<publisher>[^():;,]+),\s*(?P<year>[0-9]{4})\)$"
);
start!(
    IBID,
    r"^(?:(?i:ibid(?:em)?)\b\.?|Id\.|id\.)\s*,?\s*(?:(?i:at)\s+)?(?:(?i:pp?)\.\s*)?(?P<loc>[0-9]+[a-z]?(?:\s*[–—-]\s*[0-9]+)?|[ivxlc]+\b)?"
);
pattern!(URL, r#"(?i)\b(?:https?://|www\.)[^\s<>"“”‘’]+"#);
pattern!(DOI_MENTION, r#"(?i)\bdoi:\s*(10\.[0-9]{4,9}/[^\s"<>“”]+)"#);
start!(
    DOI_IN_PATH,
    r"(?i)^/doi/(?:(?:full|abs|pdf|epdf|pdfdirect|pdfplus|book|chapter|reader)/)?(10\.[0-9]{4,9}/.+)$"
);
bounded!(
    ACCESSED,
    r"(?i)\b(?:last\s+)?(?:accessed|retrieved|viewed|consulted|visited|downloaded)\b(?:\s+on)?\s*:?\s*"
);
pattern!(
    SEE_CUE,
    r"^(?i:(?:and\s*,?\s+)?(?:for\s+[^,;:]{1,160}?,\s*)?(?:see\b|cf\.|compare\b|also\s+see\b)(?:\s+also\b)?(?:\s*,\s*(?:e\.g\.|for example|for instance|generally|especially|in particular)\s*,?|\s+(?:e\.g\.|for example),?)?\s*)"
);
// The authors' length limit (300 characters) is checked in code: a bounded repeat of a class
// compiles the class once per count, and this one cost 5% of the start-up of every pattern.
pattern!(
    APA_START,
    r#"^(?P<auth>[^()"“”‘;:]{2,}?)\s*\((?P<date>(?:[0-9]{4}[a-z]?|n\.\s?d\.)(?:,\s*[^)]{1,25})?)\)[.,]?(?:\s+|$)"#
);
pattern!(
    APA_NAME,
    r"(?P<fam>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}),\s+(?P<ini>(?:\p{Lu}\.(?:\s?-\p{Lu}\.)?\s?)+)"
);
reading!(
    APA_NUMBERS,
    r"^\s*,\s*(?P<vol>[0-9]{1,4})\s*(?:\((?P<iss>[^)]{1,15})\))?(?:\s*,\s*(?:(?i:pp?)\.\s*)?(?P<pages>e?[0-9]+(?:\s*[–—-]\s*[0-9]+)?))?"
);
start!(
    INTERVIEW_LEAD,
    r"^(?i:(?:author'?s?|author’s|personal)\s+)?(?i:interview|conversation|correspondence|email|e-mail|discussion|communication)s?\b"
);
pattern!(LEADING_AND, r"^(?i:and|&)\s*,?\s+");
pattern!(
    BY_CUE,
    r"(?:,\s*|\s+)(?:(?i:coordinated|edited|compiled|written|prepared|translated)\s+)?by\s+"
);
bounded!(INTERVIEW, r"(?i),?\s*\binterview(?:ed)?\s+(?:by|with)\b");
reading!(
    REPORT_ID,
    r"^(?:(?P<org>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|on|for|and|the))*?)\s+)?(?P<series>Reports?|In Focus|Insight|Legal Sidebar|Issue Brief|Policy Brief|Policy Studies|Policy Paper|Working Paper|Discussion Paper|Occasional Paper|Research Paper|Technical Report|White Paper|Special Report|Testimony|Brief|Memorandum)(?:\s+(?i:no\.?|number)?\s*[A-Z]{0,4}[-\s]?[0-9][\w./–-]*)$"
);
bounded!(
    REPORT_CUE,
    r"\b(?:Reports?|Issue Brief|Policy Brief|Policy Studies|Policy Paper|Working Paper|Discussion Paper|Occasional Paper|Research Paper|White Paper|In Focus|Insight|Legal Sidebar|Monograph)\b"
);
reading!(
    JOURNAL_AFTER,
    r"^\s*,?\s*(?:(?i:vol\.?|volume)\s*)?(?P<vol>[0-9]{1,4}[A-Za-z]?)\b(?:\s*,?\s*(?i:no|nos|iss|issue|n)\.?\s*(?P<iss>[0-9]+(?:\s*[–/-]\s*[0-9]+)?))?(?:\s*,?\s*[(\[](?P<paren>[^)\]]{1,40})[)\]])?(?:\s*[:,]\s*(?:(?i:pp?)\.\s*)?(?P<pages>[0-9]+(?:\s*[–—-]\s*[0-9]+)?))?"
);
reading!(
    PAREN_AFTER,
    r"^\s*,?\s*[(\[](?P<paren>[^)\]]{1,40})[)\]](?:\s*[:,]\s*(?:(?i:pp?)\.\s*)?(?P<pages>[0-9]+(?:\s*[–—-]\s*[0-9]+)?))?"
);
reading!(
    JOURNAL_PLAIN,
    r"^(?P<cont>[^0-9(),;]+?)\s+(?P<vol>[0-9]{1,4}),\s*(?i:no|iss|issue)\.?\s*(?P<iss>[0-9]+)"
);
// `(City: Publisher, Year)`, the city up to 60 characters and the rest up to 200, limits checked
// in code ([`publisher_block`]) for the same reason as `APA_START`'s.
pattern!(PUBLISHER, r"\((?P<city>[^():]{2,}):\s*(?P<rest>[^()]{2,})\)");

/// The first `(City: Publisher, Year)` block of a text. Each part is the whole run between its
/// delimiters (the classes exclude them), so a block too long is no block at all, and no other
/// block starts inside it: the next match is the next candidate.
fn publisher_block(text: &str) -> Option<regex::Captures<'_>> {
    let short = |c: &regex::Captures, name, max| c.name(name).is_some_and(|m| m.as_str().chars().count() <= max);
    rx(&PUBLISHER)?
        .captures_iter(text)
        .find(|c| short(c, "city", 60) && short(c, "rest", 200))
}
pattern!(
    PAGES_CUE,
    r"(?:^|[\s,:(])(?:pp?)\.\s*(?P<p>[0-9]+(?:\s*[–—-]\s*[0-9]+)?(?:\s*,\s*[0-9]+(?:\s*[–—-]\s*[0-9]+)?)*)"
);
start!(PAGE_RANGE, r"^(?:(?i:pp?)\.\s*)?([0-9]{1,5})\s*[–—-]\s*([0-9]{1,5})$");
start!(TIME, r"^[0-9]{1,2}[:.][0-9]{2}\s*(?i:a\.?m\.?|p\.?m\.?)?$");
start!(
    MONTH_DAY,
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?\s+[0-9]{1,2}$"
);
start!(
    LOCATOR_FIELD,
    r"^(?:Appendix|Annex|Chapter|Ch\.|Section|Sec\.|Part|Table|Figure|Fig\.|Vol\.|Volume|No\.|Number|Box|Paragraph|Para\.|Article|Art\.)\s+[0-9A-Z]"
);
pattern!(
    DATE_WORDS,
    r"(?i)\b(?:updated|published|posted|online|last|revised|modified|issued|released|first|on|n\.d\.|archived|as of)\b"
);
pattern!(HANDLE, r"\s*\(@[^)]*\)");
start!(
    HONORIFIC,
    r"^(?:(?:President|Vice President|Senator|Sen\.|Representative|Rep\.|Congressman|Congresswoman|Secretary|Dr\.|Prof\.|Professor|Ambassador|General|Gen\.|Admiral|Adm\.|Minister|Prime Minister|Foreign Minister|Mr\.|Ms\.|Mrs\.|Sir|Dame|Judge|Justice|Governor|Gov\.|Chairman|Chairwoman|Chair)\s+)+"
);
pattern!(NAME_SPLIT, r"\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*;\s*|\s*,\s*");
bounded!(
    PROSE_VERB,
    r"\b(?:is|are|was|were|has|have|had|been|be|will|would|can|could|may|might|should|must|does|did|do|allows|provides|says|said|lists|shows|accounts|includes|contains|became|remains|notes|argues|describes|refers)\b"
);
bounded!(
    NEWS_CUE,
    r"(?i)\b(?:times|news|post|herald|express|daily|tribune|gazette|guardian|telegraph|chronicle|observer|independent|mail|mirror|standard|reuters|associated press|agence france|afp|bloomberg|xinhua|al jazeera|jazeera|cnn|bbc|cnbc|nbc|cbs|abc|npr|politico|axios|economist|wire|press trust|tass|interfax|kyodo|yonhap|week|newsweek|press agency|news agency|journal|deutsche welle|france 24|sputnik|nikkei|asahi|straits)\b"
);
bounded!(
    ACADEMIC_CUE,
    r"(?i)\b(?:journal of|journal for|quarterly|review|studies|papers|proceedings|annals|bulletin|international security|world politics|affairs|politics|science|research|encyclopedia|law journal)\b"
);
bounded!(
    GOV_CUE,
    r"\b(?:Department|Dept\.|Ministry|Government|White House|Congress|Congressional|Embassy|Consulate|Parliament|Senate|House of|State Department|Secretary|Office of|Bureau|Agency|Army|Navy|Air Force|Marine Corps|National Guard|Command|[A-Z]{2,9}COM|Pentagon|Treasury|Federal|Presidency|Cabinet|Government of|Inspector General)\b"
);

/// Every pattern above, for [`warm_up`] and the test that each compiles.
fn patterns() -> [&'static LazyLock<Option<Regex>>; 12] {
    [
        &URL,
        &DOI_MENTION,
        &SEE_CUE,
        &APA_START,
        &APA_NAME,
        &LEADING_AND,
        &BY_CUE,
        &PUBLISHER,
        &PAGES_CUE,
        &DATE_WORDS,
        &HANDLE,
        &NAME_SPLIT,
    ]
}

/// Every [`Start`] pattern above, as [`patterns`].
fn start_patterns() -> [&'static LazyLock<Option<Start>>; 14] {
    [
        &PLAIN_PUB_BLOCK,
        &IBID,
        &DOI_IN_PATH,
        &APA_NUMBERS,
        &INTERVIEW_LEAD,
        &REPORT_ID,
        &JOURNAL_AFTER,
        &PAREN_AFTER,
        &JOURNAL_PLAIN,
        &PAGE_RANGE,
        &TIME,
        &MONTH_DAY,
        &LOCATOR_FIELD,
        &HONORIFIC,
    ]
}

/// Every [`Bounded`] pattern above, as [`patterns`].
fn bounded_patterns() -> [&'static LazyLock<Option<Bounded>>; 7] {
    [
        &ACCESSED,
        &INTERVIEW,
        &REPORT_CUE,
        &PROSE_VERB,
        &NEWS_CUE,
        &ACADEMIC_CUE,
        &GOV_CUE,
    ]
}

/// Compiles every pattern of this module (see [`crate::warm_up`]), the last first: a note's
/// parse needs them roughly in order, so a document's thread and this one meet in the middle.
pub(crate) fn warm_up() {
    LazyLock::force(&ORG_WORDS);
    LazyLock::force(&ORG_COMMON);
    for p in patterns().into_iter().rev() {
        LazyLock::force(p);
    }
    for p in start_patterns().into_iter().rev() {
        LazyLock::force(p);
    }
    for p in bounded_patterns().into_iter().rev() {
        LazyLock::force(p);
    }
}

fn rx<R>(cell: &LazyLock<Option<R>>) -> Option<&R> {
    cell.as_ref()
}

/// Whether a [`Bounded`] pattern matches somewhere in `s`.
fn hit(cell: &LazyLock<Option<Bounded>>, s: &str) -> bool {
    cell.as_ref().is_some_and(|re| re.is_match(s))
}

/// Whether `s` holds `word` in any ASCII case: asked before a pattern that needs the word, so
/// that a run whose notes never hold it never compiles the pattern.
fn holds(s: &str, word: &str) -> bool {
    let (s, w) = (s.as_bytes(), word.as_bytes());
    let Some(&first) = w.first() else { return true };
    // (only where its first letter stands, in either case, is the word compared)
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), s)
        .any(|i| s.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w)))
}

/// Spaces to blank a range with (see [`Note::blank`]).
const SPACES: &str = "                                                                ";

// ------------------------------------------------------------------------------------ entry

/// Parses one note. Never fails: what it cannot read stays unset.
pub fn parse_note(text: &str, emphasis: &[(usize, usize)]) -> Vec<Citation> {
    let lead = text.len() - text.trim_start().len();
    let trimmed_end = text.trim_end().len();
    if trimmed_end <= lead {
        return Vec::new();
    }
    if let Some(c) = ibid(text, lead, trimmed_end) {
        return vec![c];
    }
    let note = Note::new(text, emphasis);
    let parts = note.parts(lead, trimmed_end);
    let mut out: Vec<Citation> = Vec::new();
    // commentary before the first work: its URLs go to that work
    let mut before_first: Vec<Range> = Vec::new();
    for p in &parts {
        if p.class == Class::Commentary || p.class == Class::Remark && !out.is_empty() {
            match out.last_mut() {
                Some(c) => note.remark(c, p.range),
                None => before_first.push(p.range),
            }
            continue;
        }
        let c = note.work(p.range);
        if c.title.is_some() || c.url.is_some() || c.doi.is_some() || c.date.is_some() || c.container.is_some() {
            out.push(c);
        }
    }
    if let Some(first) = out.first_mut() {
        for r in before_first {
            note.remark(first, r);
        }
    }
    for c in &mut out {
        c.tidy_urls();
    }
    if out.is_empty() {
        // commentary: keep what a caller can still use (URLs, DOIs)
        let mut c = Citation {
            range: (lead, trimmed_end),
            ..Citation::default()
        };
        note.fill_links(&mut c, (lead, trimmed_end));
        if c.url.is_some() || c.doi.is_some() {
            c.title = note.quoted_title((lead, trimmed_end)).map(|(_, t)| t);
        }
        out.push(c);
    }
    out
}

/// `Ibid.`, `Ibid., 12.`, `Id. at 5`, `ibid`. A URL printed after it (`Ibid. The full text is
/// at https://…`) is the repeated work's, as printed by this note.
fn ibid(text: &str, start: usize, end: usize) -> Option<Citation> {
    let body = text.get(start..end)?;
    let caps = rx(&IBID)?.captures(body)?;
    let whole = caps.get(0)?;
    // `Identity politics…` is not `Id.`: the pattern needs `ibid` as a word or `Id.` with its period
    let locator = caps
        .name("loc")
        .map(|m| m.as_str().trim().to_string())
        .filter(|s| !s.is_empty());
    if whole.as_str().trim().is_empty() {
        return None;
    }
    let mut c = Citation {
        ibid: true,
        locator,
        range: (start, end),
        ..Citation::default()
    };
    let rest = start + whole.end();
    for (a, b) in find_urls(text) {
        if a >= rest && b <= end {
            c.add_url(text.get(a..b).unwrap_or(""));
        }
    }
    if c.doi.is_none() {
        c.doi = doi_mention(text.get(rest..end).unwrap_or(""));
    }
    c.tidy_urls();
    Some(c)
}

impl Citation {
    /// Adds a URL the note prints for this work (in a remark after the citation proper, or as a
    /// link's target): the first one is `url`, and once there are two `urls` lists every one; a
    /// DOI link gives the DOI when the work has none. [`Citation::tidy_urls`] drops repeats.
    pub fn add_url(&mut self, url: &str) {
        if url.is_empty() || self.url.as_deref() == Some(url) {
            return;
        }
        if self.doi.is_none() {
            self.doi = doi_of_url(url);
        }
        match &self.url {
            None => self.url = Some(url.to_string()),
            Some(first) => {
                if self.urls.is_empty() {
                    self.urls.push(first.clone());
                }
                self.urls.push(url.to_string());
            }
        }
    }

    /// Each URL once in `urls`, in order (one set, not a scan per URL: a note may print
    /// thousands), and no list for a single URL.
    pub fn tidy_urls(&mut self) {
        let mut seen = std::collections::HashSet::with_capacity(self.urls.len());
        self.urls.retain(|u| seen.insert(u.clone()));
        if self.urls.len() == 1 {
            self.urls.clear();
        }
    }
}

/// The DOI of a `doi:` mention in `s`.
fn doi_mention(s: &str) -> Option<String> {
    if !holds(s, "doi:") {
        return None;
    }
    rx(&DOI_MENTION)
        .and_then(|re| re.captures(s))
        .and_then(|caps| caps.get(1))
        .map(|m| trim_doi(m.as_str()))
}

// ------------------------------------------------------------------------------------ the note

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A titled work (quoted/emphasised title after a proper head) or a `See …` cue.
    Cite,
    /// A URL but no title.
    Url,
    /// A URL in prose (`it was revised in 2022 and is at https://…`), or in a sentence of its
    /// own after the citation proper (`Available at https://…`): a remark on the work before it;
    /// first in a note, it cites the page at that URL.
    Remark,
    /// A date but no title or URL.
    Dated,
    /// Prose.
    Commentary,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Part {
    range: Range,
    class: Class,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Boundary {
    Semicolon,
    Sentence,
    /// A title's closing quote after its full stop (`“Mongolia.” The full text is …`): it may
    /// end the citation's sentence or only the title; it separates only a remark.
    Soft,
}

struct Note<'a> {
    text: &'a str,
    emph: Vec<Range>,
    urls: Vec<Range>,
    /// Bytes inside a URL or an emphasised span.
    protected: Vec<bool>,
}

/// A title found in a work: its outer range (quotes included) and the cleaned text.
#[derive(Debug, Clone)]
struct Title {
    outer: Range,
    text: String,
    emphasised: bool,
}

/// How deep a walk over a note stands in quotations and brackets.
#[derive(Debug, Default)]
struct Depth {
    straight: bool,
    curly: usize,
    paren: usize,
    bracket: usize,
}

impl Depth {
    /// The characters that change a depth.
    const MARKS: [char; 7] = ['"', '“', '”', '(', ')', '[', ']'];

    /// Outside every quotation and bracket.
    fn top(&self) -> bool {
        !self.straight && self.curly == 0 && self.paren == 0 && self.bracket == 0
    }

    /// The depth after `c`.
    fn step(&mut self, c: char) {
        match c {
            '"' => self.straight = !self.straight,
            '“' => self.curly += 1,
            '”' => self.curly = self.curly.saturating_sub(1),
            '(' => self.paren += 1,
            ')' => self.paren = self.paren.saturating_sub(1),
            '[' => self.bracket += 1,
            ']' => self.bracket = self.bracket.saturating_sub(1),
            _ => {}
        }
    }
}

/// The quotation `c` at `at` closes (opened by `"` or `“`, closed by the same or `”`), if any;
/// else it may open one (`open`, the one open so far).
fn close_quote(open: &mut Option<(usize, char)>, at: usize, c: char) -> Option<Range> {
    match (*open, c) {
        (None, '"' | '“') => {
            *open = Some((at, c));
            None
        }
        (Some((s, '"')), '"') | (Some((s, '“')), '”') => {
            *open = None;
            Some((s, at + c.len_utf8()))
        }
        _ => None,
    }
}

impl<'a> Note<'a> {
    fn new(text: &'a str, emphasis: &[(usize, usize)]) -> Self {
        let mut emph: Vec<Range> = emphasis
            .iter()
            .copied()
            .filter(|&(a, b)| a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b))
            .collect();
        emph.sort_unstable();
        let urls = find_urls(text);
        // emphasis that overlaps a URL (an italicised link) is the URL, not a title; URLs are
        // sorted, so each span is checked against its neighbours only
        emph.retain(|&(a, b)| {
            let k = urls.partition_point(|&(_, ub)| ub <= a);
            urls.get(k).is_none_or(|&(ua, _)| ua >= b)
        });
        // keep spans disjoint so range queries stay simple
        let mut last_end = 0;
        emph.retain(|&(a, b)| {
            let keep = a >= last_end;
            if keep {
                last_end = b;
            }
            keep
        });
        let mut protected = vec![false; text.len()];
        for &(a, b) in emph.iter().chain(urls.iter()) {
            for p in protected.iter_mut().take(b).skip(a) {
                *p = true;
            }
        }
        Note {
            text,
            emph,
            urls,
            protected,
        }
    }

    fn slice(&self, r: Range) -> &'a str {
        self.text.get(r.0..r.1).unwrap_or("")
    }

    fn is_protected(&self, i: usize) -> bool {
        self.protected.get(i).copied().unwrap_or(false)
    }

    /// Ranges of `sorted` (sorted by start, non-overlapping) that lie inside `r`.
    fn within(sorted: &[Range], r: Range) -> Vec<Range> {
        let from = sorted.partition_point(|&(a, _)| a < r.0);
        sorted
            .iter()
            .skip(from)
            .take_while(|&&(a, _)| a < r.1)
            .copied()
            .filter(|&(_, b)| b <= r.1)
            .collect()
    }

    fn urls_in(&self, r: Range) -> Vec<Range> {
        Self::within(&self.urls, r)
    }

    /// Emphasised spans inside `r` (those overlapping a URL were dropped when the note was read).
    fn emph_in(&self, r: Range) -> Vec<Range> {
        Self::within(&self.emph, r)
    }

    /// Walks the characters of `r` outside URLs and emphasis that open or close a quotation or a
    /// bracket or are `wanted`, telling `visit` for each whether it stands at the top level
    /// (outside quotes and brackets) and whether the level is top after it. (Any other character
    /// changes nothing: such a byte is told so by a table, most of a note.)
    fn walk(&self, r: Range, wanted: &[char], mut visit: impl FnMut(usize, char, bool, bool)) {
        let text = self.slice(r);
        let bytes = text.as_bytes();
        let marks = Depth::MARKS;
        // the bytes that may begin a character to look at: those ASCII ones, and every byte that
        // begins a character beyond ASCII
        let mut stops = [false; 256];
        for b in marks
            .iter()
            .chain(wanted)
            .filter_map(|&c| u8::try_from(c).ok().filter(u8::is_ascii))
        {
            if let Some(s) = stops.get_mut(usize::from(b)) {
                *s = true;
            }
        }
        if let Some(lead) = stops.get_mut(0xc0..) {
            lead.fill(true);
        }
        let mut depth = Depth::default();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if stops.get(usize::from(b)) != Some(&true) {
                i += 1;
                continue;
            }
            // (a stop is ASCII or a lead byte: always a character's start)
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                i += 1;
                continue;
            };
            let at = r.0 + i;
            i += c.len_utf8();
            if !c.is_ascii() && !marks.contains(&c) && !wanted.contains(&c) || self.is_protected(at) {
                continue;
            }
            let top = depth.top();
            depth.step(c);
            visit(at, c, top, depth.top());
        }
    }

    /// Top-level characters of `r` (outside quotes, brackets, URLs and emphasis) that are in `set`.
    fn top_level(&self, r: Range, set: &[char]) -> Vec<(usize, char)> {
        let mut out = Vec::new();
        self.walk(r, set, |at, c, top, _| {
            if top && set.contains(&c) {
                out.push((at, c));
            }
        });
        out
    }

    /// Offsets right after each quote of `r` that closes a quotation at the top level.
    fn closing_quotes(&self, r: Range) -> Vec<usize> {
        let mut out = Vec::new();
        self.walk(r, &[], |at, c, top, after| {
            if matches!(c, '"' | '”') && !top && after {
                out.push(at + c.len_utf8());
            }
        });
        out
    }

    /// The note cut into works and commentary.
    fn parts(&self, start: usize, end: usize) -> Vec<Part> {
        let mut cuts: Vec<(usize, usize, Boundary)> = Vec::new(); // (piece end, next start, kind)
        for (at, c) in self.top_level((start, end), &[';', '.', '?', '!', '"', '“']) {
            let after = self.text.get(at + c.len_utf8()..end).unwrap_or("");
            if c == '"' || c == '“' {
                // `…, https://…, and "Second Title," Outlet, 2020`: a new work joined by `and`
                let before = self.text.get(start..at).unwrap_or("");
                if let Some(stem) = before.strip_suffix(" and ") {
                    let stem_t = stem.trim_end();
                    let prev_end = start + stem_t.len();
                    let joined = stem_t.ends_with(',')
                        || stem_t.ends_with(|ch: char| ch.is_ascii_digit())
                        || (prev_end > 0
                            && self.is_protected(prev_end - 1)
                            && self.urls.iter().any(|&(_, b)| b == prev_end));
                    if joined {
                        cuts.push((prev_end, at, Boundary::Semicolon));
                    }
                }
            } else if c == ';' {
                cuts.push((at, at + 1, Boundary::Semicolon));
            } else if self.sentence_end(at, c, after) {
                cuts.push((at + c.len_utf8(), at + c.len_utf8(), Boundary::Sentence));
            }
        }
        // a title's closing quote after its full stop (`“Mongolia.” The full text is at …`)
        let quotes = self.closing_quotes((start, end));
        if !quotes.is_empty() {
            for at in quotes {
                let before = self.text.get(..at).unwrap_or("");
                let after = self.text.get(at..end).unwrap_or("");
                let stop = before.trim_end_matches(['"', '”']).ends_with(['.', '?', '!']);
                let opens =
                    after.starts_with(char::is_whitespace) && after.trim_start().starts_with(char::is_uppercase);
                if stop && opens {
                    cuts.push((at, at, Boundary::Soft));
                }
            }
            cuts.sort_by_key(|c| c.0);
        }
        let mut pieces: Vec<(Range, Option<Boundary>)> = Vec::new();
        let mut from = start;
        let mut before: Option<Boundary> = None;
        for (piece_end, next, kind) in cuts {
            if piece_end > from {
                pieces.push(((from, piece_end), before));
            }
            from = next;
            before = Some(kind);
        }
        if end > from {
            pieces.push(((from, end), before));
        }
        // a soft boundary stands only before a remark on a work before it: elsewhere the text
        // runs on
        let mut merged: Vec<(Range, Option<Boundary>)> = Vec::with_capacity(pieces.len());
        for (range, boundary) in pieces {
            if let (Some(Boundary::Soft), Some(prev)) = (boundary, merged.last_mut()) {
                let piece = trim_range(self.text, range);
                let remark = self.remark_like(piece, self.classify(piece))
                    && self.classify(trim_range(self.text, prev.0)) != Class::Other;
                if !remark {
                    prev.0 .1 = range.1;
                    continue;
                }
            }
            merged.push((range, boundary));
        }
        let pieces = merged;
        let mut parts: Vec<Part> = Vec::new();
        // inside an author–date entry (APA, Harvard) periods separate fields, not works
        let mut author_date = false;
        for (range, boundary) in pieces {
            let range = trim_range(self.text, range);
            if range.0 >= range.1 {
                continue;
            }
            let class = self.classify(range);
            let mut new_part = match (boundary, parts.last()) {
                (None, _) | (_, None) => true,
                (Some(Boundary::Semicolon), Some(_)) => matches!(class, Class::Cite | Class::Url | Class::Dated),
                (Some(Boundary::Soft), Some(_)) => false,
                (Some(Boundary::Sentence), Some(prev)) => {
                    matches!(class, Class::Cite) || (class == Class::Commentary && prev.class != Class::Commentary)
                }
            };
            if boundary == Some(Boundary::Sentence) && author_date {
                new_part = false;
            }
            // a URL printed in a sentence of its own, or in prose after a semicolon, after the
            // citation proper (`… 2025. The full text is available at https://…`) is a remark
            let remark = match boundary {
                Some(Boundary::Sentence | Boundary::Soft) => !author_date && self.remark_like(range, class),
                Some(Boundary::Semicolon) => class == Class::Remark,
                None => false,
            };
            // only on something already read as a work or commentary: after a bare name head
            // (`Smith, John. Report, 2020, https://…`) the text runs on as before
            if remark && parts.last().is_some_and(|p| p.class != Class::Other) {
                parts.push(Part {
                    range,
                    class: Class::Remark,
                });
                continue;
            }
            // bibliography style `Family, Given. “Title.” …`: the name head joins its title
            if new_part && boundary == Some(Boundary::Sentence) && class == Class::Cite {
                if let Some(prev) = parts.last_mut() {
                    if prev.class == Class::Other && self.name_head(prev.range) {
                        prev.range.1 = range.1;
                        prev.class = Class::Cite;
                        continue;
                    }
                }
            }
            if new_part {
                author_date = self.author_date_head(range).is_some();
            }
            match parts.last_mut() {
                Some(prev) if !new_part => {
                    prev.range.1 = range.1;
                    if prev.class == Class::Other && class != Class::Commentary {
                        prev.class = class;
                    }
                }
                _ => parts.push(Part { range, class }),
            }
        }
        parts
    }

    /// A short author head standing alone before its title (`Smith, John`, `World Bank`).
    fn name_head(&self, r: Range) -> bool {
        let t = self.slice(r).trim();
        let words = t.split_whitespace().count();
        (1..=8).contains(&words)
            && !t.chars().any(|c| c.is_ascii_digit())
            && t.chars().next().is_some_and(char::is_uppercase)
            && !self.prose(r)
            && self.urls_in(r).is_empty()
    }

    /// Whether the `.`/`?`/`!` at `at` ends a sentence.
    fn sentence_end(&self, at: usize, c: char, after: &str) -> bool {
        let mut chars = after.chars();
        match chars.next() {
            Some(w) if w.is_whitespace() => {}
            _ => return false,
        }
        let next = after.trim_start().chars().next();
        // `World Bank. (2020).` keeps its date: a parenthesis does not open a sentence
        if !next.is_some_and(|n| n.is_uppercase() || matches!(n, '"' | '“' | '‘' | '\'')) {
            return false;
        }
        c != '.' || self.full_stop(at)
    }

    /// Whether the `.` at `at`, before a capital, is a full stop rather than an abbreviation's.
    fn full_stop(&self, at: usize) -> bool {
        let before = self.text.get(..at).unwrap_or("");
        let word: String = before
            .chars()
            .rev()
            .take_while(|ch| !ch.is_whitespace() && !matches!(ch, '(' | '[' | '"' | '“'))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if at > 0 && self.is_protected(at - 1) {
            return true; // after a URL or an emphasised title
        }
        let bare = word.trim_start_matches(|ch: char| !ch.is_alphanumeric());
        let letters = bare.chars().filter(|ch| ch.is_alphabetic()).count();
        if bare.contains('.') || (letters == 1 && bare.chars().all(char::is_alphabetic)) {
            return false; // U.S., e.g., initials
        }
        if bare.chars().all(|ch| ch.is_uppercase()) && letters <= 3 && letters > 0 && !bare.ends_with(char::is_numeric)
        {
            // `YP.`, `DC.` — more often an abbreviation than a sentence end
            return letters > 2;
        }
        const ABBREV: &[&str] = &[
            "no", "nos", "vol", "vols", "pp", "p", "ed", "eds", "trans", "jr", "sr", "dr", "mr", "mrs", "ms", "prof",
            "st", "inc", "co", "corp", "ltd", "al", "cf", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec", "gen", "col", "lt", "sen", "rep", "gov", "op", "cit", "ch", "sec",
            "art", "para", "fig", "n", "nn", "rev", "dept", "univ", "approx", "est", "ibid", "id", "pres", "adm",
            "capt", "cmdr", "ave", "min", "max",
        ];
        !ABBREV.contains(&bare.to_ascii_lowercase().as_str())
    }

    /// Whether a piece printing a URL is a remark on the work before it rather than fields of
    /// its own: prose (`it can be downloaded at https://…`), or a few words and no date around
    /// the URL (`Available at https://…`; not `Census Bureau, May 2023, https://…`).
    /// A prose piece with a date and no finite verb (`Goodwin, administrator, to all state
    /// agencies, October 2, 1964, https://…`) is a citation's fields, not a remark.
    fn remark_like(&self, r: Range, class: Class) -> bool {
        let plain = || self.blank(r, &self.urls_in(r));
        match class {
            Class::Remark => {
                let plain = plain();
                find_date(&plain).is_none() || hit(&PROSE_VERB, &self.outside_quotes(r))
            }
            Class::Url => {
                let plain = plain();
                plain.split_whitespace().count() <= 6 && find_date(&plain).is_none()
            }
            _ => false,
        }
    }

    fn classify(&self, r: Range) -> Class {
        let (body, _) = self.strip_cue(r);
        let text = self.slice(body);
        let cued = body.0 > r.0;
        if self.title(body).is_some() {
            return Class::Cite;
        }
        if cued && text.chars().next().is_some_and(|c| c.is_uppercase()) {
            return Class::Cite;
        }
        let has_url = !self.urls_in(r).is_empty() || doi_mention(text).is_some();
        if self.prose(body) {
            return if has_url { Class::Remark } else { Class::Commentary };
        }
        if has_url {
            return Class::Url;
        }
        if find_date(&self.blank(body, &[])).is_some() {
            return Class::Dated;
        }
        Class::Other
    }

    /// Reads as running prose: a finite verb or a long run of lowercase words outside quotes,
    /// emphasis and URLs.
    fn prose(&self, r: Range) -> bool {
        let plain = self.outside_quotes(r);
        if hit(&PROSE_VERB, &plain) {
            return true;
        }
        let mut run = 0;
        for w in plain.split(|c: char| c.is_whitespace() || c == ',') {
            if w.is_empty() {
                continue;
            }
            if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                run += 1;
                if run >= 6 {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        false
    }

    /// The text of `r` with quoted spans, emphasis and URLs blanked.
    fn outside_quotes(&self, r: Range) -> String {
        let mut blanks: Vec<Range> = self.emph_in(r);
        blanks.extend(self.urls_in(r));
        let mut open: Option<(usize, char)> = None;
        let text = self.slice(r);
        // (only quotes matter: `"` and the characters `“` and `”` begin with, 0xE2)
        for i in memchr::memchr2_iter(b'"', 0xe2, text.as_bytes()) {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                continue;
            };
            let at = r.0 + i;
            if !self.is_protected(at) {
                blanks.extend(close_quote(&mut open, at, c));
            }
        }
        self.blank(r, &blanks)
    }

    /// `r` as a string with `ranges` (absolute) replaced by spaces, same length: every
    /// character that starts inside a range becomes as many spaces as it has bytes.
    fn blank(&self, r: Range, ranges: &[Range]) -> String {
        let s = self.slice(r);
        // the first character start at or after `at` (relative to `r`)
        let start_at = |at: usize| {
            let mut at = at.min(s.len());
            while !s.is_char_boundary(at) {
                at += 1;
            }
            at
        };
        let mut sorted: Vec<Range> = ranges.to_vec();
        sorted.sort_unstable();
        let mut out = String::with_capacity(s.len());
        // the text between the ranges is copied a run at a time, not a character at a time
        let mut done = 0;
        for (a, b) in sorted {
            let from = start_at(a.saturating_sub(r.0)).max(done);
            let to = start_at(b.saturating_sub(r.0));
            if to > from {
                out.push_str(s.get(done..from).unwrap_or(""));
                // (the spaces a run at a time: a URL is some eighty)
                let mut n = to - from;
                while n > 0 {
                    let k = n.min(SPACES.len());
                    out.push_str(SPACES.get(..k).unwrap_or(""));
                    n -= k;
                }
                done = to;
            }
        }
        out.push_str(s.get(done..).unwrap_or(""));
        out
    }

    /// Skips a leading `See`, `See also`, `For more, see`, `Cf.` or `and`; returns the rest and the cue.
    fn strip_cue(&self, r: Range) -> (Range, bool) {
        let s = self.slice(r);
        let mut skip = 0;
        if let Some(m) = rx(&LEADING_AND).and_then(|re| re.find(s)) {
            skip = m.end();
        }
        let rest = s.get(skip..).unwrap_or("");
        if let Some(m) = rx(&SEE_CUE).and_then(|re| re.find(rest)) {
            if m.end() > 0 && !self.is_protected(r.0 + skip) {
                return ((r.0 + skip + m.end(), r.1), true);
            }
        }
        ((r.0 + skip, r.1), false)
    }

    /// Whether `head` (the text before a title) can be an author/organisation head.
    fn head_ok(head: &str) -> bool {
        let h = head.trim();
        if h.is_empty() {
            return true;
        }
        // (the ending first, and the words counted no further than the limit: a note's every
        // quote asks this of all the text before it)
        (h.ends_with(',') || h.ends_with('.') || h.ends_with(':') || h.ends_with(" in") || h.ends_with(" In"))
            && h.split_whitespace().take(17).count() <= 16
    }

    /// The first quoted span of `r` (outside URLs/emphasis) with a proper head: `(outer, text)`.
    fn quoted_title(&self, r: Range) -> Option<(Range, String)> {
        let s = self.slice(r);
        for (i, c) in s.char_indices() {
            let at = r.0 + i;
            if self.is_protected(at) {
                continue;
            }
            let prev = s.get(..i).and_then(|t| t.chars().next_back());
            let single_open = matches!(c, '‘' | '\'')
                && prev.is_none_or(|p| p.is_whitespace() || p == '(')
                && s.get(i + c.len_utf8()..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit());
            if !(c == '"' || c == '“' || single_open) {
                continue;
            }
            let head = s.get(..i).unwrap_or("");
            if !Self::head_ok(head) {
                return None;
            }
            let inner_start = i + c.len_utf8();
            let rest = s.get(inner_start..).unwrap_or("");
            let close = match c {
                '“' => rest
                    .find('”')
                    .map(|k| (k, '”'.len_utf8()))
                    .or_else(|| rest.find('"').map(|k| (k, 1))),
                '"' => rest.find('"').map(|k| (k, 1)),
                _ => find_single_close(rest, c),
            };
            let (inner_end, outer_end) = match close {
                Some((k, len)) => (inner_start + k, inner_start + k + len),
                None => {
                    if single_open {
                        continue;
                    }
                    // unclosed: up to the next comma, URL or end
                    let stop = rest
                        .char_indices()
                        .find(|&(k, ch)| ch == ',' || self.is_protected(r.0 + inner_start + k))
                        .map(|(k, _)| k)
                        .unwrap_or(rest.len());
                    (inner_start + stop, inner_start + stop)
                }
            };
            let inner = s.get(inner_start..inner_end).unwrap_or("");
            let cleaned = clean_title(inner);
            if cleaned.is_empty() {
                return None;
            }
            return Some(((at, r.0 + outer_end), cleaned));
        }
        None
    }

    /// The work's title: the first quoted or emphasised span with a proper head.
    fn title(&self, r: Range) -> Option<Title> {
        let quoted = self.quoted_title(r);
        let emphasised = self.emph_in(r).into_iter().find_map(|(a, b)| {
            let head = self.text.get(r.0..a)?;
            if !Self::head_ok(head) {
                return None;
            }
            let t = clean_title(self.text.get(a..b)?);
            (!t.is_empty()).then_some(Title {
                outer: (a, b),
                text: t,
                emphasised: true,
            })
        });
        match (quoted, emphasised) {
            (Some((q, t)), Some(e)) if e.outer.0 < q.0 => {
                let _ = t;
                Some(e)
            }
            (Some((q, t)), _) => Some(Title {
                outer: q,
                text: t,
                emphasised: false,
            }),
            (None, e) => e,
        }
    }

    /// url, urls, doi of the range.
    fn fill_links(&self, c: &mut Citation, r: Range) {
        let urls: Vec<String> = self.urls_in(r).iter().map(|&u| self.slice(u).to_string()).collect();
        c.url = urls.first().cloned();
        if urls.len() > 1 {
            c.urls = urls.clone();
        }
        c.doi = doi_mention(self.slice(r)).or_else(|| urls.iter().find_map(|u| doi_of_url(u)));
    }

    /// A remark (commentary around the citation proper: `… 2025. HRANA is an agency that
    /// reports on abuses. Its full report is at https://…`) cites no work of its own, but every
    /// URL and DOI it prints is the work's: the note printed it for the reader to find the work.
    fn remark(&self, c: &mut Citation, r: Range) {
        let urls = self.urls_in(r);
        for &u in &urls {
            c.add_url(self.slice(u));
        }
        if c.doi.is_none() {
            c.doi = doi_mention(self.slice(r));
        }
        if c.accessed.is_none() {
            // `Available at https://…, accessed May 5, 2021.`
            c.accessed = self.accessed(r, &urls).map(|(d, _)| d);
        }
    }

    /// The access date `r` states (`accessed May 5, 2021`, `retrieved on …`), outside the
    /// ranges `blanks`, and the range of its statement.
    fn accessed(&self, r: Range, blanks: &[Range]) -> Option<(String, Range)> {
        let s = self.slice(r);
        let unlinked = self.blank(r, blanks);
        let (start, end) = ACCESSED.as_ref()?.find(&unlinked)?;
        let after = s.get(end..).unwrap_or("");
        let (ds, de, d) = find_full_date(after).or_else(|| find_year(after))?;
        (ds <= 3).then(|| (d, (r.0 + start, r.0 + end + de)))
    }

    // -------------------------------------------------------------------------------- a work

    fn work(&self, range: Range) -> Citation {
        let (body, _) = self.strip_cue(range);
        let body = trim_range(self.text, body);
        let mut c = Citation {
            range: body,
            ..Citation::default()
        };
        self.fill_links(&mut c, body);
        let mut blanks: Vec<Range> = self.urls_in(body);

        // access date, kept apart from the publication date
        if let Some((d, stated)) = self.accessed(body, &blanks) {
            c.accessed = Some(d);
            blanks.push(stated);
        }

        if self.read_author_date(body, &blanks, &mut c) {
            c.kind = self.kind(&c, body);
            return c;
        }
        let title = self.title(body);
        let mut kind_hint: Option<Kind> = None;
        let mut tail_start = body.0;
        match &title {
            Some(t) => {
                let head_range = (body.0, t.outer.0);
                blanks.push(t.outer);
                let head = self.slice(head_range);
                // `Name, interview by Other, *Outlet*`
                let (head, interview) = match INTERVIEW.as_ref().and_then(|re| re.find(head)) {
                    Some((start, _)) => (head.get(..start).unwrap_or(""), true),
                    None => (head, false),
                };
                self.read_head(head, &mut c);
                if interview {
                    kind_hint = Some(Kind::Interview);
                    if t.emphasised {
                        c.container = Some(t.text.clone());
                    } else {
                        c.title = Some(t.text.clone());
                    }
                } else {
                    c.title = Some(t.text.clone());
                }
                tail_start = t.outer.1;
            }
            None => {
                self.read_plain(body, &blanks, &mut c);
            }
        }
        if title.is_some() {
            self.read_tail((tail_start, body.1), &blanks, &mut c);
        }
        // authors after `by` (CRS: `…, *Title*, by A, B, and C.`)
        if c.authors.is_empty() {
            let plain = self.outside_quotes(body);
            if let Some(m) = rx(&BY_CUE).and_then(|re| re.find(&plain)) {
                let interviewer = plain
                    .get(..m.start())
                    .is_some_and(|b| b.trim_end().to_lowercase().ends_with("interview"));
                if !interviewer {
                    let after = plain.get(m.end()..).unwrap_or("");
                    let stop = after.find(['.', ';', '(']).map(|k| {
                        // keep initials like `A.` inside the list
                        let mut k = k;
                        while after
                            .get(..k)
                            .is_some_and(|b| b.chars().next_back().is_some_and(char::is_uppercase))
                            && after
                                .get(..k)
                                .is_some_and(|b| b.chars().rev().nth(1).is_none_or(|p| p.is_whitespace()))
                        {
                            match after.get(k + 1..).and_then(|r| r.find(['.', ';', '('])) {
                                Some(n) => k = k + 1 + n,
                                None => {
                                    k = after.len();
                                    break;
                                }
                            }
                        }
                        k
                    });
                    let names = after.get(..stop.unwrap_or(after.len())).unwrap_or("");
                    let (people, _) = parse_names(names);
                    c.authors = people;
                }
            }
        }

        // publication date: outside title, URLs, access date and emphasis
        if c.date.is_none() {
            let mut b = blanks.clone();
            b.extend(self.emph_in(body));
            let rest = self.blank(body, &b);
            c.date = find_date(&rest).map(|(_, _, d)| d);
        }
        c.kind = kind_hint.unwrap_or_else(|| self.kind(&c, body));
        c
    }

    /// `Authors (Year)` opening an author–date entry; the authors hold no emphasis or quotes.
    fn author_date_head(&self, r: Range) -> Option<regex::Captures<'a>> {
        // (the pattern needs the bracket of its date)
        let s = Some(self.slice(r)).filter(|s| s.contains('('))?;
        let caps = rx(&APA_START)?.captures(s)?;
        let auth = caps.name("auth").filter(|a| a.as_str().chars().count() <= 300)?;
        let emphasised = self.emph_in(r).iter().any(|&(a, _)| a < r.0 + auth.end());
        (!emphasised && auth.as_str().split_whitespace().count() <= 40).then_some(caps)
    }

    /// An author–date entry (APA, Harvard): `Smith, J. A., & Doe, R. (2019). Title. *Journal*, *12*(3), 45–67.`
    fn read_author_date(&self, body: Range, blanks: &[Range], c: &mut Citation) -> bool {
        let Some(caps) = self.author_date_head(body) else {
            return false;
        };
        let (Some(auth), Some(date), Some(whole)) = (caps.name("auth"), caps.name("date"), caps.get(0)) else {
            return false;
        };
        let auth = auth.as_str();
        let names: Vec<String> = rx(&APA_NAME)
            .map(|re| {
                re.captures_iter(auth)
                    .filter_map(|m| {
                        Some(format!(
                            "{} {}",
                            m.name("ini")?.as_str().trim(),
                            m.name("fam")?.as_str()
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if names.is_empty() {
            let (people, org) = parse_names(auth);
            c.authors = people;
            c.institution = org;
        } else {
            c.authors = names;
        }
        c.date = find_date(date.as_str()).map(|d| d.2);
        let rest = (body.0 + whole.end(), body.1);
        if rest.0 >= rest.1 {
            return true;
        }
        // the title: emphasised (books, reports), quoted (Harvard) or plain up to the sentence end
        let first_emph = self.emph_in(rest).into_iter().next();
        let tail_start = match (first_emph, self.quoted_title(rest)) {
            (Some((a, b)), _) if a <= rest.0 + 1 => {
                c.title = Some(clean_title(self.slice((a, b))));
                b
            }
            (_, Some((q, t))) if q.0 <= rest.0 + 1 => {
                c.title = Some(t);
                q.1
            }
            _ => {
                let stop = self
                    .top_level(rest, &['.', '?', '!'])
                    .into_iter()
                    .find(|&(at, _)| {
                        self.text
                            .get(at + 1..)
                            .is_none_or(|t| t.is_empty() || t.starts_with(char::is_whitespace))
                    })
                    .map(|(at, ch)| if ch == '.' { (at, at + 1) } else { (at + 1, at + 1) })
                    .unwrap_or((rest.1, rest.1));
                let t = clean_title(self.slice((rest.0, stop.0)));
                if !t.is_empty() && self.urls_in((rest.0, stop.0)).is_empty() {
                    c.title = Some(t);
                }
                stop.1
            }
        };
        let mut tail = (tail_start.min(rest.1), rest.1);
        // `(Report No. 12345).` after the title: a series number, not the container
        let lead = self.slice(tail).trim_start_matches([' ', '.', ',']);
        if lead.starts_with('(') {
            if let Some(close) = lead.find(')') {
                tail.0 = (tail.1 - lead.len() + close + 1).min(tail.1);
            }
        }
        let stop = blanks
            .iter()
            .filter(|&&(a, _)| a >= tail.0)
            .map(|&(a, _)| a)
            .min()
            .unwrap_or(tail.1);
        let after_container = if let Some((a, b)) = self.emph_in(tail).into_iter().find(|&(a, _)| a < stop) {
            c.container = Some(clean_title(self.slice((a, b))));
            b
        } else {
            match self.fields(tail, blanks).into_iter().next() {
                Some(f) => {
                    let name = self.slice(f).trim().trim_end_matches('.');
                    if field_is_name(name) {
                        c.container = Some(name.to_string());
                        f.1
                    } else {
                        tail.0
                    }
                }
                None => tail.0,
            }
        };
        if let Some(n) = rx(&APA_NUMBERS).and_then(|re| re.captures(self.slice((after_container, tail.1)))) {
            c.volume = n.name("vol").map(|m| m.as_str().to_string());
            c.issue = n.name("iss").map(|m| m.as_str().to_string());
            c.pages = n.name("pages").map(|m| m.as_str().to_string());
        }
        if c.pages.is_none() {
            let rest = self.blank(tail, blanks);
            c.pages = rx(&PAGES_CUE)
                .and_then(|re| re.captures(&rest))
                .and_then(|caps| caps.name("p"))
                .map(|m| m.as_str().trim().to_string());
        }
        true
    }

    /// Authors or institution from the text before the title.
    fn read_head(&self, head: &str, c: &mut Citation) {
        let head = trim_head(head);
        let head = trim_head(head.strip_suffix(" in").unwrap_or(head));
        if head.is_empty() {
            return;
        }
        if let Some(caps) = rx(&REPORT_ID).and_then(|re| re.captures(head)) {
            if let Some(org) = caps.name("org") {
                c.container = Some(expand_org(org.as_str()));
            }
            return;
        }
        let (people, org) = parse_names(head);
        c.authors = people;
        c.institution = org;
    }

    /// Container, journal numbers, publisher and pages from the text after the title.
    fn read_tail(&self, tail: Range, blanks: &[Range], c: &mut Citation) {
        if tail.0 >= tail.1 {
            return;
        }
        // stop at the first URL or access date
        let stop = blanks
            .iter()
            .filter(|&&(a, _)| a >= tail.0)
            .map(|&(a, _)| a)
            .min()
            .unwrap_or(tail.1)
            .min(tail.1);
        let tail_text = self.slice(tail);
        // a chapter: `“Chapter,” in *Book*, ed. …` — the book is the container
        let lead = tail_text.trim_start_matches([',', ' ', '.']);
        if lead.starts_with("in ") || lead.starts_with("In ") {
            let at = tail.1 - lead.len() + 3;
            if let Some((a, b)) = self.emph_in(tail).into_iter().next().filter(|&(a, _)| a <= at + 1) {
                c.container = Some(clean_title(self.slice((a, b))));
            }
        }
        // (City: Publisher, Year)
        if let Some(caps) = publisher_block(tail_text).filter(|_| c.container.is_none()) {
            if let (Some(rest), Some(whole)) = (caps.name("rest"), caps.get(0)) {
                let rest_s = rest.as_str();
                let (pub_end, date) = match find_date(rest_s) {
                    Some((ds, _, d)) => (ds, Some(d)),
                    None => (rest_s.len(), None),
                };
                let publisher = rest_s
                    .get(..pub_end)
                    .unwrap_or("")
                    .trim()
                    .trim_end_matches([',', ';', ' '])
                    .trim();
                if !publisher.is_empty() && date.is_some() {
                    c.container = Some(publisher.to_string());
                    c.date = date;
                    if c.kind == Kind::Web {
                        c.kind = Kind::Book;
                    }
                    // `(City: Publisher, Year), 62`: the page the note points at, not the work's
                    let after = tail_text.get(whole.end()..).unwrap_or("");
                    if let Some(p) = leading_pages(after) {
                        c.locator = Some(p);
                    }
                }
            }
        }
        // an emphasised container
        if c.container.is_none() {
            if let Some((a, b)) = self.emph_in(tail).into_iter().find(|&(a, _)| a < stop) {
                c.container = Some(clean_title(self.slice((a, b))));
                let after = self.slice((b, tail.1));
                self.journal_numbers(after, c);
            }
        }
        if c.container.is_none() {
            // `(Journal 12, no. 6 [2016], accessed …)`
            let t = tail_text.trim_start_matches([',', ' ', '.']);
            let inner = t.strip_prefix('(').unwrap_or(t);
            if let Some(caps) = rx(&JOURNAL_PLAIN).and_then(|re| re.captures(inner)) {
                c.container = caps.name("cont").map(|m| m.as_str().trim().to_string());
                c.volume = caps.name("vol").map(|m| m.as_str().to_string());
                c.issue = caps.name("iss").map(|m| m.as_str().to_string());
            }
        }
        if c.container.is_none() {
            self.plain_container(tail, blanks, c);
        }
        if c.pages.is_none() && c.locator.is_none() {
            let rest = self.blank(tail, blanks);
            if let Some(m) = rx(&PAGES_CUE)
                .and_then(|re| re.captures(&rest))
                .and_then(|caps| caps.name("p"))
            {
                c.pages = Some(m.as_str().trim().to_string());
            } else {
                // a bare page range as its own field: `…, published online 2025, 1–20,`
                for (a, b) in self.fields((tail.0, tail.1), blanks) {
                    let f = self.slice((a, b)).trim().trim_end_matches('.');
                    if let Some(p) = page_range(f) {
                        c.pages = Some(p);
                        break;
                    }
                }
            }
        }
        self.trailing_locator(tail, blanks, c);
    }

    /// Volume, issue, date in parentheses and pages right after a journal title.
    fn journal_numbers(&self, after: &str, c: &mut Citation) {
        if let Some(caps) = rx(&JOURNAL_AFTER).and_then(|re| re.captures(after)) {
            let vol = caps.name("vol").map(|m| m.as_str().to_string());
            let iss = caps.name("iss").map(|m| m.as_str().to_string());
            let year_like = vol
                .as_deref()
                .is_some_and(|v| v.len() == 4 && v.parse::<u32>().is_ok_and(|y| (1600..2100).contains(&y)));
            let next = after.get(caps.get(0).map(|m| m.end()).unwrap_or(0)..).unwrap_or("");
            // `*Outlet*, 2016, …` or `*Outlet*, 5 May 2020` is a date, not a volume
            let dated = next.trim_start().chars().next().is_some_and(char::is_alphabetic) && iss.is_none();
            if !(dated || year_like && iss.is_none()) {
                c.volume = vol;
                c.issue = iss;
                if let Some(p) = caps.name("paren") {
                    if let Some(d) = find_date(p.as_str()) {
                        c.date = Some(d.2);
                    }
                }
                let pages = caps
                    .name("pages")
                    .map(|m| m.as_str().to_string())
                    .filter(|p| !is_year(p));
                Self::set_pages(pages, c);
                return;
            }
        }
        if let Some(caps) = rx(&PAREN_AFTER).and_then(|re| re.captures(after)) {
            if let Some(d) = caps.name("paren").and_then(|p| find_date(p.as_str())) {
                c.date = Some(d.2);
            }
            Self::set_pages(caps.name("pages").map(|m| m.as_str().to_string()), c);
        }
    }

    /// Pages printed after a journal's numbers (`(2021): 97–112`, `(2021): 589`): a range is the
    /// article's extent, a single page is the page the note points at.
    fn set_pages(pages: Option<String>, c: &mut Citation) {
        match pages {
            Some(p) if !p.contains(['–', '—', '-']) => c.locator = Some(p),
            p => c.pages = p,
        }
    }

    /// A pinpoint printed as the last field of a work: right after the title of a short form
    /// (`Smith, “Short Title,” 104.`) or after fields that already gave the work's pages
    /// (`…(2014): 40–58, 45.`). The fields considered stop at the first URL or access date.
    fn trailing_locator(&self, tail: Range, blanks: &[Range], c: &mut Citation) {
        if c.locator.is_some() {
            return;
        }
        let fields: Vec<&str> = self
            .fields(tail, blanks)
            .into_iter()
            .map(|f| self.slice(f).trim())
            .filter(|f| !f.to_ascii_lowercase().starts_with("doi:"))
            .collect();
        let Some(last) = fields.last() else { return };
        let Some(loc) = bare_locator(last) else { return };
        let short_form = fields.len() == 1 && c.container.is_none() && c.date.is_none();
        let after_pages = fields.len() > 1 && c.pages.as_deref().is_some_and(|p| p != loc);
        if short_form || after_pages {
            c.locator = Some(loc);
        }
    }

    /// Top-level comma fields of `r`, with `blanks` removed, as absolute ranges.
    fn fields(&self, r: Range, blanks: &[Range]) -> Vec<Range> {
        let mut from = r.0;
        let mut cuts: Vec<usize> = self.top_level(r, &[',']).into_iter().map(|(a, _)| a).collect();
        cuts.push(r.1);
        let mut out = Vec::with_capacity(cuts.len());
        // a piece of a field, trimmed, unless nothing but spaces and stops is left
        let kept = |p: Range| {
            let p = trim_range(self.text, p);
            let empty = self
                .slice(p)
                .trim_matches(|ch: char| ch.is_whitespace() || ch == '.' || ch == ',')
                .is_empty();
            (p.0 < p.1 && !empty).then_some(p)
        };
        let mut sorted = blanks.to_vec();
        sorted.sort_unstable();
        // blanks wholly before the current field are passed once: a note printing thousands of
        // URLs in as many fields stays linear
        let mut passed = 0;
        for cut in cuts {
            while sorted.get(passed).is_some_and(|&(_, bb)| bb <= from) {
                passed += 1;
            }
            // the field less every blanked range inside it, piece by piece
            let mut at = from;
            for &(ba, bb) in sorted
                .get(passed..)
                .unwrap_or(&[])
                .iter()
                .take_while(|&&(ba, _)| ba < cut)
            {
                if bb <= at {
                    continue;
                }
                if ba > at {
                    out.extend(kept((at, ba)));
                }
                at = bb;
            }
            if at < cut {
                out.extend(kept((at, cut)));
            }
            from = cut + 1;
        }
        out
    }

    /// The first plain field of the tail that names an outlet or publisher.
    fn plain_container(&self, tail: Range, blanks: &[Range], c: &mut Citation) {
        for f in self.fields(tail, blanks) {
            let raw = self.slice(f).trim().trim_end_matches('.').trim();
            let field = strip_trailing_paren(raw);
            if field.is_empty() || !field_is_name(field) {
                continue;
            }
            if let Some(caps) = rx(&REPORT_ID).and_then(|re| re.captures(field)) {
                if let Some(org) = caps.name("org") {
                    c.container = Some(expand_org(org.as_str()));
                    return;
                }
                continue;
            }
            if hit(&REPORT_CUE, field) && field.chars().any(|ch| ch.is_ascii_digit()) {
                continue; // `Issue Brief no. 2–2021`
            }
            // bibliography style `Lagos: Harmattan Books, 2015`: the publisher after the city
            let field = match field.split_once(": ") {
                Some((city, publisher))
                    if city.split_whitespace().count() <= 3
                        && !city.chars().any(|ch| ch.is_ascii_digit())
                        && field_is_name(publisher) =>
                {
                    publisher
                }
                _ => field,
            };
            c.container = Some(field.to_string());
            return;
        }
    }

    /// A note with neither quotes nor emphasis: `Institution, Title, Container, Date, URL`.
    fn read_plain(&self, body: Range, blanks: &[Range], c: &mut Citation) {
        let plain_body = self.blank(body, blanks);
        // `…, by A, B, and C` ends the descriptive part
        let by_at = rx(&BY_CUE)
            .and_then(|re| re.find(&plain_body))
            .map(|m| body.0 + m.start());
        let end = by_at.unwrap_or(body.1);
        let mut fields = self.fields((body.0, end), blanks);
        if fields.is_empty() {
            return;
        }
        let has_url = !self.urls_in(body).is_empty();
        let first = fields
            .first()
            .map(|&f| self.slice(f))
            .unwrap_or("")
            .trim()
            .trim_end_matches('.');
        // `Interview with a senior official, City, Date`: the description is all there is to name it
        if rx(&INTERVIEW_LEAD).is_some_and(|re| re.is_match(first)) {
            c.title = Some(first.to_string());
            c.kind = Kind::Interview;
            return;
        }
        let mut k = 0;
        if let Some(caps) = rx(&REPORT_ID).and_then(|re| re.captures(first)) {
            if let Some(org) = caps.name("org") {
                c.container = Some(expand_org(org.as_str()));
            }
            k = 1;
        } else if let Some(org) = fields
            .get(1)
            .map(|&f| self.slice(f).trim().trim_end_matches('.'))
            .filter(|second| fields.len() >= 3 && reads_as_title(first) && is_org(second) && !is_date_field(second))
        {
            // `Quad Leaders’ Joint Statement, The White House, May 24, 2022`: title, then issuer
            c.title = Some(clean_title(first));
            c.institution = Some(org.to_string());
            for &f in fields.get(2..).unwrap_or(&[]) {
                let raw = self.slice(f).trim().trim_end_matches('.').trim();
                let s = strip_trailing_paren(raw);
                if c.container.is_none() && field_is_name(s) {
                    c.container = Some(s.to_string());
                }
            }
            return;
        } else if fields.len() >= 2 && !is_date_field(first) && !lead_in(first) {
            let (people, org) = parse_names(first);
            c.authors = people;
            c.institution = org;
            k = 1;
        }
        fields.drain(..k);
        // title: the next fields up to a date (CRS titles may hold commas before `by`)
        let mut title_fields: Vec<Range> = Vec::new();
        let mut rest_fields: Vec<Range> = Vec::new();
        for f in fields {
            let s = self.slice(f).trim().trim_end_matches('.');
            if !rest_fields.is_empty() || is_date_field(s) || !title_fields.is_empty() && by_at.is_none() {
                rest_fields.push(f);
            } else {
                title_fields.push(f);
            }
        }
        if let (Some(a), Some(b)) = (title_fields.first(), title_fields.last()) {
            let mut t = clean_title(self.slice((a.0, b.1)));
            // `Defense of Japan 2022 (Tokyo: MOD, 2022)`: a publication block closes the title
            if let Some(caps) = rx(&PLAIN_PUB_BLOCK).and_then(|re| re.captures(&t)) {
                let publisher = caps.name("publisher").map(|m| m.as_str().trim().to_string());
                let year = caps.name("year").map(|m| m.as_str().to_string());
                let title = caps.name("title").map(|m| m.as_str().trim().to_string());
                if c.container.is_none() {
                    c.container = publisher;
                }
                if c.date.is_none() {
                    c.date = year;
                }
                if let Some(title) = title {
                    t = title;
                }
            }
            let lower_start = t.chars().next().is_some_and(char::is_lowercase) || lead_in(&t);
            // a lone field with nothing else to anchor it is commentary, not a title
            let anchored = k == 1 || has_url || !rest_fields.is_empty() || by_at.is_some();
            if !t.is_empty() && !lower_start && anchored {
                c.title = Some(t);
            }
        }
        for f in rest_fields {
            let raw = self.slice(f).trim().trim_end_matches('.').trim();
            let s = strip_trailing_paren(raw);
            if c.container.is_none() && field_is_name(s) {
                c.container = Some(s.to_string());
            }
        }
    }

    fn kind(&self, c: &Citation, body: Range) -> Kind {
        let text = self.slice(body);
        if c.kind == Kind::Interview {
            return Kind::Interview;
        }
        // (in any ASCII case: no character outside ASCII lower-cases to one of its letters)
        if holds(text, "podcast") {
            return Kind::Podcast;
        }
        if hit(&INTERVIEW, text) {
            return Kind::Interview;
        }
        let container = c.container.as_deref().unwrap_or("");
        let academic = hit(&ACADEMIC_CUE, container);
        if c.volume.is_some() || c.issue.is_some() || (c.doi.is_some() && !container.is_empty() && academic) {
            return Kind::Journal;
        }
        let report = hit(&REPORT_CUE, &self.outside_quotes(body));
        let gov_org = |s: &str| hit(&GOV_CUE, s);
        let gov_url = c.url.as_deref().and_then(host).is_some_and(|h| {
            h.ends_with(".gov")
                || h.contains(".gov.")
                || h.ends_with(".mil")
                || h.contains(".mil.")
                || h.ends_with(".gc.ca")
        });
        if report && (!c.authors.is_empty() || c.institution.is_none()) {
            return Kind::Report;
        }
        if c.institution.as_deref().is_some_and(gov_org) || gov_url {
            return Kind::Government;
        }
        if report {
            return Kind::Report;
        }
        if !container.is_empty() && !academic && hit(&NEWS_CUE, container) {
            return Kind::News;
        }
        if c.kind == Kind::Book {
            return Kind::Book;
        }
        if !academic && news_by_structure(c) {
            return Kind::News;
        }
        if c.institution.as_deref().is_some_and(|s| hit(&NEWS_CUE, s)) {
            return Kind::News;
        }
        if !container.is_empty() && academic && c.doi.is_some() {
            return Kind::Journal;
        }
        Kind::Web
    }
}

// ------------------------------------------------------------------------------------ helpers

fn trim_range(text: &str, (a, b): Range) -> Range {
    let s = text.get(a..b).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (a + lead, (b - trail).max(a + lead))
}

/// Every URL of the text, as printed, without the punctuation that ends the sentence.
fn find_urls(text: &str) -> Vec<Range> {
    if !(holds(text, "http") || holds(text, "www.")) {
        return Vec::new();
    }
    let Some(re) = rx(&URL) else { return Vec::new() };
    let mut out = Vec::new();
    for m in re.find_iter(text) {
        let s = m.as_str();
        let mut end = s.len();
        loop {
            let cur = s.get(..end).unwrap_or("");
            let Some(last) = cur.chars().next_back() else { break };
            let unbalanced = |open: char, close: char| cur.matches(close).count() > cur.matches(open).count();
            let trim = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '>' | '\'' | '*' => true,
                ')' => unbalanced('(', ')'),
                ']' => unbalanced('[', ']'),
                _ => false,
            };
            if !trim {
                break;
            }
            end -= last.len_utf8();
        }
        if end > "https://".len().min(s.len()) || (s.starts_with("www.") && end > 4) {
            out.push((m.start(), m.start() + end));
        }
    }
    out
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let h = rest.split(['/', '?', '#']).next()?;
    Some(h.to_ascii_lowercase())
}

/// The DOI a URL carries. Only two shapes are trusted: a DOI resolver (`doi.org`,
/// `dx.doi.org`) and the publishers' conventional `/doi/…/10.x/y` path. Other paths may hold
/// `10.NNNN/…` strings in another role — e.g. an encyclopedia that files articles under its
/// book's DOI followed by its own article id — so they are not read as the work's DOI.
fn doi_of_url(url: &str) -> Option<String> {
    let h = host(url)?;
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.get(rest.find('/')?..)?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let doi = if h == "doi.org" || h == "dx.doi.org" || h == "www.doi.org" {
        let p = path.trim_start_matches('/');
        let p = p.strip_prefix("doi:").unwrap_or(p);
        p.starts_with("10.").then(|| p.to_string())?
    } else {
        rx(&DOI_IN_PATH)?.captures(path)?.get(1)?.as_str().to_string()
    };
    let doi = trim_doi(&doi);
    (doi.contains('/') && doi.len() > 8).then_some(doi)
}

fn trim_doi(s: &str) -> String {
    let s = s.split(['#', '?']).next().unwrap_or(s);
    s.trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '/']).to_string()
}

/// Closing single quote of a single-quoted title: a `’`/`'` followed by punctuation, space or end.
fn find_single_close(rest: &str, open: char) -> Option<(usize, usize)> {
    let want = if open == '‘' { '’' } else { '\'' };
    for (k, ch) in rest.char_indices() {
        if ch != want {
            continue;
        }
        let next = rest.get(k + ch.len_utf8()..).and_then(|t| t.chars().next());
        if next.is_none_or(|n| n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | ')')) {
            return Some((k, ch.len_utf8()));
        }
    }
    None
}

/// Title text without quotes, emphasis marks and the trailing comma/period Chicago puts inside.
fn clean_title(s: &str) -> String {
    let mut t = s.trim();
    let mut trimmed_quote: Option<String> = None;
    loop {
        let before = t;
        t = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”'));
        t = t.trim_end_matches([',', ';', ':']);
        for q in [",'", ",’", ".'", ".’"] {
            if let Some(stem) = t.strip_suffix(q) {
                if !stem.ends_with('.') {
                    trimmed_quote = Some(format!("{stem}{}", q.get(1..).unwrap_or("")));
                }
            }
        }
        if let Some(tq) = trimmed_quote.take() {
            return tq;
        }
        if t.ends_with('.') && !t.ends_with("..") {
            // keep the period of a final abbreviation (`U.S.`, `Inc.`)
            let last_word = t.rsplit(char::is_whitespace).next().unwrap_or("");
            let abbrev = last_word.trim_end_matches('.').contains('.') || last_word.len() <= 3;
            if !abbrev {
                t = t.trim_end_matches('.');
            }
        }
        if t == before {
            break;
        }
    }
    t.to_string()
}

fn leading_pages(after: &str) -> Option<String> {
    let t = after.trim_start_matches([',', ' ', ':']);
    let end = t.find([',', ';']).unwrap_or(t.len());
    let f = t.get(..end)?.trim().trim_end_matches('.');
    let single = f.len() <= 5 && !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) && !is_year(f);
    page_range(f).or_else(|| single.then(|| f.to_string()))
}

/// A field that is only a page or a page range (`104`, `p. 12`, `27–29`), not a year.
fn bare_locator(f: &str) -> Option<String> {
    let f = f.trim().trim_end_matches(['.', ',']).trim();
    if let Some(p) = page_range(f) {
        return Some(p);
    }
    let digits = f
        .strip_prefix("pp.")
        .or_else(|| f.strip_prefix("p."))
        .unwrap_or(f)
        .trim();
    let single = (1..=5).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) && !is_year(digits);
    single.then(|| digits.to_string())
}

/// `38–45`, `pp. 1-20` as a page range (not a span of years).
fn page_range(f: &str) -> Option<String> {
    let caps = rx(&PAGE_RANGE)?.captures(f)?;
    let a: u32 = caps.get(1)?.as_str().parse().ok()?;
    let b: u32 = caps.get(2)?.as_str().parse().ok()?;
    let years = (1600..2100).contains(&a) && (1600..2100).contains(&b) && b >= a;
    (!years).then(|| f.trim_start_matches(|c: char| !c.is_ascii_digit()).to_string())
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1600..2100).contains(&y))
}

/// Prose that leads to a link (`View letter at`, `The text is available at`), not a name or title.
fn lead_in(f: &str) -> bool {
    let f = f.trim().trim_end_matches([':', ',', '.']);
    let last = f.rsplit(char::is_whitespace).next().unwrap_or("");
    hit(&PROSE_VERB, f)
        || matches!(
            last,
            "at" | "in" | "on" | "from" | "to" | "of" | "see" | "via" | "by" | "here" | "online"
        )
}

/// A field that is only a date (`March 4, 2026`, `updated November 13, 2024`, `2016`, `June 24`).
fn is_date_field(f: &str) -> bool {
    let f = f.trim().trim_end_matches('.');
    if rx(&MONTH_DAY).is_some_and(|re| re.is_match(f)) {
        return true;
    }
    let Some((a, b, _)) = find_date(f) else { return false };
    let rest = format!("{} {}", f.get(..a).unwrap_or(""), f.get(b..).unwrap_or(""));
    let rest = rx(&DATE_WORDS)
        .map(|re| re.replace_all(&rest, "").into_owned())
        .unwrap_or(rest);
    rest.chars().all(|c| !c.is_alphanumeric())
}

/// Whether a plain field can name an outlet/publisher (not a date, URL remnant, page, descriptor).
fn field_is_name(f: &str) -> bool {
    let f = f.trim();
    let Some(first) = f.chars().next() else { return false };
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false; // `press release`, `video`, `archived`, `published by …`
    }
    if is_date_field(f) || page_range(f).is_some() || rx(&TIME).is_some_and(|re| re.is_match(f)) {
        return false;
    }
    if rx(&LOCATOR_FIELD).is_some_and(|re| re.is_match(f)) {
        return false;
    }
    if f.chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || c == '–' || c == '-')
    {
        return false;
    }
    f.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// `European Council on Foreign Relations (podcast, September 26, 2025)` → the outlet alone,
/// when the parenthesis holds a date or a descriptor; `Centre for X (CENX)` stays.
fn strip_trailing_paren(f: &str) -> &str {
    let t = f.trim();
    if !t.ends_with(')') {
        return t;
    }
    let Some(open) = t.rfind('(') else { return t };
    let inside = t.get(open + 1..t.len() - 1).unwrap_or("");
    let descriptive = inside.chars().next().is_some_and(char::is_lowercase) || find_date(inside).is_some();
    if descriptive && open > 0 {
        t.get(..open).unwrap_or(t).trim()
    } else {
        t
    }
}

/// Words in a host name that mark a news site (`nytimes.com`, `apnews.com`, `thedailystar.net`).
const NEWS_HOST_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "herald",
    "daily",
    "tribune",
    "gazette",
    "reuters",
    "bloomberg",
    "apnews",
    "aljazeera",
    "bbc.",
    "cnn.",
    "telegraph",
    "guardian",
    "chronicle",
    "observer",
    "wire",
    "dispatch",
    "courier",
];

/// A news article by its shape: a news host in the URL, or a titled piece in an unnumbered
/// periodical (no volume, issue or DOI) dated to the day, published on no institutional host.
fn news_by_structure(c: &Citation) -> bool {
    let h = c.url.as_deref().and_then(host).unwrap_or_default();
    let h = h.strip_prefix("www.").unwrap_or(&h);
    let institutional = [
        (".gov", ".gov."),
        (".mil", ".mil."),
        (".edu", ".edu."),
        (".int", ".int."),
        (".org", ".org."),
        (".ac.", ".ac.."),
    ]
    .iter()
    .any(|&(end, inside)| h.ends_with(end) || h.contains(inside));
    if !institutional && NEWS_HOST_WORDS.iter().any(|w| h.contains(w)) {
        return true;
    }
    let container = c.container.as_deref().unwrap_or("");
    let day_dated = c.date.as_deref().is_some_and(|d| d.len() == 10);
    let org_like = container.split_whitespace().any(|w| ORG_WORDS.contains(&w)) || hit(&GOV_CUE, container);
    !container.is_empty()
        && c.title.is_some()
        && c.volume.is_none()
        && c.issue.is_none()
        && c.doi.is_none()
        && c.institution.is_none()
        && day_dated
        && !org_like
        && !institutional
        && c.url.is_some()
}

/// `CRS` → `Congressional Research Service` (the series prefix of CRS products).
fn expand_org(org: &str) -> String {
    let o = org.trim();
    if o == "CRS" {
        "Congressional Research Service".to_string()
    } else {
        o.to_string()
    }
}

// ------------------------------------------------------------------------------------ names

/// Words that head an organisation's name.
const ORG_WORDS_LIST: &[&str] = &[
    "Department",
    "Dept",
    "Ministry",
    "Office",
    "Government",
    "Bureau",
    "Institute",
    "Institution",
    "Centre",
    "Center",
    "Council",
    "Agency",
    "Magazine",
    "University",
    "Foundation",
    "Commission",
    "Committee",
    "Service",
    "Services",
    "Corporation",
    "Programme",
    "Program",
    "Association",
    "Society",
    "Network",
    "Bank",
    "House",
    "Nations",
    "Army",
    "Navy",
    "Marines",
    "Force",
    "Forces",
    "Guard",
    "Forum",
    "Fund",
    "Organization",
    "Organisation",
    "Union",
    "Party",
    "Parliament",
    "Congress",
    "Senate",
    "Court",
    "Embassy",
    "Consulate",
    "Group",
    "Board",
    "Trust",
    "Initiative",
    "Project",
    "Press",
    "News",
    "Times",
    "Post",
    "Transcripts",
    "Unit",
    "Secretariat",
    "Authority",
    "Administration",
    "Command",
    "Monitor",
    "Observatory",
    "Company",
    "Inc",
    "Ltd",
    "LLC",
    "Media",
    "Radio",
    "Television",
    "Federation",
    "League",
    "Alliance",
    "Coalition",
    "Movement",
    "School",
    "College",
    "Academy",
    "Laboratory",
    "Library",
    "Museum",
    "Archives",
    "Partnership",
    "Watch",
    "International",
    "Research",
    "Studies",
    "Affairs",
    "Policy",
    "Review",
    "Journal",
    "Endowment",
    "Tribunal",
    "Assembly",
    "Cabinet",
    "Presidency",
    "Mission",
    "Statistics",
    "Treasury",
    "Team",
    "Lab",
    "Labs",
    "Industries",
    "Holdings",
    "Limited",
    "Associates",
    "Partners",
    "Capital",
    "Exchange",
    "Daily",
    "Herald",
    "Tribune",
    "Gazette",
    "Channel",
    "Broadcasting",
    "Reports",
    "Report",
    "Sidebar",
    "Wire",
    "Council",
    "Registry",
    "Agencies",
    "Ministries",
    "Departments",
    "Secretary-General",
    "Institutes",
    "Centers",
    "Centres",
    "Inspector",
    "Directorate",
    "Division",
    "Branch",
    "Staff",
    "Chiefs",
    "Armed",
    "Republic",
    "Kingdom",
    "States",
    "Federal",
    "National",
    "Foreign",
    "Commonwealth",
    "Bloc",
    "Summit",
    "Conference",
    "Convention",
    "Campaign",
    "Platform",
    "Portal",
    "Database",
    "Dataset",
    "Index",
    "Tracker",
    "Blog",
    // the same heads in other languages
    "Agenzia",
    "Agencia",
    "Agence",
    "Agência",
    "Instituto",
    "Istituto",
    "Institut",
    "Ministerio",
    "Ministero",
    "Ministère",
    "Ministério",
    "Ministerium",
    "Fondazione",
    "Fundación",
    "Fundação",
    "Fondation",
    "Stiftung",
    "Consejo",
    "Consiglio",
    "Conseil",
    "Comisión",
    "Commissione",
    "Comité",
    "Comitato",
    "Gobierno",
    "Governo",
    "Gouvernement",
    "Bundesregierung",
    "Bundesministerium",
    "Bundesamt",
    "Universidad",
    "Università",
    "Université",
    "Universität",
    "Asociación",
    "Associazione",
    "Gesellschaft",
    "Verband",
];

/// Common words that name a place, a field or a cause and are not used as given names or
/// surnames: three or more capitalised words, none an initial, with one of them read as an
/// organisation (`Southern African Power Pool`, `Stop Illegal Fishing`, `Agenzia Spaziale
/// Italiana`). Three-word personal names (`Muhammad Adnan Khan`, `Pinak Ranjan Chakravarty`)
/// hold none of them, so length alone decides nothing.
const ORG_COMMON_LIST: &[&str] = &[
    // compass and region
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Middle",
    "Global",
    "Regional",
    "Continental",
    "Pacific",
    "Atlantic",
    "Arctic",
    "Antarctic",
    "Mediterranean",
    "Baltic",
    "Caribbean",
    "Oceanic",
    "Interamericana",
    "Interamerican",
    // demonyms and their Romance/German forms
    "African",
    "American",
    "Asian",
    "European",
    "Arab",
    "Nordic",
    "Latin",
    "Italian",
    "Italiana",
    "Italiano",
    "French",
    "Française",
    "Français",
    "Española",
    "Español",
    "Deutsche",
    "Deutscher",
    "Europea",
    "Europeo",
    "Européenne",
    "Africaine",
    "Africana",
    "Americana",
    "Americano",
    "Brasileira",
    "Brasileiro",
    "Chinese",
    "Japanese",
    "Korean",
    "Russian",
    "British",
    "Australian",
    "Canadian",
    "Mexicana",
    "Mexicano",
    "Nacional",
    "Nazionale",
    "Internacional",
    "Internazionale",
    "Spaziale",
    "Spatiale",
    "Espacial",
    // fields and causes
    "Power",
    "Pool",
    "Energy",
    "Water",
    "Health",
    "Trade",
    "Peace",
    "Security",
    "Defence",
    "Defense",
    "Development",
    "Space",
    "Ocean",
    "Oceans",
    "Climate",
    "Rights",
    "Environment",
    "Environmental",
    "Fisheries",
    "Aerospace",
    "Nuclear",
    "Atomic",
    "Petroleum",
    "Oil",
    "Electricity",
    "Railways",
    "Ports",
    "Humanitarian",
    "Wildlife",
    "Conservation",
    "Illegal",
    "Illicit",
    "Coordination",
    "Stop",
    "Save",
    // gerunds heading a trade or activity (`…ing` nouns that are not surnames)
    "Fishing",
    "Mining",
    "Shipping",
    "Farming",
    "Trading",
    "Banking",
    "Planning",
    "Monitoring",
    "Engineering",
    "Publishing",
    "Consulting",
    "Manufacturing",
    "Peacekeeping",
    "Policing",
    "Computing",
    "Accounting",
];

/// Lowercase words that may sit inside a personal name.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "ibn", "al",
    "el", "ter", "ten", "y", "e", "zu", "af", "av", "st.",
];

fn word_core(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.' && c != '\'' && c != '’')
}

/// An acronym (`NATO`, `U.S.`, `CENTCOM`): its letters, when it is one.
fn acronym_letters(w: &str) -> Option<usize> {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())).then_some(letters.len())
}

/// A head without its closing punctuation; the period of a final initial (`Ashley J.`) stays.
fn trim_head(h: &str) -> &str {
    let mut t = h.trim();
    loop {
        let before = t;
        t = t.trim_end_matches([',', ':', ';', ' ']);
        if let Some(stem) = t.strip_suffix('.') {
            let last = stem
                .rsplit(|c: char| c.is_whitespace() || c == '.')
                .next()
                .unwrap_or("");
            let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
            if !initial {
                t = stem;
            }
        }
        if t == before {
            return t;
        }
    }
}

// The word lists asked of every word of a note's author head, as hash sets: scanned word by
// word, the 192 organisation words had cost a twentieth of reading the notes.

/// [`ORG_WORDS_LIST`] as a set.
static ORG_WORDS: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| ORG_WORDS_LIST.iter().copied().collect());
/// [`ORG_COMMON_LIST`] as a set.
static ORG_COMMON: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| ORG_COMMON_LIST.iter().copied().collect());

/// Whether a piece of an author head names an organisation rather than a person.
fn is_org(piece: &str) -> bool {
    let words: Vec<&str> = piece
        .split_whitespace()
        .map(word_core)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    if words.len() == 1 {
        return true; // `Reuters`, `NATO`, `Chinafile`: a lone word is not a personal name
    }
    if words.len() > 6 {
        return true;
    }
    if words.first().is_some_and(|w| *w == "The") {
        return true;
    }
    let initial = |w: &&str| w.trim_end_matches('.').chars().count() == 1;
    if words.len() >= 3 && !words.iter().any(initial) && words.iter().any(|w| ORG_COMMON.contains(w)) {
        return true;
    }
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches('.');
        if ORG_WORDS.contains(&bare) {
            return true;
        }
        if w.chars().any(|c| c.is_ascii_digit()) || w.contains('&') {
            return true;
        }
        let first = w.chars().next().unwrap_or('x');
        if first.is_lowercase()
            && !PARTICLES.contains(&w.to_lowercase().as_str())
            && !w.starts_with("al-")
            && !w.starts_with("el-")
        {
            return true; // `of`, `for`, `the`
        }
        if let Some(n) = acronym_letters(w) {
            // `YP Rajesh`, `JR Smith`: two capitals before a surname are initials
            let initials = i == 0 && n <= 2 && words.len() == 2 && !w.contains('.');
            let dotted_initials = w.contains('.')
                && w.chars().filter(|c| c.is_alphabetic()).count() == n
                && i + 1 < words.len()
                && n <= 2
                && !matches!(bare, "U.S" | "U.K" | "U.N" | "E.U");
            let roman = matches!(bare, "II" | "III" | "IV" | "VI");
            if !(initials || dotted_initials || roman) {
                return true;
            }
        }
    }
    false
}

/// An unquoted first field that names a document rather than its author: a possessive
/// (`Leaders’`, `Minister's`) or a document genre (`Joint Statement`, `Resolution`), and no
/// organisation word of its own (`Prime Minister’s Office` is the author).
fn reads_as_title(f: &str) -> bool {
    const GENRES: &[&str] = &[
        "Statement",
        "Declaration",
        "Communiqué",
        "Communique",
        "Resolution",
        "Decree",
        "Memorandum",
        "Readout",
        "Remarks",
        "Speech",
        "Address",
        "Transcript",
        "Release",
        "Sheet",
        "Letter",
        "Treaty",
        "Agreement",
        "Accord",
        "Strategy",
        "Plan",
        "Directive",
        "Proclamation",
        "Notice",
        "Guidelines",
        "Charter",
    ];
    let words: Vec<&str> = f.split_whitespace().map(word_core).collect();
    let possessive = words
        .iter()
        .any(|w| w.len() > 3 && (w.ends_with("’s") || w.ends_with("'s") || w.ends_with("s’") || w.ends_with("s'")));
    let genre = words.iter().any(|w| GENRES.contains(w));
    words.len() >= 2
        && (possessive || genre)
        && !words
            .iter()
            .any(|w| ORG_WORDS.contains(&w.trim_end_matches(['’', '\'', 's'])) || ORG_WORDS.contains(w))
}

/// Whether a piece is a personal name in display order.
fn is_person(piece: &str) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !is_org(piece)
        && words.iter().all(|w| {
            let c = word_core(w);
            c.chars().next().is_some_and(|ch| ch.is_uppercase())
                || PARTICLES.contains(&c.to_lowercase().as_str())
                || c.starts_with("al-")
                || c.starts_with("el-")
        })
}

/// Looks like given names: `Ashley J.`, `A. J.`, `Mary`.
fn is_given(piece: &str) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !w.chars().any(|c| c.is_ascii_digit()))
        && !is_org(&format!("{piece} X"))
}

/// An author head → (personal names as "Given Family", organisation).
pub fn parse_names(head: &str) -> (Vec<String>, Option<String>) {
    let mut h = trim_head(head).to_string();
    if let Some(re) = rx(&HANDLE) {
        h = re.replace_all(&h, "").into_owned();
    }
    // `et al.` adds no name, but marks the head as personal authors
    let mut et_al = false;
    for tail in [", et al", " et al"] {
        if let Some(k) = h.find(tail) {
            h.truncate(k);
            et_al = true;
        }
    }
    let h = trim_head(&h).to_string();
    if h.is_empty() {
        return (Vec::new(), None);
    }
    // `Kjellstrom et al.` (a short form): a lone surname before `et al.` is a person
    if et_al && !h.contains(char::is_whitespace) && !h.contains(',') {
        let surname = h.chars().next().is_some_and(char::is_uppercase)
            && acronym_letters(&h).is_none()
            && !ORG_WORDS.contains(&h.as_str());
        if surname {
            return (vec![h], None);
        }
    }
    let pieces: Vec<String> = match rx(&NAME_SPLIT) {
        Some(re) => re
            .split(&h)
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        None => vec![h.clone()],
    };
    let strip = |p: &str| -> String {
        // (the honorific opens the name: what follows it)
        rx(&HONORIFIC)
            .and_then(|re| re.find(p))
            .and_then(|m| p.get(m.end()..))
            .unwrap_or(p)
            .trim()
            .to_string()
    };
    let first_is_org = pieces
        .first()
        .is_some_and(|p| is_org(&strip(p)) && !is_given_inverted(&pieces));
    if first_is_org {
        return (Vec::new(), Some(h));
    }
    // editor/translator marks are roles, not names
    let pieces: Vec<String> = pieces
        .into_iter()
        .filter(|p| {
            let l = p.trim_end_matches('.').to_lowercase();
            !matches!(
                l.trim_matches(['(', ')']),
                "ed" | "eds" | "editor" | "editors" | "comp" | "comps" | "trans"
            )
        })
        .collect();
    let mut people = Vec::new();
    let mut org: Option<String> = None;
    let mut i = 0;
    while let Some(p) = pieces.get(i) {
        let p = strip(p);
        // inverted `Family, Given` (bibliography style): a one-word surname then given names
        if i == 0 && is_given_inverted(&pieces) {
            if let Some(given) = pieces.get(1) {
                people.push(format!("{} {}", given.trim(), p));
                i += 2;
                continue;
            }
        }
        if is_person(&p) {
            people.push(p);
        } else if org.is_none() && !p.is_empty() {
            org = Some(p);
        }
        i += 1;
    }
    if people.is_empty() {
        return (Vec::new(), Some(h));
    }
    (people, org)
}

/// `Tellis, Ashley J.` / `Tellis, Ashley J., and Jane Doe`: the first two pieces are an inverted name.
fn is_given_inverted(pieces: &[String]) -> bool {
    let (Some(family), Some(given)) = (pieces.first(), pieces.get(1)) else {
        return false;
    };
    let fam_words: Vec<&str> = family.split_whitespace().collect();
    let one_word = fam_words.len() == 1
        || (fam_words.len() <= 3
            && fam_words
                .iter()
                .take(fam_words.len().saturating_sub(1))
                .all(|w| PARTICLES.contains(&w.to_lowercase().as_str())));
    let fam_last = fam_words.last().copied().unwrap_or("");
    one_word
        && fam_last.chars().next().is_some_and(char::is_uppercase)
        && acronym_letters(fam_last).is_none()
        && !ORG_WORDS.contains(&fam_last)
        && is_given(given)
        // two people each of one word (`Smith, Jones`) would look the same: demand an initial or
        // that the next piece is not itself a full name
        && (given.contains('.') || given.split_whitespace().count() == 1 || !is_person(given))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Markdown-free test notes: `*…*` marks emphasis and is removed.
    fn note(src: &str) -> Vec<Citation> {
        let mut text = String::new();
        let mut emph = Vec::new();
        let mut open: Option<usize> = None;
        for ch in src.chars() {
            if ch == '*' {
                match open.take() {
                    Some(s) => emph.push((s, text.len())),
                    None => open = Some(text.len()),
                }
            } else {
                text.push(ch);
            }
        }
        parse_note(&text, &emph)
    }

    /// [`Note::top_level`] as first written: every character asked in turn.
    fn top_level_by_char(n: &Note, r: Range, set: &[char]) -> Vec<(usize, char)> {
        let mut depth = Depth::default();
        let mut out = Vec::new();
        for (i, c) in n.slice(r).char_indices() {
            let at = r.0 + i;
            if n.is_protected(at) {
                continue;
            }
            if depth.top() && set.contains(&c) {
                out.push((at, c));
            }
            depth.step(c);
        }
        out
    }

    /// [`Note::outside_quotes`] as first written: every character asked in turn; a blank as
    /// [`Note::blank`] defines it, a character at a time.
    fn outside_quotes_by_char(n: &Note, r: Range) -> String {
        let mut blanks: Vec<Range> = n.emph_in(r);
        blanks.extend(n.urls_in(r));
        let mut open: Option<(usize, char)> = None;
        for (i, c) in n.slice(r).char_indices() {
            let at = r.0 + i;
            if !n.is_protected(at) {
                blanks.extend(close_quote(&mut open, at, c));
            }
        }
        let blanked = |at: usize| blanks.iter().any(|&(a, b)| a <= at && at < b);
        n.slice(r)
            .char_indices()
            .map(|(i, c)| {
                if blanked(r.0 + i) {
                    " ".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    proptest::proptest! {
        /// A note's text outside its quotes, found from its quotes alone, is what reading every
        /// character finds; blanks longer than the spaces kept at hand included.
        #[test]
        fn outside_quotes_is_read_from_the_quotes(
            text in "([a-z .,“”\"—é]|https://x\\.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa){0,40}",
            a in 0usize..120,
            b in 0usize..120,
        ) {
            let n = Note::new(&text, &[(a.min(b), a.max(b))]);
            let whole = (0, text.len());
            proptest::prop_assert_eq!(n.outside_quotes(whole), outside_quotes_by_char(&n, whole));
        }

        /// The walk that passes over the characters it need not look at finds the top-level
        /// characters the walk of every character finds: quotes, brackets, URLs, emphasis and
        /// characters beyond ASCII about, sets of ASCII and of other characters.
        #[test]
        fn top_level_passes_over_nothing_it_needs(
            text in "([a-z .,;?!()\\[\\]\"“”«»é—]|https://x\\.org/a\\.b){0,60}",
            a in 0usize..80,
            b in 0usize..80,
        ) {
            let n = Note::new(&text, &[(a.min(b), a.max(b))]);
            let whole = (0, text.len());
            for set in [&[';', '.', '?', '!', '"', '“'][..], &[','], &['«', '»', 'é'], &[]] {
                proptest::prop_assert_eq!(n.top_level(whole, set), top_level_by_char(&n, whole, set));
                let half = trim_range(&text, (text.len() / 2, text.len()));
                if text.is_char_boundary(half.0) {
                    proptest::prop_assert_eq!(n.top_level(half, set), top_level_by_char(&n, half, set));
                }
            }
        }
    }

    fn one(src: &str) -> Citation {
        let v = note(src);
        assert_eq!(v.len(), 1, "{v:#?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn chicago_curly_quotes_news() {
        let c = one("Priya Raman and Tomás O’Leary, “Harbour Talks Stall Again,” *The Coastal Herald*, Sept. 5, 2020, accessed March 1, 2021, https://coastalherald.example.com/2020/09/05/harbour-talks.");
        assert_eq!(c.authors, vec!["Priya Raman", "Tomás O’Leary"]);
        assert_eq!(c.title.as_deref(), Some("Harbour Talks Stall Again"));
        assert_eq!(c.container.as_deref(), Some("The Coastal Herald"));
        assert_eq!(c.date.as_deref(), Some("2020-09-05"));
        assert_eq!(c.accessed.as_deref(), Some("2021-03-01"));
        assert_eq!(
            c.url.as_deref(),
            Some("https://coastalherald.example.com/2020/09/05/harbour-talks")
        );
        assert_eq!(c.kind, Kind::News);
    }

    #[test]
    fn straight_quotes_keep_question_mark() {
        let c = one(r#"Lena Park, "Can Small States Hedge?," *Pacific Quarterly Online*, 12 March 2019."#);
        assert_eq!(c.title.as_deref(), Some("Can Small States Hedge?"));
        assert_eq!(c.date.as_deref(), Some("2019-03-12"));
    }

    #[test]
    fn journal_with_volume_issue_pages() {
        let c = one("Omar Haddad, “Deterrence by Denial Revisited,” *Journal of Maritime Strategy* 17, no. 2 (May/June 2011): 45–67, https://doi.org/10.5555/jms.2011.17.2.45.");
        assert_eq!(c.container.as_deref(), Some("Journal of Maritime Strategy"));
        assert_eq!(c.volume.as_deref(), Some("17"));
        assert_eq!(c.issue.as_deref(), Some("2"));
        assert_eq!(c.pages.as_deref(), Some("45–67"));
        assert_eq!(c.date.as_deref(), Some("2011-05"));
        assert_eq!(c.doi.as_deref(), Some("10.5555/jms.2011.17.2.45"));
        assert_eq!(c.kind, Kind::Journal);
    }

    #[test]
    fn vol_no_form() {
        let c = one(r#"Ana Ruiz, "Fisheries and Law," *Ocean Policy Review*, vol. 8, no. 4 (2003), pp. 101-119."#);
        assert_eq!(c.volume.as_deref(), Some("8"));
        assert_eq!(c.issue.as_deref(), Some("4"));
        assert_eq!(c.date.as_deref(), Some("2003"));
    }

    #[test]
    fn book_with_publisher() {
        let c = one(
            "Helen Brandt, *Rivers of Empire: Water and Power in Central Asia* (Oxford: Clarendon Press, 1999), 12–14.",
        );
        assert_eq!(c.authors, vec!["Helen Brandt"]);
        assert_eq!(
            c.title.as_deref(),
            Some("Rivers of Empire: Water and Power in Central Asia")
        );
        assert_eq!(c.container.as_deref(), Some("Clarendon Press"));
        assert_eq!(c.date.as_deref(), Some("1999"));
        // the pages after the publication block are the pinpoint, not the book's extent
        assert_eq!(c.locator.as_deref(), Some("12–14"));
        assert_eq!(c.pages, None);
        assert_eq!(c.kind, Kind::Book);
    }

    #[test]
    fn report_with_series_and_publisher() {
        let c = one("Jonas Weber, *Grid Security in the Baltic*, Working Paper No. 12 (Berlin: Institute for Energy Futures, March 2018).");
        assert_eq!(c.container.as_deref(), Some("Institute for Energy Futures"));
        assert_eq!(c.date.as_deref(), Some("2018-03"));
        assert_eq!(c.kind, Kind::Report);
    }

    #[test]
    fn government_institution_author() {
        let c = one("Ministry of Agriculture and Fisheries, “Annual Catch Statistics,” press release, January 3, 2022, https://www.agri.gov.example/releases/catch-2021.");
        assert!(c.authors.is_empty());
        assert_eq!(c.institution.as_deref(), Some("Ministry of Agriculture and Fisheries"));
        assert_eq!(c.title.as_deref(), Some("Annual Catch Statistics"));
        assert_eq!(c.date.as_deref(), Some("2022-01-03"));
        assert_eq!(c.kind, Kind::Government);
    }

    #[test]
    fn acronym_institution() {
        let c = one(r#"UNHCR, "Displacement Figures," June 2, 2017."#);
        assert_eq!(c.institution.as_deref(), Some("UNHCR"));
        assert!(c.authors.is_empty());
    }

    #[test]
    fn news_without_author_plain_outlet() {
        let c = one(r#""Port Strike Enters Second Week," Daily Mercury, 14 February 2024."#);
        assert!(c.authors.is_empty());
        assert_eq!(c.container.as_deref(), Some("Daily Mercury"));
        assert_eq!(c.date.as_deref(), Some("2024-02-14"));
        assert_eq!(c.kind, Kind::News);
    }

    #[test]
    fn several_works_with_semicolons() {
        let v = note(
            r#"Ivo Petrov, "Gas and Grids; A Primer," *Energy Notes*, May 2, 2018; Sara Lind, "Cold Winters," Nordic Post, 2019; and Kim Tran, *Delta Blues* (Hanoi: River Press, 2005)."#,
        );
        assert_eq!(v.len(), 3, "{v:#?}");
        assert_eq!(v[0].title.as_deref(), Some("Gas and Grids; A Primer"));
        assert_eq!(v[1].authors, vec!["Sara Lind"]);
        assert_eq!(v[1].container.as_deref(), Some("Nordic Post"));
        assert_eq!(v[2].authors, vec!["Kim Tran"]);
        assert_eq!(v[2].container.as_deref(), Some("River Press"));
        assert!(v[0].range.1 <= v[1].range.0);
    }

    #[test]
    fn ibid_forms() {
        for (src, loc) in [
            ("Ibid.", None),
            ("Ibid., 12.", Some("12")),
            ("Id. at 5", Some("5")),
            ("ibid", None),
            ("Ibid., pp. 3–4; see also elsewhere.", Some("3–4")),
        ] {
            let c = one(src);
            assert!(c.ibid, "{src}");
            assert_eq!(c.locator.as_deref(), loc, "{src}");
            assert!(c.title.is_none());
        }
        assert!(!one("Identity Politics Today, \"A Title,\" 2001.").ibid);
    }

    #[test]
    fn inverted_names_and_et_al() {
        let c = one("Okafor, Chidi N. *Sahel Security Dynamics*. Lagos: Harmattan Books, 2015.");
        assert_eq!(c.authors, vec!["Chidi N. Okafor"]);
        let c = one(r#"Beatriz Costa et al., "Urban Heat Islands," *Climate Letters* 4 (2020): 9–15."#);
        assert_eq!(c.authors, vec!["Beatriz Costa"]);
        let c = one(r#"R. Mehta, T. K. Bose, and L. Iyer, "Monsoon Models," *Atmos* 3, no. 1 (2012): 1–9."#);
        assert_eq!(c.authors, vec!["R. Mehta", "T. K. Bose", "L. Iyer"]);
    }

    #[test]
    fn doi_in_publisher_url_and_mention() {
        let c = one(
            r#"Mia Holt, "Tariffs and Trust," *Trade Law Quarterly* 9, no. 1 (2016): 3–20, https://www.tandfonline.com/doi/full/10.4321/tlq.2016.001#abstract."#,
        );
        assert_eq!(c.doi.as_deref(), Some("10.4321/tlq.2016.001"));
        assert_eq!(
            c.url.as_deref(),
            Some("https://www.tandfonline.com/doi/full/10.4321/tlq.2016.001#abstract")
        );
        let c = one(r#"Noor Ali, "Salt Roads," *Desert Studies* 2 (2009): 11–30, doi:10.7777/ds.2009.2.11."#);
        assert_eq!(c.doi.as_deref(), Some("10.7777/ds.2009.2.11"));
        // a DOI-shaped path outside the /doi/ convention is not taken
        let c = one(
            r#"Eve Stone, "Alliances," *Handbook Online*, https://handbook.example.org/view/10.9999/hb/9780000000001.001.0001/hb-e-7."#,
        );
        assert_eq!(c.doi, None);
    }

    #[test]
    fn url_trailing_punctuation_and_parens() {
        let c = one("Wiki Project, “Delta (river),” https://en.example.org/wiki/Delta_(river).");
        assert_eq!(c.url.as_deref(), Some("https://en.example.org/wiki/Delta_(river)"));
        let c = one("Agency X, “Page,” (see https://x.example.org/a?b=1&c=2®=3).");
        assert_eq!(c.url.as_deref(), Some("https://x.example.org/a?b=1&c=2®=3"));
    }

    #[test]
    fn access_date_before_publication_kept() {
        let c = one(
            r#"Tom Hale, "Forecast 2030," *Energy Week*, December 2, 2024, accessed November 20, 2024, https://energyweek.example.com/f2030."#,
        );
        assert_eq!(c.date.as_deref(), Some("2024-12-02"));
        assert_eq!(c.accessed.as_deref(), Some("2024-11-20"));
        let c = one(r#""Harvest Data," *Farm Portal*, accessed 3 May 2022, https://farm.example/harvest."#);
        assert_eq!(c.date, None);
        assert_eq!(c.accessed.as_deref(), Some("2022-05-03"));
    }

    #[test]
    fn plain_text_without_quotes() {
        let c = one("Federal Ministry of Transport, Rail Corridor Agreement between the Republic of Alpha and the Kingdom of Beta, May 4, 2012.");
        assert_eq!(c.institution.as_deref(), Some("Federal Ministry of Transport"));
        assert_eq!(
            c.title.as_deref(),
            Some("Rail Corridor Agreement between the Republic of Alpha and the Kingdom of Beta")
        );
        assert_eq!(c.date.as_deref(), Some("2012-05-04"));
    }

    #[test]
    fn commentary_then_see_also() {
        let v = note("The rule was amended twice before 2010. See also Library Research Unit Report R12345, *Fishing Quotas Explained*, by Dana K. Moss and Eli Ford.");
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].title.as_deref(), Some("Fishing Quotas Explained"));
        assert_eq!(v[0].authors, vec!["Dana K. Moss", "Eli Ford"]);
        assert_eq!(v[0].container.as_deref(), Some("Library Research Unit"));
    }

    #[test]
    fn pure_commentary() {
        let v = note("Author's calculations from customs data.");
        assert_eq!(v.len(), 1);
        assert!(v[0].title.is_none());
        let v = note("The table is available at https://stats.example.org/t1.");
        assert_eq!(v[0].url.as_deref(), Some("https://stats.example.org/t1"));
    }

    #[test]
    fn podcast_and_interview() {
        let c =
            one(r#"Ada Quinn, "Episode 4: Ports," Harbor Hour (podcast, June 1, 2021), https://harborhour.example/4."#);
        assert_eq!(c.container.as_deref(), Some("Harbor Hour"));
        assert_eq!(c.date.as_deref(), Some("2021-06-01"));
        assert_eq!(c.kind, Kind::Podcast);
        let c = one("Lars Berg, interview by Mona Eid, *Nordic Tribune*, 2 June 2013.");
        assert_eq!(c.authors, vec!["Lars Berg"]);
        assert_eq!(c.container.as_deref(), Some("Nordic Tribune"));
        assert_eq!(c.kind, Kind::Interview);
    }

    #[test]
    fn author_date_styles() {
        let c = one("Okoro, B. N., & Hale, T. (2017). Coastal shipping after the crisis. *Maritime Economics*, *9*(4), 201–219. https://doi.org/10.4444/me.2017.9.4");
        assert_eq!(c.authors, vec!["B. N. Okoro", "T. Hale"]);
        assert_eq!(c.title.as_deref(), Some("Coastal shipping after the crisis"));
        assert_eq!(c.container.as_deref(), Some("Maritime Economics"));
        assert_eq!(
            (c.volume.as_deref(), c.issue.as_deref(), c.pages.as_deref()),
            (Some("9"), Some("4"), Some("201–219"))
        );
        assert_eq!(c.date.as_deref(), Some("2017"));
        assert_eq!(c.doi.as_deref(), Some("10.4444/me.2017.9.4"));
        let c = one("Ferris, L. (2015) 'Salt and empire', *Imperial Review*, 3(1), pp. 7–19. Available at: https://ir.example.org/salt (Accessed: 2 June 2016).");
        assert_eq!(c.authors, vec!["L. Ferris"]);
        assert_eq!(c.title.as_deref(), Some("Salt and empire"));
        assert_eq!(c.accessed.as_deref(), Some("2016-06-02"));
        assert_eq!(c.date.as_deref(), Some("2015"));
    }

    /// Every two-step pattern of the notes finds what its one regex finds, groups and all, on
    /// the seed's notes and every case input.
    #[test]
    fn bounded_patterns_are_their_regexes() {
        let texts = crate::pattern::case_texts(&[]);
        for b in bounded_patterns() {
            b.as_ref().unwrap().assert_as_regex("a notes pattern", &texts);
        }
    }

    /// Every start pattern of the notes finds what its one regex finds, groups and all, at the
    /// start of every line of the seed and the case inputs and after each of their commas, and
    /// on reports' numbers beside letters beyond ASCII (which its narrow copy cannot read).
    #[test]
    fn start_patterns_are_their_regexes() {
        let texts = crate::pattern::case_texts(&[
            "Congressional Research Service, Report R48179\nMünchner Institut Working Paper 12\nStiftung Policy Brief 7ä\nÉcole Normale Report No. Ä-٣٣",
        ]);
        for (i, p) in start_patterns().iter().enumerate() {
            p.as_ref()
                .unwrap()
                .assert_as_regex(&format!("start pattern {i}"), &texts);
        }
    }

    #[test]
    fn every_pattern_compiles_and_is_warmed() {
        assert!(patterns().iter().all(|p| p.is_some()));
        assert!(bounded_patterns().iter().all(|p| p.is_some()));
        // a pattern added without a place in the list would be compiled on the critical path
        let declared = include_str!("cite.rs").matches("\npattern!(").count();
        assert_eq!(declared, patterns().len());
        let declared = include_str!("cite.rs").matches("\nbounded!(").count();
        assert_eq!(declared, bounded_patterns().len());
        assert!(start_patterns().iter().all(|p| p.is_some()));
        let source = include_str!("cite.rs");
        let declared = source.matches("\nstart!(").count() + source.matches("\nreading!(").count();
        assert_eq!(declared, start_patterns().len());
    }

    #[test]
    fn publisher_block_limits() {
        let city = |t: &str| publisher_block(t).and_then(|c| c.name("city").map(|m| m.as_str().to_string()));
        assert_eq!(city("A Book (London: Verso, 2019)").as_deref(), Some("London"));
        // a city of 61 characters is no city; the next block is still found
        let long = format!("A Book ({}: Verso, 2019), then (Paris: Seuil, 2020)", "x".repeat(61));
        assert_eq!(city(&long).as_deref(), Some("Paris"));
        assert_eq!(
            city(&format!("A Book ({}: Verso, 2019)", "x".repeat(60))).map(|c| c.len()),
            Some(60)
        );
        assert_eq!(city(&format!("A Book (London: {})", "v".repeat(201))), None);
        assert!(city(&format!("A Book (London: {})", "v".repeat(200))).is_some());
    }

    #[test]
    fn bibliography_style_periods() {
        let c = one("Moreau, Claire. “Winter Routes.” *Arctic Affairs* 11, no. 2 (2014): 40–58.");
        assert_eq!(c.authors, vec!["Claire Moreau"]);
        assert_eq!(c.title.as_deref(), Some("Winter Routes"));
        assert_eq!(c.container.as_deref(), Some("Arctic Affairs"));
        assert_eq!(c.pages.as_deref(), Some("40–58"));
    }

    #[test]
    fn chapter_in_edited_book() {
        let c = one("Ines Vidal, “Borders,” in *Atlas of Frontiers*, ed. Omar Sy (Madrid: Sol Press, 2007), 55–70.");
        assert_eq!(c.container.as_deref(), Some("Atlas of Frontiers"));
        assert_eq!(c.date.as_deref(), Some("2007"));
    }

    #[test]
    fn long_note_is_fast() {
        let one_work = "Ann Bee, \"A Title, Again,\" *Some Outlet*, May 1, 2020, https://example.org/a; ";
        let long = one_work.repeat(2000);
        let start = std::time::Instant::now();
        let v = parse_note(&long, &[]);
        assert_eq!(v.len(), 2000);
        assert!(start.elapsed().as_secs() < 20);
    }

    #[test]
    fn many_links_and_emphasis_stay_fast() {
        let mut text = String::new();
        let mut emph = Vec::new();
        for i in 0..3000 {
            let a = text.len();
            text.push_str("Outlet");
            emph.push((a, text.len()));
            text.push_str(&format!(", https://example.org/{i}; "));
        }
        let start = std::time::Instant::now();
        let v = parse_note(&text, &emph);
        assert!(!v.is_empty());
        assert!(start.elapsed().as_secs() < 20);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "“",
            "\"",
            "*",
            "; ; ;",
            "See",
            "Ibid",
            "(((",
            "https://",
            "doi:10.",
            "é“”‘’",
            ". . .",
        ] {
            let _ = note(s);
        }
        let long = "word, \"x,\" ".repeat(5000);
        let _ = parse_note(&long, &[(0, 3), (2, 1), (10_000_000, 10_000_001)]);
    }

    #[test]
    fn pinpoints_are_locators() {
        let c = one("Amara Obi, *Rails and Rivers* (Accra: Volta Press, 2011), 88.");
        assert_eq!(c.container.as_deref(), Some("Volta Press"));
        assert_eq!((c.locator.as_deref(), c.pages.as_deref()), (Some("88"), None));
        // a single page after the journal's date is the pinpoint; a range is the article
        let c = one("Sun Li, “Quiet Ports,” *Coastal Studies* 12, no. 3 (2019): 233.");
        assert_eq!((c.locator.as_deref(), c.pages.as_deref()), (Some("233"), None));
        let c = one("Sun Li, “Quiet Ports,” *Coastal Studies* 12, no. 3 (2019): 220–41.");
        assert_eq!((c.locator.as_deref(), c.pages.as_deref()), (None, Some("220–41")));
        // pages, then the page pointed at
        let c = one("Sun Li, “Quiet Ports,” *Coastal Studies* 12, no. 3 (2019): 220–41, 233.");
        assert_eq!(
            (c.locator.as_deref(), c.pages.as_deref()),
            (Some("233"), Some("220–41"))
        );
        // a short form: surname, short title, page
        let c = one("Okonkwo et al., “Quiet Ports,” 45–46, doi:10.5555/cs.2019.12.3.");
        assert_eq!(c.locator.as_deref(), Some("45–46"));
        assert_eq!(c.authors, vec!["Okonkwo"]);
        assert_eq!(c.institution, None);
        let c = one("Okonkwo, “Quiet Ports,” 45.");
        assert_eq!(c.locator.as_deref(), Some("45"));
        // a year is no page
        let c = one("Okonkwo, “Quiet Ports,” 2019.");
        assert_eq!(c.locator, None);
    }

    #[test]
    fn organisations_without_org_words() {
        for (src, inst) in [
            (
                "Save Coastal Wetlands, *Annual Review 2021* (Dakar: SCW, 2022).",
                "Save Coastal Wetlands",
            ),
            (
                "Eastern Nile Power Pool, “Grid Outlook,” March 3, 2021.",
                "Eastern Nile Power Pool",
            ),
            (
                "Agencia Espacial Mexicana, “Programa Satelital,” 2020.",
                "Agencia Espacial Mexicana",
            ),
            (
                "West African Shipping Review Board, *Tariffs* (Lagos: WASRB, 2018).",
                "West African Shipping Review Board",
            ),
        ] {
            let c = one(src);
            assert_eq!(c.institution.as_deref(), Some(inst), "{src}");
            assert!(c.authors.is_empty(), "{src}");
        }
        // three-word personal names stay persons
        for name in [
            "Muhammad Adnan Khan",
            "Sarita Chaganti Singh",
            "Pinak Ranjan Chakravarty",
            "Jalal Dehghani Firoozabadi",
            "Farhan Hanif Siddiqi",
            "Nguyen Thi Lan",
        ] {
            let c = one(&format!(
                "{name}, “Border Trade Notes,” *The Daily Ledger*, May 2, 2021."
            ));
            assert_eq!(c.authors, vec![name]);
            assert_eq!(c.institution, None);
        }
    }

    #[test]
    fn unquoted_title_then_issuer() {
        let c = one("Ministers’ Joint Communiqué, Office of the President, June 2, 2019.");
        assert_eq!(c.title.as_deref(), Some("Ministers’ Joint Communiqué"));
        assert_eq!(c.institution.as_deref(), Some("Office of the President"));
        assert!(c.authors.is_empty());
        assert_eq!(c.date.as_deref(), Some("2019-06-02"));
        // an organisation with a possessive stays the author
        let c = one("Prime Minister’s Office, Harbour Development Plan, March 2020.");
        assert_eq!(c.institution.as_deref(), Some("Prime Minister’s Office"));
        assert_eq!(c.title.as_deref(), Some("Harbour Development Plan"));
        // a numbered item: its number is no year
        let c = one("Government of Ruritania, Decree No. 1712, October 3, 2019.");
        assert_eq!(c.title.as_deref(), Some("Decree No. 1712"));
        assert_eq!(c.date.as_deref(), Some("2019-10-03"));
    }

    #[test]
    fn news_by_structure_and_host() {
        let c = one("Mara Quist, “Harbour Deal Signed,” The Lantern, June 4, 2021, https://thelantern.example.com/2021/06/04/harbour.");
        assert_eq!(c.kind, Kind::News);
        let c = one("“Grid Fails Again,” Evening Courant, 2020, https://www.regionnews.example.com/grid.");
        assert_eq!(c.kind, Kind::News);
        // a think tank's page, dated to the day, on an institutional host is no news
        let c = one("Mara Quist, “Harbour Deal Signed,” Polar Policy Forum, June 4, 2021, https://polarforum.example.org/harbour.");
        assert_ne!(c.kind, Kind::News);
        // small outlets are not named in the cue list
        assert!(!hit(&NEWS_CUE, "Montsame"));
    }

    #[test]
    fn combatant_commands_are_government() {
        assert!(hit(&GOV_CUE, "AFRICOM"));
        assert!(hit(&GOV_CUE, "U.S. SOUTHCOM"));
        assert!(!hit(&GOV_CUE, "Telecom Weekly"));
    }

    #[test]
    fn empty_family_name_does_not_underflow() {
        assert!(!is_given_inverted(&[String::new(), "Ashley".to_string()]));
    }

    #[test]
    fn a_remark_gives_its_url_to_the_work_and_nothing_else() {
        let c = one(
            "Board of Peace, “The Mission.” The full text is available at https://boardofpeace.example.org/mission.",
        );
        assert_eq!(c.title.as_deref(), Some("The Mission"));
        assert_eq!(c.container, None);
        assert_eq!(c.url.as_deref(), Some("https://boardofpeace.example.org/mission"));
        // after commentary, and in prose after a semicolon
        let c = one("“Rights Report,” Rights News Agency, May 18, 2026. The agency is based abroad. Its report is at https://news.example.org/r.");
        assert_eq!(c.url.as_deref(), Some("https://news.example.org/r"));
        assert_eq!(c.date.as_deref(), Some("2026-05-18"));
        let c = one("World Bank, “Basin Report,” 2021; it was updated in 2022 and can be downloaded at https://wb.example.org/b.");
        assert_eq!(c.url.as_deref(), Some("https://wb.example.org/b"));
        assert_eq!(c.date.as_deref(), Some("2021"));
        // a second URL and a DOI link in a remark; an access date in it
        let c = one("Jane Doe, “Dams,” *Water Policy* 3 (2020), https://wp.example.org/d. Also at https://doi.org/10.1234/wp.3, accessed May 5, 2021.");
        assert_eq!(c.urls, vec!["https://wp.example.org/d", "https://doi.org/10.1234/wp.3"]);
        assert_eq!(c.doi.as_deref(), Some("10.1234/wp.3"));
        assert_eq!(c.accessed.as_deref(), Some("2021-05-05"));
    }

    #[test]
    fn a_remark_alone_cites_its_page() {
        let c = one("Text of the agreement is available at https://state.example.gov/mou.");
        assert_eq!(c.url.as_deref(), Some("https://state.example.gov/mou"));
    }

    #[test]
    fn ibid_with_a_remark() {
        let c = one("Ibid, 8. The English summary is at https://ports.example.org/en.");
        assert!(c.ibid);
        assert_eq!(c.locator.as_deref(), Some("8"));
        assert_eq!(c.url.as_deref(), Some("https://ports.example.org/en"));
    }

    #[test]
    fn a_closing_quote_after_a_full_stop_ends_nothing_but_before_a_remark() {
        // the journal after a title's closing full stop stays with its work
        let c = one("Jane Doe, “Why Rivers Matter.” *Water Policy* 3 (2020): 1–9.");
        assert_eq!(c.title.as_deref(), Some("Why Rivers Matter"));
        assert_eq!(c.container.as_deref(), Some("Water Policy"));
    }
}
