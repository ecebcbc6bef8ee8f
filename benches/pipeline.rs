//! `cargo bench`: the pipeline on the seed, whole and stage by stage, the corpus merge, and the
//! DOCX reader.
//!
//! Each benchmark reports bytes of input per second. The end-to-end figures on whole corpora,
//! with files read and written, come from `benches/corpus.sh` (see the README, "Corpora and
//! speed").
#![allow(clippy::expect_used, clippy::unwrap_used)]

use divan::counter::BytesCount;
use divan::Bencher;
use policykg::graph::KnowledgeGraph;
use policykg::Format;

// the allocator the command line uses (see src/main.rs)
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: &str = include_str!("../seeds/india-us-defense-relations.md");

fn main() {
    // build the lexicon and compile the regexes once, before anything is timed
    let _ = policykg::build_text("warm", "warm.md", SEED);
    divan::main();
}

/// Text → graph: every stage of one document, without I/O.
#[divan::bench]
fn build_seed(b: Bencher) {
    b.counter(BytesCount::of_str(SEED))
        .bench(|| policykg::build_text("seed", "seeds/seed.md", divan::black_box(SEED)));
}

/// One stage of the seed's build, the stages before it done once outside the timing: reading
/// the text into a document (`structure`), the notes and their sources (`notes`), sentences and
/// claims (`claims`), entities, relations and drivers (`extract`), the graph (`graph`). Bytes
/// of input per second, so that the stages compare with each other and with the whole.
#[divan::bench(args = ["structure", "notes", "claims", "extract", "graph"])]
fn stage(b: Bencher, stage: &str) {
    use policykg::{claims, diag::Diagnostics, document, extract, graph, notes, span::LineIndex};
    let lexicon = policykg::default_lexicon();
    let syntax = document::Syntax::of_path(std::path::Path::new("seed.md"));
    let doc = document::read_as(SEED, syntax, &mut Diagnostics::new());
    let sentences = claims::sentences(&doc);
    let found = claims::claims(&doc, &sentences);
    let notes = notes::resolve(&doc, &mut Diagnostics::new());
    let ex = extract::extract(&doc, &sentences, lexicon, &mut Diagnostics::new());
    let lines = LineIndex::new(SEED);
    let input = graph::Input {
        id: "seed",
        path: "seed.md",
        text: SEED,
        lines: &lines,
        layout: None,
    };
    let b = b.counter(BytesCount::of_str(SEED));
    match stage {
        "structure" => b.bench(|| document::read_as(divan::black_box(SEED), syntax, &mut Diagnostics::new())),
        "notes" => b.bench(|| notes::resolve(divan::black_box(&doc), &mut Diagnostics::new())),
        "claims" => b.bench(|| {
            let s = claims::sentences(divan::black_box(&doc));
            claims::claims(&doc, &s)
        }),
        "extract" => b.bench(|| extract::extract(divan::black_box(&doc), &sentences, lexicon, &mut Diagnostics::new())),
        _ => b.bench(|| graph::build(divan::black_box(&input), &doc, &found, &notes, &ex)),
    }
}

/// Graph → bytes: the default formats of one document.
#[divan::bench(args = ["json", "dot"])]
fn render_seed(b: Bencher, format: &str) {
    let g = policykg::build_text("seed", "seeds/seed.md", SEED);
    let formats = Format::parse_list(format).unwrap();
    b.counter(BytesCount::of_str(SEED))
        .bench(|| policykg::render("seed", divan::black_box(&g), &formats));
}

/// The DOCX fixtures (Word, LibreOffice, pandoc), 37 KB in all.
const DOCX: [&[u8]; 5] = [
    include_bytes!("../tests/fixtures/docx/word-footnotes.docx"),
    include_bytes!("../tests/fixtures/docx/endnotes.docx"),
    include_bytes!("../tests/fixtures/docx/foot-and-end.docx"),
    include_bytes!("../tests/fixtures/docx/tracked-changes.docx"),
    include_bytes!("../tests/fixtures/docx/pandoc.docx"),
];

/// DOCX → text and document: the reader alone (unzip, XML, styles, notes, the writer), bytes
/// of the `.docx` files per second.
#[divan::bench]
fn read_docx(b: Bencher) {
    b.counter(BytesCount::new(DOCX.iter().map(|f| f.len()).sum::<usize>()))
        .bench(|| {
            for f in DOCX {
                let mut diags = policykg::diag::Diagnostics::new();
                let _ = divan::black_box(policykg::read::docx::read(divan::black_box(f), &mut diags));
            }
        });
}

/// Copies of the seed with the title and years varied, as document graphs.
fn copies(n: usize) -> Vec<KnowledgeGraph> {
    (0..n)
        .map(|i| {
            let text = SEED
                .replacen('\n', &format!(" (copy {i})\n"), 1)
                .replace("2025", &format!("20{}", 10 + i % 10));
            policykg::build_text(&format!("seed-{i:03}"), "seed.md", &text)
        })
        .collect()
}

/// The corpus merge of 2, 8 and 32 document graphs (absorb each, unite keys, sort).
#[divan::bench(args = [2, 8, 32])]
fn merge(b: Bencher, n: usize) {
    let graphs = copies(n);
    b.counter(BytesCount::new(SEED.len() * n))
        .with_inputs(|| graphs.clone())
        .bench_values(|graphs| {
            let mut corpus = KnowledgeGraph::new();
            for g in graphs {
                corpus.absorb(g);
            }
            corpus.finish_corpus();
            corpus
        });
}

/// The viewer's placement of one component of `n` entities, shaped as a corpus's actors are:
/// a few hubs (the states every paper names), each with its crowd of people and firms. Every
/// pair of nodes is compared up to `force::EXACT_MAX` nodes, a quadtree and a grid beyond
/// (n log n a round); nodes per second.
#[divan::bench(args = [400, 4000, 20000], sample_count = 3, sample_size = 1)]
fn viewer_layout(b: Bencher, n: usize) {
    use petgraph::graph::UnGraph;
    // `cargo test` runs each benchmark once, unoptimised: there, a thousand nodes at most
    let n = if cfg!(debug_assertions) { n.min(1000) } else { n };
    use policykg::export::html::force::{layout, Extent};
    let mut g = UnGraph::<Extent, ()>::new_undirected();
    let boxed = Extent {
        left: 40.0,
        right: 40.0,
        up: 8.0,
        down: 24.0,
    };
    let at = petgraph::graph::NodeIndex::new;
    for _ in 0..n {
        g.add_node(boxed);
    }
    let hubs = n / 100 + 1;
    for i in 1..n {
        // a leaf joins its hub, a hub the one before it
        let to = if i >= hubs { i % hubs } else { i - 1 };
        g.add_edge(at(i), at(to), ());
    }
    b.counter(divan::counter::ItemsCount::new(n))
        .bench(|| layout(divan::black_box(&g), 95.0, 7));
}
