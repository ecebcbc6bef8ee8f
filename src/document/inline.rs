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
        self.emphasis
            .extend(other.emphasis.iter().map(|&(a, b)| (a + base, b + base)));
        self.links.extend(
            other
                .links
                .iter()
                .map(|&((a, b), ref u)| ((a + base, b + base), u.clone())),
        );
        self.items.extend(other.items.iter().map(|&i| i + base));
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
    }

    /// Inserts a space at `at` (where removing a marker glued two sentences), mapped to `src`.
    pub fn insert_space(&mut self, at: usize, src: usize) {
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
    }

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
    // A leading letter keeps pulldown-cmark from reading the block as a list, heading, quote,
    // code block or HTML block: the block structure is decided by the reader, not here.
    let guarded = format!("x{src}");
    let shift = |i: usize| (base + i).saturating_sub(1);
    let mut out = Inline::default();
    let mut emph: Vec<usize> = Vec::new();
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
                html(&mut out, &h, shift(range.start), &mut emph);
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
    while out.text.ends_with(char::is_whitespace) {
        out.text.pop();
    }
    let lead = out.text.len() - out.text.trim_start().len();
    out.remove(0, lead);
    out.emphasis.sort_unstable();
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

/// Reads raw HTML: tags are structure (italics, list items, breaks), the rest is text.
fn html(out: &mut Inline, raw: &str, base: usize, emph: &mut Vec<usize>) {
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
    let starts: Vec<usize> = out
        .text
        .char_indices()
        .filter(|&(_, c)| c == '•')
        .map(|(i, c)| i + c.len_utf8())
        .collect();
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
