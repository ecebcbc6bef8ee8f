//! Drivers of convergence and divergence, from tables and from section structure.
//!
//! Takes: a [`Document`]. Gives: [`Driver`]s, the forces a paper says push two actors toward
//! convergence or divergence, at the systemic or the domestic level, one driver however often it
//! is named.
//!
//! Two rules find them:
//!
//! - `driver/table`: a table with a column of levels (its cells name a level: "Systemic /
//!   International", "Internal / Bureaucratic") and two columns headed by the two polarities
//!   ("Convergence" and "Divergence", "Cooperation" and "Friction", "Opportunities" and
//!   "Challenges", in either order) gives one driver per list item of each polarity cell. The
//!   label is the item's lead phrase (its emphasised opening, else the text before a colon or the
//!   first short sentence), the description its whole text.
//! - `driver/section`: a leaf heading (one with no sub-headings) under a heading that announces a
//!   polarity ("Points of Convergence", "B. Frictions at the Domestic Level") is a driver. Its
//!   polarity is the nearest enclosing heading's, else its own words'. Its level is its own
//!   words' ("Domestic Drivers: …", "Barriers at Domestic Levels"), else the nearest enclosing
//!   heading's, else the level of the nearest preceding sibling that named one, else the one the
//!   section's vocabulary points to (international structure and other states: systemic;
//!   bureaucracy, politics, industry: domestic), a guess reported as warning `P030`.
//!
//! One driver named twice (a table item and a section) is one driver: two drivers merge when their
//! polarity and level agree and the token sets of their labels (lower-cased, hyphens and
//! apostrophes split, stop words dropped) have a Jaccard index of at least 0.6.
//! Example: "Defense market incentives" (table) and "Defense-market Incentives" (section) merge;
//! "Political signaling" and "Political Signaling and Institutionalized Dialogue Mechanisms" stay
//! apart (0.4).

use crate::diag::Diagnostics;
use crate::document::{clean_heading, BlockKind, Document, Inline, Table};
use crate::span::Span;
use std::collections::BTreeSet;

/// The diagnostic code for a driver whose level was inferred from its section's vocabulary.
pub const LEVEL_GUESSED: crate::diag::Code = crate::diag::code::DRIVER_LEVEL_GUESSED;

pub const CONVERGENCE: &str = "convergence";
pub const DIVERGENCE: &str = "divergence";
pub const SYSTEMIC: &str = "systemic";
pub const DOMESTIC: &str = "domestic";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub label: String,
    pub polarity: &'static str,
    pub level: &'static str,
    pub origin: Vec<&'static str>,
    pub description: String,
    /// Every label it was found under, when more than one origin or item named it.
    pub aliases: Vec<String>,
    pub span: Span,
    /// Blocks whose claims support it (its section) and whose text it involves.
    pub blocks: Vec<usize>,
    /// The clean ranges `(block, start, end)` of those blocks that belong to it (a table item is
    /// part of its cell); claims and mentions inside them count for it.
    pub ranges: Vec<(usize, usize, usize)>,
    /// Source spans of every place it is named, `span` first.
    pub spans: Vec<Span>,
    /// The rules that found it (`driver/table`, `driver/section`).
    pub rules: Vec<&'static str>,
}

impl Driver {
    /// Its stable key: polarity, level and normalised label (`convergence:domestic:defense-market-incentives`).
    pub fn key(&self) -> String {
        [self.polarity, ":", self.level, ":", &slug(&self.label)].concat()
    }
}

pub fn extract(doc: &Document, diags: &mut Diagnostics) -> Vec<Driver> {
    let mut out: Vec<Driver> = Vec::new();
    for d in from_tables(doc).into_iter().chain(from_sections(doc, diags)) {
        push_merged(&mut out, d);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// vocabulary

const CONVERGENCE_WORDS: &[&str] = &[
    "convergence",
    "convergences",
    "convergent",
    "converging",
    "cooperation",
    "opportunities",
    "opportunity",
    "drivers",
    "synergies",
];
const DIVERGENCE_WORDS: &[&str] = &[
    "divergence",
    "divergences",
    "divergent",
    "diverging",
    "friction",
    "frictions",
    "constraints",
    "challenges",
    "tensions",
    "obstacles",
];
const SYSTEMIC_WORDS: &[&str] = &[
    "systemic",
    "international",
    "structural",
    "global",
    "regional",
    "external",
    "geopolitical",
];
const DOMESTIC_WORDS: &[&str] = &["domestic", "internal", "bureaucratic", "national", "institutional"];
/// Words of a section's text that point to one level, when no heading names it.
const SYSTEMIC_CUES: &[&str] = &[
    "systemic",
    "international",
    "structural",
    "global",
    "regional",
    "geopolitical",
    "geopolitics",
    "system",
    "order",
    "balance",
    "power",
    "powers",
    "rivalry",
    "rise",
    "states",
    "alliance",
    "alliances",
    "multipolar",
    "multipolarity",
    "hegemony",
    "region",
    "world",
    "threat",
    "threats",
    "strategic",
];
const DOMESTIC_CUES: &[&str] = &[
    "domestic",
    "internal",
    "bureaucratic",
    "bureaucracy",
    "bureaucracies",
    "institutional",
    "institutions",
    "politics",
    "political",
    "parliament",
    "congress",
    "legislature",
    "election",
    "elections",
    "electoral",
    "party",
    "industry",
    "industrial",
    "firms",
    "companies",
    "procurement",
    "acquisition",
    "ministry",
    "ministries",
    "agency",
    "agencies",
    "budget",
    "regulation",
    "regulations",
    "reforms",
    "public",
    "opinion",
    "leadership",
    "culture",
];
const LEVEL_NOUNS: &[&str] = &[
    "level",
    "levels",
    "dimension",
    "dimensions",
    "factors",
    "drivers",
    "pressures",
];
const STOP: &[&str] = &[
    "a", "an", "and", "as", "at", "both", "by", "for", "from", "in", "into", "its", "of", "on", "or", "over", "s",
    "the", "their", "to", "vs", "with",
];

/// Lower-cased words (letters and digits; hyphens, apostrophes and all else split).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn has_any(ws: &[String], list: &[&str]) -> bool {
    ws.iter().any(|w| list.contains(&w.as_str()))
}

/// The one polarity `s` names, or `None` when it names none or both.
fn polarity_of(s: &str) -> Option<&'static str> {
    let ws = words(s);
    match (has_any(&ws, CONVERGENCE_WORDS), has_any(&ws, DIVERGENCE_WORDS)) {
        (true, false) => Some(CONVERGENCE),
        (false, true) => Some(DIVERGENCE),
        _ => None,
    }
}

fn names_polarity(s: &str) -> bool {
    let ws = words(s);
    has_any(&ws, CONVERGENCE_WORDS) || has_any(&ws, DIVERGENCE_WORDS)
}

fn level_word(w: &str) -> Option<&'static str> {
    if SYSTEMIC_WORDS.contains(&w) {
        Some(SYSTEMIC)
    } else if DOMESTIC_WORDS.contains(&w) {
        Some(DOMESTIC)
    } else {
        None
    }
}

fn only_level(ws: &[String]) -> Option<&'static str> {
    let levels: BTreeSet<&'static str> = ws.iter().filter_map(|w| level_word(w)).collect();
    match levels.len() {
        1 => levels.into_iter().next(),
        _ => None,
    }
}

/// The level `s` names: a level word before "level(s)" ("at the Domestic Level") first, then a
/// level named in a lead before a colon ("Systemic Pressures: …"), then the one level its words
/// name. `None` when it names none, or both without one of those clues.
fn level_of(s: &str) -> Option<&'static str> {
    let ws = words(s);
    let qualified: BTreeSet<&'static str> = ws
        .windows(2)
        .filter(|p| p.get(1).is_some_and(|n| LEVEL_NOUNS.contains(&n.as_str())))
        .filter_map(|p| p.first().and_then(|w| level_word(w)))
        .collect();
    if qualified.len() == 1 {
        return qualified.into_iter().next();
    }
    if let Some((lead, _)) = s.split_once(':') {
        if let Some(l) = only_level(&words(lead)) {
            return Some(l);
        }
    }
    only_level(&ws)
}

/// Content tokens of a label: words without stop words.
fn tokens(s: &str) -> BTreeSet<String> {
    words(s).into_iter().filter(|w| !STOP.contains(&w.as_str())).collect()
}

/// Whether two labels name the same driver: token Jaccard ≥ 0.6.
fn same_label(a: &str, b: &str) -> bool {
    let (x, y) = (tokens(a), tokens(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let inter = x.intersection(&y).count();
    let union = x.union(&y).count();
    inter * 5 >= union * 3
}

/// The normalised label used in ids: lower-case words joined by `-`.
pub fn slug(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.replace(['\'', '’'], "").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn push_merged(out: &mut Vec<Driver>, d: Driver) {
    let same = out
        .iter_mut()
        .find(|o| o.polarity == d.polarity && o.level == d.level && same_label(&o.label, &d.label));
    let Some(o) = same else {
        out.push(d);
        return;
    };
    for x in d.origin {
        if !o.origin.contains(&x) {
            o.origin.push(x);
        }
    }
    for x in d.rules {
        if !o.rules.contains(&x) {
            o.rules.push(x);
        }
    }
    if o.aliases.is_empty() {
        o.aliases.push(o.label.clone());
    }
    let mut labels = vec![d.label];
    labels.extend(d.aliases);
    for l in labels {
        if !o.aliases.contains(&l) {
            o.aliases.push(l);
        }
    }
    if o.description.is_empty() {
        o.description = d.description;
    }
    for b in d.blocks {
        if !o.blocks.contains(&b) {
            o.blocks.push(b);
        }
    }
    o.ranges.extend(d.ranges);
    for s in d.spans {
        if !o.spans.contains(&s) {
            o.spans.push(s);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// tables

/// Where a driver table keeps its levels and its polarities.
#[derive(Debug, Clone)]
struct Layout {
    level_col: usize,
    columns: Vec<(usize, &'static str)>,
}

fn cell<'d>(doc: &'d Document, table: &Table, row: usize, col: usize) -> Option<(usize, &'d Inline)> {
    let b = *table.rows.get(row)?.get(col)?;
    Some((b, &doc.blocks.get(b)?.inline))
}

fn layout(doc: &Document, table: &Table) -> Option<Layout> {
    let width = table.header.len();
    if table.rows.is_empty() {
        return None;
    }
    let level_col = (0..width).find(|&c| {
        let named = (0..table.rows.len())
            .filter(|&r| cell(doc, table, r, c).is_some_and(|(_, i)| i.items.len() <= 1 && level_of(&i.text).is_some()))
            .count();
        named > 0 && named * 2 >= table.rows.len()
    })?;
    let mut columns: Vec<(usize, &'static str)> = Vec::new();
    for (c, h) in table.header.iter().enumerate() {
        if c == level_col {
            continue;
        }
        if let Some(p) = polarity_of(h) {
            if !columns.iter().any(|&(_, q)| q == p) {
                columns.push((c, p));
            }
        }
    }
    if columns.len() < 2 {
        return None;
    }
    Some(Layout { level_col, columns })
}

/// Driver tables; one split by a page break is already one table (see the document reader).
fn from_tables(doc: &Document) -> Vec<Driver> {
    let mut out = Vec::new();
    for table in &doc.tables {
        let Some(lay) = layout(doc, table) else { continue };
        for r in 0..table.rows.len() {
            let Some(level) = cell(doc, table, r, lay.level_col).and_then(|(_, i)| level_of(&i.text)) else {
                continue;
            };
            for &(c, polarity) in &lay.columns {
                if let Some((b, inl)) = cell(doc, table, r, c) {
                    out.extend(cell_drivers(b, inl, polarity, level));
                }
            }
        }
    }
    out
}

const BULLETS: &[char] = &['•', '▪', '■', '●', '◦', '‣', '-', '*', '–'];

fn trim_item(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = text.get(a..b).unwrap_or("");
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || BULLETS.contains(&c));
    let a2 = a + (s.len() - t.len());
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || c == '•' || c == '▪');
    (a2, a2 + t.len())
}

/// Clean ranges of the list items of a cell: its `items`, else its bullets, else all of it.
fn item_ranges(text: &str, items: &[usize]) -> Vec<(usize, usize)> {
    let mut starts: Vec<usize> = items.iter().copied().filter(|&i| i <= text.len()).collect();
    if starts.is_empty() {
        starts = text.match_indices(['•', '▪']).map(|(i, _)| i).collect();
    }
    if starts
        .first()
        .is_none_or(|&s| !text.get(..s).unwrap_or("").trim().is_empty())
    {
        starts.insert(0, 0);
    }
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(text.len());
        let (a, b) = trim_item(text, s, e);
        if b > a && text.get(a..b).is_some_and(|t| t.chars().any(char::is_alphabetic)) {
            out.push((a, b));
        }
    }
    out
}

fn cell_drivers(block: usize, inl: &Inline, polarity: &'static str, level: &'static str) -> Vec<Driver> {
    let mut out = Vec::new();
    for (a, b) in item_ranges(&inl.text, &inl.items) {
        let Some(item) = inl.text.get(a..b) else { continue };
        let em = inl
            .emphasis
            .iter()
            .find(|&&(s, e)| s >= a && s <= a + 4 && e > s)
            .map(|&(s, e)| (s - a, e.min(b) - a));
        let label = lead_phrase(item, em);
        if label.is_empty() {
            continue;
        }
        let span = inl.span(a, b);
        out.push(Driver {
            label,
            polarity,
            level,
            origin: vec!["table"],
            description: item.to_string(),
            aliases: Vec::new(),
            span,
            blocks: vec![block],
            ranges: vec![(block, a, b)],
            spans: vec![span],
            rules: vec!["driver/table"],
        });
    }
    out
}

const MAX_LABEL_WORDS: usize = 12;

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn trim_label(s: &str) -> String {
    s.trim()
        .trim_end_matches(|c: char| matches!(c, ':' | '.' | ';' | ',' | '—' | '–') || c.is_whitespace())
        .trim()
        .to_string()
}

/// The end of the clause starting at the beginning of `s`: before `(`, `:`, `;`, `—`, or a `.`
/// or `,` followed by a space or the end.
fn clause_end(s: &str) -> usize {
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next_space = it.peek().is_none_or(|&(_, n)| n.is_whitespace());
        match c {
            '(' | ':' | ';' | '—' | '–' => return i,
            '.' | ',' if next_space => return i,
            _ => {}
        }
    }
    s.len()
}

/// An item's lead phrase: its emphasised opening (carried to the end of the clause when the
/// emphasis stops mid-phrase), else the text before a colon, else its first short clause.
fn lead_phrase(item: &str, em: Option<(usize, usize)>) -> String {
    if let Some((s, e)) = em {
        let emph = item.get(s..e).unwrap_or("");
        let rest = item.get(e..).unwrap_or("");
        let stops = emph.trim_end().ends_with([':', '.', ';', ',', '!', '?'])
            || rest.trim_start().is_empty()
            || rest.trim_start().starts_with([':', '.', ';', ',', '(', '—', '–']);
        if !stops {
            let whole = item.get(s..e + clause_end(rest)).unwrap_or(emph);
            if word_count(whole) <= MAX_LABEL_WORDS {
                return trim_label(whole);
            }
        }
        let l = trim_label(emph);
        if !l.is_empty() {
            return l;
        }
    }
    if let Some((lead, _)) = item.split_once(':') {
        if word_count(lead) <= 8 && !lead.trim().is_empty() {
            return trim_label(lead);
        }
    }
    let first = item.get(..clause_end(item)).unwrap_or(item);
    if word_count(first) <= MAX_LABEL_WORDS {
        return trim_label(first);
    }
    trim_label(&item.split_whitespace().take(8).collect::<Vec<_>>().join(" "))
}

// ---------------------------------------------------------------------------------------------
// sections

/// A heading's label: without bullets, emphasis, trailing markers or an enumerator ("A.", "2)").
fn heading_label(inl: &Inline) -> String {
    let t = clean_heading(inl);
    let mut parts = t.splitn(2, ' ');
    let (Some(first), Some(rest)) = (parts.next(), parts.next()) else {
        return t;
    };
    let enumerator = first.len() <= 5
        && first.ends_with(['.', ')'])
        && first
            .trim_end_matches(['.', ')'])
            .trim_start_matches('(')
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || matches!(c, 'i' | 'v' | 'x'))
        && first.len() > 1;
    if enumerator {
        rest.trim().to_string()
    } else {
        t
    }
}

fn from_sections(doc: &Document, diags: &mut Diagnostics) -> Vec<Driver> {
    let headings: Vec<(usize, u8)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b.kind {
            BlockKind::Heading { level } => Some((i, level)),
            _ => None,
        })
        .collect();
    // the level each heading names itself, by position in `headings`
    let mut named: Vec<Option<&'static str>> = Vec::with_capacity(headings.len());
    let mut out = Vec::new();
    for (k, &(i, level)) in headings.iter().enumerate() {
        let Some(block) = doc.blocks.get(i) else {
            named.push(None);
            continue;
        };
        let label = heading_label(&block.inline);
        let own_level = level_of(&label);
        named.push(own_level);
        let leaf = headings.get(k + 1).is_none_or(|&(_, l)| l <= level);
        let enclosing: Vec<&String> = match block.section.split_last() {
            Some((_, parents)) => parents.iter().rev().collect(),
            None => Vec::new(),
        };
        if !leaf || label.is_empty() || !enclosing.iter().any(|h| names_polarity(h)) {
            continue;
        }
        let Some(polarity) = enclosing
            .iter()
            .find_map(|h| polarity_of(h))
            .or_else(|| polarity_of(&label))
        else {
            continue;
        };
        let section = section_blocks(doc, i);
        let level = match own_level.or_else(|| enclosing.iter().find_map(|h| level_of(h))) {
            Some(l) => l,
            None => match sibling_level(doc, &headings, &named, k) {
                Some(l) => l,
                None => {
                    let (l, sys, dom) = content_level(doc, &section);
                    diags.warn(
                        LEVEL_GUESSED,
                        block.inline.full_span(),
                        None,
                        format!(
                            "driver \"{label}\" names no level; taken as {l} from its section's words \
                             ({sys} systemic, {dom} domestic)"
                        ),
                    );
                    l
                }
            },
        };
        let span = match block.inline.text.find(&label) {
            Some(at) => block.inline.span(at, at + label.len()),
            None => block.inline.full_span(),
        };
        let description = section
            .iter()
            .filter_map(|&b| doc.blocks.get(b))
            .find(|b| !matches!(b.kind, BlockKind::Heading { .. }))
            .map(|b| b.inline.text.clone())
            .unwrap_or_else(|| label.clone());
        out.push(Driver {
            label,
            polarity,
            level,
            origin: vec!["section"],
            description,
            aliases: Vec::new(),
            span,
            ranges: section.iter().map(|&b| (b, 0, usize::MAX)).collect(),
            blocks: section,
            spans: vec![span],
            rules: vec!["driver/section"],
        });
    }
    out
}

/// The heading block `h` and every block inside its section.
fn section_blocks(doc: &Document, h: usize) -> Vec<usize> {
    let Some(path) = doc.blocks.get(h).map(|b| &b.section) else {
        return Vec::new();
    };
    let mut out = vec![h];
    for (j, b) in doc.blocks.iter().enumerate().skip(h + 1) {
        if b.section.len() < path.len() || b.section.get(..path.len()) != Some(path.as_slice()) {
            break;
        }
        if matches!(b.kind, BlockKind::Heading { .. }) && b.section.len() == path.len() {
            break; // a sibling with the same name
        }
        out.push(j);
    }
    out
}

/// The level named by the nearest preceding sibling heading (same level, same parents).
fn sibling_level(
    doc: &Document,
    headings: &[(usize, u8)],
    named: &[Option<&'static str>],
    k: usize,
) -> Option<&'static str> {
    let &(i, level) = headings.get(k)?;
    let parents = doc.blocks.get(i)?.section.split_last()?.1;
    for j in (0..k).rev() {
        let &(bi, l) = headings.get(j)?;
        if l < level {
            return None;
        }
        if l > level {
            continue;
        }
        let sib = doc.blocks.get(bi)?.section.split_last()?.1;
        if sib != parents {
            return None;
        }
        if let Some(n) = named.get(j).copied().flatten() {
            return Some(n);
        }
    }
    None
}

/// The level a section's words point to, with the two counts; systemic on a tie.
fn content_level(doc: &Document, blocks: &[usize]) -> (&'static str, usize, usize) {
    let (mut sys, mut dom) = (0, 0);
    for b in blocks.iter().filter_map(|&b| doc.blocks.get(b)) {
        for w in words(&b.inline.text) {
            if SYSTEMIC_CUES.contains(&w.as_str()) {
                sys += 1;
            } else if DOMESTIC_CUES.contains(&w.as_str()) {
                dom += 1;
            }
        }
    }
    let level = if dom > sys { DOMESTIC } else { SYSTEMIC };
    (level, sys, dom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document;

    fn run(text: &str) -> (Vec<Driver>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let doc = document::read(text, &mut diags);
        let mut d2 = Diagnostics::new();
        let drivers = extract(&doc, &mut d2);
        (drivers, d2)
    }

    fn find<'a>(ds: &'a [Driver], label: &str) -> &'a Driver {
        let found = ds.iter().find(|d| d.label == label);
        assert!(
            found.is_some(),
            "no driver {label:?} in {:#?}",
            ds.iter().map(|d| &d.label).collect::<Vec<_>>()
        );
        found.unwrap_or_else(|| unreachable!())
    }

    fn kind(d: &Driver) -> (&str, &str) {
        (d.polarity, d.level)
    }

    const SWAPPED: &str = "\
# Maritime Partnership Between Two Middle Powers

Jane Doe

## Introduction

Both navies have exercised together since 2015.

| Level | Challenges | Opportunities |
|---|---|---|
| Global / Structural | <ul><li><i>Rival alliances:</i> each side courts the other's rivals.</li><li><i>Sanctions exposure</i> from third states.</li></ul> | <ul><li><i>Shared sea lanes:</i> both depend on the same straits.</li></ul> |
| National / Institutional | <ul><li><i>Slow procurement:</i> tenders take years.</li></ul> | <ul><li><i>Industrial complementarity:</i> shipyards on one side, engines on the other.</li></ul> |

## Opportunities at the Regional Level

The sea brings them together.

### Shared Sea-Lanes

Both economies depend on the same straits and ports.

### Port Access

Each navy may use the other's ports for repairs.

## Sources of Friction

### External Pressures: Rival Alliances

Each courts the other's rivals.

### Arms Embargo Politics

Embargoes by third states weigh on both.

# Constraints

## Parliamentary Oversight

Parliament must approve every purchase, the budget committee delays funds and the ministry's bureaucracy reviews each tender twice.

## Naval Rivalry

A rising power in the region shifts the balance; the rivalry between states and great powers reorders the world.

# Conclusion

Both will keep talking.
";

    #[test]
    fn swapped_columns_other_levels_other_words() {
        let (ds, diags) = run(SWAPPED);
        assert_eq!(kind(find(&ds, "Rival alliances")), (DIVERGENCE, SYSTEMIC));
        assert_eq!(
            kind(find(&ds, "Sanctions exposure from third states")),
            (DIVERGENCE, SYSTEMIC)
        );
        assert_eq!(kind(find(&ds, "Slow procurement")), (DIVERGENCE, DOMESTIC));
        assert_eq!(kind(find(&ds, "Industrial complementarity")), (CONVERGENCE, DOMESTIC));
        // the table item and the section are one driver
        let sea = find(&ds, "Shared sea lanes");
        assert_eq!(kind(sea), (CONVERGENCE, SYSTEMIC));
        assert_eq!(sea.origin, vec!["table", "section"]);
        assert_eq!(sea.aliases, vec!["Shared sea lanes", "Shared Sea-Lanes"]);
        assert_eq!(sea.description, "Shared sea lanes: both depend on the same straits.");
        assert_eq!(kind(find(&ds, "Port Access")), (CONVERGENCE, SYSTEMIC));
        // related but different: stays apart
        assert_eq!(
            kind(find(&ds, "External Pressures: Rival Alliances")),
            (DIVERGENCE, SYSTEMIC)
        );
        // no level of its own: the preceding sibling's
        assert_eq!(kind(find(&ds, "Arms Embargo Politics")), (DIVERGENCE, SYSTEMIC));
        // no level anywhere: the section's words, with a warning each
        assert_eq!(kind(find(&ds, "Parliamentary Oversight")), (DIVERGENCE, DOMESTIC));
        assert_eq!(kind(find(&ds, "Naval Rivalry")), (DIVERGENCE, SYSTEMIC));
        assert_eq!(
            diags.into_sorted().iter().filter(|d| d.code == LEVEL_GUESSED).count(),
            2
        );
        assert_eq!(ds.len(), 10, "{:#?}", ds.iter().map(|d| &d.label).collect::<Vec<_>>());
        // grouping headings are not drivers
        assert!(!ds
            .iter()
            .any(|d| d.label.contains("Opportunities") || d.label.contains("Friction")));
        // spans point at the text
        for d in &ds {
            let s = SWAPPED.get(d.span.start as usize..d.span.end as usize).unwrap_or("");
            let first = d.label.split_whitespace().next().unwrap_or("");
            assert!(s.contains(first), "{:?} not in {s:?}", d.label);
        }
    }

    #[test]
    fn bullets_and_a_table_split_by_a_page_break() {
        let text = "\
# Two Armies

Ann Roe

## Framework

| Drivers | Divergence | Cooperation |
|---|---|---|
| Systemic / International | • <i>Different threat geographies.</i> One looks east, the other west. | • <i>Shared</i> <i>concerns</i> over a rising neighbour. • <i>Norm setting</i> for new technologies |

Two Armies

| | | |
|--|--|--|
| Internal / Bureaucratic | • <i>Procurement mismatch:</i> lowest bid against best value. | • <i>Market incentives:</i> one buys, the other sells. |

## Conclusion

Done.
";
        let (ds, _) = run(text);
        let labels: Vec<&str> = ds.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(kind(find(&ds, "Different threat geographies")), (DIVERGENCE, SYSTEMIC));
        assert_eq!(
            kind(find(&ds, "Norm setting for new technologies")),
            (CONVERGENCE, SYSTEMIC)
        );
        assert_eq!(kind(find(&ds, "Procurement mismatch")), (DIVERGENCE, DOMESTIC));
        assert_eq!(kind(find(&ds, "Market incentives")), (CONVERGENCE, DOMESTIC));
        assert_eq!(ds.len(), 5, "{labels:?}");
    }

    #[test]
    fn no_drivers_in_an_ordinary_paper() {
        let text = "\
# Trade in 2023

Jo Bloggs

## Introduction

Exports rose in 2023.

## Trade Figures

| Year | Exports | Imports |
|---|---|---|
| 2022 | 10 | 12 |
| 2023 | 14 | 11 |

| Partner | Share | Note |
|---|---|---|
| Regional | 40% | <ul><li>mostly cars</li></ul> |
| International | 60% | <ul><li>mostly grain</li></ul> |

## Challenges Ahead

Tariffs may rise again.

## Conclusion

Trade will grow.
";
        let (ds, diags) = run(text);
        assert!(ds.is_empty(), "{ds:#?}");
        assert!(diags.is_empty());
    }

    #[test]
    fn vocabulary() {
        assert_eq!(polarity_of("Point of Convergence in Relations"), Some(CONVERGENCE));
        assert_eq!(polarity_of("Sources of Friction"), Some(DIVERGENCE));
        assert_eq!(polarity_of("Convergences and Divergences"), None);
        assert_eq!(polarity_of("Conclusion"), None);
        assert_eq!(
            level_of("B. Convergences at the Bureaucratic / Domestic Level"),
            Some(DOMESTIC)
        );
        assert_eq!(
            level_of("Technical and Structural Barriers at Domestic Levels"),
            Some(DOMESTIC)
        );
        assert_eq!(
            level_of("Systemic Pressures: Divergent Priorities and National Pride"),
            Some(SYSTEMIC)
        );
        assert_eq!(level_of("Global and national"), None);
        assert_eq!(level_of("Ties with Russia"), None);
    }

    #[test]
    fn merge_rule() {
        assert!(same_label("Defense market incentives", "Defense-market Incentives"));
        assert!(same_label("The rise of China", "China's rise"));
        assert!(!same_label(
            "Political signaling",
            "Political Signaling and Institutionalized Dialogue Mechanisms"
        ));
        assert!(!same_label(
            "Multipolar worldview",
            "Ties with Russia, China and Multipolar Worldview"
        ));
        assert_eq!(
            slug("India’s Aspiration for Great-Power Status"),
            "indias-aspiration-for-great-power-status"
        );
    }

    #[test]
    fn lead_phrases() {
        assert_eq!(
            lead_phrase("Trade friction: tariffs rose.", Some((0, 15))),
            "Trade friction"
        );
        assert_eq!(
            lead_phrase(
                "Defense industrial interests in advanced tech (AI, space).",
                Some((0, 18))
            ),
            "Defense industrial interests in advanced tech"
        );
        assert_eq!(
            lead_phrase("Bureaucratic inertia: slow buying.", None),
            "Bureaucratic inertia"
        );
        assert_eq!(
            lead_phrase("Different threat geographies. One looks east.", None),
            "Different threat geographies"
        );
    }
}
