//! Patterns with Unicode word boundaries (`\b`), searched in two steps.
//!
//! The regex engine's fast matcher, a lazy DFA, gives up on a Unicode `\b` at the first byte
//! that is not ASCII, and papers and their notes are full of curly quotes, dashes and accented
//! names: the engine then runs its slowest matcher over the rest of the text. A [`Bounded`]
//! pattern keeps a copy of itself without its `\b`s, which the fast matcher runs to the end: it
//! finds where a match may start (a match of the whole is a match of the copy at the same start),
//! and the whole pattern is tried anchored at each such start in turn. The first that holds is
//! the leftmost match, the one a search for the whole pattern finds, with the same groups.

use regex::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{meta, Anchored, Input};

/// A pattern only ever searched anchored, where the caller knows a match may start: compiled
/// without a prefilter of its literals, which serves only a search for where a match starts
/// (for a list of forty titles, building it cost more than compiling the pattern).
pub(crate) fn anchored(pattern: &str) -> Option<meta::Regex> {
    meta::Builder::new()
        .configure(meta::Config::new().auto_prefilter(false))
        .build(pattern)
        .ok()
}

/// [`anchored`], and without the lazy DFA and the reverse automaton it needs (half of compiling
/// a pattern): for a pattern tried where its match is known to start, whose match the one-pass
/// DFA or the PikeVM finds over the few bytes it spans. Not the backtracker: it clears a set of
/// its states times the bytes to the text's end before every try, however short the match
/// (3% of the entity rules' instructions).
fn anchored_small(pattern: &str) -> Option<meta::Regex> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .hybrid(false)
                .dfa(false)
                .auto_prefilter(false)
                .backtrack(false),
        )
        .build(pattern)
        .ok()
}

/// A pattern searched in two steps (see the module's documentation).
#[derive(Debug)]
pub(crate) struct Bounded {
    /// The pattern with its word boundaries taken out: it matches wherever the whole does.
    loose: Regex,
    whole: meta::Regex,
}

impl Bounded {
    /// `pattern` holds `\b` only as a word boundary (never in a class, never after `\\`).
    pub(crate) fn new(pattern: &str) -> Option<Bounded> {
        Some(Bounded {
            loose: Regex::new(&pattern.replace(r"\b", "")).ok()?,
            whole: anchored_small(pattern)?,
        })
    }

    /// What `try_at` gives at the first start, at or after `from`, where it gives something:
    /// every start of a match of the loose pattern is offered in order, as an anchored search.
    fn first<R>(&self, text: &str, mut from: usize, mut try_at: impl FnMut(&Input) -> Option<R>) -> Option<R> {
        while let Some(m) = self.loose.find_at(text, from) {
            let at = m.start();
            if let Some(found) = try_at(&Input::new(text).range(at..).anchored(Anchored::Yes)) {
                return Some(found);
            }
            from = at + text.get(at..)?.chars().next()?.len_utf8();
        }
        None
    }

    /// The leftmost match's range (no groups: nothing is allocated for them).
    pub(crate) fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.first(text, 0, |input| {
            self.whole.find(input.clone()).map(|m| (m.start(), m.end()))
        })
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// Every match, leftmost first and not overlapping, as `regex`'s `captures_iter` gives them.
    pub(crate) fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Groups<'t>> + 't {
        let mut from = 0;
        std::iter::from_fn(move || {
            if from > text.len() {
                return None;
            }
            let mut caps = self.whole.create_captures();
            let (start, end) = self.first(text, from, |input| {
                self.whole.search_captures(input, &mut caps);
                caps.get_match().map(|m| (m.start(), m.end()))
            })?;
            // (an empty match moves on by a character, as `regex` does)
            from = if end > start {
                end
            } else {
                end + text.get(end..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8)
            };
            Some(Groups { text, caps })
        })
    }
}

/// A match's groups, read as `regex::Captures` reads them.
pub(crate) struct Groups<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Groups<'t> {
    /// Group `i` (0: the whole match), when it took part in the match.
    pub(crate) fn get(&self, i: usize) -> Option<Group<'t>> {
        let span = self.caps.get_group(i)?;
        Some(Group {
            start: span.start,
            text: self.text.get(span.range())?,
        })
    }
}

/// One group of a match: where it starts in the text, and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group<'t> {
    start: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
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
            "",
            "—",
        ];
        for (b, r) in BOUNDED_CASES.iter() {
            for t in texts {
                let want = r.find(t).map(|m| (m.start(), m.end()));
                assert_eq!(b.find(t), want, "{} on {t:?}", r.as_str());
                assert_eq!(b.is_match(t), r.is_match(t), "{} on {t:?}", r.as_str());
                assert_eq!(groups(b, t), want_groups(r, t), "{} on {t:?}", r.as_str());
            }
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
        ]), 0..12)) {
            let t: String = parts.concat();
            for (b, r) in BOUNDED_CASES.iter() {
                let want = r.find(&t).map(|m| (m.start(), m.end()));
                proptest::prop_assert_eq!(b.find(&t), want, "{} on {:?}", r.as_str(), t);
                proptest::prop_assert_eq!(groups(b, &t), want_groups(r, &t), "{} on {:?}", r.as_str(), t);
            }
        }
    }
}
