//! Throughput of the terminology pipeline stages on English text, in bytes per second:
//! normalisation alone, matching alone (on normalised text), and the whole scan of a document
//! (normalise + match + judge). Run with `cargo bench --bench normalize_match`.
//!
//! Input: the English documents of `corpora/` and, when present, the English laws of
//! `../shared/corpora/laws` (US, GB), repeated to at least 8 MB.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use luxlint::engine::Engine;
use luxlint::extract::Document;
use luxlint::text::normalize;

fn english_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in
        ["corpora/news", "corpora/ngo", "corpora/statutes", "../shared/corpora/laws/US", "../shared/corpora/laws/GB"]
    {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            eprintln!("note: {dir} is absent; benchmarking without it");
            continue;
        };
        files.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    files.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        !name.contains("-draft") || name.starts_with("en-")
    });
    files.retain(|p| !p.to_string_lossy().contains("/news/") || p.to_string_lossy().contains("/en-"));
    files.sort();
    let mut one = String::new();
    for f in &files {
        if let Ok(t) = std::fs::read_to_string(f) {
            one.push_str(&t);
            one.push('\n');
        }
    }
    let mut text = String::with_capacity(8 << 20);
    while text.len() < 8 << 20 {
        text.push_str(&one);
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = english_text();
    let engine = Engine::builtin().expect("built-in rules load");
    let doc = Document::from_text(text.clone());
    let normalized = normalize(&text, &[]);
    // Warm the automata once so the first sample does not pay for building them.
    let _ = engine.scan(&doc);

    let mut group = c.benchmark_group("english");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("normalize", |b| b.iter(|| normalize(&text, &[])));
    group.bench_function("match", |b| b.iter(|| engine.matcher().find(&normalized.text, &mut || Some("en"))));
    group.bench_function("scan (normalize + match + judge)", |b| b.iter(|| engine.scan(&doc)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
