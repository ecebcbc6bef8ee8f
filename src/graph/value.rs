//! A field's value: JSON's kinds, in 16 bytes.
//!
//! serde_json's `Value` takes 72 bytes with its `preserve_order` feature (which the graph's
//! readers and the SARIF and CSL writers rely on for their field order), because the map its
//! objects are is held inline. A corpus graph holds millions of fields and list items (every
//! node lists its documents, every claim its notes), so the graph keeps its own:
//! the same kinds and the same methods, an object being its (name, value) pairs in order. It
//! serialises as the serde_json value it converts from would, byte for byte.
//!
//! Every kind's payload but the number's is one pointer wide, or two 32-bit offsets: a list is
//! a `ThinVec` (its length and capacity are stored with its items), a string a [`Str`] (its
//! length and count stored with its text), a shared list an `Arc` of a `ThinVec`. So the
//! compiler fits them beside the number's own tag, among that tag's spare values, and a value
//! takes 16 bytes. A `Vec` made a value 32 bytes, a `String` 24: 8 to 16 more per field and
//! list item, which a corpus graph holds millions of.
//!
//! A span the pipeline sets is [`Value::Span`], its two numbers held in the value itself: as a
//! list of two numbers it took an allocation of 64 bytes more, and a corpus graph holds a span
//! on every claim, sentence, citation and relation (a ninth of its memory). It writes, compares
//! and merges as that list; a graph read from its JSON holds the list.
//!
//! A list that many fields hold alike is [`Value::Shared`], one allocation for all: the list of
//! a document's name on each of its nodes in a corpus, and a section's headings on each of its
//! claims. It too is in every way its list; a merge that adds to it makes it a list of its own.

use arcstr::ArcStr;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Number;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use thin_vec::{thin_vec, ThinVec};

use super::attrs::key;
use super::Key;

/// A string value: one immutable allocation, shared by every field that holds it. A document's
/// name stands in the `document` field of each of its claims and edges and in the `documents`
/// list of each of its nodes; shared, a corpus of 76,000 documents holds it twice per document
/// (once for the document's graph, once for the corpus's lists), not some 1.8 million times. It
/// compares and serialises as its text, and reads back as it.
///
/// One pointer wide (an [`ArcStr`] keeps its length and count with its text), so that a value
/// takes 16 bytes. A string the program itself holds (a rule's id, a relation's family, the key
/// `mentions`) is made once per thread (see [`Str::from_static`]), where a corpus's edges had
/// one each.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Str(ArcStr);

impl Str {
    /// A string the program holds, as one allocation per thread however often it is asked.
    pub fn from_static(s: &'static str) -> Str {
        thread_local! {
            static MADE: std::cell::RefCell<foldhash::HashMap<(usize, usize), ArcStr>> = Default::default();
        }
        let at = (s.as_ptr() as usize, s.len());
        MADE.with_borrow_mut(|made| Str(made.entry(at).or_insert_with(|| ArcStr::from(s)).clone()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the two are one allocation.
    pub fn ptr_eq(a: &Str, b: &Str) -> bool {
        ArcStr::ptr_eq(&a.0, &b.0)
    }
}

impl std::borrow::Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::ops::Deref for Str {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(ArcStr::from(s))
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(ArcStr::from(s))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.as_str().to_string()
    }
}

/// Equal as serde_json's values are: objects whatever the order of their fields.
#[derive(Debug, Clone, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(Str),
    Array(ThinVec<Value>),
    /// An object's fields in order (written in that order; looked up by a scan, as objects in
    /// a graph's fields have a handful). Names are [`Key`]s, as a node's are: a source's
    /// `footnotes` list holds an object per note, and a name of its own each was a third of it.
    Object(ThinVec<(Key, Value)>),
    /// A span `[start, end]`: the list of these two numbers, held inline (see the module's
    /// doc). [`Value::items`] gives its items and [`Value::as_span`] its numbers, as they do for
    /// the list; [`Value::as_array`], which lends a list's own items, has none to lend.
    /// (Offsets past 4 GiB, which no document read whole reaches, make a list: see
    /// [`Value::span`].)
    Span(u32, u32),
    /// A list held by many fields (see the module's doc): read, written and compared as the list.
    Shared(Arc<ThinVec<Value>>),
}

static NULL: Value = Value::Null;

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| other.get(k.as_str()) == Some(v))
            }
            (a, b) if a.is_list() && b.is_list() => a.items() == b.items(),
            _ => false,
        }
    }
}

/// What [`Value::get`] takes: a field's name or an item's position.
pub trait Lookup {
    fn find(self, v: &Value) -> Option<&Value>;
}

impl Lookup for &str {
    fn find(self, v: &Value) -> Option<&Value> {
        match v {
            Value::Object(o) => o.iter().find(|(k, _)| *k == self).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl Lookup for usize {
    fn find(self, v: &Value) -> Option<&Value> {
        match v {
            Value::Array(a) => a.get(self),
            _ => None,
        }
    }
}

impl Value {
    /// The span `[start, end]`, held inline when its offsets fit (as a document's always do).
    pub fn span(start: u64, end: u64) -> Value {
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(a), Ok(b)) => Value::Span(a, b),
            _ => Value::Array(thin_vec![start.into(), end.into()]),
        }
    }

    /// A list to be held by many fields: each clone is the same allocation.
    pub fn shared(items: impl IntoIterator<Item = Value>) -> Value {
        Value::Shared(Arc::new(items.into_iter().collect()))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// A list's own items (not a [`Value::Span`]'s: see [`Value::items`]).
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            Value::Shared(a) => Some(a),
            _ => None,
        }
    }

    /// A list's items, a span's two numbers among them: what a writer of any list walks.
    pub fn items(&self) -> Option<Cow<'_, [Value]>> {
        match self {
            Value::Array(a) => Some(Cow::Borrowed(a)),
            Value::Shared(a) => Some(Cow::Borrowed(a)),
            Value::Span(a, b) => Some(Cow::Owned(vec![(*a).into(), (*b).into()])),
            _ => None,
        }
    }

    /// A span's start and end, as the pipeline holds it or as a graph JSON's list of two.
    pub fn as_span(&self) -> Option<(u64, u64)> {
        match self {
            Value::Span(a, b) => Some(((*a).into(), (*b).into())),
            Value::Array(a) => match a.as_slice() {
                [x, y] => Some((x.as_u64()?, y.as_u64()?)),
                _ => None,
            },
            _ => None,
        }
    }

    /// A span or a shared list as a list of its own, any other value as it is: what either
    /// becomes when a merge unites it with another list.
    pub fn into_list(self) -> Value {
        match self {
            Value::Span(a, b) => Value::Array(thin_vec![a.into(), b.into()]),
            Value::Shared(a) => Value::Array(Arc::unwrap_or_clone(a)),
            v => v,
        }
    }

    /// A list's items to change in place: a span or a shared list first becomes a list of its
    /// own (as `Arc::make_mut` copies what others hold). None for any other value.
    pub fn list_mut(&mut self) -> Option<&mut ThinVec<Value>> {
        if matches!(self, Value::Span(..) | Value::Shared(_)) {
            *self = std::mem::take(self).into_list();
        }
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Whether it is a list, a span or a shared list: what a merge unites item by item.
    pub fn is_list(&self) -> bool {
        matches!(self, Value::Array(_) | Value::Span(..) | Value::Shared(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// An object's field by name, or a list's item by position (as serde_json's `get`).
    pub fn get(&self, at: impl Lookup) -> Option<&Value> {
        at.find(self)
    }

    /// The same value as serde_json's.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Object(o) => {
                serde_json::Value::Object(o.iter().map(|(k, v)| (k.to_string(), v.to_json())).collect())
            }
            Value::Array(_) | Value::Span(..) | Value::Shared(_) => {
                let items = self.items().unwrap_or_default();
                serde_json::Value::Array(items.iter().map(Value::to_json).collect())
            }
        }
    }
}

/// An object's field, or null (as serde_json's `value["key"]`).
impl std::ops::Index<&str> for Value {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::String(s.into()),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (key(&k), Value::from(v))).collect())
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s.into())
    }
}

impl From<Str> for Value {
    fn from(s: Str) -> Value {
        Value::String(s)
    }
}

macro_rules! from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n.into())
            }
        }
    )*};
}
from_number!(u8, u16, u32, u64, usize, i32, i64);

/// A span as the contract writes it: `[start, end]` (held as [`Value::Span`]).
impl From<crate::span::Span> for Value {
    fn from(s: crate::span::Span) -> Value {
        Value::span(s.start.into(), s.end.into())
    }
}

/// A finite float as a number, else null (as `json!`).
impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// Null for none (as `json!`).
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(a: Vec<T>) -> Value {
        Value::Array(a.into_iter().map(Into::into).collect())
    }
}

impl PartialEq<serde_json::Value> for Value {
    fn eq(&self, other: &serde_json::Value) -> bool {
        match (self, other) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Number(a), serde_json::Value::Number(b)) => a == b,
            (Value::String(a), serde_json::Value::String(b)) => a.as_str() == b,
            (Value::Object(a), serde_json::Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, x)| b.get(k.as_str()).is_some_and(|y| x == y))
            }
            // (a list, a span or a shared list: by their items)
            (a, serde_json::Value::Array(b)) => a
                .items()
                .is_some_and(|a| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)),
            _ => false,
        }
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => n.serialize(s),
            Value::String(x) => s.serialize_str(x),
            Value::Array(a) => s.collect_seq(a),
            Value::Object(o) => {
                let mut m = s.serialize_map(Some(o.len()))?;
                for (k, v) in o {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
            Value::Span(a, b) => s.collect_seq([a, b]),
            Value::Shared(a) => s.collect_seq(a.iter()),
        }
    }
}

/// Read as serde_json reads its `Value` (a name given twice keeps its first place and its last
/// value), so that a graph read from its JSON is written back byte for byte.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

/// Names an object has before its reading looks them up in a table instead of scanning them.
const SCAN: usize = 32;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_f64<E>(self, x: f64) -> Result<Value, E> {
        Ok(x.into())
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(s.into())
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(s.into())
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Deserialize::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = ThinVec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields: ThinVec<(Key, Value)> = ThinVec::new();
        // each name's position, once an object has more than a few (a scan per name would make
        // an object of a million names quadratic)
        let mut at: foldhash::HashMap<Key, usize> = foldhash::HashMap::default();
        while let Some(k) = map.next_key_seed(Name)? {
            let v: Value = map.next_value()?;
            if fields.len() == SCAN && at.is_empty() {
                at.extend(fields.iter().enumerate().map(|(i, &(name, _))| (name, i)));
            }
            let old = if at.is_empty() {
                fields.iter().position(|&(name, _)| name == k)
            } else {
                at.get(&k).copied()
            };
            match old.and_then(|i| fields.get_mut(i)) {
                Some((_, slot)) => *slot = v,
                None => {
                    if !at.is_empty() {
                        at.insert(k, fields.len());
                    }
                    fields.push((k, v));
                }
            }
        }
        Ok(Value::Object(fields))
    }
}

/// An object's name, read as a [`Key`] straight from the parser's text (no string of its own).
struct Name;

impl<'de> de::DeserializeSeed<'de> for Name {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Name {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name")
    }

    fn visit_str<E>(self, s: &str) -> Result<Key, E> {
        Ok(key(s))
    }
}

/// Compact JSON, as serde_json's `Display` (pretty with `{:#}`).
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let text = if f.alternate() {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        f.write_str(&text.map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn is_small_and_writes_what_serde_json_writes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
        let j = json!({"b": [1, -2, 2.5, null, true, "é\"\n"], "a": {"z": {}, "y": []}, "c": "x"});
        let v = Value::from(j.clone());
        assert_eq!(v, j);
        assert_eq!(v.to_json(), j);
        assert_eq!(
            serde_json::to_string_pretty(&v).ok(),
            serde_json::to_string_pretty(&j).ok()
        );
        assert_eq!(v.to_string(), j.to_string());
        assert_eq!(format!("{v:#}"), format!("{j:#}"));
        assert_eq!(v["c"], "x");
        assert_eq!(v["b"].as_array().map(<[Value]>::len), Some(6));
        assert!(v["missing"].is_null() && v["c"]["x"].is_null());
        let text = r#"{"b": 1, "a": [1.5e300, -0, 0.0, 18446744073709551615, -9223372036854775808], "b": {}}"#;
        let read: Option<Value> = serde_json::from_str(text).ok();
        let theirs: Option<serde_json::Value> = serde_json::from_str(text).ok();
        assert!(theirs.is_some());
        let written = |v: Option<String>| v.unwrap_or_default();
        assert_eq!(
            written(read.map(|v| v.to_string())),
            written(theirs.map(|v| v.to_string())),
            "read as serde_json reads, field order and all"
        );
        // objects are equal whatever their fields' order, as serde_json's are
        let (ab, ba) = (
            Value::from(json!({"a": 1, "b": [2]})),
            Value::from(json!({"b": [2], "a": 1})),
        );
        assert!(ab == ba && ab == json!({"b": [2], "a": 1}) && ab != json!({"a": 1}));
        // a large object with names given twice reads as serde_json reads it
        let names: Vec<String> = (0..100).map(|i| format!(r#""k{}": {i}"#, i % 70)).collect();
        let text = format!("{{{}}}", names.join(", "));
        let big: Option<Value> = serde_json::from_str(&text).ok();
        let big_theirs: Option<serde_json::Value> = serde_json::from_str(&text).ok();
        assert_eq!(
            big.as_ref().map(|v| v.to_string()),
            big_theirs.as_ref().map(|v| v.to_string())
        );
        assert_eq!(big.and_then(|v| v.get("k5").and_then(Value::as_u64)), Some(75));
    }

    /// A span is held inline and is in every other way the list of its two numbers: written,
    /// compared, read back and walked as that list.
    #[test]
    fn a_span_is_the_list_of_its_numbers() {
        let span = Value::from(crate::span::Span::new(7, 4_000_000_000));
        assert!(matches!(span, Value::Span(7, 4_000_000_000)));
        let list = json!([7, 4_000_000_000u64]);
        assert_eq!(span, list);
        assert_eq!(span, Value::from(list.clone()));
        assert_eq!(Value::from(list.clone()), span);
        assert_ne!(span, Value::from(json!([7, 4_000_000_001u64])));
        assert_ne!(span, Value::from(json!([7])));
        assert_eq!(span.to_json(), list);
        assert_eq!(span.to_string(), list.to_string());
        // inside an object, pretty as serde_json writes it, and read back as the list
        let object = Value::Object(thin_vec![(key("span"), span.clone())]);
        let theirs = json!({"span": list});
        assert_eq!(
            serde_json::to_string_pretty(&object).ok(),
            serde_json::to_string_pretty(&theirs).ok()
        );
        let read: Option<Value> = serde_json::from_str(&object.to_string()).ok();
        assert_eq!(
            read.as_ref().map(|r| r["span"].as_span()),
            Some(Some((7, 4_000_000_000)))
        );
        assert_eq!(read, Some(object));
        // its items are the list's; it lends none of its own
        assert_eq!(span.items().as_deref(), Value::from(list).items().as_deref());
        assert_eq!(span.as_span(), Some((7, 4_000_000_000)));
        assert!(span.as_array().is_none() && Value::from(json!([1, 2, 3])).as_span().is_none());
        assert!(matches!(span.into_list(), Value::Array(a) if a.len() == 2));
        // offsets past what a span holds inline: the list itself
        let far = Value::span(7, 5_000_000_000);
        assert!(matches!(far, Value::Array(_)));
        assert_eq!(far, json!([7, 5_000_000_000u64]));
        assert_eq!(far.as_span(), Some((7, 5_000_000_000)));
    }

    /// A shared list is one allocation however many fields hold it, and is in every other way
    /// the list: written, compared, read back and walked as it.
    #[test]
    fn a_shared_list_is_the_list() {
        let a = Value::shared([Value::from("Trade"), Value::from(Str::from("Tariffs"))]);
        let b = a.clone();
        let (Value::Shared(x), Value::Shared(y)) = (&a, &b) else {
            unreachable!()
        };
        assert!(Arc::ptr_eq(x, y));
        let list = json!(["Trade", "Tariffs"]);
        assert_eq!(a, list);
        assert_eq!(a, Value::from(list.clone()));
        assert_eq!(Value::from(list.clone()), a);
        assert_ne!(a, Value::from(json!(["Trade"])));
        assert_eq!(a.to_json(), list);
        assert_eq!(a.to_string(), list.to_string());
        let object = Value::Object(thin_vec![(key("section"), a.clone())]);
        assert_eq!(
            serde_json::to_string_pretty(&object).ok(),
            serde_json::to_string_pretty(&json!({"section": list})).ok()
        );
        assert_eq!(serde_json::from_str::<Value>(&object.to_string()).ok(), Some(object));
        assert_eq!(a.as_array().map(<[Value]>::len), Some(2));
        assert_eq!(a.items().as_deref(), Value::from(list).items().as_deref());
        assert!(matches!(a.into_list(), Value::Array(l) if l.len() == 2));
    }

    /// A shared string is one allocation however many values hold it, and is in every other
    /// way the string itself: equal to its own copy, written the same, read back as one.
    #[test]
    fn a_shared_string_is_the_string() {
        assert_eq!(std::mem::size_of::<Str>(), 8);
        let shared = Value::from(Str::from("doc-1"));
        let copies: Vec<Value> = vec![shared.clone(), shared.clone()];
        let (Some(Value::String(a)), Some(Value::String(b))) = (copies.first(), copies.get(1)) else {
            panic!("not strings: {copies:?}");
        };
        assert!(Str::ptr_eq(a, b));
        // the program's own strings: one per thread however often asked
        let (x, y) = (Str::from_static("mentions"), Str::from_static("mentions"));
        assert!(Str::ptr_eq(&x, &y) && x.as_str() == "mentions");
        assert!(!Str::ptr_eq(&Str::from("mentions"), &x));
        let own = Value::from("doc-1");
        assert_eq!(shared, own);
        assert_eq!(shared, json!("doc-1"));
        assert_eq!(shared.as_str(), Some("doc-1"));
        assert_eq!(shared.to_string(), own.to_string());
        assert_eq!(
            serde_json::to_string_pretty(&Value::from(copies)).ok(),
            serde_json::to_string_pretty(&json!(["doc-1", "doc-1"])).ok()
        );
        assert_eq!(serde_json::from_str::<Value>(&shared.to_string()).ok(), Some(shared));
    }
}
