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
    /// Checklist items per document (with evidence), per-country roll-up and indicators,
    /// plus the terminology findings.
    Check(CheckArgs),
    /// Checklist items gained, lost and changed between two versions of a law (files or folders).
    Diff(DiffArgs),
    /// Print the text exactly as luxlint scans it (the text that byte offsets index).
    Extract(ExtractArgs),
    /// List the rules, or explain one: what, why, alternatives, source.
    Rules(RulesArgs),
    /// Show the effective configuration (luxlint.toml and defaults).
    Config(ConfigArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective configuration as TOML.
    #[arg(long)]
    pub show: bool,
    #[command(flatten)]
    pub config: ConfigFileArgs,
}

/// Where the project configuration comes from.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigFileArgs {
    /// Configuration file (default: luxlint.toml in this folder or a parent).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<std::path::PathBuf>,
    /// Ignore any luxlint.toml.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
    Github,
    Checkstyle,
    Csv,
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
    /// Longest time spent reading one file, in seconds (a PDF that takes longer is reported as
    /// `too_large`, and the batch goes on).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub max_time: f64,
    /// Walk hidden files and files that `.gitignore` excludes.
    #[arg(long)]
    pub no_ignore: bool,
    /// No progress bar and no notes on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigFileArgs,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Output format (default: human on a terminal, json otherwise).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,
    /// Exit with 1 when a counted finding is at or above this level (default: the config's
    /// `fail-on`, else avoid).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// In the human view, leave out findings that do not count (titles, quotations).
    #[arg(long)]
    pub hide_exempt: bool,
    /// Trainer mode: add the reason in plain words and the sentence rewritten with the
    /// preferred wording to each finding, and a summary per document.
    #[arg(long)]
    pub explain: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<std::path::PathBuf>,
    /// Record the current findings in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Law,
    Policy,
    #[value(name = "un_report", alias = "un-report")]
    UnReport,
    Other,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Output format (default: human on a terminal, json otherwise). `csv` has one row per
    /// country × item.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<CheckFormat>,
    /// Treat every document as this kind instead of detecting it.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// The country of every document (ISO 3166-1 alpha-2), instead of the manifest or folders.
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// CSV with the header `path,country,kind,year` saying what each document is.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<std::path::PathBuf>,
    /// Exit with 1 when a counted terminology finding is at or above this level (default: never).
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on: FailOn,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older version: a file or a folder of a country's laws.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The newer version: a file or a folder.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Output format (default: human on a terminal, json otherwise).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<DiffFormat>,
    /// Treat every document as this kind instead of detecting it.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
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
    #[command(flatten)]
    pub config: ConfigFileArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
    /// The rules reference (docs/rules.md).
    Markdown,
}
