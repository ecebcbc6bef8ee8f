//! Actors and agreements in the body text, one entity however it is named.
//!
//! Takes: a [`Document`]'s body blocks (headings, paragraphs, list items, table cells; never the
//! notes: note authors and outlets are sources, not actors), its [`Sentence`]s and a
//! [`Lexicon`]. Gives: the [`Entity`]s named, each with every mention (sentence, block, clean
//! range, source span, surface form) and the [`Rule`] that found it.
//!
//! Two passes, both linear in the text:
//!
//! 1. **Discovery** (the rules of [`Rule`] other than the lexicon's) adds names the lexicon does
//!    not know: acronyms defined in the text, titled persons, capitalised names with a telling
//!    head word, `Operation …`, companies named in apposition. Headings are never a source of
//!    discovered names.
//! 2. **Matching**: the longest lexicon or discovered surface form the text starts with at each
//!    word start (see [`Prefixes`]; word boundary checked at the end) is a mention, sentence by
//!    sentence. A surname alone counts only after the person was named in
//!    full.

use super::lexicon::Entry;
use super::prefixes::Prefixes;
use super::{Class, Entity, EntityType, Lexicon, Mention, Rule};
use crate::claims::Sentence;
use crate::document::{BlockKind, Document};
use crate::pattern::{Bounded, Narrowed, Start};
use aho_corasick::AhoCorasick;
use foldhash::{HashMap, HashMapExt};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub fn extract(doc: &Document, sentences: &[Sentence], lexicon: &Lexicon) -> Vec<Entity> {
    let index = lexicon.index();
    let mut table = Table::over(&index.base);
    for block in &doc.blocks {
        if !matches!(block.kind, BlockKind::Heading { .. }) {
            table.doc_text.push_str(&block.inline.text);
            table.doc_text.push('\n');
        }
    }
    for (a, b) in super::runs(&table.doc_text, &ALNUM) {
        let Some(w) = table.doc_text.get(a..b) else { continue };
        // (a word's string is made once, when first seen, not for every time it stands)
        match table.words.get_mut(w) {
            Some(n) => *n += 1,
            None => {
                table.words.insert(w.to_string(), 1);
            }
        }
    }
    // each body block's words, split once and read by every rule
    let block_words: Vec<Vec<Word>> = doc
        .blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Heading { .. } => Vec::new(),
            _ => words(&b.inline.text),
        })
        .collect();
    for (block, ws) in doc.blocks.iter().zip(&block_words) {
        if !is_prose(block) {
            continue;
        }
        discover(&mut table, &block.inline.text, ws);
    }
    surname_persons(&mut table, doc, &block_words);
    find_mentions(doc, sentences, &table, index)
}

/// Whether a block is prose, where names are discovered: a heading is not, nor a paragraph or
/// table cell without a sentence in it (no full stop, question or exclamation mark, colon or
/// semicolon): a byline (`Jane Doe Specialist in Trade Policy`), a running head or foot
/// (`Research Service R48179 · VERSION 10`), a caption label, a table's header or figures.
/// Those hold names of the page, not of the argument, and their words run together across
/// columns. A list item is prose: lists name the members, bills or parties a paper discusses.
/// Names found in prose are still matched everywhere.
fn is_prose(block: &crate::document::Block) -> bool {
    if super::back_matter(block) {
        return false;
    }
    match block.kind {
        BlockKind::Heading { .. } => false,
        BlockKind::ListItem => true,
        BlockKind::Paragraph | BlockKind::Cell { .. } => {
            let text = block.inline.text.trim_end();
            let text = text.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
            text.ends_with(['.', '!', '?', ':', ';']) || sentence_end_inside(text)
        }
    }
}

/// A sentence ends inside `text`: a word of two lower-case letters or more, then `.`, `?`, `!`
/// or `;` and a space (not an initial: `Clare Y. Cho`).
fn sentence_end_inside(text: &str) -> bool {
    let mut lower_run = 0;
    let mut cs = text.chars().peekable();
    while let Some(c) = cs.next() {
        if c.is_lowercase() {
            lower_run += 1;
            continue;
        }
        if matches!(c, '.' | '?' | '!' | ';') && lower_run >= 2 && cs.peek().is_some_and(|n| n.is_whitespace()) {
            return true;
        }
        lower_run = 0;
    }
    false
}

/// A candidate entity: from the lexicon or discovered.
#[derive(Debug, Clone)]
struct Cand {
    id: String,
    class: Class,
    kind: EntityType,
    label: String,
    rule: Rule,
}

/// A surface form to match, with its candidate; `after_full` forms (a surname alone) count only
/// once the candidate was named another way.
#[derive(Debug, Clone, Copy)]
struct Surface {
    cand: usize,
    after_full: bool,
}

/// What the lexicon alone gives: its candidates and their surface forms, shared by every
/// document. Only looked up, never walked in order (the forms' sorted set is kept apart in
/// [`LexiconIndex`]): hashed, as the name rules ask them of every capitalised word.
#[derive(Debug, Default)]
struct Base {
    cands: Vec<Cand>,
    by_id: HashMap<String, usize>,
    surfaces: HashMap<String, Surface>,
    /// The lexicon's states, for [`state_adjective`].
    states: StateNames,
}

/// One document's candidates: the lexicon's, read through, and those the document adds. A
/// document never copies the lexicon's tables (on a corpus of short papers that copy cost more
/// than the matching): its own candidates are numbered after the lexicon's, and a surface form
/// it changes is shadowed in its own map.
#[derive(Debug)]
struct Table<'a> {
    base: &'a Base,
    /// The body text of the document (headings excepted), for counts over the whole document.
    doc_text: String,
    /// How often each whole word (a run of letters and digits) stands in `doc_text`.
    words: HashMap<String, usize>,
    cands: Vec<Cand>,
    /// (hashed, as the lexicon's: looked up for every capitalised word, never walked in order)
    by_id: HashMap<String, usize>,
    surfaces: HashMap<String, Surface>,
    /// [`state_adjective`]'s answers by word: the name rules ask it of every capitalised word,
    /// again and again, and an answer (from the lexicon's states alone) never changes.
    adjectives: RefCell<HashMap<String, Option<String>>>,
}

/// The lexicon's states by surface form, by last word and by name. Discovered entities are
/// never states, so the lexicon's suffice.
#[derive(Debug, Default)]
struct StateNames {
    /// Surface form → id of the state that owns it.
    by_surface: HashMap<String, String>,
    /// Last word of a many-word state name → the first such state's id.
    by_last: HashMap<String, String>,
    /// (label, place in table order, id) of every state, sorted by label: the labels that
    /// start with a word are one run of it, found by a binary search.
    by_label: Vec<(String, usize, String)>,
}

/// What matching derives from a lexicon alone, built once per lexicon (see [`Lexicon`]) and
/// shared by every document: the lexicon's table, an automaton over its surface forms and the
/// states for [`state_adjective`].
#[derive(Debug)]
pub struct LexiconIndex {
    base: Base,
    /// The table's surface forms, asked for the longest at a word's start.
    forms: Prefixes<String>,
}

impl LexiconIndex {
    pub(crate) fn build(lexicon: &Lexicon) -> LexiconIndex {
        let empty = Base::default();
        let mut t = Table::over(&empty);
        let surnames = shared_surnames(lexicon);
        for e in lexicon.entries() {
            t.add_entry(e, &surnames);
        }
        let Table {
            cands, by_id, surfaces, ..
        } = t;
        let forms = Prefixes::new(surfaces.keys().cloned().collect());
        let is_state = |i: usize| cands.get(i).filter(|c| c.kind == EntityType::State);
        let by_surface = surfaces
            .iter()
            .filter_map(|(s, sf)| is_state(sf.cand).map(|c| (s.clone(), c.id.clone())))
            .collect();
        let mut by_last = HashMap::new();
        let mut by_label = Vec::new();
        for (at, c) in cands.iter().filter(|c| c.kind == EntityType::State).enumerate() {
            if c.label.contains(' ') {
                if let Some(last) = c.label.rsplit(' ').next() {
                    by_last.entry(last.to_string()).or_insert_with(|| c.id.clone());
                }
            }
            by_label.push((c.label.clone(), at, c.id.clone()));
        }
        by_label.sort_unstable();
        let states = StateNames {
            by_surface,
            by_last,
            by_label,
        };
        LexiconIndex {
            base: Base {
                cands,
                by_id: by_id.into_iter().collect(),
                surfaces: surfaces.into_iter().collect(),
                states,
            },
            forms,
        }
    }
}

impl<'a> Table<'a> {
    fn over(base: &'a Base) -> Table<'a> {
        Table {
            base,
            doc_text: String::new(),
            words: HashMap::new(),
            cands: Vec::new(),
            by_id: HashMap::new(),
            surfaces: HashMap::new(),
            adjectives: RefCell::new(HashMap::new()),
        }
    }

    /// The candidate numbered `i`: the lexicon's first, then the document's own.
    fn cand_at(&self, i: usize) -> Option<&Cand> {
        match i.checked_sub(self.base.cands.len()) {
            None => self.base.cands.get(i),
            Some(j) => self.cands.get(j),
        }
    }

    fn cand_count(&self) -> usize {
        self.base.cands.len() + self.cands.len()
    }

    fn all_cands(&self) -> impl Iterator<Item = &Cand> {
        self.base.cands.iter().chain(&self.cands)
    }

    fn surface_of(&self, s: &str) -> Option<Surface> {
        self.surfaces.get(s).or_else(|| self.base.surfaces.get(s)).copied()
    }

    fn states(&self) -> &StateNames {
        &self.base.states
    }

    fn add_entry(&mut self, e: &Entry, shared: &[String]) {
        let rule = match e.class {
            Class::Actor => Rule::ActorLexicon,
            Class::Agreement => Rule::AgreementLexicon,
        };
        let i = self.cand(&e.id, e.class, e.kind, &e.name, rule);
        for s in e.surfaces() {
            self.surface(s, i, false);
        }
        // a lexicon person's surname counts once the person is named in full
        if e.kind == EntityType::Person {
            if let Some(last) = e.name.split_whitespace().last() {
                let unique = !shared.iter().any(|s| s == last);
                if unique && e.name.contains(' ') && self.surface_of(last).is_none() && last.chars().count() > 3 {
                    self.surface(last, i, true);
                }
            }
        }
    }

    fn cand(&mut self, id: &str, class: Class, kind: EntityType, label: &str, rule: Rule) -> usize {
        if let Some(&i) = self.by_id.get(id).or_else(|| self.base.by_id.get(id)) {
            return i;
        }
        let i = self.cand_count();
        self.cands.push(Cand {
            id: id.to_string(),
            class,
            kind,
            label: label.to_string(),
            rule,
        });
        self.by_id.insert(id.to_string(), i);
        i
    }

    /// Registers a surface form; the first owner keeps it.
    fn surface(&mut self, s: &str, cand: usize, after_full: bool) {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        match self.surface_of(s) {
            Some(old) => {
                if old.after_full && !after_full && old.cand == cand {
                    self.surfaces.insert(s.to_string(), Surface { cand, after_full });
                }
            }
            None => {
                self.surfaces.insert(s.to_string(), Surface { cand, after_full });
            }
        }
    }

    fn owner(&self, s: &str) -> Option<usize> {
        self.surface_of(s).map(|x| x.cand)
    }

    /// Adds a discovered entity under its surfaces, or folds them into a known one that already
    /// owns one of them.
    fn discovered(&mut self, class: Class, kind: EntityType, label: &str, surfaces: &[&str], rule: Rule) -> usize {
        let known = std::iter::once(label)
            .chain(surfaces.iter().copied())
            .find_map(|s| self.owner(s));
        let i = match known {
            Some(i) => i,
            None => self.cand(&normal_id(label), class, kind, label, rule),
        };
        self.surface(label, i, false);
        for s in surfaces {
            self.surface(s, i, false);
        }
        i
    }
}

/// Surnames of two or more lexicon people (`Singh`, `Khan`): never a person alone.
fn shared_surnames(lexicon: &Lexicon) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for e in lexicon.entries().iter().filter(|e| e.kind == EntityType::Person) {
        if let Some(last) = e.name.split_whitespace().last() {
            *count.entry(last).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(s, _)| s.to_string())
        .collect()
}

/// The normalised canonical name used as an id: lower-case words joined by `-`.
pub fn normal_id(label: &str) -> String {
    let mut out = String::new();
    for w in label.split(|c: char| !c.is_alphanumeric() && c != '+') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

// ---------------------------------------------------------------- discovery

/// A rule's pattern when the block holds the rule's cue, else None. The cue is asked first: a
/// pattern is compiled at its first use, so a run whose blocks never hold its cue never pays
/// for compiling it.
fn cued<R>(cue: bool, pattern: &'static LazyLock<Option<R>>) -> Option<&'static R> {
    if cue {
        pattern.as_ref()
    } else {
        None
    }
}

/// `… (ACR)` with an acronym of at least two capitals.
static ACRONYM: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\(([A-Za-z][A-Za-z0-9&+\-]{0,10})(?:[,;][^()]{0,80})?\)(\s+(?:[A-Z][a-z]+|\d{4}|(?:program|programme|benefit|grant|scheme|initiative|fund|facility|mechanism|treaty|agreement|accord)s?)\b)?",
    )
});

/// Lower-case nouns after a defined acronym that make the name a programme or an agreement:
/// `Extended Benefit (EB) program`, `Lost Wages Assistance (LWA) benefit`.
fn programme_noun(w: &str) -> Option<EntityType> {
    match w.trim_end_matches('s') {
        "program" | "programme" | "benefit" | "grant" | "scheme" | "initiative" | "fund" | "facility" | "mechanism" => {
            Some(EntityType::Initiative)
        }
        "treaty" => Some(EntityType::Treaty),
        "agreement" | "accord" => Some(EntityType::Agreement),
        _ => None,
    }
}

/// A title, then the name it stands before. Searched anchored where a title stands ([`titled`]):
/// an unanchored search also runs the engine's reverse scan for the match's start, whose lazy
/// automaton over the forty titles and the name's letter classes cost more than the rest of the
/// entity rules' searches together on a paper.
static TITLE: LazyLock<Option<Narrowed>> = LazyLock::new(|| {
    crate::pattern::anchored(&format!(
        r"\b(?:{})\s+((?:(?:[A-Z][a-z]?\.){{1,3}}\s*|[A-Z][\p{{L}}'’]*(?:-[A-Z]?[\p{{L}}]+)?\s+){{0,3}}[A-Z][\p{{Ll}}\p{{Lu}}]*\p{{Ll}}[\p{{L}}]*(?:-[A-Z]?[\p{{L}}]+)?(?:\s+(?:al|el|bin|bint|ibn|abu|van|von|de|da|di|du|dos|das|del|della|le|la)(?:-|\s+(?:der\s+|den\s+)?)[A-Z][\p{{L}}'’]+(?:-[A-Z]?[\p{{L}}]+)?)?)",
        TITLES.join("|").replace('.', r"\.")
    ))
});

static COMPANY: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\b([A-Z][\p{L}&-]+(?:\s+[A-Z][\p{L}&-]+){0,3}),\s+(?:one of|an?|the)\s+[^,.;()]{0,60}?\b(?:compan(?:y|ies)|firms?|refiners?|refinery|manufacturers?|contractors?|conglomerates?|subsidiar(?:y|ies)|start-?ups?|retailers?|suppliers?|vendors?|insurers?|lenders?|automakers?|chipmakers?|shipbuilders?|meatpackers?|miners?|operators?|carriers?)\b",
    )
});

/// `Acme Foods and its subsidiary Beta`: the parent of a subsidiary or affiliate is a company.
static COMPANY_PARENT: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(r"\b([A-Z][\p{L}&-]+(?:\s+[A-Z][\p{L}&-]+){0,3})\s+and\s+its\s+(?:subsidiar(?:y|ies)|affiliates?)\b")
});

/// `mining company Rio Tinto`, `defense firm Anduril`: a company word, then the name.
static COMPANY_BEFORE: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\b(?:compan(?:y|ies)|firms?|refiners?|manufacturers?|contractors?|conglomerates?|subsidiar(?:y|ies)|start-?ups?|retailers?|suppliers?|vendors?|insurers?|lenders?|automakers?|chipmakers?|shipbuilders?)\s+([A-Z][\p{L}&-]+(?:\s+[A-Z][\p{L}&-]+){0,2})",
    )
});

/// The words the pattern rules need, found in one pass over a block with one automaton: a
/// block without a rule's cue is not searched by its pattern. (The patterns begin with a
/// Unicode word boundary, which on text that is not ASCII sends the regex engine to its slowest
/// matcher at every capital: most blocks have no cue for most rules.) A DFA, not the NFA the
/// builder picks for a hundred words: every block of every paper is scanned (with the word sets
/// above, the seed × 100 2% faster; building it takes the warm-up thread half a millisecond).
static CUE_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(CUES.iter().map(|(w, _)| *w).chain(TITLES.iter().copied()))
        .ok()
});

/// Which rule each cue word serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Paren,
    Company,
    CompanySuffix,
    SuchAs,
    Listed,
    Designation,
    QuotedPolicy,
    Numbered,
    /// One of [`TITLES`] (the automaton holds them after [`CUES`]).
    Title,
}

const CUES: &[(&str, Cue)] = &[
    ("(", Cue::Paren),
    ("compan", Cue::Company),
    ("firm", Cue::Company),
    ("refiner", Cue::Company),
    ("manufacturer", Cue::Company),
    ("contractor", Cue::Company),
    ("conglomerate", Cue::Company),
    ("subsidiar", Cue::Company),
    ("startup", Cue::Company),
    ("start-up", Cue::Company),
    ("retailer", Cue::Company),
    ("supplier", Cue::Company),
    ("vendor", Cue::Company),
    ("insurer", Cue::Company),
    ("lender", Cue::Company),
    ("automaker", Cue::Company),
    ("chipmaker", Cue::Company),
    ("shipbuilder", Cue::Company),
    ("meatpacker", Cue::Company),
    ("miner", Cue::Company),
    ("operator", Cue::Company),
    ("carrier", Cue::Company),
    ("inc", Cue::CompanySuffix),
    ("ltd", Cue::CompanySuffix),
    ("corp", Cue::CompanySuffix),
    ("plc", Cue::CompanySuffix),
    ("gmbh", Cue::CompanySuffix),
    ("s.a.", Cue::CompanySuffix),
    ("co.", Cue::CompanySuffix),
    ("such as", Cue::SuchAs),
    ("like", Cue::SuchAs),
    ("called", Cue::SuchAs),
    ("named", Cue::SuchAs),
    ("dubbed", Cue::SuchAs),
    ("known as", Cue::SuchAs),
    ("including", Cue::Listed),
    ("designat", Cue::Designation),
    ("policy", Cue::QuotedPolicy),
    ("doctrine", Cue::QuotedPolicy),
    ("strategy", Cue::QuotedPolicy),
    ("initiative", Cue::QuotedPolicy),
    ("vision", Cue::QuotedPolicy),
    ("order", Cue::Numbered),
    ("e.o.", Cue::Numbered),
    ("license", Cue::Numbered),
];

/// The cues a block holds.
#[derive(Debug, Default)]
struct Cues {
    paren: bool,
    company: bool,
    company_suffix: bool,
    such_as: bool,
    listed: bool,
    designation: bool,
    quoted_policy: bool,
    numbered: bool,
    /// Where a title of [`TITLES`] starts, as written (in order, once each).
    titles: Vec<usize>,
}

impl Cues {
    fn of(text: &str) -> Cues {
        let Some(ac) = CUE_WORDS.as_ref() else {
            // no automaton: every rule runs
            return Cues {
                paren: true,
                company: true,
                company_suffix: true,
                such_as: true,
                listed: true,
                designation: true,
                quoted_policy: true,
                numbered: true,
                titles: title_starts(text),
            };
        };
        let mut c = Cues::default();
        for m in ac.find_overlapping_iter(text) {
            match CUES.get(m.pattern().as_usize()).map_or(Cue::Title, |x| x.1) {
                Cue::Paren => c.paren = true,
                Cue::Company => c.company = true,
                Cue::CompanySuffix => c.company_suffix = true,
                Cue::SuchAs => {
                    c.such_as = true;
                    c.listed = true;
                }
                Cue::Listed => c.listed = true,
                Cue::Designation => c.designation = true,
                Cue::QuotedPolicy => c.quoted_policy = true,
                Cue::Numbered => c.numbered = true,
                Cue::Title => {
                    let title = m
                        .pattern()
                        .as_usize()
                        .checked_sub(CUES.len())
                        .and_then(|i| TITLES.get(i));
                    if text.get(m.range()) == title.copied() {
                        c.titles.push(m.start());
                    }
                }
            }
        }
        c.titles.sort_unstable();
        c.titles.dedup();
        c
    }
}

/// Where a title starts, found without the automaton.
fn title_starts(text: &str) -> Vec<usize> {
    let mut at: Vec<usize> = TITLES
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(i, _)| i))
        .collect();
    at.sort_unstable();
    at.dedup();
    at
}

/// `Acme Holdings Ltd`, `Foo Corp.`: a name with a corporate suffix.
static COMPANY_SUFFIX: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\b([A-Z][\p{L}&'’-]+(?:\s+(?:&\s+)?[A-Z][\p{L}&'’-]+){0,3}),?\s+(Inc\.|Inc\b|Ltd\.?|Corp\.|Corp\b|plc\b|PLC\b|GmbH\b|S\.A\.|SA\b|Co\.,?\s+Ltd\.?|Co\.|LLC\b|LLP\b|L\.P\.|AG\b|SE\b|N\.V\.|NV\b|S\.p\.A\.|SpA\b|AB\b|ASA\b|Oyj\b|K\.K\.|Pty\.?\s+Ltd\.?|Bhd\b)",
    )
});

/// `initiatives like Make in India and Atmanirbhar Bharat`, `forums such as the DTTI`: names
/// listed after a plural class noun. Searched anchored where a class noun stands (a search for
/// the leftmost match from there costs thirty times more: the engine scans back for its start).
static LISTED: LazyLock<Option<Narrowed>> = LazyLock::new(|| {
    crate::pattern::anchored(
        r"\b((?i:initiatives|agreements|forums|mechanisms|dialogues|programmes|programs|treaties|frameworks))\s+(?:such as|like|including)\s+((?:(?:the\s+)?[A-Za-z0-9][\p{L}\d+&-]*(?:\s+(?:in|of|for|on|the|and)?\s*[A-Z0-9][\p{L}\d+&-]*)*(?:,\s+|,?\s+and\s+)?){1,5})",
    )
});

/// The plural class nouns of [`LISTED`], lower-case.
const LIST_NOUNS: &[&str] = &[
    "initiatives",
    "agreements",
    "forums",
    "mechanisms",
    "dialogues",
    "programmes",
    "programs",
    "treaties",
    "frameworks",
];

/// `designation as a “Major Defense Partner”`, `designated a Major Non-NATO Ally`.
static DESIGNATION: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r#"\bdesignat(?:ion|ed|es|e)\s+(?:as\s+)?(?:an?\s+|the\s+)?["“]?([A-Z][\p{L}-]+(?:\s+(?:of\s+)?[A-Z][\p{L}-]+){1,5})["”]?"#,
    )
});

/// `the US "Indo-Pacific strategy"`: a quoted capitalised name ending in a policy noun.
static QUOTED_STRATEGY: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r#"["“]([A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+){0,3}\s+(strategy|policy|doctrine|initiative|vision))[,.]?["”]"#,
    )
});

/// `the "Look East" policy`: a quoted phrase of 3 to 41 letters, spaces and hyphens, then a
/// policy noun. The length is checked in code ([`quoted_phrase_fits`]), not by a bounded repeat:
/// `[\p{L} -]{2,40}` compiles the letter class forty times over, a quarter of the start-up
/// cost of every pattern together. The phrase is the whole run between its quotes either way
/// (the class holds no quote), so the matches are the same.
static QUOTED_POLICY: LazyLock<Option<Bounded>> =
    LazyLock::new(|| Bounded::new(r#"["“]([\p{L}][\p{L} -]*)["”]\s+(policy|doctrine|strategy)\b"#));

/// Whether a quoted policy phrase has the length [`QUOTED_POLICY`] allows.
fn quoted_phrase_fits(phrase: &str) -> bool {
    (3..=41).contains(&phrase.chars().count())
}

static SPECIAL: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\b(?:Executive Order\s+(?:\((?:E\.O\.|EO)\)\s+)?(?:No\.\s+)?(\d{4,6})|E\.O\.\s+(\d{4,6})|General License\s+[A-Z0-9]{1,4}\b)",
    )
});

/// The rules' patterns, for [`warm_up`] and the test that each compiles.
fn patterns() -> [(&'static str, &'static LazyLock<Option<Start>>); 1] {
    [("DESIGNATOR", &DESIGNATOR)]
}

/// The rules' patterns with word boundaries searched in two steps (see [`Bounded`]), as
/// [`patterns`].
fn bounded_patterns() -> [(&'static str, &'static LazyLock<Option<Bounded>>); 12] {
    [
        ("QUOTED_STRATEGY", &QUOTED_STRATEGY),
        ("COMPANY", &COMPANY),
        ("COMPANY_BEFORE", &COMPANY_BEFORE),
        ("COMPANY_PARENT", &COMPANY_PARENT),
        ("COMMITTEE", &COMMITTEE),
        ("DESIGNATION", &DESIGNATION),
        ("LISTED_ACT", &LISTED_ACT),
        ("ACRONYM", &ACRONYM),
        ("COMPANY_SUFFIX", &COMPANY_SUFFIX),
        ("QUOTED_POLICY", &QUOTED_POLICY),
        ("SPECIAL", &SPECIAL),
        ("SUCH_AS", &SUCH_AS),
    ]
}

/// Compiles every pattern and table of the entity rules (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    for (_, p) in patterns() {
        LazyLock::force(p);
    }
    for (_, p) in bounded_patterns() {
        LazyLock::force(p);
    }
    LazyLock::force(&TITLE);
    LazyLock::force(&LISTED);
    LazyLock::force(&CUE_WORDS);
    LazyLock::force(&HEADS);
    LazyLock::force(&GIVEN_NAMES);
    LazyLock::force(&NOT_NAME_WORD);
    LazyLock::force(&NOT_NAME_START);
    LazyLock::force(&MONTHS);
    LazyLock::force(&TITLES_BY_LAST);
    LazyLock::force(&NOT_PERSON_NAME);
}

/// Titles before a person's name, longest first where one is a prefix of another.
const TITLES: &[&str] = &[
    "Vice President",
    "President",
    "Deputy Prime Minister",
    "Prime Minister",
    "PM",
    "Secretary of State",
    "Secretary of Defense",
    "Secretary of War",
    "Secretary of the Treasury",
    "Secretary of Commerce",
    "Secretary-General",
    "Secretary General",
    "Treasury Secretary",
    "Defense Secretary",
    "Defence Secretary",
    "Foreign Secretary",
    "Defence Minister",
    "Defense Minister",
    "Foreign Minister",
    "External Affairs Minister",
    "Finance Minister",
    "Minister",
    "Supreme Leader",
    "Chancellor",
    "King",
    "Crown Prince",
    "Emir",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Speaker",
    "Gen.",
    "General",
    "Admiral",
    "Lieutenant General",
    "Lieutenant Colonel",
    "Lt. Col.",
    "Major General",
    "Brigadier General",
    "Field Marshal",
    "Marshal",
    "Colonel",
    "Col.",
    "Captain",
    "Adm.",
    "Ambassador",
    "NSA",
    "National Security Advisor",
    "National Security Adviser",
    "Chairman",
    "Premier",
    "Ayatollah",
    "Foreign Affairs Minister",
    "Speaker of Parliament",
    "Speaker of the House",
];

/// Head words of names and the type they give: `lexicon/heads.tsv`.
const HEADS_TABLE: &str = include_str!("lexicon/heads.tsv");

/// Head word → the type it gives (and so the class), read once from [`HEADS_TABLE`].
static HEADS: LazyLock<HashMap<&'static str, EntityType>> = LazyLock::new(|| {
    HEADS_TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (w, t) = l.split_once('\t')?;
            Some((w, EntityType::parse(t)?))
        })
        .collect()
});

/// Names (or last words of names) of legislatures the world over: `State Great Hural`, `Lok
/// Sabha`, `National People's Congress`, `Congress of Deputies`, `Verkhovna Rada`.
const LEGISLATURES: &[&str] = &[
    "Parliament",
    "Assembly",
    "Knesset",
    "Duma",
    "Majlis",
    "Majles",
    "Diet",
    "Bundestag",
    "Bundesrat",
    "Rada",
    "Hural",
    "Khural",
    "Sejm",
    "Storting",
    "Riksdag",
    "Folketing",
    "Eduskunta",
    "Althing",
    "Oireachtas",
    "Dáil",
    "Cortes",
    "Sabha",
    "Jirga",
    "Shura",
    "Congress",
    "Senate",
];

/// Legislature words that are also common nouns: a name needs more than one word before them.
const GENERIC_LEGISLATURES: &[&str] = &["Parliament", "Assembly", "Congress", "Senate", "Diet"];

/// `the Knesset`, `the Bundestag`: a legislature's own one-word name.
fn one_word_legislatures(t: &mut Table, text: &str, ws: &[Word]) {
    for w in ws {
        let s = text.get(w.start..w.end).unwrap_or("");
        // (every legislature's name is capitalised: most words are told at once)
        if !is_cap(s) || !LEGISLATURES.contains(&s) || GENERIC_LEGISLATURES.contains(&s) || t.owner(s).is_some() {
            continue;
        }
        let before = text.get(..w.start).unwrap_or("");
        if before.ends_with("the ") || before.ends_with("The ") {
            // `the State Great Hural … the Hural`: the short form of a longer name found before
            let suffix = format!(" {s}");
            let longer = t
                .all_cands()
                .position(|c| c.class == Class::Actor && c.label.ends_with(&suffix));
            match longer {
                Some(i) => t.surface(s, i, false),
                None => {
                    t.discovered(Class::Actor, EntityType::Organization, s, &[], Rule::ActorHeadWord);
                }
            }
        }
    }
}

/// Heads that name something only with a defined acronym or under a ministry: `Strategic
/// Partnership (SP) Model`, `Defence Export Promotion Cell (DEPC)`.
const WEAK_HEADS: &[(&str, Class, EntityType)] = &[
    ("Model", Class::Agreement, EntityType::Policy),
    ("Procedure", Class::Agreement, EntityType::Regulation),
    ("Procedures", Class::Agreement, EntityType::Regulation),
    ("Cell", Class::Actor, EntityType::Organization),
];

fn head_of(word: &str) -> Option<(Class, EntityType)> {
    if LEGISLATURES.contains(&word) {
        return Some((Class::Actor, EntityType::Organization));
    }
    let t = *HEADS.get(word)?;
    Some((if t.is_actor() { Class::Actor } else { Class::Agreement }, t))
}

fn weak_head(word: &str) -> Option<(Class, EntityType)> {
    WEAK_HEADS.iter().find(|(h, _, _)| *h == word).map(|(_, c, k)| (*c, *k))
}

/// Lower-case words allowed inside a capitalised name.
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "on", "in", "to", "with", "de", "&"];

/// Capitalised words that start sentences or name times, never a name's first word.
const NOT_NAME_START_LIST: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "Despite",
    "However",
    "In",
    "At",
    "For",
    "By",
    "While",
    "Although",
    "As",
    "After",
    "Before",
    "When",
    "Since",
    "Under",
    "Both",
    "Its",
    "Their",
    "His",
    "Her",
    "Such",
    "According",
    "Moreover",
    "Thus",
    "Meanwhile",
    "Also",
    "And",
    "But",
    "Or",
    "If",
    "With",
    "Without",
    "From",
    "To",
    "On",
    "Of",
    "Our",
    "We",
    "It",
    "They",
    "He",
    "She",
    "There",
    "Here",
    "Through",
    "During",
    "Following",
    "Each",
    "Every",
    "Another",
    "Other",
    "Some",
    "Many",
    "Most",
    "All",
    "Any",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Table",
    "Figure",
    "Section",
    "Chapter",
    "Part",
    "Note",
    "Notes",
    "See",
    "Similarly",
    "Further",
    "Furthermore",
    "Instead",
    "Nevertheless",
    "Therefore",
    "Hence",
    "Yet",
    "Still",
    "Then",
    "Now",
    "Today",
    "Given",
    "Unlike",
    "Like",
    "Consequently",
    "Additionally",
    "Finally",
    "Later",
    "Earlier",
    "Soon",
    "Eventually",
    "Ultimately",
    "Recently",
    "Previously",
    "Subsequently",
    "Initially",
    "Overall",
    "Indeed",
    "Notably",
    "Importantly",
    "Specifically",
    "Separately",
    "Together",
    "Thereafter",
    "Afterwards",
    "Critics",
    "Officials",
    "Analysts",
];

/// Words that open a name mid-sentence (`the New Framework for …`) but not at a sentence start.
const SOFT_START: &[&str] = &[
    "New", "Recent", "Former", "Current", "Key", "Next", "First", "Second", "Third", "Last",
];

/// Lower-case head nouns after a capitalised name: `NATO Plus arrangement`, `Power of Siberia 2 pipeline`.
const LOWER_HEADS: &[(&str, EntityType)] = &[
    ("arrangement", EntityType::Agreement),
    ("agreement", EntityType::Agreement),
    ("accord", EntityType::Agreement),
    ("pact", EntityType::Agreement),
    ("compact", EntityType::Agreement),
    ("treaty", EntityType::Treaty),
    ("deal", EntityType::Deal),
    ("ceasefire", EntityType::Deal),
    ("pipeline", EntityType::Deal),
    ("initiative", EntityType::Initiative),
    ("framework", EntityType::Framework),
    ("dialogue", EntityType::Dialogue),
    ("exercise", EntityType::Exercise),
    ("exercises", EntityType::Exercise),
    ("doctrine", EntityType::Policy),
    ("corridor", EntityType::Initiative),
];

/// Words in a sentence that make an equipment designator (`S-400`, `F-35`) a deal.
const DEAL_WORDS: &[&str] = &[
    "sale",
    "sales",
    "sell",
    "sold",
    "purchase",
    "purchases",
    "purchased",
    "buy",
    "bought",
    "deal",
    "deals",
    "co-production",
    "co-produce",
    "assembly",
    "acquisition",
    "acquire",
    "acquired",
    "procurement",
    "order",
    "delivery",
    "deliveries",
    "contract",
];

static DESIGNATOR: LazyLock<Option<Start>> =
    LazyLock::new(|| Start::new(r"^(?:[A-Z][A-Za-z]{0,2}-\d{2,3}[A-Z]?|[A-Z]\d{3}[A-Z]?)$"));

static SUCH_AS: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\b(operations?|exercises?|missions?)\s+(?:such as|like|called|named|dubbed|known as)\s+(?:the\s+)?(?:\S+-led\s+)?([A-Z][\p{L}\d-]+(?:\s+[A-Z][\p{L}\d-]+){0,3})",
    )
});

const MONTHS_LIST: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// The word lists the rules ask of every word, as hash sets: scanning the lists (up to 128
// entries) word by word had been most of a corpus build's `memcmp`.

/// [`NOT_NAME_START_LIST`] as a set.
static NOT_NAME_START: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAME_START_LIST.iter().copied().collect());
/// [`MONTHS_LIST`] as a set.
static MONTHS: LazyLock<foldhash::HashSet<&'static str>> = LazyLock::new(|| MONTHS_LIST.iter().copied().collect());
/// [`NOT_PERSON_NAME_LIST`] as a set.
static NOT_PERSON_NAME: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| NOT_PERSON_NAME_LIST.iter().copied().collect());

/// [`NOT_NAME_START_LIST`], [`SOFT_START`], [`MONTHS_LIST`] and [`TITLES`] as one set: words that are
/// never a name's word by themselves. The name rules ask it of every capitalised word, and one
/// hash costs less than walking four lists.
static NOT_NAME_WORD: LazyLock<foldhash::HashSet<&'static str>> = LazyLock::new(|| {
    NOT_NAME_START_LIST
        .iter()
        .chain(SOFT_START)
        .chain(MONTHS_LIST)
        .chain(TITLES)
        .copied()
        .collect()
});

/// A word of a block's clean text: byte range.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// The characters of [`words`]: letters, digits and `-'’.+&`.
static WORD: LazyLock<super::Chars> =
    LazyLock::new(|| super::Chars::new(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | '+' | '&')));

/// Letters and digits: the characters of the words counted in [`extract`].
static ALNUM: LazyLock<super::Chars> = LazyLock::new(|| super::Chars::new(char::is_alphanumeric));

/// Characters other than white space: the characters of the words of [`proxies`].
static UNSPACED: LazyLock<super::Chars> = LazyLock::new(|| super::Chars::new(|c| !c.is_whitespace()));

/// A block's words: runs of letters, digits and `-'’.+&`, trimmed by [`trim_word`].
fn words(text: &str) -> Vec<Word> {
    super::runs(text, &WORD)
        .into_iter()
        .map(|(s, e)| trim_word(text, s, e))
        .filter(|w| w.end > w.start)
        .collect()
}

/// Drops a trailing full stop (not of an initial such as `S.`), apostrophes and a possessive.
fn trim_word(text: &str, s: usize, mut e: usize) -> Word {
    // (most words end in a letter or digit other than `s`: nothing to drop, told by one byte)
    if e > s
        && text
            .as_bytes()
            .get(e - 1)
            .is_some_and(|&b| b.is_ascii_alphanumeric() && b != b's')
    {
        return Word { start: s, end: e };
    }
    let w = text.get(s..e).unwrap_or("");
    for suffix in ["'s", "’s"] {
        if w.len() > suffix.len() && w.ends_with(suffix) {
            e -= suffix.len();
            return Word { start: s, end: e };
        }
    }
    let mut w = text.get(s..e).unwrap_or("");
    while let Some(last) = w.chars().last() {
        let keep_dot =
            last == '.' && (w.len() <= 3 || w.chars().filter(|&c| c == '.').count() > 1 || w == "Inc." || w == "Ltd.");
        if matches!(last, '.' | '\'' | '’' | '-' | '&') && !keep_dot {
            e -= last.len_utf8();
            w = text.get(s..e).unwrap_or("");
        } else {
            break;
        }
    }
    Word { start: s, end: e }
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The names a block's text defines or implies.
fn discover(t: &mut Table, text: &str, ws: &[Word]) {
    let cues = Cues::of(text);
    if cues.paren {
        acronyms(t, text);
    }
    listed_acts(t, text);
    head_words(t, text, ws);
    // (the title pattern's literal prefixes make the regex engine's own prefilter fast)
    if !cues.titles.is_empty() {
        titled(t, text, &cues.titles);
    }
    role_cued(t, text, ws);
    brands(t, text, ws);
    if text.contains("ommittee") {
        committees(t, text);
    }
    let company_words = cues.company;
    if let Some(r) = cued(company_words, &COMPANY) {
        for c in r.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let name = m.as_str();
            let first = name.split_whitespace().next().unwrap_or("");
            // (a sentence's first word may be any capitalised word, `Meanwhile, the firm …`:
            // there only an acronym or a name of two words or more)
            let acronym = name.chars().count() > 1 && name.chars().all(|c| c.is_ascii_uppercase() || c == '&');
            let opener = is_sentence_start(text, m.start()) && !acronym && !name.contains(' ');
            if t.owner(name).is_some() || NOT_NAME_START.contains(&first) || opener {
                continue;
            }
            t.discovered(Class::Actor, EntityType::Company, name, &[], Rule::ActorCompany);
        }
    }
    // legal forms that are also short words: looked for among the block's words
    let short_form = ws.iter().any(|w| {
        matches!(
            text.get(w.start..w.end).map(|x| x.trim_end_matches('.')),
            Some("AG" | "SE" | "AB" | "NV" | "SA" | "ASA" | "Oyj" | "SpA" | "LLC" | "LLP" | "Bhd")
        )
    });
    companies_more(t, text, company_words, cues.company_suffix || short_form);
    one_word_legislatures(t, text, ws);
    listed(t, text, &cues);
    if let Some(r) = cued(cues.such_as, &SUCH_AS) {
        for c in r.captures_iter(text) {
            let (Some(what), Some(m)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let kind = if what.as_str().starts_with("exercise") {
                EntityType::Exercise
            } else {
                EntityType::Operation
            };
            let name = m.as_str();
            if t.owner(name).is_none() && !MONTHS.contains(&name) {
                t.discovered(Class::Agreement, kind, name, &[], Rule::AgreementOperation);
            }
        }
    }
    if let Some(r) = cued(cues.quoted_policy, &QUOTED_POLICY) {
        for c in r.captures_iter(text) {
            let (Some(phrase), Some(head)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if !quoted_phrase_fits(phrase.as_str()) {
                continue;
            }
            let label = format!("{} {}", phrase.as_str(), head.as_str());
            t.discovered(
                Class::Agreement,
                EntityType::Policy,
                &label,
                &[phrase.as_str()],
                Rule::AgreementQuotedPolicy,
            );
        }
    }
    if cues.paren {
        short_forms(t, text);
    }
    if let Some(r) = cued(cues.numbered, &SPECIAL) {
        for c in r.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            // `Executive Order (E.O.) 14254`, `E.O. 14254`: one order, named in full
            match c.get(1).or_else(|| c.get(2)) {
                Some(n) => {
                    let label = format!("Executive Order {}", n.as_str());
                    let short = format!("E.O. {}", n.as_str());
                    t.discovered(
                        Class::Agreement,
                        EntityType::Law,
                        &label,
                        &[m.as_str(), &short],
                        Rule::AgreementNumbered,
                    );
                }
                None => {
                    t.discovered(
                        Class::Agreement,
                        EntityType::Regulation,
                        m.as_str(),
                        &[],
                        Rule::AgreementNumbered,
                    );
                }
            }
        }
    }
}

/// Prefixes of family names written with an inner capital (`McNamara`, `DeSantis`, `LaGuardia`).
const NAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "De", "Di", "Du", "Da", "Del", "La", "Le", "Van", "Von", "Fitz", "St",
];

/// A coined name: one word with a capital inside after lower-case letters (`SeatGeek`,
/// `PetroChina`, `OpenAI`), or a capitalised web domain (`Tickets.com`). Family names with a
/// prefix (`McNamara`) are not.
fn coined(w: &str) -> bool {
    // (a coined name needs a capital after its first letter, or a dot: most capitalised words of
    // ASCII have neither, and are told by their bytes at once)
    let b = w.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter()
            .skip(1)
            .any(|&b| !b.is_ascii() || b.is_ascii_uppercase() || b == b'.')
        && coined_read(w)
}

/// [`coined`], read character by character.
fn coined_read(w: &str) -> bool {
    let mut cs = w.chars();
    if !cs.next().is_some_and(|c| c.is_ascii_uppercase()) || w.chars().count() < 5 {
        return false;
    }
    if let Some((stem, tld)) = w.rsplit_once('.') {
        return matches!(tld, "com" | "net" | "org" | "io" | "ai")
            && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && stem.chars().count() >= 3;
    }
    // `MoCRA`, `EPSCoR`: an acronym with a lower-case letter, not a coined name
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    let lower = w.chars().filter(|c| c.is_lowercase()).count();
    if !w.chars().all(|c| c.is_alphanumeric()) || lower < upper || !w.chars().nth(1).is_some_and(char::is_lowercase) {
        return false;
    }
    // the first capital after a lower-case letter, and the letters before it
    let mut prev = None;
    let inner = w.char_indices().find_map(|(at, c)| {
        let found = prev.is_some_and(char::is_lowercase) && c.is_uppercase();
        prev = Some(c);
        found.then_some(at)
    });
    inner.is_some_and(|at| !NAME_PREFIXES.contains(&w.get(..at).unwrap_or("")))
}

/// Coined names in a block (see [`Rule::ActorBrand`]); not inside a web address.
fn brands(t: &mut Table, text: &str, ws: &[Word]) {
    for w in ws {
        let s = text.get(w.start..w.end).unwrap_or("");
        if !coined(s) || t.owner(s).is_some() {
            continue;
        }
        let before = text.get(..w.start).and_then(|b| b.chars().next_back());
        let after = text.get(w.end..).and_then(|a| a.chars().next());
        if before.is_some_and(|c| matches!(c, '/' | '.' | '@' | '-'))
            || after.is_some_and(|c| matches!(c, '/' | '@' | '-'))
        {
            continue;
        }
        t.discovered(Class::Actor, EntityType::Company, s, &[], Rule::ActorBrand);
    }
}

/// `Senate Commerce, Science, and Transportation Committee`, `Committee on Health, Education,
/// Labor, and Pensions`: a committee whose name lists its fields with commas.
static COMMITTEE: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\b(?:(?:Senate|House|Joint|Select|Standing|Special)\s+)?(?:[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?(?:,\s+[A-Z][\p{L}-]+)+,?\s+and\s+[A-Z][\p{L}-]+\s+(?:Committee|Subcommittee)|(?:Committee|Subcommittee)\s+on\s+[A-Z][\p{L}-]+(?:,\s+[A-Z][\p{L}-]+)+,?\s+and\s+[A-Z][\p{L}-]+)",
    )
});

/// Committees whose names list fields with commas (see [`COMMITTEE`]); none whose fields are
/// known names (`India, Japan, and the Quad`).
/// A law whose title lists its fields with commas: `Department of State, Foreign Operations,
/// and Related Programs Appropriations Act, 2024`, `Commerce, Justice, Science, and Related
/// Agencies Appropriations Act`.
static LISTED_ACT: LazyLock<Option<Bounded>> = LazyLock::new(|| {
    Bounded::new(
        r"\b[A-Z][\p{L}-]+(?:\s+(?:of\s+)?[A-Z][\p{L}-]+)*(?:,\s+[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)*)+,?\s+and\s+[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)*\s+Act\b(?:,\s+(?:19|20)\d\d\b)?",
    )
});

fn listed_acts(t: &mut Table, text: &str) {
    if let Some(r) = cued(text.contains(" Act"), &LISTED_ACT) {
        for m in r.find_iter(text) {
            // (`The Farm, Food, and National Security Act` opening a sentence)
            let name = m.as_str();
            let name = name.strip_prefix("The ").unwrap_or(name);
            // `Chile, Peru, and Bolivia Trade Act`: a list of known names is no title's
            let known = name.split([',', ' ']).any(|w| {
                t.owner(w)
                    .and_then(|i| t.cand_at(i))
                    .is_some_and(|c| c.class == Class::Actor && c.kind != EntityType::Organization)
            });
            if !known && t.owner(name).is_none() {
                t.discovered(Class::Agreement, EntityType::Law, name, &[], Rule::AgreementHeadWord);
            }
        }
    }
}

fn committees(t: &mut Table, text: &str) {
    let Some(r) = COMMITTEE.as_ref() else { return };
    for m in r.find_iter(text) {
        let name = m.as_str();
        let known = name.split([',', ' ']).filter(|w| is_cap(w)).any(|w| {
            t.owner(w)
                .and_then(|i| t.cand_at(i))
                .is_some_and(|c| c.kind != EntityType::Organization)
        });
        if known || t.owner(name).is_some() {
            continue;
        }
        t.discovered(Class::Actor, EntityType::Organization, name, &[], Rule::ActorHeadWord);
    }
}

/// Companies named after a company word or with a corporate suffix.
fn companies_more(t: &mut Table, text: &str, company_words: bool, suffixes: bool) {
    if let Some(r) = cued(company_words, &COMPANY_PARENT) {
        for c in r.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let mut name = m.as_str();
            // `Later Acme Foods and its subsidiary`: sentence openers are not the name's
            while let Some((first, rest)) = name.split_once(' ') {
                if NOT_NAME_START.contains(&first) || SOFT_START.contains(&first) {
                    name = rest;
                } else {
                    break;
                }
            }
            if NOT_NAME_START.contains(&name) || t.owner(name).is_some() {
                continue;
            }
            t.discovered(Class::Actor, EntityType::Company, name, &[], Rule::ActorCompany);
        }
    }
    if let Some(r) = cued(company_words, &COMPANY_BEFORE) {
        for c in r.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let name = m.as_str();
            let first = name.split_whitespace().next().unwrap_or("");
            if t.owner(name).is_some()
                || t.owner(first).is_some()
                || NOT_NAME_START.contains(&first)
                || MONTHS.contains(&first)
            {
                continue;
            }
            t.discovered(Class::Actor, EntityType::Company, name, &[], Rule::ActorCompany);
        }
    }
    if let Some(r) = cued(suffixes, &COMPANY_SUFFIX) {
        for c in r.captures_iter(text) {
            let (Some(m), Some(whole)) = (c.get(1), c.get(0)) else {
                continue;
            };
            let mut name = m.as_str();
            let mut from = m.start();
            // drop sentence openers: `The Acme Corp.` → `Acme Corp.`
            while let Some((first, rest)) = name.split_once(' ') {
                if NOT_NAME_START.contains(&first) || SOFT_START.contains(&first) {
                    from += first.len() + 1;
                    name = rest;
                } else {
                    break;
                }
            }
            if NOT_NAME_START.contains(&name) || t.owner(name).is_some() {
                continue;
            }
            let full = text.get(from..whole.end()).unwrap_or(name).trim_end_matches(',');
            t.discovered(Class::Actor, EntityType::Company, full, &[name], Rule::ActorCompany);
        }
    }
}

/// `initiatives like Make in India and Atmanirbhar Bharat`; `designated a “Major Defense
/// Partner”`; the US `"Indo-Pacific strategy"`.
fn listed(t: &mut Table, text: &str, cues: &Cues) {
    if let Some(r) = cued(cues.listed, &LISTED) {
        // the pattern is tried only where a class noun stands before `such as`, `like` or
        // `including`, on a window of the text: a scan of the whole block costs more than the
        // rest of the rules together
        let mut starts: Vec<usize> = [" such as ", " like ", " including "]
            .iter()
            .flat_map(|cue| text.match_indices(cue).map(|(i, _)| i))
            .filter_map(|i| {
                let before = text.get(..i)?;
                let noun = before.rsplit([' ', '\n', '(']).next()?;
                LIST_NOUNS
                    .contains(&noun.to_lowercase().as_str())
                    .then(|| i - noun.len())
            })
            .collect();
        starts.sort_unstable();
        starts.dedup();
        for start in starts {
            let mut end = (start + 600).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let Some(window) = text.get(..end).filter(|w| start <= w.len()) else {
                continue;
            };
            // (the search reads the window from `start`)
            let Some(r) = r.for_text(window.get(start..).unwrap_or(window)) else {
                continue;
            };
            let mut c = r.create_captures();
            let from = regex_automata::Input::new(window).range(start..);
            r.captures(from.anchored(regex_automata::Anchored::Yes), &mut c);
            let (Some(what), Some(list)) = (
                c.get_group(1).and_then(|s| window.get(s.range())),
                c.get_group(2).and_then(|s| window.get(s.range())),
            ) else {
                continue;
            };
            let kind = match what.to_lowercase().as_str() {
                "initiatives" | "programmes" | "programs" => EntityType::Initiative,
                "forums" | "mechanisms" | "dialogues" => EntityType::Dialogue,
                "treaties" => EntityType::Treaty,
                "frameworks" => EntityType::Framework,
                _ => EntityType::Agreement,
            };
            let items = list
                .split(", and ")
                .flat_map(|x| x.split(", "))
                .flat_map(|x| x.split(" and "));
            for item in items {
                let item = item.trim().trim_start_matches("the ").trim();
                let first = item.split_whitespace().next().unwrap_or("");
                let last = item.split_whitespace().last().unwrap_or("");
                let capitalised =
                    |w: &str| w.chars().take(2).any(char::is_uppercase) || w.starts_with(|c: char| c.is_ascii_digit());
                if item.chars().count() < 3
                    || !capitalised(first)
                    || !capitalised(last)
                    || NOT_NAME_START.contains(&first)
                    || MONTHS.contains(&first)
                    || t.owner(item).is_some()
                {
                    continue;
                }
                t.discovered(Class::Agreement, kind, item, &[], Rule::AgreementListed);
            }
        }
    }
    if let Some(r) = cued(cues.designation, &DESIGNATION) {
        for c in r.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let name = m.as_str();
            if t.owner(name).is_some() {
                continue;
            }
            let label = format!("{name} designation");
            t.discovered(
                Class::Agreement,
                EntityType::Designation,
                &label,
                &[name],
                Rule::AgreementDesignation,
            );
        }
    }
    if let Some(r) = cued(cues.quoted_policy, &QUOTED_STRATEGY) {
        for c in r.captures_iter(text) {
            let (Some(m), Some(head)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let name = m.as_str();
            let kind = match head.as_str() {
                "strategy" | "vision" => EntityType::Strategy,
                "initiative" => EntityType::Initiative,
                _ => EntityType::Policy,
            };
            if t.owner(name).is_none() {
                t.discovered(Class::Agreement, kind, name, &[], Rule::AgreementQuotedPolicy);
            }
        }
    }
}

/// At most `max` bytes of `text` ending at `end`, cut at a char boundary.
fn tail_window(text: &str, end: usize, max: usize) -> &str {
    let mut s = end.saturating_sub(max);
    while s < end && !text.is_char_boundary(s) {
        s += 1;
    }
    text.get(s..end).unwrap_or("")
}

/// At most `max` bytes of `text` from `start`, cut at a char boundary.
fn head_window(text: &str, start: usize, max: usize) -> &str {
    let mut e = (start + max).min(text.len());
    while e > start && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(start..e).unwrap_or("")
}

fn is_sentence_start(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '•', '"', '“'])
}

/// `Long Name (ACR)`: the long name is the shortest run of capitalised words before the
/// parenthesis whose initials hold the acronym's capitals, first letter first.
fn acronyms(t: &mut Table, text: &str) {
    let Some(r) = ACRONYM.as_ref() else { return };
    for c in r.captures_iter(text) {
        let (Some(whole), Some(acr)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let a = acr.as_str();
        let caps: Vec<char> = a.chars().filter(|c| c.is_uppercase()).collect();
        if caps.len() < 2 || a.chars().filter(|c| c.is_lowercase()).count() > caps.len() {
            continue;
        }
        // a long name is short: look back a bounded window, so the scan stays linear
        let before = tail_window(text, whole.start(), 400);
        let base = whole.start() - before.len();
        let ws = words(before);
        // the capitalised run ending right before the parenthesis
        let mut run: Vec<Word> = Vec::new();
        for w in ws.iter().rev() {
            let s = before.get(w.start..w.end).unwrap_or("");
            let gap = before
                .get(w.end..run.last().map_or(before.len(), |x| x.start))
                .unwrap_or("");
            if !gap.trim().is_empty() && !matches!(gap.trim(), "'s" | "’s" | "'" | "’") {
                break;
            }
            if is_cap(s) || (CONNECTORS.contains(&s) && !run.is_empty()) {
                run.push(*w);
            } else {
                break;
            }
            if run.len() > caps.len() + 4 {
                break;
            }
        }
        run.reverse();
        while run
            .first()
            .is_some_and(|w| CONNECTORS.contains(&before.get(w.start..w.end).unwrap_or("")))
        {
            run.remove(0);
        }
        // the shortest name that spells the acronym letter by letter (`Health Canada and the
        // Health Resources and Services Administration (HRSA)`: not from `Health Canada`); else
        // the start whose initials cover the acronym
        let spelled: Vec<&str> = run.iter().filter_map(|w| before.get(w.start..w.end)).collect();
        let mut best: Option<usize> = (0..spelled.len()).rev().find(|&k| {
            spelled.get(k).is_some_and(|w| is_cap(w) && !NOT_NAME_START.contains(w))
                && spells(spelled.get(k..).unwrap_or(&[]), &caps)
        });
        let tries = if best.is_none() { run.len() } else { 0 };
        for k in 0..tries {
            let Some(w0) = run.get(k) else { continue };
            let first = before.get(w0.start..w0.end).unwrap_or("");
            if !is_cap(first) || NOT_NAME_START.contains(&first) {
                continue;
            }
            let initials: Vec<char> = run
                .get(k..)
                .unwrap_or(&[])
                .iter()
                .filter_map(|w| before.get(w.start..w.end))
                .filter(|s| is_cap(s))
                .flat_map(|s| s.split('-').filter_map(|p| p.chars().next()).collect::<Vec<_>>())
                .flat_map(char::to_uppercase)
                .collect();
            let first_ok = initials.first().is_some_and(|&c| caps.first() == Some(&c));
            let covered = caps.iter().all(|c| initials.contains(c));
            if first_ok && covered && initials.len() <= caps.len() + 3 {
                best = Some(k);
                break;
            }
        }
        let tail = c.get(2).map(|m| m.as_str().trim());
        let Some(k) = best else {
            // `(ACR)` of a known name, or of nothing: only a known acronym
            continue;
        };
        // `Department of Veterans Affairs (VA)`: a body's head word and its connectors before
        // the spelled name belong to the name
        let word_at = |j: usize| run.get(j).and_then(|w| before.get(w.start..w.end)).unwrap_or("");
        let mut k = k;
        let mut j = k;
        while j > 0 && k - j < 2 && CONNECTORS.contains(&word_at(j - 1)) {
            j -= 1;
        }
        let between: Vec<&str> = (j..k).map(word_at).collect();
        let joined = matches!(
            between.as_slice(),
            ["of"] | ["of", "the"] | ["for"] | ["for", "the"] | ["on"]
        );
        // (not when the spelled name opens with a head word of its own: `Irrigation Unit of the
        // Department of Fisheries (DOF)` is the department)
        let own_head = head_of(word_at(k)).is_some_and(|(c, _)| c == Class::Actor);
        if joined && !own_head && j > 0 && head_of(word_at(j - 1)).is_some_and(|(c, _)| c == Class::Actor) {
            k = j - 1;
        }
        let (Some(w0), Some(wl)) = (run.get(k), run.last()) else {
            continue;
        };
        let long = before.get(w0.start..wl.end).unwrap_or("").trim();
        let head = long.split_whitespace().last().unwrap_or("");
        // `Strategic Partnership (SP) Model`: a weak head counts right after a defined acronym
        let tail_head = tail.and_then(|w| head_of(w).or_else(|| weak_head(w)));
        if let Some(i) = t.owner(a).or_else(|| t.owner(long)) {
            t.surface(a, i, false);
            t.surface(long, i, false);
            continue;
        }
        // `Strategic Partnership (SP) Model`: the head follows the parenthesis
        if let (Some((class, kind)), Some(tl)) = (tail_head, tail) {
            let full = text.get(base + w0.start..whole.end()).unwrap_or("");
            let rule = if class == Class::Actor {
                Rule::ActorAcronym
            } else {
                Rule::AgreementAcronym
            };
            let short = format!("{a} {tl}");
            let plain = format!("{long} {tl}");
            t.discovered(class, kind, full, &[&short, &plain], rule);
            continue;
        }
        // `Extended Benefit (EB) programs`: a name with no head word of its own, then a
        // lower-case programme noun
        let programme = tail.and_then(programme_noun).map(|k| (Class::Agreement, k));
        let Some((class, kind)) = head_of(head)
            .or_else(|| weak_head(head))
            .or_else(|| leading_head(long))
            .or(programme)
        else {
            continue;
        };
        let rule = if class == Class::Actor {
            Rule::ActorAcronym
        } else {
            Rule::AgreementAcronym
        };
        let i = t.discovered(class, kind, long, &[a], rule);
        if let Some(y) = tail.filter(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit())) {
            t.surface(&format!("{long} ({a}) {y}"), i, false);
        }
    }
}

/// The words spell the acronym letter by letter: each capitalised word gives the next letter,
/// a connector gives it where its initial is that letter (`Department of Justice` → `DOJ`).
fn spells(words: &[&str], acr: &[char]) -> bool {
    let mut letters = acr.iter().peekable();
    for w in words {
        let initial = w.chars().next().map(|c| c.to_uppercase().collect::<String>());
        let next = letters.peek().map(|c| c.to_string());
        let hit = initial.is_some() && initial == next;
        if is_cap(w) {
            if !hit {
                return false;
            }
            letters.next();
        } else if hit {
            letters.next();
        }
    }
    letters.next().is_none()
}

/// A head word that opens the name: `Ministry of Defence`, `Department of State`.
fn leading_head(name: &str) -> Option<(Class, EntityType)> {
    let mut it = name.split_whitespace();
    let first = it.next()?;
    let second = it.next()?;
    if CONNECTORS.contains(&second) {
        return head_of(first).filter(|(c, _)| *c == Class::Actor);
    }
    None
}

/// Capitalised runs with a head word; `Operation …`.
fn head_words(t: &mut Table, text: &str, ws: &[Word]) {
    let mut i = 0;
    while i < ws.len() {
        // (most words are no run's first: a run opens on a capitalised word)
        if !ws.get(i).and_then(|w| text.get(w.start..w.end)).is_some_and(is_cap) {
            i += 1;
            continue;
        }
        // a run of capitalised words, with connectors inside
        let mut j = i;
        let mut last_cap = None;
        while let Some(w) = ws.get(j) {
            let s = text.get(w.start..w.end).unwrap_or("");
            if j > i {
                let prev = ws.get(j - 1).map_or(w.start, |p| p.end);
                let gap = text.get(prev..w.start).unwrap_or("");
                if !gap.chars().all(|c| c.is_whitespace() || c == '\'' || c == '’') || gap.trim() == gap {
                    break;
                }
            }
            let prev = if j > i {
                ws.get(j - 1).and_then(|p| text.get(p.start..p.end)).unwrap_or("")
            } else {
                ""
            };
            let number = s.chars().all(|c| c.is_ascii_digit());
            if (number && CONNECTORS.contains(&prev)) || (s == "the" && prev == "and") {
                break;
            }
            if is_cap(s) && !MONTHS.contains(&s) {
                last_cap = Some(j);
            } else if !(CONNECTORS.contains(&s) && j > i) {
                break;
            }
            j += 1;
        }
        let Some(end) = last_cap else {
            i = j.max(i + 1);
            continue;
        };
        let mut start = i;
        // drop sentence-initial and function words at the front
        while start <= end {
            let Some(w) = ws.get(start) else { break };
            let s = text.get(w.start..w.end).unwrap_or("");
            let soft = SOFT_START.contains(&s) && is_sentence_start(text, w.start);
            let number = s.chars().all(|c| c.is_ascii_digit());
            // `Iran-backed`, `U.S.-designated`, `Two-week`: a modifier, not a name
            let modifier = s
                .rsplit('-')
                .next()
                .is_some_and(|p| p.chars().next().is_some_and(char::is_lowercase));
            // `Talks with Acme Ltd.`, `Members of the Lok Sabha`: a sentence's opening noun, then a
            // connector, is not part of the name
            let next = ws.get(start + 1).and_then(|n| text.get(n.start..n.end)).unwrap_or("");
            let opener = start < end
                && is_sentence_start(text, w.start)
                && head_of(s).is_none()
                && t.owner(s).is_none()
                && (matches!(next, "with" | "to" | "on" | "in")
                    || (CONNECTORS.contains(&next) && s.ends_with('s') && !s.ends_with("ss")));
            // `the For the People Act`: a function word right after `the` opens a name
            let titled = NOT_NAME_START.contains(&s)
                && !MONTHS.contains(&s)
                && !CONNECTORS.contains(&s)
                && text
                    .get(..w.start)
                    .is_some_and(|b| b.ends_with(" the ") || b.ends_with("The ") || b == "the ");
            if titled {
                break;
            }
            if NOT_NAME_START.contains(&s) || CONNECTORS.contains(&s) || soft || number || modifier || opener {
                start += 1;
            } else {
                break;
            }
        }
        if start <= end {
            name_in_run(t, text, ws, start, end);
            lower_head(t, text, ws, start, end);
            lower_party(t, text, ws, start, end);
            designator(t, text, ws, start, end);
        }
        i = end + 1;
    }
}

fn name_in_run(t: &mut Table, text: &str, ws: &[Word], start: usize, end: usize) {
    let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    let span = |a: usize, b: usize| -> &str {
        match (ws.get(a), ws.get(b)) {
            (Some(x), Some(y)) => text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    };
    // `Gerald Knaus of the European Stability Initiative`: a person named before `of the` is
    // no part of the body's name
    if GIVEN_NAMES.contains(word(start)) && start + 4 <= end && word(start + 2) == "of" && word(start + 3) == "the" {
        return name_in_run(t, text, ws, start + 4, end);
    }
    if word(start) == "Operation" && end > start {
        let mut e = start + 1;
        while e < end && e < start + 3 && is_cap(word(e + 1)) {
            e += 1;
        }
        let name = span(start, e);
        let bare = span(start + 1, e);
        t.discovered(
            Class::Agreement,
            EntityType::Operation,
            name,
            &[bare],
            Rule::AgreementOperation,
        );
        return;
    }
    // the head of the first noun phrase: the last head word before any connector (`National
    // Guard State Partnership Program` is a programme, `Framework for the … Partnership` a
    // framework), after at least one other word
    let first_conn = (start..=end)
        .find(|&k| CONNECTORS.contains(&word(k)))
        .unwrap_or(end + 1);
    let mut found = (start + 1..first_conn)
        .rev()
        .find_map(|k| head_of(word(k)).map(|(class, kind)| (k, class, kind)));
    // `Department of Defense and Full-Year Continuing Appropriations Act`: a run that ends in a
    // law's head word is the law's title, whatever body it opens with
    // (not after a known name: `Congress for the FD&C Act`)
    if found.is_none() && end > start && t.owner(word(start)).is_none() {
        if let Some((class, kind @ EntityType::Law)) = head_of(word(end)) {
            found = Some((end, class, kind));
        }
    }
    // else the first head word (after at least one other word, or opening `X of Y`); `Force`
    // and `Unit` head only a first noun phrase (`Authorization for Use of Military Force` is a
    // law, not a force)
    for k in (start..=end).filter(|_| found.is_none()) {
        let w = word(k);
        if matches!(w, "Force" | "Unit") {
            continue;
        }
        if let Some((class, kind)) = head_of(w) {
            let opening = k == start && end > k + 1 && CONNECTORS.contains(&word(k + 1));
            if k > start || opening {
                found = Some((k, class, kind));
                break;
            }
        }
    }
    if found.is_none() {
        // `Ministry of Defence … Cell`, `Defence Acquisition Procedure`: a weak head under a
        // ministry or department, or a procurement procedure
        let opener = matches!(word(start), "Ministry" | "Department");
        let procurement = end > start && matches!(word(end - 1), "Acquisition" | "Procurement" | "Purchase");
        if let Some((class, kind)) = weak_head(word(end)).filter(|_| opener || procurement) {
            found = Some((end, class, kind));
        }
    }
    let Some((k, class, kind)) = found else { return };
    // `the Director of the Office of Management and Budget`: an office, not the body
    if TITLES.contains(&word(start)) || OFFICES.contains(&word(start)) {
        return;
    }
    // the name runs on over `of 1974`, `on Strategic Competition with China`
    let mut e = k;
    let mut m = k + 1;
    while m <= end {
        if is_cap(word(m)) {
            e = m;
        }
        m += 1;
    }
    // `the International Security Assistance Force in Afghanistan`: a body or operation does
    // not run on over `in` and a known state; where it is so titled, its acronym follows and
    // the acronym rule names it
    if e > k && (class == Class::Actor || kind == EntityType::Operation) {
        let defined = ws.get(e).and_then(|z| text.get(z.end..)).is_some_and(|r| {
            r.strip_prefix(" (")
                .is_some_and(|x| x.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        });
        if let Some(c) = (k + 1..e).find(|&c| word(c) == "in") {
            let place = span(c + 1, e);
            let state = t
                .owner(place)
                .and_then(|i| t.cand_at(i))
                .is_some_and(|x| x.kind == EntityType::State);
            // (`the African Union Mission in Somalia`: a known body's mission is named for its
            // host)
            let body = (start..k).any(|j| t.owner(word(j)).is_some())
                || (start + 1..k).any(|j| t.owner(span(start, j)).is_some());
            if state && !defined && !body {
                e = c - 1;
            }
        }
    }
    if class == Class::Agreement && e == k {
        // `Trade Act of 1974`: a year after `of`
        if let (Some(w1), Some(w2)) = (ws.get(k + 1), ws.get(k + 2)) {
            let of = text.get(w1.start..w1.end) == Some("of");
            let y = text.get(w2.start..w2.end).unwrap_or("");
            if of && y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
                e = k + 2;
            }
        }
        // `Consolidated Appropriations Act, 2018`: a law titled with its year after a comma
        if let (Some(h), Some(w1)) = (ws.get(k), ws.get(k + 1)) {
            let y = text.get(w1.start..w1.end).unwrap_or("");
            let year =
                y.len() == 4 && (y.starts_with("19") || y.starts_with("20")) && y.chars().all(|c| c.is_ascii_digit());
            if e == k && kind == EntityType::Law && year && text.get(h.end..w1.start) == Some(", ") {
                e = k + 1;
            }
        }
    }
    let mut s = start;
    // `HAVA in the Consolidated Appropriations Act`, `Expenses to the Youth Program`: a name
    // does not run over `in the`, `to the`, `with the` or `on the` before its head word
    if let Some(c) = (s..k)
        .rev()
        .find(|&c| matches!(word(c), "in" | "to" | "with" | "on") && word(c + 1) == "the")
    {
        if c + 2 < k || (c + 2 == k && head_of(word(k)).is_some()) {
            s = c + 2;
        }
        // `Assistant to the President for Economic Policy`: an office, not a policy
        if TITLES.contains(&word(s)) {
            return;
        }
    }
    // a lone head word with only determiners before it is no name
    let others: Vec<&str> = (s..k).map(word).filter(|w| is_cap(w) && head_of(w).is_none()).collect();
    let distinctive = others.iter().any(|w| distinctive(t, w));
    let quoted = ws.get(s).is_some_and(|a| {
        text.get(..a.start).is_some_and(|b| b.ends_with(['"', '“']))
            && ws
                .get(e)
                .is_some_and(|z| text.get(z.end..).is_some_and(|r| r.starts_with(['"', '”'])))
    });
    let after_article = ws.get(s).is_some_and(|a| {
        let b = text
            .get(..a.start)
            .unwrap_or("")
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        // `the AU-led Mission Support Force`: a compound modifier between
        let b = match b.rsplit_once(' ') {
            Some((head, last))
                if last
                    .rsplit_once('-')
                    .is_some_and(|(_, x)| !x.is_empty() && x.chars().all(char::is_lowercase)) =>
            {
                head
            }
            _ => b,
        };
        // (`The` opens a sentence anywhere in the block: `Mali is poor. The Wagner Group …`)
        let opener = ["The", "A", "An"].iter().any(|a| {
            b.strip_suffix(a)
                .is_some_and(|r| r.is_empty() || (r.ends_with(' ') && is_sentence_start(r, r.len())))
        });
        b.ends_with(" a") || b.ends_with(" an") || b.ends_with(" the") || opener
    });
    // `Mongolia's Constitutional Court`: a known actor's possessive determines the name as
    // `the` does
    let after_possessive = s == start
        && class == Class::Actor
        && s.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|p| {
            let owner = text.get(p.start..p.end).unwrap_or("");
            let gap = ws.get(s).and_then(|a| text.get(p.end..a.start)).unwrap_or("");
            matches!(gap, "'s " | "’s ") && t.owner(owner).is_some()
        });
    // `the 118th Congress`: a legislature counted by its term is no new name
    if LEGISLATURES.contains(&word(k))
        && !others.is_empty()
        && others.iter().all(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return;
    }
    let legislature =
        class == Class::Actor && LEGISLATURES.contains(&word(k)) && !GENERIC_LEGISLATURES.contains(&word(k));
    // `the 118th Congress`, `the House and Senate`: a common legislature word needs a proper
    // name word right before it
    if class == Class::Actor && GENERIC_LEGISLATURES.contains(&word(k)) && k > start {
        let prev = word(k - 1);
        if CONNECTORS.contains(&prev) || prev.chars().any(|c| c.is_ascii_digit()) {
            return;
        }
    }
    let ok = match others.len() {
        0 => k == start && e > k,
        1 => distinctive || legislature || e > k || quoted || after_article || after_possessive,
        _ => true,
    };
    if !ok {
        return;
    }
    // drop a leading possessive state or other known actor: `India's Defence Acquisition Procedure`
    while s < k {
        let w = ws.get(s).map(|w| (w.start, w.end)).unwrap_or((0, 0));
        let possessive = text
            .get(w.1..)
            .is_some_and(|r| r.starts_with("'s") || r.starts_with("’s"));
        if possessive {
            s += 1;
        } else {
            break;
        }
    }
    let name = span(s, e);
    if name.split_whitespace().count() < 2 {
        return;
    }
    let rule = if class == Class::Actor {
        Rule::ActorHeadWord
    } else {
        Rule::AgreementHeadWord
    };
    // a name that is all lexicon (`US Congress`) is left to the lexicon
    t.discovered(class, kind, name, &[], rule);
}

/// `the European Border and Coast Guard Agency (Frontex)`, `the Brazilian Development Bank
/// (BNDES)`: one word in parentheses right after a name found is its short form, whether or not
/// its letters spell the name (many short forms come from another language or are words of
/// their own). A year, a known name (`(Brazil)`) or a lower-case word is no short form.
fn short_forms(t: &mut Table, text: &str) {
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|r| r.find(" (")).map(|i| from + i) {
        from = open + 2;
        let Some(close) = text.get(from..).and_then(|r| r.find(')')).map(|i| from + i) else {
            break;
        };
        let short = text.get(from..close).unwrap_or("");
        let word = short.chars().count() >= 2
            && short.chars().next().is_some_and(char::is_uppercase)
            && short.chars().all(char::is_alphanumeric)
            && short.chars().any(char::is_alphabetic)
            && !MONTHS.contains(&short);
        if !word || t.owner(short).is_some() {
            continue;
        }
        // the longest name found that ends right before the parenthesis (at most ten words back)
        // (only the last words are read: a block with many parentheses stays linear)
        let before = text.get(..open).unwrap_or("");
        let mut starts: Vec<usize> = before.rmatch_indices(' ').take(10).map(|(i, _)| i + 1).collect();
        if starts.len() < 10 {
            starts.push(0);
        }
        let found = starts
            .iter()
            .rev()
            .find_map(|&st| before.get(st..).and_then(|name| t.owner(name)));
        if let Some(i) = found {
            t.surface(short, i, false);
        }
    }
}

/// A word that makes a two-word name a name: known, an acronym, or with a digit.
fn distinctive(t: &Table, w: &str) -> bool {
    t.owner(w).is_some()
        || w.split(['-', '–']).any(|p| t.owner(p).is_some())
        || w.chars().any(|c| c.is_ascii_digit())
        || (w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
}

/// Every word of the run is a known name (or a connector): nothing new.
fn all_known(t: &Table, text: &str, ws: &[Word], start: usize, end: usize) -> bool {
    (start..=end).all(|k| {
        let w = ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
        CONNECTORS.contains(&w) || t.owner(w).is_some() || w.split(['-', '–']).all(|p| t.owner(p).is_some())
    })
}

/// `NATO Plus arrangement`, `GE F414 jet-engine agreement`: a name of two or more words, up to
/// two lower-case words, then a lower-case head noun.
fn lower_head(t: &mut Table, text: &str, ws: &[Word], start: usize, end: usize) {
    let word0 = ws.get(start).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    // `U.S.-Iran ceasefire`: a pair of known names joined by a hyphen names a bilateral agreement
    let pair = end == start && word0.split(['-', '–']).filter(|p| t.owner(p).is_some()).count() >= 2;
    if !pair && (end == start || all_known(t, text, ws, start, end)) {
        return;
    }
    // `a Neoclassical Realist framework`: a school of thought, not a name
    let last = ws.get(end).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    if ["ist", "ism", "ian", "ic", "al"].iter().any(|x| last.ends_with(x)) {
        return;
    }
    let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    // `the Kremlin and President Putin rejected the treaty`: a run of several actors is no name
    if !pair && run_names_actors(t, text, ws, start, end) {
        return;
    }
    for k in end + 1..=end + 3 {
        let w = word(k);
        if k > end + 1 && !modifier_word(word(k - 1)) {
            return;
        }
        if let Some((_, kind)) = LOWER_HEADS.iter().find(|(h, _)| *h == w) {
            let (Some(a), Some(b), Some(h)) = (ws.get(start), ws.get(end), ws.get(k)) else {
                return;
            };
            let contiguous = text
                .get(b.end..h.start)
                .is_some_and(|g| !g.contains([',', '.', ';', '(', ')', '"', '“', '”']) && !g.starts_with(['\'', '’']));
            if !contiguous {
                return;
            }
            let name = text.get(a.start..b.end).unwrap_or("");
            if t.owner(name)
                .and_then(|i| t.cand_at(i))
                .is_some_and(|c| c.class == Class::Actor)
            {
                return;
            }
            // `Two-week U.S.-Iran ceasefire`: a hyphenated modifier belongs to the full form
            let mut from = a.start;
            if let Some(p) = start.checked_sub(1).and_then(|p| ws.get(p)) {
                let pw = text.get(p.start..p.end).unwrap_or("");
                let modifier = is_cap(pw)
                    && pw.contains('-')
                    && pw.rsplit('-').next().is_some_and(|x| x.chars().all(char::is_lowercase));
                if modifier && text.get(p.end..a.start) == Some(" ") {
                    from = p.start;
                }
            }
            let full = text.get(from..h.end).unwrap_or("");
            let aliases: &[&str] = if pair { &[] } else { &[name] };
            t.discovered(Class::Agreement, *kind, full, aliases, Rule::AgreementLowerHead);
            return;
        }
        if w.is_empty() || is_cap(w) || !w.chars().all(|c| c.is_lowercase() || c == '-') {
            return;
        }
    }
}

/// `the HUN party`, `the Likud party`: a new capitalised name right before a lower-case `party`
/// names a party; an acronym so named then stands for it alone (`including HUN and …`). A
/// known name (`the Congress party`), an adjective (`the Chinese party`) or a name already
/// found as an actor is left alone.
fn lower_party(t: &mut Table, text: &str, ws: &[Word], start: usize, end: usize) {
    let (Some(a), Some(b), Some(h)) = (ws.get(start), ws.get(end), ws.get(end + 1)) else {
        return;
    };
    if text.get(h.start..h.end) != Some("party") || text.get(b.end..h.start) != Some(" ") {
        return;
    }
    let name = text.get(a.start..b.end).unwrap_or("");
    let words: Vec<&str> = name.split_whitespace().collect();
    // (`each House party caucus`: a chamber's or body's word is no party's name)
    let body = |w: &str| matches!(w, "House" | "Chamber") || head_of(w).is_some();
    if words
        .iter()
        .any(|w| is_adjective(t, w) || t.owner(w).is_some() || body(w))
        || t.owner(name).is_some()
        || is_sentence_start(text, a.start)
    {
        return;
    }
    let acronym = words.len() == 1 && name.chars().count() > 1 && name.chars().all(|c| c.is_ascii_uppercase());
    let full = text.get(a.start..h.end).unwrap_or("");
    let aliases: &[&str] = if acronym { &[name] } else { &[] };
    t.discovered(
        Class::Actor,
        EntityType::Organization,
        full,
        aliases,
        Rule::ActorHeadWord,
    );
}

/// Lower-case words that may stand between a name and its head noun (`jet engine`, `arms`,
/// `co-production`): not a determiner, not a verb.
fn modifier_word(w: &str) -> bool {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "its", "this", "that", "their", "these", "those", "his", "her", "our", "any", "no", "every",
        "each", "which", "who", "whose", "to", "and", "or", "but", "not", "will", "would", "could", "can", "may",
        "might", "should", "must", "did", "does", "do",
    ];
    // plurals that modify a noun (`arms deal`) rather than verbs in the third person
    const PLURAL_MODIFIERS: &[&str] = &[
        "arms",
        "sales",
        "goods",
        "services",
        "rights",
        "relations",
        "affairs",
        "forces",
        "systems",
        "weapons",
        "minerals",
        "resources",
        "jobs",
        "assets",
    ];
    if DETERMINERS.contains(&w)
        || super::relations::verb_family(w).is_some()
        || matches!(w, "is" | "are" | "was" | "were" | "has" | "have" | "had")
    {
        return false;
    }
    let verb_ed = w.chars().count() > 4 && w.ends_with("ed");
    let verb_s = w.chars().count() > 3
        && w.ends_with('s')
        && !["ss", "us", "is", "ys"].iter().any(|x| w.ends_with(x))
        && !PLURAL_MODIFIERS.contains(&w);
    !(verb_ed || verb_s)
}

/// The capitalised run holds `and`, a lexicon person or title, or two lexicon actors: it lists
/// actors rather than naming one thing.
fn run_names_actors(t: &Table, text: &str, ws: &[Word], start: usize, end: usize) -> bool {
    let mut actors = 0;
    for k in start..=end {
        let w = ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
        if w == "and" || w == "&" || TITLES.contains(&w) {
            return true;
        }
        let cand = t.owner(w).and_then(|i| t.cand_at(i));
        if cand.is_some_and(|c| c.kind == EntityType::Person) {
            return true;
        }
        if cand.is_some_and(|c| c.class == Class::Actor) {
            actors += 1;
        }
    }
    actors >= 2
}

/// `S-400`, `GE F414`: an equipment designator in a sentence about a sale or purchase is a deal.
fn designator(t: &mut Table, text: &str, ws: &[Word], start: usize, end: usize) {
    let Some(r) = DESIGNATOR.as_ref() else { return };
    let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    // (every designator holds a digit: a capitalised word without one, which the pattern's
    // first byte lets through, is passed over before the pattern is tried)
    let Some(d) = (start..=end).find(|&k| word(k).chars().any(char::is_numeric) && r.is_match(word(k))) else {
        return;
    };
    let (Some(a), Some(b)) = (ws.get(start), ws.get(d)) else {
        return;
    };
    let window = tail_window(text, a.start, 300);
    let lo = a.start - window.len() + window.rfind(". ").unwrap_or(0);
    let ahead = head_window(text, b.end, 300);
    let hi = b.end + ahead.find(". ").unwrap_or(ahead.len());
    let sentence = text.get(lo..hi).unwrap_or("");
    let deal = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| DEAL_WORDS.contains(&crate::document::lower(w).as_ref()));
    if !deal {
        return;
    }
    let name = text.get(a.start..b.end).unwrap_or("");
    if t.owner(name).is_some() {
        return;
    }
    t.discovered(Class::Agreement, EntityType::Deal, name, &[], Rule::AgreementDesignator);
}

/// A word that may be a given name or a surname.
const NOT_GIVEN_NAME: &[&str] = &[
    "Supreme", "Central", "North", "South", "East", "West", "Arab", "Middle", "Far", "Upper", "Lower", "Greater",
    "Inner", "Outer", "Freedom", "Human", "Holy", "Great", "Red", "Black", "Persian", "Gulf", "Pacific", "Atlantic",
    "Indian",
];
const NOT_SURNAME: &[&str] = &[
    "Leader",
    "House",
    "Gulf",
    "Asia",
    "Sea",
    "Ocean",
    "Africa",
    "Europe",
    "America",
    "Region",
    "Republic",
    "Kingdom",
    "Province",
    "City",
    "Island",
    "Islands",
    "Strait",
    "Bay",
    "Peninsula",
    "River",
    "Mountains",
    "Valley",
    "Desert",
    "Basin",
    "Coast",
    "Border",
    "Zone",
    "Street",
    "Square",
    "Times",
    "Post",
    "Journal",
    "News",
    "Press",
    "War",
];

fn name_like(t: &Table, w: &str) -> bool {
    let mut cs = w.chars();
    // (most words are lower-case: told by their first letter)
    if !cs.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let rest_lower = cs.clone().all(|c| c.is_lowercase() || c == '-') && cs.any(char::is_lowercase);
    rest_lower && w.chars().count() >= 3 && !NOT_NAME_WORD.contains(w) && head_of(w).is_none() && t.owner(w).is_none()
}

/// A word the document also writes in lower case (`Extended Benefit` beside `benefit`, `Grant
/// Programs` beside `programs`): a common noun capitalised in a title, not a person's name.
fn common_word(t: &Table, w: &str) -> bool {
    let lower = w.to_lowercase();
    lower != w && t.words.get(&lower).is_some_and(|&n| n > 0)
}

/// `the MPP's Gombojav Zandanshatar … Zandanshatar resigned`: two name-like words not in a
/// longer capitalised run, whose second word then stands alone at least twice, name a person.
fn surname_persons(t: &mut Table, doc: &Document, block_words: &[Vec<Word>]) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut alone: BTreeMap<String, usize> = BTreeMap::new();
    for (block, ws) in doc.blocks.iter().zip(block_words) {
        if !is_prose(block) {
            continue;
        }
        let text = block.inline.text.as_str();
        let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
        let gap = |k: usize| match (ws.get(k), ws.get(k + 1)) {
            (Some(a), Some(b)) => text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        };
        // (asked once a word: the loop asks of each word as `a`, as `b` and alone)
        let like: Vec<bool> = (0..ws.len()).map(|k| name_like(t, word(k))).collect();
        let like = |k: usize| like.get(k).copied().unwrap_or(false);
        let mut k = 0;
        while k < ws.len() {
            // (most words are not name-like: asked first)
            if !like(k) {
                k += 1;
                continue;
            }
            let a = word(k);
            let b = word(k + 1);
            let prev_cap = || k > 0 && is_cap(word(k - 1)) && gap(k - 1) == " ";
            let next_cap = || is_cap(word(k + 2)) && gap(k + 1) == " ";
            let abstract_noun = ["ism", "ity", "tion"].iter().any(|x| b.ends_with(x));
            // (the next word's answer, worked out once, first)
            if like(k + 1)
                && gap(k) == " "
                && !NOT_GIVEN_NAME.contains(&a)
                && !NOT_SURNAME.contains(&b)
                && !prev_cap()
                && !next_cap()
                && !abstract_noun
                && !is_adjective(t, a)
                && !common_word(t, a)
                && !common_word(t, b)
                && ws.get(k).is_some_and(|w| !is_sentence_start(text, w.start))
            {
                pairs.push((a.to_string(), b.to_string()));
                k += 2;
                continue;
            }
            *alone.entry(a.to_string()).or_default() += 1;
            k += 1;
        }
    }
    for (a, b) in pairs {
        if alone.get(&b).copied().unwrap_or(0) >= 2 {
            let full = format!("{a} {b}");
            if t.owner(&full).is_none() {
                let i = t.discovered(Class::Actor, EntityType::Person, &full, &[], Rule::ActorSurname);
                t.surface(&b, i, true);
            }
        }
    }
}

/// Common nouns that follow a title word in an office or a company's name: `General Secretary`,
/// `General Staff`, `General Motors`, `Minister President`.
const NOT_PERSON_NAME_LIST: &[&str] = &[
    "Secretary",
    "Staff",
    "Director",
    "Directorate",
    "Motors",
    "Officer",
    "Counsel",
    "Manager",
    "Chief",
    "Commander",
    "Command",
    "Chair",
    "Spokesperson",
    "Spokesman",
    "Envoy",
    "Adviser",
    "Advisor",
    "Inspector",
    "Affairs",
    "Services",
    "Electric",
    "Dynamics",
    "Atomics",
    "Mills",
    "Foods",
    "Assembly",
    "Conference",
    "Headquarters",
    "Prosecutor",
    "Attorney",
    "Auditor",
    "Consul",
    "Governor",
    "Editor",
    "Partner",
    "Council",
    "Government",
    "Administration",
    "Office",
    "Court",
    "Emeritus",
    "Designate",
    "Elect",
    "Pro",
    "Tem",
];

/// Words after a name that make it a company's or body's: `General Motors Company`.
const ORG_AFTER: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Company",
    "Co",
    "Co.",
    "Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "plc",
    "PLC",
    "GmbH",
    "Group",
    "Holdings",
    "Industries",
    "Motors",
    "Electric",
    "Systems",
    "Technologies",
    "Airlines",
    "Bank",
    "Partners",
    "Foundation",
    "Institute",
    "Agency",
    "Office",
    "Staff",
];

/// A one-word name after a title: a name-like word, not a common noun nor the start of a
/// company's name; after `General` or `King` (also words of company and office names) it must
/// stand again elsewhere in the document.
fn single_name_ok(t: &Table, text: &str, title: &str, name: &str, end: usize) -> bool {
    if NOT_PERSON_NAME.contains(&name) || weak_head(name).is_some() || TITLES.contains(&name) {
        return false;
    }
    let next = text
        .get(end..)
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if ORG_AFTER.contains(&next) || head_of(next).is_some() {
        return false;
    }
    if matches!(title, "General" | "King") {
        return occurrences(t, name) >= 2;
    }
    true
}

/// An adjective of a people or place: by its ending (`-ian`, `-ese`, `-ish`, `-ic`, `-ern`), a
/// state's adjective by its stem, or a stem the document names (`Tibetan` where `Tibet` stands).
fn is_adjective(t: &Table, w: &str) -> bool {
    if ["ian", "ese", "ish", "ic", "ern"].iter().any(|x| w.ends_with(x)) || state_adjective(t, w).is_some() {
        return true;
    }
    ["an", "i", "n"].iter().any(|suf| {
        w.strip_suffix(suf)
            .is_some_and(|stem| stem.chars().count() >= 3 && occurrences(t, stem) > 0)
    })
}

/// How often `name` stands as a whole word in the document: a lookup for a single word, a scan
/// for a phrase.
fn occurrences(t: &Table, name: &str) -> usize {
    if name.chars().all(char::is_alphanumeric) {
        return t.words.get(name).copied().unwrap_or(0);
    }
    t.doc_text
        .match_indices(name)
        .filter(|(i, _)| word_start(&t.doc_text, *i) && word_end(&t.doc_text, i + name.len()))
        .count()
}

/// Given names: `lexicon/given-names.txt` (the 1990 US Census lists, public domain).
const GIVEN_NAMES_LIST: &str = include_str!("lexicon/given-names.txt");

static GIVEN_NAMES: LazyLock<foldhash::HashSet<&'static str>> = LazyLock::new(|| {
    GIVEN_NAMES_LIST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect()
});

/// Lower-case roles that name a person after them: `energy minister Ana Ruiz`.
pub(super) const ROLES: &[&str] = &[
    "minister",
    "adviser",
    "advisor",
    "envoy",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "commander",
    "general",
    "governor",
    "mayor",
    "senator",
    "diplomat",
    "official",
    "negotiator",
    "economist",
    "analyst",
    "scholar",
    "historian",
    "journalist",
    "activist",
    "leader",
    "chief",
    "consul",
    "premier",
    "lawmaker",
    "legislator",
    "strategist",
    "founder",
    "researcher",
    "professor",
    "admiral",
    "colonel",
    "officer",
    "dissident",
    "opposition",
    "head",
    "member",
    "speaker",
];

/// Verbs of speech and thought after a person's name: `George Marshall argued`.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "argued",
    "argues",
    "wrote",
    "writes",
    "noted",
    "notes",
    "warned",
    "stated",
    "told",
    "observed",
    "claimed",
    "insisted",
    "added",
    "explained",
    "contended",
    "recalled",
    "believed",
    "testified",
    "announced",
    "asserted",
    "suggested",
    "acknowledged",
    "admitted",
    "remarked",
    "emphasized",
    "emphasised",
    "stressed",
    "proposed",
];

/// Offices a run may open that are not titles before a name (`Minister` and `Speaker` are):
/// `Director of the Office of …` names the office, not the body.
const OFFICES: &[&str] = &[
    "Secretary",
    "Director",
    "Administrator",
    "Commissioner",
    "Assistant",
    "Chair",
];

/// Lower-case particles inside a person's name: `Osama bin Laden`, `Ursula von der Leyen`.
const PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "dos", "das",
    "del", "della", "y",
];

/// A word that may be part of a person's name: capitalised (`Haddad`, `McNamara`, `O'Brien`,
/// `al-Sudani`), not a known non-person name, a head word, a month or a sentence opener.
fn person_word(t: &Table, w: &str) -> bool {
    let body = w.strip_prefix("al-").or_else(|| w.strip_prefix("el-")).unwrap_or(w);
    let mut cs = body.chars();
    cs.next().is_some_and(char::is_uppercase)
        && body.chars().any(char::is_lowercase)
        && body.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && body.chars().count() >= 2
        && !NOT_NAME_WORD.contains(w)
        && !NOT_PERSON_NAME.contains(&w)
        && head_of(w).is_none()
        && weak_head(w).is_none()
        && t.owner(w)
            .and_then(|i| t.cand_at(i))
            .is_none_or(|c| c.kind == EntityType::Person)
        && state_adjective(t, w).is_none()
}

/// `energy minister Ana Ruiz`, `the consul in Lyon, Paul Martin`, `George Marshall argued`,
/// `Omar Haddad, a trade adviser`: a name of two to four words with a cue that it is a
/// person's (see [`Rule::ActorRole`]).
fn role_cued(t: &mut Table, text: &str, ws: &[Word]) {
    let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    let gap = |k: usize| match (ws.get(k), ws.get(k + 1)) {
        (Some(a), Some(b)) => text.get(a.end..b.start).unwrap_or(""),
        _ => "",
    };
    let mut k = 0;
    while k < ws.len() {
        if !person_word(t, word(k)) {
            k += 1;
            continue;
        }
        // the name: person words, particles between them, one space apart
        let mut e = k;
        let mut j = k + 1;
        while j < ws.len() && j < k + 5 && gap(j - 1) == " " {
            let w = word(j);
            if person_word(t, w) {
                e = j;
            } else if !(PARTICLES.contains(&w) && person_word(t, word(j + 1))) {
                break;
            }
            j += 1;
        }
        let names = (k..=e).filter(|&x| !PARTICLES.contains(&word(x))).count();
        // `Omar Haddad Foundation`: a name that runs on into a capitalised word is no person's
        let runs_on = gap(e) == " " && is_cap(word(e + 1));
        if names < 2 || runs_on {
            k = e + 1;
            continue;
        }
        let lower_role = |x: usize| ROLES.contains(&word(x));
        let role_before = k > 0 && gap(k - 1) == " " && lower_role(k - 1);
        // `the consul in Lyon, Paul Martin`
        let role_appos = k > 1 && gap(k - 1).trim() == "," && (k.saturating_sub(5)..k).any(lower_role);
        let given = GIVEN_NAMES.contains(word(k));
        let speech = gap(e) == " " && SPEECH.contains(&word(e + 1));
        // `Omar Haddad, a trade adviser`, `Marina Silva, Brazil's environment minister`
        let determiner = |x: usize| {
            matches!(word(x), "a" | "an" | "the")
                || (t.owner(word(x)).is_some()
                    && ws
                        .get(x)
                        .and_then(|w| text.get(w.end..))
                        .is_some_and(|r| r.starts_with("'s") || r.starts_with("’s")))
        };
        let appos_after = gap(e).trim() == "," && determiner(e + 1) && (e + 2..e + 6).any(lower_role);
        // `Alan Davidson, who led NTIA`, `Gerald Knaus of the European Stability Initiative`
        let relative = gap(e).trim() == "," && word(e + 1) == "who";
        let affiliated = gap(e) == " " && word(e + 1) == "of" && word(e + 2) == "the" && is_cap(word(e + 3));
        if role_before || role_appos || (given && (speech || appos_after || relative || affiliated)) {
            if let (Some(a), Some(b)) = (ws.get(k), ws.get(e)) {
                let full = text.get(a.start..b.end).unwrap_or("").to_string();
                if t.owner(&full).is_none() {
                    let i = t.discovered(Class::Actor, EntityType::Person, &full, &[], Rule::ActorRole);
                    let last = word(e);
                    if last.chars().count() > 2 && t.owner(last).is_none() {
                        t.surface(last, i, true);
                    }
                }
            }
        }
        k = e + 1;
    }
}

/// `Prime Minister Narendra Modi`: a title then a capitalised name. `titles` are where titles
/// start, in order: the pattern is tried anchored at each that no match has covered, which finds
/// the matches a search of the whole text would (every match starts at a title).
fn titled(t: &mut Table, text: &str, titles: &[usize]) {
    // (the searches read the text from the first title on: asked once, not at every title,
    // which on a long block of many titles grew with the square of its length)
    let first = titles.iter().min().copied().unwrap_or(0);
    let Some(r) = TITLE
        .as_ref()
        .and_then(|t| t.for_text(text.get(first..).unwrap_or(text)))
    else {
        return;
    };
    let mut c = r.create_captures();
    let mut covered = 0;
    for &at in titles {
        if at < covered {
            continue;
        }
        r.captures(
            regex_automata::Input::new(text)
                .range(at..)
                .anchored(regex_automata::Anchored::Yes),
            &mut c,
        );
        let (Some(whole), Some(name)) = (c.get_match(), c.get_group(1)) else {
            continue;
        };
        covered = whole.end();
        let Some(name_text) = text.get(name.range()) else {
            continue;
        };
        let mut toks: Vec<&str> = name_text.split_whitespace().collect();
        // stop at a month, a known non-name or a lexicon state/organisation
        if let Some(p) = toks.iter().position(|w| {
            MONTHS.contains(w)
                || NOT_NAME_START.contains(w)
                || t.owner(w)
                    .is_some_and(|i| t.cand_at(i).is_some_and(|c| c.kind != EntityType::Person))
        }) {
            toks.truncate(p);
        }
        while toks.last().is_some_and(|w| w.ends_with('.') && w.len() <= 3) {
            toks.pop();
        }
        // `General Secretary Xi Jinping`: an office word after the title belongs to the title
        let mut skipped = 0;
        while toks.len() > 1 && toks.first().is_some_and(|w| NOT_PERSON_NAME.contains(w)) {
            toks.remove(0);
            skipped += 1;
        }
        let name_start = if skipped > 0 {
            let first = toks.first().copied().unwrap_or("");
            name_text.find(first).map_or(name.start, |o| name.start + o)
        } else {
            name.start
        };
        let toks: Vec<String> = toks
            .iter()
            .map(|w| w.trim_end_matches("'s").trim_end_matches("’s").to_string())
            .collect();
        if toks.is_empty() {
            continue;
        }
        let full = toks.join(" ");
        if full.chars().count() < 3 || head_of(toks.last().map_or("", String::as_str)).is_some() {
            continue;
        }
        let title = text.get(whole.start()..name_start).unwrap_or("").trim();
        // `NSA Director`, `NSA Ajit`: an acronym title (also an agency's name) needs a full name
        let acronym_title = title.chars().all(|c| c.is_ascii_uppercase());
        if toks.len() == 1 && (acronym_title || !single_name_ok(t, text, title, &full, name_start + full.len())) {
            continue;
        }
        let titled = format!("{title} {full}");
        if let Some(i) = t.owner(&full) {
            t.surface(&titled, i, false);
            continue;
        }
        let i = t.discovered(Class::Actor, EntityType::Person, &full, &[&titled], Rule::ActorTitle);
        if toks.len() > 1 {
            if let Some(last) = toks.last() {
                if last.chars().count() > 2 && t.owner(last).is_none() {
                    t.surface(last, i, true);
                    t.surface(&format!("{title} {last}"), i, false);
                }
            }
        }
    }
}

// ---------------------------------------------------------------- matching

fn find_mentions(doc: &Document, sentences: &[Sentence], t: &Table, index: &LexiconIndex) -> Vec<Entity> {
    // the lexicon's forms are looked up in the shared sorted set, the document's own in a small one
    let base = &index.base.surfaces;
    let own: Vec<&String> = t.surfaces.keys().filter(|s| !base.contains_key(*s)).collect();
    let own = Prefixes::new(own);
    let lex = &index.forms;
    // the longest form starting at `from`, of either set
    // (each set answers a byte no form starts with at once)
    let find = |text: &str, from: usize, to: usize| -> Option<(usize, usize, Surface)> {
        let rest = text.as_bytes().get(from..to)?;
        let form = match (lex.longest(rest), own.longest(rest)) {
            (Some(a), Some(b)) => {
                if b.len() > a.len() {
                    b
                } else {
                    a
                }
            }
            (a, b) => a.or(b)?,
        };
        Some((from, from + form.len(), t.surface_of(form)?))
    };
    let mut per: Vec<Vec<Mention>> = vec![Vec::new(); t.cand_count()];
    let mut proxy: Vec<Vec<Mention>> = vec![Vec::new(); t.cand_count()];
    let mut first_seen: Vec<Option<usize>> = vec![None; t.cand_count()];
    let mut order = 0usize;
    for (si, sent) in sentences.iter().enumerate() {
        let bi = sent.block;
        let Some(block) = doc.blocks.get(bi) else { continue };
        if super::back_matter(block) {
            continue;
        }
        let text = block.inline.text.as_str();
        let to = sent.end.min(text.len());
        let mut pos = sent.start;
        while pos < to {
            pos = may_start_word(text.as_bytes(), pos, to);
            if pos >= to {
                break;
            }
            if !text.is_char_boundary(pos) || !word_start(text, pos) {
                pos += 1;
                continue;
            }
            let Some(mut m) = find(text, pos, to) else {
                pos += 1;
                continue;
            };
            // `the US House Select Committee …`: a longer name inside `the …` wins
            if pos + 4 < to
                && text
                    .get(pos..)
                    .is_some_and(|r| r.starts_with("the ") || r.starts_with("The "))
            {
                if let Some(m2) = find(text, pos + 4, to) {
                    if m2.1 > m.1 && word_end(text, m2.1) {
                        m = m2;
                    }
                }
            }
            let (m_start, m_end, sf) = m;
            if !word_end(text, m_end) {
                pos += 1;
                continue;
            }
            let ci = sf.cand;
            // a surname alone counts after the full name, or right after a title
            let titled = title_before(text, m_start) != m_start;
            if sf.after_full && !titled && first_seen.get(ci).copied().flatten().is_none() {
                pos = m_end;
                continue;
            }
            let Some(cand) = t.cand_at(ci) else {
                pos += 1;
                continue;
            };
            let surface = text.get(m_start..m_end).unwrap_or("");
            // `Israel's National Security Council`, `the Congress party`: not the US body
            if cand.class == Class::Actor && us_neutral_form(cand, surface) && foreign_body(t, text, m_start, m_end) {
                pos = m_end;
                continue;
            }
            // `Michael Jordan`, `Chad Smith`: a state's name inside a person's
            if cand.kind == EntityType::State && !surface.contains(' ') && in_person_name(t, text, m_start, m_end) {
                pos = m_end;
                continue;
            }
            let mut start = m_start;
            // `President Trump`: the title belongs to the surface form
            if t.cand_at(ci).is_some_and(|c| c.kind == EntityType::Person) {
                start = title_before(text, start);
            }
            let surface = text.get(start..m_end).unwrap_or("").to_string();
            if let Some(list) = per.get_mut(ci) {
                list.push(Mention {
                    sentence: si,
                    block: bi,
                    start,
                    end: m_end,
                    span: block.inline.span(start, m_end),
                    surface,
                });
            }
            if let Some(f) = first_seen.get_mut(ci) {
                f.get_or_insert(order);
            }
            order += 1;
            pos = m_end;
        }
        proxies(t, text, si, sent, block, &mut proxy);
    }
    let mut out = Vec::new();
    for (ci, (mentions, proxies)) in per.into_iter().zip(proxy).enumerate() {
        let Some(c) = t.cand_at(ci) else { continue };
        if mentions.is_empty() {
            continue;
        }
        let mut aliases: Vec<String> = Vec::new();
        for m in &mentions {
            if !aliases.contains(&m.surface) {
                aliases.push(m.surface.clone());
            }
        }
        out.push(Entity {
            id: c.id.clone(),
            class: c.class,
            kind: c.kind,
            label: c.label.clone(),
            aliases,
            mentions,
            proxies,
            rule: c.rule,
        });
    }
    // document order of first mention
    out.sort_by_key(|e| e.mentions.first().map(|m| (m.block, m.start)));
    out
}

/// Nouns for which a state's adjective stands for the state: its people in office, its forces,
/// its goods (`Indian officials`, `the Mongolian government`, `Russian oil`).
const PROXY_NOUNS: &[&str] = &[
    "officials",
    "official",
    "government",
    "governments",
    "authorities",
    "administration",
    "regime",
    "junta",
    "leaders",
    "leadership",
    "diplomats",
    "delegation",
    "negotiators",
    "ministry",
    "forces",
    "troops",
    "military",
    "army",
    "navy",
    "soldiers",
    "police",
    "exports",
    "imports",
    "goods",
    "products",
    "oil",
    "gas",
    "companies",
    "firms",
    "banks",
    "investors",
    "nationals",
    "citizens",
];

/// `Indian officials`, `high-level Mongolian officials`, `Mongolian commodity exports`: a
/// state's adjective with up to two lower-case words, then a proxy noun, in sentence `si`.
fn proxies(
    t: &Table,
    text: &str,
    si: usize,
    sent: &Sentence,
    block: &crate::document::Block,
    out: &mut [Vec<Mention>],
) {
    let Some(s) = text.get(sent.start..sent.end) else {
        return;
    };
    // (the sentence's words as `split_whitespace` gives them, read a byte at a time)
    let ws = super::runs(s, &UNSPACED);
    // a word's offset in the block, and its text
    let word = |&(a, b): &(usize, usize)| (a + sent.start, s.get(a..b).unwrap_or(""));
    for (k, (at, w)) in ws.iter().map(word).enumerate() {
        if !is_cap(w) || w.contains('-') || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        let Some(id) = state_adjective(t, w) else { continue };
        let Some(&ci) = t.by_id.get(&id).or_else(|| t.base.by_id.get(&id)) else {
            continue;
        };
        for j in k + 1..(k + 4).min(ws.len()) {
            let Some((wat, next)) = ws.get(j).map(word) else { break };
            let bare = next.trim_end_matches(|c: char| !c.is_alphanumeric());
            if PROXY_NOUNS.contains(&bare) {
                let end = wat + bare.len();
                if let Some(list) = out.get_mut(ci) {
                    list.push(Mention {
                        sentence: si,
                        block: sent.block,
                        start: at,
                        end,
                        span: block.inline.span(at, end),
                        surface: text.get(at..end).unwrap_or("").to_string(),
                    });
                }
                break;
            }
            // (`Mongolia contributed troops`: a verb between ends the phrase)
            let verb = super::relations::verb_family(bare).is_some() || (bare.ends_with("ed") && bare != "armed");
            if bare.len() != next.len() || !bare.chars().all(|c| c.is_lowercase() || c == '-') || verb {
                break;
            }
        }
    }
}

/// A lexicon form of a US body that names no country: `National Security Council`, `Congress`,
/// `the Senate`, `Department of Defense`, `Security Council`.
fn us_neutral_form(c: &Cand, surface: &str) -> bool {
    let us_body = c.id.starts_with("us-") || c.id == "unsc";
    if !us_body {
        return false;
    }
    let names_country = [
        "US",
        "U.S.",
        "United States",
        "America",
        "UN",
        "U.N.",
        "United Nations",
        "Pentagon",
    ]
    .iter()
    .any(|x| surface.split([' ', '-']).any(|w| w == *x) || surface.contains(x) && x.contains(' '));
    !names_country
}

/// Another state's possessive or adjective right before `start` (`Israel's`, `Indian`), or a
/// party or `of Country` right after `end`.
fn foreign_body(t: &Table, text: &str, start: usize, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    if after.starts_with(" party") || after.starts_with(" Party") {
        return true;
    }
    if let Some(rest) = after.strip_prefix(" of ") {
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        let next: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
        let us = t
            .owner(next.trim_end_matches('.'))
            .or_else(|| t.owner(&next))
            .and_then(|i| t.cand_at(i))
            .is_some_and(|c| c.id == "united-states");
        if is_cap(&next) && !us && !next.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    let before = text.get(..start).unwrap_or("");
    let before = before.strip_suffix("the ").unwrap_or(before);
    let Some(b) = before.strip_suffix(' ') else {
        return false;
    };
    let (b, possessive) = match b.strip_suffix("'s").or_else(|| b.strip_suffix("’s")) {
        Some(x) => (x, true),
        None => (b, false),
    };
    let ws: Vec<&str> = b.rsplit(' ').take(3).collect();
    let last = ws.first().copied().unwrap_or("");
    if possessive {
        // `Israel's`, `South Korea's`
        for n in 1..=ws.len() {
            let cut = ws
                .get(..n)
                .unwrap_or(&[])
                .iter()
                .rev()
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(c) = t.owner(&cut).and_then(|i| t.cand_at(i)) {
                return c.kind == EntityType::State && c.id != "united-states";
            }
        }
        return false;
    }
    state_adjective(t, last).is_some_and(|id| id != "united-states")
}

/// Irregular adjectives of states.
const IRREGULAR_ADJECTIVES: &[(&str, &str)] = &[
    ("French", "France"),
    ("British", "United Kingdom"),
    ("Dutch", "Netherlands"),
    ("Swiss", "Switzerland"),
    ("Greek", "Greece"),
    ("Spanish", "Spain"),
    ("Danish", "Denmark"),
    ("Filipino", "Philippines"),
    ("Philippine", "Philippines"),
    ("Emirati", "United Arab Emirates"),
    ("Welsh", "United Kingdom"),
    ("Scottish", "United Kingdom"),
    ("Irish", "Ireland"),
    ("Icelandic", "Iceland"),
    ("Portuguese", "Portugal"),
];

/// The id of the state an adjective names, by its stem: `Israeli` → Israel, `Chinese` → China,
/// `Mongolian` → Mongolia, `German` → Germany, `Afghan` → Afghanistan, `Korean` → South Korea.
fn state_adjective(t: &Table, w: &str) -> Option<String> {
    if !is_cap(w) || w.chars().count() < 4 {
        return None;
    }
    if let Some(id) = t.adjectives.borrow().get(w) {
        return id.clone();
    }
    let id = adjective_state(t.states(), w);
    t.adjectives.borrow_mut().insert(w.to_string(), id.clone());
    id
}

/// [`state_adjective`] for a capitalised word of four letters or more, unremembered.
fn adjective_state(states: &StateNames, w: &str) -> Option<String> {
    let state = |s: &str| -> Option<String> { states.by_surface.get(s).cloned() };
    if let Some((_, n)) = IRREGULAR_ADJECTIVES.iter().find(|(a, _)| *a == w) {
        return state(n);
    }
    const SUFFIXES: &[&str] = &["ian", "an", "n", "ese", "ish", "i", "ic", "ean"];
    const ENDINGS: &[&str] = &["", "a", "ia", "e", "y", "o", "on", "land", "stan", "istan"];
    let mut name = String::new();
    for suf in SUFFIXES {
        let Some(stem) = w.strip_suffix(suf) else { continue };
        if stem.chars().count() < 3 {
            continue;
        }
        for end in ENDINGS {
            name.clear();
            name.push_str(stem);
            name.push_str(end);
            if let Some(id) = states.by_surface.get(&name).or_else(|| states.by_last.get(&name)) {
                return Some(id.clone());
            }
        }
    }
    // `Afghan`, `Kazakh`, `Thai`, `Saudi`: the start of the state's name, the first in table
    // order of those that start so
    if w.chars().count() >= 4 {
        let labels = &states.by_label;
        let from = labels.partition_point(|(label, _, _)| label.as_str() < w);
        return labels
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|(label, _, _)| label.starts_with(w))
            // (a whole first word is no such start: `Costa` is a surname, not Costa Rica's)
            .filter(|(label, _, _)| {
                label.len() <= w.len() + 5 && !label.get(w.len()..).is_some_and(|r| r.starts_with(' '))
            })
            .min_by_key(|(_, at, _)| *at)
            .map(|(_, _, id)| id.clone());
    }
    None
}

/// Words before a state's name that qualify the state, not name a person.
const STATE_QUALIFIERS: &[&str] = &[
    "Mainland",
    "Independent",
    "Soviet",
    "Free",
    "Modern",
    "Imperial",
    "Communist",
    "Colonial",
    "Greater",
    "Tsarist",
    "Occupied",
    "Neighbouring",
    "Neighboring",
    "Nationalist",
    "Democratic",
    "Royal",
    "Federal",
    "Postwar",
    "Post-war",
    "Prewar",
    "Today",
    "Yesterday",
    "Rising",
    "Global",
];

/// Words after a state's name that make a body, outlet or place of it, not a person's name.
const STATE_BODIES: &[&str] = &[
    "Army",
    "Navy",
    "Air",
    "Coast",
    "Guard",
    "Forces",
    "Defense",
    "Defence",
    "Daily",
    "Today",
    "Times",
    "Post",
    "News",
    "Airlines",
    "Airways",
    "Government",
    "Policy",
    "Armed",
    "Police",
    "Central",
    "National",
    "Mission",
    "Embassy",
    "Relations",
    "Studies",
    "Program",
    "Programme",
    "Project",
    "Fund",
    "Watch",
    "Review",
    "Railways",
    "Telecom",
    "Energy",
    "Oil",
    "Gas",
    "Petroleum",
    "Steel",
    "Power",
    "Water",
    "Investment",
    "International",
    "Foreign",
    "State",
    "Security",
    "Trade",
    "Economic",
    "Development",
    "Space",
    "Nuclear",
    "Mobile",
    "Herald",
    "Tribune",
    "Observer",
    "Express",
    "Monitor",
    "Weekly",
    "Business",
    "Radio",
    "Television",
    "Broadcasting",
];

/// A capitalised name-like word (not a sentence opener, a known name, a title or an adjective)
/// right before or after `start..end`: `Michael Jordan`, `Chad Smith`.
fn in_person_name(t: &Table, text: &str, start: usize, end: usize) -> bool {
    let personal = |w: &str| {
        let mut cs = w.chars();
        let ok_shape = cs.next().is_some_and(char::is_uppercase)
            && cs.clone().any(char::is_lowercase)
            && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’');
        ok_shape
            && w.chars().count() >= 3
            && !NOT_NAME_WORD.contains(w)
            && !NOT_GIVEN_NAME.contains(&w)
            && !NOT_SURNAME.contains(&w)
            && !NOT_PERSON_NAME.contains(&w)
            && head_of(w).is_none()
            && weak_head(w).is_none()
            && t.owner(w).is_none()
            && !["an", "ese", "ish", "ic", "al", "ist", "ern", "ed", "ing"]
                .iter()
                .any(|x| w.ends_with(x))
    };
    let before = text.get(..start).unwrap_or("");
    if let Some(b) = before.strip_suffix(' ') {
        let prev = b.rsplit(' ').next().unwrap_or("");
        let at = b.len() - prev.len();
        if personal(prev) && !STATE_QUALIFIERS.contains(&prev) && !is_sentence_start(text, at) {
            return true;
        }
    }
    let after = text.get(end..).unwrap_or("");
    if let Some(a) = after.strip_prefix(' ') {
        let next: &str = a.split([' ', ',', '.', ';', ':', ')']).next().unwrap_or("");
        let rest = a.get(next.len()..).unwrap_or("");
        let run_on = rest.strip_prefix(' ').is_some_and(is_cap);
        let next = next.trim_end_matches("'s").trim_end_matches("’s");
        if personal(next) && !STATE_BODIES.contains(&next) && !ORG_AFTER.contains(&next) && !run_on {
            return true;
        }
    }
    false
}

/// The first byte at or after `pos`, before `to`, that may start a word, else `to`: an ASCII
/// byte that is no letter or digit starts none, nor does a byte after an ASCII letter or digit.
/// Most bytes are told so before [`word_start`] decodes what is left: the bytes between words
/// are passed in one tight loop, and the rest of a word in another.
fn may_start_word(bytes: &[u8], pos: usize, to: usize) -> usize {
    let Some(span) = bytes.get(..to) else { return to };
    let mut p = pos;
    loop {
        // the next letter, digit or byte beyond ASCII
        let Some(k) = span
            .get(p..)
            .and_then(|r| r.iter().position(|b| b.is_ascii_alphanumeric() || !b.is_ascii()))
        else {
            return to;
        };
        p += k;
        if !p
            .checked_sub(1)
            .and_then(|q| span.get(q))
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            return p;
        }
        // inside a word: past its letters and digits, then past the byte that ends them
        let rest = span.get(p..).unwrap_or(&[]);
        p += rest
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len())
            + 1;
        if p >= to {
            return to;
        }
    }
}

fn word_start(text: &str, pos: usize) -> bool {
    let cur = text.get(pos..).and_then(|s| s.chars().next());
    let prev = text.get(..pos).and_then(|s| s.chars().next_back());
    cur.is_some_and(|c| c.is_alphanumeric()) && !prev.is_some_and(|c| c.is_alphanumeric())
}

fn word_end(text: &str, pos: usize) -> bool {
    let last = text.get(..pos).and_then(|s| s.chars().next_back());
    let next = text.get(pos..).and_then(|s| s.chars().next());
    // `U.S.` ends in a stop; `US` must not run into a letter
    !(last.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric))
}

/// [`TITLES`] by their last byte, each list in their order (so the first that matches is the
/// first of all that matches): [`title_before`] compares only those that end as the text does.
static TITLES_BY_LAST: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by = vec![Vec::new(); 256];
    for t in TITLES {
        if let Some(list) = t.as_bytes().last().and_then(|&b| by.get_mut(usize::from(b))) {
            list.push(*t);
        }
    }
    by
});

/// Start of a title right before `start` (`Prime Minister Modi`), else `start`.
fn title_before(text: &str, start: usize) -> usize {
    let before = text.get(..start).unwrap_or("");
    let Some(b) = before.strip_suffix(' ') else {
        return start;
    };
    // (a title ends in the byte `b` ends in: the others are not compared)
    let Some(titles) = b.as_bytes().last().and_then(|&l| TITLES_BY_LAST.get(usize::from(l))) else {
        return start;
    };
    for title in titles {
        if let Some(rest) = b.strip_suffix(title) {
            if rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()) {
                return rest.len();
            }
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    fn run(text: &str) -> Vec<Entity> {
        let mut d = Diagnostics::default();
        let doc = crate::document::read(text, &mut d);
        let sentences = crate::claims::sentences(&doc);
        extract(&doc, &sentences, &Lexicon::default_lexicon())
    }

    proptest::proptest! {
        /// Words read byte by byte are the words read character by character: texts of ASCII,
        /// letters and digits beyond it, the curly apostrophe and other punctuation.
        #[test]
        fn words_trimmed_as_before(text in "[a-zA-Z0-9.'’&+s-]{1,12}") {
            let old = |w: &str| {
                // [`trim_word`] as it was before its one-byte shortcut
                let mut e = w.len();
                for suffix in ["'s", "’s"] {
                    if w.len() > suffix.len() && w.ends_with(suffix) {
                        return e - suffix.len();
                    }
                }
                let mut t = w;
                while let Some(last) = t.chars().last() {
                    let keep_dot = last == '.'
                        && (t.len() <= 3 || t.chars().filter(|&c| c == '.').count() > 1 || t == "Inc." || t == "Ltd.");
                    if matches!(last, '.' | '\'' | '’' | '-' | '&') && !keep_dot {
                        e -= last.len_utf8();
                        t = w.get(..e).unwrap_or("");
                    } else {
                        break;
                    }
                }
                e
            };
            let w = trim_word(&text, 0, text.len());
            proptest::prop_assert_eq!((w.start, w.end), (0, old(&text)));
        }

        /// The bytes' shortcut of [`coined`] answers as reading the word does: words of ASCII
        /// letters, capitals, dots, web endings and letters beyond ASCII.
        #[test]
        fn coined_as_read(
            w in "[A-Z]?([a-z]{1,4}|[A-Z]{1,2}|\\.|com|é|Ä|’|-|[0-9]){0,6}|[A-Z][a-z0-9-]{0,5}\\.(com|io|xyz)"
        ) {
            proptest::prop_assert_eq!(coined(&w), coined_read(&w));
        }

        #[test]
        fn words_as_read_by_character(text in "[a-zA-Z0-9 .,;'’+&()“”—éÄΩ٣😀\u{a0}-]{0,40}") {
            let inside = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | '+' | '&');
            let mut want: Vec<Word> = crate::extract::tests::runs_by_char(&text, inside)
                .into_iter()
                .map(|(s, e)| trim_word(&text, s, e))
                .collect();
            want.retain(|w| w.end > w.start);
            let got: Vec<(usize, usize)> = words(&text).iter().map(|w| (w.start, w.end)).collect();
            let want: Vec<(usize, usize)> = want.iter().map(|w| (w.start, w.end)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// Every two-step pattern of the rules finds what its one regex finds, groups and all, on
    /// the seed, every case input and a text of the characters a loose copy widens to.
    #[test]
    fn bounded_patterns_are_their_regexes() {
        let texts = crate::pattern::case_texts(&["the “Look East Now policy”, “Ωmega—Beta strategy” and “😀 doctrine”; Acme—Beta Inc. and Müller-Ä GmbH, Big Red Ωmega Foods and its subsidiary; exercises like Malabar—Ä; Senate Commerce, Science—Ä, and Transportation Committee; Farm, Food—X, and National Security Act, 2024; E.O. 14٣٣٣"]);
        for (name, b) in bounded_patterns() {
            b.as_ref().unwrap().assert_as_regex(name, &texts);
        }
    }

    /// The title and listed-names searches find, anchored at every word, what their whole
    /// patterns find, on the seed, every case input and names and lists beyond ASCII.
    #[test]
    fn anchored_patterns_are_their_wholes() {
        let texts = crate::pattern::case_texts(&[
            "President Recep Tayyip Erdoğan met Prime Minister Kyriakos Mitsotakis and Chancellor Olaf Schölz; India’s Minister Ana de la Peña spoke.",
            "initiatives such as Ñandutí Rail, the Émile Fund and Καλλιπάτειρα, and programmes like Make in India",
        ]);
        for (name, p) in [("TITLE", &TITLE), ("LISTED", &LISTED)] {
            p.as_ref().unwrap().assert_as_whole(name, &texts);
        }
    }

    /// A pattern that fails to compile switches its rule off silently (the statics hold an
    /// Option): every one must compile.
    #[test]
    fn every_pattern_compiles() {
        let regexes = patterns();
        for (name, r) in regexes {
            assert!(r.is_some(), "{name} does not compile");
        }
        for (name, r) in bounded_patterns() {
            assert!(r.is_some(), "{name} does not compile");
        }
        // a pattern left out of the lists would be compiled on a document's thread (the
        // needles are built here so that this test's own text does not hold them)
        let declared = |ty: &str| {
            include_str!("entities.rs")
                .matches(&format!(": LazyLock<Option<{ty}>> ="))
                .count()
        };
        assert_eq!(declared("Start"), patterns().len());
        assert_eq!(declared("Bounded"), bounded_patterns().len());
        assert!(
            TITLE.as_ref().is_some_and(Narrowed::compiles_whole),
            "TITLE does not compile"
        );
        assert!(
            LISTED.as_ref().is_some_and(Narrowed::compiles_whole),
            "LISTED does not compile"
        );
        assert!(CUE_WORDS.is_some(), "CUE_WORDS does not build");
        assert_eq!(
            Lexicon::default_lexicon().index().forms.longest(b"United States Army"),
            Some("United States")
        );
        for line in HEADS_TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let t = line.split_once('\t').and_then(|(_, t)| EntityType::parse(t));
            assert!(t.is_some(), "bad row in heads.tsv: {line:?}");
        }
    }

    #[test]
    fn prose_is_a_sentence_not_an_initial() {
        assert!(sentence_end_inside("Rates rose. Then they fell"));
        assert!(!sentence_end_inside("Clare Y. Cho Specialist in Trade Policy"));
        assert!(!sentence_end_inside("U.S. Department of Labor R4 · VERSION 6"));
        // a byline names no body; the same words in a sentence do
        let es = run(
            "Ana M. Ruiz Analyst in Fisheries Policy Research Council\n\nThe Fisheries Policy Research Council met.\n",
        );
        assert_eq!(labels(&es), vec!["Fisheries Policy Research Council".to_string()]);
        let es = run("Ana M. Ruiz Analyst in Fisheries Policy Research Council\n");
        assert!(es.is_empty(), "{:?}", labels(&es));
    }

    fn labels(es: &[Entity]) -> Vec<String> {
        es.iter().map(|e| e.label.clone()).collect()
    }

    fn get<'a>(es: &'a [Entity], label: &str) -> Option<&'a Entity> {
        es.iter().find(|e| e.label == label)
    }

    #[test]
    fn quoted_policy_phrase_length() {
        // 3 to 41 characters between the quotes: the bounds the pattern once held itself
        let ok = run("Tokyo kept its \"Look East\" policy and its \"abc\" doctrine.\n");
        assert!(get(&ok, "Look East policy").is_some(), "{:?}", labels(&ok));
        assert!(get(&ok, "abc doctrine").is_some(), "{:?}", labels(&ok));
        let long = format!(
            "Tokyo kept its \"{}\" policy and its \"ab\" doctrine.\n",
            "a".repeat(42)
        );
        let es = run(&long);
        assert!(
            !es.iter()
                .any(|e| e.label.ends_with("policy") || e.label.ends_with("doctrine")),
            "{:?}",
            labels(&es)
        );
        let edge = format!("Tokyo kept its \"{}\" policy.\n", "a".repeat(41));
        let es = run(&edge);
        assert!(es.iter().any(|e| e.label.ends_with(" policy")), "{:?}", labels(&es));
    }

    #[test]
    fn lexicon_states_short_forms_and_capitals() {
        let es = run("The U.S. and New Delhi talked. Washington then called Beijing and the Kremlin.\n");
        let us = get(&es, "United States");
        assert!(us.is_some_and(|e| e.aliases.contains(&"U.S.".into()) && e.aliases.contains(&"Washington".into())));
        assert!(get(&es, "India").is_some());
        assert!(get(&es, "China").is_some());
        assert!(get(&es, "Russia").is_some_and(|e| e.aliases == vec!["the Kremlin".to_string()]));
    }

    #[test]
    fn adjectives_and_hyphen_pairs() {
        let es = run("Indian and American officials met. The US-India and India-US talks went on.\n");
        let us = get(&es, "United States");
        assert_eq!(us.map(|e| e.mentions.len()), Some(2));
        assert_eq!(get(&es, "India").map(|e| e.mentions.len()), Some(2));
    }

    #[test]
    fn acronyms_defined_in_text() {
        let es = run("The Mongolia Third Neighbor Trade Act (MTNTA) passed. Later the MTNTA stalled. The Foo Bar Institute (FBI2) spoke. Gross Domestic Product (GDP) grew.\n");
        let a = get(&es, "Mongolia Third Neighbor Trade Act");
        assert!(
            a.is_some_and(|e| e.class == Class::Agreement && e.mentions.len() >= 2 && e.rule == Rule::AgreementAcronym),
            "{:?}",
            es.iter().map(|e| (&e.label, &e.aliases, e.rule)).collect::<Vec<_>>()
        );
        assert!(!labels(&es).iter().any(|l| l.contains("Gross")));
    }

    #[test]
    fn titled_persons_and_surnames() {
        // Tsogt Batbayar is made up, so the lexicon cannot know him: a bare surname
        // is his only after the full name has been seen.
        let es = run("Batbayar spoke first. Then President Tsogt Batbayar met Prime Minister Narendra Modi. Batbayar left; Modi stayed.\n");
        let k = get(&es, "Tsogt Batbayar");
        assert!(
            k.is_some_and(|e| e.kind == EntityType::Person && e.mentions.len() == 2),
            "{:?}",
            labels(&es)
        );
        let m = get(&es, "Narendra Modi");
        assert!(m.is_some_and(
            |e| e.aliases.contains(&"Prime Minister Narendra Modi".into()) && e.aliases.contains(&"Modi".into())
        ));
    }

    /// [`super::may_start_word`] as first written: a byte at a time.
    fn may_start_word_by_byte(bytes: &[u8], mut pos: usize, to: usize) -> usize {
        let mut after_word = pos
            .checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(u8::is_ascii_alphanumeric);
        while pos < to {
            let Some(&b) = bytes.get(pos) else { break };
            let word = b.is_ascii_alphanumeric();
            if !after_word && (word || !b.is_ascii()) {
                return pos;
            }
            after_word = word;
            pos += 1;
        }
        to
    }

    proptest::proptest! {
        #[test]
        fn word_starts_skipped_to_as_by_byte(text in "[aZ9 .,'’(é😀-]{0,60}", from in 0usize..70, to in 0usize..70) {
            let bytes = text.as_bytes();
            let to = to.min(bytes.len());
            let from = from.min(to);
            proptest::prop_assert_eq!(super::may_start_word(bytes, from, to), may_start_word_by_byte(bytes, from, to));
        }
    }

    #[test]
    fn legislatures_are_capitalised() {
        // (`one_word_legislatures` asks `is_cap` first)
        assert!(super::LEGISLATURES.iter().all(|w| super::is_cap(w)));
    }

    #[test]
    fn head_words_and_operations() {
        let es = run("Congress passed the Critical Undersea Infrastructure Resilience Initiative Act in May. The US House Select Committee on Strategic Competition with China objected. Operation Epic Fury began.\n");
        let ls = labels(&es);
        assert!(
            ls.contains(&"Critical Undersea Infrastructure Resilience Initiative Act".into()),
            "{ls:?}"
        );
        assert!(
            ls.iter()
                .any(|l| l.ends_with("Committee on Strategic Competition with China")),
            "{ls:?}"
        );
        assert!(ls.contains(&"Operation Epic Fury".into()), "{ls:?}");
    }

    #[test]
    fn no_false_actors_from_capitals_months_headings_or_notes() {
        let text = "# The Grand Strategy Council Heading\n\nDespite this, in March the talks went on.¹ However, Policy matters.\n\n¹ John Smith, \"The Committee Report,\" Reuters, 2020.\n";
        let es = run(text);
        assert!(es.is_empty(), "{:?}", labels(&es));
    }

    #[test]
    fn deals_quoted_policies_and_lower_heads() {
        let es = run("India bought the S-400 air defense system. Mongolia pursues a \"third neighbor\" policy. They discussed a NATO Plus arrangement. The Indo-Pacific matters.\n");
        let ls = labels(&es);
        assert!(ls.contains(&"S-400".into()), "{ls:?}");
        assert!(ls.contains(&"third neighbor policy".into()), "{ls:?}");
        assert!(ls.contains(&"NATO Plus arrangement".into()), "{ls:?}");
        assert!(!ls.iter().any(|l| l.contains("Indo-Pacific")), "{ls:?}");
    }

    #[test]
    fn untitled_person_named_again_by_surname() {
        let es = run("A government formed under the party's Gombojav Zandanshatar. Later Zandanshatar resigned. Critics said Zandanshatar erred.\n");
        assert!(
            get(&es, "Gombojav Zandanshatar").is_some_and(|e| e.mentions.len() == 3),
            "{:?}",
            labels(&es)
        );
    }

    #[test]
    fn the_before_a_longer_name() {
        let es = run("In May the US House Select Committee on Strategic Competition with China spoke.\n");
        assert!(
            labels(&es)
                .iter()
                .any(|l| l == "US House Select Committee on Strategic Competition with China"),
            "{:?}",
            labels(&es)
        );
    }

    #[test]
    fn companies() {
        let es = run("The EU imposed sanctions on Nayara, one of India's two largest private oil refiners. Lockheed Martin and GE bid.\n");
        let ls = labels(&es);
        assert!(
            ls.contains(&"Nayara".into())
                && ls.contains(&"Lockheed Martin".into())
                && ls.contains(&"General Electric".into()),
            "{ls:?}"
        );
    }

    fn has(es: &[Entity], label: &str) -> bool {
        es.iter().any(|e| e.label == label)
    }

    #[test]
    fn lower_head_needs_modifiers_only() {
        let es = run("In 2019 the Kremlin and President Putin rejected the treaty. Officials signed the GE F414 jet engine agreement.\n");
        let ls = labels(&es);
        assert!(!ls.iter().any(|l| l.contains("Putin rejected")), "{ls:?}");
        assert!(ls.iter().any(|l| l.contains("F414 jet engine agreement")), "{ls:?}");
        let es = run(
            "Critics said the Foo Bar Council signed its agreement. The Alpha Beta and Gamma Delta framework failed.\n",
        );
        let ls = labels(&es);
        assert!(
            !ls.iter()
                .any(|l| l.ends_with("its agreement") || l.ends_with("Delta framework")),
            "{ls:?}"
        );
    }

    #[test]
    fn titles_before_common_nouns_and_companies() {
        let es = run("General Motors opened a plant. The General Secretary spoke while the General Staff met. The NSA Director testified. Later General Motors closed it.\n");
        let ls = labels(&es);
        for bad in ["Motors", "Secretary", "Staff", "Director"] {
            assert!(!ls.contains(&bad.to_string()), "{ls:?}");
        }
        let es = run("General Halvard Eskeland inspected the troops. Then King Oskarion spoke once.\n");
        let ls = labels(&es);
        assert!(ls.contains(&"Halvard Eskeland".into()), "{ls:?}");
        assert!(!ls.contains(&"Oskarion".into()), "{ls:?}");
    }

    #[test]
    fn us_bodies_not_for_other_states_and_states_not_in_names() {
        let es = run("Israel's National Security Council met. The Congress party in India won. A French Senate committee objected.\n");
        let ls = labels(&es);
        assert!(
            !ls.iter()
                .any(|l| l == "U.S. National Security Council" || l == "US Congress" || l == "US Senate"),
            "{ls:?}"
        );
        let es = run("Fans cheered as Michael Jordan played. The drummer was Chad Smith in that band.\n");
        assert!(!has(&es, "Jordan") && !has(&es, "Chad"), "{:?}", labels(&es));
        let es = run("Jordan and Chad signed. Then the National Security Council met and Congress voted.\n");
        let ls = labels(&es);
        for good in ["Jordan", "Chad", "U.S. National Security Council", "US Congress"] {
            assert!(ls.contains(&good.to_string()), "{ls:?}");
        }
    }

    #[test]
    fn lexicon_surnames_need_full_name_and_are_unique() {
        let es = run("Defence Minister Rajnath Singh met officials. Later Singh left.\n");
        assert!(!has(&es, "Manmohan Singh"), "{:?}", labels(&es));
        let es = run("The conference met in Austin last year. Then Bush Street closed.\n");
        assert!(
            !has(&es, "Lloyd Austin") && !has(&es, "George W. Bush"),
            "{:?}",
            labels(&es)
        );
        let es = run("Lloyd Austin visited. Austin then flew home.\n");
        assert!(
            get(&es, "Lloyd Austin").is_some_and(|e| e.mentions.len() == 2),
            "{:?}",
            labels(&es)
        );
    }

    #[test]
    fn company_words_required() {
        let es = run("Cotton comes from Xinjiang, a major producer of textiles. The deal with mining company Korvanta Minerals grew. Talks with Brightwater Holdings Ltd. stalled.\n");
        let ls = labels(&es);
        assert!(!ls.contains(&"Xinjiang".into()), "{ls:?}");
        assert!(
            get(&es, "Korvanta Minerals").is_some_and(|e| e.kind == EntityType::Company),
            "{ls:?}"
        );
        assert!(ls.iter().any(|l| l.starts_with("Brightwater Holdings")), "{ls:?}");
    }

    #[test]
    fn general_heads_and_sentence_adverbs() {
        let es = run("The State Great Hural passed the law, and later the Hural met. Members of the Lok Sabha objected. The Business Model changed. The Strategic Partnership (SP) Model helped. Remarkably, Norway agreed. They joined exercises such as the UK-led Northern Viking.\n");
        let ls = labels(&es);
        assert!(
            get(&es, "State Great Hural").is_some_and(|e| e.mentions.len() == 2),
            "{ls:?}"
        );
        assert!(ls.contains(&"Lok Sabha".into()), "{ls:?}");
        let es = run("It passed H.R. 12 in the 118th Congress. The House of Representatives and Senate agreed.\n");
        assert!(
            !labels(&es)
                .iter()
                .any(|l| l.contains("118th") || l.ends_with("and Senate")),
            "{:?}",
            labels(&es)
        );
        assert!(!ls.iter().any(|l| l.contains("Business Model")), "{ls:?}");
        assert!(ls.contains(&"Strategic Partnership (SP) Model".into()), "{ls:?}");
        assert!(!ls.iter().any(|l| l.contains("Remarkably")), "{ls:?}");
        assert!(ls.contains(&"Northern Viking".into()), "{ls:?}");
        let es = run("The Export Promotion Cell helped. The Ministry of Trade Licensing Cell helped. The Zeta Procedure applied.\n");
        let ls = labels(&es);
        assert!(
            !ls.iter().any(|l| l == "Export Promotion Cell" || l == "Zeta Procedure"),
            "{ls:?}"
        );
        assert!(ls.contains(&"Ministry of Trade Licensing Cell".into()), "{ls:?}");
        let es = run("The Tibetan Buddhists met near Tibet. Tibetan Buddhists prayed. Some Buddhists left.\n");
        assert!(!labels(&es).iter().any(|l| l.contains("Tibetan")), "{:?}", labels(&es));
    }

    #[test]
    fn discovery_replaces_bilateral_rows() {
        let es =
            run("Japan and Australia held a 2+2 meeting. Japan's \"Free and Open Indo-Pacific strategy\" matters.\n");
        let ls = labels(&es);
        assert!(
            !ls.iter().any(|l| l.contains("US-India") || l.contains("United States")),
            "{ls:?}"
        );
        let es = run("Initiatives like Build in Freedonia and Self-Reliant Freedonia grew, as did forums such as the TTXI. Freedonia's designation as a “Major Trade Partner” followed. The \"Blue Pacific strategy\" continued.\n");
        let ls = labels(&es);
        for good in [
            "Build in Freedonia",
            "Self-Reliant Freedonia",
            "TTXI",
            "Major Trade Partner designation",
            "Blue Pacific strategy",
        ] {
            assert!(ls.contains(&good.to_string()), "{good}: {ls:?}");
        }
    }
}
