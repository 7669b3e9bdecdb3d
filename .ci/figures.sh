#!/usr/bin/env bash
# Measures the figures the README's table quotes, side by side in one run:
# start-up time and resident memory of Parley on the seed case and on a
# generated 100,000-statement casebook against a bare Fyne window built into
# the same binary (--startup-probe, --bare), each the median of RUNS runs
# under Xvfb; a cold `parley search` against SQLite's FTS5 on the same data;
# then the benchmarks and the extraction scores.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
bin=${BIN:-./parley}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== figures, $(date -u +%Y-%m-%d), $(nproc) cores, $(go version | cut -d' ' -f3)"
"$bin" --data "$work/seed" dump >/dev/null # loads the seed case
echo "generating 100,000 statements and 20,000 notes…"
"$bin" --data "$work/big" gen --statements 100000 --notes 20000 >/dev/null

export bin work runs
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
	# A probe that has not quit in a minute is stopped (its line is then
	# missing): once in some 300 runs the bare window hung at quit.
	for i in $(seq 1 "$runs"); do
		timeout 60 "$bin" --startup-probe --bare
		timeout 60 "$bin" --data "$work/seed" --startup-probe
		timeout 60 "$bin" --data "$work/big" --startup-probe
	done 2>/dev/null' >"$work/probes.jsonl"

python3 - "$work/probes.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
def med(kind, key, big):
    xs = [r[key] for r in rows if r["window"] == kind and (r.get("statements", 0) > 1000) == big]
    return statistics.median(xs), len(xs)
bare_t, n = med("bare", "startup_ms", False)
bare_p, _ = med("bare", "painted_ms", False)
bare_m, _ = med("bare", "rss_settled_mb", False)
print(f"bare window:        start {bare_t:6.0f} ms   resident {bare_m:6.1f} MB   ({n} runs, medians)")
for label, big, tt, tm in (("seed case", False, 1.2, 30), ("100,000 statements", True, 1.5, 40)):
    t, n = med("parley", "startup_ms", big)
    p, _ = med("parley", "painted_ms", big)
    m, _ = med("parley", "rss_settled_mb", big)
    f, _ = med("parley", "rss_first_frame_mb", big)
    print(f"parley, {label:18s} start {t:6.0f} ms = {t/bare_t:4.2f}x bare (target {tt}x)   "
          f"resident {m:6.1f} MB = bare + {m-bare_m:5.1f} MB (target + {tm}); at the first frame {f:.1f} MB")
    print(f"    to the probe's raster drawn: {p:.0f} ms against the bare window's {bare_p:.0f} ms = {p/bare_p:4.2f}x")
PY

echo "== search from a cold process: parley search against SQLite FTS5 on the same statements and notes"
python3 .ci/fts5.py "$bin" "$work/big" "$work"

echo "== benchmarks"
go test -tags ci -run '^$' -bench 'BenchmarkStatementsByActor' -benchmem ./storage | grep Benchmark
go test -tags ci -run '^$' -bench 'BenchmarkListNotes' -benchmem ./app | grep Benchmark
go test -tags ci -run '^$' -bench 'BenchmarkSelectionScene|BenchmarkFilterScene|BenchmarkNewSession' -benchmem ./app/session | grep Benchmark
go test -tags ci -run '^$' -bench 'BenchmarkSearch' -benchmem ./app/search | grep Benchmark
go test -tags ci -run '^$' -bench 'BenchmarkDrawMap|BenchmarkMapRaster|BenchmarkMapPlacement' -benchmem ./views/mapview | grep Benchmark
go test -tags ci -run '^$' -bench 'BenchmarkOpen200KB' -benchmem ./views/reader | grep Benchmark
go test -run '^$' -bench 'BenchmarkExtract' -benchmem -cpu 1 ./app/extract | grep Benchmark
echo "== extraction on PolNeAR dev (needs ../shared)"
go test -run TestPolNeARDev -v ./app/extract | grep -E "PolNeAR dev|SKIP" || true
