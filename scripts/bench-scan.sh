#!/usr/bin/env bash
# Throughput of `luxlint scan`, side by side in one run with ripgrep on the same phrase list and
# `cat` of the same files (the floor), over a ≥200 MB corpus of ≥1,000 files built from
# corpora/ and ../shared/corpora/laws (skipped when absent).
#
# usage: scripts/bench-scan.sh [MEGABYTES]      (default 200)
# needs: ripgrep, hyperfine, GNU time (apt-get install ripgrep hyperfine time)
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${1:-200}
work=${BENCH_DIR:-target/bench-scan}
bin=target/release/luxlint

for tool in rg hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-scan: $tool is missing (apt-get install ripgrep hyperfine time)" >&2; exit 2; }
done
cargo build --release --quiet

# --- corpus -----------------------------------------------------------------------------------
sources=(corpora)
if [ -d ../shared/corpora/laws ]; then
  sources+=(../shared/corpora/laws)
else
  echo "note: ../shared/corpora/laws is absent; building the corpus from corpora/ only" >&2
fi
mapfile -t seeds < <(find "${sources[@]}" -type f \( -name '*.txt' -o -name '*.md' \) | sort)
english=()
for f in "${seeds[@]}"; do
  case "$f" in */laws/US/*|*/laws/GB/*|*/en-*) english+=("$f") ;; esac
done
build() { # build DIR MB FILES...
  local dir=$1 mb=$2; shift 2
  rm -rf "$dir"; mkdir -p "$dir"
  local total=0 copy=0 want=$((mb * 1024 * 1024))
  while [ "$total" -lt "$want" ]; do
    mkdir -p "$dir/$copy"
    for f in "$@"; do
      cp "$f" "$dir/$copy/$(echo "$f" | sed 's,^\(\.\./\)*,,' | tr '/' '_')"
      total=$((total + $(stat -c %s "$f")))
    done
    copy=$((copy + 1))
  done
}
build "$work/all" "$target_mb" "${seeds[@]}"
build "$work/english" "$((target_mb / 2))" "${english[@]}"
"$bin" rules --phrases > "$work/phrases.txt"

size_mb() { du -sm --apparent-size "$1" | cut -f1; }
files() { find "$1" -type f | wc -l; }
all_mb=$(size_mb "$work/all"); all_files=$(files "$work/all")
en_mb=$(size_mb "$work/english")
echo "corpus: $all_mb MB in $all_files files (mixed languages); $en_mb MB English; $(wc -l < "$work/phrases.txt") phrases"
nproc_all=$(nproc)

# Warm the page cache so every command reads from memory.
cat "$work"/all/*/* "$work"/english/*/* > /dev/null

# --- timings ----------------------------------------------------------------------------------
json="$work/hyperfine.json"
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$json" --style basic \
  -n "cat (floor)" "cat $work/all/*/* > /dev/null" \
  -n "rg -i -F -f phrases (all threads)" "rg -i -F -f $work/phrases.txt $work/all > /dev/null || true" \
  -n "rg -i -F -f phrases (1 thread)" "rg -j1 -i -F -f $work/phrases.txt $work/all > /dev/null || true" \
  -n "luxlint scan jsonl (1 thread)" "$bin scan --format jsonl --threads 1 -q $work/all > /dev/null || true" \
  -n "luxlint scan jsonl ($nproc_all threads)" "$bin scan --format jsonl --threads $nproc_all -q $work/all > /dev/null || true" \
  -n "luxlint scan English (1 thread)" "$bin scan --format jsonl --threads 1 -q $work/english > /dev/null || true" \
  -n "rg English (1 thread)" "rg -j1 -i -F -f $work/phrases.txt $work/english > /dev/null || true" >&2

# Peak memory of the batch (GNU time reports KiB).
rss_kb=$( { /usr/bin/time -f "%M" "$bin" scan --format jsonl --threads "$nproc_all" -q "$work/all" > /dev/null || true; } 2>&1 | tail -1)

python3 - "$json" "$all_mb" "$en_mb" "$rss_kb" "$nproc_all" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
all_mb, en_mb, rss_kb, n = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
t = {r["command"]: r["median"] for r in data["results"]}
def row(name, mb):
    return f"| {name} | {t[name]:.3f} | {mb / t[name]:.0f} |"
print("\n| command | median s | MB/s |\n|---|---:|---:|")
for name in t:
    print(row(name, en_mb if "English" in name else all_mb))
lux1, luxn = t["luxlint scan jsonl (1 thread)"], t[f"luxlint scan jsonl ({n} threads)"]
rg = t["rg -i -F -f phrases (all threads)"]
en = en_mb / t["luxlint scan English (1 thread)"]
print()
print(f"single-thread English throughput: {en:.0f} MB/s (target >= 150)")
print(f"luxlint ({n} threads) / rg (all threads) wall time: {luxn / rg:.2f}x (target <= 1.5)")
print(f"speed-up 1 -> {n} threads: {lux1 / luxn:.2f}x (target >= 1.7)")
print(f"peak RSS, {n} threads: {rss_kb / 1024:.1f} MB (target < 100)")
PY
