//! Bytes of a web page → its DOM (html5ever's HTML5 tree builder into scraper's tree), in
//! linear time on any input.
//!
//! html5ever follows the HTML5 algorithm, which scans the stack of open elements for many tags
//! and the open tag's attribute list for every attribute, and builds no limit into either: a
//! page of `<div>` nested 40,000 deep takes it 8 s, a million deep forever, and so does one tag
//! with a million attributes (servo/html5ever#788). Browsers stop nesting at 512; so do we, and
//! a page deeper than that, or with a tag of more than [`MAX_ATTRIBUTES`] attributes, or with
//! more elements than its markup could hold, is refused with one line instead of read for
//! minutes. The checks are exact where it matters: depth is counted on the tree the parser
//! builds, as it builds it; attributes by following, from every `<` that may open a tag, the
//! tokenizer's own states within a tag.

use super::super::Problem;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};
use std::borrow::Cow;
use std::cell::Cell;

/// Deepest nesting read (Chromium's and WebKit's limit).
pub const MAX_DEPTH: usize = 512;

/// Most attributes on one tag (html5ever checks each new one against all before it).
pub const MAX_ATTRIBUTES: usize = 512;

/// Most elements in one page: some 1.5 GB of tree (a very large real page has 200,000).
pub const MAX_ELEMENTS: usize = 10_000_000;

/// Input fed to the parser at a time, so that a page found too deep stops being parsed soon.
const CHUNK: usize = 4 * 1024;

/// The page's text: a byte-order mark first, then valid UTF-8, then the `<meta charset>` of its
/// first 1024 bytes, then windows-1252 (the web's default for a page that names none).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return enc.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    let enc = meta_charset(head)
        // a page cannot declare UTF-16 from inside its ASCII-compatible bytes
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
        .unwrap_or(encoding_rs::WINDOWS_1252);
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The encoding a `charset=` in `head` names.
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = lower.get(at..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(rest.get(..end)?)
}

/// Parses `text` into a DOM, or says why the page is refused.
pub fn parse(text: &str) -> Result<Html, Problem> {
    parse_with(text, (text.len() / 2 + 100_000).min(MAX_ELEMENTS))
}

/// [`parse`] with a limit on the elements made.
fn parse_with(text: &str, max_elements: usize) -> Result<Html, Problem> {
    if let Some(at) = crowded_tag(text) {
        return Err(Problem::new(format!(
            "a tag at byte {at} has more than {MAX_ATTRIBUTES} attributes; not read"
        )));
    }
    let sink = Guarded {
        inner: HtmlTreeSink::new(Html::new_document()),
        elements: Cell::new(0),
        max_elements,
        broken: Cell::new(None),
    };
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut at = 0;
    while at < text.len() {
        let mut end = (at + CHUNK).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(text.get(at..end).unwrap_or_default()));
        if let Some(why) = parser.tokenizer.sink.sink.broken.get() {
            return Err(Problem::new(why.message(end)));
        }
        at = end;
    }
    let sink_broken = parser.tokenizer.sink.sink.broken.get();
    let html = parser.finish();
    match sink_broken {
        Some(why) => Err(Problem::new(why.message(text.len()))),
        None => Ok(html),
    }
}

/// Why the tree builder was stopped.
#[derive(Debug, Clone, Copy)]
enum Broken {
    Deep,
    Crowded,
}

impl Broken {
    fn message(self, by: usize) -> String {
        match self {
            Broken::Deep => format!(
                "elements nested more than {MAX_DEPTH} deep (by byte {by}); a real page nests a few dozen; not read"
            ),
            Broken::Crowded => format!(
                "more elements than the page's markup holds (misnested formatting tags repeated, by byte {by}); not read"
            ),
        }
    }
}

/// scraper's tree sink, watching the depth of every element put into the tree and the number
/// of elements made.
struct Guarded {
    inner: HtmlTreeSink,
    elements: Cell<usize>,
    max_elements: usize,
    broken: Cell<Option<Broken>>,
}

impl Guarded {
    /// Notes a node put under `parent`: too deep or too many breaks the parse. The depth is
    /// walked up the tree each time (at most [`MAX_DEPTH`] steps), never cached: the adoption
    /// agency moves nodes under elements that are not attached yet.
    fn placed(&self, parent: &ego_tree::NodeId, child: &NodeOrText<ego_tree::NodeId>) {
        if !matches!(child, NodeOrText::AppendNode(_)) || self.broken.get().is_some() {
            return;
        }
        let html = self.inner.0.borrow();
        let depth = html
            .tree
            .get(*parent)
            .map_or(0, |p| p.ancestors().take(MAX_DEPTH + 1).count() + 1);
        if depth > MAX_DEPTH {
            self.broken.set(Some(Broken::Deep));
        }
    }
}

impl TreeSink for Guarded {
    type Handle = ego_tree::NodeId;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Self::Handle {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Self::Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Self::Handle {
        let n = self.elements.get() + 1;
        self.elements.set(n);
        if n > self.max_elements && self.broken.get().is_none() {
            self.broken.set(Some(Broken::Crowded));
        }
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> Self::Handle {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Self::Handle {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        self.placed(parent, &child);
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Self::Handle,
        prev_element: &Self::Handle,
        child: NodeOrText<Self::Handle>,
    ) {
        self.placed(prev_element, &child);
        self.inner.append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.inner.append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &Self::Handle) -> Self::Handle {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Self::Handle, new_node: NodeOrText<Self::Handle>) {
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &Self::Handle) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        self.inner.reparent_children(node, new_parent);
    }
}

/// The tokenizer's states inside a tag (HTML5 §13.2.5.8–§13.2.5.40, the part that counts
/// attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum In {
    Name,
    BeforeAttr,
    AttrName,
    AfterAttrName,
    BeforeValue,
    Double,
    Single,
    Unquoted,
    AfterValue,
    SelfClosing,
}

const STATES: usize = 10;

impl In {
    fn index(self) -> usize {
        self as usize
    }

    fn all() -> [In; STATES] {
        use In::*;
        [
            Name,
            BeforeAttr,
            AttrName,
            AfterAttrName,
            BeforeValue,
            Double,
            Single,
            Unquoted,
            AfterValue,
            SelfClosing,
        ]
    }

    /// The state after byte `b`, whether it starts an attribute; None when the tag ends.
    fn step(self, b: u8) -> Option<(In, bool)> {
        use In::*;
        let ws = matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
        Some(match self {
            Name => match b {
                _ if ws => (BeforeAttr, false),
                b'/' => (SelfClosing, false),
                b'>' => return None,
                _ => (Name, false),
            },
            BeforeAttr => match b {
                _ if ws => (BeforeAttr, false),
                b'/' => (SelfClosing, false),
                b'>' => return None,
                _ => (AttrName, true),
            },
            AttrName => match b {
                _ if ws => (AfterAttrName, false),
                b'/' => (SelfClosing, false),
                b'>' => return None,
                b'=' => (BeforeValue, false),
                _ => (AttrName, false),
            },
            AfterAttrName => match b {
                _ if ws => (AfterAttrName, false),
                b'/' => (SelfClosing, false),
                b'=' => (BeforeValue, false),
                b'>' => return None,
                _ => (AttrName, true),
            },
            BeforeValue => match b {
                _ if ws => (BeforeValue, false),
                b'"' => (Double, false),
                b'\'' => (Single, false),
                b'>' => return None,
                _ => (Unquoted, false),
            },
            Double => (if b == b'"' { AfterValue } else { Double }, false),
            Single => (if b == b'\'' { AfterValue } else { Single }, false),
            Unquoted => match b {
                _ if ws => (BeforeAttr, false),
                b'>' => return None,
                _ => (Unquoted, false),
            },
            AfterValue | SelfClosing => match b {
                _ if ws => (BeforeAttr, false),
                b'/' => (SelfClosing, false),
                b'>' => return None,
                // reconsumed in the before-attribute-name state
                _ => (AttrName, true),
            },
        })
    }
}

/// Where a tag with more than [`MAX_ATTRIBUTES`] attributes opens, if one does. Every `<`
/// followed by a letter (or `</` and a letter) might open a tag, whatever the context (a comment,
/// a script): each is followed through the tag states, so the real tags are among them. Runs
/// that reach the same state at the same byte go on alike, so only the largest count per state
/// is kept: linear time however the candidates overlap.
fn crowded_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // per state: whether a run is in it, the most attributes counted by such a run, and where
    // that run began
    let mut active: u16 = 0;
    let mut count = [0usize; STATES];
    let mut start = [0usize; STATES];
    for (i, &b) in bytes.iter().enumerate() {
        if active == 0 {
            // outside every tag: only a letter after `<` or `</` starts one
            if let Some(lt) = tag_start(bytes, i) {
                active = 1 << In::Name.index();
                if let (Some(c), Some(s)) = (count.get_mut(In::Name.index()), start.get_mut(In::Name.index())) {
                    *c = 0;
                    *s = lt;
                }
            }
            continue;
        }
        let mut next: u16 = 0;
        let mut next_count = [0usize; STATES];
        let mut next_start = [0usize; STATES];
        let mut bits = active;
        while bits != 0 {
            let k = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let (Some(state), Some(&c), Some(&s)) = (In::all().get(k).copied(), count.get(k), start.get(k)) else {
                continue;
            };
            let Some((to, attr)) = state.step(b) else { continue };
            let c = c + usize::from(attr);
            if c > MAX_ATTRIBUTES {
                return Some(s);
            }
            let t = to.index();
            let fresh = next & (1 << t) == 0;
            if let (Some(nc), Some(ns)) = (next_count.get_mut(t), next_start.get_mut(t)) {
                if fresh || *nc < c {
                    *nc = c;
                    *ns = s;
                }
            }
            next |= 1 << t;
        }
        // a tag name starts at a letter after `<` or `</`
        {
            let t = In::Name.index();
            if let Some(lt) = tag_start(bytes, i).filter(|_| next & (1 << t) == 0) {
                if let (Some(nc), Some(ns)) = (next_count.get_mut(t), next_start.get_mut(t)) {
                    *nc = 0;
                    *ns = lt;
                }
                next |= 1 << t;
            }
        }
        active = next;
        count = next_count;
        start = next_start;
    }
    None
}

/// Where the tag whose name starts at byte `i` opens: a letter after `<` or `</`.
fn tag_start(bytes: &[u8], i: usize) -> Option<usize> {
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    match (
        i.checked_sub(1).and_then(|j| bytes.get(j)),
        i.checked_sub(2).and_then(|j| bytes.get(j)),
    ) {
        (Some(b'<'), _) => i.checked_sub(1),
        (Some(b'/'), Some(b'<')) => i.checked_sub(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_counted_as_the_tokenizer_counts_them() {
        let many = |n: usize, sep: &str| {
            let attrs: String = (0..n).map(|i| format!("a{i}=\"x>\"{sep}")).collect();
            format!("<p>text</p><p {attrs}>x</p>")
        };
        assert_eq!(crowded_tag(&many(MAX_ATTRIBUTES, " ")), None);
        assert_eq!(crowded_tag(&many(MAX_ATTRIBUTES + 1, " ")), Some(11));
        // quoted values end an attribute without a space; `>` inside them does not end the tag
        assert_eq!(crowded_tag(&many(MAX_ATTRIBUTES + 1, "")), Some(11));
        // a fake tag in a script cannot hide the real one that follows
        let hidden = format!("<script>var s = \"<a b='\";</script>{}", many(MAX_ATTRIBUTES + 1, " "));
        assert!(crowded_tag(&hidden).is_some());
        // many short tags are fine
        assert_eq!(crowded_tag(&"<a b c d>".repeat(10_000)), None);
    }

    #[test]
    fn charset_comes_from_the_bom_utf8_or_meta() {
        assert_eq!(decode(b"\xef\xbb\xbf<p>caf\xc3\xa9"), "<p>café");
        assert_eq!(
            decode(b"<meta charset=\"windows-1252\"><p>caf\xe9"),
            "<meta charset=\"windows-1252\"><p>café"
        );
        assert_eq!(decode(b"<p>caf\xe9 \x93q\x94"), "<p>café “q”");
        assert_eq!(
            decode(b"<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-2\">\xb1"),
            "<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-2\">ą"
        );
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let deep = "<div>".repeat(20_000);
        let e = parse(&deep).expect_err("too deep");
        assert!(e.0.contains("nested more than 512"), "{e}");
        let ok = format!("{}x", "<div>".repeat(400));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn runaway_formatting_is_refused() {
        // each `</b>` makes the parser clone every open formatting element: quadratic in size
        let mut s = String::new();
        for i in 0..100 {
            s.push_str(&format!("<b {i}>"));
        }
        for i in 0..100 {
            s.push_str(&format!("<i {i}>"));
        }
        s.push_str(&"x</b>".repeat(100));
        assert!(parse(&s).is_ok());
        let e = parse_with(&s, s.len() / 2).expect_err("crowded");
        assert!(e.0.contains("more elements than"), "{e}");
    }
}
