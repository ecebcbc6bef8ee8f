//! Inline Markdown of one block → plain text that remembers where each byte came from.
//!
//! Takes: the source text of one block (a paragraph, a heading, a note, a table cell) and its byte
//! offset in the document. Gives: [`Inline`]: the text with emphasis, escapes, autolink brackets and
//! HTML tags removed, the emphasised ranges, the links, the list-item starts, and a map from every
//! byte of the clean text back to the document, so spans always point into the original file.
//!
//! pulldown-cmark does the Markdown; HTML (inline tags and the HTML blocks that cells such as
//! `<ul><li>…` turn into) is read by a small tag scanner, since its text matters here.

use crate::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Clean text of one block with its way back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    /// Runs `(clean offset, source offset)`: inside a run both advance together.
    map: Vec<(usize, usize)>,
    /// Emphasised (italic or bold) byte ranges of `text`.
    pub emphasis: Vec<(usize, usize)>,
    /// Links whose target differs from their text: (range of the text, target).
    pub links: Vec<((usize, usize), String)>,
    /// Offsets in `text` where a list item (`<li>`, `•`) starts.
    pub items: Vec<usize>,
    /// Byte ranges of `text` that stood inside HTML `<sup>…</sup>` (footnote markers in a web
    /// page converted to Markdown: `century.<sup>3</sup>`).
    pub sup: Vec<(usize, usize)>,
}

impl Inline {
    /// Source offset of the byte at `clean`.
    pub fn source(&self, clean: usize) -> usize {
        let i = self.map.partition_point(|&(c, _)| c <= clean);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(c, s)) => s + (clean - c),
            None => self.map.first().map(|&(_, s)| s).unwrap_or(0),
        }
    }

    /// Source span of the clean range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let s = self.source(start);
            return Span::new(s, s);
        }
        let last = self
            .text
            .get(..end)
            .and_then(|t| t.chars().next_back())
            .map(char::len_utf8)
            .unwrap_or(1);
        Span::new(self.source(start), self.source(end - last) + last)
    }

    /// The whole block's source span.
    pub fn full_span(&self) -> Span {
        self.span(0, self.text.len())
    }

    fn push(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        let c = self.text.len();
        let contiguous = self.map.last().is_some_and(|&(lc, ls)| ls + (c - lc) == src);
        if !contiguous {
            self.map.push((c, src));
        }
        self.text.push_str(s);
    }

    /// Text that stands for something else in the source (a line break, a tag): all of it maps to `src`.
    fn push_synthetic(&mut self, s: &str, src: usize) {
        for ch in s.chars() {
            let c = self.text.len();
            self.map.push((c, src));
            self.text.push(ch);
            // the next real byte starts a new run
            self.map.push((self.text.len(), src));
        }
    }

    fn space(&mut self, src: usize) {
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.push_synthetic(" ", src);
        }
    }

    /// Appends another block's text (a paragraph continued after a page break), with a space.
    pub fn append(&mut self, other: &Inline, joint: usize) {
        self.space(joint);
        let base = self.text.len();
        for &(c, s) in &other.map {
            self.map.push((base + c, s));
        }
        self.text.push_str(&other.text);
        // the joining space may stand where this text's map already ends: keep the runs in order
        self.map.sort_by_key(|&(c, _)| c);
        self.emphasis
            .extend(other.emphasis.iter().map(|&(a, b)| (a + base, b + base)));
        self.links.extend(
            other
                .links
                .iter()
                .map(|&((a, b), ref u)| ((a + base, b + base), u.clone())),
        );
        self.items.extend(other.items.iter().map(|&i| i + base));
        self.sup.extend(other.sup.iter().map(|&(a, b)| (a + base, b + base)));
    }

    /// Removes the clean ranges `cuts` (footnote markers: sorted, not overlapping) in one pass,
    /// keeping the map right. Where `glue(char before, char after)` holds, a space mapped to the
    /// cut's source end stands in for the cut. Gives, for each cut, its offset in the new text
    /// and its source span (`None` for a range that is not a cut of this text).
    ///
    /// Cutting one marker at a time moved the rest of the text each time: quadratic on a long
    /// paragraph. This gives what that did, offsets of emphasis, links and items included.
    pub fn cut(
        &mut self,
        cuts: &[(usize, usize)],
        glue: impl Fn(Option<char>, Option<char>) -> bool,
    ) -> Vec<Option<(usize, Span)>> {
        let old = std::mem::take(self);
        self.text.reserve(old.text.len());
        let mut placed = Vec::with_capacity(cuts.len());
        // (start, end) in the old text, offset in the new one, whether a space stands in
        let mut done: Vec<(usize, usize, usize, bool)> = Vec::with_capacity(cuts.len());
        let mut pos = 0;
        for &(start, end) in cuts {
            let valid =
                pos <= start && start < end && old.text.is_char_boundary(start) && old.text.get(..end).is_some();
            if !valid {
                placed.push(None);
                continue;
            }
            let span = old.span(start, end);
            self.copy(&old, pos, start, false);
            let at = self.text.len();
            let glued = glue(
                self.text.chars().next_back(),
                old.text.get(end..).and_then(|a| a.chars().next()),
            );
            if glued {
                self.push_synthetic(" ", span.end as usize);
            }
            done.push((start, end, at, glued));
            placed.push(Some((at, span)));
            pos = end;
        }
        self.copy(&old, pos, old.text.len(), true);
        // where an old offset lands; one inside a cut lands where the cut was, and a space put
        // in at a cut, or right after a run of adjacent cuts, comes before it
        let mut inside = vec![0; done.len()];
        for k in (0..done.len()).rev() {
            let (_, end, at, glued) = done.get(k).copied().unwrap_or_default();
            let next = done
                .get(k + 1)
                .filter(|n| n.0 == end)
                .and_then(|_| inside.get(k + 1).copied());
            if let Some(slot) = inside.get_mut(k) {
                *slot = next.unwrap_or(at + usize::from(glued));
            }
        }
        let moved = |x: usize| -> usize {
            let k = done.partition_point(|d| d.0 <= x);
            let Some(&(_, end, at, glued)) = k.checked_sub(1).and_then(|k| done.get(k)) else {
                return x;
            };
            if x < end {
                inside.get(k - 1).copied().unwrap_or(at)
            } else {
                at + usize::from(glued) + (x - end)
            }
        };
        self.emphasis = old.emphasis.iter().map(|&(a, b)| (moved(a), moved(b))).collect();
        self.links = old
            .links
            .iter()
            .map(|((a, b), u)| ((moved(*a), moved(*b)), u.clone()))
            .collect();
        self.items = old.items.iter().map(|&i| moved(i)).collect();
        self.sup = old.sup.iter().map(|&(a, b)| (moved(a), moved(b))).collect();
        placed
    }

    /// Appends `old.text[from..to]` with its map (and the runs that start at `to` when it is the
    /// end of the text).
    fn copy(&mut self, old: &Inline, from: usize, to: usize, last: bool) {
        let base = self.text.len();
        self.map.push((base, old.source(from)));
        let first = old.map.partition_point(|&(c, _)| c <= from);
        for &(c, s) in old
            .map
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&(c, _)| c < to || (last && c == to))
        {
            self.map.push((base + c - from, s));
        }
        self.text.push_str(old.text.get(from..to).unwrap_or(""));
    }

    /// Removes the clean range `[start, end)` (a footnote marker), keeping the map right.
    pub fn remove(&mut self, start: usize, end: usize) {
        if end <= start || end > self.text.len() {
            return;
        }
        let src_after = self.source(end);
        let n = end - start;
        let mut map: Vec<(usize, usize)> = Vec::with_capacity(self.map.len() + 1);
        for &(c, s) in &self.map {
            if c < start {
                map.push((c, s));
            } else if c >= end {
                map.push((c - n, s));
            }
        }
        // the text after the cut starts a new run at its own source offset
        map.retain(|&(c, _)| c != start);
        map.push((start, src_after));
        map.sort_by_key(|&(c, _)| c);
        self.map = map;
        self.text.replace_range(start..end, "");
        let shift = |x: usize| {
            if x >= end {
                x - n
            } else if x > start {
                start
            } else {
                x
            }
        };
        for e in &mut self.emphasis {
            *e = (shift(e.0), shift(e.1));
        }
        for l in &mut self.links {
            l.0 = (shift(l.0 .0), shift(l.0 .1));
        }
        for i in &mut self.items {
            *i = shift(*i);
        }
        for e in &mut self.sup {
            *e = (shift(e.0), shift(e.1));
        }
    }

    /// Inserts a space at `at`, mapped to `src`: the one-at-a-time model [`Inline::cut`] is
    /// tested against.
    #[cfg(test)]
    fn insert_space(&mut self, at: usize, src: usize) {
        let mut tail = Inline {
            text: self.text.split_off(at),
            ..Inline::default()
        };
        let mut head_map = Vec::new();
        for &(c, s) in &self.map {
            if c < at {
                head_map.push((c, s));
            } else {
                tail.map.push((c - at, s));
            }
        }
        let after = if tail.map.first().is_some_and(|&(c, _)| c == 0) {
            None
        } else {
            Some(self.source_with(&head_map, at))
        };
        if let Some(s) = after {
            tail.map.insert(0, (0, s));
        }
        self.map = head_map;
        self.push_synthetic(" ", src);
        let base = self.text.len();
        self.map.extend(tail.map.iter().map(|&(c, s)| (c + base, s)));
        self.text.push_str(&tail.text);
        let shift = |x: usize| if x >= at { x + 1 } else { x };
        for e in &mut self.emphasis {
            *e = (shift(e.0), shift(e.1));
        }
        for l in &mut self.links {
            l.0 = (shift(l.0 .0), shift(l.0 .1));
        }
        for i in &mut self.items {
            *i = shift(*i);
        }
        for e in &mut self.sup {
            *e = (shift(e.0), shift(e.1));
        }
    }

    #[cfg(test)]
    fn source_with(&self, map: &[(usize, usize)], clean: usize) -> usize {
        let i = map.partition_point(|&(c, _)| c <= clean);
        match i.checked_sub(1).and_then(|i| map.get(i)) {
            Some(&(c, s)) => s + (clean - c),
            None => 0,
        }
    }

    /// Whether the clean range lies inside emphasis.
    pub fn emphasised(&self, start: usize, end: usize) -> bool {
        self.emphasis.iter().any(|&(a, b)| a <= start && end <= b)
    }
}

/// Cleans `src`, which starts at byte `base` of the document.
pub fn clean(src: &str, base: usize) -> Inline {
    if is_plain_line(src) {
        // (what the parser gives such a block: one paragraph of one text, the block itself)
        let mut out = Inline::default();
        out.push(src, base);
        out.space(base + src.len());
        return finish(out);
    }
    by_parser(src, base)
}

/// Whether `src` holds nothing inline Markdown reads, so that [`clean`] gives it back as it is:
/// no byte the parser stops at (`*_&\[]<!` and the backquote), no line break or other control
/// byte, and no white space at either end (which a paragraph drops). About half a paper's
/// paragraphs, whose parse is a fifth of reading it; the notes (emphasis, links) nearly never.
fn is_plain_line(src: &str) -> bool {
    let special = |b: u8| {
        (b < 0x20)
            | (b == 0x7f)
            | (b == b'*')
            | (b == b'_')
            | (b == b'&')
            | (b == b'\\')
            | (b == b'[')
            | (b == b']')
            | (b == b'<')
            | (b == b'!')
            | (b == b'`')
    };
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    !spaced(src.chars().next())
        && !spaced(src.chars().next_back())
        && super::first_byte(src.as_bytes(), special).is_none()
}

/// [`clean`] by pulldown-cmark.
fn by_parser(src: &str, base: usize) -> Inline {
    // A leading letter keeps pulldown-cmark from reading the block as a list, heading, quote,
    // code block or HTML block: the block structure is decided by the reader, not here.
    let guarded = ["x", src].concat();
    let shift = |i: usize| (base + i).saturating_sub(1);
    let mut out = Inline::default();
    let mut emph: Vec<usize> = Vec::new();
    let mut sup: Vec<usize> = Vec::new();
    let mut link: Option<(usize, String)> = None;
    let mut skipped_guard = false;
    for (event, range) in Parser::new_ext(&guarded, Options::empty()).into_offset_iter() {
        let source = guarded.get(range.clone()).unwrap_or("");
        match event {
            Event::Text(t) | Event::Code(t) => {
                let mut t: &str = &t;
                let mut start = range.start;
                let mut source = source;
                if !skipped_guard {
                    skipped_guard = true;
                    t = t.get(1..).unwrap_or("");
                    start += 1;
                    source = source.get(1..).unwrap_or("");
                }
                align(&mut out, t, source, shift(start));
            }
            Event::SoftBreak | Event::HardBreak => out.space(shift(range.start)),
            Event::Html(h) | Event::InlineHtml(h) => {
                html(&mut out, &h, shift(range.start), &mut emph, &mut sup);
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => emph.push(out.text.len()),
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                if let Some(a) = emph.pop() {
                    out.emphasis.push((a, out.text.len()));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((out.text.len(), dest_url.to_string())),
            Event::End(TagEnd::Link) => {
                if let Some((a, url)) = link.take() {
                    let b = out.text.len();
                    if out.text.get(a..b) != Some(url.as_str()) && !url.is_empty() {
                        out.links.push(((a, b), url));
                    }
                }
            }
            Event::Start(Tag::Item) => out.items.push(out.text.len()),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.space(shift(range.end)),
            _ => {}
        }
    }
    finish(out)
}

/// The end of [`clean`]: white space trimmed from both ends, emphasis and superscripts in order,
/// bullets marked.
fn finish(mut out: Inline) -> Inline {
    while out.text.ends_with(char::is_whitespace) {
        out.text.pop();
    }
    let lead = out.text.len() - out.text.trim_start().len();
    out.remove(0, lead);
    out.emphasis.sort_unstable();
    // a superscript's closing spaces may have gone with the trailing white space
    let len = out.text.len();
    out.sup = out
        .sup
        .iter()
        .map(|&(a, b)| (a.min(len), b.min(len)))
        .filter(|(a, b)| a < b)
        .collect();
    out.sup.sort_unstable();
    mark_bullets(&mut out);
    out
}

/// Plain text: every character is text; only line breaks become spaces and the ends are trimmed.
pub fn plain(src: &str, base: usize) -> Inline {
    let mut out = Inline::default();
    let mut run = 0;
    for (i, c) in src.char_indices() {
        if c == '\n' || c == '\r' {
            out.push(src.get(run..i).unwrap_or(""), base + run);
            out.space(base + i);
            run = i + c.len_utf8();
        }
    }
    out.push(src.get(run..).unwrap_or(""), base + run);
    while out.text.ends_with(char::is_whitespace) {
        out.text.pop();
    }
    let lead = out.text.len() - out.text.trim_start().len();
    out.remove(0, lead);
    mark_bullets(&mut out);
    out
}

/// Maps `text` (what pulldown-cmark made of `source`) onto `source` char by char, so that an
/// escape (`\$`) or an entity still points at the right bytes.
fn align(out: &mut Inline, text: &str, source: &str, base: usize) {
    if text == source {
        out.push(text, base);
        return;
    }
    let mut cursor = 0;
    let mut buf = [0u8; 4];
    for ch in text.chars() {
        let found = source.get(cursor..).and_then(|rest| rest.find(ch)).filter(|&i| i <= 8);
        match found {
            Some(i) => {
                out.push(ch.encode_utf8(&mut buf), base + cursor + i);
                cursor += i + ch.len_utf8();
            }
            None => out.push_synthetic(ch.encode_utf8(&mut buf), base + cursor),
        }
    }
}

/// Reads raw HTML: tags are structure (italics, superscripts, list items, breaks), the rest is text.
fn html(out: &mut Inline, raw: &str, base: usize, emph: &mut Vec<usize>, sup: &mut Vec<usize>) {
    let mut i = 0;
    while i < raw.len() {
        let rest = raw.get(i..).unwrap_or("");
        if rest.starts_with('<') {
            let end = rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            let tag = rest.get(1..end.saturating_sub(1)).unwrap_or("").trim();
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            match (name.as_str(), closing) {
                ("i" | "em" | "b" | "strong", false) => emph.push(out.text.len()),
                ("i" | "em" | "b" | "strong", true) => {
                    if let Some(a) = emph.pop() {
                        out.emphasis.push((a, out.text.len()));
                    }
                }
                ("sup", false) => sup.push(out.text.len()),
                ("sup", true) => {
                    if let Some(a) = sup.pop() {
                        out.sup.push((a, out.text.len()));
                    }
                }
                ("li", false) => {
                    out.space(base + i);
                    out.items.push(out.text.len());
                }
                ("br" | "p" | "div" | "li" | "ul" | "ol" | "tr" | "td" | "th", _) => out.space(base + i),
                _ => {}
            }
            i += end;
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let chunk = rest.get(..end).unwrap_or("");
            let decoded = decode_entities(chunk);
            align(out, &decoded, chunk, base + i);
            i += end;
        }
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

/// `•` and `▪` inside a block start list items (PDF converters flatten lists into them).
fn mark_bullets(out: &mut Inline) {
    let starts: Vec<usize> = out.text.match_indices('•').map(|(i, c)| i + c.len()).collect();
    for s in starts {
        let s = s + out.text.get(s..).map(|r| r.len() - r.trim_start().len()).unwrap_or(0);
        if !out.items.contains(&s) {
            out.items.push(s);
        }
    }
    out.items.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What cutting markers one at a time gave: the model for [`Inline::cut`].
    fn cut_one_by_one(
        inl: &mut Inline,
        cuts: &[(usize, usize)],
        glue: impl Fn(Option<char>, Option<char>) -> bool,
    ) -> Vec<(usize, Span)> {
        let mut out = Vec::new();
        let mut removed = 0;
        for &(start, end) in cuts {
            let (start, end) = (start - removed, end - removed);
            let span = inl.span(start, end);
            inl.remove(start, end);
            removed += end - start;
            let before = inl.text.get(..start).and_then(|b| b.chars().next_back());
            let after = inl.text.get(start..).and_then(|a| a.chars().next());
            if glue(before, after) {
                inl.insert_space(start, span.end as usize);
                removed -= 1;
            }
            out.push((start, span));
        }
        out
    }

    /// Each byte the parser reads inline, in a text where it reads it, sends the text to the
    /// parser: emphasis, an entity, an escape, a link, an image, a tag, code, a line break.
    #[test]
    fn what_the_parser_reads_goes_to_it() {
        for text in [
            "a *b* c",
            "a _b_ c",
            "a &amp; b",
            "a \\* b",
            "a [b](c) d",
            "a ![b](c) d",
            "a <b>c</b>",
            "a `b` c",
            "a\nb",
            "a  \nb",
            "a\u{0}b",
            "a\u{7f}b",
            " a",
            "a ",
        ] {
            assert!(!is_plain_line(text), "{text:?}");
            assert_eq!(clean(text, 3), by_parser(text, 3), "{text:?}");
        }
    }

    proptest! {
        /// A block with nothing inline Markdown reads is cleaned as the parser cleans it, map
        /// and all: words, spaces, punctuation, digits, characters beyond ASCII, bullets and
        /// list numbers at its start, at any offset in the document. (The text may hold what
        /// the parser reads, emphasis, escapes, entities, code and line breaks: a byte let
        /// through that should not be fails here.)
        #[test]
        fn plain_lines_as_the_parser_reads_them(
            src in "[a-zA-Z0-9 .,;:'\"()#>=+|~^$%/-]{0,6}(?:[a-zé’“”—•0-9]{1,4}|[ \u{a0}.,;)*_&<>!`\t\n\\\\\\[\\]-]){0,16}",
            base in 0usize..1000,
        ) {
            if is_plain_line(&src) {
                prop_assert_eq!(clean(&src, base), by_parser(&src, base));
            }
        }

        /// The same, on any text at all that holds nothing inline Markdown reads.
        #[test]
        fn any_plain_line_as_the_parser_reads_it(src in any::<String>(), base in 0usize..1000) {
            if is_plain_line(&src) {
                prop_assert_eq!(clean(&src, base), by_parser(&src, base));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha, ..ProptestConfig::default() })]
        /// Cutting every marker in one pass gives the text, spans, map and offsets of cutting
        /// them one at a time, adjacent markers and emphasis ending at a marker included.
        #[test]
        fn cut_in_one_pass_is_cutting_one_at_a_time(
            words in proptest::collection::vec(("[a-zé]{1,4}", 0usize..4, 0u8..3, any::<bool>()), 1..12),
            split in 0usize..14,
        ) {
            // words with 0..3 markers right after them, some emphasised, some superscript
            let mut src = String::new();
            for (w, marks, style, space) in &words {
                let (open, close) = match style {
                    1 => ("*", "*"),
                    2 => ("<sup>", "</sup>"),
                    _ => ("", ""),
                };
                src.push_str(open);
                src.push_str(w);
                src.push_str(close);
                for _ in 0..*marks {
                    src.push('¹');
                }
                if *space {
                    src.push(' ');
                }
            }
            // some paragraphs continue after a page break: two blocks joined by `append`
            let cut_at = src.char_indices().map(|(i, _)| i).nth(split).unwrap_or(src.len());
            let (first, second) = src.split_at(cut_at);
            let mut inl = clean(first, 7);
            if !second.is_empty() {
                inl.append(&clean(second, 7 + first.len() + 40), 7 + first.len() + 20);
            }
            let cuts: Vec<(usize, usize)> = inl.text.match_indices('¹').map(|(i, m)| (i, i + m.len())).collect();
            let glue = |b: Option<char>, a: Option<char>| b.is_some_and(|c| !c.is_whitespace()) && a.is_some_and(|c| c.is_alphanumeric() && c != '¹');
            let mut model = inl.clone();
            let want = cut_one_by_one(&mut model, &cuts, glue);
            let mut fast = inl.clone();
            let got: Vec<(usize, Span)> = fast.cut(&cuts, glue).into_iter().flatten().collect();
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(&fast.text, &model.text);
            prop_assert_eq!(&fast.emphasis, &model.emphasis);
            prop_assert_eq!(&fast.items, &model.items);
            prop_assert_eq!(&fast.sup, &model.sup);
            for i in 0..=fast.text.len() {
                prop_assert_eq!(fast.source(i), model.source(i), "offset {}", i);
            }
        }
    }

    fn check_map(src: &str, inl: &Inline) {
        for (i, ch) in inl.text.char_indices() {
            if ch == ' ' {
                continue;
            }
            let s = inl.source(i);
            assert_eq!(
                src.get(s..).and_then(|r| r.chars().next()),
                Some(ch),
                "byte {i} of {:?} maps to {s}",
                inl.text
            );
        }
    }

    #[test]
    fn escapes_and_emphasis() {
        let src = r"worth \$87 billion in *Foreign Affairs* 104";
        let inl = clean(src, 0);
        assert_eq!(inl.text, "worth $87 billion in Foreign Affairs 104");
        assert_eq!(inl.emphasis, vec![(21, 36)]);
        check_map(src, &inl);
    }

    #[test]
    fn autolinks_keep_the_url() {
        let src = "accessed, <https://example.org/a_b>.";
        let inl = clean(src, 10);
        assert_eq!(inl.text, "accessed, https://example.org/a_b.");
        assert_eq!(inl.source(10), 21);
    }

    #[test]
    fn block_syntax_is_not_read() {
        assert_eq!(clean("* Ahyousha Khan is", 0).text, "* Ahyousha Khan is");
        assert_eq!(clean("1. First", 0).text, "1. First");
        assert_eq!(clean("# Not a heading", 0).text, "# Not a heading");
    }

    #[test]
    fn html_cells() {
        let src = r#"<ul style="x"> • <i>Shared concerns.</i> • <i>Defense industrial</i> interests"#;
        let inl = clean(src, 0);
        assert_eq!(inl.text, "• Shared concerns. • Defense industrial interests");
        assert_eq!(inl.items.len(), 2);
        let a = inl.text.find("Shared").unwrap_or(0);
        assert!(inl.emphasised(a, a + "Shared concerns.".len()));
        check_map(src, &inl);
    }

    #[test]
    fn remove_keeps_map() {
        let src = "century”.¹ US perceived";
        let mut inl = clean(src, 100);
        let a = inl.text.find('¹').unwrap_or(0);
        inl.remove(a, a + '¹'.len_utf8());
        assert_eq!(inl.text, "century”. US perceived");
        assert_eq!(
            inl.source(inl.text.find("US").unwrap_or(0)),
            100 + src.find("US").unwrap_or(0)
        );
        assert_eq!(
            inl.span(0, "century”.".len())
                .slice(&format!("{}{src}", " ".repeat(100))),
            "century”."
        );
    }

    #[test]
    fn plain_text_is_literal() {
        let src = "A <b>tag</b> and *stars*\r\nnext \\$";
        let inl = plain(src, 5);
        assert_eq!(inl.text, "A <b>tag</b> and *stars* next \\$");
        check_map(
            src,
            &Inline {
                map: inl.map.iter().map(|&(c, s)| (c, s - 5)).collect(),
                ..inl.clone()
            },
        );
    }

    #[test]
    fn links_are_kept() {
        let inl = clean("see [the report](https://x.org/r).", 0);
        assert_eq!(inl.text, "see the report.");
        assert_eq!(inl.links, vec![((4, 14), "https://x.org/r".to_string())]);
    }
}
