//! Huge single documents at full size: a 50 MB paragraph on one line and 100,000 notes. Too slow
//! for a debug build, so the full-size tests are ignored by default and run on the release binary
//! by `.ci/run` (`cargo test --release --test integration huge -- --ignored`); the same inputs at a
//! small scale run with every `cargo test`, so the counts they expect are checked everywhere. Time
//! is not asserted here (speed is measured by `benches/`), only that the build finishes with the
//! graph the input implies. `POLICYKG_KEEP_HUGE=1` keeps the inputs and outputs and prints where.

use crate::common::{policykg, tempdir};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Varied sentences naming states, leaders, ministries, companies and agreements. Marked
/// sentences are every `LINE_MARK_EVERY`-th, which is prime to their number, so each is marked.
const SENTENCES: [&str; 8] = [
    "The United States and India signed the Basic Exchange and Cooperation Agreement in 2020.",
    "Prime Minister Narendra Modi and President Joe Biden met in Washington to deepen the Quad.",
    "China protested when Japan and Australia joined the Malabar exercise in the Bay of Bengal.",
    "Russia remained India’s largest supplier of arms, although CAATSA threatened sanctions.",
    "External Affairs Minister S. Jaishankar called the partnership “defining” for the region.",
    "The Ministry of Defence approved the purchase of MQ-9B drones from General Atomics.",
    "France and India renewed the Horizon 2047 roadmap, adding submarines and jet engines.",
    "Pakistan and China expanded the China–Pakistan Economic Corridor despite long delays.",
];
const LINE_MARK_EVERY: usize = 5;
/// Distinct works the notes of the long line cite, in turn.
const LINE_WORKS: usize = 50;

const AUTHORS: [&str; 6] = [
    "Ashley J. Tellis",
    "Tanvi Madan",
    "C. Raja Mohan",
    "Rory Medcalf",
    "Dhruva Jaishankar",
    "Lisa Curtis",
];
const OUTLETS: [&str; 5] = [
    "Foreign Affairs",
    "War on the Rocks",
    "The Diplomat",
    "Carnegie Endowment for International Peace",
    "The Hindu",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `n` in superscript digits.
fn sup(n: usize) -> String {
    n.to_string()
        .bytes()
        .map(|d| ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][usize::from(d - b'0')])
        .collect()
}

/// A note citing work `w`: the same text every time that work is cited.
fn note(w: usize) -> String {
    format!(
        "{}, “Strategic Partnership Report {w},” *{}*, {} {}, {}, <https://www.example.org/reports/{w}>.",
        AUTHORS[w % AUTHORS.len()],
        OUTLETS[w % OUTLETS.len()],
        MONTHS[w % 12],
        1 + w % 28,
        2000 + w % 25,
    )
}

/// A document whose one body paragraph is a single line of at least `bytes` bytes, every
/// `LINE_MARK_EVERY`-th sentence marked with superscript digits, then the notes at the bottom
/// as `¹²³ …` paragraphs citing `LINE_WORKS` works in turn. Returns the text and its notes.
fn long_line(bytes: usize) -> (String, usize) {
    let mut text = String::with_capacity(bytes + bytes / 4);
    text.push_str("An Unbroken Paragraph\n\nIntroduction\n\n");
    let start = text.len();
    let mut notes = 0;
    let mut i = 0;
    while text.len() - start < bytes {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        i += 1;
        if i % LINE_MARK_EVERY == 0 {
            notes += 1;
            text.push_str(&sup(notes));
        }
    }
    text.push_str("\n\n");
    for n in 1..=notes {
        text.push_str(&format!("{} {}\n\n", sup(n), note((n - 1) % LINE_WORKS)));
    }
    (text, notes)
}

/// A document of `notes` claims in paragraphs of ten, under a heading every thousand, with
/// Markdown footnotes `[^n]` and their `[^n]:` definitions at the end: every tenth is `Ibid.`
/// with a page, the rest cite work `n % (notes / 2)`, so each work is cited twice, far apart.
/// Returns the text and the number of distinct works.
fn many_notes(notes: usize) -> (String, usize) {
    let half = notes / 2;
    let mut text = String::from("# A Hundred Thousand Notes\n\n");
    for n in 1..=notes {
        if n % 1000 == 1 {
            text.push_str(&format!("## Part {}\n\n", n / 1000 + 1));
        }
        text.push_str(SENTENCES[n % SENTENCES.len()]);
        text.push_str(&format!("[^{n}]"));
        text.push_str(if n % 10 == 0 || n == notes { "\n\n" } else { " " });
    }
    let mut works = BTreeSet::new();
    for n in 1..=notes {
        if n % 10 == 0 {
            text.push_str(&format!("[^{n}]: Ibid., {}.\n", n % 300 + 1));
        } else {
            works.insert(n % half);
            text.push_str(&format!("[^{n}]: {}\n", note(n % half)));
        }
    }
    (text, works.len())
}

/// What the tests read of a graph: node kinds and claim texts, the edges' kinds, the diagnostics.
/// Read field by field, so a graph of hundreds of megabytes is never held as a JSON tree.
#[derive(serde::Deserialize)]
struct Graph {
    graph: Meta,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}
#[derive(serde::Deserialize)]
struct Meta {
    diagnostics: Vec<serde_json::Value>,
}
#[derive(serde::Deserialize)]
struct Node {
    id: String,
    kind: String,
    text: Option<String>,
}
#[derive(serde::Deserialize)]
struct Edge {
    kind: String,
}

impl Graph {
    fn read(path: &Path) -> Graph {
        let file = std::fs::File::open(path).expect("the JSON is written");
        serde_json::from_reader(std::io::BufReader::new(file)).expect("the JSON parses")
    }
    fn count(&self, kind: &str) -> usize {
        self.nodes.iter().filter(|n| n.kind == kind).count()
    }
    fn edges(&self, kind: &str) -> usize {
        self.edges.iter().filter(|e| e.kind == kind).count()
    }
}

/// Builds `text` as `NAME.md` in a fresh folder with the release (or whichever) binary and reads
/// the graph back. The folder is removed afterwards unless `POLICYKG_KEEP_HUGE` is set.
fn build(name: &str, text: &str, check: impl FnOnce(&Graph)) {
    let d = tempdir(name);
    std::fs::write(d.join(format!("{name}.md")), text).expect("write");
    let out = policykg(&["build", &format!("{name}.md"), "--out", "out", "--quiet"], &d);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        stderr.chars().take(4000).collect::<String>()
    );
    assert!(
        stderr.is_empty(),
        "no warnings: {}",
        stderr.chars().take(4000).collect::<String>()
    );
    assert!(d.join(format!("out/{name}.dot")).is_file());
    let g = Graph::read(&d.join(format!("out/{name}.json")));
    check(&g);
    if std::env::var_os("POLICYKG_KEEP_HUGE").is_some() {
        eprintln!("kept {}", d.display());
    } else {
        let _ = std::fs::remove_dir_all(&d);
    }
}

fn check_long_line(name: &str, bytes: usize) {
    let (text, notes) = long_line(bytes);
    let line = text.lines().nth(4).expect("the paragraph");
    assert!(line.len() >= bytes, "one line of {} bytes", line.len());
    build(name, &text, |g| {
        assert_eq!(g.count("document"), 1);
        assert_eq!(g.count("claim"), notes, "a claim per marker");
        assert_eq!(g.count("source"), notes.min(LINE_WORKS), "a source per work");
        assert_eq!(g.edges("cites"), notes, "a citation per note");
        assert!(g.graph.diagnostics.is_empty(), "{:?}", g.graph.diagnostics.first());
        // each claim is the one whole sentence its marker ends: the line is split where its
        // sentences end, and only there
        let mut texts: BTreeMap<&str, usize> = BTreeMap::new();
        for n in g.nodes.iter().filter(|n| n.kind == "claim") {
            *texts.entry(n.text.as_deref().unwrap_or("")).or_default() += 1;
        }
        let mut marked: BTreeMap<&str, usize> = BTreeMap::new();
        for k in 1..=notes {
            *marked
                .entry(SENTENCES[(k * LINE_MARK_EVERY - 1) % SENTENCES.len()])
                .or_default() += 1;
        }
        assert_eq!(texts, marked);
        // the entities the sentences name are found on the line, one node each
        for id in [
            "actor:united-states",
            "actor:india",
            "actor:narendra-modi",
            "agreement:beca",
        ] {
            assert_eq!(g.nodes.iter().filter(|n| n.id == id).count(), 1, "{id}");
        }
    });
}

fn check_many_notes(name: &str, notes: usize) {
    let (text, works) = many_notes(notes);
    build(name, &text, |g| {
        assert_eq!(g.count("claim"), notes, "a claim per marker");
        assert_eq!(
            g.count("source"),
            works,
            "Ibid. and a second citation are the same source"
        );
        assert_eq!(g.edges("cites"), notes, "a citation per note");
        assert!(g.graph.diagnostics.is_empty(), "{:?}", g.graph.diagnostics.first());
        for n in g.nodes.iter().filter(|n| n.kind == "claim") {
            let t = n.text.as_deref().unwrap_or("");
            assert!(SENTENCES.contains(&t), "a claim is one sentence: {t:?}");
        }
    });
}

#[test]
#[ignore = "full-size inputs: run in release by .ci/run"]
fn a_50_mb_single_line() {
    check_long_line("huge-line", 50_000_000);
}

#[test]
#[ignore = "full-size inputs: run in release by .ci/run"]
fn a_hundred_thousand_notes() {
    check_many_notes("huge-notes", 100_000);
}

/// The same inputs at a thousandth of the size or less, so the counts expected above are
/// checked on every run.
#[test]
fn huge_inputs_at_small_scale() {
    check_long_line("huge-line-small", 50_000);
    check_many_notes("huge-notes-small", 400);
}
