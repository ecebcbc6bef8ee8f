//! The note parser on any text: no panic, ranges inside the note.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let inl = policykg::document::inline::clean(text, 0);
    for c in policykg::notes::cite::parse_note(&inl.text, &inl.emphasis) {
        assert!(c.range.0 <= c.range.1 && c.range.1 <= inl.text.len());
    }
});
