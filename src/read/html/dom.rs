//! The parsed page, flattened: its elements and texts in document order, each knowing its
//! parent and where its subtree ends, the page chrome marked, ids resolved.
//!
//! Everything after works on indices into this list, by loops rather than recursion, so no page
//! can overflow the stack, and each question ("is this inside that", "which comes first") is
//! one comparison.

use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::HashMap;

/// What an element is, for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    A,
    Sup,
    /// `h1`…`h6`.
    H(u8),
    P,
    Li,
    Ol,
    Ul,
    Div,
    Aside,
    Section,
    Table,
    Tr,
    /// `td` or `th`.
    Cell {
        th: bool,
    },
    Thead,
    Br,
    Hr,
    Q,
    Title,
    Meta,
    Body,
    /// Another element that starts a new line (`blockquote`, `dd`, `figcaption`, …).
    Block,
    /// Inline markup (`span`, `em`, `abbr`, …).
    Inline,
}

/// One node: an element or a run of text.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub tag: Tag,
    pub el: Option<&'a Element>,
    /// The text of a text node ("" for an element).
    pub text: &'a str,
    /// Index of the parent (itself for the root).
    pub parent: usize,
    /// One past the last node of its subtree.
    pub end: usize,
    /// Page chrome: scripts, navigation, forms, page headers and footers, hidden text; left
    /// out with everything inside.
    pub chrome: bool,
    /// Chrome or inside chrome.
    pub hidden: bool,
    /// Inside emphasis (`em`, `i`, `strong`, `b`, `cite`, or an italic or bold style).
    pub emphasis: bool,
    /// The nearest enclosing link to another page: its target.
    pub link: Option<&'a str>,
    /// Inside a superscript.
    pub sup: bool,
}

#[derive(Debug)]
pub struct Dom<'a> {
    pub items: Vec<Item<'a>>,
    /// `id` (and `name` of an `a`) → the element, the first of that name.
    ids: HashMap<&'a str, usize>,
}

impl<'a> Dom<'a> {
    pub fn new(html: &'a Html) -> Dom<'a> {
        let mut items: Vec<Item<'a>> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut ids: HashMap<&'a str, usize> = HashMap::new();
        let mut names: HashMap<&'a str, usize> = HashMap::new();
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => {
                    let parent = open.last().copied();
                    let up = parent.and_then(|p| items.get(p));
                    let (emph, link, hidden, sup) =
                        up.map_or((false, None, false, false), |u| (u.emphasis, u.link, u.hidden, u.sup));
                    let i = items.len();
                    let item = match node.value() {
                        Node::Element(ref el) => {
                            let tag = tag_of(el.name());
                            if let Some(id) = el.id() {
                                ids.entry(id).or_insert(i);
                            }
                            if tag == Tag::A {
                                if let Some(name) = el.attr("name") {
                                    names.entry(name).or_insert(i);
                                }
                            }
                            let chrome = is_chrome(el, tag);
                            Item {
                                tag,
                                el: Some(el),
                                text: "",
                                parent: parent.unwrap_or(i),
                                end: i + 1,
                                chrome,
                                hidden: hidden || chrome,
                                emphasis: emph || is_emphasis(el),
                                link: external(el, tag).or(link),
                                sup: sup || tag == Tag::Sup,
                            }
                        }
                        Node::Text(ref t) => Item {
                            tag: Tag::Inline,
                            el: None,
                            text: &t.text,
                            parent: parent.unwrap_or(i),
                            end: i + 1,
                            chrome: false,
                            hidden,
                            emphasis: emph,
                            link,
                            sup,
                        },
                        Node::Document | Node::Fragment => Item {
                            tag: Tag::Block,
                            el: None,
                            text: "",
                            parent: i,
                            end: i + 1,
                            chrome: false,
                            hidden: false,
                            emphasis: false,
                            link: None,
                            sup: false,
                        },
                        // comments, doctype, processing instructions: nothing to read
                        _ => continue,
                    };
                    items.push(item);
                    open.push(i);
                }
                ego_tree::iter::Edge::Close(node) => {
                    if matches!(
                        node.value(),
                        Node::Element(_) | Node::Text(_) | Node::Document | Node::Fragment
                    ) {
                        if let Some(i) = open.pop() {
                            let end = items.len();
                            if let Some(it) = items.get_mut(i) {
                                it.end = end;
                            }
                        }
                    }
                }
            }
        }
        for (name, i) in names {
            ids.entry(name).or_insert(i);
        }
        Dom { items, ids }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn get(&self, i: usize) -> Option<&Item<'a>> {
        self.items.get(i)
    }

    pub fn tag(&self, i: usize) -> Option<Tag> {
        self.items.get(i).map(|it| it.tag)
    }

    pub fn end(&self, i: usize) -> usize {
        self.items.get(i).map_or(i + 1, |it| it.end.max(i + 1))
    }

    pub fn parent(&self, i: usize) -> Option<usize> {
        self.items.get(i).map(|it| it.parent).filter(|&p| p != i)
    }

    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.items.get(i).and_then(|it| it.el).and_then(|el| el.attr(name))
    }

    /// The element a fragment (`#x`) names: by `id`, else by an `a`'s `name`; percent-escapes
    /// decoded where the raw fragment names nothing.
    pub fn target(&self, fragment: &str) -> Option<usize> {
        if fragment.is_empty() {
            return None;
        }
        self.ids
            .get(fragment)
            .copied()
            .or_else(|| self.ids.get(percent_decoded(fragment)?.as_str()).copied())
    }

    /// The text of a subtree (chrome left out), stopping once it is longer than `limit` bytes.
    pub fn text_of(&self, i: usize, limit: usize) -> String {
        let mut out = String::new();
        let mut j = i;
        let end = self.end(i);
        while j < end {
            let Some(it) = self.items.get(j) else { break };
            if it.chrome && j != i {
                j = self.end(j);
                continue;
            }
            out.push_str(it.text);
            if out.len() > limit {
                break;
            }
            j += 1;
        }
        out
    }
}

fn percent_decoded(s: &str) -> Option<String> {
    if !s.contains('%') {
        return None;
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn tag_of(name: &str) -> Tag {
    match name {
        "a" => Tag::A,
        "sup" => Tag::Sup,
        "h1" => Tag::H(1),
        "h2" => Tag::H(2),
        "h3" => Tag::H(3),
        "h4" => Tag::H(4),
        "h5" => Tag::H(5),
        "h6" => Tag::H(6),
        "p" => Tag::P,
        "li" => Tag::Li,
        "ol" => Tag::Ol,
        "ul" | "menu" => Tag::Ul,
        "div" | "center" => Tag::Div,
        "aside" => Tag::Aside,
        "section" | "article" | "main" => Tag::Section,
        "table" => Tag::Table,
        "tr" => Tag::Tr,
        "td" => Tag::Cell { th: false },
        "th" => Tag::Cell { th: true },
        "thead" => Tag::Thead,
        "br" | "wbr" => Tag::Br,
        "hr" => Tag::Hr,
        "q" => Tag::Q,
        "title" => Tag::Title,
        "meta" => Tag::Meta,
        "body" => Tag::Body,
        "address" | "blockquote" | "caption" | "dd" | "details" | "dialog" | "dl" | "dt" | "fieldset"
        | "figcaption" | "figure" | "footer" | "header" | "hgroup" | "html" | "legend" | "nav" | "pre" | "summary"
        | "tbody" | "tfoot" | "colgroup" | "head" | "form" | "noscript" => Tag::Block,
        _ => Tag::Inline,
    }
}

/// Page chrome and what a reader never sees: dropped with everything inside.
fn is_chrome(el: &Element, tag: Tag) -> bool {
    const DROPPED: &[&str] = &[
        "head", "script", "style", "noscript", "template", "nav", "header", "footer", "form", "button", "select",
        "textarea", "input", "label", "iframe", "object", "embed", "svg", "math", "canvas", "audio", "video", "map",
        "img", "picture", "dialog", "menu",
    ];
    // class names that mean "not part of the text" wherever they are used
    const CLASSES: &[&str] = &[
        "noprint",
        "mw-editsection",
        "mw-jump-link",
        "navbox",
        "toc",
        "catlinks",
        "printfooter",
        "sr-only",
        "screen-reader-text",
        "visually-hidden",
    ];
    if DROPPED.contains(&el.name()) {
        return true;
    }
    if el.attr("hidden").is_some() {
        return true;
    }
    if tag == Tag::A && el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        el.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "search")
    ) {
        return true;
    }
    if el.id().is_some_and(|id| id.eq_ignore_ascii_case("toc")) {
        return true;
    }
    if el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none")
    }) {
        return true;
    }
    el.classes().any(|c| CLASSES.contains(&c))
}

fn is_emphasis(el: &Element) -> bool {
    match el.name() {
        "em" | "i" | "strong" | "b" | "dfn" => true,
        // a `cite` names a work; Wikipedia's `cite class="citation"` wraps a whole reference
        "cite" => !el.classes().any(|c| c.starts_with("citation")),
        _ => el.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("font-style:italic") || s.contains("font-weight:bold") || s.contains("font-weight:700")
        }),
    }
}

/// The target of a link to another page (absolute: `http`, `https`, `ftp`, or `//host`).
fn external(el: &Element, tag: Tag) -> Option<&str> {
    if tag != Tag::A {
        return None;
    }
    let href = el.attr("href")?.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("ftp://")).then_some(href)
}
