//! A set of names asked which of them is the longest a text starts with.
//!
//! The mention search asks it at every word's start, of the lexicon's surface forms (some 1,600)
//! and of a document's own. An Aho–Corasick automaton answers it as its leftmost-longest anchored
//! search, but building one over the lexicon cost 3.8 ms at every start of the program, most of
//! it failure links that an anchored search never follows. A trie of the forms answers the same
//! question reading each byte of the text once, and is built from the sorted forms in one walk:
//! the forms below a node are one run of the sorted list, split by their next byte.

/// Names sorted by their bytes, without repeats, and their trie. An empty name is left out: it
/// would stand at every word (no table of surface forms holds one).
#[derive(Debug)]
pub(crate) struct Prefixes<S> {
    sorted: Vec<S>,
    /// The trie's nodes; the root is the first. A node's children are a run of `edges`.
    nodes: Vec<Node>,
    /// Each node's children, a run per node in byte order: the byte and the child node.
    edges: Vec<(u8, u32)>,
    /// The root's child for each byte (0: none; the root is no child): the root has most.
    root: Box<[u32; 256]>,
}

/// A node of the trie: the bytes from the root to it begin each name below it.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The name those bytes are, if one is (an index into `sorted`).
    name: Option<u32>,
    /// Its children: `edges[first..first + count]`.
    first: u32,
    count: u32,
}

impl<S: AsRef<str>> Prefixes<S> {
    pub(crate) fn new(mut names: Vec<S>) -> Prefixes<S> {
        names.sort_unstable_by(|a, b| a.as_ref().as_bytes().cmp(b.as_ref().as_bytes()));
        names.dedup_by(|a, b| a.as_ref() == b.as_ref());
        // (sorted first if there)
        if names.first().is_some_and(|n| n.as_ref().is_empty()) {
            names.remove(0);
        }
        let (nodes, edges) = trie(&names);
        let mut root = Box::new([0; 256]);
        let children = nodes
            .first()
            .map_or(&[][..], |r| edges.get(r.children()).unwrap_or(&[]));
        for &(b, child) in children {
            if let Some(slot) = root.get_mut(usize::from(b)) {
                *slot = child;
            }
        }
        Prefixes {
            sorted: names,
            nodes,
            edges,
            root,
        }
    }

    /// The longest name `text` starts with.
    pub(crate) fn longest(&self, text: &[u8]) -> Option<&str> {
        let (&first, rest) = text.split_first()?;
        let child = *self.root.get(usize::from(first))?;
        // (0, the root, is no child: no name begins with the byte)
        let mut node = self.nodes.get(child as usize).filter(|_| child != 0)?;
        let mut best = None;
        let mut rest = rest.iter();
        loop {
            best = node.name.or(best);
            let Some(&c) = rest.next() else { break };
            let children = self.edges.get(node.children()).unwrap_or(&[]);
            // (few children below the root: read in order)
            match children.iter().find(|e| e.0 >= c) {
                Some(&(b, child)) if b == c => match self.nodes.get(child as usize) {
                    Some(n) => node = n,
                    None => break,
                },
                _ => break,
            }
        }
        best.and_then(|i| self.sorted.get(i as usize)).map(AsRef::as_ref)
    }
}

impl Node {
    fn children(&self) -> std::ops::Range<usize> {
        self.first as usize..self.first as usize + self.count as usize
    }
}

/// The trie of `names`, sorted and without repeats: its nodes (the root first) and their edges.
/// The names below a node are a run of the list, which their next byte splits into its
/// children's runs. Built with a list of runs to do, not by recursion: a name's length (a
/// document's own forms can be long) bounds no stack.
fn trie<S: AsRef<str>>(names: &[S]) -> (Vec<Node>, Vec<(u8, u32)>) {
    let bytes = |i: usize| names.get(i).map_or(&[][..], |n| n.as_ref().as_bytes());
    let index = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    // (a node for each byte of each name at most, and the root)
    let most = names.iter().map(|n| n.as_ref().len()).sum::<usize>() + 1;
    let mut nodes = Vec::with_capacity(most);
    let mut edges: Vec<(u8, u32)> = Vec::with_capacity(most);
    // runs of names sharing their first `d` bytes, each with the edge that leads to its node
    let mut todo = vec![(0, names.len(), 0, None::<usize>)];
    while let Some((mut lo, hi, d, edge)) = todo.pop() {
        let at = nodes.len();
        if let Some(e) = edge.and_then(|e| edges.get_mut(e)) {
            e.1 = index(at);
        }
        // the name that is the shared bytes themselves, if any, sorts first
        let mut name = None;
        if lo < hi && bytes(lo).len() == d {
            name = Some(index(lo));
            lo += 1;
        }
        let first = edges.len();
        while lo < hi {
            let b = bytes(lo).get(d).copied().unwrap_or(0);
            // (read in order: most runs are one name, a chain of nodes to its end)
            let mut end = lo + 1;
            while end < hi && bytes(end).get(d) == Some(&b) {
                end += 1;
            }
            todo.push((lo, end, d + 1, Some(edges.len())));
            edges.push((b, 0));
            lo = end;
        }
        nodes.push(Node {
            name,
            first: index(first),
            count: index(edges.len() - first),
        });
    }
    (nodes, edges)
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

    #[test]
    fn a_long_name_needs_no_deep_stack() {
        // (a document's own forms are names it holds: one can be as long as a block)
        let long = "Ab".repeat(100_000);
        let p = set(&[&long, "A"]);
        assert_eq!(p.longest(format!("{long} and").as_bytes()), Some(long.as_str()));
        assert_eq!(p.longest(b"Ab Ab"), Some("A"));
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
