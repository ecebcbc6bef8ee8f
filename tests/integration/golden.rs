//! graphs/ is golden: the outputs for seeds/ are rebuilt in memory and compared byte for byte.
//! `POLICYKG_BLESS=1 cargo test` rewrites them.

use policykg::{io, Format};
use std::path::PathBuf;

#[test]
fn graphs_match_seeds() {
    let paths = io::discover(&[PathBuf::from("seeds")])
        .expect("seeds/ holds documents")
        .paths;
    let names = io::names(&paths);
    let bless = std::env::var_os("POLICYKG_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, name) in paths.iter().zip(&names) {
        let g = policykg::build_file(
            path,
            name,
            policykg::ReadOptions::default(),
            policykg::default_lexicon(),
        )
        .map(|(g, _)| g)
        .expect("seed builds");
        for (file, bytes) in policykg::render(name, &g, Format::DEFAULT) {
            let target = PathBuf::from("graphs").join(&file);
            if bless {
                io::write_atomic(&target, &bytes).expect("graphs/ is writable");
            } else if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
                stale.push(file);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "graphs/ is stale for {stale:?}: run `cargo run --release -- build` (or POLICYKG_BLESS=1 cargo test) and commit graphs/"
    );
}

#[test]
fn output_is_identical_across_runs() {
    let text = std::fs::read_to_string("seeds/india-us-defense-relations.md").expect("seed");
    let a = policykg::render("x", &policykg::build_text("x", "x.md", &text), Format::ALL);
    let b = policykg::render("x", &policykg::build_text("x", "x.md", &text), Format::ALL);
    assert_eq!(a, b);
}
