#!/usr/bin/env bash
# The README's screenshots: the real window on the seed case under Xvfb,
# in the light and the dark theme, with an actor and one of its statements
# selected, written to docs/img/window-light.png and window-dark.png.
# Usage: .ci/screenshots.sh [BINARY] [SIZE]   (SIZE defaults to 1440x900)
set -euo pipefail
bin=$(realpath "${1:-./parley}")
size=${2:-1440x900}
cd "$(dirname "$0")/.."
mkdir -p docs/img
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export bin work size
for variant in light dark; do
	export variant
	# A fresh casebook and fresh preferences, so that the theme follows
	# FYNE_THEME and nothing of an earlier run shows.
	XDG_CONFIG_HOME="$work/config-$variant" FYNE_THEME=$variant xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
		set -u
		"$bin" --data "$work/data-$variant" >"$work/$variant.log" 2>&1 &
		pid=$!
		win=""
		for _ in $(seq 1 120); do
			win=$(xdotool search --name "^Parley$" 2>/dev/null | head -n1 || true)
			[ -n "$win" ] && break
			sleep 0.5
		done
		[ -n "$win" ] || { echo "no window"; cat "$work/$variant.log"; exit 1; }
		# Fill the screen, whatever size the window last had.
		xdotool windowsize "$win" ${size%x*} ${size#*x}
		sleep 3
		# The most quoted actor, then the first of its statements, by keyboard.
		xdotool key --window "$win" ctrl+l
		sleep 0.5
		xdotool search --name "^Parley$" windowactivate --sync 2>/dev/null || true
		xdotool mousemove 120 $(( ${size#*x} * 70 / 100 )) click 1
		sleep 1
		xdotool key ctrl+l Down Return
		sleep 2
		import -window root "docs/img/window-$variant.png"
		kill $pid
		wait $pid 2>/dev/null || true
	'
	echo "docs/img/window-$variant.png"
done
