//! JSON written byte for byte as `serde_json::to_writer_pretty` writes it (two spaces a level,
//! `": "` after a name, `[]` and `{}` when empty), straight from the graph's values, without
//! serde's serializer between them (but for numbers, whose digits serde_json writes, and a few
//! small parts such as a diagnostic).
//!
//! The graph JSON is the largest output of `json,dot` (six and a half bytes for each byte of the seed, as many
//! again in a corpus's `corpus.json`), and through the serializer it cost 164 instructions an
//! input byte, an eighth of a build: a call and a small copy for every comma, newline and indent,
//! and a table lookup for every byte of every string. Here the punctuation and indents are
//! appended to one buffer, and a string is tested eight bytes at a time for a byte JSON escapes:
//! 108. The serializer stays the reference: the tests compare the two on the seed's graph and on
//! random values.

use crate::graph::Value;
use rayon::prelude::*;
use std::io::{self, Write};

/// What is buffered before it goes to the output.
const CHUNK: usize = 1 << 16;

/// The weight of a batch of [`Pretty::par_list`]: some ten to a hundred kilobytes of a graph's
/// JSON (a claim's or sentence's text weighs what a field does).
const WEIGHT: usize = 256;

/// The line break and indents, enough for most depths in one copy.
const INDENT: &[u8; 65] = b"\n                                                                ";

/// A pretty-printing JSON writer: the caller opens and closes containers and says where items
/// and names go; strings and values are escaped and formatted as serde_json does.
pub(crate) struct Pretty<'w> {
    buf: Vec<u8>,
    /// None for a part of a list that [`Pretty::par_list`] writes out: it is held whole.
    out: Option<&'w mut dyn Write>,
    depth: usize,
}

impl<'w> Pretty<'w> {
    pub(crate) fn new(out: &'w mut dyn Write) -> Pretty<'w> {
        Pretty {
            buf: Vec::with_capacity(CHUNK + CHUNK / 4),
            out: Some(out),
            depth: 0,
        }
    }

    /// A writer that holds what it writes in `buf` (cleared), at `depth`.
    fn holding(mut buf: Vec<u8>, depth: usize) -> Pretty<'static> {
        buf.clear();
        Pretty { buf, out: None, depth }
    }

    /// Bytes as they are.
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Writes out what is buffered once it is a chunk: called between items, so that a whole
    /// file is never held.
    pub(crate) fn spill(&mut self) -> io::Result<()> {
        if let Some(out) = self.out.as_mut().filter(|_| self.buf.len() >= CHUNK) {
            out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes out the rest.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.write_out()?;
        match self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }

    /// Writes out what is buffered.
    fn write_out(&mut self) -> io::Result<()> {
        if let Some(out) = self.out.as_mut() {
            out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn newline(&mut self) {
        let width = 1 + 2 * self.depth;
        match INDENT.get(..width) {
            Some(part) => self.buf.extend_from_slice(part),
            None => {
                // deeper than the constant: it whole, then spaces
                self.buf.extend_from_slice(INDENT);
                self.buf.resize(self.buf.len() + width - INDENT.len(), b' ');
            }
        }
    }

    /// Opens an object (`{`) or a list (`[`).
    pub(crate) fn open(&mut self, bracket: u8) {
        self.buf.push(bracket);
        self.depth += 1;
    }

    /// Closes what [`Pretty::open`] opened; `empty` when no item went in.
    pub(crate) fn close(&mut self, bracket: u8, empty: bool) {
        self.depth = self.depth.saturating_sub(1);
        if !empty {
            self.newline();
        }
        self.buf.push(bracket);
    }

    /// A list, each item written by `each`, the buffer written out between items.
    pub(crate) fn list<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.open(b'[');
        let mut empty = true;
        for item in items {
            self.item(empty);
            empty = false;
            each(self, item)?;
            // (a corpus's lists hold thousands: its nodes, a work's notes citing it)
            self.spill()?;
        }
        self.close(b']', empty);
        Ok(())
    }

    /// [`Pretty::list`] for a long list, its items written on the current pool's threads (the
    /// global pool's outside one): they are taken a window of batches at a time (four for each
    /// thread), each batch written into its own buffer at this depth and the buffers written out
    /// in order, so the bytes are the same. What a corpus's `corpus.json` is written with: it is
    /// the last thing a build does, and one thread wrote it while the others waited (a tenth of
    /// a 10 MB corpus's two-thread build). A batch holds items up to a [`WEIGHT`] by `weight` (a
    /// node or edge weighs one and each item of its lists one more), so that two windows (the
    /// one written out, the one the threads write) hold some hundred kilobytes a thread however
    /// long a work's list of the notes citing it: where [`Pretty::list`] writes such a list out
    /// as it goes, a batch holds it whole. A list that fits one batch, or a pool of one thread,
    /// is written as [`Pretty::list`] writes it.
    pub(crate) fn par_list<T: Send>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        weight: impl Fn(&T) -> usize,
        each: impl Fn(&mut Pretty, T) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        let threads = rayon::current_num_threads();
        let mut items = items.into_iter().peekable();
        let mut batch = || {
            let mut batch = Vec::new();
            let mut total = 0;
            while let Some(item) = items.next_if(|_| total < WEIGHT) {
                total += weight(&item);
                batch.push(item);
            }
            batch
        };
        let mut window = || -> Vec<Vec<T>> {
            std::iter::repeat_with(&mut batch)
                .take(4 * threads)
                .take_while(|b| !b.is_empty())
                .collect()
        };
        let mut batches = window();
        if threads < 2 || batches.len() < 2 {
            let rest: Vec<T> = batches.into_iter().flatten().collect();
            return self.list(rest.into_iter().chain(items), each);
        }
        self.open(b'[');
        // the batches are written out after what this buffer holds, each from a buffer of its
        // own, kept for later batches; a window is written out, and the next one taken from
        // the items, while the threads write the one after into their buffers
        self.write_out()?;
        let depth = self.depth;
        let mut first = true;
        let mut spare: Vec<Vec<u8>> = Vec::new();
        let mut ready: Vec<io::Result<Vec<u8>>> = Vec::new();
        while !batches.is_empty() {
            let parts: Vec<Vec<u8>> = batches.iter().map(|_| spare.pop().unwrap_or_default()).collect();
            let mut written = Vec::new();
            let mut next = Vec::new();
            let mut wrote = Ok(());
            rayon::in_place_scope(|s| {
                let (written, each) = (&mut written, &each);
                s.spawn(move |_| {
                    *written = batches
                        .into_par_iter()
                        .zip(parts)
                        .enumerate()
                        .map(|(k, (batch, part))| {
                            let mut p = Pretty::holding(part, depth);
                            for (i, item) in batch.into_iter().enumerate() {
                                p.item(first && k == 0 && i == 0);
                                each(&mut p, item)?;
                            }
                            Ok(p.buf)
                        })
                        .collect();
                });
                wrote = self.write_parts(std::mem::take(&mut ready), &mut spare);
                next = window();
            });
            wrote?;
            ready = written;
            batches = next;
            first = false;
        }
        self.write_parts(ready, &mut spare)?;
        self.close(b']', first);
        Ok(())
    }

    /// Writes out the parts [`Pretty::par_list`] wrote, keeping their buffers in `spare`.
    fn write_parts(&mut self, parts: Vec<io::Result<Vec<u8>>>, spare: &mut Vec<Vec<u8>>) -> io::Result<()> {
        for part in parts {
            let part = part?;
            match self.out.as_mut() {
                Some(out) => out.write_all(&part)?,
                // (a list inside a part: after what the part holds)
                None => self.buf.extend_from_slice(&part),
            }
            spare.push(part);
        }
        Ok(())
    }

    /// Before a list's item: a comma unless it is the first, a new line, the indent.
    pub(crate) fn item(&mut self, first: bool) {
        if !first {
            self.buf.push(b',');
        }
        self.newline();
    }

    /// Before an object's value: as [`Pretty::item`], then its name and `": "`.
    pub(crate) fn name(&mut self, first: bool, name: &str) {
        self.item(first);
        self.string(name);
        self.buf.extend_from_slice(b": ");
    }

    /// A JSON string: quotes, backslashes and the controls below U+0020 escaped as serde_json
    /// escapes them (`\n`, `\t`, `\r`, `\b`, `\f`, else `\u00XX` in lower case), every other
    /// character as it is.
    pub(crate) fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.buf.reserve(bytes.len() + 2);
        self.buf.push(b'"');
        if plain(bytes) {
            // (nearly every string: copied whole)
            self.buf.extend_from_slice(bytes);
        } else {
            self.escaped(bytes);
        }
        self.buf.push(b'"');
    }

    /// `bytes` with what needs it escaped: eight bytes are tested at once, and looked at one by
    /// one only when one of them is escaped; the last few one by one; `run` starts what is not
    /// yet copied.
    #[cold]
    fn escaped(&mut self, bytes: &[u8]) {
        let mut run = 0;
        let mut words = bytes.chunks_exact(8);
        for (k, word) in (&mut words).enumerate() {
            let x = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or([b' '; 8]));
            if any_escaped(x) {
                self.escape_from(bytes, 8 * k, word, &mut run);
            }
        }
        let tail = words.remainder();
        if tail.iter().any(|&b| needs_escape(b)) {
            self.escape_from(bytes, bytes.len() - tail.len(), tail, &mut run);
        }
        self.buf.extend_from_slice(bytes.get(run..).unwrap_or(&[]));
    }

    /// Escapes what needs it among `part`, which starts at `at` in `bytes`, copying first what
    /// is not yet copied since `run`.
    #[cold]
    fn escape_from(&mut self, bytes: &[u8], at: usize, part: &[u8], run: &mut usize) {
        let mut scratch = [0; 8];
        for (i, &b) in part.iter().enumerate() {
            if let Some(escape) = escape(b, &mut scratch) {
                self.buf.extend_from_slice(bytes.get(*run..at + i).unwrap_or(&[]));
                self.buf.extend_from_slice(escape);
                *run = at + i + 1;
            }
        }
    }

    /// A graph value, nested values indented below the current depth.
    pub(crate) fn value(&mut self, v: &Value) -> io::Result<()> {
        match v {
            Value::Null => self.raw(b"null"),
            Value::Bool(true) => self.raw(b"true"),
            Value::Bool(false) => self.raw(b"false"),
            // (serde_json's own digits: integers by itoa, floats by its shortest form)
            Value::Number(n) => serde_json::to_writer(&mut self.buf, n).map_err(io::Error::other)?,
            Value::String(s) => self.string(s),
            Value::Array(items) => self.list(items, |p, item| p.value(item))?,
            Value::Shared(items) => self.list(items.iter(), |p, item| p.value(item))?,
            Value::Span(a, b) => self.list([a, b], |p, n| {
                serde_json::to_writer(&mut p.buf, n).map_err(io::Error::other)
            })?,
            Value::Object(fields) => {
                self.open(b'{');
                for (i, (k, item)) in fields.iter().enumerate() {
                    self.name(i == 0, k);
                    self.value(item)?;
                }
                self.close(b'}', fields.is_empty());
            }
        }
        Ok(())
    }

    /// Any serialisable value, as serde_json pretty-prints it, indented at the current depth:
    /// for the few parts that are not graph values (the header's diagnostics). A JSON text has
    /// no raw line break inside a string, so each of its line breaks takes the indent.
    pub(crate) fn serde<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> io::Result<()> {
        let text = serde_json::to_vec_pretty(v).map_err(io::Error::other)?;
        for (i, line) in text.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                // the current depth's indent, then serde's own, which `line` starts with
                self.newline();
            }
            self.buf.extend_from_slice(line);
        }
        Ok(())
    }
}

/// Whether a JSON string escapes `b` (tested without a branch, so that a block of bytes is
/// tested as a vector: see [`plain`]).
fn needs_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// How serde_json escapes `b`, if it does (`scratch` holds a `\u00XX`).
fn escape(b: u8, scratch: &mut [u8; 8]) -> Option<&[u8]> {
    let hex = |n: u8| b"0123456789abcdef".get(usize::from(n)).copied().unwrap_or(b'0');
    Some(match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\n' => b"\\n",
        b'\t' => b"\\t",
        b'\r' => b"\\r",
        0x08 => b"\\b",
        0x0c => b"\\f",
        0..=0x1f => {
            *scratch = [b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 0xf), 0, 0];
            scratch.get(..6)?
        }
        _ => return None,
    })
}

/// Whether no byte of `bytes` is escaped: sixteen at a time, the last sixteen read once more
/// where they overlap the sixteen before; a string shorter than that by words ([`plain_words`]).
fn plain(bytes: &[u8]) -> bool {
    let clear = |block: &[u8]| !crate::document::block_has(block, needs_escape);
    match bytes.len().checked_sub(16) {
        Some(last) => bytes.chunks_exact(16).all(clear) && bytes.get(last..).is_some_and(clear),
        None => plain_words(bytes),
    }
}

/// [`plain`] eight bytes at a time, the last eight (or the few a short string has, as one word)
/// read once more where they overlap the eight before.
fn plain_words(bytes: &[u8]) -> bool {
    let word = |w: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or([b'"'; 8]));
    if let Some(last) = bytes.len().checked_sub(8) {
        bytes.chunks_exact(8).all(|w| !any_escaped(word(w))) && bytes.get(last..).is_some_and(|w| !any_escaped(word(w)))
    } else {
        // (a short string as one word, padded with spaces)
        let mut w = [b' '; 8];
        for (slot, &b) in w.iter_mut().zip(bytes) {
            *slot = b;
        }
        !any_escaped(u64::from_le_bytes(w))
    }
}

/// Whether any of eight bytes is one a JSON string escapes: below 0x20, `"` or `\`.
fn any_escaped(x: u64) -> bool {
    use super::escape::{word_has, word_has_below};
    word_has_below(x, 0x20) || word_has(x, b'"') || word_has(x, b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pretty(v: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        let mut p = Pretty::new(&mut out);
        p.value(v).unwrap();
        p.finish().unwrap();
        out
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<u64>().prop_map(|n| Value::Number(n.into())),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            any::<f64>().prop_map(Value::from),
            // every escaped byte, and runs long enough for the eight-byte steps
            "[\\x00-\\x7f\"\\\\a-z\u{e9}\u{2019}\u{1f600}]{0,40}".prop_map(|s| Value::from(s.as_str())),
            any::<String>().prop_map(|s| Value::from(s.as_str())),
            (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Value::Span(a, b)),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(|v| Value::Array(v.into_iter().collect())),
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::shared),
                // (an object by way of serde_json's, names read as a graph's are)
                prop::collection::vec(("[a-z\"\\\\\\x01]{0,6}", inner), 0..6).prop_map(|fields| {
                    let map: serde_json::Map<String, serde_json::Value> =
                        fields.into_iter().map(|(k, v)| (k, v.to_json())).collect();
                    Value::from(serde_json::Value::Object(map))
                }),
            ]
        })
    }

    proptest! {
        /// Any value comes out as serde_json pretty-prints it (a span and a shared list as the
        /// lists they stand for), and as its own `Serialize` gives it to serde_json.
        #[test]
        fn same_bytes_as_serde_json(v in value()) {
            prop_assert_eq!(pretty(&v), serde_json::to_vec_pretty(&v.to_json()).unwrap());
            prop_assert_eq!(pretty(&v), serde_json::to_vec_pretty(&v).unwrap());
        }

        /// A list written on several threads is the list written on one: any number of items
        /// and threads, any weights (from none to more than a batch holds, so that batches and
        /// windows end anywhere), the list nested in an object.
        #[test]
        fn par_list_same_bytes_as_list(
            items in prop::collection::vec((value(), 0..3 * WEIGHT), 0..120),
            threads in 1..4usize,
        ) {
            prop_assert_eq!(in_pool(threads, &items, true), in_pool(1, &items, false));
        }

        /// A string is plain exactly when none of its bytes needs escaping, at every length
        /// around the sixteen- and eight-byte steps, an escaped byte anywhere.
        #[test]
        fn plain_when_no_byte_is_escaped(bytes in prop::collection::vec(prop_oneof![
            8 => 0x20u8..=0xff,
            1 => any::<u8>(),
        ], 0..70)) {
            prop_assert_eq!(plain(&bytes), !bytes.iter().any(|&b| needs_escape(b)));
        }

        /// The eight-byte test says yes exactly when a byte needs escaping.
        #[test]
        fn eight_bytes_at_once(word in any::<[u8; 8]>()) {
            let one = word.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(any_escaped(u64::from_le_bytes(word)), one);
        }
    }

    /// `{"list": [...]}` written with [`Pretty::par_list`] (or [`Pretty::list`]) on a pool of
    /// `threads`.
    fn in_pool(threads: usize, items: &[(Value, usize)], par: bool) -> Vec<u8> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let mut out = Vec::new();
            let mut p = Pretty::new(&mut out);
            p.open(b'{');
            p.name(true, "list");
            let each = |p: &mut Pretty, (v, _): &(Value, usize)| p.value(v);
            if par {
                p.par_list(items, |(_, w)| *w, each).unwrap();
            } else {
                p.list(items, each).unwrap();
            }
            p.close(b'}', false);
            p.finish().unwrap();
            out
        })
    }

    /// Many windows of batches, items whose own lists are long among them, on two threads.
    #[test]
    fn par_list_over_many_windows() {
        let items: Vec<(Value, usize)> = (0..20_000)
            .map(|i| {
                let v = if i % 997 == 0 {
                    Value::Array((0..500).map(|j| Value::from(format!("n{j}").as_str())).collect())
                } else {
                    Value::from(format!("item \"{i}\"\n").as_str())
                };
                let w = match &v {
                    Value::Array(a) => 1 + a.len(),
                    _ => 1,
                };
                (v, w)
            })
            .collect();
        let par = in_pool(2, &items, true);
        assert_eq!(par, in_pool(1, &items, false));
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&par).unwrap()["list"]
                .as_array()
                .map(Vec::len),
            Some(20_000)
        );
    }

    /// A list written on several threads into a writer that holds its bytes (as a batch's does)
    /// is held after what it already held.
    #[test]
    fn par_list_into_a_holding_writer() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let items: Vec<usize> = (0..5_000).collect();
        let each = |p: &mut Pretty, i: &usize| {
            p.raw(i.to_string().as_bytes());
            Ok(())
        };
        let held = pool.install(|| {
            let mut p = Pretty::holding(Vec::new(), 1);
            p.raw(b"x");
            p.par_list(&items, |_| 1, each).unwrap();
            p.buf
        });
        let mut want = Vec::new();
        let mut p = Pretty::new(&mut want);
        p.depth = 1;
        p.raw(b"x");
        p.list(&items, each).unwrap();
        p.finish().unwrap();
        assert_eq!(held, want);
    }

    /// An item that fails, or an output that fails, fails the list written on several threads.
    #[test]
    fn par_list_errors_are_returned() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let items: Vec<usize> = (0..10_000).collect();
        let failing = |bad: usize| {
            pool.install(|| {
                let mut out = Vec::new();
                let mut p = Pretty::new(&mut out);
                p.par_list(
                    &items,
                    |_| 1,
                    |p, &i| {
                        if i == bad {
                            return Err(io::Error::other("item"));
                        }
                        p.raw(b"1");
                        Ok(())
                    },
                )
            })
        };
        for bad in [0, 1, 255, 256, 5_000, 9_999] {
            assert!(failing(bad).is_err(), "item {bad}");
        }
        struct Full(usize);
        impl Write for Full {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                if self.0 < b.len() {
                    return Err(io::Error::other("full"));
                }
                self.0 -= b.len();
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let full = pool.install(|| {
            let mut out = Full(20_000);
            let mut p = Pretty::new(&mut out);
            p.par_list(
                &items,
                |_| 1,
                |p, _| {
                    p.raw(b"1");
                    Ok(())
                },
            )
        });
        assert!(full.is_err());
    }

    #[test]
    fn every_byte_escaped_as_serde_json_does() {
        for b in 0u8..=0x7f {
            let s = format!("ab{}cdefghijk{}", b as char, b as char);
            let v = Value::from(s.as_str());
            assert_eq!(pretty(&v), serde_json::to_vec_pretty(&v).unwrap(), "byte {b:#x}");
        }
    }

    #[test]
    fn deep_nesting_indents_past_the_constant() {
        let mut v = Value::from("x");
        for _ in 0..70 {
            v = Value::Array(std::iter::once(v).collect());
        }
        assert_eq!(pretty(&v), serde_json::to_vec_pretty(&v).unwrap());
    }

    #[test]
    fn serde_parts_take_the_indent() {
        let inner = serde_json::json!({"a": [1, {"b": "c\nd"}], "e": []});
        let mut out = Vec::new();
        let mut p = Pretty::new(&mut out);
        p.open(b'{');
        p.name(true, "x");
        p.serde(&inner).unwrap();
        p.close(b'}', false);
        p.finish().unwrap();
        let whole = serde_json::json!({ "x": inner });
        assert_eq!(out, serde_json::to_vec_pretty(&whole).unwrap());
    }
}
