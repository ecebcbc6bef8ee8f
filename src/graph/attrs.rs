//! A node's or an edge's fields: names to JSON values, in the order they were set.
//!
//! A corpus graph holds tens of thousands of edges with a handful of fields each. A general map
//! (serde_json's, which hashes and allocates each name) cost several hundred bytes per edge and
//! most of the allocations of a build; here a name is a [`Key`], one pointer to the name's one
//! interned copy, and a lookup is a scan of a few entries.

use super::Value;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Map;
use std::cell::Cell;
use std::fmt;
use std::sync::{LazyLock, Mutex, OnceLock};
use thin_vec::ThinVec;

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

/// A name looked up by a text: the pipeline asks with the literal the key was made from, which
/// is the same bytes at the same address, so the bytes are compared only when the address
/// differs, and only when the lengths and first bytes agree (a field lookup compares the text
/// with each name of its list in turn).
impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        let (a, b) = (self.0.as_bytes(), other.as_bytes());
        a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || (a.first() == b.first() && a == b))
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
        thread_local! {
            /// The keys of the literals this thread has interned, by the literal's address: a
            /// program sets its fields with a few dozen literals, each at its own address, so
            /// nearly every field set finds its key here without hashing the name.
            static BY_ADDRESS: [Cell<Option<(&'static str, Key)>>; 64] = const { [const { Cell::new(None) }; 64] };
        }
        // (the address hashed by one multiplication, its top six bits the slot: literals packed
        // side by side differ only in their low bits)
        let slot = ((name.as_ptr() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize;
        let same = |s: &'static str| std::ptr::eq(s.as_ptr(), name.as_ptr()) && s.len() == name.len();
        BY_ADDRESS
            .with(|cache| {
                let cell = cache.get(slot)?;
                match cell.get() {
                    Some((s, k)) if same(s) => Some(k),
                    _ => {
                        let k = intern(name, || name);
                        cell.set(Some((name, k)));
                        Some(k)
                    }
                }
            })
            .unwrap_or_else(|| intern(name, || name))
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

/// A node's or an edge's fields, in the order they were set.
///
/// Nodes and edges of one kind have the same names in the same order: every claim its `text`,
/// `document`, `section`, `span`, `line`, `footnotes`. So the names are held apart from the
/// values, as one interned [`Shape`] that all fields lists of those names share, and a list is
/// that shape's pointer and its values: 16 bytes a field and 16 a list, where a name beside
/// each value took 24 a field and a `Vec` 24. (A corpus holds millions of fields.)
/// A list whose names no shape holds (past [`SHAPE_LEN`] fields, or once [`SHAPES`] shapes are
/// made: a graph JSON can hold any names) keeps each name beside its value.
#[derive(Clone, Default)]
pub struct Attrs(Layout);

#[derive(Clone)]
enum Layout {
    /// The names, and the values in their order.
    Shaped(&'static Shape, ThinVec<Value>),
    /// Each name beside its value.
    Free(ThinVec<(Key, Value)>),
}

/// The names of a fields list, in order: each list of names made once for the process's life.
pub struct Shape {
    names: &'static [Key],
    /// The first name added to it and the shape that makes: the pipeline sets a kind's fields
    /// in one order, so nearly every field set asks for this one, without a lookup.
    next: OnceLock<(Key, &'static Shape)>,
}

/// The names of no field.
static EMPTY: Shape = Shape {
    names: &[],
    next: OnceLock::new(),
};

/// The most names a shape holds: a node or an edge of the pipeline has at most 20 fields.
const SHAPE_LEN: usize = 64;

/// The most shapes made: the pipeline's kinds make a few hundred (a field is set or not, as a
/// note has a URL or not); the rest are for graphs read, whose names can be anything. The bound
/// is the process's: once a program has read graphs of that many shapes, lists of any new one
/// keep each name beside its value (the same lists, less compact), so that no input can make it
/// keep more than a few megabytes of names.
const SHAPES: usize = 1 << 12;

/// Every shape made, by its names.
static MADE: LazyLock<Mutex<foldhash::HashMap<&'static [Key], &'static Shape>>> = LazyLock::new(Mutex::default);

/// What a shape becomes: with a name added, one removed, or one put in another's place.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Change {
    Add(Key),
    Remove(usize),
    Rename(usize, Key),
}

impl Shape {
    /// The shape `change` makes of this one; None when no shape may hold it.
    fn then(&'static self, change: Change) -> Option<&'static Shape> {
        if let (Change::Add(k), Some(&(first, s))) = (change, self.next.get()) {
            if k == first {
                return Some(s);
            }
        }
        thread_local! {
            /// The changes this thread has made, asked before the shared set: every field set
            /// asks.
            static SEEN: std::cell::RefCell<foldhash::HashMap<(usize, Change), &'static Shape>> =
                Default::default();
        }
        let at = (std::ptr::from_ref(self) as usize, change);
        if let Some(s) = SEEN.with_borrow(|seen| seen.get(&at).copied()) {
            return Some(s);
        }
        let mut names = self.names.to_vec();
        match change {
            Change::Add(k) => names.push(k),
            Change::Remove(i) => {
                names.remove(i);
            }
            Change::Rename(i, k) => *names.get_mut(i)? = k,
        }
        if names.len() > SHAPE_LEN {
            return None;
        }
        let s = {
            let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
            match made.get(names.as_slice()) {
                Some(&s) => s,
                None if made.len() >= SHAPES => return None,
                None => {
                    let names: &'static [Key] = Box::leak(names.into_boxed_slice());
                    let next = OnceLock::new();
                    let s: &'static Shape = Box::leak(Box::new(Shape { names, next }));
                    made.insert(names, s);
                    s
                }
            }
        };
        SEEN.with_borrow_mut(|seen| seen.insert(at, s));
        if let Change::Add(k) = change {
            // (the first asked is kept; another thread may have set it first)
            let _ = self.next.set((k, s));
        }
        Some(s)
    }

    fn find(&self, k: &str) -> Option<usize> {
        self.names.iter().position(|x| *x == k)
    }
}

impl Default for Layout {
    fn default() -> Layout {
        Layout::Shaped(&EMPTY, ThinVec::new())
    }
}

/// Equal when they have the same names with equal values in the same order, however held.
impl PartialEq for Attrs {
    fn eq(&self, other: &Attrs) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Attrs {
    pub fn new() -> Attrs {
        Attrs::default()
    }

    /// The position of field `k`.
    fn find(&self, k: &str) -> Option<usize> {
        match &self.0 {
            Layout::Shaped(shape, _) => shape.find(k),
            Layout::Free(fields) => fields.iter().position(|(x, _)| *x == k),
        }
    }

    pub fn get(&self, k: &str) -> Option<&Value> {
        let i = self.find(k)?;
        match &self.0 {
            Layout::Shaped(_, values) => values.get(i),
            Layout::Free(fields) => fields.get(i).map(|(_, v)| v),
        }
    }

    pub fn get_mut(&mut self, k: &str) -> Option<&mut Value> {
        let i = self.find(k)?;
        match &mut self.0 {
            Layout::Shaped(_, values) => values.get_mut(i),
            Layout::Free(fields) => fields.get_mut(i).map(|(_, v)| v),
        }
    }

    pub fn contains_key(&self, k: &str) -> bool {
        self.find(k).is_some()
    }

    /// Sets a field; a new one goes last, one already set keeps its place. Returns the old value.
    pub fn insert(&mut self, k: impl Into<Key>, v: impl Into<Value>) -> Option<Value> {
        let (k, v) = (k.into(), v.into());
        match self.get_mut(k.as_str()) {
            Some(old) => Some(std::mem::replace(old, v)),
            None => {
                self.push(k, v);
                None
            }
        }
    }

    /// Sets a field the caller knows is not set (the names of a parsed object, which are
    /// distinct): no scan of the fields before it, which made a node of a million fields
    /// quadratic to read.
    pub(crate) fn push(&mut self, k: Key, v: Value) {
        match &mut self.0 {
            Layout::Shaped(shape, values) => match shape.then(Change::Add(k)) {
                Some(next) => {
                    *shape = next;
                    values.push(v);
                }
                None => self.free(|fields| fields.push((k, v))),
            },
            Layout::Free(fields) => fields.push((k, v)),
        }
    }

    /// Calls `f` with the fields, each name beside its value, as they are held past the shapes'
    /// bounds (and are from then on).
    fn free<R>(&mut self, f: impl FnOnce(&mut ThinVec<(Key, Value)>) -> R) -> R {
        let mut fields = match std::mem::take(&mut self.0) {
            Layout::Shaped(shape, values) => shape.names.iter().copied().zip(values).collect(),
            Layout::Free(fields) => fields,
        };
        let r = f(&mut fields);
        self.0 = Layout::Free(fields);
        r
    }

    /// Removes a field, giving its value.
    pub fn remove(&mut self, k: &str) -> Option<Value> {
        let i = self.find(k)?;
        if let Layout::Shaped(shape, values) = &mut self.0 {
            if let Some(next) = shape.then(Change::Remove(i)) {
                *shape = next;
                return Some(values.remove(i));
            }
        }
        Some(self.free(|fields| fields.remove(i).1))
    }

    /// Puts the field `new` with the value `v` where the field `old` stands (the field order is
    /// the output order), giving `old`'s value; None, and nothing changed, when `old` is not set.
    /// When `new` is set already, `old` goes and `new` takes `v` where it stands: a list's names
    /// stay distinct (it had given a list two fields of one name, and its JSON two keys).
    pub fn replace(&mut self, old: &str, new: impl Into<Key>, v: impl Into<Value>) -> Option<Value> {
        let (new, v) = (new.into(), v.into());
        let i = self.find(old)?;
        if self.find(new.as_str()).is_some_and(|j| j != i) {
            let was = self.remove(old);
            self.insert(new, v);
            return was;
        }
        if let Layout::Shaped(shape, values) = &mut self.0 {
            if let Some(next) = shape.then(Change::Rename(i, new)) {
                *shape = next;
                return values.get_mut(i).map(|slot| std::mem::replace(slot, v));
            }
        }
        self.free(|fields| Some(std::mem::replace(fields.get_mut(i)?, (new, v)).1))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.into_iter()
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.iter_mut().map(|(_, v)| v)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Value)> {
        match &mut self.0 {
            Layout::Shaped(shape, values) => {
                Fields::Shaped(shape.names.iter().map(|k| k.as_str()).zip(values.iter_mut()))
            }
            Layout::Free(fields) => Fields::Free(fields.iter_mut().map(|(k, v)| (k.as_str(), v))),
        }
    }

    /// Frees the room the fields grew into: a graph kept for long (a corpus's) holds no spare.
    pub fn shrink_to_fit(&mut self) {
        match &mut self.0 {
            Layout::Shaped(_, values) => values.shrink_to_fit(),
            Layout::Free(fields) => fields.shrink_to_fit(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Layout::Shaped(_, values) => values.len(),
            Layout::Free(fields) => fields.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A walk over the fields of either layout.
pub enum Fields<S, F> {
    Shaped(S),
    Free(F),
}

impl<S: Iterator, F: Iterator<Item = S::Item>> Iterator for Fields<S, F> {
    type Item = S::Item;

    fn next(&mut self) -> Option<S::Item> {
        match self {
            Fields::Shaped(it) => it.next(),
            Fields::Free(it) => it.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Fields::Shaped(it) => it.size_hint(),
            Fields::Free(it) => it.size_hint(),
        }
    }
}

/// The fields of an [`Attrs`], by value.
pub type IntoIter = Fields<
    std::iter::Zip<std::iter::Copied<std::slice::Iter<'static, Key>>, thin_vec::IntoIter<Value>>,
    thin_vec::IntoIter<(Key, Value)>,
>;

impl IntoIterator for Attrs {
    type Item = (Key, Value);
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        match self.0 {
            Layout::Shaped(shape, values) => Fields::Shaped(shape.names.iter().copied().zip(values)),
            Layout::Free(fields) => Fields::Free(fields.into_iter()),
        }
    }
}

/// A field by reference, its name as text.
type Lent<'a> = (&'a str, &'a Value);

/// The fields of an [`Attrs`], by reference.
pub type Iter<'a> = Fields<
    std::iter::Map<
        std::iter::Zip<std::slice::Iter<'static, Key>, std::slice::Iter<'a, Value>>,
        fn((&'static Key, &'a Value)) -> Lent<'a>,
    >,
    std::iter::Map<std::slice::Iter<'a, (Key, Value)>, fn(&'a (Key, Value)) -> Lent<'a>>,
>;

impl<'a> IntoIterator for &'a Attrs {
    type Item = Lent<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        match &self.0 {
            Layout::Shaped(shape, values) => {
                Fields::Shaped(shape.names.iter().zip(values.iter()).map(|(k, v)| (k.as_str(), v)))
            }
            Layout::Free(fields) => Fields::Free(fields.iter().map(|(k, v)| (k.as_str(), v))),
        }
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
        let mut m = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A name given as a text kept for the program's life is the key of its text, whichever
    /// address holds it, asked for the first time or again (from the cache by address), and
    /// however many such texts share a slot of that cache.
    #[test]
    fn a_kept_text_is_the_key_of_its_text() {
        let texts: Vec<&'static str> = (0..600)
            .map(|i| &*Box::leak(format!("cached-{}", i % 40).into_boxed_str()))
            .collect();
        for _ in 0..2 {
            for &t in &texts {
                let k = Key::from(t);
                assert_eq!(k, key(t));
                assert_eq!(k.as_str(), t);
            }
        }
    }

    /// A name is kept once however often and on whichever thread it is read or given, and a
    /// field set by a name read is the field set by the literal.
    #[test]
    fn names_are_interned() {
        assert_eq!(std::mem::size_of::<(Key, Value)>(), 24);
        assert_eq!(std::mem::size_of::<Attrs>(), 16);
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

    /// Lists of the same names in the same order share one shape, and a list keeps its values
    /// only: 16 bytes and one allocation.
    #[test]
    fn lists_of_the_same_names_share_them() {
        let claim = |t: &str| Attrs::from_iter([("x-text", json!(t)), ("x-line", json!(1))]);
        let (a, b) = (claim("one"), claim("two"));
        let (Layout::Shaped(x, _), Layout::Shaped(y, _)) = (&a.0, &b.0) else {
            panic!("two fields are held shaped");
        };
        assert!(std::ptr::eq(*x, *y));
        assert_ne!(a, b);
        let other = Attrs::from_iter([("x-line", json!(1)), ("x-text", json!("one"))]);
        assert_ne!(a, other, "the order of the names tells lists apart");
    }

    /// A list of more names than a shape holds keeps each beside its value, and is in every way
    /// the list it would be shaped.
    #[test]
    fn a_list_past_the_shapes_is_the_same_list() {
        let names: Vec<Key> = (0..=SHAPE_LEN).map(|i| key(&format!("x-wide-{i}"))).collect();
        let mut wide = Attrs::new();
        for (i, &k) in names.iter().enumerate() {
            wide.insert(k, json!(i));
        }
        assert!(matches!(wide.0, Layout::Free(_)));
        assert_eq!(wide.len(), SHAPE_LEN + 1);
        assert_eq!(wide.get("x-wide-64"), Some(&Value::from(json!(64))));
        // the same fields, one fewer: shaped, and equal to the wide list once it drops that one
        let mut narrow = Attrs::new();
        for (i, &k) in names.iter().enumerate().skip(1) {
            narrow.insert(k, json!(i));
        }
        assert!(matches!(narrow.0, Layout::Shaped(..)));
        assert_ne!(wide, narrow);
        assert_eq!(wide.remove("x-wide-0"), Some(Value::from(json!(0))));
        assert_eq!(wide, narrow);
        assert_eq!(serde_json::to_string(&wide).ok(), serde_json::to_string(&narrow).ok());
    }

    /// What a list does, as operations on a list of (name, value) pairs do it.
    #[derive(Debug, Clone)]
    enum Op {
        Insert(usize, u8),
        Remove(usize),
        Replace(usize, usize, u8),
    }

    /// A few names, so that the shapes the cases make stay few (they are kept for the process).
    const NAMES: [&str; 4] = ["x-a", "x-b", "x-c", "x-d"];

    fn name(i: usize) -> &'static str {
        NAMES.get(i % NAMES.len()).copied().unwrap_or("x-a")
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            (0..4usize, any::<u8>()).prop_map(|(k, v)| Op::Insert(k, v)),
            (0..4usize).prop_map(Op::Remove),
            (0..4usize, 0..4usize, any::<u8>()).prop_map(|(a, b, v)| Op::Replace(a, b, v)),
        ]
    }

    proptest::proptest! {
        /// Shaped or held free, a list answers as the plain list of pairs it stands for.
        #[test]
        fn a_list_is_its_pairs(ops in proptest::collection::vec(op(), 0..24)) {
            let mut model: Vec<(&str, Value)> = Vec::new();
            let mut shaped = Attrs::new();
            // (a list made free: more names than a shape holds, then none)
            let mut free = Attrs::new();
            let pad: Vec<Key> = (0..=SHAPE_LEN).map(|i| key(&format!("x-pad-{i}"))).collect();
            for &k in &pad {
                free.insert(k, json!(null));
            }
            for &k in &pad {
                free.remove(k.as_str());
            }
            proptest::prop_assert!(matches!(free.0, Layout::Free(_)));
            for op in ops {
                let (a, b) = match op {
                    Op::Insert(k, v) => {
                        let (k, v) = (name(k), Value::from(json!(v)));
                        let was = match model.iter_mut().find(|(x, _)| *x == k) {
                            Some((_, old)) => Some(std::mem::replace(old, v.clone())),
                            None => {
                                model.push((k, v.clone()));
                                None
                            }
                        };
                        proptest::prop_assert_eq!(&was, &shaped.insert(k, v.clone()));
                        (was, free.insert(k, v))
                    }
                    Op::Remove(k) => {
                        let k = name(k);
                        let was = model.iter().position(|(x, _)| *x == k).map(|i| model.remove(i).1);
                        proptest::prop_assert_eq!(&was, &shaped.remove(k));
                        (was, free.remove(k))
                    }
                    Op::Replace(o, n, v) => {
                        let (o, n, v) = (name(o), name(n), Value::from(json!(v)));
                        let was = match model.iter().position(|(x, _)| *x == o) {
                            None => None,
                            Some(i) => {
                                let old = model.get(i).map(|(_, v)| v.clone());
                                if o != n && model.iter().any(|(x, _)| *x == n) {
                                    model.remove(i);
                                    if let Some((_, slot)) = model.iter_mut().find(|(x, _)| *x == n) {
                                        *slot = v.clone();
                                    }
                                } else if let Some(slot) = model.get_mut(i) {
                                    *slot = (n, v.clone());
                                }
                                old
                            }
                        };
                        proptest::prop_assert_eq!(&was, &shaped.replace(o, n, v.clone()));
                        (was, free.replace(o, n, v))
                    }
                };
                proptest::prop_assert_eq!(a, b);
                let pairs: Vec<(&str, &Value)> = model.iter().map(|(k, v)| (*k, v)).collect();
                proptest::prop_assert_eq!(&shaped.iter().collect::<Vec<_>>(), &pairs);
                proptest::prop_assert_eq!(&free.iter().collect::<Vec<_>>(), &pairs);
                proptest::prop_assert_eq!(&shaped, &free);
                for k in NAMES {
                    let want = model.iter().find(|(x, _)| *x == k).map(|(_, v)| v);
                    proptest::prop_assert_eq!(shaped.get(k), want);
                    proptest::prop_assert_eq!(free.get(k), want);
                }
            }
            let owned: Vec<(Key, Value)> = shaped.clone().into_iter().collect();
            proptest::prop_assert_eq!(owned.len(), model.len());
            for ((k, v), (m, w)) in owned.iter().zip(&model) {
                proptest::prop_assert!(*k == *m && v == w);
            }
            proptest::prop_assert_eq!(serde_json::to_string(&shaped).ok(), serde_json::to_string(&free).ok());
        }
    }
}
