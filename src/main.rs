//! The `orderlab` command line (`orderlab --help`); everything lives in `orderlab::cli`.

fn main() -> std::process::ExitCode {
    orderlab::cli::main()
}
