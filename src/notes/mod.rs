//! Notes → sources: each note's cited works, `Ibid.` and short forms resolved, one source per work.
//!
//! Takes: the notes of a [`Document`]. Gives: [`Notes`]: the distinct [`Source`]s (one per work,
//! however many notes cite it: same DOI, same URL up to scheme, `www.` and trailing slash, or same
//! title and first author) and, per note, the [`Cite`]s that point at them with what that note
//! alone says (access date, page, URL). Audits the notes on the way: access dates before
//! publication or long after every other date, notes repeated word for word, one DOI under two
//! venues, one work under two titles.

pub mod cite;
pub mod date;

use crate::diag::{code, Diagnostics};
use crate::document::Document;
use crate::span::Span;
pub use cite::{Citation, Kind};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeMap;

/// One cited work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The stable key its id is made from: `doi:…`, `url:…`, `title:…` or `text:…`.
    pub key: String,
    pub citation: Citation,
    /// Every URL printed for it, in order of first appearance.
    pub urls: Vec<String>,
    /// Notes citing it, in order, each once.
    pub notes: Vec<u32>,
    /// The citation's text in the first note that gives it.
    pub raw: String,
    /// The span of that first note.
    pub span: Span,
}

/// One note's pointer to a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub note: u32,
    pub source: usize,
    pub accessed: Option<String>,
    pub locator: Option<String>,
    /// The URL this note prints, when it differs from the source's.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub sources: Vec<Source>,
    pub cites: Vec<Cite>,
    /// Note number → indices into `cites`.
    by_note: BTreeMap<u32, Vec<usize>>,
}

impl Notes {
    pub fn cites_of(&self, note: u32) -> impl Iterator<Item = &Cite> {
        self.by_note
            .get(&note)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.cites.get(i))
    }
}

/// Resolves the notes of a document into sources.
pub fn resolve(doc: &Document, diags: &mut Diagnostics) -> Notes {
    let mut out = Notes::default();
    let mut keys: HashMap<String, usize> = HashMap::new();
    // (source, URL) pairs already listed: one look-up per URL, however many a work has
    let mut listed: HashSet<(usize, String)> = HashSet::new();
    // sources by their first author's family name, for short forms
    let mut by_family: HashMap<String, Vec<usize>> = HashMap::new();
    // works of the last note that cited something, for Ibid.
    let mut last_works: Vec<usize> = Vec::new();
    let mut prev_text: Option<&str> = None;
    let mut last_locator: Option<String> = None;
    for note in &doc.notes {
        let text = note.inline.text.as_str();
        let repeated = prev_text.is_some_and(|p| same_words(p, text)) && text.chars().any(char::is_alphanumeric);
        if repeated && !is_ibid_text(text) {
            diags.warn(
                code::REPEATED_NOTE,
                note.span,
                Some(note.n),
                format!(
                    "note {} repeats the previous note word for word; Ibid. would say so",
                    note.n
                ),
            );
        }
        prev_text = Some(text);
        let mut citations = cite::parse_note(text, &note.inline.emphasis);
        attach_links(&mut citations, text, &note.inline.links);
        if citations.is_empty() {
            diags.warn(
                code::EMPTY_NOTE,
                note.span,
                Some(note.n),
                format!("note {} is empty", note.n),
            );
            continue;
        }
        if let [c] = citations.as_slice() {
            if c.ibid {
                // a bare Ibid. points at the same page as the note it repeats
                let locator = c.locator.clone().or_else(|| last_locator.clone());
                last_locator = locator.clone();
                if last_works.is_empty() {
                    diags.warn(
                        code::IBID_WITHOUT_ANTECEDENT,
                        note.span,
                        Some(note.n),
                        format!("note {} says Ibid. but no earlier note cites a work", note.n),
                    );
                    continue;
                }
                // a URL printed after the Ibid. is the repeated work's (the first, if several)
                let printed: Vec<String> = c.url.iter().chain(c.urls.iter()).cloned().collect();
                for (k, &w) in last_works.iter().enumerate() {
                    let mut url = None;
                    if let (0, Some(s)) = (k, out.sources.get_mut(w)) {
                        for u in &printed {
                            list_url(s, &mut listed, w, u);
                        }
                        if s.citation.url.is_none() {
                            s.citation.url = printed.first().cloned();
                        }
                        url = printed.first().filter(|u| s.citation.url.as_ref() != Some(u)).cloned();
                    }
                    out.cites.push(Cite {
                        note: note.n,
                        source: w,
                        accessed: None,
                        locator: locator.clone(),
                        url,
                    });
                    push_note(&mut out.sources, w, note.n);
                }
                continue;
            }
        }
        let mut works = Vec::new();
        for c in citations.drain(..) {
            let raw = text.get(c.range.0..c.range.1).unwrap_or(text).trim().to_string();
            let w = match short_form(&out.sources, &by_family, &c) {
                Some(w) => w,
                None => {
                    let before = out.sources.len();
                    let index = (&mut keys, &mut listed);
                    let w = add(&mut out.sources, index, c.clone(), raw, note.span, note.n, diags);
                    if out.sources.len() > before {
                        if let Some(f) = out.sources.get(w).and_then(|s| s.citation.authors.first()) {
                            by_family.entry(family(f)).or_default().push(w);
                        }
                    }
                    w
                }
            };
            push_note(&mut out.sources, w, note.n);
            let url = c
                .url
                .clone()
                .filter(|u| out.sources.get(w).and_then(|s| s.citation.url.as_ref()) != Some(u));
            out.cites.push(Cite {
                note: note.n,
                source: w,
                accessed: c.accessed.clone(),
                locator: c.locator.clone(),
                url,
            });
            works.push(w);
            if let (Some(a), Some(d)) = (&c.accessed, &c.date) {
                if before(a, d) {
                    let title = c.title.as_deref().unwrap_or("the work");
                    diags.warn(
                        code::ACCESSED_BEFORE_PUBLISHED,
                        note.span,
                        Some(note.n),
                        format!(
                            "note {}: “{title}” is dated {d} but said to be accessed on {a}, before it appeared",
                            note.n
                        ),
                    );
                }
            }
        }
        last_locator = out.cites.last().and_then(|c| c.locator.clone());
        last_works = works;
    }
    late_access(doc, &out, diags);
    for (i, c) in out.cites.iter().enumerate() {
        out.by_note.entry(c.note).or_default().push(i);
    }
    out
}

/// The targets of a note's Markdown links are URLs it prints: each belongs to the citation whose
/// text holds the link, else (a link in a remark: `The full text is [online](https://…)`) to the
/// citation before it, else to the first. Only web addresses count: an anchor (`#fnref3`, the
/// back-link of a converted web page) or a `mailto:` names no work, and a link whose text is
/// itself a URL was counted as printed.
fn attach_links(citations: &mut [Citation], text: &str, links: &[((usize, usize), String)]) {
    let mut added = false;
    for ((a, b), url) in links {
        let web = |u: &str| u.starts_with("http://") || u.starts_with("https://") || u.starts_with("www.");
        if !web(url) || text.get(*a..*b).is_some_and(|t| web(t.trim())) {
            continue;
        }
        // citations come in the order of the note: the last one starting before the link holds
        // it or is the one before it
        let holder = citations.partition_point(|c| c.range.0 <= *a).saturating_sub(1);
        if let Some(c) = citations.get_mut(holder) {
            c.add_url(url);
            added = true;
        }
    }
    if added {
        citations.iter_mut().for_each(Citation::tidy_urls);
    }
}

fn push_note(sources: &mut [Source], w: usize, n: u32) {
    if let Some(s) = sources.get_mut(w) {
        if !s.notes.contains(&n) {
            s.notes.push(n);
        }
    }
}

fn is_ibid_text(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    t.starts_with("ibid") || t.starts_with("id.")
}

/// A short note (`Tellis, “India’s Great-Power Delusions,” 12.`) naming an earlier work by its
/// author and the start of its title, with nothing else to identify it.
fn short_form(sources: &[Source], by_family: &HashMap<String, Vec<usize>>, c: &Citation) -> Option<usize> {
    if c.url.is_some() || c.doi.is_some() || c.date.is_some() || c.container.is_some() {
        return None;
    }
    let title = normalise(c.title.as_deref()?);
    if title.split(' ').count() < 2 {
        return None;
    }
    let family = family(c.authors.first()?);
    by_family.get(&family)?.iter().copied().find(|&w| {
        sources
            .get(w)
            .and_then(|s| s.citation.title.as_deref())
            .map(normalise)
            .is_some_and(|st| st != title && st.starts_with(&title))
    })
}

fn keys(c: &Citation, raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(doi) = &c.doi {
        out.push(["doi:", &doi.to_lowercase()].concat());
    }
    let mut seen = HashSet::new();
    for url in c.url.iter().chain(c.urls.iter()) {
        let k = ["url:", &normalise_url(url)].concat();
        if seen.insert(k.clone()) {
            out.push(k);
        }
    }
    if let Some(t) = &c.title {
        let t = normalise(t);
        if t.split(' ').count() >= 4 {
            let who = c
                .authors
                .first()
                .map(|a| family(a))
                .or_else(|| c.institution.as_deref().map(normalise))
                .unwrap_or_default();
            out.push(["title:", &t, "|", &who].concat());
        }
    }
    if out.is_empty() {
        out.push(["text:", &normalise(raw)].concat());
    }
    out
}

/// Lists `url` among the URLs of source `w`, once.
fn list_url(s: &mut Source, listed: &mut HashSet<(usize, String)>, w: usize, url: &str) {
    if listed.insert((w, url.to_string())) {
        s.urls.push(url.to_string());
    }
}

#[allow(clippy::too_many_arguments)]
fn add(
    sources: &mut Vec<Source>,
    (index, listed): (&mut HashMap<String, usize>, &mut HashSet<(usize, String)>),
    c: Citation,
    raw: String,
    span: Span,
    n: u32,
    diags: &mut Diagnostics,
) -> usize {
    let ks = keys(&c, &raw);
    let existing = ks.iter().find_map(|k| index.get(k).copied());
    let w = match existing.and_then(|w| sources.get_mut(w).map(|s| (w, s))) {
        Some((w, s)) => {
            audit_merge(s, &c, span, n, diags);
            for u in c.url.iter().chain(c.urls.iter()) {
                list_url(s, listed, w, u);
            }
            merge(s, c);
            w
        }
        None => {
            let w = sources.len();
            let mut s = Source {
                key: ks.first().cloned().unwrap_or_default(),
                citation: Citation::default(),
                urls: Vec::new(),
                notes: Vec::new(),
                raw,
                span,
            };
            for u in c.url.iter().chain(c.urls.iter()) {
                list_url(&mut s, listed, w, u);
            }
            s.citation = c;
            sources.push(s);
            w
        }
    };
    for k in ks {
        index.entry(k).or_insert(w);
    }
    w
}

fn audit_merge(s: &Source, c: &Citation, span: Span, n: u32, diags: &mut Diagnostics) {
    let first = s.notes.first().copied().unwrap_or(0);
    if let (Some(d1), Some(d2)) = (&s.citation.doi, &c.doi) {
        if d1.eq_ignore_ascii_case(d2) {
            if let (Some(v1), Some(v2)) = (&s.citation.container, &c.container) {
                if !same_text(v1, v2) {
                    diags.warn(
                        code::DOI_TWO_VENUES,
                        span,
                        Some(n),
                        format!("note {n}: DOI {d2} is given under “{v2}” here and under “{v1}” in note {first}"),
                    );
                }
            }
        }
    }
    if let (Some(t1), Some(t2)) = (&s.citation.title, &c.title) {
        if !same_text(t1, t2) {
            diags.warn(
                code::WORK_TWO_TITLES,
                span,
                Some(n),
                format!("note {n}: the work of note {first} appears here as “{t2}”, there as “{t1}”"),
            );
        }
    }
}

/// Equal, one inside the other, or four words in five shared, after normalising.
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a == b || a.contains(&b) || b.contains(&a) {
        return true;
    }
    let wa: std::collections::BTreeSet<&str> = a.split(' ').collect();
    let wb: std::collections::BTreeSet<&str> = b.split(' ').collect();
    let shared = wa.intersection(&wb).count();
    let all = wa.union(&wb).count().max(1);
    shared * 5 >= all * 4
}

fn merge(s: &mut Source, c: Citation) {
    let t = &mut s.citation;
    macro_rules! fill {
        ($($f:ident),*) => {$( if t.$f.is_none() { t.$f = c.$f.clone(); } )*};
    }
    fill!(institution, title, container, volume, issue, pages, date, doi);
    if t.authors.is_empty() {
        t.authors = c.authors.clone();
    }
    if let Some(a) = &c.accessed {
        if t.accessed.as_ref().is_none_or(|b| a < b) {
            t.accessed = Some(a.clone());
        }
    }
    if t.url.is_none() {
        t.url = c.url;
    }
}

/// An access date long after every other date the notes know (the other access dates and every
/// publication date) is most likely a typo or an impossible date.
fn late_access(doc: &Document, notes: &Notes, diags: &mut Diagnostics) {
    let Some(latest_pub) = notes
        .sources
        .iter()
        .filter_map(|s| s.citation.date.as_deref())
        .filter_map(days)
        .max()
    else {
        return;
    };
    let accessed: Vec<(u32, i64, &str)> = notes
        .cites
        .iter()
        .filter_map(|c| c.accessed.as_deref().and_then(|a| days(a).map(|d| (c.note, d, a))))
        .collect();
    // the two latest distinct access dates: every date's "latest other" is one of them
    let mut top: Vec<i64> = Vec::with_capacity(2);
    for &(_, d, _) in &accessed {
        if !top.contains(&d) {
            top.push(d);
            top.sort_unstable_by(|a, b| b.cmp(a));
            top.truncate(2);
        }
    }
    let mut flagged = std::collections::BTreeSet::new();
    for &(n, d, a) in &accessed {
        let Some(others) = top.iter().copied().find(|&t| t != d) else {
            continue;
        };
        if d > others + 60 && d > latest_pub && flagged.insert(n) {
            let span = doc.note(n).map(|x| x.span).unwrap_or_default();
            diags.warn(
                code::ACCESSED_AFTER_DOCUMENT,
                span,
                Some(n),
                format!("note {n}: accessed {a}, months after every other date in the notes; a typo?"),
            );
        }
    }
}

/// `a` is earlier than `b`, compared at the precision both dates have.
fn before(a: &str, b: &str) -> bool {
    let len = a.len().min(b.len());
    match (a.get(..len), b.get(..len)) {
        (Some(x), Some(y)) => x < y,
        _ => false,
    }
}

/// Days since year 0 of an ISO date, partial dates taken at their start; for comparisons only.
fn days(iso: &str) -> Option<i64> {
    let mut parts = iso.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    let d: i64 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(1);
    Some(y * 372 + (m - 1) * 31 + (d - 1))
}

/// Lower-case words of letters and digits, single letters run together (`U.S.` → `us`).
pub fn normalise(s: &str) -> String {
    // (written straight into one string: every note's names and titles pass here, and a string
    // per word and a list of them cost more than the lower-casing)
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let mut word = String::new();
    let push = |out: &mut String, w: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    };
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        word.clear();
        if w.is_ascii() {
            word.push_str(w);
            word.make_ascii_lowercase();
        } else {
            // (the whole word at once: a final sigma lower-cases by its place in the word)
            word.push_str(&w.to_lowercase());
        }
        let mut cs = word.chars();
        if cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none() {
            run.push_str(&word);
            continue;
        }
        if !run.is_empty() {
            push(&mut out, &run);
            run.clear();
        }
        push(&mut out, &word);
    }
    if !run.is_empty() {
        push(&mut out, &run);
    }
    out
}

/// Whether `a` and `b` normalise alike: `normalise(a) == normalise(b)`, told at the first
/// letter or digit where they differ. Every note is compared with the one before it, and
/// normalising both had cost a note's words lower-cased and copied (1% of a corpus's build).
/// Lower-case letters and digits in order, σ and ς as one, are what normalising keeps of a text
/// (its words are lower-cased as wholes, which only a final sigma tells from a letter at a time):
/// where they differ the two cannot normalise alike; where they agree, both are normalised.
fn same_words(a: &str, b: &str) -> bool {
    fn kept(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ς' { 'σ' } else { c })
    }
    kept(a).eq(kept(b)) && normalise(a) == normalise(b)
}

/// The URL key: scheme, `www.` and trailing slash dropped, host lower-cased.
pub fn normalise_url(url: &str) -> String {
    let u = url.trim().trim_start_matches('<').trim_end_matches('>');
    let u = u.split_once("://").map_or(u, |(_, rest)| rest);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.trim_end_matches('/');
    match u.split_once('/') {
        Some((host, path)) => [&host.to_lowercase(), "/", path].concat(),
        None => u.to_lowercase(),
    }
}

/// Family name of a "Given Family" display name, normalised.
pub fn family(name: &str) -> String {
    normalise(name).rsplit(' ').next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_keys() {
        assert_eq!(normalise_url("https://www.Example.org/a/B/"), "example.org/a/B");
        assert_eq!(normalise_url("http://example.org"), "example.org");
    }

    #[test]
    fn normalising() {
        assert_eq!(normalise("U.S.-India Relations"), "us india relations");
        // letters alone join into one word wherever they stand; a word not in ASCII lower-cases
        // as a whole (a final sigma is ς)
        assert_eq!(normalise("A. B. Émile — ΟΔΥΣΣΕΥΣ, X"), "ab émile οδυσσευς x");
        assert!(same_text("US-India Divergence", "U.S.-India Divergence"));
        assert!(same_words("U.S.-India, 2024.", "U. S. India 2024"));
        assert!(!same_words("U.S.-India, 2024.", "U.S. India 2025"));
        assert!(!same_words("US India", "USI ndia"));
        assert!(same_words("ΟΔΥΣΣΕΥΣ", "οδυσσευς"));
        assert!(!same_text("Politics & Foresight", "Political Science Quarterly"));
    }

    #[test]
    fn dates_compare_at_common_precision() {
        assert!(before("2025-08-13", "2025-08-27"));
        assert!(!before("2025-08-13", "2025"));
        assert!(!before("2025-08", "2025-08-27"));
    }

    proptest::proptest! {
        /// Two notes are told alike exactly when they normalise alike: texts of the same words
        /// (single letters, a final sigma, a dotted capital I, digits) in other cases and with
        /// other marks between them, and texts whose words differ.
        #[test]
        fn same_words_is_normalising_alike(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "U", "S", "us", "India", "ΟΔΥΣΣΕΥΣ", "Σ", "ς", "İstanbul", "2024", "é", "ndia", "x",
            ]), 0..6),
            other in proptest::collection::vec(proptest::sample::select(vec![
                "U", "S", "us", "India", "οδυσσευς", "σ", "istanbul", "2025", "É", "Usi", "x",
            ]), 0..6),
            seps in proptest::collection::vec(proptest::sample::select(vec![
                " ", ". ", ".", "-", ", ", " — ", "’", "",
            ]), 7),
            flip in proptest::bool::ANY,
            mix in proptest::bool::ANY,
        ) {
            let join = |ws: &[&str], seps: &[&str]| {
                ws.iter().zip(seps).map(|(w, s)| format!("{w}{s}")).collect::<String>()
            };
            let a = join(&words, &seps);
            let b = if mix { join(&other, &seps[1..]) } else { join(&words, &seps[1..]) };
            let b = if flip { b.to_uppercase() } else { b };
            proptest::prop_assert_eq!(same_words(&a, &b), normalise(&a) == normalise(&b), "{:?} {:?}", a, b);
        }
    }
}
