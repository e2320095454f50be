//! Command-line arguments, close to argv. Validation and defaults happen in the commands.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "luxlint",
    version,
    about = "Finds wording the Luxembourg Terminology Guidelines ask writers to avoid, and checks laws against a legal checklist on the sexual exploitation of children.",
    after_help = "Exit codes: 0 nothing at or above the fail level; 1 findings at or above --fail-on; 2 usage, configuration or rule error, or a missing path."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report terminology findings in files, folders or `-` (standard input).
    Scan(ScanArgs),
    /// Print the text exactly as luxlint scans it (the text that byte offsets index).
    Extract(ExtractArgs),
    /// List the rules, or explain one: what, why, alternatives, source.
    Rules(RulesArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Avoid,
    Caution,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Text,
    Pdf,
    Markdown,
    Html,
    Docx,
    Odt,
}

/// Options shared by the commands that read documents.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Only rules of these languages (comma-separated ISO 639-1 codes, e.g. `en,fr`).
    #[arg(long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,
    /// Read every input as this format instead of guessing from the extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Largest file to read, in bytes (larger files are reported as `too_large`).
    #[arg(long, value_name = "BYTES", default_value_t = 512 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Walk hidden files and files that `.gitignore` excludes.
    #[arg(long)]
    pub no_ignore: bool,
    /// No progress bar and no notes on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Output format (default: human on a terminal, json otherwise).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,
    /// Exit with 1 when a counted finding is at or above this level.
    #[arg(long, value_enum, default_value_t = FailOn::Avoid)]
    pub fail_on: FailOn,
    /// In the human view, leave out findings that do not count (titles, quotations).
    #[arg(long)]
    pub hide_exempt: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The file to extract (or `-`).
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Read the input as this format instead of guessing from the extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Largest file to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 512 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Print the normalised text the matcher sees instead of the document text.
    #[arg(long)]
    pub normalized: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule id to explain (e.g. `en.child-prostitution`).
    pub id: Option<String>,
    /// Only rules of these languages.
    #[arg(long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
    /// Print every expanded phrase, one per line (for comparing with other tools).
    #[arg(long, conflicts_with = "id")]
    pub phrases: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}
