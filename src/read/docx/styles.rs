//! `word/styles.xml` → what a paragraph's style makes it (a heading of some level, the title, a
//! list item, a table-of-contents line) and what a character style does (bold, italic, a note's
//! reference mark).
//!
//! Style ids are the tool's and the language's choice (`Heading1`, `berschrift1`, `Titre1`), so
//! a heading is known by its outline level (`w:outlineLvl`, inherited through `w:basedOn`) first
//! and by its name (`heading 1`: Word writes the built-in names in English whatever the
//! language) second.

use super::super::Problem;
use super::xml::{self, Ns, Reader, Step};
use std::collections::HashMap;

/// What a paragraph is, by its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Para {
    /// The outline level (0 outermost; 9 body text), own or inherited.
    pub outline: Option<u8>,
    /// Numbered or bulleted by the style (`w:numPr`).
    pub numbered: Option<bool>,
    pub named: Named,
}

/// What a style's own name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Named {
    #[default]
    Plain,
    /// `heading N` in some language: level N.
    Heading(u8),
    Title,
    /// pandoc's author line.
    Author,
    /// A table-of-contents or table-of-figures line: a copy of the headings, not text.
    Contents,
    /// `List Paragraph`, `List Bullet`, `List Number`.
    List,
}

#[derive(Debug, Clone, Default)]
struct Style {
    paragraph: bool,
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbered: Option<bool>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// The styles of a document.
#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    /// The paragraph style of a paragraph that names none.
    default: Option<String>,
}

/// Longest `w:basedOn` chain followed (a cycle stops there too).
const CHAIN: usize = 32;

impl Styles {
    pub fn parse(bytes: &[u8], part: &str) -> Result<Styles, Problem> {
        let mut styles = Styles::default();
        let mut r = Reader::new(bytes, part);
        loop {
            let e = match r.next()? {
                Step::End => return Ok(styles),
                Step::Open {
                    ns: Ns::W,
                    e,
                    empty: false,
                } if xml::local(&e) == b"style" => e,
                _ => continue,
            };
            let Some(id) = xml::attr(&e, b"styleId") else {
                r.skip(&e)?;
                continue;
            };
            let paragraph = xml::attr(&e, b"type").as_deref() == Some("paragraph");
            if paragraph && xml::attr(&e, b"default").is_some_and(|v| v == "1" || v == "true") {
                styles.default.get_or_insert_with(|| id.clone());
            }
            let mut s = Style {
                paragraph,
                ..Style::default()
            };
            // the property group (`w:pPr`, `w:rPr`) whose children come now; a tracked
            // change's old properties (`w:pPrChange`) lie deeper and are skipped
            let mut group = None;
            r.inside(|ns, e, below| {
                if ns != Ns::W {
                    return false;
                }
                match (below, xml::local(e), group) {
                    (1, b"name", _) => s.name = xml::attr(e, b"val").unwrap_or_default().to_lowercase(),
                    (1, b"basedOn", _) => s.based_on = xml::attr(e, b"val"),
                    (1, b"pPr", _) => {
                        group = Some(Group::Para);
                        return true;
                    }
                    (1, b"rPr", _) => {
                        group = Some(Group::Run);
                        return true;
                    }
                    (2, b"outlineLvl", Some(Group::Para)) => {
                        s.outline = xml::attr(e, b"val").and_then(|v| v.trim().parse().ok());
                    }
                    (2, b"numPr", Some(Group::Para)) => return true,
                    // 0 turns numbering off
                    (3, b"numId", Some(Group::Para)) => {
                        s.numbered = Some(xml::attr(e, b"val").is_some_and(|v| v.trim() != "0"));
                    }
                    (2, b"b", Some(Group::Run)) => s.bold = Some(xml::on(e)),
                    (2, b"i", Some(Group::Run)) => s.italic = Some(xml::on(e)),
                    _ => {}
                }
                false
            })?;
            styles.by_id.entry(id).or_insert(s);
        }
    }

    /// What a paragraph of style `id` (None: the default style) is.
    pub fn paragraph(&self, id: Option<&str>) -> Para {
        let Some(id) = id.or(self.default.as_deref()) else {
            return Para::default();
        };
        let mut out = Para {
            named: self
                .by_id
                .get(id)
                .map_or_else(|| named(&id.to_lowercase(), true), |s| named(&s.name, false)),
            ..Para::default()
        };
        for s in self.chain(id).filter(|s| s.paragraph) {
            out.outline = out.outline.or(s.outline);
            out.numbered = out.numbered.or(s.numbered);
        }
        out
    }

    /// Bold and italic as the character style `id` sets them (None where it does not).
    pub fn emphasis(&self, id: &str) -> (Option<bool>, Option<bool>) {
        let mut out = (None, None);
        for s in self.chain(id).filter(|s| !s.paragraph) {
            out.0 = out.0.or(s.bold);
            out.1 = out.1.or(s.italic);
        }
        out
    }

    /// Whether the character style `id` is the one of a note's reference mark.
    pub fn note_mark(&self, id: &str) -> bool {
        let name = self
            .by_id
            .get(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_lowercase());
        matches!(
            name.as_str(),
            "footnote reference" | "endnote reference" | "footnotereference" | "endnotereference"
        )
    }

    /// The style and those it is based on, nearest first.
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let s = self.by_id.get(next?)?;
            next = s.based_on.as_deref();
            Some(s)
        })
        .take(CHAIN)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Para,
    Run,
}

/// Words that name a heading style in the languages whose tools write localised names.
const HEADING_WORDS: &[&str] = &[
    "heading",
    "überschrift",
    "titre",
    "título",
    "titulo",
    "titolo",
    "kop",
    "rubrik",
    "overskrift",
    "otsikko",
    "nagłówek",
    "nadpis",
    "заголовок",
];

/// What a style's name (lower case) says it is; `id` when the name is a style id (no spaces,
/// `heading1`).
fn named(name: &str, id: bool) -> Named {
    let name = name.trim();
    let digits = name.trim_start_matches(|c: char| !c.is_ascii_digit());
    let word = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if let Ok(n @ 1..=9) = digits.parse::<u8>() {
        if HEADING_WORDS.contains(&word) {
            return Named::Heading(n);
        }
        if word == "toc" || (id && word == "inhaltsverzeichnis") {
            return Named::Contents;
        }
    }
    match name {
        "title" => Named::Title,
        "author" => Named::Author,
        "toc heading" | "tocheading" | "table of figures" | "tableoffigures" => Named::Contents,
        "list paragraph" | "listparagraph" => Named::List,
        _ if name.starts_with("list bullet") || name.starts_with("list number") => Named::List,
        _ if id && (name.starts_with("listbullet") || name.starts_with("listnumber")) => Named::List,
        _ => Named::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<?xml version="1.0"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/>
    <w:pPr><w:pPrChange><w:pPr><w:outlineLvl w:val="5"/></w:pPr></w:pPrChange><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Kapitel"><w:name w:val="Kapitel"/><w:basedOn w:val="berschrift1"/></w:style>
  <w:style w:type="paragraph" w:styleId="X2"><w:name w:val="Überschrift 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
  <w:style w:type="paragraph" w:styleId="Aufz"><w:name w:val="Aufzaehlung"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
  <w:style w:type="character" w:styleId="Hervorhebung"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Funotenzeichen"><w:name w:val="footnote reference"/></w:style>
</w:styles>"#;

    #[test]
    fn headings_are_known_by_outline_level_and_name_not_by_id() {
        let s = Styles::parse(STYLES.as_bytes(), "styles.xml").expect("styles");
        assert_eq!(s.paragraph(Some("berschrift1")).outline, Some(0));
        assert_eq!(s.paragraph(Some("berschrift1")).named, Named::Heading(1));
        // inherited through basedOn; a tracked change's old level is not the level
        assert_eq!(s.paragraph(Some("Kapitel")).outline, Some(0));
        assert_eq!(s.paragraph(Some("Kapitel")).named, Named::Plain);
        assert_eq!(s.paragraph(Some("X2")).named, Named::Heading(2));
        assert_eq!(s.paragraph(Some("Titel")).named, Named::Title);
        assert_eq!(s.paragraph(None), Para::default());
        assert_eq!(s.paragraph(Some("Loop")).outline, None);
        assert_eq!(s.paragraph(Some("Aufz")).numbered, Some(true));
        // an unknown id is read as a name
        assert_eq!(s.paragraph(Some("Heading3")).named, Named::Heading(3));
        assert_eq!(s.emphasis("Hervorhebung"), (None, Some(true)));
        assert!(s.note_mark("Funotenzeichen"));
        assert!(!s.note_mark("Hervorhebung"));
    }

    #[test]
    fn names_say_what_a_style_is() {
        assert_eq!(named("heading 2", false), Named::Heading(2));
        assert_eq!(named("titre 3", false), Named::Heading(3));
        assert_eq!(named("toc 1", false), Named::Contents);
        assert_eq!(named("toc heading", false), Named::Contents);
        assert_eq!(named("list bullet 2", false), Named::List);
        assert_eq!(named("heading", false), Named::Plain);
        assert_eq!(named("heading 12", false), Named::Plain);
        assert_eq!(named("body text 2", false), Named::Plain);
    }
}
