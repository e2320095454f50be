#!/usr/bin/env bash
# Latency of linting one 2-page draft, as an editor or a pre-commit hook runs it: `luxlint scan`
# on a draft in text, Markdown and DOCX, with hyperfine, side by side with `rg -i -F -f phrases`
# on the same draft and with `vale` when it is installed. Includes start-up and rule loading.
# Target: median under 10 ms for the text draft.
#
# usage: scripts/bench-latency.sh       needs: hyperfine, ripgrep (apt-get install hyperfine ripgrep)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine rg python3; do
  command -v "$tool" >/dev/null || { echo "bench-latency: $tool is missing" >&2; exit 2; }
done
cargo build --release --quiet
bin=$PWD/target/release/luxlint
work=${BENCH_DIR:-target/bench-latency}
rm -rf "$work"; mkdir -p "$work"
# A 2-page draft (~1,000 words) from the project's own English samples.
python3 - "$work" <<'PY'
import sys, zipfile, html, pathlib
work = pathlib.Path(sys.argv[1])
src = pathlib.Path("corpora/news/en-court-report-draft.txt").read_text() + "\n" + pathlib.Path("corpora/ngo/en-annual-report-2025.md").read_text()
words = src.split()
text = " ".join(words)
while len(text.split()) < 1000:
    text += " " + " ".join(words)
paras = [" ".join(text.split()[i:i + 80]) for i in range(0, 1000, 80)]
(work / "draft.txt").write_text("\n\n".join(paras) + "\n")
(work / "draft.md").write_text("# Draft\n\n" + "\n\n".join(paras) + "\n")
body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{html.escape(p)}</w:t></w:r></w:p>" for p in paras)
doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
       + body + '</w:body></w:document>')
with zipfile.ZipFile(work / "draft.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("word/document.xml", doc)
PY
"$bin" rules --phrases > "$work/phrases.txt"
cmds=(-n "luxlint scan draft.txt" "$bin scan --no-config -q --format jsonl $work/draft.txt"
      -n "luxlint scan draft.md" "$bin scan --no-config -q --format jsonl $work/draft.md"
      -n "luxlint scan draft.docx" "$bin scan --no-config -q --format jsonl $work/draft.docx"
      -n "rg -i -F -f phrases draft.txt" "rg -i -F -f $work/phrases.txt $work/draft.txt")
if command -v vale >/dev/null; then
  cmds+=(-n "vale draft.md" "vale --no-exit $work/draft.md")
else
  echo "note: vale is not installed; it is left out" >&2
fi
hyperfine -N --warmup 5 --runs "${RUNS:-50}" -i --export-json "$work/hyperfine.json" --style basic "${cmds[@]}" >&2
python3 - "$work/hyperfine.json" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
print("\n| command | median ms | mean ms |\n|---|---:|---:|")
for r in res:
    print(f"| {r['command']} | {r['median']*1000:.1f} | {r['mean']*1000:.1f} |")
t = {r["command"]: r["median"] for r in res}
print(f"\ntext draft: {t['luxlint scan draft.txt']*1000:.1f} ms median (target < 10 ms)")
PY
