//! `luxlint scan` and `luxlint extract`.

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::{Result, bail};

use std::sync::Mutex;

use super::args::{ConfigArgs, ConfigFileArgs, ExtractArgs, FailOn, InputArgs, OutputFormat, ScanArgs};
use super::progress::Progress;
use super::{exit, input_format, use_color};
use crate::baseline::{self, Baseline};
use crate::batch::{self, Job, Loaded, ReadOptions, Source};
use crate::config::{Config, FailLevel};
use crate::engine::Engine;
use crate::extract::{ErrorKind, ExtractError, Limits};
use crate::judge::sidecar;
use crate::report::checkstyle::CheckstyleReporter;
use crate::report::csv::CsvReporter;
use crate::report::github::GithubReporter;
use crate::report::human::HumanReporter;
use crate::report::json::{JsonLinesReporter, JsonReporter};
use crate::report::sarif::SarifReporter;
use crate::report::{FileReport, ReportOptions, Reporter, Summary};
use crate::rules::Level;

/// The project configuration: `--config`, else luxlint.toml found from the current folder up,
/// unless `--no-config`.
pub(super) fn load_config(args: &ConfigFileArgs) -> Result<Config> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(p) => {
            if !p.is_file() {
                bail!("{}: no such configuration file", p.display());
            }
            Some(p.clone())
        }
        None => std::env::current_dir().ok().and_then(|d| Config::discover(&d)),
    };
    Ok(match path {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    })
}

/// The engine for the configuration and the requested languages: the shared built-in one when
/// nothing changes it, or one made for them.
pub(super) fn engine_for(lang: &[String], config: &Config) -> Result<std::borrow::Cow<'static, Engine>> {
    let builtin = Engine::builtin()?;
    let known = builtin.rules.languages();
    if let Some(bad) = lang.iter().find(|l| !known.contains(l)) {
        bail!("no rules for language {bad:?} (available: {})", known.join(", "));
    }
    if lang.is_empty() && config.file.is_none() {
        return Ok(std::borrow::Cow::Borrowed(builtin));
    }
    let mut config = config.clone();
    if !lang.is_empty() {
        config.languages = Some(lang.to_vec());
    }
    Ok(std::borrow::Cow::Owned(Engine::with_config(&config)?))
}

pub(super) fn read_options(input: &InputArgs, config: &Config) -> Result<ReadOptions> {
    let overrides = if config.include.is_empty() && config.exclude.is_empty() {
        None
    } else {
        let mut b = ignore::overrides::OverrideBuilder::new(config.base());
        for g in &config.include {
            b.add(g)?;
        }
        for g in &config.exclude {
            b.add(&format!("!{g}"))?;
        }
        Some(b.build()?)
    };
    Ok(ReadOptions {
        limits: Limits {
            max_file_bytes: input.max_file_size,
            max_millis: (input.max_time.clamp(0.1, 86_400.0) * 1000.0) as u64,
            ..Limits::default()
        },
        input_format: input_format(input.input_format),
        no_ignore: input.no_ignore,
        overrides,
    })
}

pub(super) fn thread_count(requested: Option<usize>) -> Result<usize> {
    match requested {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// Everything a worker needs to scan a job.
pub(super) struct Scanner<'a> {
    pub engine: &'a Engine,
    pub opts: &'a ReadOptions,
    pub report: ReportOptions,
    pub baseline: Option<&'a Baseline>,
    /// Problems with sidecar ignore files (configuration errors: exit code 2).
    pub config_errors: &'a Mutex<Vec<String>>,
}

impl Scanner<'_> {
    /// Reads and scans one job; a panic anywhere inside becomes an error on that file.
    pub(super) fn scan(&self, job: &Job) -> Option<(FileReport, usize)> {
        let outcome = batch::contain(|| match batch::load(job, self.opts) {
            Loaded::Document(format, doc) => {
                let scan = self.engine.scan(&doc);
                let mut report =
                    FileReport::from_scan_with(job.display.clone(), format, &doc, &scan, self.engine, self.report);
                if let Source::File(path) = &job.source {
                    match sidecar::load(path) {
                        Ok(entries) => sidecar::apply(&entries, &mut report, |id| {
                            self.engine.rules.get(id).map(|r| r.concept.clone())
                        }),
                        Err(e) => self.config_errors.lock().unwrap_or_else(|p| p.into_inner()).push(e.to_string()),
                    }
                }
                let baselined = self.baseline.map_or(0, |b| b.filter(&mut report));
                Some((report, baselined))
            }
            Loaded::Failed(format, e) => Some((FileReport::failed(job.display.clone(), format, e), 0)),
            Loaded::Skipped => None,
        });
        outcome.unwrap_or_else(|panic| {
            let e = ExtractError::new(
                ErrorKind::Malformed,
                format!("luxlint could not read this file (internal error: {panic})"),
            );
            Some((FileReport::failed(job.display.clone(), None, e), 0))
        })
    }
}

fn counts_for_exit(report: &FileReport, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Avoid => Level::Avoid,
        FailOn::Caution => Level::Caution,
        FailOn::Never => return false,
    };
    report.findings.iter().any(|f| f.counts() && f.level >= threshold)
}

/// What the ordered writer needs from one scanned file; the file's output is already rendered.
pub(super) struct Rendered {
    pub bytes: Vec<u8>,
    pub summary: Summary,
    pub failing: bool,
    pub note: Option<String>,
    /// Counted findings, for `--write-baseline`.
    pub baseline: Vec<baseline::Entry>,
    /// Findings left out because the baseline holds them.
    pub baselined: usize,
}

fn fail_level(cli: Option<FailOn>, config: &Config) -> FailOn {
    cli.unwrap_or(match config.fail_on {
        Some(FailLevel::Caution) => FailOn::Caution,
        Some(FailLevel::Never) => FailOn::Never,
        Some(FailLevel::Avoid) | None => FailOn::Avoid,
    })
}

pub fn run(a: ScanArgs) -> Result<u8> {
    let config = load_config(&a.input.config)?;
    let engine = engine_for(&a.input.lang, &config)?;
    let opts = read_options(&a.input, &config)?;
    let threads = thread_count(a.input.threads)?;
    let fail_on = fail_level(a.fail_on, &config);
    let baseline = a.baseline.as_deref().map(Baseline::load).transpose()?;
    let jobs = batch::collect_jobs(&a.paths, &opts)?;
    let stdout = io::stdout();
    let format = a.format.unwrap_or(if stdout.is_terminal() { OutputFormat::Human } else { OutputFormat::Json });
    let reporter: Box<dyn Reporter> = match format {
        OutputFormat::Json => Box::new(JsonReporter),
        OutputFormat::Jsonl => Box::new(JsonLinesReporter),
        OutputFormat::Sarif => Box::new(SarifReporter::new(&engine)),
        OutputFormat::Github => Box::new(GithubReporter),
        OutputFormat::Checkstyle => Box::new(CheckstyleReporter),
        OutputFormat::Csv => Box::new(CsvReporter),
        OutputFormat::Human => {
            let mut h = HumanReporter::new(use_color(a.input.color));
            h.show_exempt = !a.hide_exempt;
            Box::new(h)
        }
    };
    let config_errors = Mutex::new(Vec::new());
    let scanner = Scanner {
        engine: &engine,
        opts: &opts,
        report: ReportOptions { explain: a.explain, fingerprints: a.baseline.is_some() || a.write_baseline.is_some() },
        baseline: baseline.as_ref(),
        config_errors: &config_errors,
    };
    let record = a.write_baseline.is_some();
    let render = |job: &Job| {
        scanner.scan(job).map(|(report, baselined)| {
            let mut summary = Summary::default();
            summary.add(&report);
            Rendered {
                bytes: reporter.render(&report),
                summary,
                failing: counts_for_exit(&report, fail_on),
                note: report.encoding.map(|enc| format!("{}: read as {enc}", report.path)),
                baseline: if record { baseline::entries(&report) } else { Vec::new() },
                baselined,
            }
        })
    };
    let out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let outcome = write_ordered(&jobs, threads, a.input.quiet, reporter.as_ref(), out, render)?;
    let errors = config_errors.into_inner().unwrap_or_else(|p| p.into_inner());
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("luxlint: error: {e}");
        }
        return Ok(exit::USAGE);
    }
    if let Some(path) = &a.write_baseline {
        baseline::write(path, outcome.baseline)
            .map_err(|e| anyhow::anyhow!("{}: cannot write baseline: {e}", path.display()))?;
    }
    if !a.input.quiet {
        let mut err = io::stderr().lock();
        for n in &outcome.notes {
            let _ = writeln!(err, "luxlint: note: {n}");
        }
        if outcome.baselined > 0 {
            let _ = writeln!(
                err,
                "luxlint: note: {} finding(s) already in the baseline were not reported",
                outcome.baselined
            );
        }
        if let Some(path) = &a.write_baseline {
            let _ = writeln!(err, "luxlint: note: baseline written to {}", path.display());
        }
    }
    Ok(if outcome.failing { exit::FINDINGS } else { exit::CLEAN })
}

/// What a batch came to.
pub(super) struct Outcome {
    pub summary: Summary,
    pub failing: bool,
    pub notes: Vec<String>,
    pub baseline: Vec<baseline::Entry>,
    pub baselined: usize,
}

/// Runs `render` over the jobs in parallel and writes the results in order, framed by the
/// reporter.
pub(super) fn write_ordered(
    jobs: &[Job],
    threads: usize,
    quiet: bool,
    reporter: &dyn Reporter,
    mut out: impl Write,
    render: impl Fn(&Job) -> Option<Rendered> + Sync,
) -> Result<Outcome> {
    let mut progress = Progress::new(jobs.len(), jobs.iter().map(|j| j.size).sum(), quiet);
    let mut o =
        Outcome { summary: Summary::default(), failing: false, notes: Vec::new(), baseline: Vec::new(), baselined: 0 };
    let mut any = false;
    let mut result = out.write_all(&reporter.begin());
    batch::install_quiet_panic_hook();
    batch::run_ordered(jobs, threads, render, |i, rendered| {
        progress.file_done(jobs[i].size);
        let Some(r) = rendered else { return };
        o.summary.merge(&r.summary);
        o.failing |= r.failing;
        o.notes.extend(r.note);
        o.baseline.extend(r.baseline);
        o.baselined += r.baselined;
        if result.is_ok() && !r.bytes.is_empty() {
            if any {
                result = out.write_all(reporter.separator());
            }
            any = true;
            if result.is_ok() {
                result = out.write_all(&r.bytes);
            }
        }
    })
    .map_err(anyhow::Error::msg)?;
    progress.finish();
    let finished = result.and_then(|_| out.write_all(&reporter.end(&o.summary, any))).and_then(|_| out.flush());
    if let Err(e) = finished
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        bail!("cannot write output: {e}");
    }
    Ok(o)
}

/// `luxlint config --show`.
pub fn config(a: ConfigArgs) -> Result<u8> {
    let config = load_config(&a.config)?;
    // Check that the configuration applies (packs load, languages exist).
    engine_for(&[], &config)?;
    if a.show {
        print!("{}", config.to_toml());
    } else {
        match &config.file {
            Some(f) => println!("{}: valid (`luxlint config --show` prints the effective configuration)", f.display()),
            None => println!("no luxlint.toml found; built-in defaults apply"),
        }
    }
    Ok(exit::CLEAN)
}

pub fn extract(a: ExtractArgs) -> Result<u8> {
    let opts = ReadOptions {
        limits: Limits { max_file_bytes: a.max_file_size, ..Limits::default() },
        input_format: input_format(a.input_format),
        no_ignore: false,
        overrides: None,
    };
    if a.file != "-" && std::path::Path::new(&a.file).is_dir() {
        bail!("{}: extract takes one file, not a folder", a.file);
    }
    let jobs = batch::collect_jobs(std::slice::from_ref(&a.file), &opts)?;
    let Some(job) = jobs.into_iter().next() else { bail!("{}: nothing to extract", a.file) };
    batch::install_quiet_panic_hook();
    let loaded = batch::contain(|| batch::load(&job, &opts)).unwrap_or_else(|p| {
        Loaded::Failed(None, ExtractError::new(ErrorKind::Malformed, format!("internal error: {p}")))
    });
    match loaded {
        Loaded::Document(_, doc) => {
            let mut out = io::stdout().lock();
            let text =
                if a.normalized { crate::text::normalize_marked(&doc.text, &doc.marks()).text } else { doc.text };
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    bail!("cannot write output: {e}")
                }
                _ => Ok(exit::CLEAN),
            }
        }
        Loaded::Failed(_, e) => {
            let _ = writeln!(io::stderr(), "luxlint: {}: cannot read: {e}", job.display);
            Ok(exit::FINDINGS)
        }
        Loaded::Skipped => Ok(exit::CLEAN),
    }
}
