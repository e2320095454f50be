//! Command-line cases as data files: `tests/cmd/*.toml` (arguments, stdin, expected exit code)
//! with expected output in `*.stdout` / `*.stderr` beside them and fixtures in `*.in/` folders.
//! Regenerate expected output after a deliberate change with `TRYCMD=overwrite cargo test cli`.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("luxlint", std::path::Path::new(env!("CARGO_BIN_EXE_luxlint")))
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
