//! `luxlint scan` and `luxlint extract`.

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::{Result, bail};

use super::args::{ExtractArgs, FailOn, InputArgs, OutputFormat, ScanArgs};
use super::progress::Progress;
use super::{exit, input_format, use_color};
use crate::batch::{self, Job, Loaded, ReadOptions};
use crate::engine::Engine;
use crate::extract::{ErrorKind, ExtractError, Limits};
use crate::report::checkstyle::CheckstyleReporter;
use crate::report::csv::CsvReporter;
use crate::report::github::GithubReporter;
use crate::report::human::HumanReporter;
use crate::report::json::{JsonLinesReporter, JsonReporter};
use crate::report::sarif::SarifReporter;
use crate::report::{FileReport, Reporter, Summary};
use crate::rules::{Level, RuleSet};

/// The engine for the requested languages: the shared built-in one, or a filtered copy.
pub(super) fn engine_for(lang: &[String]) -> Result<std::borrow::Cow<'static, Engine>> {
    let builtin = Engine::builtin()?;
    if lang.is_empty() {
        return Ok(std::borrow::Cow::Borrowed(builtin));
    }
    let known = builtin.rules.languages();
    if let Some(bad) = lang.iter().find(|l| !known.contains(l)) {
        bail!("no rules for language {bad:?} (available: {})", known.join(", "));
    }
    let mut rules: RuleSet = builtin.rules.clone();
    rules.retain_languages(lang);
    Ok(std::borrow::Cow::Owned(Engine::new(rules)))
}

pub(super) fn read_options(input: &InputArgs) -> ReadOptions {
    ReadOptions {
        limits: Limits { max_file_bytes: input.max_file_size, ..Limits::default() },
        input_format: input_format(input.input_format),
        no_ignore: input.no_ignore,
    }
}

pub(super) fn thread_count(requested: Option<usize>) -> Result<usize> {
    match requested {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// Reads and scans one job; a panic anywhere inside becomes an error on that file.
pub(super) fn scan_job(job: &Job, engine: &Engine, opts: &ReadOptions) -> Option<FileReport> {
    let outcome = batch::contain(|| match batch::load(job, opts) {
        Loaded::Document(format, doc) => {
            let scan = engine.scan(&doc);
            Some(FileReport::from_scan(job.display.clone(), format, &doc, &scan, engine))
        }
        Loaded::Failed(format, e) => Some(FileReport::failed(job.display.clone(), format, e)),
        Loaded::Skipped => None,
    });
    outcome.unwrap_or_else(|panic| {
        Some(FileReport::failed(
            job.display.clone(),
            None,
            ExtractError::new(
                ErrorKind::Malformed,
                format!("luxlint could not read this file (internal error: {panic})"),
            ),
        ))
    })
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
}

pub fn run(a: ScanArgs) -> Result<u8> {
    let engine = engine_for(&a.input.lang)?;
    let opts = read_options(&a.input);
    let threads = thread_count(a.input.threads)?;
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
    let render = |job: &Job| {
        scan_job(job, &engine, &opts).map(|report| {
            let mut summary = Summary::default();
            summary.add(&report);
            Rendered {
                bytes: reporter.render(&report),
                summary,
                failing: counts_for_exit(&report, a.fail_on),
                note: report.encoding.map(|enc| format!("{}: read as {enc}", report.path)),
            }
        })
    };
    let out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let (summary, failing, notes) = write_ordered(&jobs, threads, a.input.quiet, reporter.as_ref(), out, render)?;
    if !a.input.quiet {
        let mut err = io::stderr().lock();
        for n in notes {
            let _ = writeln!(err, "luxlint: note: {n}");
        }
    }
    let _ = summary;
    Ok(if failing { exit::FINDINGS } else { exit::CLEAN })
}

/// Runs `render` over the jobs in parallel and writes the results in order, framed by the
/// reporter; returns the summary, whether anything fails the run, and notes for stderr.
pub(super) fn write_ordered(
    jobs: &[Job],
    threads: usize,
    quiet: bool,
    reporter: &dyn Reporter,
    mut out: impl Write,
    render: impl Fn(&Job) -> Option<Rendered> + Sync,
) -> Result<(Summary, bool, Vec<String>)> {
    let mut progress = Progress::new(jobs.len(), jobs.iter().map(|j| j.size).sum(), quiet);
    let mut summary = Summary::default();
    let mut failing = false;
    let mut notes = Vec::new();
    let mut any = false;
    let mut result = out.write_all(&reporter.begin());
    batch::install_quiet_panic_hook();
    batch::run_ordered(jobs, threads, render, |i, rendered| {
        progress.file_done(jobs[i].size);
        let Some(r) = rendered else { return };
        summary.merge(&r.summary);
        failing |= r.failing;
        notes.extend(r.note);
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
    let finished = result.and_then(|_| out.write_all(&reporter.end(&summary, any))).and_then(|_| out.flush());
    if let Err(e) = finished
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        bail!("cannot write output: {e}");
    }
    Ok((summary, failing, notes))
}

pub fn extract(a: ExtractArgs) -> Result<u8> {
    let opts = ReadOptions {
        limits: Limits { max_file_bytes: a.max_file_size, ..Limits::default() },
        input_format: input_format(a.input_format),
        no_ignore: false,
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
