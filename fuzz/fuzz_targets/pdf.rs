//! Whole PDF files through the PDF reader. A panic in the PDF crates is caught by the reader and
//! reported as a problem (the binary's behaviour); what this target is after is what cannot be
//! caught or answered: a hang, a stack overflow, memory without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libFuzzer's hook aborts on any panic; the reader's caught panics are not crashes
    QUIET.call_once(policykg::read::quiet_caught_panics);
    let mut diags = policykg::diag::Diagnostics::new();
    if let Ok(r) = policykg::read::read(policykg::read::Format::Pdf, data, &mut diags) {
        // every span of the document indexes its text
        for b in &r.doc.blocks {
            assert!(r.text.get(b.inline.full_span().range()).is_some());
        }
    }
});
