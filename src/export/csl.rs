//! CSL-JSON of the sources, as Zotero and pandoc's citeproc read it (`NAME.sources.json`).
//!
//! Takes a [`KnowledgeGraph`]; gives a JSON array with one item per `source` node, in node order.
//! Each item's `id` is the citation key the BibTeX export uses too ([`keys`]): the first author's
//! family name (else the institution's or container's first word, else `anon`), the year (else
//! `nd`) and the first title word that is not an article or a preposition, ASCII-folded and
//! lower-cased (`tellis2023america`); keys that come out the same get `a`, `b`, ... in node order.
//!
//! Fields: `type` (from the source's `type`: journal → `article-journal`, news →
//! `article-newspaper`, report and government → `report`, book → `book`, web → `webpage`, ...),
//! `title`, `author` (`{family, given}` from each "Given Family" display name; an institution
//! with no personal author as `{literal}`), `container-title` (or `publisher` for books and
//! reports), `issued` and `accessed` (`date-parts`), `URL`, `DOI`, `volume`, `issue`, `page`.
//! `URL` and `DOI` go through [`escape::url`] (characters no URI may hold, such as `"`, are
//! percent-encoded: pandoc would otherwise read `"..."` in a URL as quotation marks). Other text
//! goes in as it is: CSL-JSON's rich-text convention makes `<i>`, `<b>`, `<sup>`, `<sub>`,
//! `<sc>` and `<span>` tags in a title markup for citeproc (pandoc, Zotero), and has no escape
//! for them; any other `<...>` is kept as text.

use super::escape;
use super::Sink;
use crate::graph::NodeKind;
use crate::graph::Value as Field;
use crate::graph::{KnowledgeGraph, Node};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// A source's string attribute, when present and not empty.
pub fn text<'a>(n: &'a Node, key: &str) -> Option<&'a str> {
    n.attrs
        .get(key)
        .and_then(Field::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A source's personal authors (display strings).
pub fn authors(n: &Node) -> Vec<String> {
    n.attrs
        .get("authors")
        .and_then(Field::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Field::as_str)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// "Ashley J. Tellis" → ("Tellis", "Ashley J."); a suffix (Jr., III) stays with the family name;
/// lower-case particles (van, de, al-) join the family name.
pub fn split_name(display: &str) -> (String, String) {
    let words: Vec<&str> = display.split_whitespace().collect();
    let mut cut = words.len().saturating_sub(1);
    let suffix = |w: &str| {
        matches!(
            w.trim_end_matches(','),
            "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV"
        )
    };
    if cut > 0 && words.last().is_some_and(|w| suffix(w)) {
        cut -= 1;
    }
    while cut > 1
        && words
            .get(cut - 1)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase)
    {
        cut -= 1;
    }
    let (given, family) = words.split_at_checked(cut).unwrap_or_default();
    let given = given.join(" ").trim_end_matches(',').to_string();
    let family = family.join(" ");
    (family, given)
}

/// `2025-08-07` → `[2025, 8, 7]` (partial dates give fewer parts).
pub fn date_parts(iso: &str) -> Option<Vec<u32>> {
    let parts: Option<Vec<u32>> = iso.split('-').take(3).map(|p| p.parse().ok()).collect();
    parts.filter(|p| p.first().is_some_and(|&y| y > 0))
}

/// Letters of `s` folded to ASCII lower case (common Latin accents stripped, others dropped).
fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'a'..='z' | '0'..='9' => c,
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ť' => 't',
            'ď' => 'd',
            'ß' => 's',
            _ => continue,
        };
        out.push(base);
    }
    out
}

const STOP: &[&str] = &[
    "a", "an", "the", "on", "of", "in", "for", "and", "to", "at", "by", "with", "from", "as", "is",
];

fn base_key(n: &Node) -> String {
    let who = authors(n)
        .first()
        .map(|a| split_name(a).0)
        .or_else(|| text(n, "institution").map(str::to_string))
        .or_else(|| text(n, "container").map(str::to_string))
        .map(|s| {
            s.split(|c: char| c.is_whitespace() || c == '-')
                .map(fold)
                .find(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
                .unwrap_or_default()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "anon".to_string());
    let year = text(n, "date")
        .and_then(|d| d.get(..4))
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("nd");
    let word = text(n, "title")
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .find(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .unwrap_or_default();
    format!("{who}{year}{word}")
}

/// Source node id → citation key, for every source node, deterministic in node order.
pub fn keys(g: &KnowledgeGraph) -> HashMap<String, String> {
    let sources: Vec<&Node> = g.nodes().filter(|n| n.kind == NodeKind::Source).collect();
    let bases: Vec<String> = sources.iter().map(|n| base_key(n)).collect();
    let mut total: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *total.entry(b).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = HashMap::new();
    let taken: std::collections::HashSet<&str> = bases.iter().map(String::as_str).collect();
    for (n, b) in sources.iter().zip(&bases) {
        let key = if total.get(b.as_str()).is_some_and(|&c| c > 1) {
            let i = seen.entry(b).or_default();
            let mut k;
            loop {
                k = format!("{b}{}", suffix(*i));
                *i += 1;
                if !taken.contains(k.as_str()) {
                    break;
                }
            }
            k
        } else {
            b.clone()
        };
        out.insert(n.id.to_string(), key);
    }
    out
}

/// 0 → a, 25 → z, 26 → aa, ...
fn suffix(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// The CSL type of a source `type`.
pub fn csl_type(n: &Node) -> &'static str {
    match text(n, "type").unwrap_or("") {
        "journal" | "article" => "article-journal",
        "news" | "newspaper" => "article-newspaper",
        "magazine" => "article-magazine",
        "report" | "government" | "working-paper" => "report",
        "book" => "book",
        "chapter" => "chapter",
        "thesis" => "thesis",
        "web" | "blog" => "webpage",
        "podcast" | "broadcast" | "video" => "broadcast",
        "interview" => "interview",
        "speech" => "speech",
        _ if text(n, "url").is_some() => "webpage",
        _ => "article",
    }
}

/// Books and reports name their publisher where other types name a container.
pub fn container_is_publisher(n: &Node) -> bool {
    matches!(csl_type(n), "book" | "report" | "thesis")
}

fn item(n: &Node, key: &str) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(key));
    m.insert("type".into(), json!(csl_type(n)));
    if let Some(t) = text(n, "title") {
        m.insert("title".into(), json!(t));
    }
    let mut people: Vec<Value> = authors(n)
        .iter()
        .map(|a| {
            let (family, given) = split_name(a);
            if given.is_empty() {
                json!({"literal": family})
            } else {
                json!({"family": family, "given": given})
            }
        })
        .collect();
    if people.is_empty() {
        if let Some(inst) = text(n, "institution") {
            people.push(json!({"literal": inst}));
        }
    }
    if !people.is_empty() {
        m.insert("author".into(), Value::Array(people));
    }
    if let Some(c) = text(n, "container") {
        let field = if container_is_publisher(n) {
            "publisher"
        } else {
            "container-title"
        };
        m.insert(field.into(), json!(c));
    }
    if let Some(inst) = text(n, "institution") {
        if !authors(n).is_empty() && !m.contains_key("publisher") {
            m.insert("publisher".into(), json!(inst));
        }
    }
    for (from, to) in [("date", "issued"), ("accessed", "accessed")] {
        if let Some(p) = text(n, from).and_then(date_parts) {
            m.insert(to.into(), json!({"date-parts": [p]}));
        }
    }
    for (from, to) in [
        ("url", "URL"),
        ("doi", "DOI"),
        ("volume", "volume"),
        ("issue", "issue"),
        ("pages", "page"),
    ] {
        if let Some(v) = text(n, from) {
            let v = if matches!(to, "URL" | "DOI") {
                escape::url(v)
            } else {
                v.to_string()
            };
            m.insert(to.into(), json!(v));
        }
    }
    Value::Object(m)
}

/// The exporter: `NAME.sources.json`.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.sources.json"), &|w| w.write_all(&write(g)))
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let keys = keys(g);
    let items: Vec<Value> = g
        .nodes()
        .filter(|n| n.kind == NodeKind::Source)
        .filter_map(|n| keys.get(n.id.as_str()).map(|k| item(n, k)))
        .collect();
    let mut out = serde_json::to_vec_pretty(&items).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let t = |s: &str| {
            let (f, g) = split_name(s);
            (f, g)
        };
        assert_eq!(t("Ashley J. Tellis"), ("Tellis".into(), "Ashley J.".into()));
        assert_eq!(t("Martin Luther King Jr."), ("King Jr.".into(), "Martin Luther".into()));
        assert_eq!(t("Ludwig van Beethoven"), ("van Beethoven".into(), "Ludwig".into()));
        assert_eq!(t("Plato"), ("Plato".into(), String::new()));
    }

    #[test]
    fn folding_and_suffixes() {
        assert_eq!(fold("Ébrien-O'Brien 中文"), "ebrienobrien");
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(date_parts("2025-08-07"), Some(vec![2025, 8, 7]));
        assert_eq!(date_parts("2025"), Some(vec![2025]));
        assert_eq!(date_parts("May"), None);
    }
}
