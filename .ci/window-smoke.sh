#!/usr/bin/env bash
# The real window under Xvfb: start the binary on a fresh data folder, wait
# for its window, take a screenshot, click an actor, take another, and fail
# if the window never appeared, shows nothing, or does not answer a click.
set -euo pipefail
bin=$(realpath "${1:-./parley}")
out=${2:-$(mktemp -d)}
mkdir -p "$out"
if [ "$(uname -s)" != Linux ]; then
	echo "window smoke test: skipped (needs Linux and Xvfb)"
	exit 0
fi
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export bin data out
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
	set -u
	"$bin" --data "$data" >"$out/parley.log" 2>&1 &
	pid=$!
	win=""
	for _ in $(seq 1 120); do
		win=$(xdotool search --name "^Parley$" 2>/dev/null | head -n1 || true)
		[ -n "$win" ] && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.5
	done
	if [ -z "$win" ]; then
		echo "window smoke test: no Parley window appeared"; cat "$out/parley.log"; kill $pid 2>/dev/null; exit 1
	fi
	sleep 3
	import -window root "$out/start.png"
	# The first actor row (Blinken, the most quoted) sits below the map on the left.
	xdotool mousemove 120 640 click 1
	sleep 2
	import -window root "$out/actor.png"
	xdotool key Escape
	sleep 1
	kill $pid
	wait $pid 2>/dev/null || true
'
colors=$(identify -format %k "$out/start.png")
if [ "$colors" -lt 200 ]; then
	echo "window smoke test: the window shows almost nothing ($colors colours): $out/start.png"
	exit 1
fi
changed=$(compare -metric AE "$out/start.png" "$out/actor.png" /dev/null 2>&1 || true)
if [ "${changed%% *}" -lt 1000 ] 2>/dev/null; then
	echo "window smoke test: clicking an actor changed nothing ($changed pixels): $out/actor.png"
	exit 1
fi
echo "window smoke test: ok ($colors colours; a click changed $changed pixels; screenshots in $out)"
