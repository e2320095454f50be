fn main() -> std::process::ExitCode {
    luxlint::cli::main()
}
