//! Patterns searched in two steps: a loose copy finds where a match may start, the whole pattern
//! is tried there.
//!
//! The regex engine's fast matcher, a lazy DFA, gives up on a Unicode `\b` at the first byte
//! that is not ASCII, and papers and their notes are full of curly quotes, dashes and accented
//! names: the engine then runs its slowest matcher over the rest of the text. And a letter class
//! (`\p{L}`: some 650 ranges of code points) is compiled into an automaton of UTF-8 bytes for
//! each of its copies, forwards and backwards, which made the rules' letter classes half of a
//! one-paper build's start-up. A [`Bounded`] pattern keeps a loose copy of itself without its word
//! boundaries and with each large class widened to its ASCII part and every character beyond
//! ASCII ([`loosen`]): the fast matcher runs it to the end, and it is small. It finds where a
//! match may start (a match of the whole is a match of the copy at the same start: the copy only
//! drops conditions), and the whole pattern is tried anchored at each such start in turn. The
//! first that holds is the leftmost match, the one a search for the whole pattern finds, with
//! the same groups. The whole pattern is itself compiled narrow, its large classes cut to ASCII
//! and common punctuation, and whole only for a text that holds a character the cut dropped
//! ([`Narrowed`]). A pattern searched through whole texts ([`worded`]) has its word boundaries
//! read as ASCII's in its narrow copy, for every text without a word character beyond ASCII.

use regex_automata::util::captures::Captures;
use regex_automata::{meta, Anchored, Input, PatternID};
use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};
use std::sync::OnceLock;

/// A pattern only ever searched anchored, where the caller knows a match may start, over the
/// few bytes its match spans: the one-pass DFA or the PikeVM finds it. Compiled without a
/// prefilter of its literals, which serves only a search for where a match starts (for a list of
/// forty titles, building it cost more than compiling the pattern), and without the lazy DFA and
/// the reverse automaton it needs (half of compiling a pattern; for the titles and the listed
/// names, the one-paper build 5% faster, the seed × 100 no slower). Not the backtracker: it
/// clears a set of its states times the bytes to the text's end before every try, however short
/// the match (3% of the entity rules' instructions).
///
/// Compiled narrow ([`Narrowed`]): a rule asks it for the copy its text needs.
pub(crate) fn anchored(pattern: &str) -> Option<Narrowed> {
    Narrowed::new(&regex_syntax::parse(pattern).ok()?, small())
}

/// The configuration of [`anchored`].
fn small() -> meta::Config {
    meta::Config::new()
        .hybrid(false)
        .dfa(false)
        .auto_prefilter(false)
        .backtrack(false)
}

/// A pattern searched through whole texts, with Unicode's word boundaries (`\b`). The regex
/// engine's lazy DFA gives up on such a boundary at the first byte beyond ASCII, and a note's
/// curly quotes and dashes then sent the rest of it to the slowest matcher. Compiled narrow
/// with ASCII's boundaries ([`narrow`]), which the lazy DFA reads, for every text without a
/// word character beyond ASCII (quotes and dashes are none); whole for the others.
pub(crate) fn worded(pattern: &str) -> Option<Narrowed> {
    Narrowed::with(&regex_syntax::parse(pattern).ok()?, meta::Config::new(), true)
}

/// A pattern that can match only at the start of its text (`^…`), tried on short texts: a line,
/// a note or one of its fields. Compiled without the lazy DFA and the reverse automaton it needs
/// (as [`anchored`] is), which serve a scan for where a match starts: here the one-pass DFA or
/// the backtracker reads the few bytes at the start. Half the compiling of the document's and
/// the notes' start patterns, which a one-paper build waits for (the seed's one paper 6% faster).
/// Measured pattern by pattern: two that read far into most notes before they fail (the notes'
/// see-also cue and author–date head) stay regexes, whose lazy DFA rejects them faster; as start
/// patterns they were 3% of the seed × 100's instructions. A third, the report number, is a
/// start pattern read with the lazy DFA ([`Start::reading`]), as quick as its regex.
///
/// Most texts a start pattern is tried on cannot begin one of its matches at all (a line that is
/// no heading, a note field that is no page range): the bytes a match may begin with are worked
/// out when it is compiled, and a text that begins with another is refused without calling the
/// engine, whose every call costs a few hundred instructions before it reads a byte.
#[derive(Debug)]
pub(crate) struct Start {
    re: Narrowed,
    /// Whether a match may begin with each byte; None when the pattern may match the empty
    /// string (then every text may).
    first: Option<Box<[bool; 256]>>,
}

impl Start {
    /// None for a pattern that does not compile or is not anchored at the start.
    pub(crate) fn new(pattern: &str) -> Option<Start> {
        Start::with(pattern, false)
    }

    /// As [`Start::new`], for a pattern whose texts run on far past its match (a note's tail
    /// after its title, tried for journal numbers): with the lazy DFA, which finds where the
    /// match ends before the backtracker reads it for the groups. The backtracker alone first
    /// clears a set of its states times every byte to the text's end: a pattern of a few hundred
    /// states on a note's remaining hundreds of bytes (the notes' start patterns were 2% of the
    /// seed × 25's instructions; with the lazy DFA for the four read so, the seed × 25 takes 1.4%
    /// fewer, its one paper 0.6% more, compiling them).
    pub(crate) fn reading(pattern: &str) -> Option<Start> {
        Start::with(pattern, true)
    }

    fn with(pattern: &str, lazy_dfa: bool) -> Option<Start> {
        let hir = regex_syntax::parse(pattern).ok()?;
        if !hir.properties().look_set_prefix().contains(Look::Start) {
            return None;
        }
        // (as `small`, with the backtracker: the texts are short, the matches at their start)
        let re = Narrowed::new(&hir, small().backtrack(true).hybrid(lazy_dfa))?;
        Some(Start {
            re,
            first: first_bytes(&hir),
        })
    }

    /// Panics where this pattern and the pattern as one `regex` find other matches or groups at
    /// the start of a line of one of `texts`, or after one of its commas: for the tests of the
    /// rules' start patterns.
    #[cfg(test)]
    pub(crate) fn assert_as_regex(&self, name: &str, texts: &[String]) {
        assert!(self.re.whole().is_some(), "{name}: the whole pattern does not compile");
        let r = regex::Regex::new(&self.re.hir.to_string()).expect("the pattern as one regex");
        let starts = texts.iter().flat_map(|t| t.lines()).flat_map(|line| {
            std::iter::once(line).chain(line.match_indices(", ").filter_map(|(i, _)| line.get(i + 2..)))
        });
        for t in starts {
            self.assert_as(&r, t, name);
        }
    }

    /// Panics where this pattern and `r` differ on `t`: whether it matches, the match, its
    /// groups by number and by name.
    #[cfg(test)]
    pub(crate) fn assert_as(&self, r: &regex::Regex, t: &str, name: &str) {
        assert_eq!(self.is_match(t), r.is_match(t), "{name} on {t:?}");
        let want = r.find(t).map(|m| (m.start(), m.as_str()));
        assert_eq!(self.find(t).map(|m| (m.start(), m.as_str())), want, "{name} on {t:?}");
        let got = self.captures(t);
        let want = r.captures(t);
        assert_eq!(got.is_some(), want.is_some(), "{name} on {t:?}");
        if let (Some(got), Some(want)) = (got, want) {
            for i in 0..want.len() {
                let w = want.get(i).map(|m| (m.start(), m.as_str()));
                assert_eq!(got.get(i).map(|m| (m.start(), m.as_str())), w, "{name} on {t:?}");
            }
            for group in r.capture_names().flatten() {
                let w = want.name(group).map(|m| (m.start(), m.as_str()));
                assert_eq!(got.name(group).map(|m| (m.start(), m.as_str())), w, "{name} on {t:?}");
            }
        }
    }

    /// Whether the pattern compiles whole (it is compiled so only for a text that needs it).
    #[cfg(test)]
    pub(crate) fn compiles_whole(&self) -> bool {
        self.re.whole().is_some()
    }

    /// Whether a match may begin `text`: false only where none can.
    fn may_match(&self, text: &str) -> bool {
        let Some(set) = &self.first else { return true };
        // (a pattern with a set cannot match the empty string: an empty text has no match)
        text.as_bytes()
            .first()
            .is_some_and(|&b| set.get(usize::from(b)) == Some(&true))
    }

    /// Whether the pattern matches at the start of `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.re.for_text(text).is_some_and(|re| re.is_match(text))
    }

    /// The match's whole text.
    pub(crate) fn find<'t>(&self, text: &'t str) -> Option<Group<'t>> {
        if !self.may_match(text) {
            return None;
        }
        let m = self.re.for_text(text)?.find(text)?;
        Group::of(text, m.span())
    }

    /// The match's groups.
    pub(crate) fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        if !self.may_match(text) {
            return None;
        }
        let re = self.re.for_text(text)?;
        let mut caps = re.create_captures();
        re.captures(text, &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }
}

/// Whether a match of `hir` may begin with each byte; None when the pattern may match the empty
/// string (then any byte may follow).
fn first_bytes(hir: &Hir) -> Option<Box<[bool; 256]>> {
    let mut set = Box::new([false; 256]);
    (!firsts(hir, &mut set)).then_some(set)
}

/// Adds to `set` the bytes a match of `hir` may begin with, and says whether `hir` may match the
/// empty string (then what follows it may begin the match too). A character class adds the
/// UTF-8 lead bytes from its ranges' first to their last character: a lead byte grows with the
/// character, so that is all a range's characters can begin with, and perhaps more.
fn firsts(hir: &Hir, set: &mut [bool; 256]) -> bool {
    let mut add = |from: u8, to: u8| {
        if let Some(bytes) = set.get_mut(usize::from(from)..=usize::from(to)) {
            bytes.fill(true);
        }
    };
    let lead = |c: char| c.encode_utf8(&mut [0; 4]).as_bytes().first().copied().unwrap_or(0);
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                add(b, b);
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.ranges() {
                add(lead(r.start()), lead(r.end()));
            }
            false
        }
        HirKind::Class(Class::Bytes(c)) => {
            for r in c.ranges() {
                add(r.start(), r.end());
            }
            false
        }
        HirKind::Repetition(r) => firsts(&r.sub, set) || r.min == 0,
        HirKind::Capture(c) => firsts(&c.sub, set),
        HirKind::Concat(subs) => subs.iter().all(|sub| firsts(sub, set)),
        HirKind::Alternation(subs) => {
            // (every branch adds its bytes: no short cut)
            let mut empty = false;
            for sub in subs {
                empty |= firsts(sub, set);
            }
            empty
        }
    }
}

/// The seed and every case input under `tests/cases/`, then `extra`: texts for the tests that
/// hold the rules' two-step searches against their regexes.
#[cfg(test)]
pub(crate) fn case_texts(extra: &[&str]) -> Vec<String> {
    let mut texts = vec![include_str!("../seeds/india-us-defense-relations.md").to_string()];
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    for dir in std::fs::read_dir(cases).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            texts.extend(std::fs::read_to_string(f.path()).ok());
        }
    }
    assert!(texts.len() > 50, "{} texts: the case inputs are missing", texts.len());
    texts.extend(extra.iter().map(|t| t.to_string()));
    texts
}

/// A class with more ranges than this beyond ASCII is widened in a loose copy: `\p{L}`, `\w`,
/// `\d` (Unicode digits), not `\s` (ten ranges) nor a case-folded letter.
const WIDE: usize = 16;

/// A copy of `hir` that matches wherever `hir` does, and more: word boundaries (`\b` and its
/// kin) are dropped, and each class with many ranges beyond ASCII keeps its ASCII part and
/// takes every character beyond ASCII (`[A-Z\p{L}-]` becomes `[A-Za-z\x{80}-\x{10FFFF}-]`:
/// about ten UTF-8 sequences instead of several hundred). Dropping a condition or widening a
/// class never removes a match at a start (the HIR has no complement left to flip: a negated
/// class is already its ranges).
fn loosen(hir: &Hir) -> Hir {
    let look = |l: Look| if is_line_anchor(l) { Hir::look(l) } else { Hir::empty() };
    rewrite(hir, &look, &mut |c| {
        let mut ranges: Vec<ClassUnicodeRange> = c
            .ranges()
            .iter()
            .filter(|r| r.start() <= '\x7f')
            .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
            .collect();
        ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
        ClassUnicode::new(ranges)
    })
}

/// `^`, `$` and their line forms: kept in a loose copy (they cost nothing and rule out starts).
fn is_line_anchor(look: Look) -> bool {
    matches!(
        look,
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF
    )
}

/// A class with more than [`WIDE`] ranges beyond ASCII.
fn wide(c: &ClassUnicode) -> bool {
    c.ranges().iter().filter(|r| r.end() > '\x7f').count() > WIDE
}

/// The characters a narrow copy keeps of a wide class: ASCII, and the punctuation papers hold
/// beyond it outside words (Latin-1's no-break space, `«»`, `§`; the general punctuation: `’`,
/// `“”`, `—`, `…`). A class that names one (`[\p{L}'’-]`) keeps it, so that a text with a curly
/// apostrophe still reads narrow.
const KEPT: [(char, char); 3] = [('\0', '\x7f'), ('\u{a0}', '\u{bf}'), ('\u{2000}', '\u{206f}')];

/// A copy of `hir` with each wide class cut to its part in [`KEPT`] (`[A-Z\p{L}’-]` becomes
/// `[A-Za-zªµº’-]`), and the characters those classes held beyond it. With `words`, each Unicode
/// word boundary is replaced by its ASCII form, and the word characters beyond ASCII are among
/// those held beyond: on a text without them, the two kinds of boundary stand at the same places.
fn narrow(hir: &Hir, words: bool, beyond: &mut ClassUnicode) -> Hir {
    let kept = ClassUnicode::new(KEPT.iter().map(|&(a, b)| ClassUnicodeRange::new(a, b)));
    // (without the word characters to hand, the boundaries stay Unicode's)
    let words = words
        && match regex_syntax::parse(r"\w").map(Hir::into_kind) {
            Ok(HirKind::Class(Class::Unicode(mut part))) => {
                part.difference(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
                beyond.union(&part);
                true
            }
            _ => false,
        };
    let look = |l: Look| Hir::look(if words { ascii_word(l) } else { l });
    rewrite(hir, &look, &mut |c| {
        let mut part = c.clone();
        part.difference(&kept);
        beyond.union(&part);
        let mut cut = c.clone();
        cut.intersect(&kept);
        cut
    })
}

/// A copy of `hir` with each wide class replaced by what `class` makes of it, and each
/// look-around by what `look` makes of it.
fn rewrite(hir: &Hir, look: &dyn Fn(Look) -> Hir, class: &mut dyn FnMut(&ClassUnicode) -> ClassUnicode) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) if wide(c) => Hir::class(Class::Unicode(class(c))),
        HirKind::Look(l) => look(*l),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(rewrite(&r.sub, look, class)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(rewrite(&c.sub, look, class)),
            ..c.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| rewrite(s, look, class)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(|s| rewrite(s, look, class)).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

/// The word look-around of ASCII that stands for `look` of Unicode; any other as it is.
fn ascii_word(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// A pattern compiled narrow ([`narrow`]) at once, and whole only when a text first needs it.
/// On a text that holds none of the characters the narrow copy's classes dropped, it finds
/// exactly what the whole does, with the same groups: each class can take only the text's
/// characters it could take before, and nothing else changed (literals, small classes, word
/// boundaries and anchors are as written; for a [`worded`] pattern, each Unicode word boundary
/// is replaced by its ASCII form, and a word character beyond ASCII also sends a text to the
/// whole). Papers are mostly ASCII letters, with curly quotes and dashes beyond it, which the
/// narrow copy keeps; an accented name sends its text to the whole. The narrow copy compiles
/// in a fifth of the time: a letter class is a handful of ranges, not several hundred UTF-8
/// sequences for each of its copies (the rules' two-step patterns were a third of a one-paper
/// build's instructions).
#[derive(Debug)]
pub(crate) struct Narrowed {
    narrow: meta::Regex,
    /// The characters the narrow copy's classes dropped: a text that holds one needs the whole.
    beyond: ClassUnicode,
    /// Those below [`NEAR`], as bits.
    near: Box<[u64; NEAR / 64]>,
    whole: OnceLock<Option<meta::Regex>>,
    hir: Hir,
    config: meta::Config,
}

impl Narrowed {
    fn new(hir: &Hir, config: meta::Config) -> Option<Narrowed> {
        Narrowed::with(hir, config, false)
    }

    /// As [`Narrowed::new`]; with `words`, the narrow copy's word boundaries are ASCII's (see
    /// [`narrow`]).
    fn with(hir: &Hir, config: meta::Config, words: bool) -> Option<Narrowed> {
        let mut beyond = ClassUnicode::empty();
        let cut = narrow(hir, words, &mut beyond);
        Some(Narrowed {
            narrow: meta::Builder::new()
                .configure(config.clone())
                .build_from_hir(&cut)
                .ok()?,
            near: near_bits(beyond.ranges()),
            beyond,
            whole: OnceLock::new(),
            hir: hir.clone(),
            config,
        })
    }

    /// The copy that finds in `text` what the pattern finds; None when the whole, needed, does
    /// not compile (no text needs it in a test that compiles every pattern whole).
    pub(crate) fn for_text(&self, text: &str) -> Option<&meta::Regex> {
        if self.needs_whole(text) {
            self.whole()
        } else {
            Some(&self.narrow)
        }
    }

    /// The leftmost match that starts at or after `from`, with its groups, as `regex`'s
    /// `captures_at` gives it (a word boundary still looks at the text before `from`; a `from`
    /// past the text's end is read as its end, where `regex` would panic).
    pub(crate) fn captures_at<'t>(&self, text: &'t str, from: usize) -> Option<Groups<'t>> {
        let re = self.for_text(text)?;
        let mut caps = re.create_captures();
        re.search_captures(&Input::new(text).range(from.min(text.len())..), &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }

    /// Every match's whole text, leftmost first and not overlapping, as `regex`'s `find_iter`
    /// gives them.
    pub(crate) fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Group<'t>> + 't {
        let re = self.for_text(text);
        re.into_iter()
            .flat_map(move |re| re.find_iter(text))
            .filter_map(move |m| Group::of(text, m.span()))
    }

    /// The number of the group named `name`, as `regex`'s `capture_names` counts them.
    pub(crate) fn group(&self, name: &str) -> Option<usize> {
        self.narrow.group_info().to_index(PatternID::ZERO, name)
    }

    /// Panics where the copy a text is given finds other groups than the whole pattern, tried
    /// anchored at each word of one of `texts`, as a rule tries it where a cue stands: for the
    /// tests of the rules' anchored patterns.
    #[cfg(test)]
    pub(crate) fn assert_as_whole(&self, name: &str, texts: &[String]) {
        let whole = self.whole().expect("the whole pattern compiles");
        for t in texts {
            let starts = t.char_indices().filter(|&(i, c)| {
                c.is_alphanumeric()
                    && !t
                        .get(..i)
                        .and_then(|b| b.chars().next_back())
                        .is_some_and(char::is_alphanumeric)
            });
            for (at, _) in starts {
                let re = self.for_text(t.get(at..).unwrap_or(t)).expect("a copy for every text");
                let input = Input::new(t).range(at..).anchored(Anchored::Yes);
                let (mut got, mut want) = (re.create_captures(), whole.create_captures());
                re.captures(input.clone(), &mut got);
                whole.captures(input, &mut want);
                let spans = |c: &Captures| (0..c.group_len()).map(|g| c.get_group(g)).collect::<Vec<_>>();
                assert_eq!(
                    spans(&got),
                    spans(&want),
                    "{name} at {at} of {:?}",
                    t.get(at..).unwrap_or(t)
                );
            }
        }
    }

    /// Whether the pattern compiles whole (see [`Start::compiles_whole`]).
    #[cfg(test)]
    pub(crate) fn compiles_whole(&self) -> bool {
        self.whole().is_some()
    }

    /// Panics where this pattern and the pattern as one `regex` find other matches or groups
    /// in one of `texts`: every match in turn, and with `every`, the first match from each
    /// character on. For the tests of [`worded`] patterns.
    #[cfg(test)]
    pub(crate) fn assert_as_regex(&self, name: &str, texts: &[String], every: bool) {
        let r = regex::Regex::new(&self.hir.to_string()).expect("the pattern as one regex");
        let mine = |t: &str, at: usize| -> Option<Vec<Option<(usize, usize)>>> {
            self.captures_at(t, at).map(|c| {
                (0..r.captures_len())
                    .map(|i| c.get(i).map(|g| (g.start(), g.end())))
                    .collect::<Vec<_>>()
            })
        };
        let theirs = |t: &str, at: usize| -> Option<Vec<Option<(usize, usize)>>> {
            r.captures_at(t, at)
                .map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect::<Vec<_>>())
        };
        for t in texts {
            let found: Vec<(usize, &str)> = self.find_iter(t).map(|g| (g.start(), g.as_str())).collect();
            let want: Vec<(usize, &str)> = r.find_iter(t).map(|m| (m.start(), m.as_str())).collect();
            let clip = t.chars().take(80).collect::<String>();
            assert_eq!(found, want, "{name} in {clip:?}");
            let starts: Vec<usize> = if every {
                t.char_indices().map(|(i, _)| i).collect()
            } else {
                // (where `regex`'s `captures_iter` looks: from the text's start, then from each
                // match's end)
                std::iter::once(0)
                    .chain(want.iter().map(|(at, m)| at + m.len()))
                    .collect()
            };
            for at in starts {
                assert_eq!(mine(t, at), theirs(t, at), "{name} from {at} of {clip:?}");
            }
        }
    }

    fn whole(&self) -> Option<&meta::Regex> {
        self.whole
            .get_or_init(|| {
                meta::Builder::new()
                    .configure(self.config.clone())
                    .build_from_hir(&self.hir)
                    .ok()
            })
            .as_ref()
    }

    /// Whether `text` holds a character of [`Narrowed::beyond`]: ASCII is passed over eight
    /// bytes at a time, and only the characters beyond it are decoded and looked up.
    fn needs_whole(&self, text: &str) -> bool {
        if self.beyond.ranges().is_empty() {
            return false;
        }
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            while let Some(word) = bytes.get(at..at + 8) {
                let x = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or([0x80; 8]));
                if x & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                at += 8;
            }
            let Some(skip) = bytes.get(at..).and_then(|b| b.iter().position(|&x| x >= 0x80)) else {
                return false;
            };
            at += skip;
            let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
                return true;
            };
            if self.holds(c) {
                return true;
            }
            at += c.len_utf8();
        }
    }

    /// Whether `c` is one of [`Narrowed::beyond`]: looked up in a table up to [`NEAR`], searched
    /// for beyond it.
    fn holds(&self, c: char) -> bool {
        let n = c as usize;
        if let Some(word) = self.near.get(n / 64) {
            return (word >> (n % 64)) & 1 == 1;
        }
        self.beyond
            .ranges()
            .binary_search_by(|r| {
                if r.end() < c {
                    std::cmp::Ordering::Less
                } else if r.start() > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// The characters below this are looked up in a table of bits when a text is asked for the
/// characters of a pattern's wide classes: the Latin, Greek, Cyrillic, Hebrew and Arabic letters
/// and the general punctuation (`’`, `“`, `—`), which papers are written in.
const NEAR: usize = 0x3000;

/// The bits of `ranges`' characters below [`NEAR`].
fn near_bits(ranges: &[ClassUnicodeRange]) -> Box<[u64; NEAR / 64]> {
    let mut bits = Box::new([0u64; NEAR / 64]);
    for r in ranges {
        let (mut n, last) = (r.start() as usize, (r.end() as usize).min(NEAR - 1));
        // (a word of bits at a time: `\p{L}` holds eight thousand characters below NEAR)
        while n <= last {
            let (bit, take) = (n % 64, (64 - n % 64).min(last - n + 1));
            let mask = u64::MAX >> (64 - take) << bit;
            if let Some(word) = bits.get_mut(n / 64) {
                *word |= mask;
            }
            n += take;
        }
    }
    bits
}

/// A pattern searched in two steps (see the module's documentation).
#[derive(Debug)]
pub(crate) struct Bounded {
    /// The pattern loosened ([`loosen`]): it matches wherever the whole does.
    loose: meta::Regex,
    /// The pattern, tried anchored where the loose copy matches.
    whole: Narrowed,
    /// The pattern as one search, compiled only for a text where the loose copy keeps matching
    /// far where the whole does not (see [`Bounded::first`]).
    full: OnceLock<Option<meta::Regex>>,
}

/// The bytes a text's loose searches may read for starts where the whole fails before the
/// search falls back to the whole pattern: four times the text, and a little for short ones.
fn waste_allowed(len: usize) -> usize {
    len.saturating_mul(4).saturating_add(4096)
}

impl Bounded {
    /// None for a pattern that does not compile or may match the empty string (the iterators
    /// below would have to skip empty matches as `regex` does; no rule's pattern needs them).
    pub(crate) fn new(pattern: &str) -> Option<Bounded> {
        let hir = regex_syntax::parse(pattern).ok()?;
        if hir.properties().minimum_len().is_none_or(|n| n == 0) {
            return None;
        }
        // a pattern that bounds its match's length (a choice of words, as
        // `\b(?:Report|Brief)\b`) is tried no further than that (see `first`), so the
        // backtracker, which clears a set of its states times the bytes it may read before each
        // try, takes the tries from the PikeVM
        let bounded = hir.properties().maximum_len().is_some();
        Some(Bounded {
            loose: meta::Builder::new().build_from_hir(&loosen(&hir)).ok()?,
            whole: Narrowed::new(&hir, small().backtrack(bounded))?,
            full: OnceLock::new(),
        })
    }

    /// What `try_at` gives at the first start, at or after `from`, where it gives something:
    /// every start of a match of the loose pattern is offered in order, as an anchored search.
    /// `waste` counts the bytes the loose copy matched at starts where the whole failed. A loose
    /// copy can match far where the whole fails early (a widened letter class runs on through
    /// dashes and quotes, a list on to its end), and each such start is searched again from the
    /// next character: on a text made to do it, that grows with the square of its length. Past
    /// [`waste_allowed`], the next start is the whole pattern's own search, which reads the text
    /// once.
    fn first<R>(
        &self,
        text: &str,
        mut from: usize,
        waste: &mut usize,
        mut try_at: impl FnMut(&Input) -> Option<R>,
    ) -> Option<R> {
        while from <= text.len() {
            let input = Input::new(text).range(from..);
            let m = if *waste > waste_allowed(text.len()) {
                self.full().and_then(|full| full.find(input))
            } else {
                self.loose.find(input)
            };
            let m = m?;
            let at = m.start();
            // (a match spans at most the pattern's longest length from its start)
            let reach = self.whole.hir.properties().maximum_len();
            let end = reach.map_or(text.len(), |n| at.saturating_add(n).min(text.len()));
            if let Some(found) = try_at(&Input::new(text).range(at..end).anchored(Anchored::Yes)) {
                return Some(found);
            }
            *waste = waste.saturating_add(m.end() - at);
            from = at + text.get(at..)?.chars().next()?.len_utf8();
        }
        None
    }

    /// Panics where this search and the pattern as one `regex` find other matches or groups in
    /// one of `texts`: for the tests of the rules' patterns.
    #[cfg(test)]
    pub(crate) fn assert_as_regex(&self, name: &str, texts: &[String]) {
        // (the whole is compiled only when a text needs it: here, whatever the texts)
        assert!(
            self.whole.whole().is_some(),
            "{name}: the whole pattern does not compile"
        );
        let r = regex::Regex::new(&self.whole.hir.to_string()).expect("the pattern as one regex");
        for t in texts {
            let mine: Vec<Vec<Option<(usize, &str)>>> = self
                .captures_iter(t)
                .map(|c| {
                    (0..r.captures_len())
                        .map(|i| c.get(i).map(|g| (g.start(), g.as_str())))
                        .collect()
                })
                .collect();
            let theirs: Vec<Vec<Option<(usize, &str)>>> = r
                .captures_iter(t)
                .map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.as_str()))).collect())
                .collect();
            assert_eq!(mine, theirs, "{name} on {:?}", t.chars().take(80).collect::<String>());
        }
    }

    /// The whole pattern as one search, compiled on first use.
    fn full(&self) -> Option<&meta::Regex> {
        self.full
            .get_or_init(|| meta::Builder::new().build_from_hir(&self.whole.hir).ok())
            .as_ref()
    }

    /// The leftmost match's range (no groups: nothing is allocated for them).
    pub(crate) fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.find_iter(text).next().map(|g| (g.start(), g.end()))
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// Every match's whole text, leftmost first and not overlapping, as `regex`'s `find_iter`
    /// gives them.
    pub(crate) fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Group<'t>> + 't {
        let (mut from, mut waste) = (0, 0);
        let mut whole = None;
        std::iter::from_fn(move || {
            let m = self.first(text, from, &mut waste, |input| {
                let re = *whole.get_or_insert_with(|| self.whole.for_text(rest(text, input)));
                re?.find(input.clone())
            })?;
            from = m.end();
            Group::of(text, m.span())
        })
    }

    /// Every match, leftmost first and not overlapping, as `regex`'s `captures_iter` gives them.
    pub(crate) fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Groups<'t>> + 't {
        let (mut from, mut waste) = (0, 0);
        let mut whole = None;
        std::iter::from_fn(move || {
            let mut caps = None;
            // (no match is empty: see `new`)
            from = self.first(text, from, &mut waste, |input| {
                let re = (*whole.get_or_insert_with(|| self.whole.for_text(rest(text, input))))?;
                let caps = caps.get_or_insert_with(|| re.create_captures());
                re.search_captures(input, caps);
                caps.get_match().map(|m| m.end())
            })?;
            Some(Groups { text, caps: caps? })
        })
    }
}

/// The part of `text` an anchored try from `input`'s start reads: what a [`Narrowed`] pattern
/// asks of the text. The first try of a search starts first, so its answer holds for the later
/// tries too. (A word boundary looks at the character before the start, but looks are the same
/// in the narrow copy.)
fn rest<'t>(text: &'t str, input: &Input) -> &'t str {
    text.get(input.start()..).unwrap_or(text)
}

/// A match's groups, read as `regex::Captures` reads them.
pub(crate) struct Groups<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Groups<'t> {
    /// Group `i` (0: the whole match), when it took part in the match.
    pub(crate) fn get(&self, i: usize) -> Option<Group<'t>> {
        Group::of(self.text, self.caps.get_group(i)?)
    }

    /// The group named `name`, when it took part in the match.
    pub(crate) fn name(&self, name: &str) -> Option<Group<'t>> {
        Group::of(self.text, self.caps.get_group_by_name(name)?)
    }
}

/// One group of a match: where it starts in the text, and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group<'t> {
    start: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    /// The part of `text` that `span` covers.
    fn of(text: &'t str, span: regex_automata::Span) -> Option<Group<'t>> {
        Some(Group {
            start: span.start,
            text: text.get(span.range())?,
        })
    }

    pub(crate) fn as_str(&self) -> &'t str {
        self.text
    }

    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// A match's first four groups, as (start, text).
    type Found = Vec<Option<(usize, String)>>;

    fn found<'t>(get: impl Fn(usize) -> Option<(usize, &'t str)>) -> Found {
        (0..4).map(|i| get(i).map(|(at, t)| (at, t.to_string()))).collect()
    }

    fn groups(b: &Bounded, t: &str) -> Vec<Found> {
        b.captures_iter(t)
            .map(|c| found(|i| c.get(i).map(|g| (g.start(), g.as_str()))))
            .collect()
    }

    fn want_groups(r: &Regex, t: &str) -> Vec<Found> {
        r.captures_iter(t)
            .map(|c| found(|i| c.get(i).map(|g| (g.start(), g.as_str()))))
            .collect()
    }

    /// Patterns with word boundaries of the kinds the notes' patterns have, each as a
    /// [`Bounded`] and as one regex.
    static BOUNDED_CASES: LazyLock<Vec<(Bounded, Regex)>> = LazyLock::new(|| {
        [
            r"(?i)\b(?:news|newsweek|week|post)\b",
            r"(?i),?\s*\binterview(?:ed)?\s+(?:by|with)\b",
            r"\b(?:Reports?|In Focus)\b",
            r"\b([A-Z][\p{L}&'’-]+(?:\s+[A-Z][\p{L}&'’-]+){0,2}),?\s+(Inc\.|Inc\b|Ltd\.?|SA\b)",
            r"\b(operations?|exercises?)\s+(?:such as|like)\s+(?:the\s+)?([A-Z][\p{L}-]+)",
            // widened classes in the loose copy: letters next to quotes, dashes, emoji, digits
            // that are not ASCII, with bounded repeats, groups and line anchors
            r#"["“]([A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+){0,3}\s+(strategy|policy))[,.]?["”]"#,
            r"\b([A-Z][\p{L}&-]+(?:\s+[A-Z][\p{L}&-]+){0,3})\s+and\s+its\s+(?:subsidiar(?:y|ies)|affiliates?)\b",
            r"(?m)^(?P<org>[A-Z][\w.&'’-]*)\s+(?P<n>\d{1,4})$",
            r"(?P<fam>\p{Lu}[\p{L}'’-]+),\s+(?P<ini>(?:\p{Lu}\.\s?)+)",
        ]
        .iter()
        .map(|p| (Bounded::new(p).unwrap(), Regex::new(p).unwrap()))
        .collect()
    });

    /// A bounded pattern finds what the one-step search finds, next to letters and marks that
    /// are not ASCII, with case folding beyond ASCII (`ſ`, the Kelvin sign), and where a shorter
    /// alternative fails its boundary but a longer one at the same start holds.
    #[test]
    fn bounded_finds_what_the_regex_finds() {
        let texts = [
            "The Newsweek piece",
            "newsweek",
            "xnews news",
            "Pénews — “news”",
            "éweek",
            "NEWſ—",
            "newſ",
            "post\u{301} post",
            "Weekly Post",
            "Smith, interviewed by Jones",
            "Smith ,  Interview with “Jones”",
            "Smithinterview by Jones",
            "Reportsé Reports",
            "CRS In Focus IF1234",
            "Acme Foods Inc. and Émile Bâtiment SA, then Beta Ltd",
            "ÉAcme Inc, xBeta SA—Gamma Ltd.",
            "exercises like Malabar and operations such as the Éclair",
            "Orano SAé Orano SA",
            "the “Look East Now policy”, the \"Ωmega Act strategy\" and “Big Red Blue Green policy”",
            "“Acme—Beta policy” “😀 policy” “Émile policy.”",
            "Big Red Blue Green Acme Foods and its subsidiary, Ωmega-Beta and its affiliates",
            "CRS 2024\nIMF ٣٣\nΩmega 12\nX’s 7",
            "Müller, H. J. and Ωmega, Ä. then 😀, A.",
            "",
            "—",
        ];
        for (b, r) in BOUNDED_CASES.iter() {
            for t in texts {
                let want = r.find(t).map(|m| (m.start(), m.end()));
                assert_eq!(b.find(t), want, "{} on {t:?}", r.as_str());
                assert_eq!(b.is_match(t), r.is_match(t), "{} on {t:?}", r.as_str());
                assert_eq!(groups(b, t), want_groups(r, t), "{} on {t:?}", r.as_str());
                let want: Vec<(usize, &str)> = r.find_iter(t).map(|m| (m.start(), m.as_str())).collect();
                let got: Vec<(usize, &str)> = b.find_iter(t).map(|m| (m.start(), m.as_str())).collect();
                assert_eq!(got, want, "{} on {t:?}", r.as_str());
            }
        }
    }

    /// Where the loose copy matches far at many starts the whole fails at (a list of words
    /// joined by dashes, which the widened class runs through), the search falls back to the
    /// whole pattern once the waste passes its bound, and finds what the regex finds; on
    /// ordinary texts it never does. A pattern that may match the empty string is refused.
    #[test]
    fn bounded_falls_back_on_a_text_made_to_waste() {
        let p = r"\b[A-Z][\p{L}-]+(?:,\s+[A-Z][\p{L}-]+)+,?\s+and\s+[A-Z][\p{L}-]+\s+Act\b";
        let (b, r) = (Bounded::new(p).unwrap(), Regex::new(p).unwrap());
        let t = format!("{}and Foo Act, then Bar, Baz and Qux Act.", "Ab—Cd, ".repeat(2000));
        let want: Vec<(usize, &str)> = r.find_iter(&t).map(|m| (m.start(), m.as_str())).collect();
        let got: Vec<(usize, &str)> = b.find_iter(&t).map(|m| (m.start(), m.as_str())).collect();
        assert_eq!(got, want);
        assert_eq!(groups(&b, &t), want_groups(&r, &t));
        assert!(b.full.get().is_some(), "the fallback did not engage");
        for (b, _) in BOUNDED_CASES.iter() {
            assert!(b.full.get().is_none(), "a fallback on the ordinary cases");
        }
        assert!(Bounded::new("a*").is_none() && Bounded::new(r"\b").is_none());
    }

    /// A start pattern finds what the regex finds, with the same groups by number and by name;
    /// a pattern that may match elsewhere than at the start is refused.
    #[test]
    fn start_finds_what_the_regex_finds() {
        let patterns = [
            r"^\[\^(\d{1,6})\]:[ \t]*",
            r"(?i)^\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*$",
            r"^(?P<title>.+?)\s*\((?P<city>[^():;]+):\s*(?P<pub>[^():;,]+),\s*(?P<year>\d{4})\)$",
            r"^(?:(?i:ibid(?:em)?)\b\.?|Id\.)\s*,?\s*(?P<loc>\d+[a-z]?)?",
            r"^\s*,?\s*(?P<vol>[0-9]{1,4})\b(?:\s*,?\s*[(\[](?P<paren>[^)\]]{1,40})[)\]])?(?:\s*[:,]\s*(?P<pages>[0-9]+))?",
        ];
        let texts = [
            "[^12]: Smith",
            "[^١٢]: Smith",
            "x [^1]: y",
            "Page 12",
            "  — 7 ",
            "PAGE 12 of",
            "A Title (London: Verso, 2020)",
            "A (Title) (Paris: Seuil, 2019)",
            "Ibid., 45",
            "IBIDEM 3a",
            "ibidx",
            "Id. at",
            "",
            "é",
            ", 12 (Spring 2020): 45–67, accessed March 3, 2024, https://example.org/a/long/tail",
            " 7, (Winter [2019]), 3",
        ];
        // a start pattern with and without the lazy DFA (`Start::reading`) is its regex
        let starts = patterns
            .iter()
            .flat_map(|p| [(p, Start::new(p).unwrap()), (p, Start::reading(p).unwrap())]);
        for (p, start) in starts {
            let r = Regex::new(p).unwrap();
            for t in texts {
                start.assert_as(&r, t, p);
            }
        }
        for unanchored in [r"\d+", r"(?m)^x", r"^a|b"] {
            assert!(Start::new(unanchored).is_none(), "{unanchored}");
        }
    }

    /// A start pattern's first bytes: a literal's, each case of a folded letter, the lead bytes of
    /// a class's characters, through optional parts to the first that is not; none known (any
    /// byte) for a pattern that may match the empty string.
    #[test]
    fn first_bytes_of_start_patterns() {
        let first = |p: &str| first_bytes(&regex_syntax::parse(p).unwrap());
        let set = |bytes: &[u8]| {
            let mut s = Box::new([false; 256]);
            for &b in bytes {
                s[usize::from(b)] = true;
            }
            Some(s)
        };
        assert_eq!(first(r"^(#{1,6})[ \t]+"), set(b"#"));
        assert_eq!(first(r"^(?i:ibid)"), set(b"iI"));
        assert_eq!(first(r"^\s*[-–]"), set(b" \t\n\x0b\x0c\r-\xe2\xc2\xe1\xe3"));
        assert!(first(r"^\d").is_some_and(|s| s[usize::from(b'7')]));
        let letter = first(r"^\p{L}").unwrap();
        assert!(letter[usize::from(b'a')] && letter[0xc3]);
        assert!(!letter[usize::from(b'7')] && !letter[usize::from(b' ')]);
        assert_eq!(first(r"^(?:x?y*|z)w"), set(b"xyzw"));
        // an assertion reads no byte: what follows it begins the match
        assert_eq!(first(r"^\bx"), set(b"x"));
        assert_eq!(first(r"^(?:\b|y)x"), set(b"xy"));
        for any in [r"^(?:a|)", r"^x*", r"^(?:a?)", ""] {
            assert_eq!(first(any), None, "{any}");
        }
    }

    proptest::proptest! {
        /// A start pattern refused by its first byte has no match there, and one it lets through
        /// is the regex's: on texts that begin as its matches do (a heading, an item, a rule, a
        /// page number, an ibid, with spaces before or not), then random characters of those
        /// its patterns begin with, and others.
        #[test]
        fn first_bytes_refuse_no_match(
            head in proptest::sample::select(vec![
                "", "# ", "## x", "- ", "• ", "12. ", "٣) ", "[12] x", "---", "* * *", "__ _",
                "Page 3", " 12", "\u{a0}4 of 9", "– 7 –", "ibid., 4", "Id. at", "IBIDEM",
            ]),
            tail in "[-#\\[\\]^0-9٣a-zA-Z \t\n\u{a0}*+•◦–—_.,:;()é]{0,12}",
        ) {
            let text = format!("{head}{tail}");
            for p in [
                r"^(#{1,6})[ \t]+",
                r"^(?:[-*+•◦]|\d{1,3}[.)])[ \t]+",
                r"^\[\d{1,5}\][ \t]+\S",
                r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$",
                r"(?i)^\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$",
                r"^(?:(?i:ibid(?:em)?)\b\.?|Id\.|id\.)\s*,?",
            ] {
                let (start, r) = (Start::new(p).unwrap(), Regex::new(p).unwrap());
                proptest::prop_assert_eq!(start.is_match(&text), r.is_match(&text), "{} on {:?}", p, text);
                let want = r.find(&text).map(|m| (m.start(), m.as_str()));
                proptest::prop_assert_eq!(start.find(&text).map(|m| (m.start(), m.as_str())), want);
                proptest::prop_assert_eq!(start.captures(&text).is_some(), r.captures(&text).is_some());
            }
        }
    }

    /// The loose copy widens a large class to its ASCII part and all beyond ASCII, keeps a small
    /// one (`\s`, a case-folded letter) and the line anchors, and drops word boundaries.
    #[test]
    fn loosen_widens_large_classes_and_drops_word_boundaries() {
        let loose = |p: &str| loosen(&regex_syntax::parse(p).unwrap());
        let same = |p: &str| regex_syntax::parse(p).unwrap();
        assert_eq!(loose(r"[A-Z\p{L}-]+"), same(r"[A-Za-z\x{80}-\x{10FFFF}-]+"));
        assert_eq!(loose(r"\d{4}"), same(r"[0-9\x{80}-\x{10FFFF}]{4}"));
        assert_eq!(loose(r"\bX(?P<n>\w)\b"), same(r"X(?P<n>[0-9A-Z_a-z\x{80}-\x{10FFFF}])"));
        for kept in [r"(?m)^\s+k$", r"(?i)k", r"[^,;]", r"“[a-z]”"] {
            assert_eq!(loose(kept), same(kept), "{kept}");
        }
    }

    /// The narrow copy cuts a wide class to its ASCII part and keeps what lies beyond; small
    /// classes, word boundaries and anchors stay as written.
    #[test]
    fn narrow_cuts_wide_classes_to_ascii() {
        let cut = |p: &str| {
            let mut beyond = ClassUnicode::empty();
            let hir = narrow(&regex_syntax::parse(p).unwrap(), false, &mut beyond);
            (hir, beyond)
        };
        let same = |p: &str| regex_syntax::parse(p).unwrap();
        let (hir, beyond) = cut(r"\b[A-Z\p{L}-]+\s\d{4}\b");
        assert_eq!(hir, same(r"\b[A-Za-z\x{aa}\x{b5}\x{ba}-]+\s[0-9]{4}\b"));
        // a class that names a curly apostrophe keeps it
        assert_eq!(cut(r"[\p{L}'’]").0, same(r"[A-Za-z\x{aa}\x{b5}\x{ba}'’]"));
        for (c, held) in [
            ('é', true),
            ('Ω', true),
            ('٣', true),
            ('’', false),
            ('—', false),
            ('\u{a0}', false),
            ('µ', false),
            ('ⁱ', true),
            ('𝐀', true),
            ('中', true),
        ] {
            let n = Narrowed::new(&same(r"[A-Z\p{L}’-]+\s\d{4}"), small()).unwrap();
            assert_eq!(n.needs_whole(&format!("Acme “x” {c} 2024")), held, "{c}");
        }
        assert!(beyond.ranges().iter().any(|r| r.start() <= 'é' && 'é' <= r.end()));
        for kept in [r"(?m)^\s+k$", r"(?i)k", r"[^,;]", r"“[a-z]”"] {
            assert_eq!(cut(kept), (same(kept), ClassUnicode::empty()), "{kept}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha, ..proptest::prelude::ProptestConfig::default() })]
        /// The same on texts made of the patterns' words and of the characters that make word
        /// boundaries hard.
        #[test]
        fn bounded_is_the_regex(parts in proptest::collection::vec(proptest::sample::select(vec![
            "news", "week", "Post", "interview", "ed", " by", " with", "Report", "s", "In Focus",
        "Acme", " Inc", ".", " SA", " Ltd", "operations", " like ", "Émile",
            " ", ",", "x", "é", "\u{301}", "ſ", "\u{212a}", "—", "“", "”", "_", "1",
            "strategy", " policy", "\"", " and its subsidiary", "Ωmega", "😀", "٣", "2024", "\n",
            "’", "-", "H.", "Ä", "Big",
        ]), 0..14)) {
            let t: String = parts.concat();
            for (b, r) in BOUNDED_CASES.iter() {
                let want = r.find(&t).map(|m| (m.start(), m.end()));
                proptest::prop_assert_eq!(b.find(&t), want, "{} on {:?}", r.as_str(), t);
                proptest::prop_assert_eq!(groups(b, &t), want_groups(r, &t), "{} on {:?}", r.as_str(), t);
            }
        }
    }
}
