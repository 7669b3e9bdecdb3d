#!/usr/bin/env bash
# Smoke test of the built binary: the command line on fresh data folders.
set -euo pipefail
bin=$(realpath "${1:-./parley}")
cd "$(dirname "$0")/.."
PARLEY_BIN="$bin" go test -count=1 -tags smoke -run Smoke .
.ci/window-smoke.sh "$bin"
.ci/keyboard-check.sh "$bin"
