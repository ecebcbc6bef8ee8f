//! Properties over arbitrary input: no panic, spans that slice the input, unique ids, outputs
//! that parse back.

use proptest::prelude::*;

/// Text made of the pieces documents are made of, so that the reader's paths are all taken.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("¹".to_string()),
        Just("²³".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: ".to_string()),
        Just("[2]".to_string()),
        Just("Notes\n\n".to_string()),
        Just("1. ".to_string()),
        Just("Ibid.".to_string()),
        Just("| a | b |\n|---|---|\n| <ul><li>x</li></ul> | • *y:* z |\n".to_string()),
        Just("“Title,” *Outlet*, May 1, 2024, accessed June 2, 2023, <https://x.org/a>.".to_string()),
        Just("U.S. ".to_string()),
        Just("▪ *Heading*".to_string()),
        Just("# H\n".to_string()),
        Just("\\$".to_string()),
        Just("\r\n".to_string()),
        "[a-zA-Z .,;:()\"'*_<>|\\[\\]^0-9-]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    // a fixed seed: CI runs the same 400 cases every time (a wider search is `PROPTEST_CASES=100000`
    // with the seed line removed, or the fuzz targets)
    #![proptest_config(ProptestConfig {
        cases: 400,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_2026),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_gives_a_sound_graph(text in document()) {
        let g = policykg::build_text("doc", "doc.md", &text);
        let mut ids = std::collections::BTreeSet::new();
        for n in g.nodes() {
            prop_assert!(ids.insert(n.id.clone()), "duplicate id {}", n.id);
            if n.kind == policykg::graph::NodeKind::Claim {
                let (a, b) = n.attrs.get("span").and_then(policykg::graph::Value::as_span).expect("span");
                let (a, b) = (a as usize, b as usize);
                let slice = text.get(a..b);
                prop_assert!(slice.is_some(), "claim span {a}..{b} does not slice the input");
                let words: Vec<String> = n.attrs.get("text").and_then(policykg::graph::Value::as_str).expect("a claim has its text").split_whitespace().map(String::from).collect();
                if let (Some(first), Some(s)) = (words.first(), slice) {
                    // the first run of letters or digits: quotes and brackets around it may be markup
                    let head: String = first
                        .chars()
                        .skip_while(|c| !c.is_alphanumeric())
                        .take_while(|c| c.is_alphanumeric())
                        .collect();
                    // emphasis and code marks and escapes are the only source bytes a claim's words drop
                    let plain: String = s.chars().filter(|c| !matches!(c, '*' | '_' | '`' | '\\')).collect();
                    prop_assert!(plain.contains(head.as_str()), "claim {:?} not in its span {:?}", words, s);
                }
            }
        }
        for (s, t, _) in g.edges() {
            prop_assert!(g.node(s).is_some() && g.node(t).is_some());
        }
        let bytes = policykg::export::json::write(&g);
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON parses back");
        prop_assert_eq!(json["nodes"].as_array().map(|a| a.len()), Some(g.node_count()));
        // `policykg query` reads the graph JSON back: the same graph, the same bytes
        let back = policykg::export::json::read(&bytes).expect("the graph JSON reads back");
        prop_assert!(policykg::export::json::write(&back) == bytes, "the graph read back writes other bytes");
        let dot = String::from_utf8(policykg::export::dot::write(&g)).expect("DOT is UTF-8");
        prop_assert!(dot.starts_with("digraph"));
    }
}
