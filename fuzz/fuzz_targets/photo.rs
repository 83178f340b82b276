//! A photo as any bytes: decoded within its limits, or refused.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cvc::fuzz::photo(data);
});
