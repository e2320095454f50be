//! The command-line front end: parses arguments, runs a command, returns the exit code.

pub mod args;
mod check_cmd;
mod progress;
pub mod rules_cmd;
mod scan_cmd;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::extract::Format;
pub use args::Cli;
use args::{ColorChoice, Command, InputFormat};

/// Exit codes fixed by the product specification.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const USAGE: u8 = 2;
}

/// Parses `std::env::args` and runs.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE } else { exit::CLEAN });
        }
    };
    ExitCode::from(run(cli))
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Scan(a) => scan_cmd::run(a),
        Command::Extract(a) => scan_cmd::extract(a),
        Command::Rules(a) => rules_cmd::run(a),
        Command::Check(a) => check_cmd::check(a),
        Command::Diff(a) => check_cmd::diff(a),
        Command::Config(a) => scan_cmd::config(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "luxlint: error: {e}");
            exit::USAGE
        }
    }
}

fn input_format(f: Option<InputFormat>) -> Option<Format> {
    f.map(|f| match f {
        InputFormat::Text => Format::Text,
        InputFormat::Pdf => Format::Pdf,
        InputFormat::Markdown => Format::Markdown,
        InputFormat::Html => Format::Html,
        InputFormat::Docx => Format::Docx,
        InputFormat::Odt => Format::Odt,
    })
}

/// Colour on a terminal unless `NO_COLOR` is set, or as forced.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}
