//! `cv.toml` as any bytes: read and checked, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cvc::fuzz::cv(data);
});
