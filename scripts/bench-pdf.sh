#!/usr/bin/env bash
# PDF extraction benchmark: luxlint against pdftotext (default and -layout) and mutool.
#
# Over ../shared/corpora/pdf/real/*.pdf and the UN PDFs under ../shared/corpora/un/, it
# reports, side by side in one run:
#   - pages per second for each tool over the whole corpus, one file at a time (one thread;
#     the tools interleaved file by file, so that changes in the machine's load touch them
#     alike), and for luxlint and pdftotext with all cores (xargs -P), plus
#     `luxlint scan --threads`;
#   - per file, the word recall of luxlint's text against pdftotext's (the share of
#     pdftotext's word tokens, as a multiset, that luxlint also produced), the share of
#     luxlint's words pdftotext did not produce, and the recall against mutool as a second
#     opinion (where pdftotext garbles a file, the two references disagree).
#
# Words are \w+ runs after NFKC and case folding. Both texts are de-hyphenated the same way
# first (a hyphen at a line end before a lower-case letter joins the word): pdftotext does that
# itself, and luxlint's normaliser does it before matching, so the raw split halves would
# otherwise count as misses.
#
# Needs: cargo, python3, pdftotext and pdfinfo (apt-get install poppler-utils), mutool
# (apt-get install mupdf-tools). Usage: scripts/bench-pdf.sh [CORPUS_DIR…]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED_DIR:-$here/../shared}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
threads="${THREADS:-$(nproc)}"

for tool in pdftotext pdfinfo mutool python3; do
    command -v "$tool" >/dev/null || { echo "bench-pdf: $tool is missing (apt-get install poppler-utils mupdf-tools python3)" >&2; exit 2; }
done

(cd "$here" && cargo build --release --quiet)
luxlint="$CARGO_TARGET_DIR/release/luxlint"

files=()
if [ $# -gt 0 ]; then
    for dir in "$@"; do while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -name '*.pdf' | sort); done
else
    while IFS= read -r f; do files+=("$f"); done < <(
        { find "$shared/corpora/pdf/real" -name '*.pdf'; find "$shared/corpora/un" -name '*.pdf'; } 2>/dev/null | sort)
fi
[ ${#files[@]} -gt 0 ] || { echo "bench-pdf: no PDFs found under $shared/corpora" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{lux,pt,ptl,mu,rc}

# Page counts, and the files read once so that every tool starts from a warm cache.
pages=0
for i in "${!files[@]}"; do
    n=$(pdfinfo "${files[$i]}" 2>/dev/null | awk '/^Pages:/ {print $2}')
    echo "${n:-0}" > "$work/rc/$i.pages"
    pages=$((pages + ${n:-0}))
    cat "${files[$i]}" > /dev/null
done

now() { date +%s%N; }
lux_one() { timeout 60 "$luxlint" extract "$1" > "$2"; }
pt_one() { timeout 60 pdftotext "$1" "$2"; }
ptl_one() { timeout 60 pdftotext -layout "$1" "$2"; }
mu_one() { timeout 60 mutool draw -q -F txt -o "$2" "$1"; }
export -f lux_one pt_one ptl_one mu_one
export luxlint

# One thread: every file in turn, the tools interleaved file by file so that a change in
# the machine's load touches them alike. Nanoseconds per tool are summed.
declare -A total=([lux]=0 [pt]=0 [ptl]=0 [mu]=0)
for i in "${!files[@]}"; do
    for name in lux pt ptl mu; do
        start=$(now)
        set +e
        "${name}_one" "${files[$i]}" "$work/$name/$i.txt" 2>/dev/null
        echo $? > "$work/rc/$i.$name"
        set -e
        total[$name]=$(( ${total[$name]} + $(now) - start ))
    done
done
for name in lux pt ptl mu; do echo "scale=3; ${total[$name]} / 1000000000" | bc > "$work/$name.secs"; done

# All cores: every file as its own process, `threads` at a time.
parallel() {
    local name=$1 fn=$2
    local start; start=$(now)
    for i in "${!files[@]}"; do printf '%s\0%s\0' "${files[$i]}" "$work/$name-par-$i.txt"; done |
        xargs -0 -n 2 -P "$threads" bash -c "$fn \"\$0\" \"\$1\" 2>/dev/null || true"
    echo "scale=3; ($(now) - $start) / 1000000000" | bc > "$work/$name-par.secs"
}
parallel lux lux_one
parallel pt pt_one
start=$(now)
"$luxlint" scan --threads "$threads" --format jsonl "${files[@]}" > /dev/null 2>&1 || true
echo "scale=3; ($(now) - $start) / 1000000000" | bc > "$work/scan.secs"

python3 - "$work" "$pages" "$threads" "${files[@]}" <<'PY'
import collections, os, re, statistics, sys, unicodedata

work, pages, threads, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
hyphen = re.compile(r'(\w)[-\u2010\u00ad]\s*\n\s*(?=[a-z\u00e0-\u00ff])')

def words(path):
    try:
        t = open(path, encoding='utf-8', errors='replace').read()
    except FileNotFoundError:
        return collections.Counter()
    t = hyphen.sub(r'\1', unicodedata.normalize('NFKC', t))
    return collections.Counter(re.findall(r'\w+', t.casefold()))

def recall(got, ref):
    n = sum(ref.values())
    return sum((got & ref).values()) / n if n else None

def rc(i, name):
    try:
        return int(open(f'{work}/rc/{i}.{name}').read())
    except (FileNotFoundError, ValueError):
        return -1

def fmt(x):
    return '   -  ' if x is None else f'{x:6.3f}'

rows, recalls, short, doubt = [], [], [], []
for i, f in enumerate(files):
    lux, pt, mu = words(f'{work}/lux/{i}.txt'), words(f'{work}/pt/{i}.txt'), words(f'{work}/mu/{i}.txt')
    r, rm = recall(lux, pt), recall(lux, mu)
    extra = (sum(lux.values()) - sum((lux & pt).values())) / sum(lux.values()) if lux else None
    agree = recall(mu, pt)
    note = []
    pt_failed = rc(i, 'pt') != 0 or not pt
    if pt_failed:
        note.append('pdftotext failed' if rc(i, 'pt') != 0 else 'pdftotext: no text')
    if rc(i, 'lux') != 0:
        note.append('luxlint: error (see `luxlint extract`)')
    if agree is not None and agree < 0.9:
        note.append(f'mutool agrees with pdftotext on {agree:.0%} of its words')
    if r is not None and not pt_failed:
        recalls.append(r)
        if r < 0.90:
            (doubt if agree is not None and agree < 0.9 else short).append(os.path.basename(f))
    rows.append((os.path.basename(f), open(f'{work}/rc/{i}.pages').read().strip(), r, extra, rm, '; '.join(note)))

w = max(len(r[0]) for r in rows)
print(f"{'file':<{w}}  pages  recall  extra  vs-mutool  note")
for name, n, r, extra, rm, note in rows:
    print(f'{name:<{w}}  {n:>5}  {fmt(r)}  {fmt(extra)}  {fmt(rm)}     {note}')
print()
if recalls:
    print(f'median word recall against pdftotext: {statistics.median(recalls):.4f} over {len(recalls)} files '
          f'(mean {statistics.mean(recalls):.4f}, lowest {min(recalls):.4f})')
print('files below 0.90 where pdftotext and mutool agree:', ', '.join(short) or 'none')
print('files below 0.90 where they do not (pdftotext garbles the text):', ', '.join(doubt) or 'none')
print()
secs = lambda name: float(open(f'{work}/{name}.secs').read())
print(f'{pages} pages in {len(files)} files')
print(f"{'tool':<34} {'seconds':>8} {'pages/s':>9}")
for label, name in [('luxlint extract (1 thread)', 'lux'), ('pdftotext (1 thread)', 'pt'),
                    ('pdftotext -layout (1 thread)', 'ptl'), ('mutool draw -F txt (1 thread)', 'mu'),
                    (f'luxlint extract (xargs -P {threads})', 'lux-par'),
                    (f'pdftotext (xargs -P {threads})', 'pt-par'),
                    (f'luxlint scan --threads {threads}', 'scan')]:
    s = secs(name)
    print(f'{label:<34} {s:8.2f} {pages / s:9.1f}')
print(f"luxlint 1 thread / pdftotext 1 thread: {secs('pt') / secs('lux'):.2f}x; "
      f"luxlint all threads / pdftotext 1 thread: {secs('pt') / secs('lux-par'):.2f}x")
PY
