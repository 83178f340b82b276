//! A CV, a layout (or a built-in's name) and `--set` lines, separated by `%%cvc%%`
//! lines, built into PDF bytes. The photo of the academic example is at hand.
#![no_main]

use std::path::Path;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/academic");
    cvc::fuzz::pipeline(data, &dir);
});
