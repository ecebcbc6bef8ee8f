//! Escaping for every target syntax, in one place.

use std::borrow::Cow;

/// A value inside a double-quoted DOT string: quotes and backslashes escaped, line breaks as
/// `\n`, control characters dropped. dot-writer writes the quotes and escapes nothing itself.
pub fn dot(s: &str) -> Cow<'_, str> {
    // (most values hold nothing to change: given back as they are, not copied)
    let Some(at) = first_dot_special(s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 2);
    // runs of plain characters are copied whole, not a character at a time (every label and
    // tooltip of every picture passes here); a run ends at a byte that may open a character to
    // change: a quote, a backslash, a C0 control or DEL, or 0xC2, the lead byte of the C1
    // controls (U+0080 to U+009F)
    let mut rest = s;
    let mut next = Some(at);
    while let Some(at) = next {
        // (a special byte is ASCII or a lead byte: always a character boundary)
        let Some((plain, tail)) = rest.split_at_checked(at) else {
            break;
        };
        out.push_str(plain);
        let mut chars = tail.chars();
        match chars.next() {
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some('\n') => out.push_str("\\n"),
            Some('\r' | '\t') => out.push(' '),
            Some(c) if c.is_control() => {}
            Some(c) => out.push(c),
            None => {}
        }
        rest = chars.as_str();
        next = first_dot_special(rest.as_bytes());
    }
    out.push_str(rest);
    Cow::Owned(out)
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// Whether one of the eight bytes of `x` (read from a text as a word) is below `n`, at most 0x80.
/// Exact: the borrow of the subtraction can mark a byte above one that is below, never a word
/// where none is. The escapers test eight bytes at once so, and look at them one by one only
/// where one of them is to be escaped.
pub(crate) fn word_has_below(x: u64, n: u8) -> bool {
    x.wrapping_sub(ONES * u64::from(n)) & !x & (ONES << 7) != 0
}

/// Whether one of the eight bytes of `x` is `b` (see [`word_has_below`]).
pub(crate) fn word_has(x: u64, b: u8) -> bool {
    word_has_below(x ^ (ONES * u64::from(b)), 1)
}

/// Where the first byte [`dot`] must look at stands: a quote, a backslash, a C0 control or DEL,
/// or 0xC2 (sixteen bytes tested at a time: [`crate::document::first_byte`]).
fn first_dot_special(bytes: &[u8]) -> Option<usize> {
    crate::document::first_byte(bytes, |b| {
        (b < 0x20) | (b == b'"') | (b == b'\\') | (b == 0x7f) | (b == 0xc2)
    })
}

/// Text or an attribute value in XML 1.0 (GraphML): `& < > " '` as entities, tab, line feed and
/// carriage return as character references (so attribute values keep them), and the characters
/// XML 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF) dropped. The result goes to
/// quick-xml as already-escaped text.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// A Cypher string literal, quotes included: `'` and `\` backslash-escaped, line breaks and tabs
/// as `\n`, `\r`, `\t`, so a literal never spans lines. Other control characters stay as they
/// are: Cypher string literals may hold any character but a quote or backslash, and FalkorDB
/// does not decode `\uXXXX` (it keeps the six characters), so a raw character is the one form
/// every engine reads back the same. NUL is dropped: FalkorDB ends the query at it.
pub fn cypher_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Cypher name (label, relationship type, property key): as it is when it is a plain
/// identifier, else in backticks with backticks doubled and control characters dropped.
pub fn cypher_name(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        return s.to_string();
    }
    let mut out = String::from("`");
    for c in s.chars().filter(|c| !c.is_control()) {
        if c == '`' {
            out.push('`');
        }
        out.push(c);
    }
    out.push('`');
    out
}

/// The separator between the items of an array property in the Neo4j import CSV
/// (`neo4j-admin database import full --array-delimiter=U+001F`). Neo4j has no escape for it
/// inside an item, so [`neo4j_array_item`] removes it: U+001F (unit separator) is a control
/// character that no document text needs.
pub const NEO4J_ARRAY_DELIMITER: char = '\u{1F}';

/// One item of an array property in the Neo4j import CSV: the delimiter removed. (CSV quoting
/// itself is the `csv` crate's.)
pub fn neo4j_array_item(s: &str) -> String {
    s.chars().filter(|&c| c != NEO4J_ARRAY_DELIMITER).collect()
}

/// A stable id as one IRI path segment: every byte outside RFC 3986's unreserved set and `:`
/// percent-encoded (so `/`, `#`, `%`, spaces, quotes and non-ASCII cannot break the IRI or
/// change its meaning).
pub fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Text in a braced BibTeX/BibLaTeX field: the ten special characters escaped (`{ } % & $ # _`
/// with a backslash, `\ ~ ^` as text commands), line breaks and tabs as spaces, other control
/// characters dropped. Non-ASCII stays UTF-8 (biber, pandoc and modern BibTeX read it).
pub fn bibtex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL or DOI as printed, made a valid URI reference for fields that tools read as links
/// (CSL `URL`/`DOI`, BibLaTeX's verbatim `url`/`doi`): the ASCII characters RFC 3986 never
/// allows (space, quote, angle brackets, backslash, caret, backtick, braces, bar) and control
/// characters percent-encoded as UTF-8; `%` and everything else kept, so an already-encoded URL
/// is unchanged and a browser resolves the result to the same resource. Braces and backslashes
/// can then no longer break a `.bib` field, and pandoc no longer reads `"..."` inside a URL as
/// quotation marks.
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text made safe inside an HTML `<script>` element (the viewer's embedded graph): `<`,
/// `>`, `&`, U+2028 and U+2029 as `\uXXXX` escapes. These characters occur in JSON only inside
/// strings, where the escapes mean the same characters, so `JSON.parse` gives back the same value
/// while no `</script>` or `<!--` can end or change the element.
pub fn script_json(json: &str) -> String {
    let mut out = ScriptJson::new(Vec::with_capacity(json.len() + 64));
    // writing to memory cannot fail
    let _ = std::io::Write::write_all(&mut out, json.as_bytes());
    String::from_utf8(out.finish().unwrap_or_default()).unwrap_or_default()
}

/// [`script_json`] as a writer: the JSON a serialiser writes into it reaches `inner` escaped,
/// with no copy of the whole. U+2028 and U+2029 are three bytes (E2 80 A8, E2 80 A9), which may
/// come in separate writes: a lead `E2` or `E2 80` waits for the byte that tells.
pub struct ScriptJson<W: std::io::Write> {
    inner: W,
    /// How many bytes of `E2 80` are held back.
    held: usize,
}

impl<W: std::io::Write> ScriptJson<W> {
    pub fn new(inner: W) -> ScriptJson<W> {
        ScriptJson { inner, held: 0 }
    }

    /// Writes what is held back (only a text cut inside a character leaves any) and gives the
    /// writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.release()?;
        Ok(self.inner)
    }

    fn release(&mut self) -> std::io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.inner.write_all([0xE2, 0x80].get(..held).unwrap_or_default())
    }
}

impl<W: std::io::Write> std::io::Write for ScriptJson<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if self.held > 0 {
                let Some((&b, tail)) = rest.split_first() else {
                    break;
                };
                match (self.held, b) {
                    (1, 0x80) => self.held = 2,
                    (2, 0xA8) => {
                        self.held = 0;
                        self.inner.write_all(b"\\u2028")?;
                    }
                    (2, 0xA9) => {
                        self.held = 0;
                        self.inner.write_all(b"\\u2029")?;
                    }
                    // another character: what was held is its start, `b` is read afresh
                    _ => {
                        self.release()?;
                        continue;
                    }
                }
                rest = tail;
                continue;
            }
            let at = rest
                .iter()
                .position(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2))
                .unwrap_or(rest.len());
            let (plain, tail) = rest.split_at(at);
            self.inner.write_all(plain)?;
            let Some((&b, tail)) = tail.split_first() else {
                break;
            };
            match b {
                b'<' => self.inner.write_all(b"\\u003c")?,
                b'>' => self.inner.write_all(b"\\u003e")?,
                b'&' => self.inner.write_all(b"\\u0026")?,
                _ => self.held = 1,
            }
            rest = tail;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The first byte DOT escaping looks at, found sixteen bytes at a time, is the first found
        /// one by one: texts of ASCII, controls, DEL, the C1 controls' lead byte and other
        /// characters beyond ASCII, at every length around a word of eight.
        #[test]
        fn dot_specials_are_found_where_they_stand(text in "[a-z \"\\\\\n\t\u{7f}\u{85}\u{a0}éΩ—]{0,40}") {
            let one_by_one = text
                .bytes()
                .position(|b| b < 0x20 || matches!(b, b'"' | b'\\' | 0x7f | 0xc2));
            proptest::prop_assert_eq!(first_dot_special(text.as_bytes()), one_by_one);
        }
    }

    #[test]
    fn dot_hostile() {
        assert_eq!(dot(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(dot("x\ny\u{0}z\t"), "x\\nyz ");
        assert_eq!(dot("<script>&{}$"), "<script>&{}$");
        // C1 controls go, other characters led by the same byte (U+00A0 to U+00BF) stay
        assert_eq!(dot("é\u{85}x\u{a0}§\u{7f}\\"), "éx\u{a0}§\\\\");
    }

    /// Hostile strings every escaper must survive.
    const HOSTILE: &[&str] = &[
        r#"a "b" 'c' \d"#,
        "x\ny\r\tz\u{0}\u{7}\u{1F}",
        "<script>alert(1)</script> & {braces} $5 #1 50% a_b ~ ^",
        "é, ü, 中文, \u{FFFF}",
        "`tick` ;semi|pipe",
    ];

    #[test]
    fn xml_hostile() {
        let table = [
            ("<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"),
            ("x\ny\r\tz\u{0}\u{7}", "x&#10;y&#13;&#9;z"),
            ("é 中文 \u{FFFE}", "é 中文 "),
        ];
        for (input, want) in table {
            assert_eq!(xml(input), want, "{input:?}");
        }
        for h in HOSTILE {
            let e = xml(h);
            assert!(
                !e.contains('<') && !e.contains('"') && !e.chars().any(|c| c.is_control()),
                "{e}"
            );
        }
    }

    #[test]
    fn cypher_hostile() {
        let table = [
            (r#"O'Brien "q" \x"#, r#"'O\'Brien "q" \\x'"#),
            ("a\nb\r\tc\u{7}\u{0}", "'a\\nb\\r\\tc\u{7}'"),
            ("中文 $x {y}", "'中文 $x {y}'"),
        ];
        for (input, want) in table {
            assert_eq!(cypher_string(input), want, "{input:?}");
        }
        assert_eq!(cypher_name("Claim"), "Claim");
        assert_eq!(cypher_name("co_mention"), "co_mention");
        assert_eq!(cypher_name("a`b c"), "`a``b c`");
        assert_eq!(cypher_name("1x"), "`1x`");
        for h in HOSTILE {
            let e = cypher_string(h);
            let inner = &e[1..e.len() - 1];
            // every quote inside is escaped: no bare quote can end the literal early
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                assert_ne!(c, '\'', "{e}");
                assert!(c != '\n' && c != '\r', "{e}");
                if c == '\\' {
                    chars.next();
                }
            }
        }
    }

    #[test]
    fn neo4j_array_item_never_holds_the_delimiter() {
        for h in HOSTILE {
            assert!(!neo4j_array_item(h).contains(NEO4J_ARRAY_DELIMITER));
        }
        assert_eq!(neo4j_array_item("a;b|c"), "a;b|c");
    }

    #[test]
    fn iri_segment_hostile() {
        assert_eq!(iri_segment("claim:doc:12"), "claim:doc:12");
        assert_eq!(
            iri_segment("source:url:a.org/x?y=1&z=\"2\""),
            "source:url:a.org%2Fx%3Fy%3D1%26z%3D%222%22"
        );
        assert_eq!(iri_segment("中 %"), "%E4%B8%AD%20%25");
        for h in HOSTILE {
            assert!(iri_segment(h)
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~:%".contains(&b)));
        }
    }

    #[test]
    fn bibtex_hostile() {
        let table = [
            ("{a} 50% & $x #1 a_b", r"\{a\} 50\% \& \$x \#1 a\_b"),
            (r"a\b ~ ^", r"a\textbackslash{}b \textasciitilde{} \textasciicircum{}"),
            ("x\ny\u{7}z é", "x yz é"),
        ];
        for (input, want) in table {
            assert_eq!(bibtex(input), want, "{input:?}");
        }
        assert_eq!(
            url("https://x.org/a?b={c}&d=\"e\" f%20|\\^"),
            "https://x.org/a?b=%7Bc%7D&d=%22e%22%20f%20%7C%5C%5E"
        );
        assert_eq!(url("https://例え.jp/ä?q=1#x"), "https://例え.jp/ä?q=1#x");
        for h in HOSTILE {
            // braces stay balanced: every brace the escaper writes is escaped or part of `{}`
            let e = bibtex(h);
            let mut depth = 0i32;
            let mut chars = e.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some('{' | '}' | '%' | '&' | '$' | '#' | '_') = chars.clone().next() {
                            chars.next();
                        }
                    }
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                assert!(depth >= 0, "{e}");
            }
            assert_eq!(depth, 0, "{e}");
            let v = url(h);
            assert!(
                !v.contains(['{', '}', '\\', ' ', '"', '<']) && !v.chars().any(char::is_control),
                "{v}"
            );
        }
    }

    #[test]
    fn script_json_hostile() {
        for h in HOSTILE {
            let json = serde_json::to_string(&serde_json::json!({ "t": h })).unwrap_or_default();
            let e = script_json(&json);
            assert!(!e.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{e}");
            let back: serde_json::Value = serde_json::from_str(&e).unwrap_or_default();
            assert_eq!(back["t"], *h);
        }
        assert_eq!(script_json(r#"{"a":"</script>"}"#), r#"{"a":"\u003c/script\u003e"}"#);
    }

    /// The writer gives what the whole text gives, however the text is cut into writes (a cut
    /// may fall inside U+2028, or between its `E2` and another character's bytes).
    #[test]
    fn script_json_in_pieces() {
        let text = "a\u{2028}b\u{2029}<&>\u{2026}\u{20AC}\u{2028}\u{e2}\u{2028}";
        let whole = script_json(text);
        assert_eq!(
            whole,
            "a\\u2028b\\u2029\\u003c\\u0026\\u003e\u{2026}\u{20AC}\\u2028\u{e2}\\u2028"
        );
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            for cut2 in cut..=bytes.len() {
                let mut w = ScriptJson::new(Vec::new());
                for piece in [&bytes[..cut], &bytes[cut..cut2], &bytes[cut2..]] {
                    std::io::Write::write_all(&mut w, piece).unwrap_or_default();
                }
                let out = w.finish().unwrap_or_default();
                assert_eq!(
                    String::from_utf8(out).unwrap_or_default(),
                    whole,
                    "cut at {cut}, {cut2}"
                );
            }
        }
    }
}
