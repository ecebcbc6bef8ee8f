//! The graph JSON reader (`query`, `check`): any bytes give a graph or an error, never a panic,
//! and a graph read is written back as bytes that read back to the same graph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policykg::export::json;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(g) = json::read(bytes) {
        let once = json::write(&g);
        match json::read(&once) {
            Ok(again) => assert_eq!(json::write(&again), once, "a graph written twice differs"),
            Err(e) => panic!("what the writer wrote does not read back: {e}"),
        }
    }
});
