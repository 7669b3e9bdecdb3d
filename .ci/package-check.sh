#!/usr/bin/env bash
# Checks the Linux archive the way a user installs it: unpack, install into
# a scratch root with its own Makefile, and start the installed binary under
# Xvfb with --startup-probe, which exits once the first frame is drawn.
set -euo pipefail
archive=$(realpath "${1:-dist/Parley.tar.xz}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tar -xJf "$archive" -C "$dir"
make -s -C "$dir/parley" install DESTDIR="$dir/root" PREFIX=/usr
test -f "$dir/root/usr/share/applications/io.parley.casebook.desktop"
test -f "$dir/root/usr/share/pixmaps/io.parley.casebook.png"
out=$(xvfb-run -a -s "-screen 0 1440x900x24" "$dir/root/usr/bin/parley" --data "$dir/data" --startup-probe 2>/dev/null)
echo "$out" | grep -q '"window":"parley"' || { echo "package check: the installed parley did not start: $out"; exit 1; }
echo "package check: installed from the archive, started under Xvfb: $out"
