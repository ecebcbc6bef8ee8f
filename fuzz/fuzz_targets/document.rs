//! The document reader on any text: no panic, every block's source span inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for syntax in [policykg::document::Syntax::Markdown, policykg::document::Syntax::Plain] {
        let mut diags = policykg::diag::Diagnostics::new();
        let doc = policykg::document::read_as(text, syntax, &mut diags);
        for b in &doc.blocks {
            let span = b.inline.full_span();
            assert!(span.end as usize <= text.len());
            for m in &b.markers {
                assert!(text.get(m.span.range()).is_some(), "marker span off a char boundary");
            }
        }
        let sentences = policykg::claims::sentences(&doc);
        let _ = policykg::claims::claims(&doc, &sentences);
    }
});
