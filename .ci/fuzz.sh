#!/usr/bin/env bash
# Runs every fuzz target of the repository for FUZZTIME each (default 10m),
# one after the other, and stops at the first failure. Targets that find a
# failing input leave it in the package's testdata/fuzz, where `go test`
# replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${FUZZTIME:-10m}
targets=(
	"./app/extract FuzzExtract"
	"./app/ingest FuzzRead"
	"./app/importer FuzzPropose"
	"./app/search FuzzSearch"
	"./app/search FuzzParseQuery"
	"./app/search FuzzUnmarshalIndex"
	"./app/fold FuzzFold"
	"./app FuzzSlice"
	"./app FuzzCursor"
	"./app FuzzParseTargetAndRange"
	"./app/exchange FuzzReadQDPX"
	"./app/exchange FuzzReadBackup"
)
for t in "${targets[@]}"; do
	set -- $t
	echo "== $2 ($1) for $time, from $(date -u +%H:%M:%S)"
	go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$time" -parallel "${FUZZPARALLEL:-1}" 2>&1 | tail -3
done
