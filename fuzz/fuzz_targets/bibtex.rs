//! A `.bib` file as any bytes: imported into a fixed CV's sections and set, never
//! a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cvc::fuzz::bibtex(data);
});
