//! The graph JSON reader of `query`: any bytes give a graph or an error, never a panic, the
//! same from a slice and from a reader; and a graph read, written, read back and written again
//! gives the same bytes as the first time.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policykg::export::json;

fuzz_target!(|bytes: &[u8]| {
    let read = json::read(bytes);
    assert_eq!(read.is_ok(), json::read_from(bytes).is_ok(), "slice and reader disagree");
    if let Ok(g) = read {
        let once = json::write(&g);
        match json::read(&once) {
            Ok(again) => assert_eq!(json::write(&again), once, "a graph written twice differs"),
            Err(e) => panic!("what the writer wrote does not read back: {e}"),
        }
    }
});
