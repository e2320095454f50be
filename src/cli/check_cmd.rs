//! `luxlint check` and `luxlint diff`.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{Result, bail};

use super::args::{CheckArgs, CheckFormat, DiffArgs, DiffFormat, FailOn, KindArg};
use super::scan_cmd::{engine_for, load_config, read_options, thread_count};
use super::{exit, use_color};
use crate::batch::{self, Job, Loaded, ReadOptions, Source};
use crate::checklist::country::{self, Manifest};
use crate::checklist::{self, Checked, DocKind, Evaluator, Status};
use crate::engine::Engine;
use crate::extract::{Document, ErrorKind, ExtractError, Format};
use crate::lang;
use crate::report::check::{self as out, CheckedDocument, ReportEvidence, ReportItem};
use crate::report::json::TOOL;
use crate::report::{FileReport, span_of};
use crate::rules::Level;
use crate::text::LineIndex;

fn kind_of(k: Option<KindArg>) -> Option<DocKind> {
    k.map(|k| match k {
        KindArg::Law => DocKind::Law,
        KindArg::Policy => DocKind::Policy,
        KindArg::UnReport => DocKind::UnReport,
        KindArg::Other => DocKind::Other,
    })
}

/// Where a document's country and kind come from: the command line, a manifest, its folder.
struct Context {
    country: Option<String>,
    kind: Option<DocKind>,
    manifest: Option<Manifest>,
}

impl Context {
    fn country_of(&self, job: &Job, doc: &Document, kind: Option<DocKind>) -> Option<String> {
        if let Some(c) = &self.country {
            return Some(c.clone());
        }
        let path = match &job.source {
            Source::File(p) => Some(p.as_path()),
            Source::Stdin => None,
        };
        if let (Some(m), Some(p)) = (&self.manifest, path)
            && let Some(c) = m.get(p).and_then(|e| e.country.clone())
        {
            return Some(c);
        }
        path.and_then(country::from_path)
            .or_else(|| country::from_un_symbol(&doc.text))
            .or_else(|| (kind == Some(DocKind::UnReport)).then(|| country::from_un_title(&doc.text)).flatten())
    }

    fn kind_of(&self, job: &Job) -> Option<DocKind> {
        self.kind.or_else(|| match (&self.manifest, &job.source) {
            (Some(m), Source::File(p)) => m.get(p).and_then(|e| e.kind),
            _ => None,
        })
    }
}

/// Reads, scans and checks one job.
fn check_job(
    job: &Job,
    engine: &Engine,
    checklist: &Evaluator,
    opts: &ReadOptions,
    ctx: &Context,
) -> Option<CheckedDocument> {
    let outcome = batch::contain(|| match batch::load(job, opts) {
        Loaded::Document(format, doc) => Some(check_document(job, format, &doc, engine, checklist, ctx)),
        Loaded::Failed(format, e) => Some(failed(job, format, e)),
        Loaded::Skipped => None,
    });
    outcome.unwrap_or_else(|panic| {
        let e = ExtractError::new(
            ErrorKind::Malformed,
            format!("luxlint could not read this file (internal error: {panic})"),
        );
        Some(failed(job, None, e))
    })
}

fn failed(job: &Job, format: Option<Format>, e: ExtractError) -> CheckedDocument {
    CheckedDocument {
        file: FileReport::failed(job.display.clone(), format, e),
        kind: None,
        country: None,
        language: None,
        items: Vec::new(),
    }
}

fn check_document(
    job: &Job,
    format: Format,
    doc: &Document,
    engine: &Engine,
    checklist: &Evaluator,
    ctx: &Context,
) -> CheckedDocument {
    let scan = engine.scan(doc);
    let result = checklist.evaluate(doc, &scan, ctx.kind_of(job));
    let index = LineIndex::new(&doc.text);
    let items = result
        .items
        .iter()
        .map(|r| ReportItem {
            id: r.id.clone(),
            status: r.status,
            evidence: r
                .evidence
                .iter()
                .map(|e| ReportEvidence {
                    span: span_of(doc, &index, &e.range),
                    section: e.section.clone(),
                    excerpt: e.excerpt.clone(),
                    path: None,
                })
                .collect(),
        })
        .collect();
    CheckedDocument {
        file: FileReport::from_scan(job.display.clone(), format, doc, &scan, engine),
        kind: Some(result.kind.as_str()),
        country: ctx.country_of(job, doc, Some(result.kind)),
        language: scan.language.or_else(|| lang::detect(&doc.text)),
        items,
    }
}

fn context(country: Option<&String>, kind: Option<KindArg>, manifest: Option<&Path>) -> Result<Context> {
    let country = match country {
        Some(c) => {
            let c = c.to_ascii_uppercase();
            if !country::is_country_code(&c) {
                bail!("--country {c:?} is not an ISO 3166-1 alpha-2 code");
            }
            Some(c)
        }
        None => None,
    };
    let manifest = manifest.map(Manifest::load).transpose()?;
    Ok(Context { country, kind: kind_of(kind), manifest })
}

fn fails(d: &CheckedDocument, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Avoid => Level::Avoid,
        FailOn::Caution => Level::Caution,
        FailOn::Never => return false,
    };
    d.file.findings.iter().any(|f| f.counts() && f.level >= threshold)
}

/// What the ordered writer keeps of each document for the roll-up.
struct Kept {
    path: String,
    country: Option<String>,
    statuses: Vec<Status>,
}

pub fn check(a: CheckArgs) -> Result<u8> {
    let config = load_config(&a.input.config)?;
    let engine = engine_for(&a.input.lang, &config)?;
    let checklist = checklist::builtin()?;
    let ctx = context(a.country.as_ref(), a.kind, a.manifest.as_deref())?;
    let opts = read_options(&a.input, &config)?;
    let threads = thread_count(a.input.threads)?;
    let jobs = batch::collect_jobs(&a.paths, &opts)?;
    let stdout = io::stdout();
    let format = a.format.unwrap_or(if stdout.is_terminal() { CheckFormat::Human } else { CheckFormat::Json });
    let color = use_color(a.input.color);
    let bold = move |s: &str| if color { format!("\x1b[1m{s}\x1b[0m") } else { s.to_string() };
    let mut writer = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut kept: Vec<Kept> = Vec::new();
    let mut failing = false;
    let mut any = false;
    let mut result = if format == CheckFormat::Json { writer.write_all(&out::json_begin()) } else { Ok(()) };
    let mut progress = super::progress::Progress::new(jobs.len(), jobs.iter().map(|j| j.size).sum(), a.input.quiet);
    batch::install_quiet_panic_hook();
    batch::run_ordered(
        &jobs,
        threads,
        |job| {
            check_job(job, &engine, checklist, &opts, &ctx).map(|d| {
                let bytes = match format {
                    CheckFormat::Json => out::json_document(&d),
                    CheckFormat::Human => out::human_document(&d, &checklist.items, &bold),
                    CheckFormat::Csv => Vec::new(),
                };
                (d, bytes)
            })
        },
        |i, r| {
            progress.file_done(jobs[i].size);
            let Some((d, bytes)) = r else { return };
            failing |= fails(&d, a.fail_on);
            if d.file.error.is_none() {
                kept.push(Kept {
                    path: d.file.path.clone(),
                    country: d.country.clone(),
                    statuses: d.items.iter().map(|i| i.status).collect(),
                });
            }
            if result.is_ok() && !bytes.is_empty() {
                if any && format == CheckFormat::Json {
                    result = writer.write_all(b",");
                }
                any = true;
                if result.is_ok() {
                    result = writer.write_all(&bytes);
                }
            }
        },
    )
    .map_err(anyhow::Error::msg)?;
    progress.finish();
    let checked: Vec<Checked<'_>> =
        kept.iter().map(|k| Checked { path: &k.path, country: k.country.as_deref(), statuses: &k.statuses }).collect();
    let countries = checklist::rollup::rollup(&checklist.items, &checked);
    let tail = match format {
        CheckFormat::Json => out::json_end(&countries, any),
        CheckFormat::Csv => out::csv(&checklist.items, &countries),
        CheckFormat::Human => out::human_countries(&countries, &bold),
    };
    let finished = result.and_then(|_| writer.write_all(&tail)).and_then(|_| writer.flush());
    if let Err(e) = finished
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        bail!("cannot write output: {e}");
    }
    Ok(if failing { exit::FINDINGS } else { exit::CLEAN })
}

/// The best status of each item over a set of documents, with the evidence of the documents
/// that reach it.
fn best_by_item(docs: &[CheckedDocument], n_items: usize) -> Vec<(Status, Vec<ReportEvidence>)> {
    (0..n_items)
        .map(|i| {
            let best =
                docs.iter().filter_map(|d| d.items.get(i)).map(|r| r.status).max().unwrap_or(Status::NotApplicable);
            let evidence = docs
                .iter()
                .filter(|d| d.items.get(i).is_some_and(|r| r.status == best && best > Status::Absent))
                .flat_map(|d| {
                    d.items[i].evidence.iter().map(|e| ReportEvidence { path: Some(d.file.path.clone()), ..e.clone() })
                })
                .collect();
            (best, evidence)
        })
        .collect()
}

fn check_side(
    path: &str,
    a: &DiffArgs,
    engine: &Engine,
    checklist: &Evaluator,
    ctx: &Context,
) -> Result<Vec<CheckedDocument>> {
    let opts = read_options(&a.input, &load_config(&a.input.config)?)?;
    let threads = thread_count(a.input.threads)?;
    let jobs = batch::collect_jobs(&[path.to_string()], &opts)?;
    let mut docs = Vec::new();
    batch::install_quiet_panic_hook();
    batch::run_ordered(&jobs, threads, |job| check_job(job, engine, checklist, &opts, ctx), |_, d| docs.extend(d))
        .map_err(anyhow::Error::msg)?;
    if !a.input.quiet {
        for d in docs.iter().filter(|d| d.file.error.is_some()) {
            if let Some(e) = &d.file.error {
                eprintln!("luxlint: note: {}: cannot read: {}: {}", d.file.path, e.kind.as_str(), e.message);
            }
        }
    }
    Ok(docs.into_iter().filter(|d| d.file.error.is_none()).collect())
}

pub fn diff(a: DiffArgs) -> Result<u8> {
    let engine = engine_for(&a.input.lang, &load_config(&a.input.config)?)?;
    let checklist = checklist::builtin()?;
    let ctx = context(None, a.kind, None)?;
    let old_docs = check_side(&a.old, &a, &engine, checklist, &ctx)?;
    let new_docs = check_side(&a.new, &a, &engine, checklist, &ctx)?;
    let n = checklist.items.len();
    let (old, new) = (best_by_item(&old_docs, n), best_by_item(&new_docs, n));
    let sections = |ev: &[ReportEvidence]| -> Vec<String> {
        let mut s: Vec<String> = ev.iter().map(|e| e.section.clone()).collect();
        s.sort();
        s.dedup();
        s
    };
    let mut changes = Vec::new();
    for (i, item) in checklist.items.iter().enumerate() {
        let ((os, oe), (ns, ne)) = (&old[i], &new[i]);
        let direction = if ns > os {
            "gained"
        } else if ns < os {
            "lost"
        } else if *ns > Status::Absent && (sections(oe) != sections(ne) || excerpts(oe) != excerpts(ne)) {
            "changed"
        } else {
            continue;
        };
        changes.push((item, *os, *ns, direction, oe, ne));
    }
    let stdout = io::stdout();
    let format = a.format.unwrap_or(if stdout.is_terminal() { DiffFormat::Human } else { DiffFormat::Json });
    let mut w = BufWriter::new(stdout.lock());
    match format {
        DiffFormat::Json => {
            let wire = out::WireDiff {
                schema_version: crate::report::json::SCHEMA_VERSION,
                tool: &TOOL,
                old: &a.old,
                new: &a.new,
                changes: changes
                    .iter()
                    .map(|(item, os, ns, dir, oe, ne)| out::WireChange {
                        id: &item.id,
                        old_status: os.as_str(),
                        new_status: ns.as_str(),
                        direction: dir,
                        old_evidence: oe.iter().map(out::WireEvidenceOut::new).collect(),
                        new_evidence: ne.iter().map(out::WireEvidenceOut::new).collect(),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut w, &wire)?;
            writeln!(w)?;
        }
        DiffFormat::Human => {
            writeln!(w, "{} → {}", a.old, a.new)?;
            if changes.is_empty() {
                writeln!(w, "  no checklist item changed")?;
            }
            let by_dir: BTreeMap<&str, usize> = changes.iter().fold(BTreeMap::new(), |mut m, c| {
                *m.entry(c.3).or_default() += 1;
                m
            });
            for (item, os, ns, dir, oe, ne) in &changes {
                let secs = |ev: &[ReportEvidence]| sections(ev).join("; ");
                writeln!(w, "  {dir:<8} {} {}: {os} → {ns}", item.id, item.title)?;
                if !oe.is_empty() {
                    writeln!(w, "           before: {}", secs(oe))?;
                }
                if !ne.is_empty() {
                    writeln!(w, "           after:  {}", secs(ne))?;
                }
            }
            let summary: Vec<String> = by_dir.iter().map(|(d, n)| format!("{n} {d}")).collect();
            if !summary.is_empty() {
                writeln!(w, "{}", summary.join(", "))?;
            }
        }
    }
    match w.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => bail!("cannot write output: {e}"),
        _ => Ok(exit::CLEAN),
    }
}

fn excerpts(ev: &[ReportEvidence]) -> Vec<&str> {
    let mut v: Vec<&str> = ev.iter().map(|e| e.excerpt.as_str()).collect();
    v.sort();
    v
}
