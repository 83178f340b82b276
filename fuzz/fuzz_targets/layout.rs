//! A layout file and `--set` lines (after a `%%cvc%%` line) as any bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cvc::fuzz::layout(data);
});
