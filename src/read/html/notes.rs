//! The page's footnotes: which links are markers, which part of the page each one's note is,
//! and the number each note gets.
//!
//! Takes: the flattened [`Dom`]. Gives: [`Notes`]: each marker element with its note number,
//! and each note as a range of the page (a *segment*) with its number.
//!
//! Two ways a page marks its notes:
//!
//! - **Linked** (pandoc, Wikipedia, WordPress, Substack, Word's export, most sites): a marker is
//!   a link whose text is a number (`1`, `[1]`, `(1)`; or a bracketed label such as `[a]`)
//!   pointing at an `id` or an `a name` later in the page. Its note is the nearest list item,
//!   aside, div, table row or paragraph holding that target — or, where one such element holds
//!   the targets of several notes, the stretch from this target to the next. Several markers
//!   may point at one note (Wikipedia's named references): they share its number.
//! - **Unlinked** (`<sup>1</sup>` with no link), read like the superscript style of text: a
//!   superscript number running on from the one before is a marker when a numbered list of
//!   notes follows it under a notes heading, after a rule, or in a notes block (an `ol`, or
//!   paragraphs that start with the number); each list takes the markers before it, so that
//!   notes numbered afresh in each section still find their markers.
//!
//! Numbers: the number the marker shows, where every note shows a different one; otherwise
//! (lists restarting at 1, lettered notes) the notes are numbered in document order, so that a
//! number names one note in the graph.

use super::dom::{Dom, Tag};
use std::collections::{HashMap, HashSet};

/// A note: its number, its range of the page, and the label its first marker shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub n: u32,
    pub start: usize,
    pub stop: usize,
    /// The number the page prints for it, when it prints one.
    pub printed: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Notes {
    /// Notes in number order.
    pub notes: Vec<Note>,
    /// Marker element → note number.
    markers: HashMap<usize, u32>,
    /// Segment start → its end.
    segments: HashMap<usize, usize>,
    /// Links that lead back from a note to its marker.
    backlinks: HashSet<usize>,
}

impl Notes {
    /// The note number of the marker at element `i`.
    pub fn marker(&self, i: usize) -> Option<u32> {
        self.markers.get(&i).copied()
    }

    /// Where the note segment that starts at `i` ends.
    pub fn segment(&self, i: usize) -> Option<usize> {
        self.segments.get(&i).copied()
    }

    /// Whether the link at `i` leads back to a marker (`↩`, `^`, Word's `[1]` in its note).
    pub fn backlink(&self, i: usize) -> bool {
        self.backlinks.contains(&i)
    }
}

/// What a marker shows: a number, or another short label (`[a]`, `*`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    Number(u32),
    Other,
}

/// The label of a marker link whose text is `text`, if it is one.
fn label(text: &str) -> Option<Label> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (inner, bracketed) = match (t.strip_prefix('['), t.strip_prefix('(')) {
        (Some(r), _) => (r.strip_suffix(']')?, true),
        (_, Some(r)) => (r.strip_suffix(')')?, true),
        _ => (t, false),
    };
    let inner = inner.trim();
    // a link into the page makes a number a marker, so long ones are too (a page of 10,000+ notes)
    if !inner.is_empty() && inner.len() <= 7 && inner.bytes().all(|b| b.is_ascii_digit()) {
        return inner.parse().ok().filter(|&n| n > 0).map(Label::Number);
    }
    if matches!(inner, "*" | "**" | "†" | "‡" | "§") {
        return Some(Label::Other);
    }
    // `[a]`, `[iv]`, `[note 3]`, `[nb 1]`: lettered notes, bracketed so as not to be a word
    let lettered = inner.len() <= 16
        && inner.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && inner
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ' || c == '-');
    (bracketed && lettered).then_some(Label::Other)
}

/// Text that is only a way back (`↩`, `↑`, `^`): a back-link's text, or what is left of
/// Wikipedia's `^ a b` once its letters (links back) are gone.
pub fn is_arrow(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || arrow(c))
}

pub fn arrow(c: char) -> bool {
    matches!(c, '↩' | '↑' | '^' | '⤴' | '⮌' | '\u{fe0e}' | '\u{fe0f}')
}

/// The fragment of a link, when it points into this page.
fn fragment(href: &str) -> Option<&str> {
    href.split_once('#').map(|(_, f)| f).filter(|f| !f.is_empty())
}

/// Finds the markers and notes of a page.
pub fn find(dom: &Dom) -> Notes {
    let linked = linked(dom);
    if linked.notes.is_empty() {
        let unlinked = unlinked(dom);
        if !unlinked.notes.is_empty() {
            return unlinked;
        }
    }
    linked
}

/// A marker found, before numbering: its element, its label, the note (segment start) it has.
struct Found {
    marker: usize,
    label: Label,
    note: usize,
}

fn linked(dom: &Dom) -> Notes {
    // candidates: links with a marker's text pointing later into the page
    let mut cands: Vec<(usize, usize, Label)> = Vec::new();
    for (i, it) in dom.items.iter().enumerate() {
        if it.tag != Tag::A || it.hidden {
            continue;
        }
        let Some(frag) = dom.attr(i, "href").and_then(fragment) else {
            continue;
        };
        let Some(t) = dom.target(frag) else { continue };
        if t < dom.end(i) {
            continue;
        }
        if let Some(l) = label(&dom.text_of(i, 24)) {
            cands.push((i, t, l));
        }
    }
    if cands.is_empty() {
        return Notes::default();
    }
    // what a back-link may lead to: a marker and the inline elements around it
    let mut holders: HashSet<usize> = HashSet::new();
    for &(i, _, _) in &cands {
        holders.insert(i);
        let mut up = dom.parent(i);
        while let Some(p) = up {
            if !matches!(dom.tag(p), Some(Tag::Sup | Tag::Inline)) {
                break;
            }
            holders.insert(p);
            up = dom.parent(p);
        }
    }
    let mut backlinks: HashSet<usize> = HashSet::new();
    for (i, it) in dom.items.iter().enumerate() {
        if it.tag != Tag::A {
            continue;
        }
        let back = dom
            .attr(i, "href")
            .and_then(fragment)
            .and_then(|f| dom.target(f))
            .is_some_and(|t| holders.contains(&t));
        if back
            || (dom.attr(i, "href").is_some() && is_arrow(&dom.text_of(i, 16)) && !dom.text_of(i, 16).trim().is_empty())
        {
            backlinks.insert(i);
        }
    }
    let mut targets: Vec<usize> = cands.iter().map(|&(_, t, _)| t).collect();
    targets.sort_unstable();
    targets.dedup();
    let headings: Vec<usize> = (0..dom.len())
        .filter(|&i| matches!(dom.tag(i), Some(Tag::H(_))))
        .collect();
    let marker_at: Vec<usize> = {
        let mut m: Vec<usize> = cands.iter().map(|&(i, _, _)| i).collect();
        m.sort_unstable();
        m
    };
    let ctx = Ctx {
        dom,
        targets: &targets,
        headings: &headings,
        markers: &marker_at,
        backlinks: &backlinks,
    };
    let mut seg_of: HashMap<usize, Option<(usize, usize)>> = HashMap::new();
    let mut found = Vec::new();
    for (i, t, l) in cands {
        let printed = match l {
            Label::Number(n) => Some(n),
            Label::Other => None,
        };
        let seg = *seg_of.entry(t).or_insert_with(|| ctx.segment(t, printed));
        if let Some((start, _)) = seg.filter(|&(s, e)| !(s <= i && i < e)) {
            found.push(Found {
                marker: holder(dom, i),
                label: l,
                note: start,
            });
        }
    }
    // the label each note shows: its first marker's
    let mut shown: HashMap<usize, Option<u32>> = HashMap::new();
    for f in &found {
        shown.entry(f.note).or_insert(match f.label {
            Label::Number(n) => Some(n),
            Label::Other => None,
        });
    }
    let segs = seg_of
        .into_values()
        .flatten()
        .filter_map(|(start, stop)| {
            Some(Seg {
                start,
                stop,
                printed: *shown.get(&start)?,
            })
        })
        .collect();
    number(found, segs, backlinks)
}

/// A note's range of the page, and the number it prints.
#[derive(Debug, Clone, Copy)]
struct Seg {
    start: usize,
    stop: usize,
    printed: Option<u32>,
}

/// The element that stands for marker link `a` in the text: the link, or the superscript or
/// span around it that adds only brackets (`<sup>[<a>1</a>]</sup>`), so none are left behind.
fn holder(dom: &Dom, a: usize) -> usize {
    let bare = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '[' | ']' | '(' | ')'))
            .collect()
    };
    let own = bare(&dom.text_of(a, 24));
    let mut m = a;
    for _ in 0..3 {
        match dom.parent(m) {
            Some(p) if matches!(dom.tag(p), Some(Tag::Sup | Tag::Inline)) && bare(&dom.text_of(p, 32)) == own => m = p,
            _ => break,
        }
    }
    m
}

struct Ctx<'d, 'a> {
    dom: &'d Dom<'a>,
    /// Every marker's target, sorted.
    targets: &'d [usize],
    headings: &'d [usize],
    markers: &'d [usize],
    backlinks: &'d HashSet<usize>,
}

/// Containers a note may be: a list item, aside, div, table row, paragraph (and the other
/// blocks a page may hold notes in).
fn container(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Li | Tag::Aside | Tag::Div | Tag::Tr | Tag::P | Tag::Section | Tag::Block | Tag::Body
    )
}

impl Ctx<'_, '_> {
    /// The first of `sorted` in `a..b`.
    fn first_in(sorted: &[usize], a: usize, b: usize) -> Option<usize> {
        let k = sorted.partition_point(|&x| x < a);
        sorted.get(k).copied().filter(|&x| x < b)
    }

    /// The range of the page that is the note of target `t`.
    fn segment(&self, t: usize, printed: Option<u32>) -> Option<(usize, usize)> {
        let dom = self.dom;
        // a link to a heading is a cross-reference (`see section <a href="#s2">2</a>`)
        let mut up = Some(t);
        for _ in 0..4 {
            let Some(u) = up else { break };
            if matches!(dom.tag(u), Some(Tag::H(_))) {
                return None;
            }
            up = dom.parent(u);
        }
        // a target with text of its own that is not a link (`<span id=…>`) is the note itself
        let mut c = if container(dom.tag(t)?) || (dom.tag(t) != Some(Tag::A) && has_words(&dom.text_of(t, 64))) {
            t
        } else {
            self.up(t)?
        };
        for _ in 0..4 {
            let seg = self.within(t, c);
            if let Some((s, e)) = seg {
                if self.has_text(s, e, printed) {
                    return Some(if s == c { self.widen(t, c) } else { (s, e) });
                }
            }
            c = self.up(c)?;
        }
        None
    }

    /// A note that is a whole container `c`, grown to the block around it that it opens and
    /// that holds nothing else's: Word's `<div id=ftn4>` around a note of two paragraphs.
    fn widen(&self, t: usize, mut c: usize) -> (usize, usize) {
        for _ in 0..3 {
            let Some(p) = self.up(c) else { break };
            if matches!(self.dom.tag(p), Some(Tag::Body | Tag::Section)) {
                break;
            }
            let alone = self.within(t, p) == Some((p, self.dom.end(p)));
            if !alone || (p + 1..c).any(|j| self.dom.get(j).is_some_and(|it| has_words(it.text))) {
                break;
            }
            c = p;
        }
        (c, self.dom.end(c))
    }

    fn up(&self, i: usize) -> Option<usize> {
        let mut p = self.dom.parent(i)?;
        loop {
            if container(self.dom.tag(p)?) {
                return Some(p);
            }
            p = self.dom.parent(p)?;
        }
    }

    /// The note of target `t` inside container `c`: all of `c` when it holds no other target,
    /// no heading and no marker; else from `t` to the next target, heading or marker in `c`.
    fn within(&self, t: usize, c: usize) -> Option<(usize, usize)> {
        let end = self.dom.end(c);
        let others = Self::first_in(self.targets, c, end).is_some_and(|x| x != t)
            || Self::first_in(self.targets, t + 1, end).is_some();
        let heading = Self::first_in(self.headings, c, end).is_some();
        let marker = Self::first_in(self.markers, c, end).is_some();
        if !others && !heading && !marker {
            return Some((c, end));
        }
        let after = t + 1;
        let stop = [
            Self::first_in(self.targets, after, end),
            Self::first_in(self.headings, after, end),
            Self::first_in(self.markers, self.dom.end(t), end),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(end);
        (t < stop).then_some((t, stop))
    }

    /// Whether `s..e` holds words besides its back-links and its printed number.
    fn has_text(&self, s: usize, e: usize, printed: Option<u32>) -> bool {
        let dom = self.dom;
        let mut text = String::new();
        let mut i = s;
        while i < e && text.len() < 64 {
            let Some(it) = dom.get(i) else { break };
            if (it.chrome && i != s) || self.backlinks.contains(&i) {
                i = dom.end(i);
                continue;
            }
            text.push_str(it.text);
            i += 1;
        }
        let rest = strip_label(
            text.trim_start_matches(|c: char| c.is_whitespace() || arrow(c)),
            printed,
        );
        has_words(rest)
    }
}

fn has_words(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphanumeric()).count() >= 2
}

/// `text` without a leading note number `n` (`1`, `1.`, `[1]`, `(1)`, `1)`).
pub fn strip_label(text: &str, n: Option<u32>) -> &str {
    let Some(n) = n else { return text };
    let t = text.trim_start();
    let num = n.to_string();
    // a label written in superscript digits (`¹`)
    let sup: String = num.chars().map(|d| super_digit(d).unwrap_or(d)).collect();
    if let Some(rest) = t.strip_prefix(sup.as_str()) {
        if !rest
            .chars()
            .next()
            .is_some_and(|c| super_digit_value(c).is_some() || c.is_alphanumeric())
        {
            return rest;
        }
    }
    let (open, rest) = match t.chars().next() {
        Some(c @ ('[' | '(')) => (Some(c), t.get(1..).unwrap_or("")),
        _ => (None, t),
    };
    let Some(rest) = rest.strip_prefix(num.as_str()) else {
        return text;
    };
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return text;
    }
    let rest = match open {
        Some('[') => match rest.strip_prefix(']') {
            Some(r) => r,
            None => return text,
        },
        Some(_) => match rest.strip_prefix(')') {
            Some(r) => r,
            None => return text,
        },
        None => rest.strip_prefix(['.', ')', ':']).unwrap_or(rest),
    };
    // a number glued to a word is the note's text (`1990s`), not its label
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return text;
    }
    rest
}

fn super_digit(d: char) -> Option<char> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(d.to_digit(10)? as usize)
}

fn super_digit_value(c: char) -> Option<usize> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c)
}

/// Numbers the notes: the printed numbers where each note has its own, else document order.
fn number(found: Vec<Found>, segs: Vec<Seg>, backlinks: HashSet<usize>) -> Notes {
    // in document order, none overlapping the next
    let mut segs = segs;
    segs.sort_unstable_by_key(|s| s.start);
    segs.dedup_by_key(|s| s.start);
    let starts: Vec<usize> = segs.iter().map(|s| s.start).collect();
    for (k, seg) in segs.iter_mut().enumerate() {
        if let Some(&next) = starts.get(k + 1) {
            seg.stop = seg.stop.min(next);
        }
    }
    let printed: Vec<Option<u32>> = segs.iter().map(|s| s.printed).collect();
    let numbers = numbering(&printed);
    let by_start: HashMap<usize, u32> = starts.iter().copied().zip(numbers.iter().copied()).collect();
    let mut notes: Vec<Note> = segs
        .iter()
        .zip(&numbers)
        .map(|(s, &n)| Note {
            n,
            start: s.start,
            stop: s.stop,
            printed: s.printed,
        })
        .collect();
    notes.sort_by_key(|n| n.n);
    Notes {
        markers: found
            .iter()
            .filter_map(|f| Some((f.marker, *by_start.get(&f.note)?)))
            .collect(),
        segments: notes.iter().map(|n| (n.start, n.stop)).collect(),
        notes,
        backlinks,
    }
}

/// The number of each note (in document order) from what it prints: kept where all the
/// printed numbers differ; where some notes print none (`[a]`), those follow the highest; where
/// a number is printed twice, all in document order.
fn numbering(printed: &[Option<u32>]) -> Vec<u32> {
    let mut seen = HashSet::new();
    let unique = printed.iter().flatten().all(|n| seen.insert(*n));
    if !unique {
        return (1..).take(printed.len()).collect();
    }
    let mut next = printed.iter().flatten().max().copied().unwrap_or(0);
    printed
        .iter()
        .map(|p| {
            p.unwrap_or_else(|| {
                next += 1;
                next
            })
        })
        .collect()
}

// ------------------------------------------------------------------ unlinked superscripts

/// Headings under which a numbered list is a list of notes.
fn notes_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    let t = t.trim();
    [
        "notes",
        "note",
        "footnotes",
        "endnotes",
        "references",
        "sources",
        "citations",
        "references and notes",
        "notes and references",
        "works cited",
        "bibliography",
    ]
    .contains(&t)
        || t.ends_with(" notes")
}

/// A class or id that says "notes here".
fn notes_block(dom: &Dom, i: usize) -> bool {
    let words = [dom.attr(i, "class"), dom.attr(i, "id")];
    words.iter().flatten().any(|w| {
        let w = w.to_ascii_lowercase();
        w.contains("footnote") || w.contains("endnote") || w.contains("notes") || w.contains("references")
    })
}

/// The number a note paragraph starts with: `<sup>3</sup>`, `3.`, `[3]`, `3)`.
fn leading_number(dom: &Dom, i: usize) -> Option<u32> {
    let text = dom.text_of(i, 16);
    let t = text.trim_start();
    let t = t.strip_prefix('[').unwrap_or(t);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let rest = t.get(digits.len()..).unwrap_or("");
    let sup_first = (i + 1..dom.end(i))
        .find(|&j| {
            dom.get(j)
                .is_some_and(|it| it.el.is_some() || !it.text.trim().is_empty())
        })
        .is_some_and(|j| dom.tag(j) == Some(Tag::Sup));
    let sep = rest.starts_with(['.', ']', ')', '\u{a0}', ' ', '\t', '\n']) || sup_first;
    (sep && !rest.starts_with(".0") && !rest.starts_with(". ,"))
        .then(|| digits.parse().ok())
        .flatten()
}

fn unlinked(dom: &Dom) -> Notes {
    let mut found: Vec<Found> = Vec::new();
    let mut segs: Vec<Seg> = Vec::new();
    // markers seen since the last note list: (element, number)
    let mut pending: Vec<(usize, u32)> = Vec::new();
    let mut last = 0u32;
    let mut last_char: Option<char> = None;
    let mut under_notes_heading = false;
    let mut after_rule = false;
    let mut i = 0;
    while i < dom.len() {
        let Some(it) = dom.get(i) else { break };
        if it.chrome {
            i = dom.end(i);
            continue;
        }
        match it.tag {
            Tag::H(_) => {
                under_notes_heading = notes_heading(&dom.text_of(i, 64));
                after_rule = false;
                i = dom.end(i);
                continue;
            }
            Tag::Hr => after_rule = true,
            Tag::Sup if it.link.is_none() && !inside_link(dom, i) => {
                let text = dom.text_of(i, 16);
                let t = text.trim();
                let ok = !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit());
                let n: u32 = t.parse().unwrap_or(0);
                // a superscript right after a digit is a power (10<sup>6</sup>)
                if ok && n > last && n <= last + 10 && !last_char.is_some_and(|c| c.is_ascii_digit()) {
                    pending.push((i, n));
                    last = n;
                    last_char = None;
                    i = dom.end(i);
                    continue;
                }
            }
            Tag::Ol | Tag::Div | Tag::Section | Tag::Aside | Tag::Block | Tag::Body | Tag::P | Tag::Li | Tag::Tr
                if !pending.is_empty() && (under_notes_heading || after_rule || notes_block(dom, i)) =>
            {
                let mut items = note_items(dom, i);
                if items.is_empty() && leading_number(dom, i).is_some() {
                    items = sibling_run(dom, i);
                }
                let numbers: HashMap<u32, usize> = items.iter().map(|&(n, s, _)| (n, s)).collect();
                if !items.is_empty() && pending.iter().any(|(_, n)| numbers.contains_key(n)) {
                    pending.retain(|&(m, n)| match numbers.get(&n) {
                        Some(&s) => {
                            found.push(Found {
                                marker: m,
                                label: Label::Number(n),
                                note: s,
                            });
                            false
                        }
                        None => true,
                    });
                    let end = items.iter().map(|&(_, _, e)| e).max().unwrap_or(i + 1);
                    segs.extend(items.iter().map(|&(n, start, stop)| Seg {
                        start,
                        stop,
                        printed: Some(n),
                    }));
                    last = 0;
                    i = end.max(dom.end(i));
                    continue;
                }
            }
            _ => {}
        }
        if let Some(c) = it.text.chars().rev().find(|c| !c.is_whitespace()) {
            last_char = Some(c);
        }
        i += 1;
    }
    // every item of a list that some marker uses is a note, referred to or not
    number(found, segs, HashSet::new())
}

fn inside_link(dom: &Dom, i: usize) -> bool {
    let mut up = dom.parent(i);
    for _ in 0..8 {
        let Some(p) = up else { return false };
        match dom.tag(p) {
            Some(Tag::A) => return true,
            Some(Tag::Sup | Tag::Inline) => up = dom.parent(p),
            _ => return false,
        }
    }
    false
}

/// The notes that start at `first` and its following siblings, each starting with its number;
/// blank paragraphs and line breaks between them are passed over.
fn sibling_run(dom: &Dom, first: usize) -> Vec<(u32, usize, usize)> {
    let parent = dom.parent(first);
    let stop = parent.map_or(dom.len(), |p| dom.end(p));
    let mut out = Vec::new();
    let mut j = first;
    while j < stop && dom.parent(j) == parent {
        let Some(it) = dom.get(j) else { break };
        match it.tag {
            Tag::P | Tag::Li | Tag::Div | Tag::Tr if it.el.is_some() => match leading_number(dom, j) {
                Some(n) => out.push((n, j, dom.end(j))),
                None if dom.text_of(j, 8).trim().is_empty() => {}
                None => break,
            },
            Tag::Br => {}
            _ if it.el.is_none() && it.text.trim().is_empty() => {}
            _ => break,
        }
        j = dom.end(j);
    }
    out
}

/// The numbered notes a block holds: an `ol`'s items (numbered from its `start`), or the
/// paragraphs, list items and divs in it that start with a number. `(number, start, end)`.
fn note_items(dom: &Dom, block: usize) -> Vec<(u32, usize, usize)> {
    let end = dom.end(block);
    let mut out = Vec::new();
    if dom.tag(block) == Some(Tag::Ol) {
        let mut n: u32 = dom
            .attr(block, "start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let mut j = block + 1;
        while j < end {
            if dom.tag(j) == Some(Tag::Li) {
                if let Some(v) = dom.attr(j, "value").and_then(|s| s.trim().parse().ok()) {
                    n = v;
                }
                out.push((n, j, dom.end(j)));
                n = n.saturating_add(1);
            }
            j = dom.end(j);
        }
        return out;
    }
    let mut j = block + 1;
    while j < end {
        let Some(it) = dom.get(j) else { break };
        match it.tag {
            Tag::P | Tag::Li | Tag::Div | Tag::Tr => {
                if let Some(n) = leading_number(dom, j) {
                    out.push((n, j, dom.end(j)));
                    j = dom.end(j);
                    continue;
                }
                if it.tag == Tag::Div {
                    j += 1;
                    continue;
                }
                j = dom.end(j);
            }
            Tag::Ol => {
                out.extend(note_items(dom, j));
                j = dom.end(j);
            }
            Tag::H(_) => break,
            _ => j += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linked_number_of_any_length_is_a_marker() {
        assert!(matches!(label("3"), Some(Label::Number(3))));
        assert!(matches!(label("[12]"), Some(Label::Number(12))));
        assert!(matches!(label("123456"), Some(Label::Number(123_456))));
        assert!(label("0").is_none());
        assert!(label("12345678").is_none());
        assert!(matches!(label("†"), Some(Label::Other)));
        assert!(label("note").is_none());
    }
}
