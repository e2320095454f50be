//! A progress bar on standard error for long batches: files done / total, MB/s, ETA.
//! Only on a terminal, and never with `--quiet`.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Batches smaller than this finish before a bar would help.
const MIN_FILES: usize = 2;

pub struct Progress {
    bar: Option<ProgressBar>,
    files_total: usize,
    files_done: usize,
}

impl Progress {
    pub fn new(files: usize, bytes: u64, quiet: bool) -> Self {
        let show = !quiet && files >= MIN_FILES && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(Some(bytes.max(1)), ProgressDrawTarget::stderr_with_hz(8));
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {msg} files  {binary_bytes_per_sec}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(250));
            bar.set_message(format!("0/{files}"));
            bar
        });
        Self { bar, files_total: files, files_done: 0 }
    }

    pub fn file_done(&mut self, bytes: u64) {
        self.files_done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{}/{}", self.files_done, self.files_total));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
