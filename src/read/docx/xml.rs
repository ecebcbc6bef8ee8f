//! The XML of one part as a stream of elements and text, namespaces resolved, every failure a
//! [`Problem`] naming the part.
//!
//! Elements are told apart by namespace and local name, not by prefix: `w:` is only a habit, and
//! Strict OOXML uses other namespace names for the same elements.

use super::super::Problem;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;

/// The namespaces the reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (`w:`).
    W,
    /// Office math (`m:`).
    M,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships.
    Rels,
    /// Dublin Core (`dc:title`, `dc:creator`).
    Dc,
    Other,
}

impl Ns {
    fn of(uri: &[u8]) -> Ns {
        match uri {
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
            b"http://schemas.openxmlformats.org/officeDocument/2006/math"
            | b"http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
            b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
            b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
            b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
            _ => Ns::Other,
        }
    }
}

/// One step through a part.
pub enum Step<'i> {
    /// An element opens; `empty` when it closes at once (`<w:tab/>`).
    Open {
        ns: Ns,
        e: BytesStart<'i>,
        empty: bool,
    },
    Close,
    Text(Cow<'i, str>),
    End,
}

/// Deepest nesting of elements read: Word itself nests tables at most 63 deep, a few elements
/// each; deeper is hostile, and refused rather than walked.
pub const MAX_DEPTH: usize = 1024;

/// Reads one part.
pub struct Reader<'i> {
    inner: NsReader<&'i [u8]>,
    part: &'i str,
    depth: usize,
}

impl<'i> Reader<'i> {
    pub fn new(bytes: &'i [u8], part: &'i str) -> Reader<'i> {
        let mut inner = NsReader::from_reader(bytes);
        let config = inner.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Reader { inner, part, depth: 0 }
    }

    pub fn next(&mut self) -> Result<Step<'i>, Problem> {
        loop {
            let (ns, event) = match self.inner.read_resolved_event() {
                Ok((ResolveResult::Bound(n), e)) => (Ns::of(n.0), e),
                Ok((_, e)) => (Ns::Other, e),
                Err(e) => return Err(self.broken(&e)),
            };
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(Problem::new(format!(
                            "{} nests its elements more than {MAX_DEPTH} deep",
                            self.part
                        )));
                    }
                    Step::Open { ns, e, empty: false }
                }
                Event::Empty(e) => Step::Open { ns, e, empty: true },
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Step::Close
                }
                Event::Text(t) => match t.xml10_content() {
                    Ok(s) => Step::Text(s),
                    Err(e) => return Err(self.broken(&e.into())),
                },
                Event::CData(t) => match t.decode() {
                    Ok(s) => Step::Text(s),
                    Err(e) => return Err(self.broken(&e.into())),
                },
                Event::GeneralRef(r) => match entity(&r) {
                    Some(c) => Step::Text(Cow::Owned(c.to_string())),
                    None => continue,
                },
                Event::Eof if self.depth > 0 => {
                    return Err(Problem::new(format!(
                        "{} is not well-formed XML (it ends with {} elements open)",
                        self.part, self.depth
                    )))
                }
                Event::Eof => Step::End,
                Event::Decl(_) | Event::PI(_) | Event::DocType(_) | Event::Comment(_) => continue,
            });
        }
    }

    /// Skips the rest of the element just opened (not for an empty one).
    pub fn skip(&mut self, e: &BytesStart<'i>) -> Result<(), Problem> {
        self.depth = self.depth.saturating_sub(1);
        self.inner
            .read_to_end(e.name())
            .map(|_| ())
            .map_err(|err| self.broken(&err))
    }

    /// Walks the inside of the element just opened (not an empty one), calling `f` with each
    /// element in it and how deep below it that element stands (1: a child); an element for
    /// which `f` says false is skipped whole.
    pub fn inside(&mut self, mut f: impl FnMut(Ns, &BytesStart<'i>, usize) -> bool) -> Result<(), Problem> {
        let base = self.depth;
        loop {
            match self.next()? {
                Step::End => return Ok(()),
                Step::Close if self.depth < base => return Ok(()),
                Step::Close | Step::Text(_) => {}
                Step::Open { ns, e, empty } => {
                    let below = (self.depth + usize::from(empty)).saturating_sub(base);
                    if !f(ns, &e, below) && !empty {
                        self.skip(&e)?;
                    }
                }
            }
        }
    }

    fn broken(&self, e: &quick_xml::Error) -> Problem {
        Problem::new(format!(
            "{} is not well-formed XML (at byte {}: {e})",
            self.part,
            self.inner.error_position()
        ))
    }
}

/// The element's name without its prefix.
pub fn local<'a>(e: &'a BytesStart<'_>) -> &'a [u8] {
    e.local_name().into_inner()
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`), unescaped.
pub fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// Whether an on/off property (`<w:b/>`, `<w:i w:val="0"/>`) is on.
pub fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// The character an entity or character reference stands for.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

/// Calls `f` with every element that opens in the part (for the small parts read flat).
pub fn each_start(bytes: &[u8], part: &str, mut f: impl FnMut(Ns, &[u8], &BytesStart<'_>)) -> Result<(), Problem> {
    let mut r = Reader::new(bytes, part);
    loop {
        match r.next()? {
            Step::Open { ns, e, .. } => f(ns, local(&e), &e),
            Step::End => return Ok(()),
            Step::Close | Step::Text(_) => {}
        }
    }
}
