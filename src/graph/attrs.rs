//! A node's or an edge's fields: names to JSON values, in the order they were set.
//!
//! A corpus graph holds tens of thousands of edges with a handful of fields each. A general map
//! (serde_json's, which hashes and allocates each name) cost several hundred bytes per edge and
//! most of the allocations of a build; here a name is a [`Key`], one pointer to the name's one
//! interned copy, and a lookup is a scan of a few entries.

use super::Value;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Map;
use std::fmt;
use std::sync::{LazyLock, Mutex};

/// A field name: a pointer to the name's one copy, interned by `key`. 8 bytes, where a `&str`
/// takes 16 and an owned name 24: a corpus holds millions of fields. The pipeline's names are
/// string literals (`From<&'static str>`); a name read from a graph JSON, a node's or an edge's
/// field or one inside a value, is interned as it is read (see `key`).
#[derive(Clone, Copy)]
pub struct Key(&'static &'static str);

impl Key {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::ops::Deref for Key {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

/// Keys are made by `key` alone, which gives one name one pointer: the pointers compare.
impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Key {}

/// As its text hashes (so a set of keys is looked up by a `&str`: see `Borrow`).
impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h);
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == *other
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// A name the program holds: interned as it is, without a copy of its text.
impl From<&'static str> for Key {
    fn from(name: &'static str) -> Key {
        intern(name, || name)
    }
}

/// Every name interned, each kept once for the process's life.
static NAMES: LazyLock<Mutex<foldhash::HashSet<Key>>> = LazyLock::new(Mutex::default);

/// `name` as a [`Key`]: the one interned so far, or a new one, kept for the process's life.
///
/// The pipeline sets a few dozen names; a graph JSON read (`export::json::read`, `Value`'s
/// `Deserialize` and `From<serde_json::Value>`) interns every object name it holds, at any
/// depth. Those are a few dozen too whatever a graph's size, but a file made to hold a million
/// distinct names keeps a million for the process's life (the command line reads one graph JSON
/// a run; a program reading many graphs from untrusted sources keeps all their names).
/// Crate-private, so that no caller interns names made up on the fly.
pub(crate) fn key(name: &str) -> Key {
    intern(name, || Box::leak(name.into()))
}

/// [`key`], with what to keep as the text of a name not interned yet.
fn intern(name: &str, text: impl FnOnce() -> &'static str) -> Key {
    thread_local! {
        /// The names this thread has met, asked before the shared set: every field set asks,
        /// and a lock per field cost 2% of a `query`.
        static SEEN: std::cell::RefCell<foldhash::HashSet<Key>> = Default::default();
    }
    if let Some(k) = SEEN.with_borrow(|seen| seen.get(name).copied()) {
        return k;
    }
    let k = {
        let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
        match names.get(name) {
            Some(&k) => k,
            None => {
                // (the pointer to the text is leaked once, and the text when it was copied)
                let k = Key(Box::leak(Box::new(text())));
                names.insert(k);
                k
            }
        }
    };
    SEEN.with_borrow_mut(|seen| seen.insert(k));
    k
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs(Vec<(Key, Value)>);

impl Attrs {
    pub fn new() -> Attrs {
        Attrs::default()
    }

    pub fn get(&self, k: &str) -> Option<&Value> {
        self.0.iter().find(|(x, _)| *x == k).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, k: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(x, _)| *x == k).map(|(_, v)| v)
    }

    pub fn contains_key(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    /// Sets a field; a new one goes last, one already set keeps its place. Returns the old value.
    pub fn insert(&mut self, k: impl Into<Key>, v: impl Into<Value>) -> Option<Value> {
        let (k, v) = (k.into(), v.into());
        match self.0.iter_mut().find(|(x, _)| *x == k).map(|(_, v)| v) {
            Some(old) => Some(std::mem::replace(old, v)),
            None => {
                self.0.push((k, v));
                None
            }
        }
    }

    /// Sets a field the caller knows is not set (the names of a parsed object, which are
    /// distinct): no scan of the fields before it, which made a node of a million fields
    /// quadratic to read.
    pub(crate) fn push(&mut self, k: Key, v: Value) {
        self.0.push((k, v));
    }

    /// Removes a field, giving its value.
    pub fn remove(&mut self, k: &str) -> Option<Value> {
        let i = self.0.iter().position(|(x, _)| *x == k)?;
        Some(self.0.remove(i).1)
    }

    /// Puts the field `new` with the value `v` where the field `old` stands (the field order is
    /// the output order), giving `old`'s value; None, and nothing changed, when `old` is not set.
    pub fn replace(&mut self, old: &str, new: impl Into<Key>, v: impl Into<Value>) -> Option<Value> {
        let slot = self.0.iter_mut().find(|(x, _)| *x == old)?;
        let (_, was) = std::mem::replace(slot, (new.into(), v.into()));
        Some(was)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Value)> {
        self.0.iter_mut().map(|(k, v)| (k.as_str(), v))
    }

    /// Frees the room the fields grew into: a graph kept for long (a corpus's) holds no spare.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for Attrs {
    type Item = (Key, Value);
    type IntoIter = std::vec::IntoIter<(Key, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a str, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (Key, Value)>, fn(&'a (Key, Value)) -> (&'a str, &'a Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<K: Into<Key>, V: Into<Value>> FromIterator<(K, V)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Attrs {
        let mut out = Attrs::new();
        for (k, v) in items {
            out.insert(k, v);
        }
        out
    }
}

impl From<Map<String, serde_json::Value>> for Attrs {
    fn from(m: Map<String, serde_json::Value>) -> Attrs {
        let mut out = Attrs::new();
        for (k, v) in m {
            // (a map's names are distinct)
            out.push(key(&k), v.into());
        }
        out
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A name is kept once however often and on whichever thread it is read or given, and a
    /// field set by a name read is the field set by the literal.
    #[test]
    fn names_are_interned() {
        assert_eq!(std::mem::size_of::<(Key, Value)>(), 32);
        let read = String::from("x-field");
        let (a, b) = (key(&read), Key::from("x-field"));
        assert!(std::ptr::eq(a.0, b.0));
        let there = std::thread::spawn(|| std::ptr::from_ref(key("x-field").0) as usize).join();
        assert_eq!(there.ok(), Some(std::ptr::from_ref(a.0) as usize));
        let mut attrs = Attrs::new();
        attrs.insert(key(&read), json!(1));
        attrs.insert("x-field", json!(2));
        assert_eq!((attrs.len(), attrs.get("x-field")), (1, Some(&Value::from(json!(2)))));
    }

    #[test]
    fn keeps_the_order_fields_were_set_in() {
        let mut a = Attrs::new();
        a.insert("b", json!(1));
        a.insert("a", json!(2));
        assert_eq!(a.insert("b", json!(3)), Some(Value::from(json!(1))));
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"b":3,"a":2}"#);
        assert_eq!(a.get("a"), Some(&Value::from(json!(2))));
        assert_eq!(a.get("missing"), None);
        assert_eq!(a.len(), 2);
        a.insert("c", json!(4));
        assert_eq!(a.replace("a", "z", json!(5)), Some(Value::from(json!(2))));
        assert_eq!(a.replace("missing", "y", json!(6)), None);
        assert_eq!(a.remove("b"), Some(Value::from(json!(3))));
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"z":5,"c":4}"#);
    }
}
