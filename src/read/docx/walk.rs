//! WordprocessingML (`word/document.xml`, `word/footnotes.xml`, `word/endnotes.xml`) → its
//! paragraphs and tables, each paragraph a list of [`Bit`]s: text with its emphasis and link, and
//! references to notes.
//!
//! What a reader of the document sees is what is kept: inserted text in, deleted text out (a
//! tracked change's `w:del`, `w:moveFrom`), a field's result in and its instruction out (but a
//! `HYPERLINK` field's target kept as the link), hidden text out, the paragraphs of a text box
//! after the paragraph that anchors it, and one of the two copies `mc:AlternateContent` holds.
//! The walk is one pass over the events with an explicit stack: linear, whatever the nesting.

use super::super::Problem;
use super::package::Rels;
use super::styles::{Named, Styles};
use super::xml::{self, Ns, Reader, Step};
use quick_xml::events::BytesStart;

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Bit {
    Text {
        text: String,
        /// Italic or bold.
        emphasis: bool,
        /// Where a hyperlink (or a `HYPERLINK` field) points.
        link: Option<String>,
    },
    /// A `w:footnoteReference` or `w:endnoteReference`.
    Ref(Ref),
}

/// Which note a reference points to: its part and its id there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ref {
    pub kind: NoteKind,
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Foot,
    End,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A heading at level 1 (outermost) to 9.
    Heading(u8),
    Title,
    Author,
    Body,
    Item,
    /// A table-of-contents line.
    Contents,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub role: Role,
    pub bits: Vec<Bit>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// Marked as a header row (`w:tblHeader`).
    pub header: bool,
    pub cells: Vec<Vec<Item>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Para(Para),
    Table(Vec<Row>),
}

/// Which part is walked: the body, or a part of notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Body,
    Notes,
}

/// A walked part: its items, and for a part of notes each note's id and items (separators
/// left out), in the part's order.
#[derive(Debug, Default)]
pub struct Part {
    pub items: Vec<Item>,
    pub notes: Vec<(String, Vec<Item>)>,
}

/// Walks one part.
pub fn walk(bytes: &[u8], name: &str, styles: &Styles, rels: &Rels, mode: Mode) -> Result<Part, Problem> {
    let mut w = Walker {
        styles,
        rels,
        mode,
        frames: vec![Frame::Root(Vec::new())],
        sinks: vec![0],
        paras: Vec::new(),
        runs: Vec::new(),
        links: Vec::new(),
        linked: Vec::new(),
        fields: Vec::new(),
        fields_lost: 0,
        open: Vec::new(),
        notes: Vec::new(),
        note_started: false,
        emitted: 0,
    };
    let mut r = Reader::new(bytes, name);
    loop {
        match r.next()? {
            Step::End => break,
            Step::Text(t) => match w.open.last() {
                Some(Act::Text) => w.text(&t),
                Some(Act::Instr) => w.instr(&t),
                _ => {}
            },
            Step::Close => {
                if let Some(a) = w.open.pop() {
                    w.close(a);
                }
            }
            Step::Open { ns, e, empty } => {
                if let Some(a) = w.start(ns, &e, empty, &mut r)? {
                    if empty {
                        w.close(a);
                    } else {
                        w.open.push(a);
                    }
                }
            }
        }
    }
    let items = match w.frames.into_iter().next() {
        Some(Frame::Root(items)) => items,
        _ => Vec::new(),
    };
    Ok(Part { items, notes: w.notes })
}

/// What an open element did, undone when it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Nothing,
    Para,
    Run,
    /// Its text is shown (`w:t`, `m:t`).
    Text,
    /// Its text is a field's instruction (`w:instrText`).
    Instr,
    /// A hyperlink or simple field: a link pushed; `fld` for a simple field, `at` the count of
    /// characters shown when it opened.
    Link {
        fld: bool,
        at: usize,
    },
    Frame,
}

/// An open container of items.
#[derive(Debug)]
enum Frame {
    Root(Vec<Item>),
    /// A note: its id and whether it is one (not a separator).
    Note {
        id: String,
        keep: bool,
        items: Vec<Item>,
    },
    Table(Vec<Row>),
    Row(Row),
    Cell(Vec<Item>),
    /// The content of a text box, put after the paragraph that holds it.
    TextBox(Vec<Item>),
}

impl Frame {
    fn items(&mut self) -> Option<&mut Vec<Item>> {
        match self {
            Frame::Root(i) | Frame::Note { items: i, .. } | Frame::Cell(i) | Frame::TextBox(i) => Some(i),
            Frame::Table(_) | Frame::Row(_) => None,
        }
    }
}

#[derive(Debug, Default)]
struct ParaB {
    style: Option<String>,
    outline: Option<u8>,
    numbered: Option<bool>,
    bits: Vec<Bit>,
    /// Text boxes anchored in it.
    after: Vec<Item>,
}

#[derive(Debug, Default, Clone)]
struct RunB {
    bold: Option<bool>,
    italic: Option<bool>,
    style: Option<String>,
    hidden: bool,
    /// The run's text is a note reference's own mark (`w:customMarkFollows`), or a note's mark in
    /// a note.
    mark: bool,
}

/// A complex field (`w:fldChar` begin … separate … end).
#[derive(Debug, Default)]
struct Field {
    instr: String,
    /// Past `separate`: its result is shown.
    result: bool,
    link: Option<String>,
    /// Characters shown when the result began.
    at: usize,
}

/// Deepest nesting of complex fields followed; deeper ones are counted, not kept.
const MAX_FIELDS: usize = 64;
/// Longest field instruction kept.
const MAX_INSTR: usize = 16 * 1024;

struct Walker<'a> {
    styles: &'a Styles,
    rels: &'a Rels,
    mode: Mode,
    frames: Vec<Frame>,
    /// Which frames hold items, innermost last (where a finished paragraph goes).
    sinks: Vec<usize>,
    paras: Vec<ParaB>,
    runs: Vec<RunB>,
    /// The target of each open hyperlink or simple field (None: a link within the document or
    /// a field that is no hyperlink), and which of them have one: the innermost is the link.
    links: Vec<Option<String>>,
    linked: Vec<usize>,
    fields: Vec<Field>,
    fields_lost: usize,
    open: Vec<Act>,
    notes: Vec<(String, Vec<Item>)>,
    /// The open note has shown text already (so a note mark now is not its leading one).
    note_started: bool,
    /// Characters shown so far.
    emitted: usize,
}

impl Walker<'_> {
    /// An element opens: do what it says, and say what to undo when it closes (None: nothing,
    /// or it was skipped whole).
    fn start<'i>(
        &mut self,
        ns: Ns,
        e: &BytesStart<'i>,
        empty: bool,
        r: &mut Reader<'i>,
    ) -> Result<Option<Act>, Problem> {
        let skip = |r: &mut Reader<'i>| if empty { Ok(None) } else { r.skip(e).map(|()| None) };
        match ns {
            Ns::W => {}
            // the text of an equation
            Ns::M if xml::local(e) == b"t" => return Ok(Some(Act::Text)),
            // of the two versions of the same content, the first is read
            Ns::Mc if xml::local(e) == b"Fallback" => return skip(r),
            _ => return Ok(Some(Act::Nothing)),
        }
        let act = match xml::local(e) {
            b"p" => {
                self.paras.push(ParaB::default());
                Act::Para
            }
            b"pPr" if !empty && self.open.last() == Some(&Act::Para) => {
                self.para_props(r)?;
                return Ok(None);
            }
            b"r" => {
                self.runs.push(RunB::default());
                Act::Run
            }
            b"rPr" if !empty && self.open.last() == Some(&Act::Run) => {
                self.run_props(r)?;
                return Ok(None);
            }
            b"t" => Act::Text,
            b"instrText" => Act::Instr,
            b"tab" | b"ptab" | b"br" | b"cr" => {
                self.text(" ");
                Act::Nothing
            }
            b"noBreakHyphen" => {
                self.text("-");
                Act::Nothing
            }
            b"sym" => {
                if let Some(c) = symbol(e) {
                    self.text(c.encode_utf8(&mut [0; 4]));
                }
                Act::Nothing
            }
            b"footnoteReference" | b"endnoteReference" => {
                self.reference(e);
                Act::Nothing
            }
            b"fldChar" => {
                self.fld_char(xml::attr(e, b"fldCharType").as_deref());
                Act::Nothing
            }
            b"fldSimple" => {
                let link = xml::attr(e, b"instr").and_then(|i| hyperlink(&i));
                self.push_link(link);
                Act::Link {
                    fld: true,
                    at: self.emitted,
                }
            }
            b"hyperlink" => {
                let link = self.hyperlink(e);
                self.push_link(link);
                Act::Link {
                    fld: false,
                    at: self.emitted,
                }
            }
            b"tbl" => self.frame(Frame::Table(Vec::new())),
            b"tr" => self.frame(Frame::Row(Row::default())),
            b"tc" => self.frame(Frame::Cell(Vec::new())),
            b"tblHeader" => {
                if let Some(Frame::Row(row)) = self.frames.last_mut() {
                    row.header = xml::on(e);
                }
                Act::Nothing
            }
            b"txbxContent" => self.frame(Frame::TextBox(Vec::new())),
            b"footnote" | b"endnote" if self.mode == Mode::Notes => {
                let id = xml::attr(e, b"id").unwrap_or_default().trim().to_string();
                let keep = !matches!(
                    xml::attr(e, b"type").as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                );
                self.note_started = false;
                self.frame(Frame::Note {
                    id,
                    keep,
                    items: Vec::new(),
                })
            }
            // deleted and moved-away text, the properties of tables, cells and content controls,
            // a tracked change's old properties: nothing a reader sees
            b"del" | b"moveFrom" | b"delText" | b"delInstrText" | b"tblPr" | b"tblGrid" | b"tcPr" | b"sdtPr"
            | b"sdtEndPr" | b"pPr" | b"rPr" | b"sectPr" | b"tblPrEx" | b"pPrChange" | b"rPrChange" => return skip(r),
            _ => Act::Nothing,
        };
        Ok(Some(act))
    }

    fn frame(&mut self, mut f: Frame) -> Act {
        if f.items().is_some() {
            self.sinks.push(self.frames.len());
        }
        self.frames.push(f);
        Act::Frame
    }

    fn push_link(&mut self, link: Option<String>) {
        if link.is_some() {
            self.linked.push(self.links.len());
        }
        self.links.push(link);
    }

    fn close(&mut self, act: Act) {
        match act {
            Act::Nothing | Act::Text | Act::Instr => {}
            Act::Para => self.end_para(),
            Act::Run => {
                self.runs.pop();
            }
            Act::Link { fld, at } => {
                if self.linked.last().is_some_and(|&i| i + 1 == self.links.len()) {
                    self.linked.pop();
                }
                let link = self.links.pop().flatten();
                // a simple field whose result is empty still shows where it points
                if let (true, Some(url)) = (fld && self.emitted == at, link) {
                    self.text(&url);
                }
            }
            Act::Frame => self.end_frame(),
        }
    }

    fn end_para(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        let role = self.role(&p);
        let ParaB { bits, after, .. } = p;
        if let Some(sink) = self.sink() {
            sink.push(Item::Para(Para { role, bits }));
            sink.extend(after);
        }
    }

    fn end_frame(&mut self) {
        let Some(f) = self.frames.pop() else { return };
        if self.sinks.last() == Some(&self.frames.len()) {
            self.sinks.pop();
        }
        match f {
            Frame::Root(items) => {
                self.frame(Frame::Root(items));
            }
            Frame::Note { id, keep, items } => {
                if keep {
                    self.notes.push((id, items));
                }
            }
            Frame::Table(rows) => {
                if let Some(sink) = self.sink() {
                    sink.push(Item::Table(rows));
                }
            }
            Frame::Row(row) => match self.frames.last_mut() {
                Some(Frame::Table(rows)) => rows.push(row),
                _ => {
                    if let Some(sink) = self.sink() {
                        sink.extend(row.cells.into_iter().flatten());
                    }
                }
            },
            Frame::Cell(items) => match self.frames.last_mut() {
                Some(Frame::Row(row)) => row.cells.push(items),
                _ => {
                    if let Some(sink) = self.sink() {
                        sink.extend(items);
                    }
                }
            },
            Frame::TextBox(items) => match self.paras.last_mut() {
                Some(p) => p.after.extend(items),
                None => {
                    if let Some(sink) = self.sink() {
                        sink.extend(items);
                    }
                }
            },
        }
    }

    /// Where a finished paragraph or table goes: the innermost open container of items.
    fn sink(&mut self) -> Option<&mut Vec<Item>> {
        let &at = self.sinks.last()?;
        self.frames.get_mut(at)?.items()
    }

    fn role(&self, p: &ParaB) -> Role {
        let style = self.styles.paragraph(p.style.as_deref());
        if style.named == Named::Contents {
            return Role::Contents;
        }
        match p.outline.or(style.outline) {
            Some(level @ 0..=8) => return Role::Heading(level + 1),
            Some(_) => {}
            None => {
                if let Named::Heading(n) = style.named {
                    return Role::Heading(n);
                }
            }
        }
        match style.named {
            Named::Title => Role::Title,
            Named::Author => Role::Author,
            Named::List => Role::Item,
            _ if p.numbered.or(style.numbered).unwrap_or(false) => Role::Item,
            _ => Role::Body,
        }
    }

    /// `w:pPr`: the paragraph's style, outline level and numbering; the rest (the paragraph
    /// mark's run properties, a tracked change's old properties) skipped.
    fn para_props(&mut self, r: &mut Reader<'_>) -> Result<(), Problem> {
        let Some(p) = self.paras.last_mut() else {
            return r.inside(|_, _, _| false);
        };
        r.inside(|ns, e, below| {
            match (ns, xml::local(e), below) {
                (Ns::W, b"pStyle", 1) => p.style = xml::attr(e, b"val"),
                (Ns::W, b"outlineLvl", 1) => p.outline = xml::attr(e, b"val").and_then(|v| v.trim().parse().ok()),
                (Ns::W, b"numPr", 1) => return true,
                // `w:numPr/w:numId`: 0 turns the style's numbering off
                (Ns::W, b"numId", 2) => p.numbered = Some(xml::attr(e, b"val").is_some_and(|v| v.trim() != "0")),
                _ => {}
            }
            false
        })
    }

    /// `w:rPr`: bold, italic, hidden and the character style.
    fn run_props(&mut self, r: &mut Reader<'_>) -> Result<(), Problem> {
        let (styles, mode) = (self.styles, self.mode);
        let Some(run) = self.runs.last_mut() else {
            return r.inside(|_, _, _| false);
        };
        r.inside(|ns, e, below| {
            match (ns, xml::local(e), below) {
                (Ns::W, b"b", 1) => run.bold = Some(xml::on(e)),
                (Ns::W, b"i", 1) => run.italic = Some(xml::on(e)),
                (Ns::W, b"vanish", 1) => run.hidden = xml::on(e),
                (Ns::W, b"rStyle", 1) => {
                    run.style = xml::attr(e, b"val");
                    // in a note, a run in the note-reference style is the note's own mark
                    if mode == Mode::Notes && run.style.as_deref().is_some_and(|s| styles.note_mark(s)) {
                        run.mark = true;
                    }
                }
                _ => {}
            }
            false
        })
    }

    /// Whether text now is shown: not hidden, not a note's mark, not a field's instruction.
    fn shown(&self) -> bool {
        let run_ok = self
            .runs
            .last()
            .is_none_or(|r| !(r.hidden || r.mark && self.custom_mark_applies()));
        run_ok && self.fields.iter().all(|f| f.result) && !self.paras.is_empty()
    }

    /// A mark run drops its text in the body (the reference's custom mark), and in a note only
    /// before the note's own text begins.
    fn custom_mark_applies(&self) -> bool {
        self.mode == Mode::Body || !self.note_started
    }

    fn text(&mut self, s: &str) {
        if !self.shown() {
            return;
        }
        let emphasis = self.runs.last().is_some_and(|run| {
            let (bold, italic) = run.style.as_deref().map_or((None, None), |s| self.styles.emphasis(s));
            run.bold.or(bold).unwrap_or(false) || run.italic.or(italic).unwrap_or(false)
        });
        // a soft hyphen is where a word may break, not a character of it
        let s = if s.contains('\u{ad}') {
            std::borrow::Cow::Owned(s.replace('\u{ad}', ""))
        } else {
            std::borrow::Cow::Borrowed(s)
        };
        if s.is_empty() {
            return;
        }
        self.emitted += s.len();
        if !self.note_started && s.chars().any(|c| !c.is_whitespace()) {
            self.note_started = true;
        }
        let link = link(&self.fields, &self.links, &self.linked);
        let Some(p) = self.paras.last_mut() else { return };
        if let Some(Bit::Text {
            text,
            emphasis: e,
            link: l,
        }) = p.bits.last_mut()
        {
            if *e == emphasis && l.as_deref() == link {
                text.push_str(&s);
                return;
            }
        }
        p.bits.push(Bit::Text {
            text: s.into_owned(),
            emphasis,
            link: link.map(String::from),
        });
    }

    fn instr(&mut self, s: &str) {
        if let Some(f) = self.fields.last_mut().filter(|f| !f.result) {
            let room = MAX_INSTR.saturating_sub(f.instr.len());
            f.instr.extend(s.chars().take(room));
        }
    }

    fn fld_char(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") => {
                if self.fields.len() < MAX_FIELDS {
                    self.fields.push(Field::default());
                } else {
                    self.fields_lost += 1;
                }
            }
            Some("separate") if self.fields_lost == 0 => {
                let at = self.emitted;
                if let Some(f) = self.fields.last_mut() {
                    f.result = true;
                    f.link = hyperlink(&f.instr);
                    f.at = at;
                }
            }
            Some("end") => {
                if self.fields_lost > 0 {
                    self.fields_lost -= 1;
                    return;
                }
                let Some(f) = self.fields.pop() else { return };
                // a hyperlink field with no result (never updated) still shows where it points
                let url = if f.result {
                    f.link.filter(|_| f.at == self.emitted)
                } else {
                    hyperlink(&f.instr)
                };
                if let Some(url) = url {
                    self.text(&url);
                }
            }
            _ => {}
        }
    }

    fn reference(&mut self, e: &BytesStart<'_>) {
        if xml::attr(e, b"customMarkFollows").is_some_and(|v| v == "1" || v == "true" || v == "on") {
            if let Some(run) = self.runs.last_mut() {
                run.mark = true;
            }
        }
        if self.mode != Mode::Body || !self.fields.iter().all(|f| f.result) {
            return;
        }
        let kind = if xml::local(e) == b"endnoteReference" {
            NoteKind::End
        } else {
            NoteKind::Foot
        };
        let Some(id) = xml::attr(e, b"id") else { return };
        if let Some(p) = self.paras.last_mut() {
            p.bits.push(Bit::Ref(Ref {
                kind,
                id: id.trim().to_string(),
            }));
        }
    }

    /// Where a `w:hyperlink` points: its relationship's external target, with its anchor; None
    /// for a link within the document.
    fn hyperlink(&self, e: &BytesStart<'_>) -> Option<String> {
        let rel = xml::attr(e, b"id")
            .and_then(|id| self.rels.get(&id))
            .filter(|r| r.external)?;
        let mut url = rel.target.clone();
        if let Some(anchor) = xml::attr(e, b"anchor").filter(|a| !a.is_empty()) {
            url.push('#');
            url.push_str(&anchor);
        }
        Some(url)
    }
}

/// The link of text now: the innermost hyperlink field's in its result, else the innermost
/// hyperlink's.
fn link<'a>(fields: &'a [Field], links: &'a [Option<String>], linked: &[usize]) -> Option<&'a str> {
    fields
        .iter()
        .rev()
        .find_map(|f| f.link.as_deref().filter(|_| f.result))
        .or_else(|| linked.last().and_then(|&i| links.get(i)).and_then(|l| l.as_deref()))
}

/// The target of a `HYPERLINK` field instruction (`HYPERLINK "https://…" \o "tip"`); None for
/// another field or a link within the document (`\l` alone).
pub fn hyperlink(instr: &str) -> Option<String> {
    let rest = instr.trim_start();
    let head = rest.get(..9)?;
    let after = rest.get(9..)?;
    if !head.eq_ignore_ascii_case("hyperlink") || after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let mut args = Args(rest.get(9..)?);
    let mut url: Option<String> = None;
    let mut anchor: Option<String> = None;
    while let Some((arg, switch)) = args.next() {
        if !switch {
            url.get_or_insert(arg);
            continue;
        }
        // the switches that take an argument
        match arg.as_str() {
            "l" => anchor = args.next().map(|a| a.0),
            "m" | "n" => {}
            _ => {
                args.next();
            }
        }
    }
    let mut url = url.filter(|u| !u.is_empty())?;
    if let Some(a) = anchor.filter(|a| !a.is_empty()) {
        url.push('#');
        url.push_str(&a);
    }
    Some(url)
}

/// The arguments of a field instruction: quoted strings (`\"` and `\\` inside), bare words and
/// switches (`\o`: `("o", true)`).
struct Args<'a>(&'a str);

impl Iterator for Args<'_> {
    type Item = (String, bool);

    fn next(&mut self) -> Option<(String, bool)> {
        let s = self.0.trim_start();
        let mut chars = s.char_indices();
        let (_, first) = chars.next()?;
        if first == '"' {
            let mut out = String::new();
            let mut escaped = false;
            for (i, c) in chars {
                if escaped {
                    out.push(c);
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    self.0 = s.get(i + 1..).unwrap_or("");
                    return Some((out, false));
                } else {
                    out.push(c);
                }
            }
            self.0 = "";
            return Some((out, false));
        }
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        let word = s.get(..end).unwrap_or("");
        self.0 = s.get(end..).unwrap_or("");
        match word.strip_prefix('\\') {
            Some(sw) => Some((sw.to_string(), true)),
            None => Some((word.to_string(), false)),
        }
    }
}

/// The character a `w:sym` stands for. Fonts such as Symbol put their glyphs at U+F020–U+F0FF:
/// those of the Symbol font are mapped to Unicode where it has them; pictogram fonts
/// (Wingdings) are left out.
fn symbol(e: &BytesStart<'_>) -> Option<char> {
    let code = u32::from_str_radix(xml::attr(e, b"char")?.trim(), 16).ok()?;
    let font = xml::attr(e, b"font").unwrap_or_default().to_lowercase();
    let code = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    if font != "symbol" {
        return char::from_u32(code)
            .filter(|c| !c.is_control() && !font.starts_with("wingdings") && !font.starts_with("webdings"));
    }
    let c = match code {
        0x41..=0x5A | 0x61..=0x7A => {
            const GREEK: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ";
            let i = if code >= 0x61 { code - 0x61 + 26 } else { code - 0x41 };
            GREEK.chars().nth(i as usize)?
        }
        0xB7 => '•',
        0xB1 => '±',
        0xB4 => '×',
        0xB0 => '°',
        0xAE => '→',
        0xAC => '←',
        0xA3 => '≤',
        0xB3 => '≥',
        0xB9 => '≠',
        0xBB => '≈',
        0xD3 | 0xE3 => '©',
        0xD2 | 0xE2 => '®',
        0xD4 | 0xE4 => '™',
        0x20..=0x7E => char::from_u32(code)?,
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_fields_give_their_target() {
        let h = |s: &str| hyperlink(s);
        assert_eq!(
            h(r#" HYPERLINK "https://example.org/a b" "#).as_deref(),
            Some("https://example.org/a b")
        );
        assert_eq!(
            h(r#"hyperlink https://example.org/x \o "Tip""#).as_deref(),
            Some("https://example.org/x")
        );
        assert_eq!(
            h(r#"HYPERLINK \o "tip" "https://e.org/y" \t "_blank""#).as_deref(),
            Some("https://e.org/y")
        );
        assert_eq!(
            h(r#"HYPERLINK "https://e.org/p" \l "sec2""#).as_deref(),
            Some("https://e.org/p#sec2")
        );
        assert_eq!(h(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(h(r#"PAGEREF _Toc1 \h"#), None);
        assert_eq!(h(r#"HYPERLINK "C:\\docs\\a.docx""#).as_deref(), Some(r"C:\docs\a.docx"));
        assert_eq!(h("HYPERLINK"), None);
        assert_eq!(h("HYPERLINK \""), None);
    }
}
