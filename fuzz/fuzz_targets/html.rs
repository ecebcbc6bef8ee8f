//! The HTML reader on any bytes: no panic (called directly, not behind the reader's
//! `catch_unwind`), every span inside the text it gives and every marker written `[n]` there.
//! The stages after it are fuzzed by `pipeline`: here every execution goes to the reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut diags = policykg::diag::Diagnostics::new();
    let Ok(r) = policykg::read::html::read(bytes, &mut diags) else {
        return;
    };
    for b in &r.doc.blocks {
        assert!(r.text.get(b.inline.full_span().range()).is_some(), "block span off the text");
        for m in &b.markers {
            assert_eq!(r.text.get(m.span.range()), Some(format!("[{}]", m.n).as_str()));
        }
    }
    for n in &r.doc.notes {
        assert!(r.text.get(n.span.range()).is_some(), "note span off the text");
    }
});
