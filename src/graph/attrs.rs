//! A node's or an edge's fields: names to JSON values, in the order they were set.
//!
//! A corpus graph holds tens of thousands of edges with a handful of fields each. A general map
//! (serde_json's, which hashes and allocates each name) cost several hundred bytes per edge and
//! most of the allocations of a build; here the names of the fields the pipeline sets are
//! `&'static str`, and a lookup is a scan of a few entries.

use super::Value;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Map;
use std::sync::{LazyLock, Mutex};

/// A field name: 16 bytes, where an owned name took 24 (a corpus holds millions of fields). The
/// pipeline's own names are string literals; a name read from a graph JSON is interned by
/// `key`.
pub type Key = &'static str;

/// The names read from elsewhere, each kept once for the process's life.
static NAMES: LazyLock<Mutex<foldhash::HashSet<&'static str>>> = LazyLock::new(Mutex::default);

/// `name` as a [`Key`]: the one copy of it interned so far, or a new one, kept for the process's
/// life. A graph's field names are a few dozen whatever its size, so the copies kept are few; a
/// file made to hold a million distinct names keeps a million, as its graph holds them while it
/// is read and queried (the command line reads one graph JSON a run). Crate-private, so that no
/// caller interns names made up on the fly.
pub(crate) fn key(name: &str) -> Key {
    thread_local! {
        /// The names this thread has interned, asked before the shared set: a graph JSON's
        /// reader asks once per field, and a lock per field cost 2% of a `query`.
        static SEEN: std::cell::RefCell<foldhash::HashSet<&'static str>> = Default::default();
    }
    if let Some(k) = SEEN.with_borrow(|seen| seen.get(name).copied()) {
        return k;
    }
    let k = {
        let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
        match names.get(name) {
            Some(&k) => k,
            None => {
                let k: &'static str = Box::leak(name.into());
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
    pub fn insert(&mut self, k: Key, v: impl Into<Value>) -> Option<Value> {
        let v = v.into();
        match self.get_mut(k) {
            Some(old) => Some(std::mem::replace(old, v)),
            None => {
                self.0.push((k, v));
                None
            }
        }
    }

    /// Removes a field, giving its value.
    pub fn remove(&mut self, k: &str) -> Option<Value> {
        let i = self.0.iter().position(|(x, _)| *x == k)?;
        Some(self.0.remove(i).1)
    }

    /// Puts the field `new` with the value `v` where the field `old` stands (the field order is
    /// the output order), giving `old`'s value; None, and nothing changed, when `old` is not set.
    pub fn replace(&mut self, old: &str, new: Key, v: impl Into<Value>) -> Option<Value> {
        let slot = self.0.iter_mut().find(|(x, _)| *x == old)?;
        let (_, was) = std::mem::replace(slot, (new, v.into()));
        Some(was)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.0.iter_mut().map(|(_, v)| v)
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
        self.0.iter().map(|(k, v)| (*k, v))
    }
}

impl<V: Into<Value>> FromIterator<(Key, V)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (Key, V)>>(items: I) -> Attrs {
        let mut out = Attrs::new();
        for (k, v) in items {
            out.insert(k, v);
        }
        out
    }
}

impl From<Map<String, serde_json::Value>> for Attrs {
    fn from(m: Map<String, serde_json::Value>) -> Attrs {
        m.into_iter().map(|(k, v)| (key(&k), v)).collect()
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

    /// A name read from elsewhere is kept once however often it is read, and a field set by it
    /// is the field set by the literal.
    #[test]
    fn names_read_from_elsewhere_are_interned() {
        assert_eq!(std::mem::size_of::<(Key, Value)>(), 40);
        let read = String::from("x-field");
        let (a, b) = (key(&read), key("x-field"));
        assert!(std::ptr::eq(a, b));
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
