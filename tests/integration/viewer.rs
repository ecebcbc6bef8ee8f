//! The viewer page (issue 9) checked without a browser: self-contained (nothing loaded from a
//! network), the embedded graph parses back to the JSON export, document text never turns into
//! markup, the seed's page is small, and the bytes are the same on every run. The browser tests
//! in tests/browser/ drive the same pages in Chromium.

use policykg::graph::{KnowledgeGraph, NodeKind, Schema};
use policykg::Format;

const SEED: &str = "seeds/india-us-defense-relations.md";
const HOSTILE: &str = "tests/fixtures/hostile.md";
const EVIL: &str = "tests/browser/evil.md";

fn graph(path: &str) -> (String, KnowledgeGraph) {
    let text = std::fs::read_to_string(path).expect("input readable");
    let name = std::path::Path::new(path)
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let g = policykg::build_text(&name, path, &text);
    (name, g)
}

fn render(name: &str, g: &KnowledgeGraph, format: Format) -> String {
    let files = policykg::render(name, g, &[format]);
    assert_eq!(files.len(), 1, "{format:?} writes one file");
    String::from_utf8(files.into_iter().next().expect("one file").1).expect("UTF-8")
}

/// The text of the `<script type="application/json" id="graph-data">` element.
fn data(page: &str) -> &str {
    let open = r#"<script type="application/json" id="graph-data">"#;
    let start = page.find(open).expect("the page embeds the graph") + open.len();
    let end = start + page[start..].find("</script>").expect("the data element ends");
    &page[start..end]
}

/// Every `src=`/`href=` value and CSS `url(` in the page.
fn references(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["src=", "href=", "url(", "@import", "srcset=", "action=", "poster="] {
        for (i, _) in page.match_indices(key) {
            let rest = &page[i + key.len()..];
            let value: String = rest.trim_start_matches(['"', '\'']).chars().take(40).collect();
            out.push(format!("{key}{value}"));
        }
    }
    out
}

fn check_page(page: &str, g: &KnowledgeGraph, name: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"), "an HTML page");
    // nothing is loaded from anywhere: no http(s) or protocol-relative resource, a CSP forbidding it
    for r in references(page) {
        let v = r
            .split_once(['=', '('])
            .map_or(r.as_str(), |x| x.1)
            .trim_start_matches(['"', '\'']);
        assert!(
            !(v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")),
            "{name}: a resource from the network: {r}"
        );
    }
    assert!(
        page.contains("Content-Security-Policy\" content=\"default-src 'none'"),
        "{name}: CSP"
    );
    assert!(!page.contains("<link rel=\"stylesheet\"") && !page.contains("<iframe") && !page.contains("<img"));
    // exactly two scripts: the data and the viewer's own, and only two elements end with </script>
    assert_eq!(page.matches("<script").count(), 2, "{name}: scripts");
    assert_eq!(
        page.matches("</script").count(),
        2,
        "{name}: </script> only closes the two scripts"
    );
    assert_eq!(
        page.to_ascii_lowercase().matches("</script").count(),
        2,
        "{name}: </SCRIPT in any case"
    );
    // the data is inert in a script element and parses back to the JSON export, as
    // `policykg/1` has it (each relation's evidence in the edge) whatever the build's schema
    let d = data(page);
    assert!(
        !d.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
        "{name}: unescaped character in the data"
    );
    let embedded: serde_json::Value = serde_json::from_str(d).expect("the embedded data is JSON");
    let mut v1 = g.clone();
    v1.to_v1();
    let export: serde_json::Value =
        serde_json::from_str(&render(name, &v1, Format::Json)).expect("the JSON export parses");
    assert_eq!(embedded, export, "{name}: the page embeds the contract's JSON");
    assert_eq!(embedded["graph"]["schema"], "policykg/1", "{name}");
    // and the page of a policykg/2 graph is that of its policykg/1 graph, byte for byte
    if g.schema != Schema::V1 {
        assert_eq!(
            page,
            render(name, &v1, Format::Html),
            "{name}: one page for both schemas"
        );
    }
}

#[test]
fn seed_page_is_self_contained_small_and_deterministic() {
    let (name, g) = graph(SEED);
    let page = render(&name, &g, Format::Html);
    check_page(&page, &g, &name);
    assert!(page.len() < 2_000_000, "seed page is {} bytes", page.len());
    for view in ["relationships", "citations", "drivers"] {
        assert!(page.contains(&format!(r#"id="view-{view}""#)), "{view} view");
    }
    // every claim, source, actor, agreement and driver is drawn and reachable by keyboard
    for kind in [
        NodeKind::Claim,
        NodeKind::Source,
        NodeKind::Actor,
        NodeKind::Agreement,
        NodeKind::Driver,
    ] {
        let drawn = page.matches(&format!(r#"class="node k-{kind}" data-i="#)).count();
        assert!(drawn >= g.count(kind), "{kind}: {drawn} drawn of {}", g.count(kind));
    }
    assert_eq!(
        page.matches(r#"class="node "#).count(),
        page.matches(r#"tabindex="0" role="button""#).count()
    );
    let (_, again) = graph(SEED);
    assert_eq!(render(&name, &again, Format::Html), page, "same bytes on every run");
    assert_eq!(render(&name, &again, Format::Svg), render(&name, &g, Format::Svg));
}

#[test]
fn hostile_text_stays_data() {
    for path in [HOSTILE, EVIL] {
        let (name, g) = graph(path);
        let page = render(&name, &g, Format::Html);
        check_page(&page, &g, &name);
        for markup in ["<img", "<!--", "<svg onload", "<b onmouseover", "<x", "<SCRIPT"] {
            assert!(!page.contains(markup), "{name}: {markup} in the page");
        }
    }
    let (name, g) = graph(EVIL);
    let page = render(&name, &g, Format::Html);
    // the hostile sentence is in the graph, and reaches the page only escaped
    let claim = g
        .nodes()
        .find(|n| {
            n.kind == NodeKind::Claim
                && n.attrs
                    .get("text")
                    .and_then(policykg::graph::Value::as_str)
                    .is_some_and(|t| t.contains("</script><!--"))
        })
        .expect("the hostile sentence is a claim");
    assert!(claim.label.contains("</script>"));
    assert!(data(&page).contains(r"\u003c/script\u003e\u003c!--"));
    assert!(page.contains("&lt;/script&gt;&lt;!-- tariffs &lt;svg onload=&quot;window.__pwned=5&quot;&gt;"));
}

#[test]
fn svg_is_standalone_xml() {
    for path in [SEED, HOSTILE, EVIL] {
        let (name, g) = graph(path);
        let svg = render(&name, &g, Format::Svg);
        assert!(svg.starts_with("<?xml") && svg.contains(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert!(
            !svg.contains("<script") && !svg.contains("href="),
            "{name}: no script, no link"
        );
        let mut reader = quick_xml::Reader::from_str(&svg);
        let mut depth = 0i64;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(_) => {}
                Err(e) => panic!("{name}.svg is not well-formed at {}: {e}", reader.buffer_position()),
            }
        }
        assert_eq!(depth, 0, "{name}.svg: every element closed");
    }
}

/// A graph large enough that its page's data is written straight into the page as it is
/// serialised (the bulk of a corpus's page, never held in memory) gives the page a small graph's
/// path gives: the same checks hold, hostile text in every claim included.
#[test]
fn a_large_page_embeds_the_same_data() {
    use policykg::graph::{Attrs, Node};
    let (name, mut g) = graph(HOSTILE);
    for i in 0..21_000 {
        g.add_node(Node {
            id: format!("claim:{name}:x{i}").into(),
            kind: NodeKind::Claim,
            label: format!("claim {i} </script><!--").into(),
            attrs: Attrs::from_iter([(
                "text",
                serde_json::Value::from(format!("claim {i} </script> \u{2028} & <b>")),
            )]),
        });
    }
    let page = render(&name, &g, Format::Html);
    check_page(&page, &g, &name);
}

/// A relationship drawing with a component of more than 400 entities (placed through the
/// quadtree and the grid, not pair by pair) draws every one of them, and the page holds and is
/// the same on every run.
#[test]
fn a_large_component_is_drawn_the_same_every_time() {
    use policykg::graph::{Attrs, Edge, EdgeKind, Node};
    use serde_json::json;
    let (name, mut g) = graph(HOSTILE);
    let id = |i: usize| format!("actor:x{i}");
    for i in 0..450 {
        g.add_node(Node {
            id: id(i).into(),
            kind: NodeKind::Actor,
            label: format!("Actor {i}").into(),
            attrs: Attrs::from_iter([("type", json!("state")), ("mentions", json!(1 + i % 7))]),
        });
    }
    // a chain, and every tenth joined to the first
    for i in 1..450 {
        for from in [i - 1, 0].into_iter().take(if i % 10 == 0 { 2 } else { 1 }) {
            let edge = Edge {
                kind: EdgeKind::Relation,
                key: format!("relation:supports:{from}:{i}").into(),
                attrs: Attrs::from_iter([("predicate", json!("supports"))]),
            };
            assert!(g.add_edge(&id(from), &id(i), edge));
        }
    }
    let page = render(&name, &g, Format::Html);
    check_page(&page, &g, &name);
    assert!(render(&name, &g, Format::Html) == page, "the same page on every run");
    assert!(
        (0..450).all(|i| page.contains(&format!(">Actor {i}<"))),
        "every actor drawn"
    );
}

/// The page reads a `policykg/2` graph as `policykg/1` has it in the odd cases too: a relation
/// whose `sentence` names no node or a claim or is not a string, an edge from a sentence node.
#[test]
fn odd_evidence_reads_as_schema_1_has_it() {
    use policykg::graph::{Attrs, Edge, EdgeKind, Node};
    use serde_json::json;
    let (name, mut g) = graph(SEED);
    assert_eq!(g.schema, Schema::V2);
    let claim = g
        .nodes()
        .find(|n| n.kind == NodeKind::Claim)
        .map(|n| n.id.clone())
        .unwrap_or_default();
    let sentence = g
        .nodes()
        .find(|n| n.kind == NodeKind::Sentence)
        .map(|n| n.id.clone())
        .unwrap_or_default();
    for (i, s) in [json!("sentence:nowhere:1"), json!(claim), json!(7)]
        .into_iter()
        .enumerate()
    {
        let edge = Edge {
            kind: EdgeKind::Relation,
            key: format!("relation:odd:{i}").into(),
            attrs: Attrs::from_iter([
                ("predicate", json!("odd")),
                ("evidence_span", json!([1, 2])),
                ("sentence", s),
            ]),
        };
        assert!(g.add_edge("actor:india", "actor:united-states", edge));
    }
    let edge = Edge {
        kind: EdgeKind::Mentions,
        key: "mentions".into(),
        attrs: Attrs::new(),
    };
    assert!(g.add_edge(&sentence, "actor:india", edge));
    g.add_node(Node {
        id: "sentence:spare:1".into(),
        kind: NodeKind::Sentence,
        label: Default::default(),
        attrs: Attrs::new(),
    });
    check_page(&render(&name, &g, Format::Html), &g, &name);
}

#[test]
fn corpus_page_holds_both_documents() {
    let graphs: Vec<KnowledgeGraph> = [SEED, HOSTILE].iter().map(|p| graph(p).1).collect();
    let corpus = KnowledgeGraph::merge(&graphs);
    let page = render("corpus", &corpus, Format::Html);
    check_page(&page, &corpus, "corpus");
    assert!(page.contains("Corpus of 2 documents"));
    let reversed: Vec<KnowledgeGraph> = graphs.into_iter().rev().collect();
    assert_eq!(render("corpus", &KnowledgeGraph::merge(&reversed), Format::Html), page);
}
