//! Corpora (issue 7): one merged graph for many documents, the same for any input order and any
//! `--jobs`, with one node per work and per actor however many documents name them.

use crate::common::{policykg, tempdir};
use serde_json::Value;
use std::path::Path;

/// Cites a work by DOI (and a URL), names the United States, India and China.
pub(crate) const A: &str = "Trade and Alliances\n\nJane Roe\n\nIntroduction\n\nThe United States and India deepened their defence ties after 2016.¹ China objected.²\n\n¹ Jane Doe, “Trade Wars and Alliances in Asia,” *Journal of Things* 12, no. 3 (2024): 1–20, doi:10.1234/jot.2024.7, <https://example.org/articles/trade-wars>.\n\n² Ibid., 4.\n";

/// Cites the same work by its URL only (with `www.` and a trailing slash) under a short title,
/// and names India and the United States.
pub(crate) const B: &str = "Quad Matters\n\nJohn Poe\n\nBackground\n\nIndia and the United States hold regular talks.¹\n\n¹ Doe, “Trade wars,” *Journal of Things*, accessed May 2, 2024, <https://www.example.org/articles/trade-wars/>.\n";

fn nodes<'a>(g: &'a Value, kind: &str) -> Vec<&'a Value> {
    g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == kind)
        .collect()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("written")).expect("valid JSON")
}

#[test]
fn one_node_for_a_work_and_an_actor_named_by_two_documents() {
    let d = tempdir("corpus-unite");
    std::fs::create_dir_all(d.join("docs")).expect("mkdir");
    std::fs::write(d.join("docs/a.md"), A).expect("write");
    std::fs::write(d.join("docs/b.md"), B).expect("write");
    let out = policykg(&["build", "docs", "--out", "out"], &d);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // each document alone keys the work its own way
    let a = read_json(&d.join("out/a.json"));
    let b = read_json(&d.join("out/b.json"));
    assert_eq!(nodes(&a, "source")[0]["id"], "source:doi:10.1234/jot.2024.7");
    assert_eq!(
        nodes(&b, "source")[0]["id"],
        "source:url:example.org/articles/trade-wars"
    );

    let corpus = read_json(&d.join("out/corpus.json"));
    assert_eq!(corpus["graph"]["documents"], serde_json::json!(["a", "b"]));
    let sources = nodes(&corpus, "source");
    assert_eq!(sources.len(), 1, "{sources:#?}");
    let work = sources[0];
    assert_eq!(work["id"], "source:doi:10.1234/jot.2024.7");
    assert_eq!(work["documents"], serde_json::json!(["a", "b"]));
    assert_eq!(
        work["same_as"],
        serde_json::json!(["source:url:example.org/articles/trade-wars"])
    );
    let cited_in: Vec<&Value> = work["footnotes"]
        .as_array()
        .expect("footnotes")
        .iter()
        .map(|f| &f["document"])
        .collect();
    assert!(cited_in.contains(&&Value::from("a")) && cited_in.contains(&&Value::from("b")));
    // every claim's `cites` edge leads to the one node
    let cites: Vec<&Value> = corpus["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["kind"] == "cites")
        .collect();
    assert_eq!(cites.len(), 3, "{cites:#?}");
    assert!(cites.iter().all(|e| e["target"] == work["id"]), "{cites:#?}");

    for actor in ["actor:united-states", "actor:india"] {
        let found: Vec<&Value> = nodes(&corpus, "actor")
            .into_iter()
            .filter(|n| n["id"] == actor)
            .collect();
        assert_eq!(found.len(), 1, "{actor}");
        assert_eq!(found[0]["documents"], serde_json::json!(["a", "b"]), "{actor}");
    }
    let china: Vec<&Value> = nodes(&corpus, "actor")
        .into_iter()
        .filter(|n| n["id"] == "actor:china")
        .collect();
    assert_eq!(china[0]["documents"], serde_json::json!(["a"]));
}

/// A corpus whose nodes and edges are written in batches on the build's threads (three papers
/// made from the seed, some thousands of nodes and edges, where one batch holds a few hundred):
/// the same `corpus.json` and pictures on one, two and three threads.
#[test]
fn large_corpus_is_the_same_on_any_number_of_threads() {
    let d = tempdir("corpus-threads");
    std::fs::create_dir_all(d.join("docs")).expect("mkdir");
    let seed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/india-us-defense-relations.md"))
            .expect("the seed");
    for (i, year) in ["2016", "2017", "2018"].iter().enumerate() {
        std::fs::write(d.join(format!("docs/paper-{i}.md")), seed.replace("2016", year)).expect("write");
    }
    let mut outputs: Vec<(String, Vec<u8>, Vec<u8>)> = Vec::new();
    for jobs in ["1", "2", "3"] {
        let outdir = format!("out-{jobs}");
        let out = policykg(
            &[
                "build", "docs", "--out", &outdir, "--quiet", "--format", "json,dot", "--jobs", jobs,
            ],
            &d,
        );
        assert!(
            out.status.success(),
            "--jobs {jobs}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json = std::fs::read(d.join(&outdir).join("corpus.json")).expect("corpus.json");
        let dot = std::fs::read(d.join(&outdir).join("corpus.dot")).expect("corpus.dot");
        outputs.push((jobs.to_string(), json, dot));
    }
    let corpus: Value = serde_json::from_slice(&outputs[0].1).expect("valid JSON");
    let items = corpus["nodes"].as_array().map_or(0, Vec::len) + corpus["edges"].as_array().map_or(0, Vec::len);
    assert!(items > 2_000, "{items} nodes and edges: too few for batches");
    let (_, json1, dot1) = &outputs[0];
    for (jobs, json, dot) in &outputs[1..] {
        assert!(json == json1, "corpus.json differs with --jobs {jobs}");
        assert!(dot == dot1, "corpus.dot differs with --jobs {jobs}");
    }
}

/// Small documents with names and numbers varied, so the merge has work to do.
fn variants() -> Vec<(String, String)> {
    let mut docs = vec![("a".to_string(), A.to_string()), ("b".to_string(), B.to_string())];
    for i in 0..4 {
        let text = A
            .replace("Trade and Alliances", &format!("Trade and Alliances, Part {i}"))
            .replace("2016", &format!("{}", 2010 + i))
            .replace("jot.2024.7", &format!("jot.2024.{}", i % 3))
            .replace(
                "China objected",
                if i % 2 == 0 { "Japan objected" } else { "China objected" },
            );
        docs.push((format!("v{i}"), text));
    }
    docs
}

#[test]
fn corpus_is_the_same_for_any_input_order_and_any_jobs() {
    let d = tempdir("corpus-order");
    std::fs::create_dir_all(d.join("docs/sub")).expect("mkdir");
    let docs = variants();
    let mut files = Vec::new();
    for (i, (name, text)) in docs.iter().enumerate() {
        let file = if i % 2 == 0 {
            format!("docs/{name}.md")
        } else {
            format!("docs/sub/{name}.md")
        };
        std::fs::write(d.join(&file), text).expect("write");
        files.push(file);
    }
    let mut reversed: Vec<&str> = files.iter().map(String::as_str).collect();
    reversed.reverse();
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("j1", vec!["docs", "--jobs", "1"]),
        ("j2", vec!["docs", "--jobs", "2"]),
        ("rev", [reversed, vec!["--jobs", "3"]].concat()),
    ];
    let mut outputs: Vec<(String, Vec<u8>, Vec<u8>)> = Vec::new();
    for (tag, inputs) in &runs {
        let outdir = format!("out-{tag}");
        let args: Vec<&str> = [vec!["build", "--out", outdir.as_str(), "--quiet"], inputs.clone()].concat();
        let out = policykg(&args, &d);
        assert!(out.status.success(), "{tag}: {}", String::from_utf8_lossy(&out.stderr));
        let json = std::fs::read(d.join(&outdir).join("corpus.json")).expect("corpus.json");
        let dot = std::fs::read(d.join(&outdir).join("corpus.dot")).expect("corpus.dot");
        outputs.push((tag.to_string(), json, dot));
    }
    let (_, json0, dot0) = &outputs[0];
    for (tag, json, dot) in &outputs[1..] {
        assert!(json == json0, "corpus.json differs for run {tag}");
        assert!(dot == dot0, "corpus.dot differs for run {tag}");
    }
    // the variants cite three DOIs that are one work with a's URL: nothing else unites them
    let corpus: Value = serde_json::from_slice(json0).expect("valid JSON");
    assert_eq!(corpus["graph"]["documents"].as_array().map(Vec::len), Some(docs.len()));
    assert_eq!(nodes(&corpus, "document").len(), docs.len());
}

/// With two threads or more, one more thread compiles the patterns ahead of the build
/// (`policykg::warm_up`): what the build writes is the same as with one thread.
#[test]
fn warm_up_changes_no_output() {
    let d = tempdir("warm-up");
    let (name, text) = variants().into_iter().next().expect("a variant");
    std::fs::write(d.join(format!("{name}.md")), text).expect("write");
    let mut outputs = Vec::new();
    for jobs in ["1", "4"] {
        let outdir = format!("out-{jobs}");
        let file = format!("{name}.md");
        let args = [
            "build",
            file.as_str(),
            "--out",
            outdir.as_str(),
            "--jobs",
            jobs,
            "--format",
            "all",
            "--quiet",
        ];
        let out = policykg(&args, &d);
        assert!(
            out.status.success(),
            "--jobs {jobs}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(d.join(&outdir))
            .expect("outputs")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().to_string(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect();
        files.sort();
        outputs.push(files);
    }
    assert!(
        outputs[0].len() > 5,
        "{:?}",
        outputs[0].iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        outputs[0] == outputs[1],
        "--jobs 4 wrote other files or bytes than --jobs 1"
    );
}

#[test]
fn merge_is_associative_and_order_independent() {
    use policykg::graph::KnowledgeGraph;
    let graphs: Vec<KnowledgeGraph> = variants()
        .iter()
        .map(|(name, text)| policykg::build_text(name, &format!("{name}.md"), text))
        .collect();
    let json = |g: &KnowledgeGraph| policykg::render("corpus", g, &[policykg::Format::Json]);
    let all = KnowledgeGraph::merge(&graphs);
    let mut reversed = graphs.clone();
    reversed.reverse();
    assert!(json(&KnowledgeGraph::merge(&reversed)) == json(&all), "order");
    let (left, right) = graphs.split_at(3);
    let nested = KnowledgeGraph::merge(&[KnowledgeGraph::merge(right), KnowledgeGraph::merge(left)]);
    assert!(json(&nested) == json(&all), "associativity");
}

#[test]
fn an_unreadable_document_is_reported_and_the_rest_still_merged() {
    let d = tempdir("corpus-unreadable");
    std::fs::create_dir_all(d.join("docs")).expect("mkdir");
    std::fs::write(d.join("docs/a.md"), A).expect("write");
    std::fs::write(d.join("docs/b.md"), B).expect("write");
    std::fs::write(d.join("docs/broken.md"), b"PK\x03\x04\x00\x00binary").expect("write");
    let out = policykg(&["build", "docs", "--out", "out", "--jobs", "2"], &d);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(stderr.contains("broken.md"), "{stderr}");
    let corpus = read_json(&d.join("out/corpus.json"));
    assert_eq!(corpus["graph"]["documents"], serde_json::json!(["a", "b"]));
}
