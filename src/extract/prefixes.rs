//! A set of names asked which of them is the longest a text starts with.
//!
//! The mention search asks it at every word's start, of the lexicon's surface forms (some 1,600)
//! and of a document's own. An Aho–Corasick automaton answers it as its leftmost-longest anchored
//! search, but building one over the lexicon cost 3.8 ms at every start of the program, most of
//! it failure links that an anchored search never follows. The forms sorted answer the same
//! question for the cost of a sort: the forms a text's first `d` bytes begin are one run of the
//! sorted list, narrowed byte by byte, and the form as long as the prefix, if there is one, is the
//! first of its run.

/// Names sorted by their bytes, without repeats. An empty name is left out: it would stand at
/// every word (no table of surface forms holds one).
#[derive(Debug)]
pub(crate) struct Prefixes<S> {
    sorted: Vec<S>,
    /// For each first byte, the run of `sorted` that starts with it.
    runs: Box<[(usize, usize); 256]>,
}

impl<S: AsRef<str>> Prefixes<S> {
    pub(crate) fn new(mut names: Vec<S>) -> Prefixes<S> {
        names.sort_unstable_by(|a, b| a.as_ref().as_bytes().cmp(b.as_ref().as_bytes()));
        names.dedup_by(|a, b| a.as_ref() == b.as_ref());
        // (sorted first if there)
        if names.first().is_some_and(|n| n.as_ref().is_empty()) {
            names.remove(0);
        }
        let mut runs = Box::new([(0, 0); 256]);
        let mut at = 0;
        while let Some(b) = names.get(at).and_then(|n| n.as_ref().as_bytes().first()) {
            let end = at
                + names.get(at..).map_or(0, |rest| {
                    rest.partition_point(|n| n.as_ref().as_bytes().first() == Some(b))
                });
            if let Some(run) = runs.get_mut(usize::from(*b)) {
                *run = (at, end);
            }
            at = end;
        }
        Prefixes { sorted: names, runs }
    }

    /// The longest name `text` starts with.
    pub(crate) fn longest(&self, text: &[u8]) -> Option<&str> {
        let &(mut lo, mut hi) = self.runs.get(usize::from(*text.first()?))?;
        let mut best = None;
        // every name in sorted[lo..hi] starts with text[..d]
        let mut d = 1;
        while lo < hi {
            let Some(run) = self.sorted.get(lo..hi) else { break };
            // the name that is text[..d] itself, if any, sorts first in its run
            if let Some(name) = run.first().map(AsRef::as_ref).filter(|n| n.len() == d) {
                best = Some(name);
                lo += 1;
            }
            let Some(c) = text.get(d) else { break };
            let Some(run) = self.sorted.get(lo..hi) else { break };
            // (every name left is longer than d: byte d orders them)
            let from = run.partition_point(|n| n.as_ref().as_bytes().get(d) < Some(c));
            let to = run.partition_point(|n| n.as_ref().as_bytes().get(d) <= Some(c));
            hi = lo + to;
            lo += from;
            d += 1;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
    use proptest::prelude::*;

    fn set(names: &[&str]) -> Prefixes<String> {
        Prefixes::new(names.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn longest_name_the_text_starts_with() {
        let p = set(&["United", "United States", "United States Congress", "Union", "US", "U"]);
        assert_eq!(p.longest(b"United States Army"), Some("United States"));
        assert_eq!(p.longest(b"United States Congress"), Some("United States Congress"));
        assert_eq!(p.longest(b"United Nations"), Some("United"));
        assert_eq!(p.longest(b"Uni"), Some("U"));
        assert_eq!(p.longest(b"USA"), Some("US"));
        assert_eq!(p.longest(b"Japan"), None);
        assert_eq!(p.longest(b""), None);
    }

    #[test]
    fn names_repeated_empty_and_not_ascii() {
        let p = set(&["Türkiye", "Türkiye", "Tür", ""]);
        assert_eq!(p.longest("Türkiye’s".as_bytes()), Some("Türkiye"));
        assert_eq!(p.longest("Türk".as_bytes()), Some("Tür"));
        // the empty name is none: it would start every text
        assert_eq!(p.longest(b"France"), None);
        assert_eq!(p.longest(b""), None);
        assert_eq!(set(&[]).longest(b"x"), None);
    }

    proptest! {
        /// The same answer as the automaton it replaces (leftmost-longest, anchored).
        #[test]
        fn as_the_anchored_automaton(
            names in proptest::collection::vec("[ab é]{1,5}", 0..12),
            text in "[ab é]{0,8}",
        ) {
            let p = Prefixes::new(names.clone());
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(&names)
                .unwrap();
            let want = ac
                .find(Input::new(&text).anchored(Anchored::Yes))
                .map(|m| &text[m.start()..m.end()]);
            prop_assert_eq!(p.longest(text.as_bytes()), want);
        }
    }
}
