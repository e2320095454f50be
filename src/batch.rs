//! Batches: turning command-line paths into jobs (walking folders in parallel, honouring
//! `.gitignore`), reading each job into a [`Document`], and running jobs on a thread pool while
//! delivering results in path order, so output is the same whatever the thread count.

use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use crate::extract::{self, Document, ErrorKind, ExtractError, Format, Limits, PathClass, classify_path};

/// Where a job's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// One input to process.
#[derive(Debug, Clone)]
pub struct Job {
    /// The path as reported (as given on the command line, or joined under a walked folder).
    pub display: String,
    pub source: Source,
    /// Size in bytes when known, for progress.
    pub size: u64,
    /// Named on the command line (read even if it looks binary, and then reported as such).
    pub explicit: bool,
    /// An error already known when walking (e.g. permission denied on a folder).
    pub walk_error: Option<String>,
}

/// A path on the command line that does not exist, or another usage problem (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub limits: Limits,
    /// Read every input as this format instead of guessing from its extension.
    pub input_format: Option<Format>,
    /// Also walk hidden files and ignore `.gitignore` rules.
    pub no_ignore: bool,
    /// Include/exclude globs of the project configuration, applied to walked folders.
    pub overrides: Option<ignore::overrides::Override>,
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().into_owned();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Expands the command-line paths into jobs, sorted by path. A missing path is a usage error.
pub fn collect_jobs(paths: &[String], opts: &ReadOptions) -> Result<Vec<Job>, UsageError> {
    let mut jobs = Vec::new();
    let mut stdin_seen = false;
    for p in paths {
        if p == "-" {
            if stdin_seen {
                return Err(UsageError("`-` (standard input) may be given only once".into()));
            }
            stdin_seen = true;
            jobs.push(Job { display: "-".into(), source: Source::Stdin, size: 0, explicit: true, walk_error: None });
            continue;
        }
        let path = Path::new(p);
        let meta = std::fs::metadata(path).map_err(|e| UsageError(format!("{p}: {}", io_reason(&e))))?;
        if meta.is_dir() {
            walk(path, opts, &mut jobs);
        } else {
            jobs.push(Job {
                display: display_path(path),
                source: Source::File(path.to_path_buf()),
                size: meta.len(),
                explicit: true,
                walk_error: None,
            });
        }
    }
    jobs.sort_by(|a, b| a.display.cmp(&b.display));
    jobs.dedup_by(|a, b| a.display == b.display);
    Ok(jobs)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn walk(root: &Path, opts: &ReadOptions, jobs: &mut Vec<Job>) {
    let found = Mutex::new(Vec::new());
    let mut builder = ignore::WalkBuilder::new(root);
    builder.require_git(false).follow_links(false);
    if opts.no_ignore {
        builder.standard_filters(false);
    }
    if let Some(ov) = &opts.overrides {
        builder.overrides(ov.clone());
    }
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            let job = match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let path = e.path();
                    let wanted = opts.input_format.is_some() || classify_path(path) != PathClass::Ignored;
                    wanted.then(|| Job {
                        display: display_path(path),
                        source: Source::File(path.to_path_buf()),
                        size: e.metadata().map(|m| m.len()).unwrap_or(0),
                        explicit: false,
                        walk_error: None,
                    })
                }
                Ok(_) => None,
                Err(err) => walk_error_job(&err),
            };
            if let Some(job) = job {
                found.lock().unwrap_or_else(|p| p.into_inner()).push(job);
            }
            ignore::WalkState::Continue
        })
    });
    jobs.extend(found.into_inner().unwrap_or_else(|p| p.into_inner()));
}

fn walk_error_job(err: &ignore::Error) -> Option<Job> {
    let path = match err {
        ignore::Error::WithPath { path, .. } => path.clone(),
        ignore::Error::WithDepth { err, .. } => return walk_error_job(err),
        _ => return None,
    };
    Some(Job {
        display: display_path(&path),
        source: Source::File(path),
        size: 0,
        explicit: false,
        walk_error: Some(err.to_string()),
    })
}

/// Outcome of reading a job.
#[derive(Debug)]
pub enum Loaded {
    Document(Format, Document),
    Failed(Option<Format>, ExtractError),
    /// Found while walking and not a document (binary data with an unknown extension).
    Skipped,
}

/// Reads a job's bytes and extracts its document.
pub fn load(job: &Job, opts: &ReadOptions) -> Loaded {
    if let Some(e) = &job.walk_error {
        return Loaded::Failed(None, ExtractError::new(ErrorKind::Unreadable, e.clone()));
    }
    let max = opts.limits.max_file_bytes;
    let bytes = match &job.source {
        Source::Stdin => {
            let mut buf = Vec::new();
            match std::io::stdin().lock().take(max + 1).read_to_end(&mut buf) {
                Ok(_) => buf,
                Err(e) => {
                    return Loaded::Failed(None, ExtractError::new(ErrorKind::Unreadable, e.to_string()));
                }
            }
        }
        Source::File(path) => {
            let class = classify_path(path);
            let format = opts.input_format.or(match class {
                PathClass::Document(f) => Some(f),
                _ => None,
            });
            if class == PathClass::UnsupportedDocument && opts.input_format.is_none() {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                return Loaded::Failed(
                    None,
                    ExtractError::new(
                        ErrorKind::UnsupportedFormat,
                        format!("luxlint cannot read .{ext} files; convert to PDF, DOCX or text"),
                    ),
                );
            }
            if job.size > max {
                return Loaded::Failed(
                    format,
                    ExtractError::new(
                        ErrorKind::TooLarge,
                        format!("{} bytes is over the limit of {max} bytes (--max-file-size)", job.size),
                    ),
                );
            }
            match std::fs::File::open(path).and_then(|f| {
                let mut buf = Vec::new();
                f.take(max + 1).read_to_end(&mut buf).map(|_| buf)
            }) {
                Ok(b) => b,
                Err(e) => {
                    return Loaded::Failed(format, ExtractError::new(ErrorKind::Unreadable, io_reason(&e)));
                }
            }
        }
    };
    let path = match &job.source {
        Source::File(p) => Some(p.as_path()),
        Source::Stdin => None,
    };
    let format = opts.input_format.unwrap_or_else(|| extract::detect_format(path, &bytes));
    let sniffed =
        opts.input_format.is_none() && path.is_none_or(|p| !matches!(classify_path(p), PathClass::Document(_)));
    if sniffed && format == Format::Text && extract::text::looks_binary(&bytes) && !extract::text::has_text_bom(&bytes)
    {
        // Not a document by its name, and binary by its bytes.
        if !job.explicit {
            return Loaded::Skipped;
        }
        return Loaded::Failed(
            None,
            ExtractError::new(ErrorKind::UnsupportedFormat, "binary data, not a document luxlint can read"),
        );
    }
    match extract::extract(&bytes, format, &opts.limits) {
        Ok(doc) => Loaded::Document(format, doc),
        Err(e) => Loaded::Failed(Some(format), e),
    }
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs a panic hook that records the message for [`contain`] instead of printing it.
pub fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let loc = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{loc}")));
    }));
}

/// Runs `f`, turning a panic (in luxlint or a library it calls) into an error for that file.
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f))
        .map_err(|_| LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| "internal error".into()))
}

/// How many results may wait for an earlier, slower one before workers pause: bounds memory
/// whatever the batch size.
const LOOKAHEAD_PER_THREAD: usize = 32;

/// Runs `work` over `jobs` on `threads` threads and calls `deliver` with each result in job
/// order, as soon as it and every result before it are ready. A worker does not start a job
/// more than a bounded number of places ahead of the next result to deliver.
pub fn run_ordered<T: Send>(
    jobs: &[Job],
    threads: usize,
    work: impl Fn(&Job) -> T + Sync,
    mut deliver: impl FnMut(usize, T),
) -> Result<(), String> {
    let threads = threads.max(1);
    if threads == 1 || jobs.len() <= 1 {
        // Nothing to overlap: no threads to start (this is what a pre-commit hook on one
        // draft runs, and start-up is most of its time).
        for (i, job) in jobs.iter().enumerate() {
            deliver(i, work(job));
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("luxlint-{i}"))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let window = threads * LOOKAHEAD_PER_THREAD;
    let next_job = AtomicUsize::new(0);
    // The number of results delivered so far, and a signal when it moves.
    let delivered = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = crossbeam_channel::unbounded::<(usize, T)>();
    std::thread::scope(|scope| {
        let (work, next_job, delivered) = (&work, &next_job, &delivered);
        scope.spawn(move || {
            pool.broadcast(|_| {
                let tx = tx.clone();
                loop {
                    let i = next_job.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let (lock, moved) = delivered;
                    let mut done = lock.lock().unwrap_or_else(|p| p.into_inner());
                    while i >= *done + window {
                        done = moved.wait(done).unwrap_or_else(|p| p.into_inner());
                    }
                    drop(done);
                    if tx.send((i, work(job))).is_err() {
                        break;
                    }
                }
            });
            drop(tx);
        });
        let mut pending = BTreeMap::new();
        let mut next = 0usize;
        for (i, result) in rx.iter() {
            pending.insert(i, result);
            let before = next;
            while let Some(r) = pending.remove(&next) {
                deliver(next, r);
                next += 1;
            }
            if next != before {
                let (lock, moved) = &delivered;
                *lock.lock().unwrap_or_else(|p| p.into_inner()) = next;
                moved.notify_all();
            }
        }
    });
    Ok(())
}
