fn main() {
    std::process::exit(cvc::cli::run(std::env::args_os()));
}
