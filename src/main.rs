fn main() {
    // A panic is a bug in cvc, never the user's fault: say so, and what to send.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: cvc crashed: {info}\n  = note: this is a bug in cvc, not a problem in your files; \
             please report it with the files that cause it"
        );
    }));
    std::process::exit(cvc::run(std::env::args_os()));
}
