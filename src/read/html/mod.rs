//! HTML → [`Read`]: a web page's text, headings, tables, footnote markers and notes.
//!
//! Takes: the bytes of a page (any encoding a page declares). Gives: the [`Read`] every reader
//! gives, through the one [`Writer`]. The page is parsed by a real HTML5 parser (html5ever,
//! into scraper's tree; [`parse`]), flattened into document order ([`dom`]), its markers and
//! notes found ([`notes`]), and its text walked into blocks ([`flow`]): headings give section
//! paths; scripts, styles, navigation, forms and page headers and footers are dropped;
//! emphasis and link targets go with the text.
//!
//! Markers and notes follow what sites write: pandoc (`a.footnote-ref` to
//! `section.footnotes`), Wikipedia (`sup.reference`, `ol.references`, a named reference cited
//! many times), WordPress (`ol.wp-block-footnotes`), Substack (`a.footnote-anchor`,
//! `div.footnote`), Word's export (`_ftn1`/`_ftnref1`), government pages (`<sup><a href="#fn1"
//! name="ifn1">1</a></sup>` with the notes in a table), and `<sup>1</sup>` without links over a
//! numbered list of notes. None of them is named in the code: each is a case of the rules in
//! [`notes`].
//!
//! Linear in the page on any input: the parser is stopped at 512 levels of nesting and at a
//! tag with too many attributes (it is quadratic in both), and every walk is a loop.

mod dom;
mod flow;
mod notes;
mod parse;

use super::{Format, Problem, Read, Writer};
use crate::diag::Diagnostics;

/// Reads a web page.
pub fn read(bytes: &[u8], diags: &mut Diagnostics) -> Result<Read, Problem> {
    let text = parse::decode(bytes);
    let html = parse::parse(&text)?;
    drop(text);
    let dom = dom::Dom::new(&html);
    let notes = notes::find(&dom);
    let mut w = Writer::new(Format::Html);
    let (title, authors) = flow::front(&dom);
    w.title(&title, authors);
    flow::body(&dom, &notes, &mut w);
    flow::notes(&dom, &notes, &mut w);
    Ok(w.finish(diags))
}

#[cfg(test)]
mod tests;
