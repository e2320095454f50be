#!/usr/bin/env bash
# Cost of `luxlint check` (terminology + checklist + roll-up) against `luxlint scan` over the same
# files, side by side in one run: all of ../shared/corpora/laws, 1 thread and all threads.
# Target: check costs no more than 2× scan.
#
# usage: scripts/bench-check.sh        needs: hyperfine (apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
laws=../shared/corpora/laws
if [ ! -d "$laws" ]; then
  echo "bench-check: $laws is absent (it comes with the shared corpora); nothing to measure" >&2
  exit 0
fi
command -v hyperfine >/dev/null || { echo "bench-check: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/luxlint
n=$(nproc)
work=${BENCH_DIR:-target/bench-check}
mkdir -p "$work"
mb=$(du -sm --apparent-size "$laws" | cut -f1)
echo "corpus: $laws ($(find "$laws" -type f | wc -l) files, ~$mb MB)"
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-json "$work/hyperfine.json" --style basic \
  -n "scan (1 thread)" "$bin scan --no-config -q --format json --threads 1 $laws > /dev/null || true" \
  -n "check (1 thread)" "$bin check --no-config -q --format json --threads 1 $laws > /dev/null" \
  -n "scan ($n threads)" "$bin scan --no-config -q --format json --threads $n $laws > /dev/null || true" \
  -n "check ($n threads)" "$bin check --no-config -q --format json --threads $n $laws > /dev/null" >&2
python3 - "$work/hyperfine.json" "$n" <<'PY'
import json, sys
t = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
n = sys.argv[2]
print("\n| command | median s |\n|---|---:|")
for k, v in t.items():
    print(f"| {k} | {v:.3f} |")
print()
for threads in ("1 thread", f"{n} threads"):
    ratio = t[f"check ({threads})"] / t[f"scan ({threads})"]
    print(f"check / scan, {threads}: {ratio:.2f}x (target <= 2)")
PY
