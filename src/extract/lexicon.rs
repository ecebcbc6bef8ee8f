//! The lexicon of actors and agreements: general knowledge of international relations and
//! defence, compiled in, extendable at run time with `--lexicon FILE`.
//!
//! # Format
//!
//! One entry per line, five columns separated by a tab (shown here as `→`):
//!
//! ```text
//! id → class → type → name → aliases
//! united-states → actor → state → United States → US|U.S.|the United States|Washington|America
//! ```
//!
//! - `id`: stable, unique, lower-case (`[a-z0-9-+.]`); the graph's node id is `actor:{id}` or
//!   `agreement:{id}`.
//! - `class`: `actor` or `agreement`.
//! - `type`: for actors `state`, `person`, `organization`, `group`, `company`; for agreements
//!   `treaty`, `law`, `regulation`, `framework`, `foundational-agreement`, `dialogue`, `initiative`,
//!   `policy`, `designation`, `exercise`, `operation`, `deal`, `strategy`, `regime`, ….
//! - `name`: the canonical name (also matched).
//! - `aliases`: other surface forms, separated by `|`, possibly empty. Matching is case-sensitive
//!   and whole-word. Adjectives (`Indian`, `American`) are never aliases: they are not mentions.
//!
//! Blank lines and lines starting with `#` are ignored. A user file in the same format may add
//! entries or override shipped ones (same id: the later entry replaces the earlier).

use std::collections::BTreeMap;

const STATES: &str = include_str!("lexicon/states.tsv");
const PEOPLE: &str = include_str!("lexicon/people.tsv");
const ORGANIZATIONS: &str = include_str!("lexicon/organizations.tsv");
const AGREEMENTS: &str = include_str!("lexicon/agreements.tsv");

use super::entities::LexiconIndex;
use super::{Class, EntityType};
use std::sync::{Arc, OnceLock};

/// One known entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub class: Class,
    pub kind: EntityType,
    pub name: String,
    pub aliases: Vec<String>,
}

impl Entry {
    /// The name and every alias.
    pub fn surfaces(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Known names: compiled in, extended at run time with `--lexicon FILE`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    by_id: BTreeMap<String, usize>,
    /// What entity matching derives from the entries alone, built on first use and shared by
    /// every document (and every clone); any change to the entries drops it.
    index: OnceLock<Arc<LexiconIndex>>,
}

impl Lexicon {
    /// The shipped default lexicon.
    pub fn default_lexicon() -> Lexicon {
        let mut lex = Lexicon::default();
        for text in [STATES, PEOPLE, ORGANIZATIONS, AGREEMENTS] {
            // the shipped files are checked by the tests; a bad row can only be a build mistake
            if let Ok(part) = Lexicon::parse(text) {
                lex.extend(part);
            }
        }
        lex
    }

    /// Reads entries in the TSV format above. Every malformed line is reported, one per line.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let mut lex = Lexicon::default();
        let mut errors = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok(e) => {
                    if lex.by_id.contains_key(&e.id) {
                        errors.push(format!("line {}: duplicate id `{}`", n + 1, e.id));
                    } else {
                        lex.push(e);
                    }
                }
                Err(msg) => errors.push(format!("line {}: {msg}", n + 1)),
            }
        }
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(errors.join("\n"))
        }
    }

    /// Adds `other`'s entries; an entry with an id already present replaces it.
    pub fn extend(&mut self, other: Lexicon) {
        self.index = OnceLock::new();
        for e in other.entries {
            match self.by_id.get(&e.id) {
                Some(&i) => {
                    if let Some(slot) = self.entries.get_mut(i) {
                        *slot = e;
                    }
                }
                None => self.push(e),
            }
        }
    }

    fn push(&mut self, e: Entry) {
        self.index = OnceLock::new();
        self.by_id.insert(e.id.clone(), self.entries.len());
        self.entries.push(e);
    }

    /// The shared matching index over the entries, built once.
    pub(crate) fn index(&self) -> &LexiconIndex {
        self.index.get_or_init(|| Arc::new(LexiconIndex::build(self)))
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).and_then(|&i| self.entries.get(i))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn parse_line(line: &str) -> Result<Entry, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 5 && cols.len() != 4 {
        return Err(format!("expected 5 tab-separated columns, found {}", cols.len()));
    }
    let get = |i: usize| cols.get(i).map(|s| s.trim()).unwrap_or("");
    let id = get(0);
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-+.".contains(c))
    {
        return Err(format!("bad id `{id}` (lower-case letters, digits, `-`, `+`, `.`)"));
    }
    let class = match get(1) {
        "actor" => Class::Actor,
        "agreement" => Class::Agreement,
        other => return Err(format!("bad class `{other}` (actor or agreement)")),
    };
    let kind = match EntityType::parse(get(2)) {
        Some(k) if k.is_actor() == (class == Class::Actor) => k,
        _ => return Err(format!("bad {} type `{}`", get(1), get(2))),
    };
    let name = get(3);
    if name.is_empty() {
        return Err("empty name".into());
    }
    let mut aliases: Vec<String> = Vec::new();
    for a in get(4).split('|').map(str::trim).filter(|a| !a.is_empty()) {
        if a != name && !aliases.iter().any(|x| x == a) {
            aliases.push(a.to_string());
        }
    }
    Ok(Entry {
        id: id.to_string(),
        class,
        kind,
        name: name.to_string(),
        aliases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn shipped_files_parse() {
        for text in [STATES, PEOPLE, ORGANIZATIONS, AGREEMENTS] {
            if let Err(e) = Lexicon::parse(text) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn ids_unique_across_files() {
        let mut seen = BTreeMap::new();
        for text in [STATES, PEOPLE, ORGANIZATIONS, AGREEMENTS] {
            let Ok(l) = Lexicon::parse(text) else { panic!("parse") };
            for e in l.entries() {
                assert!(seen.insert(e.id.clone(), ()).is_none(), "duplicate id {}", e.id);
            }
        }
        assert!(Lexicon::default_lexicon().len() > 300);
    }

    #[test]
    fn no_alias_claimed_twice() {
        let lex = Lexicon::default_lexicon();
        let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
        for e in lex.entries() {
            for s in e.surfaces() {
                if let Some(o) = owner.insert(s, &e.id) {
                    panic!("`{s}` claimed by {o} and {}", e.id);
                }
            }
        }
    }

    #[test]
    fn adjectives_are_not_aliases() {
        let lex = Lexicon::default_lexicon();
        for e in lex.entries() {
            for s in e.surfaces() {
                assert!(!["Indian", "American", "Chinese", "Russian"].contains(&s), "{s}");
            }
        }
    }

    #[test]
    fn parse_reports_bad_rows_and_extend_overrides() {
        let bad = "x\tactor\tstate\n\tactor\tstate\tX\t\ny\tthing\tstate\tY\t";
        let Err(e) = Lexicon::parse(bad) else {
            panic!("should fail")
        };
        assert_eq!(e.lines().count(), 3, "{e}");
        let Ok(user) =
            Lexicon::parse("# mine\nindia\tactor\tstate\tIndia\tBharat|New Delhi\nzz\tagreement\tdeal\tZ Deal\t")
        else {
            panic!("parse")
        };
        let mut lex = Lexicon::default_lexicon();
        let n = lex.len();
        lex.extend(user);
        assert_eq!(lex.len(), n + 1);
        assert!(lex
            .get("india")
            .is_some_and(|e| e.aliases.contains(&"Bharat".to_string())));
    }
}
